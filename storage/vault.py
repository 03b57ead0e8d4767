"""The vault: one SQLCipher file plus its key file.

Lifecycle: `Vault.create` / `Vault.open` return an unlocked vault; `lock()` closes the database
and overwrites the key buffer. Nothing is written to the database before it has been proved
readable with the key, so a wrong passphrase or a damaged file changes nothing.

Readers run SQL on the raw SQLCipher connection (`Vault.connection`); the sqlite-utils
wrapper (`Vault.db`) is made, and sqlite-utils loaded, only when a writer first asks for it:
opening the vault and listing the caseload (`koers cases`) never load it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from storage import backup, sqlcipher
from storage.background import Background
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
from storage.hlc import MAX_AHEAD_MS, Hlc, HybridLogicalClock, ceiling_text
from storage.keyfile import FREE_ATTEMPTS, KeyFile, key_path_for, read_key_file, write_key_file
from storage.keyfile import locked as key_file_lock
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

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from sqlite3 import Cursor

    import sqlite_utils

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
MAX_BACKOFF_SECONDS = 300.0
# Meta keys of the clock: the last stamp made here, the offset server - local time (ms) learnt
# at the last sync, and the highest stamp received from elsewhere that the clock adopted.
HLC_LAST = "hlc_last"
CLOCK_OFFSET = "clock_offset_ms"
HLC_SEEN = "hlc_seen"
# A change of the learnt offset smaller than this is network delay, not worth a write.
OFFSET_NOISE_MS = 1000


def backoff_seconds(failed_attempts: int) -> float:
    """Wait demanded after `failed_attempts` wrong passphrases: 3 free, then 2, 4, 8 ... 300 s."""
    if failed_attempts < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_BACKOFF_SECONDS, 2.0 ** (failed_attempts - FREE_ATTEMPTS + 1))


def remaining_backoff(key_file: KeyFile, now: float) -> float:
    """Seconds (0..the backoff step) before the next unlock attempt at `now` (epoch s).

    Never longer than the step, whatever the clock did: a failure stamped after `now` (made
    while the clock was ahead, since corrected) waits one step, not the hours in between."""
    if key_file.last_failed_at is None:
        return 0.0
    step = backoff_seconds(key_file.failed_attempts)
    return min(step, max(0.0, key_file.last_failed_at + step - now))


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
        self._db: sqlite_utils.Database | None = None  # made at the first ask (`db`)
        self._pages: _PageCheck | None = None  # open(pages_meanwhile=True): not yet proved
        self._reading_unproved = False  # within reading_while_checked: reads need not wait
        self._found_damaged = False  # the page check failed and locked the vault
        self.device_id = self.meta("device_id") or ""
        last = self.meta(HLC_LAST)
        self._hlc = HybridLogicalClock(self.device_id, Hlc.decode(last) if last else None)
        self._hlc_unsaved: str | None = None
        self._offset_ms = int(self.meta(CLOCK_OFFSET) or 0)
        self._seen_unsaved: str | None = None

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
        import uuid  # only a new vault makes ids (uuid loads platform: about 2 ms at start)

        vault_id = str(uuid.uuid4())
        db_key = new_database_key()
        wrapped = wrap_key(db_key, secret, kdf, vault_id.encode())
        conn: sqlcipher.Connection | None = None
        try:
            # Only the worker's account may read the file (SQLite gives its journal files
            # the same mode): encrypted, but a readable copy is still a copy to attack.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            conn = sqlcipher.connect_keyed(path, db_key)
            migrate(_wrapped(conn))
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
        pages_meanwhile: bool = False,
    ) -> Vault:
        """Unlock the vault. `backup_now=False` leaves the automatic backup to a later
        `backup_if_due()` (the window: the dashboard first, then the copy).

        Raises NotAVault, KeyFileMismatch, BackoffActive, WrongPassphrase, VaultCorrupted (the
        file damaged: nothing was written), SchemaTooNew.

        `pages_meanwhile=True` returns before every page's HMAC is checked (about 3.5 ms per
        MB; sqlcipher.prove_readable): the check runs in a thread on a connection of its own
        while the caller goes on (`koers cases` loads the caseload's modules meanwhile), and
        the first use of the vault (its connection, SQL, a transaction, a backup, a second
        connection) waits for it; a damaged file then raises VaultCorrupted there, the vault
        locked and nothing read or written, as this open would have. An unlock that makes
        the day's backup or migrates the schema checks the pages here, before either."""
        path = Path(path)
        clock = clock or SystemClock()
        try:
            salt = _check_vault_file(path)
        except VaultCorrupted:
            raise _corrupted_with_backup(path) from None
        key_path = key_path_for(path)
        with key_file_lock(key_path):  # parallel unlocks: each failure counted, none lost
            key_file = read_key_file(key_path)
            if key_file.db_salt != salt.hex():
                raise KeyFileMismatch()
            db_key = _unwrap_with_backoff(key_path, key_file, passphrase, clock)
        try:
            conn = sqlcipher.connect_keyed(path, db_key)
            due = backup_now and backup.is_due(path, clock.now())
            try:
                pages_left = sqlcipher.prove_readable(
                    conn, path, check_pages=not pages_meanwhile or due
                )
            except VaultCorrupted:
                raise _corrupted_with_backup(path) from None
            if due:
                backup.backup_if_due(path, conn, db_key, clock.now())
            sqlcipher.set_write_pragmas(conn)
            if sqlcipher.user_version(conn) != LATEST_VERSION:  # a newer one: SchemaTooNew
                if pages_left:  # no migration writes into a file not proved whole
                    pages_left = False
                    if not sqlcipher.pages_intact(path, db_key):
                        conn.close()
                        raise _corrupted_with_backup(path)
                migrate(_wrapped(conn))
        except BaseException:
            wipe(db_key)
            raise
        if key_file.failed_attempts:
            with key_file_lock(key_path):
                key_file = read_key_file(key_path).with_success()
                write_key_file(key_path, key_file)
        try:
            vault = cls(path, conn, db_key, key_file, clock)  # reads the meta table
            mismatch = vault.meta("vault_id") != key_file.vault_id
        except BaseException as exc:
            # With the page check still to come (pages_meanwhile), a damaged page of the meta
            # table is found here: the same error as an open that checks first.
            conn.close()
            damaged = (
                pages_left
                and isinstance(exc, (sqlcipher.DatabaseError, MemoryError))
                and not sqlcipher.pages_intact(path, db_key)
            )
            wipe(db_key)
            if damaged:
                raise _corrupted_with_backup(path) from None
            raise
        if mismatch:
            vault.lock()
            raise KeyFileMismatch()
        if pages_left:
            vault._pages = _PageCheck(path, db_key)
        return vault

    @classmethod
    def restore_backup(
        cls, path: Path | str, passphrase: str, *, clock: Clock | None = None
    ) -> tuple[backup.Backup, Path]:
        """Replace a damaged vault file with its newest automatic backup that opens with this
        passphrase. Returns the backup and where the damaged file was put aside."""
        path = Path(path)
        key_path = key_path_for(path)
        with key_file_lock(key_path):
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
        self._require_proved()
        assert self._conn is not None and self._key is not None
        return backup.backup_if_due(self.path, self._conn, self._key, self.clock.now())

    def renew_backups(self) -> bool:
        """Replace every automatic backup with one of the vault as it is now (outside any
        transaction): called after cases were purged from it."""
        self._require_proved()
        assert self._conn is not None and self._key is not None
        return backup.renew(self.path, self._conn, self._key, self.clock.now())

    def lock(self) -> None:
        """Close the database and overwrite the key. Idempotent."""
        if self._pages is not None:  # its thread has a connection and a copy of the key
            self._pages.intact()
            self._pages = None
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
        self._require_proved()
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
        with key_file_lock(self.key_path):  # no unlock's failure count writes over it
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
        """The connection wrapped in sqlite-utils, for writers and their table helpers. Made,
        and sqlite-utils imported, at the first ask: readers use `connection` and `execute`.
        Raises VaultLocked."""
        self._require_unlocked()
        if self._db is None:
            assert self._conn is not None
            self._db = _wrapped(self._conn)
        return self._db

    @property
    def connection(self) -> sqlcipher.Connection:
        """The raw SQLCipher connection (autocommit; writes go through `transaction` or
        `sql_transaction`). Raises VaultLocked."""
        self._require_unlocked()
        assert self._conn is not None
        return self._conn

    def execute(self, sql: str, parameters: Sequence | Mapping = ()) -> Cursor:
        """Run one SQL statement on the raw connection (what `db.execute` does, without
        sqlite-utils); `parameters` as sqlite3 takes them. Raises VaultLocked."""
        return self.connection.execute(sql, parameters)

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
        """One write transaction, handing out `db`; a nested call joins the outer one.
        Raises VaultLocked, DiskFull."""
        db = self.db
        with self.sql_transaction():
            yield db

    @contextlib.contextmanager
    def sql_transaction(self) -> Iterator[sqlcipher.Connection]:
        """The same write transaction as `transaction` (clock caught up and saved, rolled
        back on an error, nested calls join the outer one), handing out the raw connection:
        for a writer that only runs SQL and need not load sqlite-utils (the access-log line
        of `koers cases`). Raises VaultLocked, DiskFull."""
        conn = self.connection
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._catch_up_hlc()
            yield conn
            self._persist_hlc()
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlcipher.DatabaseError):
                    conn.execute("ROLLBACK")
            self._hlc_unsaved = None
            self._seen_unsaved = None
            if sqlcipher.is_disk_full(exc):
                raise DiskFull() from None
            raise

    def meta(self, key: str) -> str | None:
        row = self.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def next_hlc(self) -> str:
        """Stamp a local change; the clock is persisted when the transaction commits."""
        stamp = self._hlc.tick(self.corrected_now_ms()).encode()
        self._hlc_unsaved = stamp
        return stamp

    def observe_hlc(self, remote: Hlc) -> None:
        """Let later local edits sort after changes received from elsewhere. A stamp more
        than MAX_AHEAD_MS ahead of this laptop's corrected time is not adopted."""
        now_ms = self.corrected_now_ms()
        self._hlc_unsaved = self._hlc.observe(remote, now_ms).encode()
        if remote.wall_ms <= now_ms + MAX_AHEAD_MS:
            seen = self._seen_unsaved or self.meta(HLC_SEEN) or ""
            self._seen_unsaved = max(seen, remote.encode())

    # --- the server's time --------------------------------------------------------------

    @property
    def clock_offset_ms(self) -> int:
        """Server time minus this laptop's time in ms, as learnt at the last sync (0 before)."""
        return self._offset_ms

    def corrected_now_ms(self) -> int:
        """This laptop's time corrected by the offset learnt from the server: what stamps
        carry (ms since the epoch)."""
        return int(self.clock.now().timestamp() * 1000) + self._offset_ms

    def server_now(self) -> datetime:
        """This laptop's time corrected by the offset learnt from the server (aware, UTC):
        for decisions that must not follow a wrong laptop clock (retention)."""
        return datetime.fromtimestamp(self.corrected_now_ms() / 1000, tz=UTC)

    def hlc_ceiling(self) -> str:
        """Stamps (text) at or above this are too far ahead of the corrected time to adopt."""
        return ceiling_text(self.corrected_now_ms())

    def learn_server_time(self, server_time_ms: int) -> int:
        """Keep the offset between the server's time (`server_time_ms`, from a sync answer)
        and this laptop's; returns how much it changed (ms). Call inside a transaction.

        A clock that stands far ahead of the corrected time (the laptop once ran in 2300)
        comes back to it: later stamps follow the server's time. Unsent changes stamped
        ahead are re-stamped by storage/restamp.py."""
        if server_time_ms <= 0:  # a server that does not say its time
            return 0
        local_ms = int(self.clock.now().timestamp() * 1000)
        before = self._offset_ms
        self._offset_ms = server_time_ms - local_ms
        if abs(self._offset_ms - before) > OFFSET_NOISE_MS or self.meta(CLOCK_OFFSET) is None:
            self.set_meta(CLOCK_OFFSET, str(self._offset_ms))
        now_ms = self.corrected_now_ms()
        if self._hlc.last.wall_ms > now_ms + MAX_AHEAD_MS:
            self._hlc = HybridLogicalClock(self.device_id, Hlc(now_ms, 0, self.device_id))
            self._hlc_unsaved = self._hlc.last.encode()
            self.set_meta(HLC_LAST, self._hlc_unsaved)
        return self._offset_ms - before

    def restart_clock_after(self, stamp: Hlc) -> None:
        """Continue the clock after `stamp` (re-stamped changes must stay the newest)."""
        self._hlc.catch_up(stamp)
        self._hlc_unsaved = self._hlc.last.encode()

    def _catch_up_hlc(self) -> None:
        # Another connection (the background sync's) may have stamped changes or learnt the
        # server's time since; the write lock is held, so the stored values are the latest.
        stored = dict(
            self.execute(
                "SELECT key, value FROM meta WHERE key IN (?, ?)", [HLC_LAST, CLOCK_OFFSET]
            ).fetchall()
        )
        if stored.get(CLOCK_OFFSET):
            self._offset_ms = int(stored[CLOCK_OFFSET])
        last = stored.get(HLC_LAST)
        if last:
            stamp = Hlc.decode(last)
            if (
                self._hlc.last.wall_ms > self.corrected_now_ms() + MAX_AHEAD_MS
                and stamp < self._hlc.last
            ):
                # The other connection brought the clock back from far ahead.
                self._hlc = HybridLogicalClock(self.device_id, stamp)
            else:
                self._hlc.catch_up(stamp)

    def _persist_hlc(self) -> None:
        if self._hlc_unsaved is not None:
            self.set_meta(HLC_LAST, self._hlc_unsaved)
            self._hlc_unsaved = None
        if self._seen_unsaved is not None:
            self.set_meta(HLC_SEEN, self._seen_unsaved)
            self._seen_unsaved = None

    def now(self) -> datetime:
        return self.clock.now()

    def check_integrity(self) -> list[str]:
        """Problems found by SQLCipher's page HMAC check and SQLite's integrity check."""
        version = sqlcipher.user_version(self.connection)
        problems = (
            []
            if version == LATEST_VERSION
            else [f"schema version {version}, expected {LATEST_VERSION}"]
        )
        # Last: after a failed page check the connection may refuse further statements.
        return problems + sqlcipher.integrity_problems(self.connection)

    def prove_whole(self) -> None:
        """Wait for the page check of open(pages_meanwhile=True), if one runs. Raises
        VaultCorrupted (the vault locked) if it found damage, now or in an earlier use,
        VaultLocked."""
        if self._conn is None and self._found_damaged:
            raise _corrupted_with_backup(self.path)
        self._require_unlocked()

    @contextlib.contextmanager
    def reading_while_checked(self) -> Iterator[None]:
        """Read without waiting for the page check of open(pages_meanwhile=True): the window's
        first dashboard is read and painted while every page's HMAC is checked in its thread.
        What is read is as it was written (SQLCipher authenticates each page it reads);
        nothing is written meanwhile: the connection is query_only, so a writer fails at once
        (the caseload's stored lines skip their write-back: app/caseload_store.write_lock).
        A read that fails waits for the check: VaultCorrupted (the vault locked) if it found
        damage, else the read's own error. Not nested in a transaction; once the check is
        done, an ordinary read. Raises VaultLocked."""
        if self._pages is None or self._reading_unproved:
            self._require_unlocked()
            yield
            return
        if self._conn is None:
            raise VaultLocked()
        self._conn.execute("PRAGMA query_only = ON")
        self._reading_unproved = True
        try:
            yield
        except (sqlcipher.DatabaseError, MemoryError):  # a damaged page may say SQLITE_NOMEM
            self._reading_unproved = False
            self._require_unlocked()  # VaultCorrupted if the check found damage
            raise
        finally:
            self._reading_unproved = False
            if self._conn is not None:
                self._conn.execute("PRAGMA query_only = OFF")

    def _require_proved(self) -> None:
        """`_require_unlocked` that waits for the page check even within
        reading_while_checked: for what writes elsewhere than this query_only connection (a
        second connection on the file, a backup copy of it)."""
        reading, self._reading_unproved = self._reading_unproved, False
        try:
            self._require_unlocked()
        finally:
            self._reading_unproved = reading

    def _require_unlocked(self) -> None:
        """Raises VaultLocked; waits for the page check of open(pages_meanwhile=True) and
        raises VaultCorrupted (the vault locked) if it failed (not while reading_while_checked)."""
        if self._conn is None:
            raise VaultLocked()
        if self._pages is not None and not self._reading_unproved:
            check, self._pages = self._pages, None
            if not check.intact():
                self.lock()
                self._found_damaged = True
                raise _corrupted_with_backup(self.path)


class _PageCheck:
    """sqlcipher.pages_intact of an unlocked vault file, run in a thread of its own
    (storage/background.py) with a copy of the key, wiped when it ends. Vault.lock waits
    for it."""

    def __init__(self, path: Path, db_key: bytearray) -> None:
        key = bytearray(db_key)
        try:
            self._check = Background(_pages_intact_then_wipe, path, key)
        except BaseException:
            wipe(key)
            raise

    def intact(self) -> bool:
        """Whether every page's HMAC was right (waits for the thread)."""
        return bool(self._check.result())


def _pages_intact_then_wipe(path: Path, key: bytearray) -> bool:
    try:
        return sqlcipher.pages_intact(path, key)
    finally:
        wipe(key)


def _unwrap_with_backoff(
    key_path: Path, key_file: KeyFile, passphrase: str, clock: Clock
) -> bytearray:
    """The database key, if the passphrase is right; a wrong one counts towards the backoff.
    Call with the key file's lock held (keyfile.locked) and `key_file` read under it."""
    secret = normalise_passphrase(passphrase)
    now = clock.now().timestamp()
    if key_file.last_failed_at is not None and key_file.last_failed_at > now:
        # The clock went back since that failure: its wait counts from now, one step at most.
        key_file = key_file._replace(last_failed_at=now)
        write_key_file(key_path, key_file)
    wait = remaining_backoff(key_file, now)
    if wait > 0:
        raise BackoffActive(wait)
    try:
        return unwrap_key(key_file.wrapped, secret, key_file.vault_id.encode())
    except Exception:
        write_key_file(key_path, key_file.with_failure(now))
        raise


def _wrapped(conn: sqlcipher.Connection) -> sqlite_utils.Database:
    """`conn` in sqlite-utils (imported here, at the first need: storage/sqlite_import.py)."""
    from storage.sqlite_import import sqlite_utils

    # No sqlite-utils plugins: an installed package must not be handed the decrypted
    # connection, and looking plugins up reads every installed package's metadata.
    return sqlite_utils.Database(conn, execute_plugins=False)


def _corrupted_with_backup(path: Path) -> VaultCorrupted:
    found = backup.backups(path)
    return VaultCorrupted(backup_made_at=found[0].made_at if found else None)


def _init_meta(conn: sqlcipher.Connection, *, vault_id: str, owner: str) -> None:
    import uuid

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
