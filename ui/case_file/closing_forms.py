"""Close a case (afsluiting / uitstroom), with or without nazorg, and reopen it after a
relapse (terugval) within the guarantee period (app/closing.py decides both)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from app.closing import Closure, Reopening
from app.vocabulary import CaseStatus, ClosingReason, Destination
from ui.case_file.record_form import CaseRecordForm, notes_field, required_date
from ui.formatting import day


class CloseForm(CaseRecordForm):
    """Date, reason (required), destination, whether nazorg follows, notes."""

    FORM = "close_case"
    WIDTH = 560

    def build(self) -> QWidget:
        context = self.context
        self.in_nazorg = context.case.status is CaseStatus.NAZORG
        # Closing a case in nazorg ends that nazorg: the title says so.
        title = self.tr("End nazorg and close") if self.in_nazorg else self.tr("Close case")
        self.set_title(title, self.tr("Close case"))
        self.closed_on = self.add_date_row(self.tr("&Date"), "closed_on")
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
        self.nazorg.setEnabled(not self.in_nazorg)  # no second nazorg
        self.notes = notes_field()
        self.add_row(self.tr("&Reason"), self.reason, "reason")
        self.add_row(self.tr("Des&tination"), self.destination, "destination")
        self.add_row("", self.nazorg, "nazorg")
        self.add_row(self.tr("Not&es"), self.notes, "notes")
        return self.reason

    def default_payload(self) -> dict[str, Any]:
        return {
            "closed_on": self.today,
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


class ReopenForm(CaseRecordForm):
    """Date and reason of the relapse; the guarantee period's last day is shown."""

    FORM = "reopen_case"

    def build(self) -> QWidget:
        self.set_title(self.tr("Reopen case"))
        self.guarantee = self.add_hint(
            self.tr("Closed on %1; the guarantee period runs until %2.")
            .replace("%1", day(self.context.case.closed_on))
            .replace("%2", day(self.context.reopen_deadline))
        )
        self.reopened_on = self.add_date_row(self.tr("&Date"), "reopened_on")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("What happened (terugval)"))
        self.add_row(self.tr("&Reason"), self.reason, "reason")
        return self.reason

    def default_payload(self) -> dict[str, Any]:
        return {"reopened_on": self.today, "reason": ""}

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
