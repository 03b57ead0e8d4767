"""Names as people write them: the one text step every export goes through.

A client may be called فاطمة الزهراء or שרה לוי, a report may hold an emoji, a decomposed
"Zoë" may come from a Mac. reportlab draws one font's glyphs left to right and nothing
more, so before anything reaches a page this module

1. normalises the text (NFC; any line separator becomes a line break),
2. shapes Arabic script (arabic-reshaper: the joined initial, medial, final and isolated
   presentation forms and the lam-alef ligature, in reading order),
3. picks per character the first bundled font that has its glyph (app/exports/fonts.py:
   DejaVu Sans, then Noto Sans Arabic, then Noto Emoji; Arabic letters start at Noto Sans
   Arabic, emoji pictures at Noto Emoji) and splits the text into runs by font,
4. replaces what no bundled font has by a visible mark, MISSING ("[?]") or EMOJI ("[emoji]"):
   no character silently disappears. Only characters that are invisible by nature go:
   joiners, variation selectors, zero-width spaces, soft hyphens and tags (INVISIBLE), and
   the reading-direction marks and embeddings (DIRECTION), once they have done their work,
5. orders each printed line for display (the Unicode bidirectional algorithm, from
   python-bidi): right-to-left runs are reversed, their brackets mirrored and their digits
   kept in reading order. A paragraph is ordered line by line after reportlab has broken
   it into lines (`BidiParagraph`), so a long Arabic text wraps in reading order too.

Entry points: `markup()` for paragraph text (escaped: "<", "&" and ">" print as written),
`BidiParagraph` for every paragraph, `line_markup()` for a one-line paragraph that reportlab
makes itself (table-of-contents entries), `draw_text()` / `text_width()` for canvas text
and `chart_string()` for text in a reportlab drawing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, TypeVar
from xml.sax.saxutils import escape

import arabic_reshaper
import emoji
from bidi import algorithm as bidi_algorithm
from bidi.mirror import MIRRORED
from reportlab.graphics.shapes import Group, String
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.exports.fonts import (
    NOTO_ARABIC,
    NOTO_EMOJI,
    SANS,
    Family,
    coverage,
    face_for,
    family_of,
)

MISSING = "[?]"  # a character no bundled font has
EMOJI = "[emoji]"  # an emoji picture no bundled font has
# Reading-direction marks, embeddings, overrides and isolates: they take part in ordering
# (a name may hold a right-to-left mark to keep its digits in place) and are then dropped.
DIRECTION = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Format characters that print a sign of their own (the Arabic number and year signs, ...).
_PRINTING_FORMAT = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# What can make a line's display order differ from its reading order.
_NEEDS_ORDERING = re.compile(
    "[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefe"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
Owner = TypeVar("Owner")
_OBJECT = "\ufffc"  # stands for an image or anchor inside a line while ordering

_RESHAPER = arabic_reshaper.ArabicReshaper(
    configuration={
        "delete_harakat": False,  # vowel marks are part of how a name is written
        "shift_harakat_position": False,
        "ARABIC LIGATURE ALLAH": False,  # names such as عبد الله keep their letters
    }
)


@dataclass(frozen=True)
class Run:
    """Part of one line that prints in one font family; `text` holds only characters that
    family has glyphs for (marks included), in reading order."""

    text: str
    family: Family


def invisible(char: str) -> bool:
    """Whether `char` has no visible form of its own and is dropped from print: a format
    character (zero-width space and joiners, soft hyphen, byte-order mark, tags), a
    variation selector or the combining grapheme joiner. DIRECTION marks count too: they
    are dropped after the line is ordered."""
    code = ord(char)
    if unicodedata.category(char) == "Cf":
        return char not in _PRINTING_FORMAT
    return (
        0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or code == 0x034F
        or 0x180B <= code <= 0x180F
    )


def prepare(value: object) -> str:
    """`value` as text in reading order, ready to be split into runs: NFC (a decomposed "ë"
    becomes one character), every kind of line break a "\\n", Arabic script shaped."""
    text = unicodedata.normalize("NFC", str(value))
    text = _LINE_BREAKS.sub("\n", text)
    if _ARABIC.search(text):
        text = "\n".join(_RESHAPER.reshape(line) for line in text.split("\n"))
    return text


def is_emoji(char: str) -> bool:
    """Whether `char` is an emoji picture (the `emoji` package's data, or a character of
    the emoji planes, regional indicators included)."""
    return 0x1F000 <= ord(char) <= 0x1FAFF or bool(emoji.is_emoji(char))


@cache
def _preference(char: str) -> tuple[tuple[Family, ...], bool]:
    """The families to look in, in order, and whether the character may stay in the font of
    the run before it (punctuation, spaces, digits and marks do; letters go by script)."""
    code = ord(char)
    category = unicodedata.category(char)
    if _ARABIC.match(char):
        return (NOTO_ARABIC, SANS, NOTO_EMOJI), category[0] == "M"
    if code >= 0x1F000 and is_emoji(char):
        return (NOTO_EMOJI, SANS, NOTO_ARABIC), False
    return (SANS, NOTO_ARABIC, NOTO_EMOJI), category[0] in "MNPSZ" and not is_emoji(char)


def runs(line: str) -> list[Run]:
    """One prepared line (no line break) as runs by font. A character no family has becomes
    MISSING or EMOJI (printed in DejaVu Sans); INVISIBLE characters are left out; an emoji
    asked for as a picture (followed by U+FE0F) looks in Noto Emoji first."""
    return list(_runs(line))


@lru_cache(maxsize=4096)  # the same names and labels come back on every page
def _runs(line: str) -> tuple[Run, ...]:
    merged: list[tuple[list[str], Family]] = []
    current: Family | None = None
    for i, char in enumerate(line):
        key = (char, current, line[i + 1 : i + 2] == "\ufe0f")
        choice = _CHOICES.get(key, _UNKNOWN)
        if choice is _UNKNOWN:
            if len(_CHOICES) > 50_000:
                _CHOICES.clear()
            choice = _CHOICES[key] = _choose(*key)
        if choice is None:
            continue
        family, printed = choice
        if merged and merged[-1][1] is family:
            merged[-1][0].append(printed)
        else:
            merged.append(([printed], family))
        if char not in DIRECTION:
            current = family
    return tuple(Run("".join(parts), family) for parts, family in merged)


_UNKNOWN: tuple[Family, str] = (SANS, "\x00unknown")  # a sentinel: compared by identity
_CHOICES: dict[tuple[str, Family | None, bool], tuple[Family, str] | None] = {}


def _choose(char: str, current: Family | None, as_picture: bool) -> tuple[Family, str] | None:
    """What prints for `char` after a run in `current`: (family, text), or None for a
    character that is invisible by nature."""
    if char in DIRECTION:
        return current or SANS, char  # kept for ordering, dropped after
    if invisible(char):
        return None
    return _family_for(char, current, as_picture)


def _family_for(char: str, current: Family | None, as_picture: bool) -> tuple[Family, str]:
    """The family that prints `char` and what it prints (the character or a mark)."""
    category = unicodedata.category(char)
    if char == "\t":
        char = " "
    elif category in ("Cc", "Cs", "Co", "Cn") and not _has_glyph(char, category):
        return SANS, EMOJI if is_emoji(char) else MISSING
    order, sticky = _preference(char)
    if as_picture and is_emoji(char):
        order, sticky = (NOTO_EMOJI, SANS, NOTO_ARABIC), False
    code = ord(char)
    # Nothing sticks to the emoji font: its space and punctuation are a picture's width.
    if sticky and current not in (None, NOTO_EMOJI) and code in coverage(current):
        return current, char
    for family in order:
        if code in coverage(family):
            return family, char
    if category == "Zs":  # a space no font has (ideographic, ...) still separates words
        return current or SANS, " "
    return SANS, EMOJI if is_emoji(char) else MISSING


def _has_glyph(char: str, category: str) -> bool:
    """Private-use and unassigned characters print when a bundled font maps them; control
    characters and lone surrogates never do."""
    return category in ("Co", "Cn") and any(ord(char) in coverage(f) for f in _FAMILIES)


_FAMILIES = (SANS, NOTO_ARABIC, NOTO_EMOJI)


# -- Ordering: the Unicode bidirectional algorithm, line by line -------------------------


def base_level(text: str) -> int:
    """The paragraph direction: 1 (right to left) when `text` holds right-to-left letters
    and no left-to-right one, else 0. The documents are Dutch: a line that starts with an
    Arabic name ("فاطمة woont bij haar zus", "ف.ز. · Moviera") still reads left to right,
    where Unicode's rule P2 (the first strong character decides) would turn it around."""
    if not _RIGHT_TO_LEFT.search(text):
        return 0
    return int(not any(unicodedata.bidirectional(char) == "L" for char in text))


_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def _without_isolates(text: str) -> str:
    """`text` with each isolate (U+2066-U+2069) as the embedding closest to it, character
    for character: python-bidi's Python algorithm predates isolates and refuses them."""
    if not any("\u2066" <= char <= "\u2069" for char in text):
        return text
    out = []
    for i, char in enumerate(text):
        if char == "\u2068":  # first strong isolate: the direction of what follows
            inner = text[i + 1 :].split("\u2069")[0]
            char = "\u2067" if bidi_algorithm.get_base_level(inner) else "\u2066"
        out.append({"\u2066": "\u202a", "\u2067": "\u202b", "\u2069": "\u202c"}.get(char, char))
    return "".join(out)


def _resolved(text: str, base: int) -> list[tuple[int, int]]:
    """(index, level) of each character of one line in reading order, after rules X1-I2
    and L1; explicit embeddings and overrides (removed by X9) are absent."""
    storage = bidi_algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = "LR"[base]
    bidi_algorithm.get_embedding_levels(_without_isolates(text), storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage)
    _resolve_brackets(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    chars = storage["chars"]
    trailing = True  # L1: white space at the end of the line and before a tab: base level
    for char in reversed(chars):
        if char["orig"] in ("B", "S"):
            char["level"], trailing = base, True
        elif trailing and char["orig"] in ("WS", "BN", "LRI", "RLI", "FSI", "PDI"):
            char["level"] = base
        else:
            trailing = False
    return [(char["index"], char["level"]) for char in chars]


# Paired brackets (Unicode's BidiBrackets.txt, the ones a name or note may hold).
_BRACKETS = dict(
    zip(
        "([{\u2045\u207d\u208d\u2308\u230a\u2329\u2768\u276a\u276c\u276e\u2770\u2772"
        "\u2774\u27e6\u27e8\u27ea\u3008\u300a\u300c\u300e\u3010\u3014\u3016\u3018"
        "\u301a\uff08\uff3b\uff5b\uff5f\uff62",
        ")]}\u2046\u207e\u208e\u2309\u230b\u232a\u2769\u276b\u276d\u276f\u2771\u2773"
        "\u2775\u27e7\u27e9\u27eb\u3009\u300b\u300d\u300f\u3011\u3015\u3017\u3019"
        "\u301b\uff09\uff3d\uff5d\uff60\uff63",
        strict=True,
    )
)
_STRONG = {"L": "L", "R": "R", "AL": "R", "EN": "R", "AN": "R"}


def _resolve_brackets(storage: dict[str, Any]) -> None:
    """Rule N0, which python-bidi's Python algorithm leaves out: a bracket pair takes the
    direction of what it encloses, so "فاطمة (2015)" keeps its brackets around the year
    instead of turning one of them around at the end of the line."""
    chars = storage["chars"]
    for run in storage["runs"]:
        start, end = run["start"], run["start"] + run["length"]
        embedding = "R" if chars[start]["level"] % 2 else "L"
        opened: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        for i in range(start, end):
            char = chars[i]
            if char["type"] != "ON":
                continue
            if char["ch"] in _BRACKETS and len(opened) < 63:
                opened.append((_BRACKETS[char["ch"]], i))
            else:
                for depth in range(len(opened) - 1, -1, -1):
                    if opened[depth][0] == char["ch"]:
                        pairs.append((opened[depth][1], i))
                        del opened[depth:]
                        break
        for first, last in sorted(pairs):
            inside = {_STRONG.get(chars[i]["type"]) for i in range(first + 1, last)}
            if embedding in inside:
                direction = embedding
            elif inside - {None}:
                before = next(
                    (
                        _STRONG[chars[i]["type"]]
                        for i in range(first - 1, start - 1, -1)
                        if chars[i]["type"] in _STRONG
                    ),
                    run["sor"],
                )
                direction = before if before != embedding else embedding
            else:
                continue
            chars[first]["type"] = chars[last]["type"] = direction


def display_order(text: str, base: int) -> list[tuple[int, bool]]:
    """The indices of `text` (one line) in display order, left to right, each with whether
    it reads right to left (its glyph then mirrors: "(" shows as ")"). DIRECTION characters
    are left out. A combining mark of a right-to-left word comes before its letter here, on
    purpose: Hebrew and Arabic fonts draw a mark to the right of where it is put, so drawn
    left to right it lands on the letter after it (rule L3 would suit a shaping engine)."""
    order = [(i, level) for i, level in _resolved(text, base) if text[i] not in DIRECTION]
    if order:
        highest = max(level for _, level in order)
        odd_levels = [level for _, level in order if level % 2]
        lowest_odd = min(odd_levels) if odd_levels else highest + 1
        for level in range(highest, lowest_odd - 1, -1):  # L2
            start = None
            for position in range(len(order) + 1):
                if position < len(order) and order[position][1] >= level:
                    start = position if start is None else start
                elif start is not None:
                    order[start:position] = order[start:position][::-1]
                    start = None
    return [(index, bool(level % 2)) for index, level in order]


def reorder(pieces: Sequence[tuple[Owner, str]], base: int) -> list[tuple[Owner, str]]:
    """One line made of (owner, text) pieces in reading order (the owner is a font, or a
    paragraph fragment) as pieces in display order: characters regrouped by owner,
    right-to-left ones mirrored, DIRECTION characters dropped."""
    owners: list[int] = []
    for position, (_owner, text) in enumerate(pieces):
        owners += [position] * len(text)
    line = "".join(text for _, text in pieces)
    result: list[tuple[Owner, str]] = []
    last = None
    for index, rtl in display_order(line, base):
        char = MIRRORED.get(line[index], line[index]) if rtl else line[index]
        position = owners[index]
        if result and last == position:
            result[-1] = (result[-1][0], result[-1][1] + char)
        else:
            result.append((pieces[position][0], char))
        last = position
    return result


def needs_ordering(text: str) -> bool:
    """Whether `text` holds right-to-left script or a direction mark."""
    return _NEEDS_ORDERING.search(text) is not None


def visual(value: object) -> list[Run]:
    """`value` as one printed line (line breaks become spaces): runs in display order."""
    line = prepare(value).replace("\n", " ")
    found = runs(line)
    if not needs_ordering(line):
        return [Run(r.text, r.family) for r in found]
    base = base_level(line)
    ordered = reorder([(r.family, r.text) for r in found], base)
    return [Run(text, family) for family, text in ordered if isinstance(family, Family)]


# -- Paragraphs -------------------------------------------------------------------------


def _run_markup(run: Run) -> str:
    text = escape(run.text)
    if run.family is SANS:  # the paragraph's own font (its weight and slant from the style)
        return text
    return f'<font face="{run.family.name}">{text}</font>'


def markup(value: object) -> str:
    """`value` as paragraph text: escaped, line breaks kept, each run in its font. Still in
    reading order: a BidiParagraph orders it per line when it draws."""
    text = str(value)
    if text.isascii() and text.isprintable():
        return escape(text)
    return "<br/>".join(
        "".join(_run_markup(run) for run in runs(line)) for line in prepare(text).split("\n")
    )


def line_markup(value: object) -> str:
    """`value` as the markup of one line already in display order, for a paragraph that
    reportlab makes itself and so cannot order (a table-of-contents entry)."""
    text = str(value)
    if text.isascii() and text.isprintable():
        return escape(text)
    return "".join(_run_markup(run) for run in visual(text))


class BidiParagraph(Paragraph):
    """A reportlab Paragraph that draws each line in display order.

    reportlab breaks the text into lines in reading order (its own right-to-left support
    needs a package that is not available); just before drawing, each line's fragments are
    regrouped in display order, so a right-to-left text that wraps reads on from the right
    of the next line. Splitting across pages keeps working on the reading order. A
    left-aligned paragraph whose first strong character is right-to-left and that wraps is
    drawn right-aligned."""

    blPara: Any  # reportlab's broken lines, set by wrap()
    style: Any

    def __init__(self, text: str | None, style: Any, *args: Any, **kwargs: Any) -> None:
        if text is not None and "<font face=" in text:
            text = _weighted(text, style.fontName)
        super().__init__(text, style, *args, **kwargs)

    def drawPara(self, debug: int = 0) -> Any:  # noqa: N802 (reportlab's name)
        plain = self.getPlainText()
        if not needs_ordering(plain):
            return super().drawPara(debug)
        logical, style = self.blPara, self.style
        base = base_level(plain)
        self.blPara = _display_lines(logical, base)
        if base == 1 and len(logical.lines) > 1 and style.alignment == TA_LEFT:
            # A right-to-left text that wraps is ragged on the left, as it is written.
            self.style = ParagraphStyle(f"{style.name}_rtl", parent=style, alignment=TA_RIGHT)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara, self.style = logical, style


_TAGS = re.compile(r'<(/?)(b|strong|i|em)\b[^>]*>|<font face="(Koers[A-Za-z]+)">')


def _weighted(text: str, font_name: str) -> str:
    """`text` with each fallback run's <font face> naming the face of the weight and slant
    around it: reportlab's parser takes a face's own weight, so inside <b> a bare
    "KoersArabic" would print regular."""
    bold, italic = _slant(font_name)
    depth = {"b": int(bold), "i": int(italic)}

    def face(found: re.Match[str]) -> str:
        closing, tag, family_name = found.groups()
        if family_name is None:
            key = "b" if tag in ("b", "strong") else "i"
            depth[key] += -1 if closing else 1
            return found.group(0)
        family = next((f for f in _FAMILIES if f.name == family_name), None)
        if family is None:
            return found.group(0)
        return f'<font face="{face_for(family, depth["b"] > 0, depth["i"] > 0)}">'

    return _TAGS.sub(face, text)


def _slant(font_name: str) -> tuple[bool, bool]:
    """Whether `font_name` is bold and italic: from Koers' font mappings, or from the name
    of any other font (a style made without a Koers parent must not break an export)."""
    try:
        _family, bold, italic = family_of(font_name)
    except ValueError:
        name = font_name.lower()
        return "bold" in name, "italic" in name or "oblique" in name
    return bold, italic


def _display_lines(paragraph: Any, base: int) -> Any:
    """A copy of reportlab's broken lines (`blPara`) with each line in display order."""
    if paragraph.kind == 0:  # one font: a line is (extra space, [words])
        lines = []
        for extra, words in paragraph.lines:
            pieces = reorder([(0, " ".join(str(w) for w in words))], base)
            lines.append((extra, "".join(text for _, text in pieces).split(" ")))
        return paragraph.clone(lines=lines)
    return paragraph.clone(lines=[_display_fragments(line, base) for line in paragraph.lines])


def _display_fragments(line: Any, base: int) -> Any:
    fragments = line.words
    pieces = [(i, _OBJECT if hasattr(f, "cbDefn") else f.text) for i, f in enumerate(fragments)]
    words = []
    for owner, text in reorder(pieces, base):
        fragment = fragments[owner]  # type: ignore[index]
        words.append(fragment if hasattr(fragment, "cbDefn") else fragment.clone(text=text))
    return line.clone(words=words)


# -- Canvas and drawings ----------------------------------------------------------------


def _faces(value: object, font_name: str) -> tuple[tuple[str, str], ...]:
    """(face, text) pieces of `value` on one line in display order, the faces in the weight
    and slant of `font_name` (one of Koers' fonts)."""
    return _line_faces(str(value), font_name)


@lru_cache(maxsize=1024)  # a page header and footer repeat on every page
def _line_faces(value: str, font_name: str) -> tuple[tuple[str, str], ...]:
    bold, italic = _slant(font_name)
    return tuple((face_for(run.family, bold, italic), run.text) for run in visual(value))


def text_width(value: object, font_name: str, size: float) -> float:
    """The width in points `value` takes on one line in `font_name` at `size` points, with
    the fallback fonts its characters need."""
    return sum(stringWidth(text, face, size) for face, text in _faces(value, font_name))


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    value: object,
    font_name: str,
    size: float,
    anchor: str = "start",
) -> float:
    """Draws `value` as one line at (x, y) on `canvas`, starting at x ("start"), ending at
    it ("end") or centred on it ("middle"); returns its width in points. The canvas's fill
    colour is used; its font is left as it was."""
    pieces = _faces(value, font_name)
    width = sum(stringWidth(text, face, size) for face, text in pieces)
    left = _left(x, width, anchor)
    for face, text in pieces:
        canvas.setFont(face, size)
        canvas.drawString(left, y, text)
        left += stringWidth(text, face, size)
    canvas.setFont(font_name, size)
    return width


def chart_string(
    x: float,
    y: float,
    value: object,
    font_name: str,
    size: float,
    anchor: str = "start",
    **style: Any,
) -> Group:
    """`value` as reportlab drawing shapes at (x, y): one String per font run, in display
    order; `style` goes to each String (fillColor, ...)."""
    pieces = _faces(value, font_name)
    left = _left(x, sum(stringWidth(t, f, size) for f, t in pieces), anchor)
    group = Group()
    for face, text in pieces:
        group.add(String(left, y, text, fontName=face, fontSize=size, **style))
        left += stringWidth(text, face, size)
    return group


def _left(x: float, width: float, anchor: str) -> float:
    if anchor == "end":
        return x - width
    if anchor == "middle":
        return x - width / 2
    return x


def printed(value: object) -> Iterable[tuple[str, str]]:
    """(face of the regular weight, text) of each run `value` prints, line by line in
    reading order: what a test checks against the fonts' glyphs."""
    for line in prepare(value).split("\n"):
        for run in runs(line):
            yield run.family.name, run.text
