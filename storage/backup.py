"""Automatic encrypted backups of the vault, kept beside it and rotated, and restoring one.

A backup is a byte copy of the SQLCipher file taken right after an unlock has proved the
file whole (and checkpointed its WAL), so it is encrypted with the same key, carries the
same salt and opens with the same key file and passphrase. Each copy is opened and its page
HMACs checked before it counts as a backup. At most one is made per BACKUP_INTERVAL and the
newest KEEP are kept: `werk.koers.backups/werk-20261122T090000Z.koers`.

Restoring moves the damaged file aside (never deleted: it may still hold something) and puts
the newest backup that opens in its place. Changes made after that backup are lost on this
laptop unless sync had sent them; the server gives them back at the next sync.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from storage import sqlcipher
from storage.errors import KoersError, VaultCorrupted

BACKUP_INTERVAL = timedelta(hours=12)
KEEP = 7
STAMP = "%Y%m%dT%H%M%SZ"
DAMAGED = ".damaged-"  # werk.koers.damaged-<time>: a damaged file a restore put aside


class Backup(NamedTuple):
    """One automatic backup: its file and when it was made (aware, UTC)."""

    path: Path
    made_at: datetime


class NoUsableBackup(KoersError):
    def __init__(self) -> None:
        super().__init__(
            "no automatic backup of this vault opens; nothing was changed",
            "Er is geen bruikbare back-up van deze kluis; er is niets veranderd.",
        )


def backup_folder(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".backups")


def backup_files(vault_path: Path) -> list[Path]:
    """Every file in the backup folder (backups and any temporary copy)."""
    folder = backup_folder(vault_path)
    return [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []


def kept_copies(vault_path: Path) -> list[Path]:
    """Every other file that holds this vault's data under its key: backups (and a copy being
    made) and damaged files a restore put aside."""
    return [*vault_path.parent.glob(f"{vault_path.name}{DAMAGED}*"), *backup_files(vault_path)]


def backups(vault_path: Path) -> list[Backup]:
    """The automatic backups of this vault, newest first."""
    folder = backup_folder(vault_path)
    found = []
    for file in folder.glob(f"{vault_path.stem}-*{vault_path.suffix}"):
        stamp = file.name[len(vault_path.stem) + 1 : len(file.name) - len(vault_path.suffix)]
        made_at = parse_stamp(stamp)
        if made_at is not None:
            found.append(Backup(file, made_at))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def parse_stamp(stamp: str) -> datetime | None:
    """The time (aware, UTC) a backup's name stamp (STAMP: 20261122T090000Z) gives; None for
    any other text or an impossible date. What `datetime.strptime(stamp, STAMP)` accepts of
    the stamps Koers writes, without loading strptime's locale machinery at every unlock."""
    if (
        len(stamp) != 16
        or stamp[8] != "T"
        or stamp[15] != "Z"
        or not (stamp[:8] + stamp[9:15]).isdigit()
        or not stamp.isascii()
    ):
        return None
    try:
        return datetime(
            int(stamp[0:4]),
            int(stamp[4:6]),
            int(stamp[6:8]),
            int(stamp[9:11]),
            int(stamp[11:13]),
            int(stamp[13:15]),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def is_due(vault_path: Path, now: datetime, interval: timedelta = BACKUP_INTERVAL) -> bool:
    """Whether an unlock at `now` makes a backup: none yet, or the newest is `interval` old."""
    existing = backups(vault_path)
    return not existing or now - existing[0].made_at >= interval


def backup_if_due(
    vault_path: Path,
    conn: sqlcipher.Connection,
    key: bytearray,
    now: datetime,
    interval: timedelta = BACKUP_INTERVAL,
) -> Backup | None:
    """Make a backup when the newest is older than `interval` (`is_due`). Called on an open
    that has just proved the file whole, before anything is written. A failure (disk full,
    read-only folder) costs the backup, never the unlock."""
    if not is_due(vault_path, now, interval):
        return None
    try:
        made = _make_backup(vault_path, conn, key, now)
    except (OSError, sqlcipher.DatabaseError, VaultCorrupted):
        return None
    for old in backups(vault_path)[KEEP:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return made


def renew(vault_path: Path, conn: sqlcipher.Connection, key: bytearray, now: datetime) -> bool:
    """After cases left the vault (handover, retention): a fresh backup replaces every older
    one, so no backup still holds them. Older backups stay when the fresh one fails."""
    try:
        fresh = _make_backup(vault_path, conn, key, now)
    except (OSError, sqlcipher.DatabaseError, VaultCorrupted):
        return False
    for old in backups(vault_path):
        if old.path != fresh.path:
            with contextlib.suppress(OSError):
                old.path.unlink()
    return True


def _make_backup(
    vault_path: Path, conn: sqlcipher.Connection, key: bytearray, now: datetime
) -> Backup:
    folder = backup_folder(vault_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{vault_path.stem}-{now.astimezone(UTC).strftime(STAMP)}{vault_path.suffix}"
    temporary = target.with_name("." + target.name + ".tmp")
    # Everything committed goes into the main file, and the write lock keeps it that way
    # while the bytes are copied.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("BEGIN IMMEDIATE")
    try:
        wal = vault_path.with_name(vault_path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            # Another connection kept the checkpoint from finishing: the main file alone
            # would miss committed changes. Try again at a later moment.
            raise OSError("the WAL could not be emptied")
        _copy_synced(vault_path, temporary)
    finally:
        conn.execute("ROLLBACK")
    try:
        _prove_backup(temporary, key)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return Backup(target, now)


def _copy_synced(source: Path, target: Path) -> None:
    import shutil  # here: an unlock that makes no copy need not load it (bench/cli_start)

    # 0600 from the first byte (not chmod afterwards): a copy of the vault is the worker's only.
    with open(source, "rb") as src:
        with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
    os.chmod(target, 0o600)  # a leftover copy of an earlier attempt had its own mode


def _prove_backup(path: Path, key: bytearray) -> None:
    conn = sqlcipher.connect_keyed(path, key)
    try:
        sqlcipher.prove_readable(conn, path)  # closes the connection when the copy is bad
    finally:
        with contextlib.suppress(Exception):
            conn.close()


def restore_latest(vault_path: Path, opens: Callable[[Path], bool]) -> tuple[Backup, Path]:
    """Put the newest backup that `opens` accepts in place of the vault file.

    Returns the backup used and where the damaged file was moved. With no usable backup the
    vault file is left exactly as it was.
    """
    aside = vault_path.with_name(f"{vault_path.name}{DAMAGED}{datetime.now(UTC).strftime(STAMP)}")
    for backup in backups(vault_path):
        trial = vault_path.with_name("." + vault_path.name + ".restoring")
        _copy_synced(backup.path, trial)
        if not opens(trial):
            trial.unlink(missing_ok=True)
            continue
        if vault_path.exists():
            os.replace(vault_path, aside)
        for sidecar in sqlcipher.sidecar_files(vault_path):
            if sidecar.exists():  # a WAL of the damaged file must not be replayed onto this
                os.replace(
                    sidecar, aside.with_name(aside.name + sidecar.name[len(vault_path.name) :])
                )
        os.replace(trial, vault_path)
        for sidecar in sqlcipher.sidecar_files(trial):
            sidecar.unlink(missing_ok=True)
        return backup, aside
    raise NoUsableBackup()
