"""The HTTP face of the server (FastAPI). Every case-touching request is authorised per case."""

from __future__ import annotations

import contextlib
import functools
import ipaddress
from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated, Any

import anyio
from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import StatementError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.audit_lines import AccessLogAnswer, AccessLogPush
from sync.protocol import (
    MAX_SEQ,
    CaseHistory,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    HandoverRequest,
    HandoverResult,
    LateArrival,
    Me,
    MonitoringReport,
    PasswordChangeRequest,
    PullRequest,
    PullResponse,
    PushedChange,
    PushRequest,
    PushResponse,
    TeamWorkers,
)
from sync.server import (
    admin,
    audit,
    clock,
    console,
    late,
    limits,
    monitoring,
    passwords,
    pulling,
    service,
    team,
    validation,
)
from sync.server.access import Principal
from sync.server.audit import receive as receive_access_log
from sync.server.errors import AdminError, Forbidden, ServerError, TooManyAttempts
from sync.server.pull_route import QuickPull
from sync.server.push_route import QuickPush
from sync.server.store import connect, console_sessions, teams

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 410, 413, 422, 429)
}


def bearer(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, or None."""
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def principal(request: Request, authorization: Annotated[str | None, Header()] = None) -> Principal:
    """The device behind the bearer token (401 unknown/expired, 410 revoked), checked in a
    transaction of its own. The hot paths (pull, a case's history) check it inside their
    own transaction instead: see BearerToken."""
    return service.authenticate(request.app.state.engine, bearer(authorization))


Device = Annotated[Principal, Depends(principal)]
# The bearer header, for an endpoint that authenticates inside its own transaction (one
# transaction per request); the same header in the API's description as Device's.
BearerToken = Annotated[str | None, Header(alias="authorization")]


# The proxies whose X-Forwarded-For is believed when the server is told it sits behind one:
# by default only a proxy on this machine. Anyone else who reaches the port directly could
# otherwise name any address and step past the per-address enrolment limit.
LOOPBACK_PROXIES = ("127.0.0.1", "::1")


def client_address(
    request: Request, behind_proxy: bool, trusted_proxies: tuple[str, ...] = LOOPBACK_PROXIES
) -> str | None:
    """The caller's IP address: the connection's peer, or, behind a proxy whose address is in
    `trusted_proxies`, the address that proxy appended to X-Forwarded-For (the rightmost
    entry; entries left of it come from the caller and are not believed). None when neither
    is an IP address."""
    peer = request.client.host if request.client is not None else None
    if behind_proxy and peer is not None and _is_ip(peer) and _trusted(peer, trusted_proxies):
        forwarded = request.headers.get("x-forwarded-for", "").split(",")[-1].strip()
        if _is_ip(forwarded):
            return forwarded
    return peer if peer is not None and _is_ip(peer) else None


def _trusted(peer: str, proxies: tuple[str, ...]) -> bool:
    address = ipaddress.ip_address(peer)
    return any(address in ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


# Requests served at once by one server process (FastAPI's thread pool for the endpoints):
# no more than store.connect's PostgreSQL pool keeps (10), so a busy process never opens
# and closes connections beyond it for every request (each a new PostgreSQL backend), and
# its threads do not queue for the interpreter. More processes (`serve --workers`) serve
# more at once.
REQUEST_THREADS = 10


@contextlib.asynccontextmanager
async def _request_threads(_: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
    yield


def create_app(
    database_url: str,
    *,
    behind_proxy: bool = False,
    docs: bool = False,
    trusted_proxies: tuple[str, ...] = LOOPBACK_PROXIES,
) -> FastAPI:
    """The server's app over the database at `database_url`. `behind_proxy`: a proxy sits
    in front, so the client address (enrolment rate limit) comes from X-Forwarded-For when
    the connection comes from one of `trusted_proxies` (addresses or networks; default this
    machine).
    `docs`: serve the OpenAPI description at /openapi.json, /docs and /redoc (off by
    default: a production server does not hand its map to anyone who asks; `app.openapi()`
    gives it without serving it)."""
    engine = connect(database_url)
    app = FastAPI(
        title="Koers sync server",
        version="1",
        description="Device enrolment and conflict-safe sync of caseloads between Koers "
        "laptops. Authenticate with `Authorization: Bearer <device token>`.",
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
        lifespan=_request_threads,
    )
    # 413 above the body limit, 422 in one line of English, never a 500 for bad text.
    app.add_middleware(limits.BodyLimit, max_bytes=limits.MAX_BODY_BYTES)
    app.add_exception_handler(StarletteHTTPException, limits.http_error)
    app.add_exception_handler(RequestValidationError, limits.invalid_request)
    app.add_exception_handler(StatementError, limits.database_data_error)
    app.add_exception_handler(UnicodeError, limits.database_data_error)
    app.state.engine = engine
    enrolments = anyio.CapacityLimiter(passwords.PARALLEL_HASHES)

    @app.exception_handler(ServerError)
    async def _server_error(_: Request, exc: ServerError) -> JSONResponse:
        return limits.server_error_answer(exc)

    @app.post(
        "/v1/enroll",
        response_model=EnrollResponse,
        responses=ERRORS,
        summary="Register this laptop for a user; returns its device token once",
    )
    async def enroll(body: EnrollRequest, request: Request) -> EnrollResponse:
        # Enrolments hash passwords: they run on threads of their own, a few at a time, and
        # the rest wait here without holding a thread that pulls and pushes need.
        work = functools.partial(
            service.enroll,
            engine,
            body.user,
            body.password,
            body.device_name,
            clock_id=body.clock_id,
            address=client_address(request, behind_proxy, trusted_proxies),
        )
        return await anyio.to_thread.run_sync(work, limiter=enrolments)

    @app.post(
        "/v1/password",
        status_code=204,
        responses=ERRORS,
        summary="Change the password of this device's account (current password required)",
    )
    async def change_password(body: PasswordChangeRequest, who: Device) -> Response:
        # Hashes twice: on the enrolments' threads, a few at a time.
        work = functools.partial(admin_password, engine, who, body.old, body.new)
        await anyio.to_thread.run_sync(work, limiter=enrolments)
        return Response(status_code=204)

    @app.get("/v1/me", response_model=Me, responses=ERRORS, summary="Who this device is")
    def me(who: Device) -> Me:
        return Me(
            user=who.name,
            role=who.role,
            team=_team_name(engine, who.team_id),
            device_id=who.device_id,
            device_name=who.device_name,
            server_time_ms=clock.now_ms(),
        )

    @app.post(
        "/v1/push",
        response_model=PushResponse,
        responses=ERRORS,
        summary="Apply a batch of journal changes (idempotent; one transaction)",
        openapi_extra={"requestBody": PUSH_BODY},
    )
    async def push(request: Request, authorization: BearerToken = None) -> Response:
        # The body is read here and parsed on a worker thread, straight from its bytes into
        # the models (validation.push_request), not on the event loop through a dict; the
        # token is checked in the push's own transaction, before the body is parsed.
        body = await request.body()
        work = functools.partial(
            push_answer,
            engine,
            service.Bearer(bearer(authorization)),
            body,
            request.headers.get("content-type"),
        )
        return await anyio.to_thread.run_sync(work)

    @app.post(
        "/v1/pull",
        response_model=PullResponse,
        responses=ERRORS,
        summary="Changes after the cursor that this account may read",
    )
    def pull(body: PullRequest, authorization: BearerToken = None) -> Response:
        # The token, the pull and its access-log lines in one transaction; the answer's
        # JSON written from the stored changes' JSON text (pulling.pull_json).
        answer = pulling.pull_answer(engine, bearer(authorization), body.cursor, body.limit)
        return Response(answer, media_type="application/json")

    @app.get(
        "/v1/cases/{case_id}/changes",
        response_model=CaseHistory,
        responses=ERRORS,
        summary="The whole history of a case this account newly holds",
    )
    def case_changes(
        case_id: str,
        upto: Annotated[int, Query(ge=0, le=MAX_SEQ)] = MAX_SEQ,
        authorization: BearerToken = None,
    ) -> Response:
        answer = pulling.case_history_answer(engine, bearer(authorization), case_id, upto)
        return Response(answer, media_type="application/json")

    @app.get(
        "/v1/cases/{case_id}/late",
        response_model=list[LateArrival],
        responses=ERRORS,
        summary="Changes refused because the case had moved here, waiting to be accepted",
    )
    def case_late(case_id: str, who: Device) -> list[LateArrival]:
        return late.list_for_case(engine, who, case_id)

    @app.post(
        "/v1/late/{late_id}/accept",
        response_model=LateArrival,
        responses=ERRORS,
        summary="Accept a late arrival into its case (the holder or a teamleider)",
    )
    def accept_late(late_id: Annotated[int, Path(ge=1, le=MAX_SEQ)], who: Device) -> LateArrival:
        return late.accept_for(engine, who, late_id)

    @app.post(
        "/v1/access-log",
        response_model=AccessLogAnswer,
        responses=ERRORS,
        summary="Add this laptop's access-log lines to the central log (append-only; the "
        "same line again is a no-op; account and device come from the token)",
    )
    def access_log(body: AccessLogPush, who: Device) -> AccessLogAnswer:
        return receive_access_log(engine, who, body.lines)

    @app.get(
        "/v1/team/workers",
        response_model=TeamWorkers,
        responses=ERRORS,
        summary="The active workers of this teamleider's team (teamleider only)",
    )
    def workers_of_team(who: Device) -> TeamWorkers:
        return team.team_workers(engine, who)

    @app.post(
        "/v1/cases/handover",
        response_model=HandoverResult,
        responses={**ERRORS, 409: {"model": ErrorBody}},
        summary="Hand cases of this teamleider's team over to one of its workers, each with a "
        "warm handover note (all or nothing)",
    )
    def handover(body: HandoverRequest, who: Device) -> HandoverResult:
        return team.hand_over(engine, who, body)

    @app.get(
        "/v1/monitoring",
        response_model=MonitoringReport,
        responses=ERRORS,
        summary="Outcome counts of a period for the teams this account monitors "
        "(teamleider: own team; manager: all teams; others 403)",
    )
    def monitoring_figures(
        who: Device,
        start: Annotated[date, Query(alias="from")],
        end: Annotated[date, Query(alias="to")],
    ) -> MonitoringReport:
        return monitoring.monitoring_report(engine, who, start, end)

    @app.get("/healthz", summary="Liveness")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    # The beheer console's pages (/beheer), served by the same process. Its routes come
    # after the laptops' (a request is matched against the routes in order: a pull is not
    # tried against some thirty console paths first).
    console.install(
        app,
        engine,
        behind_proxy=behind_proxy,
        address_of=lambda request: client_address(request, behind_proxy, trusted_proxies),
    )
    # POST /v1/push and /v1/pull as every client sends them, answered before FastAPI's
    # routing and the other middleware (the same answers; any other request, and one sent
    # otherwise, goes on to them and to the endpoints above). Added last: outermost.
    app.add_middleware(
        QuickPush, engine=engine, answer=push_answer, handlers=app.exception_handlers
    )
    app.add_middleware(QuickPull, engine=engine)
    return app


# `koers-server serve --workers N` hands each server process its settings in this variable
# (JSON: create_app's arguments), and the processes make their app with app_from_environment.
SETTINGS_VARIABLE = "KOERS_SERVER_SETTINGS"


def app_from_environment() -> FastAPI:
    """The app of one of several server processes (uvicorn's factory), from the settings
    `koers-server serve` put in SETTINGS_VARIABLE. Raises KeyError when they are missing."""
    import json
    import os

    settings = json.loads(os.environ[SETTINGS_VARIABLE])
    return create_app(
        settings["database_url"],
        behind_proxy=bool(settings["behind_proxy"]),
        docs=bool(settings["docs"]),
        trusted_proxies=tuple(settings["trusted_proxies"]),
    )


def push_answer(
    engine: Engine,
    who: Principal | service.Bearer,
    body: bytes,
    content_type: str | None,
) -> Response:
    """POST /v1/push: the request in `body` applied for device `who` (or the device behind
    its token, checked first in the push's transaction), answered as JSON. Raises what
    service.push raises for the token (401, 410, 403), then what validation.push_request
    raises (422, 400) and Unprocessable (422) for a push that cannot be answered change by
    change."""

    def read() -> list[PushedChange]:
        changes = validation.push_request(body, content_type)
        unnameable = validation.unnameable(changes)
        if unnameable is not None:
            raise limits.Unprocessable(unnameable)
        return changes

    return limits.json_answer(service.push(engine, who, read))


def _push_body() -> dict[str, Any]:
    """The push request's schema in the API's description, whole (the endpoint reads its
    body itself, so FastAPI does not describe it)."""
    schema = PushRequest.model_json_schema()
    change = schema.pop("$defs")["Change"]
    schema["properties"]["changes"]["items"] = change
    return {"required": True, "content": {"application/json": {"schema": schema}}}


PUSH_BODY = _push_body()


def admin_password(engine: Engine, who: Principal, old: str, new: str) -> None:
    """admin.change_password for the device's account, with its refusals as HTTP answers:
    403 wrong current password or disabled account, 422 weak new password, 429 throttled.
    After a change the account's console sessions end (whoever knew the old password is
    out; the laptops keep their tokens) and the change is in the central audit log."""
    try:
        admin.change_password(engine, who.name, old, new)
    except admin.PasswordChangeThrottled as exc:
        raise TooManyAttempts(str(exc), retry_after=exc.retry_after) from None
    except (admin.WeakPassword, admin.SamePassword) as exc:
        raise limits.Unprocessable(str(exc)) from None
    except AdminError as exc:
        raise Forbidden(str(exc)) from None
    with engine.begin() as conn:
        conn.execute(delete(console_sessions).where(console_sessions.c.user_id == who.user_id))
        audit.record(
            conn, who=who, action="password_change", record_type="user", record_id=who.name
        )


def _team_name(engine: Engine, team_id: int | None) -> str | None:
    if team_id is None:
        return None
    from sqlalchemy import select

    with engine.connect() as conn:
        return conn.execute(select(teams.c.name).where(teams.c.id == team_id)).scalar_one_or_none()
