"""Background sync for the window: its own thread and vault connection, a timer, and a
short status line (last synced, pending changes, offline). Never blocks the window."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from app.rules import LOCAL_TZ
from app.sync_problems import sync_problem_count
from app.sync_service import (
    NotEnrolled,
    SyncReport,
    SyncStatus,
    sync_now,
    sync_status,
    wipe_revoked,
)
from storage.vault import Vault
from sync.client import NotAuthorised, ServerNotTrusted, ServerUnreachable
from ui.tasks import VaultRunner

SYNC_INTERVAL_MS = 5 * 60_000  # a sync every five minutes while unlocked and reachable
AFTER_EDIT_MS = 15_000  # and soon after a local change


class SyncController(QObject):
    status_changed = Signal(str)
    data_changed = Signal()  # a sync brought in or purged records: refresh the screens
    wiped = Signal()  # this laptop was revoked; its vault is gone
    problems_changed = Signal(int)  # changes set aside here or refused by the server

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = VaultRunner("koers-sync", self)
        self._vault: Vault | None = None
        self._running = False
        self._offline = False
        self._wiping = False  # a wipe asked by `wipe` is queued or running
        self._wiped = False  # `wiped` was emitted for this unlock
        self._timer = QTimer(self)
        self._timer.setInterval(SYNC_INTERVAL_MS)
        self._timer.timeout.connect(self.sync_soon)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.sync_now)

    def start(self, vault: Vault) -> None:
        """Begin for an unlocked vault: a second connection, used only on the sync thread."""
        self._vault = vault.second_connection()
        self._offline = False
        self._wiping = self._wiped = False
        self.refresh_status()
        self._timer.start()
        self.sync_soon(1_000)

    def stop(self) -> None:
        """Stop timers and close the sync connection (after a running sync has finished)."""
        self._timer.stop()
        self._soon.stop()
        vault, self._vault = self._vault, None
        if vault is not None:
            self.runner.submit(vault.lock)

    def shutdown(self) -> None:
        self.stop()
        self.runner.stop()

    def local_change(self) -> None:
        self.refresh_status()
        if not self._soon.isActive():
            self.sync_soon(AFTER_EDIT_MS)

    def sync_soon(self, delay_ms: int = 0) -> None:
        if self._vault is not None:
            self._soon.start(delay_ms)

    def refresh_status(self) -> None:
        vault = self._vault
        if vault is not None:
            self.runner.submit(lambda: sync_status(vault), self._show_status, lambda _e: None)

    def sync_now(self) -> None:
        vault = self._vault
        if vault is None or self._running:
            return
        self._running = True
        self.status_changed.emit(self.tr("Synchronising…"))
        self.runner.submit(lambda: _sync_and_status(vault), self._done, self._failed)

    def wipe(self) -> None:
        """Another call than a sync heard the server's wipe (the password dialog, the team
        page, a late-changes look: VaultRunner.revoked): erase the vault as a sync does, on
        the sync thread (after a sync running now), and end as a sync's wipe ends: stopped,
        `wiped` emitted once."""
        vault = self._vault
        if vault is None or self._wiping:
            return
        self._wiping = True
        self._timer.stop()
        self._soon.stop()
        self.runner.submit(lambda: (wipe_revoked(vault), None), self._done, self._failed)

    def _done(self, result: tuple[SyncReport, SyncStatus | None]) -> None:
        self._running = False
        report, status = result
        if report.wiped:
            self.stop()
            if not self._wiped:  # a sync and a `wipe` may both have heard it: one reaction
                self._wiped = True
                self.wiped.emit()
            return
        assert status is not None
        self._offline = False
        self._show_status(status)
        if report.pulled or report.purged_cases or report.received_cases:
            self.data_changed.emit()

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self._offline = isinstance(error, ServerUnreachable)
        if isinstance(error, NotEnrolled):
            self._timer.stop()
            self.status_changed.emit(self.tr("Not linked to a server: working offline"))
        elif isinstance(error, ServerNotTrusted):
            self.status_changed.emit(
                self.tr("The server's certificate is not trusted: ask your administrator")
            )
        elif isinstance(error, ServerUnreachable):
            self.refresh_status()
        elif isinstance(error, NotAuthorised):
            self.status_changed.emit(self.tr("Sync refused: ask your administrator"))
        else:
            self.status_changed.emit(self.tr("Sync failed; your changes are kept"))

    def _show_status(self, status: SyncStatus) -> None:
        self._count_problems()
        if not status.enrolled:
            self.status_changed.emit(self.tr("Not linked to a server: working offline"))
            return
        parts = []
        if self._offline:
            parts.append(self.tr("Offline"))
        if status.last_sync is not None:
            parts.append(self.tr("Last synced %1").replace("%1", _when(status.last_sync)))
        else:
            parts.append(self.tr("Never synced"))
        if status.pending:
            parts.append(self.tr("%n change(s) waiting", "", status.pending))
        else:
            parts.append(self.tr("everything sent"))
        if status.server:
            parts.append(self.tr("server %1").replace("%1", status.server))
        self.status_changed.emit(" · ".join(parts))

    def _count_problems(self) -> None:
        vault = self._vault
        if vault is not None:
            self.runner.submit(
                lambda: sync_problem_count(vault), self.problems_changed.emit, lambda _e: None
            )


def _sync_and_status(vault: Vault) -> tuple[SyncReport, SyncStatus | None]:
    """A sync and the status after it; no status after a wipe (the vault is gone: asking it
    failed, and the window showed "sync failed" instead of the wipe)."""
    report = sync_now(vault)
    return report, None if report.wiped else sync_status(vault)


def _when(moment: datetime) -> str:
    local = moment.astimezone(LOCAL_TZ)
    today = datetime.now(LOCAL_TZ).date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%d-%m %H:%M")
