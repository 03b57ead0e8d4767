"""The vault as a worker and an attacker meet it: unlock, lock, passphrases, damaged files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from storage.clock import FixedClock
from storage.errors import (
    BackoffActive,
    InvalidPassphrase,
    KeyFileMismatch,
    NotAVault,
    VaultCorrupted,
    VaultExists,
    VaultLocked,
    WrongPassphrase,
)
from storage.keyfile import key_path_for, read_key_file
from storage.keys import DEFAULT_KDF, TEST_KDF
from storage.repository import RecordStore
from storage.vault import Vault, backoff_seconds
from tests.conftest import PASSPHRASE


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_vault(path: Path, clock: FixedClock, passphrase: str = PASSPHRASE) -> None:
    with Vault.create(path, passphrase, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        RecordStore(v, "tester").insert("case", "c1", {"display_name": "Test Persoon"})


def test_default_kdf_uses_at_least_64_mib() -> None:
    assert DEFAULT_KDF.memory_kib >= 64 * 1024


def test_created_vault_reopens_with_its_data(vault_path: Path, clock: FixedClock) -> None:
    make_vault(vault_path, clock)
    with Vault.open(vault_path, PASSPHRASE, clock=clock) as vault:
        assert RecordStore(vault, "t").require("case", "c1")["display_name"] == "Test Persoon"
        assert vault.check_integrity() == []


def test_lock_drops_key_and_refuses_access(vault: Vault) -> None:
    key = vault._key
    assert key is not None and any(key)
    vault.lock()
    assert vault.is_locked
    assert not any(key)  # the buffer was overwritten in place
    with pytest.raises(VaultLocked):
        vault.db.execute("SELECT 1")


def test_wrong_passphrase_is_refused_and_changes_nothing(vault_path: Path, clock) -> None:
    make_vault(vault_path, clock)
    before = digest(vault_path)
    with pytest.raises(WrongPassphrase) as info:
        Vault.open(vault_path, "niet-het-goede-wachtwoord", clock=clock)
    assert info.value.message_nl == "Onjuist wachtwoord."
    assert digest(vault_path) == before


@pytest.mark.parametrize("passphrase", ["", "   ", "\t\n"])
def test_empty_passphrase_is_refused(vault_path: Path, passphrase: str) -> None:
    with pytest.raises(InvalidPassphrase):
        Vault.create(vault_path, passphrase, owner="t", kdf=TEST_KDF)
    assert not vault_path.exists()
    assert not key_path_for(vault_path).exists()


def test_short_new_passphrase_is_refused(vault_path: Path) -> None:
    with pytest.raises(InvalidPassphrase, match="at least 8"):
        Vault.create(vault_path, "kort", owner="t", kdf=TEST_KDF)
    assert not vault_path.exists()


def test_create_refuses_to_overwrite_a_vault(vault_path: Path, clock) -> None:
    make_vault(vault_path, clock)
    before = digest(vault_path)
    with pytest.raises(VaultExists):
        Vault.create(vault_path, PASSPHRASE, owner="t", kdf=TEST_KDF)
    assert digest(vault_path) == before


def test_directory_is_not_a_vault(tmp_path: Path) -> None:
    with pytest.raises(NotAVault, match="directory"):
        Vault.open(tmp_path, PASSPHRASE)
    with pytest.raises(NotAVault, match="directory"):
        Vault.create(tmp_path, PASSPHRASE, owner="t", kdf=TEST_KDF)


def test_plain_sqlite_file_is_not_a_vault(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    before = digest(other)
    with pytest.raises(NotAVault, match="unencrypted SQLite"):
        Vault.open(other, PASSPHRASE)
    assert digest(other) == before


def test_other_programs_file_with_copied_key_file_is_refused(tmp_path: Path, clock) -> None:
    make_vault(tmp_path / "real.koers", clock)
    other = tmp_path / "photo.koers"
    other.write_bytes(b"\x89PNG\r\n" + bytes(8192 - 6))
    key_path_for(other).write_bytes(key_path_for(tmp_path / "real.koers").read_bytes())
    with pytest.raises(KeyFileMismatch):
        Vault.open(other, PASSPHRASE, clock=clock)


def test_missing_key_file_is_explained(vault_path: Path, clock) -> None:
    make_vault(vault_path, clock)
    key_path_for(vault_path).unlink()
    with pytest.raises(NotAVault, match="key file"):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_key_file_of_another_vault_is_refused(tmp_path: Path, clock) -> None:
    first, second = tmp_path / "a.koers", tmp_path / "b.koers"
    make_vault(first, clock)
    make_vault(second, clock)
    key_path_for(first).write_bytes(key_path_for(second).read_bytes())
    before = digest(first)
    with pytest.raises(KeyFileMismatch):
        Vault.open(first, PASSPHRASE, clock=clock)
    assert digest(first) == before


def test_garbage_key_file_is_refused(vault_path: Path, clock) -> None:
    make_vault(vault_path, clock)
    key_path_for(vault_path).write_text("{not json")
    with pytest.raises(NotAVault, match="not a Koers key file"):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_truncated_vault_is_detected_and_left_alone(vault_path: Path, clock) -> None:
    make_vault(vault_path, clock)
    data = vault_path.read_bytes()
    vault_path.write_bytes(data[: len(data) // 2 + 100])
    before = digest(vault_path)
    with pytest.raises(VaultCorrupted):
        Vault.open(vault_path, PASSPHRASE, clock=clock)
    assert digest(vault_path) == before


def test_truncated_at_page_boundary_is_detected(vault_path: Path, clock) -> None:
    make_vault(vault_path, clock)
    data = vault_path.read_bytes()
    assert len(data) >= 3 * 4096
    vault_path.write_bytes(data[: 2 * 4096])
    with pytest.raises(VaultCorrupted):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_bit_flip_is_detected(vault_path: Path, clock) -> None:
    make_vault(vault_path, clock)
    data = bytearray(vault_path.read_bytes())
    data[len(data) - 3000] ^= 0x40  # inside the last page's encrypted content
    vault_path.write_bytes(bytes(data))
    with pytest.raises(VaultCorrupted):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_change_passphrase_rewraps_without_reencrypting(vault_path: Path, clock) -> None:
    make_vault(vault_path, clock)
    vault = Vault.open(vault_path, PASSPHRASE, clock=clock)
    vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(vault_path)
    vault.change_passphrase(PASSPHRASE, "een-nieuw-wachtwoord")
    assert digest(vault_path) == before
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, PASSPHRASE, clock=clock)
    with Vault.open(vault_path, "een-nieuw-wachtwoord", clock=clock) as reopened:
        assert RecordStore(reopened, "t").get("case", "c1") is not None


def test_change_passphrase_needs_the_old_one(vault: Vault) -> None:
    key_before = vault.key_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("verkeerd-oud-wachtwoord", "een-nieuw-wachtwoord")
    with pytest.raises(InvalidPassphrase):
        vault.change_passphrase(PASSPHRASE, "  ")
    assert vault.key_path.read_bytes() == key_before


def test_backoff_grows_and_survives_a_restart(vault_path: Path, clock: FixedClock) -> None:
    make_vault(vault_path, clock)
    for _ in range(3):  # three free attempts
        with pytest.raises(WrongPassphrase):
            Vault.open(vault_path, "fout-fout-fout", clock=clock)
    with pytest.raises(BackoffActive):  # then a wait, even for the right passphrase
        Vault.open(vault_path, PASSPHRASE, clock=clock)
    clock.advance(seconds=backoff_seconds(3) + 1)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, "fout-fout-fout", clock=clock)
    # A "restart": nothing in memory, only the key file remembers.
    assert read_key_file(key_path_for(vault_path)).failed_attempts == 4
    with pytest.raises(BackoffActive) as info:
        Vault.open(vault_path, PASSPHRASE, clock=clock)
    assert info.value.wait_seconds == backoff_seconds(4)
    assert "Probeer het over" in info.value.message_nl
    clock.advance(seconds=backoff_seconds(4) + 1)
    with Vault.open(vault_path, PASSPHRASE, clock=clock):
        pass
    assert read_key_file(key_path_for(vault_path)).failed_attempts == 0


def test_backoff_is_capped() -> None:
    assert [backoff_seconds(n) for n in (0, 2, 3, 4, 5)] == [0, 0, 2, 4, 8]
    assert backoff_seconds(100) == 300


def test_key_file_is_private(vault: Vault) -> None:
    assert vault.key_path.stat().st_mode & 0o077 == 0


def test_second_connection_shares_data_and_one_clock(vault: Vault) -> None:
    """Background sync uses its own connection; an edit made after it received a change from
    the future must still sort after that change (or it would lose the merge)."""
    from storage.hlc import Hlc

    store = RecordStore(vault, "tester")
    other = vault.second_connection()
    try:
        # A few minutes ahead: further ahead is never adopted (tests/storage/test_hlc.py).
        future = Hlc(int(vault.now().timestamp() * 1000) + 240_000, 7, "other-device")
        with other.transaction():
            other.observe_hlc(future)
            RecordStore(other, "tester").insert("social_map_entry", "s1", {"organisation": "X"})
        with vault.transaction():
            stamp = vault.next_hlc()
        assert Hlc.decode(stamp) > future
        assert store.get("social_map_entry", "s1") is not None
    finally:
        other.lock()
    assert not vault.is_locked


def test_only_the_workers_account_may_read_the_vault_files(vault_path: Path, clock) -> None:
    """Encrypted, but a copy readable by any account on the laptop is a copy to attack."""
    import os
    import stat

    old_umask = os.umask(0o022)  # the usual desktop umask: new files readable by all
    try:
        with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
            RecordStore(v, "tester").log_access("read", "case", "c1")
            for path in (vault_path, key_path_for(vault_path)):
                mode = stat.S_IMODE(path.stat().st_mode)
                assert mode & 0o077 == 0, (path.name, oct(mode))
    finally:
        os.umask(old_umask)
