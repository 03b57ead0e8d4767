"""The push endpoint reads its body itself, straight from the bytes into the models
(sync/server/validation.push_request): whatever a laptop or an attacker sends, it takes and
refuses exactly what FastAPI's own body reading took and refused, worded the same way. And
the schema's quicker checks of ids keep the rule they replace."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync import schema
from sync.protocol import MAX_BATCH, PushRequest
from sync.server import limits, validation


def both_readers() -> TestClient:
    """/fastapi reads a PushRequest as FastAPI does; /koers as the push endpoint does."""
    app = FastAPI()
    app.add_exception_handler(StarletteHTTPException, limits.http_error)
    app.add_exception_handler(RequestValidationError, limits.invalid_request)

    @app.post("/fastapi")
    def by_fastapi(body: PushRequest) -> dict[str, str]:
        return {"read": repr(body)}

    @app.post("/koers")
    async def by_koers(request: Request) -> dict[str, str]:
        body = validation.push_request(await request.body(), request.headers.get("content-type"))
        return {"read": repr(body)}

    return TestClient(app)


def change(**extra: Any) -> dict[str, Any]:
    return {
        "change_id": str(uuid.uuid4()),
        "record_type": "contact",
        "record_id": str(uuid.uuid4()),
        "fields": {"report": "Cliënt 中文", "duration_minutes": 60, "next_appointment": None},
        "hlc": "001796093317041:00000:a818d24f4afe4663",
        "created": True,
        **extra,
    }


def body(*changes: dict[str, Any], **top: Any) -> bytes:
    return json.dumps({"changes": list(changes), **top}).encode()


GOOD = change()
BODIES: list[bytes] = [
    body(GOOD, change(created=False, device_id="x")),
    body(GOOD, protocol="1"),
    body(change(created="yes"), change(created=1), change(created="maybe")),
    body(*[GOOD] * (MAX_BATCH + 1)),
    body({**GOOD, "hlc": "gisteren"}),
    body({k: v for k, v in GOOD.items() if k != "hlc"}),
    body(change(change_id="")),
    body(change(change_id="x" * 65)),
    body(change(fields={"report": {"nested": 1}, "present": [1, 2]})),
    body(change(fields=[1, 2])),
    body(GOOD).replace(b"Cli\\u00ebnt", b"a\\ud800b"),  # a lone surrogate, escaped
    body(GOOD).replace(b"Cli\\u00ebnt", b"a\xed\xa0\x80b"),  # ... as raw bytes
    body(GOOD).replace(b"60", b"NaN"),
    body(GOOD).replace(b"60", b"1e400"),
    body(GOOD).replace(b"60", str(2**80).encode()),
    body(GOOD).replace(b'"changes"', b'"changes": [], "changes"'),  # a key twice
    body(GOOD).replace(b"Cli\\u00ebnt", b"\\u0000"),
    body(GOOD).replace(b"Cli\\u00ebnt", b"a\x01b"),  # a raw control character
    b"\xef\xbb\xbf" + body(GOOD),  # a byte order mark
    body(GOOD).decode().encode("utf-16"),
    b"\xff\xfe\xfd",
    b'{"changes": [',
    b"",
    b"null",
    b"[]",
    b'{"changes": "all"}',
    b"  " + body(GOOD) + b"\n",
]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "application/vnd.koers+json",
    "text/plain",
    None,
]


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
def test_the_push_endpoint_reads_every_body_as_fastapi_did(content_type: str | None) -> None:
    client = both_readers()
    headers = {"content-type": content_type} if content_type else {}
    for sent in BODIES:
        old = client.post("/fastapi", content=sent, headers=headers)
        new = client.post("/koers", content=sent, headers=headers)
        assert (new.status_code, new.json()) == (old.status_code, old.json()), sent[:80]


def test_a_well_formed_push_reads_to_the_same_models() -> None:
    sent = body(GOOD, change(created=False))
    assert validation.push_request(sent, "application/json") == PushRequest.model_validate(
        json.loads(sent)
    )


_ID_TEXT = st.text(
    alphabet=st.sampled_from(["a", "0", "-", " ", "é", "\x00", "\x1f", "\x7f", "\x9f", "\ud800"]),
    max_size=8,
)


@given(st.one_of(_ID_TEXT, st.none(), st.integers(), st.binary(max_size=3)))
def test_the_quick_id_check_keeps_the_rule(value: Any) -> None:
    old = isinstance(value, str) and bool(value) and not schema._CONTROL.search(value)
    assert schema._clean_id(value) == old
    problem = schema.check_change("social_map_entry", value, "r-1", {"area": "Oost"}, False)
    assert (problem is None) == old


def test_a_created_record_still_names_every_missing_field() -> None:
    problem = schema.check_change("breach", "c-1", "r-1", {"case_id": "k-1"}, True)
    assert (
        problem == "a created breach lacks required fields: agreement_id, occurred_on, description"
    )
