"""Aanmelding and intake: a new case with its people, and the people edited afterwards.

The window's "Nieuwe cliënt" form and the CSV import both end here, so every rule of a new
case (household checks, contra-indications, secret address) holds for both.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from app.case import Case
from app.errors import require
from app.people import (
    MIN_PARENT_AGE_GAP,
    DangerPerson,
    HouseholdMember,
    InvolvedPartner,
    derive_initials,
)
from app.screening import RiskScreening
from app.text import require_name
from app.vocabulary import CaseStatus

if TYPE_CHECKING:
    from app.casework import Casework

Person = HouseholdMember | DangerPerson | InvolvedPartner
# A start date may be set ahead of today (a planned start), but not absurdly far.
MAX_START_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class Intake:
    """What the intake form (or one CSV row) holds: the case and its people, and optionally
    the first risk screening."""

    case: Case
    members: tuple[HouseholdMember, ...] = ()
    danger_persons: tuple[DangerPerson, ...] = ()
    partners: tuple[InvolvedPartner, ...] = ()
    screening: RiskScreening | None = None


def with_derived_initials(case: Case) -> Case:
    """The case with initials derived from the name when they were left empty."""
    if case.initials.strip() and case.initials != "?":
        return case
    return replace(case, initials=derive_initials(case.display_name) or "?")


def check_intake(work: Casework, intake: Intake) -> None:
    """Every check of a new case that needs no write. Raises ValidationError."""
    case = intake.case
    today = work.today()
    work._check_case(case)
    require(
        case.status in (CaseStatus.AANMELDING, CaseStatus.ACTIEF)
        and case.closed_on is None
        and case.nazorg_start is None
        and case.reopened_on is None,
        "status",
        "a new case is an aanmelding or actief, never closed or in nazorg",
        "Een nieuwe casus is een aanmelding of actief, niet afgesloten of in nazorg.",
    )
    require(
        case.registered_on is None or case.registered_on <= today,
        "registered_on",
        "the aanmelding date lies in the future",
        "De aanmeldingsdatum ligt in de toekomst.",
    )
    require(
        case.start_date is None or case.start_date <= today + MAX_START_AHEAD,
        "start_date",
        "the start lies more than a year ahead",
        "De startdatum ligt meer dan een jaar vooruit.",
    )
    for member in intake.members:
        check_member(work, case, member)
    people: tuple[Person, ...] = (*intake.members, *intake.danger_persons, *intake.partners)
    for person in people:
        check_names(person)
    ids = [record.id for record in (case, *people)]
    require(
        len(set(ids)) == len(ids),
        "id",
        "two people of the intake share one id",
        "Twee personen in de intake hebben hetzelfde id.",
    )
    screening = () if intake.screening is None else (intake.screening,)
    for risk in screening:
        work._require_not_too_early(risk.screened_on, "screened_on")
    for person in (*people, *screening):
        require(
            person.case_id == case.id,
            "case_id",
            "a person belongs to another case",
            "Een persoon hoort bij een andere casus.",
        )


def check_member(work: Casework, case: Case, member: HouseholdMember) -> None:
    """A household member's birth year: not in the future, and a child born at least
    MIN_PARENT_AGE_GAP years after the client. Raises ValidationError."""
    require(
        member.birth_year is None or member.birth_year <= work.today().year,
        "household",
        f"{'child' if member.is_child else 'adult'}'s birth year lies in the future",
        "Een geboortejaar in het huishouden ligt in de toekomst.",
    )
    if member.is_child and case.birth_year is not None and member.birth_year is not None:
        require(
            member.birth_year - case.birth_year >= MIN_PARENT_AGE_GAP,
            "household",
            f"a child born less than {MIN_PARENT_AGE_GAP} years after the client",
            f"Een kind is minder dan {MIN_PARENT_AGE_GAP} jaar na de cliënt geboren; "
            "controleer de geboortejaren.",
        )


def check_names(person: Person) -> None:
    """A person's names (name, organisation, contact person): one line, not overlong, no
    invisible characters (app/text.py). Raises ValidationError."""
    if isinstance(person, InvolvedPartner):
        require_name(person.organisation, "partners")
        require_name(person.contact_person, "partners")
    else:
        field = "household" if isinstance(person, HouseholdMember) else "danger_person"
        require_name(person.name, field)


def register_case(work: Casework, intake: Intake) -> str:
    """Create a case from an intake, with its people and first screening, in one
    transaction (all or nothing; journaled, so it syncs). Returns the case id.

    A screening with code oranje or rood keeps the address secret from the first moment
    (the worker may lift that afterwards in the case file, a deliberate act).

    Raises ValidationError (ContraIndicated when the screening meets a contra-indication of
    the programme and no reason to go on was given)."""
    case = with_derived_initials(intake.case)
    if intake.screening is not None and intake.screening.suggests_secret_address:
        case = replace(case, secret_address=True)
    intake = replace(intake, case=case)
    check_intake(work, intake)
    with work.vault.transaction():
        work.add_case(case)
        for person in (*intake.members, *intake.danger_persons, *intake.partners):
            work._insert(person)
        if intake.screening is not None:
            work.add_screening(intake.screening, case.programme_id)
    return case.id


def save_person(work: Casework, person: Person) -> list[str]:
    """Add a person to a case, or change one: only the fields that changed are written,
    so edits of different people or fields on two laptops merge. Returns the changed
    fields (all, for a new person). Raises ValidationError."""
    case = work.get_case(person.case_id)
    if isinstance(person, HouseholdMember):
        check_member(work, case, person)
    check_names(person)
    with work.vault.transaction():
        existing: Any = work.store.get(_type_of(person), person.id, include_deleted=True)
        if existing is None:
            work._insert(person)
            return ["*"]
        require(
            not existing["deleted"],
            "id",
            "this person was removed from the case",
            "Deze persoon is uit de casus verwijderd.",
        )
        require(
            existing["case_id"] == person.case_id,
            "case_id",
            "a person cannot move to another case",
            "Een persoon kan niet naar een andere casus.",
        )
        return work._update(person)


def remove_person(work: Casework, person: Person) -> None:
    """Take a person out of a case (a tombstone: the record syncs as deleted).
    Raises ValidationError for a person of another case, RecordNotFound for one unknown."""
    with work.vault.transaction():
        existing = work.store.require(_type_of(person), person.id)
        require(
            existing["case_id"] == person.case_id,
            "case_id",
            "the person belongs to another case",
            "Deze persoon hoort bij een andere casus.",
        )
        work.store.delete(_type_of(person), person.id)


def _type_of(person: Person) -> str:
    from app.casework import RECORD_TYPES

    return RECORD_TYPES[type(person)]
