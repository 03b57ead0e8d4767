"""The rules of contact intensity and review: what is due, what is overdue, how compliant.

All rules work on local calendar days in Europe/Amsterdam: workers plan in days, and a
visit at 00:30 on the night clocks change belongs to the day it happened on locally.
Every function takes `today` (or an instant) explicitly, so tests can pin the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from app.case import CaseSchedule
from app.programmes import ContactFrequency, Programme
from app.safety import SafetyAgreement, SafetyPlan
from app.vocabulary import AgreementStatus, CaseStatus

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
CHECKIN_WINDOW_DAYS = 14  # a contact this long before a nazorg check-in counts for it
CHECKIN_NOTICE_DAYS = 7  # a check-in shows as due this long before its date
REVIEW_NOTICE_DAYS = 7


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def frequency_on(case: CaseSchedule, programme: Programme, day: date) -> ContactFrequency:
    """The frequency in force on `day`: the worker's override if one applies, else the phase's."""
    override = case.frequency_override
    if override is not None and override.applies_on(day):
        return override.frequency
    return programme.phase(case.phase_on(day)).frequency


@dataclass(frozen=True)
class ContactDue:
    due_on: date | None
    overdue_days: int = 0

    @property
    def overdue_since(self) -> date | None:
        if self.due_on is None or self.overdue_days == 0:
            return None
        return self.due_on + timedelta(days=1)


NOT_DUE = ContactDue(None)


class CheckinState(str, Enum):
    GEDAAN = "gedaan"
    GEPLAND = "gepland"
    BINNENKORT = "binnenkort"
    TE_LAAT = "te_laat"


@dataclass(frozen=True)
class Checkin:
    number: int
    due_on: date
    done_on: date | None
    state: CheckinState


def nazorg_checkins(
    case: CaseSchedule, programme: Programme, contact_days: Iterable[date], today: date
) -> list[Checkin]:
    """The planned aftercare check-ins (e.g. after 1, 3 and 6 months) and whether each took place.

    A check-in is met by a contact from CHECKIN_WINDOW_DAYS before its date until the window of
    the next check-in opens.
    """
    days = sorted(contact_days)
    dues = [case.start_date + timedelta(days=offset) for offset in programme.checkin_offsets_days]
    checkins = []
    for number, due in enumerate(dues, start=1):
        opens = due - timedelta(days=CHECKIN_WINDOW_DAYS)
        closes = dues[number] - timedelta(days=CHECKIN_WINDOW_DAYS) if number < len(dues) else None
        done = next((d for d in days if d >= opens and (closes is None or d < closes)), None)
        if done is not None:
            state = CheckinState.GEDAAN
        elif today > due:
            state = CheckinState.TE_LAAT
        elif today >= due - timedelta(days=CHECKIN_NOTICE_DAYS):
            state = CheckinState.BINNENKORT
        else:
            state = CheckinState.GEPLAND
        checkins.append(Checkin(number, due, done, state))
    return checkins


def next_contact_due(
    case: CaseSchedule,
    programme: Programme,
    last_contact_at: datetime | None,
    today: date,
    contact_days: Sequence[date] = (),
) -> ContactDue:
    """When the next contact is due and how many days it is overdue.

    No-shows and planned visits do not count as contact: the caller passes the last contact
    that reached the client. For a programme with check-ins (nazorg) the first open check-in
    is what is due; `contact_days` must then hold the days of counting contacts.
    """
    if case.status in (CaseStatus.AFGESLOTEN,):
        return NOT_DUE
    if programme.checkin_offsets_days:
        open_checkins = [
            c for c in nazorg_checkins(case, programme, contact_days, today)
            if c.state is not CheckinState.GEDAAN
        ]
        if not open_checkins:
            return NOT_DUE
        due = open_checkins[0].due_on
    else:
        anchor = local_date(last_contact_at) if last_contact_at is not None else case.start_date
        due = anchor + timedelta(days=frequency_on(case, programme, today).interval_days)
    return ContactDue(due, max(0, (today - due).days))


@dataclass(frozen=True)
class Compliance:
    expected: float
    actual: int

    @property
    def ratio(self) -> float | None:
        return None if self.expected <= 0 else self.actual / self.expected


def contact_compliance(
    case: CaseSchedule, programme: Programme, contact_days: Iterable[date], start: date, end: date
) -> Compliance:
    """Contacts that reached the client in [start, end] against what the plan asked for.

    Expected contacts follow the frequency in force day by day, so phase changes and
    overrides within the period are weighed by how long they lasted.
    """
    if end < start:
        raise ValueError("period ends before it starts")
    first = max(start, case.start_date)
    expected = 0.0
    day = first
    while day <= end:
        expected += frequency_on(case, programme, day).per_day
        day += timedelta(days=1)
    actual = sum(1 for d in contact_days if start <= d <= end)
    return Compliance(expected=round(expected, 4), actual=actual)


def current_safety_plan(plans: Iterable[SafetyPlan]) -> SafetyPlan | None:
    return max(plans, key=lambda p: (p.version, p.made_on), default=None)


def safety_plan_past_review(plan: SafetyPlan | None, today: date) -> bool:
    return plan is not None and plan.review_date < today


def agreements_due_for_review(
    agreements: Iterable[SafetyAgreement], today: date, notice_days: int = REVIEW_NOTICE_DAYS
) -> list[SafetyAgreement]:
    horizon = today + timedelta(days=notice_days)
    return sorted(
        (a for a in agreements if a.status is AgreementStatus.ACTIEF and a.review_date <= horizon),
        key=lambda a: a.review_date,
    )


class EndState(str, Enum):
    LOOPT = "loopt"
    EINDE_NADERT = "einde_nadert"
    OVERSCHREDEN = "overschreden"


@dataclass(frozen=True)
class ProgrammeEnd:
    ends_on: date
    days_left: int
    state: EndState


def programme_end(case: CaseSchedule, programme: Programme, today: date) -> ProgrammeEnd | None:
    """The end that applies: the programme's limit (Take a Break: six weeks) or the planned end."""
    if case.status is CaseStatus.AFGESLOTEN:
        return None
    candidates = []
    if programme.max_duration_days is not None:
        candidates.append(case.start_date + timedelta(days=programme.max_duration_days))
    if case.planned_end_date is not None:
        candidates.append(case.planned_end_date)
    if not candidates:
        return None
    ends_on = min(candidates)
    days_left = (ends_on - today).days
    if days_left < 0:
        state = EndState.OVERSCHREDEN
    elif days_left <= programme.end_warning_days:
        state = EndState.EINDE_NADERT
    else:
        state = EndState.LOOPT
    return ProgrammeEnd(ends_on, days_left, state)
