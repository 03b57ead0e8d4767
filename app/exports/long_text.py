"""Long text laid out in time that grows with its length, not with its square.

reportlab lays a paragraph that runs over a page out again for each page it spills onto: a
contact report of 100,000 characters in one paragraph took 13 s (a 1 MB one, 404 s). Here
the paragraph's markup is cut into pieces of about PIECE_CHARS characters, at its own line
breaks where it has them, else between words, never inside a tag or a font run, and the
pieces are kept in one flowable (`ParagraphRun`) that wraps each piece once and splits
between or inside pieces. A text cut at its own line breaks prints exactly as one
paragraph would; a single line longer than a piece continues on a new line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from app.exports.script import BidiParagraph

PIECE_CHARS = 2_000  # characters of markup per piece: a few lines to a third of a page
_TOKEN = re.compile(r"<[^>]*>|[^<]+")
_BREAK = "<br/>"


def markup_pieces(markup: str, limit: int = PIECE_CHARS) -> list[str]:
    """`markup` cut into pieces of about `limit` characters: after a `<br/>`, else (a line
    half a piece longer) at a space between words, only where no tag (<b>, <i>, <font>) is
    open. The pieces joined by
    `<br/>` (or a line break where a space was cut) print what `markup` prints."""
    if len(markup) <= limit:
        return [markup]
    pieces: list[str] = []
    current: list[str] = []
    size = depth = 0

    def close() -> None:
        nonlocal size
        text = "".join(current).strip(" ")
        if text:
            pieces.append(text)
        current.clear()
        size = 0

    for token in _TOKEN.findall(markup):
        if token.startswith("<"):
            if token == _BREAK and depth == 0 and size >= limit:
                close()
                continue
            depth += _depth_change(token)
            current.append(token)
            size += len(token)
            continue
        if depth == 0 and size + len(token) > limit + limit // 2:
            # A line far longer than a piece: cut it between words (a line break of its own
            # is preferred, and mostly comes within half a piece).
            for word in re.split(r"(?<= )", token):
                if size >= limit + limit // 2 and word.strip():
                    close()
                current.append(word)
                size += len(word)
        else:
            current.append(token)
            size += len(token)
    close()
    return pieces or [markup]


def _depth_change(tag: str) -> int:
    if tag.startswith("</"):
        return -1
    if tag.endswith("/>"):
        return 0
    return 1


class ParagraphRun(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Paragraphs that read as one: wrapped once each (a paragraph's height depends on the
    width alone), drawn one under the other, split between them (or inside the one at the
    page end) when the page is full. The parts of a split keep the sizes already known, so
    a text of n pieces is wrapped about n times in all, not n times per page."""

    def __init__(self, paragraphs: Sequence[Flowable]) -> None:
        super().__init__()
        self.paragraphs = list(paragraphs)

    @staticmethod
    def _height_of(paragraph: Flowable, width: float) -> float:
        # Each paragraph keeps the width it was last wrapped at and its height then, with
        # its own id: the parts reportlab splits a paragraph into may copy its attributes,
        # and a split that gave nothing may have dropped its broken lines (blPara).
        known = getattr(paragraph, "_koers_wrapped", None)
        if known is None or known[:2] != (id(paragraph), width) or not hasattr(paragraph, "blPara"):
            _, height = paragraph.wrap(width, 1e9)
            known = paragraph._koers_wrapped = (id(paragraph), width, height)
        return float(known[2])

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = sum(self._height_of(p, available_width) for p in self.paragraphs)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        used = 0.0
        for index, paragraph in enumerate(self.paragraphs):
            height = self._height_of(paragraph, available_width)
            if used + height <= available_height:
                used += height
                continue
            parts = paragraph.split(available_width, available_height - used)
            head, tail = self.paragraphs[:index], self.paragraphs[index + 1 :]
            if len(parts) == 2:
                head, tail = [*head, parts[0]], [parts[1], *tail]
            else:
                tail = [paragraph, *tail]
            if not head:
                return []
            return [ParagraphRun(head), ParagraphRun(tail)]
        return [self]

    def draw(self) -> None:
        top = self.height
        for paragraph in self.paragraphs:
            top -= self._height_of(paragraph, self.width)
            paragraph.drawOn(self.canv, 0, top)

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.paragraphs[0].getSpaceBefore()) if self.paragraphs else 0.0

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.paragraphs[-1].getSpaceAfter()) if self.paragraphs else 0.0

    def getPlainText(self) -> str:  # noqa: N802 (reportlab's name)
        return "\n".join(p.getPlainText() for p in self.paragraphs)


def long_paragraph(markup: str, style: Any) -> Flowable:
    """One BidiParagraph of `markup`, or, for markup longer than PIECE_CHARS, a ParagraphRun
    of BidiParagraphs of its pieces (the style's space before goes on the first, its space
    after on the last)."""
    pieces = markup_pieces(markup)
    if len(pieces) == 1:
        return BidiParagraph(markup, style)
    return ParagraphRun([BidiParagraph(piece, style) for piece in pieces])
