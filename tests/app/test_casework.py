"""The services as a worker uses them, on a real vault."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.case import Address, Case, FrequencyOverride
from app.caseload import caseload
from app.casework import Casework, new_id
from app.contact import Contact
from app.dashboard import build_dashboard
from app.handover import HandoverNote
from app.programmes import ContactFrequency
from app.safety import Breach, SafetyAgreement, SafetyPlan
from app.screening import RiskScreening
from app.synthetic import SyntheticCaseload, populate, write_case
from app.vocabulary import (
    Consent,
    ContactKind,
    ContactStatus,
    HandoverTarget,
    LifeDomain,
    RiskSituation,
)
from app.zrm import ZrmAssessment, zrm_trend
from storage import access_log
from storage.clock import FixedClock
from storage.errors import AppendOnlyViolation, RecordNotFound


def new_case(
    casework: Casework,
    programme: str = "ambulant",
    phase: str = "begeleiding",
    start_days_ago: int = 30,
    **extra,
) -> Case:
    case = Case(
        id=new_id(),
        display_name="Fleur van Zanddorp",
        initials="F.Z.",
        programme_id=programme,
        phase_id=phase,
        start_date=casework.today() - timedelta(days=start_days_ago),
        worker="tester",
        address=Address("Lindelaan", "4", "1234 AB", "Beekhoven"),
        **extra,
    )
    casework.add_case(case)
    return case


def contact(case: Case, when: datetime, **extra) -> Contact:
    return Contact(new_id(), case.id, when, **{"brief": True, **extra})


def row_for(casework: Casework, case_id: str):
    rows = caseload(casework.vault.db, casework.programmes(), casework.today())
    return next(r for r in rows if r.case_id == case_id)


def journal_size(casework: Casework) -> int:
    return casework.vault.db.execute("SELECT count(*) FROM journal").fetchone()[0]


def test_recording_a_contact_moves_next_due(casework: Casework) -> None:
    case = new_case(casework)
    assert row_for(casework, case.id).overdue_days == 23
    casework.record_contact(contact(case, casework.vault.now() - timedelta(hours=1)))
    row = row_for(casework, case.id)
    assert row.overdue_days == 0 and row.due.due_on == casework.today() + timedelta(days=7)


def test_no_show_does_not_count_as_contact(casework: Casework) -> None:
    case = new_case(casework)
    casework.record_contact(contact(case, casework.vault.now(), kind=ContactKind.NIET_VERSCHENEN))
    assert row_for(casework, case.id).overdue_days == 23


def test_planned_visit_counts_only_once_done(casework: Casework) -> None:
    case = new_case(casework)
    planned = contact(
        case,
        casework.vault.now() - timedelta(hours=2),
        status=ContactStatus.GEPLAND,
        address="Lindelaan 4, 1234 AB Beekhoven",
    )
    casework._add_to_case(planned)  # planned earlier; its time has passed
    assert row_for(casework, case.id).overdue_days == 23
    casework.complete_contact(planned.id, report="Goed gesprek.")
    assert row_for(casework, case.id).overdue_days == 0


def test_correction_is_a_new_version_and_the_original_stays(casework: Casework) -> None:
    case = new_case(casework)
    original = contact(case, casework.vault.now() - timedelta(days=2), report="eerste versie")
    casework.record_contact(original)
    with pytest.raises(AppendOnlyViolation):
        casework._update(Contact(**{**original.__dict__, "report": "overschreven"}))
    corrected = casework.correct_contact(
        original.id, starts_at=casework.vault.now() - timedelta(days=9), report="gecorrigeerd"
    )
    assert casework.get(Contact, original.id).report == "eerste versie"
    assert corrected.supersedes == original.id
    # The corrected date drives next-due, not the superseded one.
    assert row_for(casework, case.id).last_contact_on == casework.today() - timedelta(days=9)


def test_done_contact_in_the_future_is_refused_and_changes_nothing(casework: Casework) -> None:
    case = new_case(casework)
    before = journal_size(casework)
    with pytest.raises(ValueError) as info:
        casework.record_contact(contact(case, casework.vault.now() + timedelta(days=1)))
    assert "toekomst" in info.value.message_nl
    assert journal_size(casework) == before


def test_contact_for_unknown_case_is_refused(casework: Casework) -> None:
    with pytest.raises(RecordNotFound):
        casework.record_contact(Contact(new_id(), "no-such-case", casework.vault.now(), brief=True))


def test_zrm_score_outside_one_to_five_is_refused(casework: Casework) -> None:
    case = new_case(casework)
    before = journal_size(casework)
    for bad in (0, 6, -1):
        with pytest.raises(ValueError) as info:
            casework.add_zrm(
                ZrmAssessment(
                    new_id(), case.id, casework.today(), "tester", {LifeDomain.FINANCIEN: bad}
                )
            )
        assert "tussen 1 en 5" in info.value.message_nl
    assert journal_size(casework) == before


def test_zrm_trend_per_domain(casework: Casework) -> None:
    case = new_case(casework)
    for days_ago, score in ((60, 2), (30, 3), (0, 4)):
        casework.add_zrm(
            ZrmAssessment(
                new_id(),
                case.id,
                casework.today() - timedelta(days=days_ago),
                "tester",
                {d: None for d in LifeDomain} | {LifeDomain.HUISVESTING: score},
            )
        )
    trend = zrm_trend(casework.open_case(case.id).zrm)
    assert [s for _, s in trend[LifeDomain.HUISVESTING]] == [2, 3, 4]


def test_risk_screening_situation_outside_range_is_refused() -> None:
    with pytest.raises(ValueError, match="1, 2, 3 or 4"):
        RiskScreening("s", "c", date(2026, 1, 1), "w", 5)  # type: ignore[arg-type]


def test_latest_screening_drives_risk_badge(casework: Casework) -> None:
    case = new_case(casework)
    casework.add_screening(
        RiskScreening(
            new_id(),
            case.id,
            casework.today() - timedelta(days=20),
            "tester",
            RiskSituation.ACUUT_GEVAAR,
        )
    )
    casework.add_screening(
        RiskScreening(new_id(), case.id, casework.today(), "tester", RiskSituation.GERINGE_DREIGING)
    )
    assert row_for(casework, case.id).risk is RiskSituation.GERINGE_DREIGING


def test_safety_plan_keeps_every_version(casework: Casework) -> None:
    case = new_case(casework)
    for text in ("eerste plan", "tweede plan"):
        casework.save_safety_plan(
            SafetyPlan(
                new_id(),
                case.id,
                1,
                casework.today(),
                "tester",
                casework.today() + timedelta(days=30),
                warning_signals=text,
            )
        )
    plans = casework.open_case(case.id).safety_plans
    assert [(p.version, p.warning_signals) for p in plans] == [
        (1, "eerste plan"),
        (2, "tweede plan"),
    ]


def test_breach_must_belong_to_the_agreements_case(casework: Casework) -> None:
    one, other = new_case(casework), new_case(casework)
    agreement = SafetyAgreement(
        new_id(),
        one.id,
        "partner",
        "Komt niet onaangekondigd.",
        "wijkagent",
        casework.today(),
        casework.today() + timedelta(days=14),
    )
    casework.add_agreement(agreement)
    with pytest.raises(ValueError):
        casework.log_breach(
            Breach(new_id(), other.id, agreement.id, casework.today(), "stond voor de deur")
        )
    casework.log_breach(
        Breach(new_id(), one.id, agreement.id, casework.today(), "stond voor de deur")
    )
    assert len(casework.open_case(one.id).breaches) == 1


def test_opening_a_case_and_revealing_its_address_are_logged(casework: Casework) -> None:
    case = new_case(casework, secret_address=True)
    casework.open_case(case.id)
    address = casework.reveal_address(case.id)
    assert address is not None and address.street == "Lindelaan"
    actions = [e.action for e in access_log.entries(casework.vault.db, record_id=case.id)]
    assert actions == ["create", "read", "reveal_address"]


def test_phase_change_keeps_history_and_changes_due(casework: Casework) -> None:
    case = new_case(casework, programme="moviera_wijk", phase="transitie", start_days_ago=60)
    casework.record_contact(contact(case, casework.vault.now() - timedelta(days=5)))
    assert row_for(casework, case.id).overdue_days == 1
    casework.change_phase(case.id, "overdracht")
    updated = casework.get_case(case.id)
    assert [e.phase_id for e in updated.phase_history] == ["transitie", "overdracht"]
    assert row_for(casework, case.id).overdue_days == 0


def test_unknown_phase_or_programme_is_refused(casework: Casework) -> None:
    with pytest.raises(ValueError):
        new_case(casework, programme="moviera_wijk", phase="no-such-phase")
    with pytest.raises(ValueError):
        new_case(casework, programme="no-such-programme", phase="x")


def test_frequency_override_is_journaled_and_used(casework: Casework) -> None:
    case = new_case(casework)
    casework.record_contact(contact(case, casework.vault.now() - timedelta(days=4)))
    assert row_for(casework, case.id).overdue_days == 0
    casework.set_frequency_override(
        case.id,
        FrequencyOverride(
            ContactFrequency(3, 7), "Verhoogd risico", since=casework.today() - timedelta(days=10)
        ),
    )
    assert row_for(casework, case.id).overdue_days == 1


def test_programmes_are_data_the_organisation_can_change(casework: Casework) -> None:
    from dataclasses import replace

    ambulant = casework.programme("ambulant")
    phase = replace(ambulant.phases[0], frequency=ContactFrequency(1, 14))
    casework.save_programme(replace(ambulant, phases=(phase,)))
    reopened = Casework(casework.vault)
    assert reopened.programme("ambulant").phases[0].frequency == ContactFrequency(1, 14)


def test_handover_notes_are_append_only(casework: Casework) -> None:
    case = new_case(casework)
    note = HandoverNote(
        new_id(),
        case.id,
        "Buurtteam",
        HandoverTarget.BUURTTEAM,
        "samenvatting",
        casework.today(),
        "tester",
        Consent.NIET_GEVRAAGD,
    )
    casework.add_handover_note(note)
    with pytest.raises(AppendOnlyViolation):
        casework._update(HandoverNote(**{**note.__dict__, "summary": "anders"}))


def test_synthetic_case_reads_back_identical(casework: Casework) -> None:
    generator = SyntheticCaseload(casework.programmes(), casework.today(), seed=3)
    for _ in range(10):
        generated = generator.case()
        write_case(casework, generated)
        assert casework.get_case(generated.case.id) == generated.case
        stored = casework.open_case(generated.case.id)
        for record in generated.records:
            assert record in getattr(stored, _field_of(record)), type(record).__name__


def _field_of(record) -> str:
    return {
        "RiskScreening": "screenings",
        "Contact": "contacts",
        "SafetyPlan": "safety_plans",
        "SafetyAgreement": "agreements",
        "Breach": "breaches",
        "Goal": "goals",
        "Action": "actions",
        "ZrmAssessment": "zrm",
        "HandoverNote": "handover_notes",
        "CaseDiscussion": "discussions",
        "HouseholdMember": "members",
        "DangerPerson": "danger_persons",
        "InvolvedPartner": "partners",
        "Closure": "closures",
        "Reopening": "reopenings",
        "BreachFollowUp": "follow_ups",
    }[type(record).__name__]


def test_dashboard_lists_what_needs_attention(casework: Casework, clock: FixedClock) -> None:
    populate(casework, 40, seed=11)
    board = build_dashboard(casework.vault.db, casework.programmes(), casework.today())
    assert len(board.caseload) == 40
    assert board.overdue and board.overdue == sorted(board.overdue, key=lambda r: -r.overdue_days)
    assert all(v.starts_at.date() == casework.today() for v in board.planned_today)
    secret_ids = {
        r[0] for r in casework.vault.db.execute("SELECT id FROM cases WHERE secret_address = 1")
    }
    for visit in board.planned_today:
        if visit.case_id in secret_ids:
            assert visit.address == "Geheim adres"


def test_a_phase_in_use_cannot_be_removed(casework: Casework) -> None:
    from dataclasses import replace

    new_case(casework, programme="moviera_wijk", phase="transitie")
    moviera = casework.programme("moviera_wijk")
    without = replace(moviera, phases=tuple(p for p in moviera.phases if p.id != "transitie"))
    with pytest.raises(ValueError, match="transitie"):
        casework.save_programme(without)
    assert casework.programme("moviera_wijk") == moviera
