"""Close a case (afsluiting / uitstroom), with or without nazorg, and reopen it after a
relapse (terugval) within the guarantee period (app/closing.py decides both)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.closing import Closure, Reopening
from app.session import CaseContext
from app.vocabulary import CaseStatus, ClosingReason, Destination
from ui.case_file.trajectory_forms import required_date
from ui.formatting import day
from ui.forms.base import RecordForm
from ui.forms.date_fields import DateField


class CloseForm(RecordForm):
    """Date, reason (required), destination, whether nazorg follows, notes."""

    FORM = "close_case"

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft_id, context.case.id, parent)
        self.context = context
        self.setWindowTitle(self.tr("Close case – %1").replace("%1", context.case.display_name))
        self.setAccessibleName(self.tr("Close case"))
        self.setMinimumWidth(560)

        self.closed_on = DateField()
        self.reason = QComboBox()
        self.reason.addItem(self.tr("– choose a reason –"), "")
        for reason in ClosingReason:
            self.reason.addItem(reason.label, reason.value)
        self.destination = QComboBox()
        for destination in Destination:
            self.destination.addItem(destination.label, destination.value)
        offsets = ", ".join(str(d) for d in context.programme.nazorg_checkin_offsets_days)
        self.nazorg = QCheckBox(
            self.tr("&Nazorg follows (check-ins after %1 days)").replace("%1", offsets)
        )
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        self.in_nazorg = context.case.status is CaseStatus.NAZORG
        if self.in_nazorg:  # closing now ends the nazorg: no second nazorg
            self.setWindowTitle(
                self.tr("End nazorg and close – %1").replace("%1", context.case.display_name)
            )
            self.nazorg.setEnabled(False)

        self.add_row(self.tr("&Date"), self.closed_on, "closed_on")
        self.add_row(self.tr("&Reason"), self.reason, "reason")
        self.add_row(self.tr("Des&tination"), self.destination, "destination")
        self.add_row("", self.nazorg, "nazorg")
        self.add_row(self.tr("Not&es"), self.notes, "notes")
        self.start(payload, focus=self.reason)

    def default_payload(self) -> dict[str, Any]:
        return {
            "closed_on": self.context.today.isoformat(),
            "reason": "",
            "destination": Destination.ONBEKEND.value,
            # Aftercare is the gap the reports name: on unless unticked (or ending it now).
            "nazorg": not self.in_nazorg,
            "notes": "",
        }

    def record(self) -> Closure:
        p = self.payload()
        if not p["reason"]:
            self.reason.setFocus()
        return Closure(
            id=self.draft_id,
            case_id=self.context.case.id,
            closed_on=required_date(p["closed_on"], "closed_on"),
            reason=ClosingReason(p["reason"]) if p["reason"] else None,
            destination=Destination(p["destination"]),
            nazorg=bool(p["nazorg"]),
            notes=p["notes"].strip(),
            closed_by=self.context.worker,
        )

    @staticmethod
    def persist(session: Any, record: Closure) -> Any:
        return session.close_case(record)


class ReopenForm(RecordForm):
    """Date and reason of the relapse; the guarantee period's last day is shown."""

    FORM = "reopen_case"

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft_id, context.case.id, parent)
        self.context = context
        self.setWindowTitle(self.tr("Reopen case – %1").replace("%1", context.case.display_name))
        self.setAccessibleName(self.tr("Reopen case"))
        self.setMinimumWidth(520)

        deadline = context.reopen_deadline
        self.guarantee = QLabel(
            self.tr("Closed on %1; the guarantee period runs until %2.")
            .replace("%1", day(context.case.closed_on))
            .replace("%2", day(deadline))
        )
        self.guarantee.setObjectName("hintText")
        self.guarantee.setWordWrap(True)
        self.reopened_on = DateField()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("What happened (terugval)"))
        self.add_row("", self.guarantee)
        self.add_row(self.tr("&Date"), self.reopened_on, "reopened_on")
        self.add_row(self.tr("&Reason"), self.reason, "reason")
        self.start(payload, focus=self.reason)

    def default_payload(self) -> dict[str, Any]:
        return {"reopened_on": self.context.today.isoformat(), "reason": ""}

    def record(self) -> Reopening:
        p = self.payload()
        return Reopening(
            id=self.draft_id,
            case_id=self.context.case.id,
            reopened_on=required_date(p["reopened_on"], "reopened_on"),
            reason=p["reason"].strip(),
            reopened_by=self.context.worker,
        )

    @staticmethod
    def persist(session: Any, record: Reopening) -> Any:
        return session.reopen_case(record)
