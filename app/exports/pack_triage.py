"""The triage page that opens a handover pack of more than one case: one row per case, most
urgent first (app/exports/pack_facts.urgency_key), with what a manager or receiving worker
checks first: risk, what is overdue, the next appointment, open breaches of safety
agreements, the safety plan's review date, and the page the case starts on.

Rows are kept to one line in a small type so that 50 cases fit on one A4 page; a longer
selection continues on the next page with the header repeated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from app.exports.document import (
    ACCENT,
    CONTENT_WIDTH,
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


def triage_page(
    ordered: Sequence[CaseFacts],
    keys: Mapping[str, str],
    summary: str,
) -> list[Flowable]:
    """The triage table of `ordered` (already most urgent first), each case's name linked to
    its heading (`keys`: case id -> heading key) with that heading's page; `summary` is the
    line under the title (what was selected, how many, when). Ends with a page break."""
    for facts in ordered:
        assert facts.case_id in keys, "every triaged case has a heading"
    rows = [[markup(text(h), HEAD_RIGHT if i in NUMERIC else HEAD_CELL)
             for i, h in enumerate(HEAD)]]  # fmt: skip
    for facts in ordered:
        rows.append(_row(facts, keys[facts.case_id]))
    grid = Table(rows, colWidths=WIDTHS, repeatRows=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
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
        )
    )
    assert abs(sum(WIDTHS) - CONTENT_WIDTH) < 1, "the table fills the page width"
    return [
        heading(TRIAGE_TITLE, 0, in_toc=False),
        para(summary, Styles.small),
        para(ORDER_NOTE, Styles.small),
        gap(1.5),
        grid,
        PageBreak(),
    ]


def risk_cell(facts: CaseFacts) -> str:
    """The risk in a few words: "4 acuut gevaar, rood"; "niet gescreend" without one."""
    screening = facts.screening
    if screening is None:
        return f"<i>{text('niet gescreend')}</i>"
    words = f"{int(screening.situation)} {screening.situation.label}"
    if screening.location_code is not None:
        words += f", {screening.location_code.label.lower()}"
    return warn(words) if screening.situation is RiskSituation.ACUUT_GEVAAR else text(words)


def plan_cell(facts: CaseFacts) -> str:
    """The safety plan's review date, in red when it has passed; "geen plan" without one."""
    if facts.plan is None:
        return warn("geen plan")
    review = day(facts.plan.review_date)
    return warn(review) if facts.plan_past_review else text(review)


def _row(facts: CaseFacts, key: str) -> list[Flowable]:
    name = heading_link(key, facts.display_name)
    appointment = facts.next_appointment
    late, actions, breaches = (
        facts.due.overdue_days,
        len(facts.overdue_actions),
        facts.open_breaches,
    )
    return [
        markup(name, CELL),
        markup(risk_cell(facts), CELL),
        markup(warn(f"{late} d") if late else "–", CELL_RIGHT),
        markup(warn(str(actions)) if actions else "–", CELL_RIGHT),
        markup(text(moment(appointment.starts_at)) if appointment else "–", CELL),
        markup(warn(str(breaches)) if breaches else "0", CELL_RIGHT),
        markup(plan_cell(facts), CELL),
        PageNumber(key, CELL_RIGHT),
    ]
