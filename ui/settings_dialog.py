"""Settings of the window: idle lock and language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import LANGUAGES
from ui.settings import IDLE_MINUTES_RANGE, UiSettings


class SettingsDialog(QDialog):
    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.idle = QSpinBox()
        self.idle.setRange(*IDLE_MINUTES_RANGE)
        self.idle.setSuffix(self.tr(" minutes"))
        self.idle.setValue(settings.idle_minutes)
        self.idle.setAccessibleName(self.tr("Lock after idle time"))
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(settings.language))
        self.note = QLabel(self.tr("A new language is used from the next start of Koers."))
        self.note.setWordWrap(True)
        form = QFormLayout()
        idle_label = QLabel(self.tr("&Lock after"))
        idle_label.setBuddy(self.idle)
        language_label = QLabel(self.tr("La&nguage"))
        language_label.setBuddy(self.language)
        form.addRow(idle_label, self.idle)
        form.addRow(language_label, self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.idle_minutes = self.idle.value()
        self.settings.language = self.language.currentData()
        self.settings.sync()
        super().accept()
