"""A damaged vault file is found and told, and the last automatic backup brings it back; a
full disk during a write leaves the vault as it was."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from app.casework import Casework
from app.synthetic import populate
from storage import backup
from storage.clock import FixedClock
from storage.errors import DiskFull, VaultCorrupted
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.cli.test_cli import assert_clean_error, koers
from tests.conftest import NOW, PASSPHRASE
from tests.storage.test_no_plaintext import leaks


def case_count(path: Path, clock: FixedClock) -> int:
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        return int(vault.db.execute("SELECT count(*) FROM cases").fetchone()[0])


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[Path, FixedClock]:
    """A vault with 8 cases in its backup and 3 more written after it."""
    path, clock = tmp_path / "werk.koers", FixedClock(NOW)
    with Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as vault:
        work = Casework(vault)
        work.seed_default_programmes()
        populate(work, 8, seed=5)
    clock.advance(hours=1)
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:  # this unlock makes the backup
        populate(Casework(vault), 3, seed=6)
    assert len(backup.backups(path)) == 1
    return path, clock


def truncate(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.truncate(size // 2 - 100)


def flip_bit(path: Path) -> None:
    rng = random.Random(11)
    data = bytearray(path.read_bytes())
    at = rng.randrange(4096 + 100, len(data) - 100)  # inside a page, past the header page
    data[at] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [truncate, flip_bit], ids=["truncated", "bit-flipped"])
def test_damaged_vault_is_detected_and_the_backup_restores_it(
    backed_up: tuple[Path, FixedClock], damage
) -> None:
    path, clock = backed_up
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(path)
    with pytest.raises(VaultCorrupted) as caught:
        Vault.open(path, PASSPHRASE, clock=clock)
    assert "latest automatic backup is from" in caught.value.message_en
    assert "back-up" in caught.value.message_nl
    used, aside = Vault.restore_backup(path, PASSPHRASE, clock=clock)
    assert aside.exists()  # the damaged file is kept, not thrown away
    assert case_count(path, clock) == 8  # the state of the backup
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        assert vault.check_integrity() == []


def test_restore_from_the_command_line_says_what_it_did(
    backed_up: tuple[Path, FixedClock],
) -> None:
    path, _ = backed_up
    truncate(path)
    assert_clean_error(koers("cases", "--vault", str(path)), "koers vault restore")
    listed = koers("vault", "restore", "--vault", str(path), "--list")
    assert listed.returncode == 0 and "werk-" in listed.stdout
    result = koers("vault", "restore", "--vault", str(path))
    assert result.returncode == 0, result.stderr
    assert "Restored the backup of" in result.stdout
    assert koers("cases", "--vault", str(path)).returncode == 0


def test_backups_are_rotated_and_taken_at_most_twice_a_day(tmp_path: Path) -> None:
    path, clock = tmp_path / "werk.koers", FixedClock(NOW)
    Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock).lock()
    for _ in range(backup.KEEP + 3):
        Vault.open(path, PASSPHRASE, clock=clock).lock()
        Vault.open(path, PASSPHRASE, clock=clock).lock()  # too soon: no second backup
        clock.advance(hours=13)
    kept = backup.backups(path)
    assert len(kept) == backup.KEEP
    assert kept[0].made_at == NOW + timedelta(hours=13 * (backup.KEEP + 2))


def test_backups_hold_no_plaintext(backed_up: tuple[Path, FixedClock]) -> None:
    path, clock = backed_up
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        names = [r[0] for r in vault.db.execute("SELECT display_name FROM cases LIMIT 5")]
    assert backup.backups(path) and leaks(backup.backup_folder(path), names) == []


def test_no_usable_backup_leaves_the_damaged_file_where_it_was(tmp_path: Path) -> None:
    path = tmp_path / "werk.koers"
    Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF).lock()
    truncate(path)
    before = path.read_bytes()
    with pytest.raises(backup.NoUsableBackup):
        Vault.restore_backup(path, PASSPHRASE)
    assert path.read_bytes() == before


def test_disk_full_during_a_write_leaves_the_vault_as_it_was(
    backed_up: tuple[Path, FixedClock],
) -> None:
    path, clock = backed_up
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        pages = int(vault.db.execute("PRAGMA page_count").fetchone()[0])
        vault.db.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's own "disk full"
        with pytest.raises(DiskFull):
            populate(Casework(vault), 20, seed=9)
        assert vault.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 11
    assert case_count(path, clock) == 11


FILL_THE_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from app.casework import Casework
    from app.synthetic import populate
    from storage.errors import DiskFull
    from storage.vault import Vault
    path = Path(sys.argv[1])
    vault = Vault.open(path, sys.argv[2])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write then fails with EFBIG
    limit = max(p.stat().st_size for p in path.parent.iterdir() if p.is_file()) + 4096
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        populate(Casework(vault), 60, seed=9)
    except DiskFull as exc:
        print("refused:", exc.message_en)
        sys.exit(3)
    """
)


def test_the_operating_system_refusing_a_write_loses_nothing_committed(
    backed_up: tuple[Path, FixedClock],
) -> None:
    path, clock = backed_up
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    result = subprocess.run(
        [sys.executable, "-c", FILL_THE_DISK, str(path), PASSPHRASE],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        timeout=120,
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert "nothing was saved" in result.stdout and "Traceback" not in result.stderr
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        assert vault.check_integrity() == []
        count = int(vault.db.execute("SELECT count(*) FROM cases").fetchone()[0])
        # Whole cases only: each is written in one transaction, so none is half there.
        orphans = vault.db.execute(
            "SELECT count(*) FROM contacts WHERE case_id NOT IN (SELECT id FROM cases)"
        ).fetchone()[0]
    assert count >= 11 and orphans == 0
