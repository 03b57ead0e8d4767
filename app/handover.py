"""Warm handover notes (warme overdracht): append-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import require_text
from app.vocabulary import HandoverTarget

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
    what_works: str = ""
    risks_and_agreements: str = ""
    open_actions: str = ""
    client_consent: bool = False
    with_client: bool = False  # the "warm" part: done together with the client

    def __post_init__(self) -> None:
        require_text(self.to_whom, "to_whom", "aan wie je overdraagt")
        require_text(self.summary, "summary", "een samenvatting")
