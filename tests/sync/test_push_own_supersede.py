"""A laptop superseding its own value is not a concurrent edit: the server keeps no conflict
for it (docs/architecture.md, sync rules), in one batch or over two; a value another
laptop's clock stamped that loses is kept as before. On SQLite and on PostgreSQL."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from storage.hlc import Hlc
from sync.protocol import Change
from sync.server import admin, records, service, store
from tests.sync.server_harness import database
from tests.sync.wire_records import created_fields

PASSWORD = "een-lang-wachtwoord-voor-de-test"


def _change(
    record_id: str, fields: dict[str, Any], wall: int, clock: str, created: bool, counter: int = 0
) -> Change:
    return Change(
        change_id=str(uuid.uuid4()),
        record_type="case",
        record_id=record_id,
        fields=fields,
        hlc=Hlc(wall, counter, clock).encode(),
        created=created,
    )


def _annas_laptop(engine: Any) -> Any:
    """Anna's laptop, enrolled with the clock laptop-1: its principal."""
    admin.add_user(engine, "anna", PASSWORD, "worker", None)
    token = service.enroll(engine, "anna", PASSWORD, "1", clock_id="laptop-1").token
    return service.authenticate(engine, token)


def _pushed_case(engine: Any, laptop: Any, **fields: Any) -> tuple[Change, int]:
    """A case made on `laptop` (clock laptop-1) an hour ago and pushed: (its change, wall ms)."""
    wall = int(time.time() * 1000) - 3_600_000
    made = _change(f"case-{uuid.uuid4()}", created_fields("case", **fields), wall, "laptop-1", True)
    assert not service.push(engine, laptop, [made]).rejected
    return made, wall


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_only_another_clocks_loser_is_kept(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as url:
        engine = store.connect(url)
        try:
            admin.add_user(engine, "anna", PASSWORD, "worker", None)
            first, second = (
                service.authenticate(
                    engine, service.enroll(engine, "anna", PASSWORD, name, clock_id=name).token
                )
                for name in ("laptop-1", "laptop-2")
            )
            wall = int(time.time() * 1000) - 3_600_000
            case_id = f"case-{uuid.uuid4()}"
            made = _change(case_id, created_fields("case"), wall, "laptop-1", True)
            again = _change(case_id, {"phone": "06-1"}, wall + 1, "laptop-1", False)
            # One batch: made, then superseded by the same laptop.
            assert not service.push(engine, first, [made, again]).rejected
            # A later batch: the same laptop once more (a stored winner of its own clock).
            later = _change(case_id, {"phone": "06-2"}, wall + 2, "laptop-1", False)
            assert not service.push(engine, first, [later]).rejected
            # The other laptop, later still: laptop-1's value loses to another clock.
            other = _change(case_id, {"phone": "06-3"}, wall + 3, "laptop-2", False)
            assert not service.push(engine, second, [other]).rejected
            # laptop-1's edit stamped before it arrives after: it loses to another clock.
            stale = _change(case_id, {"phone": "06-4"}, wall + 2, "laptop-1", False, counter=1)
            assert not service.push(engine, first, [stale]).rejected
            with engine.connect() as conn:
                kept = {
                    (c.field, c.losing_value, c.losing_hlc, c.winning_hlc)
                    for c in conn.execute(
                        select(store.conflicts).where(store.conflicts.c.record_id == case_id)
                    )
                }
                [(_, _, _, winner)] = [
                    w for w in records.merged_view(conn) if w[1] == case_id and w[2] == "phone"
                ]
            assert winner.value == '"06-3"'
            assert kept == {
                ("phone", '"06-2"', later.hlc, other.hlc),
                ("phone", '"06-4"', stale.hlc, other.hlc),
            }
        finally:
            engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_change_of_a_clock_the_reading_did_not_foresee_reads_the_value(
    kind: str, tmp_path: Path
) -> None:
    """BatchState reads a stored winner's value only where a change of another clock than
    its own meets it, foreseen from the changes it was made with; a change accepted into it
    afterwards (as the server's own changes are) from yet another clock reads the value
    then, and the loser is kept as before."""
    with database(kind, tmp_path) as url:
        engine = store.connect(url)
        try:
            first = _annas_laptop(engine)
            made, wall = _pushed_case(engine, first, phone="06-1")
            case_id = made.record_id
            mine = _change(case_id, {"phone": "06-2"}, wall + 1, "laptop-1", False)
            theirs = _change(case_id, {"phone": "06-3"}, wall + 2, "laptop-2", False)
            with engine.begin() as conn:
                state = service.BatchState(conn, [mine])  # foresees laptop-1's clock only
                state.accept(theirs, case_id, True, "laptop-2", 1, time.time())
                state.write(conn)
            with engine.connect() as conn:
                kept = {
                    (c.losing_value, c.losing_hlc, c.winning_hlc)
                    for c in conn.execute(
                        select(store.conflicts).where(store.conflicts.c.record_id == case_id)
                    )
                }
            assert kept == {('"06-1"', made.hlc, theirs.hlc)}
        finally:
            engine.dispose()


def _kept(engine: Any, case_id: str) -> set[tuple[str, str, str]]:
    with engine.connect() as conn:
        return {
            (c.losing_value, c.losing_hlc, c.winning_hlc)
            for c in conn.execute(
                select(store.conflicts).where(store.conflicts.c.record_id == case_id)
            )
        }


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_one_clock_of_two_accounts_keeps_the_loser(kind: str, tmp_path: Path) -> None:
    """The same clock is not always the same author: a device of another account may have
    learnt a clock an older device never registered. A loser is dropped only where the
    same account sent both values."""
    with database(kind, tmp_path) as url:
        engine = store.connect(url)
        try:
            first = _annas_laptop(engine)
            made, wall = _pushed_case(engine, first, phone="06-1")
            case_id = made.record_id
            borrowed = _change(case_id, {"phone": "06-2"}, wall + 1, "laptop-1", False)
            with engine.begin() as conn:  # the same clock, sent for another account
                state = service.BatchState(conn, [borrowed])
                state.accept(borrowed, case_id, True, "laptop-1", first.user_id + 1, time.time())
                state.write(conn)
            assert _kept(engine, case_id) == {('"06-1"', made.hlc, borrowed.hlc)}
        finally:
            engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_servers_own_stamps_keep_their_losers(kind: str, tmp_path: Path) -> None:
    """The server's clock stamps for many (accepted late arrivals, handovers): one of its
    values superseded by another of its values is a loss to keep, not a device's own edit."""
    with database(kind, tmp_path) as url:
        engine = store.connect(url)
        try:
            first = _annas_laptop(engine)
            made, wall = _pushed_case(engine, first)
            case_id = made.record_id
            server = service.SERVER_CLOCK_ID
            accepted = [
                _change(case_id, {"phone": phone}, wall + n, server, False)
                for n, phone in ((1, "06-1"), (2, "06-2"))
            ]
            for change in accepted:  # as late arrivals are accepted: one at a time
                with engine.begin() as conn:
                    state = service.BatchState(conn, [change])
                    state.accept(change, case_id, True, server, 0, time.time())
                    state.write(conn)
            assert ('"06-1"', accepted[0].hlc, accepted[1].hlc) in _kept(engine, case_id)
        finally:
            engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_one_change_twice_in_a_push_is_stored_once(kind: str, tmp_path: Path) -> None:
    """A push naming one change id twice (same content) is answered, not a server error,
    and stores the change once."""
    with database(kind, tmp_path) as url:
        engine = store.connect(url)
        try:
            first = _annas_laptop(engine)
            wall = int(time.time() * 1000) - 3_600_000
            made = _change(f"case-{uuid.uuid4()}", created_fields("case"), wall, "laptop-1", True)
            answer = service.push(engine, first, [made, made])
            assert not answer.rejected and made.change_id in answer.accepted
            with engine.connect() as conn:
                stored = conn.execute(
                    select(store.changes).where(store.changes.c.change_id == made.change_id)
                ).all()
            assert len(stored) == 1
        finally:
            engine.dispose()
