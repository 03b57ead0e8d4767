"""Every endpoint against every kind of caller: the server leaks no case and accepts no
write that the account may not make."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest
from sqlalchemy import update

from sync.server import admin
from sync.server.store import devices
from tests.sync.server_harness import PASSWORD
from tests.sync.wire_records import created_fields

# The clock id each token's laptop registered: its changes are stamped with it.
CLOCKS: dict[str, str] = {}
# A stamp for a change that a test signs for its token on the way (hlc_of).
HLC = "001795385898792:00000:dev"


def hlc_of(token: str | None, wall_ms: int = 1795385898792) -> str:
    """A stamp of the laptop behind `token` (the clock id it registered) at `wall_ms`."""
    return f"{wall_ms:015d}:00000:{CLOCKS.get(token or '', 'dev')}"


def enroll(server, user: str) -> tuple[str, str]:
    clock = f"dev-{uuid.uuid4().hex[:8]}"
    answer = httpx.post(
        f"{server.url}/v1/enroll",
        json={"user": user, "password": PASSWORD, "device_name": "t", "clock_id": clock},
    ).json()
    CLOCKS[answer["token"]] = clock
    return answer["device_id"], answer["token"]


def create_case(server, token: str) -> str:
    case_id = str(uuid.uuid4())
    change = {
        "change_id": str(uuid.uuid4()),
        "record_type": "case",
        "record_id": case_id,
        "fields": created_fields("case"),
        "hlc": hlc_of(token),
        "device_id": "dev",
        "created": True,
    }
    response = httpx.post(f"{server.url}/v1/push", headers=auth(token), json={"changes": [change]})
    assert response.json()["accepted"] == [change["change_id"]]
    return case_id


def auth(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token is not None else {}


def contact_change(case_id: str, token: str | None = None) -> dict:
    return {
        "change_id": str(uuid.uuid4()),
        "record_type": "contact",
        "record_id": str(uuid.uuid4()),
        "fields": created_fields("contact", case_id, status="gedaan"),
        "hlc": hlc_of(token),
        "device_id": "dev",
        "created": True,
    }


def call(server, endpoint: str, token: str | None, case_id: str) -> httpx.Response:
    if endpoint == "me":
        return httpx.get(f"{server.url}/v1/me", headers=auth(token))
    if endpoint == "push":
        return httpx.post(
            f"{server.url}/v1/push",
            headers=auth(token),
            json={"changes": [contact_change(case_id, token)]},
        )
    if endpoint == "pull":
        return httpx.post(f"{server.url}/v1/pull", headers=auth(token), json={"cursor": 0})
    return httpx.get(f"{server.url}/v1/cases/{case_id}/changes", headers=auth(token))


@pytest.fixture
def world(server):  # type: ignore[no-untyped-def]
    admin.add_team(server.engine, "Noord", shares_caseload=True)
    admin.add_team(server.engine, "Zuid")
    server.add_user("anna", team="Noord")
    server.add_user("noor", team="Noord")
    server.add_user("zoe", team="Zuid")
    tokens = {name: enroll(server, name) for name in ("anna", "noor", "zoe")}
    own = create_case(server, tokens["anna"][1])
    team = create_case(server, tokens["noor"][1])
    other = create_case(server, tokens["zoe"][1])
    return {"tokens": tokens, "own": own, "team": team, "other": other}


ENDPOINTS = ("me", "push", "pull", "history")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_cases_by_relation(server, world, endpoint: str) -> None:
    token = world["tokens"]["anna"][1]
    for relation, allowed in (("own", True), ("team", True), ("other", False)):
        response = call(server, endpoint, token, world[relation])
        assert response.status_code == (
            200 if allowed or endpoint in ("push", "pull", "me") else 404
        ), (relation, response.text)
        body = response.text
        if endpoint == "push":
            rejected = response.json()["rejected"]
            assert (rejected == []) == allowed, relation
        if endpoint in ("pull", "history") and not allowed:
            assert world["other"] not in body  # not even the id of another team's case
        if endpoint == "pull" and allowed:
            assert world[relation] in response.json()["visible_cases"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("caller", ["revoked", "expired", "forged", "none"])
def test_bad_callers_get_nothing(server, world, endpoint: str, caller: str) -> None:
    device_id, token = world["tokens"]["anna"]
    if caller == "revoked":
        admin.revoke_device(server.engine, device_id)
    elif caller == "expired":
        with server.engine.begin() as conn:
            conn.execute(
                update(devices).where(devices.c.id == device_id).values(expires_at=time.time() - 1)
            )
    elif caller == "forged":
        token = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    else:
        token = None
    response = call(server, endpoint, token, world["own"])
    expected = 410 if caller == "revoked" else 401
    assert response.status_code == expected, response.text
    assert world["own"] not in response.text
    assert response.json()["wipe"] is (caller == "revoked")


def test_teamleider_reads_and_writes_the_team(server, world) -> None:
    server.add_user("tessa", role="teamleider", team="Noord")
    _, token = enroll(server, "tessa")
    visible = call(server, "pull", token, "").json()["visible_cases"]
    assert set(visible) == {world["own"], world["team"]}
    assert call(server, "push", token, world["own"]).json()["rejected"] == []
    assert call(server, "push", token, world["other"]).json()["rejected"] != []


def test_gedragswetenschapper_reads_but_does_not_write(server, world) -> None:
    server.add_user("gert", role="gedragswetenschapper", team="Noord")
    _, token = enroll(server, "gert")
    assert world["own"] in call(server, "pull", token, "").json()["visible_cases"]
    assert call(server, "push", token, world["own"]).json()["rejected"] != []


def test_beheerder_cannot_enrol(server, world) -> None:
    server.add_user("bea", role="beheerder")
    response = httpx.post(
        f"{server.url}/v1/enroll", json={"user": "bea", "password": PASSWORD, "device_name": "t"}
    )
    assert response.status_code == 403


def test_password_guessing_is_throttled(server, world) -> None:
    codes = [
        httpx.post(
            f"{server.url}/v1/enroll",
            json={"user": "zoe", "password": f"gok-{i}", "device_name": "t"},
        ).status_code
        for i in range(7)
    ]
    assert codes[:5] == [401] * 5 and codes[-1] == 429
    # Even the right password waits now: the lock is stored, not kept in memory.
    right = httpx.post(
        f"{server.url}/v1/enroll", json={"user": "zoe", "password": PASSWORD, "device_name": "t"}
    )
    assert right.status_code == 429 and int(right.headers["Retry-After"]) >= 1


def _stored_changes(server) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from sync.server.store import changes

    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(changes)).scalar_one())


def test_a_replayed_request_is_stored_once_and_refused_after_revocation(server, world) -> None:
    device_id, token = world["tokens"]["anna"]
    captured = {"changes": [contact_change(world["own"], token)]}  # what an eavesdropper kept

    def replay() -> httpx.Response:
        return httpx.post(f"{server.url}/v1/push", headers=auth(token), json=captured)

    assert replay().status_code == 200
    stored = _stored_changes(server)
    assert replay().status_code == 200 and _stored_changes(server) == stored  # idempotent
    admin.revoke_device(server.engine, device_id)
    refused = replay()
    assert refused.status_code == 410 and _stored_changes(server) == stored


def test_a_token_of_another_server_is_refused(server, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.sync.server_harness import LiveServer

    elsewhere = LiveServer(f"sqlite:///{tmp_path / 'elsewhere.db'}").start()
    try:
        elsewhere.add_user("anna")
        _, foreign_token = enroll(elsewhere, "anna")
    finally:
        elsewhere.stop()
    response = call(server, "pull", foreign_token, "")
    assert response.status_code == 401 and world["own"] not in response.text
