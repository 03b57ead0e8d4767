"""The caseload list: a sortable, filterable table with instant search."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
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
from app.vocabulary import RiskSituation
from ui.caseload_model import CASE_ID_ROLE, CaseloadFilter, CaseloadModel, Column


class CaseloadPage(QWidget):
    open_case = Signal(str)
    # Report text is searched in the vault (on the vault thread); names and initials here.
    report_search_requested = Signal(str)
    export_handover_requested = Signal(list)  # case ids: the selected rows, else all shown
    export_overview_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseloadModel(self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names, initials and reports…"))
        self.search.setAccessibleName(self.tr("Search the caseload"))
        self.search.setClearButtonEnabled(True)
        self.programme = self._combo(self.tr("Filter by programme"))
        self.phase = self._combo(self.tr("Filter by phase"))
        self.worker = self._combo(self.tr("Filter by worker"))
        self.risk = self._combo(self.tr("Filter by risk"))
        self.risk.addItem(self.tr("Any risk"), 0)
        for situation in RiskSituation:
            self.risk.addItem(self.tr("From %1").replace("%1", situation.label), int(situation))
        self.overdue = QCheckBox(self.tr("Only &overdue"))
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
        header.setStretchLastSection(True)
        for column, width in (
            (Column.NAME, 190),
            (Column.INITIALS, 70),
            (Column.PROGRAMME, 160),
            (Column.PHASE, 190),
            (Column.RISK, 160),
            (Column.WORKER, 190),
            (Column.LAST, 105),
            (Column.NEXT, 150),
        ):
            self.table.setColumnWidth(column, width)
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

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    # --- data ------------------------------------------------------------------------------

    def set_rows(self, rows: list[CaseloadRow], today: date) -> None:
        self._fill(
            self.programme, self.tr("All programmes"), {r.programme_id: r.programme for r in rows}
        )
        self._fill(self.phase, self.tr("All phases"), {r.phase: r.phase for r in rows})
        self._fill(self.worker, self.tr("All workers"), {r.worker: r.worker for r in rows})
        self.model.set_rows(rows, today)
        self._update_count()

    def clear(self) -> None:
        self.search.clear()
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
        )
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(
            self.tr("%1 of %2 cases")
            .replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(self.model.rowCount()))
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
