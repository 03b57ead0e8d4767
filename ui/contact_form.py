"""Record a contact with the keyboard alone: defaults filled in, every edit kept as a draft
in the vault, the last edits undoable, Ctrl+Enter saves (the machinery is ui/forms/base.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.contact import Contact, require_content
from app.session import ContactDefaults
from app.vocabulary import ContactKind, ContactStatus, LifeDomain
from ui.forms.base import RecordForm
from ui.forms.date_fields import DateTimeField


def domain_list() -> QListWidget:
    """The thirteen ZRM life domains as a checkable list."""
    domains = QListWidget()
    domains.setMaximumHeight(110)
    for domain in LifeDomain:
        item = QListWidgetItem(domain.label)
        item.setData(Qt.ItemDataRole.UserRole, domain.value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        domains.addItem(item)
    return domains


class ContactForm(RecordForm):
    """A done contact (or a no-show) for one case. Saving a contact on a day with a
    planned visit completes that visit (app/casework.record_contact)."""

    FORM = "contact"

    def __init__(
        self,
        defaults: ContactDefaults,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft_id, defaults.case_id, parent)
        self.defaults = defaults
        self.setWindowTitle(self.tr("Record contact – %1").replace("%1", defaults.display_name))
        self.setAccessibleName(self.tr("Record contact"))
        self.setMinimumWidth(680)

        self.when = DateTimeField()
        self.kind = QComboBox()
        for kind in ContactKind:
            self.kind.addItem(kind.label, kind.value)
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.location = QLineEdit()
        self.present = QLineEdit()
        self.present.setPlaceholderText(self.tr("Names, separated by commas"))
        self.domains = domain_list()
        self.report = QPlainTextEdit()
        self.report.setTabChangesFocus(True)
        self.report.setPlaceholderText(self.tr("What happened, in a few sentences"))
        self.safety_check = QCheckBox(self.tr("Safety check &done"))
        self.safety_changes = QLineEdit()
        self.agreements = QLineEdit()
        self.brief = QCheckBox(self.tr("&Brief contact only (nothing to report)"))

        self.add_row(self.tr("&When"), self.when, "starts_at")
        self.add_row(self.tr("&Kind"), self.kind, "kind")
        self.add_row(self.tr("D&uration"), self.duration, "duration_minutes")
        self.add_row(self.tr("&Location"), self.location, "location")
        self.add_row(self.tr("&Present"), self.present, "present")
        self.add_row(self.tr("Life do&mains"), self.domains, "domains")
        self.add_row(self.tr("&Report"), self.report, "report")
        self.add_row("", self.safety_check, "safety_check_done")
        self.add_row(self.tr("What &changed in safety"), self.safety_changes, "safety_changes")
        self.add_row(self.tr("A&greements made"), self.agreements, "agreements_made")
        self.add_row("", self.brief, "brief")
        self.start(payload, focus=self.report)

    def default_payload(self) -> dict[str, Any]:
        d = self.defaults
        return {
            "starts_at": d.starts_at.isoformat(),
            "kind": d.kind.value,
            "duration_minutes": d.duration_minutes,
            "location": d.location,
            "present": "",
            "domains": [],
            "report": "",
            "safety_check_done": False,
            "safety_changes": "",
            "agreements_made": "",
            "brief": False,
        }

    def contact(self) -> Contact:
        """The contact as typed. Raises ValidationError."""
        p = self.payload()
        kind = ContactKind(p["kind"])
        return Contact(
            id=self.draft_id,
            case_id=self.defaults.case_id,
            starts_at=datetime.fromisoformat(p["starts_at"]),
            kind=kind,
            status=ContactStatus.GEDAAN,
            duration_minutes=p["duration_minutes"],
            location=p["location"].strip(),
            address=self.defaults.address if kind is ContactKind.HUISBEZOEK else "",
            present=tuple(n.strip() for n in p["present"].split(",") if n.strip()),
            domains=tuple(LifeDomain(d) for d in p["domains"]),
            report=p["report"].strip(),
            safety_check_done=p["safety_check_done"],
            safety_changes=p["safety_changes"].strip(),
            agreements_made=p["agreements_made"].strip(),
            brief=bool(p.get("brief")),
        )

    def record(self) -> Contact:
        contact = self.contact()
        require_content(contact)
        return contact

    @staticmethod
    def persist(session: Any, record: Contact) -> str:
        return session.record_contact(record)
