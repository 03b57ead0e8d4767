"""Changes from the server applied to the vault: per-field last-writer-wins on the HLC.

The higher HLC wins a field everywhere (ties cannot differ: an HLC names its device); the
losing value, when it differs, is kept in `conflicts` so the worker can see and restore it.
Applying is idempotent: a change seen before loses or ties and changes nothing. Remote
changes are not journaled (they are already on the server).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storage import access_log, field_clocks, set_aside, sqlcipher
from storage.backup import backup_folder, kept_copies
from storage.hlc import Hlc
from storage.keyfile import key_path_for, leftovers
from storage.record_types import (
    CASE_CONTENT_TABLES,
    ORGANISATION_TABLES,
    record_type,
)
from storage.repository import insert_row
from storage.vault import Vault
from sync import schema


@dataclass(frozen=True)
class RemoteChange:
    change_id: str
    record_type: str
    record_id: str
    fields: dict[str, Any]  # field -> column value; all fields of a record when it was created
    hlc: str
    device_id: str
    created: bool = False


@dataclass
class ApplyReport:
    applied: int = 0
    conflicts: int = 0
    skipped: int = 0  # not applied: not this laptop's to hold, or set aside
    set_aside: int = 0  # did not fit the wire format's schema: kept in sync_set_aside


def _exists(db: Any, table: str, record_id: str) -> bool:
    return db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone() is not None


def _in_held_case(db: Any, change: RemoteChange) -> bool:
    table = record_type(change.record_type).table
    if table in ORGANISATION_TABLES:
        return True
    if table == "cases":
        return change.created or _exists(db, "cases", change.record_id)
    row = db.execute(f"SELECT case_id FROM {table} WHERE id = ?", [change.record_id]).fetchone()
    case_id = (
        row[0] if row is not None else (change.fields.get("case_id") if change.created else None)
    )
    return case_id is not None and _exists(db, "cases", case_id)


def apply_remote_changes(
    vault: Vault, changes: Sequence[RemoteChange], *, held_cases_only: bool = False
) -> ApplyReport:
    """Merge `changes` into the vault; the caller holds (or gets) one transaction.

    With `held_cases_only`, changes to a case this vault does not hold yet (a case just handed
    over to this worker) are left out: the case's whole history is fetched instead, so no case
    is ever held in part.
    """
    report = ApplyReport()
    newest = ""
    received: set[tuple[str, str]] = set()
    with vault.transaction() as db:
        # A stamp far ahead of this laptop's corrected time is applied, never moves its clock.
        ceiling = vault.hlc_ceiling()
        aside = set_aside.set_aside_creations(db)
        for change in changes:
            # A change that does not fit the schema (a server that let it through, a newer
            # Koers) is kept and shown to the worker, never applied: the rest still applies.
            unfit = schema.check_change(
                change.record_type,
                change.change_id,
                change.record_id,
                change.fields,
                change.created,
            )
            if unfit is None:
                if change.hlc < ceiling:
                    newest = max(newest, change.hlc)
                unfit = _orphan(db, change, aside, held_cases_only)
            if unfit is None and held_cases_only and not _in_held_case(db, change):
                report.skipped += 1
                continue
            if unfit is not None:
                _set_aside(vault, db, change, unfit)
                if change.created:
                    aside.add(change.record_id)
                report.skipped += 1
                report.set_aside += 1
                continue
            report.conflicts += _apply_one(vault, db, change)
            report.applied += 1
            received.add((change.record_type, change.record_id))
        # The access log names every record this device received (NEN 7513: every change).
        at = vault.now()
        for type_name, record_id in sorted(received):
            access_log.append_access(
                db,
                at=at,
                actor=vault.owner,
                device_id=vault.device_id,
                record_type=type_name,
                record_id=record_id,
                action="sync",
                detail="received",
            )
        if newest:
            vault.observe_hlc(Hlc.decode(newest))
    return report


def _orphan(db: Any, change: RemoteChange, aside: set[str], held_cases_only: bool) -> str | None:
    """Why a change that fits the schema still cannot be applied alone, or None: it changes
    a record whose creation was set aside, or (outside a pull, which leaves out what this
    laptop does not hold) a case this laptop does not hold, without creating it. Either
    would leave a record of a few fields that no screen can read."""
    if change.created:
        return None
    if change.record_id in aside:
        return "a change of a record whose creation was set aside"
    if (
        not held_cases_only
        and change.record_type == "case"
        and not _exists(db, "cases", change.record_id)
    ):
        return "a change of a case this laptop does not hold, without the case's creation"
    return None


def _set_aside(vault: Vault, db: Any, change: RemoteChange, reason: str) -> None:
    set_aside.set_aside(
        db,
        change_id=change.change_id,
        record_type=change.record_type,
        record_id=change.record_id,
        change={
            "change_id": change.change_id,
            "record_type": change.record_type,
            "record_id": change.record_id,
            "fields": change.fields,
            "hlc": change.hlc,
            "device_id": change.device_id,
            "created": change.created,
        },
        reason=reason,
        at=vault.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def _apply_one(vault: Vault, db: Any, change: RemoteChange) -> int:
    table = record_type(change.record_type).table
    fields = {k: v for k, v in change.fields.items() if k in _known_columns(db, table)}
    cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", [change.record_id])
    found = cursor.fetchone()
    if found is None:
        clocks = (
            None
            if change.created
            else json.dumps(
                {field_clocks.BASE: "", **{f: change.hlc for f in fields}}, sort_keys=True
            )
        )
        row = {"id": change.record_id, **fields, "updated_hlc": change.hlc, "field_hlcs": clocks}
        row.setdefault("deleted", 0)
        insert_row(db, table, row)
        return 0
    current = dict(zip((d[0] for d in cursor.description), found, strict=True))
    field_hlcs = field_clocks.clocks_of(current)
    winners: dict[str, Any] = {}
    conflicts = 0
    for field, value in fields.items():
        local_hlc = field_clocks.field_hlc(field_hlcs, field)
        if change.hlc == local_hlc:
            continue
        local_value = current.get(field)
        if change.hlc > local_hlc:
            if (
                local_value != value
                and local_hlc
                and local_value is not None
                and _concurrent_loss(vault, change, field, field_hlcs, local_hlc)
            ):
                conflicts += _keep_conflict(
                    vault, db, change, field, local_value, local_hlc, change.hlc
                )
            winners[field] = value
            field_hlcs[field] = change.hlc
        elif value != local_value and _written_here(vault, local_hlc):
            conflicts += _keep_conflict(vault, db, change, field, value, change.hlc, local_hlc)
    if winners:
        assignments = ", ".join(f"{name} = ?" for name in winners)
        db.execute(
            f"UPDATE {table} SET {assignments}, updated_hlc = MAX(COALESCE(updated_hlc, ''), ?), "
            "field_hlcs = ? WHERE id = ?",
            [
                *winners.values(),
                change.hlc,
                json.dumps(field_hlcs, sort_keys=True),
                change.record_id,
            ],
        )
    return conflicts


def _written_here(vault: Vault, hlc: str) -> bool:
    return Hlc.decode(hlc).device_id == vault.device_id


def _concurrent_loss(
    vault: Vault, change: RemoteChange, field: str, clocks: dict[str, str], local_hlc: str
) -> bool:
    """Whether a local value overwritten by a newer remote one is a conflict to show here.

    Only an edit made on this laptop is kept (its author is the one to see the loss; the
    server keeps every loser too). And not one the remote writer had certainly seen: the
    value a record was created with, overwritten by an update (whoever updates a record
    has it), or a value that device wrote itself. Without those rules a laptop that edited
    nothing listed every later change of a case as a conflict."""
    if not _written_here(vault, local_hlc):
        return False
    created_value = field not in clocks or clocks[field] == clocks.get(field_clocks.BASE)
    if created_value and not change.created:
        return False
    return Hlc.decode(local_hlc).device_id != change.device_id


_KNOWN: dict[str, set[str]] = {}


def _known_columns(db: Any, table: str) -> set[str]:
    """Columns a remote change may set (a newer Koers may send fields this one lacks)."""
    if table not in _KNOWN:
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        _KNOWN[table] = columns - {"id", "updated_hlc", "field_hlcs"}
    return _KNOWN[table]


def _keep_conflict(
    vault: Vault,
    db: Any,
    change: RemoteChange,
    field: str,
    losing: Any,
    losing_hlc: str,
    winning_hlc: str,
) -> int:
    conflict_id = f"{change.record_type}/{change.record_id}/{field}/{losing_hlc}"
    db.execute(
        "INSERT INTO conflicts(id, record_type, record_id, field, losing_value, losing_hlc, "
        "winning_hlc, detected_at, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) "
        "ON CONFLICT(id) DO NOTHING",
        [
            conflict_id,
            change.record_type,
            change.record_id,
            field,
            json.dumps(losing),
            losing_hlc,
            winning_hlc,
            vault.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        ],
    )
    return 1


def local_case_ids(vault: Vault) -> set[str]:
    return {row[0] for row in vault.db.execute("SELECT id FROM cases")}


def purge_cases(
    vault: Vault, case_ids: Iterable[str], *, actor: str, reason: str = "handed over"
) -> int:
    """Remove cases this device may no longer hold (handed over, or closed and past the
    retention period), with everything in them.

    The server keeps them. The access log keeps its lines (ids only) plus one purge line.
    """
    ids = sorted(set(case_ids))
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    with vault.transaction() as db:
        record_ids: list[str] = list(ids)
        for table in CASE_CONTENT_TABLES:
            record_ids += [
                r[0] for r in db.execute(f"SELECT id FROM {table} WHERE case_id IN ({marks})", ids)
            ]
            db.execute(f"DELETE FROM {table} WHERE case_id IN ({marks})", ids)
        db.execute(f"DELETE FROM cases WHERE id IN ({marks})", ids)
        db.execute(f"DELETE FROM stale_cases WHERE case_id IN ({marks})", ids)
        db.execute(f"DELETE FROM case_summary WHERE case_id IN ({marks})", ids)
        set_aside.forget_cases(db, ids, record_ids)
        for start in range(0, len(record_ids), 500):
            chunk = record_ids[start : start + 500]
            chunk_marks = ", ".join("?" for _ in chunk)
            for table, column in (
                ("journal", "record_id"),
                ("conflicts", "record_id"),
                ("drafts", "record_id"),
            ):
                db.execute(f"DELETE FROM {table} WHERE {column} IN ({chunk_marks})", chunk)
        for case_id in ids:
            access_log.append_access(
                db,
                at=vault.now(),
                actor=actor,
                device_id=vault.device_id,
                record_type="case",
                record_id=case_id,
                action="purge",
                detail=reason,
            )
    return len(ids)


def destroy_vault(vault: Vault) -> None:
    """A revoked (lost) device: make the vault unreadable and remove it.

    The key file is overwritten before it is unlinked: without the wrapped key, the database
    file (random-keyed SQLCipher) can never be opened again, wherever copies of it remain.
    """
    path, key_path = vault.path, key_path_for(vault.path)
    vault.lock()
    with contextlib.suppress(FileNotFoundError):
        size = key_path.stat().st_size
        with open(key_path, "r+b") as handle:
            handle.write(os.urandom(max(size, 512)))
            handle.flush()
            os.fsync(handle.fileno())
        key_path.unlink()
    # Backups and set-aside damaged copies use the same (now destroyed) key; remove them too.
    # ... and the key file's lock file and any temp copy of it a crashed write left.
    for leftover in (path, *sqlcipher.sidecar_files(path), *kept_copies(path), *leftovers(path)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    with contextlib.suppress(OSError):
        backup_folder(path).rmdir()
