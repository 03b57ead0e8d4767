"""The vault: one SQLCipher file plus its key file, opened through sqlite-utils.

Lifecycle: `Vault.create` / `Vault.open` return an unlocked vault; `lock()` closes the database
and overwrites the key buffer. Nothing is written to the database before it has been proved
readable with the key, so a wrong passphrase or a damaged file changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import sqlite_utils

from storage import backup, sqlcipher
from storage.clock import Clock, SystemClock
from storage.errors import (
    BackoffActive,
    DiskFull,
    KeyFileMismatch,
    NotAVault,
    VaultCorrupted,
    VaultExists,
    VaultLocked,
)
from storage.hlc import Hlc, HybridLogicalClock
from storage.keyfile import KeyFile, key_path_for, read_key_file, write_key_file
from storage.keys import (
    DEFAULT_KDF,
    KdfParams,
    new_database_key,
    normalise_passphrase,
    unwrap_key,
    wipe,
    wrap_key,
)
from storage.migrations import LATEST_VERSION, migrate

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
FREE_ATTEMPTS = 3
MAX_BACKOFF_SECONDS = 300.0


def backoff_seconds(failed_attempts: int) -> float:
    """Wait demanded after `failed_attempts` wrong passphrases: 3 free, then 2, 4, 8 ... 300 s."""
    if failed_attempts < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_BACKOFF_SECONDS, 2.0 ** (failed_attempts - FREE_ATTEMPTS + 1))


def remaining_backoff(key_file: KeyFile, now: float) -> float:
    if key_file.last_failed_at is None:
        return 0.0
    return max(0.0, key_file.last_failed_at + backoff_seconds(key_file.failed_attempts) - now)


class Vault:
    """An unlocked vault. Construct with `create` or `open`."""

    def __init__(
        self,
        path: Path,
        connection: sqlcipher.Connection,
        db_key: bytearray,
        key_file: KeyFile,
        clock: Clock,
    ) -> None:
        self.path = path
        self.key_path = key_path_for(path)
        self._conn: sqlcipher.Connection | None = connection
        self._key: bytearray | None = db_key
        self._key_file = key_file
        self.clock = clock
        self._db: sqlite_utils.Database | None = sqlite_utils.Database(connection)
        self.device_id = self.meta("device_id") or ""
        last = self.meta("hlc_last")
        self._hlc = HybridLogicalClock(self.device_id, Hlc.decode(last) if last else None)
        self._hlc_unsaved: str | None = None

    # --- lifecycle -------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        passphrase: str,
        *,
        owner: str,
        kdf: KdfParams = DEFAULT_KDF,
        clock: Clock | None = None,
    ) -> Vault:
        path = Path(path)
        secret = normalise_passphrase(passphrase, for_new=True)
        key_path = key_path_for(path)
        if path.is_dir():
            raise NotAVault("the vault path is a directory", "Het gekozen pad is een map.")
        if Vault.exists(path):
            raise VaultExists()
        if not path.parent.is_dir():
            raise NotAVault(
                "the folder for the vault does not exist", "De map voor de kluis bestaat niet."
            )
        vault_id = str(uuid.uuid4())
        db_key = new_database_key()
        wrapped = wrap_key(db_key, secret, kdf, vault_id.encode())
        conn: sqlcipher.Connection | None = None
        try:
            # Only the worker's account may read the file (SQLite gives its journal files
            # the same mode): encrypted, but a readable copy is still a copy to attack.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            conn = sqlcipher.connect_keyed(path, db_key)
            migrate(sqlite_utils.Database(conn))
            _init_meta(conn, vault_id=vault_id, owner=owner)
            sqlcipher.set_write_pragmas(conn)
            salt = _read_salt(path)
            write_key_file(
                key_path, KeyFile(vault_id=vault_id, wrapped=wrapped, db_salt=salt.hex())
            )
        except BaseException:
            if conn is not None:
                conn.close()
            wipe(db_key)
            for leftover in (path, key_path, *sqlcipher.sidecar_files(path)):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            raise
        key_file = read_key_file(key_path)
        return cls(path, conn, db_key, key_file, clock or SystemClock())

    @staticmethod
    def exists(path: Path | str) -> bool:
        """Is there a vault (or what is left of one) at `path`?"""
        path = Path(path)
        return path.exists() or key_path_for(path).exists()

    @classmethod
    def open(
        cls,
        path: Path | str,
        passphrase: str,
        *,
        clock: Clock | None = None,
        backup_now: bool = True,
    ) -> Vault:
        """Unlock the vault. `backup_now=False` leaves the automatic backup to a later
        `backup_if_due()` (the window: the dashboard first, then the copy)."""
        path = Path(path)
        clock = clock or SystemClock()
        try:
            salt = _check_vault_file(path)
        except VaultCorrupted:
            raise _corrupted_with_backup(path) from None
        key_path = key_path_for(path)
        key_file = read_key_file(key_path)
        if key_file.db_salt != salt.hex():
            raise KeyFileMismatch()
        db_key = _unwrap_with_backoff(key_path, key_file, passphrase, clock)
        try:
            conn = sqlcipher.connect_keyed(path, db_key)
            try:
                sqlcipher.prove_readable(conn, path)
            except VaultCorrupted:
                raise _corrupted_with_backup(path) from None
            if backup_now:
                backup.backup_if_due(path, conn, db_key, clock.now())
            sqlcipher.set_write_pragmas(conn)
            migrate(sqlite_utils.Database(conn))
        except BaseException:
            wipe(db_key)
            raise
        if key_file.failed_attempts:
            key_file = key_file.with_success()
            write_key_file(key_path, key_file)
        vault = cls(path, conn, db_key, key_file, clock)
        if vault.meta("vault_id") != key_file.vault_id:
            vault.lock()
            raise KeyFileMismatch()
        return vault

    @classmethod
    def restore_backup(
        cls, path: Path | str, passphrase: str, *, clock: Clock | None = None
    ) -> tuple[backup.Backup, Path]:
        """Replace a damaged vault file with its newest automatic backup that opens with this
        passphrase. Returns the backup and where the damaged file was put aside."""
        path = Path(path)
        key_path = key_path_for(path)
        key_file = read_key_file(key_path)
        db_key = _unwrap_with_backoff(key_path, key_file, passphrase, clock or SystemClock())

        def opens(candidate: Path) -> bool:
            if _read_salt(candidate).hex() != key_file.db_salt:
                return False
            try:
                conn = sqlcipher.connect_keyed(candidate, db_key)
                sqlcipher.prove_readable(conn, candidate)
            except (VaultCorrupted, sqlcipher.DatabaseError):
                return False
            conn.close()
            return True

        try:
            return backup.restore_latest(path, opens)
        finally:
            wipe(db_key)

    def backup_if_due(self) -> backup.Backup | None:
        """The automatic backup, if the newest is older than its interval."""
        self._require_unlocked()
        assert self._conn is not None and self._key is not None
        return backup.backup_if_due(self.path, self._conn, self._key, self.clock.now())

    def renew_backups(self) -> bool:
        """Replace every automatic backup with one of the vault as it is now (outside any
        transaction): called after cases were purged from it."""
        self._require_unlocked()
        assert self._conn is not None and self._key is not None
        return backup.renew(self.path, self._conn, self._key, self.clock.now())

    def lock(self) -> None:
        """Close the database and overwrite the key. Idempotent."""
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
        self._conn = None
        self._db = None
        wipe(self._key)
        self._key = None

    def second_connection(self) -> Vault:
        """The same unlocked vault on its own connection, for another thread (background
        sync). Both share the file's write lock and, through `hlc_last`, one clock."""
        self._require_unlocked()
        assert self._key is not None
        key = bytearray(self._key)
        try:
            conn = sqlcipher.connect_keyed(self.path, key)
            sqlcipher.set_write_pragmas(conn)
        except BaseException:
            wipe(key)
            raise
        return Vault(self.path, conn, key, self._key_file, self.clock)

    @property
    def is_locked(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    # --- passphrase ------------------------------------------------------------------------

    def change_passphrase(self, old: str, new: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrap the database key under a new passphrase; the database is not touched."""
        self._require_unlocked()
        new_secret = normalise_passphrase(new, for_new=True)
        old_secret = normalise_passphrase(old)
        current = read_key_file(self.key_path)
        check = unwrap_key(current.wrapped, old_secret, current.vault_id.encode())
        wipe(check)
        assert self._key is not None
        wrapped = wrap_key(
            self._key, new_secret, kdf or current.wrapped.kdf, current.vault_id.encode()
        )
        self._key_file = KeyFile(
            vault_id=current.vault_id, wrapped=wrapped, db_salt=current.db_salt
        )
        write_key_file(self.key_path, self._key_file)

    # --- database access -------------------------------------------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        self._require_unlocked()
        assert self._db is not None
        return self._db

    @property
    def kdf(self) -> KdfParams:
        return self._key_file.wrapped.kdf

    @property
    def vault_id(self) -> str:
        return self._key_file.vault_id

    @property
    def owner(self) -> str:
        return self.meta("owner") or ""

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction; a nested call joins the outer one."""
        db = self.db
        if db.conn.in_transaction:
            yield db
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            self._catch_up_hlc()
            yield db
            self._persist_hlc()
            db.execute("COMMIT")
        except BaseException as exc:
            if db.conn.in_transaction:
                with contextlib.suppress(sqlcipher.DatabaseError):
                    db.execute("ROLLBACK")
            self._hlc_unsaved = None
            if sqlcipher.is_disk_full(exc):
                raise DiskFull() from None
            raise

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def next_hlc(self) -> str:
        """Stamp a local change; the clock is persisted when the transaction commits."""
        stamp = self._hlc.tick(int(self.clock.now().timestamp() * 1000)).encode()
        self._hlc_unsaved = stamp
        return stamp

    def observe_hlc(self, remote: Hlc) -> None:
        """Let later local edits sort after changes received from elsewhere."""
        stamp = self._hlc.observe(remote, int(self.clock.now().timestamp() * 1000)).encode()
        self._hlc_unsaved = stamp

    def _catch_up_hlc(self) -> None:
        # Another connection (the background sync's) may have stamped changes since; the
        # write lock is held, so the stored stamp is the latest there is.
        last = self.meta("hlc_last")
        if last:
            self._hlc.catch_up(Hlc.decode(last))

    def _persist_hlc(self) -> None:
        if self._hlc_unsaved is not None:
            self.set_meta("hlc_last", self._hlc_unsaved)
            self._hlc_unsaved = None

    def now(self) -> datetime:
        return self.clock.now()

    def check_integrity(self) -> list[str]:
        """Problems found by SQLCipher's page HMAC check and SQLite's integrity check."""
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        problems = (
            []
            if version == LATEST_VERSION
            else [f"schema version {version}, expected {LATEST_VERSION}"]
        )
        # Last: after a failed page check the connection may refuse further statements.
        return problems + sqlcipher.integrity_problems(self.db.conn)

    def _require_unlocked(self) -> None:
        if self._conn is None:
            raise VaultLocked()


def _unwrap_with_backoff(
    key_path: Path, key_file: KeyFile, passphrase: str, clock: Clock
) -> bytearray:
    """The database key, if the passphrase is right; a wrong one counts towards the backoff."""
    secret = normalise_passphrase(passphrase)
    now = clock.now().timestamp()
    wait = remaining_backoff(key_file, now)
    if wait > 0:
        raise BackoffActive(wait)
    try:
        return unwrap_key(key_file.wrapped, secret, key_file.vault_id.encode())
    except Exception:
        write_key_file(key_path, key_file.with_failure(now))
        raise


def _corrupted_with_backup(path: Path) -> VaultCorrupted:
    found = backup.backups(path)
    return VaultCorrupted(backup_made_at=found[0].made_at if found else None)


def _init_meta(conn: sqlcipher.Connection, *, vault_id: str, owner: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    for key, value in (
        ("vault_id", vault_id),
        ("device_id", uuid.uuid4().hex[:16]),
        ("owner", owner),
    ):
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", [key, value])
    conn.execute("COMMIT")


def _read_salt(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SALT_BYTES)


def _check_vault_file(path: Path) -> bytes:
    """Refuse what cannot be a vault before any key work; return the file's SQLCipher salt."""
    if path.is_dir():
        raise NotAVault("the vault path is a directory", "Het gekozen pad is een map, geen kluis.")
    if not path.exists():
        raise NotAVault("no vault at that path", "Op deze plek staat geen kluis.")
    try:
        size = os.path.getsize(path)
        head = _read_salt(path)
    except OSError as exc:
        raise NotAVault(
            "the vault file cannot be read", "Het kluisbestand kan niet worden gelezen."
        ) from exc
    if head == SQLITE_PLAIN_HEADER:
        raise NotAVault(
            "that file is an unencrypted SQLite database, not a Koers vault",
            "Dit bestand is geen Koers-kluis.",
        )
    if size < sqlcipher.PAGE_SIZE or size % sqlcipher.PAGE_SIZE:
        raise VaultCorrupted("the vault file is truncated or not a Koers vault")
    return head
