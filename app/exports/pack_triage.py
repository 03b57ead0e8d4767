"""The triage page that opens a handover pack of more than one case: one row per case, most
urgent first (app/exports/pack_facts.urgency_key), with what a manager or receiving worker
checks first: risk, what is overdue, the next appointment, open breaches of safety
agreements, the safety plan's review date, and the page the case starts on.

Rows are kept to one line in a small type so that 50 cases fit on one A4 page; a longer
selection continues on the next page with the header repeated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from app.exports.document import (
    ACCENT,
    CONTENT_WIDTH,
    INK,
    MUTED,
    RULE,
    WARNING,
    ZEBRA,
    Styles,
    gap,
    heading,
    markup,
    para,
    text,
)
from app.exports.fonts import BOLD, ITALIC, REGULAR
from app.exports.pack_facts import CaseFacts
from app.exports.pack_layout import PageNumber, heading_link
from app.exports.wording import day, moment
from app.vocabulary import RiskSituation

TRIAGE_TITLE = "Triage: meest urgente casus eerst"
HEAD = (
    "Casus",
    "Risico",
    "Contact te laat",
    "Acties te laat",
    "Volgende afspraak",
    "Open schendingen",
    "Evaluatie veiligheidsplan",
    "Blz.",
)
NUMERIC = (2, 3, 5, 7)  # right-aligned columns
WIDTHS = [36 * mm, 35 * mm, 13 * mm, 12 * mm, 26 * mm, 20 * mm, 24 * mm, 8 * mm]
PADDING = 2  # points, each side of a cell
CELL = ParagraphStyle("triage_cell", parent=Styles.cell, fontSize=7, leading=8.5)
CELL_RIGHT = ParagraphStyle("triage_cell_r", parent=CELL, alignment=TA_RIGHT)
HEAD_CELL = ParagraphStyle("triage_head", parent=Styles.cell_head, fontSize=7, leading=8.5)
HEAD_RIGHT = ParagraphStyle("triage_head_r", parent=HEAD_CELL, alignment=TA_RIGHT)
ORDER_NOTE = (
    "Meest urgent eerst: risicoscreening situatie 4, 3, nog niet gescreend, 2, 1; dan "
    "locatiecode (rood eerst), open schendingen, dagen contact te laat, acties te laat, een "
    "veiligheidsplan verlopen of ontbrekend, de eerstvolgende afspraak. Rood vraagt aandacht."
)


def warn(value: str) -> str:
    """Markup for a value that needs attention (escaped here): bold, in the warning red."""
    return f"<font color='{WARNING.hexval()}'><b>{text(value)}</b></font>"


class Look(Enum):
    """How a triage cell prints: as is, in bold red (needs attention) or muted italic."""

    PLAIN = "plain"
    WARN = "warn"
    QUIET = "quiet"


Cell = tuple[str, Look]
LOOKS = {
    Look.PLAIN: (REGULAR, INK),
    Look.WARN: (BOLD, WARNING),
    Look.QUIET: (ITALIC, MUTED),
}


def triage_page(
    ordered: Sequence[CaseFacts],
    keys: Mapping[str, str],
    summary: str,
) -> list[Flowable]:
    """The triage table of `ordered` (already most urgent first), each case's name linked to
    its heading (`keys`: case id -> heading key) with that heading's page; `summary` is the
    line under the title (what was selected, how many). Ends with a page break.

    Only the name is a paragraph (it is user text, may wrap, and links to the case); the
    other cells are Koers' own words and figures, drawn as plain strings in one line."""
    for facts in ordered:
        assert facts.case_id in keys, "every triaged case has a heading"
    data: list[list[object]] = [
        [markup(text(h), HEAD_RIGHT if i in NUMERIC else HEAD_CELL) for i, h in enumerate(HEAD)]
    ]
    commands: list[tuple] = [
        ("FONT", (1, 1), (-1, -1), REGULAR, CELL.fontSize, CELL.leading),
        ("TEXTCOLOR", (1, 1), (-1, -1), INK),
        *(("ALIGN", (column, 1), (column, -1), "RIGHT") for column in NUMERIC),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        # a date after a right-aligned number: room between them
        ("LEFTPADDING", (4, 0), (4, -1), 3 * PADDING),
        ("LEFTPADDING", (6, 0), (6, -1), 3 * PADDING),
    ]
    for row, facts in enumerate(ordered, start=1):
        key = keys[facts.case_id]
        cells = _cells(facts)
        line: list[object] = [markup(heading_link(key, facts.display_name), CELL)]
        data.append([*line, *(value for value, _ in cells), PageNumber(key, CELL_RIGHT)])
        for column, (_, look) in enumerate(cells, start=1):
            if look is not Look.PLAIN:
                font, colour = LOOKS[look]
                where = (column, row), (column, row)
                commands += [
                    ("FONT", *where, font, CELL.fontSize, CELL.leading),
                    ("TEXTCOLOR", *where, colour),
                ]
    grid = Table(data, colWidths=WIDTHS, repeatRows=1, hAlign="LEFT")
    grid.setStyle(TableStyle(commands))
    assert abs(sum(WIDTHS) - CONTENT_WIDTH) < 1, "the table fills the page width"
    return [
        heading(TRIAGE_TITLE, 0, in_toc=False),
        para(summary, Styles.small),
        para(ORDER_NOTE, Styles.small),
        gap(1.5),
        grid,
        PageBreak(),
    ]


def risk_cell(facts: CaseFacts) -> Cell:
    """The risk in a few words: "4 acuut gevaar, rood"; "niet gescreend" without one."""
    screening = facts.screening
    if screening is None:
        return "niet gescreend", Look.QUIET
    words = f"{int(screening.situation)} {screening.situation.label}"
    if screening.location_code is not None:
        words += f", {screening.location_code.label.lower()}"
    urgent = screening.situation is RiskSituation.ACUUT_GEVAAR
    return words, Look.WARN if urgent else Look.PLAIN


def plan_cell(facts: CaseFacts) -> Cell:
    """The safety plan's review date, in red when it has passed; "geen plan" without one."""
    if facts.plan is None:
        return "geen plan", Look.WARN
    return day(facts.plan.review_date), Look.WARN if facts.plan_past_review else Look.PLAIN


def _count(value: int, words: str = "") -> Cell:
    return (f"{value}{words}", Look.WARN) if value else ("–", Look.PLAIN)


def _cells(facts: CaseFacts) -> list[Cell]:
    """Risk, contact late, actions late, next appointment, open breaches, plan review."""
    appointment = facts.next_appointment
    breaches = facts.open_breaches
    return [
        risk_cell(facts),
        _count(facts.due.overdue_days, " d"),
        _count(len(facts.overdue_actions)),
        (moment(appointment.starts_at) if appointment else "–", Look.PLAIN),
        (str(breaches), Look.WARN if breaches else Look.PLAIN),
        plan_cell(facts),
    ]
