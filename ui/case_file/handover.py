"""The handover tab: the warm handover notes, newest first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.casework import CaseFile
from ui.case_file import html
from ui.formatting import day

translate = QCoreApplication.translate


def handovers_html(file: CaseFile) -> str:
    if not file.handover_notes:
        return html.empty(translate("CaseSections", "No handover notes yet."))
    parts = []
    for n in reversed(file.handover_notes):
        parts.append(
            html.heading(f"{day(n.handover_date)} · {n.to_whom} ({n.to_kind.label})")
            + html.rows(
                [
                    (translate("CaseSections", "Written by"), n.written_by),
                    (translate("CaseSections", "Summary"), n.summary),
                    (translate("CaseSections", "What works"), n.what_works),
                    (translate("CaseSections", "Risks and agreements"), n.risks_and_agreements),
                    (translate("CaseSections", "Open actions"), n.open_actions),
                    (translate("CaseSections", "Client consents"), n.consent.label),
                    (
                        translate("CaseSections", "Together with the client"),
                        html.yes_no(n.with_client),
                    ),
                ]
            )
        )
    return "".join(parts)
