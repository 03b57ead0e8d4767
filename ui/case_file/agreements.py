"""The agreements tab: the safety agreements with their breaches and follow-up."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.casework import CaseFile
from ui.case_file import html
from ui.case_file.tab import CaseTab, browser
from ui.formatting import day

translate = QCoreApplication.translate


def _t(text: str) -> str:
    return translate("CaseSections", text)


class AgreementsTab(CaseTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = self.set_content(browser(translate("CaseFileView", "Safety agreements")))

    def show_file(self, file: CaseFile) -> None:
        self.browser.setHtml(agreements_html(file))

    def clear(self) -> None:
        self.browser.clear()


def agreements_html(file: CaseFile) -> str:
    if not file.agreements:
        return html.empty(_t("No safety agreements yet."))
    parts = []
    for a in file.agreements:
        parts.append(
            f"<h3>{escape(a.agreement)}</h3>"
            + html.rows(
                [
                    (_t("Who"), a.who),
                    (_t("Made with"), a.made_with),
                    (_t("Start"), day(a.start_date)),
                    (_t("Review date"), day(a.review_date)),
                    (_t("Status"), a.status.label),
                ]
            )
        )
        for b in (b for b in file.breaches if b.agreement_id == a.id):
            follow_up = (
                "<br>" + escape(_t("Follow-up")) + f": {escape(b.follow_up)}" if b.follow_up else ""
            )
            parts.append(
                "<p style='margin-left:16px; color:#8f1010'><b>"
                + escape(_t("Breach"))
                + f" {day(b.occurred_on)}</b>: {escape(b.description)}"
                + follow_up
                + "</p>"
            )
    return "".join(parts)
