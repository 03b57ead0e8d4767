"""Start the desktop client: the Qt application, translations, style and the window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app.session import WorkSession
from ui.i18n import install_translator
from ui.main_window import MainWindow
from ui.settings import UiSettings

STYLE = """
QLabel#screenTitle { font-size: 16pt; font-weight: 600; }
QLabel#errorText { color: #a31515; }
QLabel#hintText, QLabel#emptyText { color: #555555; }
QLabel#badge { border-radius: 4px; padding: 2px 8px; font-weight: 600; }
QFrame#card { background: palette(base); border: 1px solid #c9c9c9; border-radius: 8px; }
QGroupBox { font-weight: 600; }
QToolButton#quickHide { color: #a31515; font-weight: 600; }
"""


def _quiet_qt_messages(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    # Qt's warnings are for developers (and the offscreen plugin is chatty); only serious
    # ones reach stderr. They never carry case data: Koers puts none in Qt objects' names.
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        print(f"Qt: {message}", file=sys.stderr)


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qInstallMessageHandler(_quiet_qt_messages)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Koers")
    app.setOrganizationName("Koers")
    app.setStyleSheet(STYLE)
    install_translator(app, UiSettings().language)
    return app


def _fitting(size: tuple[int, int], app: QApplication) -> tuple[int, int]:
    """`size`, shrunk to the screen's free area when that is smaller (a 1024x768 laptop
    must see the lock and quick-hide buttons)."""
    screen = app.primaryScreen()
    if screen is None:
        return size
    free = screen.availableGeometry()
    return min(size[0], free.width()), min(size[1], free.height())


def run_window(
    vault_path: Path,
    *,
    session: WorkSession | None = None,
    screenshot: Path | None = None,
    size: tuple[int, int] = (1366, 768),
    before_shot: Callable[[MainWindow], None] | None = None,
) -> int:
    """Show the window (unlocked on `session` if given). With `screenshot`, render the
    window once the dashboard is in, save the PNG and quit."""
    app = application()
    window = MainWindow(vault_path)
    # A screenshot keeps the size asked for; a real window fits the screen.
    window.resize(*(size if screenshot is not None else _fitting(size, app)))
    if session is not None:
        window._unlocked(session)
    window.show()
    if screenshot is None:
        return app.exec()

    def shoot() -> None:
        if window.runner.busy or (session is not None and window.board is None):
            QTimer.singleShot(50, shoot)
            return
        if before_shot is not None:
            before_shot(window)
        app.processEvents()
        ok = window.grab().save(str(screenshot))
        window.close()
        app.exit(0 if ok else 1)

    QTimer.singleShot(0, shoot)
    return app.exec()


def offscreen_if_headless() -> None:
    """With no display (CI, a server) render offscreen rather than fail."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
