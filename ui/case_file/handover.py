"""The handover tab: the warm handover notes, newest first."""

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


class HandoverTab(CaseTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = self.set_content(browser(translate("CaseFileView", "Warm handover")))

    def show_file(self, file: CaseFile) -> None:
        self.browser.setHtml(handovers_html(file))

    def clear(self) -> None:
        self.browser.clear()


def handovers_html(file: CaseFile) -> str:
    if not file.handover_notes:
        return html.empty(_t("No handover notes yet."))
    parts = []
    for n in reversed(file.handover_notes):
        parts.append(
            html.heading(f"{day(n.handover_date)} · {n.to_whom} ({n.to_kind.label})")
            + html.rows(
                [
                    (_t("Written by"), n.written_by),
                    (_t("Summary"), n.summary),
                    (_t("What works"), n.what_works),
                    (_t("Risks and agreements"), n.risks_and_agreements),
                    (_t("Open actions"), n.open_actions),
                    (_t("Client consents"), html.yes_no(n.client_consent)),
                    (_t("Together with the client"), html.yes_no(n.with_client)),
                ]
            )
        )
    return "".join(parts)
