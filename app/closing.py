"""Closing a case (afsluiting / uitstroom) and reopening it after a relapse (terugval).

Both are append-only records of their own, so the history stays and the team overview can
count uitstroom and reopenings (seed 004 asks for uitstroom to be monitored, not only
counted; DOMAIN.md "Nazorg and terugval").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.errors import enum_value, require, require_date, require_text
from app.rules import local_day_start_utc
from app.vocabulary import CaseStatus, ClosingReason, Destination

if TYPE_CHECKING:
    from app.case import Case
    from app.casework import Casework
    from app.programmes import Programme

CLOSURE_RECORD = "closure"
REOPENING_RECORD = "reopening"


@dataclass(frozen=True)
class Closure:
    """A case closed on `closed_on` for `reason`, going to `destination`; with `nazorg`
    the case moves to status nazorg and its check-ins count from `closed_on`.
    Raises ValidationError when the reason is missing."""

    id: str
    case_id: str
    closed_on: date
    reason: ClosingReason | None
    destination: Destination = Destination.ONBEKEND
    nazorg: bool = False
    notes: str = ""
    closed_by: str = ""

    def __post_init__(self) -> None:
        require(
            self.reason is not None,
            "reason",
            "closing needs a reason",
            "Kies een reden voor de afsluiting.",
        )
        object.__setattr__(self, "reason", enum_value(self.reason, ClosingReason, "reason"))
        destination = enum_value(self.destination, Destination, "destination", optional=True)
        object.__setattr__(self, "destination", destination)
        require_date(self.closed_on, "closed_on")


@dataclass(frozen=True)
class Reopening:
    """A closed (or nazorg) case taken back on `reopened_on` after a relapse (terugval).
    Raises ValidationError for an empty reason."""

    id: str
    case_id: str
    reopened_on: date
    reason: str
    reopened_by: str = ""

    def __post_init__(self) -> None:
        require_text(self.reason, "reason", "een reden voor het heropenen")
        require_date(self.reopened_on, "reopened_on")


def close_case(work: Casework, closure: Closure) -> Case:
    """Close a case (uitstroom). With nazorg the status becomes nazorg and the check-ins
    count from the closing date; without, afgesloten. Programme and start date stay as they
    were. An aanmelding that never started may be closed, without nazorg. A case in nazorg
    is closed for good the same way (its nazorg ends; the closing date becomes this one).
    Closing without nazorg cancels (tombstones) the case's planned contacts from the closing
    day on, in the same transaction; with nazorg they stay (they may be check-ins).
    Raises ValidationError when the case is already closed or the date is wrong."""
    case = work.get_case(closure.case_id)
    require(
        case.status is not CaseStatus.AFGESLOTEN,
        "status",
        "the case is closed already",
        "Deze casus is al afgesloten.",
    )
    require(
        not (closure.nazorg and case.status is CaseStatus.NAZORG),
        "nazorg",
        "the case is in nazorg already: close it without nazorg to end it",
        "De casus is al in nazorg; sluit af zonder nazorg om de nazorg te beëindigen.",
    )
    require(
        case.nazorg_start is None or closure.closed_on >= case.nazorg_start,
        "closed_on",
        "the closing date lies before the nazorg start",
        "De afsluitdatum ligt vóór het begin van de nazorg.",
    )
    require(
        not closure.nazorg or case.start_date is not None,
        "nazorg",
        "an aanmelding that never started gets no nazorg: close it without",
        "Een aanmelding die nooit is gestart krijgt geen nazorg; sluit af zonder nazorg.",
    )
    require(
        closure.closed_on <= work.today(),
        "closed_on",
        "the closing date lies in the future",
        "De afsluitdatum ligt in de toekomst.",
    )
    require(
        closure.closed_on >= case.begins_on,
        "closed_on",
        "the closing date lies before the start",
        "De afsluitdatum ligt vóór de start.",
    )
    require(
        case.reopened_on is None or closure.closed_on >= case.reopened_on,
        "closed_on",
        "the closing date lies before the case was reopened",
        "De afsluitdatum ligt vóór het heropenen van de casus.",
    )
    updated = replace(
        case,
        status=CaseStatus.NAZORG if closure.nazorg else CaseStatus.AFGESLOTEN,
        closed_on=closure.closed_on,
        nazorg_start=closure.closed_on if closure.nazorg else case.nazorg_start,
    )
    with work.vault.transaction():
        work._insert(replace(closure, closed_by=closure.closed_by or work.store.actor))
        work._update(updated)
        if not closure.nazorg:
            # Nobody visits a closed case: its appointments from the closing day on leave
            # Vandaag and the week view (tombstones, so every laptop drops them). With
            # nazorg they stay: they may be the check-ins.
            for planned in planned_from(work, closure.case_id, closure.closed_on):
                work.store.delete("contact", planned)
    return updated


def planned_from(work: Casework, case_id: str, first: date) -> list[str]:
    """Ids of the case's planned (not done) contacts from local day `first` on."""
    rows = work.store.rows(
        "contact",
        "case_id = ? AND status = 'gepland' AND starts_at >= ?",
        [case_id, local_day_start_utc(first)],
        order_by="starts_at",
    )
    return [row["id"] for row in rows]


def reopen_deadline(case: Case, programme: Programme) -> date | None:
    """The last day a closed case may be reopened (terugvalgarantie), or None if open."""
    if case.closed_on is None:
        return None
    return case.closed_on + timedelta(days=programme.guarantee_days)


def reopen_case(work: Casework, reopening: Reopening) -> Case:
    """Take a closed or nazorg case back after a relapse (terugval), within the programme's
    guarantee period: status actief, the due rules start again from the reopening day, the
    history stays and the reopening is a record of its own. Raises ValidationError, also
    after the guarantee period (a returning client is then a new aanmelding)."""
    case = work.get_case(reopening.case_id)
    require(
        case.status in (CaseStatus.AFGESLOTEN, CaseStatus.NAZORG),
        "status",
        "only a closed case or one in nazorg can be reopened",
        "Alleen een afgesloten casus of een casus in nazorg kan worden heropend.",
    )
    deadline = reopen_deadline(case, work.programme(case.programme_id))
    closed_on = case.closed_on or case.begins_on
    require(
        closed_on <= reopening.reopened_on <= work.today(),
        "reopened_on",
        "the reopening must lie between closing and today",
        "De datum van heropenen ligt tussen de afsluiting en vandaag.",
    )
    require(
        deadline is None or reopening.reopened_on <= deadline,
        "reopened_on",
        "the guarantee period has passed: register the client as a new aanmelding",
        "De terugvalgarantie is verlopen: meld de cliënt opnieuw aan als nieuwe aanmelding.",
    )
    updated = replace(
        case,
        # An aanmelding closed before it started is an aanmelding again.
        status=CaseStatus.ACTIEF if case.start_date is not None else CaseStatus.AANMELDING,
        closed_on=None,
        nazorg_start=None,
        reopened_on=reopening.reopened_on,
    )
    with work.vault.transaction():
        work._insert(replace(reopening, reopened_by=reopening.reopened_by or work.store.actor))
        work._update(updated)
    return updated
