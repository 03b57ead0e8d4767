"""The `koers` command as scripts and people run it: one clear error line, never a traceback."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from app.casework import Casework
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests import commands
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def koers(
    *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess:
    if passphrase is not None:
        env["KOERS_PASSPHRASE"] = passphrase
    return commands.run("koers", *args, **env)


def assert_clean_error(result: subprocess.CompletedProcess, text: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("koers: error:"), result.stderr
    assert text in lines[0]


@pytest.fixture
def filled_vault(tmp_path: Path) -> Path:
    path = tmp_path / "werk.koers"
    with Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF) as vault:
        Casework(vault).seed_default_programmes()
    assert koers("demo-data", "--vault", str(path), "--cases", "25").returncode == 0
    return path


def test_init_creates_a_vault_with_strong_kdf(tmp_path: Path) -> None:
    path = tmp_path / "nieuw.koers"
    result = koers("vault", "init", "--vault", str(path), "--user", "tester")
    assert result.returncode == 0, result.stderr
    assert koers("vault", "unlock-check", "--vault", str(path)).returncode == 0
    key = json.loads(path.with_name(path.name + ".key").read_text())
    assert key["kdf"]["memory_kib"] >= 65536
    assert PASSPHRASE not in result.stdout + result.stderr


def test_cases_lists_the_caseload_as_json(filled_vault: Path) -> None:
    result = koers("cases", "--vault", str(filled_vault), "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 25
    assert {"programme", "phase", "risk", "next_due", "overdue_days"} <= set(rows[0])
    overdue = [r["overdue_days"] for r in rows]
    assert overdue == sorted(overdue, reverse=True)


def test_cases_due_shows_only_due_or_overdue(filled_vault: Path) -> None:
    all_rows = json.loads(koers("cases", "--vault", str(filled_vault), "--json").stdout)
    due_rows = json.loads(koers("cases", "--vault", str(filled_vault), "--json", "--due").stdout)
    assert 0 < len(due_rows) < len(all_rows)
    table = koers("cases", "--vault", str(filled_vault), "--due")
    assert table.stdout.splitlines()[0].split()[:3] == ["name", "programme", "phase"]


def test_wrong_passphrase_is_one_line(filled_vault: Path) -> None:
    assert_clean_error(
        koers("cases", "--vault", str(filled_vault), passphrase="verkeerd-wachtwoord"),
        "wrong passphrase",
    )


def test_empty_passphrase_is_one_line(filled_vault: Path) -> None:
    assert_clean_error(
        koers("vault", "unlock-check", "--vault", str(filled_vault), passphrase="  "), "empty"
    )


def test_no_passphrase_without_terminal_is_explained(filled_vault: Path) -> None:
    assert_clean_error(
        koers("cases", "--vault", str(filled_vault), passphrase=None), "KOERS_PASSPHRASE"
    )


def test_directory_as_vault_is_one_line(tmp_path: Path) -> None:
    assert_clean_error(koers("cases", "--vault", str(tmp_path)), "directory")


def test_corrupted_vault_is_one_line(filled_vault: Path) -> None:
    data = bytearray(filled_vault.read_bytes())
    data[len(data) // 2] ^= 0xFF
    filled_vault.write_bytes(bytes(data))
    result = koers("vault", "check", "--vault", str(filled_vault))
    assert_clean_error(result, "damaged")


def test_check_reports_an_intact_vault(filled_vault: Path) -> None:
    result = koers("vault", "check", "--vault", str(filled_vault))
    assert result.returncode == 0 and "intact" in result.stdout


def test_passwd_changes_the_passphrase(filled_vault: Path) -> None:
    result = koers(
        "vault", "passwd", "--vault", str(filled_vault), KOERS_NEW_PASSPHRASE="nieuw-en-lang-genoeg"
    )
    assert result.returncode == 0, result.stderr
    assert koers("vault", "unlock-check", "--vault", str(filled_vault)).returncode != 0
    assert (
        koers(
            "vault", "unlock-check", "--vault", str(filled_vault), passphrase="nieuw-en-lang-genoeg"
        ).returncode
        == 0
    )


def test_too_short_new_passphrase_changes_nothing(filled_vault: Path) -> None:
    result = koers("vault", "passwd", "--vault", str(filled_vault), KOERS_NEW_PASSPHRASE="kort")
    assert_clean_error(result, "at least 8")
    assert koers("vault", "unlock-check", "--vault", str(filled_vault)).returncode == 0


def test_demo_data_refuses_nonsense_counts(filled_vault: Path) -> None:
    assert_clean_error(koers("demo-data", "--vault", str(filled_vault), "--cases", "0"), "--cases")


def test_demo_prints_the_dashboard_and_leaves_nothing(tmp_path: Path) -> None:
    result = koers("demo", "--text", "--cases", "20", passphrase=None, TMPDIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    for heading in ("Vandaag", "Contact achterstallig", "Evaluatie nodig", "Caseload"):
        assert heading in result.stdout
    assert list(tmp_path.iterdir()) == []  # the throwaway vault is gone


def test_demo_screenshot_renders_the_window_and_leaves_nothing(tmp_path: Path) -> None:
    shot = tmp_path / "shots" / "koers.png"
    shot.parent.mkdir()
    work = tmp_path / "tmp"
    work.mkdir()
    result = koers(
        "demo", "--cases", "15", "--screenshot", str(shot), passphrase=None, TMPDIR=str(work)
    )
    assert result.returncode == 0, result.stderr
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1366, 768)
    assert "Traceback" not in result.stderr
    assert list(work.iterdir()) == []


def test_demo_with_dir_keeps_a_vault_that_opens(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert koers("demo", "--text", "--cases", "5", "--dir", str(folder)).returncode == 0
    rows = json.loads(koers("cases", "--vault", str(folder / "demo.koers"), "--json").stdout)
    assert len(rows) == 5


def test_programmes_list_and_change(filled_vault: Path, tmp_path: Path) -> None:
    listing = koers("programmes", "--vault", str(filled_vault), "--json")
    programmes = {p["id"]: p for p in json.loads(listing.stdout)}
    assert programmes["take_a_break"]["max_duration_days"] == 42
    assert programmes["nazorg"]["checkin_offsets_days"] == [30, 91, 182]
    ambulant = programmes["ambulant"]
    ambulant["phases"][0]["frequency"] = {"count": 2, "per_days": 14}
    definition = tmp_path / "ambulant.json"
    definition.write_text(json.dumps(ambulant))
    assert (
        koers("programmes", "--vault", str(filled_vault), "--file", str(definition)).returncode == 0
    )
    text = koers("programmes", "--vault", str(filled_vault)).stdout
    assert "begeleiding: Begeleiding (2 per 2 weken)" in text


def test_programme_with_zero_frequency_changes_nothing(filled_vault: Path, tmp_path: Path) -> None:
    before = koers("programmes", "--vault", str(filled_vault), "--json").stdout
    ambulant = next(p for p in json.loads(before) if p["id"] == "ambulant")
    ambulant["phases"][0]["frequency"] = {"count": 0, "per_days": 7}
    definition = tmp_path / "bad.json"
    definition.write_text(json.dumps([ambulant]))
    result = koers("programmes", "--vault", str(filled_vault), "--file", str(definition))
    assert_clean_error(result, "at least 1")
    assert koers("programmes", "--vault", str(filled_vault), "--json").stdout == before


def test_retention_days_are_shown_and_changed(filled_vault: Path) -> None:
    vault = str(filled_vault)
    shown = koers("vault", "retention", "--vault", vault)
    assert shown.returncode == 0 and "30 days" in shown.stdout
    assert "7 days" in koers("vault", "retention", "--vault", vault, "--days", "7").stdout
    assert "7 days" in koers("vault", "retention", "--vault", vault).stdout
    assert_clean_error(
        koers("vault", "retention", "--vault", vault, "--days", "-1"), "between 0 and 3650"
    )
