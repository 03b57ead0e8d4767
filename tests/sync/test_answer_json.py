"""The client reads every answer's JSON with sync/client.parse_json (pydantic_core's parser,
json.loads for what that parser refuses): the values, and the refusals, are json.loads's."""

from __future__ import annotations

import json
import math
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.client import HttpTransport, ServerUnreachable, parse_json

# Bodies a server, or something between it and the laptop, could send.
ODD_BODIES = [
    b'{"a":"\\ud800"}',  # a lone surrogate, escaped
    b'"\\udc00\\u0041"',
    b'"\xed\xa0\x80"',  # a lone surrogate, as bytes
    b'\xef\xbb\xbf{"a":1}',  # a byte-order mark
    b'{"a":"\xff"}',  # not UTF-8
    b"[" * 300 + b"]" * 300,  # nested past pydantic_core's limit, within json.loads's
    b"[" * 5000 + b"]" * 5000,  # past json.loads's too
    b'{"a":1,"a":2}',
    b"NaN",
    b"[Infinity, -Infinity, 1e400, -0.0, 0.1, 123456789012345678901234567890]",
    b'{"a":1,}',
    b"{'a':1}",
    b'{"a":1}\x00',
    b'"a\tb"',
    b"",
    b" \n{}\n ",
    b'{"changes": [], "cursor": 1, "more": fal',
]


def _by_json(content: bytes) -> Any:
    try:
        return ("value", json.loads(content))
    except ValueError:
        return ("refused", None)
    except RecursionError:
        return ("too deep", None)


def _by_parse(content: bytes) -> Any:
    try:
        return ("value", parse_json(content))
    except ValueError:
        return ("refused", None)
    except RecursionError:
        return ("too deep", None)


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types (NaN equal to NaN, -0.0 not to 0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (
            a == b and math.copysign(1, a) == math.copysign(1, b)
        )
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


@pytest.mark.parametrize("content", ODD_BODIES)
def test_odd_bodies_read_as_json_loads_reads_them(content: bytes) -> None:
    assert _same(_by_parse(content), _by_json(content))


def test_a_lone_surrogate_in_an_answer_is_read_not_refused() -> None:
    # pydantic_core's parser refuses it; json.loads (httpx's response.json) takes it.
    assert parse_json(b'{"record_id": "\\ud800x"}') == {"record_id": "\ud800x"}


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(value=JSON_VALUES, ascii_only=st.booleans())
def test_any_json_text_reads_as_json_loads_reads_it(value: Any, ascii_only: bool) -> None:
    content = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    assert _same(_by_parse(content), _by_json(content))


def test_a_cut_answer_is_unreachable_and_an_odd_one_is_read() -> None:
    def answer(content: bytes) -> HttpTransport:
        client = httpx.Client(
            transport=httpx.MockTransport(lambda r: httpx.Response(200, content=content))
        )
        return HttpTransport("http://server.invalid", "token", client=client)

    with pytest.raises(ServerUnreachable, match="incomplete"):
        answer(b'{"changes": [{"change_id": "c1"').pull_batch(0, 10)
    me = answer(b'\xef\xbb\xbf{"user": "anna\\ud800", "role": "worker", "team": null}')
    assert me._call("GET", "/v1/me") == {"user": "anna\ud800", "role": "worker", "team": None}
