"""The goals tab (Doelen en acties, the ondersteuningsplan): the case's goals per ZRM life
domain in the client's words, each with its actions (what, who, due date, status).

A worker adds and changes goals and actions from the action bar (or Enter on a line);
achieved (behaald) and dropped (gestopt) goals are hidden until "Show achieved and dropped
goals" is ticked; an open action past its due date is marked in red with the word "overdue"
(not by colour alone). A field of a goal or action that lost a same-field merge is marked
with one click to take the other value.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QWidget,
)

from app.casework import CaseFile
from app.goals import Action, Goal
from app.rules import local_today
from app.vocabulary import CaseStatus, LifeDomain
from ui.case_file import html
from ui.case_file.conflict_marks import ConflictMarks, conflict_id_of
from ui.case_file.tab import CaseTab, browser, record_tree
from ui.formatting import day, one_line

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "goal" or "action"
OVERDUE_COLOUR = "#8f1010"
CLOSED_COLOUR = "#6b6b6b"
GOAL_FIELDS = ("domain", "goal", "made_on", "who", "due_date", "status", "child")
ACTION_FIELDS = ("goal_id", "description", "who", "due_date", "status")
COLUMNS = 5  # goal or action, who, due date, status, made on


class GoalsTab(CaseTab):
    """A list of goals (by life domain) with their actions beneath, the actions to add and
    change them, the toggle for achieved and dropped goals, and every shown goal in full
    below with its conflict marks.

    Signals (each carries the case id first): new_goal_requested(case_id);
    change_goal_requested(case_id, goal_id); new_action_requested(case_id, goal_id or '');
    change_action_requested(case_id, action_id); restore_requested(conflict_id)."""

    new_goal_requested = Signal(str)
    change_goal_requested = Signal(str, str)
    new_action_requested = Signal(str, str)
    change_action_requested = Signal(str, str)
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: CaseFile | None = None
        self.today: date | None = None
        self.new_goal = self.add_action(QPushButton(translate("GoalsTab", "New &goal…")))
        self.new_goal.setToolTip(
            translate("GoalsTab", "Add a goal in the client's own words, per life domain")
        )
        self.change_goal = self.add_action(QPushButton(translate("GoalsTab", "Cha&nge goal…")))
        self.change_goal.setToolTip(
            translate("GoalsTab", "Change the chosen goal or its status (behaald, gestopt)")
        )
        self.new_action = self.add_action(QPushButton(translate("GoalsTab", "New act&ion…")))
        self.new_action.setToolTip(
            translate("GoalsTab", "Add an action to the chosen goal: what, who, by when")
        )
        self.change_action = self.add_action(QPushButton(translate("GoalsTab", "&Update action…")))
        self.change_action.setToolTip(
            translate("GoalsTab", "Change the chosen action or its status")
        )
        self.show_closed = self.add_action(
            QCheckBox(translate("GoalsTab", "Show achieved and d&ropped goals"))
        )

        self.list_label = QLabel(translate("GoalsTab", "Goals per life do&main"))
        self.tree = record_tree(
            translate("CaseFileView", "Goals and actions"),
            [
                translate("GoalsTab", "Goal or action"),
                translate("GoalsTab", "Who"),
                translate("GoalsTab", "Due date"),
                translate("GoalsTab", "Status"),
                translate("GoalsTab", "Made on"),
            ],
        )
        self.browser = browser(translate("CaseFileView", "Goals and actions"))
        self.splitter = self.set_list_and_details(self.list_label, self.tree, self.browser, (3, 2))

        self.new_goal.clicked.connect(self._new_goal)
        self.change_goal.clicked.connect(self._change_goal)
        self.new_action.clicked.connect(self._new_action)
        self.change_action.clicked.connect(self._change_action)
        self.show_closed.toggled.connect(self._show_again)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._activated)
        self.browser.anchorClicked.connect(self._link)
        self._update_buttons()

    # --- showing ---------------------------------------------------------------------------

    def show_file(self, file: CaseFile, today: date | None = None) -> None:
        """Show the case's goals; `today` decides which actions are overdue (default: the
        day the file was shown)."""
        current = self.current_ids()
        self.file = file
        self.today = today or self.today or local_today()
        self.tree.clear()
        marks = ConflictMarks(file.conflicts, mask_address=False)
        shown = self.shown_goals()
        items = [self._goal_item(goal, marks) for goal in shown]
        self.tree.addTopLevelItems(items)
        self.tree.expandAll()
        for column in range(1, COLUMNS):  # the actions' (bold, overdue) texts included
            self.tree.resizeColumnToContents(column)
        self._restore_current(current)
        self.browser.setHtml(goals_html(file, self.today, shown, marks))
        self._update_buttons()

    def _show_again(self) -> None:
        if self.file is not None:
            self.show_file(self.file, self.today)

    def clear(self) -> None:
        self.file = None
        self.tree.clear()
        self.browser.clear()
        self._update_buttons()

    def shown_goals(self) -> list[Goal]:
        """The goals listed: open ones, and behaald or gestopt ones when asked; in the
        matrix's order of life domains, the earliest made first."""
        if self.file is None:
            return []
        wanted = [g for g in self.file.goals if g.is_open or self.show_closed.isChecked()]
        order = list(LifeDomain)
        return sorted(wanted, key=lambda g: (order.index(g.domain), g.made_on or date.min))

    def hidden_count(self) -> int:
        """How many goals the toggle hides now."""
        if self.file is None or self.show_closed.isChecked():
            return 0
        return sum(1 for g in self.file.goals if not g.is_open)

    def _goal_item(self, goal: Goal, marks: ConflictMarks) -> QTreeWidgetItem:
        conflicted = bool(marks.mark(goal.id, *GOAL_FIELDS))
        marks_for_actions = False
        item = QTreeWidgetItem(
            [
                f"{goal.domain.label}: {one_line(goal.goal)}",
                goal.who,
                day(goal.due_date) if goal.due_date else "",
                goal.status.label,
                day(goal.made_on) if goal.made_on else "",
            ]
        )
        item.setData(0, ID_ROLE, goal.id)
        item.setData(0, KIND_ROLE, "goal")
        item.setToolTip(0, goal.goal)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        item.setFont(0, bold)
        if not goal.is_open:
            _grey(item)
        assert self.file is not None and self.today is not None
        for action in _actions_of(self.file, goal):
            child = self._action_item(action)
            if marks.mark(action.id, *ACTION_FIELDS):
                child.setText(0, "⚠ " + child.text(0))
                marks_for_actions = True
            item.addChild(child)
        if conflicted or marks_for_actions:
            item.setText(0, "⚠ " + item.text(0))
            item.setToolTip(
                0,
                goal.goal
                + "\n"
                + translate("GoalsTab", "A value from a sync merge to choose below"),
            )
        return item

    def _action_item(self, action: Action) -> QTreeWidgetItem:
        assert self.today is not None
        overdue = action.overdue_days(self.today)
        status = action.status.label
        if overdue:
            status = (
                translate("GoalsTab", "%1 · overdue %2 d")
                .replace("%1", status)
                .replace("%2", str(overdue))
            )
        child = QTreeWidgetItem(
            [
                one_line(action.description),
                action.who,
                day(action.due_date) if action.due_date else "",
                status,
                "",
            ]
        )
        child.setData(0, ID_ROLE, action.id)
        child.setData(0, KIND_ROLE, "action")
        child.setToolTip(0, action.description)
        if overdue:
            font = QFont(self.tree.font())
            font.setBold(True)
            for column in (2, 3):
                child.setFont(column, font)
                child.setForeground(column, QBrush(QColor(OVERDUE_COLOUR)))
            child.setToolTip(
                3, translate("GoalsTab", "Overdue since %1").replace("%1", day(action.due_date))
            )
        elif not action.is_open:
            _grey(child)
        return child

    # --- the chosen line -------------------------------------------------------------------

    def current_ids(self) -> tuple[str, str]:
        """(goal id, action id) of the chosen line; '' where none."""
        item = self.tree.currentItem()
        if item is None:
            return "", ""
        if item.data(0, KIND_ROLE) == "action":
            parent = item.parent()
            return (parent.data(0, ID_ROLE) if parent else ""), item.data(0, ID_ROLE)
        return item.data(0, ID_ROLE), ""

    def select(self, record_id: str) -> bool:
        """Make the line of a goal or action current; False when it is not listed."""
        for item in self._items():
            if item.data(0, ID_ROLE) == record_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _items(self) -> list[QTreeWidgetItem]:
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            found.append(top)
            found += [c for j in range(top.childCount()) if (c := top.child(j)) is not None]
        return found

    def _restore_current(self, ids: tuple[str, str]) -> None:
        first = self.tree.topLevelItem(0)
        if not self.select(ids[1] or ids[0]) and first is not None:
            self.tree.setCurrentItem(first)

    def _update_buttons(self) -> None:
        file = self.file
        writable = file is not None and file.case.status is not CaseStatus.AFGESLOTEN
        goal_id, action_id = self.current_ids()
        self.new_goal.setEnabled(writable)
        self.change_goal.setEnabled(writable and bool(goal_id))
        self.new_action.setEnabled(
            writable and file is not None and any(g.is_open for g in file.goals)
        )
        self.change_action.setEnabled(writable and bool(action_id))
        self.show_closed.setEnabled(file is not None)
        hidden = self.hidden_count()
        # How many there are, in the label: a goal gone from the list is not a mystery.
        closed = sum(1 for g in file.goals if not g.is_open) if file is not None else 0
        label = translate("GoalsTab", "Show achieved and d&ropped goals")
        self.show_closed.setText(f"{label} ({closed})" if closed else label)
        self.show_closed.setToolTip(
            translate("GoalsTab", "%1 achieved or dropped goal(s) hidden").replace(
                "%1", str(hidden)
            )
            if hidden
            else ""
        )

    def _current_changed(self, *_args: object) -> None:
        self._update_buttons()
        goal_id, _action = self.current_ids()
        if goal_id:
            self.browser.scrollToAnchor(f"goal-{goal_id}")

    # --- requests --------------------------------------------------------------------------

    def _case_id(self) -> str:
        return self.file.case.id if self.file else ""

    def _new_goal(self) -> None:
        if self.file is not None:
            self.new_goal_requested.emit(self._case_id())

    def _change_goal(self) -> None:
        goal_id, _action = self.current_ids()
        if goal_id:
            self.change_goal_requested.emit(self._case_id(), goal_id)

    def _new_action(self) -> None:
        if self.file is None:
            return
        goal_id, _action = self.current_ids()
        goal = next((g for g in self.file.goals if g.id == goal_id), None)
        self.new_action_requested.emit(self._case_id(), goal_id if goal and goal.is_open else "")

    def _change_action(self) -> None:
        _goal, action_id = self.current_ids()
        if action_id:
            self.change_action_requested.emit(self._case_id(), action_id)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, KIND_ROLE) == "action":
            self.change_action_requested.emit(self._case_id(), item.data(0, ID_ROLE))
        else:
            self.change_goal_requested.emit(self._case_id(), item.data(0, ID_ROLE))

    def _link(self, url: QUrl) -> None:
        conflict_id = conflict_id_of(url.toString())
        if conflict_id:
            self.restore_requested.emit(conflict_id)


def _actions_of(file: CaseFile, goal: Goal) -> list[Action]:
    """The goal's actions, the first due first (those without a due date last)."""
    own = [a for a in file.actions if a.goal_id == goal.id]
    return sorted(own, key=lambda a: (a.due_date is None, a.due_date or date.min))


def _grey(item: QTreeWidgetItem) -> None:
    for column in range(COLUMNS):
        item.setForeground(column, QBrush(QColor(CLOSED_COLOUR)))


def goals_html(
    file: CaseFile,
    today: date,
    goals: list[Goal] | None = None,
    marks: ConflictMarks | None = None,
) -> str:
    """The goals (all of the file's, or `goals`) per life domain with every field, their
    actions, overdue ones said in words, and the conflict marks of their fields."""
    goals = file.goals if goals is None else goals
    if not goals:
        hidden = bool(file.goals)
        return html.empty(
            translate("CaseSections", "No open goals; achieved and dropped goals are hidden.")
            if hidden
            else translate("CaseSections", "No goals yet.")
        )
    marks = marks or ConflictMarks(file.conflicts, mask_address=False)
    parts = []
    for domain in LifeDomain:
        of_domain = [g for g in goals if g.domain is domain]
        if not of_domain:
            continue
        parts.append(html.heading(domain.label))
        for g in of_domain:
            child = f" ({escape(g.child)})" if g.child else ""
            parts.append(
                f"<a name='goal-{escape(g.id)}'></a><p><b>{html.multiline(g.goal)}</b>{child}"
                + marks.mark(g.id, "goal")
                + "</p>"
                + html.rows(
                    [
                        (
                            translate("CaseSections", "Life domain"),
                            g.domain.label,
                            marks.mark(g.id, "domain"),
                        ),
                        (
                            translate("CaseSections", "Made on"),
                            day(g.made_on) if g.made_on else "",
                            marks.mark(g.id, "made_on"),
                        ),
                        (translate("CaseSections", "Who"), g.who, marks.mark(g.id, "who")),
                        (
                            translate("CaseSections", "Due date"),
                            day(g.due_date) if g.due_date else "",
                            marks.mark(g.id, "due_date"),
                        ),
                        (
                            translate("CaseSections", "Status"),
                            g.status.label,
                            marks.mark(g.id, "status"),
                        ),
                    ]
                )
            )
            actions = _actions_of(file, g)
            if actions:
                parts.append(
                    "<ul>" + "".join(_action_html(a, today, marks) for a in actions) + "</ul>"
                )
    return "".join(parts)


def _action_html(action: Action, today: date, marks: ConflictMarks) -> str:
    who = f" – {escape(action.who)}" if action.who else ""
    # Outside the f-string: pyside6-lupdate does not read calls inside one.
    due_word = translate("CaseSections", "due")
    due = f" · {escape(due_word)} {day(action.due_date)}" if action.due_date else ""
    overdue = action.overdue_days(today)
    late = (
        f" <b style='color:{OVERDUE_COLOUR}'>"
        + escape(translate("CaseSections", "overdue by %1 day(s)").replace("%1", str(overdue)))
        + "</b>"
        if overdue
        else ""
    )
    return (
        f"<li>{html.multiline(action.description)}{who} · {escape(action.status.label)}{due}"
        f"{late}{marks.mark(action.id, *ACTION_FIELDS, name_field=True)}</li>"
    )
