"""The server stores a laptop's access-log lines in one statement per request (issue 17): a
full batch of every kind of line is stored column for column as the rules say, on SQLite and
PostgreSQL; a resend is answered line by line as before."""

from __future__ import annotations

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.engine import Engine

from sync.audit_lines import AccessLine
from sync.server import audit
from sync.server.access import Principal
from sync.server.store import audit_log, connect, on_driver, records
from tests.sync.server_harness import LiveServer, database

NOW = 1_796_032_900.0  # 2026-11-30 10:01:40 UTC, the server's clock in this test
AT = "2026-11-30T10:00:00.250000Z"
AT_EPOCH = 1_796_032_800.25


def batch() -> tuple[list[AccessLine], dict[int, tuple[object, ...]], list[int]]:
    """500 lines of every kind; what of each is stored (by number); the numbers refused."""
    lines: list[AccessLine] = []
    stored: dict[int, tuple[object, ...]] = {}
    refused: list[int] = []
    for seq in range(1, 501):
        case = str(uuid.UUID(int=seq))
        kind = seq % 7
        if kind == 0:  # a read of a case: the case is its own
            line = AccessLine(seq=seq, at=AT, record_type="case", record_id=case, action="read")
            stored[seq] = ("case", case, case, "read", AT_EPOCH, None)
        elif kind == 1:  # a pulled contact: its case is not known to the server
            line = AccessLine(
                seq=seq, at=AT, record_type="contact", record_id=case, action="sync",
                detail="received",
            )  # fmt: skip
            stored[seq] = ("contact", case, None, "sync", AT_EPOCH, "received")
        elif kind == 2:  # a name typed as an id, a time a year ahead: neither is kept
            line = AccessLine(
                seq=seq, at="2027-12-01T00:00:00Z", record_type="case", record_id="Jansen",
                action="update", detail="status,worker,not_a_field",
            )  # fmt: skip
            stored[seq] = ("case", None, None, "update", None, "status,worker")
        elif kind == 3:  # an export: ids and counts only, never its path
            detail = {"export": "overdracht", "case_ids": [case], "target": "/home/Jansen.pdf"}
            line = AccessLine(
                seq=seq, at=AT, record_type="case", record_id=case, action="export",
                detail=json.dumps(detail),
            )  # fmt: skip
            kept = json.dumps({"case_ids": [case], "export": "overdracht"}, sort_keys=True)
            stored[seq] = ("case", case, case, "export", AT_EPOCH, kept)
        elif kind == 4:  # an action Koers does not write
            line = AccessLine(seq=seq, at=AT, record_type="case", record_id=case, action="drop")
            refused.append(seq)
        elif kind == 5:  # a time before any Koers log: kept as unknown
            line = AccessLine(
                seq=seq, at="1999-12-31T23:59:59Z", record_type="programme",
                record_id="moviera_wijk", action="read",
            )  # fmt: skip
            stored[seq] = ("programme", "moviera_wijk", None, "read", None, None)
        else:  # a fixed text of another action is dropped
            line = AccessLine(
                seq=seq, at=AT, record_type="case", record_id=None, action="list",
                detail="12 cases of Jansen",
            )  # fmt: skip
            stored[seq] = ("case", None, None, "list", AT_EPOCH, None)
        lines.append(line)
    return lines, stored, refused


def rows_of(server: LiveServer, device_id: str) -> dict[int, tuple[object, ...]]:
    with server.engine.connect() as conn:
        rows = conn.execute(select(audit_log).where(audit_log.c.device_id == device_id)).all()
    for row in rows:
        assert (row.source, row.user_id, row.user_name, row.received_at) == (
            "laptop", 7, "anna", NOW,
        )  # fmt: skip
    return {
        int(row.device_seq): (
            row.record_type,
            row.record_id,
            row.case_id,
            row.action,
            row.laptop_at,
            row.detail,
        )  # fmt: skip
        for row in rows
    }


def test_a_full_batch_is_stored_column_for_column_and_a_resend_answered_line_by_line(
    server: LiveServer,
) -> None:
    anna = Principal(user_id=7, name="anna", role="worker", team_id=None, device_id="dev-anna")
    lines, stored, refused = batch()
    answer = audit.receive(server.engine, anna, lines, now=NOW)
    assert answer.refused == refused
    assert answer.accepted == sorted(stored) and not answer.already
    assert rows_of(server, "dev-anna") == stored

    # Again, with two lines changed, one time put right and a line twice in the request.
    again = [line.model_copy() for line in lines]
    again[0] = again[0].model_copy(update={"action": "reveal_address"})  # seq 1: other content
    again[1] = again[1].model_copy(update={"at": AT})  # seq 2: its time was unknown
    again.append(lines[5].model_copy(update={"record_type": "contact"}))  # seq 6 twice
    new = AccessLine(seq=501, at=AT, record_type="case", record_id=None, action="read")
    answer = audit.receive(server.engine, anna, [*again, new, new], now=NOW)
    assert answer.accepted == [501]
    assert sorted(answer.refused) == sorted([*refused, 1, 6])
    assert sorted(answer.already) == sorted((set(stored) - {1}) | {501})
    assert rows_of(server, "dev-anna") == {
        **stored,
        501: ("case", None, None, "read", AT_EPOCH, None),
    }

    # Another device's line 1 is its own line.
    bram = Principal(user_id=7, name="anna", role="worker", team_id=None, device_id="dev-bram")
    assert audit.receive(server.engine, bram, lines[:1], now=NOW).accepted == [1]


def test_a_line_names_the_case_of_the_record_the_server_holds_under_its_type(
    server: LiveServer,
) -> None:
    """A line's case: a case's own id; the case of the record of that type and id the server
    holds (an organisation record: none); none for a record it does not hold, one held under
    another type, or a line without a (Koers) record id."""
    anna = Principal(user_id=7, name="anna", role="worker", team_id=None, device_id="dev-anna")
    case, contact, goal, org, unknown = (str(uuid.UUID(int=n)) for n in range(1, 6))
    with server.engine.begin() as conn:
        conn.execute(
            insert(records),
            [
                {"record_id": case, "record_type": "case", "case_id": case, "winners": "{}"},
                {"record_id": contact, "record_type": "contact", "case_id": case, "winners": "{}"},
                {"record_id": goal, "record_type": "goal", "case_id": case, "winners": "{}"},
                {"record_id": org, "record_type": "organisation", "case_id": None, "winners": "{}"},
            ],
        )
    sent = [
        ("case", case, case),
        ("case", unknown, unknown),
        ("contact", contact, case),
        ("goal", goal, case),
        ("contact", goal, None),  # held, but as a goal
        ("organisation", org, None),
        ("contact", unknown, None),
        ("contact", None, None),
        ("contact", "Jansen", None),
    ]
    lines = [
        AccessLine(seq=n, at=AT, record_type=rtype, record_id=rid, action="read")
        for n, (rtype, rid, _) in enumerate(sent, start=1)
    ]
    assert audit.receive(server.engine, anna, lines, now=NOW).accepted == list(range(1, 10))
    assert {seq: row[2] for seq, row in rows_of(server, "dev-anna").items()} == {
        n: expected for n, (_, _, expected) in enumerate(sent, start=1)
    }


def test_a_laptop_time_is_stored_as_the_very_float_it_reads_as(server: LiveServer) -> None:
    """Microseconds of every kind come back as the same float the server read (the lines
    travel to PostgreSQL as JSON text: a float's shortest text must read back exactly)."""
    anna = Principal(user_id=7, name="anna", role="worker", team_id=None, device_id="dev-anna")
    ats = [
        f"2026-11-30T09:{n % 60:02d}:{n * 7 % 60:02d}.{n * 104_729 % 10**6:06d}Z"
        for n in range(200)
    ]
    ats += ["2026-11-30T10:00:00Z", "2026-11-30T10:00:00.1Z", "2026-11-30T10:00:00.999999Z"]
    lines = [
        AccessLine(seq=n, at=at, record_type="case", action="read")
        for n, at in enumerate(ats, start=1)
    ]
    assert len(audit.receive(server.engine, anna, lines, now=NOW).accepted) == len(ats)
    stored = {seq: row[4] for seq, row in rows_of(server, "dev-anna").items()}
    assert stored == {n: audit.believable_laptop_time(at, NOW) for n, at in enumerate(ats, 1)}
    assert all(isinstance(moment, float) for moment in stored.values())


def test_postgresql_reads_a_requests_stored_lines_by_the_unique_index(server: LiveServer) -> None:
    """The read of a request's stored lines looks each number up in (device_id, device_seq),
    however many lines the device sent before (a plan that reads all of them grows with the
    device's history)."""
    if server.engine.dialect.name != "postgresql":
        return
    anna = Principal(user_id=7, name="anna", role="worker", team_id=None, device_id="dev-anna")
    for start in range(1, 5001, 500):
        lines = [
            AccessLine(seq=seq, at=AT, record_type="case", action="read")
            for seq in range(start, start + 500)
        ]
        audit.receive(server.engine, anna, lines, now=NOW)
    numbers = "{" + ",".join(str(seq) for seq in range(4501, 5001)) + "}"
    with server.engine.begin() as conn:
        plan = "\n".join(
            row[0] for row in on_driver(conn, f"EXPLAIN {audit._STORED_PG}", (numbers, "dev-anna"))
        )
    assert "audit_log_device_id_device_seq_key" in plan
    assert "ix_audit_log_device_id " not in plan and "Filter" not in plan


def test_the_highest_number_and_texts_of_every_allowed_kind_are_stored_as_sent(
    server: LiveServer,
) -> None:
    """The largest sequence number a line may carry, a shipped programme's id, an export's
    JSON detail and a field list are stored exactly (no number rounded on its way)."""
    anna = Principal(user_id=7, name="anna", role="worker", team_id=None, device_id="dev-anna")
    top = 2**63 - 1
    export = json.dumps(
        {"export": "overdracht", "cases": 3, "period": ["2026-01-01", "2026-02-01"]}
    )
    lines = [
        AccessLine(seq=top, at=AT, record_type="case", record_id=None, action="read"),
        AccessLine(seq=top - 1, at=AT, record_type="programme", record_id="nazorg", action="read"),
        AccessLine(seq=1, at=AT, record_type="case", action="export", detail=export),
        AccessLine(seq=2, at=AT, record_type="case", action="update", detail="status,worker"),
    ]
    assert sorted(audit.receive(server.engine, anna, lines, now=NOW).accepted) == [
        1, 2, top - 1, top,
    ]  # fmt: skip
    stored = rows_of(server, "dev-anna")
    assert stored[top] == ("case", None, None, "read", AT_EPOCH, None)
    assert stored[top - 1] == ("programme", "nazorg", None, "read", AT_EPOCH, None)
    assert stored[1][5] == json.dumps(json.loads(export), sort_keys=True)
    assert stored[2][5] == "status,worker"
    again = audit.receive(server.engine, anna, lines, now=NOW)
    assert sorted(again.already) == [1, 2, top - 1, top] and not again.refused


CASE = str(uuid.UUID(int=1))


def _blocked_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as conn:
        waiting = conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        ).scalar_one()
    return int(waiting) > 0


@pytest.mark.parametrize("same", [False, True], ids=["other line", "same line"])
def test_a_line_a_parallel_request_stored_first_is_never_answered_accepted(
    tmp_path: Path, same: bool
) -> None:
    """PostgreSQL runs two requests of one device at once: both read that number 1 is not
    stored yet, the first stores its line, the second's INSERT waits for it and then stores
    nothing. The second must answer what holds: `already` for the same line, `refused` for
    another (its line is not stored: "accepted" would let the laptop drop a line the server
    never kept). Was: both accepted."""
    with database("postgresql", tmp_path) as url:
        engine = connect(url)
        anna = Principal(user_id=7, name="anna", role="worker", team_id=None, device_id="dv-a")
        mine = AccessLine(seq=1, at=AT, record_type="case", record_id=CASE, action="read")
        first = mine if same else mine.model_copy(update={"action": "update"})
        try:
            with ThreadPoolExecutor(1) as pool, engine.connect() as parallel:
                with parallel.begin():  # the first request, inside its transaction
                    parallel.execute(
                        insert(audit_log).values(
                            source="laptop",
                            device_id=anna.device_id,
                            device_seq=1,
                            user_id=anna.user_id,
                            user_name=anna.name,
                            record_type="case",
                            record_id=CASE,
                            case_id=CASE,
                            action=first.action,
                            laptop_at=AT_EPOCH,
                            received_at=NOW,
                            detail=None,
                        )
                    )
                    second = pool.submit(audit.receive, engine, anna, [mine], NOW)
                    deadline = time.monotonic() + 60
                    while not _blocked_on_a_lock(engine):  # the second waits on the first
                        assert time.monotonic() < deadline and not second.done()
                answer = second.result(timeout=60)
            if same:
                assert (answer.accepted, answer.already, answer.refused) == ([], [1], [])
            else:
                assert (answer.accepted, answer.already, answer.refused) == ([], [], [1])
            with engine.connect() as conn:
                kept = conn.execute(select(audit_log.c.action)).scalars().all()
            assert kept == [first.action]
        finally:
            engine.dispose()
