"""The central access log on the wire: a laptop's access-log lines as it sends them at sync,
and the rule for what of a line may leave the laptop at all. Shared by client and server.

A line names who (the account behind the device token: the server sets it), when (the
laptop's clock), the record (type and id) and the action. Its `detail` leaves the laptop only
as far as `shareable_detail` allows: field names, counts, fixed words and record ids, never a
file path (an export's target can hold a client's name) nor any free text. The server applies
the same rule again to what arrives (it trusts no laptop).
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# Lines per request; the client sends batches of this size at most.
MAX_LINES = 500
# How long a detail may be on the wire (an export of a whole caseload lists its case ids).
MAX_DETAIL = 32_000
# The laptop's time as storage/access_log.py writes it (UTC).
AT_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z$"
RECORD_TYPE_PATTERN = r"^[a-z_]{1,40}$"
RECORD_ID_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
ACTION_PATTERN = r"^[a-z_]{1,40}$"


class AccessLine(BaseModel):
    """One line of a laptop's access log. No device and no user: the server takes both from
    the device token; a line naming them is refused (422)."""

    model_config = ConfigDict(extra="forbid")

    seq: int = Field(ge=1, le=2**63 - 1)  # the vault's own sequence number of the line
    at: str = Field(pattern=AT_PATTERN)
    record_type: str = Field(pattern=RECORD_TYPE_PATTERN)
    record_id: str | None = Field(default=None, pattern=RECORD_ID_PATTERN)
    action: str = Field(pattern=ACTION_PATTERN)
    detail: str | None = Field(default=None, max_length=MAX_DETAIL)


class AccessLogPush(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lines: list[AccessLine] = Field(max_length=MAX_LINES)


class AccessLogAnswer(BaseModel):
    """What the server did with each line, by the laptop's sequence number: stored now,
    stored before (the same line again: nothing doubled), or refused (a different line under
    a number stored before, or an action Koers does not write); refused lines are logged on
    the server by device and number only."""

    accepted: list[int]
    already: list[int]
    refused: list[int]
    server_time_ms: int = 0


_TOKEN = re.compile(r"^[A-Za-z0-9_.:-]{0,64}$")
_FIELDS = re.compile(r"^[a-z_0-9]{1,64}(,[a-z_0-9]{1,64})*$")
_FIXED = {
    "list": re.compile(r"^[0-9]{1,9} cases?$"),
    "create": re.compile(r"^import of [0-9]{1,9} (cases?|entry|entries)$"),
    "sync": re.compile(r"^received$"),
    "purge": re.compile(
        r"^(handed over|retention: closed case|fetched again: changes were missed)$"
    ),
    "update": _FIELDS,
    "delete": _FIELDS,
    "restore": _FIELDS,
}
# What an export line may say about itself: its kind and counts, the ids of the cases in
# it, its period. Not its target path.
_EXPORT_KEYS = frozenset(
    {
        "export",
        "selection",
        "format",
        "cases",
        "case_ids",
        "secret_addresses_included",
        "period",
        "outcomes",
        "deidentified",
        "removed",
        "blanked_by_worker",
    }
)


def _safe_value(value: Any) -> bool:
    if value is None or isinstance(value, bool | int):
        return True
    if isinstance(value, str):
        return _TOKEN.match(value) is not None
    if isinstance(value, list):
        return all(_safe_value(item) for item in value)
    if isinstance(value, dict):
        return all(
            isinstance(k, str) and _TOKEN.match(k) and isinstance(v, int | bool)
            for k, v in value.items()
        )
    return False


def shareable_detail(action: str, detail: str | None) -> str | None:
    """The part of a line's `detail` that may leave the laptop (and that the server keeps):
    for an export, its JSON without the target path and with only ids, counts and fixed
    words; for other actions the detail when it is one of the shapes Koers writes (field
    names, a count, a fixed reason), else None. Never raises."""
    if not detail:
        return None
    if action == "export":
        try:
            parsed = json.loads(detail)
        except ValueError:
            return None
        if not isinstance(parsed, dict):
            return None
        kept = {k: v for k, v in parsed.items() if k in _EXPORT_KEYS and _safe_value(v)}
        text = json.dumps(kept, sort_keys=True)
        return text if kept and len(text) <= MAX_DETAIL else None
    pattern = _FIXED.get(action)
    if pattern is not None and len(detail) <= 2000 and pattern.match(detail):
        return detail
    return None
