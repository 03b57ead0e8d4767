"""Work off the GUI thread: a serial runner whose thread owns its vault connection.

Every vault call of the window goes through a VaultRunner, so the interface never waits on
Argon2id, SQLCipher or the network. Jobs run one after another on the runner's thread; their
results come back as queued signals to callbacks on the GUI thread. `busy_changed` drives the
visible busy state.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from app.revocation import LaptopRevoked
from storage.errors import KoersError

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class _Worker(QObject):
    finished = Signal(int, object, object)  # job id, result, exception

    @Slot(int, object)
    def run(self, job_id: int, job: Callable[[], Any]) -> None:
        try:
            result = job()
        except Exception as exc:  # handed to the GUI, which shows a Dutch text for it
            self.finished.emit(job_id, None, exc)
        else:
            self.finished.emit(job_id, result, None)


class VaultRunner(QObject):
    busy_changed = Signal(bool)
    failed = Signal(object)  # an exception no job callback took
    # A job heard the server's wipe (app/revocation.LaptopRevoked), whichever call it made:
    # the window erases the vault as a sync does (SyncController.wipe). Before the callback.
    revoked = Signal()
    _submit = Signal(int, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.finished.connect(self._finished)
        self._callbacks: dict[int, tuple[Callback | None, ErrorCallback | None]] = {}
        self._ids = itertools.count(1)
        self._thread.start()

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def submit(
        self,
        job: Callable[[], Any],
        on_done: Callback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> None:
        job_id = next(self._ids)
        was_busy = self.busy
        self._callbacks[job_id] = (on_done, on_error)
        if not was_busy:
            self.busy_changed.emit(True)
        self._submit.emit(job_id, job)

    @Slot(int, object, object)
    def _finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        try:
            if error is not None:
                if isinstance(error, LaptopRevoked):
                    self.revoked.emit()
                if on_error is not None:
                    on_error(error)
                else:
                    self.failed.emit(error)
            elif on_done is not None:
                on_done(result)
        finally:
            if not self.busy:
                self.busy_changed.emit(False)

    def stop(self) -> None:
        """Let queued jobs finish, then end the thread."""
        self._thread.quit()
        self._thread.wait()


def dutch_message(error: BaseException) -> str:
    """What the window says about an error: the domain's Dutch text, never internals."""
    if isinstance(error, KoersError):
        return error.message_nl
    return QCoreApplication.translate(
        "Errors", "Something went wrong. Please try again; your input has been kept."
    )
