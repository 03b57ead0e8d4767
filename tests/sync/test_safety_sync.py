"""Safety work travels between laptops through the real server: plan versions (an evaluated one
too), an agreement and its status, a breach and the follow-up written later on the other
laptop; and a same-field edit of an agreement on two laptops shows as a conflict that the
worker takes back with one click in the agreements tab, after which it wins everywhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtWidgets import QApplication

from app.casework import Casework, new_id
from app.dashboard import open_breaches
from app.intake import register_case
from app.safety import Breach, BreachFollowUp, SafetyAgreement, SafetyPlan, TimeOut
from app.vocabulary import AgreementStatus
from tests.app.test_intake import full_intake
from tests.sync.test_people_sync import in_step
from tests.ui.test_case_file_actions import _click_link
from ui.case_file import CaseFileView


def started_case(casework: Casework) -> str:
    case_id = register_case(casework, full_intake(casework))
    casework.update_case(replace(casework.get_case(case_id), start_date=casework.today()))
    return case_id


def an_agreement(casework: Casework, case_id: str) -> SafetyAgreement:
    today = casework.today()
    made = SafetyAgreement(
        new_id(),
        case_id,
        "partner",
        "Partner komt niet zonder afspraak naar de woning.",
        "cliënt",
        today,
        today + timedelta(days=30),
    )
    casework.add_agreement(made)
    return made


def safety(casework: Casework, case_id: str) -> tuple:
    file = casework.case_file(case_id)
    return file.safety_plans, file.agreements, file.breaches, file.follow_ups


def test_plan_versions_an_agreement_a_breach_and_its_follow_up_arrive(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    work = first.casework
    today = work.today()
    case_id = started_case(work)
    work.save_safety_plan(
        SafetyPlan(
            new_id(),
            case_id,
            1,
            today,
            "anna",
            today + timedelta(days=14),
            warning_signals="Hij drinkt in het weekend.",
            timeout=TimeOut("partner", "broer", today, today + timedelta(days=14)),
        )
    )
    work.evaluate_safety_plan(case_id, today, today + timedelta(days=42))
    made = an_agreement(work, case_id)
    broken = Breach(new_id(), case_id, made.id, today, "Stond onaangekondigd voor de deur.")
    work.log_breach(broken, mark_broken=True)
    in_step(first, second)

    other = second.casework
    assert safety(other, case_id) == safety(work, case_id)
    plans = other.case_file(case_id).safety_plans
    assert [(p.version, p.evaluated_on) for p in plans] == [(1, None), (2, today)]
    assert other.get(SafetyAgreement, made.id).status is AgreementStatus.GESCHONDEN
    assert [b.breach_id for b in open_breaches(second.vault.db)] == [broken.id]

    # The follow-up is written on the second laptop; the first sees the breach answered.
    answered = BreachFollowUp(
        new_id(), case_id, broken.id, today, "Besproken met wijkagent.", "anna"
    )
    other.add_breach_follow_up(answered)
    other.set_agreement_status(made.id, AgreementStatus.ACTIEF)  # the agreement is renewed
    in_step(second, first)
    assert work.case_file(case_id).open_breaches == []
    assert work.case_file(case_id).follow_ups == [answered]
    assert open_breaches(first.vault.db) == []
    assert work.get(SafetyAgreement, made.id).status is AgreementStatus.ACTIEF
    assert safety(work, case_id) == safety(other, case_id)


def test_edits_of_different_fields_of_an_agreement_both_stay(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case_id = started_case(first.casework)
    made = an_agreement(first.casework, case_id)
    in_step(first, second)
    first.casework.set_agreement_status(made.id, AgreementStatus.NAGEKOMEN)
    second.casework.update_agreement(replace(made, made_with="cliënt en wijkagent"))
    in_step(first, second)
    for machine in (first, second):
        stored = machine.casework.get(SafetyAgreement, made.id)
        assert (stored.status, stored.made_with) == (
            AgreementStatus.NAGEKOMEN,
            "cliënt en wijkagent",
        )
        assert machine.casework.case_conflicts(case_id) == []


def test_a_same_field_agreement_edit_is_resolved_in_the_agreements_tab(
    server, laptop, qtbot, qapp: QApplication
) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case_id = started_case(first.casework)
    made = an_agreement(first.casework, case_id)
    in_step(first, second)
    first.casework.update_agreement(replace(made, made_with="cliënt en wijkagent"))
    second.casework.update_agreement(replace(made, made_with="cliënt en Veilig Thuis"))
    in_step(first, second)
    values = {m.casework.get(SafetyAgreement, made.id).made_with for m in (first, second)}
    assert len(values) == 1  # the later one won on both
    winner = values.pop()
    loser = ({"cliënt en wijkagent", "cliënt en Veilig Thuis"} - {winner}).pop()

    # The laptop whose value lost shows it in the agreements tab, marked, one click to take.
    losing = first if loser == "cliënt en wijkagent" else second  # whose own edit lost
    view = CaseFileView()
    qtbot.addWidget(view)
    view.resize(1024, 700)
    view.show()
    view.show_case(losing.casework.open_case(case_id), None, losing.casework.today())
    view.tabs.setCurrentWidget(view.agreements_tab)
    tab = view.agreements_tab
    assert f"«{loser}»" in tab.browser.toPlainText() and winner in tab.browser.toPlainText()
    assert tab.tree.topLevelItem(0).text(0).startswith("⚠")
    taken: list[str] = []
    view.restore_conflict_requested.connect(taken.append)
    _click_link(qtbot, tab.browser, f"«{loser}»")
    qtbot.waitUntil(lambda: bool(taken), timeout=5000)
    losing.casework.restore_conflict(taken[0])  # what the window does on that click
    view.show_case(losing.casework.open_case(case_id), None, losing.casework.today())
    assert "⚠" not in tab.browser.toPlainText()

    winning = first if losing is second else second
    in_step(losing, winning)
    for machine in (first, second):
        assert machine.casework.get(SafetyAgreement, made.id).made_with == loser
    assert losing.casework.case_conflicts(case_id) == []
    # The other laptop's own value is now the one that lost: it stays there to be seen (and
    # taken back by its worker), never silently dropped.
    assert [c.losing_value for c in winning.casework.case_conflicts(case_id)] == [winner]
