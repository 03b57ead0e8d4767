"""Change the account password (the server's, not the vault passphrase) from the window.

Not a RecordForm: nothing of it is ever a draft. The passwords live only in the three
fields until the dialog closes (the fields are cleared then); the server call runs on the
runner the window gives (its sync thread), so neither the window nor a lock ever waits on
the network: a dialog closed meanwhile ignores the answer.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.account_password import (
    MIN_NEW_PASSWORD,
    ServerLink,
    change_account_password,
    check_new_password,
)
from app.errors import ValidationError
from ui.tasks import VaultRunner, dutch_message


class PasswordDialog(QDialog):
    """Current password, new password, repeat; OK asks the server. `changed` is emitted once
    the server took the new password (the dialog then closes)."""

    changed = Signal()

    def __init__(
        self, link: ServerLink | None, runner: VaultRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(440)
        self.runner = runner
        self.busy = False
        self._closed = False

        intro = QLabel(
            self.tr(
                "This is the password of your account on the server: you use it to link a "
                "laptop and to sign in to the beheer console. Your vault passphrase stays "
                "the same."
            )
        )
        intro.setWordWrap(True)
        self.old = self._password_field(self.tr("Current password"))
        self.new = self._password_field(self.tr("New password"))
        self.repeat = self._password_field(self.tr("Repeat new password"))
        self.hint = QLabel(
            self.tr(
                "At least %1 characters; a sentence of a few words is easy to remember."
            ).replace("%1", str(MIN_NEW_PASSWORD))
        )
        self.hint.setObjectName("hintText")
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (
            (self.tr("&Current password"), self.old),
            (self.tr("&New password"), self.new),
            (self.tr("&Repeat new password"), self.repeat),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Change password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        if link is None:
            self.message.setText(
                self.tr(
                    "This laptop is not linked to a server, so there is no account password "
                    "to change here."
                )
            )
            self.ok.setEnabled(False)
        self.old.setFocus()

    def _password_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def submit(self) -> None:
        """Check locally (filled, equal, long enough), then ask the server."""
        if self.busy:
            return
        old, new, repeat = self.old.text(), self.new.text(), self.repeat.text()
        try:
            check_new_password(old, new, repeat)
        except ValidationError as error:
            self._refused(error)
            return
        self._set_busy(True)
        self.message.setText(self.tr("Asking the server…"))
        self.message.setObjectName("hintText")
        self._restyle()
        link = self.link
        self.runner.submit(
            lambda: change_account_password(link, old, new), self._done, self._refused
        )

    def _done(self, _result: object) -> None:
        if self._closed:
            return
        self._set_busy(False)
        self.changed.emit()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        if self._closed:
            return
        self._set_busy(False)
        self.message.setObjectName("errorText")
        self._restyle()
        self.message.setText(dutch_message(error))
        where = getattr(error, "field", "old")
        if where == "old":
            self.old.selectAll()
            self.old.setFocus()
        elif where == "repeat":
            self.repeat.clear()
            self.repeat.setFocus()
        else:
            self.new.selectAll()
            self.new.setFocus()

    def _restyle(self) -> None:
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.ok.setEnabled(not busy and self.link is not None)
        for field in (self.old, self.new, self.repeat):
            field.setReadOnly(busy)

    def done(self, result: int) -> None:  # noqa: D401 - Qt's name
        """Close (also on lock): the passwords leave the fields; an answer still on its way
        is ignored."""
        self._closed = True
        for field in (self.old, self.new, self.repeat):
            field.clear()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for field in (self.old, self.new, self.repeat):
            field.clear()
        super().closeEvent(event)
