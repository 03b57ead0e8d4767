"""The HTTP side of the client: talks the protocol to the server with httpx. No vault here."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from sync.protocol import (
    CaseHistory,
    Change,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    LateArrival,
    MonitoringReport,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ServerChange,
)

TIMEOUT = httpx.Timeout(30.0, connect=5.0)
M = TypeVar("M", bound=BaseModel)


class SyncError(Exception):
    """The server could not be used; the text says why (no personal data)."""


class ServerUnreachable(SyncError):
    pass


class NotAuthorised(SyncError):
    pass


class DeviceRevoked(SyncError):
    """The server says this device was revoked: its vault must be wiped."""


def _error_detail(response: httpx.Response) -> ErrorBody:
    try:
        return ErrorBody.model_validate(response.json())
    except (ValueError, ValidationError):
        return ErrorBody(detail=f"server answered HTTP {response.status_code}")


class HttpTransport:
    def __init__(
        self, base_url: str, token: str | None = None, client: httpx.Client | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._client = client or httpx.Client(timeout=TIMEOUT)

    def close(self) -> None:
        self._client.close()

    def _call(
        self,
        method: str,
        path: str,
        body: BaseModel | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self._client.request(
                method,
                self.base_url + path,
                headers=headers,
                params=params,
                json=body.model_dump(mode="json") if body is not None else None,
            )
        except httpx.HTTPError as exc:
            raise ServerUnreachable(f"server unreachable ({type(exc).__name__})") from None
        if response.status_code == 410:
            raise DeviceRevoked(_error_detail(response).detail)
        if response.status_code in (401, 403, 429):
            raise NotAuthorised(_error_detail(response).detail)
        if response.status_code >= 400:
            raise SyncError(_error_detail(response).detail)
        try:
            return response.json()
        except ValueError:
            raise ServerUnreachable("server sent an incomplete answer") from None

    def _answer(self, model: type[M], data: Any) -> M:
        try:
            return model.model_validate(data)
        except ValidationError:
            raise SyncError("the server sent an answer this Koers does not understand") from None

    def enroll(
        self, user: str, password: str, device_name: str, clock_id: str | None = None
    ) -> EnrollResponse:
        request = EnrollRequest(
            user=user, password=password, device_name=device_name, clock_id=clock_id
        )
        return self._answer(EnrollResponse, self._call("POST", "/v1/enroll", request))

    def push(self, changes: list[Change]) -> PushResponse:
        request = PushRequest(changes=changes)
        return self._answer(PushResponse, self._call("POST", "/v1/push", request))

    def pull(self, cursor: int, limit: int) -> PullResponse:
        request = PullRequest(cursor=cursor, limit=limit)
        return self._answer(PullResponse, self._call("POST", "/v1/pull", request))

    def late_arrivals(self, case_id: str) -> list[LateArrival]:
        """Changes refused for `case_id` because it had moved here, waiting to be accepted."""
        data = self._call("GET", f"/v1/cases/{case_id}/late")
        if not isinstance(data, list):
            raise SyncError("the server sent an answer this Koers does not understand")
        return [self._answer(LateArrival, item) for item in data]

    def accept_late(self, late_id: int) -> LateArrival:
        """Accept a late arrival into its case; the next pull brings it to this laptop."""
        return self._answer(LateArrival, self._call("POST", f"/v1/late/{int(late_id)}/accept"))

    def case_history(self, case_id: str, upto: int) -> list[ServerChange]:
        data = self._call("GET", f"/v1/cases/{case_id}/changes", params={"upto": upto})
        return self._answer(CaseHistory, data).changes

    def monitoring(self, start: date, end: date) -> MonitoringReport:
        """Outcome counts of [start, end] for the teams this account monitors. Raises
        NotAuthorised for an account that monitors none (a worker), SyncError for a period
        the server refuses, ServerUnreachable when offline."""
        data = self._call(
            "GET", "/v1/monitoring", params={"from": start.isoformat(), "to": end.isoformat()}
        )
        return self._answer(MonitoringReport, data)
