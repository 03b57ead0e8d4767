"""A push sends its next batch while the server works on the one before (app/sync_service.py).
Whatever breaks on the way, what a worker would notice stays as with one batch at a time:
every change reaches the server once, the laptop shows nothing refused that was not, and the
journal's cursor stands after the last batch whose answer came back."""

from __future__ import annotations

import json
import math
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app import sync_service
from app.sync_service import SyncReport, _as_change, _encoded, push_journal, sync_now
from app.synthetic import populate
from storage import journal, sync_state
from sync import client as sync_client
from sync.client import EncodedChange, ServerUnreachable, SyncError, push_body
from sync.protocol import SERVER_CLOCK_ID, PushRequest, PushResponse
from sync.server import limits, service
from sync.server.store import changes
from tests.app.test_social_map import entry as partner
from tests.security.test_clock_authority import SkewedLaptop
from tests.sync.server_harness import LiveServer
from tests.sync.test_faults import snapshot

BATCH = 25


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 25, so a small caseload goes in several."""
    monkeypatch.setattr(sync_service, "PUSH_BATCH", BATCH)


def on_server(server: LiveServer) -> list[str]:
    """The change ids the laptops sent that the server holds (its own left out), each as
    often as it is stored."""
    with server.engine.connect() as conn:
        query = select(changes.c.change_id).where(changes.c.device_id != SERVER_CLOCK_ID)
        return [row[0] for row in conn.execute(query)]


def journal_ids(machine: Any) -> list[str]:
    return [e.change_id for e in journal.entries(machine.vault.db)]


def pushed_seq(machine: Any) -> int:
    return sync_state.get_int(machine.vault, sync_state.PUSHED_SEQ)


def seq_after_batches(machine: Any, count: int) -> int:
    """The journal seq the cursor stands at once `count` batches of BATCH are applied."""
    return journal.entries(machine.vault.db)[count * BATCH - 1].seq


def refused_on_laptop(machine: Any) -> int:
    return int(machine.vault.db.execute("SELECT count(*) FROM sync_rejections").fetchone()[0])


def converged(server: LiveServer, source: Any, target: Any) -> None:
    """Every change of the source is on the server exactly once and the other laptop shows
    the same caseload."""
    sync_now(source.vault)
    held = on_server(server)
    assert sorted(held) == sorted(journal_ids(source))  # nothing lost, nothing doubled
    assert sync_state.pending_changes(source.vault) == 0
    assert refused_on_laptop(source) == 0
    sync_now(target.vault)
    assert snapshot(target) == snapshot(source)


class Counting:
    """The real transport, counting its pushes; push number `fail_at` fails `when` the
    server got it ("before": the connection broke, "after": the answer was lost)."""

    def __init__(self, real: Any, fail_at: int | None = None, when: str = "before") -> None:
        self.real, self.fail_at, self.when = real, fail_at, when
        self.pushes = 0

    def push_encoded(self, body: bytes) -> PushResponse:
        self.pushes += 1
        if self.pushes == self.fail_at and self.when == "before":
            raise ServerUnreachable("server unreachable (ConnectError)")
        answer = self.real.push_encoded(body)
        if self.pushes == self.fail_at:
            raise ServerUnreachable("server unreachable (ReadError)")
        return answer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_a_push_in_many_batches_arrives_whole_and_once(server, laptop) -> None:
    server.add_user("anna")
    source, target = laptop("anna"), laptop("anna")
    populate(source.casework, 6, seed=3)
    rows = len(journal_ids(source))
    assert rows > 4 * BATCH
    transport = Counting(sync_service.transport_for(source.vault))
    report = SyncReport()
    try:
        push_journal(source.vault, transport, report)
    finally:
        transport.close()
    assert transport.pushes == math.ceil(rows / BATCH)
    assert report.pushed == rows and report.rejected == []
    assert pushed_seq(source) == journal.entries(source.vault.db)[-1].seq
    converged(server, source, target)


def test_a_batch_the_server_refuses_stops_the_push_and_nothing_after_it_is_sent(
    server, laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.add_user("anna")
    source, target = laptop("anna"), laptop("anna")
    populate(source.casework, 6, seed=3)
    real_push = service.push
    calls = []

    def refuses_the_third(*args: Any, **kwargs: Any) -> PushResponse:
        calls.append(1)
        if len(calls) == 3:
            raise limits.Unprocessable("the server refuses this batch")
        return real_push(*args, **kwargs)

    monkeypatch.setattr(service, "push", refuses_the_third)
    with pytest.raises(SyncError, match="refuses this batch"):
        sync_now(source.vault)
    assert len(calls) == 3  # the fourth batch, read and encoded already, was never sent
    assert len(on_server(server)) == 2 * BATCH
    assert pushed_seq(source) == seq_after_batches(source, 2)
    assert refused_on_laptop(source) == 0  # a refused request is no refused change

    monkeypatch.setattr(service, "push", real_push)
    converged(server, source, target)


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_connection_lost_mid_push_resends_from_the_first_unanswered_batch(
    server, laptop, when: str
) -> None:
    """ "before": the third batch never reached the server; "after": it did and its answer
    was lost. Either way the fourth is not sent, the cursor stands after the second batch,
    and the next sync sends the third again: the server stores its changes once."""
    server.add_user("anna")
    source, target = laptop("anna"), laptop("anna")
    populate(source.casework, 6, seed=3)
    transport = Counting(sync_service.transport_for(source.vault), fail_at=3, when=when)
    try:
        with pytest.raises(ServerUnreachable):
            push_journal(source.vault, transport, SyncReport())
    finally:
        transport.close()
    assert transport.pushes == 3
    assert len(on_server(server)) == (3 if when == "after" else 2) * BATCH
    assert pushed_seq(source) == seq_after_batches(source, 2)

    report = sync_now(source.vault)
    assert report.rejected == []
    # The third batch's changes count again: the server answers a change it has as accepted.
    assert report.pushed == len(journal_ids(source)) - 2 * BATCH
    converged(server, source, target)


@pytest.mark.parametrize("on_time", [40, 30])
def test_changes_stamped_ahead_mid_push_are_restamped_once_and_arrive(
    server, laptop, tmp_path, on_time: int
) -> None:
    """A laptop whose clock jumped an hour ahead after `on_time` edits: the batches after
    that are refused as stamped ahead while later ones are on their way; they are re-stamped
    and sent again, none is shown as refused and none is stored twice."""
    server.add_user("anna")
    wrong = SkewedLaptop(tmp_path / "wrong", server, "anna", timedelta(0))
    target = laptop("anna")
    for n in range(on_time):
        wrong.casework.add_social_map_entry(partner(organisation=f"Partner {n}"))
    wrong.clock.ahead = timedelta(hours=1)
    for n in range(on_time, 100):
        wrong.casework.add_social_map_entry(partner(organisation=f"Partner {n}"))
    try:
        report = sync_now(wrong.vault)
        assert report.rejected == []
        assert report.pushed == 100
        converged(server, wrong, target)
        assert {e.organisation for e in target.casework.social_map()} >= {
            f"Partner {n}" for n in range(100)
        }
    finally:
        wrong.vault.lock()


def test_one_change_stamped_ahead_is_restamped_and_none_sent_after_it_is_stored_twice(
    server, laptop
) -> None:
    """One change in the second batch stamped an hour ahead, the changes around it on time:
    the server refuses that one while the third batch is on its way. Re-stamping moves the
    refused change and every unsent one after it to the journal's end under new ids; the
    third batch's, which the server already took, must not be among them."""
    server.add_user("anna")
    source, target = laptop("anna"), laptop("anna")
    for n in range(4 * BATCH):
        source.casework.add_social_map_entry(partner(organisation=f"Partner {n}"))
    ahead = journal.entries(source.vault.db)[BATCH + 5]
    wall = int(ahead.hlc.split(":")[0]) + 3_600_000
    source.vault.db.execute(
        "UPDATE journal SET hlc = ? WHERE seq = ?",
        [f"{wall:015d}:00000:{source.vault.device_id}", ahead.seq],
    )
    report = sync_now(source.vault)
    assert report.rejected == [] and report.pushed == 4 * BATCH
    assert ahead.change_id not in journal_ids(source)  # it went again under a new id
    converged(server, source, target)
    assert len({e.organisation for e in target.casework.social_map()}) == 4 * BATCH


# --- the body on the wire ----------------------------------------------------------------


def test_the_push_body_is_the_models_json(tmp_path) -> None:
    """Built from the journal's JSON text, the body holds the same JSON as the protocol's
    model writes: created records and single fields, text in any script, numbers, null."""
    from storage.keys import TEST_KDF
    from storage.vault import Vault

    vault = Vault.create(tmp_path / "v.koers", "laptop-wachtwoord", owner="anna", kdf=TEST_KDF)
    try:
        with vault.transaction() as db:
            stamp = vault.next_hlc()
            journal.append_created(
                db,
                "contact",
                "c-1",
                {"report": 'Cliënt: ‘veilig’ 中文 "quote" \\ \n', "duration_minutes": 60},
                hlc=stamp,
                device_id=vault.device_id,
            )
            journal.append_changes(
                db,
                "contact",
                "c-1",
                {"report": "ê", "next_appointment": None, "brief": 1},
                hlc=vault.next_hlc(),
                device_id=vault.device_id,
            )
        rows = journal.rows_after(vault.db, 0, 100)
        models = [_as_change(e) for e in journal.entries(vault.db)]
        body = push_body(map(_encoded, rows))
        assert json.loads(body) == json.loads(PushRequest(changes=models).model_dump_json())
        assert PushRequest.model_validate_json(body).changes == models
    finally:
        vault.lock()


def test_a_value_that_is_not_finite_goes_as_null_as_the_model_sends_it() -> None:
    body = push_body(
        [
            EncodedChange(
                "id-1", "contact", "c-1", '{"a": NaN, "b": -Infinity, "c": "NaN"}', "h", None, True
            )
        ]
    )
    assert json.loads(body)["changes"][0]["fields"] == {"a": None, "b": None, "c": "NaN"}
    assert sync_client.push_body([]) == b'{"protocol":1,"changes":[]}'
