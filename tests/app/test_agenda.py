"""The week agenda: which planned contacts a week holds, on which local day, with secret
addresses masked, and the same answer through the session the window uses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from app.agenda import planned_in_week, week_agenda, week_of
from app.case import Address
from app.casework import Casework, new_id
from app.contact import Contact
from app.dashboard import SECRET_ADDRESS_MASK, planned_visits
from app.rules import LOCAL_TZ
from app.session import WorkSession
from app.vocabulary import ContactKind, ContactStatus
from storage.clock import FixedClock
from tests.app.test_casework import new_case
from tests.conftest import NOW

# NOW is Sunday 22-11-2026; the next week runs from Monday 23-11 to Sunday 29-11.
NEXT_MONDAY = date(2026, 11, 23)


def plan(casework: Casework, case_id: str, on: date, at: time, **extra) -> Contact:
    contact = Contact(
        new_id(),
        case_id,
        datetime.combine(on, at, LOCAL_TZ),
        status=ContactStatus.GEPLAND,
        **extra,
    )
    casework.plan_contact(contact)
    return contact


def test_week_of_runs_monday_to_sunday() -> None:
    assert week_of(date(2026, 11, 22)) == (date(2026, 11, 16), date(2026, 11, 22))
    assert week_of(date(2026, 11, 23)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week_of(date(2026, 12, 31)) == (date(2026, 12, 28), date(2027, 1, 3))


def test_a_week_holds_its_planned_contacts_by_local_day(casework: Casework) -> None:
    case = new_case(casework)
    monday = plan(casework, case.id, NEXT_MONDAY, time(9, 30), location="Buurthuis De Linde")
    # 00:30 on Monday local time is still Sunday in UTC: it belongs to Monday.
    early = plan(casework, case.id, NEXT_MONDAY, time(0, 30))
    sunday_late = plan(casework, case.id, NEXT_MONDAY + timedelta(days=6), time(23, 30))
    plan(casework, case.id, NEXT_MONDAY + timedelta(days=7), time(0, 15))  # the week after
    done = Contact(new_id(), case.id, NOW - timedelta(hours=2), report="Gesprek gehad.")
    casework.record_contact(done)

    visits = planned_in_week(casework.vault.db, NEXT_MONDAY)
    assert [v.contact_id for v in visits] == [early.id, monday.id, sunday_late.id]
    assert visits[1].location == "Buurthuis De Linde"
    assert visits[1].starts_at.tzinfo is not None
    assert visits[1].starts_at.strftime("%H:%M") == "09:30"
    agenda = week_agenda(casework.vault.db, NEXT_MONDAY + timedelta(days=3), casework.today())
    assert agenda.monday == NEXT_MONDAY and agenda.sunday == date(2026, 11, 29)
    assert [len(agenda.on(d)) for d in agenda.days] == [2, 0, 0, 0, 0, 0, 1]
    assert not agenda.holds_today


def test_a_week_must_start_on_monday(casework: Casework) -> None:
    with pytest.raises(ValueError):
        planned_in_week(casework.vault.db, NEXT_MONDAY + timedelta(days=1))


def test_kind_and_with_whom_come_along(casework: Casework) -> None:
    case = new_case(casework)
    plan(
        casework,
        case.id,
        NEXT_MONDAY,
        time(14, 0),
        kind=ContactKind.MET_KETENPARTNER,
        present=("cliënt", "wijkagent"),
    )
    (visit,) = planned_in_week(casework.vault.db, NEXT_MONDAY)
    assert visit.kind_label == ContactKind.MET_KETENPARTNER.label
    assert visit.present == ("cliënt", "wijkagent")
    assert visit.display_name == case.display_name


def test_secret_address_and_a_location_naming_it_are_masked(casework: Casework) -> None:
    hidden = Address("Verborgenhofje", "3", "1234 AB", "Schuilstad")
    case = new_case(casework, secret_address=True)
    casework.update_case(replace(case, address=hidden))
    plan(
        casework,
        case.id,
        NEXT_MONDAY,
        time(10, 0),
        address=hidden.one_line(),
        location="verborgenhofje 3, bij de achterdeur",
    )
    plan(casework, case.id, NEXT_MONDAY, time(11, 0), address=hidden.one_line(), location="Kantoor")
    at_home, at_office = planned_in_week(casework.vault.db, NEXT_MONDAY)
    for visit in (at_home, at_office):
        assert visit.address == SECRET_ADDRESS_MASK
    assert at_home.location == SECRET_ADDRESS_MASK
    assert at_office.location == "Kantoor"
    text = repr(planned_in_week(casework.vault.db, NEXT_MONDAY)).casefold()
    assert "verborgenhofje" not in text and "1234 ab" not in text


def test_an_open_address_shows_in_full(casework: Casework) -> None:
    case = new_case(casework)
    plan(casework, case.id, NEXT_MONDAY, time(10, 0), address="Lindelaan 4, 1234 AB Beekhoven")
    (visit,) = planned_in_week(casework.vault.db, NEXT_MONDAY)
    assert visit.address == "Lindelaan 4, 1234 AB Beekhoven"


def test_vandaag_and_the_week_list_the_same_visits_of_today(
    casework: Casework, clock: FixedClock
) -> None:
    case = new_case(casework)
    today = casework.today()
    plan(casework, case.id, today, time(15, 0))
    plan(casework, case.id, today + timedelta(days=1), time(9, 0))
    agenda = week_agenda(casework.vault.db, today, today)
    assert agenda.holds_today
    assert agenda.on(today) == planned_visits(casework.vault.db, today)
    assert len(agenda.on(today)) == 1


def test_a_cancelled_visit_or_a_removed_case_is_not_in_the_week(casework: Casework) -> None:
    case = new_case(casework)
    other = new_case(casework)
    cancelled = plan(casework, case.id, NEXT_MONDAY, time(9, 0))
    plan(casework, other.id, NEXT_MONDAY, time(10, 0))
    casework.store.delete("contact", cancelled.id)
    casework.store.delete("case", other.id)
    assert planned_in_week(casework.vault.db, NEXT_MONDAY) == []


def test_the_session_gives_this_week_by_default(casework: Casework) -> None:
    case = new_case(casework)
    plan(casework, case.id, casework.today(), time(16, 0))
    plan(casework, case.id, NEXT_MONDAY, time(9, 0))
    session = WorkSession(casework.vault)
    this_week = session.week()
    assert this_week.monday == date(2026, 11, 16) and this_week.today == date(2026, 11, 22)
    assert [v.starts_at.date() for v in this_week.visits] == [date(2026, 11, 22)]
    assert [v.starts_at.date() for v in session.week(NEXT_MONDAY).visits] == [NEXT_MONDAY]
