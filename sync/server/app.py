"""The HTTP face of the server (FastAPI). Every case-touching request is authorised per case."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.engine import Engine

from sync.protocol import (
    MAX_SEQ,
    CaseHistory,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    LateArrival,
    Me,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
)
from sync.server import clock, late, service
from sync.server.access import Principal
from sync.server.errors import ServerError
from sync.server.store import connect, teams

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 410, 422, 429)
}


def principal(request: Request, authorization: Annotated[str | None, Header()] = None) -> Principal:
    """The device behind the bearer token (401 unknown/expired, 410 revoked)."""
    token = None
    if authorization and authorization.lower().startswith("bearer "):
        token = authorization[7:].strip()
    return service.authenticate(request.app.state.engine, token)


Device = Annotated[Principal, Depends(principal)]


def create_app(database_url: str) -> FastAPI:
    engine = connect(database_url)
    app = FastAPI(
        title="Koers sync server",
        version="1",
        description="Device enrolment and conflict-safe sync of caseloads between Koers "
        "laptops. Authenticate with `Authorization: Bearer <device token>`.",
    )
    app.state.engine = engine

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
    def enroll(body: EnrollRequest) -> EnrollResponse:
        return service.enroll(
            engine, body.user, body.password, body.device_name, clock_id=body.clock_id
        )

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
        return service.push(engine, who, body.changes)

    @app.post(
        "/v1/pull",
        response_model=PullResponse,
        responses=ERRORS,
        summary="Changes after the cursor that this account may read",
    )
    def pull(body: PullRequest, who: Device) -> PullResponse:
        return service.pull(engine, who, body.cursor, body.limit)

    @app.get(
        "/v1/cases/{case_id}/changes",
        response_model=CaseHistory,
        responses=ERRORS,
        summary="The whole history of a case this account newly holds",
    )
    def case_changes(
        case_id: str, who: Device, upto: Annotated[int, Query(ge=0, le=MAX_SEQ)] = MAX_SEQ
    ) -> CaseHistory:
        return CaseHistory(
            case_id=case_id, changes=service.case_history(engine, who, case_id, upto)
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

    @app.get("/healthz", summary="Liveness")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def _team_name(engine: Engine, team_id: int | None) -> str | None:
    if team_id is None:
        return None
    from sqlalchemy import select

    with engine.connect() as conn:
        return conn.execute(select(teams.c.name).where(teams.c.id == team_id)).scalar_one_or_none()
