"""SIGKILL the client at many random points while it syncs: no committed edit is lost, the
vault always passes its integrity check, and the next sync completes with every change on the
server exactly once."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from sqlalchemy import func, select

from app.casework import Casework
from app.sync_service import sync_now
from app.synthetic import populate
from storage import sync_state
from storage.vault import Vault
from sync.server.store import changes
from tests import commands
from tests.sync.conftest import Laptop, cheap_password_hashing, laptop, server  # noqa: F401
from tests.sync.test_faults import snapshot, wait_until

ROUNDS = int(os.environ.get("KOERS_SYNC_KILL_ROUNDS", "12"))
PASSPHRASE = "laptop-wachtwoord"


def progress(path: Path) -> tuple[int, int]:
    """How far the client has pushed and pulled (read beside it; the file is in WAL mode)."""
    try:
        with Vault.open(path, PASSPHRASE) as vault:
            return (
                sync_state.get_int(vault, sync_state.PUSHED_SEQ),
                sync_state.get_int(vault, sync_state.PULL_CURSOR),
            )
    except Exception:  # the client holds the write lock for a moment: look again
        return (-1, -1)


def test_sigkill_at_random_points_during_sync_loses_and_doubles_nothing(
    server,  # noqa: F811
    laptop,  # noqa: F811
) -> None:
    rng = random.Random(2026)
    server.add_user("anna")
    source, other = laptop("anna"), laptop("anna")
    populate(other.casework, 40, seed=4)  # something to pull
    sync_now(other.vault)
    populate(source.casework, 60, seed=8)  # something to push: thousands of journal rows
    path = source.vault.path
    source.vault.lock()
    committed: list[str] = []
    landed_mid_sync = 0
    for round_number in range(ROUNDS):
        # Work for every round: edits committed here to push, a colleague's to pull.
        with Vault.open(path, PASSPHRASE) as vault:
            committed += populate(Casework(vault), 12, seed=100 + round_number)
        populate(other.casework, 12, seed=200 + round_number)
        sync_now(other.vault)
        before = progress(path)
        client = commands.start("koers", "sync", "--vault", str(path), KOERS_PASSPHRASE=PASSPHRASE)
        # Where the kill lands (nothing timed is asserted): every other round just after the
        # client has pushed or pulled something (within a few ms: a whole round's sync may take
        # well under 0.1 s, and a kill after its end proves nothing), the others anywhere in
        # the first 1.5 s (before it starts, mid-way or after it ended).
        if round_number % 2:
            wait_until(lambda c=client, b=before: c.poll() is not None or progress(path) != b)
        time.sleep(rng.uniform(0, 0.02) if round_number % 2 else rng.uniform(0.3, 1.5))
        running = client.poll() is None
        client.send_signal(signal.SIGKILL)
        client.wait()
        landed_mid_sync += running and progress(path) != before
        with Vault.open(path, PASSPHRASE) as vault:
            assert vault.check_integrity() == []
            held = {row[0] for row in vault.db.execute("SELECT id FROM cases")}
        assert set(committed) <= held
    source.vault = Vault.open(path, PASSPHRASE)
    source.casework = Casework(source.vault)
    report = sync_now(source.vault)
    assert report.rejected == [] and sync_state.pending_changes(source.vault) == 0
    sync_now(other.vault)
    assert snapshot(source) == snapshot(other)
    with server.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(changes)).scalar_one()
        distinct = conn.execute(select(func.count(func.distinct(changes.c.change_id)))).scalar_one()
    assert total == distinct  # no change stored twice
    print(f"{ROUNDS} kills, {landed_mid_sync} of them after the sync had made progress")
    assert landed_mid_sync >= ROUNDS // 2
