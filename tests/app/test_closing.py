"""Closing a case (uitstroom), nazorg check-ins and reopening on terugval, as a worker and a
team leader see them on a real vault at a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from app.casework import Casework, new_id
from app.closing import Closure, Reopening, close_case, reopen_case, reopen_deadline
from app.dashboard import build_dashboard
from app.errors import ValidationError
from app.programmes import DEFAULT_PROGRAMMES
from app.rules import CheckinState, nazorg_checkins, next_contact_due
from app.team_overview import team_overview
from app.vocabulary import CaseStatus, ClosingReason, Destination
from storage import access_log, journal
from storage.clock import FixedClock
from tests.app.test_intake import table_counts
from tests.app.test_programme_rules import row_of, started_case, visit


def closure(case_id: str, closed_on, nazorg: bool = False, **extra) -> Closure:  # type: ignore[no-untyped-def]
    fields = {
        "reason": ClosingReason.DOELEN_BEREIKT,
        "destination": Destination.BUURTTEAM,
        "notes": "Warme overdracht aan het buurtteam gedaan.",
    }
    return Closure(new_id(), case_id, closed_on, nazorg=nazorg, **{**fields, **extra})


def test_closing_with_nazorg_starts_the_checkins(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, start_days_ago=200, phase="overdracht")
    visit(casework, case, today - timedelta(days=26))
    closed_on = today - timedelta(days=25)
    item = closure(case.id, closed_on, nazorg=True)
    updated = close_case(casework, item)

    stored = casework.get_case(case.id)
    assert stored == updated
    assert stored.status is CaseStatus.NAZORG and stored.nazorg_start == closed_on
    assert stored.closed_on == closed_on
    assert (stored.programme_id, stored.phase_id, stored.start_date) == (
        case.programme_id,
        case.phase_id,
        case.start_date,
    )
    (record,) = casework.open_case(case.id).closures
    assert record == replace(item, closed_by="tester")
    assert ("closure", item.id) in {
        (e.record_type, e.record_id) for e in journal.entries(casework.vault.db)
    }
    assert access_log.entries(casework.vault.db, record_id=item.id, action="create")

    # Check-ins 30, 91 and 182 days after the nazorg start; the first one is what is due.
    programme = casework.programme(case.programme_id)
    plan = nazorg_checkins(stored.schedule, programme, [], today)
    assert [c.due_on - closed_on for c in plan] == [timedelta(days=d) for d in (30, 91, 182)]
    assert [c.state for c in plan] == [CheckinState.BINNENKORT, *[CheckinState.GEPLAND] * 2]
    row = row_of(casework, case.id)
    assert row.has_checkins and row.status is CaseStatus.NAZORG
    assert row.due.due_on == closed_on + timedelta(days=30) and row.overdue_days == 0
    assert row.end is None  # no programme end ahead of a case in nazorg
    dashboard = build_dashboard(casework.vault.db, casework.programmes(), today)
    assert [r.case_id for r in dashboard.checkins_due] == [case.id]  # due in 5 days
    assert [r.case_id for r in dashboard.caseload] == [case.id] and not dashboard.overdue

    # A contact in the check-in's window meets it; the next one (91 days) is then due.
    visit(casework, case, today)
    row = row_of(casework, case.id)
    assert row.due.due_on == closed_on + timedelta(days=91)
    dashboard = build_dashboard(casework.vault.db, casework.programmes(), today)
    assert dashboard.checkins_due == []


def test_a_missed_checkin_is_overdue(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, start_days_ago=200, phase="overdracht")
    close_case(casework, closure(case.id, today - timedelta(days=40), nazorg=True))
    row = row_of(casework, case.id)
    assert row.due.due_on == today - timedelta(days=10) and row.overdue_days == 10
    dashboard = build_dashboard(casework.vault.db, casework.programmes(), today)
    assert [r.case_id for r in dashboard.overdue] == [case.id]
    assert [r.case_id for r in dashboard.checkins_due] == [case.id]


def test_closing_without_nazorg_ends_every_due_date(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, start_days_ago=100)  # long overdue (no contact at all)
    assert row_of(casework, case.id).overdue_days > 0
    close_case(casework, closure(case.id, today, reason=ClosingReason.VERHUISD))
    stored = casework.get_case(case.id)
    assert stored.status is CaseStatus.AFGESLOTEN and stored.nazorg_start is None
    rows = build_dashboard(casework.vault.db, casework.programmes(), today).caseload
    assert case.id not in {r.case_id for r in rows}
    assert next_contact_due(stored.schedule, casework.programme(stored.programme_id), None,
                            today).due_on is None  # fmt: skip
    lines = team_overview(casework).lines
    assert sum(line.active for line in lines) == 0 and sum(line.overdue for line in lines) == 0


def test_bad_closings_are_refused_and_write_nothing(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, start_days_ago=30)
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        closure(case.id, today, reason=None)
    assert info.value.message_nl == "Kies een reden voor de afsluiting."
    with pytest.raises(ValidationError) as info:
        close_case(casework, closure(case.id, today + timedelta(days=1)))
    assert "toekomst" in info.value.message_nl
    with pytest.raises(ValidationError) as info:
        close_case(casework, closure(case.id, today - timedelta(days=31)))
    assert "vóór de start" in info.value.message_nl
    assert table_counts(casework.vault) == before
    close_case(casework, closure(case.id, today))
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        close_case(casework, closure(case.id, today))
    assert "al afgesloten" in info.value.message_nl
    assert table_counts(casework.vault) == before


def test_closing_a_case_in_nazorg_ends_its_nazorg(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, start_days_ago=300)
    close_case(casework, closure(case.id, today - timedelta(days=200), nazorg=True))
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:  # no second nazorg
        close_case(casework, closure(case.id, today, nazorg=True))
    assert "al in nazorg" in info.value.message_nl
    with pytest.raises(ValidationError):  # not before the nazorg began
        close_case(casework, closure(case.id, today - timedelta(days=201)))
    assert table_counts(casework.vault) == before
    ended = close_case(casework, closure(case.id, today))
    assert ended.status is CaseStatus.AFGESLOTEN
    assert ended.closed_on == today and ended.nazorg_start == today - timedelta(days=200)
    assert len(casework.case_file(case.id).closures) == 2  # both stay in the history
    rows = build_dashboard(casework.vault.db, casework.programmes(), today).caseload
    assert case.id not in {r.case_id for r in rows}


def test_reopening_within_the_guarantee_restarts_the_due_rules(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, start_days_ago=300, phase="uitproberen")  # 1 a week
    visit(casework, case, today - timedelta(days=200))
    close_case(casework, closure(case.id, today - timedelta(days=190)))
    reopened_on = today - timedelta(days=2)
    item = Reopening(new_id(), case.id, reopened_on, "Ex-partner weer in beeld; terugval.")
    updated = reopen_case(casework, item)

    stored = casework.get_case(case.id)
    assert stored == updated and stored.status is CaseStatus.ACTIEF
    assert stored.reopened_on == reopened_on and stored.closed_on is None
    assert stored.start_date == case.start_date  # the history stays
    case_file = casework.open_case(case.id)
    assert case_file.reopenings == [replace(item, reopened_by="tester")]
    assert len(case_file.closures) == 1 and len(case_file.contacts) == 1

    # Due a week after the reopening, not overdue for the months the case was closed.
    row = row_of(casework, case.id)
    assert row.due.due_on == reopened_on + timedelta(days=7) and row.overdue_days == 0
    dashboard = build_dashboard(casework.vault.db, casework.programmes(), today)
    assert not dashboard.overdue
    (line,) = team_overview(casework).lines
    assert line.overdue == 0
    # Compliance counts from the reopening: three days of one a week, none of them missed.
    assert line.expected_contacts == pytest.approx(3 / 7, abs=1e-3)


def test_a_reopened_take_a_break_gets_its_six_weeks_again(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, programme="take_a_break", phase="analyse", start_days_ago=120)
    close_case(casework, closure(case.id, today - timedelta(days=80)))
    reopen_case(casework, Reopening(new_id(), case.id, today, "Terugval na huisverbod."))
    row = row_of(casework, case.id)
    assert row.end is not None and row.end.ends_on == today + timedelta(days=42)
    dashboard = build_dashboard(casework.vault.db, casework.programmes(), today)
    assert case.id not in {r.case_id for r in dashboard.ending}


def test_a_reopened_nazorg_programme_case_counts_checkins_again(casework: Casework) -> None:
    """A case in the Nazorg programme (check-ins after its start) that is taken back is not
    overdue for the check-ins that fell while it was closed."""
    today = casework.today()
    case = started_case(casework, programme="nazorg", phase="nazorg", start_days_ago=400)
    close_case(casework, closure(case.id, today - timedelta(days=100)))
    reopen_case(casework, Reopening(new_id(), case.id, today, "Terugval."))
    row = row_of(casework, case.id)
    assert row.overdue_days == 0
    assert row.due.due_on == today + timedelta(days=30)


def test_reopening_after_the_guarantee_period_is_refused(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, start_days_ago=700)
    closed_on = today - timedelta(days=366)
    close_case(casework, closure(case.id, closed_on, nazorg=True))
    assert reopen_deadline(casework.get_case(case.id), casework.programme(case.programme_id)) == (
        closed_on + timedelta(days=365)
    )
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        reopen_case(casework, Reopening(new_id(), case.id, today, "Terugval."))
    assert "nieuwe aanmelding" in info.value.message_nl
    assert "new aanmelding" in str(info.value)
    with pytest.raises(ValidationError):  # before it was closed
        reopen_case(casework, Reopening(new_id(), case.id, closed_on - timedelta(days=1), "x"))
    with pytest.raises(ValidationError):  # no reason
        Reopening(new_id(), case.id, today, "  ")
    assert table_counts(casework.vault) == before
    # On the last day of the guarantee it still may.
    reopen_case(casework, Reopening(new_id(), case.id, today - timedelta(days=1), "Terugval."))


def test_the_guarantee_period_is_the_programmes(casework: Casework, clock: FixedClock) -> None:
    ambulant = next(p for p in DEFAULT_PROGRAMMES if p.id == "ambulant")
    casework.save_programme(replace(ambulant, guarantee_days=30))
    today = casework.today()
    case = started_case(casework, programme="ambulant", phase="begeleiding", start_days_ago=90)
    close_case(casework, closure(case.id, today - timedelta(days=31)))
    with pytest.raises(ValidationError):
        reopen_case(casework, Reopening(new_id(), case.id, today, "Terugval."))
    reopen_case(casework, Reopening(new_id(), case.id, today - timedelta(days=1), "Terugval."))
    assert casework.get_case(case.id).status is CaseStatus.ACTIEF


def test_only_a_closed_case_is_reopened(casework: Casework) -> None:
    case = started_case(casework)
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        reopen_case(casework, Reopening(new_id(), case.id, casework.today(), "Terugval."))
    assert "afgesloten casus" in info.value.message_nl
    assert table_counts(casework.vault) == before


def test_nazorg_days_ask_only_for_checkins_in_compliance(casework: Casework) -> None:
    """In the team overview a client in nazorg does not count against the worker for the
    phase's old frequency; an override after an incident does."""
    from app.case import FrequencyOverride
    from app.programmes import ContactFrequency

    today = casework.today()
    case = started_case(casework, start_days_ago=200, phase="overdracht")  # 1 per 14 days
    close_case(casework, closure(case.id, today - timedelta(days=9), nazorg=True))
    (line,) = [line for line in team_overview(casework).lines if line.active]
    assert line.expected_contacts == pytest.approx(18 / 14, abs=1e-3)  # the 18 days before
    override = FrequencyOverride(
        ContactFrequency(3, 7), "Incident: ex-partner stond voor de deur.", today - timedelta(3)
    )
    casework.set_frequency_override(case.id, override)
    (line,) = [line for line in team_overview(casework).lines if line.active]
    assert line.expected_contacts == pytest.approx(18 / 14 + 4 * 3 / 7, abs=1e-3)


def test_an_aanmelding_that_never_started_can_be_closed(casework: Casework) -> None:
    """Uitval before the start: the aanmelding is closed (no nazorg for someone who never
    started); on a terugval it comes back as an aanmelding."""
    from app.intake import register_case
    from tests.app.test_intake import full_intake

    today = casework.today()
    case_id = register_case(casework, full_intake(casework))  # aanmelding 3 days ago
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        close_case(casework, closure(case_id, today, nazorg=True, reason=ClosingReason.UITVAL))
    assert "geen nazorg" in info.value.message_nl
    assert table_counts(casework.vault) == before
    closed = close_case(casework, closure(case_id, today, reason=ClosingReason.UITVAL))
    assert closed.status is CaseStatus.AFGESLOTEN and closed.start_date is None
    assert casework.get_case(case_id) == closed
    assert case_id not in {r.case_id for r in build_dashboard(
        casework.vault.db, casework.programmes(), today).caseload}  # fmt: skip
    back = reopen_case(casework, Reopening(new_id(), case_id, today, "Meldt zich opnieuw."))
    assert back.status is CaseStatus.AANMELDING and back.start_date is None
