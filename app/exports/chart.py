"""The ZRM trend as a vector chart: one line per life domain, scores 1-5 over time."""

from __future__ import annotations

from datetime import date

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from app.exports.document import Picture
from app.exports.fonts import REGULAR
from app.vocabulary import LifeDomain
from app.zrm import ZrmAssessment, zrm_trend

# Thirteen domains need thirteen lines a reader can tell apart, also when printed grey.
PALETTE = [
    "#1d4e89",
    "#c0392b",
    "#2e8540",
    "#8e44ad",
    "#d35400",
    "#16a085",
    "#7f8c8d",
    "#b7950b",
    "#2c3e50",
    "#e84393",
    "#6d4c41",
    "#0097a7",
    "#5d6d7e",
]
MARKERS = ["FilledCircle", "FilledSquare", "FilledDiamond", "FilledTriangle", "Circle", "Square"]


def zrm_chart(assessments: list[ZrmAssessment], width: float, height: float) -> Picture:
    """The chart with its legend to the right; a single assessment still shows as points."""
    trend = {d: points for d, points in zrm_trend(assessments).items() if points}
    drawing = Drawing(width, height)
    legend_width = 150
    plot = LinePlot()
    plot.x, plot.y = 28, 22
    plot.width, plot.height = width - legend_width - 40, height - 34
    domains = sorted(trend, key=lambda d: list(LifeDomain).index(d))
    plot.data = [[(day.toordinal(), score) for day, score in trend[d]] for d in domains]
    days = sorted({day for points in trend.values() for day, _ in points})
    first, last = days[0].toordinal(), days[-1].toordinal()
    if first == last:  # one date: give the axis some width around it
        first, last = first - 15, last + 15
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = first, last
    plot.xValueAxis.valueSteps = _date_steps(days)
    plot.xValueAxis.labelTextFormat = lambda v: date.fromordinal(int(v)).strftime("%m-%Y")
    plot.xValueAxis.labels.fontName = REGULAR
    plot.xValueAxis.labels.fontSize = 7
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = 0.8, 5.2
    plot.yValueAxis.valueSteps = [1, 2, 3, 4, 5]
    plot.yValueAxis.labelTextFormat = "%d"
    plot.yValueAxis.labels.fontName = REGULAR
    plot.yValueAxis.labels.fontSize = 7
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#dde3ea")
    for i in range(len(domains)):
        line = plot.lines[i]
        line.strokeColor = colors.HexColor(PALETTE[i % len(PALETTE)])
        line.strokeWidth = 1.4
        line.symbol = makeMarker(MARKERS[i % len(MARKERS)], size=4)
        line.symbol.fillColor = line.strokeColor
        line.symbol.strokeColor = line.strokeColor
    drawing.add(plot)
    legend = Legend()
    legend.x, legend.y = width - legend_width + 6, height - 6
    legend.alignment = "right"
    legend.fontName = REGULAR
    legend.fontSize = 7
    legend.dy, legend.deltay = 6, 9
    legend.columnMaximum = 13
    legend.colorNamePairs = [
        (colors.HexColor(PALETTE[i % len(PALETTE)]), d.label) for i, d in enumerate(domains)
    ]
    drawing.add(legend)
    drawing.add(String(2, height - 8, "score", fontName=REGULAR, fontSize=7))
    return Picture(drawing)


def _date_steps(days: list[date]) -> list[int]:
    """At most six date labels, taken from the assessment dates themselves."""
    if len(days) <= 6:
        return [d.toordinal() for d in days]
    stride = (len(days) - 1) / 5
    return sorted({days[round(i * stride)].toordinal() for i in range(6)})
