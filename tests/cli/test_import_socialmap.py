"""`koers import socialmap` as a coordinator runs it with an organisation's list of partners:
the template without a vault, a preview, all entries added in one go, and a file with one bad
or duplicate row refused as a whole, named row by row, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.casework import Casework, new_id
from app.social_map import SocialMapEntry
from app.social_map_import import COLUMNS, template_header
from storage import journal
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.cli.test_cli import assert_clean_error, koers
from tests.conftest import PASSPHRASE

GOOD = (
    "\ufefforganisatie;aanbod;contactpersoon;telefoon;gebied\r\n"
    "Buurtteam Oost;Ondersteuning bij opvoeden, geld en wonen;Jan de Boer;030-1234567;Oost\r\n"
    "Buurtteam Oost;Jongerenwerk;Fatima Yilmaz;+31 30 7654321;Oost\r\n"
    'Inloophuis De Brug;"Inloop; maaltijden";;;Centrum\r\n'
)


@pytest.fixture
def map_vault(tmp_path: Path) -> Path:
    """A vault with one partner on the sociale kaart already."""
    path = tmp_path / "werk.koers"
    with Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF) as vault:
        work = Casework(vault)
        work.seed_default_programmes()
        work.add_social_map_entry(
            SocialMapEntry(new_id(), "Veilig Thuis regio", "Advies en meldingen", "", "0800-2000")
        )
    return path


def entries(path: Path) -> list[SocialMapEntry]:
    with Vault.open(path, PASSPHRASE) as vault:
        return Casework(vault).social_map()


def journal_length(path: Path) -> int:
    with Vault.open(path, PASSPHRASE) as vault:
        return len(journal.entries(vault.db))


def csv_file(tmp_path: Path, text: str, name: str = "partners.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_template_needs_no_vault_and_describes_every_column() -> None:
    result = koers("import", "socialmap", "--template", passphrase=None)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip()
        == template_header()
        == ("organisatie;aanbod;contactpersoon;telefoon;gebied")
    )
    described = koers("import", "socialmap", "--template", "--describe", passphrase=None)
    lines = described.stdout.splitlines()
    for column in COLUMNS:
        need = "required" if column.required else "optional"
        assert f"{column.name} ({need})" in lines


def test_a_good_file_is_shown_then_added_in_one_go(map_vault: Path, tmp_path: Path) -> None:
    result = koers("import", "socialmap", "--vault", str(map_vault), str(csv_file(tmp_path, GOOD)),
                   "--yes")  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "partners.csv: 3 partners to add to the sociale kaart" in out
    assert "row 2: Buurtteam Oost (Jan de Boer), Oost" in out
    assert "row 4: Inloophuis De Brug, Centrum" in out
    assert out.rstrip().endswith("Added 3 partners.")
    by_person = {(e.organisation, e.contact_person): e for e in entries(map_vault)}
    assert len(by_person) == 4
    brug = by_person[("Inloophuis De Brug", "")]
    assert (brug.offers, brug.area, brug.phone) == ("Inloop; maaltijden", "Centrum", "")
    assert by_person[("Buurtteam Oost", "Fatima Yilmaz")].phone == "+31 30 7654321"
    with Vault.open(map_vault, PASSPHRASE) as vault:
        logged = vault.db.execute(
            "SELECT detail FROM access_log WHERE record_type = 'social_map_entry' "
            "AND action = 'create' AND record_id IS NULL"
        ).fetchall()
    assert [row[0] for row in logged] == ["import of 3 entries"]


def test_dry_run_writes_nothing(map_vault: Path, tmp_path: Path) -> None:
    before = journal_length(map_vault)
    path = csv_file(tmp_path, GOOD)
    result = koers("import", "socialmap", "--vault", str(map_vault), str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "3 partners to add" in result.stdout and "nothing was written" in result.stdout
    assert len(entries(map_vault)) == 1 and journal_length(map_vault) == before


def test_one_bad_row_refuses_the_file_and_names_every_problem(
    map_vault: Path, tmp_path: Path
) -> None:
    before = journal_length(map_vault)
    text = (
        GOOD
        + "Schuldhulp gemeente;;;bel de balie;Noord\r\n"  # no offer, a phone in words
        + '=HYPERLINK("http://x");Budget;;;\r\n'  # a formula
        + "GGZ Centrum;Crisisdienst;Piet\u202eteiP;;\r\n"  # a right-to-left override
    )
    result = koers("import", "socialmap", "--vault", str(map_vault),
                   str(csv_file(tmp_path, text)), "--yes")  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "koers: error: row 5, column 'aanbod': empty: say what the organisation offers",
        "koers: error: row 5, column 'telefoon': a phone number holds only digits, spaces and "
        "+ ( ) . / -",
        "koers: error: row 6, column 'organisatie': starts with =, +, - or @, which a "
        "spreadsheet reads as a formula",
        "koers: error: row 7, column 'contactpersoon': contains an invisible formatting "
        "character (a right-to-left override, a zero-width space, a byte-order mark, ...)",
        "koers: error: nothing was imported (4 problems in partners.csv); fix the file and "
        "try again",
    ]
    # No cell's content is repeated in a message.
    assert "bel de balie" not in result.stderr and "HYPERLINK" not in result.stderr
    assert len(entries(map_vault)) == 1 and journal_length(map_vault) == before


def test_duplicates_in_the_file_and_on_the_map_are_named(map_vault: Path, tmp_path: Path) -> None:
    before = journal_length(map_vault)
    text = (
        GOOD
        + "buurtteam  OOST;Iets anders;jan de boer;;\r\n"  # row 2 again, other spelling
        + "Veilig Thuis Regio;Advies;;;\r\n"  # on the map already
    )
    result = koers("import", "socialmap", "--vault", str(map_vault),
                   str(csv_file(tmp_path, text)), "--dry-run")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[:2] == [
        "koers: error: row 5, column 'organisatie': the same organisation and contact person "
        "as row 2",
        "koers: error: row 6, column 'organisatie': this organisation and contact person are "
        "on the sociale kaart already",
    ]
    assert len(entries(map_vault)) == 1 and journal_length(map_vault) == before


def test_the_same_file_twice_adds_nothing_the_second_time(map_vault: Path, tmp_path: Path) -> None:
    path = csv_file(tmp_path, GOOD)
    assert (
        koers("import", "socialmap", "--vault", str(map_vault), str(path), "--yes").returncode == 0
    )
    again = koers("import", "socialmap", "--vault", str(map_vault), str(path), "--yes")
    assert again.returncode == 2
    assert "row 2, column 'organisatie': this organisation and contact person are on the " in (
        again.stderr
    )
    assert len(entries(map_vault)) == 4


def test_a_file_with_a_case_column_or_without_a_required_one_is_refused(
    map_vault: Path, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "organisatie;naam\r\nBuurtteam;Fleur\r\n")
    result = koers("import", "socialmap", "--vault", str(map_vault), str(path), "--yes")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert (
        "koers: error: row 1: unknown column(s) 'naam' (see koers import socialmap --template "
        "--describe)" in lines
    )
    assert "koers: error: row 1, column 'aanbod': this required column is missing" in lines


def test_without_a_terminal_it_asks_for_yes(map_vault: Path, tmp_path: Path) -> None:
    result = koers("import", "socialmap", "--vault", str(map_vault), str(csv_file(tmp_path, GOOD)))
    assert_clean_error(result, "pass --yes to add the partners")
    assert len(entries(map_vault)) == 1
