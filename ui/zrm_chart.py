"""The ZRM trend as small multiples: one small chart per scored life domain (score 1-5 against
date, one shared date axis), laid out in as many columns as the width allows so all thirteen
show without scrolling sideways. The handover pack and the teamkracht sheet draw the same
design (app/exports/chart.py); both take their layout from app/zrm_panels.py."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.vocabulary import LifeDomain
from app.zrm import MAX_SCORE, MIN_SCORE
from app.zrm_panels import (
    Panel,
    assessment_days,
    change_text,
    columns_for,
    date_fraction,
    date_span,
    rows_for,
    score_fraction,
)
from ui.formatting import day

LINE = QColor("#1d4e89")
GRID = QColor("#dde3ea")
FRAME = QColor("#c8d0da")
MUTED = QColor("#5f6b7a")
MIN_PANEL_WIDTH = 170  # pixels: "Maatschappelijke participatie" elided, dates readable
MIN_PANEL_HEIGHT = 96
GAP = 6


class ZrmChart(QWidget):
    """Small multiples of the ZRM trend. `set_trend(trend)` takes zrm_trend's shape
    (domain -> [(date, score)]); `panel_rects()` says where each panel is drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panels: list[Panel] = []
        self._span: tuple[date, date] | None = None
        self._days: list[date] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(MIN_PANEL_WIDTH + 2 * GAP)
        self.setAccessibleName(self.tr("ZRM trend chart"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(5 * (MIN_PANEL_WIDTH + GAP), 3 * (MIN_PANEL_HEIGHT + GAP))

    @property
    def panels(self) -> list[Panel]:
        return list(self._panels)

    def set_trend(self, trend: dict[LifeDomain, list[tuple[date, int]]]) -> None:
        """Show one panel per domain with a score, in the matrix's order."""
        self._panels = [Panel(d, tuple(trend[d])) for d in LifeDomain if trend.get(d)]
        self._span = date_span(self._panels) if self._panels else None
        self._days = assessment_days(self._panels)
        self.setAccessibleDescription("; ".join(p.summary_nl() for p in self._panels))
        self._fit_height()
        self.update()

    # --- layout ----------------------------------------------------------------------------

    def columns(self) -> int:
        return columns_for(len(self._panels), self.width() - GAP, None, MIN_PANEL_WIDTH + GAP)

    def _needed_height(self, width: int) -> int:
        if not self._panels:
            return MIN_PANEL_HEIGHT
        columns = columns_for(len(self._panels), width - GAP, None, MIN_PANEL_WIDTH + GAP)
        return rows_for(len(self._panels), columns) * (MIN_PANEL_HEIGHT + GAP) + GAP

    def _fit_height(self) -> None:
        # In a scroll area that only scrolls up and down: tall enough for every row.
        needed = self._needed_height(max(self.width(), self.minimumWidth()))
        if self.minimumHeight() != needed:
            self.setMinimumHeight(needed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_height()

    def panel_rects(self) -> list[tuple[LifeDomain, QRect]]:
        """Each panel's rectangle in this widget, in the order drawn."""
        count = len(self._panels)
        if not count:
            return []
        columns = self.columns()
        rows = rows_for(count, columns)
        width = (self.width() - GAP) / columns - GAP
        height = max(MIN_PANEL_HEIGHT, (self.height() - GAP) / rows - GAP)
        rects = []
        for i, panel in enumerate(self._panels):
            row, column = divmod(i, columns)
            x = GAP + column * (width + GAP)
            y = GAP + row * (height + GAP)
            rects.append((panel.domain, QRect(int(x), int(y), int(width), int(height))))
        return rects

    def event(self, event: QEvent) -> bool:
        # A panel's tooltip: its domain in full (a long name may be cut) and every score.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for (_domain, rect), panel in zip(self.panel_rects(), self._panels, strict=True):
                if rect.contains(event.pos()):
                    text = (
                        panel.domain.label
                        + "\n"
                        + ", ".join(f"{day(when)}: {score}" for when, score in panel.points)
                    )
                    QToolTip.showText(event.globalPos(), text, self, rect)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        if not self._panels or self._span is None:
            painter.setPen(self.palette().text().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No ZRM yet."))
            return
        for (_domain, rect), panel in zip(self.panel_rects(), self._panels, strict=True):
            self._paint_panel(painter, QRectF(rect), panel, self._span)

    def _paint_panel(
        self, painter: QPainter, rect: QRectF, panel: Panel, span: tuple[date, date]
    ) -> None:
        base = self.font()
        small = QFont(base)
        small.setPointSizeF(max(6.5, base.pointSizeF() * 0.8))
        bold = QFont(base)
        bold.setBold(True)
        big = QFont(bold)
        big.setPointSizeF(base.pointSizeF() * 1.25)
        text_colour = self.palette().text().color()

        painter.setPen(QPen(FRAME, 1))
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)

        pad = 6.0
        title_height = painter.fontMetrics().height() + 6
        # The latest score, large, with its change since the assessment before.
        painter.setFont(big)
        score_text = str(panel.latest)
        score_width = painter.fontMetrics().horizontalAdvance(score_text)
        painter.setFont(small)
        change = change_text(panel.change)
        change_width = painter.fontMetrics().horizontalAdvance(change) + 4 if change else 0
        score_box = QRectF(
            rect.right() - pad - score_width - change_width,
            rect.top() + 2,
            score_width,
            title_height,
        )
        painter.setFont(big)
        painter.setPen(text_colour)
        painter.drawText(score_box, Qt.AlignmentFlag.AlignVCenter, score_text)
        if change:
            painter.setFont(small)
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(score_box.right() + 4, rect.top() + 2, change_width, title_height),
                Qt.AlignmentFlag.AlignVCenter,
                change,
            )
        painter.setPen(text_colour)
        title_room = score_box.left() - rect.left() - pad - 4
        # A long name ("Maatschappelijke participatie") gets a smaller font before it is cut.
        title_font = QFont(bold)
        painter.setFont(title_font)
        wide = painter.fontMetrics().horizontalAdvance(panel.domain.label)
        if wide > title_room:
            title_font.setPointSizeF(max(small.pointSizeF(), bold.pointSizeF() * title_room / wide))
            painter.setFont(title_font)
        title = painter.fontMetrics().elidedText(
            panel.domain.label, Qt.TextElideMode.ElideRight, int(title_room)
        )
        painter.drawText(
            QRectF(rect.left() + pad, rect.top() + 2, title_room, title_height),
            Qt.AlignmentFlag.AlignVCenter,
            title,
        )

        painter.setFont(small)
        metrics = painter.fontMetrics()
        axis_width = metrics.horizontalAdvance("5") + 6
        label_height = metrics.height()
        plot = QRectF(
            rect.left() + pad + axis_width,
            rect.top() + title_height + label_height / 2 + 4,
            rect.width() - 2 * pad - axis_width - 4,
            rect.height() - title_height - 1.5 * label_height - 14,
        )
        if plot.height() < 10 or plot.width() < 20:
            return

        def y_of(score: float) -> float:
            return plot.bottom() - score_fraction(score) * plot.height()

        def x_of(when: date) -> float:
            return plot.left() + date_fraction(when, span) * plot.width()

        for score in range(MIN_SCORE, MAX_SCORE + 1):
            y = y_of(score)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if score in (MIN_SCORE, 3, MAX_SCORE):
                painter.setPen(MUTED)
                painter.drawText(
                    QRectF(rect.left() + pad, y - label_height / 2, axis_width - 4, label_height),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    str(score),
                )
        # The shared axis: its first and last assessment day under every panel.
        painter.setPen(MUTED)
        below = QRectF(
            plot.left(), plot.bottom() + label_height / 2 + 3, plot.width() + 4, label_height
        )
        if len(self._days) == 1:
            painter.drawText(below, Qt.AlignmentFlag.AlignHCenter, day(self._days[0]))
        else:
            painter.drawText(below, Qt.AlignmentFlag.AlignLeft, day(self._days[0]))
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, day(self._days[-1]))

        coords = [QPointF(x_of(when), y_of(score)) for when, score in panel.points]
        painter.setPen(QPen(LINE, 2))
        for a, b in zip(coords, coords[1:], strict=False):
            painter.drawLine(a, b)
        painter.setBrush(LINE)
        for point in coords[:-1]:
            painter.drawEllipse(point, 2.5, 2.5)
        painter.drawEllipse(coords[-1], 4, 4)  # the latest score stands out
