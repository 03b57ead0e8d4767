"""The lock after wrong passwords, counted per account name as typed, whether or not an
account of that name exists.

Every door that checks a password (enrolment, the console's login, a password change)
counts a wrong one here. The count lives in the `rate_limits` table under a hashed key of
the submitted name (the name itself is not kept): `attempts` is the number of wrong
passwords in a row, `window_start` the time of the last one. After FREE_LOGIN_ATTEMPTS wrong
passwords the name is locked for 2, 4, 8 ... seconds (at most MAX_LOCK_SECONDS) from its
last wrong password. An unknown name and an existing account therefore answer alike: a
guesser cannot learn from the lock which names exist. A right password clears the count;
so does a beheerder's new password for the account. A count that saw no wrong password for
an hour is forgotten (ratelimit.KEEP_S, the table's clean-up), for every name alike.

For accounts that exist, users.failed_logins and users.locked_until are kept up to date as
well (they say the same; the decision is taken from the count here).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sync.server.store import rate_limits, users

FREE_LOGIN_ATTEMPTS = 5
MAX_LOCK_SECONDS = 900


def login_lock_seconds(failures: int) -> float:
    """After five wrong passwords: 2, 4, 8 ... seconds, at most 15 minutes."""
    if failures < FREE_LOGIN_ATTEMPTS:
        return 0.0
    return float(min(MAX_LOCK_SECONDS, 2 ** (failures - FREE_LOGIN_ATTEMPTS + 1)))


def _key(name: str) -> str:
    return "login-fail:" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:40]


def locked_for(conn: Connection, name: str, now: float) -> int | None:
    """Whole seconds (at least 1) until account name `name` may try a password again, or
    None when it may now. The same for a name that has no account."""
    row = conn.execute(
        select(rate_limits.c.attempts, rate_limits.c.window_start).where(
            rate_limits.c.key == _key(name)
        )
    ).first()
    if row is None:
        return None
    until = row.window_start + login_lock_seconds(int(row.attempts))
    return int(until - now) + 1 if until > now else None


def count_failure(conn: Connection, name: str, user_id: int | None, now: float) -> float:
    """Count one wrong password for `name` at `now` (epoch s), inside the caller's
    transaction; `user_id` is the account of that name, None when there is none. Returns the
    lock in seconds it now carries (0.0 while under FREE_LOGIN_ATTEMPTS)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    failures = conn.execute(
        dialect.insert(rate_limits)
        .values(key=_key(name), window_start=now, attempts=1)
        .on_conflict_do_update(
            index_elements=[rate_limits.c.key],
            set_={"attempts": rate_limits.c.attempts + 1, "window_start": now},
        )
        .returning(rate_limits.c.attempts)
    ).scalar_one()
    lock = login_lock_seconds(int(failures))
    if user_id is not None:
        conn.execute(
            update(users)
            .where(users.c.id == user_id)
            .values(failed_logins=int(failures), locked_until=now + lock if lock else 0.0)
        )
    return lock


def clear(conn: Connection, name: str, user_id: int | None = None) -> None:
    """Forget the wrong passwords of `name` (a right password, or a new one set by a
    beheerder); with `user_id`, the account's own columns as well."""
    conn.execute(delete(rate_limits).where(rate_limits.c.key == _key(name)))
    if user_id is not None:
        conn.execute(
            update(users).where(users.c.id == user_id).values(failed_logins=0, locked_until=0.0)
        )
