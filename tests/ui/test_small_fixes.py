"""Fixes found trying Koers as a new user: full-height create-vault fields, an export to a
folder that does not exist, and the Alt-keys of the window's own dialogs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import WAIT_MS, DemoVault, unlock
from tests.ui.mnemonics import mnemonic_clashes
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog
from ui.unlock import UnlockScreen

LEFT = Qt.MouseButton.LeftButton


@pytest.mark.parametrize("width", [1366, 1024])
def test_create_vault_fields_have_their_full_height(make_window, tmp_path: Path, width: int):
    window = make_window(tmp_path / "nieuw.koers")
    window.resize(width, 768)
    QApplication.processEvents()
    screen = window.unlock_screen
    for field in (screen.owner, screen.passphrase, screen.repeat):
        assert field.isVisible()
        assert field.height() >= field.minimumSizeHint().height(), field.accessibleName()


def test_export_to_a_folder_that_does_not_exist_keeps_the_dialog_open(
    qtbot, window: MainWindow, filled_vault: DemoVault, tmp_path: Path
):
    unlock(qtbot, window)
    window.open_case(filled_vault.secret_case_id)
    qtbot.waitUntil(lambda: window.case_file.file is not None, timeout=WAIT_MS)
    window.export_teamkracht(filled_vault.secret_case_id)
    dialog = next(d for d in window.export_dialogs if isinstance(d, ExportDialog))
    missing = tmp_path / "bestaat-niet" / "blad.pdf"
    dialog.path.setText(str(missing))
    qtbot.mouseClick(dialog.ok, LEFT)
    assert dialog.isVisible()
    assert "bestaat niet" in dialog.error.text()
    assert not missing.parent.exists()


def _without_dutch(qapp: QApplication) -> list[QTranslator]:
    dutch = qapp.findChildren(QTranslator)
    for translator in dutch:
        QCoreApplication.removeTranslator(translator)
    return dutch


DIALOGS = {
    "create_vault": lambda: _create_screen(),
    "settings": lambda: SettingsDialog(_settings()),
    "export_handover": lambda: ExportDialog(ExportDialog.HANDOVER, "", date(2026, 11, 30)),
    "export_teamkracht": lambda: ExportDialog(ExportDialog.TEAMKRACHT, "", date(2026, 11, 30)),
    "export_overview": lambda: ExportDialog(ExportDialog.OVERVIEW, "", date(2026, 11, 30)),
}


def _create_screen() -> UnlockScreen:
    screen = UnlockScreen()
    screen.show_create()
    return screen


def _settings():
    import tempfile

    from PySide6.QtCore import QSettings

    from ui.settings import UiSettings

    path = Path(tempfile.mkdtemp()) / "koers.ini"
    return UiSettings(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_no_two_controls_of_a_dialog_share_an_alt_key(qtbot, qapp, language: str, name: str):
    dutch = _without_dutch(qapp) if language == "en" else []
    try:
        dialog = DIALOGS[name]()
        qtbot.addWidget(dialog)
        assert mnemonic_clashes(dialog) == {}
    finally:
        for translator in dutch:
            QCoreApplication.installTranslator(translator)


def test_the_window_opens_no_larger_than_the_screen(qapp) -> None:
    """On a 1024x768 laptop the lock and quick-hide buttons must be on screen."""
    from ui.app import _fitting

    free = qapp.primaryScreen().availableGeometry()
    width, height = _fitting((free.width() + 300, free.height() + 200), qapp)
    assert (width, height) == (free.width(), free.height())
    assert _fitting((200, 100), qapp) == (200, 100)


def test_every_screen_fits_a_1024_pixel_wide_window(
    qtbot, window: MainWindow, filled_vault: DemoVault
):
    """At 1024x768 no page may widen the window past the screen (quick hide off-screen)."""
    from tests.ui.conftest import open_case

    unlock(qtbot, window)
    window.resize(1024, 768)
    for show in (window.show_today, window.show_caseload, window.show_week):
        show()
        QApplication.processEvents()
        assert window.minimumSizeHint().width() <= 1024
    open_case(qtbot, window, filled_vault.secret_case_id)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024
    assert window.width() <= 1024
