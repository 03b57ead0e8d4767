"""Whether a pushed change fits the wire format's schema: record type, fields, kinds, sizes.

One answer per change: None when it fits, else the reason (English, no field values in it).
"""

from __future__ import annotations

from storage.field_limits import is_column_value, overlong_field
from sync.protocol import RECORD_TYPES, Change


def check_change(change: Change) -> str | None:
    """The reason `change` does not fit its record type's schema, or None when it fits."""
    if change.record_type not in RECORD_TYPES:
        return "unknown record type"
    nested = next((k for k, v in change.fields.items() if not is_column_value(v)), None)
    if nested is not None:
        # A column value only: a nested one would stop every other laptop's pull here.
        return f"field {nested} holds a nested value; a field holds text, a number or null"
    overlong = overlong_field(change.record_type, change.fields)
    if overlong is not None:
        name, length, limit = overlong
        return f"field {name} holds {length} characters; at most {limit} are allowed"
    return None
