"""`koers export overzicht --from --to`: the team overview of a chosen period from the command
line; a bad period is one line of English and nothing is written."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.exports.wording import MONTHS
from app.rules import local_today
from tests.cli.test_cli import assert_clean_error, filled_vault, koers  # noqa: F401
from tests.exports.conftest import pdf_text, read_pdf


def test_a_bad_period_is_one_line_and_writes_nothing(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    vault, out = str(filled_vault), str(tmp_path / "team.pdf")
    future = (local_today() + timedelta(days=40)).isoformat()
    for args, words in (
        (("--from", "30-09-2026", "--to", "01-07-2026"), "the period ends before it starts"),
        (("--from", "01-07-2026", "--to", future), "in the future"),
        (("--from", "31-02-2026"), "--from needs a date like 01-07-2026"),
        (("--to", "30-09-2026"), "--to needs --from"),
    ):
        assert_clean_error(koers("export", "overzicht", "--vault", vault, "--out", out, *args),
                           words)  # fmt: skip
    assert [p for p in tmp_path.iterdir() if not p.name.startswith("werk.koers")] == []


def test_the_overview_of_a_chosen_period_says_what_it_lacks_offline(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    out = tmp_path / "team.pdf"
    result = koers(
        "export", "overzicht", "--vault", str(filled_vault), "--out", str(out),
        "--from", "2026-01-01", "--to", "31-03-2026",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Team overview written (PDF" in result.stdout
    assert "Outcome figures left out (this laptop is not enrolled with a server)" in result.stdout
    text = " ".join(" ".join(pdf_text(read_pdf(out))).split())
    assert "Periode: 1 januari 2026 t/m 31 maart 2026" in text


def amsterdam_today() -> date:
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def test_a_period_before_any_case_says_which_figures_are_for_it(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The laptop holds only running cases: its process figures are as they stand today,
    whatever the period. A period long before the first case (2020) is not refused (neither
    the laptop nor the server knows for sure when the organisation's first case began), but
    the PDF, the CSV and the command say next to the figures which are for the period and
    which stand as of today."""
    pdf, table = tmp_path / "team.pdf", tmp_path / "team.csv"
    days = {amsterdam_today()}
    outputs = []
    for out, extra in ((pdf, ()), (table, ("--csv",))):
        result = koers(
            "export", "overzicht", "--vault", str(filled_vault), "--out", str(out),
            "--from", "2020-01-01", "--to", "2020-03-31", *extra,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    days.add(amsterdam_today())
    today = next(d for d in days if f"as of {d:%d-%m-%Y}" in outputs[0])
    for stdout in outputs:
        assert "outcome figures for 01-01-2020 to 31-03-2020" in stdout
        assert f"process figures as of {today:%d-%m-%Y}, whatever the period" in stdout

    text = " ".join(" ".join(pdf_text(read_pdf(pdf))).split())
    spelled = f"{today.day} {MONTHS[today.month - 1]} {today.year}"
    assert "Periode: 1 januari 2020 t/m 31 maart 2020" in text
    assert f"Stand op {spelled}, niet over de periode: de procescijfers van deze laptop" in text
    assert f"Procescijfers van deze laptop · stand op {today:%d-%m-%Y}" in text
    assert "Lopende casussen" in text

    raw = table.read_bytes().decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    at = header.index("procescijfers_stand_op")
    assert header[at + 1] == "lopende_casussen"  # the date stands next to the figures
    start = header.index("uitkomstcijfers_periode_van")
    assert header[start + 1 : start + 3] == ["uitkomstcijfers_periode_tot_en_met", "in_zorg"]
    for row in rows:
        assert row[at] == f"{today:%d-%m-%Y}"
        assert row[start : start + 2] == ["01-01-2020", "31-03-2020"]
