"""The team page (Ctrl+5), for a teamleider only: every open case of the team with its worker
and back-up worker, filtered by worker, and each worker's load (cases, overdue, nazorg).
Works offline: the teamleider's vault holds the team's cases; app/team.py computes the view
with the caseload's rules.

- TeamCaseModel + WorkerFilter (QSortFilterProxyModel): the cases, sortable, one worker or all.
- WorkerLoadModel: one row per worker with the load figures.
- TeamPage: the worker filter, the loads, the cases (several may be selected) and
  "Hand over to…" (ui/team_handover.py asks whom; the server does it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.exports.overzicht_table import team_words
from app.team import TeamCaseRow, TeamView, WorkerLoad
from ui.formatting import due_text

Index = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_COLOUR = QColor("#8f1010")

translate = QCoreApplication.translate


class CaseColumn:
    NAME, WORKER, BACKUP, PROGRAMME, STATUS, NEXT = range(6)


CASE_HEADERS = [
    QT_TRANSLATE_NOOP("TeamCaseModel", "Client"),
    QT_TRANSLATE_NOOP("TeamCaseModel", "Worker"),
    QT_TRANSLATE_NOOP("TeamCaseModel", "Back-up worker"),
    QT_TRANSLATE_NOOP("TeamCaseModel", "Programme · phase"),
    QT_TRANSLATE_NOOP("TeamCaseModel", "Status"),
    QT_TRANSLATE_NOOP("TeamCaseModel", "Next contact"),
]


def _no_worker() -> str:
    return translate("TeamCaseModel", "(no worker)")


class TeamCaseModel(QAbstractTableModel):
    """The team's open cases, one row each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TeamCaseRow] = []
        self._today = date.min

    def set_view(self, view: TeamView) -> None:
        self.beginResetModel()
        self._rows = list(view.rows)
        self._today = view.today
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def row_at(self, row: int) -> TeamCaseRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(CASE_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("TeamCaseModel", str(CASE_HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        team_row = self._rows[index.row()]
        row, column = team_row.row, index.column()
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(team_row, column)
        if role == SORT_ROLE:
            return _SORT_KEYS[column](team_row)
        if role == Qt.ItemDataRole.ForegroundRole and column == CaseColumn.NEXT:
            return OVERDUE_COLOUR if team_row.overdue else None
        if role == Qt.ItemDataRole.AccessibleTextRole and column == CaseColumn.NEXT:
            return self._text(team_row, column)
        return None

    def _text(self, team_row: TeamCaseRow, column: int) -> str:
        row = team_row.row
        if column == CaseColumn.NAME:
            return row.display_name
        if column == CaseColumn.WORKER:
            return team_row.worker or _no_worker()
        if column == CaseColumn.BACKUP:
            return team_row.backup_worker
        if column == CaseColumn.PROGRAMME:
            return f"{row.programme} · {row.phase}"
        if column == CaseColumn.STATUS:
            return row.status.label
        return due_text(row.due.due_on, self._today)


_SORT_KEYS: dict[int, Callable[[TeamCaseRow], Any]] = {
    CaseColumn.NAME: lambda r: r.row.display_name.casefold(),
    CaseColumn.WORKER: lambda r: (r.worker.casefold(), r.row.display_name.casefold()),
    CaseColumn.BACKUP: lambda r: (r.backup_worker.casefold(), r.row.display_name.casefold()),
    CaseColumn.PROGRAMME: lambda r: (r.row.programme, r.row.phase, r.row.display_name),
    CaseColumn.STATUS: lambda r: (r.row.status.value, r.row.display_name),
    CaseColumn.NEXT: lambda r: (
        -r.row.overdue_days,
        (r.row.due.due_on or date.max).toordinal(),
        r.row.display_name,
    ),
}


class WorkerFilter(QSortFilterProxyModel):
    """Shows the cases of one worker ("" for cases without one), or all (None)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker: str | None = None
        self.setSortRole(SORT_ROLE)

    def set_worker(self, worker: str | None) -> None:
        self.beginFilterChange()
        self.worker = worker
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if self.worker is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, TeamCaseModel)
        return model.row_at(source_row).worker == self.worker

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        return bool(left.data(SORT_ROLE) < right.data(SORT_ROLE))


class LoadColumn:
    WORKER, CASES, OVERDUE, NAZORG = range(4)


LOAD_HEADERS = [
    QT_TRANSLATE_NOOP("WorkerLoadModel", "Worker"),
    QT_TRANSLATE_NOOP("WorkerLoadModel", "Cases"),
    QT_TRANSLATE_NOOP("WorkerLoadModel", "Overdue"),
    QT_TRANSLATE_NOOP("WorkerLoadModel", "In nazorg"),
]


class WorkerLoadModel(QAbstractTableModel):
    """Each worker's load, with the team's total as the last row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loads: list[WorkerLoad] = []

    def set_loads(self, loads: list[WorkerLoad]) -> None:
        self.beginResetModel()
        self._loads = list(loads)
        if loads:
            self._loads.append(
                WorkerLoad(
                    "",
                    sum(w.cases for w in loads),
                    sum(w.overdue for w in loads),
                    sum(w.nazorg for w in loads),
                )
            )
        self.endResetModel()

    def load_at(self, row: int) -> WorkerLoad:
        return self._loads[row]

    def is_total(self, row: int) -> bool:
        return row == len(self._loads) - 1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._loads)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(LOAD_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("WorkerLoadModel", str(LOAD_HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        load, column = self._loads[index.row()], index.column()
        total = self.is_total(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LoadColumn.WORKER:
                if total:
                    return translate("WorkerLoadModel", "Team total")
                return load.worker or _no_worker()
            return (load.cases, load.overdue, load.nazorg)[column - 1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != LoadColumn.WORKER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == LoadColumn.OVERDUE:
            return OVERDUE_COLOUR if load.overdue else None
        if role == Qt.ItemDataRole.FontRole and total:
            bold = QFont()
            bold.setBold(True)
            return bold
        return None


class TeamPage(QWidget):
    """The team page; emits what the user asks, the window's TeamController does it."""

    open_case = Signal(str)
    handover_requested = Signal(list)  # case ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: TeamView | None = None
        self.title = QLabel(self.tr("Team"))
        self.title.setObjectName("screenTitle")
        self.worker = QComboBox()
        self.worker.setAccessibleName(self.tr("Show the cases of"))
        worker_label = QLabel(self.tr("Wo&rker:"))
        worker_label.setBuddy(self.worker)
        self.hand_over = QPushButton(self.tr("&Hand over to…"))
        self.hand_over.setToolTip(
            self.tr(
                "Hand the selected cases over to another worker of the team (needs a connection)"
            )
        )
        self.hand_over.setEnabled(False)
        self.count = QLabel()

        self.loads = WorkerLoadModel(self)
        self.load_table = QTableView()
        self.load_table.setModel(self.loads)
        self.load_table.setAccessibleName(self.tr("Load per worker"))
        self.load_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.load_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.load_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.load_table.verticalHeader().hide()
        self.load_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.load_table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.load_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.cases = TeamCaseModel(self)
        self.filter = WorkerFilter(self)
        self.filter.setSourceModel(self.cases)
        self.table = QTableView()
        self.table.setModel(self.filter)
        self.table.setAccessibleName(self.tr("Cases of the team"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CaseColumn.WORKER, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Widths in characters of the font: a name, two account names, a programme and phase.
        char = self.fontMetrics().averageCharWidth()
        for column, chars in (
            (CaseColumn.NAME, 24),
            (CaseColumn.WORKER, 16),
            (CaseColumn.BACKUP, 16),
            (CaseColumn.PROGRAMME, 40),
            (CaseColumn.STATUS, 15),
        ):
            header.resizeSection(column, chars * char)
        for table in (self.table, self.load_table):
            table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(worker_label)
        top.addWidget(self.worker)
        top.addWidget(self.hand_over)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.load_table, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)

        self.worker.currentIndexChanged.connect(self._filter_changed)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.load_table.clicked.connect(self._load_clicked)
        self.hand_over.clicked.connect(self._ask_handover)

    # --- showing ---------------------------------------------------------------------------

    def set_team(self, team: str | None) -> None:
        self.title.setText(team_words(team) if team else self.tr("Team"))

    def set_view(self, view: TeamView) -> None:
        """Show `view`; the worker chosen and the selected cases stay when they still exist."""
        chosen, selected = self.worker.currentData(), set(self.selected_case_ids())
        self.view = view
        self.cases.set_view(view)
        self.loads.set_loads(view.loads)
        self.load_table.setFixedHeight(self._load_table_height())
        self.worker.blockSignals(True)
        self.worker.clear()
        self.worker.addItem(self.tr("All workers"), None)
        for load in view.loads:
            self.worker.addItem(load.worker or _no_worker(), load.worker)
        index = self.worker.findData(chosen) if chosen is not None else 0
        self.worker.setCurrentIndex(max(index, 0))
        self.worker.blockSignals(False)
        self._filter_changed()
        self._select(selected)

    def _load_table_height(self) -> int:
        rows = min(self.loads.rowCount(), 6)
        header = self.load_table.horizontalHeader().sizeHint().height()
        row = self.load_table.verticalHeader().defaultSectionSize()
        return header + rows * row + 2 * self.load_table.frameWidth() + 2

    def clear(self) -> None:
        self.view = None
        self.cases.clear()
        self.loads.set_loads([])
        self.worker.clear()
        self.count.clear()

    def show_worker(self, worker: str | None) -> None:
        """Filter on `worker` ("" for cases without a worker, None for all)."""
        index = self.worker.findData(worker) if worker is not None else 0
        if index >= 0:
            self.worker.setCurrentIndex(index)

    def _filter_changed(self) -> None:
        self.filter.set_worker(self.worker.currentData())
        shown = self.filter.rowCount()
        self.count.setText(self.tr("%n case(s) shown", "", shown))
        self._selection_changed()

    def _load_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if self.loads.is_total(index.row()):
            self.show_worker(None)
        else:
            self.show_worker(self.loads.load_at(index.row()).worker)

    # --- selection and actions ---------------------------------------------------------------

    def selected_case_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.filter.index(r, 0).data(CASE_ID_ROLE) for r in rows]

    def _select(self, case_ids: set[str]) -> None:
        if not case_ids:
            return
        selection = self.table.selectionModel()
        for row in range(self.filter.rowCount()):
            index = self.filter.index(row, 0)
            if index.data(CASE_ID_ROLE) in case_ids:
                selection.select(
                    index,
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def _selection_changed(self, *_: object) -> None:
        self.hand_over.setEnabled(bool(self.selected_case_ids()))

    def _open(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.open_case.emit(case_id)

    def _ask_handover(self) -> None:
        ids = self.selected_case_ids()
        if ids:
            self.handover_requested.emit(ids)
