""" "Vandaag": what needs the worker today. Every line opens its case."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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
from app.vocabulary import ContactKind
from ui.formatting import clock_time, day, overdue_text, risk_text, short_day

CASE_ID = Qt.ItemDataRole.UserRole


class Panel(QGroupBox):
    """One list of the dashboard: a title with a count, a table of lines, an empty text."""

    def __init__(self, title: str, headers: list[str], empty: str, parent=None) -> None:
        super().__init__(parent)
        self._title = title
        self.list = QTreeWidget()
        self.list.setAccessibleName(title)
        self.list.setHeaderLabels(headers)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        self.empty = QLabel(empty)
        self.empty.setObjectName("emptyText")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        self.set_lines([])

    def set_lines(self, lines: list[tuple[str, list[str]]]) -> None:
        self.list.clear()
        items = []
        for case_id, texts in lines:
            item = QTreeWidgetItem(texts)
            item.setData(0, CASE_ID, case_id)
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
        )
        self.overdue = Panel(
            self.tr("Overdue contact"),
            [self.tr("Client"), self.tr("Overdue"), self.tr("Programme"), self.tr("Risk")],
            self.tr("Nobody is waiting for contact."),
        )
        self.reviews = Panel(
            self.tr("Safety plans and agreements to review"),
            [self.tr("Review date"), self.tr("Client"), self.tr("What")],
            self.tr("Nothing to review."),
        )
        self.ending = Panel(
            self.tr("Programme end approaching"),
            [self.tr("Ends"), self.tr("Client"), self.tr("Programme")],
            self.tr("No programme ends soon."),
        )
        self.checkins = Panel(
            self.tr("Aftercare check-ins due"),
            [self.tr("Due"), self.tr("Client")],
            self.tr("No check-ins due."),
        )
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.planned, 0, 0)
        grid.addWidget(self.overdue, 1, 0, 2, 1)
        grid.addWidget(self.reviews, 0, 1)
        grid.addWidget(self.ending, 1, 1)
        grid.addWidget(self.checkins, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        for row in range(3):
            grid.setRowStretch(row, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid, 1)
        for panel in self.panels():
            panel.list.itemActivated.connect(self._activated)

    def panels(self) -> list[Panel]:
        return [self.planned, self.overdue, self.reviews, self.ending, self.checkins]

    def show_dashboard(self, board: Dashboard) -> None:
        self.heading.setText(self.tr("Today, %1").replace("%1", day(board.today)))
        self.planned.set_lines(
            [
                (v.case_id, [clock_time(v.starts_at), v.display_name, _kind(v.kind), v.address])
                for v in board.planned_today
            ]
        )
        self.overdue.set_lines(
            [
                (
                    r.case_id,
                    [r.display_name, overdue_text(r.overdue_days), r.programme, risk_text(r.risk)],
                )
                for r in board.overdue
            ]
        )
        self.reviews.set_lines(
            [
                (i.case_id, [day(i.review_date), i.display_name, i.what.capitalize()])
                for i in board.reviews_due
            ]
        )
        self.ending.set_lines(
            [
                (r.case_id, [short_day(r.end.ends_on), r.display_name, r.programme])
                for r in board.ending
                if r.end
            ]
        )
        self.checkins.set_lines(
            [(r.case_id, [short_day(r.due.due_on), r.display_name]) for r in board.checkins_due]
        )

    def clear(self) -> None:
        self.heading.clear()
        for panel in self.panels():
            panel.set_lines([])

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_case.emit(item.data(0, CASE_ID))


def _kind(value: str) -> str:
    try:
        return ContactKind(value).label
    except ValueError:
        return value
