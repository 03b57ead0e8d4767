"""The services a worker's day runs on: cases, contacts, safety, goals, ZRM, handovers.

The window and the `koers` command line both call these; every write goes through the
vault's RecordStore (journal + access log in the same transaction).
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from app import codec
from app.case import Address, Case, FrequencyOverride, PhaseEntry
from app.closing import Closure, Reopening
from app.contact import Contact, require_content
from app.discussion import CaseDiscussion, check_discussion
from app.errors import UnreadableRecord, ValidationError, enum_value, require, require_date
from app.goals import Action, Goal, check_action, check_goal
from app.handover import HandoverNote, check_handover
from app.people import DangerPerson, Household, HouseholdMember, InvolvedPartner
from app.programmes import DEFAULT_PROGRAMMES, Programme
from app.rules import local_date, local_day_start_utc
from app.safety import (
    Breach,
    BreachFollowUp,
    SafetyAgreement,
    SafetyPlan,
    SafetyRecords,
    check_breach,
    check_follow_up,
    evaluated_version,
)
from app.screening import ContraIndicated, RiskScreening, contra_indications
from app.social_map import SocialMapEntry, check_entry, entry_key
from app.text import require_clean_text, require_name, require_one_line
from app.vocabulary import AgreementStatus, CaseStatus, ContactStatus
from app.zrm import ZrmAssessment, require_every_domain
from storage.field_limits import LINE, max_length, overlong_field
from storage.ids import uuid7
from storage.record_types import CASE_CONTENT_TABLES
from storage.repository import RecordStore
from storage.vault import Vault

R = TypeVar("R")

RECORD_TYPES: dict[type, str] = {
    Case: "case",
    RiskScreening: "screening",
    Contact: "contact",
    SafetyPlan: "safety_plan",
    SafetyAgreement: "agreement",
    Breach: "breach",
    BreachFollowUp: "breach_follow_up",
    Goal: "goal",
    Action: "action",
    ZrmAssessment: "zrm_assessment",
    HandoverNote: "handover_note",
    CaseDiscussion: "case_discussion",
    SocialMapEntry: "social_map_entry",
    HouseholdMember: "household_member",
    DangerPerson: "danger_person",
    InvolvedPartner: "case_partner",
    Closure: "closure",
    Reopening: "reopening",
}
# A done contact may be logged a little ahead of the clock (laptop clocks drift).
FUTURE_GRACE = timedelta(minutes=5)
# Case work dates (start, screening, contact, phase) before this are typos (0026 for 2026).
EARLIEST_DATE = date(2000, 1, 1)
# How far ahead a worker may plan (a visit, a phase change, an override): a year.
MAX_AHEAD = timedelta(days=366)
# A planned end this many years after the start is a typo (9999 for 2027).
MAX_PLANNED_YEARS = 10
# No date of case work lies this many years ahead (an order, a planned end, a due date):
# a later one is a typo (9999 for 2027), as one before EARLIEST_DATE is (1900, 0026).
MAX_YEARS_AHEAD = 20
# What decoding a stored row raises when a value is not what its field holds (an unknown
# word, a date that is no date, JSON that is no JSON, a rule broken): see Casework.get.
UNREADABLE = (ValueError, TypeError, KeyError, AttributeError)


def new_id() -> str:
    """A new record's id: a UUIDv7 (storage/ids.py), time-ordered so the server's index of
    record ids grows at its end (a push costs the same however full the server is)."""
    return uuid7()


@dataclass(frozen=True)
class Conflict:
    id: str
    record_type: str
    record_id: str
    field: str
    losing_value: Any
    losing_hlc: str
    winning_hlc: str
    detected_at: str


@dataclass(frozen=True)
class CaseFile:
    """Everything a case holds, as read (and access-logged) for the case file."""

    case: Case
    screenings: list[RiskScreening]
    contacts: list[Contact]
    safety_plans: list[SafetyPlan]
    agreements: list[SafetyAgreement]
    breaches: list[Breach]
    goals: list[Goal]
    actions: list[Action]
    zrm: list[ZrmAssessment]
    handover_notes: list[HandoverNote]
    discussions: list[CaseDiscussion]
    members: list[HouseholdMember] = field(default_factory=list)
    danger_persons: list[DangerPerson] = field(default_factory=list)
    partners: list[InvolvedPartner] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
    reopenings: list[Reopening] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    follow_ups: list[BreachFollowUp] = field(default_factory=list)
    # Records of the case that could not be read (record type, id): a value from another
    # laptop this Koers does not accept. They are left out of the lists above, not lost.
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    @property
    def household(self) -> Household:
        return Household.of(self.members)

    @property
    def latest_screening(self) -> RiskScreening | None:
        """The screening of the latest day; of two on one day, the one written last (the
        list is in writing order within a day), as the caseload's risk badge reads it."""
        return max(reversed(self.screenings), key=lambda s: s.screened_on, default=None)

    @property
    def done_contacts(self) -> list[Contact]:
        """Contacts that happened, in time order; a corrected contact shows as its correction."""
        replaced = {c.supersedes for c in self.contacts if c.supersedes}
        return sorted(
            (c for c in self.contacts if c.status is ContactStatus.GEDAAN and c.id not in replaced),
            key=lambda c: c.starts_at,
        )

    @property
    def open_breaches(self) -> list[Breach]:
        """Breaches of an agreement that no follow-up names yet (breaches are append-only:
        the follow-up is a record of its own)."""
        answered = {f.breach_id for f in self.follow_ups}
        return [b for b in self.breaches if b.id not in answered]


class Casework:
    def __init__(self, vault: Vault, actor: str | None = None) -> None:
        self.vault = vault
        self.store = RecordStore(vault, actor or vault.owner)
        self._programmes: dict[str, Programme] | None = None

    def today(self) -> date:
        return local_date(self.vault.now())

    # --- programmes ------------------------------------------------------------------------

    def programmes(self) -> dict[str, Programme]:
        if self._programmes is None:
            rows = self.store.rows("programme", order_by="id")
            self._programmes = {
                row["id"]: codec.from_json(Programme, row["definition"]) for row in rows
            }
        return self._programmes

    def programme(self, programme_id: str) -> Programme:
        try:
            return self.programmes()[programme_id]
        except KeyError:
            raise ValidationError(
                "programme_id", f"unknown programme {programme_id}", "Onbekend programma."
            ) from None

    def save_programme(self, programme: Programme) -> None:
        """Create or change a programme; a phase that cases are in, or were in (their phase
        history, read by the rules for earlier days), cannot be removed."""
        in_use = {
            row[0]
            for row in self.vault.db.execute(
                "SELECT phase_id FROM cases WHERE programme_id = ? AND deleted = 0 "
                "UNION SELECT json_extract(e.value, '$.phase_id') "
                "FROM cases c, json_each(c.phase_history) e WHERE c.deleted = 0 AND "
                "COALESCE(NULLIF(json_extract(e.value, '$.programme_id'), ''), c.programme_id) = ?",
                [programme.id, programme.id],
            )
        }
        missing = in_use - {phase.id for phase in programme.phases}
        require(
            not missing,
            "phases",
            f"cases are still in phase(s) {', '.join(sorted(missing))}",
            "Er staan nog casussen in een fase die je wilt verwijderen.",
        )
        fields = self._programme_fields(programme)
        if self.store.get("programme", programme.id) is None:
            self.store.insert("programme", programme.id, fields)
        else:
            self.store.update("programme", programme.id, fields)
        self._programmes = None

    @staticmethod
    def _programme_fields(programme: Programme) -> dict[str, Any]:
        return {"name": programme.name, "definition": codec.encode_value(programme)}

    def seed_default_programmes(self) -> None:
        with self.vault.transaction():
            for programme in DEFAULT_PROGRAMMES:
                self.store.seed("programme", programme.id, self._programme_fields(programme))
        self._programmes = None

    # --- generic record access -------------------------------------------------------------

    def _add_to_case(self, record: Any) -> str:
        """Insert a record that lives in a case, once the case is known to exist."""
        self.get_case(record.case_id)
        return self._insert(record)

    def _require_same_case(self, parent: Any, child: Any, field: str, what_nl: str) -> None:
        require(
            parent.case_id == child.case_id,
            field,
            f"the {type(parent).__name__} belongs to another case",
            f"{what_nl} hoort bij een andere casus.",
        )

    def _insert(self, record: Any) -> str:
        require(
            isinstance(record.id, str) and bool(record.id.strip()),
            "id",
            "a record needs an id",
            "Dit gegeven heeft geen id.",
        )
        self._check_values(record)
        fields = codec.to_fields(record)
        require_fitting(RECORD_TYPES[type(record)], fields)
        return self.store.insert(RECORD_TYPES[type(record)], record.id, fields)

    def _update(self, record: Any) -> list[str]:
        fields = codec.to_fields(record)
        current = self.store.get(RECORD_TYPES[type(record)], record.id) or {}
        # A record stays in its case: a changed case_id would hand it to another client's
        # file (and to whoever may read that case).
        require(
            "case_id" not in fields or not current or current.get("case_id") == fields["case_id"],
            "case_id",
            "the record belongs to another case; it cannot be moved",
            "Dit gegeven hoort bij een andere casus en kan daar niet heen worden verplaatst.",
        )
        self._check_values(record, {name for name, v in fields.items() if current.get(name) != v})
        require_fitting(RECORD_TYPES[type(record)], fields)
        return self.store.update(RECORD_TYPES[type(record)], record.id, fields)

    def _check_values(self, record: Any, names: set[str] | None = None) -> None:
        """What every value written must be, whatever the record (with `names`, of those
        fields only): text where the record holds text, one line in a one-line field (at
        most LINE characters), no control character or reading-direction override
        (app/text.py; names are checked by their records), and each date (nested ones too)
        one of case work: from EARLIEST_DATE to MAX_YEARS_AHEAD years ahead. Raises
        ValidationError naming the field; the message never repeats the text."""
        record_type = RECORD_TYPES[type(record)]
        hints = _type_hints(type(record))
        latest_year = self.today().year + MAX_YEARS_AHEAD
        for item in dataclasses.fields(record):
            name = item.name
            if names is not None and name not in names:
                continue
            value = getattr(record, name)
            if hints.get(name) is str:
                require(isinstance(value, str), name, "must be text", "Vul hier tekst in.")
                if max_length(record_type, name) <= LINE:
                    require_one_line(value, name)
            leaves = list(_leaves(value))
            for text in (leaf for leaf in leaves if isinstance(leaf, str)):
                require_clean_text(text, name)
            for day in (_day_of(leaf) for leaf in leaves if isinstance(leaf, date)):
                require(
                    EARLIEST_DATE <= day and day.year <= latest_year,
                    name,
                    f"the date {day.isoformat()} is not one of case work (before "
                    f"{EARLIEST_DATE:%d-%m-%Y} or more than {MAX_YEARS_AHEAD} years ahead: a "
                    "typo in the year?)",
                    f"De datum {day.day:02d}-{day.month:02d}-{day.year} klopt niet (vóór "
                    f"{EARLIEST_DATE.year} of meer dan {MAX_YEARS_AHEAD} jaar vooruit); "
                    "controleer het jaartal.",
                )

    def get(self, cls: type[R], record_id: str) -> R:
        """The stored record `record_id`. Raises RecordNotFound, and UnreadableRecord for a
        row holding a value this Koers cannot read (see `_decode`)."""
        return self._decode(cls, self.store.require(RECORD_TYPES[cls], record_id))

    def for_case(
        self,
        cls: type[R],
        case_id: str,
        order_by: str = "id",
        unreadable: list[tuple[str, str]] | None = None,
    ) -> list[R]:
        """The case's records of `cls`. A row that cannot be read (UnreadableRecord) is left
        out, and named as (record type, id) in `unreadable` when given: one bad value from
        another laptop never keeps a worker from the rest of the case file."""
        rows = self.store.rows(RECORD_TYPES[cls], "case_id = ?", [case_id], order_by=order_by)
        return self._readable(cls, rows, unreadable)

    def _readable(
        self, cls: type[R], rows: list[dict], unreadable: list[tuple[str, str]] | None = None
    ) -> list[R]:
        records = []
        for row in rows:
            try:
                records.append(self._decode(cls, row))
            except UnreadableRecord:
                if unreadable is not None:
                    unreadable.append((RECORD_TYPES[cls], row["id"]))
        return records

    @staticmethod
    def _decode(cls: type[R], row: dict) -> R:
        """A record from its row. A value that is not what its field holds (an unknown word,
        a date that is no date, broken JSON) or that breaks the record's rule (an empty
        agreement, a ZRM score of 9) raises UnreadableRecord, which names no value: rows
        come from other laptops too, and only the app's services check what they write."""
        try:
            return codec.from_row(cls, row)
        except UNREADABLE:
            raise UnreadableRecord(RECORD_TYPES[cls]) from None

    # --- cases -----------------------------------------------------------------------------

    def _check_case(self, case: Case) -> None:
        """Domain checks that need the vault: programme and phases, dates against today.
        Raises ValidationError."""
        require_name(case.display_name, "display_name")
        require_name(case.initials, "initials")
        for name in ("registered_on", "start_date"):
            day = getattr(case, name)
            if day is not None:
                self._require_not_too_early(day, name)
        programme = self.programme(case.programme_id)
        programme.phase(case.phase_id)
        for entry in case.phase_history:
            self.programme(entry.programme_id or case.programme_id).phase(entry.phase_id)
            self._require_not_too_early(entry.since, "phase_history")
        require(
            case.planned_end_date is None
            or case.planned_end_date.year - case.begins_on.year <= MAX_PLANNED_YEARS,
            "planned_end_date",
            f"the planned end lies more than {MAX_PLANNED_YEARS} years after the start",
            f"De geplande einddatum ligt meer dan {MAX_PLANNED_YEARS} jaar na de start.",
        )
        require(
            case.birth_year is None or case.birth_year <= self.today().year,
            "birth_year",
            "birth year lies in the future",
            "Het geboortejaar ligt in de toekomst.",
        )

    def add_case(self, case: Case) -> str:
        """Create a case (offline: the id is made on this laptop). A case whose programme
        starts has status actief; without a start date it stays an aanmelding."""
        if case.start_date is not None and case.status is CaseStatus.AANMELDING:
            case = replace(case, status=CaseStatus.ACTIEF)
        self._check_case(case)
        return self._insert(case)

    def update_case(self, case: Case) -> list[str]:
        """Write the fields of `case` that changed; each change is journaled per field.
        Setting a start date on an aanmelding makes the case actief, and its first phase
        begins on that start date (not on the aanmelding date)."""
        if case.start_date is not None and case.status is CaseStatus.AANMELDING:
            history = case.phase_history
            if len(history) == 1 and history[0].since < case.start_date:
                history = (replace(history[0], since=case.start_date),)
            case = replace(case, status=CaseStatus.ACTIEF, phase_history=history)
        self._check_case(case)
        return self._update(case)

    def cases(self, *, include_closed: bool = False) -> list[Case]:
        where = "1 = 1" if include_closed else "status != 'afgesloten'"
        rows = self.store.rows("case", where, order_by="display_name")
        return self._readable(Case, rows)

    def get_case(self, case_id: str) -> Case:
        return self.get(Case, case_id)

    def change_phase(self, case_id: str, phase_id: str, since: date | None = None) -> Case:
        """Move a case to another phase of its programme from `since` (default today).
        Raises ValidationError for a phase outside the programme or a date before the
        current phase began."""
        case = self.get_case(case_id)
        since = since or self.today()
        self.programme(case.programme_id).phase(phase_id)
        require(
            phase_id != case.phase_id,
            "phase_id",
            "the case is in this phase already",
            "De casus zit al in deze fase.",
        )
        self._require_after_current_phase(case, since)
        updated = replace(
            case,
            phase_id=phase_id,
            phase_history=(*case.phase_history, PhaseEntry(phase_id, since, case.programme_id)),
        )
        self.update_case(updated)
        return updated

    def switch_programme(
        self,
        case_id: str,
        programme_id: str,
        since: date | None = None,
        contra_reason: str = "",
    ) -> Case:
        """Move a case to another programme, in that programme's first phase, from `since`.
        The phase history keeps each entry's programme, so the rules read earlier days in
        the programme of their time. The new programme's contra-indications are checked
        against the latest screening as at a screening: without `contra_reason` a
        ContraIndicated error lists them; the reason is kept on the new phase entry.
        Raises ValidationError."""
        case = self.get_case(case_id)
        since = since or self.today()
        programme = self.programme(programme_id)
        require(
            programme_id != case.programme_id,
            "programme_id",
            "the case is in this programme already",
            "De casus zit al in dit programma.",
        )
        self._require_after_current_phase(case, since)
        latest = self.case_file(case_id).latest_screening
        found = contra_indications(programme_id, latest) if latest is not None else []
        if found and not contra_reason.strip():
            raise ContraIndicated(found)
        first = programme.first_phase.id
        history = tuple(
            e if e.programme_id else replace(e, programme_id=case.programme_id)
            for e in case.phase_history
        )
        updated = replace(
            case,
            programme_id=programme_id,
            phase_id=first,
            phase_history=(
                *history,
                PhaseEntry(first, since, programme_id, contra_reason.strip() if found else ""),
            ),
        )
        self.update_case(updated)
        return updated

    def _require_after_current_phase(self, case: Case, since: date) -> None:
        self._require_open(case)
        require_date(since, "phase_id")
        require(
            since >= case.phase_history[-1].since,
            "phase_id",
            "a phase change cannot predate the current phase",
            "Een nieuwe fase kan niet vóór de huidige fase beginnen.",
        )
        require(
            since <= self.today() + MAX_AHEAD,
            "phase_id",
            "a phase change lies more than a year ahead",
            "Een faseovergang ligt meer dan een jaar vooruit.",
        )

    def set_frequency_override(self, case_id: str, override: FrequencyOverride | None) -> Case:
        """Set (or, with None, remove) the case's own contact frequency. Its dates lie
        from 2000 to a year ahead; a closed case takes none. Raises ValidationError."""
        case = self.get_case(case_id)
        if override is not None:
            self._require_open(case)
            require(
                isinstance(override, FrequencyOverride),
                "frequency_override",
                "not a frequency override",
                "Vul een afwijkende frequentie in.",
            )
            for day in (override.since, override.until):
                if day is not None:
                    self._require_not_too_early(day, "frequency_override")
                    self._require_not_too_far_ahead(day, "frequency_override")
        updated = replace(case, frequency_override=override)
        self.update_case(updated)
        return updated

    def end_frequency_override(self, case_id: str, until: date | None = None) -> Case:
        """End the override on `until` (default today): the phase's frequency applies after.
        Raises ValidationError when there is no override or it would end before it began."""
        case = self.get_case(case_id)
        override = case.frequency_override
        require(
            override is not None,
            "frequency_override",
            "the case has no frequency override",
            "Deze casus heeft geen afwijkende frequentie.",
        )
        assert override is not None
        until = until or self.today()
        require(
            override.until is None or override.until > until,
            "frequency_override",
            "the override has ended already",
            "De afwijkende frequentie is al beëindigd.",
        )
        return self.set_frequency_override(case_id, replace(override, until=until))

    def open_case(self, case_id: str) -> CaseFile:
        """Read a whole case for the case file; the read is access-logged."""
        with self.vault.transaction():
            case_file = self.case_file(case_id)
            self.store.log_access("read", "case", case_id)
            return case_file

    def case_file(self, case_id: str) -> CaseFile:
        """A whole case, not logged: callers log what they do with it (a read, an export).
        Records that cannot be read are left out and named in CaseFile.unreadable."""
        skipped: list[tuple[str, str]] = []

        def of(cls: type[R], order_by: str) -> list[R]:
            return self.for_case(cls, case_id, order_by, skipped)

        return CaseFile(
            case=self.get_case(case_id),
            screenings=of(RiskScreening, "screened_on, updated_hlc"),
            contacts=of(Contact, "starts_at"),
            safety_plans=of(SafetyPlan, "version"),
            agreements=of(SafetyAgreement, "start_date"),
            breaches=of(Breach, "occurred_on"),
            goals=of(Goal, "domain"),
            actions=of(Action, "due_date"),
            zrm=of(ZrmAssessment, "assessed_on"),
            handover_notes=of(HandoverNote, "handover_date"),
            discussions=of(CaseDiscussion, "held_on"),
            members=of(HouseholdMember, "name"),
            danger_persons=of(DangerPerson, "name"),
            partners=of(InvolvedPartner, "organisation"),
            closures=of(Closure, "closed_on"),
            reopenings=of(Reopening, "reopened_on"),
            conflicts=self.case_conflicts(case_id),
            follow_ups=of(BreachFollowUp, "written_on"),
            unreadable=skipped,
        )

    def reveal_address(self, case_id: str) -> Address | None:
        """Show a (possibly secret) address: a deliberate act, written to the access log."""
        case = self.get_case(case_id)
        self.store.log_access("reveal_address", "case", case_id)
        return case.address

    # --- dates ---------------------------------------------------------------------------

    def _require_not_future(self, day: date, field: str, what_en: str, what_nl: str) -> None:
        require(
            day <= self.today(),
            field,
            f"{what_en} cannot lie in the future",
            f"{what_nl} kan niet in de toekomst liggen.",
        )

    def _require_not_too_early(self, day: date, field: str) -> None:
        require(
            day >= EARLIEST_DATE,
            field,
            f"a date before {EARLIEST_DATE:%d-%m-%Y} is not case work (a typo in the year?)",
            f"Een datum vóór {EARLIEST_DATE:%d-%m-%Y} klopt niet; controleer het jaartal.",
        )

    def _require_not_too_far_ahead(self, day: date, field: str) -> None:
        require(
            day <= self.today() + MAX_AHEAD,
            field,
            "the date lies more than a year ahead",
            "De datum ligt meer dan een jaar vooruit.",
        )

    def _require_open(self, case: Case) -> None:
        require(
            case.status is not CaseStatus.AFGESLOTEN,
            "status",
            "the case is closed; reopen it first",
            "Deze casus is afgesloten; heropen hem eerst.",
        )

    def _require_happened(self, contact: Contact) -> None:
        self._require_not_too_early(local_date(contact.starts_at), "starts_at")
        require(
            contact.starts_at <= self.vault.now() + FUTURE_GRACE,
            "starts_at",
            "a contact that took place cannot lie in the future",
            "Een gedaan contact kan niet in de toekomst liggen.",
        )

    # --- contacts --------------------------------------------------------------------------

    def record_contact(self, contact: Contact) -> str:
        """Record a contact that took place (or a no-show); returns the id it is stored under.

        It may not lie in the future, and it must say something (a report, a life domain or
        a safety check) unless it is a no-show or marked "alleen kort contact". When the
        case has a planned contact on the same day that began before this one ended, that
        planned contact is completed with these facts instead of leaving it "Gepland" beside
        a new one. Raises ValidationError.
        """
        require(
            contact.status is ContactStatus.GEDAAN,
            "status",
            "use plan_contact for a planned contact",
            "Dit contact is nog niet gedaan.",
        )
        self._require_happened(contact)
        require_content(contact)
        if contact.supersedes is not None:
            self._require_same_case(
                self.get(Contact, contact.supersedes),
                contact,
                "supersedes",
                "Het oorspronkelijke contact",
            )
            return self._add_to_case(contact)
        with self.vault.transaction():
            # A planned contact that starts after this one ended is another appointment (a
            # morning phone call does not complete the afternoon's home visit).
            ends = contact.starts_at + timedelta(minutes=contact.duration_minutes)
            planned = [
                p
                for p in self.planned_on_day(contact.case_id, local_date(contact.starts_at))
                if p.starts_at <= ends
            ]
            if planned:
                # The planned visit that day (the one closest in time) becomes this contact;
                # what the plan said and the worker left empty (the address a colleague can
                # trace the visit by, where, with whom) stays.
                target = min(planned, key=lambda p: abs(p.starts_at - contact.starts_at))
                done = replace(
                    contact,
                    id=target.id,
                    address=contact.address or target.address,
                    location=contact.location or target.location,
                    present=contact.present or target.present,
                )
                self._update(done)
                return target.id
            return self._add_to_case(contact)

    def planned_on_day(self, case_id: str, day: date) -> list[Contact]:
        """The case's planned (not yet done) contacts on local day `day`."""
        start, end = local_day_start_utc(day), local_day_start_utc(day + timedelta(days=1))
        rows = self.store.rows(
            "contact",
            "case_id = ? AND status = 'gepland' AND starts_at >= ? AND starts_at < ?",
            [case_id, start, end],
            order_by="starts_at",
        )
        return [codec.from_row(Contact, row) for row in rows]

    def plan_contact(self, contact: Contact) -> str:
        """Plan a home visit or other contact; it may not lie in the past.
        Raises ValidationError."""
        require(
            contact.status is ContactStatus.GEPLAND,
            "status",
            "a planned contact has status gepland",
            "Een gepland contact heeft status gepland.",
        )
        require(
            contact.starts_at >= self.vault.now() - FUTURE_GRACE,
            "starts_at",
            "a planned contact cannot lie in the past",
            "Een afspraak kan niet in het verleden liggen.",
        )
        require(
            contact.starts_at <= self.vault.now() + MAX_AHEAD,
            "starts_at",
            "a planned contact lies more than a year ahead",
            "Een afspraak ligt meer dan een jaar vooruit.",
        )
        self._require_open(self.get_case(contact.case_id))
        return self._add_to_case(contact)

    def cancel_planned_contact(self, contact_id: str) -> None:
        """Cancel a planned (not yet done) contact: a tombstone, journaled, so it leaves
        Vandaag and the week view on every laptop. Raises ValidationError for a contact
        that took place (correct that one instead) and RecordNotFound for an unknown id."""
        with self.vault.transaction():
            contact = self.get(Contact, contact_id)
            require(
                contact.status is ContactStatus.GEPLAND,
                "status",
                "a contact that took place cannot be cancelled; correct it",
                "Een gedaan contact kan niet worden geannuleerd; corrigeer het.",
            )
            self.store.delete(RECORD_TYPES[Contact], contact_id)

    def complete_contact(self, planned_id: str, **changes: Any) -> Contact:
        """Turn a planned visit into a done one (its report, who was present, ...).
        Raises ValidationError as record_contact does (in the future, or saying nothing)."""
        done = replace(self.get(Contact, planned_id), status=ContactStatus.GEDAAN, **changes)
        self._require_happened(done)
        require_content(done)
        self._update(done)
        return done

    def correct_contact(self, original_id: str, **changes: Any) -> Contact:
        """A done contact is never overwritten: the correction is a new version naming it.
        `changes` are Contact fields; give `case_id` (the case the worker is in) and a
        contact of another case is refused, so a form opened on one client never writes a
        correction into another's file. Raises ValidationError, RecordNotFound."""
        original = self.get(Contact, original_id)
        _taken(original, changes)  # every name a field of a contact
        corrected = replace(original, id=new_id(), supersedes=original_id, **changes)
        self.record_contact(corrected)
        return corrected

    # --- safety ----------------------------------------------------------------------------

    def add_screening(self, screening: RiskScreening, programme_id: str | None = None) -> str:
        """Store a screening; the case's risk badge follows the latest one.

        The contra-indications of the case's programme (or `programme_id`, at intake) that
        it meets are flagged: without `contra_reason` a ContraIndicated error lists them;
        with one, they are stored on the record with the reason. Raises ValidationError."""
        self._require_not_future(
            screening.screened_on, "screened_on", "a screening", "Een screening"
        )
        self._require_not_too_early(screening.screened_on, "screened_on")
        if programme_id is None:
            programme_id = self.get_case(screening.case_id).programme_id
        found = contra_indications(programme_id, screening)
        if found and not screening.contra_reason.strip():
            raise ContraIndicated(found)
        stored = replace(
            screening,
            contra_indications=tuple(found),
            contra_reason=screening.contra_reason.strip() if found else "",
        )
        return self._add_to_case(stored)

    def latest_screening(self, case_id: str) -> RiskScreening | None:
        """The screening that drives the case's risk badge (as CaseFile.latest_screening)."""
        screenings = self.for_case(RiskScreening, case_id, "screened_on, updated_hlc")
        return max(reversed(screenings), key=lambda s: s.screened_on, default=None)

    def save_safety_plan(self, plan: SafetyPlan) -> SafetyPlan:
        """Store a new version of the plan (numbered after the case's highest); earlier
        versions stay as they were. Its date may not lie in the future or before 2000, its
        review date not before its date (SafetyPlan) nor more than a year ahead.
        Raises ValidationError."""
        self._check_plan_dates(plan.made_on, plan.review_date)
        if plan.evaluated_on is not None:  # "Geëvalueerd" sets it; see evaluate_safety_plan
            require_date(plan.evaluated_on, "evaluated_on")
            require(
                plan.made_on <= plan.evaluated_on <= self.today(),
                "evaluated_on",
                "the evaluation lies before the plan was made or in the future",
                "De evaluatie ligt vóór de datum van het plan of in de toekomst.",
            )
        with self.vault.transaction():
            self.get_case(plan.case_id)
            versions = [p.version for p in self.for_case(SafetyPlan, plan.case_id)]
            stored = replace(plan, version=max(versions, default=0) + 1)
            self._insert(stored)
        return stored

    def evaluate_safety_plan(
        self, case_id: str, evaluated_on: date, next_review: date
    ) -> SafetyPlan:
        """Record "Geëvalueerd": the current plan was evaluated on `evaluated_on` and stays as
        it is. Stores a new version identical but for its evaluation date and review date
        (`next_review`) and returns it. Raises ValidationError when the case has no plan,
        the evaluation lies in the future or before the plan was made, or the next review
        lies before the evaluation or more than a year ahead."""
        self._check_plan_dates(evaluated_on, next_review, "evaluated_on")
        with self.vault.transaction():
            current = self.current_safety_plan(case_id)
            require(
                current is not None,
                "safety_plan",
                "the case has no safety plan to evaluate",
                "Deze casus heeft nog geen veiligheidsplan om te evalueren.",
            )
            assert current is not None
            stored = evaluated_version(current, evaluated_on, next_review, new_id())
            self._insert(stored)
        return stored

    def _check_plan_dates(self, made_on: date, review_date: date, field: str = "made_on") -> None:
        require_date(made_on, field)
        require_date(review_date, "review_date")
        self._require_not_future(made_on, field, "a safety plan", "Een veiligheidsplan")
        self._require_not_too_early(made_on, field)
        self._require_not_too_far_ahead(review_date, "review_date")

    def current_safety_plan(self, case_id: str) -> SafetyPlan | None:
        """The case's plan version with the highest number, or None."""
        return max(self.for_case(SafetyPlan, case_id), key=lambda p: p.version, default=None)

    def safety_records(self, case_id: str) -> SafetyRecords:
        """The current plan, agreements, breaches and follow-ups of a case (not logged: the
        forms start from them)."""
        return SafetyRecords(
            plan=self.current_safety_plan(case_id),
            agreements=tuple(self.for_case(SafetyAgreement, case_id, "start_date")),
            breaches=tuple(self.for_case(Breach, case_id, "occurred_on")),
            follow_ups=tuple(self.for_case(BreachFollowUp, case_id, "written_on")),
        )

    def add_agreement(self, agreement: SafetyAgreement) -> str:
        """Store a new safety agreement. Raises ValidationError (no who or what, a review
        date before the start, a start before 2000, an unknown status)."""
        self._check_agreement(agreement)
        return self._add_to_case(agreement)

    def update_agreement(self, agreement: SafetyAgreement) -> list[str]:
        """Change a stored agreement of the same case (text, dates, status); returns the
        fields written. Raises ValidationError, RecordNotFound for an unknown id."""
        self._check_agreement(agreement)
        with self.vault.transaction():
            stored = self.get(SafetyAgreement, agreement.id)
            self._require_same_case(stored, agreement, "case_id", "Deze afspraak")
            return self._update(agreement)

    def set_agreement_status(
        self, agreement_id: str, status: AgreementStatus | str
    ) -> SafetyAgreement:
        """Set an agreement's status (actief, nagekomen, geschonden, vervallen); only that
        field is written. Raises ValidationError for an unknown status, RecordNotFound for
        an unknown agreement."""
        chosen = enum_value(status, AgreementStatus, "status")
        assert chosen is not None
        with self.vault.transaction():
            changed = replace(self.get(SafetyAgreement, agreement_id), status=chosen)
            self._update(changed)
        return changed

    def _check_agreement(self, agreement: SafetyAgreement) -> None:
        require_date(agreement.start_date, "start_date")
        require_date(agreement.review_date, "review_date")
        self._require_not_too_early(agreement.start_date, "start_date")
        enum_value(agreement.status, AgreementStatus, "status")

    def log_breach(self, breach: Breach, *, mark_broken: bool = False) -> str:
        """Record a breach of an agreement of the same case (append-only: what was done
        about it is a BreachFollowUp). Refused on a vervallen agreement, before the
        agreement's start and in the future (ValidationError). With `mark_broken` an actief
        agreement becomes geschonden in the same transaction; the form asks, because an
        agreement may stay in force (and on the review list) despite one breach."""
        require_date(breach.occurred_on, "occurred_on")
        self._require_not_future(breach.occurred_on, "occurred_on", "a breach", "Een schending")
        with self.vault.transaction():
            agreement = self.get(SafetyAgreement, breach.agreement_id)
            self._require_same_case(agreement, breach, "agreement_id", "Deze afspraak")
            check_breach(agreement, breach)
            breach_id = self._insert(breach)
            if mark_broken and agreement.status is AgreementStatus.ACTIEF:
                self._update(replace(agreement, status=AgreementStatus.GESCHONDEN))
        return breach_id

    def add_breach_follow_up(self, follow_up: BreachFollowUp) -> str:
        """Write what was done about a breach: a record of its own naming a breach of the
        same case, dated from the breach's day up to today. The breach stays as written and
        is no longer open. Raises ValidationError, RecordNotFound for an unknown breach."""
        require_date(follow_up.written_on, "written_on")
        self._require_not_future(follow_up.written_on, "written_on", "a follow-up", "Een opvolging")
        with self.vault.transaction():
            check_follow_up(self.get(Breach, follow_up.breach_id), follow_up)
            return self._insert(follow_up)

    # --- plan, ZRM, handover, discussion, sociale kaart -------------------------------------

    def add_goal(self, goal: Goal) -> str:
        """Store a new goal; the day it was made defaults to today (app/goals.py
        check_goal). Raises ValidationError."""
        if goal.made_on is None:
            goal = replace(goal, made_on=self.today())
        check_goal(goal, self.today(), EARLIEST_DATE)
        return self._add_to_case(goal)

    def update_goal(self, goal: Goal, fields: Iterable[str] | None = None) -> list[str]:
        """Change a goal (its status too); with `fields`, only those are taken from `goal`
        and the rest stay as stored (a colleague's change synced meanwhile stays). Returns
        the fields written. Raises ValidationError, RecordNotFound for an unknown id."""
        with self.vault.transaction():
            if fields is not None:
                current = self.get(Goal, goal.id)
                goal = replace(current, **_taken(goal, fields))
            check_goal(goal, self.today(), EARLIEST_DATE)
            for action in self.for_case(Action, goal.case_id):
                if action.goal_id == goal.id:  # a goal made later than its actions are due
                    check_action(action, goal)
            return self._update(goal)

    def add_action(self, action: Action) -> str:
        """Store an action of a goal of the same case; it cannot be due before the goal was
        made (app/goals.py check_action). Raises ValidationError."""
        goal = self.get(Goal, action.goal_id)
        self._require_same_case(goal, action, "goal_id", "Dit doel")
        check_action(action, goal)
        return self._insert(action)

    def update_action(self, action: Action, fields: Iterable[str] | None = None) -> list[str]:
        """Change an action (its status, or the goal it serves); with `fields`, as
        update_goal. Raises ValidationError, RecordNotFound for an unknown id."""
        with self.vault.transaction():
            if fields is not None:
                current = self.get(Action, action.id)
                action = replace(current, **_taken(action, fields))
            goal = self.get(Goal, action.goal_id)
            self._require_same_case(goal, action, "goal_id", "Dit doel")
            check_action(action, goal)
            return self._update(action)

    def add_zrm(self, assessment: ZrmAssessment) -> str:
        """Store a new assessment: dated from 2000 up to today, naming every life domain
        (1-5 or niet gescoord). Raises ValidationError."""
        require_date(assessment.assessed_on, "assessed_on")
        self._require_not_future(assessment.assessed_on, "assessed_on", "an assessment", "Een ZRM")
        self._require_not_too_early(assessment.assessed_on, "assessed_on")
        require_every_domain(assessment.scores)
        return self._add_to_case(assessment)

    def add_handover_note(self, note: HandoverNote) -> str:
        """Store a warm handover note (append-only). Its dates are checked against today
        (app/handover.py) and a sociale-kaart link must name an entry on the map.
        Raises ValidationError."""
        check_handover(note, self.today())
        require(
            not note.social_map_id
            or self.store.get("social_map_entry", note.social_map_id) is not None,
            "social_map_id",
            "the partner is not on the sociale kaart",
            "Deze partner staat niet (meer) op de sociale kaart; kies opnieuw of typ de naam.",
        )
        return self._add_to_case(note)

    def add_case_discussion(self, discussion: CaseDiscussion) -> str:
        """Store a discussion (app/discussion.py checks it). Raises ValidationError."""
        check_discussion(discussion, self.today())
        return self._add_to_case(discussion)

    def update_case_discussion(self, discussion: CaseDiscussion) -> list[str]:
        """Write the fields of a discussion that differ. Raises ValidationError."""
        check_discussion(discussion, self.today())
        return self._update(discussion)

    # --- conflicts from sync ----------------------------------------------------------------

    def conflicts(self, record_id: str | None = None) -> list[Conflict]:
        """Values that lost a same-field merge and have not been restored or dismissed; one
        whose value is current again (restored elsewhere) leaves nothing to choose."""
        sql = (
            "SELECT id, record_type, record_id, field, losing_value, losing_hlc, "
            "winning_hlc, detected_at FROM conflicts WHERE resolved = 0"
        )
        params: list[str] = []
        if record_id is not None:
            sql += " AND record_id = ?"
            params.append(record_id)
        return self._to_choose(
            Conflict(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5], row[6], row[7])
            for row in self.vault.db.execute(sql + " ORDER BY detected_at", params)
        )

    def _to_choose(self, found: Iterable[Conflict]) -> list[Conflict]:
        """The conflicts whose losing value differs from the field's current value."""
        current: dict[tuple[str, str], dict | None] = {}
        kept = []
        for conflict in found:
            key = (conflict.record_type, conflict.record_id)
            if key not in current:
                current[key] = self.store.get(*key)
            row = current[key]
            if row is None or row.get(conflict.field) != conflict.losing_value:
                kept.append(conflict)
        return kept

    def _check_restore(self, conflict: Conflict) -> None:
        """The value a restore writes meets the record's rules, as if typed: it came from
        another laptop, which may be an older or a tampered Koers. A case_id never changes.
        Raises ValidationError naming the field."""
        refused = ValidationError(
            conflict.field,
            "the other value cannot be taken: it is not valid for this field",
            "De andere waarde kan niet worden teruggezet: ze past niet in dit veld (ze komt "
            "van een andere laptop).",
        )
        cls = _CLASSES.get(conflict.record_type)
        row = self.store.get(conflict.record_type, conflict.record_id)
        if cls is None or row is None:
            return
        if conflict.field == "case_id" or conflict.field not in row:
            raise refused
        try:
            record: Any = self._decode(cls, {**row, conflict.field: conflict.losing_value})
        except UnreadableRecord:
            raise refused from None
        self._check_values(record, {conflict.field})
        require_fitting(conflict.record_type, {conflict.field: conflict.losing_value})

    def case_conflicts(self, case_id: str) -> list[Conflict]:
        """Open conflicts of the case record and of every record in the case."""
        ids = [case_id]
        for table in CASE_CONTENT_TABLES:
            ids += [
                row[0]
                for row in self.vault.db.execute(
                    f"SELECT id FROM {table} WHERE case_id = ?", [case_id]
                )
            ]
        found: list[Conflict] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            found += [
                Conflict(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], r[7])
                for r in self.vault.db.execute(
                    "SELECT id, record_type, record_id, field, losing_value, losing_hlc, "
                    "winning_hlc, detected_at FROM conflicts WHERE resolved = 0 "
                    f"AND record_id IN ({marks}) ORDER BY detected_at",
                    chunk,
                )
            ]
        return self._to_choose(found)

    def restore_conflict(self, conflict_id: str) -> None:
        """Make a losing value current again: a new local change, which then wins everywhere."""
        found = [c for c in self.conflicts() if c.id == conflict_id]
        if not found:
            raise ValidationError(
                "conflict", "no open conflict with that id", "Dit conflict bestaat niet (meer)."
            )
        conflict = found[0]
        self._check_restore(conflict)
        with self.vault.transaction() as db:
            self.store.update(
                conflict.record_type, conflict.record_id, {conflict.field: conflict.losing_value}
            )
            db.execute("UPDATE conflicts SET resolved = 1 WHERE id = ?", [conflict_id])
            self.store.log_access(
                "restore", conflict.record_type, conflict.record_id, conflict.field
            )

    # --- sociale kaart (app/social_map.py holds its rules) ---------------------------------

    def add_social_map_entry(self, entry: SocialMapEntry) -> str:
        """Add a partner to the team's sociale kaart (synced to every laptop). Raises
        ValidationError for a bad entry (check_entry) or one whose organisation and contact
        person are on the map already."""
        check_entry(entry)
        with self.vault.transaction():
            self._require_new_partner(entry)
            return self._insert(entry)

    def update_social_map_entry(
        self, entry: SocialMapEntry, fields: Iterable[str] | None = None
    ) -> list[str]:
        """Change an entry; with `fields`, only those fields are taken from `entry` and the
        rest stay as stored (a form writes what the worker changed, not a colleague's
        change synced meanwhile). Returns the names of the fields written. Raises
        ValidationError as add_social_map_entry does, RecordNotFound for an unknown id."""
        with self.vault.transaction():
            if fields is not None:
                current = self.get(SocialMapEntry, entry.id)
                entry = replace(current, **_taken(entry, fields))
            check_entry(entry)
            self._require_new_partner(entry)
            return self._update(entry)

    def _require_new_partner(self, entry: SocialMapEntry) -> None:
        key = entry_key(entry)
        require(
            not any(entry_key(e) == key and e.id != entry.id for e in self.social_map()),
            "organisation",
            "this organisation and contact person are on the sociale kaart already",
            "Deze organisatie met deze contactpersoon staat al op de sociale kaart.",
        )

    def social_map(self) -> list[SocialMapEntry]:
        """Every entry of the sociale kaart that can be read (see `for_case`)."""
        rows = self.store.rows("social_map_entry", order_by="organisation")
        return self._readable(SocialMapEntry, rows)


_CLASSES: dict[str, type] = {name: cls for cls, name in RECORD_TYPES.items()}
_HINTS: dict[type, dict[str, Any]] = {}


def _type_hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a record class (kept: every write asks)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _taken(record: Any, names: Iterable[str]) -> dict[str, Any]:
    """`names` of `record` with their values: the fields a form changed. Raises
    ValidationError for a name that is no field of the record (names it: no content)."""
    known = {item.name for item in dataclasses.fields(record)}
    values = list(names)
    unknown = sorted(str(name) for name in values if name not in known or name == "id")
    require(
        not unknown,
        "fields",
        f"no such field to change: {', '.join(unknown)[:200]}",
        "Dit veld bestaat niet; er is niets veranderd.",
    )
    return {name: getattr(record, name) for name in values}


def _leaves(value: Any) -> Iterator[Any]:
    """Every plain value in a field's value: nested records, lists and dicts (keys too)
    opened up."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _leaves(getattr(value, item.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(key)
            yield from _leaves(item)
    else:
        yield value


def _day_of(moment: date) -> date:
    """A date as it is; a datetime as its date."""
    return moment.date() if isinstance(moment, datetime) else moment


def require_fitting(record_type: str, fields: dict[str, Any]) -> None:
    """Every text of `fields` (column values) fits its field (storage/field_limits.py, the
    limits the sync server applies too). Raises ValidationError naming the field."""
    found = overlong_field(record_type, fields)
    if found is not None:
        name, length, limit = found
        raise ValidationError(
            name,
            f"is {length} characters long; this field holds at most {limit}",
            f"De tekst is te lang: {_dutch_number(length)} tekens, hier passen er hoogstens "
            f"{_dutch_number(limit)}.",
        )


def _dutch_number(count: int) -> str:
    """12345 as "12.345"."""
    return f"{count:,}".replace(",", ".")
