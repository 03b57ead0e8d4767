"""The window's side of team work: the team page for a teamleider (Ctrl+5), "Hand over to…"
and the late changes banner in the case file.

Vault reads (the account, the team view, the device's link) run on the window's vault
thread; the network (the team's workers, the handover, late changes) on a thread of its own,
so a slow or absent server never holds up the vault. The account's role is what the server
last said (app/team.py), so the page shows offline too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from app.caseload import CaseloadRow
from app.dashboard import Dashboard
from app.team import (
    Account,
    HandoverCase,
    NeedsConnection,
    ServerLink,
    TeamView,
    accept_late_changes,
    late_changes,
    send_handover,
    team_workers,
)
from sync.protocol import HandoverResult, TeamWorkers
from ui.case_file.late_changes import LateChangesPanel
from ui.tasks import VaultRunner, dutch_message
from ui.team_handover import HandoverDialog
from ui.team_page import TeamPage

if TYPE_CHECKING:
    from app.session import WorkSession
    from ui.main_window import MainWindow

TEAM_SHORTCUT = "Ctrl+5"


def _team_state(
    session: WorkSession, rows: list[CaseloadRow]
) -> tuple[Account | None, TeamView | None]:
    account = session.account()
    if account is None or not account.is_teamleider:
        return account, None
    return account, session.team_view(rows)


class TeamController(QObject):
    """Owns the team page, its toolbar action, the handover dialog and the late banner."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.account: Account | None = None
        self.page = TeamPage()
        window.workspace.addWidget(self.page)
        self.late_panel: LateChangesPanel = window.case_file.late_panel
        self.network = VaultRunner("koers-team", self)
        self.network.failed.connect(window._show_error)
        self.network.revoked.connect(window.sync.wipe)  # the server said wipe: as a sync does
        self.dialog: HandoverDialog | None = None

        self.action = QAction(self.tr("Te&am"), window)
        self.action.setShortcut(QKeySequence(TEAM_SHORTCUT))
        self.action.setToolTip(
            self.tr("The team's cases, each worker's load, handover") + f" ({TEAM_SHORTCUT})"
        )
        self.action.setCheckable(True)
        self.action.setVisible(False)
        self.action.triggered.connect(self.show)
        # On the bar after the sociale kaart (the last page), before the separator.
        actions = window.toolbar.actions()
        after = actions.index(window.social_map_action) + 1
        if after < len(actions):
            window.toolbar.insertAction(actions[after], self.action)
        else:
            window.toolbar.addAction(self.action)
        window.workspace.currentChanged.connect(self._page_changed)

        self.page.open_case.connect(window.open_case)
        self.page.handover_requested.connect(self.hand_over)
        self.late_panel.accept_requested.connect(self.accept_late)

    # --- the page --------------------------------------------------------------------------

    def show(self) -> None:
        """The team page (a teamleider's only)."""
        if self.account is not None and self.account.is_teamleider:
            self.window._show_page(self.page)
            self.page.table.setFocus()
        self.action.setChecked(self.window.workspace.currentWidget() is self.page)

    def _page_changed(self) -> None:
        self.action.setChecked(self.window.workspace.currentWidget() is self.page)

    def dashboard_shown(self, board: Dashboard) -> None:
        """After every refresh of the window: the role (a sync may have brought or changed
        it) and, for a teamleider, the team view of the dashboard's caseload."""
        session = self.window.session
        if session is not None:
            rows = board.caseload
            self.window.runner.submit(lambda: _team_state(session, rows), self._show_state)

    def _show_state(self, state: tuple[Account | None, TeamView | None]) -> None:
        if self.window.session is None:
            return
        self.account, view = state
        leader = self.account is not None and self.account.is_teamleider
        self.action.setVisible(leader)
        self.action.setEnabled(leader)
        if view is None:
            self.page.clear()
            if self.window.workspace.currentWidget() is self.page:
                self.window.show_today()
            return
        self.page.set_team(self.account.team if self.account else None)
        self.page.set_view(view)

    def clear(self) -> None:
        """The vault locked: nothing of the team stays on screen."""
        self.account = None
        self.action.setVisible(False)
        self.page.clear()
        self.late_panel.clear()
        self.dialog = None

    # --- hand over -------------------------------------------------------------------------

    def hand_over(self, case_ids: list[str]) -> None:
        """Ask whom the cases go to (the dialog), then hand them over on the server."""
        session = self.window.session
        if session is None or not case_ids:
            return
        names = [
            self.page.cases.row_at(r).row.display_name
            for r in range(self.page.cases.rowCount())
            if self.page.cases.row_at(r).case_id in case_ids
        ]
        dialog = HandoverDialog(names or case_ids, self.window)
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        self.window._keep_dialog(dialog)  # a lock closes it
        self.window.runner.submit(
            lambda: session.handover_plan(case_ids),
            lambda plan: self._planned(dialog, plan),
            lambda error: self._workers_failed(dialog, error),
        )

    def _dialog_closed(self, dialog: HandoverDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _open(self, dialog: HandoverDialog) -> bool:
        """Whether `dialog` is still the open one (an answer may come after it closed)."""
        return self.window.session is not None and self.dialog is dialog

    def _planned(
        self, dialog: HandoverDialog, plan: tuple[ServerLink | None, list[HandoverCase]]
    ) -> None:
        if not self._open(dialog):
            return
        link, cases = plan
        current = {c.expected_worker for c in cases}
        dialog.confirmed.connect(
            lambda worker, backup, reason: self._send(dialog, link, cases, worker, backup, reason)
        )
        self.network.submit(
            lambda: team_workers(link),
            lambda workers: self._workers(dialog, workers, current),
            lambda error: self._workers_failed(dialog, error),
        )

    def _workers(self, dialog: HandoverDialog, workers: TeamWorkers, current: set[str]) -> None:
        if self._open(dialog):
            # Cases that all sit with one worker: that worker comes last in the list.
            dialog.set_workers(workers, current if len(current) == 1 else set())

    def _workers_failed(self, dialog: HandoverDialog, error: BaseException) -> None:
        if not self._open(dialog):
            return
        if isinstance(error, NeedsConnection):
            dialog.needs_connection(error.message_nl)
        else:
            dialog.needs_connection(dutch_message(error))

    def _send(
        self,
        dialog: HandoverDialog,
        link: ServerLink | None,
        cases: list[HandoverCase],
        worker: str,
        backup: str,
        reason: str,
    ) -> None:
        # Every case with this worker already: only the back-up changes (no handover).
        backup_only = all(c.expected_worker == worker for c in cases)
        self.network.submit(
            lambda: send_handover(link, cases, worker, backup or None, reason),
            lambda result: self._handed_over(dialog, result, len(cases), backup_only),
            lambda error: self._send_failed(dialog, error),
        )

    def _handed_over(
        self, dialog: HandoverDialog, result: HandoverResult, count: int, backup_only: bool
    ) -> None:
        if self._open(dialog):
            dialog.accept()
        self.page.table.clearSelection()
        if backup_only:
            text = self.tr(
                "%n case(s) stay with %1 with another back-up worker; the next sync brings "
                "the change in.",
                "",
                count,
            )
        else:
            text = self.tr(
                "%n case(s) handed over to %1; the next sync brings the change in.", "", count
            )
        self.window.statusBar().showMessage(text.replace("%1", result.worker), 10000)
        self.window.sync.sync_now()

    def _send_failed(self, dialog: HandoverDialog, error: BaseException) -> None:
        if not self._open(dialog):
            return
        dialog.set_busy(False)
        dialog.status.hide()
        dialog.show_error(dutch_message(error))

    # --- late changes in the case file -----------------------------------------------------

    def case_shown(self, case_id: str) -> None:
        """Ask the server for the case's late changes (quietly nothing when offline)."""
        session = self.window.session
        if session is None:
            return
        if self.late_panel.case_id != case_id:
            self.late_panel.clear()
        self.window.runner.submit(
            session.server_link, lambda link: self._ask_late(link, case_id), lambda _e: None
        )

    def _ask_late(self, link: ServerLink | None, case_id: str) -> None:
        if link is None:
            return
        self.network.submit(
            lambda: late_changes(link, case_id),
            lambda changes: self._show_late(case_id, changes),
            # Offline: the banner waits for the next look. A revoked laptop is never quiet:
            # the runner's `revoked` has the vault erased (SyncController.wipe).
            lambda _error: None,
        )

    def _show_late(self, case_id: str, changes: list) -> None:
        if self.window.session is not None and self.window.case_file.case_id == case_id:
            self.late_panel.show_changes(case_id, changes)

    def accept_late(self, case_id: str, late_ids: list[int]) -> None:
        session = self.window.session
        if session is None:
            return
        self.window.runner.submit(
            session.server_link,
            lambda link: self.network.submit(
                lambda: accept_late_changes(link, late_ids),
                lambda count: self._accepted(case_id, count),
                lambda error: self.late_panel.show_message(dutch_message(error)),
            ),
        )

    def _accepted(self, case_id: str, count: int) -> None:
        if self.late_panel.case_id == case_id:
            self.late_panel.show_message(
                self.tr("%n change(s) taken into the case; they arrive with the sync.", "", count),
                accepted=True,
            )
        self.window.sync.sync_now()

    def shutdown(self) -> None:
        self.network.stop()
