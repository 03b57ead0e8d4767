"""The change journal: one row per changed field, stamped with the HLC; it feeds sync."""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlite_utils


def new_change_id() -> str:
    """A UUIDv7 (RFC 9562): unique like any UUID, but time-ordered, so the journal's unique
    index grows at its end instead of rewriting random pages on every commit."""
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 9562 variant
    return str(uuid.UUID(int=value))


@dataclass(frozen=True)
class JournalEntry:
    seq: int
    change_id: str
    record_type: str
    record_id: str
    field: str
    value: Any
    hlc: str
    device_id: str


def append_changes(
    db: sqlite_utils.Database,
    record_type: str,
    record_id: str,
    fields: Mapping[str, Any],
    *,
    hlc: str,
    device_id: str,
) -> int:
    rows = [
        (new_change_id(), record_type, record_id, name, json.dumps(value), hlc, device_id)
        for name, value in fields.items()
    ]
    db.conn.executemany(
        "INSERT INTO journal(change_id, record_type, record_id, field, value, hlc, device_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def entries(
    db: sqlite_utils.Database, *, record_id: str | None = None, unsent_only: bool = False
) -> list[JournalEntry]:
    where, params = [], []
    if record_id is not None:
        where.append("record_id = ?")
        params.append(record_id)
    if unsent_only:
        where.append("sent = 0")
    sql = "SELECT seq, change_id, record_type, record_id, field, value, hlc, device_id FROM journal"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [
        JournalEntry(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7])
        for row in db.execute(sql + " ORDER BY seq", params)
    ]
