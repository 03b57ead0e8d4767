"""Late arrivals: changes refused because their case had moved to another worker.

The server keeps each such change (sync/server/store.late_arrivals) instead of dropping it:
not applied, since the new holder may have changed the same fields since; not lost, since
it is the old holder's work. The new holder (or a teamleider of the team) sees it through
`GET /v1/cases/{case_id}/late` and accepts it into the case (`POST /v1/late/{id}/accept`,
or `koers-server late accept ID`): it is then applied as a new change stamped by the
server at that moment, so it wins over what it was late for, and every holder receives it.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine

from storage.ids import uuid7
from sync.protocol import SERVER_CLOCK_ID, Change, LateArrival
from sync.server import access, audit
from sync.server import records as held_records
from sync.server.access import Principal
from sync.server.errors import AdminError, Forbidden, NotFound
from sync.server.pulling import stored_change
from sync.server.service import SERVER_USER_ID, BatchState, server_stamp
from sync.server.store import late_arrivals, serialise_writers, users


def _iso(epoch_s: float | None) -> str | None:
    if epoch_s is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch_s))


def _as_late(row: Any) -> LateArrival:
    return LateArrival(
        id=row.id,
        case_id=row.case_id,
        change=stored_change(row),
        from_user=row.from_user,
        received_at=_iso(row.received_at) or "",
        accepted_at=_iso(row.accepted_at),
    )


def _query() -> Any:
    return select(late_arrivals, users.c.name.label("from_user")).join(
        users, users.c.id == late_arrivals.c.user_id
    )


def list_for_case(
    engine: Engine, who: Principal, case_id: str, *, include_accepted: bool = False
) -> list[LateArrival]:
    """The late arrivals of a case this account may write (its holder, a teamleider of its
    team), oldest first. Raises NotFound for a case the account may not write."""
    with engine.connect() as conn:
        if case_id not in access.writable_cases(conn, who):
            raise NotFound("no such case for this account")
        query = _query().where(late_arrivals.c.case_id == case_id)
        if not include_accepted:
            query = query.where(late_arrivals.c.accepted_at.is_(None))
        rows = conn.execute(query.order_by(late_arrivals.c.id)).all()
    if rows:  # their content was served: the central access log says to whom
        with engine.begin() as conn:
            audit.record_cases_served(conn, who, audit.LATE, [case_id])
    return [_as_late(r) for r in rows]


def accept_for(engine: Engine, who: Principal, late_id: int) -> LateArrival:
    """Accept a late arrival into its case as this account. Raises NotFound when there is
    no such late arrival for this account, Forbidden when it was accepted already."""
    with engine.begin() as conn:
        serialise_writers(conn)
        row = conn.execute(_query().where(late_arrivals.c.id == late_id)).first()
        if row is None or row.case_id not in access.writable_cases(conn, who):
            raise NotFound("no such late arrival for this account")
        if row.accepted_at is not None:
            raise Forbidden("this late arrival was accepted already")
        _accept(conn, row, who.user_id, time.time())
        audit.record(
            conn,
            who=who,
            action=audit.ACCEPT_LATE,
            record_type=row.record_type,
            record_id=row.record_id,
            detail=json.dumps({"late_id": late_id}),
        )
        row = conn.execute(_query().where(late_arrivals.c.id == late_id)).one()
    return _as_late(row)


@dataclass(frozen=True)
class LateRow:
    """A late arrival as `koers-server late list` shows it: ids and kinds, no content."""

    id: int
    case_id: str
    record_type: str
    record_id: str
    from_user: str
    received_at: str
    accepted: bool


def list_all(engine: Engine, *, include_accepted: bool = False) -> list[LateRow]:
    """Every late arrival (operators; content left out)."""
    with engine.connect() as conn:
        query = _query()
        if not include_accepted:
            query = query.where(late_arrivals.c.accepted_at.is_(None))
        rows = conn.execute(query.order_by(late_arrivals.c.id)).all()
    return [
        LateRow(
            r.id,
            r.case_id,
            r.record_type,
            r.record_id,
            r.from_user,
            _iso(r.received_at) or "",
            r.accepted_at is not None,
        )
        for r in rows
    ]


def accept_by_operator(engine: Engine, late_id: int) -> LateRow:
    """`koers-server late accept ID`: accept on the operator's word (a teamleider's
    decision carried out on the server). Raises AdminError when there is no such open one."""
    with engine.begin() as conn:
        serialise_writers(conn)
        row = conn.execute(_query().where(late_arrivals.c.id == late_id)).first()
        if row is None:
            raise AdminError(f"no late arrival with id {late_id}")
        if row.accepted_at is not None:
            raise AdminError(f"late arrival {late_id} was accepted already")
        _accept(conn, row, SERVER_USER_ID, time.time())
        audit.record(
            conn,
            who=None,
            user_name=audit.shell_user(),
            action=audit.ACCEPT_LATE,
            record_type=row.record_type,
            record_id=row.record_id,
            detail=json.dumps({"late_id": late_id}),
        )
    return next(r for r in list_all(engine, include_accepted=True) if r.id == late_id)


def _accept(conn: Connection, row: Any, user_id: int, now: float) -> None:
    """Apply the late change as a new change stamped by the server now (after every stamp
    the record carries), with the original fields; mark the late arrival accepted."""
    exists = (
        held_records.case_of(conn, row.record_type, row.record_id)[0] or row.record_type == "case"
    )
    change = Change(
        change_id=uuid7(),
        record_type=row.record_type,
        record_id=row.record_id,
        fields=json.loads(row.fields),
        hlc=server_stamp(conn, row.record_type, row.record_id, now),
        device_id=SERVER_CLOCK_ID,
        created=bool(row.created) and not exists,
    )
    state = BatchState(conn, [change])
    state.accept(change, row.case_id, exists, SERVER_CLOCK_ID, user_id, now)
    state.write(conn)
    conn.execute(
        update(late_arrivals)
        .where(late_arrivals.c.id == row.id)
        .values(accepted_at=now, accepted_by=user_id)
    )
