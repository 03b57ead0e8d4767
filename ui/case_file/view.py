"""The case file: a header with the essentials and one tab per section."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.caseload import CaseloadRow
from app.casework import CaseFile
from app.dashboard import SECRET_ADDRESS_MASK
from app.rules import LOCAL_TZ
from app.vocabulary import ContactStatus, LifeDomain
from app.zrm import zrm_trend
from ui import case_sections
from ui.formatting import day, due_text, risk_colours, risk_text
from ui.zrm_chart import ZrmChart


def _browser(name: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setAccessibleName(name)
    browser.setOpenLinks(False)
    return browser


class CaseFileView(QWidget):
    back_requested = Signal()
    record_contact_requested = Signal(str)
    reveal_address_requested = Signal(str)
    export_handover_requested = Signal(str)
    export_teamkracht_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: CaseFile | None = None
        self._address_text = ""

        self.back = QPushButton(self.tr("← Back"))
        self.back.setAccessibleName(self.tr("Back to the previous screen"))
        self.name = QLabel()
        self.name.setObjectName("screenTitle")
        self.risk = QLabel()
        self.risk.setObjectName("badge")
        self.risk.setAccessibleName(self.tr("Risk"))
        self.programme = QLabel()
        self.programme.setAccessibleName(self.tr("Programme and phase"))
        self.due = QLabel()
        self.due.setAccessibleName(self.tr("Next contact"))
        self.record = QPushButton(self.tr("Record &contact"))
        self.record.setToolTip(self.tr("Record a contact (Ctrl+N)"))
        self.handover = QPushButton(self.tr("&Handover pack…"))
        self.handover.setToolTip(self.tr("Export this case as an encrypted handover pack (PDF)"))
        self.handover.clicked.connect(lambda: self._emit_for_case(self.export_handover_requested))
        self.teamkracht = QPushButton(self.tr("&Teamkracht sheet…"))
        self.teamkracht.setToolTip(self.tr("Export a pseudonymised sheet for a case discussion"))
        self.teamkracht.clicked.connect(
            lambda: self._emit_for_case(self.export_teamkracht_requested)
        )

        header = QHBoxLayout()
        header.addWidget(self.back)
        header.addSpacing(8)
        header.addWidget(self.name)
        header.addWidget(self.risk)
        header.addStretch(1)
        header.addWidget(self.handover)
        header.addWidget(self.teamkracht)
        header.addWidget(self.record)
        facts = QHBoxLayout()
        facts.addWidget(self.programme)
        facts.addSpacing(24)
        facts.addWidget(self.due)
        facts.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Case file sections"))
        self.tabs.setUsesScrollButtons(True)
        # Overview, with the address reveal
        self.reveal = QPushButton(self.tr("Show address"))
        self.reveal.setToolTip(
            self.tr("Shows the secret address; this is written to the access log")
        )
        self.overview = _browser(self.tr("Overview"))
        overview = QWidget()
        ov = QVBoxLayout(overview)
        ov.addWidget(self.reveal, alignment=Qt.AlignmentFlag.AlignLeft)
        ov.addWidget(self.overview)
        self.tabs.addTab(overview, self.tr("Overview"))
        # Contacts
        self.contacts = QTreeWidget()
        self.contacts.setAccessibleName(self.tr("Contacts"))
        self.contacts.setHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Time"),
                self.tr("Kind"),
                self.tr("Status"),
                self.tr("Minutes"),
                self.tr("Report"),
            ]
        )
        self.contacts.setRootIsDecorated(False)
        self.contacts.setAlternatingRowColors(True)
        self.contacts.setUniformRowHeights(True)
        self.contacts.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.contacts.header().setStretchLastSection(True)
        self.tabs.addTab(self.contacts, self.tr("Contacts"))
        # Safety plan with versions
        self.plan_version = QComboBox()
        self.plan_version.setAccessibleName(self.tr("Safety plan version"))
        self.plan = _browser(self.tr("Safety plan"))
        plan = QWidget()
        pl = QVBoxLayout(plan)
        pl.addWidget(self.plan_version, alignment=Qt.AlignmentFlag.AlignLeft)
        pl.addWidget(self.plan)
        self.tabs.addTab(plan, self.tr("Safety plan"))
        self.agreements = _browser(self.tr("Safety agreements"))
        self.tabs.addTab(self.agreements, self.tr("Agreements"))
        self.goals = _browser(self.tr("Goals and actions"))
        self.tabs.addTab(self.goals, self.tr("Goals"))
        # ZRM: table and chart
        self.zrm_table = QTableWidget()
        self.zrm_table.setAccessibleName(self.tr("ZRM scores"))
        self.zrm_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.zrm_chart = ZrmChart()
        zrm = QSplitter(Qt.Orientation.Vertical)
        zrm.addWidget(self.zrm_table)
        zrm.addWidget(self.zrm_chart)
        self.tabs.addTab(zrm, self.tr("ZRM"))
        self.handovers = _browser(self.tr("Warm handover"))
        self.tabs.addTab(self.handovers, self.tr("Handover"))
        self.discussions = _browser(self.tr("Case discussions"))
        self.tabs.addTab(self.discussions, self.tr("Case discussions"))

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(facts)
        layout.addWidget(self.tabs, 1)

        self.back.clicked.connect(self.back_requested)
        self.record.clicked.connect(self._record)
        self.reveal.clicked.connect(self._reveal)
        self.plan_version.currentIndexChanged.connect(self._show_plan_version)

    @property
    def case_id(self) -> str | None:
        return self.file.case.id if self.file else None

    # --- showing a case --------------------------------------------------------------------

    def show_case(self, file: CaseFile, row: CaseloadRow | None, today: date) -> None:
        same_case = self.file is not None and self.file.case.id == file.case.id
        self.file = file
        case = file.case
        if not same_case:
            self._address_text = ""
            self.tabs.setCurrentIndex(0)
        self.name.setText(case.display_name)
        screening = file.latest_screening
        risk = screening.situation if screening else None
        self.risk.setText(risk_text(risk))
        colours = risk_colours(risk)
        self.risk.setStyleSheet(
            f"background:{colours[0].name()}; color:{colours[1].name()};" if colours else ""
        )
        self.show_row(row, today)
        self._render_overview()
        self._fill_contacts()
        self._fill_plans()
        self.agreements.setHtml(case_sections.agreements_html(file))
        self.goals.setHtml(case_sections.goals_html(file))
        self._fill_zrm()
        self.handovers.setHtml(case_sections.handovers_html(file))
        self.discussions.setHtml(case_sections.discussions_html(file))

    def show_row(self, row: CaseloadRow | None, today: date) -> None:
        if row is None:
            self.programme.clear()
            self.due.clear()
            return
        self.programme.setText(f"{row.programme} · {row.phase} · {row.status.label}")
        self.due.setText(self.tr("Next contact: %1").replace("%1", due_text(row.due.due_on, today)))
        self.due.setStyleSheet("color:#8f1010; font-weight:bold" if row.overdue_days else "")

    def show_address(self, text: str) -> None:
        self._address_text = text or self.tr("no address recorded")
        self._render_overview()

    def clear(self) -> None:
        self.file = None
        self._address_text = ""
        self.name.clear()
        self.risk.clear()
        self.programme.clear()
        self.due.clear()
        for browser in (
            self.overview,
            self.plan,
            self.agreements,
            self.goals,
            self.handovers,
            self.discussions,
        ):
            browser.clear()
        self.contacts.clear()
        self.plan_version.clear()
        self.zrm_table.clear()
        self.zrm_table.setRowCount(0)
        self.zrm_chart.set_trend({})

    # --- sections --------------------------------------------------------------------------

    def _render_overview(self) -> None:
        assert self.file is not None
        case = self.file.case
        if self._address_text:
            address = self._address_text
        elif case.address is None:
            address = ""
        elif case.secret_address:
            address = SECRET_ADDRESS_MASK
        else:
            address = case.address.one_line()
        self.reveal.setVisible(case.secret_address and not self._address_text)
        self.overview.setHtml(case_sections.overview_html(self.file, address))

    def _fill_contacts(self) -> None:
        assert self.file is not None
        self.contacts.clear()
        replaced = {c.supersedes for c in self.file.contacts if c.supersedes}
        items = []
        for contact in sorted(self.file.contacts, key=lambda c: c.starts_at, reverse=True):
            local = contact.starts_at.astimezone(LOCAL_TZ)
            status = contact.state_label
            if contact.id in replaced:
                status += " · " + self.tr("corrected")
            report = contact.report.replace("\n", " ")
            item = QTreeWidgetItem(
                [
                    local.strftime("%d-%m-%Y"),
                    local.strftime("%H:%M"),
                    contact.kind.label,
                    status,
                    str(contact.duration_minutes),
                    report[:160] + ("…" if len(report) > 160 else ""),
                ]
            )
            item.setToolTip(5, contact.report[:2000])
            if contact.status is ContactStatus.GEPLAND:
                for column in range(6):
                    item.setForeground(column, Qt.GlobalColor.darkBlue)
            items.append(item)
        self.contacts.addTopLevelItems(items)

    def _fill_plans(self) -> None:
        assert self.file is not None
        self.plan_version.blockSignals(True)
        self.plan_version.clear()
        for plan in sorted(self.file.safety_plans, key=lambda p: p.version, reverse=True):
            self.plan_version.addItem(
                self.tr("Version %1 of %2")
                .replace("%1", str(plan.version))
                .replace("%2", day(plan.made_on)),
                plan.version,
            )
        self.plan_version.blockSignals(False)
        self.plan_version.setVisible(bool(self.file.safety_plans))
        self._show_plan_version()

    def _show_plan_version(self) -> None:
        if self.file is None:
            return
        version = self.plan_version.currentData()
        plan = next((p for p in self.file.safety_plans if p.version == version), None)
        self.plan.setHtml(case_sections.safety_plan_html(plan, len(self.file.safety_plans)))

    def _fill_zrm(self) -> None:
        assert self.file is not None
        assessments = sorted(self.file.zrm, key=lambda a: a.assessed_on)
        domains = [d for d in LifeDomain if any(d in a.scores for a in assessments)]
        self.zrm_table.clear()
        self.zrm_table.setColumnCount(len(assessments))
        self.zrm_table.setRowCount(len(domains))
        self.zrm_table.setHorizontalHeaderLabels([day(a.assessed_on) for a in assessments])
        self.zrm_table.setVerticalHeaderLabels([d.label for d in domains])
        for column, assessment in enumerate(assessments):
            for row, domain in enumerate(domains):
                score = assessment.scores.get(domain)
                item = QTableWidgetItem(str(score) if score else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.zrm_table.setItem(row, column, item)
        self.zrm_chart.set_trend(zrm_trend(assessments))

    # --- actions ---------------------------------------------------------------------------

    def _emit_for_case(self, signal) -> None:
        if self.case_id:
            signal.emit(self.case_id)

    def _record(self) -> None:
        if self.case_id:
            self.record_contact_requested.emit(self.case_id)

    def _reveal(self) -> None:
        if self.case_id:
            self.reveal_address_requested.emit(self.case_id)
