"""The quick pull (sync/server/pull_route.py, pulling.quick_device): a pull as every client
sends it is answered before FastAPI's endpoint, in one statement outside a transaction, and
must answer exactly as the endpoint does; a database connection PostgreSQL ended is
replaced without a failed request (the pool no longer pings before every use)."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
from sqlalchemy import event, select, text, update

from sync.server import admin, pulling, service, store
from sync.server.store import devices, users
from tests.sync.server_harness import PASSWORD, connect_admin
from tests.sync.test_pull_path import _case  # a case of the worker's own, pushed

# FastAPI reads a +json type as JSON too; the quick path takes application/json only, so the
# same body under this type is the endpoint's answer.
ENDPOINT_TYPE = "application/vnd.koers+json"

BODIES = [
    b'{"cursor": 0}',
    b'{"cursor": 0, "limit": 1}',
    b'{"protocol": 1, "cursor": 1, "limit": 500}',
    b'{"cursor": 99999999}',
    b'{"cursor": 9223372036854775807}',
    b'{"cursor": 9223372036854775808}',
    b'{"cursor": -1}',
    b'{"cursor": 0, "limit": 0}',
    b'{"cursor": 0, "limit": 501}',
    b'{"cursor": 0, "limit": 100000}',
    b'{"cursor": "3"}',
    b'{"cursor": 3.0}',
    b'{"cursor": 3.5}',
    b'{"cursor": true}',
    b'{"cursor": null}',
    b'{"cursor": NaN}',
    b'{"cursor": 1e3}',
    b'{"cursor": 0, "protocol": "x"}',
    b'{"cursor": 0, "other": 1}',
    b'{"cursor": 1, "cursor": 0}',
    b'{"limit": 5}',
    b"{}",
    b"[]",
    b'"cursor"',
    b"0",
    b"",
    b"{",
    b"[" * 600 + b"]" * 600,
    b'{"cursor": 0}   ',
    '{"cursor": 0, "x": "\u00e9"}'.encode(),
    b'{"cursor": 0, "x": "\xff"}',
]


def _answer(response: httpx.Response) -> tuple[int, Any, str | None]:
    try:
        body = response.json()
    except ValueError:
        body = response.text
    if isinstance(body, dict):
        body.pop("server_time_ms", None)
    return response.status_code, body, response.headers.get("content-type")


def test_the_quick_path_answers_every_body_as_the_endpoint_does(server) -> None:
    server.add_user("anna")
    enrolled = service.enroll(server.engine, "anna", PASSWORD, "laptop", clock_id="annaclock")
    _case(server, enrolled.token, "anna")
    auth = {"Authorization": f"Bearer {enrolled.token}"}
    with httpx.Client(base_url=server.url, timeout=30) as client:
        client.post("/v1/pull", json={"cursor": 0}, headers=auth).raise_for_status()  # seen
        for body in BODIES:
            quick = client.post(
                "/v1/pull", content=body, headers={**auth, "Content-Type": "application/json"}
            )
            endpoint = client.post(
                "/v1/pull", content=body, headers={**auth, "Content-Type": ENDPOINT_TYPE}
            )
            assert _answer(quick) == _answer(endpoint), body[:40]
            assert quick.status_code < 500, body[:40]
        # The quick path took the usual body: an empty pull at the newest cursor.
        top = client.post("/v1/pull", json={"cursor": 0}, headers=auth).json()["cursor"]
        again = client.post("/v1/pull", json={"cursor": top}, headers=auth)
        assert again.status_code == 200 and again.json()["changes"] == []
        assert again.json()["cursor"] == top and again.json()["more"] is False
        assert again.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    "caller", ["none", "forged", "not bearer", "expired", "disabled", "revoked"]
)
def test_a_refused_token_gets_the_endpoints_answer(server, caller: str) -> None:
    server.add_user("anna")
    enrolled = service.enroll(server.engine, "anna", PASSWORD, "laptop", clock_id="annaclock")
    headers = {"Authorization": f"Bearer {enrolled.token}"}
    if caller == "none":
        headers = {}
    elif caller == "forged":
        headers = {"Authorization": "Bearer " + "x" * 43}
    elif caller == "not bearer":
        headers = {"Authorization": f"Basic {enrolled.token}"}
    elif caller == "expired":
        with server.engine.begin() as conn:
            conn.execute(
                update(devices)
                .where(devices.c.id == enrolled.device_id)
                .values(expires_at=time.time() - 1)
            )
    elif caller == "disabled":
        # (disable_user revokes the devices too: 410; an account disabled some other way
        # while its device still holds is refused 403.)
        with server.engine.begin() as conn:
            conn.execute(update(users).where(users.c.name == "anna").values(disabled=True))
    else:
        admin.revoke_device(server.engine, enrolled.device_id)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        quick = client.post(
            "/v1/pull",
            content=b'{"cursor": 0}',
            headers={**headers, "Content-Type": "application/json"},
        )
        if caller == "revoked":
            # The first answer to a revoked device writes when the wipe was first told.
            with server.engine.connect() as conn:
                told = conn.execute(
                    select(devices.c.wipe_sent_at).where(devices.c.id == enrolled.device_id)
                ).scalar_one()
            assert told is not None
        endpoint = client.post(
            "/v1/pull",
            content=b'{"cursor": 0}',
            headers={**headers, "Content-Type": ENDPOINT_TYPE},
        )
    assert _answer(quick) == _answer(endpoint)
    expected = {"revoked": 410, "disabled": 403}.get(caller, 401)
    assert quick.status_code == expected
    assert quick.json()["wipe"] is (caller == "revoked")


def _end_server_connections(server: Any) -> int:
    """pg_terminate_backend for every connection to the server's database but this one,
    and wait until they are gone. Returns how many there were."""
    name = server.database_url.rsplit("/", 1)[-1]
    maintenance = connect_admin(server.database_url)
    try:
        with maintenance.connect() as conn:
            ended = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            ).scalar_one()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                left = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                ).scalar_one()
                if left == 0:
                    break
                time.sleep(0.05)
    finally:
        maintenance.dispose()
    return int(ended)


def _requests_all_answer(server: Any, token: str, case_id: str | None = None) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.url, timeout=30) as client:
        for _ in range(3):
            assert client.post("/v1/pull", json={"cursor": 0}, headers=auth).status_code == 200
            assert client.get("/v1/me", headers=auth).status_code == 200
            push = client.post("/v1/push", json={"changes": []}, headers=auth)
            assert push.status_code == 200, push.text


def test_connections_postgresql_ended_are_replaced_without_a_failed_request(server) -> None:
    if not server.database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL ends connections; SQLite has none to end")
    server.add_user("anna")
    enrolled = service.enroll(server.engine, "anna", PASSWORD, "laptop", clock_id="annaclock")
    _case(server, enrolled.token, "anna")
    _requests_all_answer(server, enrolled.token)
    assert _end_server_connections(server) >= 1
    _requests_all_answer(server, enrolled.token)


def test_the_quick_read_reconnects_when_the_connection_died_after_checkout(server) -> None:
    # Without the checkout check (a connection that dies between the check and the read):
    # the read is sent on a dead connection and made again on a fresh one.
    if not server.database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL ends connections; SQLite has none to end")
    server.add_user("anna")
    enrolled = service.enroll(server.engine, "anna", PASSWORD, "laptop", clock_id="annaclock")
    hashed = pulling.token_hash(enrolled.token)
    assert pulling.quick_device(server.engine, hashed) is not None
    event.remove(server.engine, "checkout", store._closed_by_server)
    try:
        _end_server_connections(server)
        row = pulling.quick_device(server.engine, hashed)
    finally:
        event.listen(server.engine, "checkout", store._closed_by_server)
    assert row is not None and row.user_name == "anna"
    answer = json.loads(pulling.pull_answer(server.engine, enrolled.token, 0, 500))
    assert len(answer["changes"]) == 0 and answer["visible_cases"] == []
