"""The page template every export shares: A4, the embedded font, the "Vertrouwelijk" header
with export date and exporter, "pagina x van y", headings that feed the table of contents and
the PDF outline, and the small building blocks (paragraphs, label/value blocks, tables).

User text always goes through `text()`: reportlab paragraphs read a little markup, and a
report that contains "<" or "&" must print as written, not break the export. `text()` is
also where names get written as people write them (app/exports/script.py): right-to-left
script shaped and ordered, every character in a font that has it or a visible mark. Every
paragraph here is a `BidiParagraph`, and canvas text goes through `script.draw_text`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from itertools import count
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from app.exports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from app.exports.long_text import long_paragraph
from app.exports.script import BidiParagraph, draw_text, line_markup
from app.exports.script import markup as script_markup
from app.exports.wording import moment
from app.rules import local_date

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
HEADER_SPACE = 24 * mm
FOOTER_SPACE = 16 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
SECTION_START = 28 * mm  # room a section needs for its heading and first lines
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
ACCENT = colors.HexColor("#1d4e89")
WARNING = colors.HexColor("#a61b1b")
RULE = colors.HexColor("#c8d0da")
ZEBRA = colors.HexColor("#f2f5f8")

# Paragraphs resolve their font when they are made, so the family must exist before any.
register_fonts()


@dataclass(frozen=True)
class ExportContext:
    """Who exports, when, and what the document is called: printed on every page."""

    title: str
    exported_at: datetime
    exported_by: str

    @property
    def stamp(self) -> str:
        return f"Geëxporteerd op {moment(self.exported_at)} door {self.exported_by}"

    @property
    def today(self) -> date:
        return local_date(self.exported_at)


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base = {"fontName": REGULAR, "fontSize": 9.5, "leading": 12.5, "textColor": INK}
    base.update(kw)
    return ParagraphStyle(name, **base)


class Styles:
    body = _style("body", spaceAfter=3)
    small = _style("small", fontSize=8, leading=10, textColor=MUTED)
    cell = _style("cell", fontSize=8.5, leading=10.5)
    cell_head = _style("cell_head", fontName=BOLD, fontSize=8.5, leading=10.5, textColor=ACCENT)
    label = _style("label", fontName=BOLD, fontSize=8.5, leading=11, textColor=MUTED)
    cover_title = _style("cover_title", fontName=BOLD, fontSize=26, leading=32, textColor=ACCENT)
    cover_line = _style("cover_line", fontSize=12, leading=17, spaceAfter=4)
    warning = _style("warning", fontName=BOLD, textColor=WARNING)
    empty = _style("empty", fontName=ITALIC, textColor=MUTED)
    h1 = _style(
        "h1", fontName=BOLD, fontSize=15, leading=19, textColor=ACCENT, spaceBefore=4, spaceAfter=6
    )
    h2 = _style(
        "h2",
        fontName=BOLD,
        fontSize=11.5,
        leading=15,
        textColor=ACCENT,
        spaceBefore=9,
        spaceAfter=4,
    )
    h3 = _style("h3", fontName=BOLD, fontSize=9.5, leading=12.5, spaceBefore=5, spaceAfter=2)
    toc = [
        _style("toc0", fontName=BOLD, fontSize=10, leading=14, leftIndent=0),
        _style("toc1", fontSize=9, leading=12, leftIndent=14),
    ]


def text(value: object) -> str:
    """User text made safe for a paragraph: escaped, line breaks kept, right-to-left script
    shaped, each character in a font that has it (or a visible mark), see script.py."""
    return script_markup(value)


def para(value: object, style: ParagraphStyle = Styles.body) -> Flowable:
    """A paragraph of user text (a long one as a ParagraphRun: app/exports/long_text.py)."""
    return long_paragraph(text(value), style)


def markup(trusted: str, style: ParagraphStyle = Styles.body) -> Flowable:
    """A paragraph whose markup is Koers' own; values inside it must come through text().
    A long one is a ParagraphRun (app/exports/long_text.py)."""
    return long_paragraph(trusted, style)


def empty(message: str) -> BidiParagraph:
    return BidiParagraph(text(message), Styles.empty)


def fields(pairs: Iterable[tuple[str, object]]) -> list[Flowable]:
    """Label/value lines ("Wie: ..."), skipping empty values; long values simply wrap."""
    return [
        markup(f"<b>{text(label)}:</b> {text(value)}")
        for label, value in pairs
        if value not in (None, "", ())
    ]


def table(
    head: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    align_right_from: int | None = None,
) -> Table:
    """A table whose header repeats on every page and whose rows may split across pages."""
    right = _style("cell_r", parent=Styles.cell, alignment=TA_RIGHT)
    right_head = _style("cell_head_r", parent=Styles.cell_head, alignment=TA_RIGHT)

    def cell(value: object, column: int, is_head: bool) -> BidiParagraph:
        numeric = align_right_from is not None and column >= align_right_from
        if is_head:
            return BidiParagraph(text(value), right_head if numeric else Styles.cell_head)
        return BidiParagraph(text(value), right if numeric else Styles.cell)

    data = [[cell(v, i, True) for i, v in enumerate(head)]]
    data += [[cell(v, i, False) for i, v in enumerate(row)] for row in rows]
    result = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=1, hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return result


_heading_keys = count()


class Heading(BidiParagraph):
    """A heading that becomes a table-of-contents line and a PDF bookmark."""

    def __init__(self, title: str, level: int, style: ParagraphStyle, in_toc: bool = True):
        super().__init__(text(title), style)
        self.toc_title = title
        self.toc_level = level if in_toc else None
        # The key must be the same in every build pass, so it is fixed when the story is made.
        self.toc_key = f"k{next(_heading_keys)}"


def heading(title: str, level: int = 0, *, in_toc: bool = True) -> Heading:
    return Heading(title, level, (Styles.h1, Styles.h2, Styles.h3)[level], in_toc)


def section(title: str, body: Sequence[Flowable], *, in_toc: bool = False) -> list[Flowable]:
    """A level-2 heading that never ends a page: with too little room left it starts the next
    one. (Keeping it together with a long first table would push the whole table over.)"""
    return [CondPageBreak(SECTION_START), heading(title, 1, in_toc=in_toc), *body]


def contents() -> TableOfContents:
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = Styles.toc
    return toc


class Picture(Flowable):
    """A vector drawing (a chart) that a measuring pass lays out but does not draw."""

    def __init__(self, drawing: Drawing) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if not getattr(self.canv, "layout_only", False):
            renderPDF.draw(self.drawing, self.canv, 0, 0)


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


def _plain(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip()


class _FooterCanvas(Canvas):
    """Writes "pagina x van y" on every page. The total is a form drawn once at the end and
    referred to from each page, so pages go out as they are made and bookmarks keep their
    own page (holding pages back until the total is known would point them all at page 1)."""

    TOTAL_FORM = "koersPageTotal"

    def __init__(self, *args: Any, footer: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self.saveState()
        self.setFont(REGULAR, 7.5)
        self.setFillColor(MUTED)
        y = FOOTER_SPACE - 8 * mm
        draw_text(self, MARGIN, y, self._footer, REGULAR, 7.5)
        prefix = f"pagina {self.getPageNumber()} van "
        x = PAGE_WIDTH - MARGIN - 24 * mm
        self.drawString(x, y, prefix)
        self.translate(x + self.stringWidth(prefix, REGULAR, 7.5), y)
        self.doForm(self.TOTAL_FORM)
        self.restoreState()
        super().showPage()

    def save(self) -> None:
        self.beginForm(self.TOTAL_FORM)
        self.setFont(REGULAR, 7.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


class KoersDocument(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, context: ExportContext, toc_depth: int) -> None:
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=HEADER_SPACE,
            bottomMargin=FOOTER_SPACE,
            title=context.title,
            author="Koers",
            subject="Vertrouwelijk",
            creator="Koers",
            pageCompression=1,
        )
        self.context = context
        self.toc_depth = toc_depth
        frame = Frame(
            MARGIN,
            FOOTER_SPACE,
            CONTENT_WIDTH,
            PAGE_HEIGHT - HEADER_SPACE - FOOTER_SPACE,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._header)])

    def _header(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        top = PAGE_HEIGHT - 12 * mm
        canvas.saveState()
        canvas.setFont(BOLD, 9)
        canvas.setFillColor(WARNING)
        canvas.drawString(MARGIN, top, "VERTROUWELIJK")
        canvas.setFillColor(MUTED)
        draw_text(canvas, PAGE_WIDTH - MARGIN, top, self.context.stamp, REGULAR, 8, "end")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, top - 3 * mm, PAGE_WIDTH - MARGIN, top - 3 * mm)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        level = getattr(flowable, "toc_level", None)
        if level is None or level > self.toc_depth:
            return
        title, key = _plain(flowable.toc_title), flowable.toc_key
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, line_markup(title), self.page, key))


def render(
    story: list[Flowable], context: ExportContext, *, toc_depth: int = -1
) -> tuple[bytes, int]:
    """The PDF and its page count. With a table of contents reportlab builds the story again
    until the page numbers settle."""
    buffer = io.BytesIO()
    document = KoersDocument(buffer, context, toc_depth)
    canvasmaker: Callable[..., Canvas] = partial(_FooterCanvas, footer=f"Koers · {context.title}")
    if toc_depth >= 0:
        if _presize_contents(story, toc_depth):
            canvasmaker = _layout_first(canvasmaker)
        document.multiBuild(story, canvasmaker=canvasmaker)
    else:
        document.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue(), document.page


def _presize_contents(story: list[Flowable], toc_depth: int) -> bool:
    """Give the contents its final lines (page numbers aside) before the first pass.

    reportlab's own way lays the whole document out three times: once with an empty contents
    list, once with it filled (which moves every page), and once to see nothing moved. With
    the right number of lines from the start, the first pass already has the final layout
    and the second one confirms it.
    """
    headings = [
        (h.toc_level, line_markup(_plain(h.toc_title)), PLACEHOLDER_PAGE, h.toc_key)
        for h in _walk(story)
        if isinstance(h, Heading) and h.toc_level is not None and h.toc_level <= toc_depth
    ]
    for toc in (f for f in story if isinstance(f, TableOfContents)):
        toc._entries = list(headings)
    return bool(headings)


def _layout_first(canvasmaker: Callable[..., Canvas]) -> Callable[..., Canvas]:
    """The first canvas only measures: with placeholder page numbers in the contents that
    pass can never be the one saved, so pictures need not be drawn on it."""
    made = count()

    def make(*args: Any, **kwargs: Any) -> Canvas:
        canvas = canvasmaker(*args, **kwargs)
        canvas.layout_only = next(made) == 0
        return canvas

    return make


PLACEHOLDER_PAGE = 999


def _walk(flowables: Iterable[Flowable]) -> Iterable[Flowable]:
    for flowable in flowables:
        yield flowable
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, list):
            yield from _walk(inner)
