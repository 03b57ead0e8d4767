"""A damaged page of the meta table, with the page check left to a thread (the window's
unlock and `koers cases`: Vault.open(pages_meanwhile=True)). The open reads the meta table
itself (device id, clock, vault id) before that check has run, so the damage meets the open
first: it must be refused as damage (VaultCorrupted, naming the backup: the window offers
the restore), not as an unexplained database error, the file unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.session import WorkSession
from storage import backup
from storage.clock import FixedClock
from storage.errors import VaultCorrupted
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.storage.test_vault_pages_meanwhile import backed_up, digest  # noqa: F401


def damage_meta_page(path: Path, clock: FixedClock) -> None:
    with Vault.open(path, PASSPHRASE, clock=clock, backup_now=False) as vault:
        (root,) = vault.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meta'").fetchone()
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096 + 2000] ^= 0x40  # inside that page's encrypted content
    path.write_bytes(bytes(data))


def test_a_damaged_meta_page_is_refused_as_damage_by_an_open_that_checks_meanwhile(
    backed_up: Path,  # noqa: F811
    clock: FixedClock,
) -> None:
    damage_meta_page(backed_up, clock)
    before = digest(backed_up)
    with pytest.raises(VaultCorrupted) as checked_first:
        Vault.open(backed_up, PASSPHRASE, clock=clock)
    with pytest.raises(VaultCorrupted) as meanwhile:
        Vault.open(backed_up, PASSPHRASE, clock=clock, pages_meanwhile=True)
    assert meanwhile.value.message_en == checked_first.value.message_en
    assert "latest automatic backup is from" in meanwhile.value.message_en
    with pytest.raises(VaultCorrupted) as by_the_window:
        WorkSession.unlock(backed_up, PASSPHRASE, clock=clock)
    assert by_the_window.value.backup_made_at is not None  # the window offers the restore
    assert digest(backed_up) == before
    assert len(backup.backups(backed_up)) == 1
