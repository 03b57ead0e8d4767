"""The team leader's figures for monitoring (seed 004).

Process figures come from this laptop's vault, computed by the caseload's own rules (one
rule, no second implementation): per worker and programme the running cases, overdue
contacts, contact compliance and nazorg check-ins over the last four weeks, cases per phase,
safety plans past review. The outcome figures of a period (instroom, uitstroom, nazorg,
terugval, results, continuity) come from the server (app/monitoring.py), which holds every
case also after a laptop let it go.

Only counts leave this module: the overview a team leader exports holds no client data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.case import Case
from app.caseload import COUNTING_CONTACT, caseload
from app.casework import Casework
from app.dashboard import reviews_due
from app.errors import ValidationError
from app.rules import (
    CHECKIN_WINDOW_DAYS,
    CheckinState,
    contact_compliance,
    local_date,
    local_day_start_utc,
    nazorg_checkins,
)
from sync.protocol import MonitoringReport

COMPLIANCE_DAYS = 28
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class Period:
    """The days [start, end], both included, that the outcome figures count over."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def check_period(period: Period, today: date) -> None:
    """Raises ValidationError for a period that ends before it starts, ends after `today`
    (it would count what has not happened) or starts before 2000."""
    if period.end < period.start:
        raise ValidationError(
            "period",
            "the period ends before it starts",
            "De einddatum ligt vóór de begindatum: kies een periode van minstens één dag.",
        )
    if period.end > today:
        raise ValidationError(
            "period",
            "the period lies (partly) in the future; end it today at the latest",
            "De periode ligt (deels) in de toekomst: kies een einddatum tot en met vandaag.",
        )
    if period.start < EARLIEST:
        raise ValidationError(
            "period", "the period starts before 2000", "De periode begint vóór 2000."
        )


def last_full_quarter(today: date) -> Period:
    """The last calendar quarter that has ended before `today`: the default period."""
    first_month = (today.month - 1) // 3 * 3 + 1  # the quarter `today` is in
    this_quarter = date(today.year, first_month, 1)
    end = this_quarter - timedelta(days=1)
    return Period(date(end.year, (end.month - 1) // 3 * 3 + 1, 1), end)


@dataclass
class OverviewLine:
    worker: str
    programme: str
    active: int = 0
    overdue: int = 0
    expected_contacts: float = 0.0
    counted_contacts: float = 0.0
    plans_past_review: int = 0
    per_phase: Counter[str] = field(default_factory=Counter)
    checkins_due: int = 0  # nazorg check-ins due in the last COMPLIANCE_DAYS
    checkins_done: int = 0  # of those, met by a contact in their window

    @property
    def compliance(self) -> float | None:
        """Contacts made against contacts asked for, 0-1. Each case counts at most what it
        asked for, so extra visits to one client don't hide a shortfall with another."""
        if self.expected_contacts <= 0:
            return None
        return self.counted_contacts / self.expected_contacts

    @property
    def nazorg_compliance(self) -> float | None:
        """Nazorg check-ins met against those due, 0-1 (None when none were due)."""
        return None if self.checkins_due == 0 else self.checkins_done / self.checkins_due


@dataclass(frozen=True)
class TeamOverview:
    """Process figures of this vault (`lines`, counted over [period_start, today]) and,
    when the server gave them, the outcome figures of `period` (`outcomes`); else
    `outcomes_missing` says in Dutch why they are not there."""

    today: date
    period_start: date
    lines: list[OverviewLine]
    phases: dict[str, list[str]]  # programme name -> its phase names, in programme order
    period: Period | None = None
    outcomes: MonitoringReport | None = None
    outcomes_missing: str | None = None
    programme_names: dict[str, str] = field(default_factory=dict)  # id -> name

    def workers(self) -> list[str]:
        return sorted({line.worker for line in self.lines}, key=str.casefold)

    def total(self, lines: list[OverviewLine], worker: str, programme: str) -> OverviewLine:
        result = OverviewLine(worker, programme)
        for line in lines:
            result.active += line.active
            result.overdue += line.overdue
            result.expected_contacts += line.expected_contacts
            result.counted_contacts += line.counted_contacts
            result.plans_past_review += line.plans_past_review
            result.checkins_due += line.checkins_due
            result.checkins_done += line.checkins_done
            result.per_phase.update(line.per_phase)
        return result


def team_overview(casework: Casework) -> TeamOverview:
    """The process figures of the running cases in this vault, per worker and programme:
    the caseload's rows (overdue), `contact_compliance` and `nazorg_checkins` over the last
    COMPLIANCE_DAYS days, safety plans past review. Only counts."""
    db, today = casework.vault.db, casework.today()
    programmes = casework.programmes()
    start = today - timedelta(days=COMPLIANCE_DAYS - 1)
    cases: dict[str, Case] = {c.id: c for c in casework.cases()}
    # A check-in due on the first day counts a contact up to its window's length before.
    contact_days = _contact_days(db, start - timedelta(days=CHECKIN_WINDOW_DAYS))
    past_review = Counter(
        item.case_id for item in reviews_due(db, today) if item.what == "veiligheidsplan"
    )
    lines: dict[tuple[str, str], OverviewLine] = {}
    for row in caseload(db, programmes, today):
        case, programme = cases[row.case_id], programmes[row.programme_id]
        line = lines.setdefault(
            (row.worker, programme.name), OverviewLine(row.worker, programme.name)
        )
        line.active += 1
        line.overdue += row.overdue_days > 0
        line.plans_past_review += past_review[row.case_id]
        line.per_phase[row.phase] += 1
        days = contact_days.get(row.case_id, [])
        compliance = contact_compliance(case.schedule, programme, days, start, today, programmes)
        line.expected_contacts += compliance.expected
        line.counted_contacts += min(compliance.actual, compliance.expected)
        if row.has_checkins:
            for checkin in nazorg_checkins(case.schedule, programme, days, today):
                if start <= checkin.due_on <= today and checkin.state in _COUNTED:
                    line.checkins_due += 1
                    line.checkins_done += checkin.state is CheckinState.GEDAAN
    ordered = sorted(lines.values(), key=lambda x: (x.worker.casefold(), x.programme.casefold()))
    phases = {p.name: [ph.name for ph in p.phases] for p in programmes.values()}
    names = {p.id: p.name for p in programmes.values()}
    return TeamOverview(today, start, ordered, phases, programme_names=names)


# Check-ins that were due: met, or missed (one due today and not yet met is not counted).
_COUNTED = (CheckinState.GEDAAN, CheckinState.TE_LAAT)


def _contact_days(db, since: date) -> dict[str, list[date]]:
    days: dict[str, list[date]] = {}
    for case_id, starts_at in db.execute(
        f"SELECT k.case_id, k.starts_at FROM contacts k WHERE k.starts_at >= ? "
        f"AND {COUNTING_CONTACT}",
        [local_day_start_utc(since)],
    ):
        days.setdefault(case_id, []).append(local_date(datetime.fromisoformat(starts_at)))
    return days
