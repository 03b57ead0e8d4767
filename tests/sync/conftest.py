from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.casework import Casework
from app.sync_service import enroll_device
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.sync.server_harness import PASSWORD, LiveServer, database


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    with database(request.param, tmp_path) as url:
        live = LiveServer(url).start()
        try:
            yield live
        finally:
            live.stop()


class Laptop:
    """One worker's laptop: a real vault enrolled with the real server."""

    def __init__(self, folder: Path, server: LiveServer, user: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.vault = Vault.create(
            folder / "werk.koers", "laptop-wachtwoord", owner=user, kdf=TEST_KDF
        )
        self.casework = Casework(self.vault)
        self.casework.seed_default_programmes()
        self.device_id = enroll_device(self.vault, server.url, user, PASSWORD)


@pytest.fixture
def laptop(tmp_path: Path, server: LiveServer):  # type: ignore[no-untyped-def]
    made: list[Laptop] = []

    def make(user: str, name: str | None = None) -> Laptop:
        machine = Laptop(tmp_path / (name or f"{user}-{len(made)}"), server, user)
        made.append(machine)
        return machine

    yield make
    for machine in made:
        machine.vault.lock()


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Account hashing at test strength (the server's real parameters are tested apart)."""
    from sync.server import passwords

    monkeypatch.setattr(passwords, "MEMORY_KIB", 1024)
    monkeypatch.setattr(passwords, "ITERATIONS", 1)
