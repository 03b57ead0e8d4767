"""Names as people write them: Arabic and Hebrew names print joined and right to left, an
emoji prints as a glyph of an embedded font or as "[emoji]", and no character silently
disappears. PDFs are read with pypdf, as a recipient's reader would."""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import arabic_reshaper
import pytest
from bidi import get_display
from bidi.mirror import MIRRORED
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.units import mm

from app.case import Case
from app.casework import Casework, new_id
from app.exports import script
from app.exports.document import (
    CONTENT_WIDTH,
    ExportContext,
    fields,
    heading,
    markup,
    para,
    render,
    table,
    text,
)
from app.exports.fonts import FAMILIES, coverage
from app.exports.service import CaseSelection, export_handover_pack
from app.intake import Intake, register_case
from app.people import DangerPerson, HouseholdMember
from app.rules import LOCAL_TZ
from app.vocabulary import DangerRelation
from tests.exports.conftest import PDF_PASSWORD, pdf_text, read_pdf

ARABIC_NAME = "فاطمة الزهراء"  # invented client
HEBREW_NAME = "שרה לוי"  # invented sister
HEBREW_DANGER = "יוסף כהן"  # invented ex-partner
ARABIC_INITIALS = "ف.ز."


def shown(name: str) -> str:
    """How a name must appear on the page, left to right: shaped by arabic-reshaper and
    ordered by python-bidi's own (Rust) implementation, an oracle independent of Koers'
    line-by-line ordering."""
    return str(get_display(arabic_reshaper.reshape(name)))


def flat(pages: list[str]) -> str:
    return " ".join("\n".join(pages).split())


def page_lines(reader: PdfReader) -> list[str]:
    """The lines of every page as drawn, glyphs left to right (pypdf's layout mode: its
    plain mode turns right-to-left runs back into reading order)."""
    return [
        " ".join(line.split())
        for page in reader.pages
        for line in page.extract_text(extraction_mode="layout").splitlines()
        if line.strip()
    ]


def add_rtl_case(casework: Casework) -> str:
    today = casework.today()
    case_id = new_id()
    register_case(
        casework,
        Intake(
            Case(
                id=case_id, display_name=ARABIC_NAME, initials=ARABIC_INITIALS,
                programme_id="moviera_wijk", phase_id="transitie",
                start_date=today - timedelta(days=60), worker="tester", birth_year=1991,
            ),
            members=(
                HouseholdMember(new_id(), case_id, ARABIC_NAME, False, 1991, "cliënt"),
                HouseholdMember(new_id(), case_id, HEBREW_NAME, False, 1989, "zus"),
            ),
            danger_persons=(
                DangerPerson(new_id(), case_id, HEBREW_DANGER, DangerRelation.EX_PARTNER),
            ),
        ),
    )  # fmt: skip
    return case_id


def test_arabic_and_hebrew_names_print_joined_and_right_to_left_in_the_handover_pack(
    casework: Casework, tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    case_id = add_rtl_case(casework)
    export_handover_pack(casework.vault, out, CaseSelection(case_ids=(case_id,)), PDF_PASSWORD)
    reader = read_pdf(out, PDF_PASSWORD)
    text = "\n".join(page_lines(reader))
    arabic = shown(ARABIC_NAME)
    # Joined: every letter is a presentation form (initial, medial, final or isolated).
    assert all(0xFE70 <= ord(char) <= 0xFEFF for char in arabic.replace(" ", "")), (
        "the oracle itself shapes"
    )
    assert arabic in text  # the heading, the household, the contents line
    assert text.count(arabic) >= 3
    assert ARABIC_NAME not in text  # never the unjoined letters in reading order
    assert ARABIC_NAME.split()[0] not in text
    for name in (HEBREW_NAME, HEBREW_DANGER):
        assert shown(name) in text and name not in text  # right to left: last letter first
    # The name and its initials in brackets, as one right-to-left heading: the brackets
    # mirror, the initials stand left of the name.
    assert f"({shown(ARABIC_INITIALS)}) {arabic}" in text
    # pypdf's reading-order extraction gives the name back as typed (shaped).
    assert arabic_reshaper.reshape(ARABIC_NAME) in flat(pdf_text(reader))


def test_a_right_to_left_exporter_prints_right_to_left_in_every_page_header(
    tmp_path: Path,
) -> None:
    context = ExportContext("Proef", datetime(2026, 11, 22, 10, 0, tzinfo=LOCAL_TZ), ARABIC_NAME)
    data, pages = render([para("Een pagina.")], context)
    text = "\n".join(page_lines(PdfReader(io.BytesIO(data))))
    assert f"Geëxporteerd op 22-11-2026 10:00 door {shown(ARABIC_NAME)}" in text


def test_a_long_right_to_left_text_wraps_in_reading_order() -> None:
    """The first words written are on the first line (at its right), whatever the width."""
    words = [f"كلمة{n}" for n in range(1, 41)]  # "word1" ... "word40" (digits keep order)
    story = [table(("Verslag",), [(" ".join(words),)], [45 * mm])]
    data, _ = render(story, ExportContext("Proef", datetime(2026, 11, 22, tzinfo=LOCAL_TZ), "t"))
    lines = [
        line
        for line in page_lines(PdfReader(io.BytesIO(data)))
        if any(0xFE70 <= ord(c) <= 0xFEFF for c in line)
    ]
    assert len(lines) > 3
    first_line, last_line = lines[0], lines[-1]
    assert shown(words[0]) in first_line and shown(words[-1]) in last_line
    # Within a line the first word written is the rightmost one.
    assert first_line.endswith(shown(words[0]))
    assert last_line.startswith(shown(words[-1]))


def test_an_emoji_prints_as_a_glyph_of_the_embedded_emoji_font_or_as_a_mark() -> None:
    known = "😀"  # in Noto Emoji
    unknown = "\U0001fafd"  # an emoji of a later Unicode version: in no bundled font
    assert ord(known) in coverage(FAMILIES[2]) and not any(
        ord(unknown) in coverage(f) for f in FAMILIES
    )
    story = [
        heading(f"Gesprek {known}", 0),
        para(f"Ze lachte {known} en wees {unknown} aan."),
        *fields([("Stemming", f"{known} goed")]),
    ]
    context = ExportContext("Proef", datetime(2026, 11, 22, tzinfo=LOCAL_TZ), "tester")
    data, _ = render(story, context)
    reader = PdfReader(io.BytesIO(data))
    text = flat(pdf_text(reader))
    assert f"Ze lachte {known} en wees [emoji] aan." in text
    assert f"Gesprek {known}" in text and f"Stemming: {known} goed" in text
    # The embedded Noto Emoji subset carries the glyph (its ToUnicode map names it).
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    emoji_font = next(f for f in fonts if "NotoEmoji" in str(f["/BaseFont"]))
    to_unicode = emoji_font["/ToUnicode"].get_object().get_data().decode()
    assert f"<{known.encode('utf-16-be').hex().upper()}>" in to_unicode


def test_markup_characters_in_a_name_print_as_written() -> None:
    name = "<b>Jan</b> & \"Piet\" > 'Klaas' فاطمة <br/>"
    context = ExportContext("Proef", datetime(2026, 11, 22, tzinfo=LOCAL_TZ), name)
    story = [
        heading(name, 0),
        markup(f"<b>Naam:</b> {text(name)}"),
        table(("Naam",), [(name,)], [CONTENT_WIDTH]),
    ]
    data, _ = render(story, context)
    page = "\n".join(page_lines(PdfReader(io.BytesIO(data))))
    literal = "<b>Jan</b> & \"Piet\" > 'Klaas' " + shown("فاطمة") + " <br/>"
    assert page.count(literal) == 4  # header, heading, paragraph, table cell


def test_a_decomposed_name_prints_as_its_composed_letters() -> None:
    decomposed = "Zoe\u0308 I\u0307nce"  # as macOS input gives
    assert text(decomposed) == unicodedata.normalize("NFC", decomposed)


def test_direction_marks_order_the_line_and_then_leave_it() -> None:
    # A right-to-left mark after the digits keeps "(2015)" with the name, as typed.
    runs = script.visual("Kind: فاطمة (2015)\u200f, school")
    line = "".join(run.text for run in runs)
    assert line == f"Kind: (2015) {shown('فاطمة')}, school"
    # The brackets pair up (rule N0) with or without the mark.
    assert "".join(r.text for r in script.visual("Kind: فاطمة (2015), school")) == line


# -- No character silently disappears ----------------------------------------------------


def _printable(char: str) -> bool:
    return any(ord(char) in coverage(family) for family in FAMILIES)


def _expected(value: str) -> str:
    """What must print, character by character, before shaping: the character when a
    bundled font has it, a space for a space no font has, a mark otherwise; invisible and
    direction characters print nothing."""
    out = []
    for char in unicodedata.normalize("NFC", value):
        if char in "\r\n\u2028\u2029\x85\x0b\x0c" or char in script.DIRECTION:
            continue
        if script.invisible(char):
            continue
        if char == "\t":
            char = " "
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or not _printable(char):
            out.append(" " if category == "Zs" else script.MISSING)
        else:
            out.append(char)
    return "".join(out)


def _folded(value: str) -> str:
    # Shaping turns Arabic letters into presentation forms; NFKC turns them back.
    return unicodedata.normalize("NFKC", value.replace(script.EMOJI, script.MISSING))


@settings(max_examples=400, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=40))
def test_every_character_prints_with_a_glyph_of_its_font_or_as_a_visible_mark(
    value: str,
) -> None:
    runs = list(script.printed(value))
    for family_name, run_text in runs:
        family = next(f for f in FAMILIES if f.name == family_name)
        for char in run_text:
            assert char in script.DIRECTION or ord(char) in coverage(family), (
                f"U+{ord(char):04X} printed in {family_name}, which has no glyph for it"
            )
    printed = "".join(t for _, t in runs if t)
    printed = "".join(c for c in printed if c not in script.DIRECTION)
    assert _folded(printed) == _folded(_expected(value))
    # Ordering for display moves characters (and mirrors brackets) but drops none.
    shown_line = "".join(run.text for run in script.visual(value))

    def unmirrored(line: str) -> Counter[str]:
        return Counter(min(c, MIRRORED.get(c, c)) for c in line if c != " ")

    assert unmirrored(shown_line) == unmirrored(printed)


@pytest.mark.parametrize(
    "value",
    ["\x00\x07", "\ud800", "\U000f0000", "\u4e00\u4e8c", "a\u200db\ufe0fc\u00ad", "\u3000x"],
)
def test_what_no_font_has_becomes_a_mark_and_invisible_characters_go(value: str) -> None:
    line = "".join(t for _, t in script.printed(value))
    expected = {
        "\x00\x07": "[?][?]",
        "\ud800": "[?]",
        "\U000f0000": "[?]",
        "\u4e00\u4e8c": "[?][?]",  # no bundled font has Chinese
        "a\u200db\ufe0fc\u00ad": "abc",
        "\u3000x": " x",
    }[value]
    assert line == expected


def test_a_vowel_mark_of_a_right_to_left_word_is_drawn_before_its_letter() -> None:
    """Drawn left to right, a Hebrew or Arabic mark comes first: the fonts draw it to the
    right of where it is put, so it lands on its own letter (looked at in a rendering)."""
    line = "".join(run.text for run in script.visual("שָׂרָה"))
    assert line == "ה\u05b8ר\u05c2\u05b8ש"


def test_a_dutch_line_that_starts_with_an_arabic_name_still_reads_left_to_right() -> None:
    def line(value: str) -> str:
        return "".join(run.text for run in script.visual(value))

    assert line("فاطمة woont bij haar zus") == f"{shown('فاطمة')} woont bij haar zus"
    # The last full stop sits between Arabic and Dutch: it takes the paragraph's direction.
    assert line(f"{ARABIC_INITIALS} · Moviera") == "\ufeaf.\ufed1. · Moviera"
    # Only Arabic: right to left as a whole, the initials left of the name.
    assert line(f"{ARABIC_NAME} ({ARABIC_INITIALS})") == (
        f"({shown(ARABIC_INITIALS)}) {shown(ARABIC_NAME)}"
    )
