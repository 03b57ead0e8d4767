"""Administration behind `koers-server`: accounts, teams, assignment, devices, retention."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from sqlalchemy import delete, select, tuple_, update
from sqlalchemy.engine import Connection, Engine

from sync.protocol import MAX_PASSWORD, ROLES, WRONG_CURRENT_PASSWORD
from sync.server import audit, lockout, ratelimit
from sync.server import records as held_records
from sync.server.access import Principal
from sync.server.errors import AdminError
from sync.server.passwords import DUMMY_HASH, hash_password, verify_password
from sync.server.service import write_holders
from sync.server.store import (
    assignments,
    changes,
    conflicts,
    devices,
    late_arrivals,
    previous_assignments,
    records,
    serialise_writers,
    teams,
    users,
)


def _team_id(conn, team: str | None) -> int | None:  # type: ignore[no-untyped-def]
    if team is None:
        return None
    found = conn.execute(select(teams.c.id).where(teams.c.name == team)).scalar_one_or_none()
    if found is None:
        raise AdminError(f"no team named {team!r}; add it first with 'team add'")
    return int(found)


def add_team(engine: Engine, name: str, shares_caseload: bool = False) -> None:
    with engine.begin() as conn:
        if conn.execute(select(teams.c.id).where(teams.c.name == name)).first():
            raise AdminError(f"team {name!r} exists already")
        conn.execute(teams.insert().values(name=name, shares_caseload=shares_caseload))


def add_user(engine: Engine, name: str, password: str, role: str, team: str | None) -> None:
    if role not in ROLES:
        raise AdminError(f"role must be one of {', '.join(ROLES)}")
    if not name.strip():
        raise AdminError("the user name is empty")
    # The same rule as every other password (the console, a change from a laptop): the
    # first beheerder is made here, on the shell, and guards the console.
    reason = weak_password_reason(name, password)
    if reason is not None:
        raise WeakPassword(reason.replace("the new password", "the password"))
    with engine.begin() as conn:
        if conn.execute(select(users.c.id).where(users.c.name == name)).first():
            raise AdminError(f"user {name!r} exists already")
        conn.execute(
            users.insert().values(
                name=name,
                password_hash=hash_password(password),
                role=role,
                team_id=_team_id(conn, team),
                disabled=False,
                failed_logins=0,
                locked_until=0.0,
            )
        )


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    team: str | None
    disabled: bool


def list_users(engine: Engine) -> list[UserRow]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(users.c.name, users.c.role, teams.c.name.label("team"), users.c.disabled)
            .outerjoin(teams, teams.c.id == users.c.team_id)
            .order_by(users.c.name)
        ).all()
    return [UserRow(r.name, r.role, r.team, bool(r.disabled)) for r in rows]


def _user_id(conn, name: str) -> int:  # type: ignore[no-untyped-def]
    found = conn.execute(select(users.c.id).where(users.c.name == name)).scalar_one_or_none()
    if found is None:
        raise AdminError(f"no user named {name!r}")
    return int(found)


def disable_user(engine: Engine, name: str) -> int:
    """Disable an account and revoke every device of it that is not revoked yet: each is
    refused from now on and receives the wipe at its next contact. Returns how many devices
    were revoked. Raises AdminError for an unknown user."""
    with engine.begin() as conn:
        user_id = _user_id(conn, name)
        conn.execute(update(users).where(users.c.id == user_id).values(disabled=True))
        revoked = conn.execute(
            update(devices)
            .where(devices.c.user_id == user_id, devices.c.revoked_at.is_(None))
            .values(revoked_at=time.time())
        )
    return int(revoked.rowcount)


def assign(
    engine: Engine,
    case_id: str,
    user: str,
    *,
    backup: str | None = None,
    who: Principal | None = None,
    by_name: str | None = None,
) -> str | None:
    """Give a case to a worker and a back-up worker (`backup`; None: the case has no
    back-up worker afterwards, an older one is cleared, so a handover to the old back-up
    never leaves the worker as their own back-up); returns the previous worker's name (a
    handover) or None.

    The server is the authority on who holds a case: the case's `worker` and
    `backup_worker` fields are written from here as a change every laptop receives
    (service.write_holders), by account name. Raises AdminError for an unknown or disabled
    user, a back-up worker who is the worker, or a case id the server does not hold (a case
    is made on a laptop: its id exists once that laptop synced, and a mistyped id must not
    leave an assignment of nothing behind).

    Every assignment is written to the central access log (audit.ASSIGN) by `who` (the
    device that asked) or `by_name` (an account name); neither given: the server's shell
    user (audit.shell_user)."""
    if who is None and by_name is None:
        by_name = audit.shell_user()
    with engine.begin() as conn:
        serialise_writers(conn)
        return assign_in(conn, case_id, user, backup=backup, who=who, by_name=by_name)


def assign_in(
    conn: Connection,
    case_id: str,
    user: str,
    *,
    backup: str | None = None,
    who: Principal | None = None,
    by_name: str | None = None,
) -> str | None:
    """`assign` inside the caller's transaction (which has called serialise_writers): a
    handover of several cases is all or nothing. Same answer and errors as `assign`; the
    access-log line names `who` (the asking device) or `by_name` (an account name)."""
    new_id = _active_user_id(conn, user)
    backup_id = _active_user_id(conn, backup) if backup is not None else None
    if backup_id == new_id:
        raise AdminError("the back-up worker must be someone other than the worker")
    if not _case_exists(conn, case_id):
        raise AdminError(
            "the server holds no case with this id (a case can be assigned once the "
            "laptop it was made on has synced)"
        )
    now = time.time()
    found = conn.execute(
        select(users.c.id, users.c.name)
        .join(assignments, assignments.c.user_id == users.c.id)
        .where(assignments.c.case_id == case_id)
    ).first()
    if found is None:
        conn.execute(assignments.insert().values(case_id=case_id, user_id=new_id, assigned_at=now))
    elif found.id != new_id:
        conn.execute(
            previous_assignments.insert().values(case_id=case_id, user_id=found.id, until=now)
        )
        conn.execute(
            update(assignments)
            .where(assignments.c.case_id == case_id)
            .values(user_id=new_id, assigned_at=now)
        )
    write_holders(conn, case_id, now=now, backup_user_id=backup_id, set_backup=True)
    handed = {"to": user, "from": None if found is None else str(found.name), "backup": backup}
    audit.record(
        conn,
        who=who,
        user_name=by_name,
        action=audit.ASSIGN,
        record_type="case",
        record_id=case_id,
        detail=json.dumps({k: v for k, v in handed.items() if v is not None}),
    )
    return None if found is None else str(found.name)


def _active_user_id(conn, name: str) -> int:  # type: ignore[no-untyped-def]
    """The id of an account that may hold cases. Raises AdminError for an unknown or
    disabled account."""
    user_id = _user_id(conn, name)
    disabled = conn.execute(select(users.c.disabled).where(users.c.id == user_id)).scalar_one()
    if disabled:
        raise AdminError(f"user {name!r} is disabled and cannot hold cases")
    return user_id


def _case_exists(conn, case_id: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether a laptop pushed the case."""
    return held_records.case_of(conn, "case", case_id)[0]


@dataclass(frozen=True)
class DeviceRow:
    id: str
    user: str
    name: str
    revoked: bool
    last_seen: float | None


def list_devices(engine: Engine, user: str | None = None) -> list[DeviceRow]:
    with engine.connect() as conn:
        query = (
            select(
                devices.c.id,
                users.c.name.label("user"),
                devices.c.name,
                devices.c.revoked_at,
                devices.c.last_seen,
            )
            .join(users, users.c.id == devices.c.user_id)
            .order_by(devices.c.created_at)
        )
        if user is not None:
            query = query.where(users.c.name == user)
        rows = conn.execute(query).all()
    return [DeviceRow(r.id, r.user, r.name, r.revoked_at is not None, r.last_seen) for r in rows]


def revoke_device(engine: Engine, device_id: str) -> None:
    with engine.begin() as conn:
        done = conn.execute(
            update(devices).where(devices.c.id == device_id).values(revoked_at=time.time())
        )
        if done.rowcount != 1:
            raise AdminError(f"no device with id {device_id!r}")


def purge_closed_cases(
    engine: Engine, older_than_days: int, *, now: float | None = None, dry_run: bool = False
) -> list[str]:
    """Delete cases closed longer ago than the organisation's retention period, with every
    change, field value and conflict of their records and their assignments. Devices that
    still hold such a case drop it at their next sync (it is no longer visible to them).

    "Closed" is the current status `afgesloten`; the moment is when the server received that
    value (its own clock), never the laptop's stamp: one laptop's clock must not delay (or
    hasten) the organisation's retention. Rows stored before the server kept that time fall
    back to the stamp.
    """
    if older_than_days < 1:
        raise AdminError("the retention period must be at least 1 day")
    cutoff = (now if now is not None else time.time()) - older_than_days * 86400
    with engine.begin() as conn:
        # A writer like a push: one in progress commits before the purge reads, so a change
        # it stores for a case this purge deletes goes with the case instead of staying
        # behind; a push after it finds the case gone (service.push re-checks under the lock).
        serialise_writers(conn)
        closed = [
            (case_id, won)
            for case_id, won in held_records.field_of_type(conn, "case", "status")
            if won.value == json.dumps("afgesloten")
        ]
        due = sorted(
            case_id
            for case_id, won in closed
            if (
                won.received_at
                if won.received_at is not None
                else int(won.hlc.split(":", 1)[0]) / 1000
            )
            <= cutoff
        )
        if dry_run or not due:
            return due
        for case_id in due:
            # Each record by its type and id: a record id is only unique within its type, so
            # deleting by id alone could take another case's record with it.
            held = [("case", case_id)] + [
                (r.record_type, r.record_id)
                for r in held_records.of_cases(conn, [case_id])
                if r.record_type != "case"
            ]
            for start in range(0, len(held), 500):
                chunk = held[start : start + 500]
                conn.execute(
                    delete(conflicts).where(
                        tuple_(conflicts.c.record_type, conflicts.c.record_id).in_(chunk)
                    )
                )
            conn.execute(delete(changes).where(changes.c.case_id == case_id))
            conn.execute(delete(late_arrivals).where(late_arrivals.c.case_id == case_id))
            conn.execute(delete(records).where(records.c.case_id == case_id))
            conn.execute(delete(assignments).where(assignments.c.case_id == case_id))
            conn.execute(
                delete(previous_assignments).where(previous_assignments.c.case_id == case_id)
            )
    return due


# --- a user's own password ------------------------------------------------------------------

MIN_NEW_PASSWORD = 12
# Each account may try this many password changes per window, right or wrong: a stolen
# device token cannot be used to guess the account's password at hashing speed.
PASSWORD_CHANGE_PER_ACCOUNT = ratelimit.Limit(10, 300.0)
# Passwords people pick first; refused whatever their length.
_COMMON = frozenset(
    {
        "wachtwoord123",
        "wachtwoord1234",
        "welkom123456",
        "password1234",
        "passwordpassword",
        "qwertyuiop123",
        "123456789012",
        "1234567890123",
        "abcdefghijkl",
    }
)


class WrongPassword(AdminError):
    """The current password given for a change is not the account's password."""


class WeakPassword(AdminError):
    """The new password is too short or too easy to guess."""


class SamePassword(AdminError):
    """The new password is the current one."""


class PasswordChangeThrottled(AdminError):
    """Too many password changes (or wrong current passwords) for this account just now;
    `retry_after` is the whole seconds to wait."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def weak_password_reason(user_name: str, password: str) -> str | None:
    """Why `password` is too weak for an account named `user_name`, as one English line, or
    None when it will do. The rule: at least MIN_NEW_PASSWORD characters, at least five
    different characters, at most MAX_PASSWORD (the API's limit: one limit everywhere), not
    the account name, not a well-known first pick."""
    if len(password) < MIN_NEW_PASSWORD:
        return f"the new password must be at least {MIN_NEW_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"the new password must be at most {MAX_PASSWORD} characters"
    if len(set(password)) < 5:
        return "the new password repeats too few different characters"
    lowered = password.casefold()
    if user_name.strip() and user_name.strip().casefold() in lowered:
        return "the new password may not contain the user name"
    if lowered in _COMMON or lowered.isdigit():
        return "the new password is too easy to guess"
    return None


def change_password(
    engine: Engine, user_name: str, old: str, new: str, *, now: float | None = None
) -> None:
    """Replace the password of account `user_name` with `new` after checking `old` (Argon2id,
    sync/server/passwords.py). Throttled like a login: at most PASSWORD_CHANGE_PER_ACCOUNT
    attempts per window (state in the database, shared by every server process), and a wrong
    current password counts towards the account's login lock (lockout.py),
    so guessing through this door costs what guessing at enrolment costs.

    The account's devices are NOT revoked: a device token is a credential of its own, made at
    enrolment and never derived from the password, so a new password leaves every laptop
    syncing. A user who fears their laptop is in other hands has it revoked (beheer console
    or `koers-server device revoke`); a password change only closes the door to new
    enrolments and console logins with the old password.

    Raises (all AdminError, one English line, no password in it): WrongPassword (unknown
    account or wrong current password; the same words for both), PasswordChangeThrottled
    (too many attempts or the account is locked), WeakPassword (weak_password_reason says
    why; checked after the current password, so it tells nothing to a guesser), SamePassword
    (the new password is the current one), AdminError (disabled account).
    """
    now = time.time() if now is None else now
    with engine.begin() as conn:
        wait = ratelimit.hit(
            conn, "password-" + ratelimit.account_key(user_name), PASSWORD_CHANGE_PER_ACCOUNT, now
        )
    if wait is not None:
        raise PasswordChangeThrottled(
            f"too many password changes for this account; try again in {wait} s", wait
        )
    with engine.connect() as conn:
        user = (
            conn.execute(
                select(users.c.id, users.c.password_hash, users.c.disabled).where(
                    users.c.name == user_name
                )
            )
            .mappings()
            .first()
        )
        wait = lockout.locked_for(conn, user_name, now)
    if wait is not None:
        raise PasswordChangeThrottled(f"too many failed logins; try again in {wait} s", wait)
    if not verify_password(old, DUMMY_HASH if user is None else user["password_hash"]):
        with engine.begin() as conn:
            lockout.count_failure(conn, user_name, None if user is None else user["id"], now)
        raise WrongPassword(WRONG_CURRENT_PASSWORD)
    if user is None:  # DUMMY_HASH matches no password anyone sends
        raise WrongPassword(WRONG_CURRENT_PASSWORD)
    if user["disabled"]:
        raise AdminError("this account is disabled")
    reason = weak_password_reason(user_name, new)
    if reason is not None:
        raise WeakPassword(reason)
    if new == old:
        raise SamePassword("the new password must differ from the current one")
    fresh = hash_password(new)  # outside the transaction: hashing never holds the write lock
    with engine.begin() as conn:
        done = conn.execute(
            update(users)
            .where(users.c.id == user["id"], users.c.password_hash == user["password_hash"])
            .values(password_hash=fresh, failed_logins=0, locked_until=0.0)
        )
        lockout.clear(conn, user_name)
    if done.rowcount != 1:
        raise AdminError("the password was changed meanwhile; try again")
