"""The safety-plan tab: the plan's versions, newest first, each kept as it was; editing it
(a new version, pre-filled from the current one), "Geëvalueerd" (a new version identical
but for the evaluation and next review date) and, on request, what changed against the
previous version, field by field."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from app.casework import CaseFile
from app.safety import SafetyPlan, plan_changes
from ui.case_file import html
from ui.case_file.tab import CaseTab, browser
from ui.formatting import day

translate = QCoreApplication.translate


class SafetyPlanTab(CaseTab):
    """A version picker, the plan's actions and the chosen version of the plan.

    Signals: edit_requested() (a new version, or the first plan); evaluate_requested()."""

    edit_requested = Signal()
    evaluate_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: CaseFile | None = None
        self.version = QComboBox()
        self.version.setAccessibleName(translate("CaseFileView", "Safety plan version"))
        self.version_label = QLabel(translate("SafetyPlanTab", "Ve&rsion"))
        self.version_label.setBuddy(self.version)
        self.edit = QPushButton(translate("SafetyPlanTab", "&New plan…"))
        self.evaluate = QPushButton(translate("SafetyPlanTab", "Eval&uated…"))
        self.evaluate.setToolTip(
            translate(
                "SafetyPlanTab",
                "The plan was evaluated and stays as it is: save a new version with the "
                "evaluation date and the next review date",
            )
        )
        self.show_changes = QPushButton(translate("SafetyPlanTab", "Show chan&ges"))
        self.show_changes.setCheckable(True)
        self.show_changes.setToolTip(
            translate(
                "SafetyPlanTab", "Show what changed against the previous version, field by field"
            )
        )
        for widget in (
            self.version_label,
            self.version,
            self.edit,
            self.evaluate,
            self.show_changes,
        ):
            self.add_action(widget)
        self.plan = self.set_content(browser(translate("CaseFileView", "Safety plan")))
        self.version.currentIndexChanged.connect(self._show_version)
        self.show_changes.toggled.connect(self._show_version)
        self.edit.clicked.connect(self.edit_requested)
        self.evaluate.clicked.connect(self.evaluate_requested)

    def show_file(self, file: CaseFile) -> None:
        """List the versions of `file`'s plan (newest first) and show the chosen one."""
        same_case = self.file is not None and self.file.case.id == file.case.id
        # A reload keeps an older version chosen; the newest one chosen moves on to the new
        # newest (after a save the version just written shows).
        older = same_case and self.version.currentIndex() > 0
        chosen = self.version.currentData() if older else None
        self.file = file
        plans = sorted(file.safety_plans, key=lambda p: p.version, reverse=True)
        self.version.blockSignals(True)
        self.version.clear()
        for plan in plans:
            self.version.addItem(_version_text(plan), plan.version)
        if chosen is not None and self.version.findData(chosen) >= 0:
            self.version.setCurrentIndex(self.version.findData(chosen))
        self.version.blockSignals(False)
        has_plan = bool(plans)
        self.version.setVisible(has_plan)
        self.version_label.setVisible(has_plan)
        self.evaluate.setEnabled(has_plan)
        self.show_changes.setVisible(len(plans) > 1)
        self.edit.setText(
            translate("SafetyPlanTab", "Edit pla&n…")
            if has_plan
            else translate("SafetyPlanTab", "&New plan…")
        )
        self.edit.setToolTip(
            translate("SafetyPlanTab", "Change the plan: saving keeps this version and adds a new")
            if has_plan
            else translate("SafetyPlanTab", "Write the case's first safety plan")
        )
        self._show_version()

    def clear(self) -> None:
        self.file = None
        self.version.clear()
        self.plan.clear()
        self.show_changes.setChecked(False)

    def _show_version(self) -> None:
        if self.file is None:
            return
        chosen = self.version.currentData()
        plans = self.file.safety_plans
        plan = next((p for p in plans if p.version == chosen), None)
        text = safety_plan_html(plan, len(plans))
        if plan is not None and self.show_changes.isChecked():
            earlier = [p for p in plans if p.version < plan.version]
            previous = max(earlier, key=lambda p: p.version, default=None)
            text = changes_html(previous, plan) + text
        self.plan.setHtml(text)


def _version_text(plan: SafetyPlan) -> str:
    text = (
        translate("CaseFileView", "Version %1 of %2")
        .replace("%1", str(plan.version))
        .replace("%2", day(plan.made_on))
    )
    if plan.evaluated_on is not None:
        text += " · " + translate("SafetyPlanTab", "evaluated %1").replace(
            "%1", day(plan.evaluated_on)
        )
    return text


def field_label(field: str) -> str:
    """A plan field (as plan_changes names it) in the case file's words."""
    labels = {
        "made_on": translate("CaseSections", "Made on"),
        "made_by": translate("CaseSections", "Made by"),
        "review_date": translate("CaseSections", "Review date"),
        "evaluated_on": translate("CaseSections", "Evaluated on"),
        "warning_signals": translate("CaseSections", "Warning signals"),
        "client_actions": translate("CaseSections", "What the client does"),
        "safe_people": translate("CaseSections", "Safe people"),
        "safe_places": translate("CaseSections", "Safe places"),
        "emergency_numbers": translate("CaseSections", "Emergency numbers"),
        "escape_plan": translate("CaseSections", "Escape plan"),
        "children_safety": translate("CaseSections", "Children's safety"),
        "timeout": translate("CaseSections", "Time-out"),
        "timeout.who_leaves": translate("CaseSections", "Time-out: who leaves"),
        "timeout.stays_at": translate("CaseSections", "Time-out: stays at"),
        "timeout.from_date": translate("CaseSections", "Time-out: from"),
        "timeout.to_date": translate("CaseSections", "Time-out: until"),
    }
    return labels.get(field, field)


def changes_html(previous: SafetyPlan | None, plan: SafetyPlan) -> str:
    """What changed from `previous` to `plan`, one row a field (before, now)."""
    if previous is None:
        return html.heading(translate("CaseSections", "Changes")) + html.empty(
            translate(
                "CaseSections", "This is the first version: there is nothing to compare it with."
            )
        )
    title = (
        translate("CaseSections", "Changes against version %1 (%2)")
        .replace("%1", str(previous.version))
        .replace("%2", day(previous.made_on))
    )
    changes = plan_changes(previous, plan)
    if not changes:
        return html.heading(title) + html.empty(translate("CaseSections", "Nothing changed."))
    cells = [
        "<tr><th align='left'>{}</th><th align='left'>{}</th><th align='left'>{}</th></tr>".format(
            escape(translate("CaseSections", "Field")),
            escape(translate("CaseSections", "Before")),
            escape(translate("CaseSections", "Now")),
        )
    ]
    for field, before, now in changes:
        cells.append(
            f"<tr><th align='left' valign='top' style='padding-right:14px'>"
            f"{escape(field_label(field))}</th>"
            f"<td valign='top' style='color:#6b6b6b; padding-right:14px'>"
            f"{f'<s>{html.multiline(before)}</s>' if before else '–'}</td>"
            f"<td valign='top'><b>{html.multiline(now)}</b></td></tr>"
        )
    return (
        html.heading(title)
        + f"<table cellspacing='4' style='background:#fff8e6'>{''.join(cells)}</table><hr>"
    )


def safety_plan_html(plan: SafetyPlan | None, versions: int) -> str:
    """One version of the plan as HTML (`versions`: how many the case has)."""
    if plan is None:
        return html.empty(translate("CaseSections", "No safety plan yet."))
    rows: list[html.Row] = [
        (translate("CaseSections", "Version"), f"{plan.version} / {versions}"),
        (translate("CaseSections", "Made on"), f"{day(plan.made_on)} · {plan.made_by}"),
        (translate("CaseSections", "Review date"), day(plan.review_date)),
    ]
    if plan.evaluated_on is not None:
        rows.append((translate("CaseSections", "Evaluated on"), day(plan.evaluated_on)))
    body = [
        (translate("CaseSections", "Warning signals"), plan.warning_signals),
        (translate("CaseSections", "What the client does"), plan.client_actions),
        (translate("CaseSections", "Safe people"), plan.safe_people),
        (translate("CaseSections", "Safe places"), plan.safe_places),
        (translate("CaseSections", "Emergency numbers"), plan.emergency_numbers),
        (translate("CaseSections", "Escape plan"), plan.escape_plan),
        (translate("CaseSections", "Children's safety"), plan.children_safety),
    ]
    parts = [html.rows(rows)]
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
