""" "Vandaag": what needs the worker today. Every line opens its case.

Each panel is a Qt model/view list: a table model over the panel's lines and a table view
(`LinesView`) that asks only for the rows it paints, so a caseload of thousands costs no
widget per line. A table view, not a tree view: a tree view lays out every row of the model
on each reset, asking the (Python) model twice per row, while a table of rows of one height
asks only for what it paints. Column widths are measured once per refresh over the distinct
texts of each column, not asked of every cell (bench: `python -m bench.desktop`)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.dashboard import Dashboard
from ui.formatting import (
    DueState,
    clock_time,
    dated_words,
    day,
    due_colour,
    due_font,
    due_state,
    overdue_text,
    risk_colours,
    risk_text,
)

CASE_ID = Qt.ItemDataRole.UserRole
NARROW = 1200  # page width (pixels) below which the overdue panel drops its programme
OVERDUE_PROGRAMME = 3
# Room around a cell's text (the delegate's margins and focus frame) and a header's title.
CELL_PADDING = 14
HEADER_PADDING = 22
# Texts of a column measured to size it: the widest by their characters (_fit_columns).
MEASURED = 48
Index = QModelIndex | QPersistentModelIndex


class Line(NamedTuple):
    """One line of a panel: its case, the column texts, and how it stands against today
    (`state` marks the columns in `marked`, in colour and weight). `badge`: a column painted
    as a badge (column, background, text colour), the risk in the overdue panel."""

    case_id: str
    texts: list[str]
    state: DueState | None = None
    marked: tuple[int, ...] = (0,)
    badge: tuple[int, QColor, QColor] | None = None


class LinesModel(QAbstractTableModel):
    """The lines of one panel as a table model. The view asks for the rows it paints; the
    text, tooltip, colours, weight and the case id (CASE_ID) of each cell come from its
    Line."""

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._lines: list[Line] = []
        self._base_font = QFont()
        self._marks: dict[DueState | None, tuple[QColor | None, QFont | None]] = {}

    def set_lines(self, lines: Sequence[Line], font: QFont) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        if font != self._base_font or not self._marks:
            self._base_font = QFont(font)
            self._marks = {
                state: (due_colour(state), due_font(state, self._base_font))
                for state in (None, *DueState)
            }
        self.endResetModel()

    def lines(self) -> list[Line]:
        return self._lines

    def case_id(self, row: int) -> str:
        return self._lines[row].case_id

    # --- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return line.texts[column]
        if role == CASE_ID:
            return line.case_id
        if role == Qt.ItemDataRole.ForegroundRole:
            badge = line.badge
            if badge is not None and badge[0] == column:
                return badge[2]
            return self._marks[line.state][0] if column in line.marked else None
        if role == Qt.ItemDataRole.BackgroundRole:
            badge = line.badge
            return badge[1] if badge is not None and badge[0] == column else None
        if role == Qt.ItemDataRole.FontRole and column in line.marked:
            return self._marks[line.state][1]
        return None


class LinesView(QTableView):
    """A panel's list: whole rows selected, one row height, no grid or row numbers; Home and
    End go to the first and the last line (as in a list, not to the first and last cell)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )

    def header(self) -> QHeaderView:
        """The column titles (as a tree view names them)."""
        return self.horizontalHeader()

    def fit_row_height(self) -> None:
        """Every row as high as the first line asks (its cells' size hints), as a tree view
        of rows of one height draws them."""
        height = self.sizeHintForRow(0) if self.model().rowCount() else -1
        if height > 0 and height != self.verticalHeader().defaultSectionSize():
            self.verticalHeader().setDefaultSectionSize(height)

    def moveCursor(  # noqa: N802
        self, cursor_action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        action = QAbstractItemView.CursorAction
        if cursor_action in (action.MoveHome, action.MoveEnd) and self.model().rowCount():
            row = 0 if cursor_action == action.MoveHome else self.model().rowCount() - 1
            return self.model().index(row, max(0, self.currentIndex().column()))
        return super().moveCursor(cursor_action, modifiers)


class Panel(QGroupBox):
    """One list of the dashboard: a title with a count, a list of lines, an empty text.
    Column `stretch` takes the room that is left (and elides); the others fit their
    longest text, so a narrow window never needs to scroll sideways."""

    def __init__(
        self, title: str, headers: list[str], empty: str, stretch: int, parent=None
    ) -> None:
        super().__init__(parent)
        self._title = title
        self._stretch = stretch
        self.model = LinesModel(headers, self)
        self.list = LinesView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(title)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(empty)
        self.empty.setObjectName("emptyText")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        self.set_lines([])

    def set_lines(self, lines: list[Line]) -> None:
        self.model.set_lines(lines, self.list.font())
        self.list.fit_row_height()
        self._fit_columns(lines)
        self.setTitle(f"{self._title} ({len(lines)})")
        self.list.setVisible(bool(lines))
        self.empty.setVisible(not lines)

    def _fit_columns(self, lines: list[Line]) -> None:
        """Each column but the stretching one as wide as its widest text (bold where the
        column can be marked), or its title. Measured over the MEASURED distinct texts that
        are widest by the sum of their characters' advances (each character measured once;
        kerning moves a text by a pixel or two): measuring every name took 25 ms at 5,000
        cases (bench.desktop), and a short name of wide letters ("MW Mommers-Wouw") can be
        wider than longer ones."""
        plain = self.list.fontMetrics()
        bold_font = QFont(self.list.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        titles = self.list.header().fontMetrics()
        for column in range(self.model.columnCount()):
            if column == self._stretch:
                continue
            texts = {line.texts[column] for line in lines}
            metrics = bold if lines and column in lines[0].marked else plain
            if len(texts) > MEASURED:
                advances = _Advances(metrics)
                texts = set(
                    heapq.nlargest(MEASURED, texts, key=lambda t: sum(map(advances.__getitem__, t)))
                )
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.list.header().resizeSection(
                column,
                max(widest + CELL_PADDING, titles.horizontalAdvance(title) + HEADER_PADDING),
            )

    def current_case_id(self) -> str | None:
        """The case of the line the keyboard is on, or None."""
        index = self.list.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def case_ids(self) -> list[str]:
        """The cases of the lines, top to bottom."""
        return [line.case_id for line in self.model.lines()]


class _Advances(dict):
    """Character -> its horizontal advance (pixels) in `metrics`, measured at the first ask."""

    def __init__(self, metrics: QFontMetrics) -> None:
        super().__init__()
        self._metrics = metrics

    def __missing__(self, char: str) -> int:
        width = self[char] = self._metrics.horizontalAdvance(char)
        return width


class TodayPage(QWidget):
    open_case = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("screenTitle")
        self.planned = Panel(
            self.tr("Planned visits today"),
            [self.tr("Time"), self.tr("Client"), self.tr("Kind"), self.tr("Address")],
            self.tr("No visits planned today."),
            stretch=3,
        )
        self.overdue = Panel(
            self.tr("Overdue contact"),
            [self.tr("Client"), self.tr("Overdue"), self.tr("Risk"), self.tr("Programme")],
            self.tr("Nobody is waiting for contact."),
            stretch=0,
        )
        self.reviews = Panel(
            self.tr("Safety plans and agreements to review"),
            [self.tr("Review date"), self.tr("Client"), self.tr("What")],
            self.tr("Nothing to review."),
            stretch=1,
        )
        self.ending = Panel(
            self.tr("Programme end approaching"),
            [self.tr("Ends"), self.tr("Client"), self.tr("Programme")],
            self.tr("No programme ends soon."),
            stretch=2,
        )
        self.checkins = Panel(
            self.tr("Aftercare check-ins due"),
            [self.tr("Due"), self.tr("Client")],
            self.tr("No check-ins due."),
            stretch=1,
        )
        self.breaches = Panel(
            self.tr("Open breaches"),
            [self.tr("Breach"), self.tr("Client"), self.tr("Agreement")],
            self.tr("No open breaches."),
            stretch=2,
        )
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.planned, 0, 0)
        grid.addWidget(self.overdue, 1, 0, 3, 1)
        grid.addWidget(self.reviews, 0, 1)
        grid.addWidget(self.breaches, 1, 1)
        grid.addWidget(self.ending, 2, 1)
        grid.addWidget(self.checkins, 3, 1)
        # Equal halves: the dated panels on the right need the room as much as the left.
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for row in range(4):
            grid.setRowStretch(row, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid, 1)
        for panel in self.panels():
            panel.list.activated.connect(self._activated)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # Below this width the programme would shrink to a stub ("Movi…"); the case file
        # and the caseload name it, so the overdue panel leaves it out instead.
        self.overdue.list.setColumnHidden(OVERDUE_PROGRAMME, event.size().width() < NARROW)
        super().resizeEvent(event)

    def panels(self) -> list[Panel]:
        return [self.planned, self.overdue, self.reviews, self.breaches, self.ending, self.checkins]

    def show_dashboard(self, board: Dashboard) -> None:
        today = board.today
        # The same few texts and colours recur on thousands of lines: each is made once.
        words: dict[date | None, str] = {}

        def dated(on: date | None) -> str:
            text = words.get(on)
            if text is None:
                text = words[on] = dated_words(on, today)
            return text

        self.heading.setText(self.tr("Today, %1").replace("%1", day(today)))
        self.planned.set_lines(
            [
                Line(v.case_id, [clock_time(v.starts_at), v.display_name, v.kind_label, v.address])
                for v in board.planned_today
            ]
        )
        late = {days: overdue_text(days) for days in {r.overdue_days for r in board.overdue}}
        risks = {
            risk: (risk_text(risk), risk_colours(risk)) for risk in {r.risk for r in board.overdue}
        }
        overdue = []
        for r in board.overdue:
            risk, colours = risks[r.risk]
            line = Line(
                r.case_id,
                [r.display_name, late[r.overdue_days], risk, r.programme],
                DueState.OVERDUE,
                (1,),
                (2, *colours) if colours else None,
            )
            overdue.append(line)
        self.overdue.set_lines(overdue)
        what = {kind: _what(kind) for kind in {i.what for i in board.reviews_due}}
        self.reviews.set_lines(
            [
                Line(
                    i.case_id,
                    [dated(i.review_date), i.display_name, what[i.what]],
                    due_state(i.review_date, today),
                )
                for i in board.reviews_due
            ]
        )
        self.ending.set_lines(
            [
                Line(
                    r.case_id,
                    [dated(r.end.ends_on), r.display_name, r.programme],
                    due_state(r.end.ends_on, today),
                )
                for r in board.ending
                if r.end
            ]
        )
        self.checkins.set_lines(
            [
                Line(
                    r.case_id,
                    [dated(r.due.due_on), r.display_name],
                    due_state(r.due.due_on, today),
                )
                for r in board.checkins_due
            ]
        )

        # A breach without a follow-up waits for the worker: its day in red, however old.
        days = {on: day(on) for on in {b.occurred_on for b in board.open_breaches}}
        self.breaches.set_lines(
            [
                Line(
                    b.case_id,
                    [days[b.occurred_on], b.display_name, " ".join(b.agreement.split())],
                    DueState.OVERDUE,
                )
                for b in board.open_breaches
            ]
        )

    def clear(self) -> None:
        self.heading.clear()
        for panel in self.panels():
            panel.set_lines([])

    def _activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID)
        if case_id:
            self.open_case.emit(case_id)


def _what(what: str) -> str:
    """The kind of review in a word: the panel's title names the rest."""
    return (
        QCoreApplication.translate("TodayPage", "Plan")
        if what == "veiligheidsplan"
        else (QCoreApplication.translate("TodayPage", "Agreement"))
    )
