"""`koers export overzicht --from --to`: the team overview of a chosen period from the command
line; a bad period is one line of English and nothing is written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.cli.test_cli import assert_clean_error, filled_vault, koers  # noqa: F401
from tests.exports.conftest import pdf_text, read_pdf


def test_a_bad_period_is_one_line_and_writes_nothing(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    vault, out = str(filled_vault), str(tmp_path / "team.pdf")
    future = (date.today() + timedelta(days=40)).isoformat()
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
