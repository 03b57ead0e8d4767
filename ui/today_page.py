""" "Vandaag": what needs the worker today. Every line opens its case."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
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


class Line(NamedTuple):
    """One line of a panel: its case, the column texts, and how it stands against today
    (`state` marks the columns in `marked`, in colour and weight)."""

    case_id: str
    texts: list[str]
    state: DueState | None = None
    marked: tuple[int, ...] = (0,)


class Panel(QGroupBox):
    """One list of the dashboard: a title with a count, a table of lines, an empty text.
    Column `stretch` takes the room that is left (and elides); the others fit their text,
    so a narrow window never needs to scroll sideways."""

    def __init__(
        self, title: str, headers: list[str], empty: str, stretch: int, parent=None
    ) -> None:
        super().__init__(parent)
        self._title = title
        self.list = QTreeWidget()
        self.list.setAccessibleName(title)
        self.list.setHeaderLabels(headers)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(empty)
        self.empty.setObjectName("emptyText")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        self.set_lines([])

    def set_lines(self, lines: list[Line]) -> None:
        self.list.clear()
        items = []
        for line in lines:
            item = QTreeWidgetItem(line.texts)
            item.setData(0, CASE_ID, line.case_id)
            for column, text in enumerate(line.texts):
                item.setToolTip(column, text)
            colour, font = due_colour(line.state), due_font(line.state, self.list.font())
            for column in line.marked:
                if colour is not None:
                    item.setForeground(column, colour)
                if font is not None:
                    item.setFont(column, font)
            items.append(item)
        self.list.addTopLevelItems(items)
        self.setTitle(f"{self._title} ({len(lines)})")
        self.list.setVisible(bool(lines))
        self.empty.setVisible(not lines)


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
            panel.list.itemActivated.connect(self._activated)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # Below this width the programme would shrink to a stub ("Movi…"); the case file
        # and the caseload name it, so the overdue panel leaves it out instead.
        self.overdue.list.setColumnHidden(OVERDUE_PROGRAMME, event.size().width() < NARROW)
        super().resizeEvent(event)

    def panels(self) -> list[Panel]:
        return [self.planned, self.overdue, self.reviews, self.breaches, self.ending, self.checkins]

    def show_dashboard(self, board: Dashboard) -> None:
        today = board.today
        self.heading.setText(self.tr("Today, %1").replace("%1", day(today)))
        self.planned.set_lines(
            [
                Line(v.case_id, [clock_time(v.starts_at), v.display_name, v.kind_label, v.address])
                for v in board.planned_today
            ]
        )
        overdue = []
        for r in board.overdue:
            line = Line(
                r.case_id,
                [r.display_name, overdue_text(r.overdue_days), risk_text(r.risk), r.programme],
                DueState.OVERDUE,
                (1,),
            )
            overdue.append(line)
        self.overdue.set_lines(overdue)
        self._colour_risks(board)
        self.reviews.set_lines(
            [
                Line(
                    i.case_id,
                    [dated_words(i.review_date, today), i.display_name, _what(i.what)],
                    due_state(i.review_date, today),
                )
                for i in board.reviews_due
            ]
        )
        self.ending.set_lines(
            [
                Line(
                    r.case_id,
                    [dated_words(r.end.ends_on, today), r.display_name, r.programme],
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
                    [dated_words(r.due.due_on, today), r.display_name],
                    due_state(r.due.due_on, today),
                )
                for r in board.checkins_due
            ]
        )

        # A breach without a follow-up waits for the worker: its day in red, however old.
        self.breaches.set_lines(
            [
                Line(
                    b.case_id,
                    [day(b.occurred_on), b.display_name, " ".join(b.agreement.split())],
                    DueState.OVERDUE,
                )
                for b in board.open_breaches
            ]
        )

    def _colour_risks(self, board: Dashboard) -> None:
        for row, case in enumerate(board.overdue):
            colours = risk_colours(case.risk)
            item = self.overdue.list.topLevelItem(row)
            if colours and item is not None:
                item.setBackground(2, colours[0])
                item.setForeground(2, colours[1])

    def clear(self) -> None:
        self.heading.clear()
        for panel in self.panels():
            panel.set_lines([])

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_case.emit(item.data(0, CASE_ID))


def _what(what: str) -> str:
    """The kind of review in a word: the panel's title names the rest."""
    return (
        QCoreApplication.translate("TodayPage", "Plan")
        if what == "veiligheidsplan"
        else (QCoreApplication.translate("TodayPage", "Agreement"))
    )
