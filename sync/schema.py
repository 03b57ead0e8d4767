"""The wire format's schema: every record type, its fields, what each field holds and how long.

One schema for both ends. The sync server checks every pushed change against it
(sync/server/validation.py), the laptop checks every pulled change before applying it and
sets aside one that does not fit (storage/remote.py), and the app's services take their length
limits from it (storage/field_limits.py). Pure data and small functions: nothing here imports
app/, storage/ or the server.

A field is named as the vault's column (tests/sync/test_wire_schema_matches_vault.py keeps the
two equal). Its value on the wire is a column value:

- text: a string of at most `max_length` characters (code points);
- date: 'YYYY-MM-DD', a real date;
- datetime: ISO 8601 text with a time zone ('2026-11-30T09:15:00Z', as app/codec.py writes);
- integer: a whole number that fits 64 bits; boolean: 0 or 1; real: a finite number;
- json: text holding JSON of the field's shape (an address, a phase history, the ZRM scores);
- id: the id of another record, at most ID_LENGTH characters, no spaces or control characters.

No text anywhere (values, nested JSON, field names, ids) may hold a null byte or a lone UTF-16
surrogate: neither can be stored (PostgreSQL refuses the one, UTF-8 the other).

`required` fields are those a created record always carries: every Koers that synced wrote them
when it created the record (a field added to a table later is not required, since records made
before it lack it; a field that may be null is left out of a created record when it is null).
Besides its own fields, every record may carry `deleted` (COMMON_FIELDS: a delete is a change
of it) and the fields a later vault version dropped (RETIRED_FIELDS: still on the server in
old changes; accepted, never stored).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

# Length limits, in characters of the value as stored (text as typed, nested data as its JSON).
NAME = 200  # a person's or an organisation's name
LINE = 1_000  # one line: who, with whom, a phone number, a place
TEXT = 20_000  # free text of a plan, an agreement, a note (about eight printed pages)
REPORT = 100_000  # a contact report
STRUCTURED = 100_000  # nested data stored as JSON text (an address, a phase history)
ID_LENGTH = 64  # an id (the wire format's record ids are at most this long too)
DATE_LENGTH = 10  # 'YYYY-MM-DD'
DATETIME_LENGTH = 32  # '2026-11-30T09:15:00.123456+01:00' at most

INT64 = 2**63 - 1

# The largest request body the server reads (413 above it). The largest change this schema
# allows (every field of a case at its limit, each character escaped) is about 7.2 MiB; a
# client sends batches of at most half this.
MAX_BODY_BYTES = 16 * 1024 * 1024


class Kind:
    """What a field holds (see the module text)."""

    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    REAL = "real"
    JSON = "json"
    ID = "id"


# --- shapes of JSON text ------------------------------------------------------------------
# A shape is a scalar name ("text", "date", "integer", "boolean", "any") or one of these.


@dataclass(frozen=True)
class Obj:
    """A JSON object with these keys (no others); `required` keys must be present."""

    keys: Mapping[str, Shape]
    required: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ListOf:
    """A JSON array whose items all have `item`'s shape."""

    item: Shape


@dataclass(frozen=True)
class MapOf:
    """A JSON object with any text keys whose values all have `value`'s shape."""

    value: Shape


@dataclass(frozen=True)
class Maybe:
    """`inner`'s shape, or null."""

    inner: Shape


Shape = str | Obj | ListOf | MapOf | Maybe


def _obj(required: dict[str, Shape], optional: dict[str, Shape] | None = None) -> Obj:
    return Obj({**required, **(optional or {})}, frozenset(required))


ADDRESS = _obj({"street": "text", "house_number": "text", "postcode": "text", "town": "text"})
SAFE_CONTACT = _obj(
    {},
    {
        "may_call": "boolean",
        "safe_times": "text",
        "if_someone_else_answers": "text",
        "code_word": "text",
    },
)
# Entries written before programmes were recorded per entry lack programme_id.
PHASE_ENTRY = _obj(
    {"phase_id": "text", "since": "date"}, {"programme_id": "text", "contra_reason": "text"}
)
FREQUENCY = _obj({"count": "integer", "per_days": "integer"})
FREQUENCY_OVERRIDE = _obj(
    {"frequency": FREQUENCY, "reason": "text", "since": "date"}, {"until": Maybe("date")}
)
TIMEOUT = _obj(
    {"who_leaves": "text", "stays_at": "text", "from_date": "date"}, {"to_date": Maybe("date")}
)
PHASE = _obj(
    {"id": "text", "name": "text", "frequency": FREQUENCY}, {"typical_weeks": Maybe("integer")}
)
PROGRAMME = _obj(
    {"id": "text", "name": "text", "phases": ListOf(PHASE)},
    {
        "max_duration_days": Maybe("integer"),
        "checkin_offsets_days": ListOf("integer"),
        "end_warning_days": "integer",
        "nazorg_checkin_offsets_days": ListOf("integer"),
        "guarantee_days": "integer",
    },
)
WORDS = ListOf("text")  # a list of vocabulary words or names
ZRM_SCORES = MapOf(Maybe("integer"))  # life domain -> score 1..5, or null (not scored)


# --- fields ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record type: its kind, its longest value in characters (None for
    numbers), whether it may be null, whether a created record must carry it, and for a json
    field the shape of the JSON its text holds."""

    kind: str
    max_length: int | None
    nullable: bool = False
    required: bool = True
    shape: Shape | None = None


def text(limit: int = TEXT, *, required: bool = True, nullable: bool = False) -> FieldSpec:
    """A text field of at most `limit` characters."""
    return FieldSpec(Kind.TEXT, limit, nullable, required and not nullable)


def day(*, required: bool = True, nullable: bool = False) -> FieldSpec:
    """A date field ('YYYY-MM-DD')."""
    return FieldSpec(Kind.DATE, DATE_LENGTH, nullable, required and not nullable)


def moment(*, required: bool = True, nullable: bool = False) -> FieldSpec:
    """A date-and-time field (ISO 8601 with a time zone)."""
    return FieldSpec(Kind.DATETIME, DATETIME_LENGTH, nullable, required and not nullable)


def integer(*, required: bool = True, nullable: bool = False) -> FieldSpec:
    """A whole-number field (64 bits)."""
    return FieldSpec(Kind.INTEGER, None, nullable, required and not nullable)


def boolean(*, required: bool = True) -> FieldSpec:
    """A yes/no field, 0 or 1."""
    return FieldSpec(Kind.BOOLEAN, None, False, required)


def real(*, required: bool = True, nullable: bool = False) -> FieldSpec:
    """A finite-number field."""
    return FieldSpec(Kind.REAL, None, nullable, required and not nullable)


def structured(shape: Shape, *, required: bool = True, nullable: bool = False) -> FieldSpec:
    """A field holding JSON text of `shape`."""
    return FieldSpec(Kind.JSON, STRUCTURED, nullable, required and not nullable, shape)


def ref(*, required: bool = True, nullable: bool = False) -> FieldSpec:
    """A field holding another record's id."""
    return FieldSpec(Kind.ID, ID_LENGTH, nullable, required and not nullable)


# Shorthand for the tables below. `required=False` on a field that may not be null marks a
# field a later vault version added: records created before it lack it.
MAYBE_DAY = day(nullable=True)

CASE_ID = ref()

# Per record type (sync/protocol.RECORD_TYPES), its fields, named as the vault's columns.
RECORDS: dict[str, dict[str, FieldSpec]] = {
    "case": {
        "display_name": text(NAME),
        "initials": text(NAME),
        "birth_year": integer(nullable=True),
        "address": structured(ADDRESS, nullable=True),
        "secret_address": boolean(),
        "phone": text(LINE),
        "safe_contact": structured(SAFE_CONTACT),
        "language": text(LINE),
        "interpreter_needed": boolean(),
        "programme_id": text(LINE),
        "phase_id": text(LINE),
        "phase_history": structured(ListOf(PHASE_ENTRY)),
        "start_date": MAYBE_DAY,  # None while the case is an aanmelding
        "planned_end_date": MAYBE_DAY,
        "status": text(),
        "worker": text(LINE),
        "backup_worker": text(LINE),
        "frequency_override": structured(FREQUENCY_OVERRIDE, nullable=True),
        "registered_on": MAYBE_DAY,
        "nazorg_start": MAYBE_DAY,
        "closed_on": MAYBE_DAY,
        "reopened_on": MAYBE_DAY,
    },
    "screening": {
        "case_id": CASE_ID,
        "screened_on": day(),
        "screened_by": text(),
        "situation": integer(),
        "location_code": text(nullable=True),
        "notes": text(),
        "human_trafficking": boolean(required=False),
        "honour_based": boolean(required=False),
        "contra_indications": structured(WORDS, required=False),
        "contra_reason": text(required=False),
    },
    "contact": {
        "case_id": CASE_ID,
        "starts_at": moment(),
        "duration_minutes": integer(),
        "kind": text(),
        "status": text(),
        "location": text(LINE),
        "address": text(LINE),  # the address of the visit as one line (not JSON)
        "present": structured(WORDS),
        "domains": structured(WORDS),
        "report": text(REPORT),
        "safety_check_done": boolean(),
        "safety_changes": text(),
        "agreements_made": text(),
        "next_appointment": moment(nullable=True),
        "supersedes": ref(nullable=True),
        "brief": boolean(required=False),
    },
    "safety_plan": {
        "case_id": CASE_ID,
        "version": integer(),
        "made_on": day(),
        "made_by": text(LINE),
        "warning_signals": text(),
        "client_actions": text(),
        "safe_people": text(),
        "safe_places": text(),
        "emergency_numbers": text(),
        "escape_plan": text(),
        "children_safety": text(),
        "timeout": structured(TIMEOUT, nullable=True),
        "review_date": day(),
        "evaluated_on": MAYBE_DAY,
    },
    "agreement": {
        "case_id": CASE_ID,
        "who": text(LINE),
        "agreement": text(),
        "made_with": text(LINE),
        "start_date": day(),
        "review_date": day(),
        "status": text(),
    },
    "breach": {
        "case_id": CASE_ID,
        "agreement_id": ref(),
        "occurred_on": day(),
        "description": text(),
    },
    "breach_follow_up": {
        "case_id": CASE_ID,
        "breach_id": ref(),
        "written_on": day(),
        "follow_up": text(),
        "written_by": text(LINE),
    },
    "goal": {
        "case_id": CASE_ID,
        "domain": text(),
        "goal": text(),
        "who": text(LINE),
        "due_date": MAYBE_DAY,
        "status": text(),
        "child": text(NAME),
        "made_on": MAYBE_DAY,
    },
    "action": {
        "case_id": CASE_ID,
        "goal_id": ref(),
        "description": text(),
        "who": text(LINE),
        "due_date": MAYBE_DAY,
        "status": text(),
    },
    "zrm_assessment": {
        "case_id": CASE_ID,
        "assessed_on": day(),
        "assessed_by": text(LINE),
        "scores": structured(ZRM_SCORES),
        "notes": text(),
    },
    "handover_note": {
        "case_id": CASE_ID,
        "to_whom": text(NAME),
        "to_kind": text(),
        "summary": text(),
        "what_works": text(),
        "risks_and_agreements": text(),
        "open_actions": text(),
        "with_client": boolean(),
        "handover_date": day(),
        "written_by": text(LINE),
        "consent": text(required=False),
        "reason": text(required=False),
        "next_step": text(required=False),
        "next_step_on": MAYBE_DAY,
        "with_client_on": MAYBE_DAY,
        "social_map_id": ref(required=False),  # "" when the note names no sociale-kaart partner
    },
    "case_discussion": {
        "case_id": CASE_ID,
        "held_on": day(),
        "question": text(),
        "timeline": text(),
        "strengths": text(),
        "risks": text(),
        "tried": text(),
        "outcome": text(),
        "next_steps": text(),
    },
    "social_map_entry": {
        "organisation": text(NAME),
        "contact_person": text(NAME),
        "phone": text(LINE),
        "offers": text(),
        "area": text(LINE),
    },
    "programme": {"name": text(NAME), "definition": structured(PROGRAMME)},
    "household_member": {
        "case_id": CASE_ID,
        "name": text(NAME),
        "is_child": boolean(),
        "birth_year": integer(nullable=True),
        "role": text(LINE),
        "school": text(NAME),
        "involved": text(),
        "safety_concerns": text(),
        "contact_with_father": text(),
    },
    "danger_person": {
        "case_id": CASE_ID,
        "name": text(NAME),
        "relation": text(),
        "huisverbod_from": MAYBE_DAY,
        "huisverbod_until": MAYBE_DAY,
        "contactverbod_from": MAYBE_DAY,
        "contactverbod_until": MAYBE_DAY,
        "straatverbod_from": MAYBE_DAY,
        "straatverbod_until": MAYBE_DAY,
        "omgangsregeling": text(),
        "notes": text(),
    },
    "case_partner": {
        "case_id": CASE_ID,
        "kind": text(),
        "organisation": text(NAME),
        "contact_person": text(NAME),
        "phone": text(LINE),
        "social_map_id": ref(nullable=True),
    },
    "closure": {
        "case_id": CASE_ID,
        "closed_on": day(),
        "reason": text(nullable=True),  # None: closed without a reason given (uitval)
        "destination": text(),
        "nazorg": boolean(),
        "notes": text(),
        "closed_by": text(LINE),
    },
    "reopening": {
        "case_id": CASE_ID,
        "reopened_on": day(),
        "reason": text(),
        "reopened_by": text(LINE),
    },
}

# Wire fields of every record type besides its own: a delete is a change of `deleted`.
COMMON_FIELDS: dict[str, FieldSpec] = {"deleted": boolean(required=False)}

# Fields a later vault version dropped (their content moved into records of their own):
# changes that carry them are still on the server and still pushed by a laptop that had
# them unsent when it migrated. Accepted as they were; a laptop does not store them.
RETIRED_FIELDS: dict[str, dict[str, FieldSpec]] = {
    "case": {
        "household": structured("any", required=False),  # vault v6: household_member
        "partners": structured("any", required=False),  # vault v6: case_partner
    },
    "breach": {"follow_up": text(required=False)},  # vault v7: breach_follow_up
    "handover_note": {"client_consent": boolean(required=False)},  # vault v7: consent
}


# Per record type, every field a change may carry, and those a created record must carry
# (built once: every change of every push and pull asks).
_WIRE_FIELDS: dict[str, dict[str, FieldSpec]] = {
    name: {**RETIRED_FIELDS.get(name, {}), **COMMON_FIELDS, **fields}
    for name, fields in RECORDS.items()
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    name: tuple(field for field, spec in fields.items() if spec.required)
    for name, fields in RECORDS.items()
}
_REQUIRED_SETS = {name: frozenset(fields) for name, fields in _REQUIRED.items()}


def field_spec(record_type: str, name: str) -> FieldSpec | None:
    """The spec of field `name` of `record_type` on the wire (own, common or retired
    fields), or None when the schema has no such field."""
    return _WIRE_FIELDS.get(record_type, {}).get(name)


def max_length(record_type: str, name: str) -> int:
    """The most characters field `name` of `record_type` may hold (TEXT for a field the
    schema does not list or that holds a number)."""
    found = field_spec(record_type, name)
    return TEXT if found is None or found.max_length is None else found.max_length


# --- checking -------------------------------------------------------------------------------

# A null byte or a UTF-16 surrogate code point (in a Python string, always a lone one).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_ID_CHARS = re.compile("[\x00-\x20\x7f-\x9f\ud800-\udfff]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})"
)
NESTED = "holds a nested value; a field holds text, a number or null"


def unstorable(value: str) -> str | None:
    """Why text `value` cannot be stored (a null byte, a lone surrogate), or None."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    return "a null byte" if found.group() == "\x00" else "a lone UTF-16 surrogate"


# Free text the server writes from a request (a handover's reason, a device's name) keeps the
# laptop's text rules (app/text.py require_clean_text / require_one_line; the server imports
# nothing from app/, so the rule is mirrored here and tests/sync/test_team_handover.py holds
# the two equal): no control character (category Cc, or a line or paragraph separator) but a
# line break or tab in multi-line text, and no override, embedding or isolate (they reorder
# what follows on screen: "112" reads "211").
FREE_TEXT_CONTROLS = frozenset("\t\n\r")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
CONTROL_CHARACTER = "holds a control character"
READING_DIRECTION = "holds a character that reverses the reading direction (such as U+202E)"


def unclean_text(value: str, *, multiline: bool = True) -> str | None:
    """Why free text `value` breaks the laptop's text rules (CONTROL_CHARACTER,
    READING_DIRECTION), or None. `multiline`: a line break or tab may stay."""
    allowed = FREE_TEXT_CONTROLS if multiline else frozenset()
    for char in value:
        if char not in allowed and unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            return CONTROL_CHARACTER
    if not value.isascii() and any(char in BIDI_CONTROLS for char in value):
        return READING_DIRECTION
    return None


def check_change(
    record_type: str,
    change_id: str,
    record_id: str,
    fields: Mapping[str, Any],
    created: bool,
) -> str | None:
    """Why a change does not fit the schema, or None when it fits.

    The reason is one line of English that names the record type and schema field names
    only, never a value or a name the schema does not hold (the sender's text may be
    anything: a field name of 10,000 emoji, a null byte)."""
    wire = _WIRE_FIELDS.get(record_type) if isinstance(record_type, str) else None
    if wire is None:
        return "unknown record type"
    if not (_clean_id(change_id) and _clean_id(record_id)):
        what = "change id" if not _clean_id(change_id) else "record id"
        return (
            f"the {what} is empty or holds a control character, a null byte or a lone "
            "UTF-16 surrogate"
        )
    if not fields:
        return "the change sets no field"
    fits = _FITS[record_type]
    for name, value in fields.items():
        fit = fits.get(name)
        if fit is None or not isinstance(name, str):
            return f"a field name that is not in the schema of record type {record_type}"
        if fit(value):  # nearly every value: one call, no reason to build
            continue
        problem = check_value(wire[name], value)
        if problem is not None:
            return f"field {name} {problem}"
    if created and not fields.keys() >= _REQUIRED_SETS[record_type]:
        missing = [name for name in _REQUIRED[record_type] if name not in fields]
        return f"a created {record_type} lacks required fields: {', '.join(missing)}"
    return None


def _clean_id(value: Any) -> bool:
    """Whether `value` is a non-empty string without a control character, a null byte or a
    lone surrogate (ASCII text, nearly every id, is answered without the regex)."""
    return (
        isinstance(value, str)
        and value != ""
        and ((value.isascii() and value.isprintable()) or _CONTROL.search(value) is None)
    )


def _fit_check(spec: FieldSpec) -> Callable[[Any], bool]:
    """A quick test of a value for `spec`: True only for a value check_value passes (it
    decides, and words the reason, for every value this says False to). Every pushed and
    pulled field goes through one of these: bench/sync_first.py measures the difference."""
    nullable = spec.nullable
    limit = spec.max_length if spec.max_length is not None else 0
    kind = spec.kind
    # ASCII text (str.isascii is a flag CPython keeps) holds no surrogate: a null byte or a
    # control character is then found without the regex.
    unstorable = _UNSTORABLE.search
    if kind == Kind.TEXT:
        return lambda v: (
            (
                type(v) is str
                and len(v) <= limit
                and ("\x00" not in v if v.isascii() else not unstorable(v))
            )
            or (v is None and nullable)
        )
    if kind == Kind.ID:  # mostly the few ids of the cases a batch holds
        return _kept_verdicts(lambda text: not _ID_CHARS.search(text), limit, nullable)
    if kind == Kind.DATE:
        return _kept_verdicts(lambda text: _is_date(text), DATE_LENGTH, nullable)
    if kind == Kind.DATETIME:
        return _kept_verdicts(lambda text: _is_datetime(text), limit, nullable)
    if kind == Kind.INTEGER:
        return lambda v: (type(v) is int and -INT64 - 1 <= v <= INT64) or (v is None and nullable)
    if kind == Kind.BOOLEAN:
        return lambda v: (type(v) is int or type(v) is bool) and v in (0, 1)
    if kind == Kind.REAL:
        return lambda v: (
            (type(v) is float and math.isfinite(v))
            or (type(v) is int and -INT64 - 1 <= v <= INT64)
            or (v is None and nullable)
        )
    if kind == Kind.JSON:
        return _short_json_fit(spec)
    return lambda v: False


# JSON text this short is mostly the same few values ('[]', '["cliënt"]'): its verdict is kept.
_SHORT_JSON = 256
_KEPT_VERDICTS = 4096


def _kept_verdicts(
    is_valid: Callable[[str], bool], limit: int, nullable: bool
) -> Callable[[Any], bool]:
    """A fit for dates, moments and ids: `is_valid` on text of at most `limit` characters,
    its verdict kept per text (a batch holds the same days, times and case ids again and
    again; at most _KEPT_VERDICTS short texts are kept)."""
    verdicts: dict[str, bool] = {}

    def fit(v: Any) -> bool:
        if type(v) is not str:
            return v is None and nullable
        verdict = verdicts.get(v)
        if verdict is None:
            if len(v) > limit:  # never kept: a longer text is no date, and may be long
                return False
            if len(verdicts) >= _KEPT_VERDICTS:
                verdicts.clear()
            verdict = verdicts[v] = is_valid(v)
        return verdict

    return fit


def _short_json_fit(spec: FieldSpec) -> Callable[[Any], bool]:
    verdicts: dict[str, bool] = {}

    def fit(v: Any) -> bool:
        if v is None:
            return spec.nullable
        if type(v) is not str or len(v) > _SHORT_JSON:
            return False
        verdict = verdicts.get(v)
        if verdict is None:
            if len(verdicts) >= _KEPT_VERDICTS:
                verdicts.clear()
            verdict = verdicts[v] = check_value(spec, v) is None
        return verdict

    return fit


_FITS: dict[str, dict[str, Callable[[Any], bool]]] = {
    name: {field: _fit_check(spec) for field, spec in fields.items()}
    for name, fields in _WIRE_FIELDS.items()
}


def check_value(spec: FieldSpec, value: Any) -> str | None:
    """Why `value` does not fit a field of `spec` ("holds ..."/"must be ..."), or None."""
    if value is None:
        return None if spec.nullable else "may not be null"
    if isinstance(value, dict | list):
        return NESTED
    kind = spec.kind
    if kind in (Kind.INTEGER, Kind.BOOLEAN, Kind.REAL):
        return _check_number(kind, value)
    if not isinstance(value, str):
        return f"must be {_KIND_WORDS[kind]}"
    if spec.max_length is not None and len(value) > spec.max_length:
        return f"holds {len(value)} characters; at most {spec.max_length} are allowed"
    bad = unstorable(value)
    if bad is not None:
        return f"holds {bad}"
    if kind == Kind.DATE:
        return None if _is_date(value) else "must be a date (YYYY-MM-DD)"
    if kind == Kind.DATETIME:
        return None if _is_datetime(value) else "must be a date and time with a time zone"
    if kind == Kind.ID:
        return (
            "must be an id (no spaces or control characters)" if _ID_CHARS.search(value) else None
        )
    if kind == Kind.JSON:
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):
            return "must be JSON text"
        problem = _check_shape(spec.shape or "any", parsed, "")
        return None if problem is None else f"does not hold its JSON shape: {problem}"
    return None


_KIND_WORDS = {
    Kind.TEXT: "text",
    Kind.DATE: "a date (YYYY-MM-DD)",
    Kind.DATETIME: "a date and time with a time zone",
    Kind.JSON: "JSON text",
    Kind.ID: "an id",
}


def _check_number(kind: str, value: Any) -> str | None:
    if kind == Kind.BOOLEAN:
        return None if isinstance(value, int) and value in (0, 1) else "must be 0 or 1"
    if isinstance(value, bool):
        return "must be a number"
    if kind == Kind.INTEGER:
        if not isinstance(value, int):
            return "must be a whole number"
        return None if -INT64 - 1 <= value <= INT64 else "holds a number too large to store"
    if isinstance(value, int):
        return None if -INT64 - 1 <= value <= INT64 else "holds a number too large to store"
    if not isinstance(value, float) or not math.isfinite(value):
        return "must be a finite number"
    return None


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: str) -> bool:
    if not _DATETIME.fullmatch(value):
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _check_shape(shape: Shape, value: Any, path: str) -> str | None:
    """Why parsed JSON `value` does not have `shape`, naming where by schema keys only."""
    where = path or "the value"
    if isinstance(shape, Maybe):
        return None if value is None else _check_shape(shape.inner, value, path)
    if isinstance(shape, str):
        return _check_leaf(shape, value, where)
    if isinstance(shape, ListOf):
        if not isinstance(value, list):
            return f"{where} must be a list"
        for index, item in enumerate(value):
            problem = _check_shape(shape.item, item, f"{path}[{index}]")
            if problem is not None:
                return problem
        return None
    if not isinstance(value, dict):
        return f"{where} must be an object"
    if isinstance(shape, MapOf):
        for key, item in value.items():
            if unstorable(key) is not None:
                return f"a key in {where} holds {unstorable(key)}"
            problem = _check_shape(shape.value, item, f"{path}[*]")
            if problem is not None:
                return problem
        return None
    unknown = [key for key in value if key not in shape.keys]
    if unknown:
        return f"{where} holds a key that is not in its shape"
    missing = sorted(shape.required - set(value))
    if missing:
        return f"{where} lacks {', '.join(missing)}"
    for key, item in value.items():
        problem = _check_shape(shape.keys[key], item, f"{path}.{key}" if path else key)
        if problem is not None:
            return problem
    return None


def _check_leaf(shape: str, value: Any, where: str) -> str | None:
    if shape == "any":
        return _check_any(value, where)
    if shape == "text":
        if not isinstance(value, str):
            return f"{where} must be text"
        bad = unstorable(value)
        return None if bad is None else f"{where} holds {bad}"
    if shape == "date":
        return None if isinstance(value, str) and _is_date(value) else f"{where} must be a date"
    if shape == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) <= INT64
        return None if ok else f"{where} must be a whole number"
    if shape == "boolean":
        ok = isinstance(value, bool) or (isinstance(value, int) and value in (0, 1))
        return None if ok else f"{where} must be true or false"
    raise ValueError(f"unknown shape {shape!r}")


def _check_any(value: Any, where: str) -> str | None:
    """Any JSON, as long as no text in it (keys too) holds what cannot be stored."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            bad = unstorable(item)
            if bad is not None:
                return f"{where} holds {bad}"
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, float) and not math.isfinite(item):
            return f"{where} holds a number that is not finite"
    return None
