"""The case (casus) and the people and partners in it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from app.errors import require, require_text
from app.programmes import ContactFrequency
from app.vocabulary import CaseStatus, PartnerKind

RECORD_TYPE = "case"
POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$")


def _require_birth_year(year: int | None, field_name: str) -> None:
    require(
        year is None or 1900 <= year <= 2100,
        field_name,
        "birth year must be between 1900 and 2100",
        "Vul een geboortejaar tussen 1900 en 2100 in.",
    )


@dataclass(frozen=True)
class Person:
    name: str
    birth_year: int | None = None
    role: str = ""

    def __post_init__(self) -> None:
        require_text(self.name, "household", "de naam van elke volwassene")
        _require_birth_year(self.birth_year, "household")


@dataclass(frozen=True)
class Child:
    """A child is a person in the case with their own safety concerns and goals."""

    name: str
    birth_year: int
    school: str = ""
    involved: str = ""
    safety_concerns: str = ""
    contact_with_father: str = ""

    def __post_init__(self) -> None:
        require_text(self.name, "household", "de naam van elk kind")
        _require_birth_year(self.birth_year, "household")


@dataclass(frozen=True)
class Household:
    adults: tuple[Person, ...] = ()
    children: tuple[Child, ...] = ()


@dataclass(frozen=True)
class Address:
    street: str
    house_number: str
    postcode: str
    town: str

    def __post_init__(self) -> None:
        require_text(self.street, "address", "een straat")
        require_text(self.town, "address", "een plaats")
        require(
            bool(POSTCODE.match(self.postcode)),
            "address",
            "postcode must look like 1234 AB",
            "Vul een postcode in zoals 1234 AB.",
        )

    def one_line(self) -> str:
        return f"{self.street} {self.house_number}, {self.postcode} {self.town}"


@dataclass(frozen=True)
class SafeContact:
    """How the worker may reach the client without putting them at risk."""

    may_call: bool = True
    safe_times: str = ""
    if_someone_else_answers: str = ""
    code_word: str = ""


@dataclass(frozen=True)
class InvolvedPartner:
    kind: PartnerKind
    organisation: str
    contact_person: str = ""
    phone: str = ""

    def __post_init__(self) -> None:
        require_text(self.organisation, "partners", "de organisatie van de ketenpartner")


@dataclass(frozen=True)
class PhaseEntry:
    phase_id: str
    since: date


@dataclass(frozen=True)
class FrequencyOverride:
    """A worker's own contact frequency for this case, with the reason why."""

    frequency: ContactFrequency
    reason: str
    since: date
    until: date | None = None

    def __post_init__(self) -> None:
        require_text(self.reason, "frequency_override", "een reden voor de afwijkende frequentie")
        require(
            self.until is None or self.until >= self.since,
            "frequency_override",
            "the override must end after it starts",
            "De einddatum ligt vóór de begindatum.",
        )

    def applies_on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class CaseSchedule:
    """The facts of a case that the contact and review rules need, and nothing more."""

    status: CaseStatus
    start_date: date
    phase_history: tuple[PhaseEntry, ...]
    planned_end_date: date | None = None
    frequency_override: FrequencyOverride | None = None

    @property
    def phase_id(self) -> str:
        return self.phase_history[-1].phase_id

    def phase_on(self, day: date) -> str:
        """The phase the case was in on `day` (the first phase before the history starts)."""
        if self.phase_history[-1].since <= day:  # the usual question: which phase now
            return self.phase_history[-1].phase_id
        current = self.phase_history[0].phase_id
        for entry in self.phase_history:
            if entry.since <= day:
                current = entry.phase_id
        return current


@dataclass(frozen=True)
class Case:
    id: str
    display_name: str
    initials: str
    programme_id: str
    phase_id: str
    start_date: date
    worker: str
    status: CaseStatus = CaseStatus.ACTIEF
    birth_year: int | None = None
    household: Household = field(default_factory=Household)
    address: Address | None = None
    secret_address: bool = False
    phone: str = ""
    safe_contact: SafeContact = field(default_factory=SafeContact)
    language: str = "nl"
    interpreter_needed: bool = False
    phase_history: tuple[PhaseEntry, ...] = ()
    planned_end_date: date | None = None
    backup_worker: str = ""
    partners: tuple[InvolvedPartner, ...] = ()
    frequency_override: FrequencyOverride | None = None

    def __post_init__(self) -> None:
        require_text(self.display_name, "display_name", "de naam van de cliënt")
        require_text(self.initials, "initials", "initialen of een pseudoniem")
        require_text(self.worker, "worker", "de trajectbegeleider")
        _require_birth_year(self.birth_year, "birth_year")
        require(
            self.planned_end_date is None or self.planned_end_date >= self.start_date,
            "planned_end_date",
            "the planned end lies before the start",
            "De geplande einddatum ligt vóór de startdatum.",
        )
        if not self.phase_history:
            object.__setattr__(self, "phase_history", (PhaseEntry(self.phase_id, self.start_date),))
        require(
            self.phase_history[-1].phase_id == self.phase_id,
            "phase_history",
            "the phase history must end in the current phase",
            "De fasegeschiedenis klopt niet met de huidige fase.",
        )

    @property
    def schedule(self) -> CaseSchedule:
        return CaseSchedule(
            status=self.status,
            start_date=self.start_date,
            phase_history=self.phase_history,
            planned_end_date=self.planned_end_date,
            frequency_override=self.frequency_override,
        )
