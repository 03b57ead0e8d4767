"""Shared fixtures: real SQLCipher vaults in temp folders, fixed clocks, synthetic data only."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# One lookup cache of the de-identification library for every test session on this machine:
# built (or copied from the install folder) once, then each session's worker loads it.
os.environ.setdefault(
    "KOERS_DEDUCE_CACHE", os.path.join(tempfile.gettempdir(), "koers-test-deduce-cache")
)

from app.casework import Casework  # noqa: E402
from storage.clock import FixedClock  # noqa: E402
from storage.keys import TEST_KDF  # noqa: E402
from storage.vault import Vault  # noqa: E402

PASSPHRASE = "veilig-wachtwoord-42"
# A Sunday in late November 2026, 10:00 local time.
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "werk.koers"


@pytest.fixture
def vault(vault_path: Path, clock: FixedClock) -> Iterator[Vault]:
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        yield v


@pytest.fixture
def casework(vault: Vault) -> Casework:
    work = Casework(vault)
    work.seed_default_programmes()
    return work
