"""A pull that serves changes, on PostgreSQL in one statement (pulling._SERVING_SQL, which
pull_answer runs on the quick read's connection), must serve and write exactly what pull_in
does in its transaction: the same answer bytes, the same central access-log lines (one per
case served, none for organisation records or for a pull that serves none) and the same
last_seen, for every role, cursor and limit."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select, update

from sync.server import admin, pulling, service
from sync.server.store import audit_log, changes, devices, users
from tests.sync.test_pull_path import CLOCK, _case, _enrol

PEOPLE = (
    ("anna", "worker", "Noord"),
    ("bert", "worker", "Zuid"),
    ("tess", "teamleider", "Zuid"),
    ("gw", "gedragswetenschapper", "Noord"),
)


def _organisation_change(server, user_id: int) -> None:  # type: ignore[no-untyped-def]
    with server.engine.begin() as conn:
        conn.execute(
            insert(changes).values(
                change_id=str(uuid.uuid4()),
                record_type="social_map_entry",
                record_id=str(uuid.uuid4()),
                case_id=None,
                fields='{"name": "Huisarts"}',
                hlc=f"{int(time.time() * 1000):015d}:00000:org",
                device_id="org",
                user_id=user_id,
                created=True,
                received_at=time.time(),
            )
        )


def _lines(server, after: int) -> list[tuple[Any, ...]]:  # type: ignore[no-untyped-def]
    """The access-log lines after id `after`, in id order, without id and time."""
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(audit_log).where(audit_log.c.id > after).order_by(audit_log.c.id)
        ).all()
    return [
        tuple(v for k, v in row._mapping.items() if k not in ("id", "received_at")) for row in rows
    ]


def _last_line(server) -> int:  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return int(
            conn.execute(select(audit_log.c.id).order_by(audit_log.c.id.desc())).scalar() or 0
        )


def _set_seen(server, device_id: str, seen: float | None) -> None:  # type: ignore[no-untyped-def]
    with server.engine.begin() as conn:
        conn.execute(update(devices).where(devices.c.id == device_id).values(last_seen=seen))


def _seen(server, device_id: str) -> float | None:  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return conn.execute(
            select(devices.c.last_seen).where(devices.c.id == device_id)
        ).scalar_one()


def _both(server, token: str, cursor: int, limit: int, seen: float | None):  # type: ignore[no-untyped-def]
    """(answer, lines, last_seen) of pull_in's way, then of pull_answer's (on PostgreSQL the
    serving statement on the quick read's connection), from the same state (last_seen put
    back to `seen` before each)."""
    now = time.time()
    made = []
    for quick in (False, True):
        with server.engine.connect() as conn:
            auth = pulling.authenticated(conn, token, now, with_top=True)
        _set_seen(server, auth.who.device_id, seen)
        auth = pulling.Authenticated(auth.who, auth.shares, seen, auth.top, auth.visible)
        before = _last_line(server)
        if quick:  # the server's own way: the quick read, then the serving statement
            answer = pulling.pull_answer(server.engine, token, cursor, limit, now)
        else:
            with server.engine.begin() as conn:
                answer = pulling.pull_json(pulling.pull_in(conn, auth, cursor, limit, now))
        made.append((answer, _lines(server, before), _seen(server, auth.who.device_id)))
    return made


def test_one_statement_serves_and_writes_what_the_transaction_does(server) -> None:
    if not server.database_url.startswith("postgresql"):
        pytest.skip("the one-statement pull is PostgreSQL's; SQLite pulls in pull_in")
    admin.add_team(server.engine, "Noord", True)
    admin.add_team(server.engine, "Zuid", False)
    for name, role, team in PEOPLE:
        server.add_user(name, role, team)
    tokens = {name: _enrol(server, name) for name, _, _ in PEOPLE}
    anna = service.authenticate(server.engine, tokens["anna"])
    _case(server, tokens["anna"], "anna")
    _organisation_change(server, anna.user_id)
    _case(server, tokens["bert"], "bert")
    _case(server, tokens["bert"], "bert", display_name="Zoë 🌷 ‘aan huis’")
    _organisation_change(server, anna.user_id)
    _case(server, tokens["tess"], "tess")
    _case(server, tokens["anna"], "anna")
    with server.engine.connect() as conn:
        top = int(conn.execute(select(changes.c.seq).order_by(changes.c.seq.desc())).scalar())
    seen_now, seen_long_ago = time.time(), time.time() - pulling.LAST_SEEN_EVERY_S - 5
    checked = 0
    for name in tokens:
        for cursor in range(0, top + 1):
            for limit in (1, 2, 500):
                for seen in (None, seen_long_ago, seen_now):
                    slow, quick = _both(server, tokens[name], cursor, limit, seen)
                    assert quick == slow, (name, cursor, limit, seen)
                    checked += bool(slow[1])
    assert checked > 50  # most of them served case data and wrote lines


def test_a_pull_over_http_serves_a_colleagues_edit_and_logs_it(server) -> None:
    admin.add_team(server.engine, "Noord", True)
    server.add_user("anna", "worker", "Noord")
    server.add_user("gw", "gedragswetenschapper", "Noord")
    anna, gw = _enrol(server, "anna"), _enrol(server, "gw")
    case_id = _case(server, anna, "anna")
    with httpx.Client(base_url=server.url, timeout=30) as client:
        first = client.post(
            "/v1/pull", json={"cursor": 0}, headers={"Authorization": f"Bearer {gw}"}
        ).json()
    assert [c["record_id"] for c in first["changes"]] == [case_id]
    assert first["visible_cases"] == [case_id] and first["more"] is False
    lines = _lines(server, 0)
    assert [(line[4], line[7], line[8]) for line in lines[-1:]] == [("gw", case_id, "pull")]
    assert json.dumps(first["changes"][0]["fields"])  # the stored JSON, as JSON
    assert CLOCK["anna"] in first["changes"][0]["hlc"]


def _idle_connections_in_autocommit(server) -> list[bool]:  # type: ignore[no-untyped-def]
    """Whether each connection the pool holds idle is in autocommit (every one is checked
    out once, then all given back)."""
    pooled = [server.engine.raw_connection() for _ in range(server.engine.pool.checkedin())]
    try:
        return [bool(p.driver_connection.autocommit) for p in pooled]
    finally:
        for p in pooled:
            p.close()


def test_the_pulls_connection_goes_back_as_the_pool_gave_it(server, monkeypatch) -> None:
    """A pull reads the device and serves its changes on one connection in autocommit: it
    goes back to the pool out of autocommit (a push's transaction on it is one transaction)
    whether the pull served, was empty, was refused or failed in the serving statement."""
    if not server.database_url.startswith("postgresql"):
        pytest.skip("the one-statement pull is PostgreSQL's; SQLite pulls in pull_in")
    admin.add_team(server.engine, "Noord", True)
    server.add_user("anna", "worker", "Noord")
    server.add_user("gw", "gedragswetenschapper", "Noord")
    anna, gw = _enrol(server, "anna"), _enrol(server, "gw")
    _case(server, anna, "anna")
    auth = {"Authorization": f"Bearer {gw}"}
    with httpx.Client(base_url=server.url, timeout=30) as client:
        served = client.post("/v1/pull", json={"cursor": 0}, headers=auth)
        assert served.status_code == 200 and served.json()["changes"]
        empty = client.post("/v1/pull", json={"cursor": served.json()["cursor"]}, headers=auth)
        assert empty.status_code == 200 and not empty.json()["changes"]
        with server.engine.begin() as conn:  # disabled: refused after the read
            conn.execute(update(users).where(users.c.name == "gw").values(disabled=True))
        assert client.post("/v1/pull", json={"cursor": 0}, headers=auth).status_code == 403
        with server.engine.begin() as conn:
            conn.execute(update(users).where(users.c.name == "gw").values(disabled=False))
        monkeypatch.setattr(pulling, "_SERVING_SQL", "SELECT no_such_column FROM changes")
        # A request that failed so is answered 500 and its connection closed: one of its own.
        with httpx.Client(base_url=server.url, timeout=30) as once:
            failed = once.post("/v1/pull", json={"cursor": 0}, headers=auth)
        assert failed.status_code == 500
        monkeypatch.undo()
        again = client.post("/v1/pull", json={"cursor": 0}, headers=auth)
        assert again.json()["changes"] == served.json()["changes"]
    assert server.engine.pool.checkedin() >= 1
    assert not any(_idle_connections_in_autocommit(server))
