"""The beheer console's sessions, CSRF tokens and TOTP second factor, kept in the database.

Nothing lives in process memory: several server processes sharing one database serve the
same console. A session's id travels only in its cookie; the database holds its SHA-256
hash (a copy of the database opens no session). Each session carries its own CSRF token,
which every form of it posts back (compared in constant time); a session ends on logout,
after IDLE_S seconds without a request, after ABSOLUTE_S seconds whatever happens, and when
its account is disabled, changes role or gets a new password from a beheerder.

A beheerder's session starts at stage "totp" (or "enrol" when the account has no confirmed
second factor yet) and reaches "full" only with a valid TOTP code (pyotp, 30 s steps, one
step of drift either way). Every accepted code's time step is kept per account, and a code
of a step at or before one already used is refused: a code seen over a shoulder or in a
proxy's log cannot be used again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

import pyotp
import segno
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from sync.server import ratelimit
from sync.server.store import (
    console_sessions,
    console_totp,
    console_totp_used,
    insert_ignoring_duplicates,
    teams,
    users,
)

# A session ends after this long without a request, and after ABSOLUTE_S in any case.
IDLE_S = 15 * 60.0
ABSOLUTE_S = 8 * 3600.0
TOTP_STEP_S = 30
TOTP_ISSUER = "Koers beheer"
# TOTP codes tried per account per window, right or wrong: six digits cannot be guessed
# through the form (a few typing errors still leave room for the right code).
TOTP_PER_ACCOUNT = ratelimit.Limit(6, 300.0)
# Used codes older than this are forgotten (a code is valid for at most three steps).
KEEP_USED_S = 3600.0

STAGE_FULL = "full"
STAGE_TOTP = "totp"
STAGE_ENROL = "enrol"


def session_hash(session_id: str) -> str:
    """The stored form of a session id (hex SHA-256)."""
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def same_token(given: str | None, expected: str) -> bool:
    """Whether a posted CSRF token equals the session's (constant-time compare)."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass(frozen=True)
class ConsoleSession:
    """One live console session: whose, at which stage, and its CSRF token."""

    id_hash: str
    user_id: int
    user_name: str
    role: str
    team: str | None
    stage: str
    csrf: str

    @property
    def is_beheerder(self) -> bool:
        """A beheerder who passed the second factor: may use every console page."""
        return self.role == "beheerder" and self.stage == STAGE_FULL


def start(conn: Connection, user_id: int, stage: str, now: float) -> str:
    """Open a session for `user_id` at `stage`; returns its id (for the cookie only). Ended
    sessions of every account are cleared out on the way."""
    end_expired(conn, now)
    session_id = secrets.token_urlsafe(32)
    conn.execute(
        console_sessions.insert().values(
            id_hash=session_hash(session_id),
            user_id=user_id,
            csrf_token=secrets.token_urlsafe(32),
            stage=stage,
            created_at=now,
            last_seen=now,
        )
    )
    return session_id


def end_expired(conn: Connection, now: float, idle_s: float = IDLE_S) -> None:
    """Delete sessions idle longer than `idle_s` or older than ABSOLUTE_S, and used TOTP
    codes older than KEEP_USED_S."""
    conn.execute(
        delete(console_sessions).where(
            (console_sessions.c.last_seen < now - idle_s)
            | (console_sessions.c.created_at < now - ABSOLUTE_S)
        )
    )
    conn.execute(delete(console_totp_used).where(console_totp_used.c.used_at < now - KEEP_USED_S))


def promote(conn: Connection, id_hash: str, now: float) -> str:
    """Raise a session to the full stage under a new id (the old id stops working: an id
    seen before the second factor is worth nothing after it); returns the new id."""
    session_id = secrets.token_urlsafe(32)
    conn.execute(
        update(console_sessions)
        .where(console_sessions.c.id_hash == id_hash)
        .values(
            id_hash=session_hash(session_id),
            stage=STAGE_FULL,
            csrf_token=secrets.token_urlsafe(32),
            last_seen=now,
        )
    )
    return session_id


def end(conn: Connection, id_hash: str) -> None:
    """End one session (logout)."""
    conn.execute(delete(console_sessions).where(console_sessions.c.id_hash == id_hash))


def end_all_of(conn: Connection, user_id: int) -> None:
    """End every session of an account (disabled, new role, password reset)."""
    conn.execute(delete(console_sessions).where(console_sessions.c.user_id == user_id))


def look_up(
    engine: Engine, session_id: str | None, now: float, idle_s: float
) -> tuple[ConsoleSession | None, bool]:
    """The live session behind a cookie's `session_id`, and whether one existed but had
    ended (idle, too old, or its account disabled: deleted here). A live session's last
    request time becomes `now`."""
    if not session_id or len(session_id) > 200:
        return None, False
    id_hash = session_hash(session_id)
    with engine.begin() as conn:
        row = (
            conn.execute(
                select(
                    console_sessions,
                    users.c.name.label("user_name"),
                    users.c.role,
                    users.c.disabled,
                    teams.c.name.label("team"),
                )
                .join(users, users.c.id == console_sessions.c.user_id)
                .outerjoin(teams, teams.c.id == users.c.team_id)
                .where(console_sessions.c.id_hash == id_hash)
            )
            .mappings()
            .first()
        )
        if row is None:
            return None, False
        if row["disabled"]:
            end_all_of(conn, row["user_id"])
            return None, True
        if row["last_seen"] < now - idle_s or row["created_at"] < now - ABSOLUTE_S:
            end(conn, id_hash)
            return None, True
        conn.execute(
            update(console_sessions)
            .where(console_sessions.c.id_hash == id_hash)
            .values(last_seen=now)
        )
    return (
        ConsoleSession(
            id_hash=id_hash,
            user_id=int(row["user_id"]),
            user_name=str(row["user_name"]),
            role=str(row["role"]),
            team=row["team"],
            stage=str(row["stage"]),
            csrf=str(row["csrf_token"]),
        ),
        False,
    )


# --- TOTP ----------------------------------------------------------------------------------


def has_confirmed_totp(conn: Connection, user_id: int) -> bool:
    """Whether the account finished TOTP enrolment."""
    return (
        conn.execute(
            select(console_totp.c.user_id).where(
                console_totp.c.user_id == user_id, console_totp.c.confirmed_at.is_not(None)
            )
        ).first()
        is not None
    )


class AlreadyEnrolled(ValueError):
    """The account has a confirmed second factor: its secret is never shown again."""


def pending_secret(engine: Engine, user_id: int, now: float) -> str:
    """The base32 TOTP secret being enrolled for `user_id`: the unconfirmed one kept from an
    earlier visit of the enrolment page, or a new one. Showing it is no attempt: only codes
    count towards TOTP_PER_ACCOUNT (check_code). Raises AlreadyEnrolled when the account has
    a confirmed secret (another session of it finished enrolment meanwhile)."""
    with engine.begin() as conn:
        row = conn.execute(
            select(console_totp.c.secret, console_totp.c.confirmed_at).where(
                console_totp.c.user_id == user_id
            )
        ).first()
        if row is not None:
            if row.confirmed_at is not None:
                raise AlreadyEnrolled("the second factor is enrolled already")
            return str(row.secret)
        secret = pyotp.random_base32()
        insert_ignoring_duplicates(
            conn,
            console_totp,
            [{"user_id": user_id, "secret": secret, "confirmed_at": None, "created_at": now}],
        )
        # Two processes may have raced: the row that is stored is the one shown.
        return str(
            conn.execute(
                select(console_totp.c.secret).where(console_totp.c.user_id == user_id)
            ).scalar_one()
        )


def provisioning_qr_svg(secret: str, user_name: str) -> str:
    """The otpauth:// address of `secret` as an inline SVG QR code (segno; no script, no
    style attribute: the console's Content-Security-Policy allows neither)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user_name, issuer_name=TOTP_ISSUER)
    return str(segno.make(uri, error="m").svg_inline(scale=5, border=4, dark="#000"))


def grouped(secret: str) -> str:
    """A secret in groups of four characters, for typing it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class TotpRefused(Exception):
    """A TOTP code was not accepted; `message_nl` says why in Dutch, `status` is the page's
    HTTP status (400, or 429 when too many codes were tried)."""

    def __init__(self, message_nl: str, status: int = 400) -> None:
        super().__init__(message_nl)
        self.message_nl = message_nl
        self.status = status


def check_code(
    engine: Engine, user_id: int, code: str, now: float, *, confirming: bool = False
) -> None:
    """Accept a TOTP `code` for `user_id` once. With `confirming`, the unconfirmed secret of
    the enrolment is checked and becomes the account's confirmed one.

    Raises TotpRefused: not six digits, too many wrong codes (TOTP_PER_ACCOUNT), wrong, or a
    code of a time step at or before one already used (a replay)."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        raise TotpRefused("Vul de zes cijfers in die uw authenticator-app nu toont.")
    # Every attempt counts at once, in its own commit (parallel guesses all count); a right
    # one is given back below.
    with engine.begin() as conn:
        wait = ratelimit.hit(conn, f"console-totp:{user_id}", TOTP_PER_ACCOUNT, now)
    if wait is not None:
        raise TotpRefused(f"Te veel pogingen. Probeer het over {wait} seconden opnieuw.", 429)
    with engine.begin() as conn:
        row = conn.execute(
            select(console_totp.c.secret, console_totp.c.confirmed_at).where(
                console_totp.c.user_id == user_id
            )
        ).first()
        if row is None or (row.confirmed_at is None) != confirming:
            raise TotpRefused("Er is geen tweede factor in te stellen of te controleren.")
        totp = pyotp.TOTP(row.secret)
        current = int(now // TOTP_STEP_S)
        step = next(
            (
                candidate
                for candidate in (current, current - 1, current + 1)
                if hmac.compare_digest(totp.at(candidate * TOTP_STEP_S), code)
            ),
            None,
        )
        if step is None:
            raise TotpRefused("Deze code klopt niet. Kijk of de klok van uw telefoon goed staat.")
        latest = conn.execute(
            select(func.max(console_totp_used.c.step)).where(console_totp_used.c.user_id == user_id)
        ).scalar_one_or_none()
        if latest is not None and step <= latest:
            raise TotpRefused("Deze code is al gebruikt. Wacht op de volgende code van uw app.")
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        inserted = conn.execute(
            dialect.insert(console_totp_used)
            .values(user_id=user_id, step=step, used_at=now)
            .on_conflict_do_nothing()
            .returning(console_totp_used.c.step)
        ).first()
        if inserted is None:  # another process took this code a moment ago
            raise TotpRefused("Deze code is al gebruikt. Wacht op de volgende code van uw app.")
        if confirming:
            conn.execute(
                update(console_totp)
                .where(console_totp.c.user_id == user_id)
                .values(confirmed_at=now)
            )
        # A right code gives its attempt back: only wrong ones (and replays) use up the
        # allowance, so a beheerder who logs in often is not locked out by good codes.
        ratelimit.hit(conn, f"console-totp:{user_id}", TOTP_PER_ACCOUNT, now, amount=-1)


def reset_totp(conn: Connection, user_id: int) -> None:
    """Forget an account's second factor: it enrols a new one at its next login."""
    conn.execute(delete(console_totp).where(console_totp.c.user_id == user_id))
    conn.execute(delete(console_totp_used).where(console_totp_used.c.user_id == user_id))
