"""The push endpoint reads its body itself (sync/server/validation.push_request: json.loads,
then protocol.push_changes's exact checks, the models only for what those do not take):
whatever a laptop or an attacker sends, it takes and refuses exactly what FastAPI's own body
reading took and refused, worded the same way, and gives the same changes the models give.
And the schema's quicker checks of ids keep the rule they replace."""

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
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync import schema
from sync.protocol import MAX_BATCH, PushedChange, PushRequest, push_changes, pushed_of
from sync.server import limits, validation


def both_readers() -> TestClient:
    """/fastapi reads a PushRequest as FastAPI does; /koers as the push endpoint does."""
    app = FastAPI()
    app.add_exception_handler(StarletteHTTPException, limits.http_error)
    app.add_exception_handler(RequestValidationError, limits.invalid_request)

    @app.post("/fastapi")
    def by_fastapi(body: PushRequest) -> dict[str, str]:
        return {"read": repr(pushed_of(body))}

    @app.post("/koers")
    async def by_koers(request: Request) -> dict[str, str]:
        changes = validation.push_request(await request.body(), request.headers.get("content-type"))
        return {"read": repr(changes)}

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
    b'{"changes": [{"fields": ' + b"[" * 100_000 + b"]" * 100_000 + b"}]}",  # nested deep
    body(GOOD, protocol=True),
    body(GOOD, protocol=1.0),
    body(GOOD, protocol=2**80),
    body(GOOD, protocol=None),
    body(change(created=None), change(device_id=None)),
    body(change(device_id=""), change(device_id="d" * 65), change(device_id=7)),
    body(change(change_id=7), change(record_id=["r"]), change(record_type="t" * 41)),
    body(change(hlc="001796093317041:00000:a818d24f4afe4663\n")),
    body(change(hlc="001796093317041:00000:a818d24f4afe4663 ")),
    body(change(fields={}), change(fields=None), change(fields="{}")),
    body(GOOD, extra="ignored", changes_too=[1]),
    body({**GOOD, "unknown": {"deep": [1]}}),
    body(*[GOOD] * MAX_BATCH),
    body(GOOD).replace(b'"change_id": "', b'"change_id": "\\ud800'),
    body(GOOD).replace(b'"record_id": "', b'"record_id": "\\udfff'),
    body(GOOD).replace(b'"change_id": "', b'"change_id": "\\u00e9'),
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
    assert validation.push_request(sent, "application/json") == pushed_of(
        PushRequest.model_validate(json.loads(sent))
    )


def _by_the_models(data: Any) -> list[PushedChange] | None:
    try:
        return pushed_of(PushRequest.model_validate(data))
    except ValidationError:
        return None


def _typed(changes: list[PushedChange] | None) -> Any:
    """The changes with the type of every value, down into the fields (1 is not True)."""

    def typed(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: typed(v) for k, v in value.items()}
        if isinstance(value, list):
            return [typed(v) for v in value]
        return (type(value).__name__, value)

    return None if changes is None else [typed(list(c)) for c in changes]


@pytest.mark.parametrize("sent", BODIES)
def test_the_quick_check_takes_only_what_the_models_take_the_same(sent: bytes) -> None:
    try:
        data = json.loads(sent)
    except (ValueError, RecursionError):
        return  # never reaches either
    quick = push_changes(data)
    if quick is not None:
        assert _typed(quick) == _typed(_by_the_models(data))


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.sampled_from(["a", "é", "\x00", "\n", "\ud800", "-", "0", ":"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)
_HLC_TEXTS = st.sampled_from(
    [
        "001796093317041:00000:a818d24f4afe4663",
        "001796093317041:00000:" + "c" * 64,
        "001796093317041:00000:" + "c" * 65,
        "001796093317041:00000:a818\n",
        "1796093317041:00000:a",
        "001796093317041:00000:a\u00e9",
    ]
)


def _field(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(values, _JSON_VALUES)


@given(
    st.fixed_dictionaries(
        {
            "change_id": _field(st.text(max_size=66)),
            "record_type": _field(st.sampled_from(["contact", "", "t" * 40, "t" * 41])),
            "record_id": _field(st.text(min_size=60, max_size=66)),
            "fields": _field(st.dictionaries(st.text(max_size=4), _JSON_VALUES, max_size=3)),
            "hlc": _field(_HLC_TEXTS),
        },
        optional={"device_id": _field(st.text(max_size=66)), "created": _JSON_VALUES},
    ),
    st.one_of(st.none(), _JSON_VALUES),
)
def test_a_hostile_change_is_read_the_same_by_both(one: dict[str, Any], protocol: Any) -> None:
    data: dict[str, Any] = {"changes": [one, change()]}
    if protocol is not None:
        data["protocol"] = protocol
    quick = push_changes(data)
    if quick is not None:  # what it takes, the models take the same; the rest goes to them
        assert _typed(quick) == _typed(_by_the_models(data))


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
