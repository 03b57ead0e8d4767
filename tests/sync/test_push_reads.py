"""The push's reads by id lists (records.InList) go straight on the driver on PostgreSQL: they
give the rows SQLAlchemy's own execution gives, a value the database refuses raises the
error SQLAlchemy raises (the app answers a DataError with 422), and a case
id read before the schema's check (a null byte in it) is refused as before."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DataError, DBAPIError

from storage.hlc import Hlc
from sync.server import access, admin, records, service, store
from tests.sync.server_harness import PASSWORD, LiveServer, database
from tests.sync.wire_records import created_fields

CLOCK = "clock-anna"
READS = [
    records._BY_IDS,
    records._VALUES,
    service._SEEN,
    service._LATE_SEEN,
    service._ASSIGNED,
    service._HELD_BEFORE,
    service._WITNESS,
    service._LATE_OF,
]


def _change(record_type: str, record_id: str, fields: dict[str, Any], wall: int) -> dict:
    return {
        "change_id": str(uuid.uuid4()),
        "record_type": record_type,
        "record_id": record_id,
        "fields": fields,
        "hlc": Hlc(wall, 0, CLOCK).encode(),
        "created": True,
    }


@pytest.fixture
def live(tmp_path: Path):  # type: ignore[no-untyped-def]
    with database("postgresql", tmp_path) as url:
        server = LiveServer(url).start()
        try:
            admin.add_user(server.engine, "anna", PASSWORD, "worker", None)
            yield server
        finally:
            server.stop()


def _push(live: LiveServer, token: str, *changes: dict) -> httpx.Response:
    return httpx.post(
        f"{live.url}/v1/push",
        content=json.dumps({"changes": list(changes)}),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
    )


def _anna_with_a_case(live: LiveServer) -> tuple[str, int]:
    """Anna's laptop enrolled and its push of case-1 taken: (its token, the wall time in ms
    the case was stamped with; later stamps add to it)."""
    token = service.enroll(live.engine, "anna", PASSWORD, "laptop", clock_id=CLOCK).token
    wall = int(time.time() * 1000) - 60_000
    answer = _push(live, token, _change("case", "case-1", created_fields("case"), wall))
    assert answer.json()["rejected"] == []
    return token, wall


def test_the_reads_on_the_driver_give_what_sqlalchemy_gives(live: LiveServer) -> None:
    token = service.enroll(live.engine, "anna", PASSWORD, "laptop", clock_id=CLOCK).token
    wall = int(time.time() * 1000) - 60_000
    case_id = f"case-{uuid.uuid4()}"
    sent = [_change("case", case_id, created_fields("case"), wall)]
    sent += [
        _change("contact", f"contact-{n}", created_fields("contact", case_id), wall + n)
        for n in range(1, 4)
    ]
    assert _push(live, token, *sent).json()["rejected"] == []
    with live.engine.begin() as conn:  # the reads run in a transaction, as a push's do
        seqs = list(conn.execute(select(store.changes.c.seq)).scalars())
        ids = [c["record_id"] for c in sent] + ["no-such-record"]
        values = {
            "ids": ids,
            "seqs": seqs + [10**9],
            "cids": [c["change_id"] for c in sent] + ["no-such-change"],
            "cases": [case_id, "no-such-case"],
            "user": 1,
            "top": 0,
        }
        lists = ("ids", "seqs", "cids", "cases")
        for read in READS:
            wanted = {k: v for k, v in values.items() if k in read.postgresql.compile().params}
            if read in (service._SEEN, service._LATE_SEEN):
                wanted["ids"] = values["cids"]
            quick = read.run(conn, wanted, lists)
            bound = {k: json.dumps(list(v)) if k in lists else v for k, v in wanted.items()}
            slow = conn.execute(read.postgresql, bound).all()
            assert [tuple(r) for r in quick] == [tuple(r) for r in slow]
            named = [
                k
                for k in read.postgresql.selected_columns.keys()
                if not k.startswith(("anon", "_"))
            ]
            assert [[getattr(r, k) for k in named] for r in quick] == [
                [getattr(r, k) for k in named] for r in slow
            ]
        assert records._BY_IDS.run(conn, {"ids": ["no-such-record"]}, ("ids",)).first() is None


def test_a_value_the_database_refuses_raises_as_sqlalchemy_raises_it(live: LiveServer) -> None:
    _anna_with_a_case(live)  # a row to read the list for
    bad = {"seqs": ["not a number"]}
    with live.engine.connect() as conn, pytest.raises(DBAPIError) as slow:
        conn.execute(records._VALUES.postgresql, {"seqs": json.dumps(bad["seqs"])})
    with pytest.raises(DBAPIError) as quick, live.engine.begin() as conn:
        records._VALUES.run(conn, bad, ("seqs",))
    assert type(quick.value) is type(slow.value) is DataError
    assert str(quick.value.orig) == str(slow.value.orig)
    with live.engine.begin() as conn:  # the pool's connection serves again
        assert [r.seq for r in records._VALUES.run(conn, {"seqs": [1]}, ("seqs",))] == [1]


def test_a_case_id_with_a_null_byte_is_refused_and_stores_nothing(live: LiveServer) -> None:
    token = service.enroll(live.engine, "anna", PASSWORD, "laptop", clock_id=CLOCK).token
    wall = int(time.time() * 1000) - 60_000
    fields = created_fields("contact", "case-\x00-nul")
    answer = _push(live, token, _change("contact", "contact-1", fields, wall))
    assert answer.status_code == 200
    assert [r["code"] for r in answer.json()["rejected"]] == ["invalid"]
    with live.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(store.changes)).scalar_one() == 0


def _advisory_locks(live: LiveServer, pid: int) -> int:
    with live.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND objid = 4242 AND pid = :pid"
                ),
                {"pid": pid},
            ).scalar_one()
        )


def test_the_writers_lock_taken_on_the_driver_is_held_until_the_commit(live: LiveServer) -> None:
    with live.engine.begin() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        assert _advisory_locks(live, pid) == 0
        store.serialise_writers(conn)
        # Held by this transaction (a statement in autocommit would have let it go).
        assert _advisory_locks(live, pid) == 1
        assert conn.in_transaction()
    assert _advisory_locks(live, pid) == 0


def test_a_statement_on_the_driver_fails_as_sqlalchemy_fails_it(live: LiveServer) -> None:
    secret = "06-98765432"
    for sql, params in (
        ("SELECT CAST(%s AS integer)", (secret,)),  # DataError
        ("SELECT 1 / (CAST(%s AS integer) - CAST(%s AS integer))", (7, 7)),  # DataError
        (  # IntegrityError
            "INSERT INTO rate_limits (key, window_start, attempts) VALUES (%s, 0, 1), (%s, 0, 1)",
            (secret, secret),
        ),
    ):
        with live.engine.connect() as conn, pytest.raises(DBAPIError) as slow:
            conn.exec_driver_sql(sql, params)
        with pytest.raises(DBAPIError) as quick, live.engine.begin() as conn:
            store.on_driver(conn, sql, params)
        assert type(quick.value) is type(slow.value), sql
        assert type(quick.value.orig) is type(slow.value.orig), sql
        assert str(quick.value.orig) == str(slow.value.orig), sql
        # The same text, without the statement's values (the engine hides them).
        assert str(quick.value) == str(slow.value), sql
        assert "[parameters:" not in str(quick.value), sql
    with live.engine.begin() as conn:  # nothing was left behind: the pool serves again
        assert store.on_driver(conn, "SELECT 1", None) == [(1,)]
        assert store.on_driver(conn, "SELECT 1 WHERE false", None) == []
        insert = "INSERT INTO rate_limits (key, window_start, attempts) VALUES (%s, 0, 1)"
        assert store.on_driver(conn, insert, ("k",)) == []  # no rows to give
        returning = "UPDATE rate_limits SET attempts = 2 WHERE key = %s RETURNING attempts"
        assert store.on_driver(conn, returning, ("k",)) == [(2,)]


def test_a_connection_the_database_ended_is_not_used_again(live: LiveServer) -> None:
    token, wall = _anna_with_a_case(live)
    with pytest.raises(DBAPIError), live.engine.begin() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        with live.engine.connect() as other:  # another connection ends this one's backend
            other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
        records._VALUES.run(conn, {"seqs": [1]}, ("seqs",))
    # Every push after it is served on a live connection.
    for n in range(1, 15):
        fields = {"phone": f"06-{n:08d}"}
        edit = {**_change("case", "case-1", fields, wall + n), "created": False}
        answer = _push(live, token, edit)
        assert answer.status_code == 200 and answer.json()["rejected"] == []


def test_a_push_whose_last_write_fails_leaves_nothing_stored(
    live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The push's writes go on the driver inside its one transaction: when a statement after
    the changes' INSERT fails, the rolled-back transaction takes the changes with it (a
    write made outside it would stay)."""
    token, wall = _anna_with_a_case(live)
    with live.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(store.changes)).scalar_one()
    monkeypatch.setattr(service, "_UPDATE_WINNERS_PG", "UPDATE no_such_table SET x = %s")
    edit = {**_change("case", "case-1", {"phone": "06-12345678"}, wall + 1), "created": False}
    assert _push(live, token, edit).status_code == 500
    with live.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(store.changes)).scalar_one() == stored
    monkeypatch.undo()
    assert _push(live, token, edit).json()["rejected"] == []  # the same push, taken now


def test_the_cases_read_on_the_driver_are_those_sqlalchemy_reads(live: LiveServer) -> None:
    """access's readable and writable cases, read on the driver inside a transaction (a
    push's), are the ones SQLAlchemy reads for every role, with and without a team."""
    admin.add_team(live.engine, "Noord", True)
    admin.add_team(live.engine, "Zuid", False)
    people = [("bert", "worker", "Noord"), ("cor", "worker", "Zuid")]
    people += [("tess", "teamleider", "Noord"), ("gw", "gedragswetenschapper", "Zuid")]
    for name, role, team in people:
        admin.add_user(live.engine, name, PASSWORD, role, team)
    wall = int(time.time() * 1000) - 60_000
    for name in ("anna", "bert", "cor", "tess"):
        token = service.enroll(live.engine, name, PASSWORD, "laptop", clock_id=name).token
        for n in range(2):
            case = {**_change("case", f"case-{name}-{n}", created_fields("case"), wall + n)}
            case["hlc"] = Hlc(wall + n, 0, name).encode()
            assert _push(live, token, case).json()["rejected"] == []
    checked = 0
    for name in ("anna", "bert", "cor", "tess", "gw"):
        who = service.authenticate(
            live.engine,
            service.enroll(live.engine, name, PASSWORD, "other", clock_id=f"o-{name}").token,
        )
        slow = []
        for read in (access.readable_cases, access.writable_cases):
            with live.engine.connect() as conn:  # no transaction yet: SQLAlchemy's execution
                assert not conn.in_transaction()
                slow.append(read(conn, who))
        with live.engine.begin() as conn:
            quick = [access.readable_cases(conn, who), access.writable_cases(conn, who)]
        assert quick == slow, name
        checked += len(slow[0])
    assert checked >= 12


def test_statements_on_the_driver_run_in_their_own_transaction(live: LiveServer) -> None:
    """Two transactions at once, each on its connection (and its kept cursor): each sees its
    own writes only, and what one rolls back is gone while the other's commit stays."""
    insert = "INSERT INTO rate_limits (key, window_start, attempts) VALUES (%s, 0, 1)"
    keys = "SELECT key FROM rate_limits ORDER BY key"
    for _ in range(3):  # again on the same pooled connections, their cursors kept
        with pytest.raises(RuntimeError), live.engine.begin() as first:
            with live.engine.begin() as second:
                store.on_driver(first, insert, ("first",))
                store.on_driver(second, insert, ("second",))
                assert store.on_driver(first, keys, None) == [("first",)]
                assert store.on_driver(second, keys, None) == [("second",)]
            raise RuntimeError("the first one rolls back")
        with live.engine.begin() as conn:
            assert store.on_driver(conn, keys, None) == [("second",)]
            store.on_driver(conn, "DELETE FROM rate_limits", None)
