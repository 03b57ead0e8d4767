"""The team leader's overview: figures a team leader can check by hand, as PDF and as CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, time, timedelta
from pathlib import Path

from app.case import Case
from app.casework import Casework, new_id
from app.closing import Closure, Reopening, close_case, reopen_case
from app.contact import Contact
from app.exports.service import export_team_overview
from app.rules import LOCAL_TZ
from app.safety import SafetyPlan
from app.vocabulary import ClosingReason
from storage import access_log
from tests.exports.conftest import pdf_text, read_pdf


def add_case(casework: Casework, name: str, worker: str, programme: str, phase: str) -> str:
    case = Case(
        id=new_id(), display_name=name, initials=name[0] + ".", programme_id=programme,
        phase_id=phase, start_date=casework.today() - timedelta(days=60), worker=worker,
    )  # fmt: skip
    return casework.add_case(case)


def team(casework: Casework) -> None:
    today = casework.today()
    seen = add_case(casework, "Anna Weekbezoek", "Wendy Wijk", "ambulant", "begeleiding")
    for days_ago in (1, 8, 15, 22):  # weekly, as the phase asks: 4 of 4
        at = datetime.combine(today - timedelta(days=days_ago), time(11), LOCAL_TZ)
        casework.record_contact(Contact(new_id(), seen, at, brief=True))
    missed = add_case(casework, "Bea Nietgezien", "Wendy Wijk", "ambulant", "begeleiding")
    casework.save_safety_plan(
        SafetyPlan(new_id(), missed, 1, today - timedelta(days=50), "x", today - timedelta(days=1))
    )
    add_case(casework, "Cor Anders", "=Karel Collega", "take_a_break", "veiligheid")


def test_overview_counts_per_worker_and_programme_in_pdf(
    casework: Casework, tmp_path: Path
) -> None:
    team(casework)
    out = tmp_path / "overzicht.pdf"
    result = export_team_overview(casework.vault, out)
    text = " ".join(" ".join(pdf_text(read_pdf(out))).split())
    assert result.cases == 3 and result.pages <= 2
    assert "Teamoverzicht" in text and "Wendy Wijk" in text
    # Wendy, Ambulante begeleiding: 2 running, 1 overdue, 4 of 8 contacts, 1 plan past review.
    assert "Ambulante begeleiding 2 1 50% 1 Begeleiding 2" in text
    assert "Anna" not in text and "Nietgezien" not in text  # counts only, no clients
    # Not enrolled: the outcome figures need the server, and the overview says so.
    assert "vragen een verbinding" in text and result.note is not None
    assert "Periode: 1 juli 2026 t/m 30 september 2026" in text  # the last full quarter
    entry = access_log.entries(casework.vault.db, action="export")[-1]
    assert json.loads(entry.detail) == {
        "export": "overzicht", "format": "pdf", "cases": 3, "path": str(out.resolve()),
        "period": ["2026-07-01", "2026-09-30"], "outcomes": False,
    }  # fmt: skip


def test_overview_csv_opens_in_a_dutch_spreadsheet(casework: Casework, tmp_path: Path) -> None:
    team(casework)
    out = tmp_path / "overzicht.csv"
    export_team_overview(casework.vault, out, as_csv=True)
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    by_worker = {row["trajectbegeleider"]: row for row in rows if row["niveau"] == "regel"}
    wendy = by_worker["Wendy Wijk"]
    assert wendy["programma"] == "Ambulante begeleiding"
    assert (wendy["lopende_casussen"], wendy["contact_achterstallig"]) == ("2", "1")
    assert wendy["contactnaleving_28_dagen_pct"] == "50,0"
    assert wendy["veiligheidsplan_over_evaluatie"] == "1"
    assert wendy["fase: Begeleiding"] == "2"
    # A name that starts like a formula is kept as text, not run by the spreadsheet.
    assert "'=Karel Collega" in by_worker


def test_offline_the_csv_leaves_the_outcome_columns_empty_and_says_why(
    casework: Casework, tmp_path: Path
) -> None:
    """Uitstroom and terugval are the server's figures (it keeps the cases a laptop let go):
    a laptop without a connection counts none of them itself."""
    today = casework.today()
    closed = add_case(casework, "Dina Uitgestroomd", "Wendy Wijk", "ambulant", "begeleiding")
    close_case(
        casework, Closure(new_id(), closed, today - timedelta(days=20), ClosingReason.UITVAL)
    )
    reopen_case(casework, Reopening(new_id(), closed, today - timedelta(days=2), "Terugval"))
    out = tmp_path / "overzicht.csv"
    export_team_overview(casework.vault, out, as_csv=True)
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    wendy = next(row for row in rows if row["trajectbegeleider"] == "Wendy Wijk")
    assert (wendy["uitstroom"], wendy["terugval"]) == ("", "")
    assert "vragen een verbinding" in wendy["opmerking"]
    assert wendy["lopende_casussen"] == "1"  # the reopened case runs again


def test_a_small_count_cannot_be_worked_out_from_the_total_beside_it() -> None:
    """Uitstroom 30, of which 2 uitval and 5 or more for every other reason: printing those
    would give the 2 away (30 minus the rest), so the smallest of them is hidden too."""
    from datetime import date

    from app.exports.overzicht_table import OverviewTable
    from app.team_overview import Period, TeamOverview
    from sync.protocol import MonitoringFigures, MonitoringReport

    reasons = {"doelen_bereikt": 7, "uitval": 2, "verhuisd": 5, "doorverwezen": 6,
               "overleden": 5, "andere_reden": 5}  # fmt: skip

    def figures(worker: str | None) -> MonitoringFigures:
        return MonitoringFigures(
            team="Noord", worker=worker, closed=30, closed_by_reason=reasons,
            closed_by_destination={"eigen_woning": 30}, reopened=6,
        )  # fmt: skip

    report = MonitoringReport(
        period_from=date(2026, 7, 1), period_to=date(2026, 9, 30), computed_on=date(2026, 11, 22),
        teams=["Noord"], groups=[figures("wendy"), figures(None)],
    )  # fmt: skip
    overview = TeamOverview(
        date(2026, 11, 22), date(2026, 10, 26), [], {},
        period=Period(date(2026, 7, 1), date(2026, 9, 30)), outcomes=report,
    )  # fmt: skip
    cells = OverviewTable(overview)
    printed = {
        reason: cells.cell(row, f"uitstroom_reden_{reason}") for row in cells.rows
        for reason in reasons
    }  # fmt: skip
    assert printed == {
        "doelen_bereikt": "7", "uitval": "< 5", "verhuisd": "< 5", "doorverwezen": "6",
        "overleden": "5", "andere_reden": "5",
    }  # fmt: skip
    for row in cells.rows:  # the uitstroom itself, and counts of 5 and more, are printed
        assert cells.cell(row, "uitstroom") == "30"
        assert cells.cell(row, "uitstroom_bestemming_eigen_woning") == "30"
        assert cells.cell(row, "terugval") == "6"


def test_every_phase_column_of_the_csv_has_one_form(casework: Casework, tmp_path: Path) -> None:
    """Each phase's column is "fase: " and the phase's name as its programme gives it, also
    for a name that starts with "Fase" ("fase: Fase 1: transitie", never "Fase 1: transitie"
    beside "fase Begeleiding")."""
    team(casework)
    out = tmp_path / "overzicht.csv"
    export_team_overview(casework.vault, out, as_csv=True)
    header = out.read_bytes().decode("utf-8-sig").splitlines()[0].split(";")
    phases = [
        phase.name for programme in casework.programmes().values() for phase in programme.phases
    ]
    columns = [name for name in header if name.casefold().startswith("fase")]
    assert columns == [f"fase: {name}" for name in dict.fromkeys(phases)]
    assert "fase: Fase 1: transitie" in columns and "fase: Begeleiding" in columns


def test_a_reason_or_destination_koers_does_not_know_is_counted_as_other_never_by_name(
    casework: Casework,
) -> None:
    """A server may send any text as a closing's reason or destination (a client's name,
    markup, a formula, 20,000 characters): the overview counts it under "andere reden" /
    "anders", never makes it a CSV column or a PDF label, and the PDF is made (a long row
    name is cut to fit instead of a LayoutError or hundreds of pages)."""
    from dataclasses import replace
    from datetime import date

    from pypdf import PdfReader

    from app.exports.document import ExportContext
    from app.exports.overzicht import overview_csv, overview_pdf
    from app.team_overview import Period, team_overview
    from sync.protocol import MonitoringFigures, MonitoringReport
    from tests.conftest import NOW

    odd = (
        "Naomi Vermaat (Populierendreef 23)", '=HYPERLINK("http://x","y")',
        "<b>x</b> & <font size=90>y</font>", "Naomi Vermaat " * 100, "Naomi" + "x" * 19995,
    )  # fmt: skip
    long_worker = "Wendy " + "Naomi Vermaat " * 100
    process = team_overview(casework)
    for reason in odd:

        def figures(worker: str | None, reason: str = reason) -> MonitoringFigures:
            return MonitoringFigures(
                team="Noord", worker=worker, closed=7, closed_by_reason={reason: 6, "uitval": 1},
                closed_by_destination={reason: 6, "eigen_woning": 1},
            )  # fmt: skip

        report = MonitoringReport(
            period_from=date(2026, 7, 1), period_to=date(2026, 9, 30),
            computed_on=date(2026, 11, 22), teams=["Noord"],
            groups=[figures(long_worker), figures(None)],
        )  # fmt: skip
        overview = replace(
            process, period=Period(date(2026, 7, 1), date(2026, 9, 30)), outcomes=report
        )
        table = overview_csv(overview).decode("utf-8-sig")
        assert "Naomi" not in table.splitlines()[0] and "=HYP" not in table and "<b>" not in table
        rows = list(csv.DictReader(io.StringIO(table), delimiter=";"))
        (total,) = [r for r in rows if r["niveau"] == "team"]
        assert total["uitstroom_reden_andere_reden"] == "6"
        assert total["uitstroom_bestemming_anders_bestemming"] == "6"
        pdf, pages = overview_pdf(overview, ExportContext("Teamoverzicht", NOW, "tessa"))
        text = " ".join(pdf_text(PdfReader(io.BytesIO(pdf))))
        assert "Populierendreef" not in text and "HYPERLINK" not in text and "Naomix" not in text
        assert pages <= 6
