"""Complete records on the wire, for tests that push raw changes: every field a created record
must carry (sync/schema.py) with a value of its kind. Domain words are placeholders (the
server checks the wire format, not the vocabulary)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sync import schema
from sync.schema import Kind, ListOf, MapOf, Maybe, Obj, Shape

DAY = "2026-11-01"

_LEAVES: dict[str, Any] = {"text": "Synthetisch", "date": DAY, "integer": 1, "boolean": False}


def _shaped(shape: Shape) -> Any:
    """The smallest JSON value of `shape`."""
    if isinstance(shape, Maybe):
        return None
    if isinstance(shape, ListOf):
        return []
    if isinstance(shape, MapOf):
        return {}
    if isinstance(shape, Obj):
        return {key: _shaped(shape.keys[key]) for key in sorted(shape.required)}
    return _LEAVES.get(shape, {})


def _value(spec: schema.FieldSpec) -> Any:
    if spec.kind == Kind.JSON:
        return json.dumps(_shaped(spec.shape or "any"))
    return {
        Kind.TEXT: "Synthetisch",
        Kind.DATE: DAY,
        Kind.DATETIME: f"{DAY}T09:00:00Z",
        Kind.INTEGER: 1,
        Kind.BOOLEAN: 0,
        Kind.REAL: 1.0,
        Kind.ID: str(uuid.uuid4()),
    }[spec.kind]


# A case a laptop can read too (a programme and phase it knows, a real status).
CASE = {
    "initials": "S.",
    "programme_id": "moviera_wijk",
    "phase_id": "transitie",
    "phase_history": json.dumps([{"phase_id": "transitie", "since": DAY}]),
    "start_date": DAY,
    "status": "actief",
    "phone": "",
    "backup_worker": "",
    "language": "nl",
    "worker": "anna",
}


def created_fields(record_type: str, case_id: Any = None, **overrides: Any) -> dict[str, Any]:
    """Every required field of a created `record_type`, with `case_id` (when the type has
    one and it is given) and `overrides` on top."""
    fields = {
        name: _value(spec) for name, spec in schema.RECORDS[record_type].items() if spec.required
    }
    if "case_id" in fields:
        fields["case_id"] = case_id
    if record_type == "case":
        fields.update(CASE)
    return {**fields, **overrides}


def a_text_field(record_type: str) -> str:
    """A text field of `record_type` (for a change that edits one field)."""
    return next(
        name
        for name, spec in schema.RECORDS[record_type].items()
        if spec.kind == Kind.TEXT and spec.required
    )
