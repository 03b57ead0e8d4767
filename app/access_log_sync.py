"""The vault's access log goes to the server's central log at every sync (issue 16).

The lines go up in order, in batches, from a cursor kept in the vault's sync state ("sent up
to seq"): the cursor moves in the vault's own transaction once the server has answered for a
batch, so an interruption sends a batch again, which the server takes as a no-op. What of a
line leaves the laptop is sync/audit_lines.shareable_detail's rule (no file path, no free
text); the laptop's account and device are the server's to name (from the device token).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from storage import sync_state
from storage.vault import Vault
from sync.audit_lines import (
    ACTION_PATTERN,
    MAX_DETAIL,
    MAX_LINES,
    RECORD_ID_PATTERN,
    RECORD_TYPE_PATTERN,
    AccessLine,
    AccessLogAnswer,
    laptop_time,
    shareable_detail,
    shareable_record_id,
)
from sync.client import SyncError, TooManyAttempts

# The highest access_log.seq the server has answered for.
ACCESS_LOG_SENT = "access_log_sent_seq"
BATCH = MAX_LINES  # the most lines the server takes in one request


class AccessLogTransport(Protocol):
    def push_access_log(self, lines: list[AccessLine]) -> AccessLogAnswer: ...


_RECORD_TYPE = re.compile(RECORD_TYPE_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
_ACTION = re.compile(ACTION_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
_RECORD_ID = re.compile(RECORD_ID_PATTERN.removeprefix("^").removesuffix("$")).fullmatch
_EPOCH = "1970-01-01T00:00:00Z"
_MAX_SEQ = 2**63 - 1
# A line made as AccessLine.model_construct makes it, every field given (its Python code per
# field is most of a line's cost): tests/sync/test_access_log_lines.py checks it equals the
# model's own line.
_new, _set = object.__new__, object.__setattr__
_FIELDS = frozenset(AccessLine.model_fields)


def _line(row: Any, times: dict[Any, bool]) -> AccessLine:
    """A vault row as the wire line, every field made to fit the wire's shape (a line that
    cannot be sent would stop every later one): a record id that is not a Koers id is left
    out, an unexpected record type is named "unknown", a time that is no moment of the
    calendar is sent as the epoch (the server keeps the line with its time unknown; it
    refuses an unknown action by itself). `times`: whether each time seen in this batch is
    a moment (lines of one batch share their times often).

    The values so made fit AccessLine; when each is checked to fit exactly as the model
    would check it (types, lengths, patterns as full matches: the model's `$` is the end of
    the text), the line is made without validating it again, else by the model (its
    coercions and errors, as before)."""
    seq, at, record_type, record_id, action, detail = row
    record_type = record_type if _RECORD_TYPE(record_type or "") else "unknown"
    fits = times.get(at)
    if fits is None:
        fits = times[at] = laptop_time(at) is not None
    at = at if fits else _EPOCH
    record_id = shareable_record_id(record_type, record_id)
    action = action if _ACTION(action or "") else "unknown"
    detail = shareable_detail(action, detail, record_type)
    if (
        type(seq) is int
        and 1 <= seq <= _MAX_SEQ
        and (record_id is None or _RECORD_ID(record_id) is not None)
        and (detail is None or (len(detail) <= MAX_DETAIL and detail.isascii()))
    ):
        line = _new(AccessLine)
        _set(
            line,
            "__dict__",
            {
                "seq": seq,
                "at": at,
                "record_type": record_type,
                "record_id": record_id,
                "action": action,
                "detail": detail,
            },
        )
        _set(line, "__pydantic_fields_set__", set(_FIELDS))
        _set(line, "__pydantic_extra__", None)
        _set(line, "__pydantic_private__", None)
        return line
    return AccessLine(
        seq=seq,
        at=at,
        record_type=record_type,
        record_id=record_id,
        action=action,
        detail=detail,
    )


def rows_after(vault: Vault, after: int, limit: int = BATCH) -> list[Any]:
    """The first `limit` access-log rows after seq `after`, as `lines_of` takes them."""
    return vault.db.execute(
        "SELECT seq, at, record_type, record_id, action, detail FROM access_log "
        "WHERE seq > ? ORDER BY seq LIMIT ?",
        [after, limit],
    ).fetchall()


def lines_of(rows: list[Any]) -> list[AccessLine]:
    """Access-log rows (`rows_after`) as the wire lines that leave the laptop."""
    times: dict[Any, bool] = {}
    return [_line(row, times) for row in rows]


def unsent_lines(vault: Vault) -> int:
    """How many access-log lines the server has not answered for yet."""
    sent = sync_state.get_int(vault, ACCESS_LOG_SENT)
    return int(
        vault.db.execute("SELECT count(*) FROM access_log WHERE seq > ?", [sent]).fetchone()[0]
    )


def push_access_log(vault: Vault, transport: AccessLogTransport) -> int:
    """Send every line not sent yet, BATCH at a time; returns how many the server stored now.

    A server that does not know the central log (an older one: an error answer that is not
    about the device), or that asks to wait (429: this device sent many lines this hour),
    leaves the lines not answered for a later sync and the sync goes on. Raises the
    transport's DeviceRevoked, NotAuthorised and ServerUnreachable as the other sync steps do.
    """
    stored = 0
    while True:
        rows = rows_after(vault, sync_state.get_int(vault, ACCESS_LOG_SENT), BATCH)
        if not rows:
            return stored
        try:
            answer = transport.push_access_log(lines_of(rows))
        except TooManyAttempts:  # over the server's hourly limit: the rest go next sync
            return stored
        except SyncError as exc:
            if type(exc) is SyncError:  # the server refused the request itself: try later
                return stored
            raise
        with vault.transaction():
            sync_state.put(vault, ACCESS_LOG_SENT, rows[-1][0])
        stored += len(answer.accepted)
