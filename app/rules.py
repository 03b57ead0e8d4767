"""The rules of contact intensity and review: what is due, what is overdue, how compliant.

All rules work on local calendar days in Europe/Amsterdam: workers plan in days, and a
visit at 00:30 on the night clocks change belongs to the day it happened on locally.
Every function takes `today` (or an instant) explicitly, so tests can pin the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from app.case import CaseSchedule
from app.codec import format_datetime
from app.programmes import ContactFrequency, Programme
from app.vocabulary import AgreementStatus, CaseStatus

if TYPE_CHECKING:  # annotations only: `koers cases` need not import the safety records
    from app.safety import SafetyAgreement, SafetyPlan

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
CHECKIN_WINDOW_DAYS = 14  # a contact this long before a nazorg check-in counts for it
CHECKIN_NOTICE_DAYS = 7  # a check-in shows as due this long before its date
REVIEW_NOTICE_DAYS = 7


@lru_cache(maxsize=65_536)
def _local_offset(quarter_hour: int) -> timedelta:
    instant = datetime.fromtimestamp(quarter_hour * 900, UTC)
    offset = LOCAL_TZ.utcoffset(instant.astimezone(LOCAL_TZ).replace(tzinfo=None))
    return offset or timedelta(0)


def local_date(moment: datetime) -> date:
    """The Amsterdam calendar day of an instant.

    Same answer as `moment.astimezone(LOCAL_TZ).date()`, but the zone's offset is looked up
    once per quarter hour (time zones change offset on quarter hours at the finest): the
    caseload converts thousands of contact times per refresh.
    """
    offset = _local_offset(int(moment.timestamp() // 900))
    return (moment.astimezone(UTC) + offset).date()


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def local_date_of_epoch(seconds: int) -> date:
    """The Amsterdam calendar day of an instant given as whole seconds since 1970 UTC (as
    SQLite's strftime('%s') gives it): the same answer as `local_date`, without a datetime."""
    offset = _local_offset(seconds // 900)
    return date.fromordinal(
        _EPOCH_ORDINAL + (seconds + offset.days * 86400 + offset.seconds) // 86400
    )


def local_today() -> date:
    """Today's Amsterdam calendar day by this machine's clock.

    Not `date.today()`: a machine whose zone is UTC (a server, CI) is a day behind
    Amsterdam between 22:00/23:00 and midnight UTC. Code with a vault uses
    `Casework.today()`, which also corrects the clock by the server's offset.
    """
    return local_date(datetime.now(UTC))


@lru_cache(maxsize=4096)
def local_day_start_utc(day: date) -> str:
    """The instant a local calendar day begins, as stored UTC text (days are 23-25 hours)."""
    return format_datetime(datetime.combine(day, time.min, LOCAL_TZ))


def frequency_on(
    case: CaseSchedule,
    programme: Programme,
    day: date,
    programmes: Mapping[str, Programme] | None = None,
) -> ContactFrequency:
    """The frequency in force on `day`: the worker's override if one applies, else that of
    the phase in force, read in the programme the case was in on that day (a case may have
    switched programme; pass `programmes` to look such days up). `programme` is the case's
    current programme. Raises ValidationError when a phase is not in its programme."""
    override = case.frequency_override
    if override is not None and override.applies_on(day):
        return override.frequency
    entry = case.entry_on(day)
    in_force = programme_on(case, programme, day, programmes)
    if in_force is None:  # an unknown earlier programme: its first day counts as the current one's
        return programme.first_phase.frequency
    return in_force.phase(entry.phase_id).frequency


def programme_on(
    case: CaseSchedule,
    programme: Programme,
    day: date,
    programmes: Mapping[str, Programme] | None = None,
) -> Programme | None:
    """The programme the case was in on `day` (`programme` is its current one), or None
    when that was an earlier programme not in `programmes`."""
    entry = case.entry_on(day)
    if not entry.programme_id or entry.programme_id == programme.id:
        return programme
    if programmes is not None and entry.programme_id in programmes:
        return programmes[entry.programme_id]
    return None


class ContactDue(NamedTuple):  # a tuple: built once per case on every caseload refresh
    due_on: date | None
    overdue_days: int = 0

    @property
    def overdue_since(self) -> date | None:
        if self.due_on is None or self.overdue_days == 0:
            return None
        return self.due_on + timedelta(days=1)


NOT_DUE = ContactDue(None)


class CheckinState(StrEnum):
    GEDAAN = "gedaan"
    GEPLAND = "gepland"
    BINNENKORT = "binnenkort"
    TE_LAAT = "te_laat"


class Checkin(NamedTuple):
    number: int
    due_on: date
    done_on: date | None
    state: CheckinState


class CheckinWindow(NamedTuple):
    number: int
    due_on: date
    opens: date
    closes: date | None  # exclusive; None for the last check-in


def checkin_plan(case: CaseSchedule, programme: Programme) -> tuple[date, tuple[int, ...]] | None:
    """Where a case's aftercare check-ins count from and their offsets in days, or None.

    A case closed with nazorg (status nazorg) counts from its nazorg start with the
    programme's nazorg offsets; a case in a check-in programme (Nazorg) from its start, or
    from its latest reopening (terugval): the check-ins start again."""
    if case.status is CaseStatus.NAZORG and case.nazorg_start is not None:
        return case.nazorg_start, programme.nazorg_checkin_offsets_days
    if programme.checkin_offsets_days:
        return counting_from(case), programme.checkin_offsets_days
    return None


def counting_from(case: CaseSchedule) -> date:
    """The day the due rules count from: the start, or the latest reopening after it."""
    if case.restarted_on is None:
        return case.start_date
    return max(case.start_date, case.restarted_on)


def _checkins_replace_frequency(
    case: CaseSchedule,
    programme: Programme,
    day: date,
    programmes: Mapping[str, Programme] | None = None,
) -> bool:
    """Whether on `day` the case is asked for its planned check-ins rather than the phase's
    contact frequency: in the nazorg after closing, and in a check-in programme (Nazorg).
    The rule `next_contact_due` applies, so compliance and the caseload agree."""
    if case.status is CaseStatus.NAZORG and case.nazorg_start is not None:
        if day >= case.nazorg_start:
            return True
    in_force = programme_on(case, programme, day, programmes)
    return in_force is not None and bool(in_force.checkin_offsets_days)


def checkin_windows(case: CaseSchedule, programme: Programme) -> tuple[CheckinWindow, ...]:
    """When each planned aftercare check-in is due, and which contacts count for it: from
    CHECKIN_WINDOW_DAYS before its date until the window of the next check-in opens."""
    plan = checkin_plan(case, programme)
    return () if plan is None else _checkin_windows(*plan)


def checkin_windows_from(start: date, offsets: tuple[int, ...]) -> tuple[CheckinWindow, ...]:
    """The check-in windows of a `checkin_plan` (its start and offsets in days), without a
    CaseSchedule: the caseload works them out from the columns it reads. Cached."""
    return _checkin_windows(start, offsets)


@lru_cache(maxsize=4096)
def _checkin_windows(start: date, offsets: tuple[int, ...]) -> tuple[CheckinWindow, ...]:
    dues = [start + timedelta(days=offset) for offset in offsets]
    window = timedelta(days=CHECKIN_WINDOW_DAYS)
    return tuple(
        CheckinWindow(
            number, due, due - window, dues[number] - window if number < len(dues) else None
        )
        for number, due in enumerate(dues, start=1)
    )


def nazorg_checkins(
    case: CaseSchedule, programme: Programme, contact_days: Iterable[date], today: date
) -> list[Checkin]:
    """The planned aftercare check-ins (e.g. after 1, 3 and 6 months) and whether each was met."""
    days = sorted(contact_days)
    checkins = []
    for w in checkin_windows(case, programme):
        done = None
        for day in days:
            if day >= w.opens and (w.closes is None or day < w.closes):
                done = day
                break
        if done is not None:
            state = CheckinState.GEDAAN
        elif today > w.due_on:
            state = CheckinState.TE_LAAT
        elif today >= w.due_on - timedelta(days=CHECKIN_NOTICE_DAYS):
            state = CheckinState.BINNENKORT
        else:
            state = CheckinState.GEPLAND
        checkins.append(Checkin(w.number, w.due_on, done, state))
    return checkins


def next_contact_due(
    case: CaseSchedule,
    programme: Programme,
    last_contact_on: date | None,
    today: date,
    contact_days: Sequence[date] = (),
    programmes: Mapping[str, Programme] | None = None,
) -> ContactDue:
    """When the next contact is due and how many days it is overdue: the one answer every
    screen, command and export uses (caseload, Vandaag, `koers cases`, team overview, packs).

    No-shows and planned visits do not count as contact: the caller passes the local day of
    the last contact that reached the client. A frequency override in force wins over
    everything, check-ins included (a nazorg case set to "3 per week" after an incident is
    due by that frequency). Otherwise, for a case with check-ins (nazorg) the first open
    check-in is what is due; `contact_days` must then hold the days of counting contacts.
    After a reopening (terugval) the count starts again from the reopening day.
    The frequency is that of the programme and phase in force today: pass `programmes` so
    that a case whose switch to `programme` lies ahead is still due as its old one asks.
    """
    if case.status is CaseStatus.AFGESLOTEN:
        return NOT_DUE
    override = case.frequency_override
    override_today = override is not None and override.applies_on(today)
    if not override_today and checkin_plan(case, programme) is not None:
        open_checkins = [
            c
            for c in nazorg_checkins(case, programme, contact_days, today)
            if c.state is not CheckinState.GEDAAN
        ]
        if not open_checkins:
            return NOT_DUE
        due = open_checkins[0].due_on
    else:
        anchor = counting_from(case)
        if last_contact_on is not None:
            anchor = max(anchor, last_contact_on)
        frequency = frequency_on(case, programme, today, programmes)
        due = anchor + timedelta(days=frequency.interval_days)
    return ContactDue(due, max(0, (today - due).days))


@dataclass(frozen=True)
class Compliance:
    expected: float
    actual: int

    @property
    def ratio(self) -> float | None:
        return None if self.expected <= 0 else self.actual / self.expected


def contact_compliance(
    case: CaseSchedule,
    programme: Programme,
    contact_days: Iterable[date],
    start: date,
    end: date,
    programmes: Mapping[str, Programme] | None = None,
) -> Compliance:
    """Contacts that reached the client in [start, end] against what the plan asked for.

    Expected contacts follow the frequency in force day by day, so phase changes and
    overrides within the period are weighed by how long they lasted. Days before a
    reopening (terugval) ask for nothing, and neither do days on which the case is asked
    for check-ins instead (nazorg after closing, a check-in programme such as Nazorg: their
    check-ins are counted apart, `nazorg_checkins`) unless an override applies on them.
    """
    if end < start:
        raise ValueError("period ends before it starts")
    first = max(start, counting_from(case))
    override = case.frequency_override
    expected = 0.0
    day = first
    while day <= end:
        if (override is not None and override.applies_on(day)) or not _checkins_replace_frequency(
            case, programme, day, programmes
        ):
            expected += frequency_on(case, programme, day, programmes).per_day
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


class EndState(StrEnum):
    LOOPT = "loopt"
    EINDE_NADERT = "einde_nadert"
    OVERSCHREDEN = "overschreden"


class ProgrammeEnd(NamedTuple):
    ends_on: date
    days_left: int
    state: EndState


def programme_end(case: CaseSchedule, programme: Programme, today: date) -> ProgrammeEnd | None:
    """The end that applies: the programme's limit (Take a Break: six weeks) or the planned end."""
    limit, planned = programme.max_duration_days, case.planned_end_date
    # Only a running case has an end ahead: not an aanmelding, not one closed or in nazorg.
    if case.status is not CaseStatus.ACTIEF or (limit is None and planned is None):
        return None
    ends_on = planned
    if limit is not None:
        # A case taken back after a relapse gets the programme's time again.
        ends_by_limit = counting_from(case) + timedelta(days=limit)
        ends_on = ends_by_limit if planned is None else min(planned, ends_by_limit)
    assert ends_on is not None
    days_left = (ends_on - today).days
    if days_left < 0:
        state = EndState.OVERSCHREDEN
    elif days_left <= programme.end_warning_days:
        state = EndState.EINDE_NADERT
    else:
        state = EndState.LOOPT
    return ProgrammeEnd(ends_on, days_left, state)
