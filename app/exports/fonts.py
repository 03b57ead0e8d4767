"""The embedded fonts of every export, shipped in resources/fonts (licences beside them).

PDF's standard 14 fonts only know WinAnsi; embedded TrueType fonts carry ë, é, ï and every
other character a name or report may hold. reportlab has no font fallback of its own, so
app/exports/script.py picks, per character, the first family here that has its glyph:

- KoersSans: DejaVu Sans (Bitstream Vera licence): Latin, Greek, Cyrillic, Hebrew, Arabic,
  many symbols. Regular, bold, oblique.
- KoersArabic: Noto Sans Arabic 2.012 (SIL OFL 1.1), static regular and bold instances of
  the variable font; it maps every Arabic presentation form (U+FB50-U+FDFF, U+FE70-U+FEFF)
  that arabic-reshaper produces, so Arabic, Persian and Urdu names print joined.
- KoersEmoji: Noto Emoji 3.006 (SIL OFL 1.1), the monochrome emoji font (reportlab cannot
  draw the colour one). One weight: bold and italic text print its regular glyphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping, ps2tt, tt2ps
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource_path

REGULAR = "KoersSans"
BOLD = "KoersSans-Bold"
ITALIC = "KoersSans-Oblique"
ARABIC = "KoersArabic"
EMOJI = "KoersEmoji"


@dataclass(frozen=True)
class Family:
    """One font family: its regular face's name (what a <font face> tag names) and the
    file of each face (regular, bold, italic, bold italic)."""

    name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str

    def faces(self) -> dict[str, str]:
        """Face name -> file, one entry per distinct file."""
        files = {self.name: self.regular}
        for suffix, file in (("-Bold", self.bold), ("-Oblique", self.italic)):
            if file != self.regular:
                files[self.name + suffix] = file
        if self.bold_italic not in files.values():
            files[self.name + "-BoldOblique"] = self.bold_italic
        return files

    def face(self, bold: bool, italic: bool) -> str:
        """The registered face name for this weight and slant."""
        wanted = (self.regular, self.italic, self.bold, self.bold_italic)[2 * bold + italic]
        return next(name for name, file in self.faces().items() if file == wanted)


SANS = Family(
    REGULAR, "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
    "DejaVuSans-Bold.ttf",
)  # fmt: skip
NOTO_ARABIC = Family(
    ARABIC, "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
    "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
)  # fmt: skip
NOTO_EMOJI = Family(EMOJI, *["NotoEmoji-Regular.ttf"] * 4)
# The order in which a character's glyph is looked for (script.py may start further down:
# Arabic letters look in KoersArabic first, emoji pictures in KoersEmoji).
FAMILIES = (SANS, NOTO_ARABIC, NOTO_EMOJI)
FILES = {name: file for family in FAMILIES for name, file in family.faces().items()}


def _to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF (emoji) written as UTF-16
    surrogate pairs as the PDF standard asks: reportlab writes the bare code point, so a
    reader could not copy, search or read aloud an emoji it prints."""
    lines = _reportlab_cmap(font_name, subset).split("\n")
    start = next(i for i, line in enumerate(lines) if line.endswith("beginbfchar")) + 1
    for position, code in enumerate(subset):
        if code > 0xFFFF:
            units = chr(code).encode("utf-16-be").hex().upper()
            lines[start + position] = f"<{position:02X}> <{units}>"
    return "\n".join(lines)


_reportlab_cmap = ttfonts.makeToUnicodeCMap


@cache
def register_fonts() -> None:
    """Register every family once per process (reportlab's registry is global), and
    correct reportlab's ToUnicode maps for emoji (see _to_unicode_cmap)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name, file in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    for family in FAMILIES:
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(family.name, bold, italic, family.face(bool(bold), bool(italic)))


def family_of(font_name: str) -> tuple[Family, bool, bool]:
    """The family, boldness and slant of a registered face name ("KoersSans-Bold" ->
    (SANS, True, False)). Raises ValueError for a font that is not one of Koers'."""
    register_fonts()
    family_name, bold, italic = ps2tt(font_name)
    for family in FAMILIES:
        if family.name.lower() == family_name:
            return family, bool(bold), bool(italic)
    raise ValueError(f"{font_name} is not a Koers export font")


def face_for(family: Family, bold: bool, italic: bool) -> str:
    """The registered face of `family` in this weight and slant."""
    register_fonts()
    return str(tt2ps(family.name, int(bold), int(italic)))


@cache
def coverage(family: Family) -> frozenset[int]:
    """The code points every face of `family` has a glyph for: a character counts only when
    bold and italic text can print it too."""
    register_fonts()
    maps = [
        {code for code, glyph in pdfmetrics.getFont(name).face.charToGlyph.items() if glyph}
        for name in family.faces()
    ]
    return frozenset(set.intersection(*maps))
