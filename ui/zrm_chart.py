"""ZRM trend: one line per life domain over the assessments, scores 1 to 5."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.vocabulary import LifeDomain

PALETTE = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939", "#843c39",
]  # fmt: skip


class ZrmChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._trend: dict[LifeDomain, list[tuple[date, int]]] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("ZRM trend chart"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 300)

    def set_trend(self, trend: dict[LifeDomain, list[tuple[date, int]]]) -> None:
        self._trend = trend
        self.setAccessibleDescription(
            "; ".join(
                f"{domain.label}: " + ", ".join(str(score) for _, score in points)
                for domain, points in trend.items()
            )
        )
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = painter.fontMetrics()
        if not self._trend:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No ZRM yet."))
            return
        legend_width = max(metrics.horizontalAdvance(d.label) for d in self._trend) + 34
        margin = metrics.height()
        plot = QRectF(
            margin * 2.2,
            margin,
            max(50.0, self.width() - legend_width - margin * 3.2),
            max(50.0, self.height() - margin * 3.2),
        )
        days = sorted({d for points in self._trend.values() for d, _ in points})
        first, last = days[0].toordinal(), days[-1].toordinal()
        span = max(1, last - first)

        def point(day: date, score: int) -> QPointF:
            x = plot.left() + (day.toordinal() - first) / span * plot.width()
            if first == last:
                x = plot.center().x()
            y = plot.bottom() - (score - 1) / 4 * plot.height()
            return QPointF(x, y)

        grid = QPen(QColor("#d0d0d0"))
        for score in range(1, 6):
            y = point(days[0], score).y()
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(0, y - margin / 2, plot.left() - 6, margin),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(score),
            )
        for day in (days[0], days[-1]) if len(days) > 1 else (days[0],):
            x = min(max(point(day, 1).x(), plot.left() + 50), plot.right() - 50)
            painter.drawText(
                QRectF(x - 50, plot.bottom() + 4, 100, margin),
                Qt.AlignmentFlag.AlignHCenter,
                day.strftime("%d-%m-%Y"),
            )
        for i, (domain, points) in enumerate(self._trend.items()):
            colour = QColor(PALETTE[i % len(PALETTE)])
            painter.setPen(QPen(colour, 2))
            coords = [point(d, s) for d, s in points]
            for a, b in zip(coords, coords[1:], strict=False):
                painter.drawLine(a, b)
            painter.setBrush(colour)
            for c in coords:
                painter.drawEllipse(c, 3, 3)
            y = plot.top() + i * (margin + 2)
            legend_x = plot.right() + margin
            painter.drawLine(
                QPointF(legend_x, y + margin / 2), QPointF(legend_x + 18, y + margin / 2)
            )
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(legend_x + 24, y + metrics.ascent()), domain.label)
