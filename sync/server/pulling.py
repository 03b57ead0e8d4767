"""The server's hot path: a device's token checked and its pull answered in one transaction,
in a few prebuilt statements, the answer written as JSON without a model per change.

An empty incremental pull (nothing new this account may read) costs one transaction of two
statements (the device with its account, team and the newest sequence number; the cases
the account may read) and writes nothing: `last_seen` is written at most once per
LAST_SEEN_EVERY_S per device (service._device_floor widens by that interval), and the
central access log gets a line only for the cases whose data a pull serves.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import namedtuple
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from typing import Any, TypeVar

from sqlalchemy import Integer, and_, bindparam, func, or_, select, update
from sqlalchemy.engine import Connection, Engine

from sync.protocol import Change, PullResponse, ServerChange
from sync.server import access, audit
from sync.server.access import Principal
from sync.server.errors import DeviceRevoked, Forbidden, NotFound, Unauthorised
from sync.server.store import (
    audit_log,
    changes,
    devices,
    driver_broken,
    kept_cursor,
    on_driver,
    teams,
    users,
)

# A device's `last_seen` (the server time of its last pull) is written when it is unset or
# older than this (seconds): a device that pulls every few seconds writes once per interval.
# The handover rule reads it as "the last pull was no later than last_seen + this".
LAST_SEEN_EVERY_S = 180


@dataclass(frozen=True)
class Authenticated:
    """A device whose token holds, with what its pull needs besides the Principal:
    `shares` (its team shares a caseload), `last_seen` (epoch s or None), and when read for
    a pull, `top` (the newest sequence number, else 0) and `visible` (the case ids it may
    read, sorted; else None)."""

    who: Principal
    shares: bool
    last_seen: float | None
    top: int = 0
    visible: list[str] | None = None


_DEVICE = select(
    devices.c.id,
    devices.c.user_id,
    devices.c.name,
    devices.c.revoked_at,
    devices.c.wipe_sent_at,
    devices.c.expires_at,
    devices.c.last_seen,
    devices.c.clock_id,
    users.c.name.label("user_name"),
    users.c.role,
    users.c.team_id,
    users.c.disabled,
    teams.c.shares_caseload,
).select_from(
    devices.join(users, users.c.id == devices.c.user_id).outerjoin(
        teams, teams.c.id == users.c.team_id
    )
)
# The same with the newest sequence number of the store and the cases the account may read
# (access.readable_case_ids_sql), in the same statement: an empty pull is one query.
_DEVICE_WITH_TOP = _DEVICE.add_columns(
    select(func.max(changes.c.seq)).scalar_subquery(), access.readable_case_ids_sql()
)
_BY_TOKEN = devices.c.token_hash == bindparam("token_hash")
_DEVICE_BY_TOKEN = _DEVICE.where(_BY_TOKEN)
_DEVICE_AND_TOP_BY_TOKEN = _DEVICE_WITH_TOP.where(_BY_TOKEN)
_DEVICE_BY_ID_AND_TOP = _DEVICE_WITH_TOP.where(devices.c.id == bindparam("device"))
_WIPE_SENT = (
    update(devices).where(devices.c.id == bindparam("device")).values(wipe_sent_at=bindparam("now"))
)
_SEEN = (
    update(devices).where(devices.c.id == bindparam("device")).values(last_seen=bindparam("now"))
)
_CHANGE_COLUMNS = (
    changes.c.seq,
    changes.c.change_id,
    changes.c.record_type,
    changes.c.record_id,
    changes.c.case_id,
    changes.c.fields,
    changes.c.hlc,
    changes.c.device_id,
    changes.c.created,
)
_RANGE = and_(changes.c.seq > bindparam("cursor"), changes.c.seq <= bindparam("top"))
# Changes in (cursor, top] of no case (organisation records) or of a readable case.
_READABLE_CHANGES = (
    select(*_CHANGE_COLUMNS)
    .where(
        _RANGE,
        or_(changes.c.case_id.is_(None), changes.c.case_id.in_(bindparam("cases", expanding=True))),
    )
    .order_by(changes.c.seq)
    .limit(bindparam("limit", type_=Integer))
)
_ORGANISATION_CHANGES = (
    select(*_CHANGE_COLUMNS)
    .where(_RANGE, changes.c.case_id.is_(None))
    .order_by(changes.c.seq)
    .limit(bindparam("limit", type_=Integer))
)
_CASE_CHANGES = (
    select(*_CHANGE_COLUMNS)
    .where(changes.c.case_id == bindparam("case"), changes.c.seq <= bindparam("upto"))
    .order_by(changes.c.seq)
)


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which a device token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def authenticated_principal(conn: Connection, who: Principal) -> Authenticated:
    """What a pull needs of a device known already (a caller in Python, not a request):
    read with the newest sequence number, in the caller's transaction."""
    row = conn.execute(_DEVICE_BY_ID_AND_TOP, {"device": who.device_id}).first()
    if row is None:
        raise Unauthorised("unknown device")
    return Authenticated(
        who, bool(row.shares_caseload), row.last_seen, row[-2] or 0, _case_ids(row[-1])
    )


def authenticated(
    conn: Connection, token: str | None, now: float, *, with_top: bool = False
) -> Authenticated:
    """The device behind `token`, read in one statement inside the caller's transaction.

    Raises Unauthorised (no, unknown or expired token), DeviceRevoked (a revoked device;
    the moment the wipe was first told is written and committed first) or Forbidden (a
    disabled account)."""
    if not token:
        raise Unauthorised("a device token is required")
    row: Any
    if with_top and conn.dialect.name == "postgresql" and conn.in_transaction():
        # The push's first statement, sent as quick_device sends it (prepared, straight on
        # the driver: SQLAlchemy's execution costs more CPU than the read) in the
        # transaction of `conn` (store.on_driver).
        sql, params = _quick_sql(conn.dialect)
        found = on_driver(conn, sql, params(token_hash(token)))
        row = _QuickRow._make(found[0]) if found else None
    else:
        statement = _DEVICE_AND_TOP_BY_TOKEN if with_top else _DEVICE_BY_TOKEN
        row = conn.execute(statement, {"token_hash": token_hash(token)}).first()
    if row is None:
        raise Unauthorised("unknown device token")
    if row.revoked_at is not None:
        if row.wipe_sent_at is None:
            conn.execute(_WIPE_SENT, {"device": row.id, "now": now})
            conn.commit()
        raise DeviceRevoked()
    return _checked(row, now, with_top)


def _checked(row: Any, now: float, with_top: bool) -> Authenticated:
    """A device row (not revoked) as Authenticated; raises Unauthorised (expired token) or
    Forbidden (a disabled account)."""
    if row.expires_at < now:
        raise Unauthorised("device token expired; enrol this device again")
    if row.disabled:
        raise Forbidden("this account is disabled")
    who = Principal(
        user_id=row.user_id,
        name=row.user_name,
        role=row.role,
        team_id=row.team_id,
        device_id=row.id,
        device_name=row.name,
        clock_id=row.clock_id,
    )
    if not with_top:
        return Authenticated(who, bool(row.shares_caseload), row.last_seen)
    return Authenticated(
        who, bool(row.shares_caseload), row.last_seen, row[-2] or 0, _case_ids(row[-1])
    )


def _case_ids(aggregated: Any) -> list[str]:
    """The JSON array of case ids a query aggregated (a list already where the driver reads
    JSON, text on SQLite; None for none), sorted."""
    if aggregated is None:
        return []
    found = json.loads(aggregated) if isinstance(aggregated, str) else aggregated
    return sorted(found)


@dataclass(frozen=True)
class Pulled:
    """What one pull serves: `rows` (of `changes`, oldest first, at most the limit), the new
    `cursor`, `more`, the account's `visible` cases (sorted) and the server time `now`."""

    rows: Sequence[Any]
    cursor: int
    more: bool
    visible: list[str]
    now: float


def pull_in(conn: Connection, auth: Authenticated, cursor: int, limit: int, now: float) -> Pulled:
    """A pull inside the caller's transaction (`auth` read with_top in it).

    Nothing after `auth.top` is sent: pushes commit in sequence order, so everything up to
    it is final and the cursor may move past changes this account cannot see. Writes only
    when it serves case data (the access-log lines) or `last_seen` is due."""
    who, top = auth.who, auth.top
    visible = auth.visible
    if visible is None:
        visible = sorted(access.readable_cases(conn, who, shares=auth.shares))
    rows: Sequence[Any] = []
    if who.role != "beheerder" and cursor < top:
        statement = _READABLE_CHANGES if visible else _ORGANISATION_CHANGES
        values: dict[str, Any] = {"cursor": cursor, "top": top, "limit": limit + 1}
        if visible:
            values["cases"] = visible
        rows = conn.execute(statement, values).all()
    if _seen_due(auth, now):
        conn.execute(_SEEN, {"device": who.device_id, "now": now})
    pulled = _pulled(rows, cursor, limit, top, visible, now)
    # The central access log: one line per case whose data this pull serves.
    served = {r.case_id for r in pulled.rows if r.case_id is not None}
    if served:
        audit.record_cases_served(conn, who, audit.PULL, served)
    return pulled


def _pulled(
    rows: Sequence[Any], cursor: int, limit: int, top: int, visible: list[str], now: float
) -> Pulled:
    """What a pull serves of `rows` (the readable changes after `cursor`, at most `limit`
    + 1 of them: one more says there are more)."""
    more = len(rows) > limit
    rows = rows[:limit]
    new_cursor = rows[-1].seq if more else max(cursor, top)
    return Pulled(rows, new_cursor, more, visible, now)


def history_in(conn: Connection, who: Principal, case_id: str, upto: int) -> Sequence[Any]:
    """Every change of a readable case up to `upto` (rows of `changes`), inside the caller's
    transaction, with the access-log line. Raises NotFound for a case this account may not
    read."""
    if case_id not in access.readable_cases(conn, who):
        raise NotFound("no such case for this account")
    rows = conn.execute(_CASE_CHANGES, {"case": case_id, "upto": upto}).all()
    audit.record_cases_served(conn, who, audit.HISTORY, [case_id])
    return rows


def pull_answer(
    engine: Engine, token: str | None, cursor: int, limit: int, now: float | None = None
) -> bytes:
    """POST /v1/pull: the device behind `token` authenticated and its pull answered; the
    answer is PullResponse's JSON. Raises Unauthorised, DeviceRevoked or Forbidden for the
    token.

    The device, its account, the newest sequence number and the readable cases are read in
    one statement outside a transaction (quick_device): one statement sees one snapshot, so
    everything up to that `top` is final, as it is for the first statement of a transaction.
    A pull with nothing to serve and nothing to write (the empty incremental sync) is
    answered from that row alone: one round trip to the database. Otherwise, on PostgreSQL,
    the pull is served in one more statement on the same connection (_SERVING_SQL, its
    own transaction); on SQLite and for a beheerder it runs in one transaction (pull_in)
    with what the row says (a revoked device: the whole check again inside the
    transaction, which writes when the wipe was first told)."""
    now = time.time() if now is None else now
    if not token:
        raise Unauthorised("a device token is required")
    serving = (cursor, limit, now) if engine.dialect.name == "postgresql" else None
    row, auth, pulled = _quick(engine, token_hash(token), serving)
    if pulled is not None:
        return pull_json(pulled)
    if row is None:
        raise Unauthorised("unknown device token")
    if row.revoked_at is not None:
        with engine.begin() as conn:
            auth = authenticated(conn, token, now, with_top=True)
            return pull_json(pull_in(conn, auth, cursor, limit, now))
    if auth is None:
        auth = _checked(row, now, with_top=True)
    if (auth.who.role == "beheerder" or cursor >= auth.top) and not _seen_due(auth, now):
        return pull_json(Pulled((), max(cursor, auth.top), False, auth.visible or [], now))
    with engine.begin() as conn:
        pulled = pull_in(conn, auth, cursor, limit, now)
    return pull_json(pulled)


def _serving_sql() -> str:
    """PostgreSQL: pull_in's reading and writing as one statement (its own transaction).
    `page`: the readable changes after the cursor, at most `fetch` (the limit + 1); the
    cases of the first `limit` of them get one access-log line each (audit.record_cases_
    served's lines, in case id order by code point as Python sorts, whatever the database's
    collation); the device's last_seen is written when `due`."""
    columns = ", ".join(c.name for c in _CHANGE_COLUMNS)
    line = (
        "source, device_id, device_seq, user_id, user_name, record_type, record_id, case_id,"
        " action, laptop_at, received_at, detail"
    )
    return (
        f"WITH page AS (SELECT {columns} FROM {changes.name}"
        " WHERE seq > %(cursor)s AND seq <= %(top)s AND (case_id IS NULL OR case_id IN"
        " (SELECT CAST(json_array_elements_text(CAST(%(cases)s AS JSON)) AS VARCHAR)))"
        " ORDER BY seq LIMIT %(fetch)s),"
        " served AS (SELECT DISTINCT case_id FROM"
        " (SELECT case_id FROM page ORDER BY seq LIMIT %(limit)s) AS first"
        " WHERE case_id IS NOT NULL),"
        f" logged AS (INSERT INTO {audit_log.name} ({line})"
        " SELECT %(source)s, %(device)s, NULL, %(user)s, %(user_name)s, 'case', case_id,"
        ' case_id, %(action)s, NULL, %(written)s, NULL FROM served ORDER BY case_id COLLATE "C"),'
        f" seen AS (UPDATE {devices.name} SET last_seen = %(now)s"
        " WHERE id = %(device)s AND %(due)s)"
        f" SELECT {columns} FROM page ORDER BY seq"
    )


_SERVING_SQL = _serving_sql()


def _serving_values(auth: Authenticated, cursor: int, limit: int, now: float) -> dict[str, Any]:
    """The parameters of _SERVING_SQL for a pull of `auth` after `cursor`."""
    who = auth.who
    return {
        "cursor": cursor,
        "top": auth.top,
        "cases": json.dumps(auth.visible or []),
        "fetch": limit + 1,
        "limit": limit,
        "source": audit.SERVER,
        "device": who.device_id,
        "user": who.user_id,
        "user_name": who.name,
        "action": audit.PULL,
        "written": time.time(),
        "now": now,
        "due": _seen_due(auth, now),
    }


_ChangeRow = namedtuple("_ChangeRow", [c.name for c in _CHANGE_COLUMNS])  # type: ignore[misc]


def _seen_due(auth: Authenticated, now: float) -> bool:
    """Whether a pull now writes the device's `last_seen` (unset or LAST_SEEN_EVERY_S old)."""
    return auth.last_seen is None or now - auth.last_seen >= LAST_SEEN_EVERY_S


# The quick read's row: the columns of _DEVICE_AND_TOP_BY_TOKEN by name (the last two, the
# newest sequence number and the readable cases, by position as authenticated reads them).
_QuickRow = namedtuple(  # type: ignore[misc]
    "_QuickRow", [*(c.name for c in _DEVICE.selected_columns), "top", "readable"]
)
# Per dialect name: the quick read's SQL text for the driver and its parameters but the
# token's hash (the constants SQLAlchemy binds: role names), compiled once.
_QUICK_SQL: dict[str, tuple[str, Callable[[str], Any]]] = {}


def _quick_sql(dialect: Any) -> tuple[str, Callable[[str], Any]]:
    known = _QUICK_SQL.get(dialect.name)
    if known is not None:
        return known
    compiled = _DEVICE_AND_TOP_BY_TOKEN.compile(dialect=dialect)
    state = compiled.construct_expanded_state({"token_hash": ""})
    constants = dict(state.parameters)
    params: Callable[[str], Any]
    if compiled.positional:
        order = tuple(state.positiontup or ())

        def params(hashed: str) -> Any:
            values = {**constants, "token_hash": hashed}
            return tuple(values[name] for name in order)
    else:

        def params(hashed: str) -> Any:
            return {**constants, "token_hash": hashed}

    _QUICK_SQL[dialect.name] = (state.statement, params)
    return state.statement, params


def quick_device(engine: Engine, hashed: str) -> Any:
    """The device with token hash `hashed` as _DEVICE_AND_TOP_BY_TOKEN reads it (a row with
    its column names: revoked_at, expires_at, ..., then `top` and `readable`), in one
    statement outside a transaction straight on the driver's connection (PostgreSQL: a
    prepared statement in autocommit, one round trip). None for an unknown token.

    Read-only, so a connection the database closed under it is thrown away and the read
    made once more on a fresh one. Raises the driver's error for anything else."""
    return _quick(engine, hashed, None)[0]


def _quick(
    engine: Engine, hashed: str, serving: tuple[int, int, float] | None
) -> tuple[Any, Authenticated | None, Pulled | None]:
    """quick_device's read: (row, None, None). With `serving` (PostgreSQL: a pull's cursor,
    limit and time) the pull is served on the same connection, still in autocommit, before
    it goes back to the pool (_serve: the row checked, and what the pull served when it
    served changes or wrote last_seen). What that raises goes through (not made again: it
    may have written), the connection thrown away when it broke."""
    sql, params = _quick_sql(engine.dialect)
    postgres = engine.dialect.name == "postgresql"
    for attempt in (1, 2):
        pooled = engine.raw_connection()
        driver: Any = pooled.driver_connection
        try:
            if postgres:
                driver.autocommit = True
                found = kept_cursor(pooled).execute(sql, params(hashed), prepare=True).fetchone()
                if serving is None:
                    driver.autocommit = False
            else:  # SQLite: the driver connection is in autocommit already (store.connect)
                found = driver.execute(sql, params(hashed)).fetchone()
        except Exception as exc:
            # Back in the pool only as the pool gave it (a transaction's connection, not in
            # autocommit); a closed or broken one is thrown away.
            _give_back(pooled, driver, postgres, exc)
            if attempt == 1 and engine.dialect.is_disconnect(exc, driver, None):  # type: ignore[arg-type]
                continue
            raise
        row = None if found is None else _QuickRow._make(found)
        auth = pulled = None
        if serving is not None:
            try:
                auth, pulled = _serve(kept_cursor(pooled), row, *serving)
                driver.autocommit = False
            except Exception as exc:
                _give_back(pooled, driver, postgres, exc)
                raise
        pooled.close()
        return row, auth, pulled
    raise AssertionError("unreachable")


def _serve(
    on: Any, row: Any, cursor: int, limit: int, now: float
) -> tuple[Authenticated | None, Pulled | None]:
    """PostgreSQL, on the connection that read `row` (in autocommit; `on`: its cursor or
    itself): the device checked
    (raises as _checked does) and, for a pull that serves changes or writes last_seen of a
    device that holds and is no beheerder, _SERVING_SQL. (None, None) for an
    unknown or revoked device: pull_answer answers it."""
    if row is None or row.revoked_at is not None:
        return None, None
    auth = _checked(row, now, with_top=True)
    if auth.who.role == "beheerder" or (cursor >= auth.top and not _seen_due(auth, now)):
        return auth, None
    values = _serving_values(auth, cursor, limit, now)
    rows = [_ChangeRow._make(r) for r in on.execute(_SERVING_SQL, values, prepare=True)]
    return auth, _pulled(rows, cursor, limit, auth.top, auth.visible or [], now)


def _give_back(pooled: Any, driver: Any, postgres: bool, exc: BaseException) -> None:
    """A pooled connection after `exc`: back to the pool when it is as the pool gave it (open,
    not in autocommit), else thrown away."""
    if not driver_broken(driver) and (not postgres or _autocommit_off(driver)):
        pooled.close()
    else:
        pooled.invalidate(exc)


def _autocommit_off(driver: Any) -> bool:
    try:
        driver.autocommit = False
    except Exception:
        return False
    return True


def case_history_answer(engine: Engine, token: str | None, case_id: str, upto: int) -> bytes:
    """GET /v1/cases/{id}/changes: authenticated and answered in one transaction; the
    answer is CaseHistory's JSON. Raises as pull_answer does, and NotFound."""
    with engine.begin() as conn:
        who = authenticated(conn, token, time.time()).who
        rows = history_in(conn, who, case_id, upto)
    return history_json(case_id, rows)


# --- answers ------------------------------------------------------------------------------


C = TypeVar("C", bound=Change)


def stored_change(row: Any, model: type[C] = Change, **extra: Any) -> C:  # type: ignore[assignment]
    """A change as the server stored it (a row of `changes` or `late_arrivals`) in the wire
    model `model`, with `extra` fields (a pull's `seq`)."""
    return model(
        change_id=row.change_id,
        record_type=row.record_type,
        record_id=row.record_id,
        fields=json.loads(row.fields),
        hlc=row.hlc,
        device_id=row.device_id,
        created=row.created,
        **extra,
    )


def server_change(row: Any) -> ServerChange:
    """A stored change (a row of `changes`) as the wire model."""
    return stored_change(row, ServerChange, seq=row.seq)


def pull_response(pulled: Pulled) -> PullResponse:
    """The pull as the wire model (for callers in Python; HTTP answers with pull_json)."""
    return PullResponse(
        changes=[server_change(r) for r in pulled.rows],
        cursor=pulled.cursor,
        more=pulled.more,
        visible_cases=pulled.visible,
        server_time_ms=int(pulled.now * 1000),
    )


def pull_json(pulled: Pulled) -> bytes:
    """The pull's answer as JSON bytes (ASCII, every other character escaped), equal as
    JSON to pull_response(pulled)'s: each change's fields are the JSON text the server
    stored (json.dumps at push), set in place rather than parsed and written again."""
    parts = [change_json(r) for r in pulled.rows]
    cases = ",".join(encode_basestring_ascii(c) for c in pulled.visible)
    return (
        f'{{"changes":[{",".join(parts)}],"cursor":{int(pulled.cursor)},'
        f'"more":{"true" if pulled.more else "false"},"visible_cases":[{cases}],'
        f'"server_time_ms":{int(pulled.now * 1000)}}}'
    ).encode("ascii")


def history_json(case_id: str, rows: Sequence[Any]) -> bytes:
    """A case's history (CaseHistory) as JSON bytes, like pull_json."""
    body = ",".join(change_json(r) for r in rows)
    return f'{{"case_id":{encode_basestring_ascii(case_id)},"changes":[{body}]}}'.encode("ascii")


def change_json(row: Any) -> str:
    """One stored change as the JSON of ServerChange (same keys, same order)."""
    fields = row.fields
    if "NaN" in fields or "Infinity" in fields:
        # Not JSON (json.dumps writes a non-finite number so; no server stores one now, an
        # older one might have): the model's way, which writes it as null. A string value
        # holding the word goes this way too, to the same result.
        return json.dumps(server_change(row).model_dump(mode="json"), separators=(",", ":"))
    return (
        f'{{"change_id":{encode_basestring_ascii(row.change_id)},'
        f'"record_type":{encode_basestring_ascii(row.record_type)},'
        f'"record_id":{encode_basestring_ascii(row.record_id)},'
        f'"fields":{fields},'
        f'"hlc":{encode_basestring_ascii(row.hlc)},'
        f'"device_id":{encode_basestring_ascii(row.device_id)},'
        f'"created":{"true" if row.created else "false"},'
        f'"seq":{int(row.seq)}}}'
    )
