"""Content a hostile laptop pushes is checked against the wire format's schema (sync/schema.py)
before the server stores anything, on SQLite and PostgreSQL: a value of the wrong kind, a
created record without its fields, an unknown field name, text the database cannot store,
an oversized field or body. Each is answered with a reason (a refused change: code invalid;
a request: 413 or 422 in one line), never a 500, and afterwards an honest laptop still
pushes and pulls and every laptop's caseload opens.

The hostile laptop talks raw HTTP with a real device token (its own enrolment, its own clock
id, stamps of the server's time).
"""

from __future__ import annotations

import json
import socket
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.casework import Casework, new_id
from app.contact import Contact
from app.sync_service import sync_now
from storage.set_aside import problem_count
from sync.schema import MAX_BODY_BYTES, REPORT
from sync.server import records as held_records
from sync.server.store import changes
from tests.app.test_programme_rules import started_case
from tests.sync.server_harness import PASSWORD, LiveServer

HOSTILE_CLOCK = "hostile-laptop"


@dataclass
class World:
    server: LiveServer
    laptop: Any  # the conftest `laptop` factory
    honest: Any  # anna's laptop, holding one case
    case_id: str
    token: str  # a second device of anna's, talking raw HTTP
    fresh_laptops: int = 0


@pytest.fixture
def world(server: LiveServer, laptop: Any) -> World:
    server.add_user("anna")
    honest = laptop("anna", "honest")
    case = started_case(honest.casework)
    assert not sync_now(honest.vault).rejected
    answer = httpx.post(
        f"{server.url}/v1/enroll",
        json={
            "user": "anna",
            "password": PASSWORD,
            "device_name": "tampered",
            "clock_id": HOSTILE_CLOCK,
        },
    )
    assert answer.status_code == 200, answer.text
    return World(server, laptop, honest, case.id, answer.json()["token"])


def stamp() -> str:
    return f"{int(time.time() * 1000):015d}:00000:{HOSTILE_CLOCK}"


def change(record_type: str, fields: dict[str, Any], *, created: bool = True, **extra: Any) -> dict:
    return {
        "change_id": str(uuid.uuid4()),
        "record_type": record_type,
        "record_id": str(uuid.uuid4()),
        "fields": fields,
        "hlc": stamp(),
        "created": created,
        **extra,
    }


def social_map_entry(**fields: Any) -> dict[str, Any]:
    return {
        "organisation": "Buurtteam Oost",
        "contact_person": "Sam",
        "phone": "088-1234567",
        "offers": "Opvoeden",
        "area": "Noord",
        **fields,
    }


def post(world: World, path: str, body: Any) -> httpx.Response:
    """POST `body` (a JSON-able value, or raw bytes) with the hostile device's token."""
    headers = {"Authorization": f"Bearer {world.token}", "Content-Type": "application/json"}
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(f"{world.server.url}{path}", content=content, headers=headers, timeout=60)


def pushed(world: World, *sent: dict[str, Any]) -> dict[str, Any]:
    response = post(world, "/v1/push", {"changes": list(sent)})
    assert response.status_code == 200, response.text
    return dict(response.json())


def refusals(answer: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {r["change_id"]: (r["code"], r["reason"]) for r in answer["rejected"]}


def stored(world: World, change_id: str) -> bool:
    with world.server.engine.connect() as conn:
        return bool(
            conn.execute(select(func.count()).where(changes.c.change_id == change_id)).scalar()
        )


def still_syncs(world: World) -> None:
    """The honest laptop sends a new visit and receives; a laptop enrolled now receives the
    case whole, sets nothing aside and opens its caseload and the case."""
    work: Casework = world.honest.casework
    visit = Contact(new_id(), world.case_id, work.vault.now() - timedelta(hours=1), report="Rustig")
    work.record_contact(visit)
    report = sync_now(world.honest.vault)
    assert not report.rejected and report.pushed >= 1
    world.fresh_laptops += 1
    fresh = world.laptop("anna", f"fresh-{world.fresh_laptops}")
    report = sync_now(fresh.vault)
    assert not report.rejected and report.pulled >= 1
    assert problem_count(fresh.vault.db) == 0
    assert [c.id for c in fresh.casework.cases()] == [world.case_id]
    assert visit.id in {c.id for c in fresh.casework.open_case(world.case_id).contacts}


# --- kind and shape of a value ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value, reason",
    [
        ({"a": 1}, "field offers holds a nested value; a field holds text, a number or null"),
        (["x"], "field offers holds a nested value; a field holds text, a number or null"),
        (5, "field offers must be text"),
        (None, "field offers may not be null"),
    ],
    ids=["json-object", "list", "number", "null"],
)
def test_a_social_map_value_of_the_wrong_kind_is_refused(
    world: World, value: Any, reason: str
) -> None:
    bad = change("social_map_entry", social_map_entry(offers=value))
    good = change("social_map_entry", social_map_entry(organisation="Inloophuis De Brug"))
    answer = pushed(world, bad, good)
    assert answer["accepted"] == [good["change_id"]]
    assert refusals(answer) == {bad["change_id"]: ("invalid", reason)}
    assert not stored(world, bad["change_id"])
    still_syncs(world)


def test_json_text_of_the_wrong_shape_and_a_date_that_is_no_date_are_refused(
    world: World,
) -> None:
    address = change(
        "case",
        {"address": json.dumps({"straat": "Dorpsweg"})},
        created=False,
        record_id=world.case_id,
    )
    day = change("case", {"planned_end_date": "2026-02-30"}, created=False, record_id=world.case_id)
    answer = pushed(world, address, day)
    assert refusals(answer) == {
        address["change_id"]: (
            "invalid",
            "field address does not hold its JSON shape: the value holds a key that is not in "
            "its shape",
        ),
        day["change_id"]: ("invalid", "field planned_end_date must be a date (YYYY-MM-DD)"),
    }
    still_syncs(world)


# --- a created record carries its fields --------------------------------------------------------


def test_a_case_pushed_with_only_some_fields_is_refused(world: World) -> None:
    partial = change("case", {"display_name": "Synthetisch", "worker": "anna"})
    answer = pushed(world, partial)
    code, reason = refusals(answer)[partial["change_id"]]
    assert code == "invalid"
    assert reason.startswith("a created case lacks required fields: initials, secret_address, ")
    assert not stored(world, partial["change_id"])
    still_syncs(world)


# --- field names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["x" * 10_000, "\U0001f600", "naam\x00", "display_name "],
    ids=["10000-characters", "emoji", "null-byte", "trailing-space"],
)
def test_an_unknown_field_name_is_refused_without_repeating_it(world: World, name: str) -> None:
    bad = change("case", {name: "x"}, created=False, record_id=world.case_id)
    answer = pushed(world, bad)
    assert refusals(answer) == {
        bad["change_id"]: ("invalid", "a field name that is not in the schema of record type case")
    }
    assert not stored(world, bad["change_id"])
    with world.server.engine.connect() as conn:
        names = {field for _, _, field, _ in held_records.merged_view(conn)}
    assert name not in names
    still_syncs(world)


# --- text the database cannot store -------------------------------------------------------------


def test_a_lone_surrogate_never_answers_500_and_every_pull_goes_on(world: World) -> None:
    """The raw bytes \\ud800 (a lone UTF-16 surrogate, valid JSON, no valid UTF-8) in a value,
    in a field name and in a record id."""
    good = change("social_map_entry", social_map_entry())
    template = json.dumps(change("social_map_entry", social_map_entry(offers="SURROGATE")))
    value = template.replace("SURROGATE", "a\\ud800b")
    name = template.replace('"offers": "SURROGATE"', '"\\ud800": "x"')
    record = template.replace('"offers": "SURROGATE"', '"offers": "x"').replace(
        '"record_id": "', '"record_id": "\\ud800'
    )
    for hostile, reason in (
        (value, "field offers holds a lone UTF-16 surrogate"),
        (name, "a field name that is not in the schema of record type social_map_entry"),
        (record, None),  # an id it cannot name in the answer: the whole push is refused
    ):
        body = f'{{"changes": [{hostile}, {json.dumps(good)}]}}'.encode()
        response = post(world, "/v1/push", body)
        if reason is None:
            assert response.status_code == 422, response.text
            assert isinstance(response.json()["detail"], str)
            continue
        assert response.status_code == 200, response.text
        assert response.json()["accepted"] == [good["change_id"]]
        assert [r["reason"] for r in response.json()["rejected"]] == [reason]
    pull = post(world, "/v1/pull", {"cursor": 0})
    assert pull.status_code == 200
    still_syncs(world)


def test_null_bytes_never_answer_500(world: World) -> None:
    in_value = change("social_map_entry", social_map_entry(offers="a\x00b"))
    answer = pushed(world, in_value)
    assert refusals(answer) == {
        in_value["change_id"]: ("invalid", "field offers holds a null byte")
    }
    in_json = change(
        "case",
        {"address": json.dumps({"street": "a\x00", "house_number": "1", "postcode": "1234 AB",
                                "town": "Zwolle"})},
        created=False,
        record_id=world.case_id,
    )  # fmt: skip
    code, reason = refusals(pushed(world, in_json))[in_json["change_id"]]
    assert (code, reason) == (
        "invalid",
        "field address does not hold its JSON shape: street holds a null byte",
    )
    record = change("social_map_entry", social_map_entry(), record_id="kaart\x00")
    response = post(world, "/v1/push", {"changes": [record]})
    assert response.status_code == 422
    assert response.json()["detail"] == "change 1: its record id holds a null byte"
    for body in (
        {"user": "anna\x00", "password": PASSWORD, "device_name": "t"},
        {"user": "anna", "password": PASSWORD, "device_name": "t\x00"},
    ):
        # SQLite stores a null byte, PostgreSQL cannot: 422 there, never a 500.
        enrol = httpx.post(f"{world.server.url}/v1/enroll", json=body)
        assert enrol.status_code in (200, 401, 422), enrol.text
        assert enrol.status_code == 200 or isinstance(enrol.json()["detail"], str)
    assert not any(stored(world, c["change_id"]) for c in (in_value, in_json, record))
    still_syncs(world)


# --- sizes ----------------------------------------------------------------------------------------


def test_a_10_mb_field_is_refused(world: World) -> None:
    huge = change(
        "contact",
        {
            "case_id": world.case_id,
            "starts_at": "2026-11-20T10:00:00Z",
            "duration_minutes": 60,
            "kind": "huisbezoek",
            "status": "gedaan",
            "location": "",
            "address": "",
            "present": "[]",
            "domains": "[]",
            "report": "x" * 10_000_000,
            "safety_check_done": 0,
            "safety_changes": "",
            "agreements_made": "",
        },
    )
    answer = pushed(world, huge)
    assert refusals(answer) == {
        huge["change_id"]: (
            "invalid",
            f"field report holds 10000000 characters; at most {REPORT} are allowed",
        )
    }
    assert not stored(world, huge["change_id"])
    still_syncs(world)


def _http(world: World, head: bytes, chunks: Iterator[bytes]) -> tuple[bytes, int]:
    """Send a raw request (`head`, then `chunks` until the server answers) and read its
    answer; returns (answer, bytes of body sent). Every wait is at most 30 s."""
    host, port = world.server.url.rsplit("/", 1)[1].split(":")
    sent = 0
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(head)
        answer = b""
        for chunk in chunks:
            sock.settimeout(0)  # has the server answered yet?
            try:
                answer += sock.recv(65536)
            except BlockingIOError:
                pass
            sock.settimeout(30)
            if answer:
                break
            try:
                sock.sendall(chunk)
            except OSError:  # the server closed the connection after answering
                break
            sent += len(chunk)
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(65536)
        head_part, _, body = answer.partition(b"\r\n\r\n")
        length = int(
            next(
                line.split(b":", 1)[1]
                for line in head_part.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
        )
        while len(body) < length:
            body += sock.recv(65536)
    return head_part + b"\r\n\r\n" + body, sent


def _request_head(world: World, extra: str) -> bytes:
    return (
        "POST /v1/push HTTP/1.1\r\nHost: koers\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {world.token}\r\n{extra}\r\n"
    ).encode()


def _limit_answer(answer: bytes) -> None:
    status_line, _, rest = answer.partition(b"\r\n")
    assert b" 413 " in status_line, status_line
    body = json.loads(rest.partition(b"\r\n\r\n")[2])
    assert body["detail"] == (
        "the request body is larger than the server accepts (16 MiB); send fewer changes at a time"
    )


def test_a_500_mb_body_is_answered_413_without_being_read(world: World) -> None:
    """A Content-Length of 500 MB is answered at once: 1 KiB of the body is sent, never more."""
    kib = b" " * 1024
    answer, sent = _http(
        world, _request_head(world, f"Content-Length: {500 * 1024 * 1024}\r\n"), iter([kib] * 50)
    )
    _limit_answer(answer)
    assert sent <= 50 * 1024
    still_syncs(world)


def test_a_body_streamed_past_the_limit_is_answered_413(world: World) -> None:
    """Chunked, no length given: the server stops at the limit (the client had more to send)."""
    mib = b" " * (1024 * 1024)
    frames = (b"%x\r\n" % len(mib) + mib + b"\r\n" for _ in range(4 * MAX_BODY_BYTES // len(mib)))
    answer, sent = _http(world, _request_head(world, "Transfer-Encoding: chunked\r\n"), frames)
    _limit_answer(answer)
    assert MAX_BODY_BYTES < sent < 3 * MAX_BODY_BYTES
    still_syncs(world)


# --- what pydantic refuses is one line ------------------------------------------------------


def test_a_request_that_does_not_fit_the_protocol_is_a_one_line_422(world: World) -> None:
    no_stamp = change("social_map_entry", social_map_entry())
    del no_stamp["hlc"]
    for path, body, detail in (
        (
            "/v1/pull",
            {"cursor": -1},
            "the request does not fit the protocol: cursor: Input should be greater than or "
            "equal to 0",
        ),
        (
            "/v1/push",
            {"changes": [no_stamp]},
            "the request does not fit the protocol: changes[0].hlc: Field required",
        ),
        ("/v1/push", b'{"changes": [', None),
    ):
        response = post(world, path, body)
        assert response.status_code == 422, response.text
        answer = response.json()
        assert isinstance(answer["detail"], str) and "\n" not in answer["detail"]
        if detail is not None:
            assert answer["detail"] == detail
    still_syncs(world)


# --- the client keeps its pushes under the limit ------------------------------------------------


def test_a_laptop_pushes_many_long_reports_in_batches_under_the_body_limit(
    server: LiveServer, laptop: Any
) -> None:
    """60 visits with a report at its limit in a script of three bytes a character: 18 MB
    of reports, more than one body may hold. The laptop cuts its pushes by size; all arrive."""
    server.add_user("anna")
    anna = laptop("anna", "schrijver")
    work: Casework = anna.casework
    case = started_case(work)
    report = "中" * REPORT
    with work.vault.transaction():
        for hour in range(60):
            when = work.vault.now() - timedelta(hours=hour + 1)
            work.record_contact(Contact(new_id(), case.id, when, report=report))
    assert len(report.encode()) * 60 > MAX_BODY_BYTES
    result = sync_now(anna.vault)
    assert not result.rejected and result.pushed == 61
    with server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(changes)).scalar() >= 61
