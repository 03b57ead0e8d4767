"""What the worker sees of changes that did not go through sync: a notice in the status bar
("2 changes not synchronised") and, behind it, a small dialog listing each one: received and
set aside here (it did not fit Koers's data format) or sent and refused by the server, with
its case's name where this laptop holds the case, the kind of record and the reason in Dutch.
Nothing of a change's content is shown: the dialog names what it was about, not what it said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.rules import LOCAL_TZ
from app.sync_problems import INCOMING, SyncProblem, sync_problems

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class SyncProblemsDialog(QDialog):
    """The list of changes that did not go through; read-only, closed with Esc or Close."""

    COLUMNS = 5

    def __init__(self, problems: list[SyncProblem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncProblems")
        self.setWindowTitle(self.tr("Changes not synchronised"))
        received = sum(p.direction == INCOMING for p in problems)
        sent = len(problems) - received
        parts = []
        if received:
            parts.append(
                self.tr(
                    "%n change(s) from the server could not be processed on this laptop. "
                    "They are kept here; everything else was brought up to date.",
                    "",
                    received,
                )
            )
        if sent:
            parts.append(
                self.tr(
                    "%n change(s) you made were refused by the server. They are still on "
                    "this laptop; nothing of them is lost.",
                    "",
                    sent,
                )
            )
        parts.append(self.tr("Ask your administrator (beheerder) to look at them."))
        self.explanation = QLabel(" ".join(parts))
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(len(problems), self.COLUMNS)
        self.table.setObjectName("syncProblemList")
        self.table.setAccessibleName(self.tr("Changes not synchronised"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Direction"), self.tr("Case"), self.tr("Kind"), self.tr("Reason"),
             self.tr("When")]
        )  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)  # a long reason wraps instead of being cut off
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        for row, problem in enumerate(problems):
            for column, item in enumerate(self._items(problem)):
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        if problems:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def _items(self, problem: SyncProblem) -> list[QTableWidgetItem]:
        direction = (
            self.tr("Received, set aside")
            if problem.direction == INCOMING
            else self.tr("Sent, refused")
        )
        if problem.case_name is not None:
            case = problem.case_name
        elif problem.case_id is None:
            case = "—"
        else:
            case = self.tr("(not on this laptop)")
        when = problem.at.astimezone(LOCAL_TZ).strftime("%d-%m-%Y %H:%M") if problem.at else ""
        items = [QTableWidgetItem(text) for text in (direction, case, problem.kind,
                                                     problem.reason, when)]  # fmt: skip
        items[0].setData(Qt.ItemDataRole.UserRole, problem.change_id)
        items[3].setToolTip(problem.reason)
        return items

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def rows(self) -> list[list[str]]:
        """The table's texts, row by row (for tests and screen readers' sake, in order)."""
        return [
            [self._text(row, column) for column in range(self.COLUMNS)]
            for row in range(self.table.rowCount())
        ]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


class SyncProblemsController(QObject):
    """The window's side: the status-bar notice, kept up to date after every sync status, and
    the dialog it opens. A lock hides both (the dialog names cases)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: SyncProblemsDialog | None = None
        self.notice = QPushButton()
        self.notice.setObjectName("syncProblemsNotice")
        self.notice.setFlat(True)
        self.notice.setCursor(Qt.CursorShape.PointingHandCursor)
        self.notice.setStyleSheet("QPushButton { color: #9a3412; font-weight: 600; }")
        self.notice.setToolTip(self.tr("Show the changes that were not synchronised"))
        self.notice.clicked.connect(self.show_problems)
        self.notice.hide()
        window.statusBar().addPermanentWidget(self.notice)
        window.sync.problems_changed.connect(self.show_count)
        window.pages.currentChanged.connect(self._page_changed)

    def show_count(self, count: int) -> None:
        """Show (or hide, at 0) the notice for `count` changes."""
        if count <= 0 or self.window.session is None:
            self.notice.hide()
            return
        self.notice.setText("⚠ " + self.tr("%n change(s) not synchronised", "", count))
        self.notice.setAccessibleName(self.notice.text())
        self.notice.show()

    def show_problems(self) -> None:
        """Read the list on the vault thread and show it in the dialog."""
        session = self.window.session
        if session is None:
            return
        self.window.runner.submit(lambda: sync_problems(session.vault), self._show_dialog)

    def _show_dialog(self, problems: list[SyncProblem]) -> None:
        if self.window.session is None:  # locked meanwhile
            return
        self.show_count(len(problems))
        if self.dialog is not None:
            self.dialog.done(0)
        self.dialog = SyncProblemsDialog(problems, self.window)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self) -> None:
        self.dialog = None

    def _page_changed(self) -> None:
        if self.window.pages.currentWidget() is self.window.unlock_screen:
            self.notice.hide()
            if self.dialog is not None:
                self.dialog.done(0)
