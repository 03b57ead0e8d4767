"""POST /v1/pull without FastAPI's machinery: the sync every laptop makes every few minutes is
the server's most frequent request, and routing, dependency solving, the request model and
the response class cost more CPU than its database work (one prepared statement).

QuickPull answers a pull whose body is a small JSON object of plain integers (what every
client sends) the way the endpoint in app.py does, with the same answer bytes and the same
error answers (ServerError's ErrorBody). Any other request passes through untouched, and so
does a pull whose body is anything else (a wrong type, a number out of range, bad JSON, a
large or chunked body, another content type): its body is replayed to the app, whose
endpoint answers it as before (422 in one line of English, 413, 400).
"""

from __future__ import annotations

import functools
import json

import anyio
from sqlalchemy.engine import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import MAX_BATCH, MAX_SEQ
from sync.server import limits, pulling
from sync.server.errors import ServerError

# A pull's body is some 30 bytes; a larger one (or one without a Content-Length) is the
# endpoint's to judge.
SMALL_BODY = 1024
_FIELDS = frozenset(("protocol", "cursor", "limit"))
_JSON_HEADERS = [(b"content-type", b"application/json")]


class QuickPull:
    """ASGI middleware serving POST /v1/pull from `engine` (pulling.pull_answer on a worker
    thread, as the endpoint would); everything else goes to `app`."""

    def __init__(self, app: ASGIApp, engine: Engine, path: str = "/v1/pull") -> None:
        self.app = app
        self.engine = engine
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        if not declares_json(scope, SMALL_BODY):
            await self.app(scope, receive, send)
            return
        body, messages = await _read_body(receive)
        request = None if body is None else _pull_request(body)
        if request is None:
            await self.app(scope, _replay(messages, receive), send)
            return
        cursor, limit = request
        token = limits_bearer(first_header(scope, b"authorization"))
        work = functools.partial(pulling.pull_answer, self.engine, token, cursor, limit)
        try:
            answer = await anyio.to_thread.run_sync(work)
        except ServerError as exc:
            await limits.server_error_answer(exc)(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-length", b"%d" % len(answer)), *_JSON_HEADERS],
            }
        )
        await send({"type": "http.response.body", "body": answer})


def declares_json(scope: Scope, max_bytes: int) -> bool:
    """Whether a request declares a JSON body (Content-Type application/json, parameters
    aside) with a Content-Length of at most `max_bytes` (so no chunked body): the first of
    each header, as Starlette's request.headers reads them."""
    length = first_header(scope, b"content-length")
    content_type = first_header(scope, b"content-type")
    return (
        length is not None
        and length.isdigit()
        and int(length) <= max_bytes
        and content_type is not None
        and content_type.split(b";", 1)[0].strip().lower() == b"application/json"
    )


def first_header(scope: Scope, name: bytes) -> bytes | None:
    """The value of the first header `name` (lower case) of `scope`, or None."""
    for key, value in scope["headers"]:
        if key == name:
            return value
    return None


def limits_bearer(authorization: bytes | None) -> str | None:
    """The bearer token of an Authorization header's value (latin-1, as Starlette reads
    headers), as app.bearer reads it."""
    if authorization is None:
        return None
    text = authorization.decode("latin-1")
    if text.lower().startswith("bearer "):
        return text[7:].strip()
    return None


async def _read_body(receive: Receive) -> tuple[bytes | None, list[Message]]:
    """The whole body (None when the client left first) and the messages it came in."""
    messages: list[Message] = []
    chunks: list[bytes] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return None, messages
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks), messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A receive that gives `messages` again, then what `receive` gives."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


def _pull_request(body: bytes) -> tuple[int, int] | None:
    """(cursor, limit) of a body PullRequest takes as it stands (an object of plain
    integers in range, no other keys); None for anything else, which the endpoint judges."""
    try:
        found = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if type(found) is not dict or not found.keys() <= _FIELDS:
        return None
    cursor = found.get("cursor")
    limit = found.get("limit", MAX_BATCH)
    protocol = found.get("protocol", 0)
    if type(cursor) is not int or type(limit) is not int or type(protocol) is not int:
        return None
    if not (0 <= cursor <= MAX_SEQ and 1 <= limit <= MAX_BATCH):
        return None
    return cursor, limit
