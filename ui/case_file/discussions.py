"""The case-discussions tab: teamkracht discussions, newest first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.casework import CaseFile
from ui.case_file import html
from ui.case_file.tab import CaseTab, browser
from ui.formatting import day

translate = QCoreApplication.translate


def _t(text: str) -> str:
    return translate("CaseSections", text)


class DiscussionsTab(CaseTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = self.set_content(browser(translate("CaseFileView", "Case discussions")))

    def show_file(self, file: CaseFile) -> None:
        self.browser.setHtml(discussions_html(file))

    def clear(self) -> None:
        self.browser.clear()


def discussions_html(file: CaseFile) -> str:
    if not file.discussions:
        return html.empty(_t("No case discussions yet."))
    parts = []
    for d in reversed(file.discussions):
        parts.append(
            html.heading(f"{day(d.held_on)} · {d.question}")
            + html.rows(
                [
                    (_t("Timeline"), d.timeline),
                    (_t("Strengths"), d.strengths),
                    (_t("Risks"), d.risks),
                    (_t("Tried"), d.tried),
                    (_t("Outcome"), d.outcome),
                    (_t("Next steps"), d.next_steps),
                ]
            )
        )
    return "".join(parts)
