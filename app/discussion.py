"""Teamkracht case discussions: a question for the team and a pseudonymised picture."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import require_text

RECORD_TYPE = "case_discussion"


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
