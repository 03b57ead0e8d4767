"""The server's pull path (sync/server/pulling.py): the token, the readable cases and the
newest sequence number in one statement, the answer written from the stored JSON, and a pull
that serves no case data writes nothing."""

from __future__ import annotations

import json
import time
import uuid

from sqlalchemy import func, insert, select, update

from sync.server import access, admin, pulling, service
from sync.server.store import audit_log, changes, devices
from tests.sync.server_harness import PASSWORD
from tests.sync.wire_records import created_fields

CLOCK = {"anna": "annaclock", "bert": "bertclock", "tess": "tessclock", "gw": "gwclock"}


def _enrol(server, name: str) -> str:  # type: ignore[no-untyped-def]
    return service.enroll(server.engine, name, PASSWORD, "laptop", clock_id=CLOCK[name]).token


def _case(server, token: str, name: str, **fields: object) -> str:  # type: ignore[no-untyped-def]
    from sync.protocol import Change

    who = service.authenticate(server.engine, token)
    case_id = str(uuid.uuid4())
    stamp = f"{int(time.time() * 1000):015d}:00000:{CLOCK[name]}"
    answer = service.push(
        server.engine,
        who,
        [
            Change(
                change_id=str(uuid.uuid4()),
                record_type="case",
                record_id=case_id,
                fields={**created_fields("case"), "worker": name, **fields},
                hlc=stamp,
                created=True,
            )
        ],
    )
    assert answer.rejected == []
    return case_id


def test_the_one_statement_reads_the_cases_each_role_may_read(server) -> None:
    admin.add_team(server.engine, "Noord", True)
    admin.add_team(server.engine, "Zuid", False)
    for name, role, team in (
        ("anna", "worker", "Noord"),
        ("bert", "worker", "Zuid"),
        ("tess", "teamleider", "Zuid"),
        ("gw", "gedragswetenschapper", "Noord"),
    ):
        server.add_user(name, role, team)
    server.add_user("solo")
    server.add_user("boss", "manager")
    tokens = {name: _enrol(server, name) for name in CLOCK}
    _case(server, tokens["anna"], "anna")
    _case(server, tokens["bert"], "bert")
    _case(server, tokens["bert"], "bert")
    _case(server, tokens["tess"], "tess")
    for name, token in tokens.items():
        with server.engine.begin() as conn:
            auth = pulling.authenticated(conn, token, time.time(), with_top=True)
            rules = sorted(access.readable_cases(conn, auth.who))
        assert auth.visible == rules, name
    with server.engine.begin() as conn:
        counts = {
            name: len(pulling.authenticated(conn, t, time.time(), with_top=True).visible or [])
            for name, t in tokens.items()
        }
    # Noord shares its caseload; Zuid does not, but its teamleider reads all of it.
    assert counts == {"anna": 1, "bert": 2, "tess": 3, "gw": 1}


def test_the_answer_written_from_stored_json_is_the_models_answer(server) -> None:
    server.add_user("anna")
    token = _enrol(server, "anna")
    case_id = _case(server, token, "anna", display_name="Zoë 🌷 ‘aan huis’", initials="Z.")
    who = service.authenticate(server.engine, token)
    # A value an older server stored that is no JSON (a non-finite number): the model's way.
    with server.engine.begin() as conn:
        conn.execute(
            insert(changes).values(
                change_id=str(uuid.uuid4()),
                record_type="social_map_entry",
                record_id=str(uuid.uuid4()),
                case_id=None,
                fields='{"name": "Infinity and NaN", "x": NaN}',
                hlc=f"{int(time.time() * 1000):015d}:00000:old",
                device_id="old",
                user_id=who.user_id,
                created=False,
                received_at=time.time(),
            )
        )
    for cursor, limit in ((0, 500), (0, 1), (1, 500)):
        wire = json.loads(pulling.pull_answer(server.engine, token, cursor, limit))
        model = service.pull(server.engine, who, cursor, limit).model_dump(mode="json")
        wire.pop("server_time_ms")
        model.pop("server_time_ms")
        assert wire == model
    history = json.loads(pulling.case_history_answer(server.engine, token, case_id, 2**62))
    assert history["changes"][0]["fields"]["display_name"] == "Zoë 🌷 ‘aan huis’"
    assert history["changes"] == [
        c.model_dump(mode="json") for c in service.case_history(server.engine, who, case_id, 2**62)
    ]
    last = json.loads(pulling.pull_answer(server.engine, token, 0, 500))["changes"][-1]
    assert last["fields"] == {"name": "Infinity and NaN", "x": None}


def _device_row(server, token: str):  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return conn.execute(
            select(devices).where(devices.c.token_hash == pulling.token_hash(token))
        ).one()


def _audit_lines(server) -> int:  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit_log)).scalar_one())


def test_a_pull_that_serves_no_case_data_writes_nothing(server) -> None:
    server.add_user("anna")
    token = _enrol(server, "anna")
    _case(server, token, "anna")
    first = json.loads(pulling.pull_answer(server.engine, token, 0, 500))
    assert len(first["changes"]) >= 1
    seen = _device_row(server, token).last_seen
    lines = _audit_lines(server)
    assert seen is not None and lines >= 1  # the first pull: the device seen, the case served

    for _ in range(3):  # nothing new: no line, and last_seen stays within its interval
        again = json.loads(pulling.pull_answer(server.engine, token, first["cursor"], 500))
        assert again["changes"] == [] and again["cursor"] == first["cursor"]
    assert _device_row(server, token).last_seen == seen
    assert _audit_lines(server) == lines

    # Once the interval has passed, the next pull marks the device seen again.
    with server.engine.begin() as conn:
        conn.execute(
            update(devices)
            .where(devices.c.token_hash == pulling.token_hash(token))
            .values(last_seen=seen - pulling.LAST_SEEN_EVERY_S - 1)
        )
    pulling.pull_answer(server.engine, token, first["cursor"], 500)
    assert _device_row(server, token).last_seen >= seen
    assert _audit_lines(server) == lines
