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


def test_damage_only_the_page_check_finds_locks_the_window_and_writes_nothing(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    """The window reads and paints Vandaag while every page's HMAC is checked (the unlock's
    speed): damage in a page the dashboard never reads is found by that check, and the
    window goes back to the unlock screen with the restore offer; nothing was written into
    the damaged file meanwhile (no draft, no sync, no backup of it)."""
    import hashlib

    with Vault.open(filled_vault.path, PASSPHRASE) as vault:  # the first unlock: a backup
        vault.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(filled_vault.path.read_bytes())
    data[len(data) - 3000] ^= 0x40  # inside the last page's encrypted content
    filled_vault.path.write_bytes(bytes(data))
    before = hashlib.sha256(filled_vault.path.read_bytes()).hexdigest()
    backups = backup.backups(filled_vault.path)
    window: MainWindow = make_window(filled_vault.path)
    screen = window.unlock_screen
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.restore.isVisible(), timeout=WAIT_MS)
    settle(qtbot, window)
    assert window.session is None and window.pages.currentWidget() is screen
    assert "beschadigd" in screen.message.text() and "back-up" in screen.message.text()
    assert window.today.overdue.model.rowCount() == 0  # what was shown is gone
    assert hashlib.sha256(filled_vault.path.read_bytes()).hexdigest() == before
    assert backup.backups(filled_vault.path) == backups
