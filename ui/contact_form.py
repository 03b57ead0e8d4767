"""Record a contact with the keyboard alone: defaults filled in, every edit kept as a draft
in the vault, the last edits undoable, Ctrl+Enter saves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.contact import Contact
from app.errors import ValidationError
from app.rules import LOCAL_TZ
from app.session import ContactDefaults
from app.vocabulary import ContactKind, ContactStatus, LifeDomain

DRAFT_DELAY_MS = 400  # a draft is written this long after the last keystroke


class ContactForm(QDialog):
    save_requested = Signal(object, str)  # Contact, draft id
    draft_changed = Signal(str, str, dict)  # draft id, case id, payload
    discard_requested = Signal(str)  # draft id

    def __init__(
        self,
        defaults: ContactDefaults,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.defaults = defaults
        self.draft_id = draft_id
        self.setWindowTitle(self.tr("Record contact – %1").replace("%1", defaults.display_name))
        self.setAccessibleName(self.tr("Record contact"))
        self.setMinimumWidth(680)

        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("dd-MM-yyyy HH:mm")
        self.when.setCalendarPopup(True)
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
        self.domains = QListWidget()
        self.domains.setMaximumHeight(110)
        for domain in LifeDomain:
            item = QListWidgetItem(domain.label)
            item.setData(Qt.ItemDataRole.UserRole, domain.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.domains.addItem(item)
        self.report = QPlainTextEdit()
        self.report.setTabChangesFocus(True)
        self.report.setPlaceholderText(self.tr("What happened, in a few sentences"))
        self.safety_check = QCheckBox(self.tr("Safety check &done"))
        self.safety_changes = QLineEdit()
        self.agreements = QLineEdit()
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.draft_state = QLabel()
        self.draft_state.setObjectName("hintText")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (
            (self.tr("&When"), self.when),
            (self.tr("&Kind"), self.kind),
            (self.tr("D&uration"), self.duration),
            (self.tr("&Location"), self.location),
            (self.tr("&Present"), self.present),
            (self.tr("Life do&mains"), self.domains),
            (self.tr("&Report"), self.report),
            ("", self.safety_check),
            (self.tr("What &changed in safety"), self.safety_changes),
            (self.tr("A&greements made"), self.agreements),
        ):
            if label:
                caption = QLabel(label)
                caption.setBuddy(widget)
                widget.setAccessibleName(label.replace("&", ""))
                form.addRow(caption, widget)
            else:
                form.addRow(widget)

        self.undo = QPushButton(self.tr("&Undo"))
        self.undo.setToolTip(self.tr("Undo the last change in this form"))
        self.undo.setEnabled(False)
        buttons = QDialogButtonBox()
        self.save = buttons.addButton(self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setToolTip(self.tr("Save (Ctrl+Enter)"))
        self.discard = buttons.addButton(
            self.tr("&Discard"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.later = buttons.addButton(
            self.tr("Keep as draft"), QDialogButtonBox.ButtonRole.RejectRole
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.draft_state)
        layout.addLayout(bottom)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.activated.connect(self._save)
        self.save.clicked.connect(self._save)
        self.discard.clicked.connect(self._discard)
        self.later.clicked.connect(self.keep_as_draft)
        self.undo.clicked.connect(self.undo_last)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        self._history: list[dict[str, Any]] = []
        self._last_field = ""
        self._applying = False
        self._draft_stored = payload is not None  # a stored draft must follow every change

        self._apply(payload or self._default_payload())
        self._history.append(self.payload())
        if payload:
            self.draft_state.setText(self.tr("Draft restored"))
        self._watch()
        self.report.setFocus()

    # --- payload <-> widgets ---------------------------------------------------------------

    def _default_payload(self) -> dict[str, Any]:
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
        }

    def payload(self) -> dict[str, Any]:
        picked: datetime = self.when.dateTime().toPython()  # type: ignore[assignment]
        when = picked.replace(tzinfo=LOCAL_TZ)
        return {
            "starts_at": when.isoformat(),
            "kind": self.kind.currentData(),
            "duration_minutes": self.duration.value(),
            "location": self.location.text(),
            "present": self.present.text(),
            "domains": [
                self.domains.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.domains.count())
                if self.domains.item(i).checkState() == Qt.CheckState.Checked
            ],
            "report": self.report.toPlainText(),
            "safety_check_done": self.safety_check.isChecked(),
            "safety_changes": self.safety_changes.text(),
            "agreements_made": self.agreements.text(),
        }

    def _apply(self, payload: dict[str, Any]) -> None:
        self._applying = True
        try:
            when = datetime.fromisoformat(payload["starts_at"]).astimezone(LOCAL_TZ)
            self.when.setDateTime(QDateTime(when.replace(tzinfo=None)))
            self.kind.setCurrentIndex(max(0, self.kind.findData(payload["kind"])))
            self.duration.setValue(int(payload["duration_minutes"]))
            self.location.setText(payload["location"])
            self.present.setText(payload["present"])
            chosen = set(payload["domains"])
            for i in range(self.domains.count()):
                item = self.domains.item(i)
                checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if self.report.toPlainText() != payload["report"]:
                self.report.setPlainText(payload["report"])
            self.safety_check.setChecked(bool(payload["safety_check_done"]))
            self.safety_changes.setText(payload["safety_changes"])
            self.agreements.setText(payload["agreements_made"])
        finally:
            self._applying = False

    def _watch(self) -> None:
        self.when.dateTimeChanged.connect(lambda: self._changed("starts_at"))
        self.kind.currentIndexChanged.connect(lambda: self._changed("kind"))
        self.duration.valueChanged.connect(lambda: self._changed("duration_minutes"))
        self.location.textChanged.connect(lambda: self._changed("location"))
        self.present.textChanged.connect(lambda: self._changed("present"))
        self.domains.itemChanged.connect(lambda: self._changed("domains"))
        self.report.textChanged.connect(lambda: self._changed("report"))
        self.safety_check.toggled.connect(lambda: self._changed("safety_check_done"))
        self.safety_changes.textChanged.connect(lambda: self._changed("safety_changes"))
        self.agreements.textChanged.connect(lambda: self._changed("agreements_made"))

    # --- edits, drafts and undo ------------------------------------------------------------

    def _changed(self, field: str) -> None:
        if self._applying:
            return
        snapshot = self.payload()
        # Typing on in the same field is one step to undo; a new field starts a new step.
        if field == self._last_field and len(self._history) > 1:
            self._history[-1] = snapshot
        else:
            self._history.append(snapshot)
        self._last_field = field
        self.undo.setEnabled(len(self._history) > 1)
        self.message.clear()
        self._draft_timer.start()

    def undo_last(self) -> None:
        if len(self._history) < 2:
            return
        self._history.pop()
        self._last_field = ""
        self._apply(self._history[-1])
        self.undo.setEnabled(len(self._history) > 1)
        self._draft_timer.start()

    def flush_draft(self) -> None:
        """Write the draft now (also called before a lock or close)."""
        self._draft_timer.stop()
        if len(self._history) > 1 or self._draft_stored:
            self.draft_changed.emit(self.draft_id, self.defaults.case_id, self.payload())
            self._draft_stored = True
            self.draft_state.setText(self.tr("Draft saved"))

    def keep_as_draft(self) -> None:
        self.flush_draft()
        self.done(QDialog.DialogCode.Rejected)

    def reject(self) -> None:  # Escape or closing the window keeps the draft
        self.keep_as_draft()

    def _discard(self) -> None:
        self._draft_timer.stop()
        self.discard_requested.emit(self.draft_id)
        self.done(QDialog.DialogCode.Rejected)

    # --- saving ----------------------------------------------------------------------------

    def contact(self) -> Contact:
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
        )

    def _save(self) -> None:
        if not self.save.isEnabled():
            return
        try:
            contact = self.contact()
        except ValidationError as exc:
            self.show_error(exc.message_nl)
            return
        self.set_saving(True)
        self.save_requested.emit(contact, self.draft_id)

    def set_saving(self, saving: bool) -> None:
        self.save.setEnabled(not saving)
        if saving:
            self.draft_state.setText(self.tr("Saving…"))

    def show_error(self, text: str) -> None:
        self.set_saving(False)
        self.message.setText(text)
        self.flush_draft()
