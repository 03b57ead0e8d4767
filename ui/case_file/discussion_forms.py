"""Teamkracht case discussions: prepare one (the meeting's date, which may lie ahead, the
question for the team, what was tried; a timeline, strengths and risks if wanted), and after
the meeting write its outcome and the agreed next steps into the same record
(app/discussion.py). Both forms also change what they wrote before.

A form about a stored discussion carries its id in the draft ("discussion_id"), so a draft
that a crash left reopens on the same discussion.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.discussion import CaseDiscussion, DiscussionOutcome, prepare_discussion, record_outcome
from app.errors import ValidationError
from app.session import CaseContext
from ui.case_file.record_form import CaseRecordForm, notes_field, required_date
from ui.formatting import day

DISCUSSION_ID = "discussion_id"  # the payload key naming the stored discussion
QUESTION = "question_shown"  # the outcome form's payload key for the question it shows


def text_field(height: int = 90) -> QPlainTextEdit:
    """A few lines of text; Tab moves on to the next field."""
    field = notes_field()
    field.setMaximumHeight(height)
    return field


def _id_from(payload: dict[str, Any] | None, discussion: CaseDiscussion | None) -> str:
    """The discussion a form is about: the one given, else the one its draft names."""
    if discussion is not None:
        return discussion.id
    value = payload.get(DISCUSSION_ID) if isinstance(payload, dict) else None
    return value if isinstance(value, str) else ""


class PrepareDiscussionForm(CaseRecordForm):
    """Date of the meeting, the question for the team, what was tried; timeline, strengths
    and risks optional. With `discussion`, its preparation is changed (its outcome stays)."""

    FORM = "discussion_prepare"
    WIDTH = 600

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        discussion: CaseDiscussion | None = None,
    ) -> None:
        self.discussion = discussion
        self.discussion_id = _id_from(payload, discussion)
        super().__init__(context, draft_id, payload, parent)

    def build(self) -> QWidget:
        if self.discussion_id:
            self.set_title(self.tr("Change preparation"), self.tr("Change the preparation"))
        else:
            self.set_title(self.tr("Prepare case discussion"))
        self.held_on = self.add_date_row(self.tr("Meeting &date"), "held_on")
        self.question = text_field(70)
        self.question.setPlaceholderText(self.tr("What do you ask the team?"))
        self.tried = text_field()
        self.timeline = text_field(70)
        self.strengths = text_field(70)
        self.risks = text_field(70)
        self.add_row(self.tr("&Question for the team"), self.question, "question")
        self.add_row(self.tr("What was &tried"), self.tried, "tried")
        self.add_hint(
            self.tr(
                "Optional. On the sheet for the team, names, places, schools, numbers and "
                "dates are replaced by neutral words; you check the result before it is written."
            )
        )
        self.add_row(self.tr("T&imeline"), self.timeline, "timeline")
        self.add_row(self.tr("&Strengths"), self.strengths, "strengths")
        self.add_row(self.tr("&Risks"), self.risks, "risks")
        return self.question

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), DISCUSSION_ID: self.discussion_id}

    def default_payload(self) -> dict[str, Any]:
        d = self.discussion
        if d is not None:
            return {
                "held_on": d.held_on.isoformat(),
                "question": d.question,
                "tried": d.tried,
                "timeline": d.timeline,
                "strengths": d.strengths,
                "risks": d.risks,
            }
        return {
            "held_on": self.today,
            "question": "",
            "tried": "",
            "timeline": "",
            "strengths": "",
            "risks": "",
        }

    def record(self) -> CaseDiscussion:
        p = self.payload()
        if not p["question"].strip():
            self.question.setFocus()
        return CaseDiscussion(
            id=self.discussion_id or self.draft_id,
            case_id=self.context.case.id,
            held_on=required_date(p["held_on"], "held_on"),
            question=p["question"].strip(),
            tried=p["tried"].strip(),
            timeline=p["timeline"].strip(),
            strengths=p["strengths"].strip(),
            risks=p["risks"].strip(),
        )

    @staticmethod
    def persist(session: Any, record: CaseDiscussion) -> CaseDiscussion:
        return prepare_discussion(session.casework, record)


class DiscussionOutcomeForm(CaseRecordForm):
    """After the meeting: the day it was held, its outcome and the agreed next steps, for the
    discussion it is opened on (`discussion`, or the one its draft names)."""

    FORM = "discussion_outcome"
    WIDTH = 600

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        discussion: CaseDiscussion | None = None,
    ) -> None:
        self.discussion = discussion
        self.discussion_id = _id_from(payload, discussion)
        shown = payload.get(QUESTION) if isinstance(payload, dict) else None
        self.question_text = discussion.question if discussion else shown
        if not isinstance(self.question_text, str):
            self.question_text = ""
        super().__init__(context, draft_id, payload, parent)

    def build(self) -> QWidget:
        self.set_title(self.tr("Outcome of the case discussion"))
        self.asked = self.add_hint(
            self.tr("Question for the team: %1").replace("%1", self.question_text or "–")
        )
        self.asked.setAccessibleName(self.tr("Question for the team"))
        self.held_on = self.add_date_row(self.tr("&Held on"), "held_on")
        self.outcome = text_field(110)
        self.outcome.setPlaceholderText(self.tr("What did the team advise or decide?"))
        self.next_steps = text_field(110)
        self.next_steps.setPlaceholderText(self.tr("Who does what, and when"))
        self.add_row(self.tr("&Outcome"), self.outcome, "outcome")
        self.add_row(self.tr("Agreed &next steps"), self.next_steps, "next_steps")
        return self.outcome

    def payload(self) -> dict[str, Any]:
        return {
            **super().payload(),
            DISCUSSION_ID: self.discussion_id,
            QUESTION: self.question_text,
        }

    def default_payload(self) -> dict[str, Any]:
        d = self.discussion
        if d is None:
            return {"held_on": self.today, "outcome": "", "next_steps": ""}
        # A meeting planned ahead and written up early was held today.
        held_on = d.held_on if d.held_on <= self.context.today else self.context.today
        return {"held_on": held_on.isoformat(), "outcome": d.outcome, "next_steps": d.next_steps}

    def record(self) -> DiscussionOutcome:
        if not self.discussion_id:
            raise ValidationError(
                DISCUSSION_ID,
                "no discussion chosen",
                "Kies eerst de casusbespreking in het tabblad Casusbesprekingen.",
            )
        p = self.payload()
        if not p["outcome"].strip():
            self.outcome.setFocus()
        return DiscussionOutcome(
            discussion_id=self.discussion_id,
            case_id=self.context.case.id,
            held_on=required_date(p["held_on"], "held_on"),
            outcome=p["outcome"].strip(),
            next_steps=p["next_steps"].strip(),
        )

    @staticmethod
    def persist(session: Any, record: DiscussionOutcome) -> CaseDiscussion:
        return record_outcome(session.casework, record)


def discussion_line(discussion: CaseDiscussion) -> str:
    """ "12-12-2026 · voorbereid · the question" for lists and titles."""
    question = " ".join(discussion.question.split())
    return f"{day(discussion.held_on)} · {discussion.state} · {question}"
