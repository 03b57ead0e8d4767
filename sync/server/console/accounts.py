"""What the beheer console changes: accounts, teams and devices, each change and its audit
line in one transaction (nothing half done). Refusals carry a Dutch message for the page.

The rules are those of `koers-server` (sync/server/admin.py): disabling an account revokes
every device of it, as admin.disable_user does; a revoked device is refused from then on and
wipes at its next contact. New passwords follow admin.weak_password_reason.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from sync.protocol import MAX_PASSWORD, ROLES
from sync.server import admin, audit, lockout
from sync.server.console import sessions
from sync.server.passwords import hash_password
from sync.server.store import devices, serialise_writers, teams, users

# Dutch names of the roles, in the order the forms offer them.
ROLE_LABELS = {
    "worker": "Trajectbegeleider",
    "gedragswetenschapper": "Gedragswetenschapper",
    "teamleider": "Teamleider",
    "manager": "Manager",
    "beheerder": "Beheerder",
}
assert set(ROLE_LABELS) == set(ROLES)

# Names the console accepts for new accounts and teams: letters (any script), digits, space,
# dot, hyphen, underscore, apostrophe, at most 100. No markup, no control characters.
_NAME = re.compile(r"[^\W_](?:[\w .'\-]{0,98}[\w.])?")
NAME_RULE = (
    "Een naam bestaat uit letters, cijfers, spaties, punten, streepjes, liggende streepjes "
    "of apostroffen, begint met een letter of cijfer en is ten hoogste 100 tekens lang."
)
_WEAK_NL = {
    "at least": f"Het wachtwoord moet ten minste {admin.MIN_NEW_PASSWORD} tekens lang zijn.",
    "at most": f"Een wachtwoord is ten hoogste {MAX_PASSWORD} tekens lang.",
    "too few different": "Het wachtwoord bevat te weinig verschillende tekens.",
    "user name": "Het wachtwoord mag de gebruikersnaam niet bevatten.",
    "too easy": "Het wachtwoord is te makkelijk te raden.",
}


class Refused(Exception):
    """A console action that was not carried out; `message_nl` says why, in Dutch, and
    `status` is the page's HTTP status (400 bad input, 403 not allowed, 429 throttled)."""

    def __init__(self, message_nl: str, status: int = 400) -> None:
        super().__init__(message_nl)
        self.message_nl = message_nl
        self.status = status


NOT_BEHEERDER = Refused("U bent geen actieve beheerder meer. Er is niets gewijzigd.", status=403)
LAST_BEHEERDER = (
    "Dan blijft er geen actieve beheerder over. Er is niets gewijzigd; maak eerst een "
    "andere gebruiker beheerder."
)


def weak_password_nl(user_name: str, password: str) -> str | None:
    """admin.weak_password_reason in Dutch (None when the password will do); at most
    MAX_PASSWORD characters, the limit of every door (sync.protocol)."""
    if len(password) > MAX_PASSWORD:
        return f"Een wachtwoord is ten hoogste {MAX_PASSWORD} tekens lang."
    reason = admin.weak_password_reason(user_name, password)
    if reason is None:
        return None
    for key, dutch in _WEAK_NL.items():
        if key in reason:
            return dutch
    return "Dit wachtwoord is te zwak."


def valid_name(name: str) -> bool:
    """Whether `name` is one the console accepts for a new account or team."""
    return _NAME.fullmatch(name) is not None


@dataclass(frozen=True)
class Actor:
    """The beheerder acting: account id and name (for the audit line)."""

    user_id: int
    name: str


def _audit(
    conn: Connection,
    actor: Actor,
    action: str,
    record_type: str,
    record_id: str,
    detail: str | None = None,
) -> None:
    audit.record(
        conn,
        who=None,
        user_name=actor.name,
        action=action,
        record_type=record_type,
        record_id=record_id[:100],
        detail=detail,
    )


def _acting(conn: Connection, actor: Actor) -> None:
    """Start a change by `actor`: writers are serialised (store.serialise_writers; two
    beheerders acting at once take turns) and the actor must still be an active beheerder
    (another may have disabled them or changed their role a moment ago). Raises Refused."""
    serialise_writers(conn)
    row = conn.execute(
        select(users.c.role, users.c.disabled).where(users.c.id == actor.user_id)
    ).first()
    if row is None or row.disabled or row.role != "beheerder":
        raise Refused(NOT_BEHEERDER.message_nl, NOT_BEHEERDER.status)


def _other_beheerders(conn: Connection, user_id: int) -> int:
    """How many active beheerders there are besides account `user_id`."""
    return int(
        conn.execute(
            select(func.count()).where(
                users.c.role == "beheerder",
                users.c.disabled.is_(False),
                users.c.id != user_id,
            )
        ).scalar_one()
    )


def record_action(
    engine: Engine, actor: Actor, action: str, record_type: str, record_id: str
) -> None:
    """An audit line of its own transaction (logins, logouts, password changes)."""
    with engine.begin() as conn:
        _audit(conn, actor, action, record_type, record_id)


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserView:
    """An account as the console lists it."""

    id: int
    name: str
    role: str
    team: str | None
    disabled: bool
    devices: int

    @property
    def role_label(self) -> str:
        """The role's Dutch name."""
        return ROLE_LABELS.get(self.role, self.role)


def list_users(engine: Engine) -> list[UserView]:
    """Every account, by name, with its count of devices not revoked."""
    active = (
        select(devices.c.user_id, func.count().label("n"))
        .where(devices.c.revoked_at.is_(None))
        .group_by(devices.c.user_id)
        .subquery()
    )
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                users.c.id,
                users.c.name,
                users.c.role,
                teams.c.name.label("team"),
                users.c.disabled,
                active.c.n,
            )
            .outerjoin(teams, teams.c.id == users.c.team_id)
            .outerjoin(active, active.c.user_id == users.c.id)
            .order_by(users.c.name)
        ).all()
    return [UserView(r.id, r.name, r.role, r.team, bool(r.disabled), int(r.n or 0)) for r in rows]


def get_user(engine: Engine, user_id: int) -> UserView | None:
    """One account by id, or None."""
    return next((user for user in list_users(engine) if user.id == user_id), None)


@dataclass(frozen=True)
class TeamView:
    """A team as the console lists it."""

    id: int
    name: str
    shares_caseload: bool
    members: int


def list_teams(engine: Engine) -> list[TeamView]:
    """Every team, by name, with its number of accounts that are not disabled."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                teams.c.id,
                teams.c.name,
                teams.c.shares_caseload,
                func.count(users.c.id).label("n"),
            )
            .outerjoin(users, (users.c.team_id == teams.c.id) & users.c.disabled.is_(False))
            .group_by(teams.c.id, teams.c.name, teams.c.shares_caseload)
            .order_by(teams.c.name)
        ).all()
    return [TeamView(r.id, r.name, bool(r.shares_caseload), int(r.n)) for r in rows]


@dataclass(frozen=True)
class DeviceView:
    """A device as the console lists it (epoch seconds; None when never)."""

    id: str
    user: str
    name: str
    created_at: float
    last_seen: float | None
    revoked_at: float | None
    wipe_sent_at: float | None


def list_devices(engine: Engine) -> list[DeviceView]:
    """Every device: those not revoked first, then by account and name."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                devices.c.id,
                users.c.name.label("user"),
                devices.c.name,
                devices.c.created_at,
                devices.c.last_seen,
                devices.c.revoked_at,
                devices.c.wipe_sent_at,
            )
            .join(users, users.c.id == devices.c.user_id)
            .order_by(devices.c.revoked_at.is_not(None), users.c.name, devices.c.name)
        ).all()
    return [
        DeviceView(r.id, r.user, r.name, r.created_at, r.last_seen, r.revoked_at, r.wipe_sent_at)
        for r in rows
    ]


def get_device(engine: Engine, device_id: str) -> DeviceView | None:
    """One device by id, or None."""
    return next((device for device in list_devices(engine) if device.id == device_id), None)


# --- changing ------------------------------------------------------------------------------


def _team_id(conn: Connection, team: str | None) -> int | None:
    if not team:
        return None
    found = conn.execute(select(teams.c.id).where(teams.c.name == team)).scalar_one_or_none()
    if found is None:
        raise Refused("Dit team bestaat niet (meer). Kies een team uit de lijst.")
    return int(found)


def _role(role: str) -> str:
    if role not in ROLES:
        raise Refused("Kies een rol uit de lijst.")
    return role


def add_user(
    engine: Engine, actor: Actor, name: str, password: str, role: str, team: str | None
) -> int:
    """Add an account; returns its id. Raises Refused (name not allowed or taken, unknown
    role or team, weak password)."""
    name = name.strip()
    if not valid_name(name):
        raise Refused(NAME_RULE)
    _role(role)
    weak = weak_password_nl(name, password)
    if weak is not None:
        raise Refused(weak)
    hashed = hash_password(password)  # outside the transaction: hashing takes a while
    taken = Refused("Er bestaat al een gebruiker met deze naam.")
    try:
        with engine.begin() as conn:
            _acting(conn, actor)
            if conn.execute(select(users.c.id).where(users.c.name == name)).first():
                raise taken
            user_id = conn.execute(
                users.insert()
                .values(
                    name=name,
                    password_hash=hashed,
                    role=role,
                    team_id=_team_id(conn, team),
                    disabled=False,
                    failed_logins=0,
                    locked_until=0.0,
                )
                .returning(users.c.id)
            ).scalar_one()
            # Wrong passwords typed for this name before it existed do not lock it.
            lockout.clear(conn, name)
            _audit(conn, actor, "console_user_add", "user", name, f"role={role}")
    except IntegrityError:  # added by another process a moment ago
        raise taken from None
    return int(user_id)


def _existing(conn: Connection, user_id: int) -> dict[str, object]:
    row = conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
    if row is None:
        raise Refused("Deze gebruiker bestaat niet.")
    return dict(row)


def set_role_and_team(
    engine: Engine, actor: Actor, user_id: int, role: str, team: str | None
) -> bool:
    """Give an account another role and/or team; returns whether anything changed. The
    account's console sessions end (its rights changed). A beheerder cannot change their
    own role, and the last active beheerder keeps theirs. Raises Refused."""
    _role(role)
    with engine.begin() as conn:
        _acting(conn, actor)
        user = _existing(conn, user_id)
        team_id = _team_id(conn, team)
        if user["role"] == role and user["team_id"] == team_id:
            return False
        if user_id == actor.user_id and role != user["role"]:
            raise Refused("U kunt uw eigen rol niet wijzigen; vraag een andere beheerder.")
        if user["role"] == "beheerder" and role != "beheerder" and not user["disabled"]:
            if _other_beheerders(conn, user_id) == 0:
                raise Refused(LAST_BEHEERDER)
        conn.execute(update(users).where(users.c.id == user_id).values(role=role, team_id=team_id))
        if role != user["role"]:
            sessions.end_all_of(conn, user_id)
        _audit(conn, actor, "console_user_role", "user", str(user["name"]), f"role={role}")
    return True


def reset_password(engine: Engine, actor: Actor, user_id: int, password: str) -> None:
    """Set a new password for an account (the user changes it at /beheer/wachtwoord). Its
    console sessions end; its devices stay enrolled; a login lock is lifted. A beheerder's
    own password is not set here (that asks the current one: /beheer/wachtwoord). Raises
    Refused."""
    if user_id == actor.user_id:
        raise Refused(
            "Uw eigen wachtwoord wijzigt u op de pagina Mijn wachtwoord; daar vraagt de "
            "console ook uw huidige wachtwoord. Er is niets gewijzigd.",
            403,
        )
    with engine.connect() as conn:
        name = str(_existing(conn, user_id)["name"])
    weak = weak_password_nl(name, password)
    if weak is not None:
        raise Refused(weak)
    hashed = hash_password(password)
    with engine.begin() as conn:
        _acting(conn, actor)
        user = _existing(conn, user_id)
        lockout.clear(conn, str(user["name"]))
        conn.execute(
            update(users)
            .where(users.c.id == user_id)
            .values(password_hash=hashed, failed_logins=0, locked_until=0.0)
        )
        sessions.end_all_of(conn, user_id)
        _audit(conn, actor, "console_password_reset", "user", str(user["name"]))


def disable_user(engine: Engine, actor: Actor, user_id: int, now: float | None = None) -> int:
    """Disable an account: every device of it not revoked yet is revoked (refused from now
    on, wiped at its next contact, as admin.disable_user does) and its console sessions end.
    Returns how many devices were revoked. Raises Refused (unknown, already disabled, the
    beheerder's own account, the last active beheerder, or an actor who is no active
    beheerder any more: two beheerders disabling each other at once cannot both succeed)."""
    now = time.time() if now is None else now
    with engine.begin() as conn:
        _acting(conn, actor)
        user = _existing(conn, user_id)
        if user_id == actor.user_id:
            raise Refused("U kunt uw eigen account niet uitschakelen.")
        if user["disabled"]:
            raise Refused("Deze gebruiker was al uitgeschakeld.")
        if user["role"] == "beheerder" and _other_beheerders(conn, user_id) == 0:
            raise Refused(LAST_BEHEERDER)
        conn.execute(update(users).where(users.c.id == user_id).values(disabled=True))
        revoked = conn.execute(
            update(devices)
            .where(devices.c.user_id == user_id, devices.c.revoked_at.is_(None))
            .values(revoked_at=now)
        ).rowcount
        sessions.end_all_of(conn, user_id)
        _audit(conn, actor, "console_user_disable", "user", str(user["name"]), f"devices={revoked}")
    return int(revoked)


def reset_second_factor(engine: Engine, actor: Actor, user_id: int) -> None:
    """Forget an account's TOTP secret (a lost phone): it enrols anew at its next login, and
    its console sessions end. Raises Refused for an unknown account."""
    with engine.begin() as conn:
        _acting(conn, actor)
        user = _existing(conn, user_id)
        sessions.reset_totp(conn, user_id)
        sessions.end_all_of(conn, user_id)
        _audit(conn, actor, "console_totp_reset", "user", str(user["name"]))


def add_team(engine: Engine, actor: Actor, name: str, shares_caseload: bool) -> int:
    """Add a team; returns its id. Raises Refused (name not allowed or taken)."""
    name = name.strip()
    if not valid_name(name):
        raise Refused(NAME_RULE)
    taken = Refused("Er bestaat al een team met deze naam.")
    try:
        with engine.begin() as conn:
            _acting(conn, actor)
            if conn.execute(select(teams.c.id).where(teams.c.name == name)).first():
                raise taken
            team_id = conn.execute(
                teams.insert()
                .values(name=name, shares_caseload=shares_caseload)
                .returning(teams.c.id)
            ).scalar_one()
            _audit(conn, actor, "console_team_add", "team", name)
    except IntegrityError:  # added by another process a moment ago
        raise taken from None
    return int(team_id)


def revoke_device(engine: Engine, actor: Actor, device_id: str, now: float | None = None) -> None:
    """Revoke a device (a lost laptop): its token is refused from now on and it wipes its
    vault at its next contact. Raises Refused (unknown or already revoked)."""
    now = time.time() if now is None else now
    with engine.begin() as conn:
        _acting(conn, actor)
        row = conn.execute(select(devices.c.revoked_at).where(devices.c.id == device_id)).first()
        if row is None:
            raise Refused("Dit apparaat bestaat niet.")
        if row.revoked_at is not None:
            raise Refused("Dit apparaat was al ingetrokken.")
        conn.execute(update(devices).where(devices.c.id == device_id).values(revoked_at=now))
        _audit(conn, actor, "console_device_revoke", "device", device_id)
