"""The teamkracht sheet: one case, pseudonymised, on one or two pages, to prepare a team case
discussion. No name, address, phone number or birth date of the case may appear on it:
structured fields are left out or reduced (initials, "kind 1 (8 jaar)"), free text goes
through the Pseudonymiser, and texts are capped so the sheet stays within two pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from app.casework import CaseFile
from app.discussion import CaseDiscussion, sheet_discussion
from app.exports.chart import zrm_chart
from app.exports.document import (
    CONTENT_WIDTH,
    RULE,
    ExportContext,
    Styles,
    empty,
    fields,
    gap,
    heading,
    para,
    render,
    section,
    table,
)
from app.exports.pseudonym import Pseudonymiser, child_label, initials_of
from app.exports.wording import day, phase_words, risk
from app.programmes import Programme
from app.rules import current_safety_plan, safety_plan_past_review

TITLE = "Teamkracht: casusbespreking"
MAX_TEXT = 700  # characters per free-text field
MAX_EVENTS = 10
LINE = 7.5 * mm  # ruled line height
ADVICE_MIN_LINES, ADVICE_MAX_LINES = 5, 14


@dataclass(frozen=True)
class Event:
    on: date
    what: str


def teamkracht_sheet(
    file: CaseFile,
    programme: Programme,
    context: ExportContext,
    question: str | None = None,
    discussion_id: str | None = None,
) -> tuple[bytes, int]:
    """The sheet as PDF bytes and its page count. It is made from the discussion named by
    `discussion_id`, else the latest prepared one (app/discussion.py `sheet_discussion`):
    its question (unless `question` is given), timeline, strengths, risks and what was
    tried."""
    case, today = file.case, context.today
    clean = Pseudonymiser(file, today).clean
    discussion = sheet_discussion(file.discussions, discussion_id)
    asked = question if question is not None else (discussion.question if discussion else "")
    # An aanmelding has no start date yet.
    since = (
        f"in begeleiding sinds {case.start_date:%m-%Y}" if case.start_date else "nog niet gestart"
    )
    story: list[Flowable] = [
        heading(TITLE, 0, in_toc=False),
        para(
            f"{case.initials} · {programme.name}, "
            f"{phase_words(programme.phase(case.phase_id).name)} · " + since,
            Styles.cover_line,
        ),
        para(
            "Gepseudonimiseerd: initialen in plaats van namen, geen adres, telefoonnummer of "
            "geboortedatum.",
            Styles.small,
        ),
    ]
    story += section("Vraag aan het team", _text_or_lines(clean(asked), 2))
    story += section("Huishouden", [para(_household(file, today))])
    story += section("Tijdlijn", _timeline(file, programme, discussion, clean))
    story += section("Krachten", _text_or_lines(clean(_field(discussion, "strengths")), 2))
    story += section("Risico's en laatste screening", _risks(file, discussion, today, clean))
    if file.zrm:
        story.append(
            KeepTogether(
                [
                    heading("ZRM-verloop", 1, in_toc=False),
                    zrm_chart(file.zrm, CONTENT_WIDTH, panel_height=17 * mm),
                ]
            )
        )
    story += section("Wat is al geprobeerd", _text_or_lines(clean(_field(discussion, "tried")), 2))
    # Not KeepTogether: it measures with unlimited height, where the space would take its
    # maximum and never fit the rest of a page.
    story += [
        CondPageBreak(ADVICE_MIN_LINES * LINE + 12 * mm),
        heading("Advies van het team", 1, in_toc=False),
        RuledLines(ADVICE_MIN_LINES, ADVICE_MAX_LINES),
    ]
    return render(story, context)


class RuledLines(Flowable):
    """Ruled lines to write on. Between `fewest` and `most` lines: as many as fit in what is
    left of the page; with room for fewer than `fewest`, they start the next page."""

    def __init__(self, fewest: int, most: int | None = None) -> None:
        super().__init__()
        self.fewest, self.most = fewest, most or fewest

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        lines = int(available_height // LINE)
        lines = min(self.most, lines) if lines >= self.fewest else self.fewest
        self.width, self.height = available_width, lines * LINE
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        for line in range(1, round(self.height / LINE) + 1):
            self.canv.line(0, self.height - line * LINE, self.width, self.height - line * LINE)


def _field(discussion: CaseDiscussion | None, name: str) -> str:
    return getattr(discussion, name) if discussion else ""


def _capped(value: str) -> str:
    value = value.strip()
    return value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1].rstrip() + "…"


def _text_or_lines(value: str, lines: int) -> list[Flowable]:
    """The text, or ruled lines to write on when there is none yet."""
    return [para(_capped(value))] if value.strip() else [RuledLines(lines)]


def _household(file: CaseFile, today: date) -> str:
    case = file.case
    client = f"cliënt {case.initials}"
    if case.birth_year:
        client += f" ({today.year - case.birth_year} jaar)"
    others = [
        initials_of(a.name) + (f" ({a.role})" if a.role else "")
        for a in file.household.adults
        if a.name != case.display_name and a.role != "cliënt"
    ]
    children = [
        child_label(n, c.birth_year, today) for n, c in enumerate(file.household.children, start=1)
    ]
    parts = [client]
    if others:
        parts.append("andere volwassenen: " + ", ".join(others))
    parts.append("kinderen: " + (", ".join(children) if children else "geen"))
    return "; ".join(parts)


def _timeline(file, programme, discussion, clean) -> list[Flowable]:
    case = file.case
    events = [Event(case.start_date, f"Start {programme.name}")] if case.start_date else []
    events += [
        Event(entry.since, f"Fase {programme.phase(entry.phase_id).name}")
        for entry in case.phase_history[1:]
    ]
    events += [Event(s.screened_on, f"Risicoscreening: {risk(s)}") for s in file.screenings]
    events += [Event(p.made_on, f"Veiligheidsplan versie {p.version}") for p in file.safety_plans]
    events += [
        Event(b.occurred_on, "Afspraak geschonden: " + _short(clean(b.description)))
        for b in file.breaches
    ]
    events += [
        Event(n.handover_date, f"Warme overdracht ({n.to_kind.label.lower()})")
        for n in file.handover_notes
    ]
    events += [
        Event(d.held_on, "Eerdere casusbespreking")
        for d in file.discussions
        if discussion is None or d.id != discussion.id
    ]
    events.sort(key=lambda e: e.on)
    shown = events[-MAX_EVENTS:]
    story: list[Flowable] = []
    if len(events) > len(shown):
        story.append(
            para(f"De laatste {len(shown)} van {len(events)} gebeurtenissen.", Styles.small)
        )
    story.append(
        table(
            ("Datum", "Gebeurtenis"),
            [(day(e.on), e.what) for e in shown],
            [24 * mm, CONTENT_WIDTH - 24 * mm],
        )
    )
    own = clean(_field(discussion, "timeline"))
    if own.strip():
        story += [gap(1.5), *fields([("Toelichting", _capped(own))])]
    return story


def _short(value: str, limit: int = 110) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _risks(file: CaseFile, discussion, today: date, clean) -> list[Flowable]:
    latest = file.latest_screening
    plan = current_safety_plan(file.safety_plans)
    story: list[Flowable] = []
    text = clean(_field(discussion, "risks"))
    if text.strip():
        story.append(para(_capped(text)))
    story += fields(
        [
            (
                "Laatste screening",
                f"{risk(latest)} ({day(latest.screened_on)})" if latest else "nog geen screening",
            ),
            ("Toelichting screening", _short(clean(latest.notes), 300) if latest else ""),
            ("Open schendingen van afspraken", len(file.open_breaches)),
            (
                "Veiligheidsplan",
                "geen"
                if plan is None
                else f"versie {plan.version}, evaluatie {day(plan.review_date)}"
                + (" (verlopen)" if safety_plan_past_review(plan, today) else ""),
            ),
        ]
    )
    return story or [empty("Niets vastgelegd.")]
