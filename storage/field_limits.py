"""How long a field's text may be: one limit per field, kept here for every path that writes.

The app's services refuse a longer value before anything is written (the form shows a Dutch
message; a paste is never cut silently), the CSV imports go through those services, and the
sync server refuses a pushed change that holds a longer value (the wire format's rule: a
laptop that skipped the app's checks cannot store a 50 MB "name" on the server).

Limits count characters (Python `len`, code points) of the value as stored: text as typed,
nested data (an address, the ZRM scores, a time-out) as its JSON text.
"""

from __future__ import annotations

from typing import Any

NAME = 200  # a person's or an organisation's name
LINE = 1_000  # one line: who, with whom, a phone number, a place
TEXT = 20_000  # free text of a plan, an agreement, a note (about eight printed pages)
REPORT = 100_000  # a contact report
STRUCTURED = 100_000  # nested data stored as JSON text (an address, a phase history)

# Per record type, the fields whose limit is not TEXT. Field names as the vault's columns.
FIELD_LIMITS: dict[str, dict[str, int]] = {
    "case": {
        "display_name": NAME,
        "initials": NAME,
        "programme_id": LINE,
        "phase_id": LINE,
        "worker": LINE,
        "backup_worker": LINE,
        "phone": LINE,
        "language": LINE,
        "address": STRUCTURED,
        "safe_contact": STRUCTURED,
        "phase_history": STRUCTURED,
        "frequency_override": STRUCTURED,
    },
    "contact": {
        "report": REPORT,
        "location": LINE,
        "address": LINE,
        "present": STRUCTURED,
        "domains": STRUCTURED,
    },
    "safety_plan": {"made_by": LINE, "timeout": STRUCTURED},
    "agreement": {"who": LINE, "made_with": LINE},
    "breach_follow_up": {"written_by": LINE},
    "goal": {"who": LINE, "child": NAME},
    "action": {"who": LINE},
    "zrm_assessment": {"assessed_by": LINE, "scores": STRUCTURED},
    "handover_note": {"to_whom": NAME, "written_by": LINE},
    "social_map_entry": {
        "organisation": NAME,
        "contact_person": NAME,
        "phone": LINE,
        "area": LINE,
    },
    "programme": {"name": NAME, "definition": STRUCTURED},
    "household_member": {"name": NAME, "role": LINE, "school": NAME},
    "danger_person": {"name": NAME},
    "case_partner": {"organisation": NAME, "contact_person": NAME, "phone": LINE},
    "closure": {"closed_by": LINE},
    "reopening": {"reopened_by": LINE},
}


def max_length(record_type: str, field: str) -> int:
    """The most characters `field` of a `record_type` may hold (TEXT unless listed)."""
    return FIELD_LIMITS.get(record_type, {}).get(field, TEXT)


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
