"""The wire format of Koers sync, shared by the client and the server. Version 1.

A change is one journal row of a device: the fields it set on one record, all under one
hybrid logical clock (a created record carries all its fields, `created` true). Field values
are column values (text, numbers, null); nested data travels as the JSON text it is stored as.
What each record type's fields hold, how long and in which shape, is the schema in
sync/schema.py (the same limits the app's services apply): the server refuses a change that
does not fit it (code INVALID), and a laptop sets aside one it receives that does not.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple

from pydantic import BaseModel, Field, field_validator

from sync.safe_text import name_problem

PROTOCOL_VERSION = 1
MAX_BATCH = 500
MAX_SEQ = 2**63 - 1
# The device part of a hybrid logical clock stamp (storage/hlc.py): the vault's clock id.
CLOCK_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
# wall-clock ms (15 digits) : counter (5 digits) : clock id
HLC_PATTERN = r"^[0-9]{15}:[0-9]{5}:[A-Za-z0-9_-]{1,64}$"
# The clock id the server stamps its own changes with (an assignment writing `worker`).
SERVER_CLOCK_ID = "server"


# Longest id and record type (characters), for the model and pull_batch's own checks.
ID_MAX = 64
RECORD_TYPE_MAX = 40


class Change(BaseModel):
    change_id: str = Field(min_length=1, max_length=ID_MAX)
    record_type: str = Field(min_length=1, max_length=RECORD_TYPE_MAX)
    record_id: str = Field(min_length=1, max_length=ID_MAX)
    fields: dict[str, Any]
    hlc: str = Field(pattern=HLC_PATTERN)
    # The server sets this from the device token (the clock id registered at enrolment);
    # what a laptop sends here is not believed.
    device_id: str | None = Field(default=None, max_length=ID_MAX)
    created: bool = False


class ServerChange(Change):
    seq: int


# The longest password any door takes (enrolment, a password change, the console, the
# shell): one limit, so a password set anywhere can be used everywhere.
MAX_PASSWORD = 1000


class EnrollRequest(BaseModel):
    user: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD)
    device_name: str = Field(default="laptop", max_length=100)
    # The device id the vault's HLC stamps carry; a push whose stamps name another is refused.
    clock_id: str | None = Field(default=None, pattern=CLOCK_ID_PATTERN)

    @field_validator("device_name")
    @classmethod
    def _a_plain_name(cls, value: str) -> str:
        # Shown in the console, the shell's lists and the audit's CSV (sync/safe_text.py).
        problem = name_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value


# The detail of a 403 on POST /v1/password when the current password is wrong (the client
# tells it apart from a disabled account's 403 by this text).
WRONG_CURRENT_PASSWORD = "the current password is wrong"


class PasswordChangeRequest(BaseModel):
    """POST /v1/password: the account comes from the device token, never from this body."""

    old: str = Field(min_length=1, max_length=MAX_PASSWORD)
    new: str = Field(min_length=1, max_length=MAX_PASSWORD)


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    expires_at: str
    server_time_ms: int = 0


class PushRequest(BaseModel):
    protocol: int = PROTOCOL_VERSION
    changes: list[Change] = Field(max_length=MAX_BATCH)


# Why a change was refused, for the client to act on (the reason text is for people).
REFUSED = "refused"  # kept on the laptop, shown to the worker; the case is never purged
INVALID = "invalid"  # does not match its record type's schema (sync/schema.py)
CLOCK_AHEAD = "clock_ahead"  # stamped ahead of the server's time: re-stamp and push again
KEPT_LATE = "kept_late"  # the case moved: the server keeps it as a late arrival (not lost)


class Rejection(BaseModel):
    change_id: str
    reason: str
    code: str = REFUSED


class PushResponse(BaseModel):
    accepted: list[str]
    rejected: list[Rejection]
    server_time_ms: int = 0


class PullRequest(BaseModel):
    protocol: int = PROTOCOL_VERSION
    cursor: int = Field(ge=0, le=MAX_SEQ)
    limit: int = Field(default=MAX_BATCH, ge=1, le=MAX_BATCH)


class PullResponse(BaseModel):
    changes: list[ServerChange]
    cursor: int
    more: bool
    visible_cases: list[str]
    server_time_ms: int = 0


class PulledChange(NamedTuple):
    """One change of a pull answer as plain values: what ServerChange holds, checked as
    ServerChange checks it (see pull_batch)."""

    change_id: str
    record_type: str
    record_id: str
    fields: dict[str, Any]
    hlc: str
    device_id: str | None
    created: bool
    seq: int


class PullBatch(NamedTuple):
    """A pull answer as plain values (PullResponse without a model per change)."""

    changes: list[PulledChange]
    cursor: int
    more: bool
    visible_cases: list[str]
    server_time_ms: int = 0


# HLC_PATTERN as a full match (pydantic's `$` is the end of the text: no newline before it).
_HLC_FULL = re.compile(HLC_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
_STR, _INT, _BOOL, _DICT, _LIST = str, int, bool, dict, list


def _plain_str(value: Any, longest: int, shortest: int = 1) -> bool:
    """Whether `value` is text that a str field of these lengths takes as it is (pydantic
    refuses a lone surrogate in a field with a length limit)."""
    return (
        type(value) is _STR
        and shortest <= len(value) <= longest
        and (value.isascii() or _encodable(value))
    )


_ChangeParts = tuple[str, str, str, dict[str, Any], str, "str | None", bool]


def _change_parts(change: Any) -> _ChangeParts | None:
    """A pushed or pulled change's parsed JSON as (change_id, record_type, record_id, fields,
    hlc, device_id, created) when each has exactly the type the Change model asks for and
    passes its checks (lengths, the HLC pattern, device id length); None otherwise. The one
    check push_changes and pull_batch share (pull_batch checks `seq` besides)."""
    if type(change) is not _DICT:
        return None
    get: Any = change.get
    change_id, record_type, record_id = get("change_id"), get("record_type"), get("record_id")
    fields, hlc = get("fields"), get("hlc")
    device_id, created = get("device_id"), get("created", False)
    if not (
        _plain_str(change_id, ID_MAX)
        and _plain_str(record_type, RECORD_TYPE_MAX)
        and _plain_str(record_id, ID_MAX)
        and type(fields) is _DICT
        and type(hlc) is _STR
        and _HLC_FULL(hlc) is not None
        and (device_id is None or _plain_str(device_id, ID_MAX, 0))
        and type(created) is _BOOL
    ):
        return None
    return change_id, record_type, record_id, fields, hlc, device_id, created


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def pull_batch(data: Any) -> PullBatch | None:
    """A pull answer's parsed JSON (`data`, as json.loads gives it) as a PullBatch, when every
    value has exactly the type PullResponse asks for and passes its checks (lengths, the HLC
    pattern, device id length); None for anything else, which the caller validates with
    PullResponse (its coercions and its errors), so the two give the same changes. A change
    per pull is checked here as ServerChange checks it; sync/schema.py's checks of the
    fields come when it is applied, as before."""
    if type(data) is not _DICT:
        return None
    changes = data.get("changes")
    cursor = data.get("cursor")
    more = data.get("more")
    visible = data.get("visible_cases")
    server_time = data.get("server_time_ms", 0)
    if (
        type(changes) is not _LIST
        or type(cursor) is not _INT
        or type(more) is not _BOOL
        or type(visible) is not _LIST
        or type(server_time) is not _INT
        or not all(type(case_id) is _STR for case_id in visible)
    ):
        return None
    pulled: list[PulledChange] = []
    append = pulled.append
    for change in changes:
        parts = _change_parts(change)
        if parts is None:
            return None
        seq = change.get("seq")
        if type(seq) is not _INT:
            return None
        append(PulledChange(*parts, seq))
    return PullBatch(pulled, cursor, more, visible, server_time)


class PushedChange(NamedTuple):
    """One change of a push request as plain values: what Change holds, checked as Change
    checks it (see push_changes). The server's push takes these and Change models alike."""

    change_id: str
    record_type: str
    record_id: str
    fields: dict[str, Any]
    hlc: str
    device_id: str | None
    created: bool


# A change as the server's push takes it: read from a request (PushedChange) or made by the
# server itself or a test (Change).
IncomingChange = Change | PushedChange


def push_changes(data: Any) -> list[PushedChange] | None:
    """A push request's parsed JSON (`data`, as json.loads gives it) as its changes, when
    every value has exactly the type PushRequest asks for and passes its checks (at most
    MAX_BATCH changes, lengths, the HLC pattern, device id length; unknown keys ignored, as
    the model ignores them); None for anything else, which the caller validates with
    PushRequest (its coercions and its errors), so the two give the same changes. The
    fields are checked against sync/schema.py when the change is applied, as before."""
    if type(data) is not _DICT:
        return None
    changes = data.get("changes")
    if (
        type(changes) is not _LIST
        or len(changes) > MAX_BATCH
        or type(data.get("protocol", PROTOCOL_VERSION)) is not _INT
    ):
        return None
    pushed: list[PushedChange] = []
    append = pushed.append
    for change in changes:
        parts = _change_parts(change)
        if parts is None:
            return None
        append(PushedChange(*parts))
    return pushed


def pushed_of(request: PushRequest) -> list[PushedChange]:
    """A validated PushRequest's changes as PushedChange (the same values)."""
    return [
        PushedChange(
            c.change_id, c.record_type, c.record_id, c.fields, c.hlc, c.device_id, c.created
        )
        for c in request.changes
    ]


def batch_of(answer: PullResponse) -> PullBatch:
    """A validated PullResponse as a PullBatch (the same values)."""
    return PullBatch(
        [
            PulledChange(
                c.change_id,
                c.record_type,
                c.record_id,
                c.fields,
                c.hlc,
                c.device_id,
                c.created,
                c.seq,
            )
            for c in answer.changes
        ],
        answer.cursor,
        answer.more,
        answer.visible_cases,
        answer.server_time_ms,
    )


class LateArrival(BaseModel):
    """A change refused because its case had moved to another worker, kept by the server
    until the new holder or a teamleider accepts it into the case."""

    id: int
    case_id: str
    change: Change
    from_user: str
    received_at: str  # ISO 8601 UTC, the server's time
    accepted_at: str | None = None


class CaseHistory(BaseModel):
    case_id: str
    changes: list[ServerChange]


class Me(BaseModel):
    user: str  # the account's name (never the laptop's)
    role: str
    team: str | None
    device_id: str
    device_name: str = ""
    server_time_ms: int = 0


class ErrorBody(BaseModel):
    detail: str
    wipe: bool = False


class ZrmDomainChange(BaseModel):
    """On one ZRM life domain, the clients whose score went up, stayed or went down from
    their first to their latest assessment, and the sum of those changes (points)."""

    measured: int = 0
    improved: int = 0
    same: int = 0
    worsened: int = 0
    total_change: int = 0


class MonitoringFigures(BaseModel):
    """Outcome counts (seed 004) of one group of cases over a period: one worker's cases in
    one programme, or a total where worker and/or programme is None. Counts only."""

    team: str | None = None  # None: every team in the report
    worker: str | None = None  # None: every worker of the team
    programme_id: str | None = None  # None: every programme
    in_care: int = 0  # cases in care at some time in the period
    aanmeldingen: int = 0
    started: int = 0
    waiting_days_median: float | None = None  # aanmelding to start, of those started
    closed: int = 0  # uitstroom (a nazorg that ends is not a second uitstroom)
    closed_with_nazorg: int = 0
    closed_by_reason: dict[str, int] = Field(default_factory=dict)
    closed_by_destination: dict[str, int] = Field(default_factory=dict)
    checkins_planned: int = 0  # nazorg check-ins due in the period
    checkins_done: int = 0
    checkins_missed: int = 0
    reopened: int = 0  # terugval: cases reopened in the period
    reopened_within_guarantee: int = 0
    reopened_within_6_months: int = 0
    reopened_within_12_months: int = 0
    zrm: dict[str, ZrmDomainChange] = Field(default_factory=dict)  # life domain -> change
    goals_achieved: int = 0  # goals of the cases in care, by their status now
    goals_dropped: int = 0
    goals_open: int = 0
    changed_worker: int = 0  # cases handed to another worker in the period


class MonitoringReport(BaseModel):
    """GET /v1/monitoring: the outcome counts of the teams the caller may monitor."""

    period_from: date
    period_to: date
    computed_on: date  # the server's today (Europe/Amsterdam)
    teams: list[str]
    groups: list[MonitoringFigures]


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
# A manager monitors every team's outcome counts (GET /v1/monitoring) and holds no cases.
ROLES = ("worker", "gedragswetenschapper", "teamleider", "manager", "beheerder")


# --- a teamleider's handover from the window (GET /v1/team/workers, POST /v1/cases/handover)


class TeamWorker(BaseModel):
    """An active worker of the teamleider's team: may receive cases."""

    name: str
    cases: int = 0  # cases this worker holds now


class TeamWorkers(BaseModel):
    team: str
    workers: list[TeamWorker]


class HandoverCase(BaseModel):
    case_id: str = Field(min_length=1, max_length=64)
    # The worker the teamleider's laptop believes holds the case: a case that moved meanwhile
    # is refused (409) rather than taken from someone the teamleider did not see.
    expected_worker: str = Field(max_length=200)


# The most cases one handover moves at once (a worker's whole caseload fits).
MAX_HANDOVER_CASES = 500
MAX_HANDOVER_REASON = 20_000


class HandoverRequest(BaseModel):
    cases: list[HandoverCase] = Field(min_length=1, max_length=MAX_HANDOVER_CASES)
    worker: str = Field(min_length=1, max_length=200)
    backup_worker: str | None = Field(default=None, max_length=200)
    reason: str = Field(max_length=MAX_HANDOVER_REASON)


class HandoverResult(BaseModel):
    """The cases moved (all of the request: a handover is all or nothing) and the warm
    handover note written in each (note ids by case id)."""

    worker: str
    backup_worker: str | None = None
    notes: dict[str, str]
