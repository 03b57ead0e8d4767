"""The caseload's quick path gives exactly what the rules give, case by case: the same due
date, overdue days, programme end, check-ins, risk and last contact, on any day it is asked
for. The reference puts every case through app/rules.py (`caseload_by_the_rules`); the
quick path reads the same facts straight from SQL. Both run on one real vault: a synthetic
caseload, plus cases shaped by hypothesis (overrides, phases dated ahead, switches, nazorg
after closing, reopenings, no-shows and corrections)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.case import FrequencyOverride
from app.caseload import (
    QUICK_SQL,
    _programme_facts,
    _quick_rows,
    caseload,
    caseload_by_the_rules,
)
from app.casework import Casework, new_id
from app.closing import Reopening, close_case, reopen_case
from app.contact import Contact
from app.programmes import ContactFrequency
from app.synthetic import populate
from app.vocabulary import CaseStatus, ContactKind
from tests.app.test_closing import closure
from tests.app.test_programme_rules import at, started_case

PHASES = {
    "moviera_wijk": ("analyse", "transitie", "uitproberen", "overdracht", "nazorg"),
    "ambulant": ("begeleiding",),
    "take_a_break": ("veiligheid", "analyse", "plan_van_aanpak"),
    "nazorg": ("nazorg",),
}


def assert_same(casework: Casework, today: date) -> None:
    db, programmes = casework.vault.db, casework.programmes()
    quick = caseload(db, programmes, today, include_closed=True)
    rules = caseload_by_the_rules(db, programmes, today, include_closed=True)
    assert {r.case_id: r for r in quick} == {r.case_id: r for r in rules}
    assert [r.case_id for r in quick] == [r.case_id for r in rules]


def paths_taken(casework: Casework, today: date) -> tuple[int, int]:
    """How many cases the quick path takes, and how many it leaves to the rules."""
    facts = _programme_facts(casework.programmes())
    params = {"closed": True}
    rows = casework.vault.db.execute(QUICK_SQL, params).fetchall()
    _made, slow, _waiting = _quick_rows(rows, facts, today)
    return len(rows) - len(slow), len(slow)


def test_a_synthetic_caseload_is_the_same_by_both_paths_on_every_day(casework: Casework):
    populate(casework, 90, seed=11)
    today = casework.today()
    case = started_case(casework, "moviera_wijk", "transitie", 60, display_name="Later Lies")
    casework.change_phase(case.id, "overdracht", since=today + timedelta(days=9))
    statuses = {
        r.status
        for r in caseload(casework.vault.db, casework.programmes(), today, include_closed=True)
    }
    assert {CaseStatus.ACTIEF, CaseStatus.NAZORG} <= statuses
    for offset in range(-120, 260, 9):
        assert_same(casework, today + timedelta(days=offset))
    quick, by_rules = paths_taken(casework, today)
    assert quick > 80 and by_rules >= 1  # both paths are exercised


@st.composite
def case_shapes(draw):  # type: ignore[no-untyped-def]
    programme = draw(st.sampled_from(sorted(PHASES)))
    return {
        "programme": programme,
        "phase": draw(st.sampled_from(PHASES[programme])),
        "age": draw(st.integers(1, 400)),
        "contacts": draw(
            st.lists(
                st.tuples(st.integers(0, 400), st.sampled_from(list(ContactKind))),
                max_size=5,
            )
        ),
        "correct": draw(st.booleans()),
        "override": draw(
            st.none()
            | st.tuples(
                st.integers(1, 4),
                st.sampled_from((7, 14, 28)),
                st.integers(-30, 300),
                st.none() | st.integers(0, 60),
            )  # fmt: skip
        ),
        "later_phase": draw(st.none() | st.integers(1, 40)),
        "switch": draw(st.none() | st.tuples(st.sampled_from(sorted(PHASES)), st.integers(-5, 20))),
        "close": draw(st.sampled_from(("open", "nazorg", "closed", "reopened"))),
        "planned_end": draw(st.none() | st.integers(-20, 200)),
    }


def write_shape(casework: Casework, shape: dict) -> None:
    today = casework.today()
    age = shape["age"]
    start = today - timedelta(days=age)
    planned = shape["planned_end"]
    extra = {}
    if planned is not None and start + timedelta(days=age + planned) >= start:
        extra["planned_end_date"] = today + timedelta(days=planned)
    case = started_case(
        casework, shape["programme"], shape["phase"], age, display_name="Vorm Casus", **extra
    )
    done = []
    for days_ago, kind in shape["contacts"]:
        when = today - timedelta(days=min(days_ago, age))
        done.append(
            casework.record_contact(
                Contact(new_id(), case.id, at(when), kind=kind, report="Gesprek.")
            )
        )
    if done and shape["correct"]:
        casework.correct_contact(done[0], starts_at=at(today - timedelta(days=age // 2)))
    if (
        shape["later_phase"] is not None
        and shape["phase"] in ("analyse", "transitie")
        and (shape["programme"] == "moviera_wijk")
    ):
        casework.change_phase(
            case.id, "overdracht", since=today + timedelta(days=shape["later_phase"])
        )
    elif shape["switch"] is not None:
        target, days = shape["switch"]
        if target != shape["programme"]:
            since = max(start, today + timedelta(days=days))
            try:
                casework.switch_programme(case.id, target, since, contra_reason="Past beter.")
            except Exception:  # noqa: BLE001 - a switch the rules refuse leaves the case as it was
                pass
    if shape["close"] != "open" and age > 20:
        closed_on = today - timedelta(days=min(age - 1, 15))
        close_case(casework, closure(case.id, closed_on, nazorg=shape["close"] == "nazorg"))
        if shape["close"] == "reopened":
            reopen_case(
                casework, Reopening(new_id(), case.id, today - timedelta(days=3), "Terugval.")
            )
    override = shape["override"]
    if override is not None and casework.get_case(case.id).status is not CaseStatus.AFGESLOTEN:
        count, per_days, since_ago, lasts = override
        since = max(start, today - timedelta(days=since_ago))
        until = since + timedelta(days=lasts) if lasts is not None else None
        casework.set_frequency_override(
            case.id,
            FrequencyOverride(
                ContactFrequency(count, per_days), "Dreiging na incident.", since, until
            ),
        )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    shapes=st.lists(case_shapes(), min_size=1, max_size=6),
    days=st.lists(st.integers(-200, 300), min_size=1, max_size=4),
)
def test_cases_of_every_shape_are_the_same_by_both_paths(casework: Casework, shapes, days):
    for shape in shapes:
        try:
            write_shape(casework, shape)
        except Exception as error:  # noqa: BLE001
            # A shape the services refuse (a date before the start) is no case at all.
            if type(error).__name__ not in ("ValidationError", "ContraIndicated"):
                raise
    today = casework.today()
    for offset in (0, *days):
        assert_same(casework, today + timedelta(days=offset))


@pytest.mark.parametrize("status", ["nazorg", "actief"])
def test_a_check_in_met_by_a_contact_moves_the_due_date_on(casework: Casework, status: str):
    today = casework.today()
    if status == "nazorg":
        case = started_case(casework, "moviera_wijk", "overdracht", 200)
        close_case(casework, closure(case.id, today - timedelta(days=40), nazorg=True))
    else:
        case = started_case(casework, "nazorg", "nazorg", 40)
    before = caseload(casework.vault.db, casework.programmes(), today)[0]
    assert before.has_checkins and before.due.due_on is not None
    casework.record_contact(
        Contact(new_id(), case.id, at(today - timedelta(days=2)), report="Check-in.")
    )
    after = caseload(casework.vault.db, casework.programmes(), today)[0]
    assert after.due.due_on is not None and after.due.due_on > before.due.due_on
    assert_same(casework, today)
