"""Goals and actions per life domain: together the ondersteuningsplan.

A goal is written in the client's own words, on the day it was made with the client; its
actions say what, who and by when. A goal or action is open while its status is open or
bezig; behaald (achieved) and gestopt (dropped) ones stay, shown on request. The rules that
need today or the goal of an action are plain functions here (`check_goal`,
`check_action`); Casework calls them on every write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import enum_value, require, require_date, require_text
from app.vocabulary import GoalStatus, LifeDomain

OPEN_STATUSES = (GoalStatus.OPEN, GoalStatus.BEZIG)
CLOSED_STATUSES = (GoalStatus.BEHAALD, GoalStatus.GESTOPT)  # achieved, dropped

GOAL_RECORD_TYPE = "goal"
ACTION_RECORD_TYPE = "action"


@dataclass(frozen=True)
class Goal:
    id: str
    case_id: str
    domain: LifeDomain
    goal: str  # in the client's own words
    who: str = ""
    due_date: date | None = None
    status: GoalStatus = GoalStatus.OPEN
    child: str = ""  # a child's own goal names the child
    # The day the goal was made with the client; None only for goals from before schema v7.
    made_on: date | None = None

    def __post_init__(self) -> None:
        require_text(self.goal, "goal", "het doel in de woorden van de cliënt")

    @property
    def is_open(self) -> bool:
        """Open or bezig: not yet behaald or gestopt."""
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class Action:
    id: str
    case_id: str
    goal_id: str
    description: str
    who: str = ""
    due_date: date | None = None
    status: GoalStatus = GoalStatus.OPEN

    def __post_init__(self) -> None:
        require_text(self.description, "description", "de actie")

    @property
    def is_open(self) -> bool:
        """Open or bezig: not yet behaald or gestopt."""
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        """Still open and its due date has passed (the due day itself is not overdue)."""
        return self.is_open and self.due_date is not None and self.due_date < today

    def overdue_days(self, today: date) -> int:
        """How many days past its due date an open action is; 0 when it is not overdue."""
        return (today - self.due_date).days if self.is_overdue(today) and self.due_date else 0


def check_goal(goal: Goal, today: date, earliest: date) -> None:
    """A goal as written: a life domain and status from the lists, the day it was made
    (None only for goals from before it was asked) from `earliest` up to `today`, and a
    due date, if any, not before that day. Raises ValidationError."""
    enum_value(goal.domain, LifeDomain, "domain")
    enum_value(goal.status, GoalStatus, "status")
    require_date(goal.made_on, "made_on", optional=True)
    require_date(goal.due_date, "due_date", optional=True)
    if goal.made_on is not None:
        require(
            earliest <= goal.made_on <= today,
            "made_on",
            "the day a goal was made lies in the future or before "
            f"{earliest:%d-%m-%Y} (a typo in the year?)",
            "De datum waarop het doel gemaakt is kan niet in de toekomst liggen of vóór "
            f"{earliest:%d-%m-%Y}; controleer het jaartal.",
        )
        if goal.due_date is not None:
            require(
                goal.due_date >= goal.made_on,
                "due_date",
                "a goal cannot be due before it was made",
                "Het doel kan niet eerder af moeten zijn dan het gemaakt is "
                f"({goal.made_on:%d-%m-%Y}).",
            )


def check_action(action: Action, goal: Goal) -> None:
    """An action of `goal` (the same case): its status from the list and a due date, if
    any, not before the goal was made. Raises ValidationError."""
    enum_value(action.status, GoalStatus, "status")
    require_date(action.due_date, "due_date", optional=True)
    require(
        action.goal_id == goal.id and action.case_id == goal.case_id,
        "goal_id",
        "the action belongs to another goal or case",
        "Deze actie hoort bij een ander doel of een andere casus.",
    )
    if goal.made_on is not None and action.due_date is not None:
        require(
            action.due_date >= goal.made_on,
            "due_date",
            "an action cannot be due before its goal was made",
            "Een actie kan niet eerder af moeten zijn dan het doel gemaakt is "
            f"({goal.made_on:%d-%m-%Y}).",
        )
