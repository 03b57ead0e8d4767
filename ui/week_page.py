"""The week view (Ctrl+3): the planned contacts of one week, Monday to Sunday, a group per
day, with time, client, kind, address (secret ones masked), location and with whom.
Enter on a contact opens its case. The window fetches each week on the vault thread."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.agenda import WeekAgenda, week_of
from app.dashboard import PlannedVisit
from ui.formatting import clock_time, long_day, weekday_day

CASE_ID = Qt.ItemDataRole.UserRole
DAY_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ID = Qt.ItemDataRole.UserRole + 2
TODAY_BACKGROUND = "#fff1c7"  # the amber of "due today", light enough for black text


class Col:
    TIME, CLIENT, KIND, ADDRESS, LOCATION, PRESENT = range(6)


class WeekPage(QWidget):
    """Signals: `open_case(case_id)` on Enter/double-click on a contact; `week_requested`
    with the Monday of the week to show, or None for this week."""

    open_case = Signal(str)
    week_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda: WeekAgenda | None = None
        self.heading = QLabel()
        self.heading.setObjectName("screenTitle")
        self.previous = QPushButton(self.tr("&Previous week"))
        self.previous.setToolTip(self.tr("Previous week (Alt+Left, Page Up)"))
        self.this_week = QPushButton(self.tr("T&his week"))
        self.this_week.setToolTip(self.tr("Back to this week (Alt+Home)"))
        self.next = QPushButton(self.tr("Ne&xt week"))
        self.next.setToolTip(self.tr("Next week (Alt+Right, Page Down)"))
        for button in (self.previous, self.this_week, self.next):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.summary = QLabel()
        self.summary.setObjectName("hintText")

        self.list = QTreeWidget()
        self.list.setAccessibleName(self.tr("Planned contacts of the week"))
        self.list.setHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Client"),
                self.tr("Kind"),
                self.tr("Address"),
                self.tr("Location"),
                self.tr("With whom"),
            ]
        )
        self.list.setUniformRowHeights(True)
        self.list.setIndentation(12)
        self.list.setRootIsDecorated(False)
        self.list.setItemsExpandable(False)
        self.list.setExpandsOnDoubleClick(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Col.ADDRESS, QHeaderView.ResizeMode.Stretch)
        for column in (Col.LOCATION, Col.PRESENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.list.setColumnWidth(column, self.fontMetrics().horizontalAdvance("x" * 22))
        self.list.itemActivated.connect(self._activated)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.previous)
        top.addWidget(self.this_week)
        top.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)

        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.this_week.clicked.connect(lambda: self.week_requested.emit(None))
        for keys, weeks in (
            ("Alt+Left", -1),
            ("PgUp", -1),
            ("Alt+Right", 1),
            ("PgDown", 1),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda weeks=weeks: self.step(weeks))
        home = QShortcut(QKeySequence("Alt+Home"), self)
        home.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        home.activated.connect(lambda: self.week_requested.emit(None))

    # --- navigation ------------------------------------------------------------------------

    @property
    def monday(self) -> date | None:
        """The Monday of the week shown (None before the first week is in)."""
        return self.agenda.monday if self.agenda else None

    def step(self, weeks: int) -> None:
        """Ask for the week `weeks` before (negative) or after the one shown."""
        if self.agenda is not None:
            self.week_requested.emit(self.agenda.monday + timedelta(weeks=weeks))

    # --- data ------------------------------------------------------------------------------

    def show_week(self, agenda: WeekAgenda) -> None:
        """Fill the days of `agenda`. The current line stays on the contact it was on (a
        refresh after a save or sync); else it lands on the first contact of today (in this
        week) or of the week."""
        previous = self.list.currentItem()
        keep = previous.data(0, CONTACT_ID) if previous is not None else None
        self.agenda = agenda
        this_monday = week_of(agenda.today)[0]
        self.heading.setText(
            self.tr("Week %1 · %2 – %3")
            .replace("%1", str(agenda.monday.isocalendar().week))
            .replace("%2", long_day(agenda.monday, agenda.monday.year != agenda.sunday.year))
            .replace("%3", long_day(agenda.sunday))
        )
        self.summary.setText(self.tr("%n planned contact(s)", "", len(agenda.visits)))
        self.this_week.setEnabled(agenda.monday != this_monday)
        self.list.clear()
        first_visit: QTreeWidgetItem | None = None
        today_visit: QTreeWidgetItem | None = None
        kept: QTreeWidgetItem | None = None
        bold = QFont(self.list.font())
        bold.setBold(True)
        for on in agenda.days:
            visits = agenda.on(on)
            heading = QTreeWidgetItem([self._day_title(on, agenda.today, len(visits))])
            heading.setData(0, DAY_ROLE, on.isoformat())
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setFont(0, bold)
            if on == agenda.today:
                for column in range(self.list.columnCount()):
                    heading.setBackground(column, QBrush(QColor(TODAY_BACKGROUND)))
            self.list.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            if not visits:
                free = QTreeWidgetItem([self.tr("No appointments")])
                free.setFlags(Qt.ItemFlag.NoItemFlags)
                free.setForeground(0, QBrush(QColor("#555555")))
                heading.addChild(free)
                free.setFirstColumnSpanned(True)
            for visit in visits:
                item = self._visit_item(visit)
                heading.addChild(item)
                first_visit = first_visit or item
                if keep and visit.contact_id == keep:
                    kept = item
                if on == agenda.today:
                    today_visit = today_visit or item
            heading.setExpanded(True)
        current = kept or today_visit or first_visit
        if current is not None:
            self.list.setCurrentItem(current)
            self.list.scrollToItem(current)
        elif agenda.holds_today:
            today_heading = self.list.topLevelItem(agenda.today.weekday())
            if today_heading is not None:
                self.list.scrollToItem(today_heading)

    def _day_title(self, on: date, today: date, count: int) -> str:
        title = weekday_day(on)
        if on == today:
            title += " · " + self.tr("today")
        if count:
            title += " · " + self.tr("%n contact(s)", "", count)
        return title

    def _visit_item(self, visit: PlannedVisit) -> QTreeWidgetItem:
        texts = [
            clock_time(visit.starts_at),
            visit.display_name,
            visit.kind_label,
            visit.address,
            visit.location,
            ", ".join(visit.present),
        ]
        item = QTreeWidgetItem(texts)
        item.setData(0, CASE_ID, visit.case_id)
        item.setData(0, CONTACT_ID, visit.contact_id)
        for column, text in enumerate(texts):
            if text:
                item.setToolTip(column, text)
        return item

    def visit_items(self) -> list[QTreeWidgetItem]:
        """The contact lines shown, Monday to Sunday (not the day headings)."""
        items = []
        for d in range(self.list.topLevelItemCount()):
            heading = self.list.topLevelItem(d)
            for c in range(heading.childCount() if heading is not None else 0):
                child = heading.child(c) if heading is not None else None
                if child is not None and child.data(0, CASE_ID):
                    items.append(child)
        return items

    def clear(self) -> None:
        """Forget the week (on lock): nothing of a case stays in the page."""
        self.agenda = None
        self.list.clear()
        self.heading.clear()
        self.summary.clear()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        case_id = item.data(0, CASE_ID)
        if case_id:
            self.open_case.emit(case_id)
