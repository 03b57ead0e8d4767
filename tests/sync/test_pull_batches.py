"""A new laptop's pull, fast path: pull answers read without a model per change, and the
answers that came while the vault applied the ones before applied in one transaction. The
laptop ends with the same vault as when each answer had its own transaction and its own
PullResponse, and an answer the plain reading cannot vouch for is read by PullResponse."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from app import sync_service
from app.sync_service import SyncReport, pull_changes, sync_now, transport_for
from app.synthetic import populate
from storage import sync_state
from sync.client import HttpTransport, ServerUnreachable, SyncError
from sync.protocol import PullBatch, PullResponse, batch_of, pull_batch
from tests.sync.conftest import Laptop

# --- reading an answer ----------------------------------------------------------------------

CHANGE: dict[str, Any] = {
    "change_id": "c1",
    "record_type": "case",
    "record_id": "r1",
    "fields": {"status": "aanmelding"},
    "hlc": "001795385898792:00000:clock",
    "device_id": "d1",
    "created": False,
    "seq": 7,
}
ANSWER: dict[str, Any] = {
    "changes": [CHANGE],
    "cursor": 7,
    "more": False,
    "visible_cases": ["r1"],
    "server_time_ms": 5,
}
# Values a server could send in each place: right, at a limit, past it, of another type,
# text PullResponse refuses (a lone surrogate where a length is checked).
CHANGE_VALUES: dict[str, list[Any]] = {
    "change_id": ["", "a" * 64, "a" * 65, 5, None, True, "a\ud800", "é", ["x"]],
    "record_type": ["", "x" * 40, "x" * 41, 1, "\udc00"],
    "record_id": ["", "r" * 64, "r" * 65, "\ud800", 1.5],
    "fields": [{}, [], "x", None, {"a\ud800": "\udc00"}, {"nested": {"a": [1, 2.5, None]}}],
    "hlc": [
        "001795385898792:00000:clock\n",
        "001795385898792:00000:" + "x" * 64,
        "001795385898792:00000:" + "x" * 65,
        "0001795385898792:00000:clock",
        "٠٠١٧٩٥٣٨٥٨٩٨٧٩٢:00000:clock",  # Arabic-Indic digits are not [0-9]
        "001795385898792:00000:clo ck",
        5,
    ],
    "seq": [1.0, 1.5, True, "1", None, 2**70, -1],
    "device_id": ["", "d" * 64, "d" * 65, 5, "\ud800", None],
    "created": [1, 0, "true", None, True, 1.0],
}
ANSWER_VALUES: dict[str, list[Any]] = {
    "cursor": [1.0, True, "1", None, -1, 2**70],
    "more": [1, 0, "true", None, True],
    "visible_cases": [[1], ["\ud800"], None, "x", [], ["a" * 500]],
    "server_time_ms": [None, 1.0, "5", True, -3],
    "changes": [None, {}, [None], [[]], []],
}


def _variants() -> list[Any]:
    answers: list[Any] = []
    for key, values in CHANGE_VALUES.items():
        for value in values:
            answers.append({**ANSWER, "changes": [{**CHANGE, key: value}]})
        answers.append({**ANSWER, "changes": [{k: v for k, v in CHANGE.items() if k != key}]})
    for key, values in ANSWER_VALUES.items():
        for value in values:
            answers.append({**ANSWER, key: value})
        answers.append({k: v for k, v in ANSWER.items() if k != key})
    answers.append({**ANSWER, "unknown": 1, "changes": [{**CHANGE, "unknown": 2}]})
    answers += [[], None, "x", 5]
    return answers


def _by_model(data: Any) -> PullBatch | str:
    try:
        return batch_of(PullResponse.model_validate(data))
    except ValueError:
        return "refused"


@pytest.mark.parametrize("data", _variants())
def test_an_answer_read_plainly_is_what_pullresponse_reads(data: Any) -> None:
    # As the client reads it: JSON text through json.loads (httpx's response.json()).
    data = json.loads(json.dumps(data))
    plain = pull_batch(data)
    if plain is not None:  # else the client reads it through PullResponse itself
        assert plain == _by_model(data)
        model = _by_model(data)
        assert isinstance(model, tuple)
        for mine, its in zip(plain.changes, model.changes, strict=True):
            assert [type(v) for v in mine] == [type(v) for v in its]


def test_a_plain_answer_takes_the_plain_path() -> None:
    assert pull_batch(json.loads(json.dumps(ANSWER))) == _by_model(ANSWER)


def test_an_answer_pullresponse_refuses_is_refused_by_the_client() -> None:
    import httpx

    bad = {**ANSWER, "changes": [{**CHANGE, "hlc": "not a clock"}]}
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=bad)))
    transport = HttpTransport("http://server.invalid", "token", client=client)
    with pytest.raises(SyncError, match="does not understand"):
        transport.pull_batch(0, 10)
    odd = {**ANSWER, "cursor": "7", "more": 0}  # PullResponse's coercions still apply
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=odd)))
    transport = HttpTransport("http://server.invalid", "token", client=client)
    assert transport.pull_batch(0, 10) == _by_model(odd)


# --- applying several answers in one transaction -------------------------------------------


def vault_state(machine: Laptop) -> dict[str, list]:
    """Every table of the vault a pull writes, row by row, without what names the laptop or
    the moment (the device id and times of its access-log lines, when a conflict was seen)."""
    db = machine.vault.db
    skip = {"meta", "sqlite_sequence", "sync_state", "journal", "drafts"}
    out: dict[str, list] = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        if table in skip or table.startswith("sqlite_"):
            continue
        local: tuple[str, ...] = (
            "at",
            "device_id",
            "detected_at",
        )  # the programmes are seeded here too:
        local += ("updated_hlc", "field_hlcs") if table == "programmes" else ()  # own stamps
        columns = [c for c in db[table].columns_dict if c not in local]
        order = "seq" if table == "access_log" else ", ".join(columns)
        out[table] = db.execute(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
        ).fetchall()
    out["cursor"] = [sync_state.get_int(machine.vault, sync_state.PULL_CURSOR)]
    return out


class Served:
    """The real server's pull answers for a laptop, fetched first and then served at once
    (so that they wait for the vault), `fail_at` answer raising ServerUnreachable instead."""

    def __init__(self, transport: HttpTransport, fail_at: int | None = None) -> None:
        self.transport = transport
        self.fail_at = fail_at
        self.answers: list[PullBatch] = []
        self.served = 0
        self.all_served = threading.Event()

    def fetch_all(self, cursor: int, limit: int) -> None:
        while True:
            answer = self.transport.pull_batch(cursor, limit)
            self.answers.append(answer)
            if not answer.more:
                return
            cursor = answer.cursor

    def pull_batch(self, cursor: int, limit: int) -> PullBatch:
        n = self.served
        self.served += 1
        if n + 1 >= len(self.answers) or (self.fail_at is not None and n + 1 >= self.fail_at):
            self.all_served.set()
        if n == self.fail_at:
            raise ServerUnreachable("server unreachable (cut)")
        answer = self.answers[n]
        assert cursor == (self.answers[n - 1].cursor if n else 0)
        return answer


def _pull_with(
    machine: Laptop,
    monkeypatch: pytest.MonkeyPatch,
    *,
    together: bool,
    fail_at: int | None = None,
    edit: Callable[[list[PullBatch]], None] | None = None,
) -> list[int]:
    """Pull into `machine` in answers of 40 changes; `together`: the answers waiting when
    the first is applied go in the next transaction together; `edit` changes the answers
    before they are served. Returns the number of answers applied per transaction."""
    monkeypatch.setattr(sync_service, "PULL_BATCH", 40)
    monkeypatch.setattr(sync_service, "PULL_AHEAD", 1000)
    monkeypatch.setattr(sync_service, "PULL_COMMIT", 100_000 if together else 1)
    transport = transport_for(machine.vault)
    served = Served(transport, fail_at)
    served.fetch_all(0, 40)
    if edit is not None:
        edit(served.answers)
    applied: list[int] = []
    real = sync_service._apply_pulled

    def apply(vault, answers, report):  # type: ignore[no-untyped-def]
        if not applied:  # let every answer wait for the vault while the first is applied
            served.all_served.wait(30)
        applied.append(len(answers))
        real(vault, answers, report)

    monkeypatch.setattr(sync_service, "_apply_pulled", apply)
    try:
        pull_changes(machine.vault, served, SyncReport())  # type: ignore[arg-type]
    finally:
        transport.close()
        monkeypatch.setattr(sync_service, "_apply_pulled", real)
    return applied


def test_answers_applied_together_leave_the_same_vault(server, laptop, monkeypatch) -> None:
    server.add_user("anna")
    source = laptop("anna")
    populate(source.casework, 12, seed=5)
    sync_now(source.vault)
    # A second laptop edits some of the cases, so the pull has updates and conflicts too.
    other = laptop("anna")
    sync_now(other.vault)
    for case in other.casework.cases()[:6]:
        other.casework.update_case(replace(case, phone="0612345678"))
    sync_now(other.vault)
    alone, together = laptop("anna"), laptop("anna")
    one_each = _pull_with(alone, monkeypatch, together=False)
    joined = _pull_with(together, monkeypatch, together=True)
    assert set(one_each) == {1} and len(one_each) > 3
    assert joined[0] == 1 and max(joined) > 1  # the first alone, then the waiting ones
    assert vault_state(together) == vault_state(alone)
    sync_now(together.vault)
    sync_now(alone.vault)
    assert vault_state(together) == vault_state(alone)


def test_answers_naming_other_visible_cases_leave_the_same_vault(
    server, laptop, monkeypatch
) -> None:
    """Answers applied together are merged only where they name the same visible cases: a
    held case one of them leaves out is noted stale (stale_cases) as when each answer had its
    transaction, whichever answers around it name it."""
    server.add_user("anna")
    source = laptop("anna")
    populate(source.casework, 12, seed=6)
    sync_now(source.vault)
    first_case: list[str] = []

    def leave_out(answers: list[PullBatch]) -> None:
        # The first case created, left out of every third answer after the one creating it.
        made = next(c for a in answers for c in a.changes if c.record_type == "case")
        first_case.append(made.record_id)
        for n, answer in enumerate(answers[2:-1], start=2):
            if n % 3 == 0:
                visible = [c for c in answer.visible_cases if c != made.record_id]
                answers[n] = answer._replace(visible_cases=visible)

    alone, together = laptop("anna"), laptop("anna")
    one_each = _pull_with(alone, monkeypatch, together=False, edit=leave_out)
    joined = _pull_with(together, monkeypatch, together=True, edit=leave_out)
    assert set(one_each) == {1} and max(joined) > 3
    stale = together.vault.db.execute("SELECT case_id FROM stale_cases").fetchall()
    assert stale == [(first_case[0],)]
    assert vault_state(together) == vault_state(alone)


def test_a_laptop_with_unsent_changes_merges_no_answers(server, laptop, monkeypatch) -> None:
    """Learning an answer's server time may re-stamp unsent changes in their records' rows:
    a laptop that holds unsent changes applies each answer alone (apply_remote_batches
    with one batch), one that holds none merges the answers that wait."""
    from storage import remote

    server.add_user("anna")
    source = laptop("anna")
    populate(source.casework, 8, seed=7)
    sync_now(source.vault)
    merged: list[int] = []
    real = remote.apply_remote_batches

    def counting(vault, batches, **kwargs):  # type: ignore[no-untyped-def]
        merged.append(len(batches))
        return real(vault, batches, **kwargs)

    monkeypatch.setattr(sync_service, "apply_remote_batches", counting)
    _pull_with(laptop("anna"), monkeypatch, together=True)
    assert max(merged) > 1
    merged.clear()
    busy = laptop("anna")
    populate(busy.casework, 1, seed=8)  # written here, not pushed yet
    assert sync_state.pending_changes(busy.vault) > 0
    _pull_with(busy, monkeypatch, together=True)
    assert merged and set(merged) == {1}


def test_the_cycle_collector_rests_while_a_pull_applies(server, laptop, monkeypatch) -> None:
    """Python's cycle collector is off while the pull fetches and applies (the dicts a long
    pull makes had it walk every object again and again), and on again after."""
    server.add_user("anna")
    source = laptop("anna")
    populate(source.casework, 4, seed=9)
    sync_now(source.vault)
    new = laptop("anna")
    transport = transport_for(new.vault)
    served = Served(transport)
    served.fetch_all(0, 40)
    seen: list[bool] = []
    fetch = served.pull_batch

    def watched(cursor: int, limit: int) -> PullBatch:
        seen.append(gc.isenabled())
        return fetch(cursor, limit)

    served.pull_batch = watched  # type: ignore[method-assign]
    assert gc.isenabled()
    try:
        pull_changes(new.vault, served, SyncReport())  # type: ignore[arg-type]
    finally:
        transport.close()
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_failed_fetch_keeps_what_came_before_it(server, laptop, monkeypatch) -> None:
    server.add_user("anna")
    source = laptop("anna")
    populate(source.casework, 8, seed=3)
    sync_now(source.vault)
    cut, whole = laptop("anna"), laptop("anna")
    with pytest.raises(ServerUnreachable):
        _pull_with(cut, monkeypatch, together=True, fail_at=3)
    # The three answers before the failure are in the vault, the cursor after the third.
    reference = Served(transport_for(whole.vault))
    reference.fetch_all(0, 40)
    reference.transport.close()
    assert sync_state.get_int(cut.vault, sync_state.PULL_CURSOR) == reference.answers[2].cursor
    sync_now(cut.vault)
    _pull_with(whole, monkeypatch, together=True)
    sync_now(whole.vault)
    assert vault_state(cut) == vault_state(whole)


# --- the access log's lines sent while the pull applies ------------------------------------


class Watching(HttpTransport):
    """The real transport, noting for each access-log request whether pull answers were
    still to come, `fail_lines` of those requests cut on the way."""

    def __init__(self, url: str, token: str, fail_lines: int = 0) -> None:
        super().__init__(url, token)
        self.fail_lines = fail_lines
        self.pulls_done = False
        self.lines_during_pull = 0
        self.lines_after_pull = 0

    def pull_batch(self, cursor: int, limit: int) -> PullBatch:
        answer = super().pull_batch(cursor, limit)
        self.pulls_done = not answer.more
        return answer

    def push_access_log(self, lines):  # type: ignore[no-untyped-def]
        if self.pulls_done:
            self.lines_after_pull += 1
        else:
            self.lines_during_pull += 1
            if self.fail_lines:
                self.fail_lines -= 1
                raise ServerUnreachable("server unreachable (cut)")
        return super().push_access_log(lines)


def _server_lines(server, device_id: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from sync.server.store import audit_log

    with server.engine.connect() as conn:
        rows = conn.execute(
            select(audit_log.c.device_seq, audit_log.c.record_type, audit_log.c.record_id)
            .where(audit_log.c.device_id == device_id, audit_log.c.source == "laptop")
            .order_by(audit_log.c.device_seq)
        )
        return [tuple(row) for row in rows]


def _laptop_lines(machine: Laptop) -> list[tuple]:
    return machine.vault.db.execute(
        "SELECT seq, record_type, record_id FROM access_log ORDER BY seq"
    ).fetchall()


@pytest.mark.parametrize("fail_lines", [0, 1])
def test_the_access_log_goes_up_while_a_long_pull_applies(
    server, laptop, monkeypatch, fail_lines: int
) -> None:
    from app import access_log_sync

    server.add_user("anna")
    source = laptop("anna")
    populate(source.casework, 8, seed=4)
    sync_now(source.vault)
    monkeypatch.setattr(sync_service, "PULL_BATCH", 30)
    monkeypatch.setattr(sync_service, "ACCESS_LOG_BATCH", 25)
    monkeypatch.setattr(access_log_sync, "BATCH", 25)
    new = laptop("anna")
    url = sync_state.get(new.vault, sync_state.SERVER_URL)
    token = sync_state.get(new.vault, sync_state.DEVICE_TOKEN)
    assert url and token
    transport = Watching(url, token, fail_lines=fail_lines)
    try:
        report = sync_now(new.vault, transport)
    finally:
        transport.close()
    assert transport.lines_during_pull >= 1
    # Every line of the laptop is on the server once, as the laptop numbered it, and the
    # laptop knows it (a cut request was sent again after the pull).
    lines = _laptop_lines(new)
    assert len(lines) > 100
    assert _server_lines(server, new.device_id) == [tuple(line) for line in lines]
    assert access_log_sync.unsent_lines(new.vault) == 0
    assert report.access_lines_sent == len(lines)
    if fail_lines:
        assert transport.lines_during_pull == 1 and transport.lines_after_pull >= 1
