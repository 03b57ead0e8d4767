"""The team leader's figures, per worker and programme: running cases, overdue contacts,
contact compliance over the last four weeks, cases per phase, safety plans past review.

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
from app.rules import contact_compliance, local_date, local_day_start_utc

COMPLIANCE_DAYS = 28
# Uitstroom and terugval are counted over a year (seed 004: monitor uitstroom, not only count).
OUTFLOW_DAYS = 365


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
    closed: int = 0  # uitstroom: cases closed in the last OUTFLOW_DAYS
    reopened: int = 0  # terugval: cases reopened in the last OUTFLOW_DAYS

    @property
    def compliance(self) -> float | None:
        """Contacts made against contacts asked for, 0-1. Each case counts at most what it
        asked for, so extra visits to one client don't hide a shortfall with another."""
        if self.expected_contacts <= 0:
            return None
        return self.counted_contacts / self.expected_contacts


@dataclass(frozen=True)
class TeamOverview:
    today: date
    period_start: date
    lines: list[OverviewLine]
    phases: dict[str, list[str]]  # programme name -> its phase names, in programme order

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
            result.closed += line.closed
            result.reopened += line.reopened
            result.per_phase.update(line.per_phase)
        return result


def team_overview(casework: Casework) -> TeamOverview:
    db, today = casework.vault.db, casework.today()
    programmes = casework.programmes()
    start = today - timedelta(days=COMPLIANCE_DAYS - 1)
    cases: dict[str, Case] = {c.id: c for c in casework.cases()}
    contact_days = _contact_days(db, start)
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
        compliance = contact_compliance(
            case.schedule, programme, contact_days.get(row.case_id, ()), start, today, programmes
        )
        line.expected_contacts += compliance.expected
        line.counted_contacts += min(compliance.actual, compliance.expected)
    _count_outflow(casework, lines, today - timedelta(days=OUTFLOW_DAYS - 1))
    ordered = sorted(lines.values(), key=lambda x: (x.worker.casefold(), x.programme.casefold()))
    phases = {p.name: [ph.name for ph in p.phases] for p in programmes.values()}
    return TeamOverview(today, start, ordered, phases)


def _count_outflow(
    casework: Casework, lines: dict[tuple[str, str], OverviewLine], since: date
) -> None:
    """Closings (uitstroom) and reopenings (terugval) since `since`, per worker and the
    case's programme; closed cases count too, though they are no longer running."""
    programmes = casework.programmes()
    cases = {c.id: c for c in casework.cases(include_closed=True)}
    for table, column, attribute in (
        ("closures", "closed_on", "closed"),
        ("reopenings", "reopened_on", "reopened"),
    ):
        for (case_id,) in casework.vault.db.execute(
            f"SELECT case_id FROM {table} WHERE deleted = 0 AND {column} >= ?", [since.isoformat()]
        ):
            case = cases.get(case_id)
            if case is None:
                continue
            name = programmes[case.programme_id].name
            line = lines.setdefault((case.worker, name), OverviewLine(case.worker, name))
            setattr(line, attribute, getattr(line, attribute) + 1)


def _contact_days(db, since: date) -> dict[str, list[date]]:
    days: dict[str, list[date]] = {}
    for case_id, starts_at in db.execute(
        f"SELECT k.case_id, k.starts_at FROM contacts k WHERE k.starts_at >= ? "
        f"AND {COUNTING_CONTACT}",
        [local_day_start_utc(since)],
    ):
        days.setdefault(case_id, []).append(local_date(datetime.fromisoformat(starts_at)))
    return days
