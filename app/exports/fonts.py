"""The embedded font of every export: DejaVu Sans, shipped in resources/fonts.

PDF's standard 14 fonts only know WinAnsi; an embedded TrueType font carries ë, é, ï and
every other character a Dutch name or report may hold.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource_path

REGULAR = "KoersSans"
BOLD = "KoersSans-Bold"
ITALIC = "KoersSans-Oblique"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}


@cache
def register_fonts() -> None:
    """Register the font family once per process (reportlab's registry is global)."""
    for name, file in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
