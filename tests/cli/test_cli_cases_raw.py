"""`koers cases` reads and writes on the vault's raw connection, without Casework, RecordStore
or sqlite-utils (issue 17, start-up time): it must list what the window's path lists and leave
the access-log line that path leaves."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.caseload import caseload, sort_most_overdue
from app.casework import Casework
from app.cli import _row_json, run
from app.synthetic import populate
from storage.access_log import entries
from storage.keys import TEST_KDF
from storage.repository import RecordStore
from storage.vault import Vault
from tests.conftest import PASSPHRASE

ON = date(2027, 1, 15)


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "werk.koers"
    with Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF) as vault:
        casework = Casework(vault)
        casework.seed_default_programmes()
        populate(casework, 12)
        # A removed programme is not read (as Casework.programmes leaves it out).
        casework.store.delete("programme", sorted(casework.programmes())[-1])
    return path


def _cases(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict]:
    code = run(
        ["cases", "--vault", str(path), "--json", "--on", ON.isoformat(), *extra],
        open_window=None,
        start_server=None,
    )
    assert code == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("extra", [(), ("--all",)])
def test_cases_lists_what_the_casework_path_lists(
    filled: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: tuple[str, ...],
) -> None:
    monkeypatch.setenv("KOERS_PASSPHRASE", PASSPHRASE)
    listed = _cases(filled, capsys, *extra)
    with Vault.open(filled, PASSPHRASE) as vault:
        casework = Casework(vault)
        rows = caseload(vault.db, casework.programmes(), ON, include_closed=bool(extra))
    expected = json.loads(json.dumps([_row_json(r) for r in sort_most_overdue(rows)]))
    assert listed == expected
    assert listed  # the comparison saw cases


def test_cases_leaves_the_access_line_the_record_store_leaves(
    filled: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOERS_PASSPHRASE", PASSPHRASE)
    listed = _cases(filled, capsys)
    with Vault.open(filled, PASSPHRASE) as vault:
        by_cli = entries(vault.db, action="list")
        RecordStore(vault, vault.owner).log_access("list", "caseload", None, f"{len(listed)} cases")
        by_store = entries(vault.db, action="list")[-1]
    assert len(by_cli) == 1
    line = by_cli[0]
    assert (line.actor, line.device_id, line.record_type, line.record_id, line.detail) == (
        by_store.actor,
        by_store.device_id,
        by_store.record_type,
        by_store.record_id,
        by_store.detail,
    )
    assert line.at <= by_store.at and line.at.endswith("Z")


def test_cases_in_the_same_process_leaves_the_cycle_collector_on(
    filled: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`koers cases` turns the cycle collector off while it runs (its process ends when it
    has printed); a caller in the same process gets it back, also after an error."""
    import gc

    monkeypatch.setenv("KOERS_PASSPHRASE", PASSPHRASE)
    assert gc.isenabled()
    assert _cases(filled, capsys)
    assert gc.isenabled()
    monkeypatch.setenv("KOERS_PASSPHRASE", "een ander wachtwoord")
    assert run(["cases", "--vault", str(filled)], open_window=None, start_server=None) == 1
    assert gc.isenabled()
