"""Drive the window through a list of steps, each after the vault thread is idle: for the
screenshot script and the session tests, which must see what a user would see."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

from ui.main_window import MainWindow


def play(window: MainWindow, steps: list[Callable[[], object]], pause_ms: int = 150) -> None:
    """Schedule the steps on the event loop; the caller runs it (app.exec())."""
    remaining = list(steps)

    def run_next() -> None:
        if window.runner.busy:
            QTimer.singleShot(50, run_next)
            return
        remaining.pop(0)()
        if remaining:
            QTimer.singleShot(pause_ms, run_next)

    QTimer.singleShot(2 * pause_ms, run_next)
