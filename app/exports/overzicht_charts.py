"""Charts of the team overview that a team leader reads at a glance: key figures as tiles,
horizontal bars (a hidden count shows as "< 5" without a bar), stacked bars (nazorg
check-ins done / missed / open) and diverging bars (ZRM: worse to the left, better to the
right). Vector drawings in the export's fonts; every number drawn is also in a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.exports.document import Picture
from app.exports.fonts import BOLD, REGULAR
from app.exports.script import chart_string, text_width

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
GRID = colors.HexColor("#dde3ea")
TILE = colors.HexColor("#f2f5f8")
ACCENT = colors.HexColor("#1d4e89")
GOOD = colors.HexColor("#1d4e89")
BAD = colors.HexColor("#b4461b")
NEUTRAL = colors.HexColor("#b8c2cc")
LABEL_SIZE = 7.5
ROW = 5.2 * mm
TILE_HEIGHT = 17 * mm
TILE_GAP = 2.5 * mm


def key_figures(tiles: Sequence[tuple[str, str, str]], width: float, per_row: int = 4) -> Picture:
    """Tiles of (value, label, note): the value large, the label under it, the note small.
    `per_row` tiles on a row, as many rows as needed."""
    rows = max(1, -(-len(tiles) // per_row))
    height = rows * TILE_HEIGHT + (rows - 1) * TILE_GAP
    drawing = Drawing(width, height)
    tile_width = (width - (per_row - 1) * TILE_GAP) / per_row
    for i, (value, label, note) in enumerate(tiles):
        row, column = divmod(i, per_row)
        x = column * (tile_width + TILE_GAP)
        y = height - (row + 1) * TILE_HEIGHT - row * TILE_GAP
        drawing.add(
            Rect(
                x,
                y,
                tile_width,
                TILE_HEIGHT,
                rx=2,
                ry=2,
                fillColor=TILE,
                strokeColor=GRID,
                strokeWidth=0.5,
            )
        )
        pad = 2.5 * mm
        room = tile_width - 2 * pad
        for text, font, size, color, base in (
            (value, BOLD, 17, ACCENT, TILE_HEIGHT - 8.5 * mm),
            (label, BOLD, 8, INK, 5.2 * mm),
            (note, REGULAR, 6.5, MUTED, 1.8 * mm),
        ):
            drawing.add(
                String(
                    x + pad,
                    y + base,
                    _fit(text, font, size, room),
                    fontName=font,
                    fontSize=size,
                    fillColor=color,
                )
            )
    return Picture(drawing)


def bar_chart(
    bars: Sequence[tuple[str, float | None, str]],
    width: float,
    *,
    scale_to: float | None = None,
    color: Color = ACCENT,
    track: bool = False,
) -> Picture:
    """One horizontal bar per (label, value, text): the bar as long as `value` against the
    largest value (or `scale_to`), `text` at its end. A value of None draws no bar, only
    the text (a hidden count: "< 5"). `track` draws the whole scale faintly behind each bar
    (a share of 100%)."""
    label_width = _label_width([b[0] for b in bars], width)
    text_room = 14 * mm
    plot = width - label_width - text_room
    top = max([scale_to or 0.0, *(b[1] or 0.0 for b in bars)]) or 1.0
    height = max(1, len(bars)) * ROW
    drawing = Drawing(width, height)
    for i, (label, value, text) in enumerate(bars):
        y = height - (i + 1) * ROW
        _row_label(drawing, label, label_width, y)
        length = 0.0 if value is None else plot * value / top
        if track:
            drawing.add(
                Rect(
                    label_width,
                    y + ROW * 0.18,
                    plot,
                    ROW * 0.64,
                    fillColor=TILE,
                    strokeColor=GRID,
                    strokeWidth=0.3,
                )
            )
            length_text = plot
        else:
            length_text = length
        if length > 0:
            drawing.add(
                Rect(
                    label_width,
                    y + ROW * 0.18,
                    length,
                    ROW * 0.64,
                    fillColor=color,
                    strokeColor=None,
                )
            )
        drawing.add(
            String(
                label_width + length_text + 1.5 * mm,
                y + ROW * 0.3,
                text,
                fontName=BOLD if value is None else REGULAR,
                fontSize=LABEL_SIZE,
                fillColor=MUTED if value is None else INK,
            )
        )
    return Picture(drawing)


def stacked_bars(
    bars: Sequence[tuple[str, Sequence[int]]],
    parts: Sequence[tuple[str, Color]],
    width: float,
) -> Picture:
    """One horizontal bar per (label, counts), split into `parts` (name, colour) with the
    counts written inside where they fit and the total at the end; a legend above."""
    label_width = _label_width([b[0] for b in bars], width)
    plot = width - label_width - 10 * mm
    top = max([sum(counts) for _, counts in bars] or [0]) or 1
    legend = ROW
    height = legend + max(1, len(bars)) * ROW
    drawing = Drawing(width, height)
    _legend(drawing, label_width, height, parts)
    for i, (label, counts) in enumerate(bars):
        y = height - legend - (i + 1) * ROW
        _row_label(drawing, label, label_width, y)
        x = label_width
        for count, (_name, color) in zip(counts, parts, strict=True):
            length = plot * count / top
            if length <= 0:
                continue
            drawing.add(
                Rect(
                    x,
                    y + ROW * 0.18,
                    length,
                    ROW * 0.64,
                    fillColor=color,
                    strokeColor=colors.white,
                    strokeWidth=0.4,
                )
            )
            text = str(count)
            if stringWidth(text, BOLD, LABEL_SIZE) + 2 <= length:
                middle = x + length / 2
                drawing.add(
                    String(
                        middle,
                        y + ROW * 0.3,
                        text,
                        fontName=BOLD,
                        fontSize=LABEL_SIZE,
                        fillColor=_on(color),
                        textAnchor="middle",
                    )
                )
            x += length
        drawing.add(
            String(
                x + 1.5 * mm,
                y + ROW * 0.3,
                str(sum(counts)),
                fontName=REGULAR,
                fontSize=LABEL_SIZE,
                fillColor=MUTED,
            )
        )
    return Picture(drawing)


def diverging_bars(
    bars: Sequence[tuple[str, int, int, int]], width: float, names: tuple[str, str, str]
) -> Picture:
    """Per (label, worse, same, better): `worse` to the left of a centre line, `same` as a
    grey block across it, `better` to the right; the counts beside the bars. `names` label
    the three in a legend."""
    label_width = _label_width([b[0] for b in bars], width)
    plot = width - label_width - 2 * mm
    top = max([max(w + s / 2, b + s / 2) for _, w, s, b in bars] or [0]) or 1
    half = plot / 2 - 6 * mm
    centre = label_width + plot / 2
    legend = ROW
    height = legend + max(1, len(bars)) * ROW
    drawing = Drawing(width, height)
    _legend(drawing, label_width, height, list(zip(names, (BAD, NEUTRAL, GOOD), strict=True)))
    drawing.add(Line(centre, 0, centre, height - legend, strokeColor=MUTED, strokeWidth=0.5))
    for i, (label, worse, same, better) in enumerate(bars):
        y = height - legend - (i + 1) * ROW
        _row_label(drawing, label, label_width, y)
        unit = half / top
        same_half = unit * same / 2
        left = centre - same_half - unit * worse
        for start, length, color in (
            (left, unit * worse, BAD),
            (centre - same_half, unit * same, NEUTRAL),
            (centre + same_half, unit * better, GOOD),
        ):
            if length > 0:
                drawing.add(
                    Rect(
                        start, y + ROW * 0.18, length, ROW * 0.64, fillColor=color, strokeColor=None
                    )
                )
        drawing.add(
            String(
                left - 1.2 * mm,
                y + ROW * 0.3,
                str(worse),
                fontName=REGULAR,
                fontSize=LABEL_SIZE,
                fillColor=BAD,
                textAnchor="end",
            )
        )
        if same and stringWidth(str(same), BOLD, LABEL_SIZE) + 2 <= unit * same:
            drawing.add(
                String(centre, y + ROW * 0.3, str(same), fontName=BOLD, fontSize=LABEL_SIZE,
                       fillColor=INK, textAnchor="middle")
            )  # fmt: skip
        right = centre + same_half + unit * better + 1.2 * mm
        drawing.add(
            String(
                right,
                y + ROW * 0.3,
                str(better),
                fontName=REGULAR,
                fontSize=LABEL_SIZE,
                fillColor=GOOD,
            )
        )
    return Picture(drawing)


def _legend(drawing: Drawing, x: float, height: float, parts: Sequence[tuple[str, Color]]) -> None:
    """A legend along the top of a chart from `x` (points): a colour swatch and its name."""
    for name, color in parts:
        drawing.add(
            Rect(x, height - ROW * 0.75, 3 * mm, 3 * mm * 0.8, fillColor=color, strokeColor=None)
        )
        drawing.add(
            String(
                x + 4 * mm,
                height - ROW * 0.7,
                name,
                fontName=REGULAR,
                fontSize=LABEL_SIZE,
                fillColor=INK,
            )
        )
        x += 4 * mm + stringWidth(name, REGULAR, LABEL_SIZE) + 5 * mm


def _row_label(drawing: Drawing, label: str, label_width: float, y: float) -> None:
    room = label_width - 2 * mm
    # A worker's name: through the text step, so Arabic script prints joined and in order.
    fitted = _fit(label, REGULAR, LABEL_SIZE, room)
    drawing.add(
        chart_string(room, y + ROW * 0.3, fitted, REGULAR, LABEL_SIZE, "end", fillColor=INK)
    )


def _label_width(labels: Sequence[str], width: float) -> float:
    widest = max([text_width(label, REGULAR, LABEL_SIZE) for label in labels] or [0])
    return min(widest + 3 * mm, width * 0.36)


def _fit(text: str, font: str, size: float, room: float) -> str:
    """`text` cut with an ellipsis to fit `room` points."""
    if text_width(text, font, size) <= room:
        return text
    text = text[: max(int(room), 1)]  # no glyph is narrower than a point: a long text cut fast
    while text and text_width(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _on(color: Color) -> Color:
    """White text on a dark colour, ink on a light one."""
    return colors.white if color in (GOOD, BAD, ACCENT) else INK
