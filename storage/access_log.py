"""The access (audit) log, in the spirit of NEN 7513: who, when, which device, which record,
what action. It holds ids and action names only, never the personal content of a record."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # loaded only where the vault wraps its connection (storage/vault.py)
    from sqlite3 import Connection

    import sqlite_utils

# Actions written by Koers; kept as a closed set so reports can rely on them.
ACTIONS = frozenset(
    {
        "create",
        "update",
        "delete",
        "read",
        "list",
        "reveal_address",
        "export",
        "restore",
        "purge",
        "sync",
    }
)


class AccessEntry(NamedTuple):
    """One line of the access log (a named tuple: no dataclass to make at every start)."""

    seq: int
    at: str
    actor: str
    device_id: str
    record_type: str
    record_id: str | None
    action: str
    detail: str | None


def append_access(
    db: sqlite_utils.Database | Connection,
    *,
    at: datetime,
    actor: str,
    device_id: str,
    record_type: str,
    record_id: str | None,
    action: str,
    detail: str | None = None,
) -> None:
    """Write one line of the access log through `db` (the vault's sqlite-utils wrapper or
    its raw SQLCipher connection: only `execute` is used), in the caller's transaction.
    `at` is stored as UTC text with microseconds. Raises ValueError for an action not in
    ACTIONS."""
    if action not in ACTIONS:
        raise ValueError(f"unknown access-log action {action!r}")
    db.execute(
        "INSERT INTO access_log(at, actor, device_id, record_type, record_id, action, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            actor,
            device_id,
            record_type,
            record_id,
            action,
            detail,
        ],
    )


def entries(
    db: sqlite_utils.Database, *, record_id: str | None = None, action: str | None = None
) -> list[AccessEntry]:
    where, params = [], []
    if record_id is not None:
        where.append("record_id = ?")
        params.append(record_id)
    if action is not None:
        where.append("action = ?")
        params.append(action)
    sql = "SELECT seq, at, actor, device_id, record_type, record_id, action, detail FROM access_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [AccessEntry(*row) for row in db.execute(sql + " ORDER BY seq", params)]
