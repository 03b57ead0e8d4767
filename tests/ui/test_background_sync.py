"""The window syncs in the background with the real server and shows where it stands."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.sync_service import enroll_device
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.server_harness import PASSWORD, LiveServer, database
from tests.ui.conftest import WAIT_MS, unlock


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    from sync.server import passwords

    monkeypatch.setattr(passwords, "MEMORY_KIB", 1024)
    monkeypatch.setattr(passwords, "ITERATIONS", 1)


@pytest.fixture
def server(tmp_path: Path):
    with database("sqlite", tmp_path) as url:
        live = LiveServer(url).start()
        live.add_user("tester")
        try:
            yield live
        finally:
            live.stop()


def test_window_syncs_in_the_background_and_shows_the_state(
    qtbot, make_window, filled_vault, server: LiveServer
):
    vault = Vault.open(filled_vault.path, PASSPHRASE)
    enroll_device(vault, server.url, "tester", PASSWORD)
    vault.lock()

    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    label = window.sync_label
    qtbot.waitUntil(lambda: "Laatst gesynchroniseerd" in label.text(), timeout=WAIT_MS)
    assert "alles verstuurd" in label.text()

    # A change made while the server is gone waits, and the window says so.
    server.stop()
    window.sync.sync_now()
    qtbot.waitUntil(lambda: label.text().startswith("Offline"), timeout=WAIT_MS)
    assert "wacht" not in label.text()  # nothing pending yet
    window.open_case(filled_vault.secret_case_id)
    qtbot.waitUntil(lambda: window.case_file.file is not None, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(window.forms) == 1, timeout=WAIT_MS)
    form = window.forms[0]
    qtbot.keyClicks(form.report, "Offline vastgelegd.")
    qtbot.keyClick(form.report, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "1 wijziging wacht" in label.text(), timeout=WAIT_MS)
    # The window stayed usable throughout: the sync ran on its own thread.
    assert window.unlocked
