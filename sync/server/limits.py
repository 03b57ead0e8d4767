"""What the server's HTTP layer refuses before a request reaches a service: a body above
MAX_BODY_BYTES (413), a body that does not fit the protocol (422, one line of English), and
text the database cannot store (a null byte, a lone UTF-16 surrogate: 422, never a 500).
Answers that carry stored changes (pull, a case's history) fall back to escaped JSON, so a
value an older server stored can always be sent.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from fastapi import Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from pydantic_core import PydanticSerializationError
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync import schema
from sync.protocol import ErrorBody
from sync.server.errors import ServerError

_log = logging.getLogger("koers.server")

MAX_BODY_BYTES = schema.MAX_BODY_BYTES  # see there why this size
TOO_LARGE = (
    f"the request body is larger than the server accepts ({MAX_BODY_BYTES // (1024 * 1024)} "
    "MiB); send fewer changes at a time"
)


class Unprocessable(ServerError):
    """A request that fits the protocol's models but cannot be taken (422)."""

    status = 422


class SafeJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped: a lone surrogate a stored value holds
    travels as the escape it arrived as instead of failing the answer (HTTP 500)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def json_answer(model: BaseModel) -> Response:
    """`model` as a JSON answer: pydantic's fast serialiser, and where a value the server
    holds cannot be written as UTF-8 (a lone surrogate an older server stored), the same
    answer with that value escaped. The laptop sets such a change aside; no pull fails."""
    try:
        return Response(model.model_dump_json(), media_type="application/json")
    except PydanticSerializationError:
        return SafeJSONResponse(model.model_dump(mode="json"))


def server_error_answer(exc: ServerError) -> JSONResponse:
    """A ServerError's answer: its status, ErrorBody (detail, wipe) and Retry-After."""
    headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
    return JSONResponse(
        status_code=exc.status,
        headers=headers,
        content=ErrorBody(detail=exc.detail, wipe=exc.wipe).model_dump(),
    )


def _error(status: int, detail: str) -> SafeJSONResponse:
    return SafeJSONResponse(status_code=status, content=ErrorBody(detail=detail).model_dump())


class BodyLimit:
    """ASGI middleware: a body above `max_bytes` is answered 413 (ErrorBody, saying the
    limit) without being read, whether its Content-Length says so or it streams (chunked)
    past the limit. (FastAPI's own `max_body_size` answers a declared length with plain
    text, which a client cannot show as a reason.)"""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            too_large = declared.isdigit()
            answer = _error(413, TOO_LARGE) if too_large else _error(400, BAD_LENGTH)
            await answer(scope, receive, send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge()
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except _TooLarge:
            if started:
                raise
            await _error(413, TOO_LARGE)(scope, receive, send)


class _TooLarge(StarletteHTTPException):
    """Raised while the body streams in; an HTTPException, so FastAPI's body reading lets
    it through instead of answering 400, and the handler `http_error` answers 413."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail=TOO_LARGE)


BAD_LENGTH = "the Content-Length header is not a number of bytes"


def _content_length(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return str(value.decode("latin-1").strip())
    return None


async def http_error(request: Request, exc: Exception) -> Response:
    """FastAPI's answer to an HTTP error, in ErrorBody; 413 says what the limit is."""
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 413:
        return _error(413, TOO_LARGE)
    return await http_exception_handler(request, exc)


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")


def one_line(exc: RequestValidationError) -> str:
    """The first problem pydantic found, as one line of English: where (protocol names and
    list positions only, never a name or value from the request) and what."""
    errors = exc.errors()
    if not errors:
        return "the request does not fit the protocol"
    first = errors[0]
    parts = []
    for part in first.get("loc", ()):
        if part == "body":
            continue
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif isinstance(part, str) and _PLAIN_NAME.fullmatch(part):
            parts.append(f".{part}" if parts else part)
        else:
            parts.append(".(a name from the request)")
    where = "".join(parts) or "the body"
    message = str(first.get("msg", "invalid")).splitlines()[0][:200]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"the request does not fit the protocol: {where}: {message}{more}"


async def invalid_request(_: Request, exc: Exception) -> JSONResponse:
    """422 with ErrorBody.detail one line of English (FastAPI's default is a list)."""
    assert isinstance(exc, RequestValidationError)
    return _error(422, one_line(exc))


UNSTORABLE_TEXT = (
    "the request holds text that cannot be stored (a null byte or a lone UTF-16 surrogate)"
)
UNSTORABLE_VALUE = "the request holds a value the database cannot store"


def _text_fault(exc: BaseException) -> bool:
    """Whether an error, or one it came from, is text the database cannot store: a string
    that cannot be encoded (a lone surrogate), or a null byte PostgreSQL refuses."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, UnicodeError):
            return True
        if "cannot contain NUL" in str(cause.args[0] if cause.args else "")[:300]:
            return True
        cause = cause.__cause__ or cause.__context__
    return False


async def database_data_error(_: Request, exc: Exception) -> JSONResponse:
    """A statement that could not take a request's value (a null byte on PostgreSQL, a lone
    surrogate in UTF-8, a number out of range): 422, whichever route it reached, and the
    values are not logged. Any other database error goes on (a 500: a bug to fix)."""
    if _text_fault(exc):
        detail = UNSTORABLE_TEXT
    elif isinstance(exc, DataError):
        detail = UNSTORABLE_VALUE
    else:
        raise exc
    _log.warning("request refused: %s", type(exc).__name__)
    return _error(422, detail)
