"""A worker changes their account password from the window ("Change password…" under More),
against the real server: Dutch refusals for a mismatch, a short or weak password, a wrong
current password and no connection; success closes the dialog and the new password enrols;
nothing of it is kept in a draft; a lock closes the dialog and empties its fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.sync_service import enroll_device
from storage.keys import TEST_KDF
from storage.vault import Vault
from sync.client import NotAuthorised
from sync.server import admin
from tests.conftest import PASSPHRASE
from tests.sync.server_harness import PASSWORD, LiveServer, database
from tests.ui.conftest import WAIT_MS, DemoVault, settle, unlock
from tests.ui.revoked_window import assert_wiped_as_after_a_sync, synced_once, window_on
from ui.main_window import MainWindow
from ui.password_dialog import PasswordDialog

NEW = "een lange nieuwe zin 42"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    from sync.server import passwords

    monkeypatch.setattr(passwords, "MEMORY_KIB", 1024)
    monkeypatch.setattr(passwords, "ITERATIONS", 1)


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    with database("sqlite", tmp_path) as url:
        live = LiveServer(url).start()
        live.add_user("tester")
        try:
            yield live
        finally:
            live.stop()


@pytest.fixture
def linked_window(make_window, filled_vault: DemoVault, server: LiveServer, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    vault = Vault.open(filled_vault.path, PASSPHRASE)
    enroll_device(vault, server.url, "tester", PASSWORD)
    vault.lock()
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    return window


def open_dialog(qtbot, window: MainWindow) -> PasswordDialog:  # type: ignore[no-untyped-def]
    assert window.password_action in window.more_menu.actions()
    window.password_action.trigger()
    qtbot.waitUntil(
        lambda: any(isinstance(d, PasswordDialog) for d in window.export_dialogs),
        timeout=WAIT_MS,
    )
    dialog = next(d for d in window.export_dialogs if isinstance(d, PasswordDialog))
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    return dialog


def fill(qtbot, dialog: PasswordDialog, old: str, new: str, repeat: str) -> None:  # type: ignore[no-untyped-def]
    for field, text in ((dialog.old, old), (dialog.new, new), (dialog.repeat, repeat)):
        field.clear()
        qtbot.keyClicks(field, text)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)


def refusal(qtbot, dialog: PasswordDialog, expected: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: expected in dialog.message.text(), timeout=WAIT_MS)
    assert not dialog.busy


def test_changing_the_password_from_the_window(
    qtbot, linked_window: MainWindow, server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = linked_window
    # The status bar names the server this laptop syncs with.
    port = server.url.rsplit(":", 1)[1]
    qtbot.waitUntil(lambda: f"server 127.0.0.1:{port}" in window.sync_label.text(), timeout=WAIT_MS)
    dialog = open_dialog(qtbot, window)
    assert dialog.old.echoMode() == dialog.old.EchoMode.Password
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    keys = [re.search("&(.)", text).group(1).lower() for text in labels]  # type: ignore[union-attr]
    assert len(keys) == 3 and len(set(keys)) == 3

    fill(qtbot, dialog, PASSWORD, NEW, NEW + "x")
    refusal(qtbot, dialog, "De herhaling is niet gelijk aan het nieuwe wachtwoord.")
    fill(qtbot, dialog, PASSWORD, "kort", "kort")
    refusal(qtbot, dialog, "te kort")
    fill(qtbot, dialog, "niet-het-wachtwoord", NEW, NEW)
    refusal(qtbot, dialog, "Het huidige wachtwoord klopt niet.")
    fill(qtbot, dialog, PASSWORD, "tester-tester-1", "tester-tester-1")  # the server: weak
    refusal(qtbot, dialog, "te zwak")
    assert dialog.isVisible()

    fill(qtbot, dialog, PASSWORD, NEW, NEW)
    qtbot.waitUntil(lambda: not window.export_dialogs, timeout=WAIT_MS)  # closed
    assert window.statusBar().currentMessage() != ""

    # Nothing of the dialog became a draft.
    settle(qtbot, window)
    assert window.session is not None
    assert window.session.vault.db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0

    # The new password enrols the next laptop; the old one no longer does.
    with Vault.create(
        tmp_path / "tweede.koers", "tweede-laptop-1", owner="tester", kdf=TEST_KDF
    ) as other:
        with pytest.raises(NotAuthorised):
            enroll_device(other, server.url, "tester", PASSWORD)
        assert enroll_device(other, server.url, "tester", NEW)


def test_offline_the_dialog_says_it_needs_a_connection(
    qtbot, linked_window: MainWindow, server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    server.stop()
    dialog = open_dialog(qtbot, linked_window)
    fill(qtbot, dialog, PASSWORD, NEW, NEW)
    refusal(qtbot, dialog, "alleen met een verbinding met de server")


def test_a_lock_closes_the_dialog_and_empties_it(qtbot, linked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, linked_window)
    qtbot.keyClicks(dialog.old, PASSWORD)
    linked_window.lock()
    assert not linked_window.export_dialogs
    assert dialog.old.text() == ""  # emptied on closing (deleted once the loop runs)


def test_an_unlinked_laptop_says_so_and_cannot_submit(qtbot, make_window, filled_vault) -> None:  # type: ignore[no-untyped-def]
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    dialog = open_dialog(qtbot, window)
    assert not dialog.ok.isEnabled()
    assert "not linked" in dialog.message.text() or "niet gekoppeld" in dialog.message.text()


def test_a_revoked_laptop_erases_its_vault_when_the_password_change_hears_it(
    qtbot, make_window, filled_vault: DemoVault, server: LiveServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The server answers the password change of a revoked laptop with the wipe: the window
    erases the vault and ends as after a sync's wipe (tests/ui/revoked_window.py)."""
    vault = Vault.open(filled_vault.path, PASSPHRASE)
    device_id = enroll_device(vault, server.url, "tester", PASSWORD)
    vault.lock()
    with window_on(qtbot, filled_vault.path, PASSPHRASE, tmp_path) as window:
        synced_once(qtbot, window)
        dialog = open_dialog(qtbot, window)
        admin.revoke_device(server.engine, device_id)
        fill(qtbot, dialog, PASSWORD, NEW, NEW)
        assert_wiped_as_after_a_sync(qtbot, window, filled_vault.path)  # the dialog closed
