"""The caseload's last-contact and risk columns (kept by vault triggers) always match what the
records say, whatever order contacts, corrections, no-shows and deletions arrive in."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.caseload import CaseloadView, caseload
from app.casework import Casework, new_id
from app.contact import Contact
from app.rules import local_date
from app.screening import RiskScreening
from app.vocabulary import ContactKind, ContactStatus, RiskSituation
from tests.app.test_casework import new_case

step = st.one_of(
    st.tuples(st.just("contact"), st.integers(0, 60), st.sampled_from(list(ContactKind))),
    st.tuples(st.just("correct"), st.integers(0, 60), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(st.just("plan"), st.integers(0, 60)),
    st.tuples(st.just("screen"), st.integers(0, 60), st.integers(1, 4)),
)


def expected_last_contact(casework: Casework, case_id: str):
    contacts = casework.open_case(case_id).contacts
    replaced = {c.supersedes for c in contacts if c.supersedes}
    counting = [c for c in contacts if c.counts_as_contact and c.id not in replaced]
    latest = max((c.starts_at for c in counting), default=None)
    return local_date(latest) if latest else None


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, max_size=25))
def test_summary_matches_records(casework: Casework, steps) -> None:
    case = new_case(casework, start_days_ago=90)
    now = casework.vault.now()
    done: list[str] = []
    screenings: list[RiskScreening] = []
    for action, *args in steps:
        if action == "contact":
            contact = Contact(
                new_id(), case.id, now - timedelta(days=args[0]), kind=args[1], brief=True
            )
            # Stored under the id of a planned contact of that day when it completes one.
            done.append(casework.record_contact(contact))
        elif action == "correct" and done:
            corrected = casework.correct_contact(
                done[args[1] % len(done)], starts_at=now - timedelta(days=args[0])
            )
            done.append(corrected.id)
        elif action == "delete" and done:
            record_id = done.pop(args[0] % len(done))
            casework.store.delete("contact", record_id)
        elif action == "plan":
            casework._add_to_case(  # planned earlier; its day may have passed
                Contact(
                    new_id(), case.id, now - timedelta(days=args[0]), status=ContactStatus.GEPLAND
                )
            )
        elif action == "screen":
            screening = RiskScreening(
                new_id(),
                case.id,
                casework.today() - timedelta(days=args[0]),
                "tester",
                RiskSituation(args[1]),
            )
            casework.add_screening(screening)
            screenings.append(screening)
    row = next(
        r
        for r in caseload(casework.vault.db, casework.programmes(), casework.today())
        if r.case_id == case.id
    )
    assert row.last_contact_on == expected_last_contact(casework, case.id)
    if screenings:
        latest_day = max(s.screened_on for s in screenings)
        assert row.risk in {s.situation for s in screenings if s.screened_on == latest_day}
    else:
        assert row.risk is None


def test_session_view_sees_edits_at_once(casework: Casework) -> None:
    case = new_case(casework)
    view = CaseloadView()
    programmes, today = casework.programmes(), casework.today()
    before = next(
        r for r in view.refresh(casework.vault.db, programmes, today) if r.case_id == case.id
    )
    assert before.overdue_days == 23
    casework.record_contact(Contact(new_id(), case.id, casework.vault.now(), brief=True))
    after = next(
        r for r in view.refresh(casework.vault.db, programmes, today) if r.case_id == case.id
    )
    assert after.overdue_days == 0 and after.last_contact_on == today


def test_phase_change_dated_ahead_applies_from_its_day(casework: Casework) -> None:
    from datetime import timedelta

    case = new_case(casework, programme="moviera_wijk", phase="transitie", start_days_ago=60)
    casework.record_contact(
        Contact(new_id(), case.id, casework.vault.now() - timedelta(days=5), brief=True)
    )
    # Tapering to once per two weeks from next week: today the twice-weekly rhythm still holds.
    casework.change_phase(case.id, "overdracht", since=casework.today() + timedelta(days=7))
    row = next(
        r
        for r in caseload(casework.vault.db, casework.programmes(), casework.today())
        if r.case_id == case.id
    )
    assert row.overdue_days == 1 and row.phase == "Fase 3: overdracht van zorg"
