"""The contacts tab: every contact of the case, newest first, planned ones in blue."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.casework import CaseFile
from app.contact import Contact
from app.dashboard import SECRET_ADDRESS_MASK
from app.rules import LOCAL_TZ
from app.vocabulary import ContactStatus
from ui.case_file.tab import CaseTab

translate = QCoreApplication.translate
REPORT_CHARS = 160
COLUMNS = 6


class ContactsTab(CaseTab):
    """Date, time, kind, status ("Niet verschenen" for a no-show), minutes and report; a
    planned contact shows where and with whom instead of a report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.set_content(self.tree)

    def show_file(self, file: CaseFile) -> None:
        self.tree.clear()
        replaced = {c.supersedes for c in file.contacts if c.supersedes}
        case = file.case
        clues = (case.address.street, case.address.postcode) if case.address else ()
        items = []
        for contact in sorted(file.contacts, key=lambda c: c.starts_at, reverse=True):
            local = contact.starts_at.astimezone(LOCAL_TZ)
            status = contact.state_label
            if contact.id in replaced:
                status += " · " + translate("CaseFileView", "corrected")
            planned = contact.status is ContactStatus.GEPLAND
            report = contact.report.replace("\n", " ")
            if planned and not report:
                report = planned_text(contact, case.secret_address, clues)
            item = QTreeWidgetItem(
                [
                    local.strftime("%d-%m-%Y"),
                    local.strftime("%H:%M"),
                    contact.kind.label,
                    status,
                    str(contact.duration_minutes),
                    report[:REPORT_CHARS] + ("…" if len(report) > REPORT_CHARS else ""),
                ]
            )
            item.setToolTip(5, (contact.report or report)[:2000])
            if planned:
                for column in range(COLUMNS):
                    item.setForeground(column, Qt.GlobalColor.darkBlue)
            items.append(item)
        self.tree.addTopLevelItems(items)

    def clear(self) -> None:
        self.tree.clear()


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
