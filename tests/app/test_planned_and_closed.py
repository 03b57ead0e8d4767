"""Planned visits and closed cases, as a worker's first week met them: closing a case takes
its appointments off Vandaag and the week view (unless nazorg follows), a planned visit can
be cancelled, Ctrl+N on a day with a visit starts as that visit, the caseload can show the
closed cases (to reopen one on terugval) and a switch into a contra-indicated programme goes
on only with a reason. On a real vault at a fixed clock."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from app.agenda import week_agenda, week_of
from app.case import Address, Case
from app.casework import Casework, new_id
from app.closing import Closure, close_case
from app.contact import Contact
from app.dashboard import SECRET_ADDRESS_MASK, planned_visits
from app.errors import ValidationError
from app.rules import LOCAL_TZ
from app.screening import ContraIndicated, RiskScreening
from app.session import WorkSession
from app.vocabulary import CaseStatus, ClosingReason, ContactKind, ContactStatus, RiskSituation
from storage import access_log, journal
from storage.clock import FixedClock
from storage.errors import RecordNotFound
from tests.app.test_intake import table_counts
from tests.app.test_programme_rules import started_case, visit
from tests.conftest import NOW

STREET = "Schuilpad"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LOCAL_TZ)


def plan(work: Casework, case: Case, when: datetime, **extra) -> str:  # type: ignore[no-untyped-def]
    fields = {"address": "Lindelaan 4, 1234 AB Dorp", "present": ("Fleur",)}
    return work.plan_contact(
        Contact(new_id(), case.id, when, status=ContactStatus.GEPLAND, **{**fields, **extra})
    )


def status_of(work: Casework, contact_id: str) -> tuple[str, int]:
    row = work.vault.db.execute(
        "SELECT status, deleted FROM contacts WHERE id = ?", [contact_id]
    ).fetchone()
    return row[0], row[1]


def deleted_in_journal(work: Casework, contact_id: str) -> bool:
    return any(
        e.record_type == "contact" and e.field == "deleted" and e.value == 1
        for e in journal.entries(work.vault.db, record_id=contact_id)
    )


def closure(case_id: str, closed_on: date, nazorg: bool = False) -> Closure:
    return Closure(new_id(), case_id, closed_on, ClosingReason.DOELEN_BEREIKT, nazorg=nazorg)


# --- closing takes the appointments away (2) -----------------------------------------------


def test_closing_without_nazorg_cancels_the_visits_from_the_closing_day_on(
    casework: Casework, clock: FixedClock
) -> None:
    today = casework.today()
    case = started_case(casework)
    other = started_case(casework, display_name="Anna Anders")
    done = visit(casework, case, today - timedelta(days=2))
    later_today = plan(casework, case, at(today, 15))
    next_week = plan(casework, case, at(today + timedelta(days=8), 10))
    others = plan(casework, other, at(today + timedelta(days=1), 9))
    # A visit planned for yesterday that nobody recorded (planned two days ago).
    clock.set(NOW - timedelta(days=2))
    yesterday = plan(casework, case, at(today - timedelta(days=1), 14))
    clock.set(NOW)
    monday = week_of(today + timedelta(days=1))[0]
    assert {v.contact_id for v in planned_visits(casework.vault.db, today)} == {later_today}

    close_case(casework, closure(case.id, today))

    for cancelled in (later_today, next_week):
        assert status_of(casework, cancelled) == ("gepland", 1)
        assert deleted_in_journal(casework, cancelled)
    assert status_of(casework, yesterday) == ("gepland", 0)  # before the closing day
    assert status_of(casework, done) == ("gedaan", 0)
    assert status_of(casework, others) == ("gepland", 0)  # another case's visit
    assert planned_visits(casework.vault.db, today) == []
    week = week_agenda(casework.vault.db, monday, today)
    assert [v.contact_id for v in week.visits] == [others]
    assert {c.id for c in casework.open_case(case.id).contacts} == {yesterday, done}


def test_closing_on_an_earlier_day_cancels_from_that_day(
    casework: Casework, clock: FixedClock
) -> None:
    today = casework.today()
    case = started_case(casework)
    clock.set(NOW - timedelta(days=6))
    before = plan(casework, case, at(today - timedelta(days=5), 11))
    after = plan(casework, case, at(today - timedelta(days=3), 11))
    clock.set(NOW)
    ahead = plan(casework, case, at(today + timedelta(days=2), 11))
    close_case(casework, closure(case.id, today - timedelta(days=3)))
    assert status_of(casework, before)[1] == 0
    assert status_of(casework, after)[1] == 1
    assert status_of(casework, ahead)[1] == 1


def test_closing_with_nazorg_keeps_the_visits(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework)
    later_today = plan(casework, case, at(today, 15))
    checkin = plan(casework, case, at(today + timedelta(days=30), 10))
    close_case(casework, closure(case.id, today, nazorg=True))
    assert status_of(casework, later_today) == ("gepland", 0)
    assert status_of(casework, checkin) == ("gepland", 0)
    assert [v.contact_id for v in planned_visits(casework.vault.db, today)] == [later_today]
    # Ending that nazorg for good later cancels what is still planned.
    close_case(casework, closure(case.id, today))
    assert status_of(casework, checkin)[1] == 1


def test_a_refused_closing_cancels_nothing(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework)
    planned = plan(casework, case, at(today + timedelta(days=3), 10))
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError):
        close_case(casework, closure(case.id, today + timedelta(days=1)))  # in the future
    assert table_counts(casework.vault) == before
    assert status_of(casework, planned) == ("gepland", 0)


# --- cancelling a planned visit (3) -------------------------------------------------------


def test_a_planned_visit_can_be_cancelled(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework)
    planned = plan(casework, case, at(today, 15))
    kept = plan(casework, case, at(today + timedelta(days=1), 15))
    casework.cancel_planned_contact(planned)
    assert status_of(casework, planned) == ("gepland", 1)
    assert deleted_in_journal(casework, planned)
    assert access_log.entries(casework.vault.db, record_id=planned, action="delete")
    assert [v.contact_id for v in planned_visits(casework.vault.db, today)] == []
    assert [c.id for c in casework.open_case(case.id).contacts] == [kept]
    with pytest.raises(RecordNotFound):  # cancelled once is gone
        casework.cancel_planned_contact(planned)


def test_a_done_contact_cannot_be_cancelled(casework: Casework) -> None:
    case = started_case(casework)
    done = visit(casework, case, casework.today() - timedelta(days=1))
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        casework.cancel_planned_contact(done)
    assert info.value.message_nl == "Een gedaan contact kan niet worden geannuleerd; corrigeer het."
    assert "cannot be cancelled" in str(info.value)
    with pytest.raises(RecordNotFound):
        casework.cancel_planned_contact(new_id())
    assert table_counts(casework.vault) == before
    assert status_of(casework, done) == ("gedaan", 0)


# --- Ctrl+N on a day with a planned visit (4) ----------------------------------------------


def test_the_contact_form_starts_as_the_visit_planned_today(
    casework: Casework, clock: FixedClock
) -> None:
    session = WorkSession(casework.vault)
    today = casework.today()
    case = started_case(casework, address=Address("Lindelaan", "4", "1234 AB", "Dorp"))
    planned = plan(
        casework,
        case,
        at(today, 10, 30),
        kind=ContactKind.KANTOOR,
        location="Kantoor Noord",
        duration_minutes=45,
    )
    clock.advance(hours=2)  # 12:00: the 10:30 visit has begun
    defaults = session.contact_defaults(case.id)
    assert defaults.starts_at == at(today, 10, 30)
    assert defaults.kind is ContactKind.KANTOOR
    assert defaults.location == "Kantoor Noord"
    assert defaults.duration_minutes == 45
    # Saving what the form starts with (and a report) completes the planned visit.
    saved = session.record_contact(
        Contact(
            new_id(),
            case.id,
            defaults.starts_at,
            kind=defaults.kind,
            duration_minutes=defaults.duration_minutes,
            location=defaults.location,
            report="Gesprek op kantoor.",
        )
    )
    assert saved == planned
    (contact,) = casework.open_case(case.id).contacts
    assert contact.status is ContactStatus.GEDAAN and contact.report == "Gesprek op kantoor."


def test_a_visit_later_today_starts_now_with_its_kind_and_place(casework: Casework) -> None:
    session = WorkSession(casework.vault)
    today = casework.today()
    case = started_case(casework, address=Address("Lindelaan", "4", "1234 AB", "Dorp"))
    plan(
        casework,
        case,
        at(today, 10, 30),
        kind=ContactKind.BEELDBELLEN,
        location="Teams",
        address="",
    )
    defaults = session.contact_defaults(case.id)
    assert defaults.starts_at == at(today, 10)  # now: the visit lies ahead
    assert (defaults.kind, defaults.location, defaults.address) == (
        ContactKind.BEELDBELLEN,
        "Teams",
        "",
    )


def test_a_secret_address_stays_masked_in_the_defaults(
    casework: Casework, clock: FixedClock
) -> None:
    session = WorkSession(casework.vault)
    today = casework.today()
    home = Address(STREET, "7", "4321 ZX", "Ergens")
    case = started_case(casework, address=home, secret_address=True)
    plan(casework, case, at(today, 10, 15), address=home.one_line(), location="")
    named = started_case(casework, display_name="Anna Anders", address=home, secret_address=True)
    plan(casework, named, at(today, 10, 15), address=home.one_line(), location=f"{STREET} 7")
    clock.advance(minutes=30)
    for case_id in (case.id, named.id):
        defaults = session.contact_defaults(case_id)
        assert defaults.location == SECRET_ADDRESS_MASK
        assert defaults.address == home.one_line()  # carried on the record, not shown
        assert defaults.starts_at == at(today, 10, 15)


def test_without_a_visit_today_the_defaults_are_as_before(casework: Casework) -> None:
    session = WorkSession(casework.vault)
    today = casework.today()
    case = started_case(casework, address=Address("Lindelaan", "4", "1234 AB", "Dorp"))
    plan(casework, case, at(today + timedelta(days=1), 10), kind=ContactKind.KANTOOR)
    defaults = session.contact_defaults(case.id)
    assert defaults.kind is ContactKind.HUISBEZOEK
    assert defaults.starts_at == at(today, 10)
    assert defaults.location == "Lindelaan 4, 1234 AB Dorp"
    # Planning a new visit starts from the plain defaults, whatever is planned today.
    plan(casework, case, at(today, 16), kind=ContactKind.TELEFOON, location="Bellen")
    context = session.case_context(case.id)
    assert context.visit.kind is ContactKind.HUISBEZOEK
    assert context.visit.location == "Lindelaan 4, 1234 AB Dorp"


# --- the caseload shows closed cases on request (1) ----------------------------------------


def test_closed_cases_come_only_when_asked(casework: Casework) -> None:
    session = WorkSession(casework.vault)
    today = casework.today()
    running = started_case(casework, display_name="Bea Bezig")
    closed = started_case(casework, display_name="Cora Klaar", start_days_ago=300)
    close_case(casework, closure(closed.id, today - timedelta(days=100)))

    plain = session.dashboard()
    assert [r.case_id for r in plain.caseload] == [running.id]
    assert plain.closed == []
    board = session.dashboard(include_closed=True)
    assert [r.case_id for r in board.caseload] == [running.id]
    (row,) = board.closed
    assert (row.case_id, row.status) == (closed.id, CaseStatus.AFGESLOTEN)
    assert row.overdue_days == 0 and row.due.due_on is None and not row.is_due
    # What Vandaag shows does not change.
    for name in ("planned_today", "overdue", "reviews_due", "ending", "checkins_due"):
        assert getattr(board, name) == getattr(plain, name)
    assert [r.case_id for r in session.caseload()] == [running.id]
    assert {r.case_id for r in session.caseload(include_closed=True)} == {running.id, closed.id}


# --- a programme switch against the latest screening (5) -----------------------------------


def test_the_session_passes_the_reason_for_a_contra_indicated_switch(casework: Casework) -> None:
    session = WorkSession(casework.vault)
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    screening = RiskScreening(
        new_id(), case.id, casework.today(), "tester", RiskSituation.ACUUT_GEVAAR
    )
    casework.add_screening(screening)
    assert session.case_context(case.id).latest_screening == casework.get(
        RiskScreening, screening.id
    )
    before = table_counts(casework.vault)
    with pytest.raises(ContraIndicated):
        session.switch_programme(case.id, "take_a_break", casework.today())
    assert table_counts(casework.vault) == before
    switched = session.switch_programme(
        case.id, "take_a_break", casework.today(), "Gezin wil het, overlegd"
    )
    assert switched.phase_history[-1].contra_reason == "Gezin wil het, overlegd"
