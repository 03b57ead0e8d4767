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
from typing import Any

from sqlalchemy import bindparam, or_, select, union_all
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from sync.server.store import Prepared, assignments, teams, users


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


# The cases assigned to the account, and (team-wide readers) to anyone of its team: one
# statement each way.
# (store.Prepared: on the driver inside a PostgreSQL transaction, a push's among them.)
_OWN_CASES = Prepared(
    select(assignments.c.case_id).where(assignments.c.user_id == bindparam("user"))
)
_TEAM_AND_OWN_CASES = Prepared(
    select(assignments.c.case_id)
    .join(users, users.c.id == assignments.c.user_id)
    .where(or_(users.c.team_id == bindparam("team"), assignments.c.user_id == bindparam("user")))
)


def _own_cases(conn: Connection, user_id: int) -> set[str]:
    return {row[0] for row in _OWN_CASES.run(conn, {"user": user_id})}


def _team_and_own_cases(conn: Connection, who: Principal) -> set[str]:
    if who.team_id is None:
        return _own_cases(conn, who.user_id)
    values = {"team": who.team_id, "user": who.user_id}
    return {row[0] for row in _TEAM_AND_OWN_CASES.run(conn, values)}


def readable_cases(conn: Connection, who: Principal, *, shares: bool | None = None) -> set[str]:
    """The case ids `who` may read, in one statement. `shares`: whether the account's team
    shares a caseload, when the caller read it already (None: read here)."""
    if who.role == "beheerder":
        return set()
    if who.role in ("teamleider", "gedragswetenschapper"):
        return _team_and_own_cases(conn, who)
    if shares is None:
        shares = _team_shares(conn, who.team_id)
    if shares:
        return _team_and_own_cases(conn, who)
    return _own_cases(conn, who.user_id)


# The same rules as readable_cases, as SQL over the account's row in `users` (and its team's
# in `teams`, outer-joined) of the enclosing query: one statement reads a device, its
# account and the cases it may read (pulling.py). tests/sync/test_server_workers.py holds
# the two to the same answer for every role.
_holder = users.alias("holder")
_TEAM_WIDE_ROLES = ("teamleider", "gedragswetenschapper")


def readable_case_ids_sql() -> Any:
    """A correlated scalar subquery: the case ids the account of the enclosing query's
    `users` row may read, aggregated as a JSON array (PostgreSQL json_agg, SQLite
    json_group_array; NULL or [] when none). The enclosing query joins `teams` (outer) on the
    account's team.

    Two parts, each found by index (assignments.user_id, revision 0007) rather than by
    reading every assignment: the account's own cases, and for a team-wide reader those of
    each colleague in its team (the database skips this part for anyone else)."""
    team_wide = or_(users.c.role.in_(_TEAM_WIDE_ROLES), teams.c.shares_caseload.is_(True))
    own = select(assignments.c.case_id).where(assignments.c.user_id == users.c.id)
    colleagues = (
        select(assignments.c.case_id)
        .select_from(_holder.join(assignments, assignments.c.user_id == _holder.c.id))
        .where(
            users.c.team_id.is_not(None),
            team_wide,
            _holder.c.team_id == users.c.team_id,
            _holder.c.id != users.c.id,
        )
    )
    readable = union_all(own.correlate(users), colleagues.correlate(users, teams)).subquery()
    return (
        select(_json_array(readable.c.case_id))
        .where(users.c.role != "beheerder")
        .correlate(users, teams)
        .scalar_subquery()
    )


class _json_array(FunctionElement[Any]):  # noqa: N801 (a SQL function's name)
    """JSON array of a column's values in a group, by dialect."""

    inherit_cache = True
    name = "json_array_of"


@compiles(_json_array, "postgresql")
def _json_array_pg(element: _json_array, compiler: Any, **kw: Any) -> str:
    return f"json_agg({compiler.process(element.clauses, **kw)})"


@compiles(_json_array)
def _json_array_sqlite(element: _json_array, compiler: Any, **kw: Any) -> str:
    return f"json_group_array({compiler.process(element.clauses, **kw)})"


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
