"""Pushes that overlap on PostgreSQL: each reads and merges before it takes the writers' lock,
so a push that commits in between must not be lost, doubled or overtaken.

Another device's push (or an operator's handover) is committed at the worst moment: after
this push read what it touches and merged it, before it takes the lock and writes. Whatever
committed in between, the result is what the two would give one after the other: both
edits kept, the later stamp winning with the loser kept as a conflict, a change sent twice
stored once, a case handed over no longer written by its former worker, and the pushed
changes numbered in commit order (a pull up to the newest number misses none).

SQLite needs no such test: its push transaction holds the database's write lock from its
first statement (BEGIN IMMEDIATE), so nothing can commit in between.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from storage.hlc import Hlc
from sync import schema
from sync.protocol import KEPT_LATE, REFUSED, Change
from sync.server import admin, records, service, store
from sync.server.access import Principal
from tests.sync.server_harness import database
from tests.sync.wire_records import created_fields

PASSWORD = "een-lang-wachtwoord-voor-de-test"
CLOCKS = {"anna-1": "clock-anna-1", "anna-2": "clock-anna-2", "bram": "clock-bram"}
USERS = {"anna-1": "anna", "anna-2": "anna", "bram": "bram"}
TEXTS = [name for name, spec in schema.RECORDS["contact"].items() if spec.kind == schema.Kind.TEXT]


class World:
    """A server on a fresh PostgreSQL database: anna (two laptops) holds a case with a
    contact; bram works in the same organisation."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.n = 0
        self.wall = 1_700_000_000_000
        for name in sorted(set(USERS.values())):
            admin.add_user(engine, name, PASSWORD, "worker", None)
        self.who: dict[str, Principal] = {}
        self.tokens: dict[str, str] = {}
        for laptop, name in USERS.items():
            made = service.enroll(engine, name, PASSWORD, laptop, clock_id=CLOCKS[laptop])
            self.tokens[laptop] = made.token
            self.who[laptop] = service.authenticate(engine, made.token)
        answer = service.push(
            engine,
            self.who["anna-1"],
            [
                self.change("anna-1", "case", "case-1", created_fields("case"), created=True),
                self.change(
                    "anna-1",
                    "contact",
                    "contact-1",
                    created_fields("contact", "case-1"),
                    created=True,
                ),
            ],
        )
        assert not answer.rejected

    def change(
        self,
        laptop: str,
        record_type: str,
        record_id: str,
        fields: dict[str, Any],
        *,
        created: bool = False,
        change_id: str | None = None,
    ) -> Change:
        self.n += 1
        self.wall += 1000
        return Change(
            change_id=change_id or f"change-{self.n:04d}",
            record_type=record_type,
            record_id=record_id,
            fields=fields,
            hlc=Hlc(self.wall, 0, CLOCKS[laptop]).encode(),
            device_id=CLOCKS[laptop],
            created=created,
        )

    def seqs(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return dict(conn.execute(select(store.changes.c.change_id, store.changes.c.seq)).all())

    def stored(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(store.changes)).scalar_one())

    def contact(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return records.current_fields(conn, "contact", ["contact-1"])["contact-1"]

    def conflicts(self) -> list[Any]:
        with self.engine.connect() as conn:
            return conn.execute(
                select(store.conflicts).where(store.conflicts.c.record_id == "contact-1")
            ).all()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    with database("postgresql", tmp_path) as url:
        engine = store.connect(url)
        try:
            yield World(engine)
        finally:
            engine.dispose()


def in_between(monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[], None]) -> list[int]:
    """Run `meanwhile` (committing in its own transactions) right after the next push has
    read and merged its batch, before it takes the writers' lock. Returns the list the
    merges are counted in, those of `meanwhile` among them (a push in between and no
    second merge: 2; the push found its reads outdated and merged again: 3)."""
    real = service._apply_batch
    calls: list[int] = []

    def apply_then_meanwhile(*args: Any, **kwargs: Any) -> Any:
        outcome = real(*args, **kwargs)
        calls.append(1)
        if len(calls) == 1:
            meanwhile()
        return outcome

    monkeypatch.setattr(service, "_apply_batch", apply_then_meanwhile)
    return calls


def test_edits_of_two_fields_committed_in_between_are_both_kept(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = TEXTS[0], TEXTS[1]
    other = world.change("anna-2", "contact", "contact-1", {second: "van laptop twee"})
    mine = world.change("anna-1", "contact", "contact-1", {first: "van laptop een"})
    calls = in_between(
        monkeypatch, lambda: service.push(world.engine, world.who["anna-2"], [other])
    )
    answer = service.push(world.engine, world.who["anna-1"], [mine])
    assert answer.accepted == [mine.change_id] and len(calls) == 3
    held = world.contact()
    assert held[first] == "van laptop een" and held[second] == "van laptop twee"
    seqs = world.seqs()
    assert seqs[mine.change_id] > seqs[other.change_id]  # numbered in commit order


def test_the_same_field_committed_in_between_keeps_the_later_stamp_and_the_loser(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    field = TEXTS[0]
    mine = world.change("anna-1", "contact", "contact-1", {field: "eerder gestempeld"})
    other = world.change("anna-2", "contact", "contact-1", {field: "later gestempeld"})
    in_between(monkeypatch, lambda: service.push(world.engine, world.who["anna-2"], [other]))
    answer = service.push(world.engine, world.who["anna-1"], [mine])
    assert answer.accepted == [mine.change_id]
    assert world.contact()[field] == "later gestempeld"
    # Besides the value anna's first edit replaced: hers, lost to the later stamp.
    [kept] = [c for c in world.conflicts() if c.losing_hlc == mine.hlc]
    assert kept.field == field and kept.winning_hlc == other.hlc
    assert kept.losing_value == '"eerder gestempeld"'


def test_a_batch_sent_again_while_the_first_is_in_flight_is_stored_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = [
        world.change("anna-1", "contact", "contact-1", {TEXTS[0]: "een keer"}),
        world.change(
            "anna-1", "contact", "contact-2", created_fields("contact", "case-1"), created=True
        ),
    ]
    before = world.stored()
    in_between(monkeypatch, lambda: service.push(world.engine, world.who["anna-1"], batch))
    answer = service.push(world.engine, world.who["anna-1"], batch)
    assert answer.accepted == [c.change_id for c in batch] and answer.rejected == []
    assert world.stored() == before + 2


def test_a_case_handed_over_in_between_is_no_longer_written_by_its_former_worker(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit = world.change("anna-1", "contact", "contact-1", {TEXTS[0]: "na de overdracht"})
    in_between(monkeypatch, lambda: admin.assign(world.engine, "case-1", "bram"))
    answer = service.push(world.engine, world.who["anna-1"], [edit])
    assert answer.accepted == []
    assert [r.code for r in answer.rejected] == [KEPT_LATE]
    assert world.contact()[TEXTS[0]] != "na de overdracht"


def test_a_case_made_on_two_accounts_at_once_goes_to_the_first(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    bram = world.change("bram", "case", "case-2", created_fields("case"), created=True)
    anna = world.change("anna-1", "case", "case-2", created_fields("case"), created=True)
    in_between(monkeypatch, lambda: service.push(world.engine, world.who["bram"], [bram]))
    answer = service.push(world.engine, world.who["anna-1"], [anna])
    assert answer.accepted == [] and [r.code for r in answer.rejected] == [REFUSED]
    with world.engine.connect() as conn:
        holders = conn.execute(
            select(store.assignments.c.user_id).where(store.assignments.c.case_id == "case-2")
        ).all()
    assert [h.user_id for h in holders] == [world.who["bram"].user_id]


def test_a_push_nothing_touched_in_between_merges_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another device's push of another case in between does not make this one read again."""
    other = world.change("bram", "case", "case-3", created_fields("case"), created=True)
    mine = world.change("anna-1", "contact", "contact-1", {TEXTS[0]: "los daarvan"})
    calls = in_between(monkeypatch, lambda: service.push(world.engine, world.who["bram"], [other]))
    answer = service.push(world.engine, world.who["anna-1"], [mine])
    assert answer.accepted == [mine.change_id] and len(calls) == 2
    seqs = world.seqs()
    assert seqs[mine.change_id] > seqs[other.change_id]


def test_a_push_by_token_is_answered_as_by_the_device(world: World) -> None:
    """service.push checks the token in its own transaction (the HTTP endpoint's way)."""
    edit = world.change("anna-1", "contact", "contact-1", {TEXTS[0]: "met het token"})
    answer = service.push(world.engine, service.Bearer(world.tokens["anna-1"]), lambda: [edit])
    assert answer.accepted == [edit.change_id]
    assert world.contact()[TEXTS[0]] == "met het token"


def test_a_retention_purge_waits_for_a_push_holding_the_writers_lock(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A purge of a closed case while a push to it has written but not committed: the purge
    waits for the writers' lock and takes the push's changes with the rest, so no change of
    a purged case is left behind (a purge that did not wait deleted what it saw and left the
    push's new change)."""
    closing = world.change("anna-1", "case", "case-1", {"status": "afgesloten"})
    assert service.push(world.engine, world.who["anna-1"], [closing]).accepted
    edit = world.change("anna-1", "contact", "contact-1", {TEXTS[0]: "vlak voor het wissen"})
    real = service.BatchState.write
    purged: list[list[str]] = []

    def purge() -> None:
        later = time.time() + 3 * 86400
        purged.append(admin.purge_closed_cases(world.engine, 1, now=later))

    purging = threading.Thread(target=purge)

    def write_then_purge(state: service.BatchState, conn: Any) -> None:
        real(state, conn)
        purging.start()
        # Until the purge is done or waits for a lock (the writers' lock, or a row the push
        # wrote): the push commits only then.
        # (Autocommit: PostgreSQL keeps one snapshot of pg_stat_activity per transaction.)
        with world.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as watcher:
            while (
                purging.is_alive()
                and not watcher.exec_driver_sql(
                    "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    " AND datname = current_database()"
                ).first()
            ):
                purging.join(0.01)

    monkeypatch.setattr(service.BatchState, "write", write_then_purge)
    assert service.push(world.engine, world.who["anna-1"], [edit]).accepted == [edit.change_id]
    purging.join()
    assert purged == [["case-1"]]
    with world.engine.connect() as conn:
        left = conn.execute(
            select(store.changes.c.change_id).where(store.changes.c.case_id == "case-1")
        ).all()
    assert left == []
