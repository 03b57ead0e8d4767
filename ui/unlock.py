"""The first screen: create a vault (first run) or unlock it. Shows nothing of any case."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.passphrase_strength import LEVELS, strength_level
from storage.keys import MIN_PASSPHRASE_LENGTH


class UnlockScreen(QWidget):
    unlock_requested = Signal(str)
    create_requested = Signal(str, str)  # owner, passphrase
    restore_requested = Signal(str)  # passphrase: put the newest automatic backup back

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockScreen")
        self._creating = False
        self._wait_left = 0
        self._error_text = ""
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.owner = QLineEdit()
        self.owner.setAccessibleName(self.tr("Your name"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Repeat passphrase"))
        self.strength = QProgressBar()
        self.strength.setRange(0, LEVELS - 1)
        self.strength.setTextVisible(False)
        self.strength.setFixedHeight(8)  # a meter, not a box one could type in
        self.strength.setAccessibleName(self.tr("Passphrase strength"))
        self.strength_text = QLabel()
        self.message = _WrappingLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.submit = QPushButton()
        self.submit.setDefault(True)
        self.restore = QPushButton(self.tr("Restore &backup"))
        self.restore.setToolTip(
            self.tr("Replace the damaged vault file with its newest automatic backup")
        )
        self.restore.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._owner_label = QLabel(self.tr("Your &name"))
        self._owner_label.setBuddy(self.owner)
        self._pass_label = QLabel(self.tr("&Passphrase"))
        self._pass_label.setBuddy(self.passphrase)
        self._repeat_label = QLabel(self.tr("&Repeat passphrase"))
        self._repeat_label.setBuddy(self.repeat)
        form.addRow(self._owner_label, self.owner)
        form.addRow(self._pass_label, self.passphrase)
        form.addRow(self._repeat_label, self.repeat)
        self._strength_label = QLabel(self.tr("Strength"))
        form.addRow(self._strength_label, self.strength)
        form.addRow("", self.strength_text)

        card = QFrame()
        card.setObjectName("card")
        self.card = card

        card.setMinimumWidth(440)
        card.setMaximumWidth(560)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 28, 28, 28)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addLayout(form)
        inner.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore)
        buttons.addWidget(self.submit)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.passphrase.textChanged.connect(self._update_strength)
        self.passphrase.returnPressed.connect(self._submit)
        self.repeat.returnPressed.connect(self._submit)
        self.submit.clicked.connect(self._submit)
        self.restore.clicked.connect(self._restore)
        self.show_unlock()

    # --- modes -----------------------------------------------------------------------------

    def show_create(self, owner: str = "") -> None:
        self._creating = True
        self.title.setText(self.tr("Welcome to Koers"))
        self.intro.setText(
            self.tr(
                "Choose a passphrase for your encrypted vault. Without it nobody can read "
                "your cases, not even on a lost laptop. A short sentence is easy to remember "
                "and hard to guess."
            )
        )
        self.owner.setText(owner)
        self.submit.setText(self.tr("Create vault"))
        self._set_create_fields_visible(True)
        self._reset(self.owner if not owner else self.passphrase)
        self._update_strength("")

    def show_unlock(self) -> None:
        self._creating = False
        self.title.setText(self.tr("Koers is locked"))
        self.intro.setText(self.tr("Enter your passphrase to open your caseload."))
        self.submit.setText(self.tr("Unlock"))
        self._set_create_fields_visible(False)
        self._reset(self.passphrase)

    def _set_create_fields_visible(self, visible: bool) -> None:
        for widget in (
            self.owner,
            self._owner_label,
            self.repeat,
            self._repeat_label,
            self.strength,
            self._strength_label,
            self.strength_text,
        ):
            widget.setVisible(visible)

    def _fit_card(self) -> None:
        """Give the card the height its rows need: the box layout sized it by a
        height-for-width answer that undercounted the wrapped intro, and squeezed the
        passphrase fields to half their height."""
        self.card.setMinimumHeight(0)
        layout = self.card.layout()
        assert layout is not None
        layout.activate()
        self.card.setMinimumHeight(self.card.sizeHint().height())

    def _reset(self, focus: QWidget) -> None:
        self._fit_card()
        self.restore.hide()
        self.passphrase.clear()
        self.repeat.clear()
        self.message.clear()
        self.set_busy(False)
        focus.setFocus()

    # --- feedback from the window ----------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        self.submit.setEnabled(not busy and self._wait_left == 0)
        self.passphrase.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Opening the vault…"))

    def show_error(self, text: str, wait_seconds: int = 0) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self._wait_left = wait_seconds
        self._error_text = text
        self.set_busy(False)
        self._show_wait()
        if wait_seconds:
            self._countdown.start()
        self.passphrase.setFocus()

    def _tick(self) -> None:
        self._wait_left = max(0, self._wait_left - 1)
        self._show_wait()
        if self._wait_left == 0:
            self._countdown.stop()
            self.submit.setEnabled(True)

    def _show_wait(self) -> None:
        text = self._error_text
        if self._wait_left:
            text += " " + self.tr("You can try again in %n second(s).", "", self._wait_left)
            self.submit.setEnabled(False)
        self.message.setText(text)

    # --- input -----------------------------------------------------------------------------

    def _update_strength(self, text: str) -> None:
        if not self._creating:
            return
        level = strength_level(text)
        self.strength.setValue(level)
        if not text:  # a hint before the first key, not a verdict
            self.strength_text.setText(
                self.tr(
                    "At least %n characters; a short sentence works well", "", MIN_PASSPHRASE_LENGTH
                )
            )
            return
        names = [
            self.tr("Too short: at least %n characters", "", MIN_PASSPHRASE_LENGTH),
            self.tr("Weak"),
            self.tr("Fair"),
            self.tr("Good"),
            self.tr("Strong"),
        ]
        self.strength_text.setText(names[level])

    def offer_restore(self, offer: bool) -> None:
        """Show "restore backup" when the vault file is damaged and a backup exists."""
        self.restore.setVisible(offer)

    def _restore(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.setText(self.tr("Enter your passphrase to restore the backup."))
            self.passphrase.setFocus()
            return
        self.restore.hide()
        self.restore_requested.emit(passphrase)

    def _submit(self) -> None:
        if not self.submit.isEnabled():
            return
        passphrase = self.passphrase.text()
        if not self._creating:
            if passphrase:
                self.unlock_requested.emit(passphrase)
            return
        problem = self._create_problem(passphrase)
        if problem:
            self._error_text = problem
            self.message.setText(problem)
            return
        self.create_requested.emit(self.owner.text().strip(), passphrase)

    def _create_problem(self, passphrase: str) -> str:
        if not self.owner.text().strip():
            return self.tr("Fill in your name.")
        if len(passphrase) < MIN_PASSPHRASE_LENGTH:
            return self.tr(
                "The passphrase needs at least %n characters.", "", MIN_PASSPHRASE_LENGTH
            )
        if passphrase != self.repeat.text():
            return self.tr("The two passphrases differ.")
        return ""


class _WrappingLabel(QLabel):
    """A word-wrapped label that asks its layout for the height its text needs (a plain
    QLabel keeps the height of its first text, cutting off a longer message)."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        width = self.width() if self.width() > 50 else 380
        self.setMinimumHeight(self.heightForWidth(width) if text else 0)
