"""Plan a home visit or another contact (the agenda). The location starts as the case's
address, masked for a secret address; the real address travels on the planned home visit so
a colleague can trace the worker (worker safety). A visit in the past is refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from app.contact import Contact
from app.session import CaseContext
from app.vocabulary import ContactKind, ContactStatus
from ui.forms.base import RecordForm
from ui.forms.date_fields import DateTimeField

# A no-show is what a planned visit may turn out to be, not something to plan.
PLANNABLE = tuple(k for k in ContactKind if k is not ContactKind.NIET_VERSCHENEN)


class PlanVisitForm(RecordForm):
    """When, what kind, how long, where and with whom."""

    FORM = "plan_visit"

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft_id, context.case.id, parent)
        self.context = context
        self.setWindowTitle(self.tr("Plan a visit – %1").replace("%1", context.case.display_name))
        self.setAccessibleName(self.tr("Plan a visit"))
        self.setMinimumWidth(560)

        self.when = DateTimeField()
        self.kind = QComboBox()
        for kind in PLANNABLE:
            self.kind.addItem(kind.label, kind.value)
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.location = QLineEdit()
        self.present = QLineEdit()
        self.present.setPlaceholderText(self.tr("Names, separated by commas"))

        self.add_row(self.tr("&When"), self.when, "starts_at")
        self.add_row(self.tr("&Kind"), self.kind, "kind")
        self.add_row(self.tr("D&uration"), self.duration, "duration_minutes")
        self.add_row(self.tr("&Location"), self.location, "location")
        self.add_row(self.tr("With w&hom"), self.present, "present")
        self.start(payload, focus=self.when)

    def default_payload(self) -> dict[str, Any]:
        visit = self.context.visit
        return {
            "starts_at": visit.starts_at.isoformat(),
            "kind": ContactKind.HUISBEZOEK.value,
            "duration_minutes": visit.duration_minutes,
            "location": visit.location,
            "present": "",
        }

    def record(self) -> Contact:
        p = self.payload()
        kind = ContactKind(p["kind"])
        return Contact(
            id=self.draft_id,
            case_id=self.context.case.id,
            starts_at=datetime.fromisoformat(p["starts_at"]),
            kind=kind,
            status=ContactStatus.GEPLAND,
            duration_minutes=int(p["duration_minutes"]),
            location=p["location"].strip(),
            address=self.context.visit.address if kind is ContactKind.HUISBEZOEK else "",
            present=tuple(n.strip() for n in p["present"].split(",") if n.strip()),
        )

    @staticmethod
    def persist(session: Any, record: Contact) -> str:
        return session.plan_contact(record)
