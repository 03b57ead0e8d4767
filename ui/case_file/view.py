"""The case file: a header with the essentials and the case's lifecycle actions, and one tab
per section (each tab a module of this package).

The header has three lines so it fits 1024 pixels: name, risk badge and the exports; the
programme, phase and next contact; the actions (record a contact, plan a visit, screening,
the trajectory menu, edit, close or reopen). The view only emits requests; the window opens
the forms (ui/case_file/actions.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QColor, QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.caseload import CaseloadRow
from app.casework import CaseFile
from app.closing import reopen_deadline
from app.dashboard import SECRET_ADDRESS_MASK
from app.programmes import Programme
from app.rules import local_today
from app.vocabulary import CaseStatus
from ui.case_file.agreements import AgreementsTab
from ui.case_file.contacts import ContactsTab
from ui.case_file.discussions import DiscussionsTab
from ui.case_file.goals import GoalsTab
from ui.case_file.handover import HandoverTab
from ui.case_file.late_changes import LateChangesPanel
from ui.case_file.overview import OverviewTab
from ui.case_file.safety_plan import SafetyPlanTab
from ui.case_file.zrm import ZrmTab
from ui.formatting import day, due_text, risk_colours, risk_text

RUNNING = (CaseStatus.AANMELDING, CaseStatus.ACTIEF)


class CaseFileView(QWidget):
    """One case: header, actions and tabs. Every `*_requested` signal carries the case id."""

    back_requested = Signal()
    record_contact_requested = Signal(str)
    reveal_address_requested = Signal(str)
    export_handover_requested = Signal(str)
    export_teamkracht_requested = Signal(str)
    edit_case_requested = Signal(str)
    screening_requested = Signal(str)
    phase_change_requested = Signal(str)
    programme_switch_requested = Signal(str)
    frequency_requested = Signal(str)
    frequency_end_requested = Signal(str)
    plan_visit_requested = Signal(str)
    close_requested = Signal(str)
    reopen_requested = Signal(str)
    restore_conflict_requested = Signal(str)  # a conflict id
    programmes_needed = Signal()  # the view lacks a programme's name: call set_programmes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: CaseFile | None = None
        self.programmes: dict[str, Programme] = {}
        self._address_text = ""
        self._today: date | None = None
        self._row: CaseloadRow | None = None

        self._build_header()
        self._build_actions()
        self._build_tabs()

        layout = QVBoxLayout(self)
        layout.addLayout(self._title_line)
        layout.addLayout(self._facts_line)
        layout.addLayout(self._action_line)
        # A previous worker's late changes, for the new holder and the teamleider to accept.
        self.late_panel = LateChangesPanel()
        layout.addWidget(self.late_panel)
        layout.addWidget(self.tabs, 1)

    # --- building --------------------------------------------------------------------------

    def _build_header(self) -> None:
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
        self.handover = QPushButton(self.tr("&Handover pack…"))
        self.handover.setToolTip(self.tr("Export this case as an encrypted handover pack (PDF)"))
        self.teamkracht = QPushButton(self.tr("&Teamkracht sheet…"))
        self.teamkracht.setToolTip(self.tr("Export a de-identified sheet for a case discussion"))

        self._title_line = QHBoxLayout()
        self._title_line.addWidget(self.back)
        self._title_line.addSpacing(8)
        self._title_line.addWidget(self.name)
        self._title_line.addWidget(self.risk)
        self._title_line.addStretch(1)
        self._title_line.addWidget(self.handover)
        self._title_line.addWidget(self.teamkracht)
        self._facts_line = QHBoxLayout()
        self._facts_line.addWidget(self.programme)
        self._facts_line.addSpacing(24)
        self._facts_line.addWidget(self.due)
        self._facts_line.addStretch(1)

        self.back.clicked.connect(self.back_requested)
        self.handover.clicked.connect(lambda: self._emit(self.export_handover_requested))
        self.teamkracht.clicked.connect(lambda: self._emit(self.export_teamkracht_requested))

    def _build_actions(self) -> None:
        self.record = QPushButton(self.tr("Record &contact"))
        self.record.setToolTip(self.tr("Record a contact (Ctrl+N)"))
        self.plan_visit = QPushButton(self.tr("Plan &visit…"))
        self.plan_visit.setToolTip(self.tr("Plan a home visit or another contact"))
        self.screening = QPushButton(self.tr("&Screening…"))
        self.screening.setToolTip(self.tr("Record a new risk screening (risicoscreening)"))
        self.trajectory_menu = QMenu(self)
        self.change_phase = self.trajectory_menu.addAction(self.tr("Change &phase…"))
        self.switch_programme = self.trajectory_menu.addAction(self.tr("S&witch programme…"))
        self.trajectory_menu.addSeparator()
        self.own_frequency = self.trajectory_menu.addAction(self.tr("Own contact &frequency…"))
        self.end_frequency = self.trajectory_menu.addAction(self.tr("&End own frequency…"))
        self.trajectory = QPushButton(self.tr("&Programme"))
        self.trajectory.setToolTip(
            self.tr("Change the phase, switch programme or set the case's own frequency")
        )
        self.trajectory.setMenu(self.trajectory_menu)
        self.edit = QPushButton(self.tr("&Edit details…"))
        self.edit.setToolTip(self.tr("Change the client's details, household and partners"))
        self.close_case = QPushButton(self.tr("C&lose case…"))
        self.close_case.setToolTip(self.tr("Close the case (uitstroom), with or without nazorg"))
        self.reopen = QPushButton(self.tr("Re&open case…"))
        self.reopen.setToolTip(self.tr("Take the case back after a relapse (terugval)"))

        self._action_line = QHBoxLayout()
        for button in (
            self.record,
            self.plan_visit,
            self.screening,
            self.trajectory,
            self.edit,
            self.close_case,
            self.reopen,
        ):
            self._action_line.addWidget(button)
        self._action_line.addStretch(1)

        self.record.clicked.connect(lambda: self._emit(self.record_contact_requested))
        self.plan_visit.clicked.connect(lambda: self._emit(self.plan_visit_requested))
        self.screening.clicked.connect(lambda: self._emit(self.screening_requested))
        self.change_phase.triggered.connect(lambda: self._emit(self.phase_change_requested))
        self.switch_programme.triggered.connect(lambda: self._emit(self.programme_switch_requested))
        self.own_frequency.triggered.connect(lambda: self._emit(self.frequency_requested))
        self.end_frequency.triggered.connect(lambda: self._emit(self.frequency_end_requested))
        self.edit.clicked.connect(lambda: self._emit(self.edit_case_requested))
        self.close_case.clicked.connect(lambda: self._emit(self.close_requested))
        self.reopen.clicked.connect(lambda: self._emit(self.reopen_requested))

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Case file sections"))
        self.tabs.setUsesScrollButtons(True)
        self.overview_tab = OverviewTab()
        self.contacts_tab = ContactsTab()
        self.safety_plan_tab = SafetyPlanTab()
        self.agreements_tab = AgreementsTab()
        self.goals_tab = GoalsTab()
        self.zrm_tab = ZrmTab()
        self.handover_tab = HandoverTab()
        self.discussions_tab = DiscussionsTab()
        # The tabs that show the file as it is; the overview also needs the address shown.
        self._file_tabs = (
            self.contacts_tab,
            self.safety_plan_tab,
            self.agreements_tab,
            self.goals_tab,
            self.zrm_tab,
            self.handover_tab,
            self.discussions_tab,
        )
        self.tabs.addTab(self.overview_tab, self.tr("Overview"))
        self.tabs.addTab(self.contacts_tab, self.tr("Contacts"))
        self.tabs.addTab(self.safety_plan_tab, self.tr("Safety plan"))
        self.tabs.addTab(self.agreements_tab, self.tr("Agreements"))
        self.tabs.addTab(self.goals_tab, self.tr("Goals"))
        self.tabs.addTab(self.zrm_tab, self.tr("ZRM"))
        self.tabs.addTab(self.handover_tab, self.tr("Handover"))
        self.tabs.addTab(self.discussions_tab, self.tr("Case discussions"))
        # The widgets callers and tests reach directly.
        self.reveal = self.overview_tab.reveal
        self.overview = self.overview_tab.browser
        self.contacts = self.contacts_tab.tree
        self.plan_version = self.safety_plan_tab.version
        self.plan = self.safety_plan_tab.plan
        self.agreements = self.agreements_tab.browser
        self.goals = self.goals_tab.browser
        self.zrm_table = self.zrm_tab.table
        self.zrm_chart = self.zrm_tab.chart
        self.handovers = self.handover_tab.browser
        self.discussions = self.discussions_tab.browser
        self.overview_tab.reveal_requested.connect(
            lambda: self._emit(self.reveal_address_requested)
        )
        self.overview_tab.restore_requested.connect(self.restore_conflict_requested)
        self.goals_tab.restore_requested.connect(self.restore_conflict_requested)
        self.agreements_tab.restore_requested.connect(self.restore_conflict_requested)
        self.discussions_tab.restore_requested.connect(self.restore_conflict_requested)

    @property
    def case_id(self) -> str | None:
        return self.file.case.id if self.file else None

    # --- showing a case --------------------------------------------------------------------

    def show_case(self, file: CaseFile, row: CaseloadRow | None, today: date) -> None:
        same_case = self.file is not None and self.file.case.id == file.case.id
        self.file = file
        self._today = today
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
        self.goals_tab.today = today  # which actions are overdue
        for tab in self._file_tabs:
            tab.show_file(file)
        self._title_agreements()
        self._update_actions()
        if case.programme_id not in self.programmes:
            self.programmes_needed.emit()

    def set_programmes(self, programmes: dict[str, Programme]) -> None:
        """The programme definitions (names, phases, guarantee periods) the view reads."""
        self.programmes = dict(programmes)
        if self.file is not None:
            self.show_row(self._row, self._today or local_today())
            self._render_overview()
            self._update_actions()

    def show_row(self, row: CaseloadRow | None, today: date) -> None:
        self._row = row
        self._today = today
        if row is None:
            self.due.clear()
            self.due.setStyleSheet("")
            self.programme.setText(self._facts_without_row())
            return
        # The status as the file read it: a row of the last refresh may be older.
        status = self.file.case.status.label if self.file else row.status.label
        self.programme.setText(f"{row.programme} · {row.phase} · {status}")
        self.due.setText(self.tr("Next contact: %1").replace("%1", due_text(row.due.due_on, today)))
        self.due.setStyleSheet("color:#8f1010; font-weight:bold" if row.overdue_days else "")

    def _facts_without_row(self) -> str:
        """A closed case has no caseload row: its programme and status from the file."""
        if self.file is None:
            return ""
        case = self.file.case
        programme = self.programmes.get(case.programme_id)
        name = programme.name if programme else case.programme_id
        closed = f" · {day(case.closed_on)}" if case.closed_on else ""
        return f"{name} · {case.status.label}{closed}"

    def show_address(self, text: str) -> None:
        self._address_text = text or self.tr("no address recorded")
        self._render_overview()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        """Leaving the case file masks a revealed secret address again: the next look is a
        new, logged reveal, not an address left on screen for the rest of the session."""
        if self._address_text and self.file is not None:
            self._address_text = ""
            self._render_overview()
        super().hideEvent(event)

    def clear(self) -> None:
        self.file = None
        self.programmes = {}
        self._address_text = ""
        self._row = None
        self.name.clear()
        self.risk.clear()
        self.risk.setStyleSheet("")
        self.programme.clear()
        self.due.clear()
        self.overview_tab.clear()
        self.late_panel.clear()
        for tab in self._file_tabs:
            tab.clear()
        self._title_agreements()

    # --- sections and actions --------------------------------------------------------------

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
        self.overview_tab.show_file(
            self.file,
            address,
            bool(self._address_text),
            self._today or local_today(),
            self.programmes,
        )

    def _title_agreements(self) -> None:
        """The agreements tab counts the case's open breaches (no follow-up yet), in red."""
        index = self.tabs.indexOf(self.agreements_tab)
        count = len(self.file.open_breaches) if self.file else 0
        title = self.tr("Agreements")
        tip = ""
        if count:
            title = self.tr("Agreements (%1 open)").replace("%1", str(count))
            tip = self.tr("Breaches without a follow-up: %1").replace("%1", str(count))
        self.tabs.setTabText(index, title)
        self.tabs.setTabToolTip(index, tip)
        self.tabs.tabBar().setTabTextColor(index, QColor("#8f1010") if count else QColor())

    def reopen_deadline(self) -> date | None:
        """The last day the shown case may be reopened (None: not closed, or not known)."""
        if self.file is None or self.file.case.programme_id not in self.programmes:
            return None
        return reopen_deadline(self.file.case, self.programmes[self.file.case.programme_id])

    def _update_actions(self) -> None:
        """Close for a running case, reopen for a closed one (within the guarantee period);
        no planning or trajectory changes for a case that is afgesloten."""
        if self.file is None:
            return
        case = self.file.case
        today = self._today or local_today()
        running = case.status in RUNNING
        # A case in nazorg can still be closed for good (its nazorg ends) and, once it was
        # closed, taken back after a terugval.
        self.close_case.setVisible(case.status is not CaseStatus.AFGESLOTEN)
        self.reopen.setVisible(not running and case.closed_on is not None)
        deadline = self.reopen_deadline()
        expired = deadline is not None and today > deadline
        self.reopen.setEnabled(not running and not expired)
        if expired:
            assert deadline is not None
            self.reopen.setToolTip(
                self.tr(
                    "The guarantee period ended on %1: register the client as a new aanmelding."
                ).replace("%1", day(deadline))
            )
        else:
            self.reopen.setToolTip(self.tr("Take the case back after a relapse (terugval)"))
        closed = case.status is CaseStatus.AFGESLOTEN
        self.plan_visit.setEnabled(not closed)
        self.trajectory.setEnabled(not closed)
        override = case.frequency_override
        self.end_frequency.setEnabled(
            override is not None and (override.until is None or override.until >= today)
        )

    def _emit(self, signal: SignalInstance) -> None:
        if self.case_id:
            signal.emit(self.case_id)
