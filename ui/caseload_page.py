"""The caseload list: a sortable, filterable table with instant search."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.caseload import CaseloadRow
from app.vocabulary import CaseStatus, RiskSituation
from ui.caseload_model import CASE_ID_ROLE, CaseloadFilter, CaseloadModel, Column

# Always shown, in this order (the model's order); then these, while there is room.
ALWAYS_SHOWN = (
    Column.NAME,
    Column.RISK,
    Column.NEXT,
    Column.OVERDUE,
    Column.PROGRAMME,
    Column.PHASE,
)
SHOWN_WHEN_ROOM = (Column.LAST, Column.STATUS, Column.WORKER, Column.INITIALS)
MIN_PHASE_WIDTH = 110


class CaseloadPage(QWidget):
    open_case = Signal(str)
    # Report text is searched in the vault (on the vault thread); names and initials here.
    report_search_requested = Signal(str)
    export_handover_requested = Signal(list)  # case ids: the selected rows, else all shown
    export_overview_requested = Signal()
    # "Show closed cases" was ticked (True) or unticked: the window fetches closed cases
    # only while it is ticked (Dashboard.closed).
    show_closed_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseloadModel(self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names, initials and reports…"))
        self.search.setAccessibleName(self.tr("Search the caseload"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("x" * 30))
        self.programme = self._combo(self.tr("Filter by programme"))
        self.phase = self._combo(self.tr("Filter by phase"))
        self.worker = self._combo(self.tr("Filter by worker"))
        self.risk = self._combo(self.tr("Filter by risk"))
        self.risk.addItem(self.tr("Any risk"), 0)
        for situation in RiskSituation:
            self.risk.addItem(self.tr("From %1").replace("%1", situation.label), int(situation))
        self.risk.view().setMinimumWidth(self.risk.view().sizeHintForColumn(0) + 24)
        self.overdue = QCheckBox(self.tr("Only &overdue"))
        # Closed cases stay out of the way, but a worker must reach one to reopen it
        # after a terugval.
        self.show_closed = QCheckBox(self.tr("Show &closed cases"))
        self.show_closed.setToolTip(
            self.tr("Also list the closed cases (greyed), to open one and reopen it")
        )
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Number of cases shown"))

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Caseload"))
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(Column.NEXT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._widths: dict[int, int] = {}  # measured at the first fit, in the final font
        self._fitted_for = -1
        self.table.viewport().installEventFilter(self)
        self.search.installEventFilter(self)
        self.table.activated.connect(self._activated)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.programme, self.phase, self.worker, self.risk):
            filters.addWidget(combo, 1)
        filters.addWidget(self.overdue)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.handover = QPushButton(self.tr("Handover &pack…"))
        self.handover.setToolTip(
            self.tr("Export the selected cases, or all cases shown, as an encrypted handover pack")
        )
        self.handover.clicked.connect(
            lambda: self.export_handover_requested.emit(self.export_case_ids())
        )
        self.overview = QPushButton(self.tr("Team o&verview…"))
        self.overview.setToolTip(self.tr("Figures per worker and programme, as PDF or CSV"))
        self.overview.clicked.connect(self.export_overview_requested)
        bottom = QHBoxLayout()
        # Below the list, beside the count it changes: the filter row is full at 1024 pixels.
        bottom.addWidget(self.show_closed)
        bottom.addSpacing(12)
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.handover)
        bottom.addWidget(self.overview)
        layout.addLayout(bottom)

        self._report_timer = QTimer(self)
        self._report_timer.setSingleShot(True)
        self._report_timer.setInterval(150)
        self._report_timer.timeout.connect(
            lambda: self.report_search_requested.emit(self.search.text())
        )
        self.search.textChanged.connect(self._search_changed)
        self.programme.currentIndexChanged.connect(self._filters_changed)
        self.phase.currentIndexChanged.connect(self._filters_changed)
        self.worker.currentIndexChanged.connect(self._filters_changed)
        self.risk.currentIndexChanged.connect(self._filters_changed)
        self.overdue.toggled.connect(self._filters_changed)
        self.show_closed.toggled.connect(self._filters_changed)
        self.show_closed.toggled.connect(self.show_closed_changed)

    # --- columns: the six a worker scans always fit; the rest show where there is room ----

    def _natural_widths(self) -> dict[int, int]:
        """Width per column for its usual longest text (or its header), in this font."""
        metrics = self.table.fontMetrics()
        bold_font = QFont(self.table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)  # overdue and due-today cells are bold
        header = self.table.horizontalHeader().fontMetrics()
        samples = {
            Column.NAME: "Marieke van der Boschstra",
            Column.RISK: "3 · ernstige dreiging",
            Column.NEXT: "28-11-2026",
            Column.OVERDUE: "110 dagen te laat",
            Column.PROGRAMME: "Ambulante begeleiding",
            Column.PHASE: "Fase 3: overdracht van zorg",
            Column.LAST: "28-11-2026",
            Column.STATUS: "Aanmelding",
            Column.INITIALS: "M.V.D.",
            Column.WORKER: "trajectbegeleider A. Visser",
        }
        widths = {}
        for column, sample in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal, 0))
            # Room for the padding and, in the header, the sort arrow.
            text = bold if column in (Column.NEXT, Column.OVERDUE) else metrics
            widths[column] = max(
                text.horizontalAdvance(sample) + 16, header.horizontalAdvance(title) + 28
            )
        return widths

    def fit_columns(self) -> None:
        """Show the always-columns, then each optional one while the row still fits the
        view's width; the phase column takes what is left. No sideways scrolling."""
        room = self.table.viewport().width()
        if room <= 0 or room == self._fitted_for:
            return
        self._fitted_for = room
        widths = self._widths = self._widths or self._natural_widths()
        used = sum(widths[c] for c in ALWAYS_SHOWN)
        shown = list(ALWAYS_SHOWN)
        for column in SHOWN_WHEN_ROOM:
            if used + widths[column] <= room:
                used += widths[column]
                shown.append(column)
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column not in shown)
            if column in shown:
                self.table.setColumnWidth(column, widths[column])
        # What is left goes to the phase (long names). Where even the six do not fit, the
        # phase and then the programme give way (their text elides) before anything scrolls.
        others = used - widths[Column.PHASE]
        self.table.setColumnWidth(Column.PHASE, max(MIN_PHASE_WIDTH, room - others))
        short = others + MIN_PHASE_WIDTH - room
        if short > 0:
            programme = max(MIN_PHASE_WIDTH, widths[Column.PROGRAMME] - short)
            self.table.setColumnWidth(Column.PROGRAMME, programme)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        elif (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            return self.enter_results()
        return super().eventFilter(watched, event)

    def enter_results(self) -> bool:
        """Move from the search field into the results, on the first row; False (the key
        does nothing) when nothing matches."""
        if self.proxy.rowCount() == 0:
            return False
        first = self.proxy.index(0, Column.NAME)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.setCurrentIndex(first)
        self.table.selectRow(0)
        self.table.scrollTo(first)
        return True

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        # As wide as "Alle programma's", not as the longest phase name: at 1024 pixels the
        # four filters and the search share one row. The list opens as wide as it needs.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        return combo

    # --- data ------------------------------------------------------------------------------

    def set_rows(self, rows: list[CaseloadRow], today: date) -> None:
        """Show `rows`; closed cases among them show only while "Show closed cases" is on."""
        self._fill(
            self.programme, self.tr("All programmes"), {r.programme_id: r.programme for r in rows}
        )
        self._fill(self.phase, self.tr("All phases"), {r.phase: r.phase for r in rows})
        self._fill(self.worker, self.tr("All workers"), {r.worker: r.worker for r in rows})
        self.model.set_rows(rows, today)
        self._update_count()

    def clear(self) -> None:
        self.search.clear()
        self.show_closed.blockSignals(True)  # a new session starts without closed cases
        self.show_closed.setChecked(False)
        self.show_closed.blockSignals(False)
        self.proxy.set_criteria(show_closed=False)
        self.model.clear()
        self.proxy.set_report_matches(set())
        for combo in (self.programme, self.phase, self.worker):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self._update_count()

    @staticmethod
    def _fill(combo: QComboBox, everything: str, choices: dict[str, str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for key, label in sorted(choices.items(), key=lambda item: item[1]):
            combo.addItem(label, key)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def set_report_matches(self, term: str, case_ids: set[str]) -> None:
        if term == self.search.text():  # an answer to an older term is dropped
            self.proxy.set_report_matches(case_ids)
            self._update_count()

    # --- filtering -------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.proxy.set_criteria(text=text)
        self._update_count()
        self._report_timer.start()

    def _filters_changed(self) -> None:
        self.proxy.set_criteria(
            programme=self.programme.currentData() or "",
            phase=self.phase.currentData() or "",
            worker=self.worker.currentData() or "",
            min_risk=self.risk.currentData() or 0,
            overdue_only=self.overdue.isChecked(),
            show_closed=self.show_closed.isChecked(),
        )
        self._update_count()

    def _update_count(self) -> None:
        shown = self.show_closed.isChecked()
        total = sum(1 for r in self.model.rows() if shown or r.status is not CaseStatus.AFGESLOTEN)
        self.count.setText(
            self.tr("%1 of %2 cases")
            .replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(total))
        )

    def selected_case_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(CASE_ID_ROLE) if index.isValid() else None

    def export_case_ids(self) -> list[str]:
        """The selected cases; with none selected, every case the filters show."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            rows = [self.proxy.index(r, 0) for r in range(self.proxy.rowCount())]
        return [index.data(CASE_ID_ROLE) for index in rows]

    def _activated(self, index: QModelIndex) -> None:
        self.open_case.emit(index.data(CASE_ID_ROLE))
