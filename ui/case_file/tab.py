"""What every tab of the case file shares: a small action bar above its content.

A tab puts its buttons (record a safety plan, add an agreement, ...) in `action_bar` with
`add_action`; the bar takes no room while it is empty. A tab that is one page of HTML (the
agreements, goals, handover and discussions tabs) is a BrowserTab given the module's
`*_html(file)` function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from app.casework import CaseFile

W = TypeVar("W", bound=QWidget)


def browser(name: str) -> QTextBrowser:
    """A read-only HTML view whose links are handled by the tab (never opened)."""
    view = QTextBrowser()
    view.setAccessibleName(name)
    view.setOpenLinks(False)
    return view


def record_tree(name: str, headers: list[str]) -> QTreeWidget:
    """A list of a tab's records (accessible name `name`, columns `headers`): one line chosen
    at a time, the first column taking the width the others leave, no sideways scrolling."""
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setHeaderLabels(headers)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return tree


class CaseTab(QWidget):
    """A tab: `action_bar` on top (empty until a tab adds buttons), then the content."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.action_bar = QHBoxLayout()
        self.action_bar.setContentsMargins(0, 0, 0, 0)
        self.action_bar.addStretch(1)
        self.layout_.addLayout(self.action_bar)

    def add_action(self, widget: W) -> W:
        """Put a button (or another small control) in the tab's action bar, left to right."""
        self.action_bar.insertWidget(self.action_bar.count() - 1, widget)
        return widget

    def set_content(self, widget: W) -> W:
        """The tab's main widget, taking the room below the action bar."""
        self.layout_.addWidget(widget, 1)
        return widget

    def set_list_and_details(
        self, label: QLabel, records: QWidget, details: QWidget, shares: tuple[int, int]
    ) -> QSplitter:
        """The content as a labelled list above the chosen record's details, in a splitter
        whose parts grow in the proportion `shares` (list, details); neither can vanish."""
        label.setBuddy(records)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(label)
        top_layout.addWidget(records)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, shares[0])
        splitter.setStretchFactor(1, shares[1])
        splitter.setChildrenCollapsible(False)
        return self.set_content(splitter)


class BrowserTab(CaseTab):
    """A tab that shows the case file as HTML: `render(file)` makes it, `browser` (whose
    accessible name is `name`) shows it."""

    def __init__(
        self, name: str, render: Callable[[CaseFile], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.to_html = render
        self.browser = self.set_content(browser(name))

    def show_file(self, file: CaseFile) -> None:
        self.browser.setHtml(self.to_html(file))

    def clear(self) -> None:
        self.browser.clear()
