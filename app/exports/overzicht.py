"""The team leader's overview (overzicht) as a PDF and as CSV for spreadsheets: the
monitoring seed 004 asks for, over a period the team leader picks.

Outcome figures (instroom, uitstroom, nazorg, terugval, results, continuity) come from the
server; process figures (overdue, compliance, plans past review, nazorg check-ins) from this
laptop. Both documents print the cells of app/exports/overzicht_table.py, so they agree to
the character. It holds counts only, no client data, so it is not encrypted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle

from app.exports.document import (
    ACCENT,
    CONTENT_WIDTH,
    RULE,
    SECTION_START,
    ZEBRA,
    ExportContext,
    Styles,
    empty,
    gap,
    heading,
    markup,
    para,
    render,
    section,
    text,
)
from app.exports.overzicht_charts import (
    BAD,
    GOOD,
    NEUTRAL,
    bar_chart,
    diverging_bars,
    key_figures,
    stacked_bars,
)
from app.exports.overzicht_table import (
    ALL_TEAMS,
    HIDDEN,
    TERUGVAL,
    TOTAL,
    OverviewTable,
    Row,
    percent_text,
    team_words,
    word,
    zrm_change,
    zrm_mean,
)
from app.exports.wording import MONTHS, day
from app.team_overview import COMPLIANCE_DAYS, Period, TeamOverview
from app.vocabulary import LifeDomain

TITLE = "Teamoverzicht"
TOTAL_ROW = colors.HexColor("#e4ebf3")


def spelled(value: date) -> str:
    """ "1 juli 2026"."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def period_words(period: Period) -> str:
    """ "1 juli 2026 t/m 30 september 2026"."""
    return f"{spelled(period.start)} t/m {spelled(period.end)}"


# The overview holds figures of two kinds, and says beside each which it is: the outcome
# figures count over the chosen period (the server holds every case), the process figures
# stand as of today (the laptop holds only the running cases, so any period gives the same).


def for_the_period(overview: TeamOverview) -> str:
    """What an outcome figure's heading adds: " · 01-07-2026 t/m 30-09-2026"."""
    period = overview.period
    return f" · {day(period.start)} t/m {day(period.end)}" if period is not None else ""


def as_of_today(overview: TeamOverview) -> str:
    """What a process figure's heading adds: " · stand op 22-11-2026"."""
    return f" · stand op {day(overview.today)}"


def nothing_in_period(overview: TeamOverview) -> str | None:
    """The Dutch note for a period in which the server counted nothing at all (no case in
    care, registered, closed, reopened, checked in, scored or handed over: for instance a
    period before the team's first case), else None."""
    report = overview.outcomes
    if report is None or any(
        g.in_care or g.aanmeldingen or g.closed or g.checkins_planned or g.reopened
        or g.changed_worker or g.zrm
        for g in report.groups
    ):  # fmt: skip
        return None
    whose = "het team" if len(report.teams) == 1 else "de teams"
    return (
        f"In deze periode liep geen casus van {whose}: de server telt niets, dus elk "
        "uitkomstcijfer is 0. De procescijfers zijn die van vandaag, niet van deze periode."
    )


# --- PDF -----------------------------------------------------------------------------------


def overview_pdf(overview: TeamOverview, context: ExportContext) -> tuple[bytes, int]:
    """The overview as PDF bytes and its page count: key figures and charts first, then
    the tables of the outcome figures, then the process figures per worker."""
    cells = OverviewTable(overview)
    story: list[Flowable] = [heading(TITLE, 0, in_toc=False), *_preamble(overview)]
    totals = _total_rows(cells)
    story += section("In één oogopslag", [*_tiles(overview, cells, totals), gap(2)])
    if overview.outcomes is not None:
        story += _outcome_charts(cells, totals)
    story += _compliance_chart(overview, cells)
    if overview.outcomes is not None:
        story += _outcome_tables(cells)
    story += _process_tables(overview, cells)
    return render(story, context)


def _preamble(overview: TeamOverview) -> list[Flowable]:
    lines: list[Flowable] = []
    period = overview.period
    teams = overview.outcomes.teams if overview.outcomes is not None else []
    about = f"<b>Periode:</b> {text(period_words(period))}" if period is not None else ""
    if teams:
        about += f" · <b>{'Team' if len(teams) == 1 else 'Teams'}:</b> {text(', '.join(teams))}"
    if about:
        lines.append(markup(about))
    if overview.outcomes is not None:
        lines.append(
            markup(
                "<b>Over de periode:</b> de uitkomstcijfers (instroom, uitstroom, nazorg-"
                "check-ins, terugval, resultaten en wisselingen), van de server, over alle "
                f"casussen van {'het team' if len(teams) == 1 else 'de teams'} (ook de "
                f"afgesloten); berekend op {day(overview.outcomes.computed_on)}.",
                Styles.small,
            )
        )
        lines.append(gap(0.8))
    lines.append(
        markup(
            f"<b>Stand op {spelled(overview.today)}, niet over de periode:</b> de procescijfers "
            "van deze laptop: de lopende casussen, contact achter, plannen over evaluatie en "
            f"casussen per fase van vandaag, naleving en nazorg over de laatste {COMPLIANCE_DAYS} "
            f"dagen ({day(overview.period_start)} t/m {day(overview.today)}; per casus "
            "hoogstens wat de fase vraagt). Deze laptop houdt alleen de lopende casussen, dus "
            "voor elke gekozen periode zijn deze cijfers dezelfde.",
            Styles.small,
        )
    )
    if overview.outcomes is not None:
        lines.append(gap(0.8))
        lines.append(
            para(
                "Aantallen onder de 5 bij uitstroom naar reden en bestemming en bij terugval "
                f'staan als "{HIDDEN}" (zo nodig ook een aantal ernaast), zodat niemand uit een '
                "getal te herkennen is.",
                Styles.small,
            )
        )
    warning = overview.outcomes_missing or nothing_in_period(overview)
    if warning:
        lines += [gap(1), para(warning, Styles.warning)]
    return lines


def _total_rows(cells: OverviewTable) -> list[Row]:
    """The rows a glance is about: all teams together, else the one team's total."""
    overall = [r for r in cells.rows if r.team == ALL_TEAMS]
    return overall or [r for r in cells.rows if r.level == "team"]


def _tiles(overview: TeamOverview, cells: OverviewTable, totals: Sequence[Row]) -> list[Flowable]:
    """The key figures in two groups, each under what it is: over the period (the server's
    outcome figures) and as of today (this laptop's process figures)."""
    row = totals[0] if totals else Row("", TOTAL, TOTAL)
    tiles: list[tuple[str, str, str]] = []
    f = row.outcome
    if f is not None:
        c = cells.cell
        wait = c(row, "wachttijd_mediaan_dagen")
        tiles += [
            (c(row, "aanmeldingen"), "Aanmeldingen",
             f"gestart: {c(row, 'gestart')}" + (f" · wachttijd {wait} dagen" if wait else "")),
            (c(row, "uitstroom"), "Uitstroom", f"met nazorg: {c(row, 'uitstroom_met_nazorg')}"),
            (f"{f.checkins_done} van {f.checkins_planned}", "Check-ins gedaan",
             f"gemist: {f.checkins_missed}"),
            (c(row, "terugval"), "Terugval (heropend)",
             f"binnen garantie: {c(row, 'terugval_binnen_garantie')}"),
            (c(row, "doelen_behaald"), "Doelen behaald",
             f"gestopt: {c(row, 'doelen_gestopt')} · open: {c(row, 'doelen_open')}"),
            (c(row, "wisseling_begeleider"), "Wisseling begeleider", "casussen overgedragen"),
        ]  # fmt: skip
    line = row.process
    today: list[tuple[str, str, str]] = []
    if line is not None:
        today += [
            (str(line.active), "Lopende casussen", f"contact achter: {line.overdue}"),
            (percent_text(line.compliance) or "–", "Contactnaleving",
             f"laatste {COMPLIANCE_DAYS} dagen"),
        ]  # fmt: skip
        if f is None:
            today += [
                (str(line.plans_past_review), "Plan over evaluatie", "veiligheidsplannen"),
                (f"{line.checkins_done} van {line.checkins_due}", "Nazorg check-ins",
                 f"gedaan, laatste {COMPLIANCE_DAYS} dagen"),
            ]  # fmt: skip
    if not tiles and not today:
        return [empty("Geen cijfers: geen lopende casussen en geen uitkomstcijfers.")]
    story: list[Flowable] = []
    for group, caption in (
        (tiles, f"<b>Over de periode</b> {text(period_words(overview.period))}"
         if overview.period is not None else "<b>Uitkomstcijfers</b>"),
        (today, f"<b>Stand op {spelled(overview.today)}</b> (niet over de periode)"),
    ):  # fmt: skip
        if group:
            story += [
                markup(caption, Styles.small),
                gap(1),
                key_figures(group, CONTENT_WIDTH),
                gap(2),
            ]
    return story


def _outcome_charts(cells: OverviewTable, totals: Sequence[Row]) -> list[Flowable]:
    story: list[Flowable] = []
    if not totals or totals[0].outcome is None:
        return story
    total = totals[0]
    outcome = total.outcome
    assert outcome is not None
    when = for_the_period(cells.overview)
    bars = []
    for reason in cells.reasons:
        name = f"uitstroom_reden_{reason}"
        hidden = name in total.hidden
        bars.append((word(reason), None if hidden else float(cells.count(total, name)),
                     cells.cell(total, name)))  # fmt: skip
    if any(value for _label, value, _text in bars):
        story += section(f"Uitstroom naar reden{when}", [bar_chart(bars, CONTENT_WIDTH), gap(2)])
    elif outcome.closed:  # every reason below 5: a chart of "< 5" says nothing at a glance
        story += section(
            f"Uitstroom naar reden{when}",
            [para(f"Bij elke reden minder dan 5 cliënten (uitstroom: {outcome.closed}).")],
        )
    workers = [r for r in cells.rows if r.level == "trajectbegeleider" and r.outcome is not None]
    with_checkins = [r for r in workers if r.outcome and r.outcome.checkins_planned]
    if with_checkins:
        parts = [("gedaan", GOOD), ("gemist", BAD), ("nog open", NEUTRAL)]
        rows = []
        for r in with_checkins:
            f = r.outcome
            assert f is not None
            open_ = f.checkins_planned - f.checkins_done - f.checkins_missed
            rows.append((r.worker, (f.checkins_done, f.checkins_missed, open_)))
        story += section(
            f"Nazorg check-ins per trajectbegeleider{when}",
            [stacked_bars(rows, parts, CONTENT_WIDTH), gap(2)],
        )
    zrm = [
        (domain.label, change.worsened, change.same, change.improved)
        for domain in LifeDomain
        if (change := zrm_change(outcome, domain.value)).measured
    ]
    if zrm:
        story += section(
            f"ZRM: van eerste naar laatste meting{when}",
            [
                para(
                    "Per leefgebied het aantal cliënten dat van hun eerste naar hun laatste "
                    "meting (in de periode) achteruit ging, gelijk bleef of vooruit ging.",
                    Styles.small,
                ),
                diverging_bars(zrm, CONTENT_WIDTH, ("achteruit", "gelijk", "vooruit")),
                gap(2),
            ],
        )
    return story


def _compliance_chart(overview: TeamOverview, cells: OverviewTable) -> list[Flowable]:
    workers = [
        r
        for r in cells.rows
        if r.level == "trajectbegeleider"
        and r.process is not None
        and r.process.compliance is not None
    ]
    if not workers:
        return []
    bars = [
        (r.worker, (r.process.compliance or 0) * 100, percent_text(r.process.compliance))
        for r in workers
        if r.process is not None
    ]
    return section(
        f"Contactnaleving per trajectbegeleider · laatste {COMPLIANCE_DAYS} dagen t/m "
        f"{day(overview.today)}",
        [bar_chart(bars, CONTENT_WIDTH, scale_to=100, track=True), gap(2)],
    )


def _summary_rows(cells: OverviewTable) -> list[Row]:
    """Workers, programmes and team totals (the worker-by-programme lines are in the CSV)."""
    return [r for r in cells.rows if r.outcome is not None and r.level != "regel"]


LABEL_CHARS = 60  # a name longer than this is cut in a table's label, head or heading


def _short(text: str) -> str:
    """`text` cut to LABEL_CHARS with an ellipsis, so no name can grow a table cell or a
    heading past a page (reportlab's LayoutError) or over hundreds of pages."""
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _label(row: Row) -> str:
    if row.level == "programma":
        return f"Programma {_short(row.programme)}"
    if row.level == "team":
        return f"{_short(team_words(row.team))} (totaal)" if row.team else "Totaal"
    return _short(row.label())


def _outcome_table(
    cells: OverviewTable, rows: list[Row], names: Sequence[str], heads: Sequence[str]
) -> Table:
    teams = {r.team for r in rows if r.team != ALL_TEAMS}
    data: list[list[object]] = []
    levels: list[str] = []
    current = None
    for r in rows:
        if len(teams) > 1 and r.team not in (current, ALL_TEAMS):  # several teams: a head each
            current = r.team
            data.append([para(_short(team_words(r.team)), TEAM_HEAD), *[""] * len(names)])
            levels.append("kop")
        data.append([_label(r), *(cells.cell(r, n, pdf=True) for n in names)])
        levels.append(r.level)
    heads = [_short(head) for head in heads]
    return grid(["", *heads], data, _widths(heads), levels, numeric_from=1)


def _widths(heads: Sequence[str], label_at_least: float = 34 * mm) -> list[float]:
    """Column widths: each figure column as wide as the longest word of its head (so no
    word breaks), the columns sharing what the row labels leave over."""
    needed = [
        max(12 * mm, max(stringWidth(w, HEAD.fontName, HEAD.fontSize) for w in h.split()) + 7)
        for h in heads
    ]
    room = CONTENT_WIDTH - label_at_least
    if sum(needed) > room:  # too many columns: shrink them all alike
        needed = [w * room / sum(needed) for w in needed]
    spare = (room - sum(needed)) / (len(needed) + 1)
    figures = [w + spare for w in needed]
    return [CONTENT_WIDTH - sum(figures), *figures]


HEAD = ParagraphStyle("overview_head", parent=Styles.cell_head, fontSize=7, leading=8.5)
HEAD_RIGHT = ParagraphStyle("overview_head_r", parent=HEAD, alignment=TA_RIGHT)
TEAM_HEAD = ParagraphStyle("overview_team", parent=Styles.cell_head, fontSize=9, leading=11)
CELL = ParagraphStyle("overview_cell", parent=Styles.cell, fontSize=8, leading=9.8)
CELL_RIGHT = ParagraphStyle("overview_cell_r", parent=CELL, alignment=TA_RIGHT)


def grid(
    head: Sequence[str],
    data: Sequence[Sequence[object]],
    widths: Sequence[float],
    levels: Sequence[str],
    *,
    numeric_from: int | None = None,
) -> Table:
    """A table of figures: small heads (many columns fit a page), numbers to the right,
    the rows of team totals shaded, a team's head row ("kop") across the table. `levels`
    are the Row.level of each line of `data`, in order."""

    def cell(value: object, column: int, style: ParagraphStyle, right: ParagraphStyle):  # type: ignore[no-untyped-def]
        if isinstance(value, Flowable):  # a cell made already (a team's head)
            return value
        numeric = numeric_from is not None and column >= numeric_from
        return para(value, right if numeric else style)

    body = [[cell(v, i, HEAD, HEAD_RIGHT) for i, v in enumerate(head)]]
    body += [[cell(v, i, CELL, CELL_RIGHT) for i, v in enumerate(line)] for line in data]
    result = Table(body, colWidths=list(widths), repeatRows=1, splitInRow=1, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, level in enumerate(levels, start=1):
        if level in ("team", "alle_teams"):
            style += [("BACKGROUND", (0, i), (-1, i), TOTAL_ROW),
                      ("LINEABOVE", (0, i), (-1, i), 0.6, ACCENT)]  # fmt: skip
        elif level == "kop":
            style += [("SPAN", (0, i), (-1, i)), ("BACKGROUND", (0, i), (-1, i), colors.white),
                      ("TOPPADDING", (0, i), (-1, i), 6)]  # fmt: skip
    result.setStyle(TableStyle(style))
    return result


def _kept(title: str, body: list[Flowable]) -> list[Flowable]:
    """A section whose heading, table and note stay on one page when they fit on one."""
    return [CondPageBreak(SECTION_START), KeepTogether([heading(title, 1, in_toc=False), *body])]


def _outcome_tables(cells: OverviewTable) -> list[Flowable]:
    rows = _summary_rows(cells)
    when = for_the_period(cells.overview)
    story: list[Flowable] = []
    story += _kept(
        f"Instroom, uitstroom en wisselingen{when}",
        [
            _outcome_table(
                cells, rows,
                ["in_zorg", "aanmeldingen", "gestart", "wachttijd_mediaan_dagen", "uitstroom",
                 "uitstroom_met_nazorg", "wisseling_begeleider"],
                ["In zorg", "Aanmeldingen", "Gestart", "Wachttijd (mediaan, dagen)",
                 "Uitstroom", "met nazorg", "Wisseling begeleider"],
            ),
            para(
                "In zorg: casussen die in de periode liepen. Wachttijd: dagen van aanmelding "
                "tot start, van wie in de periode startte (met een aanmeldingsdatum). "
                "Uitstroom: afgesloten in de periode (het einde van een nazorg telt niet nog "
                "eens). Wisseling: casussen die in de periode naar een andere "
                "trajectbegeleider gingen.",
                Styles.small,
            ),
        ],
    )  # fmt: skip
    story += _kept(
        f"Nazorg en terugval{when}",
        [
            _outcome_table(
                cells, rows,
                ["nazorg_checkins_gepland", "nazorg_checkins_gedaan", "nazorg_checkins_gemist",
                 *(name for name, _h, _r in TERUGVAL)],
                ["Check-ins gepland", "gedaan", "gemist", "Terugval", "binnen garantie",
                 "binnen 6 mnd", "binnen 12 mnd"],
            ),
            para(
                "Check-ins: de nazorgmomenten die in de periode vielen, gedaan (een contact in "
                "hun venster) of gemist. Terugval: casussen die in de periode heropend zijn, "
                "binnen de terugvalgarantie van het programma en binnen 6 en 12 maanden na de "
                "uitstroom.",
                Styles.small,
            ),
        ],
    )  # fmt: skip
    for title, values in (
        ("Uitstroom naar reden", cells.reasons),
        ("Uitstroom naar bestemming", cells.destinations),
    ):
        prefix = "uitstroom_reden_" if values is cells.reasons else "uitstroom_bestemming_"
        story += _kept(
            title + when,
            [_outcome_table(cells, rows, [prefix + v for v in values], [word(v) for v in values])],
        )
    story += _kept(
        f"Resultaten: doelen{when}",
        [
            _outcome_table(
                cells, rows, ["doelen_behaald", "doelen_gestopt", "doelen_open"],
                ["Behaald", "Gestopt", "Open"],
            ),
            para(
                "De doelen van de casussen die in de periode in zorg waren, naar hun status nu.",
                Styles.small,
            ),
        ],
    )  # fmt: skip
    story += _zrm_table(cells)
    return story


def _zrm_table(cells: OverviewTable) -> list[Flowable]:
    totals = _total_rows(cells)
    if not totals or totals[0].outcome is None:
        return []
    outcome = totals[0].outcome
    data = []
    for domain in LifeDomain:
        change = zrm_change(outcome, domain.value)
        if change.measured:
            mean = zrm_mean(change)
            data.append(
                (domain.label, change.measured, change.improved, change.same, change.worsened,
                 cells.cell(totals[0], f"zrm_{domain.value}_gemiddelde_verandering")
                 if mean is not None else "")
            )  # fmt: skip
    body: list[Flowable]
    if data:
        heads = ["Gemeten", "Vooruit", "Gelijk", "Achteruit", "Gemiddeld (punten)"]
        levels = ["regel"] * len(data)
        body = [grid(["Leefgebied", *heads], data, _widths(heads), levels, numeric_from=1)]
    else:
        body = [empty("Geen cliënt met twee ZRM-metingen waarvan de laatste in de periode.")]
    body.append(
        para(
            "Per leefgebied de cliënten met minstens twee scores tot het einde van de periode, "
            "de laatste in de periode: hun verandering van de eerste naar de laatste score.",
            Styles.small,
        )
    )
    who = _label(totals[0]).replace(" (totaal)", "")
    return _kept(f"Resultaten: ZRM, {who}{for_the_period(cells.overview)}", body)


# --- process figures (this laptop) -----------------------------------------------------------

PROCESS_HEAD = (
    "Programma",
    "Lopend",
    "Contact achter",
    "Naleving 4 wk",
    "Plan over evaluatie",
    "Nazorg 4 wk",
    "Per fase",
)


def _process_tables(overview: TeamOverview, cells: OverviewTable) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(70 * mm),  # the heading, its note and the first worker's table together
        heading(f"Procescijfers van deze laptop{as_of_today(overview)}", 1, in_toc=False),
        para(
            "Niet over de gekozen periode: deze laptop houdt alleen de lopende casussen. "
            f"De lopende casussen op {day(overview.today)}, per trajectbegeleider en programma. "
            f"Contactnaleving over {COMPLIANCE_DAYS} dagen: contacten die de cliënt bereikten "
            "tegen wat de fase vraagt (per casus hoogstens 100%); een casus in nazorg of in "
            "het programma Nazorg wordt gevraagd om zijn check-ins, niet om contacten per "
            "week. Nazorg: check-ins gedaan van die in die dagen vielen.",
            Styles.small,
        ),
    ]
    if not overview.lines:
        return [*story, empty("Geen lopende casussen in deze kluis.")]
    for worker in overview.workers():
        rows = [r for r in cells.rows if r.worker == worker and r.process is not None]
        lines = [r for r in rows if r.level == "regel"]
        data = [_process_row(overview, cells, r) for r in lines]
        shown = list(lines)
        if len(lines) > 1:  # phases differ per programme: a worker's total lists none
            shown += [r for r in rows if r.level == "trajectbegeleider"]
        data = [_process_row(overview, cells, r) for r in shown]
        story.append(
            KeepTogether([heading(_short(worker), 2, in_toc=False), _process_table(data, shown)])
        )
    team_rows = [
        r for r in cells.rows if r.worker == TOTAL and r.process is not None and r.process.active
    ]
    data = [_process_row(overview, cells, r) for r in team_rows]
    story.append(
        KeepTogether([heading("Hele team", 2, in_toc=False), _process_table(data, team_rows)])
    )
    return story


def _process_table(data: list[tuple], rows: list[Row]) -> Flowable:
    widths = [38 * mm, 13 * mm, 14 * mm, 15 * mm, 16 * mm, 16 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    return grid(PROCESS_HEAD, data, widths, [r.level for r in rows])


def _process_row(overview: TeamOverview, cells: OverviewTable, row: Row) -> tuple:
    line = row.process
    assert line is not None
    order = overview.phases.get(line.programme)
    phases = sorted(
        line.per_phase.items(),
        key=lambda item: order.index(item[0]) if order and item[0] in order else 99,
    )
    name = _short(line.programme)
    if row.level in ("team", "alle_teams"):
        name = _label(row)
    if row.programme == TOTAL:  # phases differ per programme: a total lists none
        phases = []
    nazorg = f"{line.checkins_done} van {line.checkins_due}" if line.checkins_due else ""
    return (
        name,
        cells.cell(row, "lopende_casussen"),
        cells.cell(row, "contact_achterstallig"),
        cells.cell(row, "contactnaleving_28_dagen_pct", pdf=True),
        cells.cell(row, "veiligheidsplan_over_evaluatie"),
        nazorg,
        ", ".join(f"{phase} {n}" for phase, n in phases),
    )


# --- CSV -------------------------------------------------------------------------------------


def overview_csv(overview: TeamOverview) -> bytes:
    """Semicolons and decimal commas, UTF-8 with a byte-order mark: what Dutch Excel reads.
    One row per group (see OverviewTable), the same cells as the PDF. The process figures
    follow the day they stand on (procescijfers_stand_op: today, whatever the period), the
    outcome figures the period they count over (uitkomstcijfers_periode_van, _tot_en_met)."""
    cells = OverviewTable(overview)
    phase_names: list[str] = []
    for names in overview.phases.values():
        phase_names += [n for n in names if n not in phase_names]
    period = overview.period
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "trajectbegeleider",
            "programma",
            "team",
            "niveau",
            "procescijfers_stand_op",
            *(c.name for c in cells.process_columns),
            *(phase_column(name) for name in phase_names),
            "uitkomstcijfers_periode_van",
            "uitkomstcijfers_periode_tot_en_met",
            *(c.name for c in cells.outcome_columns),
            "opmerking",
        ]
    )
    note = overview.outcomes_missing or nothing_in_period(overview) or ""
    for row in cells.rows:
        per_phase = row.process.per_phase if row.process is not None else {}
        writer.writerow(
            [
                _cell(row.worker),
                _cell(row.programme),
                _cell(row.team),
                row.level,
                day(overview.today),
                *(c.read(row) for c in cells.process_columns),
                *(per_phase.get(name, "") for name in phase_names),
                day(period.start) if period else "",
                day(period.end) if period else "",
                *(c.read(row) for c in cells.outcome_columns),
                note,
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def phase_column(name: str) -> str:
    """The CSV column of a phase's running cases: "fase: " and the phase's name as its
    programme gives it, one form for every phase ("fase: Begeleiding", "fase: Fase 1:
    transitie"), so the columns sort and filter together."""
    return f"fase: {name}"


def _cell(value: str) -> str:
    # A name that starts like a formula would run as one in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
