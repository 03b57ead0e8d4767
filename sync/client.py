"""The HTTP side of the client: talks the protocol to the server with httpx. No vault here."""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterable
from datetime import date
from json.encoder import encode_basestring_ascii
from typing import Any, NamedTuple, TypeVar

import httpx
import pydantic_core
import truststore
from pydantic import BaseModel, ValidationError

from sync.audit_lines import AccessLine, AccessLogAnswer, AccessLogPush
from sync.protocol import (
    PROTOCOL_VERSION,
    WRONG_CURRENT_PASSWORD,
    CaseHistory,
    Change,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    HandoverRequest,
    HandoverResult,
    LateArrival,
    Me,
    MonitoringReport,
    PasswordChangeRequest,
    PullBatch,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    ServerChange,
    TeamWorkers,
    batch_of,
    pull_batch,
)

TIMEOUT = httpx.Timeout(30.0, connect=5.0)
M = TypeVar("M", bound=BaseModel)


class SyncError(Exception):
    """The server could not be used; the text says why (no personal data)."""


class ServerUnreachable(SyncError):
    pass


class ServerNotTrusted(ServerUnreachable):
    """The server's TLS certificate is not one this computer trusts (a self-signed or an
    organisation's own CA that is not installed in the operating system's store)."""


def trusted_tls() -> ssl.SSLContext:
    """The TLS context every connection to a server uses: the operating system's trust store
    (truststore: Windows, macOS, and OpenSSL's store on Linux, where `update-ca-certificates`
    installs an organisation's CA), so a server with the organisation's own certificate is
    reached without extra settings."""
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def unreachable(exc: httpx.HTTPError) -> ServerUnreachable:
    """The error for a request that got no answer: ServerNotTrusted when the certificate
    check failed, else ServerUnreachable naming the kind of failure (never the address)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return ServerNotTrusted(
                "the server's certificate is not trusted by this computer: install the "
                "organisation's CA certificate in the operating system's trust store"
            )
        cause = cause.__cause__ or cause.__context__
    return ServerUnreachable(f"server unreachable ({type(exc).__name__})")


class NotAuthorised(SyncError):
    pass


class DeviceRevoked(SyncError):
    """The server says this device was revoked: its vault must be wiped."""


class WrongCurrentPassword(NotAuthorised):
    """A password change named a current password that is not the account's."""


class WeakNewPassword(SyncError):
    """The server refused the new password as too weak; the text says why (English)."""


class TooManyAttempts(NotAuthorised):
    """The server asks to wait before trying again; `retry_after` in whole seconds."""

    def __init__(self, detail: str, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class HandoverRefused(SyncError):
    """The server refused a teamleider's handover and moved nothing. `status`: 403 (not a
    teamleider, or a case of another team), 409 (a case moved meanwhile), 422 (a worker who
    may not receive cases, no reason); the text says why in English."""

    def __init__(self, detail: str, status: int) -> None:
        super().__init__(detail)
        self.status = status


def _error_detail(response: httpx.Response) -> ErrorBody:
    try:
        return ErrorBody.model_validate(response.json())
    except (ValueError, ValidationError):
        return ErrorBody(detail=f"server answered HTTP {response.status_code}")


def _says_wipe(response: httpx.Response) -> bool:
    """Whether an answer tells this device to wipe: HTTP 410, or any refusal whose body says
    `"wipe": true` (every endpoint; the caller raises DeviceRevoked)."""
    if response.status_code == 410:
        return True
    return response.status_code >= 400 and _error_detail(response).wipe


class EncodedChange(NamedTuple):
    """A change whose `fields` is already JSON text (an object: field -> value), ready to go
    into a push body as it is (sync/protocol.Change is the same change as a model)."""

    change_id: str
    record_type: str
    record_id: str
    fields: str
    hlc: str
    device_id: str | None
    created: bool


def push_body(changes: Iterable[EncodedChange]) -> bytes:
    """The JSON body of POST /v1/push for `changes`: the same JSON that
    `PushRequest(changes=[...]).model_dump_json()` writes for the same changes (tested), built
    by joining text instead of a model per change (a first push sends 50,000 of them).
    UTF-8 (ids and stamps escaped to ASCII). A value that is not finite (NaN, Infinity, which
    JSON cannot hold) is sent as null, as the model writes it."""
    quote = encode_basestring_ascii
    parts = []
    for change in changes:
        fields = change.fields
        if "NaN" in fields or "Infinity" in fields:  # rare: only then parse it
            fields = _finite_json(fields)
        device = "null" if change.device_id is None else quote(change.device_id)
        parts.append(
            f'{{"change_id":{quote(change.change_id)},"record_type":{quote(change.record_type)},'
            f'"record_id":{quote(change.record_id)},"fields":{fields},"hlc":{quote(change.hlc)},'
            f'"device_id":{device},"created":{"true" if change.created else "false"}}}'
        )
    return f'{{"protocol":{PROTOCOL_VERSION},"changes":[{",".join(parts)}]}}'.encode()


def parse_json(content: bytes) -> Any:
    """An answer's JSON body as Python values, the same values `json.loads(content)` gives
    (httpx's `response.json()`), and ValueError where it raises one. Read by pydantic_core's
    parser (a pull answer of 500 changes: about 2 us a change instead of 6, keys shared);
    text that parser refuses (a lone UTF-16 surrogate, a byte-order mark, nesting deeper
    than its limit, text that is no JSON) goes to json.loads, which decides."""
    try:
        return pydantic_core.from_json(content, cache_strings="keys")
    except ValueError:
        return json.loads(content)


def _finite_json(text: str) -> str:
    """JSON `text` again, with every NaN or infinite number in it as null."""
    value = pydantic_core.from_json(text, allow_inf_nan=True)
    return pydantic_core.to_json(value, inf_nan_mode="null").decode()


class HttpTransport:
    def __init__(
        self, base_url: str, token: str | None = None, client: httpx.Client | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._client = client or httpx.Client(timeout=TIMEOUT, verify=trusted_tls())

    def close(self) -> None:
        self._client.close()

    def _call(
        self,
        method: str,
        path: str,
        body: BaseModel | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        response = self._answer_of(self._send(method, path, body, params))
        try:
            return parse_json(response.content)
        except ValueError:
            raise ServerUnreachable("server sent an incomplete answer") from None

    def _send(
        self,
        method: str,
        path: str,
        body: BaseModel | bytes | None = None,
        params: dict[str, Any] | None = None,
    ) -> httpx.Response:
        """The server's answer to one request (`body` a model, or JSON already encoded);
        raises ServerUnreachable when none came."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        if isinstance(body, bytes):
            headers["Content-Type"] = "application/json"
            content, data = body, None
        else:
            content, data = None, body.model_dump(mode="json") if body is not None else None
        try:
            return self._client.request(
                method,
                self.base_url + path,
                headers=headers,
                params=params,
                content=content,
                json=data,
            )
        except httpx.HTTPError as exc:
            raise unreachable(exc) from None

    def _answer_of(self, response: httpx.Response) -> httpx.Response:
        """`response` when it is an answer to use; else the error it stands for (wipe,
        throttled, not authorised, refused; ServerUnreachable for a body cut short)."""
        if _says_wipe(response):
            raise DeviceRevoked(_error_detail(response).detail)
        if response.status_code == 429:  # a NotAuthorised, with the wait the server asks
            wait = response.headers.get("retry-after", "")
            raise TooManyAttempts(
                _error_detail(response).detail, int(wait) if wait.isdigit() else None
            )
        if response.status_code in (401, 403):
            raise NotAuthorised(_error_detail(response).detail)
        if response.status_code >= 400:
            raise SyncError(_error_detail(response).detail)
        return response

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

    def change_password(self, old: str, new: str) -> None:
        """Change the password of this device's account (the server takes the account from
        the token). Raises WrongCurrentPassword (403 for a wrong `old`), WeakNewPassword
        (422), TooManyAttempts (429, with retry_after), NotAuthorised (a disabled account or
        an unknown token), DeviceRevoked, ServerUnreachable, SyncError; neither password is
        in any error text."""
        body = PasswordChangeRequest(old=old, new=new).model_dump(mode="json")
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self._client.post(self.base_url + "/v1/password", headers=headers, json=body)
        except httpx.HTTPError as exc:
            raise unreachable(exc) from None
        if response.status_code < 300:
            return
        detail = _error_detail(response).detail
        if _says_wipe(response):
            raise DeviceRevoked(detail)
        if response.status_code == 403 and detail == WRONG_CURRENT_PASSWORD:
            raise WrongCurrentPassword(detail)
        if response.status_code == 422:
            raise WeakNewPassword(detail)
        if response.status_code == 429:
            wait = response.headers.get("retry-after", "")
            raise TooManyAttempts(detail, int(wait) if wait.isdigit() else None)
        if response.status_code in (401, 403):
            raise NotAuthorised(detail)
        raise SyncError(detail)

    def push(self, changes: list[Change]) -> PushResponse:
        request = PushRequest(changes=changes)
        return self._answer(PushResponse, self._call("POST", "/v1/push", request))

    def push_encoded(self, body: bytes) -> PushResponse:
        """POST /v1/push with a body `push_body` built (the same answer and errors as
        `push`). Safe to call from another thread than the one that made the transport, as
        long as one thread at a time uses it (app/sync_service.py sends from a thread of its
        own while the push runs)."""
        response = self._answer_of(self._send("POST", "/v1/push", body))
        try:
            return PushResponse.model_validate_json(response.content)
        except ValidationError as exc:
            if any(error["type"] == "json_invalid" for error in exc.errors()):
                raise ServerUnreachable("server sent an incomplete answer") from None
            raise SyncError("the server sent an answer this Koers does not understand") from None

    def pull(self, cursor: int, limit: int) -> PullResponse:
        request = PullRequest(cursor=cursor, limit=limit)
        return self._answer(PullResponse, self._call("POST", "/v1/pull", request))

    def pull_batch(self, cursor: int, limit: int) -> PullBatch:
        """`pull` as plain values: the same request, errors and values, without a model per
        change when the answer has the plain shape (sync/protocol.pull_batch); any other
        answer goes through PullResponse as `pull` does."""
        data = self._call("POST", "/v1/pull", PullRequest(cursor=cursor, limit=limit))
        batch = pull_batch(data)
        return batch if batch is not None else batch_of(self._answer(PullResponse, data))

    def late_arrivals(self, case_id: str) -> list[LateArrival]:
        """Changes refused for `case_id` because it had moved here, waiting to be accepted."""
        data = self._call("GET", f"/v1/cases/{case_id}/late")
        if not isinstance(data, list):
            raise SyncError("the server sent an answer this Koers does not understand")
        return [self._answer(LateArrival, item) for item in data]

    def accept_late(self, late_id: int) -> LateArrival:
        """Accept a late arrival into its case; the next pull brings it to this laptop."""
        return self._answer(LateArrival, self._call("POST", f"/v1/late/{int(late_id)}/accept"))

    def push_access_log(self, lines: list[AccessLine]) -> AccessLogAnswer:
        """Add these access-log lines to the server's central log (the same line again is a
        no-op there; the account and device are the token's)."""
        request = AccessLogPush(lines=lines)
        return self._answer(AccessLogAnswer, self._call("POST", "/v1/access-log", request))

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

    def me(self) -> Me:
        """Who this device is: the account's name, role and team (GET /v1/me)."""
        return self._answer(Me, self._call("GET", "/v1/me"))

    def team_workers(self) -> TeamWorkers:
        """The active workers of this teamleider's team. Raises NotAuthorised for another
        role or a teamleider without a team, ServerUnreachable when offline."""
        return self._answer(TeamWorkers, self._call("GET", "/v1/team/workers"))

    def hand_over(self, request: HandoverRequest) -> HandoverResult:
        """Hand cases over (POST /v1/cases/handover), all or nothing. Raises HandoverRefused
        (403, 409, 422: nothing moved), DeviceRevoked, ServerUnreachable, SyncError."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self._client.post(
                self.base_url + "/v1/cases/handover",
                headers=headers,
                json=request.model_dump(mode="json"),
            )
        except httpx.HTTPError as exc:
            raise unreachable(exc) from None
        if _says_wipe(response):
            raise DeviceRevoked(_error_detail(response).detail)
        if response.status_code in (403, 409, 422):
            raise HandoverRefused(_error_detail(response).detail, response.status_code)
        if response.status_code in (401, 429):
            raise NotAuthorised(_error_detail(response).detail)
        if response.status_code >= 400:
            raise SyncError(_error_detail(response).detail)
        try:
            data = response.json()
        except ValueError:
            raise ServerUnreachable("server sent an incomplete answer") from None
        return self._answer(HandoverResult, data)
