"""Record a contact with the keyboard alone: defaults filled in, every edit kept as a draft
in the vault, the last edits undoable, Ctrl+Enter saves (the machinery is ui/forms/base.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
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

# The fields a contact and a planned visit share keep this form's words (and their Dutch).
translate = QCoreApplication.translate


class ContactFields(NamedTuple):
    """The fields a done contact and a planned one share (see `add_contact_fields`)."""

    when: DateTimeField
    kind: QComboBox
    duration: QSpinBox
    location: QLineEdit
    present: QLineEdit


def add_contact_fields(
    form: RecordForm, kinds: Iterable[ContactKind], present_label: str
) -> ContactFields:
    """Add the rows every contact form starts with to `form`: when (Alt+W), kind (Alt+K,
    one of `kinds`), duration (Alt+U), location (Alt+L) and who is there (names separated
    by commas, labelled `present_label` with its own Alt-key); bound as starts_at, kind,
    duration_minutes, location and present."""
    when = DateTimeField()
    kind = QComboBox()
    for each in kinds:
        kind.addItem(each.label, each.value)
    duration = QSpinBox()
    duration.setRange(0, 24 * 60)
    duration.setSingleStep(15)
    duration.setSuffix(translate("ContactForm", " min"))
    location = QLineEdit()
    present = QLineEdit()
    present.setPlaceholderText(translate("ContactForm", "Names, separated by commas"))
    form.add_row(translate("ContactForm", "&When"), when, "starts_at")
    form.add_row(translate("ContactForm", "&Kind"), kind, "kind")
    form.add_row(translate("ContactForm", "D&uration"), duration, "duration_minutes")
    form.add_row(translate("ContactForm", "&Location"), location, "location")
    form.add_row(present_label, present, "present")
    return ContactFields(when, kind, duration, location, present)


def contact_start(defaults: ContactDefaults, kind: ContactKind) -> dict[str, Any]:
    """The payload of `add_contact_fields` a new form starts with (nobody named yet)."""
    return {
        "starts_at": defaults.starts_at.isoformat(),
        "kind": kind.value,
        "duration_minutes": defaults.duration_minutes,
        "location": defaults.location,
        "present": "",
    }


def contact_values(payload: dict[str, Any], address: str) -> dict[str, Any]:
    """The Contact fields typed into `add_contact_fields`, by Contact's field names; the
    case's `address` travels with a home visit only."""
    kind = ContactKind(payload["kind"])
    return {
        "starts_at": datetime.fromisoformat(payload["starts_at"]),
        "kind": kind,
        "duration_minutes": int(payload["duration_minutes"]),
        "location": payload["location"].strip(),
        "address": address if kind is ContactKind.HUISBEZOEK else "",
        "present": tuple(n.strip() for n in payload["present"].split(",") if n.strip()),
    }


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

        self.when, self.kind, self.duration, self.location, self.present = add_contact_fields(
            self, ContactKind, self.tr("&Present")
        )
        self.domains = domain_list()
        self.report = QPlainTextEdit()
        self.report.setTabChangesFocus(True)
        self.report.setPlaceholderText(self.tr("What happened, in a few sentences"))
        self.safety_check = QCheckBox(self.tr("Safety check &done"))
        self.safety_changes = QLineEdit()
        self.agreements = QLineEdit()
        self.brief = QCheckBox(self.tr("&Brief contact only (nothing to report)"))

        self.add_row(self.tr("Life do&mains"), self.domains, "domains")
        self.add_row(self.tr("&Report"), self.report, "report")
        self.add_row("", self.safety_check, "safety_check_done")
        self.add_row(self.tr("What &changed in safety"), self.safety_changes, "safety_changes")
        self.add_row(self.tr("A&greements made"), self.agreements, "agreements_made")
        self.add_row("", self.brief, "brief")
        self.start(payload, focus=self.report)

    def default_payload(self) -> dict[str, Any]:
        return {
            **contact_start(self.defaults, self.defaults.kind),
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
        return Contact(
            id=self.draft_id,
            case_id=self.defaults.case_id,
            status=ContactStatus.GEDAAN,
            **contact_values(p, self.defaults.address),
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
