"""Programme and phase as a worker changes them, and contacts as a worker records them: the
rules read the programme and phase in force on each day, on a real vault at a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from app.case import Case, FrequencyOverride, PhaseEntry
from app.caseload import CaseloadRow, caseload
from app.casework import Casework, new_id
from app.contact import Contact
from app.dashboard import build_dashboard
from app.errors import ValidationError
from app.programmes import ContactFrequency
from app.rules import LOCAL_TZ, next_contact_due
from app.screening import ContraIndicated, RiskScreening
from app.team_overview import COMPLIANCE_DAYS, team_overview
from app.vocabulary import ContactKind, ContactStatus, LifeDomain, RiskSituation
from storage.clock import FixedClock
from tests.app.test_intake import table_counts


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A local (Amsterdam) moment on `day`."""
    return datetime.combine(day, time(hour, minute), LOCAL_TZ)


def started_case(
    casework: Casework,
    programme: str = "moviera_wijk",
    phase: str = "transitie",
    start_days_ago: int = 60,
    **extra,
) -> Case:
    today = casework.today()
    case = Case(
        id=new_id(),
        display_name=extra.pop("display_name", "Fleur van Zanddorp"),
        initials="",
        programme_id=programme,
        phase_id=phase,
        start_date=today - timedelta(days=start_days_ago),
        worker="tester",
        **extra,
    )
    casework.add_case(case)
    return case


def visit(casework: Casework, case: Case, day: date, **extra) -> str:
    return casework.record_contact(
        Contact(new_id(), case.id, at(day), report="Huisbezoek, rustig gesprek.", **extra)
    )


def row_of(casework: Casework, case_id: str) -> CaseloadRow:
    rows = caseload(casework.vault.db, casework.programmes(), casework.today())
    return next(r for r in rows if r.case_id == case_id)


# --- programme and phase --------------------------------------------------------------------


def test_a_phase_outside_the_programme_is_refused(casework: Casework) -> None:
    case = started_case(casework)
    before = table_counts(casework.vault)
    for phase in ("begeleiding", "veiligheid", "onbekend"):
        with pytest.raises(ValidationError) as info:
            casework.change_phase(case.id, phase)
        assert info.value.message_nl == "Deze fase hoort niet bij het programma."
    with pytest.raises(ValidationError):  # before the current phase began
        casework.change_phase(case.id, "uitproberen", casework.today() - timedelta(days=61))
    assert table_counts(casework.vault) == before
    moved = casework.change_phase(case.id, "uitproberen", casework.today() - timedelta(days=5))
    assert moved.phase_history[-1] == PhaseEntry(
        "uitproberen", casework.today() - timedelta(days=5), "moviera_wijk"
    )
    assert row_of(casework, case.id).phase == "Fase 2: uitproberen"


def test_a_switch_records_the_programme_of_each_phase_entry(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework)
    casework.change_phase(case.id, "uitproberen", today - timedelta(days=20))
    switched = casework.switch_programme(case.id, "ambulant", today - timedelta(days=10))
    stored = casework.get_case(case.id)
    assert stored == switched
    assert [(e.programme_id, e.phase_id) for e in stored.phase_history] == [
        ("moviera_wijk", "transitie"),
        ("moviera_wijk", "uitproberen"),
        ("ambulant", "begeleiding"),
    ]
    assert stored.programme_id == "ambulant" and stored.phase_id == "begeleiding"
    assert stored.start_date == case.start_date
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError):
        casework.switch_programme(case.id, "ambulant")  # already there
    with pytest.raises(ValidationError):
        casework.switch_programme(case.id, "bestaat_niet")
    with pytest.raises(ValidationError):
        casework.switch_programme(case.id, "take_a_break", today - timedelta(days=11))
    assert table_counts(casework.vault) == before


def test_rules_weigh_the_old_programme_for_days_before_a_switch(casework: Casework) -> None:
    """Compliance over four weeks that span a switch from Moviera (phase "transitie", 2 a
    week, a phase Ambulante begeleiding does not have) to Ambulante begeleiding (1 a week).
    Looking the old phase up in the new programme fails or weighs the wrong frequency."""
    today = casework.today()
    case = started_case(casework, start_days_ago=60)
    switch_on = today - timedelta(days=10)
    for days_ago in (27, 24, 20, 17, 13, 9, 2):
        visit(casework, case, today - timedelta(days=days_ago))
    casework.switch_programme(case.id, "ambulant", switch_on)

    overview = team_overview(casework)
    (line,) = overview.lines
    assert line.programme == "Ambulante begeleiding" and line.active == 1
    new_days = 11  # the day of the switch and the ten after it, today included
    old_days = COMPLIANCE_DAYS - new_days
    assert line.expected_contacts == pytest.approx(old_days * 2 / 7 + new_days * 1 / 7, abs=1e-3)
    assert line.counted_contacts == pytest.approx(line.expected_contacts)  # 7 > 6.57: capped
    assert line.per_phase == {"Begeleiding": 1}

    row = row_of(casework, case.id)
    assert (row.programme, row.phase) == ("Ambulante begeleiding", "Begeleiding")
    assert row.due.due_on == today - timedelta(days=2) + timedelta(days=7)  # 1 a week now
    assert row.overdue_days == 0 and line.overdue == 0
    dashboard = build_dashboard(casework.vault.db, casework.programmes(), today)
    assert [r.case_id for r in dashboard.caseload] == [case.id]
    assert not dashboard.overdue


def test_a_switch_planned_ahead_keeps_todays_programme(
    casework: Casework, clock: FixedClock
) -> None:
    """A switch from next week on: until then the case is due as its current programme asks
    (Moviera transitie, 2 a week: 4 days), not as the next one (Ambulant: 7 days)."""
    today = casework.today()
    case = started_case(casework, start_days_ago=30)
    visit(casework, case, today - timedelta(days=5))
    casework.switch_programme(case.id, "ambulant", today + timedelta(days=7))
    row = row_of(casework, case.id)
    assert row.due.due_on == today - timedelta(days=1)
    assert row.overdue_days == 1
    (line,) = team_overview(casework).lines
    assert line.overdue == 1
    # From the day of the switch on, the new programme's frequency holds.
    clock.advance(days=8)
    visit(casework, case, casework.today() - timedelta(days=1))
    assert row_of(casework, case.id).due.due_on == casework.today() + timedelta(days=6)


def test_a_frequency_override_is_set_and_ended(casework: Casework, clock: FixedClock) -> None:
    today = casework.today()
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    visit(casework, case, today - timedelta(days=4))
    assert row_of(casework, case.id).due.due_on == today + timedelta(days=3)  # 1 a week

    override = FrequencyOverride(
        ContactFrequency(3, 7), "Incident thuis, even vaker langs.", today - timedelta(days=1)
    )
    casework.set_frequency_override(case.id, override)
    row = row_of(casework, case.id)
    assert row.due.due_on == today - timedelta(days=1) and row.overdue_days == 1

    with pytest.raises(ValidationError):  # an end before its start
        casework.end_frequency_override(case.id, today - timedelta(days=3))
    ended = casework.end_frequency_override(case.id)
    assert ended.frequency_override == replace(override, until=today)
    assert row_of(casework, case.id).overdue_days == 1  # today it still applies
    clock.advance(days=1)
    row = row_of(casework, case.id)
    assert row.due.due_on == today + timedelta(days=3) and row.overdue_days == 0
    before = table_counts(casework.vault)
    casework.set_frequency_override(case.id, None)
    with pytest.raises(ValidationError) as info:
        casework.end_frequency_override(case.id)
    assert "geen afwijkende frequentie" in info.value.message_nl
    assert table_counts(casework.vault)["cases"] == before["cases"]


# --- contacts ---------------------------------------------------------------------------------


def test_recording_a_visit_completes_the_planned_one(casework: Casework, clock: FixedClock) -> None:
    today = casework.today()
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    planned = Contact(
        new_id(),
        case.id,
        at(today, 14, 30),
        status=ContactStatus.GEPLAND,
        address="Lindelaan 4, 1234 AB Beekhoven",
        present=("cliënt", "Sem"),
    )
    casework.plan_contact(planned)
    dashboard = build_dashboard(casework.vault.db, casework.programmes(), today)
    assert [v.case_id for v in dashboard.planned_today] == [case.id]

    clock.set(at(today, 16, 0))
    done_id = casework.record_contact(
        Contact(new_id(), case.id, at(today, 14, 40), report="Gesprek over school.")
    )
    assert done_id == planned.id
    contacts = casework.open_case(case.id).contacts
    assert len(contacts) == 1
    (done,) = contacts
    assert done.id == planned.id and done.status is ContactStatus.GEDAAN
    assert done.report == "Gesprek over school." and done.starts_at == at(today, 14, 40)
    # What the plan said and the worker did not overwrite stays (who can trace the visit).
    assert done.address == planned.address and done.present == planned.present
    dashboard = build_dashboard(casework.vault.db, casework.programmes(), today)
    assert dashboard.planned_today == []
    assert row_of(casework, case.id).last_contact_on == today


def test_a_visit_on_another_day_leaves_the_plan_alone(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    planned = Contact(new_id(), case.id, at(today + timedelta(days=1)), ContactKind.HUISBEZOEK,
                      ContactStatus.GEPLAND)  # fmt: skip
    casework.plan_contact(planned)
    visit(casework, case, today - timedelta(days=1))
    statuses = sorted(c.status for c in casework.open_case(case.id).contacts)
    assert statuses == [ContactStatus.GEDAAN, ContactStatus.GEPLAND]


def test_an_empty_done_contact_is_refused(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        casework.record_contact(Contact(new_id(), case.id, at(today - timedelta(days=1))))
    assert info.value.message_nl.startswith("Schrijf kort wat er gebeurde")
    assert "write briefly what happened" in str(info.value)
    with pytest.raises(ValidationError):
        casework.record_contact(
            Contact(new_id(), case.id, at(today - timedelta(days=1)), report="   ")
        )
    assert table_counts(casework.vault) == before
    assert row_of(casework, case.id).overdue_days > 0  # an empty save did not clear it

    # Each of these says enough.
    for extra in (
        {"brief": True},
        {"kind": ContactKind.NIET_VERSCHENEN},
        {"domains": (LifeDomain.FINANCIEN,)},
        {"safety_check_done": True},
        {"report": "Kort telefoontje."},
    ):
        casework.record_contact(Contact(new_id(), case.id, at(today - timedelta(days=2)), **extra))
    assert len(casework.open_case(case.id).contacts) == 5


def test_an_empty_contact_does_not_complete_the_planned_one(
    casework: Casework, clock: FixedClock
) -> None:
    today = casework.today()
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    planned = Contact(new_id(), case.id, at(today, 14), status=ContactStatus.GEPLAND)
    casework.plan_contact(planned)
    clock.set(at(today, 15))
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError):
        casework.record_contact(Contact(new_id(), case.id, at(today, 14)))
    assert table_counts(casework.vault) == before
    with pytest.raises(ValidationError):
        casework.complete_contact(planned.id)
    assert table_counts(casework.vault) == before
    assert casework.get(Contact, planned.id).status is ContactStatus.GEPLAND


def test_a_no_show_completes_the_plan_as_niet_verschenen(
    casework: Casework, clock: FixedClock
) -> None:
    today = casework.today()
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    overdue = row_of(casework, case.id).overdue_days
    planned = Contact(new_id(), case.id, at(today, 14, 30), status=ContactStatus.GEPLAND)
    casework.plan_contact(planned)
    clock.set(at(today, 15))
    casework.record_contact(
        Contact(new_id(), case.id, at(today, 14, 30), kind=ContactKind.NIET_VERSCHENEN)
    )
    (contact,) = casework.open_case(case.id).contacts
    assert contact.id == planned.id and contact.status is ContactStatus.GEDAAN
    assert contact.state_label == "Niet verschenen"
    assert not contact.counts_as_contact
    assert row_of(casework, case.id).overdue_days == overdue  # a no-show is no contact
    assert Contact(new_id(), case.id, at(today), report="x").state_label == "Gedaan"


def test_a_planned_visit_in_the_past_is_refused(casework: Casework) -> None:
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    now = casework.vault.now()
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        casework.plan_contact(
            Contact(new_id(), case.id, now - timedelta(hours=1), status=ContactStatus.GEPLAND)
        )
    assert "verleden" in info.value.message_nl
    with pytest.raises(ValidationError):
        casework.plan_contact(Contact(new_id(), case.id, now + timedelta(days=1), report="x"))
    assert table_counts(casework.vault) == before
    casework.plan_contact(
        Contact(new_id(), case.id, now + timedelta(hours=1), status=ContactStatus.GEPLAND)
    )


def test_the_one_rule_reads_the_programme_of_the_day(casework: Casework) -> None:
    """next_contact_due, given every programme, answers for a day before a planned switch in
    the programme of that day."""
    today = casework.today()
    case = started_case(casework, start_days_ago=30)
    switched = casework.switch_programme(case.id, "ambulant", today + timedelta(days=7))
    programmes = casework.programmes()
    due = next_contact_due(
        switched.schedule, programmes["ambulant"], today - timedelta(days=2), today, (),
        programmes,
    )  # fmt: skip
    assert due.due_on == today + timedelta(days=2)


def test_a_phase_a_case_passed_through_cannot_be_removed(casework: Casework) -> None:
    """After a switch, the old programme's phases are in the case's history: the rules read
    them for earlier days, so the programme keeps them."""
    from app.programmes import DEFAULT_PROGRAMMES

    today = casework.today()
    case = started_case(casework, start_days_ago=60)
    casework.switch_programme(case.id, "ambulant", today - timedelta(days=10))
    moviera = next(p for p in DEFAULT_PROGRAMMES if p.id == "moviera_wijk")
    before = table_counts(casework.vault)
    without = replace(moviera, phases=tuple(p for p in moviera.phases if p.id != "transitie"))
    with pytest.raises(ValidationError) as info:
        casework.save_programme(without)
    assert "transitie" in str(info.value)
    assert table_counts(casework.vault) == before
    # A phase nobody passed through may go; the case can still be edited afterwards.
    casework.save_programme(
        replace(moviera, phases=tuple(p for p in moviera.phases if p.id != "nazorg"))
    )
    casework.update_case(replace(casework.get_case(case.id), phone="06-11112222"))
    assert team_overview(casework).lines[0].active == 1


def test_a_morning_call_leaves_the_afternoon_visit_planned(
    casework: Casework, clock: FixedClock
) -> None:
    """Recording a contact completes the planned one of that day only when the plan began
    before the recorded contact ended: the 14:30 home visit is still ahead at 09:45."""
    today = casework.today()
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    clock.set(at(today, 8))
    planned = Contact(new_id(), case.id, at(today, 14, 30), status=ContactStatus.GEPLAND)
    casework.plan_contact(planned)
    clock.set(at(today, 9, 45))
    call = Contact(new_id(), case.id, at(today, 9), ContactKind.TELEFOON, duration_minutes=15,
                   report="Afspraak van vanmiddag bevestigd.")  # fmt: skip
    assert casework.record_contact(call) == call.id
    dashboard = build_dashboard(casework.vault.db, casework.programmes(), today)
    assert [v.contact_id for v in dashboard.planned_today] == [planned.id]
    # The visit itself, begun a little late and recorded afterwards, completes the plan.
    clock.set(at(today, 16))
    assert visit_at(casework, case, at(today, 14, 45)) == planned.id
    assert build_dashboard(casework.vault.db, casework.programmes(), today).planned_today == []
    assert len(casework.open_case(case.id).contacts) == 2


def visit_at(casework: Casework, case: Case, when: datetime) -> str:
    return casework.record_contact(Contact(new_id(), case.id, when, report="Huisbezoek."))


def test_a_switch_into_a_contra_indicated_programme_needs_a_reason(casework: Casework) -> None:
    """Take a Break is offered at situatie 3: a switch into it at situatie 4 is flagged as a
    screening would be, and goes on only with the reason kept on the phase entry."""
    case = started_case(casework, programme="ambulant", phase="begeleiding")
    casework.add_screening(
        RiskScreening(new_id(), case.id, casework.today(), "tester", RiskSituation.ACUUT_GEVAAR)
    )
    before = table_counts(casework.vault)
    with pytest.raises(ContraIndicated) as info:
        casework.switch_programme(case.id, "take_a_break")
    assert "situatie 3" in info.value.message_nl
    assert table_counts(casework.vault) == before
    switched = casework.switch_programme(
        case.id, "take_a_break", contra_reason="Gezin wil het; overlegd met de gedragswetenschapper"
    )
    assert switched.programme_id == "take_a_break"
    assert switched.phase_history[-1].contra_reason.startswith("Gezin wil het")
