"""Unsent changes stamped ahead of the server's time get new stamps that keep their order.

A laptop whose clock ran ahead while it was offline (hours, or the year 2300 by mistake)
stamped its edits with that time; the server refuses such stamps (sync/server/clock.py). What
the worker typed must not be lost or shown as refused for it, so once the laptop knows the
server's time (storage/vault.Vault.learn_server_time) those changes are stamped again:

- shifted by the correction just learnt, where that lands at or before the corrected time
  (a laptop 2 hours ahead: each edit gets the server time at which it was really made);
  otherwise the corrected clock's next stamp;
- in their journal order, each after the one before and after every stamp this laptop sent
  or adopted before them (so an edit still beats what it overwrote, and no two of this
  device's changes share a stamp);
- moved to the end of the journal under new change ids (the server refused the old ids and
  stored nothing under them), with every unsent change after them, so that a record's
  creation still goes before its updates;
- and the records' `updated_hlc` / `field_hlcs` (and conflicts they won) that carried an old
  stamp carry the new one.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from storage import journal, sync_state
from storage.hlc import Hlc, ceiling_text
from storage.record_types import RECORD_TYPES, record_type
from storage.vault import HLC_SEEN, Vault


@dataclass(frozen=True)
class _Row:
    seq: int
    change_id: str
    record_type: str
    record_id: str
    field: str
    value: str  # JSON text, as stored
    hlc: str
    device_id: str


def restamp_unsent(
    vault: Vault,
    *,
    refused: Collection[str] = (),
    answered_upto: int | None = None,
    shift_ms: int = 0,
) -> int:
    """Re-stamp this vault's unsent changes stamped more than MAX_AHEAD_MS ahead of its
    corrected time, and the changes `refused` (ids the server answered CLOCK_AHEAD, in a batch
    whose last journal seq is `answered_upto`; the batch's other rows were answered and are
    left alone). `shift_ms` is the change of the clock offset learnt at this sync (ms).
    Returns the number of journal rows moved; joins or opens one transaction."""
    refused = set(refused)
    with vault.transaction() as db:
        pushed = sync_state.get_int(vault, sync_state.PUSHED_SEQ)
        upto = max(pushed, answered_upto or 0)
        now_ms = vault.corrected_now_ms()
        ceiling = ceiling_text(now_ms)
        if not refused and not _any_ahead(db, pushed, ceiling):
            return 0
        unsent = [
            _Row(*row)
            for row in db.execute(
                "SELECT seq, change_id, record_type, record_id, field, value, hlc, device_id "
                "FROM journal WHERE seq > ? ORDER BY seq",
                [pushed],
            )
        ]

        def ahead(row: _Row) -> bool:
            return row.change_id in refused or (row.seq > upto and row.hlc >= ceiling)

        first = next((i for i, row in enumerate(unsent) if ahead(row)), None)
        if first is None:
            return 0
        moving = [r for r in unsent[first:] if r.seq > upto or r.change_id in refused]
        moving_seqs = {r.seq for r in moving}
        kept = [r.hlc for r in unsent if r.seq not in moving_seqs and r.hlc < ceiling]
        previous = _floor(vault, db, pushed, ceiling, kept)
        mapping: dict[str, str] = {}
        for row in moving:
            if row.hlc in mapping:  # one edit, several fields: one stamp
                continue
            new = _new_stamp(vault.device_id, row, ahead(row), now_ms, shift_ms, previous)
            mapping[row.hlc] = new.encode()
            previous = new
        _rejournal(db, moving, mapping)
        _update_records(db, moving, mapping)
        if previous is not None:
            vault.restart_clock_after(previous)
    return len(moving)


def _any_ahead(db: Any, pushed: int, ceiling: str) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM journal WHERE seq > ? AND hlc >= ? LIMIT 1", [pushed, ceiling]
        ).fetchone()
        is not None
    )


def _floor(vault: Vault, db: Any, pushed: int, ceiling: str, kept: list[str]) -> Hlc | None:
    """The newest believable stamp the moved changes must sort after: this device's changes
    the server has (or answered), and the newest stamp it adopted from elsewhere."""
    sent = db.execute(
        "SELECT MAX(hlc) FROM journal WHERE seq <= ? AND hlc < ?", [pushed, ceiling]
    ).fetchone()[0]
    seen = vault.meta(HLC_SEEN)
    candidates = [h for h in (sent, seen, *kept) if h and h < ceiling]
    return Hlc.decode(max(candidates)) if candidates else None


def _new_stamp(
    device_id: str, row: _Row, ahead: bool, now_ms: int, shift_ms: int, previous: Hlc | None
) -> Hlc:
    old = Hlc.decode(row.hlc)
    if ahead:
        wall = old.wall_ms + shift_ms
        new = (
            Hlc(wall, old.counter, device_id) if 0 <= wall <= now_ms else Hlc(now_ms, 0, device_id)
        )
    else:
        new = Hlc(old.wall_ms, old.counter, device_id)
    if previous is not None and (new.wall_ms, new.counter) <= (previous.wall_ms, previous.counter):
        new = previous.successor(device_id)
    return new


def _rejournal(db: Any, moving: list[_Row], mapping: dict[str, str]) -> None:
    seqs = [r.seq for r in moving]
    for start in range(0, len(seqs), 500):
        chunk = seqs[start : start + 500]
        db.execute(f"DELETE FROM journal WHERE seq IN ({', '.join('?' for _ in chunk)})", chunk)
    for change_id, row in zip(journal.new_change_ids(len(moving)), moving, strict=True):
        db.execute(
            "INSERT INTO journal(change_id, record_type, record_id, field, value, hlc, "
            "device_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                change_id,
                row.record_type,
                row.record_id,
                row.field,
                row.value,
                mapping[row.hlc],
                row.device_id,
            ],
        )


def _update_records(db: Any, moving: list[_Row], mapping: dict[str, str]) -> None:
    """Records (and conflicts they won) that carry an old stamp carry its new one."""
    done: set[tuple[str, str, str]] = set()
    for row in moving:
        old, new = row.hlc, mapping[row.hlc]
        key = (row.record_type, row.record_id, old)
        if old == new or key in done or row.record_type not in RECORD_TYPES:
            continue
        done.add(key)
        table = record_type(row.record_type).table
        found = db.execute(
            f"SELECT updated_hlc, field_hlcs FROM {table} WHERE id = ?", [row.record_id]
        ).fetchone()
        if found is None:
            continue
        updated, field_hlcs = found
        clocks = json.loads(field_hlcs) if field_hlcs else None
        if clocks is not None:
            clocks = {name: new if stamp == old else stamp for name, stamp in clocks.items()}
        db.execute(
            f"UPDATE {table} SET updated_hlc = ?, field_hlcs = ? WHERE id = ?",
            [
                new if updated == old else updated,
                json.dumps(clocks, sort_keys=True) if clocks is not None else None,
                row.record_id,
            ],
        )
    for old, new in mapping.items():
        if old != new:
            db.execute("UPDATE conflicts SET winning_hlc = ? WHERE winning_hlc = ?", [new, old])
