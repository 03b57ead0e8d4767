"""The handover tab: "New handover note…" and the warm handover notes, newest first (notes
are append-only: a later note adds to an earlier one, it never changes it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from app.casework import CaseFile
from app.handover import HandoverNote
from ui.case_file import html
from ui.case_file.tab import BrowserTab
from ui.formatting import day

translate = QCoreApplication.translate


class HandoverTab(BrowserTab):
    """The notes as HTML, with "New handover note…" (Alt+N) in the action bar.

    Signals: new_requested()."""

    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("CaseFileView", "Warm handover"), handovers_html, parent)
        self.new = self.add_action(QPushButton(translate("CaseFileView", "&New handover note…")))
        self.new.setToolTip(
            translate(
                "CaseFileView",
                "Write a warm handover note: to whom, why, what works, the client's consent",
            )
        )
        self.new.clicked.connect(self.new_requested)


def _together(note: HandoverNote) -> str:
    if not note.with_client:
        return html.yes_no(False)
    if note.with_client_on is None:
        return html.yes_no(True)
    return translate("CaseSections", "yes, on %1").replace("%1", day(note.with_client_on))


def _next_step(note: HandoverNote) -> str:
    if note.next_step_on is None:
        return note.next_step
    return f"{note.next_step} ({day(note.next_step_on)})"


def handovers_html(file: CaseFile) -> str:
    """Every note of the case, newest first: who it went to, why, the picture, the next
    step, the client's consent (ja / nee / niet gevraagd) and the warm part."""
    if not file.handover_notes:
        return html.empty(translate("CaseSections", "No handover notes yet."))
    parts = []
    for n in sorted(file.handover_notes, key=lambda n: n.handover_date, reverse=True):
        on_map = " · " + translate("CaseSections", "sociale kaart") if n.social_map_id else ""
        parts.append(
            html.heading(f"{day(n.handover_date)} · {n.to_whom} ({n.to_kind.label}){on_map}")
            + html.rows(
                [
                    (translate("CaseSections", "Written by"), n.written_by),
                    (translate("CaseSections", "Reason"), n.reason),
                    (translate("CaseSections", "Summary"), n.summary),
                    (translate("CaseSections", "What works"), n.what_works),
                    (translate("CaseSections", "Risks and agreements"), n.risks_and_agreements),
                    (translate("CaseSections", "Open actions"), n.open_actions),
                    (translate("CaseSections", "Next step"), _next_step(n)),
                    (translate("CaseSections", "Client's consent"), n.consent.label),
                    (translate("CaseSections", "Together with the client"), _together(n)),
                ]
            )
        )
    return "".join(parts)
