"""The central access log (issue 16): every line a laptop's vault writes reaches the server at
sync and stays there when the laptop is lost; the server logs what it serves; `koers-server
audit` answers "who read or changed this client's file, when, from which device".

Real vaults, the real server on 127.0.0.1, SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, update

from app.access_log_sync import ACCESS_LOG_SENT, unsent_lines
from app.casework import new_id
from app.contact import Contact
from app.exports.service import CaseSelection, export_handover_pack
from app.sync_service import sync_now, transport_for
from storage import access_log, sync_state
from sync import server_cli
from sync.audit_lines import AccessLine
from sync.server import admin, audit
from sync.server.store import audit_log, previous_assignments
from tests.app.test_casework import new_case
from tests.sync.server_harness import LiveServer


def run_audit(server: LiveServer, capsys: pytest.CaptureFixture[str], *args: str):  # type: ignore[no-untyped-def]
    """`koers-server audit ARGS` on the server's database: (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = server_cli.run(["--database", server.database_url, "audit", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def stored_lines(server: LiveServer) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(audit_log)).scalar_one())


def line(seq: int, **changes: object) -> AccessLine:
    base = AccessLine(
        seq=seq,
        at="2026-11-30T10:00:00.000000Z",
        record_type="case",
        record_id="case-1",
        action="read",
    )
    return base.model_copy(update=changes)


def test_a_read_and_a_revealed_address_reach_the_server_and_outlive_the_wiped_laptop(
    server: LiveServer, laptop, capsys: pytest.CaptureFixture[str]
) -> None:
    server.add_user("anna")
    lost = laptop("anna")
    case = new_case(lost.casework, secret_address=True)
    sync_now(lost.vault)
    lost.casework.open_case(case.id)
    assert lost.casework.reveal_address(case.id) == case.address
    report = sync_now(lost.vault)
    assert report.access_lines_sent > 0 and unsent_lines(lost.vault) == 0

    code, out, err = run_audit(server, capsys, "--case", case.id, "--csv")
    assert code == 0, err
    rows = csv_rows(out)
    by_action = {r["action"]: r for r in rows if r["source"] == "laptop"}
    for action in ("create", "read", "reveal_address"):
        found = by_action[action]
        assert found["user"] == "anna" and found["device_id"] == lost.device_id
        assert found["device_name"]  # the laptop's name as enrolled
        assert found["laptop_time"] and found["received_at"]
    # The server's own line: it served the case's data to that device (its first pull
    # returns the server's change naming the holder).
    assert any(
        r["source"] == "server" and r["action"] == "pull" and r["device_id"] == lost.device_id
        for r in rows
    )

    admin.revoke_device(server.engine, lost.device_id)
    assert sync_now(lost.vault).wiped
    code, out, _ = run_audit(server, capsys, "--case", case.id, "--csv")
    after = {(r["action"], r["device_id"]) for r in csv_rows(out) if r["source"] == "laptop"}
    assert {("read", lost.device_id), ("reveal_address", lost.device_id)} <= after
    # ... and "what did this device touch" answers the same.
    code, out, _ = run_audit(server, capsys, "--device", lost.device_id)
    assert code == 0 and "reveal_address" in out and case.id in out
    # Every search is itself in the log, by the shell's user.
    searches = audit.search(server.engine, case_id=case.id).lines
    assert [s.user.startswith("shell:") for s in searches if s.record_type == "audit_log"] == [
        True,
        True,
    ]


def test_the_same_line_again_is_a_no_op_and_a_changed_one_is_refused(
    server, laptop, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="koers.server")
    server.add_user("anna")
    anna = laptop("anna")
    transport = transport_for(anna.vault)
    try:
        first = transport.push_access_log([line(1), line(2, action="reveal_address")])
        assert first.accepted == [1, 2] and not first.refused
        before = stored_lines(server)
        again = transport.push_access_log([line(1), line(2, action="reveal_address")])
        assert again.already == [1, 2] and not again.accepted and not again.refused
        changed = transport.push_access_log([line(2, action="read"), line(1, record_id="x")])
        assert sorted(changed.refused) == [1, 2]
        # An action Koers does not write is refused too (a line of another program).
        assert transport.push_access_log([line(3, action="rewrite")]).refused == [3]
    finally:
        transport.close()
    assert stored_lines(server) == before
    kept = [e for e in audit.search(server.engine, device_id=anna.device_id).lines]
    assert {(e.action, e.record_id) for e in kept} == {
        ("read", "case-1"),
        ("reveal_address", "case-1"),
    }
    # Logged by device and number only.
    refusals = [r.getMessage() for r in caplog.records if "other content" in r.getMessage()]
    assert len(refusals) == 2 and all(anna.device_id in text for text in refusals)
    assert not any("case-1" in r.getMessage() for r in caplog.records)


def test_device_and_account_come_from_the_token_never_from_the_line(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    anna, bram = laptop("anna"), laptop("bram")
    token = sync_state.get(bram.vault, sync_state.DEVICE_TOKEN)
    forged = {
        "lines": [
            {
                **line(1).model_dump(),
                "device_id": anna.device_id,
                "user": "anna",
            }
        ]
    }
    answer = httpx.post(
        server.url + "/v1/access-log", json=forged, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 422 and stored_lines(server) == 0
    # Anna's line 1 and Bram's line 1 are two lines, each under its own device and account.
    for machine in (anna, bram):
        transport = transport_for(machine.vault)
        try:
            assert transport.push_access_log([line(1)]).accepted == [1]
        finally:
            transport.close()
    for machine, user in ((anna, "anna"), (bram, "bram")):
        found = audit.search(server.engine, device_id=machine.device_id).lines
        assert [(e.user, e.device_id) for e in found] == [(user, machine.device_id)]
    # A line without a token is refused.
    assert httpx.post(server.url + "/v1/access-log", json={"lines": []}).status_code == 401


def test_no_content_and_no_path_reach_the_server(
    server: LiveServer, laptop, tmp_path: Path
) -> None:
    server.add_user("anna")
    anna = laptop("anna")
    case = new_case(anna.casework, secret_address=True)
    anna.casework.update_case(replace(anna.casework.get_case(case.id), phone="06-12345678"))
    anna.casework.reveal_address(case.id)
    # The export's target names the client: the laptop's own log keeps the path, the
    # central one must not.
    target = tmp_path / "Fleur van Zanddorp" / "overdracht Fleur.pdf"
    target.parent.mkdir()
    export_handover_pack(anna.vault, target, CaseSelection(case_ids=(case.id,)), None)
    local = access_log.entries(anna.vault.db, action="export")
    assert "Fleur" in (local[0].detail or "")
    sync_now(anna.vault)
    with server.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(audit_log))]
    text = json.dumps(rows, default=str)
    for secret in (
        "Fleur",
        "Zanddorp",
        "Lindelaan",
        "Beekhoven",
        "06-12345678",
        str(tmp_path),
        ".pdf",
    ):
        assert secret not in text
    export = next(r for r in rows if r["action"] == "export")
    assert json.loads(export["detail"])["case_ids"] == [case.id]
    updated = next(r for r in rows if r["action"] == "update")
    assert updated["detail"] == "phone"  # field names, never values
    # The export is found by its case.
    assert any(e.action == "export" for e in audit.search(server.engine, case_id=case.id).lines)


def test_the_server_logs_assignments_and_histories_by_account(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    anna, bram = laptop("anna"), laptop("bram")
    case = new_case(anna.casework)
    sync_now(anna.vault)
    sync_now(bram.vault)  # its cursor passes the case's changes it may not read yet
    assert admin.assign(server.engine, case.id, "bram") == "anna"
    sync_now(bram.vault)  # receives the whole case: its history
    lines = audit.search(server.engine, case_id=case.id).lines
    assigned = [e for e in lines if e.action == audit.ASSIGN]
    assert len(assigned) == 1 and assigned[0].user.startswith("shell:")
    assert json.loads(assigned[0].detail or "{}") == {"to": "bram", "from": "anna"}
    history = [e for e in lines if e.action == audit.HISTORY]
    assert [(e.user, e.device_id) for e in history] == [("bram", bram.device_id)]
    # The same pull's lines name the account, one line per case per pull.
    pulls = [e for e in lines if e.action == audit.PULL and e.user == "bram"]
    assert len(pulls) <= 1
    # "What did this user touch": bram's lines only.
    mine = audit.search(server.engine, user="bram").lines
    assert mine and {e.user for e in mine} == {"bram"}


def test_a_bad_period_is_one_clear_line_and_nothing_is_written(
    server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    before = stored_lines(server)
    cases = [
        (("--case", "c", "--from", "2015-01-01", "--to", "2025-01-01"), "longer than two years"),
        (("--case", "c", "--from", "2025-02-01", "--to", "2025-01-01"), "ends before it starts"),
        (("--from", "2025-01-01"), "give --case, --user or --device"),
    ]
    for args, message in cases:
        code, out, err = run_audit(server, capsys, *args)
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err and out == ""
    with pytest.raises(SystemExit) as bad_day:
        server_cli.run(["--database", server.database_url, "audit", "--case", "c", "--from", "1-2"])
    assert bad_day.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(audit.BadAuditSearch, match="two years"):
        audit.search(server.engine, user="anna", start=date(2016, 1, 1), end=date(2026, 1, 1))
    assert stored_lines(server) == before
    # A case id longer than any is searched (and the search logged), not a crash.
    code, out, err = run_audit(server, capsys, "--case", "x" * 300)
    assert code == 0 and out.strip() == "No access-log lines match.", err
    # Two years exactly is fine, and an empty answer says so.
    code, out, _ = run_audit(
        server, capsys, "--user", "x", "--from", "2024-01-01", "--to", "2025-12-31"
    )
    assert code == 0 and out.strip() == "No access-log lines match."


def test_an_interrupted_send_resumes_without_doubles(server, laptop) -> None:
    server.add_user("anna")
    anna = laptop("anna")
    case = new_case(anna.casework)
    for _ in range(3):
        anna.casework.open_case(case.id)
    sync_now(anna.vault)
    stored = stored_lines(server)
    # The cursor lost (a sync cut off after the server stored the lines): all go again.
    with anna.vault.transaction():
        sync_state.put(anna.vault, ACCESS_LOG_SENT, 0)
    sync_now(anna.vault)
    reads = [
        e
        for e in audit.search(server.engine, case_id=case.id).lines
        if e.action == "read" and e.source == "laptop"
    ]
    assert len(reads) == 3
    # Every line of the vault is on the server once: no doubles.
    with server.engine.connect() as conn:
        central = conn.execute(
            select(func.count())
            .select_from(audit_log)
            .where(audit_log.c.device_id == anna.device_id, audit_log.c.source == "laptop")
        ).scalar_one()
    local = anna.vault.db.execute("SELECT count(*) FROM access_log").fetchone()[0]
    assert central == local and stored > 0


def test_late_arrivals_served_and_accepted_are_in_the_log(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    anna = laptop("anna")
    case = new_case(anna.casework)
    sync_now(anna.vault)
    anna.casework.record_contact(Contact(new_id(), case.id, anna.vault.now(), brief=True))
    admin.assign(server.engine, case.id, "bram")
    with server.engine.begin() as conn:  # the handover was 15 days ago: past the grace
        conn.execute(
            update(previous_assignments)
            .where(previous_assignments.c.case_id == case.id)
            .values(until=previous_assignments.c.until - 15 * 86400)
        )
    assert sync_now(anna.vault).kept_late == 1
    bram = laptop("bram")
    transport = transport_for(bram.vault)
    try:
        (waiting,) = transport.late_arrivals(case.id)
        transport.accept_late(waiting.id)
    finally:
        transport.close()
    lines = audit.search(server.engine, case_id=case.id).lines
    served = [(e.user, e.device_id) for e in lines if e.action == audit.LATE]
    accepted = [(e.user, e.device_id) for e in lines if e.action == audit.ACCEPT_LATE]
    assert served == accepted == [("bram", bram.device_id)]
