"""The change journal: one row per changed field, stamped with the HLC; it feeds sync."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from storage.ids import uuid7s

if TYPE_CHECKING:  # loaded only where the vault wraps its connection (storage/vault.py)
    import sqlite_utils


def new_change_ids(count: int) -> list[str]:
    """`count` change ids: UUIDv7s (storage/ids.py), unique like any UUID and time-ordered, so
    the server's index of change ids grows at its end. One read of the OS random source."""
    return uuid7s(count)


@dataclass(frozen=True)
class JournalEntry:
    """One journal row; `field` is ALL_FIELDS for a created record (value: field -> value)."""

    seq: int
    change_id: str
    record_type: str
    record_id: str
    field: str
    value: Any
    hlc: str
    device_id: str


# A new record is journaled as one row whose field is ALL_FIELDS and whose value maps every
# set field to its value: the same facts as one row per field under one HLC, in 1/13 of the
# rows (bench/vault_write.py). Updates and deletes are journaled one row per changed field.
ALL_FIELDS = "*"


_INSERT = (
    "INSERT INTO journal(change_id, record_type, record_id, field, value, hlc, device_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def append_created(
    db: sqlite_utils.Database,
    record_type: str,
    record_id: str,
    fields: Mapping[str, Any],
    *,
    hlc: str,
    device_id: str,
) -> None:
    """Journal a new record: one row holding all its set fields."""
    _append(db, record_type, record_id, {ALL_FIELDS: dict(fields)}, hlc, device_id)


def append_changes(
    db: sqlite_utils.Database,
    record_type: str,
    record_id: str,
    fields: Mapping[str, Any],
    *,
    hlc: str,
    device_id: str,
) -> int:
    """Journal changed fields of an existing record: one row per field."""
    return _append(db, record_type, record_id, fields, hlc, device_id)


def _append(
    db: sqlite_utils.Database,
    record_type: str,
    record_id: str,
    fields: Mapping[str, Any],
    hlc: str,
    device_id: str,
) -> int:
    execute = db.conn.execute
    # One execute per row: measured faster here than executemany, which also slowed the
    # statements that followed it (bench/vault_write.py).
    for change_id, (name, value) in zip(new_change_ids(len(fields)), fields.items(), strict=True):
        execute(
            _INSERT, (change_id, record_type, record_id, name, json.dumps(value), hlc, device_id)
        )
    return len(fields)


def field_changes(entry: JournalEntry) -> list[tuple[str, Any]]:
    """The (field, value) pairs a journal row stands for."""
    if entry.field == ALL_FIELDS:
        return list(entry.value.items())
    return [(entry.field, entry.value)]


def entries(
    db: sqlite_utils.Database,
    *,
    record_id: str | None = None,
    after_seq: int | None = None,
    limit: int | None = None,
) -> list[JournalEntry]:
    where: list[str] = []
    params: list[str | int] = []
    if record_id is not None:
        where.append("record_id = ?")
        params.append(record_id)
    if after_seq is not None:
        where.append("seq > ?")
        params.append(after_seq)
    sql = "SELECT seq, change_id, record_type, record_id, field, value, hlc, device_id FROM journal"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY seq"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [
        JournalEntry(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7])
        for row in db.execute(sql, params)
    ]


class JournalRow(NamedTuple):
    """One journal row as stored: `value` is its JSON text, unparsed (a push sends it on as it
    is; see `entries` for rows with their values parsed). `field` is ALL_FIELDS for a
    created record (then `value` is a JSON object: field -> value)."""

    seq: int
    change_id: str
    record_type: str
    record_id: str
    field: str
    value: str
    hlc: str
    device_id: str


def rows_after(db: sqlite_utils.Database, after_seq: int, limit: int) -> list[JournalRow]:
    """The first `limit` journal rows after seq `after_seq`, in journal order, values as their
    stored JSON text (reading them costs no JSON parsing: what a push of 50,000 rows needs)."""
    cursor = db.conn.execute(
        "SELECT seq, change_id, record_type, record_id, field, value, hlc, device_id "
        "FROM journal WHERE seq > ? ORDER BY seq LIMIT ?",
        (after_seq, limit),
    )
    make = JournalRow._make
    return [make(row) for row in cursor]


def known_change_ids(db: sqlite_utils.Database, change_ids: list[str]) -> set[str]:
    """Which of `change_ids` this vault's journal holds: its own changes coming back in a
    pull, recognised by change id (a device id in a change is only what someone claimed)."""
    found: set[str] = set()
    for start in range(0, len(change_ids), 500):
        chunk = change_ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        found.update(
            row[0]
            for row in db.execute(
                f"SELECT change_id FROM journal WHERE change_id IN ({marks})", chunk
            )
        )
    return found
