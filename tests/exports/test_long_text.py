"""A long text prints whole and in order, and is cut only where no tag is open (the cut is
what keeps its layout time growing with its length: app/exports/long_text.py)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.casework import Casework, new_id
from app.contact import Contact
from app.exports.long_text import PIECE_CHARS, markup_pieces
from app.exports.script import markup
from app.exports.service import CaseSelection, export_handover_pack
from tests.exports.conftest import PDF_PASSWORD, KnownCase, pdf_text, read_pdf

TAG = re.compile(r"<(/?)(b|i|font)\b[^>]*>")


def balanced(piece: str) -> bool:
    """Every <b>, <i> and <font> the piece opens it closes, and it closes none it did not open."""
    depth = 0
    for found in TAG.finditer(piece):
        depth += -1 if found.group(1) else 1
        if depth < 0:
            return False
    return depth == 0


def plain(markup_text: str) -> str:
    return " ".join(TAG.sub("", markup_text).replace("<br/>", " ").split())


texts = st.lists(
    st.sampled_from([*"abc déf ghi\n\nجمل 😀 &<>'\"", "Zoë ", "عائشة ", "\n", "woord " * 40]),
    max_size=3_000,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_a_long_text_is_cut_only_where_no_tag_is_open_and_nothing_is_lost(value: str) -> None:
    made = markup(value)
    pieces = markup_pieces(made, limit=500)
    assert all(balanced(piece) for piece in pieces)
    assert plain(" ".join(pieces)) == plain(made)
    assert all(len(piece) <= 500 + 250 + 300 for piece in pieces)  # cut soon after the limit


def test_a_text_cut_at_its_own_line_breaks_joins_back_to_the_same_markup() -> None:
    lines = [f"Regel {n}: mevrouw vertelt over de week en de kinderen." for n in range(400)]
    made = markup("\n".join(lines))
    pieces = markup_pieces(made)
    assert len(pieces) > 5
    assert "<br/>".join(pieces) == made


def test_a_report_at_the_field_limit_prints_whole_and_in_order(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    # 100,000 characters (the contact report's limit): numbered sentences in paragraphs, and
    # one line of 6,000 characters without a break.
    sentences = [f"Zin {n:05d} over de week van mevrouw." for n in range(2_400)]
    paragraphs = [" ".join(sentences[i : i + 12]) for i in range(0, len(sentences), 12)]
    report = "\n\n".join(paragraphs)[: 100_000 - 6_100] + "\n" + "woord " * 1_000
    assert len(report) <= 100_000 and len(markup(report)) > 20 * PIECE_CHARS
    casework.record_contact(
        Contact(new_id(), known_case.id, casework.vault.now() - timedelta(hours=1), report=report)
    )
    out = tmp_path / "pack.pdf"
    export_handover_pack(
        casework.vault, out, CaseSelection(case_ids=(known_case.id,)), PDF_PASSWORD
    )
    flat = " ".join(" ".join(pdf_text(read_pdf(out, PDF_PASSWORD))).split())
    # The sentence numbers alone: a page may break between "Zin" and its number.
    numbers = [int(n) for n in re.findall(r"(?<![\d-])(\d{5})(?![\d-])", flat)]
    printed_last = int(re.findall(r"Zin (\d{5})", report)[-1])
    assert numbers == list(range(printed_last + 1))  # every sentence, once, in order
    assert flat.count("woord") >= 1_000
