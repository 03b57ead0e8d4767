"""The team leader's overview (overzicht) as a PDF and as CSV for spreadsheets.

It holds counts only, no client data, so it is not encrypted.
"""

from __future__ import annotations

import csv
import io

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from app.exports.document import (
    CONTENT_WIDTH,
    ExportContext,
    empty,
    heading,
    para,
    render,
    table,
)
from app.exports.wording import day, phase_words
from app.team_overview import COMPLIANCE_DAYS, OverviewLine, TeamOverview

TITLE = "Teamoverzicht"
HEAD = (
    "Programma",
    "Lopend",
    "Contact achter",
    "Naleving 4 wk",
    "Plan over evaluatie",
    "Uitstroom",
    "Terugval",
    "Per fase",
)
TOTAL = "Totaal"


def overview_pdf(overview: TeamOverview, context: ExportContext) -> tuple[bytes, int]:
    story: list[Flowable] = [
        heading(TITLE, 0, in_toc=False),
        para(
            f"Per trajectbegeleider en programma. Contactnaleving over {COMPLIANCE_DAYS} dagen: "
            f"{day(overview.period_start)} tot en met {day(overview.today)}: contacten die de "
            "cliënt bereikten tegen wat de fase vraagt (per casus hoogstens 100%). Uitstroom "
            "(afgesloten) en terugval (heropend): de laatste 12 maanden."
        ),
    ]
    if not overview.lines:
        story.append(empty("Geen lopende casussen in deze kluis."))
    for worker in overview.workers():
        lines = [line for line in overview.lines if line.worker == worker]
        rows = [_row(line, overview) for line in lines]
        if len(lines) > 1:  # phases differ per programme: a worker's total lists none
            rows.append(_row(overview.total(lines, worker, TOTAL), overview)[:-1] + ("",))
        story.append(KeepTogether([heading(worker, 1, in_toc=False), _table(rows)]))
    if overview.lines:
        programmes = sorted({line.programme for line in overview.lines}, key=str.casefold)
        rows = [
            _row(
                overview.total(
                    [x for x in overview.lines if x.programme == programme], TOTAL, programme
                ),
                overview,
            )
            for programme in programmes
        ]
        rows.append(_row(overview.total(overview.lines, TOTAL, TOTAL), overview))
        story.append(KeepTogether([heading("Hele team", 1, in_toc=False), _table(rows)]))
    return render(story, context)


def _table(rows: list[tuple]) -> Flowable:
    widths = [32 * mm, 15 * mm, 16 * mm, 17 * mm, 19 * mm, 19 * mm, 18 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    return table(HEAD, rows, widths)


def _row(line: OverviewLine, overview: TeamOverview) -> tuple:
    order = overview.phases.get(line.programme)
    phases = sorted(
        line.per_phase.items(),
        key=lambda item: order.index(item[0]) if order and item[0] in order else 99,
    )
    return (
        line.programme,
        line.active,
        line.overdue,
        _percent(line.compliance),
        line.plans_past_review,
        line.closed,
        line.reopened,
        ", ".join(f"{name} {n}" for name, n in phases),
    )


def _percent(ratio: float | None) -> str:
    return "" if ratio is None else f"{ratio * 100:.0f}%"


def overview_csv(overview: TeamOverview) -> bytes:
    """Semicolons and decimal commas, UTF-8 with a byte-order mark: what Dutch Excel reads."""
    phase_names: list[str] = []
    for names in overview.phases.values():
        phase_names += [n for n in names if n not in phase_names]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "trajectbegeleider",
            "programma",
            "lopende_casussen",
            "contact_achterstallig",
            f"contactnaleving_{COMPLIANCE_DAYS}_dagen_pct",
            "veiligheidsplan_over_evaluatie",
            "uitstroom_12_maanden",
            "terugval_12_maanden",
            *(phase_words(name) for name in phase_names),
        ]
    )
    for line in overview.lines:
        compliance = line.compliance
        writer.writerow(
            [
                _cell(line.worker),
                _cell(line.programme),
                line.active,
                line.overdue,
                "" if compliance is None else f"{compliance * 100:.1f}".replace(".", ","),
                line.plans_past_review,
                line.closed,
                line.reopened,
                *(line.per_phase.get(name, "") for name in phase_names),
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: str) -> str:
    # A name that starts like a formula would run as one in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
