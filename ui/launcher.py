"""The `koers` command: the command line of app.cli, with the desktop client plugged in."""

from __future__ import annotations

import importlib.util
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import WindowRequest, run

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from app.demo import DemoServer


def open_window(request: WindowRequest) -> int:
    ctrl_c = _CtrlC()  # before Qt loads: a Ctrl+C while it loads must not abort the process
    try:
        from ui.app import offscreen_if_headless  # Qt is loaded only when a window is wanted

        if request.screenshot is not None:
            offscreen_if_headless()
        from app.session import WorkSession
        from ui.app import application, run_window

        ctrl_c.attach(application())
        if ctrl_c.pressed:
            return 130
        if request.on_ready is not None:
            request.on_ready()
        session = WorkSession(request.vault) if request.vault is not None else None
        return run_window(request.vault_path, session=session, screenshot=request.screenshot)
    finally:
        ctrl_c.detach()


class _CtrlC:
    """Ctrl+C in the terminal closes the window like its close button (the vault locks; a
    demo then stops its server and removes its folder). Qt's loop runs no Python code of
    its own accord, so a timer ticks to let the handler run."""

    def __init__(self) -> None:
        self.pressed = False
        self._app: QObject | None = None
        self._previous = signal.signal(signal.SIGINT, self._handle)

    def _handle(self, *_: object) -> None:
        self.pressed = True
        if self._app is not None:
            from PySide6.QtCore import QCoreApplication, QTimer

            QTimer.singleShot(0, QCoreApplication.quit)  # runs once the loop runs

    def attach(self, app: QObject) -> None:
        from PySide6.QtCore import QTimer

        self._app = app
        tick = QTimer(app)
        tick.timeout.connect(lambda: None)
        tick.start(250)

    def detach(self) -> None:
        signal.signal(signal.SIGINT, self._previous)


def _server_installed() -> bool:
    """Whether the server can run here (the packaged desktop client leaves it out)."""
    return all(importlib.util.find_spec(name) is not None for name in ("uvicorn", "fastapi"))


def start_demo_server(folder: Path) -> DemoServer:
    """The demo's embedded server (sync.embedded): loaded only when a linked demo starts."""
    from sync.embedded import start_embedded_server

    return start_embedded_server(folder)


def main(argv: Sequence[str] | None = None) -> None:
    # Every file Koers makes (vault, WAL, SHM, key file, backups, exports, settings) is the
    # worker's only; the storage layer also creates its files 0600 itself.
    os.umask(0o077)
    sys.exit(
        run(
            sys.argv[1:] if argv is None else argv,
            open_window=open_window,
            start_server=start_demo_server if _server_installed() else None,
        )
    )
