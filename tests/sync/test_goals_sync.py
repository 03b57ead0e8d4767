"""Goals, actions and ZRM assessments travel between laptops through the real server: what
one laptop writes offline arrives whole on the other (a domain "niet gescoord" stays so,
not left out), edits of different fields of a goal merge, and a same-field clash on a goal
keeps the losing value where the worker sees it in the goals tab and takes it with one
click."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from app.case import Case
from app.casework import Casework, new_id
from app.goals import Action, Goal
from app.vocabulary import GoalStatus, LifeDomain
from app.zrm import ZrmAssessment
from storage import journal
from tests.sync.laptop_window import laptop_window
from tests.sync.test_people_sync import in_step
from tests.ui.conftest import WAIT_MS, open_case, settle
from tests.ui.test_case_file_actions import _click_link


def new_case(work: Casework) -> str:
    case = Case(
        id=new_id(),
        display_name="Iris Doelmaat",
        initials="I.D.",
        programme_id="ambulant",
        phase_id=work.programme("ambulant").first_phase.id,
        start_date=work.today() - timedelta(days=90),
        worker=work.vault.owner,
    )
    return work.add_case(case)


def test_a_goal_its_action_and_a_zrm_arrive_on_the_second_laptop(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    work = first.casework
    today = work.today()
    case_id = new_case(work)
    goal_id = work.add_goal(
        Goal(new_id(), case_id, LifeDomain.FINANCIEN, "Ik wil mijn eigen geld beheren.", "cliënt")
    )
    action_id = work.add_action(
        Action(new_id(), case_id, goal_id, "Afspraak bij schuldhulp", "cliënt", today)
    )
    scores = {d: 3 for d in LifeDomain} | {LifeDomain.JUSTITIE: None}
    work.add_zrm(ZrmAssessment(new_id(), case_id, today, "anna", scores, "Samen ingevuld."))
    in_step(first, second)

    mine, theirs = work.case_file(case_id), second.casework.case_file(case_id)
    assert theirs.goals == mine.goals and theirs.actions == mine.actions
    assert theirs.goals[0].made_on == today  # made today: the day travels with it
    assert theirs.zrm == mine.zrm
    assert theirs.zrm[0].scores[LifeDomain.JUSTITIE] is None  # niet gescoord, not left out
    assert len(theirs.zrm[0].scores) == 13

    # Offline on both: one marks the action behaald, the other changes who works on the
    # goal and adds an action: all of it stays.
    second.casework.update_action(
        replace(second.casework.get(Action, action_id), status=GoalStatus.BEHAALD), ["status"]
    )
    work.update_goal(replace(work.get(Goal, goal_id), who="cliënt en zus"), ["who"])
    work.add_action(Action(new_id(), case_id, goal_id, "Post samen openen", "zus"))
    in_step(first, second)
    for machine in (first, second):
        file = machine.casework.case_file(case_id)
        assert file.goals[0].who == "cliënt en zus"
        assert {a.description: a.status for a in file.actions} == {
            "Afspraak bij schuldhulp": GoalStatus.BEHAALD,
            "Post samen openen": GoalStatus.OPEN,
        }
        assert file.conflicts == []


def test_the_same_goal_field_on_two_laptops_is_a_conflict_taken_in_the_tab(
    server, laptop, qtbot, tmp_path: Path
) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case_id = new_case(first.casework)
    goal = Goal(new_id(), case_id, LifeDomain.SOCIAAL_NETWERK, "Ik wil mensen om me heen.")
    first.casework.add_goal(goal)
    in_step(first, second)
    # Offline on both: each writes the client's words differently.
    first.casework.update_goal(replace(goal, goal="Ik wil vrienden maken."), ["goal"])
    second.casework.update_goal(replace(goal, goal="Ik wil mijn zus vaker zien."), ["goal"])
    stamps = {
        journal.entries(m.vault.db)[-1].hlc: journal.entries(m.vault.db)[-1].value
        for m in (first, second)
    }
    winner, loser = stamps[max(stamps)], stamps[min(stamps)]
    in_step(first, second)
    for machine in (first, second):
        assert machine.casework.get(Goal, goal.id).goal == winner
        conflicts = machine.casework.case_conflicts(case_id)
        assert [(c.record_type, c.field, c.losing_value) for c in conflicts] == [
            ("goal", "goal", loser)
        ]

    # The second laptop's worker opens the goals tab: the goal is marked, the other words
    # stand beside it, and one click takes them.
    with laptop_window(qtbot, second, tmp_path) as window:
        open_case(qtbot, window, case_id)
        settle(qtbot, window)
        view = window.case_file
        view.tabs.setCurrentWidget(view.goals_tab)
        tab = view.goals_tab
        (line,) = [item.text(0) for item in tab._items()]
        assert line == f"⚠ Sociaal netwerk: {winner}"
        details = tab.browser.toPlainText()
        assert winner in details and f"«{loser}»" in details

        _click_link(qtbot, tab.browser, f"«{loser}»")
        qtbot.waitUntil(lambda: "«" not in tab.browser.toPlainText(), timeout=WAIT_MS)
        settle(qtbot, window)
        assert [item.text(0) for item in tab._items()] == [f"Sociaal netwerk: {loser}"]

    # Taking it was a new change: it reaches the first laptop and wins there too.
    in_step(second, first)
    for machine in (first, second):
        assert machine.casework.get(Goal, goal.id).goal == loser
        assert machine.casework.case_conflicts(case_id) == []


def test_the_same_action_field_on_two_laptops_is_a_conflict_taken_in_the_tab(
    server, laptop, qtbot, tmp_path: Path
) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case_id = new_case(first.casework)
    goal_id = first.casework.add_goal(
        Goal(new_id(), case_id, LifeDomain.HUISVESTING, "Ik wil een eigen huis.")
    )
    action = Action(new_id(), case_id, goal_id, "Inschrijven bij de woningcorporatie")
    first.casework.add_action(action)
    in_step(first, second)
    # Offline on both: each names someone else to do it.
    first.casework.update_action(replace(action, who="cliënt"), ["who"])
    second.casework.update_action(replace(action, who="trajectbegeleider"), ["who"])
    stamps = {
        journal.entries(m.vault.db)[-1].hlc: journal.entries(m.vault.db)[-1].value
        for m in (first, second)
    }
    winner, loser = stamps[max(stamps)], stamps[min(stamps)]
    in_step(first, second)
    assert second.casework.get(Action, action.id).who == winner

    with laptop_window(qtbot, second, tmp_path) as window:
        open_case(qtbot, window, case_id)
        settle(qtbot, window)
        view = window.case_file
        view.tabs.setCurrentWidget(view.goals_tab)
        tab = view.goals_tab
        marked = [item.text(0) for item in tab._items() if item.text(0).startswith("⚠")]
        assert any("Inschrijven bij de woningcorporatie" in line for line in marked), marked
        assert tab.select(action.id)
        qtbot.waitUntil(lambda: f"«{loser}»" in tab.browser.toPlainText(), timeout=WAIT_MS)
        _click_link(qtbot, tab.browser, f"«{loser}»")
        qtbot.waitUntil(lambda: "«" not in tab.browser.toPlainText(), timeout=WAIT_MS)
        settle(qtbot, window)
        assert not [item for item in tab._items() if item.text(0).startswith("⚠")]

    in_step(second, first)
    for machine in (first, second):
        assert machine.casework.get(Action, action.id).who == loser
        assert machine.casework.case_conflicts(case_id) == []
