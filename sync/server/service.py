"""What the server does for a request: enrol, authenticate, push, pull. No HTTP here."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.engine import Connection, Engine

from storage.hlc import Hlc, ceiling_text
from storage.ids import uuid7
from sync.protocol import (
    CLOCK_AHEAD,
    INVALID,
    KEPT_LATE,
    ORGANISATION_RECORD_TYPES,
    REFUSED,
    SERVER_CLOCK_ID,
    Change,
    EnrollResponse,
    IncomingChange,
    PullResponse,
    PushResponse,
    Rejection,
    ServerChange,
)
from sync.server import access, clock, lockout, pulling, ratelimit, validation
from sync.server import records as held_records
from sync.server.access import Principal
from sync.server.errors import (
    Conflict,
    Forbidden,
    TooManyAttempts,
    Unauthorised,
)
from sync.server.passwords import DUMMY_HASH, hash_password, needs_rehash, verify_password
from sync.server.records import InList
from sync.server.store import (
    assignments,
    changes,
    devices,
    late_arrivals,
    on_driver,
    previous_assignments,
    serialise_writers,
    users,
)

_log = logging.getLogger("koers.server")

TOKEN_DAYS = 90
# Edits made offline before a handover are accepted from the previous worker for this long.
HANDOVER_GRACE_DAYS = 14


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- enrolment and authentication ---------------------------------------------------------


def enroll(
    engine: Engine,
    user_name: str,
    password: str,
    device_name: str,
    now: float | None = None,
    clock_id: str | None = None,
    address: str | None = None,
) -> EnrollResponse:
    """Register a laptop for an account and return its device token (once).

    Rate limits first (per client `address` and per account, state in the database; raises
    TooManyAttempts, 429). The password is hashed outside any transaction: a flood of
    enrolments never holds the write lock while it hashes, so other requests go on. Raises
    Unauthorised (unknown user or wrong password), TooManyAttempts (the name locked after
    wrong passwords, whether or not it exists: lockout.py), Forbidden (disabled account, beheerder).
    """
    now = time.time() if now is None else now
    ratelimit.check_enrolment(engine, address, user_name, now)
    with engine.begin() as conn:
        user = (
            conn.execute(select(users.c.id, users.c.password_hash).where(users.c.name == user_name))
            .mappings()
            .first()
        )
        # Locked after wrong passwords: an unknown name locks alike (lockout.py), so the
        # answer never tells which names exist.
        wait = lockout.locked_for(conn, user_name, now)
    if wait is not None:
        raise TooManyAttempts(f"too many failed logins; try again in {wait} s", retry_after=wait)
    if not verify_password(password, DUMMY_HASH if user is None else user["password_hash"]):
        with engine.begin() as conn:  # counted in the database: parallel failures all count
            lockout.count_failure(conn, user_name, None if user is None else user["id"], now)
        raise Unauthorised("unknown user or wrong password")
    if user is None:  # DUMMY_HASH matches no password anyone sends; for the type checker
        raise Unauthorised("unknown user or wrong password")
    # A hash made with older parameters (or the format before argon2-cffi) is replaced.
    fresh_hash = hash_password(password) if needs_rehash(user["password_hash"]) else None
    token = secrets.token_urlsafe(32)
    device_id = str(uuid.uuid4())
    expires = now + TOKEN_DAYS * 86400
    with engine.begin() as conn:
        current = (
            conn.execute(
                select(users.c.password_hash, users.c.disabled, users.c.role).where(
                    users.c.id == user["id"]
                )
            )
            .mappings()
            .first()
        )
        if current is None or current["password_hash"] != user["password_hash"]:
            raise Unauthorised("unknown user or wrong password")  # changed while hashing
        if current["disabled"]:
            raise Forbidden("this account is disabled")
        if current["role"] == "beheerder":
            raise Forbidden("a beheerder account cannot enrol a device")
        if clock_id is not None and _clock_id_taken(conn, clock_id, user["id"]):
            raise Conflict("this clock id belongs to a device of another account")
        lockout.clear(conn, user_name)
        values: dict[str, Any] = {"failed_logins": 0, "locked_until": 0.0}
        if fresh_hash is not None:
            values["password_hash"] = fresh_hash
        conn.execute(update(users).where(users.c.id == user["id"]).values(**values))
        conn.execute(
            devices.insert().values(
                id=device_id,
                user_id=user["id"],
                name=device_name[:100],
                token_hash=token_hash(token),
                created_at=now,
                expires_at=expires,
                clock_id=clock_id,
            )
        )
    return EnrollResponse(
        device_id=device_id,
        token=token,
        expires_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires)),
        server_time_ms=int(now * 1000),
    )


def authenticate(engine: Engine, token: str | None, now: float | None = None) -> Principal:
    """The device behind `token`, in a transaction of its own (a request that does its
    work in the same transaction uses pulling.authenticated). Raises Unauthorised,
    DeviceRevoked or Forbidden."""
    now = time.time() if now is None else now
    with engine.begin() as conn:
        return pulling.authenticated(conn, token, now).who


# --- push ---------------------------------------------------------------------------------

# Answer kinds, each with the reason the client shows (English; no values in it).
Refusal = tuple[str, str]


@dataclass(frozen=True)
class Bearer:
    """A device token as the push request carried it: `push` checks it inside its own
    transaction (pulling.authenticated), so a push request is one transaction."""

    token: str | None


BatchSource = Sequence[IncomingChange] | Callable[[], Sequence[IncomingChange]]


def push(
    engine: Engine,
    who: Principal | Bearer,
    batch: BatchSource,
    now: float | None = None,
) -> PushResponse:
    """Apply a batch in one transaction; each refused change is named with its code and
    reason (sync/protocol: refused, invalid, clock_ahead, kept_late).

    `who`: the device (a Principal), or its token (Bearer), checked in this transaction
    first: raises Unauthorised, DeviceRevoked or Forbidden as pulling.authenticated does.
    `batch`: the changes, or a function that reads them (called once the token holds, so
    a request without a valid token is refused before its body is read; what it raises
    goes through).

    What the batch touches is read in a few queries, merged in memory and written back in
    bulk: a push costs a handful of statements, not a few per field. The device id stored
    with each change is the one registered for the token, never the one the laptop wrote.

    Order: pushes must commit in sequence order (a pull sends everything up to the newest
    seq it sees, pulling.pull_in). The writers' lock (store.serialise_writers) is taken
    after the reading, checking and merging, and held over what needs the order: the
    inserts that give the changes their seqs, and the commit. On PostgreSQL the reads ran
    before the lock, so under it the push checks that no writer committed since anything
    that bears on what it read (its_reads_hold); if one did, it reads and merges again
    under the lock. On SQLite the transaction holds the database's write lock from its
    start (BEGIN IMMEDIATE), so what it read is current by construction.
    """
    now = time.time() if now is None else now
    with engine.begin() as conn:
        # Reading before the lock is sound where each statement sees what committed before
        # it (READ COMMITTED): the checks under the lock then see every later commit.
        optimistic = (
            conn.dialect.name == "postgresql"
            and conn.dialect.default_isolation_level == "READ COMMITTED"
        )
        writable: set[str] | None = None
        if isinstance(who, Bearer):
            # The device, the newest seq and the cases its account may read: one statement,
            # the first of the transaction (`top` must be read before what it vouches for).
            auth = pulling.authenticated(conn, who.token, now, with_top=True)
            principal, top = auth.who, auth.top
            if principal.role != "gedragswetenschapper":  # may write what it may read
                writable = set(auth.visible or ())
            floor = _floor(conn, principal, auth.last_seen)
        else:
            principal = who
            top = conn.execute(_TOP).scalar_one() if optimistic else 0
            floor = _device_floor(conn, principal)
        changes_in = batch() if callable(batch) else batch
        if len(changes_in) >= CUSTOM_PLANS_FROM and conn.dialect.name == "postgresql":
            # A big batch's statements are planned for the tables as they are now: a plan
            # PostgreSQL cached for this connection's prepared statements while the tables
            # were small (a scan of `changes` where an index lookup is due) stays until
            # something invalidates it, and the cost of such a plan grows with the table
            # (bench/sync_fill: 70 -> 260 us per change). Planning costs a small push more
            # than it saves; a big one, well under 1%.
            on_driver(conn, _CUSTOM_PLANS, (), prepare=False)
        clock_id = _clock_id(conn, principal, changes_in)
        outcome = _apply_batch(conn, principal, clock_id, floor, changes_in, now, writable)
        serialise_writers(conn)
        if optimistic and (
            not outcome.its_reads_hold(conn, principal, top)
            or (  # a clock id learnt now, taken meanwhile by a device of another account
                clock_id is not None
                and clock_id != principal.clock_id
                and _clock_id_taken(conn, clock_id, principal.user_id)
            )
        ):
            clock_id = _clock_id(conn, principal, changes_in)
            outcome = _apply_batch(conn, principal, clock_id, floor, changes_in, now)
        if clock_id is not None and clock_id != principal.clock_id:  # learnt: kept from now on
            conn.execute(
                update(devices).where(devices.c.id == principal.device_id).values(clock_id=clock_id)
            )
        outcome.state.write(conn)
    return PushResponse(
        accepted=outcome.accepted, rejected=outcome.rejected, server_time_ms=int(now * 1000)
    )


_TOP = select(func.coalesce(func.max(changes.c.seq), 0))
# Batches of at least this many changes run with custom plans on PostgreSQL (push).
CUSTOM_PLANS_FROM = 50
_CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan"
_ASSIGNED = InList(
    lambda is_in: select(assignments.c.case_id).where(is_in(assignments.c.case_id, "cases"))
)
_HELD_BEFORE = InList(
    lambda is_in: select(previous_assignments.c.case_id, previous_assignments.c.until).where(
        is_in(previous_assignments.c.case_id, "cases"),
        previous_assignments.c.user_id == bindparam("user"),
    )
)
# What a batch already stored (its change ids), kept as a late arrival, or neither.
_SEEN = InList(
    lambda is_in: select(
        changes.c.change_id,
        changes.c.record_type,
        changes.c.record_id,
        changes.c.fields,
        changes.c.hlc,
        changes.c.created,
    ).where(is_in(changes.c.change_id, "ids"))
)
_LATE_SEEN = InList(
    lambda is_in: select(
        late_arrivals.c.change_id,
        late_arrivals.c.record_type,
        late_arrivals.c.record_id,
        late_arrivals.c.fields,
        late_arrivals.c.hlc,
        late_arrivals.c.created,
    ).where(is_in(late_arrivals.c.change_id, "ids"))
)


@dataclass
class _Outcome:
    """A batch applied in memory: its answer and the state to write."""

    state: BatchState
    writable: set[str]
    accepted: list[str]
    rejected: list[Rejection]

    def its_reads_hold(self, conn: Connection, who: Principal, top: int) -> bool:
        """Under the writers' lock: whether what the batch read before it still holds.

        Every writer that changes what a push reads takes the lock and either stores a
        change (a push, a handover's holder change, an accepted late arrival, a team's note)
        or changes who may write (assignments, teams, accounts). So: no change stored since
        `top` (the newest seq when the batch began reading, read before everything else)
        names one of the batch's records, change ids or cases; no late arrival names one
        of its change ids; and the cases it wrote to are still writable. Anything else is
        answered by reading again (False)."""
        state = self.state
        record_ids = state.record_ids
        change_ids = state.change_ids
        cases = sorted({c[_CASE] for c in state.new_changes if c[_CASE] is not None})
        values = {"top": top, "ids": record_ids, "cids": change_ids, "cases": cases}
        touched, late = _WITNESS.run(conn, values, ("ids", "cids", "cases")).one()
        if touched is not None or late != len(state.late_read):
            return False
        if state.late_read and _late_now(conn, change_ids) != state.late_read:
            return False
        return not cases or set(cases) <= access.writable_cases(conn, who) | state.created_here


def _late_now(conn: Connection, change_ids: list[str]) -> set[str]:
    return {row[0] for row in _LATE_OF.run(conn, {"cids": change_ids}, ("cids",))}


# Under the lock, one statement: a change stored since `top` that names one of the batch's
# records, change ids or cases (else NULL), and how many late arrivals carry its change ids.
_WITNESS = InList(
    lambda is_in: select(
        select(changes.c.seq)
        .where(
            changes.c.seq > bindparam("top"),
            or_(
                is_in(changes.c.record_id, "ids"),
                is_in(changes.c.change_id, "cids"),
                is_in(changes.c.case_id, "cases"),
            ),
        )
        # In seq order: the primary key read from `top` on (a plan made for any `top`
        # would otherwise scan the whole table for the first match).
        .order_by(changes.c.seq)
        .limit(1)
        .scalar_subquery(),
        select(func.count())
        .select_from(late_arrivals)
        .where(is_in(late_arrivals.c.change_id, "cids"))
        .scalar_subquery(),
    )
)
_LATE_OF = InList(
    lambda is_in: select(late_arrivals.c.change_id).where(is_in(late_arrivals.c.change_id, "cids"))
)


def _apply_batch(
    conn: Connection,
    who: Principal,
    clock_id: str | None,
    floor: float | None,
    batch: Sequence[IncomingChange],
    now: float,
    writable: set[str] | None = None,
) -> _Outcome:
    """Read what `batch` touches and merge it in memory (nothing written yet). `writable`:
    the cases `who` may write, when read already (None: read here)."""
    accepted: list[str] = []
    rejected: list[Rejection] = []
    if writable is None:
        writable = access.writable_cases(conn, who)
    state = BatchState(conn, batch)
    state.read_assignments(conn, who, writable)
    for change in batch:
        refusal = state.apply(conn, who, clock_id, floor, change, writable, now)
        if refusal is None:
            accepted.append(change.change_id)
        else:
            code, reason = refusal
            rejected.append(Rejection(change_id=change.change_id, reason=reason, code=code))
    return _Outcome(state, writable, accepted, rejected)


def _clock_id(conn: Connection, who: Principal, batch: Sequence[IncomingChange]) -> str | None:
    """The clock id this device's stamps must carry: the one registered at enrolment, or
    (a laptop enrolled before the server asked) the one its first push carries, learnt once
    unless a device of another account already uses it (push writes it to the device,
    under the writers' lock: a row lock taken before it could wait on a writer that holds
    the lock and waits for that row)."""
    if who.clock_id is not None or not batch:
        return who.clock_id
    claimed = _clock_of(batch[0].hlc)
    if _clock_id_taken(conn, claimed, who.user_id):
        return None
    return claimed


def _clock_id_taken(conn: Connection, clock_id: str, user_id: int) -> bool:
    """Whether `clock_id` is the server's own or registered to a device of another account
    (the same account's laptops may share one: a vault enrolled again keeps its clock)."""
    if clock_id == SERVER_CLOCK_ID:
        return True
    taken = conn.execute(
        select(devices.c.id).where(
            and_(devices.c.clock_id == clock_id, devices.c.user_id != user_id)
        )
    ).first()
    return taken is not None


def _floor(conn: Connection, who: Principal, last_seen: float | None) -> float | None:
    """_device_floor from the `last_seen` authentication read already (the device's
    enrolment time is read only for a device that never pulled)."""
    if last_seen is None:
        return _device_floor(conn, who)
    return _floor_after_pull(last_seen)


def _device_floor(conn: Connection, who: Principal) -> float | None:
    """Server time (epoch s) of this device's last pull before this request (its enrolment
    when it never pulled): every change it makes afterwards is stamped after that moment (its
    clock observed the server's then), less a margin for edits made while that pull ran."""
    row = conn.execute(
        select(devices.c.last_seen, devices.c.created_at).where(devices.c.id == who.device_id)
    ).first()
    if row is None:
        return None
    if row.last_seen is None:
        # A device that never pulled: nothing it sends can be older than its enrolment.
        return float(row.created_at) - FLOOR_MARGIN_S
    return _floor_after_pull(row.last_seen)


def _floor_after_pull(last_seen: float) -> float:
    """The floor (epoch s) for a device whose `last_seen` is `last_seen`: written at most
    once per interval (pulling.LAST_SEEN_EVERY_S), so the last pull may have come up to that
    much later and the floor counts from there (a pull after a handover is never missed; the
    margin left for edits made while it ran is the difference of the two)."""
    return float(last_seen) + pulling.LAST_SEEN_EVERY_S - FLOOR_MARGIN_S


# Edits made while a pull ran may be stamped a little before the server recorded it.
FLOOR_MARGIN_S = 300


def _clock_of(hlc: str) -> str:
    """The clock id a stamp carries (its text after the last ':'; storage/hlc.py: the
    wire pattern allows no ':' in a clock id)."""
    return hlc.rpartition(":")[2]


# A stored winner's value not read (BatchState: read only where a conflict may need it).
_UNREAD = object()


class BatchState:
    """The server rows a push batch touches, merged in memory, written back once."""

    def __init__(self, conn: Connection, batch: Sequence[IncomingChange]) -> None:
        self.batch = batch
        change_ids = sorted({c.change_id for c in batch})
        record_ids = sorted({c.record_id for c in batch})
        self.change_ids = change_ids
        self.record_ids = record_ids
        self.seen: dict[str, Any] = {
            row.change_id: row for row in _SEEN.run(conn, {"ids": change_ids}, ("ids",))
        }
        self.late: dict[str, Any] = {
            row.change_id: row for row in _LATE_SEEN.run(conn, {"ids": change_ids}, ("ids",))
        }
        self.late_read = set(self.late)
        # The records the batch names (by id: the key's first column), and the stored
        # changes whose values win for the fields the batch sets (by seq: the key).
        stored = held_records.by_ids(conn, record_ids)
        self.record_case: dict[tuple[str, str], str | None] = {
            (r.record_type, r.record_id): r.case_id for r in stored
        }
        self.refs: dict[tuple[str, str], dict[str, Any]] = {
            (r.record_type, r.record_id): r.refs for r in stored
        }
        # The fields the batch sets of each record the server holds (a first push holds
        # none: nothing to gather), and the clocks that stamp the changes meeting them.
        wanted: dict[tuple[str, str], set[str]] = {}
        clocks: set[str] = set()
        if self.refs:
            for c in batch:
                key = (c.record_type, c.record_id)
                if key in self.refs:
                    wanted.setdefault(key, set()).update(c.fields)
                    clocks.add(_clock_of(c.hlc))
        held: dict[tuple[str, str], dict[str, Any]] = {}
        seqs: set[int] = set()
        for key, names in wanted.items():
            refs = self.refs[key]
            found = {field: refs[field] for field in names if field in refs}
            if found:
                held[key] = found
                seqs.update(ref for ref in found.values() if type(ref) is int)
        # Their stamps (the merge decides on stamps), and the values only of those stamped
        # by another clock than a change that meets them: a loser is kept only between two
        # clocks (merge), so a laptop editing its own records reads no stored value.
        stamps = held_records.stored_stamps(conn, seqs)
        self._conn = conn
        self._values = held_records.stored_values(
            conn,
            [
                seq
                for seq, (hlc, _, _) in stamps.items()
                if len(clocks) > 1 or _clock_of(hlc) not in clocks
            ],
        )
        # Per record the batch touches and the server holds fields of: field -> its winner,
        # the index in new_changes (and `merged`) of the change this batch brought that
        # carries it (an int), or a stored winner (value decoded, or _UNREAD; stamp;
        # arrival; seq or None). A record absent here holds none of the batch's fields
        # yet: its first change wins whole (merge). Values stay decoded: encoded only where
        # two clocks' values differ in stamp (a conflict is decided on the JSON texts).
        self.current: dict[tuple[str, str], dict[str, Any]] = {
            key: {field: self._stored(ref, field, stamps) for field, ref in found.items()}
            for key, found in held.items()
        }
        # Which record types each id of the batch names on the server: a record id may not
        # name records of two types (the retention purge and the pulls go by id).
        self.ids_in_use: dict[str, set[str]] = {}
        for record_type, record_id in self.record_case:
            self.ids_in_use.setdefault(record_id, set()).add(record_type)
        self.existing_cases = {k[1] for k in self.record_case if k[0] == "case"}
        # Records some of whose winners this batch brought, in the order first set.
        self.dirty: dict[tuple[str, str], None] = {}
        # The rows of `changes` to write (tuples in _CHANGE_COLUMNS' order), and the
        # accepted changes they come from, by the same index.
        self.new_changes: list[tuple[Any, ...]] = []
        self.merged: list[IncomingChange] = []
        self.new_records: dict[tuple[str, str], str | None] = {}
        # (record type, record id, field, losing value as JSON text, losing and winning HLC)
        self.conflicts: list[tuple[str, str, str, str, str, str]] = []
        self.new_late: list[dict[str, Any]] = []
        self.created_cases: list[tuple[str, str]] = []  # (case id, creation HLC)
        # New cases this batch made, assigned to their maker when it is written.
        self.created_here: set[str] = set()
        self.new_assignments: list[dict[str, Any]] = []
        # For the cases of the batch the device may not write (read_assignments): whether
        # someone holds each, and when this account's earlier hold of it ended.
        self.assigned: dict[str, bool] = {}
        self.held_until: dict[str, list[float]] = {}

    def read_assignments(self, conn: Connection, who: Principal, writable: set[str]) -> None:
        """Read, for the cases the batch names that `who` may not write, whether someone
        holds each and this account's earlier holds of them (two queries for the batch,
        not a few per change: a new case or an edit made before a handover)."""
        named = set()
        for change in self.batch:
            case_id = self.case_of(change)[1]
            if case_id is not None and case_id not in writable:
                named.add(case_id)
        if not named:
            return
        wanted = sorted(named)
        self.assigned = dict.fromkeys(wanted, False)
        self.held_until = {case_id: [] for case_id in wanted}
        for start in range(0, len(wanted), held_records.CHUNK):
            chunk = wanted[start : start + held_records.CHUNK]
            for row in _ASSIGNED.run(conn, {"cases": chunk}, ("cases",)):
                self.assigned[row.case_id] = True
            values = {"cases": chunk, "user": who.user_id}
            for row in _HELD_BEFORE.run(conn, values, ("cases",)):
                self.held_until[row.case_id].append(float(row.until))

    def case_of(self, change: IncomingChange) -> tuple[bool, str | None]:
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
        self,
        conn: Connection,
        who: Principal,
        clock_id: str | None,
        floor: float | None,
        change: IncomingChange,
        writable: set[str],
        now: float,
    ) -> Refusal | None:
        if change.change_id in self.seen or change.change_id in self.late:
            return self._replay(who, change)
        invalid = validation.check_change(change)
        if invalid is not None:
            return INVALID, invalid
        stamp_device = _clock_of(change.hlc)
        if clock_id is None or stamp_device != clock_id:
            _log.warning(
                "push refused: change %s is stamped by another device than %s",
                change.change_id,
                who.device_id,
            )
            return REFUSED, "the change is stamped by another device than this one"
        ahead = clock.check_stamp(change.hlc, now)
        if ahead is not None:
            return CLOCK_AHEAD, ahead
        known, case_id = self.case_of(change)
        if case_id is None and change.record_type not in ORGANISATION_RECORD_TYPES:
            return INVALID, "record names no case"
        if known and "case_id" in change.fields and change.fields["case_id"] != case_id:
            return INVALID, "a record cannot move to another case"
        types = self.ids_in_use.get(change.record_id)  # never empty where present
        if types is not None and (len(types) > 1 or change.record_type not in types):
            return INVALID, "the record id is in use by a record of another type"
        if change.record_type == "case" and (
            not change.created or change.record_id in self.existing_cases
        ):
            held_by_server = next((f for f in SERVER_CASE_FIELDS if f in change.fields), None)
            if held_by_server is not None:
                return REFUSED, (
                    f"field {held_by_server} is set by the server's assignment "
                    "(koers-server assign), not by a laptop"
                )
        if case_id is None:
            if not access.may_write_organisation_record(who, change.record_type):
                return REFUSED, "no permission for organisation records of this kind"
        elif case_id not in writable and not self._held_when_made(
            conn, who, case_id, change, now, floor
        ):
            assigned = self._assigned(conn, case_id)
            if assigned and self._held_until(conn, who, case_id):
                self._keep_late(who, clock_id, case_id, change, now)
                return KEPT_LATE, (
                    "the case was handed over to another worker; the server keeps this change "
                    "for them to accept"
                )
            if assigned or change.record_type != "case" or not access.may_create_case(who):
                return REFUSED, "no access to this case"
            if not change.created:
                return INVALID, "a new case must arrive as its creation, with all its fields"
            self.new_assignments.append(
                {"case_id": case_id, "user_id": who.user_id, "assigned_at": now}
            )
            self.created_here.add(case_id)
            writable.add(case_id)
            self.accept(change, case_id, known, clock_id, who.user_id, now)
            self._name_holder(change, who.name, now)
            return None
        if change.record_type == "case" and change.created:
            self.created_cases.append((change.record_id, change.hlc))
        self.accept(change, case_id, known, clock_id, who.user_id, now)
        return None

    def _assigned(self, conn: Connection, case_id: str) -> bool:
        """Whether someone holds the case (read_assignments read it, or read here)."""
        if case_id not in self.assigned:
            self.assigned[case_id] = (
                _ASSIGNED.run(conn, {"cases": [case_id]}, ("cases",)).first() is not None
            )
        return self.assigned[case_id]

    def _held_until(self, conn: Connection, who: Principal, case_id: str) -> list[float]:
        """When this account's earlier holds of the case ended (server time, epoch s)."""
        if case_id not in self.held_until:
            values = {"cases": [case_id], "user": who.user_id}
            self.held_until[case_id] = [
                float(row.until) for row in _HELD_BEFORE.run(conn, values, ("cases",))
            ]
        return self.held_until[case_id]

    def _held_when_made(
        self,
        conn: Connection,
        who: Principal,
        case_id: str,
        change: IncomingChange,
        now: float,
        floor: float | None,
    ) -> bool:
        """An edit made offline before the case was handed over, arriving within the grace
        time.

        Decided on the server's facts: the handover's time and the arrival (server clock),
        and the device's last pull before this request; the stamp must lie between that
        pull and the handover (an honest laptop's stamps are never below the server time it
        last saw, and never more than a few minutes ahead: sync/server/clock.py). A hold
        that ended at or after the stamp ended at or after the floor too."""
        made = wall_ms(change.hlc) / 1000
        if floor is not None and made < floor:
            return False
        since = now - HANDOVER_GRACE_DAYS * 86400
        return any(
            until >= since and until >= made for until in self._held_until(conn, who, case_id)
        )

    def _name_holder(self, created: IncomingChange, holder: str, now: float) -> None:
        """A case just created and assigned to its maker: the server's own change naming the
        holder by account name (what write_holders does, in memory: this is most pushes of a
        new case, and the batch already knows the record)."""
        if created.fields.get("worker") == holder:
            return
        wall = max(int(now * 1000), wall_ms(created.hlc) + 1)
        self.accept(
            Change(
                change_id=uuid7(),
                record_type="case",
                record_id=created.record_id,
                fields={"worker": holder},
                hlc=Hlc(wall, 0, SERVER_CLOCK_ID).encode(),
                device_id=SERVER_CLOCK_ID,
            ),
            created.record_id,
            True,
            SERVER_CLOCK_ID,
            SERVER_USER_ID,
            now,
        )

    def _replay(self, who: Principal, change: IncomingChange) -> Refusal | None:
        """A change id seen before: the same change again is answered as before (nothing
        doubled); different content under a known id is refused and logged."""
        late = change.change_id in self.late
        row = self.late[change.change_id] if late else self.seen[change.change_id]
        same = (
            row.record_type == change.record_type
            and row.record_id == change.record_id
            and row.hlc == change.hlc
            and bool(row.created) == change.created
            # A stored row's fields are JSON text; a change seen earlier in this batch
            # (the same id twice in one push) holds them decoded.
            and (json.loads(row.fields) if type(row.fields) is str else row.fields) == change.fields
        )
        if not same:
            _log.warning(
                "push refused: change id %s was sent again by device %s with other content",
                change.change_id,
                who.device_id,
            )
            return REFUSED, "this change id is known with other content"
        if late:
            return KEPT_LATE, "the server keeps this change as a late arrival for the case"
        return None

    def _keep_late(
        self, who: Principal, clock_id: str, case_id: str, change: IncomingChange, now: float
    ) -> None:
        self.late[change.change_id] = change
        self.new_late.append(
            {
                "change_id": change.change_id,
                "case_id": case_id,
                "record_type": change.record_type,
                "record_id": change.record_id,
                "fields": _fields_text(change.fields),
                "hlc": change.hlc,
                "device_id": clock_id,
                "user_id": who.user_id,
                "created": change.created,
                "received_at": now,
            }
        )

    def accept(
        self,
        change: IncomingChange,
        case_id: str | None,
        known: bool,
        device_id: str,
        user_id: int,
        now: float,
    ) -> None:
        """Store `change` (already checked) and merge it into the server's view."""
        self.seen[change.change_id] = change
        self.ids_in_use.setdefault(change.record_id, set()).add(change.record_type)
        if change.record_type == "case":
            self.existing_cases.add(change.record_id)
        self.new_changes.append(
            (  # in _CHANGE_COLUMNS' order
                change.change_id,
                change.record_type,
                change.record_id,
                case_id,
                _fields_text(change.fields),
                change.hlc,
                device_id,
                user_id,
                change.created,
                now,
            )
        )
        self.merged.append(change)
        record = (change.record_type, change.record_id)
        if record not in self.record_case:  # a record the server did not hold yet
            self.record_case[record] = case_id
            self.new_records[record] = case_id
        self.merge(change, now, len(self.new_changes) - 1)

    def _stored(self, ref: Any, field: str, stamps: dict[int, tuple[str, float, int]]) -> Any:
        """A stored winner as `current` holds it: (value decoded, or _UNREAD when not read
        yet; stamp; arrival; the seq of the change carrying it, or None; the account that
        sent it, or None when no stored change carries it)."""
        if type(ref) is int:
            hlc, received_at, user_id = stamps[ref]
            values = self._values.get(ref)
            value = _UNREAD if values is None else values[0][field]
            return (value, hlc, received_at, ref, user_id)
        value, hlc, received_at = ref
        return (json.loads(value), hlc, received_at, None, None)

    def _value_of(self, seq: int | None, field: str) -> Any:
        """The value of `field` the stored change `seq` carries (read now: the clocks the
        batch's reading foresaw did not include this change's)."""
        assert seq is not None  # only a stored change's value is left unread
        if seq not in self._values:
            self._values.update(held_records.stored_values(self._conn, [seq]))
        return self._values[seq][0][field]

    def merge(self, change: IncomingChange, now: float, index: int) -> None:
        """The server's own view: per-field last-writer-wins; a loser is kept as a conflict
        (a concurrent edit) unless one device superseded its own value: the same clock in
        both stamps, sent with tokens of the same account (a clock of another account's
        device is refused, but one an older device never registered can be learnt), and
        not the server's own clock (which stamps for many: accepted late arrivals,
        handovers).
        `index`: the change's place in new_changes (its seq is known once written); `now`
        is its arrival, the same for the whole batch (kept with its row)."""
        key = (change.record_type, change.record_id)
        current = self.current.get(key)
        if current is None:  # nothing of the record held yet: every field wins (most changes)
            self.current[key] = dict.fromkeys(change.fields, index)
            if change.fields:
                self.dirty[key] = None
            return
        hlc = change.hlc
        clock: str | None = None
        author = self.new_changes[index][_USER]
        for field, value in change.fields.items():
            held = current.get(field)
            if held is None:
                current[field] = index
                self.dirty[key] = None
                continue
            if type(held) is int:  # brought by this batch
                other = self.merged[held]
                current_value, current_hlc, seq = other.fields[field], other.hlc, None
                current_author = self.new_changes[held][_USER]
            else:
                current_value, current_hlc, _, seq, current_author = held
            if hlc == current_hlc:
                continue
            newer = hlc > current_hlc
            if newer:
                current[field] = index
                self.dirty[key] = None
            if clock is None:
                clock = _clock_of(hlc)
            if (
                current_author == author
                and clock != SERVER_CLOCK_ID
                and _clock_of(current_hlc) == clock
            ):
                # One device superseding its own value (whichever arrives first), not a
                # concurrent edit: no conflict, both stay in `changes`. The account is the
                # token's, so no laptop passes for another account's by its clock.
                continue
            if current_value is _UNREAD:
                current_value = self._value_of(seq, field)
            if newer:
                loser, losing_hlc, winner, winning_hlc = current_value, current_hlc, value, hlc
            else:
                loser, losing_hlc, winner, winning_hlc = value, hlc, current_value, current_hlc
            if type(loser) is str and type(winner) is str:  # nearly every field: no encoding
                if loser == winner:
                    continue
                losing_text = _fields_text(loser)
            else:
                losing_text = _fields_text(loser)
                if losing_text == _fields_text(winner):
                    continue
            self.conflicts.append(
                (
                    change.record_type,
                    change.record_id,
                    field,
                    losing_text,
                    losing_hlc,
                    winning_hlc,
                )
            )

    def write(self, conn: Connection) -> None:
        """Write what the batch brought: its changes (their seqs come back in order, in the
        same statement), its new records, and each touched record's winners once."""
        if self.new_assignments:
            conn.execute(assignments.insert(), self.new_assignments)
        seqs: list[int] = []
        if self.new_changes:
            inserted = _insert_changes(conn, self.new_changes)
            seqs = [inserted[c[0]] for c in self.new_changes]
        if self.new_late:
            conn.execute(late_arrivals.insert(), self.new_late)
        # Per record whose winners the batch changed: each field's reference, the seq of
        # the change carrying its winner (the batch's over those held), as stored text.
        current, held = self.current, self.refs

        def winners(key: tuple[str, str]) -> str:
            refs = {f: seqs[i] for f, i in current[key].items() if type(i) is int}
            before = held.get(key)
            return _COMPACT({**before, **refs} if before else refs)

        dirty, new_records = self.dirty, self.new_records
        fresh = [
            (key[1], key[0], case_id, winners(key) if key in dirty else _COMPACT({}))
            for key, case_id in new_records.items()
        ]
        if fresh:
            _write_rows(conn, _INSERT_RECORD, _INSERT_RECORDS_PG, fresh)
        changed = [(winners(key), key[1], key[0]) for key in dirty if key not in new_records]
        if changed:
            _write_rows(conn, _UPDATE_WINNERS, _UPDATE_WINNERS_PG, changed)
        if self.conflicts:  # a loser kept already (the same change sent again) is not doubled
            _write_rows(conn, _INSERT_CONFLICT, _INSERT_CONFLICTS_PG, self.conflicts)
        for case_id, created_hlc in self.created_cases:
            write_holders(conn, case_id, after_hlc=created_hlc, now=self._now_of(case_id))

    def _now_of(self, case_id: str) -> float:
        return next(c[_RECEIVED_AT] for c in self.new_changes if c[_RECORD_ID] == case_id)


# The batch's rows are written with the driver's own statements: SQLAlchemy's handling of
# each row's parameters cost more than the database's work (store.py's tables, same columns).
_CHANGE_COLUMNS = (
    "change_id",
    "record_type",
    "record_id",
    "case_id",
    "fields",
    "hlc",
    "device_id",
    "user_id",
    "created",
    "received_at",
)
# Places in a row of BatchState.new_changes.
_RECORD_ID, _CASE, _USER, _RECEIVED_AT = (
    _CHANGE_COLUMNS.index(c) for c in ("record_id", "case_id", "user_id", "received_at")
)
_INSERT_CHANGES = "INSERT INTO changes ({}) VALUES {{}} RETURNING change_id, seq".format(
    ", ".join(_CHANGE_COLUMNS)
)
_INSERT_RECORD = (
    "INSERT INTO records (record_id, record_type, case_id, winners) VALUES (?, ?, ?, ?)"
)
_INSERT_CONFLICT = (
    "INSERT INTO conflicts (record_type, record_id, field, losing_value, losing_hlc, "
    "winning_hlc) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)
_UPDATE_WINNERS = "UPDATE records SET winners = ? WHERE record_id = ? AND record_type = ?"
# Rows per INSERT of changes: 3,000 bound values, well under either database's limit.
_CHANGE_ROWS_PER_INSERT = 300


# On PostgreSQL each kind of row goes in ONE statement with ONE parameter, the rows as a
# JSON array of arrays (json.dumps is C): psycopg parses a statement text of thousands of
# %s marks anew each time (it caches only short ones), executemany costs a round of its
# own per row, and arrays are dumped element by element in Python.
def _from_json(columns: str, casts: str = "") -> str:
    """The SELECT list reading columns 0..n-1 of each element `e` (`casts`: per column,
    comma-separated, empty for text)."""
    kinds = casts.split(",") if casts else [""] * len(columns.split(","))
    return ", ".join(f"(e->>{i})::{kind}" if kind else f"e->>{i}" for i, kind in enumerate(kinds))


_COPY_OF_CHANGES = (
    f"INSERT INTO changes ({', '.join(_CHANGE_COLUMNS)}) "
    f"SELECT {_from_json(', '.join(_CHANGE_COLUMNS), ',,,,,,,integer,boolean,float8')} "
    "FROM json_array_elements(%s::json) WITH ORDINALITY AS t(e, n) ORDER BY n "
    "RETURNING change_id, seq"
)
_INSERT_RECORDS_PG = (
    "INSERT INTO records (record_id, record_type, case_id, winners) "
    f"SELECT {_from_json('a, b, c, d')} FROM json_array_elements(%s::json) AS t(e)"
)
_UPDATE_WINNERS_PG = (
    "UPDATE records SET winners = t.e->>0 FROM json_array_elements(%s::json) AS t(e) "
    "WHERE records.record_id = t.e->>1 AND records.record_type = t.e->>2"
)
_INSERT_CONFLICTS_PG = (
    "INSERT INTO conflicts (record_type, record_id, field, losing_value, losing_hlc, "
    f"winning_hlc) SELECT {_from_json('a, b, c, d, e, f')} "
    "FROM json_array_elements(%s::json) AS t(e) ON CONFLICT DO NOTHING"
)


def _write_rows(conn: Connection, qmarked: str, unnested: str, rows: list[tuple[Any, ...]]) -> None:
    """Write `rows` (tuples in the statement's order): on SQLite `qmarked` once per row
    (executemany), on PostgreSQL `unnested` once with the rows as a JSON array."""
    if conn.dialect.name == "postgresql":
        on_driver(conn, unnested, (json.dumps(rows),))
    else:
        conn.exec_driver_sql(qmarked, rows)  # type: ignore[arg-type]


def _insert_changes(conn: Connection, rows: list[tuple[Any, ...]]) -> dict[str, int]:
    """Insert `rows` (tuples in _CHANGE_COLUMNS' order), numbered in their order: change
    id -> the seq it was given. SQLite: multi-row INSERT ... RETURNING statements; the
    rows are matched by change id, so the order the database returns them in does not
    matter. PostgreSQL: one INSERT ... SELECT from the rows as JSON, in their order."""
    if conn.dialect.name == "postgresql":
        table = json.dumps(rows)
        return dict(on_driver(conn, _COPY_OF_CHANGES, (table,)))
    one = "(" + ", ".join(["?"] * len(_CHANGE_COLUMNS)) + ")"
    found: dict[str, int] = {}
    for start in range(0, len(rows), _CHANGE_ROWS_PER_INSERT):
        chunk = rows[start : start + _CHANGE_ROWS_PER_INSERT]
        values: list[Any] = []
        for row in chunk:
            values.extend(row)
        statement = _INSERT_CHANGES.format(", ".join([one] * len(chunk)))
        found.update(conn.exec_driver_sql(statement, tuple(values)).all())  # type: ignore[arg-type]
    return found


def _compact(refs: dict[str, Any]) -> str:
    """A record's winners as stored: compact JSON, fields in order."""
    return _COMPACT(refs)


def _not_json(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _json_writer(key_separator: str, item_separator: str, sort_keys: bool) -> Callable[[Any], str]:
    """What json.dumps(value, separators=(item_separator, key_separator),
    sort_keys=sort_keys) writes (ASCII, NaN allowed: the same text, tests/sync/
    test_push_merge.py holds them equal), from one C encoder made once: json.dumps makes
    an encoder per call, a fifth of a push's JSON work. No check for circular values: the
    values come from json.loads or the models, which make none."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # an interpreter without the C accelerator
        encoder = json.JSONEncoder(separators=(item_separator, key_separator), sort_keys=sort_keys)
        return encoder.encode
    encode = make(
        None,
        _not_json,
        json.encoder.encode_basestring_ascii,
        None,
        key_separator,
        item_separator,
        sort_keys,
        False,  # skipkeys
        True,  # allow_nan
    )
    join = "".join
    return lambda value: join(encode(value, 0))


# A change's fields as stored (json.dumps' defaults: pulling.change_json sends the text as
# it is, so it must stay ASCII) and a record's winners (compact, fields in order).
_fields_text = _json_writer(": ", ", ", False)
_COMPACT = _json_writer(":", ",", True)


# Case fields the server owns: who holds the case, as account names (write_holders).
SERVER_CASE_FIELDS = ("worker", "backup_worker")


def write_holders(
    conn: Connection,
    case_id: str,
    *,
    now: float,
    after_hlc: str = "",
    backup_user_id: int | None = None,
    set_backup: bool = False,
) -> None:
    """Write the case's `worker` (and, with `set_backup`, `backup_worker`: the account of
    `backup_user_id`, or "" for none, so an assignment without a back-up clears the old one)
    as the server's own change, from the assignment tables: every laptop that holds the case
    receives who holds it by account name. Without `set_backup` (a new case named after its
    maker) the back-up stays as it is. Stamped with the server's clock id, after every stamp
    the case carries, so it wins on every laptop."""
    holder = conn.execute(
        select(users.c.name)
        .join(assignments, assignments.c.user_id == users.c.id)
        .where(assignments.c.case_id == case_id)
    ).scalar_one_or_none()
    if holder is None:
        return
    fields: dict[str, Any] = {"worker": holder}
    if backup_user_id is not None:
        fields["backup_worker"] = conn.execute(
            select(users.c.name).where(users.c.id == backup_user_id)
        ).scalar_one()
    elif set_backup:
        fields["backup_worker"] = ""
    held = held_records.winners_of(
        conn, held_records.by_ids(conn, [case_id], "case"), SERVER_CASE_FIELDS
    ).get(("case", case_id), {})
    current = {field: winner.value for field, winner in held.items()}
    fields = {k: v for k, v in fields.items() if current.get(k) != json.dumps(v)}
    if not fields:
        return  # the laptops hold it right already
    change = Change(
        change_id=uuid7(),
        record_type="case",
        record_id=case_id,
        fields=fields,
        hlc=server_stamp(conn, "case", case_id, now, after=after_hlc),
        device_id=SERVER_CLOCK_ID,
    )
    state = BatchState(conn, [change])
    state.accept(change, case_id, True, SERVER_CLOCK_ID, SERVER_USER_ID, now)
    state.write(conn)


def server_stamp(
    conn: Connection, record_type: str, record_id: str, now: float, *, after: str = ""
) -> str:
    """A stamp of the server's own clock (SERVER_CLOCK_ID) for a change of the record made
    at server time `now` (epoch s): after every believable stamp the record carries (and
    after `after`), so it wins on every laptop. A stored stamp further ahead of the server's
    time than a laptop may stamp (an older server kept one) is not followed."""
    ceiling = ceiling_text(int(now * 1000))
    held = held_records.winners_of(conn, held_records.by_ids(conn, [record_id], record_type))
    newest = max(
        (w.hlc for w in held.get((record_type, record_id), {}).values() if w.hlc < ceiling),
        default=None,
    )
    wall = max([int(now * 1000)] + [wall_ms(h) + 1 for h in (after, newest or "") if h])
    return Hlc(wall, 0, SERVER_CLOCK_ID).encode()


# The user id the server's own changes carry (no account makes them).
SERVER_USER_ID = 0


def wall_ms(hlc: str) -> int:
    return int(hlc.split(":", 1)[0])


# --- pull ---------------------------------------------------------------------------------


def pull(
    engine: Engine, who: Principal, cursor: int, limit: int, now: float | None = None
) -> PullResponse:
    """Changes after `cursor` that this account may read, oldest first (pulling.pull_in).
    The HTTP endpoint answers with pulling.pull_answer: the token checked in the same
    transaction, the answer as JSON bytes."""
    now = time.time() if now is None else now
    with engine.begin() as conn:
        auth = pulling.authenticated_principal(conn, who)
        pulled = pulling.pull_in(conn, auth, cursor, limit, now)
    return pulling.pull_response(pulled)


def case_history(engine: Engine, who: Principal, case_id: str, upto: int) -> list[ServerChange]:
    """Every change of a case up to `upto`: what a device that newly holds the case needs.
    Raises NotFound for a case this account may not read."""
    with engine.begin() as conn:
        rows = pulling.history_in(conn, who, case_id, upto)
    return [pulling.server_change(r) for r in rows]
