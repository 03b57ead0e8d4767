"""A sync test's laptop opened in the real window: what its worker sees after a sync."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from app.casework import Casework
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.ui.conftest import settle, unlock
from ui.main_window import MainWindow
from ui.settings import UiSettings

LAPTOP_PASSPHRASE = "laptop-wachtwoord"  # tests/sync/conftest.py Laptop


@contextmanager
def laptop_window(
    qtbot: Any, machine: Any, folder: Path, size: tuple[int, int] = (1024, 768)
) -> Iterator[MainWindow]:
    """The window on `machine`'s vault (a tests/sync/conftest.py Laptop), unlocked, at
    `size` pixels; settings in `folder`. Afterwards the window is locked and closed and the
    laptop's vault and casework are open again, ready for the next sync."""
    path = machine.vault.path
    machine.vault.lock()
    settings = UiSettings(QSettings(str(folder / "koers.ini"), QSettings.Format.IniFormat))
    window = MainWindow(path, settings, kdf=TEST_KDF)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    try:
        unlock(qtbot, window, LAPTOP_PASSPHRASE)
        yield window
        window.lock()
        settle(qtbot, window)
    finally:
        window.close()
    machine.vault = Vault.open(path, LAPTOP_PASSPHRASE)
    machine.casework = Casework(machine.vault)
