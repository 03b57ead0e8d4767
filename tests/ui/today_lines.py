"""What a Vandaag panel shows, read the way the view paints it: the texts of its lines, the
text colour and weight of a cell (through the view's delegate), the case behind a line."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from ui.today_page import CASE_ID, Panel


def count(panel: Panel) -> int:
    return panel.list.model().rowCount()


def text(panel: Panel, row: int, column: int) -> str:
    return panel.list.model().index(row, column).data()


def lines(panel: Panel) -> list[list[str]]:
    model = panel.list.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def case_id(panel: Panel, row: int) -> str:
    return panel.list.model().index(row, 0).data(CASE_ID)


def painted(panel: Panel, row: int, column: int) -> QStyleOptionViewItem:
    """The style option the view's delegate paints the cell with (text, colour, font)."""
    option = QStyleOptionViewItem()
    delegate = panel.list.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate)
    delegate.initStyleOption(option, panel.list.model().index(row, column))
    return option


def text_colour(panel: Panel, row: int, column: int) -> str:
    option = painted(panel, row, column)  # kept: the palette lives as long as the option
    return option.palette.color(QPalette.ColorRole.Text).name()


def is_bold(panel: Panel, row: int, column: int) -> bool:
    option = painted(panel, row, column)
    return option.font.bold()
