""" "Overdragen aan…": the teamleider picks the receiving worker (and a back-up) from the team's
active workers, writes the reason (it goes into the warm handover note of every case) and
confirms. The dialog only asks; TeamController fetches the workers and sends the handover
on a thread of its own, and tells the dialog how it went. Without a connection the dialog
says so and cannot confirm."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.exports.overzicht_table import team_words
from app.team import check_handover_choice
from sync.protocol import TeamWorkers

# How many case names the dialog lists before it says "and N more".
NAMES_SHOWN = 6


class HandoverDialog(QDialog):
    """Asks whom `names` (the chosen cases' display names) go to, and why."""

    confirmed = Signal(str, str, str)  # worker, back-up worker ("" for none), reason

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hand over cases"))
        self.setObjectName("handoverDialog")
        self.setMinimumWidth(520)
        self.case_ids: list[str] = []
        self.cases = QLabel(self._cases_text(names))
        self.cases.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("errorBanner")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(
            "background:#fbeaea; color:#8f1010; border:1px solid #d9a3a3; padding:6px;"
        )
        self.message.hide()
        self.status = QLabel(self.tr("Fetching the team's workers from the server…"))
        self.worker = QComboBox()
        self.backup = QComboBox()
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            self.tr("Why the case goes to this worker; it goes into the handover note.")
        )
        self.reason.setMinimumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("&Receiving worker:"), self.worker)
        form.addRow(self.tr("&Back-up worker:"), self.backup)
        form.addRow(self.tr("R&eason:"), self.reason)
        self.buttons = QDialogButtonBox()
        self.confirm = QPushButton(self.tr("&Hand over"))
        self.confirm.setDefault(True)
        self.buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setText(self.tr("Cancel"))  # Qt's own text stays English without its .qm
        layout = QVBoxLayout(self)
        layout.addWidget(self.cases)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.confirm.clicked.connect(self._confirm)
        self.cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._confirm)
        self.set_busy(True)

    def _cases_text(self, names: list[str]) -> str:
        shown = ", ".join(names[:NAMES_SHOWN])
        more = len(names) - NAMES_SHOWN
        if more > 0:
            shown += " " + self.tr("and %n more", "", more)
        return self.tr("%n case(s): %1", "", len(names)).replace("%1", shown)

    # --- what the controller tells it --------------------------------------------------------

    def set_workers(self, workers: TeamWorkers, current: set[str]) -> None:
        """The team's active workers; those who hold every chosen case now come last in the
        list (handing a case to its own worker changes only the back-up)."""
        self.status.setText(team_words(workers.team))
        names = [w.name for w in workers.workers]
        ordered = [w for w in workers.workers if w.name not in current]
        ordered += [w for w in workers.workers if w.name in current]
        self.worker.clear()
        self.backup.clear()
        self.backup.addItem(self.tr("(no back-up worker)"), "")
        for worker in ordered:
            label = self.tr("%1 (%n case(s))", "", worker.cases).replace("%1", worker.name)
            self.worker.addItem(label, worker.name)
        for worker in workers.workers:
            label = self.tr("%1 (%n case(s))", "", worker.cases).replace("%1", worker.name)
            self.backup.addItem(label, worker.name)
        self.set_busy(False)
        if not names:
            self.show_error(self.tr("The team has no active workers to hand over to."))
            self.confirm.setEnabled(False)
        self.worker.setFocus()

    def needs_connection(self, message_nl: str) -> None:
        """Offline (or not linked): say so; nothing can be handed over now."""
        self.status.hide()
        self.show_error(message_nl)
        self.set_busy(False)
        for widget in (self.worker, self.backup, self.reason, self.confirm):
            widget.setEnabled(False)
        self.cancel.setFocus()

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.worker, self.backup, self.reason, self.confirm):
            widget.setEnabled(not busy)

    # --- confirming ------------------------------------------------------------------------

    def choice(self) -> tuple[str, str, str]:
        return (
            self.worker.currentData() or "",
            self.backup.currentData() or "",
            self.reason.toPlainText(),
        )

    def _confirm(self) -> None:
        if not self.confirm.isEnabled():
            return
        worker, backup, reason = self.choice()
        try:
            check_handover_choice(worker, backup or None, reason)
        except ValidationError as error:
            self.show_error(error.message_nl)
            return
        self.message.hide()
        self.status.setText(self.tr("Handing over…"))
        self.status.show()
        self.set_busy(True)
        self.confirmed.emit(worker, backup, reason)
