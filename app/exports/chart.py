"""The ZRM trend as a vector chart of small multiples: one small chart per scored life domain,
score 1-5 against one shared date axis, the latest score and its change in each title. The
window draws the same design (ui/zrm_chart.py); both take the layout from app/zrm_panels.py.
"""

from __future__ import annotations

from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.exports.document import Picture
from app.exports.fonts import BOLD, REGULAR
from app.zrm import MAX_SCORE, MIN_SCORE, ZrmAssessment
from app.zrm_panels import (
    Panel,
    assessment_days,
    change_text,
    columns_for,
    date_fraction,
    date_span,
    panels,
    rows_for,
    score_fraction,
)

LINE = colors.HexColor("#1d4e89")
GRID = colors.HexColor("#dde3ea")
FRAME = colors.HexColor("#c8d0da")
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
# Four panels across a page: a title such as "Geestelijke gezondheid" fits at 7 pt.
MIN_PANEL_WIDTH = 38 * mm
PANEL_HEIGHT = 23 * mm
GAP = 2 * mm
TITLE_SIZE, SCORE_SIZE, LABEL_SIZE = 7, 9, 5.5
SMALLEST_TITLE = 5.0  # a long title shrinks to this size before it is cut


def chart_height(
    assessments: list[ZrmAssessment], width: float, panel_height: float = PANEL_HEIGHT
) -> float:
    """The height (points) `zrm_chart` takes at `width` with panels `panel_height` high."""
    count = len(panels(assessments))
    columns = columns_for(count, width + GAP, None, MIN_PANEL_WIDTH + GAP)
    return rows_for(count, columns) * (panel_height + GAP) - GAP


def zrm_chart(
    assessments: list[ZrmAssessment], width: float, panel_height: float = PANEL_HEIGHT
) -> Picture:
    """The small multiples in `width` points, as many columns as fit (four on an A4 page),
    each panel `panel_height` points high. A single assessment still shows as points; no
    scored domain at all draws nothing."""
    found = panels(assessments)
    height = chart_height(assessments, width, panel_height)
    drawing = Drawing(width, height)
    if not found:
        return Picture(drawing)
    columns = columns_for(len(found), width + GAP, None, MIN_PANEL_WIDTH + GAP)
    rows = rows_for(len(found), columns)
    panel_width = (width + GAP) / columns - GAP
    panel_height = (height + GAP) / rows - GAP
    span = date_span(found)
    days = assessment_days(found)
    for i, panel in enumerate(found):
        row, column = divmod(i, columns)
        x = column * (panel_width + GAP)
        y = height - (row + 1) * panel_height - row * GAP  # reportlab counts from the bottom
        _panel(drawing, panel, x, y, panel_width, panel_height, span, days)
    return Picture(drawing)


def _panel(
    drawing: Drawing,
    panel: Panel,
    x: float,
    y: float,
    width: float,
    height: float,
    span: tuple[date, date],
    days: list[date],
) -> None:
    pad = 1.6 * mm
    drawing.add(
        Rect(x, y, width, height, rx=1.2, ry=1.2, fillColor=colors.white, strokeColor=FRAME,
             strokeWidth=0.5)
    )  # fmt: skip
    top = y + height
    title_base = top - pad - TITLE_SIZE * 0.85
    # The latest score, with its change since the assessment before, at the right.
    change = change_text(panel.change)
    change_width = stringWidth(change, REGULAR, LABEL_SIZE) + 1.5 if change else 0
    score = str(panel.latest)
    score_width = stringWidth(score, BOLD, SCORE_SIZE)
    right = x + width - pad
    if change:
        drawing.add(
            String(right, title_base, change, fontName=REGULAR, fontSize=LABEL_SIZE,
                   fillColor=MUTED, textAnchor="end")
        )  # fmt: skip
    drawing.add(
        String(right - change_width, title_base, score, fontName=BOLD, fontSize=SCORE_SIZE,
               fillColor=INK, textAnchor="end")
    )  # fmt: skip
    room = width - 2 * pad - score_width - change_width - 2
    title, size = _fit(panel.domain.label, room)
    drawing.add(String(x + pad, title_base, title, fontName=BOLD, fontSize=size, fillColor=INK))

    axis_width = stringWidth("5", REGULAR, LABEL_SIZE) + 2
    left = x + pad + axis_width
    plot_right = x + width - pad - 1
    plot_top = title_base - 5.5
    plot_bottom = y + pad + LABEL_SIZE + 3
    plot_height = plot_top - plot_bottom
    if plot_height < 4:
        return

    def y_of(value: float) -> float:
        return plot_bottom + score_fraction(value) * plot_height

    def x_of(when: date) -> float:
        return left + date_fraction(when, span) * (plot_right - left)

    for value in range(MIN_SCORE, MAX_SCORE + 1):
        drawing.add(
            Line(left, y_of(value), plot_right, y_of(value), strokeColor=GRID, strokeWidth=0.4)
        )
        if value in (MIN_SCORE, 3, MAX_SCORE):
            drawing.add(
                String(left - 1.5, y_of(value) - LABEL_SIZE * 0.35, str(value), fontName=REGULAR,
                       fontSize=LABEL_SIZE, fillColor=MUTED, textAnchor="end")
            )  # fmt: skip
    label_y = y + pad - 0.5
    if len(days) == 1:
        drawing.add(_label((left + plot_right) / 2, label_y, days[0], "middle"))
    else:
        drawing.add(_label(left - axis_width, label_y, days[0], "start"))
        drawing.add(_label(plot_right, label_y, days[-1], "end"))

    coords = [(x_of(when), y_of(value)) for when, value in panel.points]
    if len(coords) > 1:
        drawing.add(
            PolyLine([c for point in coords for c in point], strokeColor=LINE, strokeWidth=1.2)
        )
    for i, (cx, cy) in enumerate(coords):
        radius = 1.6 if i == len(coords) - 1 else 1.0
        drawing.add(Circle(cx, cy, radius, fillColor=LINE, strokeColor=LINE, strokeWidth=0.3))


def _label(x: float, y: float, when: date, anchor: str) -> String:
    return String(
        x, y, when.strftime("%d-%m-%Y"), fontName=REGULAR, fontSize=LABEL_SIZE,
        fillColor=MUTED, textAnchor=anchor,
    )  # fmt: skip


def _fit(text: str, room: float) -> tuple[str, float]:
    """`text` and the font size that fit `room` points: smaller down to SMALLEST_TITLE,
    then cut with an ellipsis."""
    width = stringWidth(text, BOLD, TITLE_SIZE)
    if width <= room:
        return text, TITLE_SIZE
    size = max(SMALLEST_TITLE, TITLE_SIZE * room / width)
    if stringWidth(text, BOLD, size) <= room:
        return text, size
    while text and stringWidth(text + "…", BOLD, size) > room:
        text = text[:-1]
    return text.rstrip() + "…", size
