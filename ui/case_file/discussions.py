"""The case-discussions tab: teamkracht discussions, newest first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.casework import CaseFile
from ui.case_file import html
from ui.formatting import day

translate = QCoreApplication.translate


def discussions_html(file: CaseFile) -> str:
    if not file.discussions:
        return html.empty(translate("CaseSections", "No case discussions yet."))
    parts = []
    for d in reversed(file.discussions):
        parts.append(
            html.heading(f"{day(d.held_on)} · {d.question}")
            + html.rows(
                [
                    (translate("CaseSections", "Timeline"), d.timeline),
                    (translate("CaseSections", "Strengths"), d.strengths),
                    (translate("CaseSections", "Risks"), d.risks),
                    (translate("CaseSections", "Tried"), d.tried),
                    (translate("CaseSections", "Outcome"), d.outcome),
                    (translate("CaseSections", "Next steps"), d.next_steps),
                ]
            )
        )
    return "".join(parts)
