"""Errors the server answers with; texts in English, without personal data."""

from __future__ import annotations


class ServerError(Exception):
    status = 400

    def __init__(self, detail: str, *, wipe: bool = False, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.wipe = wipe
        self.retry_after = retry_after


class Unauthorised(ServerError):
    status = 401


class Forbidden(ServerError):
    status = 403


class NotFound(ServerError):
    status = 404


class Conflict(ServerError):
    status = 409


class DeviceRevoked(ServerError):
    status = 410

    def __init__(self) -> None:
        super().__init__("this device was revoked; its vault must be wiped", wipe=True)


class TooManyAttempts(ServerError):
    status = 429


class AdminError(Exception):
    """A `koers-server` admin command could not be carried out; the text says why."""
