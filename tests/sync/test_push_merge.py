"""The push's merge (service.BatchState.merge) against its rule, written out plainly here:
per field, the change with the later stamp wins, whatever order the changes arrive in (in
one batch or over several); a change with the same stamp as the winner changes nothing; a
loser whose value differs from the winner's is kept as a conflict, once per field and
losing stamp, when another clock stamped it than the winner (a concurrent edit: two laptops
of one worker here), never when one laptop supersedes its own value. Records the server
holds, records a batch creates and edits again in the same batch, and edits of a record two
batches apart all end as the rule says, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from storage.hlc import Hlc
from sync.protocol import Change
from sync.server import admin, records, service, store
from tests.sync.server_harness import database
from tests.sync.wire_records import created_fields

PASSWORD = "een-lang-wachtwoord-voor-de-test"
CLOCKS = ("clock-anna", "clock-anna-2")  # two laptops of one worker
FIELDS = ("report", "status", "location")
VALUES = ("a", "b", "")

# One change: (record index, {field: value}, its stamp's wall offset in ms: ties and any order).
_EDIT = st.tuples(
    st.integers(0, 3),
    st.dictionaries(st.sampled_from(FIELDS), st.sampled_from(VALUES), min_size=1),
    st.integers(0, 5),
)


class Rule:
    """The merge rule over (record id, field): the winner's (value, stamp), and the
    conflicts kept, keyed as the table keys them (the first one kept)."""

    def __init__(self) -> None:
        self.winners: dict[tuple[str, str], tuple[Any, str]] = {}
        self.conflicts: dict[tuple[str, str, str], tuple[str, str]] = {}

    def apply(self, change: Change) -> None:
        for field, value in change.fields.items():
            key = (change.record_id, field)
            held = self.winners.get(key)
            if held is None:
                self.winners[key] = (value, change.hlc)
                continue
            if held[1] == change.hlc:
                continue
            if change.hlc > held[1]:
                self.winners[key] = (value, change.hlc)
                loser, losing, winning = held[0], held[1], change.hlc
                winner = value
            else:
                loser, losing, winning, winner = value, change.hlc, held[1], held[0]
            concurrent = losing.rpartition(":")[2] != winning.rpartition(":")[2]
            if concurrent and json.dumps(loser) != json.dumps(winner):
                self.conflicts.setdefault(
                    (change.record_id, field, losing), (json.dumps(loser), winning)
                )


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_pushes_end_as_the_merge_rule_says(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as url:
        engine = store.connect(url)
        try:
            admin.add_user(engine, "anna", PASSWORD, "worker", None)
            who = [
                service.authenticate(
                    engine, service.enroll(engine, "anna", PASSWORD, "laptop", clock_id=c).token
                )
                for c in CLOCKS
            ]
            base = int(time.time() * 1000) - 3_600_000
            case = Change(
                change_id=str(uuid.uuid4()),
                record_type="case",
                record_id=f"case-{uuid.uuid4()}",
                fields=created_fields("case"),
                hlc=Hlc(base, 0, CLOCKS[0]).encode(),
                created=True,
            )
            assert not service.push(engine, who[0], [case]).rejected
            _check_merges(engine, who, case.record_id, base + 1000)
        finally:
            engine.dispose()


Batches = list[tuple[int, list[tuple[int, dict[str, str], int]]]]  # (laptop, edits)


def _check_merges(engine: Any, who: list[Any], case_id: str, base: int) -> None:
    @st.composite
    def pushes(draw: Any) -> tuple[list[bool], Batches]:
        held = draw(st.lists(st.booleans(), min_size=4, max_size=4))  # held before?
        batch = st.tuples(st.integers(0, 1), st.lists(_EDIT, min_size=1, max_size=8))
        batches = draw(st.lists(batch, min_size=1, max_size=3))
        return held, batches

    @settings(
        max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(pushes())
    def check(example: tuple[list[bool], Batches]) -> None:
        held, batches = example
        ids = [f"contact-{uuid.uuid4()}" for _ in held]
        rule = Rule()

        def change(
            index: int, fields: dict[str, Any], wall: int, created: bool, laptop: int = 0
        ) -> Change:
            made = Change(
                change_id=str(uuid.uuid4()),
                record_type="contact",
                record_id=ids[index],
                fields=fields,
                hlc=Hlc(wall, 0, CLOCKS[laptop]).encode(),
                created=created,
            )
            rule.apply(made)
            return made

        first = created_fields("contact", case_id)
        before = [change(i, first, base, True) for i, h in enumerate(held) if h]
        if before:
            assert not service.push(engine, who[0], before).rejected
        created = {i for i, h in enumerate(held) if h}
        for laptop, batch in batches:
            sent = []
            for index, fields, offset in batch:
                if index not in created:  # a record the server does not hold: created here
                    created.add(index)
                    sent.append(change(index, {**first, **fields}, base + offset, True, laptop))
                else:
                    sent.append(change(index, fields, base + offset, False, laptop))
            assert not service.push(engine, who[laptop], sent).rejected
        with engine.connect() as conn:
            found = records.winners_of(conn, records.by_ids(conn, ids, "contact"))
            kept = conn.execute(
                select(store.conflicts).where(store.conflicts.c.record_id.in_(ids))
            ).all()
        winners = {
            (record_id, field): (winner.decoded, winner.hlc)
            for (_, record_id), fields in found.items()
            for field, winner in fields.items()
        }
        assert winners == rule.winners
        assert {
            (c.record_id, c.field, c.losing_hlc): (c.losing_value, c.winning_hlc) for c in kept
        } == rule.conflicts

    check()
