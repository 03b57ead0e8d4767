"""Whether a pushed change fits the wire format's schema (sync/schema.py): record type, field
names, each value's kind and size, no null bytes or lone surrogates, JSON text of its shape,
every field a created record must carry.

One answer per change: None when it fits, else the reason (English, one line, no value in it).
The push answers a change that does not fit with code INVALID and stores nothing of it.
"""

from __future__ import annotations

from sync import schema
from sync.protocol import Change


def check_change(change: Change) -> str | None:
    """The reason `change` does not fit its record type's schema, or None when it fits."""
    return schema.check_change(
        change.record_type, change.change_id, change.record_id, change.fields, change.created
    )


def unnameable(changes: list[Change]) -> str | None:
    """Why a push cannot even be answered change by change, or None: a change id or record id
    holding a null byte or a lone UTF-16 surrogate can be neither looked up in the database
    nor named in the answer (PostgreSQL refuses the one, JSON in UTF-8 the other)."""
    for index, change in enumerate(changes):
        for what, value in (("change id", change.change_id), ("record id", change.record_id)):
            bad = schema.unstorable(value)
            if bad is not None:
                return f"change {index + 1}: its {what} holds {bad}"
    return None


def free_text_problem(what: str, value: str, *, multiline: bool = True) -> str | None:
    """Why free text from a request that the server writes (`what`: "the reason", "the
    device name") breaks the laptop's text rules (sync/schema.unclean_text), as one English
    line naming no value; None when it keeps them."""
    problem = schema.unclean_text(value, multiline=multiline)
    return None if problem is None else f"{what} {problem}; remove it"
