"""The contacts tab: every contact of the case, newest first, planned ones in blue; a planned
one can be cancelled (its button, or Delete on its line) after a confirmation, and a done one
corrected ("Correct contact…": a new version that supersedes it). A corrected contact shows
as its latest version, with the earlier versions under it, each readable as it was written."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.casework import CaseFile
from app.contact import Contact
from app.dashboard import SECRET_ADDRESS_MASK
from app.rules import LOCAL_TZ
from app.vocabulary import ContactStatus
from ui.case_file.tab import CaseTab
from ui.formatting import clock_time, day

translate = QCoreApplication.translate
REPORT_CHARS = 160
COLUMNS = 6
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole


class ContactsTab(CaseTab):
    """Date, time, kind, status ("Niet verschenen" for a no-show), minutes and report; a
    planned contact shows where and with whom instead of a report. "Cancel appointment"
    (or Delete on a planned line) asks first, default No, then emits `cancel_requested`
    with the contact's id; the window cancels it on the vault thread."""

    cancel_requested = Signal(str)  # the id of a planned contact the worker cancels
    correct_requested = Signal(object)  # the done Contact (its latest version) to correct

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._planned: dict[str, Contact] = {}
        self._done: dict[str, Contact] = {}  # the latest version of each done contact
        self.confirmation: QMessageBox | None = None
        self.cancel = self.add_action(
            QPushButton(translate("CaseFileView", "Ca&ncel appointment…"))
        )
        self.cancel.setToolTip(
            translate("CaseFileView", "Cancel the chosen planned visit (Delete)")
        )
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(self.confirm_cancel)
        self.correct = self.add_action(QPushButton(translate("CaseFileView", "Co&rrect contact…")))
        self.correct.setToolTip(
            translate(
                "CaseFileView",
                "Correct the chosen contact: a new version; the earlier text stays in its history",
            )
        )
        self.correct.setEnabled(False)
        self.correct.clicked.connect(self.request_correction)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(translate("CaseFileView", "Contacts"))
        self.tree.setHeaderLabels(
            [
                translate("CaseFileView", "Date"),
                translate("CaseFileView", "Time"),
                translate("CaseFileView", "Kind"),
                translate("CaseFileView", "Status"),
                translate("CaseFileView", "Minutes"),
                translate("CaseFileView", "Report"),
            ]
        )
        self.tree.setRootIsDecorated(True)  # a corrected contact opens on its history
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        # A case without contacts says so (an empty table says nothing).
        self.empty = QLabel(
            translate("CaseFileView", "No contacts yet: record one with “Record contact” (Ctrl+N).")
        )
        self.empty.setObjectName("emptyText")
        self.empty.setVisible(False)
        self.layout_.addWidget(self.empty)
        self.set_content(self.tree)
        self.tree.currentItemChanged.connect(self._update_cancel)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.confirm_cancel)

    def show_file(self, file: CaseFile) -> None:
        self.tree.clear()
        self._planned = {c.id: c for c in file.contacts if c.status is ContactStatus.GEPLAND}
        by_id = {c.id: c for c in file.contacts}
        replaced = {c.supersedes for c in file.contacts if c.supersedes}
        latest = [c for c in file.contacts if c.id not in replaced]
        self._done = {c.id: c for c in latest if c.status is ContactStatus.GEDAAN}
        case = file.case
        clues = (case.address.street, case.address.postcode) if case.address else ()
        items = []
        for contact in sorted(latest, key=lambda c: c.starts_at, reverse=True):
            item = self._item(contact, case.secret_address, clues)
            earlier = contact.supersedes
            if earlier in by_id:
                item.setText(3, item.text(3) + " · " + translate("CaseFileView", "corrected"))
            seen = {contact.id}
            while earlier in by_id and earlier not in seen:  # the versions it replaced
                seen.add(earlier)
                old = by_id[earlier]
                child = self._item(old, case.secret_address, clues)
                child.setText(3, translate("CaseFileView", "earlier version"))
                for column in range(COLUMNS):
                    child.setForeground(column, Qt.GlobalColor.darkGray)
                item.addChild(child)
                earlier = old.supersedes
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.empty.setVisible(not items)
        self._update_cancel()

    def _item(
        self, contact: Contact, secret_address: bool, clues: tuple[str, ...]
    ) -> QTreeWidgetItem:
        """One line: date, time, kind, state, minutes, the start of the report (a planned
        one: where and with whom); the whole report in its tooltip."""
        local = contact.starts_at.astimezone(LOCAL_TZ)
        planned = contact.status is ContactStatus.GEPLAND
        report = contact.report.replace("\n", " ")
        if planned and not report:
            report = planned_text(contact, secret_address, clues)
        item = QTreeWidgetItem(
            [
                day(local),
                clock_time(local),
                contact.kind.label,
                contact.state_label,
                str(contact.duration_minutes),
                report[:REPORT_CHARS] + ("…" if len(report) > REPORT_CHARS else ""),
            ]
        )
        item.setToolTip(5, (contact.report or report)[:2000])
        item.setData(0, CONTACT_ID_ROLE, contact.id)
        if planned:
            for column in range(COLUMNS):
                item.setForeground(column, Qt.GlobalColor.darkBlue)
        return item

    def clear(self) -> None:
        if self.confirmation is not None:  # a lock closes the question with the case
            self.confirmation.done(QMessageBox.StandardButton.No)
        self._planned = {}
        self._done = {}
        self.tree.clear()
        self.empty.setVisible(False)
        self._update_cancel()

    def chosen_planned(self) -> Contact | None:
        """The planned contact on the current line, or None (a done one, or no line)."""
        item = self.tree.currentItem()
        return self._planned.get(item.data(0, CONTACT_ID_ROLE)) if item is not None else None

    def chosen_done(self) -> Contact | None:
        """The done contact (its latest version) on the current line, or None (a planned
        one, an earlier version, or no line)."""
        item = self.tree.currentItem()
        return self._done.get(item.data(0, CONTACT_ID_ROLE)) if item is not None else None

    def _update_cancel(self) -> None:
        self.cancel.setEnabled(self.chosen_planned() is not None)
        self.correct.setEnabled(self.chosen_done() is not None)

    def request_correction(self) -> None:
        """Ask the window to open the correction form on the chosen done contact."""
        contact = self.chosen_done()
        if contact is not None:
            self.correct_requested.emit(contact)

    def confirm_cancel(self) -> None:
        """Ask whether to cancel the chosen planned contact (No is the default)."""
        contact = self.chosen_planned()
        if contact is None or self.confirmation is not None:
            return
        local = contact.starts_at.astimezone(LOCAL_TZ)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("CaseFileView", "Cancel appointment"))
        box.setText(
            translate("CaseFileView", "Cancel the appointment of %1 at %2 (%3)?")
            .replace("%1", day(local))
            .replace("%2", clock_time(local))
            .replace("%3", contact.kind.label)
        )
        box.setInformativeText(
            translate("CaseFileView", "It leaves Vandaag and the week view on every laptop.")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        no = box.button(QMessageBox.StandardButton.No)
        yes.setText(translate("CaseFileView", "&Cancel appointment"))
        no.setText(translate("CaseFileView", "&Keep it"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _code: self._answered(box, contact.id))
        self.confirmation = box
        box.open()

    def _answered(self, box: QMessageBox, contact_id: str) -> None:
        self.confirmation = None
        box.deleteLater()
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.cancel_requested.emit(contact_id)


def planned_text(contact: Contact, secret_address: bool, clues: tuple[str, ...] = ()) -> str:
    """Where a planned contact is and with whom. For a secret address the place is masked
    when it is the address or names it (its text, or the case's street or postcode)."""
    place = contact.location or contact.address
    if secret_address and place:
        text = place.casefold()
        if any(c.strip() and c.casefold().strip() in text for c in (contact.address, *clues)):
            place = SECRET_ADDRESS_MASK
    parts = []
    if place:
        parts.append(translate("CaseFileView", "Where: %1").replace("%1", place))
    if contact.present:
        parts.append(
            translate("CaseFileView", "With: %1").replace("%1", ", ".join(contact.present))
        )
    return " · ".join(parts)
