"""A teamleider's handover from the window: the team's active workers, and moving cases.

`POST /v1/cases/handover` moves one or several cases of the teamleider's own team to an
active worker of that team (and, when given, a back-up worker), all or nothing in one
transaction. Each case is moved as `koers-server assign` moves it (admin.assign_in: the
assignment tables and the case's `worker`/`backup_worker` fields, written as the server's
change every laptop receives), and gets a warm handover note written by the server in the
same transaction (record type handover_note: to whom, the teamleider's reason, written by the
teamleider's account), so the note can never exist without the handover or the other way
round. The old holder's laptops purge the case at their next sync, under the no-loss rule of
app/sync_service.follow_assignments.

Refused, with nothing written: another role than teamleider, or a teamleider without a team
(403); a case that is not a case of the teamleider's team (403); a receiving or back-up
worker who is not an active worker of the team (422); a case that moved meanwhile, i.e. its
holder is not the worker the laptop believed (409); a case handed to the worker and back-up
worker who hold it already (422: nothing would change; the case's own worker with another
back-up changes only the back-up, and the note says so, not "handed over"); an empty reason,
or one that breaks the laptop's text rules (a control character, a character that reverses
the reading direction: sync/schema.unclean_text, as app/text.require_clean_text) (422).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sqlalchemy import false, func, select
from sqlalchemy.engine import Connection, Engine

from storage.ids import uuid7
from sync.protocol import (
    SERVER_CLOCK_ID,
    Change,
    HandoverRequest,
    HandoverResult,
    TeamWorker,
    TeamWorkers,
)
from sync.server import records as held_records
from sync.server import validation
from sync.server.access import Principal
from sync.server.admin import assign_in
from sync.server.errors import AdminError, Conflict, Forbidden
from sync.server.limits import Unprocessable
from sync.server.monitoring import LOCAL_TZ
from sync.server.service import BatchState, server_stamp
from sync.server.store import assignments, serialise_writers, teams, users

ALREADY_HELD = (
    "a case of the handover is held by this worker with this back-up worker already; "
    "nothing to hand over (nothing was handed over)"
)
# Who may receive cases through a teamleider's handover.
RECEIVING_ROLES = ("worker",)
NOT_TEAMLEIDER = "only a teamleider may see the team's workers and hand over cases"
TEAMLESS = "this teamleider account has no team; ask the administrator to add one"


def _require_teamleider(who: Principal) -> int:
    if who.role != "teamleider":
        raise Forbidden(NOT_TEAMLEIDER)
    if who.team_id is None:
        raise Forbidden(TEAMLESS)
    return who.team_id


def _team_workers(conn: Connection, team_id: int) -> list[TeamWorker]:
    held = (
        select(assignments.c.user_id, func.count().label("cases"))
        .group_by(assignments.c.user_id)
        .subquery()
    )
    rows = conn.execute(
        select(users.c.name, func.coalesce(held.c.cases, 0).label("cases"))
        .outerjoin(held, held.c.user_id == users.c.id)
        .where(
            users.c.team_id == team_id,
            users.c.disabled == false(),
            users.c.role.in_(RECEIVING_ROLES),
        )
        .order_by(users.c.name)
    ).all()
    return [TeamWorker(name=r.name, cases=int(r.cases)) for r in rows]


def team_workers(engine: Engine, who: Principal) -> TeamWorkers:
    """The active workers of the teamleider's team, by name, with how many cases each holds.
    Raises Forbidden for another role or a teamleider without a team."""
    team_id = _require_teamleider(who)
    with engine.connect() as conn:
        name = conn.execute(select(teams.c.name).where(teams.c.id == team_id)).scalar_one()
        return TeamWorkers(team=name, workers=_team_workers(conn, team_id))


def hand_over(engine: Engine, who: Principal, request: HandoverRequest) -> HandoverResult:
    """Move every case of `request` to its worker (and back-up), each with a warm handover
    note, in one transaction. Raises Forbidden, Unprocessable or Conflict (see the module
    text); nothing is written then."""
    team_id = _require_teamleider(who)
    reason = request.reason.strip()
    if not reason:
        raise Unprocessable("write the reason for the handover")
    unclean = validation.free_text_problem("the reason", request.reason)  # as sent
    if unclean is not None:  # a laptop refuses such a note (app/text.py): so does the server
        raise Unprocessable(unclean)
    ids = [c.case_id for c in request.cases]
    if len(set(ids)) != len(ids):
        raise Unprocessable("a case is named twice in the handover")
    if request.backup_worker is not None and request.backup_worker == request.worker:
        raise Unprocessable("the back-up worker must be someone other than the worker")
    now = time.time()
    with engine.begin() as conn:
        serialise_writers(conn)
        active = {w.name for w in _team_workers(conn, team_id)}
        if request.worker not in active:
            raise Unprocessable("the receiving worker is not an active worker of your team")
        if request.backup_worker is not None and request.backup_worker not in active:
            raise Unprocessable("the back-up worker is not an active worker of your team")
        holders = _holders(conn, ids)
        backups = _backups(conn, ids)
        for case in request.cases:
            holder = holders.get(case.case_id)
            if holder is None or holder[1] != team_id:
                raise Forbidden("a case of the handover is not a case of your team")
            if holder[0] != case.expected_worker:
                raise Conflict(
                    "a case of the handover was moved meanwhile; sync and look again "
                    "(nothing was handed over)"
                )
            if holder[0] == request.worker and backups.get(case.case_id, "") == (
                request.backup_worker or ""
            ):
                raise Unprocessable(ALREADY_HELD)
        notes: dict[str, str] = {}
        for case_id in ids:
            # The case's own worker again: only its back-up worker changes (no handover).
            backup_only = holders[case_id][0] == request.worker
            try:
                assign_in(conn, case_id, request.worker, backup=request.backup_worker, who=who)
            except AdminError as error:  # checked above; a race would land here
                raise Unprocessable(str(error)) from None
            notes[case_id] = _write_note(
                conn, who, case_id, request, reason, now, backup_only=backup_only
            )
    return HandoverResult(worker=request.worker, backup_worker=request.backup_worker, notes=notes)


def _backups(conn: Connection, case_ids: list[str]) -> dict[str, str]:
    """Case id -> the back-up worker the server last wrote ("" for none or an unreadable
    value)."""
    found: dict[str, str] = {}
    held = held_records.by_ids(conn, case_ids, "case")
    for (_, case_id), fields in held_records.winners_of(conn, held, ("backup_worker",)).items():
        if "backup_worker" not in fields:
            continue
        try:
            value = fields["backup_worker"].decoded
        except (TypeError, ValueError):
            value = None
        found[case_id] = value if isinstance(value, str) else ""
    return found


def _holders(conn: Connection, case_ids: list[str]) -> dict[str, tuple[str, int | None]]:
    """Case id -> (holder's name, holder's team id) for the cases that have a holder."""
    found: dict[str, tuple[str, int | None]] = {}
    for start in range(0, len(case_ids), 500):
        for row in conn.execute(
            select(assignments.c.case_id, users.c.name, users.c.team_id)
            .join(users, users.c.id == assignments.c.user_id)
            .where(assignments.c.case_id.in_(case_ids[start : start + 500]))
        ):
            found[row.case_id] = (row.name, row.team_id)
    return found


def _write_note(
    conn: Connection,
    who: Principal,
    case_id: str,
    request: HandoverRequest,
    reason: str,
    now: float,
    *,
    backup_only: bool = False,
) -> str:
    """The warm handover note of one moved case, as the server's own created record. The
    client's consent is recorded as not asked: the teamleider decided, the client was not
    asked here (the new worker asks and writes their own note). `backup_only`: the case
    stays with its worker and only the back-up worker changed; the note says so and claims
    no handover."""
    note_id = uuid7()
    backup = f" (back-up: {request.backup_worker})" if request.backup_worker else ""
    if backup_only:
        summary = (
            f"Vervanger gewijzigd door teamleider {who.name}: "
            f"{request.backup_worker or 'geen vervanger'}; {request.worker} blijft de "
            "begeleider."
        )
    else:
        summary = f"Overgedragen door teamleider {who.name} aan {request.worker}{backup}."
    fields = {
        "case_id": case_id,
        "to_whom": request.worker + backup,
        "to_kind": "collega",
        "summary": summary,
        "what_works": "",
        "risks_and_agreements": "",
        "open_actions": "",
        "with_client": 0,
        "handover_date": datetime.fromtimestamp(now, UTC).astimezone(LOCAL_TZ).date().isoformat(),
        "written_by": who.name,
        "consent": "niet_gevraagd",
        "reason": reason,
        "next_step": "",
        "social_map_id": "",
    }
    change = Change(
        change_id=uuid7(),
        record_type="handover_note",
        record_id=note_id,
        fields=fields,
        hlc=server_stamp(conn, "handover_note", note_id, now),
        device_id=SERVER_CLOCK_ID,
        created=True,
    )
    invalid = validation.check_change(change)
    if invalid is not None:  # a name or reason beyond the schema's limits
        raise Unprocessable(f"the handover note cannot be written: {invalid}")
    for field in ("to_whom", "summary", "written_by"):  # account names (one made in a shell)
        unclean = validation.free_text_problem(
            "an account name", str(fields[field]), multiline=False
        )
        if unclean is not None:
            raise Unprocessable(f"the handover note cannot be written: {unclean}")
    state = BatchState(conn, [change])
    state.accept(change, case_id, False, SERVER_CLOCK_ID, who.user_id, now)
    state.write(conn)
    return note_id
