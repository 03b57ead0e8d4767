"""How long a field's text may be: one limit per field, for every path that writes.

The numbers live in the wire format's schema (sync/schema.py), the one place both sync ends
and the app read them: the app's services refuse a longer value before anything is written
(the form shows a Dutch message; a paste is never cut silently), the CSV imports go through
those services, and the sync server refuses a pushed change that holds a longer value (a
laptop that skipped the app's checks cannot store a 50 MB "name" on the server).

Limits count characters (Python `len`, code points) of the value as stored: text as typed,
nested data (an address, the ZRM scores, a time-out) as its JSON text.
"""

from __future__ import annotations

from typing import Any

from sync import schema
from sync.schema import LINE, NAME, REPORT, STRUCTURED, TEXT

__all__ = [
    "LINE",
    "NAME",
    "REPORT",
    "STRUCTURED",
    "TEXT",
    "is_column_value",
    "max_length",
    "overlong_field",
]


def max_length(record_type: str, field: str) -> int:
    """The most characters `field` of a `record_type` may hold (TEXT unless the schema
    gives the field a limit of its own)."""
    return schema.max_length(record_type, field)


def is_column_value(value: Any) -> bool:
    """Whether `value` is what a field holds on the wire and in the vault: text, a number,
    a boolean or null (nested data travels as its JSON text, never as a list or object)."""
    return value is None or isinstance(value, str | int | float | bool)


def overlong_field(record_type: str, fields: dict[str, Any]) -> tuple[str, int, int] | None:
    """The first text field of `fields` (column values) longer than its limit, as
    (field, length, limit), or None when every field fits."""
    for field, value in fields.items():
        if isinstance(value, str):
            limit = max_length(record_type, field)
            if len(value) > limit:
                return field, len(value), limit
    return None
