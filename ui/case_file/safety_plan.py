"""The safety-plan tab: the plan's versions, newest first, each kept as it was."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from app.casework import CaseFile
from app.safety import SafetyPlan
from ui.case_file import html
from ui.case_file.tab import CaseTab, browser
from ui.formatting import day

translate = QCoreApplication.translate


class SafetyPlanTab(CaseTab):
    """A version picker and the chosen version of the plan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: CaseFile | None = None
        self.version = QComboBox()
        self.version.setAccessibleName(translate("CaseFileView", "Safety plan version"))
        self.add_action(self.version)
        self.plan = self.set_content(browser(translate("CaseFileView", "Safety plan")))
        self.version.currentIndexChanged.connect(self._show_version)

    def show_file(self, file: CaseFile) -> None:
        self.file = file
        self.version.blockSignals(True)
        self.version.clear()
        for plan in sorted(file.safety_plans, key=lambda p: p.version, reverse=True):
            self.version.addItem(
                translate("CaseFileView", "Version %1 of %2")
                .replace("%1", str(plan.version))
                .replace("%2", day(plan.made_on)),
                plan.version,
            )
        self.version.blockSignals(False)
        self.version.setVisible(bool(file.safety_plans))
        self._show_version()

    def clear(self) -> None:
        self.file = None
        self.version.clear()
        self.plan.clear()

    def _show_version(self) -> None:
        if self.file is None:
            return
        chosen = self.version.currentData()
        plan = next((p for p in self.file.safety_plans if p.version == chosen), None)
        self.plan.setHtml(safety_plan_html(plan, len(self.file.safety_plans)))


def safety_plan_html(plan: SafetyPlan | None, versions: int) -> str:
    if plan is None:
        return html.empty(translate("CaseSections", "No safety plan yet."))
    rows = [
        (translate("CaseSections", "Version"), f"{plan.version} / {versions}"),
        (translate("CaseSections", "Made on"), f"{day(plan.made_on)} · {plan.made_by}"),
        (translate("CaseSections", "Review date"), day(plan.review_date)),
    ]
    body = [
        (translate("CaseSections", "Warning signals"), plan.warning_signals),
        (translate("CaseSections", "What the client does"), plan.client_actions),
        (translate("CaseSections", "Safe people"), plan.safe_people),
        (translate("CaseSections", "Safe places"), plan.safe_places),
        (translate("CaseSections", "Emergency numbers"), plan.emergency_numbers),
        (translate("CaseSections", "Escape plan"), plan.escape_plan),
        (translate("CaseSections", "Children's safety"), plan.children_safety),
    ]
    parts = [html.rows(list(rows))]
    for title, text in body:
        parts.append(html.heading(title) + f"<p>{html.multiline(text)}</p>")
    if plan.timeout:
        t = plan.timeout
        parts.append(
            html.heading(translate("CaseSections", "Time-out"))
            + html.rows(
                [
                    (translate("CaseSections", "Who leaves"), t.who_leaves),
                    (translate("CaseSections", "Stays at"), t.stays_at),
                    (translate("CaseSections", "From"), day(t.from_date)),
                    (translate("CaseSections", "Until"), day(t.to_date)),
                ]
            )
        )
    return "".join(parts)
