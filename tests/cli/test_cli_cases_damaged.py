"""`koers cases` on a damaged vault: the command checks every page while it loads its modules
(Vault.open(pages_meanwhile=True)), and still says the vault is damaged, with the date of its
latest backup, before listing or logging anything: the file is left as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.casework import Casework
from app.synthetic import populate
from storage.errors import VaultCorrupted
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.cli.test_cli import assert_clean_error, koers
from tests.conftest import PASSPHRASE


@pytest.fixture
def backed_up(tmp_path: Path) -> Path:
    """A vault of 25 cases, unlocked once (its backup made), the WAL checkpointed."""
    path = tmp_path / "werk.koers"
    with Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF) as vault:
        casework = Casework(vault)
        casework.seed_default_programmes()
        populate(casework, 25)
    with Vault.open(path, PASSPHRASE) as vault:
        vault.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("from_end", [3000, 4096 + 3000], ids=["last-page", "page-before"])
def test_cases_on_a_damaged_vault_lists_and_logs_nothing(backed_up: Path, from_end: int) -> None:
    data = bytearray(backed_up.read_bytes())
    data[len(data) - from_end] ^= 0x40  # a page `koers cases` itself need not read
    backed_up.write_bytes(bytes(data))
    before = digest(backed_up)
    with pytest.raises(VaultCorrupted) as opened:  # what an open that checks first says
        Vault.open(backed_up, PASSPHRASE)
    for args in (("--json",), ("--due",), ()):
        result = koers("cases", "--vault", str(backed_up), *args)
        assert_clean_error(result, opened.value.message_en)
        assert "latest automatic backup is from" in result.stderr
        assert result.stdout == ""
    assert digest(backed_up) == before  # no access-log line, no stored caseload line


def test_cases_on_an_intact_vault_lists_them(backed_up: Path) -> None:
    result = koers("cases", "--vault", str(backed_up), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"case_id"') == 25
