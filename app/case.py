"""The case (casus): the client, contact details, programme and phase, status.

The people in a case (household, danger persons, partners) are records of their own:
app/people.py. Closing and reopening are records too: app/closing.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from app.errors import enum_value, require, require_date, require_text
from app.programmes import ContactFrequency
from app.vocabulary import CaseStatus

RECORD_TYPE = "case"
POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$")
DATE_FIELDS = (
    "start_date", "registered_on", "planned_end_date", "nazorg_start", "closed_on", "reopened_on"
)  # fmt: skip


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
    """How the worker may reach the client without putting them at risk. `may_call` is
    False unless a worker said yes: a call at the wrong moment can endanger a client who
    hides from a violent partner."""

    may_call: bool = False
    safe_times: str = ""
    if_someone_else_answers: str = ""
    code_word: str = ""


@dataclass(frozen=True)
class PhaseEntry:
    """The case entered `phase_id` of `programme_id` on `since` ("" for entries written
    before programmes were recorded per entry: the case's programme at the time).
    `contra_reason`: why a switch into this programme went on despite its contra-indications
    against the latest screening."""

    phase_id: str
    since: date
    programme_id: str = ""
    contra_reason: str = ""


@dataclass(frozen=True)
class FrequencyOverride:
    """A worker's own contact frequency for this case, with the reason why."""

    frequency: ContactFrequency
    reason: str
    since: date
    until: date | None = None

    def __post_init__(self) -> None:
        require_text(self.reason, "frequency_override", "een reden voor de afwijkende frequentie")
        require_date(self.since, "frequency_override")
        require_date(self.until, "frequency_override", optional=True)
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
    start_date: date  # the start, or the aanmelding date while the case has not started
    phase_history: tuple[PhaseEntry, ...]
    planned_end_date: date | None = None
    frequency_override: FrequencyOverride | None = None
    nazorg_start: date | None = None  # nazorg check-ins count from here (status nazorg)
    restarted_on: date | None = None  # the latest reopening (terugval): due rules restart

    @property
    def phase_id(self) -> str:
        return self.phase_history[-1].phase_id

    def entry_on(self, day: date) -> PhaseEntry:
        """The phase entry in force on `day` (the first one before the history starts)."""
        if self.phase_history[-1].since <= day:  # the usual question: which phase now
            return self.phase_history[-1]
        current = self.phase_history[0]
        for entry in self.phase_history:
            if entry.since <= day:
                current = entry
        return current

    def phase_on(self, day: date) -> str:
        """The phase the case was in on `day` (the first phase before the history starts)."""
        return self.entry_on(day).phase_id


@dataclass(frozen=True)
class Case:
    """One client's case. `start_date` is None while the case is an aanmelding (status
    `aanmelding` until a start date is set); `registered_on` is the aanmelding date.
    Initials left empty are derived from the name ("Noor van Verstopt" -> "N.v.V.").
    Raises ValidationError for an empty name or worker, a bad birth year, an end
    before the start, or a phase history that does not end in the current phase."""

    id: str
    display_name: str
    initials: str
    programme_id: str
    phase_id: str
    start_date: date | None
    worker: str
    status: CaseStatus = CaseStatus.ACTIEF
    birth_year: int | None = None
    address: Address | None = None
    secret_address: bool = False
    phone: str = ""
    safe_contact: SafeContact = field(default_factory=SafeContact)
    language: str = "nl"
    interpreter_needed: bool = False
    phase_history: tuple[PhaseEntry, ...] = ()
    planned_end_date: date | None = None
    backup_worker: str = ""
    frequency_override: FrequencyOverride | None = None
    registered_on: date | None = None  # aanmelding
    nazorg_start: date | None = None
    closed_on: date | None = None
    reopened_on: date | None = None

    def __post_init__(self) -> None:
        # Here, not at import: listing the caseload (`koers cases`) loads no people records.
        from app.people import derive_initials, require_birth_year

        require_text(self.display_name, "display_name", "de naam van de cliënt")
        if not (self.initials or "").strip():  # left empty on the intake form: derived
            object.__setattr__(self, "initials", derive_initials(self.display_name))
            require(
                bool(self.initials),
                "display_name",
                "the name holds no letter to derive initials from (give initials)",
                "De naam bevat geen letter om initialen van te maken; vul initialen in.",
            )
        require_text(self.initials, "initials", "initialen of een pseudoniem")
        require_text(self.worker, "worker", "de trajectbegeleider")
        require_birth_year(self.birth_year, "birth_year")
        status = enum_value(self.status, CaseStatus, "status", optional=True)
        object.__setattr__(self, "status", status)
        for name in DATE_FIELDS:
            require_date(getattr(self, name), name, optional=True)
        require(
            self.start_date is not None or self.registered_on is not None,
            "start_date",
            "a case needs a start date or an aanmelding date",
            "Vul een aanmeldingsdatum of een startdatum in.",
        )
        require(  # an aanmelding that never started may be closed (uitval before the start)
            self.start_date is not None
            or self.status in (CaseStatus.AANMELDING, CaseStatus.AFGESLOTEN),
            "start_date",
            "a case without a start date is an aanmelding",
            "Een casus zonder startdatum is nog een aanmelding.",
        )
        require(
            self.registered_on is None
            or self.start_date is None
            or self.start_date >= self.registered_on,
            "start_date",
            "the start lies before the aanmelding",
            "De startdatum ligt vóór de aanmeldingsdatum.",
        )
        require(
            self.planned_end_date is None or self.planned_end_date >= self.begins_on,
            "planned_end_date",
            "the planned end lies before the start",
            "De geplande einddatum ligt vóór de startdatum.",
        )
        if not self.phase_history:
            first = PhaseEntry(self.phase_id, self.begins_on, self.programme_id)
            object.__setattr__(self, "phase_history", (first,))
        require(
            self.phase_history[-1].phase_id == self.phase_id,
            "phase_history",
            "the phase history must end in the current phase",
            "De fasegeschiedenis klopt niet met de huidige fase.",
        )

    @property
    def begins_on(self) -> date:
        """The start date, or the aanmelding date while the case has not started."""
        start = self.start_date or self.registered_on
        assert start is not None  # checked in __post_init__
        return start

    @property
    def schedule(self) -> CaseSchedule:
        return CaseSchedule(
            status=self.status,
            start_date=self.begins_on,
            phase_history=self.phase_history,
            planned_end_date=self.planned_end_date,
            frequency_override=self.frequency_override,
            nazorg_start=self.nazorg_start,
            restarted_on=self.reopened_on,
        )
