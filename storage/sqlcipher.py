"""The SQLCipher connection: keying, pragmas, readability and integrity checks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

# sqlcipher3-binary (Linux) and sqlcipher3 (Windows, macOS) both install this module.
from sqlcipher3 import dbapi2 as _driver

from storage.errors import VaultCorrupted

if TYPE_CHECKING:  # sqlcipher3 ships no type information; its API is sqlite3's
    from sqlite3 import Connection
else:
    Connection = _driver.Connection
DatabaseError = _driver.DatabaseError
IntegrityError = _driver.IntegrityError
PAGE_SIZE = 4096
FULL_CHECK_MAX_BYTES = 32 * 1024 * 1024


def connect_keyed(path: Path, db_key: bytearray) -> Connection:
    """Open `path` with a raw 256-bit key (no SQLCipher KDF: the key is already random).

    A file that does not exist yet is created 0600 first, whatever the umask: SQLite gives
    the WAL and SHM files the database file's mode, so they are only the worker's too."""
    create_private(path)
    conn = _driver.connect(str(path), isolation_level=None, check_same_thread=False)
    # SQLCipher logs page errors to stderr by default; Koers reports them itself.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    conn.execute(f"PRAGMA cipher_page_size = {PAGE_SIZE}")
    # Temp tables and sort spills stay in memory: SQLCipher does not encrypt temp files.
    conn.execute("PRAGMA temp_store = MEMORY")
    # Triggers that fire triggers (case_summary): what sqlite-utils' Database sets, stated
    # here so the raw connection and its sqlite-utils wrapper behave the same.
    conn.execute("PRAGMA recursive_triggers = ON")
    return conn


def user_version(conn: Connection) -> int:
    """The schema version the file holds (PRAGMA user_version)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def create_private(path: Path) -> None:
    """Create `path` empty with mode 0600 unless it exists (then it is left as it is)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def prove_readable(conn: Connection, path: Path, *, check_pages: bool = True) -> bool:
    """Prove the file whole before anything is written; a damaged file fails here, unchanged
    (VaultCorrupted, the connection closed).

    Read the schema (decrypting and authenticating its pages) and compare the page count the
    header promises with the file's size, which catches truncation; after a crash, when a WAL
    with frames is present, the size may legitimately differ, so every page is read with
    quick_check instead. A vault of up to FULL_CHECK_MAX_BYTES (a worker's caseload is a few
    MB) also has every page's HMAC verified, about 3.5 ms per MB. Larger vaults skip that to
    keep unlocking fast: their damage shows when a page is read and in `check_integrity`.

    With `check_pages=False` the HMAC check is left to the caller (`pages_intact`, on a connection
    of its own in another thread): returns whether it is left, False when it is not due.
    """
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        wal = path.with_name(path.name + "-wal")
        size = path.stat().st_size
        if wal.exists() and wal.stat().st_size > 0:
            whole = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        else:
            whole = size >= pages * page_size
        left = whole and size <= FULL_CHECK_MAX_BYTES
        if left and check_pages:
            whole = conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
            left = False
    except (DatabaseError, MemoryError) as exc:  # a damaged page may report SQLITE_NOMEM
        conn.close()
        raise VaultCorrupted() from exc
    if not whole:
        conn.close()
        raise VaultCorrupted()
    return left


def pages_intact(path: Path, db_key: bytearray) -> bool:
    """Whether every page of the file at `path` carries its right HMAC (SQLCipher's
    cipher_integrity_check: the file's pages as they are on disk, not the WAL's), checked on
    a connection of its own, closed after: another thread may run it while the vault's
    connection is used (SQLite lets go of the GIL meanwhile). Any failure counts as damage."""
    try:
        conn = connect_keyed(path, db_key)
    except Exception:
        return False
    try:
        return conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    except Exception:  # a damaged page may report SQLITE_NOMEM (MemoryError)
        return False
    finally:
        conn.close()


def set_write_pragmas(conn: Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed transaction survives power loss, not only a process crash.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 5000")
    # Decrypted pages stay cached while unlocked (they are in memory anyway) so repeated
    # dashboard queries do not decrypt the same pages again; the cache dies with lock().
    conn.execute("PRAGMA cache_size = -65536")


def integrity_problems(conn: Connection) -> list[str]:
    problems: list[str] = []
    try:
        problems += [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except (DatabaseError, MemoryError) as exc:
        # A damaged page can surface as SQLITE_NOMEM, which Python raises as MemoryError.
        return [*problems, f"unreadable: {type(exc).__name__}"]
    problems += [str(row[0]) for row in rows if row[0] != "ok"]
    return problems


def sidecar_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def is_disk_full(error: BaseException) -> bool:
    """SQLITE_FULL, or a write the operating system refused for size (ENOSPC, EFBIG)."""
    if not isinstance(error, DatabaseError):
        return False
    text = str(error).lower()
    return "database or disk is full" in text or "disk i/o error" in text
