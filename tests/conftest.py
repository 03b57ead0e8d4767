"""Shared fixtures: real SQLCipher vaults in temp folders, fixed clocks, synthetic data only."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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


# PySide6 can crash while the interpreter tears down after the last test (a refcount fault
# in its C extension met while garbage-collecting: "bool_dealloc", exit 134), after every
# result is in. The run ends here instead, with pytest's own exit status and summary.
_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus) -> None:  # type: ignore[no-untyped-def]
    _EXIT_STATUS.append(int(exitstatus))


def pytest_unconfigure(config) -> None:  # type: ignore[no-untyped-def]
    if _EXIT_STATUS and "PySide6" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
