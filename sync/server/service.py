"""What the server does for a request: enrol, authenticate, push, pull. No HTTP here."""

from __future__ import annotations

import hashlib
import json
import secrets
import time
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement

from storage.field_limits import is_column_value, overlong_field
from sync.protocol import (
    ORGANISATION_RECORD_TYPES,
    RECORD_TYPES,
    Change,
    EnrollResponse,
    PullResponse,
    PushResponse,
    Rejection,
    ServerChange,
)
from sync.server import access
from sync.server.access import Principal
from sync.server.errors import (
    DeviceRevoked,
    Forbidden,
    NotFound,
    TooManyAttempts,
    Unauthorised,
)
from sync.server.passwords import DUMMY_HASH, verify_password
from sync.server.store import (
    assignments,
    changes,
    conflicts,
    devices,
    field_state,
    insert_ignoring_duplicates,
    previous_assignments,
    record_cases,
    serialise_writers,
    users,
)

TOKEN_DAYS = 90
# Edits made offline before a handover are accepted from the previous worker for this long.
HANDOVER_GRACE_DAYS = 14
FREE_LOGIN_ATTEMPTS = 5
MAX_LOCK_SECONDS = 900


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def login_lock_seconds(failures: int) -> float:
    """After five wrong passwords: 2, 4, 8 ... seconds, at most 15 minutes."""
    if failures < FREE_LOGIN_ATTEMPTS:
        return 0.0
    return float(min(MAX_LOCK_SECONDS, 2 ** (failures - FREE_LOGIN_ATTEMPTS + 1)))


# --- enrolment and authentication ---------------------------------------------------------


def enroll(
    engine: Engine, user_name: str, password: str, device_name: str, now: float | None = None
) -> EnrollResponse:
    now = time.time() if now is None else now
    with engine.begin() as conn:
        user = conn.execute(select(users).where(users.c.name == user_name)).mappings().first()
        if user is None:
            verify_password(password, DUMMY_HASH)
            raise Unauthorised("unknown user or wrong password")
        if user["locked_until"] > now:
            wait = int(user["locked_until"] - now) + 1
            raise TooManyAttempts(
                f"too many failed logins; try again in {wait} s", retry_after=wait
            )
        if not verify_password(password, user["password_hash"]):
            failures = user["failed_logins"] + 1
            conn.execute(
                update(users)
                .where(users.c.id == user["id"])
                .values(failed_logins=failures, locked_until=now + login_lock_seconds(failures))
            )
            # Commit the failure count before refusing: it must survive this request.
            conn.commit()
            raise Unauthorised("unknown user or wrong password")
        if user["disabled"]:
            raise Forbidden("this account is disabled")
        if user["role"] == "beheerder":
            raise Forbidden("a beheerder account cannot enrol a device")
        token = secrets.token_urlsafe(32)
        device_id = str(uuid.uuid4())
        expires = now + TOKEN_DAYS * 86400
        conn.execute(
            update(users).where(users.c.id == user["id"]).values(failed_logins=0, locked_until=0.0)
        )
        conn.execute(
            devices.insert().values(
                id=device_id,
                user_id=user["id"],
                name=device_name[:100],
                token_hash=token_hash(token),
                created_at=now,
                expires_at=expires,
            )
        )
    return EnrollResponse(
        device_id=device_id,
        token=token,
        expires_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires)),
    )


def authenticate(engine: Engine, token: str | None, now: float | None = None) -> Principal:
    now = time.time() if now is None else now
    if not token:
        raise Unauthorised("a device token is required")
    with engine.begin() as conn:
        row = (
            conn.execute(
                select(devices, users.c.name, users.c.role, users.c.team_id, users.c.disabled)
                .join(users, users.c.id == devices.c.user_id)
                .where(devices.c.token_hash == token_hash(token))
            )
            .mappings()
            .first()
        )
        if row is None:
            raise Unauthorised("unknown device token")
        if row["revoked_at"] is not None:
            if row["wipe_sent_at"] is None:
                conn.execute(
                    update(devices).where(devices.c.id == row["id"]).values(wipe_sent_at=now)
                )
                conn.commit()
            raise DeviceRevoked()
        if row["expires_at"] < now:
            raise Unauthorised("device token expired; enrol this device again")
        if row["disabled"]:
            raise Forbidden("this account is disabled")
    return Principal(
        user_id=row["user_id"],
        name=row["name"],
        role=row["role"],
        team_id=row["team_id"],
        device_id=row["id"],
    )


# --- push ---------------------------------------------------------------------------------


def push(
    engine: Engine, who: Principal, batch: list[Change], now: float | None = None
) -> PushResponse:
    """Apply a batch in one transaction; each refused change is named with its reason.

    What the batch touches is read in three queries and written back in bulk: a push costs
    a handful of statements, not a few per field.
    """
    now = time.time() if now is None else now
    accepted: list[str] = []
    rejected: list[Rejection] = []
    with engine.begin() as conn:
        serialise_writers(conn)
        writable = access.writable_cases(conn, who)
        state = _BatchState(conn, batch)
        for change in batch:
            reason = state.apply(conn, who, change, writable, now)
            if reason is None:
                accepted.append(change.change_id)
            else:
                rejected.append(Rejection(change_id=change.change_id, reason=reason))
        state.write(conn)
    return PushResponse(accepted=accepted, rejected=rejected)


class _BatchState:
    """The server rows a push batch touches, merged in memory, written back once."""

    def __init__(self, conn: Connection, batch: list[Change]) -> None:
        change_ids = [c.change_id for c in batch]
        record_ids = sorted({c.record_id for c in batch})
        self.seen = {
            row[0]
            for row in conn.execute(
                select(changes.c.change_id).where(changes.c.change_id.in_(change_ids))
            )
        }
        self.record_case: dict[tuple[str, str], str | None] = {
            (r.record_type, r.record_id): r.case_id
            for r in conn.execute(
                select(record_cases).where(record_cases.c.record_id.in_(record_ids))
            )
        }
        self.fields: dict[tuple[str, str, str], tuple[str, str]] = {
            (r.record_type, r.record_id, r.field): (r.value, r.hlc)
            for r in conn.execute(
                select(field_state).where(field_state.c.record_id.in_(record_ids))
            )
        }
        self.stored_fields = set(self.fields)
        self.dirty_fields: set[tuple[str, str, str]] = set()
        self.new_changes: list[dict[str, Any]] = []
        self.new_record_cases: list[dict[str, Any]] = []
        self.conflicts: list[dict[str, Any]] = []

    def case_of(self, change: Change) -> tuple[bool, str | None]:
        """(known, case id) of the record a change touches; organisation records have none."""
        if change.record_type in ORGANISATION_RECORD_TYPES:
            return True, None
        if change.record_type == "case":
            return True, change.record_id
        key = (change.record_type, change.record_id)
        if key in self.record_case:
            return True, self.record_case[key]
        case_id = change.fields.get("case_id")
        return False, case_id if isinstance(case_id, str) else None

    def apply(
        self, conn: Connection, who: Principal, change: Change, writable: set[str], now: float
    ) -> str | None:
        if change.change_id in self.seen:
            return None  # a replay: already applied, nothing doubled
        if change.record_type not in RECORD_TYPES:
            return "unknown record type"
        overlong = overlong_field(change.record_type, change.fields)
        if overlong is not None:
            name, length, limit = overlong
            return f"field {name} holds {length} characters; at most {limit} are allowed"
        known, case_id = self.case_of(change)
        if case_id is None and change.record_type not in ORGANISATION_RECORD_TYPES:
            return "record names no case"
        if known and "case_id" in change.fields and change.fields["case_id"] != case_id:
            return "a record cannot move to another case"
        nested = next((k for k, v in change.fields.items() if not is_column_value(v)), None)
        if nested is not None:
            # A column value only: a nested one would stop every other laptop's pull here.
            return f"field {nested} holds a nested value; a field holds text, a number or null"
        if case_id is None:
            if not access.may_write_organisation_record(who, change.record_type):
                return "no permission for organisation records of this kind"
        elif case_id not in writable and not _held_when_made(conn, who, case_id, change.hlc, now):
            assigned = conn.execute(
                select(assignments.c.user_id).where(assignments.c.case_id == case_id)
            ).first()
            if (
                assigned is not None
                or change.record_type != "case"
                or not access.may_create_case(who)
            ):
                return "no access to this case"
            conn.execute(
                assignments.insert().values(case_id=case_id, user_id=who.user_id, assigned_at=now)
            )
            writable.add(case_id)
        self.seen.add(change.change_id)
        self.new_changes.append(
            {
                "change_id": change.change_id,
                "record_type": change.record_type,
                "record_id": change.record_id,
                "case_id": case_id,
                "fields": json.dumps(change.fields),
                "hlc": change.hlc,
                "device_id": change.device_id,
                "user_id": who.user_id,
                "created": change.created,
                "received_at": now,
            }
        )
        if not known:
            self.record_case[(change.record_type, change.record_id)] = case_id
            self.new_record_cases.append(
                {
                    "record_type": change.record_type,
                    "record_id": change.record_id,
                    "case_id": case_id,
                }
            )
        self.merge(change)
        return None

    def merge(self, change: Change) -> None:
        """The server's own view: per-field last-writer-wins, losers kept as conflicts."""
        for field, value in change.fields.items():
            key = (change.record_type, change.record_id, field)
            encoded = json.dumps(value)
            current = self.fields.get(key)
            if current is None:
                self.fields[key] = (encoded, change.hlc)
                self.dirty_fields.add(key)
                continue
            current_value, current_hlc = current
            if change.hlc == current_hlc:
                continue
            if change.hlc > current_hlc:
                self.fields[key] = (encoded, change.hlc)
                self.dirty_fields.add(key)
                loser, losing_hlc, winner, winning_hlc = (
                    current_value,
                    current_hlc,
                    encoded,
                    change.hlc,
                )
            else:
                loser, losing_hlc, winner, winning_hlc = (
                    encoded,
                    change.hlc,
                    current_value,
                    current_hlc,
                )
            if loser != winner:
                self.conflicts.append(
                    {
                        "record_type": change.record_type,
                        "record_id": change.record_id,
                        "field": field,
                        "losing_value": loser,
                        "losing_hlc": losing_hlc,
                        "winning_hlc": winning_hlc,
                    }
                )

    def write(self, conn: Connection) -> None:
        if self.new_changes:
            conn.execute(changes.insert(), self.new_changes)
        if self.new_record_cases:
            conn.execute(record_cases.insert(), self.new_record_cases)
        inserts = [
            {
                "record_type": k[0],
                "record_id": k[1],
                "field": k[2],
                "value": self.fields[k][0],
                "hlc": self.fields[k][1],
            }
            for k in self.dirty_fields - self.stored_fields
        ]
        if inserts:
            conn.execute(field_state.insert(), inserts)
        updates = [
            {
                "k_type": k[0],
                "k_id": k[1],
                "k_field": k[2],
                "value": self.fields[k][0],
                "hlc": self.fields[k][1],
            }
            for k in self.dirty_fields & self.stored_fields
        ]
        if updates:
            conn.execute(
                update(field_state).where(
                    and_(
                        field_state.c.record_type == bindparam("k_type"),
                        field_state.c.record_id == bindparam("k_id"),
                        field_state.c.field == bindparam("k_field"),
                    )
                ),
                updates,
            )
        for conflict in self.conflicts:
            insert_ignoring_duplicates(conn, conflicts, conflict)


def _held_when_made(conn: Connection, who: Principal, case_id: str, hlc: str, now: float) -> bool:
    """An edit made offline before the case was handed over, arriving within the grace time."""
    try:
        made = int(hlc.split(":", 1)[0]) / 1000
    except ValueError:
        return False
    held = conn.execute(
        select(previous_assignments.c.until).where(
            and_(
                previous_assignments.c.case_id == case_id,
                previous_assignments.c.user_id == who.user_id,
                previous_assignments.c.until >= now - HANDOVER_GRACE_DAYS * 86400,
                previous_assignments.c.until >= made,
            )
        )
    ).first()
    return held is not None


# --- pull ---------------------------------------------------------------------------------


def _server_change(row: Any) -> ServerChange:
    return ServerChange(
        seq=row.seq,
        change_id=row.change_id,
        record_type=row.record_type,
        record_id=row.record_id,
        fields=json.loads(row.fields),
        hlc=row.hlc,
        device_id=row.device_id,
        created=row.created,
    )


def pull(
    engine: Engine, who: Principal, cursor: int, limit: int, now: float | None = None
) -> PullResponse:
    """Changes after `cursor` that this account may read, oldest first.

    The newest sequence number is read first and nothing after it is sent: pushes commit in
    sequence order, so everything up to it is final and the cursor may move past changes
    this account cannot see.
    """
    now = time.time() if now is None else now
    with engine.begin() as conn:
        top = conn.execute(select(func.max(changes.c.seq))).scalar_one_or_none() or 0
        visible = access.readable_cases(conn, who)
        rows: Sequence[Any] = []
        if who.role != "beheerder":
            readable: ColumnElement[bool] = changes.c.case_id.is_(None)
            if visible:
                readable = or_(readable, changes.c.case_id.in_(sorted(visible)))
            rows = conn.execute(
                select(changes)
                .where(and_(changes.c.seq > cursor, changes.c.seq <= top, readable))
                .order_by(changes.c.seq)
                .limit(limit + 1)
            ).all()
        conn.execute(update(devices).where(devices.c.id == who.device_id).values(last_seen=now))
    more = len(rows) > limit
    rows = rows[:limit]
    new_cursor = rows[-1].seq if more else max(cursor, top)
    return PullResponse(
        changes=[_server_change(r) for r in rows],
        cursor=new_cursor,
        more=more,
        visible_cases=sorted(visible),
    )


def case_history(engine: Engine, who: Principal, case_id: str, upto: int) -> list[ServerChange]:
    """Every change of a case up to `upto`: what a device that newly holds the case needs."""
    with engine.begin() as conn:
        if case_id not in access.readable_cases(conn, who):
            raise NotFound("no such case for this account")
        rows = conn.execute(
            select(changes)
            .where(and_(changes.c.case_id == case_id, changes.c.seq <= upto))
            .order_by(changes.c.seq)
        ).all()
    return [_server_change(r) for r in rows]
