"""Who may see and change which case. The one place these rules live.

- worker: the cases assigned to them, and their team's cases when the team shares a caseload;
- gedragswetenschapper: reads the team's cases, writes only those assigned to them;
- teamleider: reads and writes the team's cases;
- beheerder: accounts and devices only, no case data.
Organisation records (sociale kaart) are readable by all but the beheerder; programmes are
changed by teamleiders only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sync.server.store import assignments, teams, users


@dataclass(frozen=True)
class Principal:
    user_id: int
    name: str
    role: str
    team_id: int | None
    device_id: str
    device_name: str = ""
    # The device id this laptop's HLC stamps carry; None until it is registered or learnt.
    clock_id: str | None = None


def _team_shares(conn: Connection, team_id: int | None) -> bool:
    if team_id is None:
        return False
    return bool(
        conn.execute(
            select(teams.c.shares_caseload).where(teams.c.id == team_id)
        ).scalar_one_or_none()
    )


def _team_cases(conn: Connection, team_id: int | None) -> set[str]:
    if team_id is None:
        return set()
    rows = conn.execute(
        select(assignments.c.case_id)
        .join(users, users.c.id == assignments.c.user_id)
        .where(users.c.team_id == team_id)
    )
    return {row[0] for row in rows}


def _own_cases(conn: Connection, user_id: int) -> set[str]:
    rows = conn.execute(select(assignments.c.case_id).where(assignments.c.user_id == user_id))
    return {row[0] for row in rows}


def readable_cases(conn: Connection, who: Principal) -> set[str]:
    if who.role == "beheerder":
        return set()
    if who.role in ("teamleider", "gedragswetenschapper"):
        return _team_cases(conn, who.team_id) | _own_cases(conn, who.user_id)
    cases = _own_cases(conn, who.user_id)
    if _team_shares(conn, who.team_id):
        cases |= _team_cases(conn, who.team_id)
    return cases


def writable_cases(conn: Connection, who: Principal) -> set[str]:
    if who.role == "gedragswetenschapper":
        return _own_cases(conn, who.user_id)
    return readable_cases(conn, who)


def may_write_organisation_record(who: Principal, record_type: str) -> bool:
    if record_type == "programme":
        return who.role == "teamleider"
    return who.role != "beheerder"


def may_create_case(who: Principal) -> bool:
    return who.role in ("worker", "teamleider")
