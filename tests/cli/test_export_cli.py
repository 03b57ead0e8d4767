"""`koers export ...` as a script or a person runs it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.cli.test_cli import assert_clean_error, filled_vault, koers  # noqa: F401
from tests.exports.conftest import pdf_text, read_pdf

PDF_PASSWORD = "pakket-wachtwoord-2026"


def case_id(vault: Path) -> str:
    return json.loads(koers("cases", "--vault", str(vault), "--json").stdout)[0]["case_id"]


def test_handover_pack_takes_its_password_from_the_environment(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    out = tmp_path / "dossier.pdf"
    result = koers(
        "export", "overdracht", "--vault", str(filled_vault), "--all", "--out", str(out),
        KOERS_PDF_PASSWORD=PDF_PASSWORD,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "25 cases" in result.stdout and PDF_PASSWORD not in result.stdout
    assert len(read_pdf(out, PDF_PASSWORD).pages) > 25


def test_generated_password_is_shown_once_and_opens_the_pack(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    out = tmp_path / "dossier.pdf"
    result = koers(
        "export", "overdracht", "--vault", str(filled_vault), "--case", case_id(filled_vault),
        "--out", str(out), "--generate-password",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = re.findall(r"\b(?:[a-z2-9]{4}-){4}[a-z2-9]{4}\b", result.stdout)
    assert len(shown) == 1
    assert "Overdrachtsdossier" in pdf_text(read_pdf(out, shown[0]))[0]


def test_export_errors_are_one_line_and_write_nothing(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    vault = str(filled_vault)
    out = str(tmp_path / "x.pdf")
    assert_clean_error(
        koers("export", "overdracht", "--vault", vault, "--all", "--out", out), "KOERS_PDF_PASSWORD"
    )
    assert_clean_error(
        koers("export", "overdracht", "--vault", vault, "--all", "--out", out,
              KOERS_PDF_PASSWORD="kort"),
        "at least 10 characters",
    )  # fmt: skip
    assert_clean_error(
        koers("export", "overdracht", "--vault", vault, "--worker", "Niemand", "--out", out,
              "--generate-password"),
        "no running cases match",
    )  # fmt: skip
    assert_clean_error(
        koers("export", "teamkracht", "--vault", vault, "--case", "onbekend", "--out", out),
        "no case with id",
    )
    assert_clean_error(
        koers("export", "overzicht", "--vault", vault, "--out", str(tmp_path / "nee" / "o.pdf")),
        "output folder does not exist",
    )
    assert [p for p in tmp_path.iterdir() if not p.name.startswith("werk.koers")] == []


def test_teamkracht_and_overview_from_the_command_line(
    filled_vault: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    vault = str(filled_vault)
    sheet = tmp_path / "tk.pdf"
    result = koers("export", "teamkracht", "--vault", vault, "--case", case_id(filled_vault),
                   "--out", str(sheet), "--question", "Wat is de volgende stap?",
                   "--yes")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Wat is de volgende stap?" in "\n".join(pdf_text(read_pdf(sheet)))
    table = tmp_path / "team.csv"
    result = koers("export", "overzicht", "--vault", vault, "--out", str(table), "--csv")
    assert result.returncode == 0, result.stderr
    assert table.read_text("utf-8-sig").startswith("trajectbegeleider;programma;")
