"""Warm handover notes (warme overdracht): append-only.

A note says to whom the case goes (a colleague, the buurtteam or a ketenpartner, typed or
picked from the sociale kaart), why, how things stand, what works with this client, the
risks and agreements that stay in force, open actions, the next step and its date, the
client's consent (ja / nee / niet gevraagd: asked explicitly, never assumed) and whether and
when it was done together with the client (the "warm" part). `check_handover` holds the
rules that need today; Casework.add_handover_note applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.errors import enum_value, require, require_date, require_text
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
        require(
            self.consent is not None,
            "consent",
            "choose the client's consent: ja, nee or niet gevraagd",
            "Kies of de cliënt toestemming gaf: ja, nee of niet gevraagd.",
        )
        object.__setattr__(self, "consent", enum_value(self.consent, Consent, "consent"))
        object.__setattr__(self, "to_kind", enum_value(self.to_kind, HandoverTarget, "to_kind"))


# Dates before this are typos (0026 for 2026), as elsewhere in the case work.
EARLIEST_DATE = date(2000, 1, 1)
# How far after the handover a next step may be set: a year.
MAX_NEXT_STEP = timedelta(days=366)


def check_handover(note: HandoverNote, today: date) -> None:
    """The rules of a note that need today: the handover happened (not in the future, not
    before 2000), a next step's date lies on or after the handover and within a year of it
    and comes with the step itself, and "together with the client" has its own date (by
    today), which a note without it does not carry. Raises ValidationError."""
    require_date(note.handover_date, "handover_date")
    require_date(note.next_step_on, "next_step_on", optional=True)
    require_date(note.with_client_on, "with_client_on", optional=True)
    require(
        note.handover_date >= EARLIEST_DATE,
        "handover_date",
        f"a date before {EARLIEST_DATE:%d-%m-%Y} is not case work (a typo in the year?)",
        f"Een datum vóór {EARLIEST_DATE:%d-%m-%Y} klopt niet; controleer het jaartal.",
    )
    require(
        note.handover_date <= today,
        "handover_date",
        "a handover cannot lie in the future",
        "Een overdracht kan niet in de toekomst liggen.",
    )
    if note.next_step_on is not None:
        require(
            bool(note.next_step.strip()),
            "next_step",
            "a next step's date needs the step itself",
            "Vul de volgende stap in bij de datum.",
        )
        require(
            note.next_step_on >= note.handover_date,
            "next_step_on",
            "the next step lies before the handover",
            "De volgende stap kan niet vóór de overdracht liggen.",
        )
        require(
            note.next_step_on <= note.handover_date + MAX_NEXT_STEP,
            "next_step_on",
            "the next step lies more than a year after the handover",
            "De volgende stap ligt meer dan een jaar na de overdracht.",
        )
    if note.with_client:
        require(
            note.with_client_on is not None,
            "with_client_on",
            "say when the handover was done together with the client",
            "Vul in wanneer de overdracht samen met de cliënt was.",
        )
        require(
            note.with_client_on is not None and EARLIEST_DATE <= note.with_client_on <= today,
            "with_client_on",
            "the handover with the client cannot lie in the future (or before 2000)",
            "De overdracht samen met de cliënt kan niet in de toekomst liggen.",
        )
    else:
        require(
            note.with_client_on is None,
            "with_client_on",
            "a date with the client belongs to a handover done together with the client",
            "Een datum samen met de cliënt hoort bij een overdracht samen met de cliënt.",
        )
