"""The goals tab (Doelen en acties) and the ZRM tab, worked by keyboard in the real window on
a real vault: goals and actions made and changed, achieved and dropped goals shown on
request, overdue actions marked in colour and in words, a ZRM scored with thirteen digits,
bad input refused in Dutch with nothing written, drafts back after a crash, a goal field
that lost a sync merge taken back with one click, and the thirteen small ZRM charts all in
view at 1024x768."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.casework import Casework, new_id
from app.goals import Action, Goal
from app.vocabulary import GoalStatus, LifeDomain
from app.zrm import ZrmAssessment
from storage.clock import FixedClock
from storage.hlc import Hlc
from storage.keys import TEST_KDF
from storage.remote import RemoteChange, apply_remote_changes
from storage.vault import Vault
from tests.app.test_programme_rules import started_case
from tests.conftest import NOW, PASSPHRASE
from tests.ui.conftest import WAIT_MS, crash_once_drafted, db_value, open_case, restart, settle
from tests.ui.conftest import unlock as unlock_window
from tests.ui.mnemonics import mnemonic_of
from tests.ui.test_case_file_actions import _click_link
from ui.case_file.goal_forms import ActionForm, GoalForm
from ui.case_file.goals import OVERDUE_COLOUR
from ui.case_file.zrm_form import NOT_SCORED, ZrmForm, field_name
from ui.forms.base import RecordForm
from ui.main_window import MainWindow

translate = QCoreApplication.translate
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
OUR_WORDS = "Ik wil zelf mijn post openen."
THEIR_WORDS = "Ik wil samen met mijn zus mijn post openen."


@dataclass(frozen=True)
class Plan:
    path: Path
    today: date
    case_id: str  # a goal with an overdue and a running action, one behaald goal, ZRMs
    goal_id: str  # Financiën, made 30 days ago
    overdue_id: str  # action due 4 days ago, open
    achieved_id: str  # Huisvesting, behaald
    empty_case: str  # nothing yet
    conflicted_goal: str  # its words lost a merge on this laptop


@pytest.fixture
def plan(vault_path: Path, clock: FixedClock) -> Plan:
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        work = Casework(v)
        work.seed_default_programmes()
        today = work.today()

        def case(name: str) -> str:
            phase = work.programme("ambulant").first_phase.id
            return started_case(work, "ambulant", phase, 200, display_name=name).id

        case_id = case("Roos Doelgericht")
        goal_id = work.add_goal(
            Goal(
                new_id(),
                case_id,
                LifeDomain.FINANCIEN,
                "Ik wil mijn eigen geld weer beheren.",
                "cliënt",
                made_on=today - timedelta(days=30),
            )
        )
        overdue_id = work.add_action(
            Action(
                new_id(), case_id, goal_id, "Afspraak maken bij schuldhulp", "cliënt",
                today - timedelta(days=4),
            )
        )  # fmt: skip
        work.add_action(
            Action(
                new_id(), case_id, goal_id, "Samen de post doornemen", "trajectbegeleider",
                today + timedelta(days=10), GoalStatus.BEZIG,
            )
        )  # fmt: skip
        achieved_id = work.add_goal(
            Goal(
                new_id(), case_id, LifeDomain.HUISVESTING, "Ik wil een eigen huis.", "cliënt",
                status=GoalStatus.BEHAALD, made_on=today - timedelta(days=150),
            )
        )  # fmt: skip
        for days_ago, score in ((120, 2), (60, 3)):
            work.add_zrm(
                ZrmAssessment(
                    new_id(), case_id, today - timedelta(days=days_ago), "tester",
                    {d: score for d in LifeDomain},
                )
            )  # fmt: skip
        empty_case = case("Lot Leeg")

        other = case("Mira Botsing")
        conflicted_goal = work.add_goal(
            Goal(new_id(), other, LifeDomain.HUISELIJKE_RELATIES, "Ik wil mijn post openen.")
        )
        # This laptop changes the goal's words; a colleague's laptop changed them later:
        # theirs win the merge and ours are kept as a conflict (storage/remote.py).
        work.update_goal(replace(work.get(Goal, conflicted_goal), goal=OUR_WORDS))
        later = Hlc(int((NOW + timedelta(minutes=5)).timestamp() * 1000), 0, "laptop-b").encode()
        report = apply_remote_changes(
            v, [RemoteChange(new_id(), "goal", conflicted_goal, {"goal": THEIR_WORDS}, later, "b")]
        )
        assert report.conflicts == 1
    return Plan(
        vault_path, today, case_id, goal_id, overdue_id, achieved_id, empty_case, conflicted_goal
    )


@pytest.fixture
def window(make_window, plan: Plan, qtbot) -> MainWindow:
    window = make_window(plan.path)
    unlock_window(qtbot, window)
    return window


# --- helpers -------------------------------------------------------------------------------


def activate(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)


def show_tab(qtbot, window: MainWindow, case_id: str, tab: str) -> None:
    open_case(qtbot, window, case_id)
    settle(qtbot, window)
    view = window.case_file
    view.tabs.setCurrentWidget(getattr(view, tab))
    activate(qtbot, window)


def alt_key(control: QWidget) -> Qt.Key:
    """The Alt-key `control` shows on screen (its own text, or its label's), in the
    language the window runs in."""
    text = control.text() if isinstance(control, QAbstractButton) else ""
    if not text:
        window = control.window()
        text = next(lbl.text() for lbl in window.findChildren(QLabel) if lbl.buddy() is control)
    letter = mnemonic_of(text)
    assert letter, text
    return getattr(Qt.Key, f"Key_{letter.upper()}")


def alt(qtbot, where: QWidget, control: QWidget) -> None:
    """Press the Alt-key of `control` on `where`."""
    qtbot.keyClick(where, alt_key(control), ALT)


def press(qtbot, window: MainWindow, button: QAbstractButton) -> RecordForm:
    """The Alt-key of a tab's button on the case file; the form it opens."""
    alt(qtbot, window.case_file, button)
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    return window.forms[0]


def type_scores(qtbot, form: RecordForm, digits: str) -> None:
    """Type ZRM digits where the focus is, starting once the first domain has it.

    A window that was just unlocked may still be taking the focus when the form opens;
    a digit typed before that would land elsewhere.
    """
    first = form.scores[next(iter(LifeDomain))]
    qtbot.waitUntil(first.hasFocus, timeout=WAIT_MS)
    for digit in digits:
        qtbot.keyClicks(QApplication.focusWidget(), digit)


def save(qtbot, window: MainWindow, form: RecordForm) -> None:
    qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    activate(qtbot, window)


def refused(qtbot, window: MainWindow, form: RecordForm, text: str) -> None:
    """Ctrl+Enter shows `text` in the form, which stays open."""
    qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: text in form.message.text(), timeout=WAIT_MS)
    settle(qtbot, window)
    assert form.isVisible()


def journal_size(window: MainWindow) -> int:
    return db_value(window, "SELECT count(*) FROM journal")


def tree_texts(window: MainWindow) -> list[str]:
    tab = window.case_file.goals_tab
    return [item.text(0) for item in tab._items()]


# --- goals and actions ---------------------------------------------------------------------


def test_a_goal_and_its_action_made_by_keyboard(qtbot, window: MainWindow, plan: Plan):
    show_tab(qtbot, window, plan.empty_case, "goals_tab")
    assert tree_texts(window) == []
    assert translate("CaseSections", "No goals yet.") in window.case_file.goals.toPlainText()
    form = press(qtbot, window, window.case_file.goals_tab.new_goal)  # New goal
    assert isinstance(form, GoalForm) and form.domain.hasFocus()
    qtbot.keyClicks(form.domain, "Soc")  # the list's own search picks Sociaal netwerk
    assert form.domain.currentData() == LifeDomain.SOCIAAL_NETWERK.value
    alt(qtbot, form, form.goal)
    assert form.goal.hasFocus()
    qtbot.keyClicks(form.goal, "Ik wil weer mensen om me heen hebben.")
    alt(qtbot, form, form.who)
    qtbot.keyClicks(form.who, "zus en moeder")
    assert form.payload()["made_on"] == plan.today.isoformat()  # made today unless said
    save(qtbot, window, form)

    row = window.session.vault.db.execute(  # type: ignore[union-attr]
        "SELECT id, domain, goal, who, made_on, status FROM goals WHERE case_id = ?",
        [plan.empty_case],
    ).fetchone()
    assert row[1:] == (
        "sociaal_netwerk",
        "Ik wil weer mensen om me heen hebben.",
        "zus en moeder",
        plan.today.isoformat(),
        "open",
    )
    assert tree_texts(window) == ["Sociaal netwerk: Ik wil weer mensen om me heen hebben."]

    # The new goal is the chosen line: "New action" starts with it picked.
    form = press(qtbot, window, window.case_file.goals_tab.new_action)
    assert isinstance(form, ActionForm) and form.description.hasFocus()
    assert form.goal.currentData() == row[0]
    qtbot.keyClicks(form.description, "Steunfiguren uitnodigen voor netwerkberaad")
    alt(qtbot, form, form.due_date)
    qtbot.keyClicks(form.due_date, (plan.today + timedelta(days=14)).strftime("%d-%m-%Y"))
    save(qtbot, window, form)
    assert (
        db_value(window, "SELECT due_date FROM actions WHERE goal_id = ?", row[0])
        == (plan.today + timedelta(days=14)).isoformat()
    )
    assert "Steunfiguren uitnodigen voor netwerkberaad" in tree_texts(window)


def test_achieved_goals_hide_until_asked_and_status_changes_by_keyboard(
    qtbot, window: MainWindow, plan: Plan
):
    show_tab(qtbot, window, plan.case_id, "goals_tab")
    tab = window.case_file.goals_tab
    assert not any("eigen huis" in t for t in tree_texts(window))  # behaald: hidden
    alt(
        qtbot, window.case_file, window.case_file.goals_tab.show_closed
    )  # Show achieved and dropped goals
    qtbot.waitUntil(tab.show_closed.isChecked, timeout=WAIT_MS)
    achieved = next(t for t in tree_texts(window) if "eigen huis" in t)
    assert achieved.startswith("Huisvesting")

    # Enter on the Financiën goal opens it to change; its status is the field in focus.
    assert tab.select(plan.goal_id)
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    form = window.forms[0]
    assert isinstance(form, GoalForm) and form.status.hasFocus()
    qtbot.keyClicks(form.status, "Gest")
    assert form.status.currentData() == "gestopt"
    save(qtbot, window, form)
    assert db_value(window, "SELECT status FROM goals WHERE id = ?", plan.goal_id) == "gestopt"
    # Only the status was written.
    journal = window.session.vault.db.execute(  # type: ignore[union-attr]
        "SELECT field FROM journal WHERE record_id = ? ORDER BY seq", [plan.goal_id]
    ).fetchall()
    assert [f[0] for f in journal] == ["*", "status"]  # the insert, then the status alone

    # The overdue action: Update action marks it behaald.
    assert tab.select(plan.overdue_id)
    form = press(qtbot, window, window.case_file.goals_tab.change_action)
    assert isinstance(form, ActionForm) and form.status.hasFocus()
    qtbot.keyClicks(form.status, "Beh")
    save(qtbot, window, form)
    assert db_value(window, "SELECT status FROM actions WHERE id = ?", plan.overdue_id) == "behaald"

    alt(qtbot, window.case_file, tab.show_closed)  # hide them again
    qtbot.waitUntil(lambda: not tab.show_closed.isChecked(), timeout=WAIT_MS)
    assert tree_texts(window) == []  # Financiën is gestopt now, Huisvesting behaald
    hidden = translate("CaseSections", "No open goals; achieved and dropped goals are hidden.")
    assert hidden in tab.browser.toPlainText()


def test_an_overdue_action_is_marked_in_colour_and_in_words(qtbot, window: MainWindow, plan: Plan):
    show_tab(qtbot, window, plan.case_id, "goals_tab")
    tab = window.case_file.goals_tab
    assert tab.select(plan.overdue_id)
    item = tab.tree.currentItem()
    assert item is not None
    # Said in words, not by colour alone (the words as the window's language has them).
    in_words = translate("GoalsTab", "%1 · overdue %2 d").replace("%1", "Open").replace("%2", "4")
    assert item.text(3) == in_words
    assert item.foreground(3).color() == QColor(OVERDUE_COLOUR)
    running = next(i for i in tab._items() if i.text(0) == "Samen de post doornemen")
    assert running.text(3) == "Bezig"
    assert running.foreground(3).color() != QColor(OVERDUE_COLOUR)
    late = translate("CaseSections", "overdue by %1 day(s)").replace("%1", "4")
    assert late in tab.browser.toPlainText()


def test_bad_goal_and_action_are_refused_in_dutch_and_nothing_is_written(
    qtbot, window: MainWindow, plan: Plan
):
    show_tab(qtbot, window, plan.case_id, "goals_tab")
    before = journal_size(window)
    form = press(qtbot, window, window.case_file.goals_tab.new_goal)
    qtbot.keyClicks(form.domain, "Fin")
    refused(qtbot, window, form, "Vul het doel in de woorden van de cliënt in.")
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # kept as a draft
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    activate(qtbot, window)

    window.case_file.goals_tab.select(plan.goal_id)
    form = press(qtbot, window, window.case_file.goals_tab.new_action)
    qtbot.keyClicks(form.description, "Te vroeg af")
    alt(qtbot, form, form.due_date)
    too_early = plan.today - timedelta(days=31)  # the goal was made 30 days ago
    qtbot.keyClicks(form.due_date, too_early.strftime("%d-%m-%Y"))
    made = (plan.today - timedelta(days=30)).strftime("%d-%m-%Y")
    refused(
        qtbot,
        window,
        form,
        f"Een actie kan niet eerder af moeten zijn dan het doel gemaakt is ({made}).",
    )
    assert db_value(window, "SELECT count(*) FROM actions WHERE description = 'Te vroeg af'") == 0
    assert db_value(window, "SELECT count(*) FROM goals WHERE case_id = ?", plan.case_id) == 2
    # Drafts were kept (the base's rule), but no record: the journal did not grow.
    assert journal_size(window) == before


# --- ZRM -----------------------------------------------------------------------------------


def test_a_zrm_scored_with_thirteen_digits(qtbot, window: MainWindow, plan: Plan):
    show_tab(qtbot, window, plan.case_id, "zrm_tab")
    assert len(window.case_file.zrm_chart.panels) == 13
    form = press(qtbot, window, window.case_file.zrm_tab.new_zrm)  # New ZRM
    assert isinstance(form, ZrmForm)
    assert form.scores[LifeDomain.FINANCIEN].hasFocus()
    # The previous score stands beside each domain.
    assert form.previous[LifeDomain.JUSTITIE].text() == (
        f"3 ({(plan.today - timedelta(days=60)).strftime('%d-%m-%Y')})"
    )
    type_scores(qtbot, form, "4325123405-12")  # 0 and "-" both mean niet gescoord
    assert form.notes.hasFocus()  # the last digit moved on to the notes
    assert form.payload()[field_name(LifeDomain.BASALE_ADL)] == NOT_SCORED
    save(qtbot, window, form)

    stored = db_value(
        window,
        "SELECT scores FROM zrm_assessments WHERE case_id = ? AND assessed_on = ?",
        plan.case_id,
        plan.today.isoformat(),
    )
    scores = json.loads(stored)
    assert len(scores) == 13
    assert scores["financien"] == 4 and scores["werk_opleiding"] == 3
    assert scores["basale_adl"] is None and scores["sociaal_netwerk"] is None
    assert scores["justitie"] == 2
    chart = window.case_file.zrm_chart
    qtbot.waitUntil(lambda: len(chart.panels[0].points) == 3, timeout=WAIT_MS)
    basale = next(p for p in chart.panels if p.domain is LifeDomain.BASALE_ADL)
    assert len(basale.points) == 2  # niet gescoord leaves no point
    table = window.case_file.zrm_table
    assert table.columnCount() == 3
    assert table.item(list(LifeDomain).index(LifeDomain.BASALE_ADL), 2).text() == "niet gescoord"


def test_a_zrm_with_a_row_left_empty_is_refused_and_nothing_is_written(
    qtbot, window: MainWindow, plan: Plan
):
    show_tab(qtbot, window, plan.case_id, "zrm_tab")
    before = journal_size(window)
    form = press(qtbot, window, window.case_file.zrm_tab.new_zrm)
    type_scores(qtbot, form, "33333333333")  # eleven of thirteen
    refused(qtbot, window, form, "Nog leeg: Maatschappelijke participatie, Justitie.")
    assert "niet gescoord" in form.message.text()
    assert form.scores[LifeDomain.MAATSCHAPPELIJKE_PARTICIPATIE].hasFocus()
    assert db_value(window, "SELECT count(*) FROM zrm_assessments") == 2
    assert journal_size(window) == before


def test_a_half_scored_zrm_survives_a_crash(qtbot, make_window, plan: Plan):
    first = make_window(plan.path)
    unlock_window(qtbot, first)
    show_tab(qtbot, first, plan.case_id, "zrm_tab")
    form = press(qtbot, first, first.case_file.zrm_tab.new_zrm)
    type_scores(qtbot, form, "5410")
    crash_once_drafted(qtbot, first, "form = 'zrm_assessment'")

    _second, restored = restart(qtbot, make_window, plan.path)
    assert isinstance(restored, ZrmForm)
    assert restored.context.case.id == plan.case_id
    values = [restored.scores[d].value() for d in list(LifeDomain)[:5]]
    assert values == [5, 4, 1, NOT_SCORED, None]


def test_a_half_typed_goal_change_survives_a_crash(qtbot, make_window, plan: Plan):
    first = make_window(plan.path)
    unlock_window(qtbot, first)
    show_tab(qtbot, first, plan.case_id, "goals_tab")
    first.case_file.goals_tab.select(plan.goal_id)
    form = press(qtbot, first, first.case_file.goals_tab.change_goal)  # Change goal
    alt(qtbot, form, form.who)
    qtbot.keyClick(form.who, Qt.Key.Key_End)  # Alt+W selected the text: type on after it
    qtbot.keyClicks(form.who, " en budgetcoach")
    crash_once_drafted(qtbot, first, "form = 'goal'")

    second, restored = restart(qtbot, make_window, plan.path)
    assert isinstance(restored, GoalForm)
    assert restored.existing is not None and restored.existing.id == plan.goal_id
    assert restored.who.text() == "cliënt en budgetcoach"
    save(qtbot, second, restored)
    who = db_value(second, "SELECT who FROM goals WHERE id = ?", plan.goal_id)
    assert who == "cliënt en budgetcoach"


# --- conflicts -----------------------------------------------------------------------------


def test_a_goal_that_lost_a_merge_is_marked_in_the_tab_and_one_click_takes_it(
    qtbot, window: MainWindow, plan: Plan
):
    case_id = db_value(window, "SELECT case_id FROM goals WHERE id = ?", plan.conflicted_goal)
    show_tab(qtbot, window, case_id, "goals_tab")
    tab = window.case_file.goals_tab
    assert tree_texts(window)[0].startswith("⚠ ")
    text = tab.browser.toPlainText()
    assert THEIR_WORDS in text and f"«{OUR_WORDS}»" in text
    _click_link(qtbot, tab.browser, f"«{OUR_WORDS}»")
    qtbot.waitUntil(lambda: f"«{OUR_WORDS}»" not in tab.browser.toPlainText(), timeout=WAIT_MS)
    settle(qtbot, window)
    assert db_value(window, "SELECT goal FROM goals WHERE id = ?", plan.conflicted_goal) == (
        OUR_WORDS
    )
    assert db_value(window, "SELECT count(*) FROM conflicts WHERE resolved = 0") == 0
    assert not tree_texts(window)[0].startswith("⚠")


# --- the small multiples --------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_thirteen_small_charts_in_view_without_scrolling_sideways(
    qtbot, window: MainWindow, plan: Plan, size: tuple[int, int]
):
    window.resize(*size)
    show_tab(qtbot, window, plan.case_id, "zrm_tab")
    tab = window.case_file.zrm_tab
    chart, area = tab.chart, tab.chart_area
    viewport = area.viewport()
    # The panels wrap to the width the tab has; the layout settles in the event loop.
    qtbot.waitUntil(
        lambda: len(chart.panel_rects()) == 13 and chart.height() <= viewport.height(),
        timeout=WAIT_MS,
    )
    assert window.width() == size[0]
    assert not area.horizontalScrollBar().isVisible()
    assert chart.width() <= viewport.width()
    domains = []
    for domain, rect in chart.panel_rects():
        top_left = chart.mapTo(viewport, rect.topLeft())
        bottom_right = chart.mapTo(viewport, rect.bottomRight())
        # Every panel lies in the visible part of the tab, whole: nothing to scroll to.
        assert viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)
        assert rect.width() >= 150 and rect.height() >= 90
        domains.append(domain)
    assert domains == list(LifeDomain)
    assert chart.mapTo(window, QPoint(chart.width(), 0)).x() <= window.width()
