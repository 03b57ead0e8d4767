"""The handover pack laid out in one pass, with its page numbers filled in at the end.

document.render builds a document with a table of contents twice (reportlab's multiBuild:
once to learn on which page each heading lands, once to print those numbers). For a pack of
50 cases that second pass was half the export time. Here every page number that points
forward (a contents line, a triage row) is a small PDF form named after its heading, drawn
in place while the pages are laid out and given its digits once the last page is done, the
way the footer's "pagina x van y" already gets its total. One pass, the same pages.

Building blocks: `PackDocument` and `PackCanvas` (the document template and canvas),
`ContentsLine` (a clickable contents line with dot leaders), `PageNumber` (a page number
flowable for a table cell) and `render_pack`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Sequence
from functools import partial
from typing import Any

from reportlab import rl_config
from reportlab.graphics.shapes import Circle, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from app.exports.document import (
    ACCENT,
    INK,
    MUTED,
    RULE,
    ZEBRA,
    ExportContext,
    Heading,
    KoersDocument,
    Picture,
    Styles,
    _FooterCanvas,
    markup,
    para,
    text,
)
from app.exports.fonts import REGULAR

NUMBER_WIDTH = 12 * mm  # room for "pagina" numbers up to four digits
CELL_PADDING = 3  # points, as document.table
UNKNOWN_PAGE = "?"  # a reference to a heading that was never laid out (a bug, not data)


def first_baseline(height: float, style: ParagraphStyle) -> float:
    """Where a Paragraph of `height` in `style` puts its first line's baseline."""
    if rl_config.paraFontSizeHeightOffset:
        return height - style.fontSize
    return height - getAscent(style.fontName, style.fontSize)


def _form_name(key: str, font: str, size: float, colour: Color) -> str:
    """One form per heading and look (a contents line and a triage cell print the same
    page in their own type)."""
    look = f"{font}{size:g}{colour.hexval()}"
    return "koersPageOf" + re.sub(r"[^A-Za-z0-9]", "", key + look)


class PackCanvas(_FooterCanvas):
    """The footer canvas that also knows on which page each heading landed and prints
    forward page references: `page_number(key, ...)` draws a form now, `save` fills it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_of: dict[str, int] = {}
        self._forms: dict[str, tuple[str, str, float, Color]] = {}

    def page_number(
        self, key: str, x: float, y: float, font: str = REGULAR, size: float = 9, colour=INK
    ) -> None:
        """The page of heading `key`, right-aligned at (x, y) on the current page."""
        name = _form_name(key, font, size, colour)
        self._forms.setdefault(name, (key, font, size, colour))
        self.saveState()
        self.translate(x, y)
        self.doForm(name)
        self.restoreState()

    def save(self) -> None:
        for name, (key, font, size, colour) in self._forms.items():
            self.beginForm(name, lowerx=-NUMBER_WIDTH, lowery=-size, upperx=1, uppery=size * 1.5)
            self.setFont(font, size)
            self.setFillColor(colour)
            self.drawRightString(0, 0, str(self.page_of.get(key, UNKNOWN_PAGE)))
            self.endForm()
        super().save()


class PackDocument(KoersDocument):
    """KoersDocument that tells its canvas the page of every heading as it is laid out."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        super().afterFlowable(flowable)
        key = getattr(flowable, "toc_key", None)
        if key is not None and isinstance(self.canv, PackCanvas):
            self.canv.page_of.setdefault(key, self.page)


class PageNumber(Flowable):
    """The page of heading `key`, right-aligned in a table cell."""

    def __init__(self, key: str, style: ParagraphStyle = Styles.cell) -> None:
        super().__init__()
        self.key = key
        self.style = style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, PackCanvas):
            baseline = first_baseline(self.height, self.style)
            canvas.page_number(
                self.key, self.width, baseline, self.style.fontName, self.style.fontSize,
                self.style.textColor,
            )  # fmt: skip


class ContentsLine(Flowable):
    """One line of the contents: the heading's title (wrapping if long), dot leaders and its
    page number; the whole line links to the heading."""

    def __init__(self, heading: Heading) -> None:
        super().__init__()
        assert heading.toc_level is not None
        self.key = heading.toc_key
        self.style = Styles.toc[min(heading.toc_level, len(Styles.toc) - 1)]
        self.title = markup(text(_plain(heading.toc_title)), self.style)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        _, self.height = self.title.wrap(available_width - NUMBER_WIDTH, available_height)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self.title.drawOn(canvas, 0, 0)
        style = self.style
        lines = self.title.blPara.lines
        last = lines[-1]
        extra = last[0] if isinstance(last, tuple) else last.extraSpace
        room = self.width - NUMBER_WIDTH - style.leftIndent - style.rightIndent
        end = style.leftIndent + room - extra
        baseline = first_baseline(self.height, style) - (len(lines) - 1) * style.leading
        dot_width = stringWidth(" .", REGULAR, style.fontSize)
        dots_end = self.width - stringWidth("0000", style.fontName, style.fontSize) - 2
        dots = int((dots_end - end - 3) // dot_width)
        if dots > 0:
            canvas.saveState()
            canvas.setFont(REGULAR, style.fontSize)
            canvas.setFillColor(MUTED)
            canvas.drawRightString(dots_end, baseline, " ." * dots)
            canvas.restoreState()
        if isinstance(canvas, PackCanvas):
            canvas.page_number(
                self.key, self.width, baseline, style.fontName, style.fontSize, style.textColor
            )
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)


def contents_lines(story: Iterable[Flowable], depth: int) -> list[Flowable]:
    """A ContentsLine for every heading of the story down to level `depth`."""
    return [
        ContentsLine(h)
        for h in _walk(story)
        if isinstance(h, Heading) and h.toc_level is not None and h.toc_level <= depth
    ]


def render_pack(
    story: list[Flowable], context: ExportContext, *, toc_depth: int = 0
) -> tuple[bytes, int]:
    """The PDF of `story` in one pass and its page count; headings down to `toc_depth`
    become bookmarks (and may be linked to by their key)."""
    buffer = io.BytesIO()
    document = PackDocument(buffer, context, toc_depth)
    # The pack is encrypted next (app/exports/protection.py), which writes every stream
    # again: reportlab's ASCII85 text encoding of the compressed streams (made to keep a
    # PDF 7-bit clean) only costs time there, and a quarter more bytes.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        document.build(story, canvasmaker=partial(PackCanvas, footer=f"Koers · {context.title}"))
    finally:
        rl_config.useA85 = a85
    return buffer.getvalue(), document.page


class FastPicture(Picture):
    """A Picture whose chart is painted straight onto the canvas instead of through
    reportlab's general renderer (which keeps a full graphics state per shape and took a
    quarter of a 50-case pack's time for its ZRM charts): a run of lines in one style
    becomes one path, and a colour, width or font is only set when it changes. Knows the
    shapes charts are made of (Rect, Line, PolyLine, Circle, String); a drawing with any
    other shape is drawn by the general renderer, so nothing is ever left out."""

    def draw(self) -> None:
        if getattr(self.canv, "layout_only", False):
            return
        shapes = self.drawing.contents
        if all(type(shape) in PAINTED for shape in shapes):
            self.canv.saveState()
            _Painter(self.canv).paint(shapes)
            self.canv.restoreState()
        else:
            super().draw()


PAINTED = (Rect, Line, PolyLine, Circle, String)


class _Painter:
    """Paints chart shapes in order; see FastPicture."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.stroke: tuple | None = None  # (colour, width) in force
        self.fill: Color | None = None
        self.font: tuple | None = None  # (name, size)
        self.lines: Any = None  # the open path of a run of lines

    def paint(self, shapes: Iterable[Any]) -> None:
        for shape in shapes:
            if type(shape) is not Line:
                self._end_lines()
            if type(shape) is Line:
                self._line(shape)
            elif type(shape) is String:
                self._string(shape)
            elif type(shape) is Rect:
                self._rect(shape)
            elif type(shape) is Circle:
                stroke, fill = self._use_stroke(shape), self._use_fill(shape)
                self.canvas.circle(shape.cx, shape.cy, shape.r, int(stroke), int(fill))
            else:
                self._polyline(shape)
        self._end_lines()

    def _use_stroke(self, shape: Any) -> bool:
        if shape.strokeColor is None or not shape.strokeWidth:
            return False
        wanted = (shape.strokeColor, shape.strokeWidth)
        if wanted != self.stroke:
            self.canvas.setStrokeColor(shape.strokeColor)
            self.canvas.setLineWidth(shape.strokeWidth)
            self.stroke = wanted
        return True

    def _use_fill(self, shape: Any) -> bool:
        if shape.fillColor is None:
            return False
        if shape.fillColor != self.fill:
            self.canvas.setFillColor(shape.fillColor)
            self.fill = shape.fillColor
        return True

    def _line(self, shape: Line) -> None:
        if shape.strokeColor is None or not shape.strokeWidth:
            return
        if self.lines is not None and self.stroke != (shape.strokeColor, shape.strokeWidth):
            self._end_lines()
        self._use_stroke(shape)
        if self.lines is None:
            self.lines = self.canvas.beginPath()
        self.lines.moveTo(shape.x1, shape.y1)
        self.lines.lineTo(shape.x2, shape.y2)

    def _end_lines(self) -> None:
        if self.lines is not None:
            self.canvas.drawPath(self.lines, stroke=1, fill=0)
            self.lines = None

    def _string(self, shape: String) -> None:
        # One text object per string: a reader (and pypdf) keeps them apart as words.
        if not self._use_fill(shape):
            return
        if (shape.fontName, shape.fontSize) != self.font:
            self.canvas.setFont(shape.fontName, shape.fontSize)
            self.font = (shape.fontName, shape.fontSize)
        draw = {
            "middle": self.canvas.drawCentredString,
            "end": self.canvas.drawRightString,
        }.get(shape.textAnchor, self.canvas.drawString)
        draw(shape.x, shape.y, shape.text)

    def _rect(self, shape: Rect) -> None:
        stroke, fill = self._use_stroke(shape), self._use_fill(shape)
        radius = max(shape.rx or 0, shape.ry or 0)
        if radius:
            self.canvas.roundRect(shape.x, shape.y, shape.width, shape.height, radius,
                                  int(stroke), int(fill))  # fmt: skip
        else:
            self.canvas.rect(shape.x, shape.y, shape.width, shape.height, int(stroke), int(fill))

    def _polyline(self, shape: PolyLine) -> None:
        points = shape.points
        if len(points) < 4 or not self._use_stroke(shape):
            return
        path = self.canvas.beginPath()
        path.moveTo(points[0], points[1])
        for i in range(2, len(points) - 1, 2):
            path.lineTo(points[i], points[i + 1])
        self.canvas.drawPath(path, stroke=1, fill=0)


def figures_table(
    head: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    align_right_from: int | None = None,
    text_columns: Collection[int] = (),
) -> Table:
    """A table that looks like document.table but draws Koers' own words and figures
    (months, life domains, counts, scores, dates, statuses) as plain strings; only the
    columns in `text_columns` (user text: may wrap, goes through document.text) and a cell
    or header too wide for its column become paragraphs. A paragraph per cell was most of
    a 50-case pack's paragraphs and of its time."""
    cell = Styles.cell
    head_style = Styles.cell_head
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, 0), head_style.fontName, head_style.fontSize, head_style.leading),
        ("TEXTCOLOR", (0, 0), (-1, 0), head_style.textColor),
        ("FONT", (0, 1), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), cell.textColor),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    if align_right_from is not None:
        commands.append(("ALIGN", (align_right_from, 0), (-1, -1), "RIGHT"))

    def right(column: int) -> bool:
        return align_right_from is not None and column >= align_right_from

    def plain_or_paragraph(value: object, column: int, style: ParagraphStyle) -> object:
        words = str(value)
        room = widths[column] - 2 * CELL_PADDING
        if "\n" not in words and stringWidth(words, style.fontName, style.fontSize) <= room:
            return words
        aligned = ParagraphStyle(f"{style.name}_r", parent=style, alignment=TA_RIGHT)
        return para(words, aligned if right(column) else style)

    data: list[list[object]] = [
        [plain_or_paragraph(value, column, head_style) for column, value in enumerate(head)]
    ]
    for row in rows:
        data.append(
            [
                para(value, cell) if column in text_columns
                else plain_or_paragraph(value, column, cell)
                for column, value in enumerate(row)
            ]
        )  # fmt: skip
    result = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=1, hAlign="LEFT")
    result.setStyle(TableStyle(commands))
    return result


def heading_link(key: str, label: str) -> str:
    """Markup for `label` (user text: escaped here) as a link to heading `key`."""
    return f'<a href="#{key}">{text(label)}</a>'


def _plain(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip()


def _walk(flowables: Iterable[Flowable]) -> Iterable[Flowable]:
    for flowable in flowables:
        yield flowable
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, list):
            yield from _walk(inner)
