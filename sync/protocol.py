"""The wire format of Koers sync, shared by the client and the server. Version 1.

A change is one journal row of a device: the fields it set on one record, all under one
hybrid logical clock (a created record carries all its fields, `created` true). Field values
are column values (text, numbers, null); nested data travels as the JSON text it is stored as.
A text value is at most as long as its field allows (storage/field_limits.py, the same limits
the app's services apply); the server refuses a change that holds a longer one.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

PROTOCOL_VERSION = 1
MAX_BATCH = 500
MAX_SEQ = 2**63 - 1


class Change(BaseModel):
    change_id: str = Field(min_length=1, max_length=64)
    record_type: str = Field(min_length=1, max_length=40)
    record_id: str = Field(min_length=1, max_length=64)
    fields: dict[str, Any]
    # wall-clock ms : counter : device id (see storage/hlc.py)
    hlc: str = Field(pattern=r"^[0-9]{15}:[0-9]{5}:[A-Za-z0-9_-]{1,64}$")
    device_id: str = Field(min_length=1, max_length=64)
    created: bool = False


class ServerChange(Change):
    seq: int


class EnrollRequest(BaseModel):
    user: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    device_name: str = Field(default="laptop", max_length=100)


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    expires_at: str


class PushRequest(BaseModel):
    protocol: int = PROTOCOL_VERSION
    changes: list[Change] = Field(max_length=MAX_BATCH)


class Rejection(BaseModel):
    change_id: str
    reason: str


class PushResponse(BaseModel):
    accepted: list[str]
    rejected: list[Rejection]


class PullRequest(BaseModel):
    protocol: int = PROTOCOL_VERSION
    cursor: int = Field(ge=0, le=MAX_SEQ)
    limit: int = Field(default=MAX_BATCH, ge=1, le=MAX_BATCH)


class PullResponse(BaseModel):
    changes: list[ServerChange]
    cursor: int
    more: bool
    visible_cases: list[str]


class CaseHistory(BaseModel):
    case_id: str
    changes: list[ServerChange]


class Me(BaseModel):
    user: str
    role: str
    team: str | None
    device_id: str


class ErrorBody(BaseModel):
    detail: str
    wipe: bool = False


# Record types a change may name; the vault's record types must match (tested).
RECORD_TYPES = (
    "case",
    "screening",
    "contact",
    "safety_plan",
    "agreement",
    "breach",
    "breach_follow_up",
    "goal",
    "action",
    "zrm_assessment",
    "handover_note",
    "case_discussion",
    "social_map_entry",
    "programme",
    "household_member",
    "danger_person",
    "case_partner",
    "closure",
    "reopening",
)
# Shared by the whole organisation rather than held in a case.
ORGANISATION_RECORD_TYPES = ("social_map_entry", "programme")
ROLES = ("worker", "gedragswetenschapper", "teamleider", "beheerder")
