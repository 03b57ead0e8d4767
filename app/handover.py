"""Warm handover notes (warme overdracht): append-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import require_text
from app.vocabulary import Consent, HandoverTarget

RECORD_TYPE = "handover_note"


@dataclass(frozen=True)
class HandoverNote:
    id: str
    case_id: str
    to_whom: str
    to_kind: HandoverTarget
    summary: str
    handover_date: date
    written_by: str
    consent: Consent  # the client's answer: ja / nee / niet gevraagd (no default: choose)
    what_works: str = ""
    risks_and_agreements: str = ""
    open_actions: str = ""
    reason: str = ""  # why the case is handed over
    next_step: str = ""
    next_step_on: date | None = None
    with_client: bool = False  # the "warm" part: done together with the client
    with_client_on: date | None = None
    social_map_id: str = ""  # the sociale kaart entry "to whom" was picked from, if any

    def __post_init__(self) -> None:
        require_text(self.to_whom, "to_whom", "aan wie je overdraagt")
        require_text(self.summary, "summary", "een samenvatting")
