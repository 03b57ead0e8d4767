"""The agreements tab: the safety agreements with their breaches and follow-up."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from app.casework import CaseFile
from ui.case_file import html
from ui.formatting import day

translate = QCoreApplication.translate


def agreements_html(file: CaseFile) -> str:
    if not file.agreements:
        return html.empty(translate("CaseSections", "No safety agreements yet."))
    parts = []
    for a in file.agreements:
        parts.append(
            f"<h3>{escape(a.agreement)}</h3>"
            + html.rows(
                [
                    (translate("CaseSections", "Who"), a.who),
                    (translate("CaseSections", "Made with"), a.made_with),
                    (translate("CaseSections", "Start"), day(a.start_date)),
                    (translate("CaseSections", "Review date"), day(a.review_date)),
                    (translate("CaseSections", "Status"), a.status.label),
                ]
            )
        )
        for b in (b for b in file.breaches if b.agreement_id == a.id):
            follow_up = "".join(
                "<br>" + escape(translate("CaseSections", "Follow-up")) + f": {escape(f.follow_up)}"
                for f in file.follow_ups
                if f.breach_id == b.id
            )
            parts.append(
                "<p style='margin-left:16px; color:#8f1010'><b>"
                + escape(translate("CaseSections", "Breach"))
                + f" {day(b.occurred_on)}</b>: {escape(b.description)}"
                + follow_up
                + "</p>"
            )
    return "".join(parts)
