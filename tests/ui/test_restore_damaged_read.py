"""Damage in a page the unlock or the first dashboard reads, while every page's HMAC is
still being checked in a thread (the window's unlock): the window ends on the unlock screen
with the restore offer, as for damage only the check finds, and writes nothing into the
file; no half-working window with an empty Vandaag."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt

from storage import backup
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import WAIT_MS, DemoVault, settle
from ui.main_window import MainWindow


@pytest.mark.parametrize("table", ["meta", "cases", None], ids=["meta", "cases", "last-page"])
def test_damage_the_unlock_the_dashboard_or_the_check_finds_offers_the_restore(
    qtbot, make_window, filled_vault: DemoVault, table: str | None
) -> None:
    """Damage in the meta table (read by the unlock), in the cases (read by the first
    dashboard) or in the last page (found by the page check alone, while Vandaag is painted)."""
    with Vault.open(filled_vault.path, PASSPHRASE) as vault:  # the first unlock: a backup
        vault.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = vault.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", [table]
        ).fetchone()
    data = bytearray(filled_vault.path.read_bytes())
    at = (root[0] - 1) * 4096 + 2000 if root else len(data) - 3000
    data[at] ^= 0x40  # inside that table's first page, or the last page's content
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
    assert window.today.overdue.model.rowCount() == 0  # whatever was shown is gone
    assert hashlib.sha256(filled_vault.path.read_bytes()).hexdigest() == before
    assert backup.backups(filled_vault.path) == backups


def test_a_case_opened_at_once_after_the_unlock_writes_nothing_into_a_damaged_file(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    """Opening a case writes its access-log line: asked for the moment the window shows
    Vandaag, while the page check still runs, it waits for the check and, the file damaged,
    writes nothing; the window ends on the unlock screen with the restore offer."""
    Vault.open(filled_vault.path, PASSPHRASE).lock()  # the first unlock: a backup
    data = bytearray(filled_vault.path.read_bytes())
    data[len(data) - 3000] ^= 0x40  # inside the last page: only the page check finds it
    filled_vault.path.write_bytes(bytes(data))
    before = hashlib.sha256(filled_vault.path.read_bytes()).hexdigest()
    window: MainWindow = make_window(filled_vault.path)
    screen = window.unlock_screen
    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session is not None, timeout=WAIT_MS)
    window.open_case(filled_vault.secret_case_id)
    window.open_case(filled_vault.report_case_id)
    qtbot.waitUntil(lambda: screen.restore.isVisible(), timeout=WAIT_MS)
    settle(qtbot, window)
    assert window.session is None and window.pages.currentWidget() is screen
    assert hashlib.sha256(filled_vault.path.read_bytes()).hexdigest() == before
