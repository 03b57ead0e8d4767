"""`koers import cases` as a worker or a script runs it: the template without a vault, a preview,
creation in one go, and a refused file named row by row with nothing written."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from app.casework import Casework
from app.imports import COLUMNS, template_header
from app.rules import local_today
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests import commands
from tests.cli.test_cli import assert_clean_error, koers
from tests.conftest import PASSPHRASE

GOOD = (
    "\ufeffnaam;programma;startdatum;geboortejaar;kinderen;situatie;locatiecode\r\n"
    'Fleur van Zanddorp;Moviera in de wijk;1-9-2026;1990;"Sam 2016; Lina 2019";3;oranje\r\n'
    "Iris Bakkerveld;take_a_break;01-10-2026;1985;;3;\r\n"
)


@pytest.fixture
def empty_vault(tmp_path: Path) -> Path:
    path = tmp_path / "werk.koers"
    with Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF) as vault:
        Casework(vault).seed_default_programmes()
    return path


def case_count(path: Path) -> int:
    with Vault.open(path, PASSPHRASE) as vault:
        return vault.db.execute("SELECT count(*) FROM cases").fetchone()[0]


def csv_file(tmp_path: Path, text: str, name: str = "caseload.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_template_needs_no_vault_and_describes_every_column() -> None:
    result = koers("import", "cases", "--template", passphrase=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == template_header()
    described = koers("import", "cases", "--template", "--describe", passphrase=None)
    assert described.returncode == 0
    lines = described.stdout.splitlines()
    assert lines[0] == template_header()
    for column in COLUMNS:
        need = "required" if column.required else "optional"
        assert f"{column.name} ({need})" in lines


def test_import_shows_what_it_creates_then_creates_it(empty_vault: Path, tmp_path: Path) -> None:
    path = csv_file(tmp_path, GOOD)
    result = koers("import", "cases", "--vault", str(empty_vault), str(path), "--yes")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "caseload.csv: 2 cases to create" in out
    assert "  Moviera in de wijk: 1" in out and "  Take a Break: 1" in out
    assert "row 2: Fleur van Zanddorp — Moviera in de wijk, Analysefase" in out
    assert "2 children" in out and out.rstrip().endswith("Created 2 cases.")
    rows = json.loads(koers("cases", "--vault", str(empty_vault), "--json").stdout)
    assert sorted(r["name"] for r in rows) == ["Fleur van Zanddorp", "Iris Bakkerveld"]
    assert {r["risk"] for r in rows} == {3}


def test_dry_run_writes_nothing(empty_vault: Path, tmp_path: Path) -> None:
    path = csv_file(tmp_path, GOOD)
    result = koers("import", "cases", "--vault", str(empty_vault), str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "2 cases to create" in result.stdout and "nothing was written" in result.stdout
    assert case_count(empty_vault) == 0


def test_without_yes_and_without_a_terminal_it_refuses(empty_vault: Path, tmp_path: Path) -> None:
    path = csv_file(tmp_path, GOOD)
    result = koers("import", "cases", "--vault", str(empty_vault), str(path))
    assert_clean_error(result, "pass --yes")
    assert case_count(empty_vault) == 0


def test_a_bad_file_lists_every_problem_and_writes_nothing(
    empty_vault: Path, tmp_path: Path
) -> None:
    text = (
        "naam;programma;startdatum;geboortejaar\n"
        "Fleur van Zanddorp;ambulant;01-09-2026;1990\n"
        "Iris Bakkerveld;ambulant;31-02-2026;1985\n"
        '=HYPERLINK("http://x","y");ambulant;01-09-2026;\n'
        "Roos Wilgenhof;take_a_break;01-09-2026;2031\n"
    )
    result = koers("import", "cases", "--vault", str(empty_vault), str(csv_file(tmp_path, text)))
    assert result.returncode == 2
    assert result.stdout == ""  # no preview of a refused file
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "koers: error: row 3, column 'startdatum': not a date (use dd-mm-yyyy)",
        "koers: error: row 4, column 'naam': starts with =, +, - or @, which a spreadsheet "
        "reads as a formula",
        "koers: error: row 5, column 'geboortejaar': birth year lies in the future",
        "koers: error: nothing was imported (3 problems in caseload.csv); fix the file and "
        "try again",
    ]
    assert "HYPERLINK" not in result.stderr and "Iris" not in result.stderr
    assert case_count(empty_vault) == 0


def test_many_problems_show_the_first_twenty(empty_vault: Path, tmp_path: Path) -> None:
    text = "naam;programma;startdatum\n" + "".join(
        f"Cliënt {i};ambulant;geen datum\n" for i in range(30)
    )
    result = koers("import", "cases", "--vault", str(empty_vault), str(csv_file(tmp_path, text)))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 22
    assert lines[20] == "koers: error: ... and 10 more problem(s)"
    assert "(30 problems in caseload.csv)" in lines[21]


def test_missing_column_and_more_than_5000_rows(empty_vault: Path, tmp_path: Path) -> None:
    missing = csv_file(tmp_path, "naam;startdatum\nFleur van Zanddorp;01-09-2026\n", "a.csv")
    result = koers("import", "cases", "--vault", str(empty_vault), str(missing), "--yes")
    assert result.returncode == 2
    assert "row 1, column 'programma': this required column is missing" in result.stderr
    big = "naam;programma;startdatum\n" + "".join(
        f"Cliënt {i};ambulant;01-09-2026\n" for i in range(5001)
    )
    result = koers(
        "import", "cases", "--vault", str(empty_vault), str(csv_file(tmp_path, big)), "--yes"
    )
    assert result.returncode == 2 and "more than 5000 rows" in result.stderr
    assert case_count(empty_vault) == 0


def test_importing_the_same_file_twice_is_refused(empty_vault: Path, tmp_path: Path) -> None:
    path = csv_file(tmp_path, GOOD)
    assert koers("import", "cases", "--vault", str(empty_vault), str(path), "--yes").returncode == 0
    again = koers("import", "cases", "--vault", str(empty_vault), str(path), "--yes")
    assert again.returncode == 2
    assert "row 2, column 'naam': a case with this name and start date" in again.stderr
    assert case_count(empty_vault) == 2


def test_usage_errors_are_one_line(empty_vault: Path, tmp_path: Path) -> None:
    assert_clean_error(koers("import", "cases", str(csv_file(tmp_path, GOOD))), "--vault")
    assert_clean_error(koers("import", "cases", "--vault", str(empty_vault)), "CSV file")
    missing = koers("import", "cases", "--vault", str(empty_vault), str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "cannot be read" in missing.stderr


@pytest.mark.parametrize(("answer", "created"), [("n", 0), ("", 0), ("ja", 2)])
def test_in_a_terminal_it_asks_before_creating(
    empty_vault: Path, tmp_path: Path, answer: str, created: int
) -> None:
    path = csv_file(tmp_path, GOOD)
    primary, secondary = pty.openpty()
    try:
        os.write(primary, f"{answer}\n".encode())
        result = subprocess.run(
            commands._command("koers", ("import", "cases", "--vault", str(empty_vault), str(path))),
            stdin=secondary,
            capture_output=True,
            text=True,
            env=commands._environment({"KOERS_PASSPHRASE": PASSPHRASE}),
            cwd=commands.ROOT,
            timeout=120,
        )
    finally:
        os.close(primary)
        os.close(secondary)
    assert "Create 2 cases? [y/N]" in result.stdout
    assert result.returncode == (0 if created else 1), result.stderr
    assert case_count(empty_vault) == created


def test_one_case_is_counted_as_one_case(empty_vault: Path, tmp_path: Path) -> None:
    one = "naam;programma;startdatum\nFleur van Zanddorp;ambulant;01-09-2026\n"
    result = koers("import", "cases", "--vault", str(empty_vault), str(csv_file(tmp_path, one)),
                   "--yes")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "caseload.csv: 1 case to create" in result.stdout
    assert result.stdout.rstrip().endswith("Created 1 case.")
    assert "1 cases" not in result.stdout


def test_imported_cases_are_due_from_their_last_contact(empty_vault: Path, tmp_path: Path) -> None:
    """Without a last contact a case that started months ago is overdue the moment it
    arrives; with one, the next contact counts from that day."""
    today = local_today()  # the command runs on the real clock
    start, last = today - timedelta(days=100), today - timedelta(days=2)
    text = (
        "naam;programma;startdatum;laatste_contact;laatste_contact_soort\n"
        f"Fleur van Zanddorp;ambulant;{start:%d-%m-%Y};{last:%d-%m-%Y};telefoon\n"
        f"Iris Bakkerveld;ambulant;{start:%d-%m-%Y};;\n"
    )
    result = koers("import", "cases", "--vault", str(empty_vault), str(csv_file(tmp_path, text)),
                   "--yes")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"last contact {last:%d-%m-%Y} (telefoon)" in result.stdout
    rows = json.loads(koers("cases", "--vault", str(empty_vault), "--json").stdout)
    due = {r["name"]: r for r in rows}
    assert due["Fleur van Zanddorp"]["next_due"] == (last + timedelta(days=7)).isoformat()
    assert due["Fleur van Zanddorp"]["overdue_days"] == 0
    assert due["Iris Bakkerveld"]["overdue_days"] > 80


def test_a_last_contact_in_the_future_is_refused(empty_vault: Path, tmp_path: Path) -> None:
    start, ahead = local_today() - timedelta(days=30), local_today() + timedelta(days=3)
    text = (
        "naam;programma;startdatum;laatste_contact\n"
        f"Fleur van Zanddorp;ambulant;{start:%d-%m-%Y};{ahead:%d-%m-%Y}\n"
    )
    result = koers("import", "cases", "--vault", str(empty_vault), str(csv_file(tmp_path, text)),
                   "--yes")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "koers: error: row 2, column 'laatste_contact': the last contact cannot lie in the future"
    )
    assert case_count(empty_vault) == 0


def test_an_unquoted_separator_is_named_as_a_row_with_too_many_cells(
    empty_vault: Path, tmp_path: Path
) -> None:
    text = (
        "naam;programma;startdatum;kinderen;situatie;screeningsdatum\n"
        "Fleur van Zanddorp;ambulant;01-09-2026;Sam 2016; Lina 2019;;\n"
        "Iris Bakkerveld;ambulant;01-09-2026\n"
    )
    result = koers("import", "cases", "--vault", str(empty_vault), str(csv_file(tmp_path, text)),
                   "--yes")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "koers: error: row 2 has more cells than the header row (6 expected); a value "
        "containing ';' must be in double quotes",
        "koers: error: row 3 has fewer cells than the header row (6 expected); separate every "
        "cell with ';', an empty one too",
        "koers: error: nothing was imported (2 problems in caseload.csv); fix the file and "
        "try again",
    ]
    assert "screeningsdatum" not in result.stderr and "situatie" not in result.stderr
    assert case_count(empty_vault) == 0


def test_importing_an_aanmelding_twice_names_the_aanmelding_date(
    empty_vault: Path, tmp_path: Path
) -> None:
    text = (
        f"naam;programma;aanmeldingsdatum\nFleur van Zanddorp;ambulant;{local_today():%d-%m-%Y}\n"
    )
    path = csv_file(tmp_path, text)
    assert koers("import", "cases", "--vault", str(empty_vault), str(path), "--yes").returncode == 0
    again = koers("import", "cases", "--vault", str(empty_vault), str(path), "--yes")
    assert again.returncode == 2
    assert (
        "row 2, column 'naam': a case with this name and aanmelding date is in the vault already"
        in again.stderr
    )
    assert "start date" not in again.stderr
