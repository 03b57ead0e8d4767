"""The central access log (NEN 7513): who read or changed which client's file, when, from
which device, gathered on the server so it outlives a lost laptop.

Two sources in one insert-only table (store.audit_log):
- "laptop": every line a laptop's vault wrote (storage/access_log.py), sent at sync
  (`receive`): the account and device come from the device token, never from the line; the
  laptop's time is kept next to the server's time of receipt; a resend is a no-op and a
  different line under a number stored before is refused (the stored line stays).
- "server": the server's own lines for what it serves (`record`, `record_cases`): case data
  in a pull (one line per case per pull), a case's history, an assignment, a search of this
  log, and the console's actions; the user is named by account.

Nothing here updates or deletes a line, and no endpoint does. Lines hold ids, action names,
account and device names, never a record's content or a file path.
"""

from __future__ import annotations

import getpass
import json
import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement

from storage.access_log import ACTIONS as LAPTOP_ACTIONS
from storage.hlc import MAX_AHEAD_MS
from sync.audit_lines import (
    AccessLine,
    AccessLogAnswer,
    laptop_time,
    shareable_detail,
    shareable_record_id,
)
from sync.server import ratelimit
from sync.server import records as held_records
from sync.server.access import Principal
from sync.server.errors import AdminError
from sync.server.store import audit_log, devices, on_driver

_log = logging.getLogger("koers.server")

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
# The longest period one search may cover (a search over ten years is refused): two years.
MAX_PERIOD_DAYS = 731
# The most lines one search returns (`limit` above it is refused); page with `offset`.
MAX_LIMIT = 5000
LAPTOP = "laptop"
SERVER = "server"
# The server's own actions (a console action may add its own name of this shape).
PULL = "pull"  # case data served in a pull
HISTORY = "history"  # a case's whole history served to a device that newly holds it
ASSIGN = "assign"  # a case given to a worker (a handover when it had one)
LATE = "late"  # a case's late arrivals (their content) listed to its holder or teamleider
ACCEPT_LATE = "accept_late"  # a late arrival accepted into its case
EXPORT = "export"  # this log searched or exported (record_type AUDIT_RECORD)
AUDIT_RECORD = "audit_log"
_ACTION = re.compile(r"^[a-z_]{1,40}$")
# A laptop's time before this is not believed (no Koers access log is older).
EARLIEST_DAY = date(2000, 1, 1)
EARLIEST_LAPTOP_TIME = datetime(2000, 1, 1, tzinfo=UTC).timestamp()
# The latest day a search may name: a year after the server's today.
LATEST_DAYS_AHEAD = 366
# The longest case id, account name or device id a search takes (characters).
MAX_SEARCH_TEXT = 200
# What a time that cannot be shown (not stored, or not a moment) reads in the log's output.
UNKNOWN = "unknown"
# A stored line's bytes besides its texts (times, numbers, names, the row's overhead).
LINE_OVERHEAD = 120


class BadAuditSearch(AdminError):
    """A search this log refuses (a period that ends before it starts, one longer than two
    years, a day outside EARLIEST_DAY .. a year from today, a search text too long, a bad
    page); the text says why in one line of English, `reason` which kind it is (one of
    BACKWARDS, TOO_LONG, OUT_OF_RANGE, TEXT_TOO_LONG, BAD_PAGE: the console words each in
    Dutch)."""

    BACKWARDS = "backwards"
    TOO_LONG = "too_long"
    OUT_OF_RANGE = "out_of_range"
    TEXT_TOO_LONG = "text_too_long"
    BAD_PAGE = "bad_page"

    def __init__(self, message: str, reason: str = BAD_PAGE) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class AuditLine:
    """One line of the central log. Times are ISO 8601 in Europe/Amsterdam with offset;
    `laptop_time` is None for the server's own lines, `device_id`/`device_name` None for a
    line of the server's shell."""

    user: str | None  # the account name (or "shell:<login>" for the server's shell)
    device_id: str | None
    device_name: str | None
    record_type: str
    record_id: str | None
    case_id: str | None
    action: str
    source: str  # "laptop" or "server"
    laptop_time: str | None  # None: a server's line, or a laptop time not believable
    received_at: str  # the server's time of receipt (or of writing); UNKNOWN if unshowable
    detail: str | None

    @property
    def when(self) -> str:
        """When it happened: the laptop's time for a laptop's line, else the server's (also
        for a laptop's line whose time was not believable: `laptop_clock_unknown`)."""
        return self.laptop_time or self.received_at

    @property
    def laptop_clock_unknown(self) -> bool:
        """A laptop's line whose own time was not believable (or cannot be shown)."""
        return self.source == LAPTOP and self.laptop_time is None

    @property
    def reported_by(self) -> str:
        """Who wrote the line, in words: "reported by laptop" (the laptop's own account of
        what happened there) or "recorded by server" (what the server itself served)."""
        return "reported by laptop" if self.source == LAPTOP else "recorded by server"


@dataclass(frozen=True)
class AuditPage:
    """A page of a search: `lines` oldest first, `total` lines matching in all, `truncated`
    when lines after this page match too (ask again with a larger offset)."""

    lines: list[AuditLine]
    total: int
    truncated: bool


def shell_user() -> str:
    """How a line of the server's shell (`koers-server`) names who ran it: "shell:<login>"."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return f"shell:{login}"[:100]


# --- writing --------------------------------------------------------------------------------


def _case_of(conn: Connection, record_type: str, record_id: str | None) -> str | None:
    if record_id is None or len(record_id) > 64:  # no case id is longer (a mistyped search)
        return None
    if record_type in ("case", AUDIT_RECORD):
        return record_id
    return held_records.case_of(conn, record_type, record_id)[1]


def record(
    conn: Connection,
    *,
    who: Principal | None,
    user_name: str | None = None,
    action: str,
    record_type: str,
    record_id: str | None,
    device_id: str | None = None,
    detail: str | None = None,
) -> None:
    """One server-written audit line, inside the caller's transaction (server time).

    `who`: the device that asked (its account and device are named); None for the console
    or the shell, which pass `user_name` (the account name, or "shell:<login>").
    `user_name` and `device_id`, when given, win over `who`'s. `action`: lower-case words
    with underscores (e.g. "assign", "user_add"); `record_type`/`record_id`: what was touched
    ("case" and its id, "user" and its name, "device" and its id). `detail`: ids, names of
    accounts and counts only, never a case's content. Raises ValueError for an action or
    record type of another shape.
    """
    if not _ACTION.match(action) or not _ACTION.match(record_type):
        raise ValueError("an audit action and record type are lower-case words")
    conn.execute(
        insert(audit_log).values(
            source=SERVER,
            device_id=device_id if device_id is not None else (who.device_id if who else None),
            device_seq=None,
            user_id=who.user_id if who is not None else None,
            user_name=(user_name if user_name is not None else (who.name if who else None)),
            record_type=record_type,
            record_id=record_id[:100] if record_id is not None else None,
            case_id=_case_of(conn, record_type, record_id),
            action=action,
            laptop_at=None,
            received_at=time.time(),
            detail=detail,
        )
    )


def record_cases_served(
    conn: Connection, who: Principal, action: str, case_ids: Iterable[str]
) -> None:
    """One server line per case in `case_ids` (a pull's or a history's case data served to
    `who`), inside the caller's transaction, in one statement."""
    now = time.time()
    rows = [
        {
            "source": SERVER,
            "device_id": who.device_id,
            "device_seq": None,
            "user_id": who.user_id,
            "user_name": who.name,
            "record_type": "case",
            "record_id": case_id,
            "case_id": case_id,
            "action": action,
            "laptop_at": None,
            "received_at": now,
            "detail": None,
        }
        for case_id in sorted(set(case_ids))
    ]
    if rows:
        conn.execute(insert(audit_log), rows)


def believable_laptop_time(at: str, now: float) -> float | None:
    """The epoch seconds of a laptop's time `at` when it is believable at server time `now`
    (from EARLIEST_LAPTOP_TIME up to the clock rule's MAX_AHEAD_MS ahead of the server:
    the server's clock is the authority), else None: the line is kept and its time shows
    as unknown (the server's time of receipt stands)."""
    moment = laptop_time(at)
    if moment is None or not EARLIEST_LAPTOP_TIME <= moment <= now + MAX_AHEAD_MS / 1000:
        return None
    return moment


# A line as stored and compared when it comes again: record type, record id, action, laptop
# time (epoch s, None: not believable), detail.
Stored = tuple[str, str | None, str, float | None, str | None]


def _same_line(before: Stored, values: Stored) -> bool:
    """Whether `values` are the stored line `before` again; a stored time that was not
    believable (None) matches any time (the laptop's clock may have been put right since)."""
    if before[3] is None:
        return before[:3] == values[:3] and before[4] == values[4]
    return before == values


def _stored_size(values: Stored) -> int:
    """Roughly how many bytes a line takes in the table (its texts and a row's overhead)."""
    record_type, record_id, action, _, detail = values
    size = LINE_OVERHEAD + len(record_type) + len(action)
    if record_id:
        size += len(record_id)
    if detail:
        size += len(detail)
    return size


def _prepared(lines: list[AccessLine], now: float) -> tuple[list[tuple[int, Stored]], int]:
    """Each line's number with what of it is stored (and compared when the line comes
    again), and the bytes all of them take (_stored_size). Each distinct time and each
    distinct (action, detail, record type) of the batch is read once: a sync's lines share
    their times and details (shareable_detail and believable_laptop_time depend on nothing
    else)."""
    times: dict[str, float | None] = {}
    # By (action, detail, record type): the detail kept, and the bytes of the line but its
    # record id (_stored_size).
    details: dict[tuple[str, str | None, str], tuple[str | None, int]] = {}
    prepared: list[tuple[int, Stored]] = []
    size = 0
    for line in lines:
        at, record_type, action, detail = line.at, line.record_type, line.action, line.detail
        if at in times:
            moment = times[at]
        else:
            moment = times[at] = believable_laptop_time(at, now)
        key = (action, detail, record_type)
        if key in details:
            kept, fixed = details[key]
        else:
            kept = shareable_detail(action, detail, record_type)
            fixed = _stored_size((record_type, None, action, None, kept))
            details[key] = kept, fixed
        record_id = shareable_record_id(record_type, line.record_id)
        size += fixed + len(record_id) if record_id else fixed
        prepared.append((line.seq, (record_type, record_id, action, moment, kept)))
    return prepared, size


# One look-up per number in the unique index (device_id, device_seq): the LATERAL with a
# LIMIT is not flattened into a join, so no plan reads every line of the device (with
# `device_seq = ANY(...)` PostgreSQL took the index on device_id alone and filtered all of
# the device's lines: a request's cost grew with the lines the device had sent before).
_STORED_PG = (
    "SELECT a.device_seq, a.record_type, a.record_id, a.action, a.laptop_at, a.detail "
    "FROM unnest(%s::bigint[]) AS s(seq), LATERAL (SELECT device_seq, record_type, "
    "record_id, action, laptop_at, detail FROM audit_log "
    "WHERE device_id = %s AND device_seq = s.seq LIMIT 1) AS a"
)
_STORED_SQLITE = (
    "SELECT device_seq, record_type, record_id, action, laptop_at, detail FROM audit_log "
    "WHERE device_id = ? AND device_seq IN "
)
_COLUMNS = (
    "source, device_id, device_seq, user_id, user_name, record_type, record_id, case_id, "
    "action, laptop_at, received_at, detail"
)
# A line's case as far as the server knows it, in the INSERT (the records' primary key is
# (record_id, record_type)): a case's line names its case, another record's line the case of
# that record when the server holds it, else none.
_CASE_OF = (
    "CASE WHEN {rt} = 'case' THEN {rid} ELSE (SELECT r.case_id FROM records r "
    "WHERE r.record_id = {rid} AND r.record_type = {rt}) END"
)
# All of a request's new lines in one statement (the account, device and time once), the
# lines as one JSON array of [seq, record type, record id, action, laptop time, detail]
# (json.dumps: one call in C, where psycopg would dump six arrays value by value in Python;
# a float's shortest text reads back as the same float8).
_INSERT_PG = (
    f"INSERT INTO audit_log ({_COLUMNS}) "
    "SELECT %s::text, %s::text, (t.e->>0)::bigint, %s::integer, %s::text, t.e->>1, t.e->>2, "
    f"{_CASE_OF.format(rt='(t.e->>1)', rid='(t.e->>2)')}, t.e->>3, (t.e->>4)::float8, %s::float8, "
    "t.e->>5 FROM json_array_elements(%s::json) AS t(e) ON CONFLICT DO NOTHING "
    "RETURNING device_seq"
)
# Rows per INSERT (6 parameters each) or numbers per read on SQLite: well under its limit of
# 32,766 parameters a statement.
_SQLITE_ROWS = 500
# VALUES' columns on SQLite: column1 seq, column2 record type, column3 record id, column4
# action, column5 laptop time, column6 detail. ("WHERE true": SQLite's rule for an upsert
# after INSERT ... SELECT.)
_INSERT_SQLITE = (
    f"INSERT INTO audit_log ({_COLUMNS}) "
    "SELECT 'laptop', ?, t.column1, ?, ?, t.column2, t.column3, "
    f"{_CASE_OF.format(rt='t.column2', rid='t.column3')}, t.column4, t.column5, ?, t.column6 "
    "FROM (VALUES {rows}) AS t WHERE true ON CONFLICT DO NOTHING"
)
_ROW_SQLITE = "(?,?,?,?,?,?)"


def _stored_lines(conn: Connection, device_id: str, seqs: list[int]) -> dict[int, Stored]:
    """What is stored of the lines numbered `seqs` of `device_id`, by number."""
    stored: dict[int, Stored] = {}
    if conn.dialect.name == "postgresql":
        # The numbers as one array's text: psycopg would dump a list value by value.
        numbers = "{" + ",".join(map(str, seqs)) + "}"
        for row in on_driver(conn, _STORED_PG, (numbers, device_id)):
            stored[int(row[0])] = tuple(row[1:])  # type: ignore[assignment]
        return stored
    for start in range(0, len(seqs), _SQLITE_ROWS):
        chunk = seqs[start : start + _SQLITE_ROWS]
        marks = ",".join("?" * len(chunk))
        for row in conn.exec_driver_sql(f"{_STORED_SQLITE}({marks})", (device_id, *chunk)):
            stored[int(row[0])] = tuple(row[1:])  # type: ignore[assignment]
    return stored


def _insert_lines(conn: Connection, who: Principal, now: float, new: dict[int, Stored]) -> set[int]:
    """The new lines of `who` in one INSERT, each with its case as far as the server knows
    it (_CASE_OF), sent on the driver: the numbers stored. On PostgreSQL a line a parallel
    request of the same device stored meanwhile stays as it was (ON CONFLICT DO NOTHING) and
    its number is not among them; SQLite runs one writer at a time (BEGIN IMMEDIATE), so
    what the request read is what holds and every new line is stored."""
    if not new:
        return set()
    if conn.dialect.name == "postgresql":
        lines = json.dumps([(seq, *values) for seq, values in new.items()])
        stored = on_driver(
            conn, _INSERT_PG, (LAPTOP, who.device_id, who.user_id, who.name, now, lines)
        )
        return {int(row[0]) for row in stored}
    items = list(new.items())
    for start in range(0, len(items), _SQLITE_ROWS):
        chunk = items[start : start + _SQLITE_ROWS]
        params: list[Any] = [who.device_id, who.user_id, who.name, now]
        for seq, values in chunk:
            params.append(seq)
            params += values
        rows = ",".join([_ROW_SQLITE] * len(chunk))
        conn.exec_driver_sql(_INSERT_SQLITE.format(rows=rows), tuple(params))
    return set(new)


def receive(
    engine: Engine, who: Principal, lines: list[AccessLine], now: float | None = None
) -> AccessLogAnswer:
    """Store a laptop's access-log lines (one transaction), under the account and device of
    the token `who`. The same line again is answered `already` (nothing doubled); a
    different line under a number this device sent before, or an action Koers does not
    write, is `refused` and logged by device and number only. The record id is kept when it
    is a Koers id (`shareable_record_id`), the detail cut to what `shareable_detail` allows,
    a laptop time that is not believable stored as unknown (`believable_laptop_time`).
    The lines stored before are read in one statement and the new ones written in one.

    Raises TooManyAttempts (429 with Retry-After; nothing stored, the laptop sends the lines
    again at a later sync) when the device is over ratelimit.ACCESS_LOG_LINES lines or
    ratelimit.ACCESS_LOG_BYTES bytes in the current window."""
    now = time.time() if now is None else now
    accepted: list[int] = []
    already: list[int] = []
    refused: list[int] = []
    prepared, size = _prepared(lines, now)
    ratelimit.check_access_log(engine, who.device_id, lines=len(prepared), size=size, now=now)
    with engine.begin() as conn:
        stored = _stored_lines(conn, who.device_id, sorted({seq for seq, _ in prepared}))
        new: dict[int, Stored] = {}
        for seq, values in prepared:
            if values[2] not in LAPTOP_ACTIONS:
                refused.append(seq)
                _log.warning(
                    "access-log line %s of device %s refused: unknown action", seq, who.device_id
                )
                continue
            before = stored.get(seq)
            if before is None:
                before = new.get(seq)
            if before is None:
                new[seq] = values
                accepted.append(seq)
            elif _same_line(before, values):
                already.append(seq)
            else:
                _refuse_changed(refused, seq, who)
        stored_now = _insert_lines(conn, who, now, new)
        if len(stored_now) < len(new):
            # A parallel request of this device stored these numbers first: each is the
            # same line (already) or another one, which stays (refused), never "accepted".
            meanwhile = sorted(set(new) - stored_now)
            accepted = [seq for seq in accepted if seq in stored_now]
            for seq, before in _stored_lines(conn, who.device_id, meanwhile).items():
                if _same_line(before, new[seq]):
                    already.append(seq)
                else:
                    _refuse_changed(refused, seq, who)
    return AccessLogAnswer(
        accepted=accepted, already=already, refused=refused, server_time_ms=int(now * 1000)
    )


def _refuse_changed(refused: list[int], seq: int, who: Principal) -> None:
    refused.append(seq)
    _log.warning(
        "access-log line %s was sent again by device %s with other content", seq, who.device_id
    )


# --- searching ------------------------------------------------------------------------------


def server_today() -> date:
    """The server's calendar day in Europe/Amsterdam."""
    return datetime.now(LOCAL_TZ).date()


def check_period(start: date | None, end: date | None) -> tuple[date, date] | None:
    """The period [start, end] a search covers (an open end is today, an open start two
    years before the end, not before EARLIEST_DAY), or None when neither is given (all
    time). Raises BadAuditSearch for a day before EARLIEST_DAY or more than a year after
    today, a period that ends before it starts or one longer than two years."""
    if start is None and end is None:
        return None
    today = server_today()
    latest = today + timedelta(days=LATEST_DAYS_AHEAD)
    for day in (start, end):
        if day is not None and not EARLIEST_DAY <= day <= latest:
            raise BadAuditSearch(
                f"a day of the period must lie between {EARLIEST_DAY.isoformat()} and "
                f"{latest.isoformat()} (a year from today)",
                BadAuditSearch.OUT_OF_RANGE,
            )
    if end is None:
        end = max(today, start or today)
    if start is None:
        start = max(EARLIEST_DAY, end - timedelta(days=MAX_PERIOD_DAYS - 1))
    if end < start:
        raise BadAuditSearch("the period ends before it starts", BadAuditSearch.BACKWARDS)
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise BadAuditSearch(
            "the period is longer than two years; search at most two years at a time",
            BadAuditSearch.TOO_LONG,
        )
    return start, end


def _day_start(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ).timestamp()


def _iso(epoch: object) -> str | None:
    """Epoch seconds as ISO 8601 in Europe/Amsterdam, or None for None or for any stored
    value that is no time Python can show (out of range, not a number): never raises."""
    if epoch is None:
        return None
    try:
        moment = datetime.fromtimestamp(float(epoch), UTC)  # type: ignore[arg-type]
        return moment.astimezone(LOCAL_TZ).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError, TypeError):
        return None


def search(
    engine: Engine,
    *,
    case_id: str | None = None,
    user: str | None = None,
    device_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    limit: int = 500,
    offset: int = 0,
    searched_by: str | None = None,
) -> AuditPage:
    """The lines about a case (`case_id`: its records, and exports that held it), by an
    account (`user`, its name) or from a device (`device_id`), each filter optional and
    combined with AND, within the days [start, end] (Europe/Amsterdam; a line is in the
    period when it happened or arrived in it; neither given: all time), oldest first,
    `limit` lines from `offset`.

    `searched_by`: who searches (an account name, or "shell:<login>"): when given, the
    search itself is written to the log (action "export" on record type "audit_log", the
    case id as record id, the filters as detail), in its own transaction. Raises
    BadAuditSearch for a bad period (check_period), a case id, user or device id longer than
    MAX_SEARCH_TEXT, a limit outside 1..MAX_LIMIT or a negative offset.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise BadAuditSearch(f"the limit must be between 1 and {MAX_LIMIT} lines")
    if offset < 0:
        raise BadAuditSearch("the offset must not be negative")
    for what, text in (("case id", case_id), ("user name", user), ("device id", device_id)):
        if text is not None and len(text) > MAX_SEARCH_TEXT:
            raise BadAuditSearch(
                f"the {what} to search for is longer than {MAX_SEARCH_TEXT} characters",
                BadAuditSearch.TEXT_TOO_LONG,
            )
    period = check_period(start, end)
    where: list[ColumnElement[bool]] = []
    if case_id is not None:
        where.append(
            or_(
                audit_log.c.case_id == case_id,
                and_(
                    audit_log.c.action == EXPORT,
                    audit_log.c.detail.contains(json.dumps(case_id), autoescape=True),
                ),
            )
        )
    if user is not None:
        where.append(audit_log.c.user_name == user)
    if device_id is not None:
        where.append(audit_log.c.device_id == device_id)
    if period is not None:
        low, high = _day_start(period[0]), _day_start(period[1] + timedelta(days=1))
        where.append(
            or_(
                and_(audit_log.c.received_at >= low, audit_log.c.received_at < high),
                and_(audit_log.c.laptop_at >= low, audit_log.c.laptop_at < high),
            )
        )
    condition = and_(True, *where)
    when = func.coalesce(audit_log.c.laptop_at, audit_log.c.received_at)
    with engine.connect() as conn:
        total = int(
            conn.execute(select(func.count()).select_from(audit_log).where(condition)).scalar_one()
        )
        rows = conn.execute(
            select(audit_log, devices.c.name.label("device_name"))
            .outerjoin(devices, devices.c.id == audit_log.c.device_id)
            .where(condition)
            .order_by(when, audit_log.c.id)
            .limit(limit)
            .offset(offset)
        ).all()
    lines = [
        AuditLine(
            user=r.user_name,
            device_id=r.device_id,
            device_name=r.device_name,
            record_type=r.record_type,
            record_id=r.record_id,
            case_id=r.case_id,
            action=r.action,
            source=r.source,
            laptop_time=_iso(r.laptop_at),
            received_at=_iso(r.received_at) or UNKNOWN,
            detail=r.detail,
        )
        for r in rows
    ]
    if searched_by is not None:
        filters = {
            "user": user,
            "device": device_id,
            "from": period[0].isoformat() if period else None,
            "to": period[1].isoformat() if period else None,
            "lines": total,
        }
        with engine.begin() as conn:
            record(
                conn,
                who=None,
                user_name=searched_by,
                action=EXPORT,
                record_type=AUDIT_RECORD,
                record_id=case_id,
                detail=json.dumps({k: v for k, v in filters.items() if v is not None}),
            )
    return AuditPage(lines=lines, total=total, truncated=offset + len(lines) < total)
