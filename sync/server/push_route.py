"""POST /v1/push without FastAPI's routing: a push of a few edits is the server's costliest
frequent request, and the middleware stack, the routing and the dependency solving around
the endpoint cost a tenth of its CPU.

QuickPush answers a push sent as every client sends it (Content-Type application/json, a
Content-Length within the body limit) with the endpoint's own work (app.push_answer on a
worker thread, the body read as the endpoint reads it) and the app's own exception handlers
around it in Starlette's ExceptionMiddleware (what FastAPI puts around its routes); an error
no handler takes goes on to the app's ServerErrorMiddleware, outside this one, as the
endpoint's would: the same answers, errors included.
Any other request passes through untouched, and so does a push without a Content-Length (a
chunked body), with one above the limit (413 there) or of another content type.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import anyio
from fastapi import Request
from sqlalchemy.engine import Engine
from starlette.middleware.exceptions import ExceptionMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from sync.server import limits, service
from sync.server.pull_route import declares_json, first_header, limits_bearer

# push_answer's shape (app.push_answer): engine, the token, the body, its Content-Type.
PushAnswer = Callable[[Engine, service.Bearer, bytes, str | None], Response]


class QuickPush:
    """ASGI middleware serving POST /v1/push from `engine` with `answer` (app.push_answer),
    errors answered by `handlers` (the app's exception_handlers, read at the first push:
    complete by then); everything else goes to `app`."""

    def __init__(
        self,
        app: ASGIApp,
        engine: Engine,
        answer: PushAnswer,
        handlers: Mapping[Any, Callable[..., Any]],
        path: str = "/v1/push",
        max_bytes: int = limits.MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.engine = engine
        self.answer = answer
        self.handlers = handlers
        self.path = path
        self.max_bytes = max_bytes
        self._endpoint: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        if not declares_json(scope, self.max_bytes):
            await self.app(scope, receive, send)
            return
        if self._endpoint is None:
            self._endpoint = self._stack()
        await self._endpoint(scope, receive, send)

    def _stack(self) -> ASGIApp:
        """The endpoint inside the layer of Starlette's stack that answers the handled
        errors, with the app's handlers but the last resort's (500 and Exception), as
        FastAPI.build_middleware_stack splits them. An error no handler takes goes up to
        the app's own ServerErrorMiddleware, which this middleware sits inside, as the
        endpoint's does."""
        by_kind = {k: h for k, h in self.handlers.items() if k not in (500, Exception)}
        return ExceptionMiddleware(self._push, handlers=by_kind)

    async def _push(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The endpoint's work (app.py's push): the body read whole, push_answer on a
        worker thread with the first Authorization and Content-Type headers."""
        request = Request(scope, receive)
        body = await request.body()
        work = functools.partial(
            self.answer,
            self.engine,
            service.Bearer(limits_bearer(first_header(scope, b"authorization"))),
            body,
            request.headers.get("content-type"),
        )
        response = await anyio.to_thread.run_sync(work)
        await response(scope, receive, send)
