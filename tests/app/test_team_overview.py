"""The team overview's process figures on a laptop: the same rules as the caseload, so the
overview never says a worker falls short where the caseload says all is well (and back)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.casework import Casework
from app.errors import ValidationError
from app.team_overview import Period, check_period, last_full_quarter, team_overview
from tests.app.test_programme_rules import row_of, started_case, visit


def test_a_nazorg_programme_case_with_its_checkins_met_is_no_shortfall(
    casework: Casework,
) -> None:
    """ "Nazorg 8%": a case of the Nazorg programme is asked for its check-ins (30, 91 and 182
    days after the start), as the caseload says; the compliance figure asked it for the
    phase's "1 per 30 days" as well, so a client whose check-ins were all met counted as a
    shortfall for every month without a contact."""
    today = casework.today()
    case = started_case(casework, programme="nazorg", phase="nazorg", start_days_ago=60)
    visit(casework, case, today - timedelta(days=35))  # in the first check-in's window
    row = row_of(casework, case.id)
    assert row.has_checkins and row.overdue_days == 0  # the caseload: nothing due yet

    (line,) = team_overview(casework).lines
    assert line.overdue == 0
    assert line.expected_contacts == 0 and line.compliance is None  # no frequency asked
    # The check-ins are counted apart: the first one fell before the four weeks.
    assert (line.checkins_due, line.checkins_done) == (0, 0)


def test_a_missed_checkin_counts_in_the_overview_as_in_the_caseload(
    casework: Casework,
) -> None:
    today = casework.today()
    met = started_case(casework, programme="nazorg", phase="nazorg", start_days_ago=40)
    visit(casework, met, today - timedelta(days=12))  # check-in 1 due 10 days ago: met
    missed = started_case(casework, programme="nazorg", phase="nazorg", start_days_ago=45)
    assert row_of(casework, missed.id).overdue_days == 15  # check-in 1 missed
    assert row_of(casework, met.id).overdue_days == 0

    (line,) = team_overview(casework).lines
    assert line.overdue == 1
    assert (line.checkins_due, line.checkins_done) == (2, 1)
    assert line.nazorg_compliance == pytest.approx(0.5)
    assert line.compliance is None


def test_the_default_period_is_the_last_full_quarter() -> None:
    assert last_full_quarter(date(2026, 11, 22)) == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert last_full_quarter(date(2026, 1, 1)) == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert last_full_quarter(date(2026, 3, 31)) == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert last_full_quarter(date(2026, 4, 1)) == Period(date(2026, 1, 1), date(2026, 3, 31))


def test_an_empty_or_future_period_is_refused_in_dutch() -> None:
    today = date(2026, 11, 22)
    with pytest.raises(ValidationError) as info:
        check_period(Period(date(2026, 9, 30), date(2026, 7, 1)), today)
    assert "vóór" in info.value.message_nl and "before" in str(info.value)
    with pytest.raises(ValidationError) as info:
        check_period(Period(date(2026, 11, 1), date(2026, 12, 31)), today)
    assert "toekomst" in info.value.message_nl and "future" in str(info.value)
    check_period(Period(today, today), today)  # one day, today: fine
