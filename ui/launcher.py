"""The `koers` command: the command line of app.cli, with the desktop client plugged in."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

from app.cli import WindowRequest, run

# Every `koers` command starts here: only what main() needs is imported at the top (not even
# typing or pathlib); the window's modules load in open_window, the demo server in
# start_demo_server (tests/cli/test_start_imports.py).
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from pathlib import Path

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


def _close_signals() -> list[signal.Signals]:
    """The signals that end a run the way Ctrl+C does: SIGINT, SIGTERM (a `kill`, a logout)
    and, where it exists, SIGHUP (the terminal closed). Without this, SIGTERM and SIGHUP end
    the process at once: no lock, a demo's server and its folder (the server's database and
    both vaults, under the known demo passphrase) left behind."""
    hangup = getattr(signal, "SIGHUP", None)  # not on Windows
    return [signal.SIGINT, signal.SIGTERM] + ([hangup] if hangup is not None else [])


def _stop_like_ctrl_c() -> None:
    """Outside the window (a command, a demo setting up): SIGTERM and SIGHUP raise
    KeyboardInterrupt as Ctrl+C does, so every `finally` runs (the vault locks, a demo stops
    its server and removes its folder). A signal the caller set to be ignored (`nohup`)
    stays ignored."""
    for number in _close_signals()[1:]:
        if signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, signal.default_int_handler)


class _CtrlC:
    """Ctrl+C in the terminal, SIGTERM and SIGHUP (the terminal closed) close the window like
    its close button (the vault locks; a demo then stops its server and removes its folder).
    Qt's loop runs no Python code of its own accord, so a timer ticks to let the handler
    run. A signal that was ignored (`nohup`) stays ignored."""

    def __init__(self) -> None:
        self.pressed = False
        self._app: QObject | None = None
        self._previous = {
            number: signal.signal(number, self._handle)
            for number in _close_signals()
            if signal.getsignal(number) is not signal.SIG_IGN
        }

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
        for number, previous in self._previous.items():
            signal.signal(number, previous)


def _server_installed() -> bool:
    """Whether the server can run here (the packaged desktop client leaves it out)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("uvicorn", "fastapi"))


def start_demo_server(folder: Path) -> DemoServer:
    """The demo's embedded server (sync.embedded): loaded only when a linked demo starts."""
    from sync.embedded import start_embedded_server

    return start_embedded_server(folder)


def main(argv: Sequence[str] | None = None) -> None:
    # Every file Koers makes (vault, WAL, SHM, key file, backups, exports, settings) is the
    # worker's only; the storage layer also creates its files 0600 itself.
    os.umask(0o077)
    _stop_like_ctrl_c()
    sys.exit(
        run(
            sys.argv[1:] if argv is None else argv,
            open_window=open_window,
            start_server=start_demo_server if _server_installed() else None,
        )
    )
