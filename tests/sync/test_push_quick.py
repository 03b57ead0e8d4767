"""The quick push (sync/server/push_route.py): a push sent as every client sends it is
answered before FastAPI's routing, and must answer exactly as the endpoint does: the same
status, bytes and headers for a push that is taken, refused change by change, refused whole
(bad JSON, a wrong shape, text the database cannot store, a body nested too deep) or sent
with a token the server does not honour (none, forged, expired, a disabled account, a
revoked device)."""

from __future__ import annotations

import json
import re
import time
import uuid

import httpx
import pytest
from sqlalchemy import func, select, update

from sync.server import admin, service
from sync.server.push_route import QuickPush
from sync.server.store import changes, devices, users
from tests.sync.server_harness import PASSWORD
from tests.sync.test_pull_path import _case  # a case of the worker's own, pushed

# validation.push_request reads a +json type as JSON too; the quick path takes
# application/json only, so the same body under this type is the endpoint's answer.
ENDPOINT_TYPE = "application/vnd.koers+json"
CLOCK = "annaclock"


def _edit(case_id: str, **extra: object) -> str:
    """A push body template: one edit of `case_id`, its change id left as {cid}."""
    stamp = f"{int(time.time() * 1000):015d}:00000:{CLOCK}"
    fields = extra.pop("fields", {"phone": "06-12345678"})
    change = {
        "change_id": "{cid}",
        "record_type": "case",
        "record_id": case_id,
        "fields": fields,
        "hlc": stamp,
        "device_id": CLOCK,
        "created": False,
        **extra,
    }
    return json.dumps({"changes": [change]})


def _bodies(case_id: str, other_case: str) -> list[str]:
    """Push bodies (templates: {cid} becomes a fresh change id per request)."""
    deep = "[" * 600 + "]" * 600
    return [
        _edit(case_id),
        _edit(case_id, fields={"phone": "06-\u00e9\u4e2d\U0001f337"}),
        _edit(case_id, fields={"no_such_field": 1}),  # invalid: answered change by change
        _edit(other_case),  # a case this account may not write: refused
        _edit(case_id, hlc="0:00000:" + CLOCK),  # a stamp before the device's floor
        _edit(case_id, hlc="999999999999999:00000:" + CLOCK),  # ahead of the clock
        _edit(case_id, hlc="not a stamp"),
        _edit(case_id, record_type="nonsense"),
        _edit("a\\u0000b"),  # a null byte in a record id: 422 whole
        _edit(case_id, fields={"phone": "\\ud800"}),  # a lone surrogate
        _edit(case_id, created="yes"),
        '{"changes": []}',
        '{"changes": [], "other": 1}',
        '{"changes": {}}',
        '{"changes": [1]}',
        "{}",
        "[]",
        "null",
        "",
        "{",
        '{"changes": [] ',
        deep,
        '{"changes": NaN}',
    ]


def _normal(response: httpx.Response, ids: list[str]) -> tuple[int, bytes, dict[str, str]]:
    """Status, body and headers with what differs between two equal requests put aside:
    the server time, the change ids the request made up, the date."""
    body = re.sub(rb'"server_time_ms":\d+', b'"server_time_ms":0', response.content)
    for cid in ids:
        body = body.replace(cid.encode(), b"{cid}")
    headers = {k: v for k, v in response.headers.items() if k not in ("date", "content-length")}
    return response.status_code, body, headers


def _push(
    client: httpx.Client, template: str, headers: dict[str, str], content_type: str
) -> tuple[int, bytes, dict[str, str]]:
    cid = str(uuid.uuid4())
    answer = client.post(
        "/v1/push",
        content=template.replace("{cid}", cid).encode("utf-8", "surrogatepass"),
        headers={**headers, "Content-Type": content_type},
    )
    return _normal(answer, [cid])


def _stored(server) -> int:  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(changes)).scalar_one())


def test_the_quick_push_answers_every_body_as_the_endpoint_does(server, monkeypatch) -> None:
    taken: list[bytes] = []
    quick_push = QuickPush._push

    async def counted(self, scope, receive, send):  # type: ignore[no-untyped-def]
        taken.append(dict(scope["headers"])[b"content-type"])
        await quick_push(self, scope, receive, send)

    monkeypatch.setattr(QuickPush, "_push", counted)
    server.add_user("anna")
    server.add_user("bert")
    anna = service.enroll(server.engine, "anna", PASSWORD, "laptop", clock_id=CLOCK)
    bert = service.enroll(server.engine, "bert", PASSWORD, "laptop", clock_id="bertclock")
    case_id = _case(server, anna.token, "anna")
    other_case = _case(server, bert.token, "bert")
    auth = {"Authorization": f"Bearer {anna.token}"}
    with httpx.Client(base_url=server.url, timeout=30) as client:
        client.post("/v1/pull", json={"cursor": 0}, headers=auth).raise_for_status()  # seen
        for template in _bodies(case_id, other_case):
            before = _stored(server)
            quick = _push(client, template, auth, "application/json")
            quick_stored = _stored(server) - before
            endpoint = _push(client, template, auth, ENDPOINT_TYPE)
            assert quick == endpoint, template[:60]
            assert _stored(server) - before == 2 * quick_stored, template[:60]
            assert quick[0] < 500, template[:60]
        # The same change again (a laptop that did not hear the answer): the same answer.
        again = _edit(case_id).replace("{cid}", str(uuid.uuid4()))
        first = _push(client, again, auth, "application/json")
        assert first[0] == 200 and b'"rejected":[]' in first[1]
        assert _push(client, again, auth, "application/json") == first
        assert _push(client, again, auth, ENDPOINT_TYPE) == first
        # A charset parameter is still JSON, and a header written in capitals.
        assert _push(client, again, auth, "Application/JSON; charset=utf-8") == first
    # Every push sent as application/json took the quick path, none of the others did.
    assert len(taken) == len(_bodies(case_id, other_case)) + 3
    assert all(t.split(b";")[0].lower() == b"application/json" for t in taken)


@pytest.mark.parametrize(
    "caller", ["none", "forged", "not bearer", "expired", "disabled", "revoked"]
)
def test_a_refused_token_gets_the_endpoints_answer_and_changes_nothing(server, caller: str) -> None:
    server.add_user("anna")
    enrolled = service.enroll(server.engine, "anna", PASSWORD, "laptop", clock_id=CLOCK)
    case_id = _case(server, enrolled.token, "anna")
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
        with server.engine.begin() as conn:
            conn.execute(update(users).where(users.c.name == "anna").values(disabled=True))
    else:
        admin.revoke_device(server.engine, enrolled.device_id)
    before = _stored(server)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        quick = _push(client, _edit(case_id), headers, "application/json")
        endpoint = _push(client, _edit(case_id), headers, ENDPOINT_TYPE)
        bad_body = _push(client, "{", headers, "application/json")
    assert quick == endpoint
    expected = {"revoked": 410, "disabled": 403}.get(caller, 401)
    assert quick[0] == expected
    # The token is checked before the body is read: a bad body gets the token's answer.
    assert bad_body == quick
    assert _stored(server) == before


def test_a_push_sent_otherwise_goes_to_the_endpoint(server) -> None:
    server.add_user("anna")
    enrolled = service.enroll(server.engine, "anna", PASSWORD, "laptop", clock_id=CLOCK)
    case_id = _case(server, enrolled.token, "anna")
    auth = {"Authorization": f"Bearer {enrolled.token}"}
    body = _edit(case_id).replace("{cid}", str(uuid.uuid4())).encode()

    def chunks():  # type: ignore[no-untyped-def]
        yield body

    with httpx.Client(base_url=server.url, timeout=30) as client:
        chunked = client.post(
            "/v1/push", content=chunks(), headers={**auth, "Content-Type": "application/json"}
        )
        assert chunked.status_code == 200 and chunked.json()["rejected"] == []
        plain = client.post(
            "/v1/push", content=body, headers={**auth, "Content-Type": "text/plain"}
        )
        # Not sent as JSON: the endpoint's refusal.
        assert plain.status_code == 422
        assert client.get("/v1/push", headers=auth).status_code == 405


def test_an_error_no_handler_takes_is_the_endpoints_500(server, monkeypatch) -> None:
    server.add_user("anna")
    enrolled = service.enroll(server.engine, "anna", PASSWORD, "laptop", clock_id=CLOCK)
    case_id = _case(server, enrolled.token, "anna")
    auth = {"Authorization": f"Bearer {enrolled.token}"}

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(service, "push", broken)
    answers = []
    for content_type in ("application/json", ENDPOINT_TYPE):
        # A connection whose request failed so is closed by the server: one each.
        with httpx.Client(base_url=server.url, timeout=30) as client:
            answers.append(_push(client, _edit(case_id), auth, content_type))
    quick, endpoint = answers
    assert quick == endpoint
    assert quick[0] == 500 and quick[1] == b"Internal Server Error"
