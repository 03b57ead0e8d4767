"""Safety plan (versioned), safety agreements and their breaches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import require, require_text
from app.vocabulary import AgreementStatus

PLAN_RECORD_TYPE = "safety_plan"
AGREEMENT_RECORD_TYPE = "agreement"
BREACH_RECORD_TYPE = "breach"
FOLLOW_UP_RECORD_TYPE = "breach_follow_up"


@dataclass(frozen=True)
class TimeOut:
    """A voluntary time-out: one partner lives elsewhere for a while."""

    who_leaves: str
    stays_at: str
    from_date: date
    to_date: date | None = None

    def __post_init__(self) -> None:
        require(
            self.to_date is None or self.to_date >= self.from_date,
            "timeout",
            "the time-out must end after it starts",
            "De time-out eindigt vóór de begindatum.",
        )


@dataclass(frozen=True)
class SafetyPlan:
    """One version of the plan; every change is stored as a new version."""

    id: str
    case_id: str
    version: int
    made_on: date
    made_by: str
    review_date: date
    warning_signals: str = ""
    client_actions: str = ""
    safe_people: str = ""
    safe_places: str = ""
    emergency_numbers: str = ""
    escape_plan: str = ""
    children_safety: str = ""
    timeout: TimeOut | None = None
    # Set on a version saved by "Geëvalueerd": the day the plan was evaluated unchanged.
    evaluated_on: date | None = None

    def __post_init__(self) -> None:
        require(self.version >= 1, "version", "version starts at 1", "Versie begint bij 1.")
        require(
            self.review_date >= self.made_on,
            "review_date",
            "the review date lies before the plan was made",
            "De evaluatiedatum ligt vóór de datum van het plan.",
        )


@dataclass(frozen=True)
class SafetyAgreement:
    id: str
    case_id: str
    who: str
    agreement: str
    made_with: str
    start_date: date
    review_date: date
    status: AgreementStatus = AgreementStatus.ACTIEF

    def __post_init__(self) -> None:
        require_text(self.agreement, "agreement", "de afspraak")
        require_text(self.who, "who", "wie de afspraak maakt")
        require(
            self.review_date >= self.start_date,
            "review_date",
            "the review date lies before the start",
            "De evaluatiedatum ligt vóór de startdatum.",
        )


@dataclass(frozen=True)
class Breach:
    """A breach of a safety agreement: append-only; it stays open until a BreachFollowUp
    names it."""

    id: str
    case_id: str
    agreement_id: str
    occurred_on: date
    description: str

    def __post_init__(self) -> None:
        require_text(self.description, "description", "wat er gebeurde")


@dataclass(frozen=True)
class BreachFollowUp:
    """What was done about a breach, written later as a record of its own (the breach itself
    is never rewritten). A breach with a follow-up is no longer open."""

    id: str
    case_id: str
    breach_id: str
    written_on: date
    follow_up: str
    written_by: str = ""

    def __post_init__(self) -> None:
        require_text(self.follow_up, "follow_up", "wat er met de schending is gedaan")
