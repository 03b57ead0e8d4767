"""The main window: unlock screen, then Vandaag, caseload and case file, with locking,
quick hide, background sync and a visible busy state. All vault work runs on the vault
thread (VaultRunner); this class only routes signals and shows results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.account_password import ServerLink, server_link
from app.casework import CaseFile
from app.dashboard import Dashboard
from app.drafts import Draft
from app.exports.deidentify_worker import close_shared_worker, shared_worker
from app.exports.service import ExportResult
from app.exports.teamkracht import SheetDraft
from app.rules import local_date
from app.session import ContactDefaults, WorkSession, unlock_wait_seconds
from storage.clock import Clock, SystemClock
from storage.errors import BackoffActive, VaultCorrupted
from storage.keys import DEFAULT_KDF, KdfParams
from storage.vault import Vault
from ui.case_file import CaseFileView
from ui.case_file.actions import CaseFileActions
from ui.caseload_page import CaseloadPage
from ui.contact_form import ContactForm
from ui.export_dialog import ExportDialog, ExportDoneDialog, ExportRequest
from ui.forms.base import RecordForm
from ui.forms.case_form import EditCaseForm, open_edit_case_form
from ui.forms.host import FormHost
from ui.forms.intake_form import IntakeForm, open_intake_form
from ui.idle import IdleWatch
from ui.import_dialog import ImportDialog
from ui.password_dialog import PasswordDialog
from ui.settings import UiSettings
from ui.settings_dialog import SettingsDialog
from ui.social_map_page import SocialMapController, SocialMapPage
from ui.sync_controller import SyncController
from ui.sync_problems import SyncProblemsController
from ui.tasks import VaultRunner, dutch_message
from ui.team_controller import TeamController
from ui.teamkracht_review import TeamkrachtReviewDialog
from ui.today_page import TodayPage
from ui.unlock import UnlockScreen
from ui.week_page import WeekPage

QUICK_HIDE_KEYS = "Ctrl+Shift+H"


class MainWindow(QMainWindow):
    def __init__(
        self,
        vault_path: Path,
        settings: UiSettings | None = None,
        *,
        clock: Clock | None = None,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        super().__init__()
        self.vault_path = vault_path
        self.settings = settings or UiSettings()
        self.clock = clock or SystemClock()
        self.kdf = kdf
        self.session: WorkSession | None = None
        self.board: Dashboard | None = None
        self.form_host = FormHost(self)
        self.form_host.register_resumer(
            ContactForm.FORM, lambda draft: self.record_contact(draft.record_id, draft)
        )
        self.form_host.register_resumer(IntakeForm.FORM, self.new_client)
        self.form_host.register_resumer(
            EditCaseForm.FORM, lambda draft: self.edit_case(draft.record_id, draft)
        )
        # Open export dialogs: they may hold a password, so a lock closes them.
        self.export_dialogs: list[QDialog] = []
        self.setWindowTitle("Koers")
        self.setObjectName("mainWindow")

        self.runner = VaultRunner("koers-vault", self)
        self.deidentify_runner = VaultRunner("koers-deidentify", self)  # waits on the worker
        self.runner.busy_changed.connect(self._show_busy)
        self.runner.failed.connect(self._show_error)
        self.sync = SyncController(self)
        self.idle = IdleWatch(self.settings.idle_minutes, self)
        self.idle.idle.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

        self.unlock_screen = UnlockScreen()
        self.today = TodayPage()
        self.caseload = CaseloadPage()
        self.case_file = CaseFileView()
        self.week = WeekPage()
        self.social_map = SocialMapPage()
        self.pages = QStackedWidget()
        self.workspace = QStackedWidget()
        for page in (self.today, self.caseload, self.week, self.social_map, self.case_file):
            self.workspace.addWidget(page)
        self.pages.addWidget(self.unlock_screen)
        self.pages.addWidget(self.workspace)
        self.setCentralWidget(self.pages)
        self._previous_page: QWidget = self.today

        self._build_actions()
        self._build_status_bar()
        self._connect()
        # The case file's forms (screening, trajectory, planning, closing): their requests,
        # their draft resumers and the conflict marks' clicks.
        self.case_actions = CaseFileActions(self)
        # The sociale kaart screen (Ctrl+4): loading, its form and drafts, conflicts.
        self.social_map_controller = SocialMapController(self)
        # Changes set aside here or refused by the server: a status-bar notice and a list.
        self.sync_problems = SyncProblemsController(self)
        # A teamleider's team page (Ctrl+5), handover, and late changes in the case file.
        self.team = TeamController(self)
        self._show_locked()

    # --- building --------------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | None, slot, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            tip = f"{tip or text.replace('&', '')} ({shortcut})"
        action.setToolTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.today_action = self._action(self.tr("&Today"), "Ctrl+1", self.show_today)
        self.caseload_action = self._action(self.tr("&Caseload"), "Ctrl+2", self.show_caseload)
        self.week_action = self._action(
            self.tr("&Week"), "Ctrl+3", self.show_week, self.tr("Planned contacts of the week")
        )
        self.social_map_action = self._action(
            self.tr("Social &map"),
            "Ctrl+4",
            lambda: self.social_map_controller.show(),
            self.tr("Sociale kaart: the neighbourhood partners"),
        )
        self.contact_action = self._action(
            self.tr("&New contact"),
            "Ctrl+N",
            self.new_contact,
            self.tr("Record a contact for the chosen case"),
        )
        self.client_action = self._action(
            self.tr("N&ew client"),
            "Ctrl+Shift+N",
            lambda: self.new_client(),
            self.tr("Register a new client (aanmelding)"),
        )
        self.sync_action = self._action(
            self.tr("S&ync"), "F5", self.sync.sync_now, self.tr("Synchronise now")
        )
        self.settings_action = self._action(self.tr("&Settings"), None, self.open_settings)
        self.password_action = self._action(
            self.tr("Change &password…"),
            None,
            self.change_password,
            self.tr("Change the password of your account on the server"),
        )
        self.import_action = self._action(
            self.tr("&Import cases…"),
            None,
            self.import_cases,
            self.tr("Create cases from a CSV file (an existing caseload)"),
        )
        self.lock_action = self._action(self.tr("&Lock"), "Ctrl+L", self.lock)
        self.hide_action = self._action(
            self.tr("&Quick hide"),
            QUICK_HIDE_KEYS,
            self.quick_hide,
            self.tr("Lock and minimise at once"),
        )
        self.hide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        for action in (
            self.today_action,
            self.caseload_action,
            self.week_action,
            self.social_map_action,
        ):
            action.setCheckable(True)
        self.toolbar = QToolBar(self.tr("Main toolbar"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.today_action)
        self.toolbar.addAction(self.caseload_action)
        self.toolbar.addAction(self.week_action)
        self.toolbar.addAction(self.social_map_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.contact_action)
        self.toolbar.addAction(self.client_action)
        self.toolbar.addAction(self.sync_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        # Import and settings share one button: with every page on the bar, the Dutch
        # texts pushed quick hide off a 1024-pixel screen.
        self.more_menu = QMenu(self)
        self.more_menu.addAction(self.import_action)
        self.more_menu.addAction(self.settings_action)
        self.more_menu.addAction(self.password_action)
        self.more_button = QToolButton()
        self.more_button.setText(self.tr("More"))
        self.more_button.setToolTip(self.tr("Import cases, settings"))
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.more_button)
        self.toolbar.addAction(self.lock_action)
        self.toolbar.addAction(self.hide_action)
        self.addToolBar(self.toolbar)
        hide_button = self.toolbar.widgetForAction(self.hide_action)
        if hide_button is not None:
            hide_button.setObjectName("quickHide")

    def _build_status_bar(self) -> None:
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName(self.tr("Busy"))
        self.busy.hide()
        self.busy_label = QLabel(self.tr("Working…"))
        self.busy_label.hide()
        self.sync_label = QLabel()
        self.sync_label.setAccessibleName(self.tr("Sync status"))
        self.user_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.busy)
        bar.addWidget(self.busy_label)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.user_label)

    def _connect(self) -> None:
        self.unlock_screen.unlock_requested.connect(self._unlock)
        self.unlock_screen.create_requested.connect(self._create)
        self.unlock_screen.restore_requested.connect(self._restore_backup)
        self.today.open_case.connect(self.open_case)
        self.caseload.open_case.connect(self.open_case)
        self.week.open_case.connect(self.open_case)
        self.week.week_requested.connect(self._load_week)
        self.caseload.report_search_requested.connect(self._search_reports)
        # Closed cases are fetched only while the caseload shows them.
        self.caseload.show_closed_changed.connect(lambda shown: self.refresh() if shown else None)
        self.case_file.back_requested.connect(self._back)
        self.case_file.record_contact_requested.connect(self.record_contact)
        self.case_file.reveal_address_requested.connect(self._reveal_address)
        self.case_file.export_handover_requested.connect(lambda cid: self.export_handover([cid]))
        self.case_file.export_teamkracht_requested.connect(self.export_teamkracht)
        self.case_file.edit_case_requested.connect(self.edit_case)
        self.caseload.export_handover_requested.connect(self.export_handover)
        self.caseload.export_overview_requested.connect(self.export_overview)
        self.sync.status_changed.connect(self.sync_label.setText)
        self.sync.data_changed.connect(self._sync_brought_changes)
        self.sync.wiped.connect(self._wiped)
        # Any call that hears the server's wipe (the password dialog on the sync thread, an
        # export's outcome figures) erases the vault as a sync does; the team's own runner too.
        for runner in (self.runner, self.sync.runner):
            runner.revoked.connect(self.sync.wipe)

    # --- locked / unlocked -----------------------------------------------------------------

    @property
    def forms(self) -> list[RecordForm]:
        """The open record forms (contact, intake, ...)."""
        return self.form_host.forms

    @property
    def unlocked(self) -> bool:
        return self.session is not None

    def _show_locked(self) -> None:
        for action in self.actions():
            action.setEnabled(False)
        self.hide_action.setEnabled(True)
        self.toolbar.setVisible(False)
        self.user_label.clear()
        self.sync_label.clear()
        if Vault.exists(self.vault_path):
            self.unlock_screen.show_unlock()
        else:
            self.unlock_screen.show_create()
        self.pages.setCurrentWidget(self.unlock_screen)

    def _unlock(self, passphrase: str) -> None:
        self.unlock_screen.set_busy(True)
        path, clock = self.vault_path, self.clock
        self.runner.submit(
            lambda: WorkSession.unlock(path, passphrase, clock=clock),
            self._unlocked,
            self._unlock_failed,
        )

    def _create(self, owner: str, passphrase: str) -> None:
        self.unlock_screen.set_busy(True)
        path, clock, kdf = self.vault_path, self.clock, self.kdf
        path.parent.mkdir(parents=True, exist_ok=True)
        self.runner.submit(
            lambda: WorkSession.create(path, passphrase, owner=owner, kdf=kdf, clock=clock),
            self._unlocked,
            self._unlock_failed,
        )

    def _restore_backup(self, passphrase: str) -> None:
        self.unlock_screen.set_busy(True)
        path, clock = self.vault_path, self.clock
        self.runner.submit(
            lambda: Vault.restore_backup(path, passphrase, clock=clock),
            lambda _restored: self._unlock(passphrase),
            self._unlock_failed,
        )

    def _unlock_failed(self, error: BaseException) -> None:
        self.unlock_screen.offer_restore(
            isinstance(error, VaultCorrupted) and error.backup_made_at is not None
        )
        wait = unlock_wait_seconds(self.vault_path, self.clock.now())
        if isinstance(error, BackoffActive):  # its text names the wait; the countdown shows it
            text = self.tr("Too many wrong passphrases.")
        else:
            text = dutch_message(error)
        self.unlock_screen.show_error(text, wait)

    def _unlocked(self, session: WorkSession) -> None:
        self.session = session
        for action in self.actions():
            action.setEnabled(True)
        self.toolbar.setVisible(True)
        self.user_label.setText(self.tr("Signed in as %1").replace("%1", session.owner))
        self.pages.setCurrentWidget(self.workspace)
        self.show_today()
        self.idle.set_minutes(self.settings.idle_minutes)
        self.idle.start()
        # The dashboard is read and painted while the vault's pages are checked (WorkSession.
        # unlock); the sync, the drafts and the backup begin once the file is proved whole.
        self.refresh()
        self.runner.submit(
            session.prove_whole,
            lambda _: self._proved(session),
            lambda error: self._damaged(session, error),
        )

    def _proved(self, session: WorkSession) -> None:
        if self.session is not session:
            return  # locked meanwhile
        self.sync.start(session.vault)
        self.runner.submit(session.drafts, self._resume_drafts)
        self.runner.submit(session.backup_if_due)  # after the dashboard: unlocking stays quick

    def _damaged(self, session: WorkSession, error: BaseException) -> None:
        """The unlock's page check found the vault file damaged (the vault is locked): back to
        the unlock screen with the error and, where a backup exists, its restore."""
        if self.session is not session or not isinstance(error, VaultCorrupted):
            return  # locked meanwhile (VaultLocked), or unlocked anew: nothing to say
        self.lock()
        self._unlock_failed(error)

    def lock(self) -> None:
        """Clear every case from view and memory, close the vault, show the unlock screen."""
        session = self.session
        if session is None:
            return
        self.idle.stop()
        close_shared_worker()  # the de-identification worker's memory goes with the session
        self.form_host.close_all()  # drafts are queued on the vault thread before the lock
        for dialog in list(self.export_dialogs):
            dialog.done(0)
        self.export_dialogs.clear()
        self.session = None
        self.sync.stop()
        self.board = None
        self.today.clear()
        self.caseload.clear()
        self.week.clear()
        self.social_map.clear()
        self.case_file.clear()
        self.team.clear()
        self.runner.submit(session.lock)
        self._show_locked()

    def quick_hide(self) -> None:
        self.lock()
        self.showMinimized()

    def _wiped(self) -> None:
        self.lock()
        self.unlock_screen.show_create()
        self.unlock_screen.show_error(
            self.tr("This laptop was revoked by your organisation; its vault has been erased.")
        )

    # --- screens ---------------------------------------------------------------------------

    def show_today(self) -> None:
        self._show_page(self.today)

    def show_caseload(self) -> None:
        self._show_page(self.caseload)
        self.caseload.search.setFocus()

    def show_week(self) -> None:
        """The week view, fetched afresh (the week shown, or this week the first time)."""
        self._show_page(self.week)
        self.week.list.setFocus()
        self._load_week(self.week.monday)

    def _load_week(self, monday) -> None:
        session = self.session
        if session is not None:
            self.runner.submit(lambda: session.week(monday), self._show_week)

    def _show_week(self, agenda) -> None:
        if self.session is not None:  # locked meanwhile: show nothing
            self.week.show_week(agenda)

    def _show_page(self, page: QWidget) -> None:
        if page is not self.case_file:
            self._previous_page = page
        self.workspace.setCurrentWidget(page)
        self.today_action.setChecked(page is self.today)
        self.caseload_action.setChecked(page is self.caseload)
        self.week_action.setChecked(page is self.week)
        self.social_map_action.setChecked(page is self.social_map)

    def _back(self) -> None:
        self._show_page(self._previous_page)

    def refresh(self) -> None:
        session = self.session
        if session is not None:
            closed = self.caseload.show_closed.isChecked()
            self.runner.submit(
                lambda: session.dashboard(include_closed=closed), self._show_dashboard
            )
            if self.week.agenda is not None:
                self._load_week(self.week.monday)

    def _show_dashboard(self, board: Dashboard) -> None:
        if self.session is None:
            return  # locked meanwhile: show nothing
        self.board = board
        self.today.show_dashboard(board)
        self.caseload.set_rows(board.caseload + board.closed, board.today)
        self.team.dashboard_shown(board)
        if self.case_file.case_id:
            self.case_file.show_row(self._row(self.case_file.case_id), board.today)

    def _row(self, case_id: str):
        if self.board is None:
            return None
        return next((r for r in self.board.caseload if r.case_id == case_id), None)

    def open_case(self, case_id: str) -> None:
        session = self.session
        if session is not None and case_id:
            self.runner.submit(lambda: session.open_case(case_id), self._show_case)

    def _show_case(self, file: CaseFile) -> None:
        if self.session is None:
            return
        today = self.board.today if self.board else local_date(self.clock.now())
        self.case_file.show_case(file, self._row(file.case.id), today)
        self.team.case_shown(file.case.id)
        self._show_page(self.case_file)

    def _reveal_address(self, case_id: str) -> None:
        session = self.session
        if session is not None:
            self.runner.submit(lambda: session.reveal_address(case_id), self.case_file.show_address)

    def _search_reports(self, term: str) -> None:
        session = self.session
        if session is not None:
            self.runner.submit(
                lambda: session.cases_with_report_text(term),
                lambda ids: self.caseload.set_report_matches(term, ids),
            )

    def _sync_brought_changes(self) -> None:
        self.refresh()
        if self.case_file.case_id and self.workspace.currentWidget() is self.case_file:
            self.open_case(self.case_file.case_id)

    # --- exports ---------------------------------------------------------------------------

    def export_handover(self, case_ids: list[str]) -> None:
        if not case_ids:
            self.statusBar().showMessage(self.tr("No cases to export."), 5000)
            return
        summary = self.tr("%n case(s) in one encrypted PDF.", "", len(case_ids))
        self._ask_export(
            ExportDialog.HANDOVER,
            summary,
            lambda session, r: session.export_handover_pack(
                r.path, case_ids, r.password, r.include_secret_addresses
            ),
        )

    def export_teamkracht(self, case_id: str, discussion_id: str | None = None) -> None:
        """Ask where the teamkracht sheet goes, then show its review (ui/teamkracht_review.py);
        it is written only after the worker confirms. It is made from the discussion
        `discussion_id` (the discussions tab), else the latest prepared one."""
        if self.session is None:
            return
        shared_worker().start()  # the library loads while the worker chooses a file
        summary = self.tr(
            "A de-identified sheet of this case for the team discussion; you review it before "
            "it is written."
        )
        today = self.board.today if self.board else local_date(self.clock.now())
        dialog = ExportDialog(ExportDialog.TEAMKRACHT, summary, today, self)
        dialog.accepted.connect(lambda: self._review_teamkracht(dialog, case_id, discussion_id))
        self._keep_dialog(dialog)

    def _review_teamkracht(
        self, dialog: ExportDialog, case_id: str, discussion_id: str | None
    ) -> None:
        session, request = self.session, dialog.request
        if session is None or request is None:
            return
        self.runner.submit(
            lambda: session.teamkracht_source(case_id, request.question, discussion_id),
            lambda source: self._keep_dialog(
                TeamkrachtReviewDialog(source, request.path, self.deidentify_runner, self)
            ),
            self._show_error,
        )

    def _write_teamkracht(self, path: Path, draft: SheetDraft) -> None:
        session = self.session
        if session is not None:
            self.runner.submit(
                lambda: session.write_teamkracht_sheet(path, draft),
                self._export_done,
                self._show_error,
            )

    def export_overview(self) -> None:
        summary = self.tr("Figures per worker and programme; no client data.")
        self._ask_export(
            ExportDialog.OVERVIEW,
            summary,
            lambda session, r: session.export_team_overview(r.path, r.as_csv, r.period),
        )

    def _ask_export(
        self, kind: str, summary: str, job: Callable[[WorkSession, ExportRequest], object]
    ) -> None:
        if self.session is None:
            return
        today = self.board.today if self.board else local_date(self.clock.now())
        dialog = ExportDialog(kind, summary, today, self)
        dialog.accepted.connect(lambda: self._run_export(dialog, job))
        self._keep_dialog(dialog)

    def _run_export(self, dialog: ExportDialog, job) -> None:
        session, request = self.session, dialog.request
        if session is not None and request is not None:
            self.runner.submit(lambda: job(session, request), self._export_done, self._show_error)

    def _export_done(self, result: ExportResult) -> None:
        if self.session is not None:
            self._keep_dialog(ExportDoneDialog(result, self))

    def _keep_dialog(self, dialog: QDialog) -> None:
        # Modal: lock and quick hide must reach the window from the dialog too.
        dialog.addActions([self.lock_action, self.hide_action])
        if isinstance(dialog, TeamkrachtReviewDialog):
            dialog.write_requested.connect(self._write_teamkracht)
        self.export_dialogs.append(dialog)
        dialog.finished.connect(lambda _code: self._forget_dialog(dialog))
        dialog.open()

    def _forget_dialog(self, dialog: QDialog) -> None:
        if dialog in self.export_dialogs:
            self.export_dialogs.remove(dialog)
        dialog.deleteLater()

    # --- import of an existing caseload (CSV) ----------------------------------------------

    def import_cases(self) -> None:
        """The CSV import dialog; a lock closes it, as it does the export dialogs."""
        session = self.session
        if session is not None:
            dialog = ImportDialog(self.runner, session.casework, self)
            dialog.imported.connect(self._cases_imported)
            self._keep_dialog(dialog)

    def _cases_imported(self, count: int) -> None:
        self.statusBar().showMessage(self.tr("%n case(s) imported.", "", count), 8000)
        self.sync.local_change()
        self.refresh()

    # --- contacts --------------------------------------------------------------------------

    def chosen_case_id(self) -> str | None:
        current = self.workspace.currentWidget()
        if current is self.case_file:
            return self.case_file.case_id
        if current is self.caseload:
            return self.caseload.selected_case_id()
        if current is self.team.page:
            return next(iter(self.team.page.selected_case_ids()), None)
        if current is self.week:
            item = self.week.list.currentItem()
            return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        for panel in self.today.panels():
            case_id = panel.current_case_id()
            if case_id is not None and panel.list.hasFocus():
                return case_id
        return None

    def new_contact(self) -> None:
        case_id = self.chosen_case_id()
        if case_id is None:
            self.statusBar().showMessage(self.tr("Choose a case first."), 5000)
            return
        self.record_contact(case_id)

    def record_contact(self, case_id: str, draft: Draft | None = None) -> None:
        session = self.session
        if session is None:
            return
        self.runner.submit(
            lambda: session.contact_defaults(case_id),
            lambda defaults: self._open_contact_form(defaults, draft),
        )

    def _open_contact_form(self, defaults: ContactDefaults, draft: Draft | None) -> None:
        session = self.session
        if session is None or self.form_host.raise_existing(ContactForm.FORM, defaults.case_id):
            return
        draft_id = draft.id if draft else session.new_id()
        form = ContactForm(defaults, draft_id, draft.payload if draft else None, self)
        self.form_host.open(
            form,
            lambda _contact_id: self._reopen_case_if_shown(defaults.case_id),
            self.tr("Contact saved."),
        )

    def new_client(self, draft: Draft | None = None) -> None:
        """The intake form (one at a time); after saving, the new case opens."""
        open_intake_form(self, draft, self.open_case)

    def edit_case(self, case_id: str, draft: Draft | None = None) -> None:
        """Every field of a case and its people (ui/forms/case_form.py)."""
        open_edit_case_form(self, case_id, draft, self._reopen_case_if_shown)

    def _reopen_case_if_shown(self, case_id: str) -> None:
        """After a save: show the case file again if it shows this case."""
        if self.case_file.case_id == case_id:
            self.open_case(case_id)

    def _resume_drafts(self, drafts: list[Draft]) -> None:
        if self.form_host.resume(drafts):
            self.statusBar().showMessage(self.tr("An unsaved form was restored."), 8000)

    # --- the rest --------------------------------------------------------------------------

    def change_password(self) -> None:
        """The account password dialog (ui/password_dialog.py); a lock closes it."""
        session = self.session
        if session is not None:
            self.runner.submit(lambda: server_link(session.vault), self._open_password_dialog)

    def _open_password_dialog(self, link: ServerLink | None) -> None:
        if self.session is None:
            return
        dialog = PasswordDialog(link, self.sync.runner, self)
        dialog.changed.connect(
            lambda: self.statusBar().showMessage(self.tr("Your password was changed."), 8000)
        )
        self._keep_dialog(dialog)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.idle.set_minutes(self.settings.idle_minutes))
        dialog.open()

    def _show_busy(self, busy: bool) -> None:
        # Shown only when work lasts: quick jobs do not make the bar flicker.
        if busy:
            QTimer.singleShot(150, self._reveal_busy)
        else:
            self.busy.hide()
            self.busy_label.hide()

    def _reveal_busy(self) -> None:
        if self.runner.busy:
            self.busy.show()
            self.busy_label.show()

    def _show_error(self, error: BaseException) -> None:
        self.statusBar().showMessage(dutch_message(error), 10000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.lock()
        self.sync.shutdown()
        self.runner.stop()
        self.deidentify_runner.stop()
        self.team.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        super().closeEvent(event)
