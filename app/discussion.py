"""Teamkracht case discussions: a question for the team and a de-identified picture.

A discussion is prepared first (the meeting's date, which may lie ahead, the question for
the team, what was tried; a timeline, strengths and risks if the worker wants), and after
the meeting its outcome and the agreed next steps are written into the same record: it is
"voorbereid" until its outcome is written, "besproken" after. Both steps change only their
own fields, so a colleague's edit of another field on another laptop merges.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from app.errors import require, require_date, require_text

if TYPE_CHECKING:
    from app.casework import Casework

RECORD_TYPE = "case_discussion"
PREPARED, DISCUSSED = "voorbereid", "besproken"
# The fields each step writes (the rest of the record stays as it is stored).
PREPARATION_FIELDS = ("held_on", "question", "tried", "timeline", "strengths", "risks")
OUTCOME_FIELDS = ("held_on", "outcome", "next_steps")


@dataclass(frozen=True)
class CaseDiscussion:
    id: str
    case_id: str
    held_on: date
    question: str
    timeline: str = ""
    strengths: str = ""
    risks: str = ""
    tried: str = ""
    outcome: str = ""
    next_steps: str = ""

    def __post_init__(self) -> None:
        require_text(self.question, "question", "de vraag aan het team")

    @property
    def discussed(self) -> bool:
        """Whether the meeting's outcome is written."""
        return bool(self.outcome.strip())

    @property
    def state(self) -> str:
        """ "voorbereid" until the outcome is written, "besproken" after."""
        return DISCUSSED if self.discussed else PREPARED


@dataclass(frozen=True)
class DiscussionOutcome:
    """What a discussion led to: written after the meeting, on the day it was `held_on`.
    Raises ValidationError for an empty outcome or a date that is not a date."""

    discussion_id: str
    case_id: str
    held_on: date
    outcome: str
    next_steps: str = ""

    def __post_init__(self) -> None:
        require_text(self.outcome, "outcome", "de uitkomst van de bespreking")
        require_date(self.held_on, "held_on")


def check_discussion(discussion: CaseDiscussion, today: date) -> None:
    """The rules of a discussion as it is stored: a date (which may lie up to a year ahead
    while it is only prepared), a question, and a discussed one held by today.
    Raises ValidationError."""
    from app.casework import EARLIEST_DATE, MAX_AHEAD

    require_date(discussion.held_on, "held_on")
    require_text(discussion.question, "question", "de vraag aan het team")
    require(
        discussion.held_on >= EARLIEST_DATE,
        "held_on",
        f"a date before {EARLIEST_DATE:%d-%m-%Y} is not case work (a typo in the year?)",
        f"Een datum vóór {EARLIEST_DATE:%d-%m-%Y} klopt niet; controleer het jaartal.",
    )
    require(
        discussion.held_on <= today + MAX_AHEAD,
        "held_on",
        "the discussion lies more than a year ahead",
        "De casusbespreking ligt meer dan een jaar vooruit.",
    )
    require(
        not discussion.discussed or discussion.held_on <= today,
        "held_on",
        "a discussion with an outcome cannot lie in the future",
        "Een besproken casus kan niet in de toekomst liggen; de uitkomst schrijf je na de "
        "bespreking.",
    )


def prepare_discussion(work: Casework, discussion: CaseDiscussion) -> CaseDiscussion:
    """Store a new prepared discussion, or change the preparation of a stored one (its
    date, question, what was tried, timeline, strengths and risks; the outcome stays as
    stored). Returns the discussion as stored. Raises ValidationError."""
    with work.vault.transaction():
        current = work.store.get(RECORD_TYPE, discussion.id)
        if current is None:
            require(
                not discussion.discussed,
                "outcome",
                "a new discussion is prepared first; its outcome follows the meeting",
                "Een nieuwe casusbespreking wordt eerst voorbereid; de uitkomst volgt na de "
                "bespreking.",
            )
            work.add_case_discussion(discussion)
            return discussion
        stored = work.get(CaseDiscussion, discussion.id)
        _require_same_case(stored, discussion.case_id)
        changed = replace(stored, **{f: getattr(discussion, f) for f in PREPARATION_FIELDS})
        work.update_case_discussion(changed)
        return changed


def record_outcome(work: Casework, outcome: DiscussionOutcome) -> CaseDiscussion:
    """Write the outcome and agreed next steps of a held discussion (again, to change
    them); it is "besproken" from then on. Raises ValidationError (the meeting lies ahead,
    the outcome is empty) and RecordNotFound for an unknown discussion."""
    with work.vault.transaction():
        stored = work.get(CaseDiscussion, outcome.discussion_id)
        _require_same_case(stored, outcome.case_id)
        require(
            outcome.held_on <= work.today(),
            "held_on",
            "the discussion has not been held yet",
            "De bespreking is nog niet gehouden: de datum ligt in de toekomst.",
        )
        changed = replace(stored, **{f: getattr(outcome, f) for f in OUTCOME_FIELDS})
        work.update_case_discussion(changed)
        return changed


def sheet_discussion(
    discussions: list[CaseDiscussion], discussion_id: str | None = None
) -> CaseDiscussion | None:
    """The discussion a teamkracht sheet is made from: the one named by `discussion_id`,
    else the latest prepared one (no outcome yet), else the latest one; None when the case
    has none (or the id is not one of them)."""
    if discussion_id:
        return next((d for d in discussions if d.id == discussion_id), None)
    prepared = [d for d in discussions if not d.discussed]
    return max(prepared or discussions, key=lambda d: d.held_on, default=None)


def _require_same_case(stored: CaseDiscussion, case_id: str) -> None:
    require(
        stored.case_id == case_id,
        "case_id",
        "the discussion belongs to another case",
        "Deze casusbespreking hoort bij een andere casus.",
    )
