"""The HTTP face of the server (FastAPI). Every case-touching request is authorised per case."""

from __future__ import annotations

import functools
import ipaddress
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
    service,
    team,
    validation,
)
from sync.server.access import Principal
from sync.server.audit import receive as receive_access_log
from sync.server.errors import AdminError, Forbidden, ServerError, TooManyAttempts
from sync.server.store import connect, console_sessions, teams

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 410, 413, 422, 429)
}


def principal(request: Request, authorization: Annotated[str | None, Header()] = None) -> Principal:
    """The device behind the bearer token (401 unknown/expired, 410 revoked)."""
    token = None
    if authorization and authorization.lower().startswith("bearer "):
        token = authorization[7:].strip()
    return service.authenticate(request.app.state.engine, token)


Device = Annotated[Principal, Depends(principal)]


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
    )
    # 413 above the body limit, 422 in one line of English, never a 500 for bad text.
    app.add_middleware(limits.BodyLimit, max_bytes=limits.MAX_BODY_BYTES)
    app.add_exception_handler(StarletteHTTPException, limits.http_error)
    app.add_exception_handler(RequestValidationError, limits.invalid_request)
    app.add_exception_handler(StatementError, limits.database_data_error)
    app.add_exception_handler(UnicodeError, limits.database_data_error)
    app.state.engine = engine
    # The beheer console's pages (/beheer), served by the same process.
    console.install(
        app,
        engine,
        behind_proxy=behind_proxy,
        address_of=lambda request: client_address(request, behind_proxy, trusted_proxies),
    )
    enrolments = anyio.CapacityLimiter(passwords.PARALLEL_HASHES)

    @app.exception_handler(ServerError)
    async def _server_error(_: Request, exc: ServerError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return JSONResponse(
            status_code=exc.status,
            headers=headers,
            content=ErrorBody(detail=exc.detail, wipe=exc.wipe).model_dump(),
        )

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
    )
    def push(body: PushRequest, who: Device) -> PushResponse:
        unnameable = validation.unnameable(body.changes)
        if unnameable is not None:
            raise limits.Unprocessable(unnameable)
        return service.push(engine, who, body.changes)

    @app.post(
        "/v1/pull",
        response_model=PullResponse,
        responses=ERRORS,
        summary="Changes after the cursor that this account may read",
    )
    def pull(body: PullRequest, who: Device) -> Response:
        return limits.json_answer(service.pull(engine, who, body.cursor, body.limit))

    @app.get(
        "/v1/cases/{case_id}/changes",
        response_model=CaseHistory,
        responses=ERRORS,
        summary="The whole history of a case this account newly holds",
    )
    def case_changes(
        case_id: str, who: Device, upto: Annotated[int, Query(ge=0, le=MAX_SEQ)] = MAX_SEQ
    ) -> Response:
        return limits.json_answer(
            CaseHistory(case_id=case_id, changes=service.case_history(engine, who, case_id, upto))
        )

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

    return app


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
