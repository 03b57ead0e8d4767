"""On PostgreSQL a big push plans its statements for the tables as they are (custom plans):
a plan cached for a pooled connection's prepared statements while the tables were small
stays until something invalidates it, and its cost grows with the table (bench/sync_fill).
A small push keeps the cached plans (planning would cost it more than it saves)."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from storage.hlc import Hlc
from sync.protocol import Change
from sync.server import admin, service, store
from tests.sync.server_harness import database
from tests.sync.wire_records import created_fields

PASSWORD = "een-lang-wachtwoord-voor-de-test"
CLOCK = "clock-anna"


def _cases(count: int, wall: int) -> list[Change]:
    return [
        Change(
            change_id=str(uuid.uuid4()),
            record_type="case",
            record_id=f"case-{uuid.uuid4()}",
            fields=created_fields("case"),
            hlc=Hlc(wall + i, 0, CLOCK).encode(),
            created=True,
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("kind", ["postgresql"])
def test_a_big_push_plans_for_the_tables_as_they_are(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    reading = service.BatchState.read_assignments

    def read_assignments(self: Any, conn: Any, *args: Any) -> None:
        seen.append(conn.exec_driver_sql("SHOW plan_cache_mode").scalar_one())
        reading(self, conn, *args)

    monkeypatch.setattr(service.BatchState, "read_assignments", read_assignments)
    with database(kind, tmp_path) as url:
        engine = store.connect(url)
        try:
            admin.add_user(engine, "anna", PASSWORD, "worker", None)
            made = service.enroll(engine, "anna", PASSWORD, "laptop", clock_id=CLOCK)
            who = service.authenticate(engine, made.token)
            wall = int(time.time() * 1000) - 3_600_000
            small = service.push(engine, who, _cases(1, wall))
            big = service.push(engine, who, _cases(service.CUSTOM_PLANS_FROM, wall + 10))
            after = service.push(engine, who, _cases(2, wall + 1000))
            with engine.connect() as conn:
                outside = conn.exec_driver_sql("SHOW plan_cache_mode").scalar_one()
        finally:
            engine.dispose()
    assert not small.rejected and not big.rejected and not after.rejected
    assert len(big.accepted) >= service.CUSTOM_PLANS_FROM
    assert seen == ["auto", "force_custom_plan", "auto"]
    assert outside == "auto"  # for its transaction only
