"""The caseload as a Qt table model, with a filter proxy. Built for 5,000 rows and more:
one model, no widget per row; sorting happens in Python on the row list (one key function,
not a Python comparison per pair) and filtering asks one Python predicate per row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from app.caseload import CaseloadRow
from app.rules import local_today
from app.vocabulary import CaseStatus
from ui.formatting import (
    DueState,
    day,
    due_colour,
    due_font,
    due_state,
    due_text,
    overdue_text,
    risk_colours,
    risk_text,
)

Index = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The text of a closed case's row: grey, readable on white and the alternating colour.
CLOSED_COLOUR = QColor("#6f6f6f")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseloadModel", text)


class Column:
    """Model columns, in the order they show: what a worker scans first comes first."""

    NAME, RISK, NEXT, OVERDUE, PROGRAMME, PHASE, LAST, STATUS, INITIALS, WORKER = range(10)


HEADERS = [
    QT_TRANSLATE_NOOP("CaseloadModel", "Name"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Risk"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Next contact"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Overdue"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Programme"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Phase"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Last contact"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Status"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Initials"),
    QT_TRANSLATE_NOOP("CaseloadModel", "Worker"),
]

# Sort keys per column; every key ends in the name so equal values keep a stable order.
SORT_KEYS: dict[int, Callable[[CaseloadRow], Any]] = {
    Column.NAME: lambda r: r.display_name.casefold(),
    Column.INITIALS: lambda r: (r.initials.casefold(), r.display_name),
    Column.PROGRAMME: lambda r: (r.programme, r.display_name),
    Column.PHASE: lambda r: (r.programme, r.phase, r.display_name),
    Column.RISK: lambda r: (int(r.risk) if r.risk else 0, r.display_name),
    Column.WORKER: lambda r: (r.worker, r.display_name),
    Column.LAST: lambda r: (r.last_contact_on or date.min, r.display_name),
    Column.NEXT: lambda r: (-r.overdue_days, r.due.due_on or date.max, r.display_name),
    Column.OVERDUE: lambda r: (-r.overdue_days, r.due.due_on or date.max, r.display_name),
    Column.STATUS: lambda r: (r.status.value, r.display_name),
}


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []
        self._today = local_today()
        self._sort: tuple[int, Qt.SortOrder] = (Column.NEXT, Qt.SortOrder.AscendingOrder)
        self._font = QFont()

    # --- data in ---------------------------------------------------------------------------

    def set_rows(self, rows: list[CaseloadRow], today: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self._apply_sort()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([], self._today)

    def rows(self) -> list[CaseloadRow]:
        return self._rows

    def row_at(self, row: int) -> CaseloadRow:
        return self._rows[row]

    # --- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(str(HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == CASE_ID_ROLE:
            return row.case_id
        if row.status is CaseStatus.AFGESLOTEN:
            # A closed case (shown on request) is greyed: no risk colour, nothing due.
            return CLOSED_COLOUR if role == Qt.ItemDataRole.ForegroundRole else None
        if column == Column.RISK and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            colours = risk_colours(row.risk)
            if colours:
                return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        if column in (Column.NEXT, Column.OVERDUE):
            # A QColor, not a Qt.GlobalColor: the view only paints what converts to a brush
            # (a bare enum arrives as an int and was ignored, so the cell stayed grey).
            state = self._state(row)
            if role == Qt.ItemDataRole.ForegroundRole:
                return due_colour(state)
            if role == Qt.ItemDataRole.FontRole:
                return due_font(state, self._font)
        return None

    def _state(self, row: CaseloadRow) -> DueState | None:
        if row.overdue_days > 0:
            return DueState.OVERDUE
        return due_state(row.due.due_on, self._today)

    def _display(self, row: CaseloadRow, column: int) -> str:
        match column:
            case Column.NAME:
                return row.display_name
            case Column.INITIALS:
                return row.initials
            case Column.PROGRAMME:
                return row.programme
            case Column.PHASE:
                return row.phase
            case Column.RISK:
                return risk_text(row.risk)
            case Column.WORKER:
                return row.worker
            case Column.LAST:
                return day(row.last_contact_on)
            case Column.NEXT:
                if row.status is CaseStatus.AFGESLOTEN:  # says so where Status has no room
                    return row.status.label
                if row.due.due_on is None:
                    return due_text(None, self._today)
                return day(row.due.due_on)
            case Column.OVERDUE:
                if row.overdue_days > 0:
                    return overdue_text(row.overdue_days)
                return (
                    due_text(row.due.due_on, self._today) if row.due.due_on == self._today else ""
                )
            case Column.STATUS:
                return row.status.label
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        self._rows.sort(
            key=SORT_KEYS.get(column, SORT_KEYS[Column.NAME]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )


class CaseloadFilter(QSortFilterProxyModel):
    """Filters by programme, phase, minimum risk, worker, overdue and a search text that
    matches names, initials, and (through `set_report_matches`) contact report text.
    Closed cases (afgesloten) pass only with `show_closed`."""

    ANY = ""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.programme = self.ANY
        self.phase = self.ANY
        self.worker = self.ANY
        self.min_risk = 0
        self.overdue_only = False
        self.show_closed = False
        self.text = ""
        self._term = ""
        self._report_matches: set[str] = set()

    def set_criteria(self, **criteria: Any) -> None:
        for name, value in criteria.items():
            if not hasattr(self, name):
                raise AttributeError(name)
            setattr(self, name, value)
        self._term = self.text.strip().casefold()
        self.refilter()

    def set_report_matches(self, case_ids: set[str]) -> None:
        self._report_matches = case_ids
        self.refilter()

    def refilter(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def _source(self) -> CaseloadModel:
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        return model

    def _accepts(self, row: CaseloadRow) -> bool:
        if row.status is CaseStatus.AFGESLOTEN and not self.show_closed:
            return False
        if self.programme and row.programme_id != self.programme:
            return False
        if self.phase and row.phase != self.phase:
            return False
        if self.worker and row.worker != self.worker:
            return False
        if self.min_risk and (row.risk is None or int(row.risk) < self.min_risk):
            return False
        if self.overdue_only and row.overdue_days <= 0:
            return False
        term = self._term
        if term:
            return (
                term in row.display_name.casefold()
                or term in row.initials.casefold()
                or row.case_id in self._report_matches
            )
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        # Qt asks once per row after every reset, re-sort or criteria change.
        return self._accepts(self._source().row_at(source_row))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorting lives in the source model (fast key sort); the proxy keeps its order.
        self._source().sort(column, order)
