"""A linked laptop's window whose device the server then revokes: the window must end as it
ends after a sync that heard the wipe, whichever call heard it first."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings

from storage.keyfile import key_path_for
from storage.keys import TEST_KDF
from tests.ui.conftest import WAIT_MS, unlock
from ui.main_window import MainWindow
from ui.settings import UiSettings

# What MainWindow._wiped shows (its own words, as the window translates them).
REVOKED_SOURCE = "This laptop was revoked by your organisation; its vault has been erased."


def revoked_text() -> str:
    return QCoreApplication.translate("MainWindow", REVOKED_SOURCE)


def synced_once(qtbot: Any, window: MainWindow) -> None:
    """Wait for the sync the window starts after unlocking, then keep its own timers still:
    the next call to hear the server must be the one the test makes, not a timed sync."""
    qtbot.waitUntil(
        lambda: (
            window.session is not None
            and window.session.sync_status().last_sync is not None
            and not window.sync._running
        ),
        timeout=WAIT_MS,
    )
    window.sync._timer.stop()
    window.sync._soon.stop()


@contextmanager
def window_on(
    qtbot: Any, path: Path, passphrase: str, folder: Path, size: tuple[int, int] = (1366, 768)
) -> Iterator[MainWindow]:
    """The window on the vault at `path`, unlocked; closed afterwards (the vault may be gone
    by then: no reopening)."""
    settings = UiSettings(QSettings(str(folder / "koers.ini"), QSettings.Format.IniFormat))
    window = MainWindow(path, settings, kdf=TEST_KDF)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    try:
        unlock(qtbot, window, passphrase)
        yield window
    finally:
        window.close()


def assert_wiped_as_after_a_sync(qtbot: Any, window: MainWindow, path: Path) -> None:
    """The window's state after a sync's wipe: locked, the create screen (no vault is left)
    with the revoked message, no dialog open; the vault, its key file and backups gone."""
    qtbot.waitUntil(lambda: window.unlock_screen.message.text() == revoked_text(), timeout=WAIT_MS)
    assert window.session is None
    assert window.pages.currentWidget() is window.unlock_screen
    assert window.unlock_screen._creating
    assert not window.export_dialogs and window.team.dialog is None
    assert not path.exists() and not key_path_for(path).exists()
    assert not window.team.action.isVisible()
