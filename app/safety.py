"""Safety plan (versioned), safety agreements and their breaches.

The rules that need no vault live here (what changed between two plan versions, an
evaluated version, whether a breach or follow-up may be written); Casework (app/casework.py)
applies them when it writes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from app.errors import require, require_date, require_text
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
        require_date(self.from_date, "timeout")
        require_date(self.to_date, "timeout", optional=True)
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
        require_date(self.made_on, "made_on")
        require_date(self.review_date, "review_date")
        require_date(self.evaluated_on, "evaluated_on", optional=True)
        require(
            self.review_date >= self.made_on,
            "review_date",
            "the review date lies before the plan was made",
            "De evaluatiedatum ligt vóór de datum van het plan.",
        )


@dataclass(frozen=True)
class SafetyAgreement:
    """Who agrees to what, with whom it was made, from when, when it is looked at again and
    how it stands (actief, nagekomen, geschonden, vervallen). A change rewrites it."""

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
        require_date(self.start_date, "start_date")
        require_date(self.review_date, "review_date")
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


@dataclass(frozen=True)
class SafetyRecords:
    """The safety records of one case as the safety forms start from them: the current plan
    version, the agreements, their breaches and the follow-ups (CaseContext.safety)."""

    plan: SafetyPlan | None = None
    agreements: tuple[SafetyAgreement, ...] = ()
    breaches: tuple[Breach, ...] = ()
    follow_ups: tuple[BreachFollowUp, ...] = ()

    @property
    def open_breaches(self) -> list[Breach]:
        """The breaches no follow-up names yet."""
        answered = {f.breach_id for f in self.follow_ups}
        return [b for b in self.breaches if b.id not in answered]


# The plan's parts a worker writes (a version with none of them says nothing).
PLAN_TEXTS = (
    "warning_signals",
    "client_actions",
    "safe_people",
    "safe_places",
    "emergency_numbers",
    "escape_plan",
    "children_safety",
)
# The fields plan_changes compares, in the order the plan reads; id, case_id and version
# say which version it is, not what it holds.
PLAN_FIELDS = ("made_on", "made_by", "review_date", "evaluated_on", *PLAN_TEXTS)
TIMEOUT_FIELDS = tuple(f.name for f in fields(TimeOut))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def plan_changes(old: SafetyPlan, new: SafetyPlan) -> list[tuple[str, str, str]]:
    """What differs from `old` to `new`, field by field, in the plan's order, as
    (field, old text, new text). Fields are SafetyPlan's names; the time-out's parts are
    "timeout.who_leaves", "timeout.stays_at", "timeout.from_date" and "timeout.to_date"
    (a time-out added or dropped shows each part it has). Dates read dd-mm-yyyy and a
    missing value is ''. An empty list: the two versions say the same."""
    changes = []
    for name in PLAN_FIELDS:
        before, after = _text(getattr(old, name)), _text(getattr(new, name))
        if before != after:
            changes.append((name, before, after))
    for name in TIMEOUT_FIELDS:
        before = _text(getattr(old.timeout, name)) if old.timeout else ""
        after = _text(getattr(new.timeout, name)) if new.timeout else ""
        if before != after:
            changes.append((f"timeout.{name}", before, after))
    return changes


def evaluated_version(
    current: SafetyPlan, evaluated_on: date, next_review: date, version_id: str
) -> SafetyPlan:
    """The version "Geëvalueerd" saves: `current` as it is, with its evaluation date, the
    next review date, a new id and the next version number. Raises ValidationError when
    the evaluation lies before the plan was made or the next review before the evaluation."""
    require(
        evaluated_on >= current.made_on,
        "evaluated_on",
        "the evaluation lies before the plan was made",
        "De evaluatie ligt vóór de datum van het plan.",
    )
    require(
        next_review >= evaluated_on,
        "review_date",
        "the next review date lies before the evaluation",
        "De volgende evaluatiedatum ligt vóór de evaluatie.",
    )
    return replace(
        current,
        id=version_id,
        version=current.version + 1,
        evaluated_on=evaluated_on,
        review_date=next_review,
    )


def check_breach(agreement: SafetyAgreement, breach: Breach) -> None:
    """A breach may be written for an agreement that is not vervallen, dated from its start
    on. Raises ValidationError."""
    require(
        agreement.status is not AgreementStatus.VERVALLEN,
        "agreement_id",
        "the agreement has lapsed (vervallen); a breach cannot be recorded on it",
        "Deze afspraak is vervallen: er kan geen schending meer bij worden vastgelegd.",
    )
    require(
        breach.occurred_on >= agreement.start_date,
        "occurred_on",
        "the breach lies before the agreement started",
        f"De schending ligt vóór de startdatum van de afspraak ({agreement.start_date:%d-%m-%Y}).",
    )


def check_follow_up(breach: Breach, follow_up: BreachFollowUp) -> None:
    """A follow-up names a breach of its own case and is written on or after its day.
    Raises ValidationError."""
    require(
        breach.case_id == follow_up.case_id,
        "breach_id",
        "the breach belongs to another case",
        "Deze schending hoort bij een andere casus.",
    )
    require(
        follow_up.written_on >= breach.occurred_on,
        "written_on",
        "the follow-up lies before the breach",
        "De opvolging ligt vóór de datum van de schending.",
    )
