"""Rate limits on enrolment, per client address and per account, kept in the database.

The state lives in the `rate_limits` table (key, window_start, attempts), so every server
process sharing the database counts the same attempts. Each key counts attempts in a fixed
window; one atomic INSERT ... ON CONFLICT DO UPDATE per attempt, which never fails on a
conflict (nothing of a request reaches the database's error log).
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from dataclasses import dataclass
from functools import cache

from sqlalchemy import bindparam, case, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.dml import ReturningInsert

from sync.server.errors import TooManyAttempts
from sync.server.store import rate_limits


@dataclass(frozen=True)
class Limit:
    """At most `attempts` attempts per `window_s` seconds."""

    attempts: int
    window_s: float


# An office behind one address enrols a few dozen laptops on a roll-out day; a flood stops
# here long before the password hashing costs the server its other work.
ENROL_PER_ADDRESS = Limit(60, 300.0)
# Wrong passwords lock an account as well (service.login_lock_seconds); this bounds the
# hashing one account name can cost, right or wrong, known or not.
ENROL_PER_ACCOUNT = Limit(10, 300.0)
# What one device may add to the central access log per hour: a laptop's lines of a busy
# day come in a few seconds, and one back from weeks offline catches up over a few syncs
# (an answer 429 keeps its lines for the next); a flood from one token stops here. Bytes
# count each line's texts and a row's overhead (sync/server/audit._stored_size).
ACCESS_LOG_LINES = Limit(10_000, 3600.0)
ACCESS_LOG_BYTES = Limit(2_000_000, 3600.0)
# Rows of windows that started longer ago than this are deleted (longer than any window).
KEEP_S = 3600.0


def address_key(address: str | None) -> str:
    """The key of a client address; an IPv6 address counts by its /64 (one subscriber)."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return "enrol-address:unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv6Address):
        return f"enrol-address:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"enrol-address:{ip}"


def account_key(user_name: str) -> str:
    """The key of an account name (hashed: any text a caller sends fits, and none is kept)."""
    return "enrol-account:" + hashlib.sha256(user_name.encode("utf-8")).hexdigest()[:40]


@cache
def _hit_statement(dialect_name: str) -> ReturningInsert[int, float]:
    """The counting upsert, built once per dialect (building it per call cost SQLAlchemy
    more than the database's work: an access-log request counts twice)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    now = bindparam("now", type_=rate_limits.c.window_start.type)
    amount = bindparam("amount", type_=rate_limits.c.attempts.type)
    expired = rate_limits.c.window_start <= bindparam("since", type_=now.type)
    return (
        dialect.insert(rate_limits)
        .values(
            key=bindparam("key", type_=rate_limits.c.key.type), window_start=now, attempts=amount
        )
        .on_conflict_do_update(
            index_elements=[rate_limits.c.key],
            set_={
                "attempts": case((expired, amount), else_=rate_limits.c.attempts + amount),
                "window_start": case((expired, now), else_=rate_limits.c.window_start),
            },
        )
        .returning(rate_limits.c.attempts, rate_limits.c.window_start)
    )


def hit(conn: Connection, key: str, limit: Limit, now: float, amount: int = 1) -> int | None:
    """Count `amount` attempts (lines, bytes) under `key` at `now` (epoch s). Returns None
    while within the limit, else the whole seconds until the window ends (at least 1)."""
    statement = _hit_statement(conn.dialect.name)
    values = {"key": key, "now": now, "amount": amount, "since": now - limit.window_s}
    attempts, window_start = conn.execute(statement, values).one()
    if window_start == now:  # a new window: drop the rows of windows long over
        conn.execute(delete(rate_limits).where(rate_limits.c.window_start < now - KEEP_S))
    if attempts <= limit.attempts:
        return None
    return max(1, math.ceil(window_start + limit.window_s - now))


def check_enrolment(engine: Engine, address: str | None, user_name: str, now: float) -> None:
    """Count an enrolment attempt from `address` for `user_name`; raises TooManyAttempts
    (429 with Retry-After) when either is over its limit. Runs in its own short transaction,
    before any password is hashed."""
    with engine.begin() as conn:
        wait = hit(conn, address_key(address), ENROL_PER_ADDRESS, now)
        reason = "too many enrolment attempts from this address"
        if wait is None:
            wait = hit(conn, account_key(user_name), ENROL_PER_ACCOUNT, now)
            reason = "too many enrolment attempts for this account"
    if wait is not None:
        raise TooManyAttempts(f"{reason}; try again in {wait} s", retry_after=wait)


def check_access_log(engine: Engine, device_id: str, *, lines: int, size: int, now: float) -> None:
    """Count `lines` access-log lines of `size` bytes from device `device_id`; raises
    TooManyAttempts (429 with Retry-After) when either is over its hourly limit. Runs in its
    own short transaction, before anything of the request is stored."""
    if lines <= 0:
        return
    with engine.begin() as conn:
        wait = hit(conn, f"access-log-lines:{device_id}", ACCESS_LOG_LINES, now, lines)
        if wait is None:
            wait = hit(conn, f"access-log-bytes:{device_id}", ACCESS_LOG_BYTES, now, size)
    if wait is not None:
        raise TooManyAttempts(
            f"too many access-log lines from this device; send them again in {wait} s",
            retry_after=wait,
        )
