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
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Lines per request; the client sends batches of this size at most.
MAX_LINES = 500
# How long a detail may be on the wire: what `shareable_detail` keeps (MAX_SHARED_DETAIL),
# with room for a laptop of another version.
MAX_DETAIL = 8_000
# The laptop's time as storage/access_log.py writes it (UTC), a real moment of the calendar
# (`laptop_time`; a 13th month or a leap second's :60 is refused).
AT_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z$"
_AT = re.compile(AT_PATTERN)


_AT_FULL = re.compile(AT_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@lru_cache(maxsize=4096)
def _epoch_day(day: str) -> int | None:
    """Days from 1970-01-01 to `day` (YYYY-MM-DD), or None when it is no day of the calendar."""
    try:
        return date.fromisoformat(day).toordinal() - _EPOCH_ORDINAL
    except ValueError:
        return None


def laptop_time(at: str) -> float | None:
    """The epoch seconds of a line's time `at` (AT_PATTERN), or None when it is no moment
    of the calendar (a 13th month, a 25th hour, a leap second) or of another shape.

    The same float as datetime.fromisoformat(at).timestamp() (whole microseconds divided
    by 10**6, as timedelta.total_seconds does), without a datetime per line: the day is
    looked up once (a batch's lines share a few days), the clock time is arithmetic, and
    the last few thousand times read are kept (the lines of one sync share their times:
    the model's check and the server's reading of a line cost one lookup)
    (tests/sync/test_access_log_lines.py compares it with datetime on hostile input)."""
    if not isinstance(at, str):
        return None
    return _moment(at)


@lru_cache(maxsize=4096)
def _moment(at: str) -> float | None:
    if _AT_FULL(at) is None:
        return None
    day = _epoch_day(at[:10])
    hour, minute, second = int(at[11:13]), int(at[14:16]), int(at[17:19])
    if day is None or hour > 23 or minute > 59 or second > 59:
        return None
    fraction = at[20:-1]
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    return ((day * 86400 + hour * 3600 + minute * 60 + second) * 1_000_000 + micro) / 1_000_000


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

    @field_validator("at")
    @classmethod
    def _a_real_moment(cls, value: str) -> str:
        if laptop_time(value) is None:
            raise ValueError("the time is no moment of the calendar")
        return value


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


# Ids as Koers makes them (app/casework.new_id: a UUID in text); any other record id on a
# line (a name typed as an id by another program) is dropped. The shipped programmes have
# fixed ids (app/programmes.DEFAULT_PROGRAMMES; a test keeps the two equal).
KOERS_ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# A full match: an id with a newline after it is no Koers id (`$` would allow one).
_KOERS_ID = re.compile(KOERS_ID_PATTERN.removeprefix("^").removesuffix("$"))
SHIPPED_PROGRAMME_IDS = frozenset({"moviera_wijk", "take_a_break", "ambulant", "nazorg"})
# What of a line's detail is kept, at most (characters of its JSON or text): ids and counts.
MAX_SHARED_DETAIL = 5_000
# The most case ids an export's line keeps; the rest are counted (`case_ids_left_out`).
MAX_CASE_IDS = 100
_COUNT_LIMIT = 10**9
_FIELD_NAME = re.compile(r"^[a-z][a-z_0-9]{0,63}$")
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_FIXED = {
    "list": re.compile(r"^[0-9]{1,9} cases?$"),
    "create": re.compile(r"^import of [0-9]{1,9} (cases?|entry|entries)$"),
    "sync": re.compile(r"^received$"),
    "purge": re.compile(
        r"^(handed over|retention: closed case|fetched again: changes were missed)$"
    ),
}
# Actions whose detail names the fields they touched (comma-separated schema field names).
_FIELD_ACTIONS = frozenset({"update", "delete", "restore"})
# What an export line may say about itself, by key, each value of a fixed kind: its kind and
# counts, the ids of the cases in it, its period. Never its target path.
_EXPORT_WORDS = {
    "export": frozenset({"overdracht", "teamkracht", "overzicht"}),
    "selection": frozenset({"all", "worker", "cases"}),
    "format": frozenset({"csv", "pdf"}),
}
_EXPORT_FLAGS = frozenset({"secret_addresses_included", "outcomes", "deidentified"})
_EXPORT_COUNTS = frozenset({"cases", "blanked_by_worker", "case_ids_left_out"})
# The kinds of what a teamkracht sheet's de-identification removed (app/exports/detectors.KINDS;
# a test keeps the two equal).
REMOVED_KINDS = frozenset(
    {
        "label", "danger", "bsn", "iban", "kenteken", "handle", "e-mail", "url", "telefoon",
        "codewoord", "school", "werkgever", "adres", "postcode", "bijnaam", "persoon",
        "instelling", "plaats", "datum", "naam", "leeftijd", "nummer", "weggelaten",
    }
)  # fmt: skip


def shareable_record_id(record_type: str, record_id: str | None) -> str | None:
    """`record_id` when it is an id as Koers makes them (a UUID; a shipped programme's
    fixed id), else None: the line keeps its record type and action, not the id."""
    if record_id is None:
        return None
    if _KOERS_ID.fullmatch(record_id):
        return record_id
    if record_type == "programme" and record_id in SHIPPED_PROGRAMME_IDS:
        return record_id
    return None


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < _COUNT_LIMIT


def _export_detail(parsed: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, words in _EXPORT_WORDS.items():
        if parsed.get(key) in words:
            kept[key] = parsed[key]
    for key in _EXPORT_FLAGS:
        if isinstance(parsed.get(key), bool):
            kept[key] = parsed[key]
    for key in _EXPORT_COUNTS:
        if _count(parsed.get(key)):
            kept[key] = parsed[key]
    period = parsed.get("period")
    if (
        isinstance(period, list)
        and len(period) == 2
        and all(isinstance(d, str) and _DAY.match(d) for d in period)
    ):
        kept["period"] = period
    removed = parsed.get("removed")
    if isinstance(removed, dict):
        counts = {k: v for k, v in removed.items() if k in REMOVED_KINDS and _count(v)}
        if counts:
            kept["removed"] = counts
    case_ids = parsed.get("case_ids")
    if isinstance(case_ids, list):
        ids = [i for i in case_ids if isinstance(i, str) and _KOERS_ID.fullmatch(i)]
        if len(ids) > MAX_CASE_IDS:
            left_out = len(ids) - MAX_CASE_IDS + int(kept.get("case_ids_left_out", 0))
            kept["case_ids_left_out"] = min(left_out, _COUNT_LIMIT - 1)
            ids = ids[:MAX_CASE_IDS]
        kept["case_ids"] = ids
    return kept


def _field_names(record_type: str | None, detail: str) -> str | None:
    from sync import schema  # noqa: PLC0415 (the schema is large; most lines need no field)

    if record_type is None or len(detail) > MAX_SHARED_DETAIL:
        return None
    names = [
        name
        for name in detail.split(",")
        if _FIELD_NAME.match(name) and schema.field_spec(record_type, name) is not None
    ]
    return ",".join(names) or None


def shareable_detail(action: str, detail: str | None, record_type: str | None = None) -> str | None:
    """The part of a line's `detail` that may leave the laptop (and that the server keeps):
    for an export, its JSON with only the keys and values of fixed kinds (fixed words,
    counts, flags, a period of two days, Koers ids of at most MAX_CASE_IDS cases with the
    rest counted), never the target path; for an update, delete or restore of `record_type`
    the names of that record type's schema fields (others dropped); for other actions the
    detail when it is one of the fixed texts Koers writes; else None. At most
    MAX_SHARED_DETAIL characters; applying it twice changes nothing. Never raises."""
    if not detail:
        return None
    if action == "export":
        try:
            parsed = json.loads(detail)
        except (ValueError, RecursionError):
            return None
        if not isinstance(parsed, dict):
            return None
        kept = _export_detail(parsed)
        text = json.dumps(kept, sort_keys=True)
        return text if kept and len(text) <= MAX_SHARED_DETAIL else None
    if action in _FIELD_ACTIONS:
        return _field_names(record_type, detail)
    pattern = _FIXED.get(action)
    if pattern is not None and len(detail) <= 200 and pattern.match(detail):
        return detail
    return None
