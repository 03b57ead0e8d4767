"""The server's merged view of each record, read from `records` and `changes` (store.py).

A row of `records` names, per field, the change whose value wins (its `seq`); the value, its
stamp and the server time it arrived are that change's. Everything that reads the merged
view (the push's merge, the monitoring, the retention purge, handovers, late arrivals, the
access log) goes through these functions, in chunks, so no caller builds its own join.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Text, bindparam, cast, func, literal_column, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import MultipleResultsFound, NoResultFound

from sync.server.store import Prepared, changes, records

# Ids per IN list: well under SQLite's limit on bound parameters.
CHUNK = 500


@dataclass(frozen=True)
class Winner:
    """The value of one field that wins on the server: `value` as JSON text, its HLC stamp
    `hlc`, `received_at` the server time (epoch s) it arrived (None: kept by an older server
    that did not record it), `seq` the change carrying it (None: no stored change does)."""

    value: str
    hlc: str
    received_at: float | None
    seq: int | None

    @property
    def decoded(self) -> Any:
        return json.loads(self.value)


@dataclass(frozen=True)
class Record:
    """A record the server holds: its case (None for an organisation record; the case's own
    id for a case) and `refs`, per field, the stored reference to its winner (a change's
    seq, or [value, hlc, received_at] for a value no stored change carries)."""

    record_type: str
    record_id: str
    case_id: str | None
    refs: dict[str, Any]


class InList:
    """`column IN (values)` with the values bound as ONE parameter, a JSON array (statements
    built once: an IN list built per call, or an expanding parameter, costs SQLAlchemy more
    per value than the database's lookup, and psycopg dumps an array parameter value by
    value in Python): `IN (SELECT json_array_elements_text(...))` on PostgreSQL, `IN
    (SELECT value FROM json_each(...))` on SQLite. Either uses the column's index."""

    def __init__(self, build: Callable[[Callable[[Any, str], Any]], Any]) -> None:
        """`build(is_in)`: the statement, with `is_in(column, parameter name)` as its IN."""
        self.postgresql = build(
            lambda column, name: column.in_(
                select(
                    cast(
                        func.json_array_elements_text(cast(bindparam(name, type_=Text()), JSON)),
                        column.type,
                    )
                )
            )
        )
        self.sqlite = build(
            lambda column, name: column.in_(
                select(literal_column("value")).select_from(func.json_each(bindparam(name)))
            )
        )
        # In a PostgreSQL transaction compiled once and sent on the driver (store.Prepared).
        self._on_driver = Prepared(self.postgresql)

    def run(self, conn: Connection, values: dict[str, Any], lists: Iterable[str]) -> Any:
        """Execute with `values`, the parameters named in `lists` being sequences: rows
        with their columns by name and place (iterable; .one(), .first(), .all())."""
        bound = {k: json.dumps(list(v)) if k in lists else v for k, v in values.items()}
        if conn.dialect.name != "postgresql":
            return conn.execute(self.sqlite, bound)
        if conn.in_transaction():  # SQLAlchemy ends what the driver's statement begins
            # On the driver, prepared (store.on_driver: SQLAlchemy's execution costs about
            # 0.2 ms of CPU per statement more, and a push of one change sends several of
            # these); a driver error is raised as SQLAlchemy raises it, parameters hidden.
            return _Rows(self._on_driver.run(conn, bound))
        return conn.execute(self.postgresql, bound)


class _Rows(list[Any]):
    """Rows read on the driver (InList.run on PostgreSQL), with what callers use of a
    SQLAlchemy result: .one(), .first(), .all()."""

    def one(self) -> Any:
        if len(self) != 1:
            raise (NoResultFound if not self else MultipleResultsFound)("expected exactly one row")
        return self[0]

    def first(self) -> Any:
        return self[0] if self else None

    def all(self) -> list[Any]:
        return list(self)


_BY_IDS = InList(lambda is_in: select(records).where(is_in(records.c.record_id, "ids")))
_BY_IDS_OF_TYPE = InList(
    lambda is_in: select(records).where(
        is_in(records.c.record_id, "ids"), records.c.record_type == bindparam("record_type")
    )
)
_VALUES = InList(
    lambda is_in: select(
        changes.c.seq, changes.c.fields, changes.c.hlc, changes.c.received_at
    ).where(is_in(changes.c.seq, "seqs"))
)
_STAMPS = InList(
    lambda is_in: select(
        changes.c.seq, changes.c.hlc, changes.c.received_at, changes.c.user_id
    ).where(is_in(changes.c.seq, "seqs"))
)


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _record(row: Any) -> Record:
    return Record(row.record_type, row.record_id, row.case_id, json.loads(row.winners))


def by_ids(conn: Connection, ids: Iterable[str], record_type: str | None = None) -> list[Record]:
    """The records with these ids (of `record_type`, or of any type): by the primary key,
    whose first column is the id."""
    found: list[Record] = []
    wanted = sorted(set(ids))
    for chunk in _chunks(wanted):
        if record_type is None:
            rows = _BY_IDS.run(conn, {"ids": chunk}, ("ids",))
        else:
            values = {"ids": chunk, "record_type": record_type}
            rows = _BY_IDS_OF_TYPE.run(conn, values, ("ids",))
        found.extend(_record(row) for row in rows)
    return found


def of_cases(
    conn: Connection, case_ids: Iterable[str], record_type: str | None = None
) -> list[Record]:
    """The records that belong to these cases (the cases themselves among them, unless
    `record_type` names another type)."""
    found: list[Record] = []
    for chunk in _chunks(sorted(set(case_ids))):
        query = select(records).where(records.c.case_id.in_(chunk))
        if record_type is not None:
            query = query.where(records.c.record_type == record_type)
        found.extend(_record(row) for row in conn.execute(query))
    return found


def of_type(conn: Connection, record_type: str) -> Iterator[list[Record]]:
    """Every record of `record_type`, in pages of at most CHUNK by id (the caller may query
    between pages)."""
    after = ""
    while True:
        rows = conn.execute(
            select(records)
            .where(records.c.record_type == record_type, records.c.record_id > after)
            .order_by(records.c.record_id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        yield [_record(row) for row in rows]
        after = rows[-1].record_id


def field_of_type(conn: Connection, record_type: str, field: str) -> Iterator[tuple[str, Winner]]:
    """(record id, Winner of `field`) of every record of `record_type` that holds it."""
    for page in of_type(conn, record_type):
        for (_, record_id), fields in winners_of(conn, page, (field,)).items():
            if field in fields:
                yield record_id, fields[field]


def case_of(conn: Connection, record_type: str, record_id: str) -> tuple[bool, str | None]:
    """(whether the server holds the record, its case id or None)."""
    row = conn.execute(
        select(records.c.case_id).where(
            records.c.record_id == record_id, records.c.record_type == record_type
        )
    ).first()
    return (False, None) if row is None else (True, row.case_id)


def stored_values(
    conn: Connection, seqs: Collection[int]
) -> dict[int, tuple[dict[str, Any], str, float]]:
    """Per change seq: (its fields decoded, its stamp, the server time it arrived)."""
    found: dict[int, tuple[dict[str, Any], str, float]] = {}
    for chunk in _chunks(sorted(set(seqs))):
        for row in _VALUES.run(conn, {"seqs": chunk}, ("seqs",)):
            found[row.seq] = (json.loads(row.fields), row.hlc, row.received_at)
    return found


def stored_stamps(conn: Connection, seqs: Collection[int]) -> dict[int, tuple[str, float, int]]:
    """Per change seq: (its stamp, the server time it arrived, the account whose token sent
    it), without its fields (a merge decides on stamps and authors; a change's fields are
    read only where a value is needed)."""
    found: dict[int, tuple[str, float, int]] = {}
    for chunk in _chunks(sorted(set(seqs))):
        for row in _STAMPS.run(conn, {"seqs": chunk}, ("seqs",)):
            found[row.seq] = (row.hlc, row.received_at, row.user_id)
    return found


def winners_of(
    conn: Connection, found: Iterable[Record], names: Collection[str] | None = None
) -> dict[tuple[str, str], dict[str, Winner]]:
    """Per (record type, record id) of `found`: field -> Winner, for the fields in `names`
    (all when None) the record holds. One query per chunk of changes."""
    chosen = [
        (rec, {f: ref for f, ref in rec.refs.items() if names is None or f in names})
        for rec in found
    ]
    values = stored_values(
        conn, {ref for _, refs in chosen for ref in refs.values() if isinstance(ref, int)}
    )
    result: dict[tuple[str, str], dict[str, Winner]] = {}
    for rec, refs in chosen:
        mine = result.setdefault((rec.record_type, rec.record_id), {})
        for field, ref in refs.items():
            mine[field] = resolve(ref, field, values)
    return result


def resolve(ref: Any, field: str, values: dict[int, tuple[dict[str, Any], str, float]]) -> Winner:
    """The Winner a stored reference names (`values`: stored_values of its seq)."""
    if isinstance(ref, int):
        fields, hlc, received_at = values[ref]
        return Winner(json.dumps(fields[field]), hlc, received_at, ref)
    value, hlc, received_at = ref
    return Winner(value, hlc, received_at, None)


def current_fields(
    conn: Connection,
    record_type: str,
    ids: Iterable[str],
    names: Collection[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """{record id: {field: value decoded}} of the records of `record_type` with these ids
    that the server holds, with the fields in `names` (all when None) they hold."""
    found = winners_of(conn, by_ids(conn, ids, record_type), names)
    return {
        record_id: {f: w.decoded for f, w in fields.items()}
        for (_, record_id), fields in found.items()
    }


def merged_view(conn: Connection) -> Iterator[tuple[str, str, str, Winner]]:
    """Every (record type, record id, field, Winner) the server holds (tests, checks)."""
    batch: list[Record] = []
    rows = conn.execute(select(records).order_by(records.c.record_type, records.c.record_id))
    for row in rows.all():
        batch.append(_record(row))
        if len(batch) == CHUNK:
            yield from _flatten(winners_of(conn, batch))
            batch = []
    yield from _flatten(winners_of(conn, batch))


def _flatten(
    found: dict[tuple[str, str], dict[str, Winner]],
) -> Iterator[tuple[str, str, str, Winner]]:
    for (record_type, record_id), fields in found.items():
        for field, winner in fields.items():
            yield record_type, record_id, field, winner
