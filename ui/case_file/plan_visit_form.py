"""Plan a home visit or another contact (the agenda). The location starts as the case's
address, masked for a secret address; the real address travels on the planned home visit so
a colleague can trace the worker (worker safety). A visit in the past is refused."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.contact import Contact
from app.vocabulary import ContactKind, ContactStatus
from ui.case_file.record_form import CaseRecordForm
from ui.contact_form import add_contact_fields, contact_start, contact_values

# A no-show is what a planned visit may turn out to be, not something to plan.
PLANNABLE = tuple(k for k in ContactKind if k is not ContactKind.NIET_VERSCHENEN)


class PlanVisitForm(CaseRecordForm):
    """When, what kind, how long, where and with whom."""

    FORM = "plan_visit"
    WIDTH = 560

    def build(self) -> QWidget:
        self.set_title(self.tr("Plan a visit"))
        self.when, self.kind, self.duration, self.location, self.present = add_contact_fields(
            self, PLANNABLE, self.tr("With w&hom")
        )
        return self.when

    def default_payload(self) -> dict[str, Any]:
        return contact_start(self.context.visit, ContactKind.HUISBEZOEK)

    def record(self) -> Contact:
        return Contact(
            id=self.draft_id,
            case_id=self.context.case.id,
            status=ContactStatus.GEPLAND,
            **contact_values(self.payload(), self.context.visit.address),
        )

    @staticmethod
    def persist(session: Any, record: Contact) -> str:
        return session.plan_contact(record)
