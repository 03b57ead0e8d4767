"""The ondersteuningsplan's forms: a goal (new or changed, with its status) and an action of
a goal (new or changed, with the goal picked). Each is a CaseRecordForm; app/goals.py and
Casework check everything again when it is saved.

A form opened on a record (CaseContext.record_id) changes it and writes only the fields the
worker changed in this form (measured against the record as the form found it, kept in the
draft too), so a colleague's change to another field that synced meanwhile stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app import codec
from app.errors import ValidationError
from app.goals import Action, Goal
from app.session import CaseContext
from app.vocabulary import GoalStatus, LifeDomain
from ui.case_file.record_form import CHOOSE, CaseRecordForm, notes_field, payload_id, payload_text
from ui.formatting import day, one_line
from ui.forms.base import parse_date

GOAL_FIELDS = ("domain", "goal", "made_on", "who", "due_date", "status")
ACTION_FIELDS = ("goal_id", "description", "who", "due_date", "status")


def _column_values(record: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """`fields` of a record as a form's payload holds them (ISO dates, enum values)."""
    stored = codec.to_fields(record)
    return {name: stored[name] for name in fields}


def _changed(payload: dict[str, Any], base: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    """The fields whose payload value differs from the value the form started from."""
    return [name for name in fields if payload.get(name) != base.get(name)]


def status_combo() -> QComboBox:
    combo = QComboBox()
    for status in GoalStatus:
        combo.addItem(status.label, status.value)
    return combo


@dataclass(frozen=True)
class GoalEntry:
    """A goal as the form saves it: `fields` None adds it; else only those are written."""

    goal: Goal
    fields: tuple[str, ...] | None


@dataclass(frozen=True)
class ActionEntry:
    """An action as the form saves it: `fields` None adds it; else only those are written."""

    action: Action
    fields: tuple[str, ...] | None


class _PlanForm(CaseRecordForm):
    """What the goal and action forms share: the goals and actions of the case (read on the
    vault thread: `load`), and the record the form changes with the values it started from."""

    RECORD_KEY = ""  # the payload key of the record changed ('' in it: a new record)

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        goals: list[Goal] | None = None,
        plan_actions: list[Action] | None = None,
    ) -> None:
        self.goals = list(goals or [])
        self.plan_actions = list(plan_actions or [])  # (QWidget.actions is Qt's own)
        self.base: dict[str, Any] = {}
        self.record_id_ = ""  # the goal or action changed; '' for a new one
        super().__init__(context, draft_id, payload, parent)

    @staticmethod
    def load(session: Any, case_id: str) -> dict[str, Any]:
        """The case's goals and actions (runs on the vault thread)."""
        work = session.casework
        return {
            "goals": work.for_case(Goal, case_id, "domain"),
            "plan_actions": work.for_case(Action, case_id, "due_date"),
        }

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), self.RECORD_KEY: self.record_id_, "base": self.base}

    def _restored(self, payload: dict[str, Any] | None) -> dict[str, Any]:
        return payload if isinstance(payload, dict) else {}

    def _goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)


# --- goals ------------------------------------------------------------------------------------


class GoalForm(_PlanForm):
    """A goal in the client's own words: life domain, the words, the day it was made
    (today by default), who works on it, a due date, its status. Opened on a goal
    (CaseContext.record_id) it changes that one."""

    FORM = "goal"
    WIDTH = 600
    RECORD_KEY = "goal_id"

    def build(self) -> QWidget:
        self.set_title(self.tr("New goal"), self.tr("Goal"))
        self.situation = self.add_hint()
        self.domain = QComboBox()
        self.domain.addItem(self.tr("– choose a life domain –"), CHOOSE)
        for domain in LifeDomain:
            self.domain.addItem(domain.label, domain.value)
        self.goal = notes_field()
        self.goal.setPlaceholderText(self.tr("In the client's own words: “I want …”"))
        self.who = QLineEdit()
        self.who.setPlaceholderText(self.tr("e.g. client, client and sister, worker"))
        self.status = status_combo()
        self.add_row(self.tr("Life &domain"), self.domain, "domain")
        self.add_row(self.tr("&Goal"), self.goal, "goal")
        self.made_on = self.add_date_row(self.tr("&Made on"), "made_on", optional=True)
        self.add_row(self.tr("&Who"), self.who, "who")
        self.due_date = self.add_date_row(self.tr("D&ue date"), "due_date", optional=True)
        self.add_row(self.tr("&Status"), self.status, "status")
        return self.domain

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        restored = self._restored(payload)
        self.record_id_ = (
            payload_id(restored.get("goal_id")) if payload is not None else self.context.record_id
        )
        self.existing = self._goal(self.record_id_)
        if self.existing is not None:
            self.base = _column_values(self.existing, GOAL_FIELDS)
            if isinstance(restored.get("base"), dict):  # as the form found it back then
                self.base = {**self.base, **restored["base"]}
        if self.record_id_ and self.existing is None:
            self.situation.setText(self.tr("This goal is no longer in the case file."))
        elif self.existing is not None:
            self.set_title(self.tr("Change goal"), self.tr("Goal"))
            made = (
                self.tr("made on %1").replace("%1", day(self.existing.made_on))
                if self.existing.made_on
                else self.tr("made before the date was kept")
            )
            self.situation.setText(
                self.tr("Goal %1; status now: %2.")
                .replace("%1", made)
                .replace("%2", self.existing.status.label)
            )
            focus = self.status
        self.form_layout.setRowVisible(self.situation, bool(self.situation.text()))
        super().start(payload, focus)

    def default_payload(self) -> dict[str, Any]:
        if self.existing is not None:
            return dict(self.base)
        return {
            "domain": CHOOSE,
            "goal": "",
            "made_on": self.today,
            "who": "",
            "due_date": None,
            "status": GoalStatus.OPEN.value,
        }

    def record(self) -> GoalEntry:
        p = self.payload()
        if self.record_id_ and self.existing is None:
            raise ValidationError(
                "goal_id",
                "the goal is not in the case file",
                "Dit doel staat niet (meer) in het dossier.",
            )
        if not p["domain"]:
            self.domain.setFocus()
            raise ValidationError("domain", "choose a life domain", "Kies een leefgebied.")
        if not payload_text(p["goal"]):
            self.goal.setFocus()
        made_on = parse_date(p["made_on"])
        if made_on is None and (self.existing is None or self.existing.made_on is not None):
            self.made_on.setFocus()
            raise ValidationError(
                "made_on", "say when the goal was made", "Vul in wanneer het doel gemaakt is."
            )
        goal = Goal(
            id=self.record_id_ or self.draft_id,
            case_id=self.context.case.id,
            domain=LifeDomain(p["domain"]),
            goal=payload_text(p["goal"]),
            who=payload_text(p["who"]),
            due_date=parse_date(p["due_date"]),
            status=GoalStatus(p["status"]),
            child=self.existing.child if self.existing else "",
            made_on=made_on,
        )
        if self.existing is None:
            return GoalEntry(goal, None)
        return GoalEntry(goal, tuple(_changed(p, self.base, GOAL_FIELDS)))

    @staticmethod
    def persist(session: Any, record: GoalEntry) -> Any:
        if record.fields is None:
            return session.casework.add_goal(record.goal)
        return session.casework.update_goal(record.goal, record.fields)


# --- actions ----------------------------------------------------------------------------------


class ActionForm(_PlanForm):
    """An action of a goal: the goal (picked), what, who, due date, status. Opened on an
    action (CaseContext.record_id) it changes that one; opened on a goal, a new action
    starts with that goal picked."""

    FORM = "action"
    WIDTH = 600
    RECORD_KEY = "action_id"

    def build(self) -> QWidget:
        self.set_title(self.tr("New action"), self.tr("Action"))
        self.situation = self.add_hint()
        self.goal = QComboBox()
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("e.g. make an appointment with debt help"))
        self.who = QLineEdit()
        self.who.setPlaceholderText(self.tr("e.g. client, worker, buurtteam"))
        self.status = status_combo()
        self.add_row(self.tr("&Goal"), self.goal)
        self.bind_custom("goal_id", self._goal_id, self._set_goal, self.goal.currentIndexChanged)
        self.add_row(self.tr("&Action"), self.description, "description")
        self.add_row(self.tr("&Who"), self.who, "who")
        self.due_date = self.add_date_row(self.tr("D&ue date"), "due_date", optional=True)
        self.add_row(self.tr("&Status"), self.status, "status")
        return self.description

    def _fill_goals(self, keep: str) -> None:
        """Open goals to pick from (and `keep`, the action's own goal, even when closed)."""
        self.goal.clear()
        self.goal.addItem(self.tr("– choose a goal –"), CHOOSE)
        for goal in sorted(self.goals, key=lambda g: list(LifeDomain).index(g.domain)):
            if goal.is_open or goal.id == keep:
                self.goal.addItem(f"{goal.domain.label}: {one_line(goal.goal, 60)}", goal.id)

    def _goal_id(self) -> str:
        return payload_id(self.goal.currentData())

    def _set_goal(self, goal_id: Any) -> None:
        if goal_id is not None and not isinstance(goal_id, str):  # a damaged draft
            raise TypeError("a goal id is text")
        index = next((i for i in range(self.goal.count()) if self.goal.itemData(i) == goal_id), -1)
        if index < 0 and goal_id:  # a goal gone meanwhile: shown, refused on save
            self.goal.addItem(self.tr("(a goal no longer in the case file)"), goal_id)
            index = self.goal.count() - 1
        self.goal.setCurrentIndex(max(0, index))

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        restored = self._restored(payload)
        opened_on = self.context.record_id
        on_action = next((a for a in self.plan_actions if a.id == opened_on), None)
        if payload is not None:
            self.record_id_ = payload_id(restored.get("action_id"))
        else:
            self.record_id_ = on_action.id if on_action else ""
        self.existing = next((a for a in self.plan_actions if a.id == self.record_id_), None)
        # Opened on a goal ("New action" with a goal chosen): that goal comes picked.
        self.preset_goal = "" if on_action or self._goal(opened_on) is None else opened_on
        self._fill_goals(self.existing.goal_id if self.existing else "")
        if self.existing is not None:
            self.base = _column_values(self.existing, ACTION_FIELDS)
            if isinstance(restored.get("base"), dict):
                self.base = {**self.base, **restored["base"]}
        if self.record_id_ and self.existing is None:
            self.situation.setText(self.tr("This action is no longer in the case file."))
        elif self.existing is not None:
            self.set_title(self.tr("Change action"), self.tr("Action"))
            self.situation.setText(
                self.tr("Status now: %1.").replace("%1", self.existing.status.label)
            )
            focus = self.status
        self.form_layout.setRowVisible(self.situation, bool(self.situation.text()))
        if self.existing is None and not self.preset_goal and focus is self.description:
            focus = self.goal
        super().start(payload, focus)

    def default_payload(self) -> dict[str, Any]:
        if self.existing is not None:
            return dict(self.base)
        return {
            "goal_id": self.preset_goal,
            "description": "",
            "who": "",
            "due_date": None,
            "status": GoalStatus.OPEN.value,
        }

    def record(self) -> ActionEntry:
        p = self.payload()
        if self.record_id_ and self.existing is None:
            raise ValidationError(
                "action_id",
                "the action is not in the case file",
                "Deze actie staat niet (meer) in het dossier.",
            )
        goal = self._goal(p["goal_id"])
        if goal is None:
            self.goal.setFocus()
            raise ValidationError(
                "goal_id", "choose the goal the action serves", "Kies het doel van deze actie."
            )
        if not payload_text(p["description"]):
            self.description.setFocus()
        action = Action(
            id=self.record_id_ or self.draft_id,
            case_id=self.context.case.id,
            goal_id=goal.id,
            description=payload_text(p["description"]),
            who=payload_text(p["who"]),
            due_date=parse_date(p["due_date"]),
            status=GoalStatus(p["status"]),
        )
        if self.existing is None:
            return ActionEntry(action, None)
        return ActionEntry(action, tuple(_changed(p, self.base, ACTION_FIELDS)))

    @staticmethod
    def persist(session: Any, record: ActionEntry) -> Any:
        if record.fields is None:
            return session.casework.add_action(record.action)
        return session.casework.update_action(record.action, record.fields)
