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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC
from itertools import chain
from typing import Any, NamedTuple

from storage import access_log, field_clocks, set_aside, sqlcipher
from storage.backup import backup_folder, kept_copies
from storage.hlc import Hlc
from storage.keyfile import key_path_for, leftovers
from storage.record_types import (
    CASE_CONTENT_TABLES,
    ORGANISATION_TABLES,
    RECORD_TYPES,
)
from storage.vault import Vault
from sync import schema


class RemoteChange(NamedTuple):
    """A change from the server, as applied here (a tuple: a first pull makes 50,000)."""

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


class _Rows:
    """The rows a batch of remote changes touches, read ahead in one query per table and
    merged in memory; written back at the end in a few statements (rows new to the vault
    inserted many to a statement, changed ones updated column by column), so a batch costs a
    handful of statements instead of a few per change. The merge is the one a change-by-change
    apply makes: each change sees the rows as the changes before it left them."""

    def __init__(self, db: Any) -> None:
        self.db = db
        # table -> id -> row (column -> value), or None: no such row in the vault.
        self.rows: dict[str, dict[str, dict[str, Any] | None]] = {}
        self.clocks: dict[tuple[str, str], dict[str, str]] = {}
        # Rows new to the vault as their first change made them (in order of insertion): they
        # are inserted so, and later changes of the batch update them, as the case
        # summary's triggers expect (an insert and then an update fire other triggers than
        # the insert of the end result).
        self.inserted: dict[tuple[str, str], dict[str, Any]] = {}
        self.changed: dict[tuple[str, str], set[str]] = {}
        self.conflicts: list[tuple[Any, ...]] = []

    def read_ahead(self, changes: Sequence[RemoteChange]) -> None:
        """Read the rows `changes` name, and the cases they belong to, in a few queries."""
        wanted: dict[str, set[str]] = {}
        cases: set[str] = set()
        table_of = _TABLES.get
        for change in changes:
            table = table_of(change.record_type)
            if table is None:
                continue
            ids = wanted.get(table)
            if ids is None:
                ids = wanted[table] = set()
            ids.add(change.record_id)
            case_id = change.fields.get("case_id")
            if isinstance(case_id, str):
                cases.add(case_id)
        cases |= wanted.pop("cases", set())
        for table, ids in wanted.items():
            self._read(table, ids)
            cases |= {
                row["case_id"]
                for row in self.rows[table].values()
                if row is not None and isinstance(row.get("case_id"), str)
            }
        self._read("cases", cases)

    def _read(self, table: str, ids: Iterable[str]) -> None:
        known = self.rows.setdefault(table, {})
        missing = [record_id for record_id in set(ids) if record_id not in known]
        if not missing:
            return
        # The ids as one JSON array joined to the table (each id looked up in its primary
        # key): cheaper than an IN list of as many parameters, and no limit to their number.
        cursor = self.db.conn.execute(
            f"SELECT t.* FROM json_each(?) AS w CROSS JOIN {table} AS t ON t.id = w.value",
            [json.dumps(missing)],
        )
        names = [d[0] for d in cursor.description]
        found: dict[str, dict[str, Any] | None] = dict.fromkeys(missing)
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            found[row["id"]] = row
        known.update(found)

    def row(self, table: str, record_id: str) -> dict[str, Any] | None:
        try:
            return self.rows[table][record_id]
        except KeyError:
            self._read(table, [record_id])
            return self.rows[table][record_id]

    def exists(self, table: str, record_id: str) -> bool:
        return self.row(table, record_id) is not None

    def insert(self, table: str, row: dict[str, Any]) -> None:
        """A row new to the vault: `row` is what will be inserted, as it is now (a later
        change of the batch updates a copy: see `updatable`)."""
        self.rows.setdefault(table, {})[row["id"]] = row
        self.inserted[(table, row["id"])] = row

    def updatable(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        """`row` (this batch's current row), to change in place: a row inserted by this
        batch is first copied, since the insert writes it as its creation made it."""
        key = (table, row["id"])
        if self.inserted.get(key) is row:
            row = self.rows[table][row["id"]] = dict(row)
        return row

    def write(self) -> None:
        """Insert the new rows and update the changed ones (runs of rows with the same
        columns in multi-row INSERTs, updates executemany per table and set of columns;
        within a table the new rows keep the batch's order, which the case summary's
        triggers see), and keep the conflicts."""
        execute_many = self.db.conn.executemany
        by_table: dict[str, list[dict[str, Any]]] = {}
        for (table, _), first in self.inserted.items():
            by_table.setdefault(table, []).append(first)
        for table, new_rows in by_table.items():
            run: list[tuple[Any, ...]] = []
            columns: tuple[str, ...] = ()
            for row in new_rows:
                names = tuple(row)
                if names != columns and run:
                    _insert_rows(self.db, table, columns, run)
                    run = []
                columns = names
                run.append(tuple(row.values()))
            _insert_rows(self.db, table, columns, run)
        updates: dict[tuple[str, tuple[str, ...]], list[list[Any]]] = {}
        for (table, record_id), written in self.changed.items():
            current = self.rows[table][record_id]
            assert current is not None
            set_columns = tuple(sorted(written)) + ("updated_hlc", "field_hlcs")
            updates.setdefault((table, set_columns), []).append(
                [current[name] for name in set_columns] + [record_id]
            )
        for (table, set_columns), values in updates.items():
            assignments = ", ".join(f"{name} = ?" for name in set_columns)
            execute_many(f"UPDATE {table} SET {assignments} WHERE id = ?", values)
        if self.conflicts:
            execute_many(
                "INSERT INTO conflicts(id, record_type, record_id, field, losing_value, "
                "losing_hlc, winning_hlc, detected_at, resolved) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO NOTHING",
                self.conflicts,
            )


# Rows per INSERT statement: one statement of many rows costs less per row than
# executemany's execution per row (a contact on SQLCipher: about 17 us instead of 23); at
# most 999 parameters, the lowest limit a SQLite build may have.
_ROWS_PER_INSERT = 64
_MAX_PARAMETERS = 999


def _insert_rows(
    db: Any, table: str, columns: Sequence[str], values: Sequence[Sequence[Any]]
) -> None:
    """INSERT `values` (rows, each a value per name in `columns`) into `table`, in their
    order, as executemany of the one-row INSERT would (the same rows, the same triggers in
    the same order; an error leaves the transaction to the caller's rollback), in
    statements of many rows: runs of the most rows a statement takes, the rest in
    statements of half as many, and half again (few statement texts per table and columns,
    for the connection's statement cache)."""
    if not values:
        return
    width = len(columns)
    most = max(1, min(_ROWS_PER_INSERT, _MAX_PARAMETERS // width))
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    one = f"({', '.join('?' * width)})"
    execute, flat = db.conn.execute, chain.from_iterable
    start, total, size = 0, len(values), most
    while start < total:
        while size > total - start:
            size //= 2
        end = start + size
        execute(head + ", ".join([one] * size), list(flat(values[start:end])))
        start = end


# Record type name -> its table (storage/record_types.py), looked up once per change.
_TABLES = {name: rt.table for name, rt in RECORD_TYPES.items()}


def _in_held_case(
    rows: _Rows, change: RemoteChange, table: str, row: dict[str, Any] | None
) -> bool:
    """Whether `change` (of `table`, whose row in this batch is `row`, None: not in the
    vault) belongs to a case this vault holds, or to no case (the organisation's records)."""
    if table in ORGANISATION_TABLES:
        return True
    if table == "cases":
        return change.created or row is not None
    case_id = (
        row.get("case_id")
        if row is not None
        else (change.fields.get("case_id") if change.created else None)
    )
    return isinstance(case_id, str) and rows.exists("cases", case_id)


def schema_verdicts(changes: Sequence[RemoteChange]) -> list[str | None]:
    """sync/schema.check_change's verdict on each of `changes` (None: it fits), in order:
    what apply_remote_changes takes as `verdicts` when they were made before (a pull makes
    them on the thread that fetches, while the vault applies the batch before)."""
    check = schema.check_change
    return [check(c.record_type, c.change_id, c.record_id, c.fields, c.created) for c in changes]


def apply_remote_changes(
    vault: Vault,
    changes: Sequence[RemoteChange],
    *,
    held_cases_only: bool = False,
    verdicts: Sequence[str | None] | None = None,
) -> ApplyReport:
    """Merge `changes` into the vault; the caller holds (or gets) one transaction.

    With `held_cases_only`, changes to a case this vault does not hold yet (a case just handed
    over to this worker) are left out: the case's whole history is fetched instead, so no case
    is ever held in part. `verdicts`: schema_verdicts(changes), when the caller made them
    already (else they are made here); one per change, or ValueError.

    The rows the batch touches are read ahead and written back in bulk (_Rows): a few
    statements per batch, whatever its length.
    """
    return apply_remote_batches(
        vault, [RemoteBatch(changes, verdicts)], held_cases_only=held_cases_only
    )


class RemoteBatch(NamedTuple):
    """Changes applied as one batch of apply_remote_changes, with their `verdicts`
    (schema_verdicts, or None: made when applied)."""

    changes: Sequence[RemoteChange]
    verdicts: Sequence[str | None] | None = None


def apply_remote_batches(
    vault: Vault,
    batches: Sequence[RemoteBatch],
    *,
    held_cases_only: bool = False,
    before_each: Callable[[int], object] | None = None,
) -> ApplyReport:
    """Apply `batches` one after the other in one transaction, as apply_remote_changes
    applies each (the same vault, conflicts, set-aside changes, clock and access-log lines:
    each batch's lines, at its own time), with their rows read ahead and written back
    together: one query per table for all of them, and one write (_Rows.write) for all
    their rows, in fewer statements than batch by batch. `before_each(n)` runs in the
    transaction before batch n is merged (a pull learns each answer's server time so): it
    may write anything but the records' rows, which this merge holds in memory until the
    end (tables of storage/record_types.py). One ApplyReport for all; a failure raises,
    the transaction left to the caller's rollback (or rolled back here).
    """
    prepared: list[tuple[Sequence[RemoteChange], Sequence[str | None]]] = []
    for changes, verdicts in batches:
        if verdicts is None:
            verdicts = schema_verdicts(changes)
        elif len(verdicts) != len(changes):
            raise ValueError("one schema verdict per change")
        prepared.append((changes, verdicts))
    report = ApplyReport()
    lines: list[tuple[str, ...]] = []
    with vault.transaction() as db:
        aside = set_aside.set_aside_creations(db)
        rows = _Rows(db)
        rows.read_ahead([change for changes, _ in prepared for change in changes])
        owner, device_id = vault.owner, vault.device_id  # owner is read from the vault
        for n, (changes, verdicts) in enumerate(prepared):
            if before_each is not None:
                before_each(n)
            received = _merge(vault, db, rows, aside, changes, verdicts, held_cases_only, report)
            # The access log names every record this device received (NEN 7513: every
            # change): the lines access_log.append_access writes, a batch's at its time.
            at = vault.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            lines += [
                (at, owner, device_id, type_name, record_id, "sync", "received")
                for type_name, record_id in sorted(received)
            ]
        rows.write()
        _insert_rows(
            db,
            "access_log",
            ("at", "actor", "device_id", "record_type", "record_id", "action", "detail"),
            lines,
        )
    return report


def _merge(
    vault: Vault,
    db: Any,
    rows: _Rows,
    aside: set[str],
    changes: Sequence[RemoteChange],
    verdicts: Sequence[str | None],
    held_cases_only: bool,
    report: ApplyReport,
) -> set[tuple[str, str]]:
    """Merge one batch into `rows` (set-aside changes kept at once), count it in `report`,
    let the clock observe its newest stamp; the records it applied (type name, id)."""
    newest = ""
    received: set[tuple[str, str]] = set()
    # A stamp far ahead of this laptop's corrected time is applied, never moves its clock.
    ceiling = vault.hlc_ceiling()
    detected_at = vault.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    table_of = _TABLES.__getitem__  # a change that fits names a known record type
    for change, unfit in zip(changes, verdicts, strict=True):
        # A change that does not fit the schema (a server that let it through, a newer
        # Koers) is kept and shown to the worker, never applied: the rest still applies.
        if unfit is None:
            hlc = change.hlc
            if newest < hlc < ceiling:
                newest = hlc
            if not change.created:
                unfit = _orphan(rows, change, aside, held_cases_only)
        if unfit is not None:
            _set_aside(vault, db, change, unfit)
            if change.created:
                aside.add(change.record_id)
            report.skipped += 1
            report.set_aside += 1
            continue
        table = table_of(change.record_type)
        current = rows.row(table, change.record_id)
        if held_cases_only and not _in_held_case(rows, change, table, current):
            report.skipped += 1
            continue
        report.conflicts += _apply_one(vault, rows, change, table, detected_at, current)
        report.applied += 1
        received.add((change.record_type, change.record_id))
    if newest:
        vault.observe_hlc(Hlc.decode(newest))
    return received


def _orphan(
    rows: _Rows, change: RemoteChange, aside: set[str], held_cases_only: bool
) -> str | None:
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
        and not rows.exists("cases", change.record_id)
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


def _apply_one(
    vault: Vault,
    rows: _Rows,
    change: RemoteChange,
    table: str,
    detected_at: str,
    current: dict[str, Any] | None,
) -> int:
    """Merge one change into the rows held in memory (`current`: its record's row as the
    batch has it so far, None when the vault has none); returns the conflicts it kept."""
    known = _KNOWN.get(table) or _known_columns(rows.db, table)
    fields = change.fields
    if not known.issuperset(fields):
        fields = {k: v for k, v in fields.items() if k in known}
    if current is None:
        clocks = (
            None
            if change.created
            else json.dumps(
                {field_clocks.BASE: "", **{f: change.hlc for f in fields}}, sort_keys=True
            )
        )
        row = {"id": change.record_id, **fields, "updated_hlc": change.hlc, "field_hlcs": clocks}
        if "deleted" not in row:
            row["deleted"] = 0
        rows.insert(table, row)
        return 0
    key = (table, change.record_id)
    field_hlcs = rows.clocks.get(key)
    if field_hlcs is None:
        field_hlcs = rows.clocks[key] = field_clocks.clocks_of(current)
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
                    rows, change, field, local_value, local_hlc, change.hlc, detected_at
                )
            winners[field] = value
            field_hlcs[field] = change.hlc
        elif value != local_value and _written_here(vault, local_hlc):
            conflicts += _keep_conflict(
                rows, change, field, value, change.hlc, local_hlc, detected_at
            )
    if winners:
        current = rows.updatable(table, current)
        current.update(winners)
        current["updated_hlc"] = max(current.get("updated_hlc") or "", change.hlc)
        current["field_hlcs"] = json.dumps(field_hlcs, sort_keys=True)
        rows.changed.setdefault(key, set()).update(winners)
    return conflicts


def _written_here(vault: Vault, hlc: str) -> bool:
    return Hlc.decode(hlc).device_id == vault.device_id


def _concurrent_loss(
    vault: Vault, change: RemoteChange, field: str, clocks: dict[str, str], local_hlc: str
) -> bool:
    """Whether a local value overwritten by a newer remote one is a conflict to show here.

    Only an edit made on this laptop is kept (its author is the one to see the loss; the
    server keeps every loser too, but a laptop's own earlier value). And not one the remote
    writer had certainly seen: the value a record was created with, overwritten by an
    update (whoever updates a record has it), or a value that device wrote itself. Without
    those rules a laptop that edited nothing listed every later change of a case as a
    conflict."""
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
    rows: _Rows,
    change: RemoteChange,
    field: str,
    losing: Any,
    losing_hlc: str,
    winning_hlc: str,
    detected_at: str,
) -> int:
    conflict_id = f"{change.record_type}/{change.record_id}/{field}/{losing_hlc}"
    rows.conflicts.append(
        (
            conflict_id,
            change.record_type,
            change.record_id,
            field,
            json.dumps(losing),
            losing_hlc,
            winning_hlc,
            detected_at,
        )
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
