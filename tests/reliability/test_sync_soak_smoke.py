"""A short run of the soak bench (bench/sync_soak.py) on SQLite and PostgreSQL: the client is
SIGKILLed at random moments while it writes and syncs, and afterwards no committed edit is
missing or doubled on the server, every vault passes its integrity check and every sync
completes. `python -m bench.sync_soak` runs the same with 500 kills a server."""

from __future__ import annotations

import os
from pathlib import Path

from bench.sync_soak import run_soak
from tests.sync.conftest import cheap_password_hashing, server  # noqa: F401
from tests.sync.server_harness import LiveServer

KILLS = int(os.environ.get("KOERS_SOAK_KILLS", "8"))


def test_client_killed_during_writes_and_syncs_loses_and_doubles_nothing(
    server: LiveServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    figures = run_soak(server, tmp_path, KILLS, seed=14)
    found = {
        "lost": figures.lost,
        "missing on the server": figures.missing_on_server,
        "doubled": figures.doubled,
        "integrity": figures.integrity_failures,
        "failed syncs": figures.failed_syncs,
        "refused": figures.refused,
        "failed client steps": dict(figures.failed_writes),
    }
    assert not any(found.values()), found
    assert figures.duplicate_changes == 0
    assert figures.unsent_after == 0 and figures.laptops_agree
    # The kills were real and there was work to lose: the client committed edits and synced.
    assert figures.kills == KILLS and figures.committed > 0 and figures.client_syncs > 0
