"""Which record types the vault holds, their tables, and which of them are append-only."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordType:
    name: str
    table: str
    # Append-only records are never overwritten; a correction is a new record.
    append_only: bool = False
    # Frozen once a field holds a value (a planned contact may change; a done one may not).
    frozen_when: tuple[str, str] | None = None


RECORD_TYPES: dict[str, RecordType] = {
    rt.name: rt
    for rt in (
        RecordType("case", "cases"),
        RecordType("screening", "screenings", append_only=True),
        RecordType("contact", "contacts", frozen_when=("status", "gedaan")),
        RecordType("safety_plan", "safety_plans", append_only=True),
        RecordType("agreement", "agreements"),
        RecordType("breach", "breaches", append_only=True),
        RecordType("breach_follow_up", "breach_follow_ups", append_only=True),
        RecordType("goal", "goals"),
        RecordType("action", "actions"),
        RecordType("zrm_assessment", "zrm_assessments", append_only=True),
        RecordType("handover_note", "handover_notes", append_only=True),
        RecordType("case_discussion", "case_discussions"),
        RecordType("social_map_entry", "social_map"),
        RecordType("programme", "programmes"),
        RecordType("household_member", "household_members"),
        RecordType("danger_person", "danger_persons"),
        RecordType("case_partner", "case_partners"),
        RecordType("closure", "closures", append_only=True),
        RecordType("reopening", "reopenings", append_only=True),
    )
}


# Shared by the whole organisation, not part of any case.
ORGANISATION_TABLES = ("social_map", "programmes")
# Tables whose rows belong to a case through their case_id (everything but the case itself).
CASE_CONTENT_TABLES = tuple(
    rt.table
    for rt in RECORD_TYPES.values()
    if rt.table != "cases" and rt.table not in ORGANISATION_TABLES
)


def record_type(name: str) -> RecordType:
    try:
        return RECORD_TYPES[name]
    except KeyError:
        raise ValueError(f"unknown record type {name!r}") from None
