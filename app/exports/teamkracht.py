"""The teamkracht sheet: one case, de-identified, on one or two pages, to prepare a team case
discussion. Structured fields are left out or reduced to labels ("cliënt", "kind 1 (8 jaar)",
never initials); every free text goes through the de-identification (app/exports/deidentify.py,
deny by default) and a review before it is printed:

    source = sheet_source(file, programme, today, question, discussion_id)  # reads nothing
    draft = prepare_sheet(source, worker.deidentify)   # the library, in its worker process
    draft = draft.with_blanked(["Marktplein"])         # the worker's own additions
    pdf, pages = teamkracht_sheet(draft, context)      # only after the worker confirmed

Texts are capped so the sheet stays within two pages; the heading says what was removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from app.casework import CaseFile
from app.discussion import CaseDiscussion, sheet_discussion
from app.errors import require
from app.exports.chart import zrm_chart
from app.exports.deidentify import CaseVocabulary, DeidentifiedText, Removed
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
from app.exports.pseudonym import CLIENT, case_vocabulary, household_line
from app.exports.wording import day, phase_title, phase_words, risk
from app.programmes import Programme
from app.rules import current_safety_plan, safety_plan_past_review

TITLE = "Teamkracht: casusbespreking"
MAX_TEXT = 700  # characters per free-text field
MAX_SHORT = 110  # a breach's description in the timeline
MAX_NOTES = 300  # the latest screening's notes
MAX_EVENTS = 10
LINE = 7.5 * mm  # ruled line height
ADVICE_MIN_LINES, ADVICE_MAX_LINES = 5, 14
# Of a long text only its start can be printed; the rest is not read (a 200 KB paste stays
# quick). The cut falls at a space well past the printed length, so no name is split there.
READ_FACTOR = 2


@dataclass(frozen=True)
class Event:
    on: date
    what: str


@dataclass(frozen=True)
class SheetText:
    """One free text of the sheet: `key` ("question", "timeline", "breach:<id>" ...), the
    title the review shows, the text as written and how much of it the sheet prints."""

    key: str
    title: str
    text: str
    limit: int


@dataclass(frozen=True)
class SheetSource:
    """Everything a sheet is made from, read from the vault, before de-identification."""

    file: CaseFile
    programme: Programme
    today: date
    discussion: CaseDiscussion | None
    texts: tuple[SheetText, ...]
    vocabulary: CaseVocabulary

    @property
    def case_id(self) -> str:
        return self.file.case.id


Deidentifier = Callable[[Sequence[str], CaseVocabulary], list[DeidentifiedText]]


@dataclass(frozen=True)
class SheetDraft:
    """The sheet's free texts de-identified, for the review and then the PDF. `blanked`:
    the words the worker blanked on top (they are blanked in every text of the sheet)."""

    source: SheetSource
    parts: tuple[DeidentifiedText, ...]  # one per source text, in order
    blanked: tuple[str, ...] = ()

    def printed(self, key: str) -> str:
        """The text of `key` as the sheet prints it (capped), "" for a text not there."""
        for text, part in zip(self.source.texts, self.parts, strict=True):
            if text.key == key:
                return _capped(part.text, text.limit)
        return ""

    def review(self) -> list[tuple[str, DeidentifiedText]]:
        """(title, text) of every non-empty text, as printed (capped)."""
        return [
            (text.title, _capped_result(part, text.limit))
            for text, part in zip(self.source.texts, self.parts, strict=True)
            if part.text.strip()
        ]

    def with_blanked(self, words: Sequence[str]) -> SheetDraft:
        """The draft with `words` blanked as "[weggelaten]" in every text."""
        words = [w.strip() for w in words if w.strip()]
        if not words:
            return self
        return replace(
            self,
            parts=tuple(part.with_blanked(words) for part in self.parts),
            blanked=(*self.blanked, *words),
        )

    @property
    def removed(self) -> Removed:
        return Removed.of(part for _title, part in self.review())

    def heading(self) -> str:
        """What the sheet says it removed: "Verwijderd: 4 namen, 2 plaatsen, 1 school." """
        words = self.removed.words()
        return f"Verwijderd: {words}." if words else "Verwijderd: niets gevonden om te verwijderen."

    def review_text(self) -> str:
        """The review as plain text (the command line prints it): each text as printed,
        replacements in their [tags], kept capitalised words listed for a second look."""
        lines = []
        for title, part in self.review():
            lines += [f"{title}:", f"  {part.text}"]
            if part.kept:
                kept = ", ".join(dict.fromkeys(k.word for k in part.kept))
                lines.append(f"  (capitalised words kept, check them: {kept})")
        lines.append(self.heading())
        return "\n".join(lines)


def sheet_source(
    file: CaseFile,
    programme: Programme,
    today: date,
    question: str | None = None,
    discussion_id: str | None = None,
) -> SheetSource:
    """The free texts of the sheet, made from the discussion `discussion_id`, else the latest
    prepared one (app/discussion.py `sheet_discussion`): its question (unless `question` is
    given), timeline, strengths, risks and what was tried; the latest screening's notes and
    the breaches' descriptions. Raises ValidationError when `discussion_id` is not one of the
    case's discussions (a sheet without its text would look complete)."""
    discussion = sheet_discussion(file.discussions, discussion_id)
    require(
        not discussion_id or discussion is not None,
        "discussion",
        f"this case has no case discussion with id {discussion_id!r}; nothing was written",
        "Deze casus heeft die casusbespreking niet; er is niets opgeslagen.",
    )
    asked = question if question is not None else (discussion.question if discussion else "")
    texts = [
        SheetText("question", "Vraag aan het team", asked, MAX_TEXT),
        SheetText("timeline", "Tijdlijn: toelichting", _field(discussion, "timeline"), MAX_TEXT),
        SheetText("strengths", "Krachten", _field(discussion, "strengths"), MAX_TEXT),
        SheetText("risks", "Risico's", _field(discussion, "risks"), MAX_TEXT),
        SheetText("tried", "Wat is al geprobeerd", _field(discussion, "tried"), MAX_TEXT),
    ]
    latest = file.latest_screening
    if latest is not None:
        texts.append(SheetText("screening", "Toelichting screening", latest.notes, MAX_NOTES))
    texts += [
        SheetText(f"breach:{b.id}", f"Afspraak geschonden ({day(b.occurred_on)})", b.description,
                  MAX_SHORT)
        for b in file.breaches
    ]  # fmt: skip
    keep = (programme.name,)
    return SheetSource(
        file,
        programme,
        today,
        discussion,
        tuple(texts),
        case_vocabulary(file, keep),
    )


def prepare_sheet(source: SheetSource, deidentifier: Deidentifier) -> SheetDraft:
    """De-identify the sheet's texts (only the part a sheet can print is read)."""
    texts = [_readable_part(t.text, t.limit) for t in source.texts]
    parts = deidentifier(texts, source.vocabulary)
    if len(parts) != len(texts):
        raise ValueError("the de-identification returned a different number of texts")
    return SheetDraft(source, tuple(parts))


def teamkracht_sheet(draft: SheetDraft, context: ExportContext) -> tuple[bytes, int]:
    """The sheet of a reviewed draft as PDF bytes and its page count."""
    source = draft.source
    file, programme = source.file, source.programme
    case, today = file.case, context.today
    # An aanmelding has no start date yet.
    since = (
        f"in begeleiding sinds {case.start_date:%m-%Y}" if case.start_date else "nog niet gestart"
    )
    story: list[Flowable] = [
        heading(TITLE, 0, in_toc=False),
        # Deny by default: labels only, never initials (they name someone to a team that
        # knows the families, and the record's initials are often wrong for particles).
        para(
            f"{CLIENT.capitalize()} · {programme.name}, "
            f"{phase_words(programme.phase(case.phase_id).name)} · " + since,
            Styles.cover_line,
        ),
        para(draft.heading(), Styles.small),
    ]
    story += section("Vraag aan het team", _text_or_lines(draft.printed("question"), 2))
    story += section("Huishouden", [para(household_line(file, today))])
    story += section("Tijdlijn", _timeline(file, programme, source.discussion, draft))
    story += section("Krachten", _text_or_lines(draft.printed("strengths"), 2))
    story += section("Risico's en laatste screening", _risks(file, draft, today))
    if file.zrm:
        story.append(
            KeepTogether(
                [
                    heading("ZRM-verloop", 1, in_toc=False),
                    zrm_chart(file.zrm, CONTENT_WIDTH, panel_height=17 * mm),
                ]
            )
        )
    story += section("Wat is al geprobeerd", _text_or_lines(draft.printed("tried"), 2))
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


def _readable_part(value: str, limit: int) -> str:
    """The start of `value` that can reach the sheet, cut at a space past READ_FACTOR times
    the printed length (so a name is never cut in two)."""
    value = value or ""
    reach = limit * READ_FACTOR + 200
    if len(value) <= reach:
        return value
    cut = value.find(" ", reach)
    return value if cut < 0 else value[:cut]


def _capped(value: str, limit: int = MAX_TEXT) -> str:
    value = " ".join(value.split()) if limit <= MAX_NOTES else value.strip()
    if len(value) <= limit:
        return value
    cut = limit - 1
    opening = value.rfind("[", 0, cut)
    if opening > value.rfind("]", 0, cut):
        cut = opening  # never half a tag
    return value[:cut].rstrip() + "…"


def _capped_result(part: DeidentifiedText, limit: int) -> DeidentifiedText:
    """`part` as the review shows it: its text capped as the sheet prints it."""
    shown = _capped(part.text, limit)
    if shown == part.text:
        return part
    return replace(
        part,
        text=shown,
        replacements=tuple(r for r in part.replacements if r.end <= len(shown)),
        kept=tuple(k for k in part.kept if k.end <= len(shown)),
    )


def _text_or_lines(value: str, lines: int) -> list[Flowable]:
    """The text, or ruled lines to write on when there is none yet."""
    return [para(value)] if value.strip() else [RuledLines(lines)]


def _timeline(file, programme, discussion, draft: SheetDraft) -> list[Flowable]:
    case = file.case
    events = [Event(case.start_date, f"Start {programme.name}")] if case.start_date else []
    events += [
        Event(entry.since, phase_title(programme.phase(entry.phase_id).name))
        for entry in case.phase_history[1:]
    ]
    events += [Event(s.screened_on, f"Risicoscreening: {risk(s)}") for s in file.screenings]
    events += [Event(p.made_on, f"Veiligheidsplan versie {p.version}") for p in file.safety_plans]
    events += [
        Event(b.occurred_on, "Afspraak geschonden: " + draft.printed(f"breach:{b.id}"))
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
    own = draft.printed("timeline")
    if own.strip():
        story += [gap(1.5), *fields([("Toelichting", own)])]
    return story


def _risks(file: CaseFile, draft: SheetDraft, today: date) -> list[Flowable]:
    latest = file.latest_screening
    plan = current_safety_plan(file.safety_plans)
    story: list[Flowable] = []
    text = draft.printed("risks")
    if text.strip():
        story.append(para(text))
    story += fields(
        [
            (
                "Laatste screening",
                f"{risk(latest)} ({day(latest.screened_on)})" if latest else "nog geen screening",
            ),
            ("Toelichting screening", draft.printed("screening") if latest else ""),
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
