"""The SQLCipher connection: keying, pragmas, readability and integrity checks."""

from __future__ import annotations

from pathlib import Path

# sqlcipher3-binary (Linux) and sqlcipher3 (Windows, macOS) both install this module.
from sqlcipher3 import dbapi2 as _driver

from storage.errors import VaultCorrupted

Connection = _driver.Connection
DatabaseError = _driver.DatabaseError
PAGE_SIZE = 4096


def connect_keyed(path: Path, db_key: bytearray) -> Connection:
    """Open `path` with a raw 256-bit key (no SQLCipher KDF: the key is already random)."""
    conn = _driver.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    conn.execute(f"PRAGMA cipher_page_size = {PAGE_SIZE}")
    # Temp tables and sort spills stay in memory: SQLCipher does not encrypt temp files.
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def prove_readable(conn: Connection) -> None:
    """Read every page before anything is written; a damaged file fails here, unchanged."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        result = conn.execute("PRAGMA quick_check").fetchall()
    except DatabaseError as exc:
        conn.close()
        raise VaultCorrupted() from exc
    if result != [("ok",)]:
        conn.close()
        raise VaultCorrupted()


def set_write_pragmas(conn: Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed transaction survives power loss, not only a process crash.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 5000")


def integrity_problems(conn: Connection) -> list[str]:
    problems: list[str] = []
    try:
        problems += [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except DatabaseError as exc:
        return [*problems, f"database error: {type(exc).__name__}"]
    problems += [str(row[0]) for row in rows if row[0] != "ok"]
    return problems


def sidecar_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
