"""The beheer console's tests run against the real server (tests/sync/server_harness.py):
over HTTP with httpx (the security rules; SQLite and PostgreSQL) and in a real Chromium
through Selenium (browser.py; SQLite)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.server_harness import LiveServer, database


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """The real server on SQLite and on PostgreSQL (the console's state is in the database,
    so several server processes can share it; PostgreSQL skips outside CI without
    KOERS_PG_URL, as every server test does)."""
    with database(request.param, tmp_path) as url:
        live = LiveServer(url).start()
        try:
            yield live
        finally:
            live.stop()


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Account hashing at test strength (the server's real parameters are tested apart)."""
    from sync.server import passwords

    monkeypatch.setattr(passwords, "MEMORY_KIB", 1024)
    monkeypatch.setattr(passwords, "ITERATIONS", 1)


@pytest.fixture(autouse=True)
def restore_clock(server: LiveServer) -> Iterator[None]:
    """Whatever a test did to the server's console clock, the next test starts on time."""
    yield
    server.app.state.console.now = time.time
