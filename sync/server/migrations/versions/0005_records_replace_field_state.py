"""One row per record (issue 17): `records` replaces field_state and record_cases.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

field_state kept every field's value a second time (the value is in `changes` already) and
was looked up by record id while its key began with the record type, so a push scanned it.
`records` (key: record id, record type) holds per record its case and, per field, the seq
of the change whose value wins; a value no stored change carries (with that stamp and
value) is kept inline as [value, stamp, received_at], so nothing is lost. The retention
counts from the winning change's arrival (changes.received_at); values field_state held
without an arrival time (stored before revision 0002) get the arrival of their change.

Streamed in pages of records, both ways, with a temporary index on changes by record so a
page finds its changes without scanning. The downgrade writes field_state and record_cases
back from records and changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import context, op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PAGE = 500


def _page() -> int:
    """Records per page: PAGE, or config.attributes["koers_page"] (tests page by 2)."""
    return int(context.config.attributes.get("koers_page", PAGE))


_TEMP_INDEX = "ix_tmp_0005_changes_record"

_meta = sa.MetaData()
_changes = sa.Table(
    "changes",
    _meta,
    sa.Column("seq", sa.BigInteger(), primary_key=True),
    sa.Column("record_type", sa.String(40)),
    sa.Column("record_id", sa.String(64)),
    sa.Column("fields", sa.Text()),
    sa.Column("hlc", sa.String(100)),
    sa.Column("received_at", sa.Float()),
)
_field_state = sa.Table(
    "field_state",
    _meta,
    sa.Column("record_type", sa.String(40), primary_key=True),
    sa.Column("record_id", sa.String(64), primary_key=True),
    sa.Column("field", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text()),
    sa.Column("hlc", sa.String(100)),
    sa.Column("received_at", sa.Float()),
)
_record_cases = sa.Table(
    "record_cases",
    _meta,
    sa.Column("record_type", sa.String(40), primary_key=True),
    sa.Column("record_id", sa.String(64), primary_key=True),
    sa.Column("case_id", sa.String(64)),
)
_records = sa.Table(
    "records",
    _meta,
    sa.Column("record_id", sa.String(64), primary_key=True),
    sa.Column("record_type", sa.String(40), primary_key=True),
    sa.Column("case_id", sa.String(64)),
    sa.Column("winners", sa.Text()),
)


def _compact(refs: dict[str, Any]) -> str:
    return json.dumps(refs, separators=(",", ":"), sort_keys=True)


def _changes_of(
    conn: sa.Connection, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], list[Any]]:
    """The stored changes of these records, oldest first."""
    found: dict[tuple[str, str], list[Any]] = {}
    wanted = set(keys)
    rows = conn.execute(
        sa.select(_changes)
        .where(_changes.c.record_id.in_(sorted({k[1] for k in keys})))
        .order_by(_changes.c.seq)
    )
    for row in rows:
        key = (row.record_type, row.record_id)
        if key in wanted:
            found.setdefault(key, []).append(row)
    return found


def _winner_ref(row: Any, candidates: list[Any]) -> Any:
    """The seq of the first stored change carrying field_state's `row` (same stamp, same
    value, the same arrival when field_state knew it), else the value inline."""
    for change in candidates:
        if change.hlc != row.hlc:
            continue
        fields = json.loads(change.fields)
        if row.field not in fields or json.dumps(fields[row.field]) != row.value:
            continue
        if row.received_at is not None and row.received_at != change.received_at:
            continue
        return change.seq
    return [row.value, row.hlc, row.received_at]


def _pages(
    conn: Any, query: Any, first: sa.Column[Any], second: sa.Column[Any], page_size: int
) -> Iterator[list[Any]]:
    """The rows of `query` in pages of `page_size`, ordered by (first, second): keyset paging,
    each page starting after the last key of the one before (no OFFSET scan)."""
    key = sa.tuple_(first, second)
    after: tuple[str, str] = ("", "")
    while True:
        page = conn.execute(
            query.where(key > sa.tuple_(sa.literal(after[0]), sa.literal(after[1])))
            .order_by(first, second)
            .limit(page_size)
        ).all()
        if not page:
            return
        yield page
        last = page[-1]._mapping
        after = (last[first], last[second])


def _create_records() -> None:
    op.create_table(
        "records",
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(64), nullable=True),
        sa.Column("winners", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "record_type", name="records_pkey"),
    )
    op.create_index("ix_records_case_id", "records", ["case_id"])


def upgrade() -> None:
    conn = op.get_bind()
    page_size = _page()
    _create_records()
    op.create_index(_TEMP_INDEX, "changes", ["record_id"])
    key = sa.tuple_(_field_state.c.record_type, _field_state.c.record_id)
    for page in _pages(
        conn,
        sa.select(_field_state.c.record_type, _field_state.c.record_id).group_by(
            _field_state.c.record_type, _field_state.c.record_id
        ),
        _field_state.c.record_type,
        _field_state.c.record_id,
        page_size,
    ):
        keys = [(r.record_type, r.record_id) for r in page]
        values = conn.execute(sa.select(_field_state).where(key.in_(keys))).all()
        cases = {
            (r.record_type, r.record_id): r.case_id
            for r in conn.execute(
                sa.select(_record_cases).where(
                    sa.tuple_(_record_cases.c.record_type, _record_cases.c.record_id).in_(keys)
                )
            )
        }
        stored = _changes_of(conn, keys)
        refs: dict[tuple[str, str], dict[str, Any]] = {k: {} for k in keys}
        for row in values:
            record = (row.record_type, row.record_id)
            refs[record][row.field] = _winner_ref(row, stored.get(record, []))
        conn.execute(
            _records.insert(),
            [
                {
                    "record_id": record_id,
                    "record_type": record_type,
                    "case_id": record_id
                    if record_type == "case"
                    else cases.get((record_type, record_id)),
                    "winners": _compact(refs[(record_type, record_id)]),
                }
                for record_type, record_id in keys
            ],
        )
    # Records with a case but no field value (a change that set no field): their case only.
    for page in _pages(
        conn,
        sa.select(_record_cases),
        _record_cases.c.record_type,
        _record_cases.c.record_id,
        page_size,
    ):
        held = {
            (r.record_type, r.record_id)
            for r in conn.execute(
                sa.select(_records.c.record_type, _records.c.record_id).where(
                    sa.tuple_(_records.c.record_type, _records.c.record_id).in_(
                        [(r.record_type, r.record_id) for r in page]
                    )
                )
            )
        }
        missing = [
            {"record_id": r.record_id, "record_type": r.record_type, "case_id": r.case_id}
            for r in page
            if (r.record_type, r.record_id) not in held
        ]
        if missing:
            conn.execute(_records.insert(), [{**m, "winners": "{}"} for m in missing])
    op.drop_index(_TEMP_INDEX, table_name="changes")
    op.drop_table("field_state")
    op.drop_table("record_cases")


def downgrade() -> None:
    conn = op.get_bind()
    page_size = _page()
    op.create_table(
        "record_cases",
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("case_id", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("record_type", "record_id", name="record_cases_pkey"),
    )
    op.create_table(
        "field_state",
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("hlc", sa.String(100), nullable=False),
        sa.Column("received_at", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("record_type", "record_id", "field", name="field_state_pkey"),
    )
    for page in _pages(
        conn, sa.select(_records), _records.c.record_id, _records.c.record_type, page_size
    ):
        refs = {(r.record_type, r.record_id): json.loads(r.winners) for r in page}
        seqs = sorted({s for f in refs.values() for s in f.values() if isinstance(s, int)})
        stored = {
            r.seq: r
            for start in range(0, len(seqs), 500)
            for r in conn.execute(
                sa.select(_changes).where(_changes.c.seq.in_(seqs[start : start + 500]))
            )
        }
        values = []
        for (record_type, record_id), fields in refs.items():
            for field, ref in fields.items():
                if isinstance(ref, int):
                    change = stored[ref]
                    value = json.dumps(json.loads(change.fields)[field])
                    hlc, received_at = change.hlc, change.received_at
                else:
                    value, hlc, received_at = ref
                values.append(
                    {
                        "record_type": record_type,
                        "record_id": record_id,
                        "field": field,
                        "value": value,
                        "hlc": hlc,
                        "received_at": received_at,
                    }
                )
        if values:
            conn.execute(_field_state.insert(), values)
        cases = [
            {"record_type": r.record_type, "record_id": r.record_id, "case_id": r.case_id}
            for r in page
            if r.record_type != "case" and r.case_id is not None
        ]
        if cases:
            conn.execute(_record_cases.insert(), cases)
    op.drop_index("ix_records_case_id", table_name="records")
    op.drop_table("records")
