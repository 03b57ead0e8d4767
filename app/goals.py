"""Goals and actions per life domain: together the ondersteuningsplan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import require_text
from app.vocabulary import GoalStatus, LifeDomain

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
        require_text(self.goal, "goal", "het doel")

    @property
    def is_open(self) -> bool:
        return self.status in (GoalStatus.OPEN, GoalStatus.BEZIG)


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
        return self.status in (GoalStatus.OPEN, GoalStatus.BEZIG)
