"""The handover pack (overdrachtsdossier): one case or a whole caseload, for the colleague or
manager who takes over. Always encrypted by the caller (app.exports.service).

A pack of more than one case opens with a triage table (app/exports/pack_triage.py) and
holds its cases in that order, most urgent first. Every case starts with what the receiving
worker must know first (`_first_read`): the latest warm handover note, the next contact due,
the programme end, the nazorg check-ins, who the danger comes from with any orders, and the
actions that are overdue; then the case details and the full record. The pack is laid out
in one pass (app/exports/pack_layout.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Table, TableStyle

from app.casework import CaseFile
from app.exports.chart import zrm_chart
from app.exports.document import (
    ACCENT,
    CONTENT_WIDTH,
    MUTED,
    RULE,
    SECTION_START,
    ExportContext,
    Picture,
    Styles,
    empty,
    gap,
    heading,
    markup,
    para,
    section,
    text,
)
from app.exports.fonts import BOLD
from app.exports.pack_facts import CaseFacts, case_facts, triage_order
from app.exports.pack_layout import FastPicture, contents_lines, figures_table, render_pack
from app.exports.pack_triage import triage_page, warn
from app.exports.wording import day, moment, month, phase_words, risk, yes_no
from app.goals import Action, Goal
from app.handover import HandoverNote
from app.people import DangerPerson
from app.programmes import Programme
from app.rules import (
    CheckinState,
    EndState,
    current_safety_plan,
    local_date,
    safety_plan_past_review,
)
from app.vocabulary import (
    AgreementStatus,
    Consent,
    ContactKind,
    ContactStatus,
    GoalStatus,
    LifeDomain,
)
from app.zrm import NOT_SCORED_NL, ZrmAssessment

TITLE = "Overdrachtsdossier"
LAST_REPORTS = 3
SUMMARY_MONTHS = 12
# Up to this many cases the contents list every section; above it, one line per case.
DETAILED_TOC_CASES = 5
SECRET_ADDRESS = "Geheim adres: niet opgenomen in dit dossier"
FIRST_READ = "Eerst lezen"
NO_HANDOVER = "Nog geen warme overdracht vastgelegd."
NOT_FILLED = "<i>niet ingevuld</i>"
CARD_GROUND = colors.HexColor("#f2f5f8")
# Label/value lines: a little more air between lines than a wrapped paragraph has.
FIELD_BLOCK = ParagraphStyle("field_block", parent=Styles.body, leading=14)
# Danger notes longer than this (characters) are not repeated on the first-read card.
CARD_NOTES_LIMIT = 400
ORDERS = ("huisverbod", "contactverbod", "straatverbod")
CHECKIN_WORDS = {
    CheckinState.GEDAAN: "gedaan",
    CheckinState.GEPLAND: "gepland",
    CheckinState.BINNENKORT: "binnenkort",
    CheckinState.TE_LAAT: "te laat",
}


@dataclass(frozen=True)
class PackOptions:
    selection: str  # what was asked for, in words: "1 casus", "alle lopende casussen", ...
    include_secret_addresses: bool = False


def handover_pack(
    files: Sequence[CaseFile],
    programmes: dict[str, Programme],
    context: ExportContext,
    options: PackOptions,
) -> tuple[bytes, int]:
    """The pack's PDF (not yet encrypted) and its page count. More than one case: a triage
    page first and the cases in its order (most urgent first); one case: no triage page.
    Raises KeyError when a case's programme is not in `programmes`."""
    today, now = context.today, context.exported_at
    facts = {f.case.id: case_facts(f, programmes, today, now) for f in files}
    by_id = {f.case.id: f for f in files}
    ordered = triage_order(list(facts.values())) if len(files) > 1 else list(facts.values())
    detailed = len(files) <= DETAILED_TOC_CASES
    body: list[Flowable] = []
    keys: dict[str, str] = {}
    for item in ordered:
        file = by_id[item.case_id]
        title = heading(f"{file.case.display_name} ({file.case.initials})", 0)
        keys[item.case_id] = title.toc_key
        body += [title, *_case(file, item, programmes, today, options, detailed), PageBreak()]
    story: list[Flowable] = []
    if len(files) > 1:
        summary = f"{options.selection} · {_cases(len(files))}"
        story += triage_page(ordered, keys, summary)
    story += _title_page(files, context, options)
    story += [heading("Inhoud", 0, in_toc=False), *contents_lines(body, 1 if detailed else 0)]
    story += [PageBreak(), *body[:-1]]
    return render_pack(story, context, toc_depth=1 if detailed else 0)


def _cases(count: int) -> str:
    return f"{count} casus{'sen' if count != 1 else ''}"


def _title_page(
    files: Sequence[CaseFile], context: ExportContext, options: PackOptions
) -> list[Flowable]:
    secret = (
        "Geheime adressen zijn op verzoek opgenomen; dat staat in het toegangslogboek."
        if options.include_secret_addresses
        else "Geheime adressen zijn niet opgenomen."
    )
    return [
        gap(40),
        markup(TITLE, Styles.cover_title),
        gap(6),
        para(options.selection, Styles.cover_line),
        para(_cases(len(files)), Styles.cover_line),
        para(context.stamp, Styles.cover_line),
        gap(18),
        para("Vertrouwelijk", Styles.warning),
        para(
            "Dit dossier bevat bijzondere persoonsgegevens van mensen die mogelijk gevaar lopen. "
            "Bewaar het alleen versleuteld, geef het wachtwoord via een ander kanaal door dan "
            "het bestand en vernietig het dossier zodra de overdracht is afgerond."
        ),
        para(secret),
        PageBreak(),
    ]


def _case(
    file: CaseFile,
    facts: CaseFacts,
    programmes: dict[str, Programme],
    today: date,
    options: PackOptions,
    detailed: bool,
) -> list[Flowable]:
    """A case after its heading: first what to read first, then details and the record."""
    programme = programmes[file.case.programme_id]
    story = section(FIRST_READ, _first_read(file, facts, today), in_toc=detailed)
    story += section("Gegevens", _case_details(file, programme, options), in_toc=detailed)
    parts = [
        ("Dreiging", _danger_record(file.danger_persons)),
        ("Risicoscreening", _screening(file)),
        ("Veiligheidsplan", _safety_plan(file, today)),
        ("Veiligheidsafspraken", _agreements(file, today)),
        ("Doelen en acties per leefgebied", _goals(file, today)),
        ("Contacten", _contacts(file, today)),
        ("ZRM-verloop", _zrm(file)),
        ("Warme overdracht", _handovers(file)),
        ("Betrokken ketenpartners", _partners(file)),
    ]
    for title, body in parts:
        if body and isinstance(body[0], Picture):  # the heading stays on its chart's page
            story.append(CondPageBreak(body[0].height + SECTION_START))
        story += section(title, body, in_toc=detailed)
    return story


# --- what to read first --------------------------------------------------------------------


# One row of the first-read card: a label and the lines of its value, each Koers' markup
# with user text inside through text().
Row = tuple[str, list[str]]
CARD_LABEL_WIDTH = 42 * mm
CARD_VALUE = ParagraphStyle("card_value", parent=Styles.body, fontSize=9, leading=11.5)
CARD_SUB = ParagraphStyle("card_sub", parent=CARD_VALUE, fontSize=8.5, leftIndent=8)


def _first_read(file: CaseFile, facts: CaseFacts, today: date) -> list[Flowable]:
    """The latest handover note, then next due, programme end, nazorg check-ins, the danger
    and what is overdue: the order a receiving worker reads a case in, as one card."""
    rows = _latest_handover(facts.latest_handover)
    rows += [
        ("Volgend contact", [_due_words(facts, today)]),
        ("Volgende afspraak", [_appointment_words(facts)]),
        ("Programma-einde", [_end_words(facts)]),
        ("Nazorg-check-ins", _checkin_lines(facts)),
    ]
    rows += _danger(file.danger_persons, today)
    rows.append(("Acties te laat", _overdue_lines(file, facts, today)))
    breaches = facts.open_breaches
    rows.append(
        (
            "Open schendingen",
            [warn(f"{breaches} (zie Veiligheidsafspraken)") if breaches else "geen"],
        )
    )
    achieved = len(facts.achieved_goals)
    rows.append(
        ("Behaalde doelen", [f"{achieved} (zie Doelen en acties)" if achieved else "nog geen"])
    )
    return [_card(rows)]


def _card(rows: Sequence[Row]) -> Table:
    """Label/value rows on a tinted ground with an accent rule at the left; a value's later
    lines are indented (bullets, orders, arrangements). Rows may split across pages. The
    labels are Koers' own words, drawn as plain strings (one line each)."""
    data = [
        [
            label,
            [markup(line, CARD_VALUE if i == 0 else CARD_SUB) for i, line in enumerate(lines)],
        ]
        for label, lines in rows
    ]
    card = Table(
        data,
        colWidths=[CARD_LABEL_WIDTH, CONTENT_WIDTH - CARD_LABEL_WIDTH],
        splitInRow=1,
        hAlign="LEFT",
    )
    card.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), BOLD, CARD_VALUE.fontSize, CARD_VALUE.leading),
                ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), CARD_GROUND),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return card


def _latest_handover(note: HandoverNote | None) -> list[Row]:
    if note is None:
        return [("Warme overdracht", [warn(NO_HANDOVER)])]
    together = "nee"
    if note.with_client:
        together = "ja" + (f", op {day(note.with_client_on)}" if note.with_client_on else "")
    step = note.next_step.strip()
    if step and note.next_step_on is not None:
        step += f" (op {day(note.next_step_on)})"
    consent = note.consent.label.lower()
    return [
        (
            "Warme overdracht",
            [
                f"{text(day(note.handover_date))} aan <b>{text(note.to_whom)}</b> "
                f"({text(note.to_kind.label.lower())}), door {text(note.written_by)}"
            ],
        ),
        ("Reden", [text(note.reason) if note.reason.strip() else NOT_FILLED]),
        ("Volgende stap", [text(step) if step else NOT_FILLED]),
        ("Toestemming cliënt", [warn(consent) if note.consent is Consent.NEE else consent]),
        ("Samen met de cliënt", [text(together)]),
    ]


def _due_words(facts: CaseFacts, today: date) -> str:
    due = facts.due
    if due.due_on is None:
        if facts.has_checkins:
            return "geen: alle nazorg-check-ins zijn gedaan"
        return "geen contact meer nodig (casus afgesloten)"
    open_checkins = {c.due_on for c in facts.checkins if c.state is not CheckinState.GEDAAN}
    what = " (nazorg-check-in)" if due.due_on in open_checkins else ""
    if due.overdue_days:
        days = due.overdue_days
        return warn(f"{days} dag{'en' if days != 1 else ''} te laat") + text(
            f", was uiterlijk {day(due.due_on)}{what}"
        )
    if due.due_on == today:
        return f"<b>vandaag</b>{text(what)}"
    return text(f"uiterlijk {day(due.due_on)}{what}")


def _appointment_words(facts: CaseFacts) -> str:
    planned = facts.next_appointment
    if planned is None:
        return "geen afspraak gepland"
    words = f"{moment(planned.starts_at)}, {planned.kind.label.lower()}"
    return text(words + (f", {planned.location}" if planned.location else ""))


def _end_words(facts: CaseFacts) -> str:
    """The programme end: "dag 20 van 42; einde 12-12-2026 (nog 22 dagen)" for a programme
    with a limit (Take a Break), the planned end otherwise; bold when it nears, red past it."""
    end = facts.end
    if end is None:
        return "geen einddatum"
    words = ""
    if facts.programme_day is not None:
        words = f"dag {facts.programme_day.day} van {facts.programme_day.of}; "
    words += f"einde {day(end.ends_on)}"
    if end.state is EndState.OVERSCHREDEN:
        days = -end.days_left
        return warn(f"{words}, {days} dag{'en' if days != 1 else ''} overschreden")
    if end.days_left == 0:
        return f"<b>{text(words)}, vandaag</b>"
    left = f"{words} (nog {end.days_left} dag{'en' if end.days_left != 1 else ''})"
    return f"<b>{text(left)}</b>" if end.state is EndState.EINDE_NADERT else text(left)


def _checkin_lines(facts: CaseFacts) -> list[str]:
    """One line per planned nazorg check-in: "2: 21-01-2027 gepland", a missed one in red."""
    if not facts.checkins:
        return ["geen gepland"]
    lines = []
    for checkin in facts.checkins:
        words = f"{checkin.number}: {day(checkin.due_on)} {CHECKIN_WORDS[checkin.state]}"
        if checkin.done_on is not None:
            words += f" op {day(checkin.done_on)}"
        lines.append(warn(words) if checkin.state is CheckinState.TE_LAAT else text(words))
    return ["<br/>".join(lines)]


def _overdue_lines(file: CaseFile, facts: CaseFacts, today: date) -> list[str]:
    """The number of open actions past their due date, then one marked line each."""
    overdue = facts.overdue_actions
    if not overdue:
        return ["geen"]
    goals = {g.id: g for g in file.goals}
    lines = [warn(str(len(overdue)))]
    for action in overdue:
        goal = goals.get(action.goal_id)
        detail = ", ".join(
            p
            for p in (
                action.who,
                f"uiterlijk {day(action.due_date)}",
                f"doel: {goal.goal}" if goal else "",
            )
            if p
        )
        late = action.overdue_days(today)
        lines.append(
            f"• {text(action.description)} ({text(detail)}) "
            + warn(f"{late} dag{'en' if late != 1 else ''} te laat")
        )
    return lines


def _danger(persons: Sequence[DangerPerson], today: date) -> list[Row]:
    """Who the danger comes from, with every order and whether it is in force today: the
    receiving worker needs this (it never appears on a teamkracht sheet or in an overview)."""
    if not persons:
        return [("Dreiging komt van", ["<i>geen pleger vastgelegd</i>"])]
    rows: list[Row] = []
    for person in persons:
        lines = [f"<b>{text(person.name)}</b> ({text(person.relation.label.lower())})"]
        in_force = person.orders_in_force(today)
        for order in ORDERS:
            start = getattr(person, f"{order}_from")
            if start is None:
                continue
            until = getattr(person, f"{order}_until")
            words = f"{order.capitalize()} {day(start)} t/m {day(until) if until else 'onbepaald'}"
            if order in in_force:
                lines.append(warn(words + ": van kracht"))
            elif start > today:
                lines.append(text(words + " (gaat nog in)"))
            else:
                lines.append(text(words + " (afgelopen)"))
        if len(lines) == 1:
            lines.append("Geen huisverbod, contactverbod of straatverbod vastgelegd")
        if person.omgangsregeling:
            lines.append(f"<b>Omgangsregeling:</b> {text(person.omgangsregeling)}")
        if len(person.notes) > CARD_NOTES_LIMIT:  # the card stays a summary
            lines.append("<b>Aantekeningen:</b> <i>zie Dreiging, verderop bij deze casus</i>")
        elif person.notes:
            lines.append(f"<b>Aantekeningen:</b> {text(person.notes)}")
        rows.append(("Dreiging komt van", lines))
    return rows


def _danger_record(persons: Sequence[DangerPerson]) -> list[Flowable]:
    """Every danger person in full, as recorded (the card at the top of the case holds the
    orders in force and may point here for long notes)."""
    if not persons:
        return [empty("Geen pleger vastgelegd.")]
    story: list[Flowable] = []
    for person in persons:
        orders = [
            f"{order} {day(getattr(person, order + '_from'))} t/m "
            f"{day(getattr(person, order + '_until')) or 'onbepaald'}"
            for order in ORDERS
            if getattr(person, order + "_from") is not None
        ]
        story += _fields(
            [
                ("Naam", person.name),
                ("Relatie tot cliënt", person.relation.label),
                ("Verboden", "; ".join(orders)),
                ("Omgangsregeling", person.omgangsregeling),
                ("Aantekeningen", person.notes),
            ]
        )
    return story


# --- details and the record ----------------------------------------------------------------


def _fields(pairs: Iterable[tuple[str, object]]) -> list[Flowable]:
    """Label/value lines ("Wie: ..."), skipping empty values, as document.fields prints
    them but in one paragraph: a pack of 50 cases holds thousands of such lines, and a
    paragraph each was a fifth of its time. Long values wrap; the block splits over pages."""
    lines = [
        f"<b>{text(label)}:</b> {text(value)}"
        for label, value in pairs
        if value not in (None, "", ())
    ]
    return [markup("<br/>".join(lines), FIELD_BLOCK)] if lines else []


def _case_details(file: CaseFile, programme: Programme, options: PackOptions) -> list[Flowable]:
    case = file.case
    phase_since = case.phase_history[-1].since
    if case.address is None:
        address = ""
    elif case.secret_address and not options.include_secret_addresses:
        address = SECRET_ADDRESS
    else:
        address = case.address.one_line() + (" (geheim adres)" if case.secret_address else "")
    safe = case.safe_contact
    closure = max(file.closures, key=lambda c: c.closed_on, default=None)
    story = _fields(
        [
            ("Programma", f"{programme.name}, {phase_words(programme.phase(case.phase_id).name)}"),
            ("In deze fase sinds", day(phase_since)),
            ("Status", case.status.label),
            ("Aanmelding", day(case.registered_on)),
            ("Start", day(case.start_date)),
            ("Geplande einddatum", day(case.planned_end_date)),
            ("Afgesloten op", day(case.closed_on)),
            ("Nazorg sinds", day(case.nazorg_start)),
            ("Reden afsluiting", closure.reason.label if closure and closure.reason else ""),
            ("Uitstroom naar", closure.destination.label if closure else ""),
            ("Heropend (terugval) op", day(case.reopened_on)),
            ("Trajectbegeleider", case.worker),
            ("Vervanger", case.backup_worker),
            ("Geboortejaar", case.birth_year),
            ("Taal", case.language + (", tolk nodig" if case.interpreter_needed else "")),
            ("Adres", address),
            ("Telefoon", case.phone),
            ("Mag gebeld worden", yes_no(safe.may_call)),
            ("Veilige tijden", safe.safe_times),
            ("Als een ander opneemt", safe.if_someone_else_answers),
            ("Codewoord", safe.code_word),
        ]
    )
    if case.frequency_override is not None:
        o = case.frequency_override
        story += _fields([("Afwijkende contactfrequentie", f"{o.reason} (sinds {day(o.since)})")])
    adults = [
        f"{a.name}"
        + (f", {a.role}" if a.role else "")
        + (f", {a.birth_year}" if a.birth_year else "")
        for a in file.household.adults
    ]
    story += _fields([("Volwassenen", "; ".join(adults))])
    for child in file.household.children:
        story += _fields(
            [
                (
                    "Kind",
                    f"{child.name} ({child.birth_year})"
                    + (f", {child.school}" if child.school else "")
                    + (f". Zorgen: {child.safety_concerns}" if child.safety_concerns else "")
                    + (
                        f". Contact met vader: {child.contact_with_father}"
                        if child.contact_with_father
                        else ""
                    ),
                )
            ]
        )
    return story


def _screening(file: CaseFile) -> list[Flowable]:
    latest = file.latest_screening
    if latest is None:
        return [empty("Nog geen risicoscreening.")]
    return _fields(
        [
            ("Laatste screening", f"{day(latest.screened_on)} door {latest.screened_by}"),
            ("Uitkomst", risk(latest)),
            ("Toelichting", latest.notes),
            ("Eerdere screenings", len(file.screenings) - 1 or ""),
        ]
    )


def _safety_plan(file: CaseFile, today: date) -> list[Flowable]:
    plan = current_safety_plan(file.safety_plans)
    if plan is None:
        return [empty("Nog geen veiligheidsplan.")]
    review = day(plan.review_date)
    if safety_plan_past_review(plan, today):
        review += " (verlopen)"
    if plan.evaluated_on is not None:
        review += f"; ongewijzigd geëvalueerd op {day(plan.evaluated_on)}"
    story = _fields(
        [
            ("Versie", f"{plan.version}, gemaakt op {day(plan.made_on)} door {plan.made_by}"),
            ("Evaluatie", review),
            ("Waarschuwingssignalen", plan.warning_signals),
            ("Wat de cliënt doet", plan.client_actions),
            ("Veilige personen", plan.safe_people),
            ("Veilige plekken", plan.safe_places),
            ("Noodnummers", plan.emergency_numbers),
            ("Vluchtplan", plan.escape_plan),
            ("Veiligheid van de kinderen", plan.children_safety),
        ]
    )
    if plan.timeout is not None:
        t = plan.timeout
        until = f" tot {day(t.to_date)}" if t.to_date else ""
        story += _fields(
            [
                (
                    "Time-out",
                    f"{t.who_leaves} verblijft bij {t.stays_at}, vanaf {day(t.from_date)}{until}",
                )
            ]
        )
    return story


def _agreements(file: CaseFile, today: date) -> list[Flowable]:
    running = [
        a
        for a in file.agreements
        if a.status in (AgreementStatus.ACTIEF, AgreementStatus.GESCHONDEN)
    ]
    ended = len(file.agreements) - len(running)
    story: list[Flowable] = []
    if running:
        rows = [
            (
                a.who,
                a.agreement,
                a.made_with,
                day(a.start_date),
                day(a.review_date) + (" (verlopen)" if a.review_date < today else ""),
                a.status.label,
            )
            for a in running
        ]
        widths = [22 * mm, 50 * mm, 26 * mm, 20 * mm, 27 * mm, 0]  # status fits "Geschonden"
        widths[-1] = CONTENT_WIDTH - sum(widths)
        head = ("Wie", "Afspraak", "Gemaakt met", "Start", "Evaluatie", "Status")
        story.append(figures_table(head, rows, widths, text_columns=(0, 1, 2)))
    else:
        story.append(empty("Geen lopende veiligheidsafspraken."))
    if ended:
        story.append(para(f"Afgeronde of vervallen afspraken: {ended}.", Styles.small))
    agreements = {a.id: a for a in file.agreements}
    open_breaches = file.open_breaches
    story.append(markup("Open schendingen (nog zonder opvolging)", Styles.h3))
    if not open_breaches:
        story.append(empty("Geen open schendingen."))
    for breach in open_breaches:
        about = agreements.get(breach.agreement_id)
        story += _fields(
            [
                (day(breach.occurred_on), breach.description),
                ("Afspraak", about.agreement if about else ""),
            ]
        )
    # What was done about the breaches of the last year: how the partner and the
    # network respond is part of the picture the next worker needs.
    since = today - timedelta(days=365)
    answered = [
        (breach, follow_up)
        for breach in file.breaches
        if breach.occurred_on >= since
        for follow_up in file.follow_ups
        if follow_up.breach_id == breach.id
    ]
    if answered:
        story.append(markup("Schendingen met opvolging (laatste 12 maanden)", Styles.h3))
        for breach, follow_up in answered:
            story += _fields(
                [
                    (day(breach.occurred_on), breach.description),
                    (f"Opvolging {day(follow_up.written_on)}", follow_up.follow_up),
                ]
            )
    return story


def _goals(file: CaseFile, today: date) -> list[Flowable]:
    """Open goals per life domain with their open actions (an overdue one marked in red),
    then the achieved goals listed apart and the number of dropped ones."""
    open_goals = [g for g in file.goals if g.is_open]
    story: list[Flowable] = [] if open_goals else [empty("Geen open doelen.")]
    actions_by_goal: dict[str, list[Action]] = {}
    for action in file.actions:
        if action.is_open:
            actions_by_goal.setdefault(action.goal_id, []).append(action)
    order = list(LifeDomain)
    for domain in sorted({g.domain for g in open_goals}, key=order.index):
        story.append(markup(text(domain.label), Styles.h3))
        for goal in (g for g in open_goals if g.domain is domain):
            story.append(markup(f"<b>{text(_goal_title(goal))}</b> ({text(_goal_extra(goal))})"))
            for action in actions_by_goal.get(goal.id, []):
                detail = ", ".join(
                    p for p in (action.who, day(action.due_date) if action.due_date else "") if p
                )
                late = action.overdue_days(today)
                story.append(
                    markup(
                        f"• {text(action.description)}"
                        + (f" <font color='#5f6b7a'>({text(detail)})</font>" if detail else "")
                        + (" " + warn(f"te laat: {late} dagen") if late else ""),
                        Styles.cell,
                    )
                )
    achieved = [g for g in file.goals if g.status is GoalStatus.BEHAALD]
    story.append(markup("Behaalde doelen", Styles.h3))
    if not achieved:
        story.append(empty("Nog geen behaalde doelen."))
    for goal in sorted(achieved, key=lambda g: (order.index(g.domain), g.made_on or date.min)):
        story.append(
            markup(
                f"✓ <b>{text(goal.domain.label)}:</b> {text(_goal_title(goal))} "
                f"<font color='#5f6b7a'>({text(_goal_extra(goal))})</font>",
                Styles.cell,
            )
        )
    dropped = sum(g.status is GoalStatus.GESTOPT for g in file.goals)
    if dropped:
        story.append(para(f"Gestopte doelen: {dropped}.", Styles.small))
    return story


def _goal_title(goal: Goal) -> str:
    return (f"Doel van {goal.child}: " if goal.child else "") + goal.goal


def _goal_extra(goal: Goal) -> str:
    return ", ".join(
        part
        for part in (
            goal.status.label.lower(),
            f"gemaakt op {day(goal.made_on)}" if goal.made_on else "",
            f"wie: {goal.who}" if goal.who else "",
            f"uiterlijk {day(goal.due_date)}" if goal.due_date else "",
        )
        if part
    )


def _contacts(file: CaseFile, today: date) -> list[Flowable]:
    done = file.done_contacts
    planned = sum(c.status is ContactStatus.GEPLAND for c in file.contacts)
    story: list[Flowable] = _fields([("Geplande afspraken", planned)]) if planned else []
    if not done:
        return [*story, empty("Nog geen contacten.")]
    counts: dict[tuple[int, int], Counter] = {}
    for contact in done:
        on = local_date(contact.starts_at)
        counts.setdefault((on.year, on.month), Counter())[_column(contact.kind)] += 1
    months = _last_months(today, SUMMARY_MONTHS, since=local_date(done[0].starts_at))
    columns = ("huisbezoek", "op afstand", "anders", "niet verschenen")
    rows = []
    for y, m in months:
        in_month = counts.get((y, m), Counter())
        rows.append((month(y, m), in_month.total(), *(in_month[c] for c in columns)))
    widths = [40 * mm] + [(CONTENT_WIDTH - 40 * mm) / 5] * 5
    head = (
        "Maand",
        "Totaal",
        "Huisbezoek",
        "Telefoon / beeld",
        "Kantoor / samen",
        "Niet verschenen",
    )
    story.append(figures_table(head, rows, widths, align_right_from=1))
    story.append(para(f"Alle contacten sinds de start: {len(done)}.", Styles.small))
    reports = [c for c in reversed(done) if c.report.strip()][:LAST_REPORTS]
    if reports:
        story.append(markup("Laatste verslagen", Styles.h3))
    for contact in reports:
        story.append(
            markup(
                f"<b>{text(moment(contact.starts_at))}, {text(contact.kind.label.lower())}</b>"
                + (" (gecorrigeerd)" if contact.supersedes else ""),
                Styles.cell,
            )
        )
        story.append(para(contact.report))
        story += _fields(
            [
                ("Veiligheid besproken", yes_no(contact.safety_check_done)),
                ("Veranderingen in veiligheid", contact.safety_changes),
                ("Gemaakte afspraken", contact.agreements_made),
            ]
        )
    return story


def _column(kind: ContactKind) -> str:
    if kind is ContactKind.HUISBEZOEK:
        return "huisbezoek"
    if kind in (ContactKind.TELEFOON, ContactKind.BEELDBELLEN):
        return "op afstand"
    if kind is ContactKind.NIET_VERSCHENEN:
        return "niet verschenen"
    return "anders"


def _last_months(today: date, count: int, since: date) -> list[tuple[int, int]]:
    """Newest first: the last `count` calendar months, not before the first contact."""
    result = []
    year, month_number = today.year, today.month
    for _ in range(count):
        if (year, month_number) < (since.year, since.month):
            break
        result.append((year, month_number))
        year, month_number = (year, month_number - 1) if month_number > 1 else (year - 1, 12)
    return result


def _zrm(file: CaseFile) -> list[Flowable]:
    if not file.zrm:
        return [empty("Nog geen ZRM-scores.")]
    ordered = sorted(file.zrm, key=lambda a: a.assessed_on)
    first, last = ordered[0], ordered[-1]
    named = [d for d in LifeDomain if any(d in a.scores for a in ordered)]
    rows = [
        (
            domain.label,
            _zrm_score(first, domain),
            _zrm_score(last, domain),
            _delta(first.scores.get(domain), last.scores.get(domain)) if len(ordered) > 1 else "",
        )
        for domain in named
    ]
    widths = [70 * mm, 30 * mm, 30 * mm, 30 * mm]
    head = (
        "Leefgebied",
        f"Eerste ({day(first.assessed_on)})",
        f"Laatste ({day(last.assessed_on)})",
        "Verschil",
    )
    # one small chart per scored domain (app/zrm_panels.py), painted the fast way
    chart = FastPicture(zrm_chart(ordered, CONTENT_WIDTH).drawing)
    return [
        chart,
        gap(2),
        figures_table(head, rows, widths, align_right_from=1),
    ]


def _zrm_score(assessment: ZrmAssessment, domain: LifeDomain) -> int | str:
    """A score as the table shows it: the number, "niet gescoord", or empty when an old
    assessment did not name the domain."""
    if domain not in assessment.scores:
        return ""
    score = assessment.scores[domain]
    return NOT_SCORED_NL if score is None else score


def _delta(before: int | None, after: int | None) -> str:
    if before is None or after is None:
        return ""
    return f"{after - before:+d}" if after != before else "0"


def _handovers(file: CaseFile) -> list[Flowable]:
    if not file.handover_notes:
        return [empty("Nog geen warme overdracht vastgelegd.")]
    story: list[Flowable] = []
    for note in sorted(file.handover_notes, key=lambda n: n.handover_date, reverse=True):
        story.append(
            markup(
                f"<b>{text(day(note.handover_date))}: aan {text(note.to_whom)}</b> "
                f"({text(note.to_kind.label.lower())}), door {text(note.written_by)}",
                Styles.cell,
            )
        )
        together = yes_no(note.with_client)
        if note.with_client and note.with_client_on is not None:
            together += f", op {day(note.with_client_on)}"
        next_step = note.next_step
        if next_step and note.next_step_on is not None:
            next_step += f" (op {day(note.next_step_on)})"
        story += _fields(
            [
                ("Reden", note.reason),
                ("Samen met de cliënt", together),
                ("Toestemming cliënt", note.consent.label.lower()),
                ("Samenvatting", note.summary),
                ("Wat werkt", note.what_works),
                ("Risico's en afspraken", note.risks_and_agreements),
                ("Openstaande acties", note.open_actions),
                ("Volgende stap", next_step),
            ]
        )
    return story


def _partners(file: CaseFile) -> list[Flowable]:
    partners = file.partners
    if not partners:
        return [empty("Geen ketenpartners vastgelegd.")]
    rows = [(p.kind.label, p.organisation, p.contact_person, p.phone) for p in partners]
    widths = [34 * mm, 56 * mm, 50 * mm, CONTENT_WIDTH - 140 * mm]
    head = ("Soort", "Organisatie", "Contactpersoon", "Telefoon")
    return [figures_table(head, rows, widths, text_columns=(1, 2, 3))]
