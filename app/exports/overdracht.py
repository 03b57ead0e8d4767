"""The handover pack (overdrachtsdossier): one case or a whole caseload, for the colleague or
manager who takes over. Always encrypted by the caller (app.exports.service)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from app.casework import CaseFile
from app.exports.chart import zrm_chart
from app.exports.document import (
    CONTENT_WIDTH,
    SECTION_START,
    ExportContext,
    Picture,
    Styles,
    contents,
    empty,
    fields,
    gap,
    heading,
    markup,
    para,
    render,
    section,
    table,
    text,
)
from app.exports.wording import day, moment, month, phase_words, risk, yes_no
from app.programmes import Programme
from app.rules import current_safety_plan, local_date, safety_plan_past_review
from app.vocabulary import AgreementStatus, ContactKind, ContactStatus, LifeDomain
from app.zrm import NOT_SCORED_NL, ZrmAssessment

TITLE = "Overdrachtsdossier"
LAST_REPORTS = 3
SUMMARY_MONTHS = 12
# Up to this many cases the contents list every section; above it, one line per case.
DETAILED_TOC_CASES = 5
SECRET_ADDRESS = "Geheim adres: niet opgenomen in dit dossier"


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
    detailed = len(files) <= DETAILED_TOC_CASES
    story: list[Flowable] = _title_page(files, context, options)
    story += [heading("Inhoud", 0, in_toc=False), contents(), PageBreak()]
    for file in files:
        story += _case(file, programmes, context.today, options, detailed)
        story.append(PageBreak())
    return render(story[:-1], context, toc_depth=1 if detailed else 0)


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
        para(f"{len(files)} casus{'sen' if len(files) != 1 else ''}", Styles.cover_line),
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
    programmes: dict[str, Programme],
    today: date,
    options: PackOptions,
    detailed: bool,
) -> list[Flowable]:
    case = file.case
    programme = programmes[case.programme_id]
    story: list[Flowable] = [heading(f"{case.display_name} ({case.initials})", 0)]
    story += _case_details(file, programme, options)
    parts = [
        ("Dreiging", _danger(file, today)),
        ("Risicoscreening", _screening(file)),
        ("Veiligheidsplan", _safety_plan(file, today)),
        ("Veiligheidsafspraken", _agreements(file, today)),
        ("Doelen en acties per leefgebied", _goals(file)),
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
    story = fields(
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
        story += fields([("Afwijkende contactfrequentie", f"{o.reason} (sinds {day(o.since)})")])
    adults = [
        f"{a.name}"
        + (f", {a.role}" if a.role else "")
        + (f", {a.birth_year}" if a.birth_year else "")
        for a in file.household.adults
    ]
    story += fields([("Volwassenen", "; ".join(adults))])
    for child in file.household.children:
        story += fields(
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
    return fields(
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
    story = fields(
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
        story += fields(
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
        story.append(
            table(("Wie", "Afspraak", "Gemaakt met", "Start", "Evaluatie", "Status"), rows, widths)
        )
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
        story += fields(
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
            story += fields(
                [
                    (day(breach.occurred_on), breach.description),
                    (f"Opvolging {day(follow_up.written_on)}", follow_up.follow_up),
                ]
            )
    return story


def _goals(file: CaseFile) -> list[Flowable]:
    open_goals = [g for g in file.goals if g.is_open]
    if not open_goals:
        return [empty("Geen open doelen.")]
    actions_by_goal: dict[str, list] = {}
    for action in file.actions:
        if action.is_open:
            actions_by_goal.setdefault(action.goal_id, []).append(action)
    order = list(LifeDomain)
    story: list[Flowable] = []
    for domain in sorted({g.domain for g in open_goals}, key=order.index):
        story.append(markup(text(domain.label), Styles.h3))
        for goal in (g for g in open_goals if g.domain is domain):
            whose = f"Doel van {goal.child}: " if goal.child else ""
            extra = ", ".join(
                part
                for part in (
                    goal.status.label.lower(),
                    f"gemaakt op {day(goal.made_on)}" if goal.made_on else "",
                    f"wie: {goal.who}" if goal.who else "",
                    f"uiterlijk {day(goal.due_date)}" if goal.due_date else "",
                )
                if part
            )
            story.append(markup(f"<b>{text(whose + goal.goal)}</b> ({text(extra)})"))
            for action in actions_by_goal.get(goal.id, []):
                detail = ", ".join(
                    p for p in (action.who, day(action.due_date) if action.due_date else "") if p
                )
                story.append(
                    markup(
                        f"• {text(action.description)}"
                        + (f" <font color='#5f6b7a'>({text(detail)})</font>" if detail else ""),
                        Styles.cell,
                    )
                )
    return story


def _contacts(file: CaseFile, today: date) -> list[Flowable]:
    done = file.done_contacts
    planned = sorted(
        (c for c in file.contacts if c.status is ContactStatus.GEPLAND), key=lambda c: c.starts_at
    )
    story: list[Flowable] = []
    if planned:
        story += fields(
            [
                (
                    "Volgende afspraak",
                    moment(planned[0].starts_at) + ", " + planned[0].kind.label.lower(),
                )
            ]
        )
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
    story.append(table(head, rows, widths, align_right_from=1))
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
        story += fields(
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
    chart = zrm_chart(ordered, CONTENT_WIDTH)  # one small chart per scored domain
    return [
        chart,
        gap(2),
        table(head, rows, widths, align_right_from=1),
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
        story += fields(
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


def _danger(file: CaseFile, today: date) -> list[Flowable]:
    """Who the danger comes from, with orders in force: the receiving worker needs this
    (it never appears on a teamkracht sheet or in an overview)."""
    if not file.danger_persons:
        return [empty("Geen pleger vastgelegd.")]
    story: list[Flowable] = []
    for person in file.danger_persons:
        orders = [
            f"{name} {day(getattr(person, name + '_from'))} t/m "
            f"{day(getattr(person, name + '_until')) or 'onbepaald'}"
            for name in ("huisverbod", "contactverbod", "straatverbod")
            if getattr(person, name + "_from") is not None
        ]
        in_force = person.orders_in_force(today)
        story += fields(
            [
                ("Naam", person.name),
                ("Relatie tot cliënt", person.relation.label),
                ("Verboden", "; ".join(orders)),
                ("Nu van kracht", ", ".join(in_force) if in_force else "geen"),
                ("Omgangsregeling", person.omgangsregeling),
                ("Aantekeningen", person.notes),
            ]
        )
    return story


def _partners(file: CaseFile) -> list[Flowable]:
    partners = file.partners
    if not partners:
        return [empty("Geen ketenpartners vastgelegd.")]
    rows = [(p.kind.label, p.organisation, p.contact_person, p.phone) for p in partners]
    widths = [34 * mm, 56 * mm, 50 * mm, CONTENT_WIDTH - 140 * mm]
    return [table(("Soort", "Organisatie", "Contactpersoon", "Telefoon"), rows, widths)]
