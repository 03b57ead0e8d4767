"""A damaged vault at unlock: the window says so in Dutch and puts the backup back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage import backup
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WAIT_MS, DemoVault, settle, unlock
from ui.main_window import MainWindow


def test_damaged_vault_offers_the_backup_and_opens_after_restoring(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    Vault.open(filled_vault.path, PASSPHRASE).lock()  # the first unlock takes a backup
    size = filled_vault.path.stat().st_size
    with open(filled_vault.path, "r+b") as handle:
        handle.truncate(size - 3 * 4096 - 17)
    window: MainWindow = make_window(filled_vault.path)
    screen = window.unlock_screen
    assert not screen.restore.isVisible()
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.restore.isVisible(), timeout=WAIT_MS)
    assert "beschadigd" in screen.message.text() and "back-up" in screen.message.text()
    qtbot.mouseClick(screen.restore, Qt.MouseButton.LeftButton)
    assert "wachtwoord" in screen.message.text()  # the passphrase is needed again
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.mouseClick(screen.restore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.board is not None, timeout=WAIT_MS)
    settle(qtbot, window)
    assert window.caseload.model.rowCount() > 0
    assert list(filled_vault.path.parent.glob("*.damaged-*"))


def test_the_window_backs_up_after_unlocking_and_never_offers_a_restore_unasked(
    qtbot, window: MainWindow
) -> None:
    assert backup.backups(window.vault_path) == []
    unlock(qtbot, window)
    assert len(backup.backups(window.vault_path)) == 1  # taken once the dashboard was shown
    window.lock()
    assert not window.unlock_screen.restore.isVisible()
