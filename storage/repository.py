"""The one write path into the vault.

Every insert, update and delete runs in a transaction that also appends one journal row per
changed field (for sync) and one access-log line; reads of a case are access-logged too.
Values are column values already encoded by the caller: str, int, float or None.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from storage import access_log, field_clocks, journal
from storage.errors import AppendOnlyViolation, RecordExists, RecordNotFound
from storage.record_types import RecordType, record_type
from storage.sqlcipher import IntegrityError
from storage.vault import Vault

Scalar = str | int | float | None
SYSTEM_COLUMNS = ("id", "deleted", "updated_hlc", "field_hlcs")
SEED_HLC = "000000000000000:00000:seed"


class RecordStore:
    def __init__(self, vault: Vault, actor: str) -> None:
        self.vault = vault
        self.actor = actor

    # --- reads -----------------------------------------------------------------------------

    def get(self, type_name: str, record_id: str, *, include_deleted: bool = False) -> dict | None:
        table = record_type(type_name).table
        cursor = self.vault.db.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
        row = cursor.fetchone()
        if row is None:
            return None
        record = dict(zip((d[0] for d in cursor.description), row, strict=True))
        if record["deleted"] and not include_deleted:
            return None
        return record

    def require(self, type_name: str, record_id: str) -> dict:
        record = self.get(type_name, record_id)
        if record is None:
            raise RecordNotFound(type_name, record_id)
        return record

    def rows(
        self,
        type_name: str,
        where: str = "1 = 1",
        params: Iterable[Any] = (),
        *,
        order_by: str | None = None,
    ) -> list[dict]:
        table = record_type(type_name).table
        return list(
            self.vault.db[table].rows_where(  # type: ignore[union-attr]
                f"deleted = 0 AND ({where})", list(params), order_by=order_by
            )
        )

    def log_access(
        self, action: str, type_name: str, record_id: str | None, detail: str | None = None
    ) -> None:
        with self.vault.transaction() as db:
            self._append_access(db, action, type_name, record_id, detail)

    # --- writes ----------------------------------------------------------------------------

    def insert(self, type_name: str, record_id: str, fields: Mapping[str, Any]) -> str:
        rtype = record_type(type_name)
        values = _encode_scalars(fields)
        with self.vault.transaction() as db:
            hlc = self.vault.next_hlc()
            row = {"id": record_id, **values, "deleted": 0, "updated_hlc": hlc}
            try:
                insert_row(db, rtype.table, row)
            except IntegrityError:
                raise RecordExists(type_name) from None
            set_fields = {k: v for k, v in values.items() if v is not None}
            journal.append_created(
                db, type_name, record_id, set_fields, hlc=hlc, device_id=self.vault.device_id
            )
            self._append_access(db, "create", type_name, record_id)
        return record_id

    def seed(self, type_name: str, record_id: str, fields: Mapping[str, Any]) -> None:
        """Shipped defaults (programmes): identical on every device, so never journaled, and
        stamped with the lowest clock so that any real change, local or synced, wins."""
        rtype = record_type(type_name)
        row = {"id": record_id, **_encode_scalars(fields), "deleted": 0, "updated_hlc": SEED_HLC}
        with self.vault.transaction() as db:
            insert_row(db, rtype.table, row, keep_existing=True)

    def update(self, type_name: str, record_id: str, changes: Mapping[str, Any]) -> list[str]:
        """Write the fields that differ; returns their names (empty: nothing changed)."""
        rtype = record_type(type_name)
        values = _encode_scalars(changes)
        with self.vault.transaction() as db:
            current = self.require(type_name, record_id)
            changed = {k: v for k, v in values.items() if current.get(k) != v}
            unknown = set(values) - set(current)
            if unknown:
                raise ValueError(f"unknown field(s) for {type_name}: {', '.join(sorted(unknown))}")
            if not changed:
                return []
            _refuse_overwrite(rtype, current)
            self._write_fields(db, rtype, current, changed, "update", ",".join(sorted(changed)))
        return sorted(changed)

    def delete(self, type_name: str, record_id: str) -> None:
        """Tombstone: the row stays (retention, sync) but is gone for every query."""
        rtype = record_type(type_name)
        with self.vault.transaction() as db:
            current = self.require(type_name, record_id)
            self._write_fields(db, rtype, current, {"deleted": 1}, "delete")

    def _write_fields(
        self,
        db: Any,
        rtype: RecordType,
        current: Mapping[str, Any],
        fields: Mapping[str, Scalar],
        action: str,
        detail: str | None = None,
    ) -> None:
        """Change fields of a stored record: row, field clocks, journal and access log."""
        hlc = self.vault.next_hlc()
        clocks = field_clocks.stamped(current, fields, hlc)
        assignments = ", ".join(f"{name} = ?" for name in fields)
        db.execute(
            f"UPDATE {rtype.table} SET {assignments}, updated_hlc = ?, field_hlcs = ? WHERE id = ?",
            [*fields.values(), hlc, clocks, current["id"]],
        )
        journal.append_changes(
            db, rtype.name, current["id"], fields, hlc=hlc, device_id=self.vault.device_id
        )
        self._append_access(db, action, rtype.name, current["id"], detail)

    def _append_access(
        self, db: Any, action: str, type_name: str, record_id: str | None, detail: str | None = None
    ) -> None:
        access_log.append_access(
            db,
            at=self.vault.now(),
            actor=self.actor,
            device_id=self.vault.device_id,
            record_type=type_name,
            record_id=record_id,
            action=action,
            detail=detail,
        )


def insert_row(db: Any, table: str, row: Mapping[str, Any], *, keep_existing: bool = False) -> None:
    """INSERT one row given as column -> value (an existing id is kept when asked)."""
    conflict = " ON CONFLICT(id) DO NOTHING" if keep_existing else ""
    db.execute(
        f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)}){conflict}",
        list(row.values()),
    )


def _refuse_overwrite(rtype: RecordType, current: Mapping[str, Any]) -> None:
    if rtype.append_only:
        raise AppendOnlyViolation(rtype.name)
    if rtype.frozen_when is not None:
        field, value = rtype.frozen_when
        if current.get(field) == value:
            raise AppendOnlyViolation(rtype.name)


def _encode_scalars(fields: Mapping[str, Any]) -> dict[str, Scalar]:
    encoded: dict[str, Scalar] = {}
    for name, value in fields.items():
        if name in SYSTEM_COLUMNS:
            raise ValueError(f"{name} is managed by the vault")
        if isinstance(value, bool):
            value = int(value)
        if value is not None and not isinstance(value, str | int | float):
            raise TypeError(f"field {name} must be encoded before storage")
        encoded[name] = value
    return encoded
