"""Asking where an export goes (and, for a handover pack, its password), and saying once what
was written. The export itself runs on the vault thread (MainWindow)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError, impossible_date
from app.exports.protection import check_password
from app.exports.service import ExportResult, default_file_name
from app.team_overview import Period, check_period, last_full_quarter
from storage.errors import KoersError
from ui.forms.date_fields import DateField


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    password: str | None = None  # None: Koers generates one (handover packs)
    include_secret_addresses: bool = False
    question: str | None = None
    as_csv: bool = False
    period: Period | None = None  # the team overview's period


class ExportDialog(QDialog):
    """One dialog for the three exports; `kind` picks which parts it shows."""

    HANDOVER, TEAMKRACHT, OVERVIEW = "overdracht", "teamkracht", "overzicht"

    def __init__(self, kind: str, summary: str, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(
            {
                self.HANDOVER: self.tr("Export handover pack"),
                self.TEAMKRACHT: self.tr("Export teamkracht sheet"),
                self.OVERVIEW: self.tr("Export team overview"),
            }[kind]
        )
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        # The suggestion is a folder that exists (a fresh account may have no Documents).
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        self.path = QLineEdit(str(folder / default_file_name(kind, f"{today}")))
        self.path.setAccessibleName(self.tr("File to write"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        path_label = QLabel(self.tr("&File"))
        path_label.setBuddy(self.path)
        form.addRow(path_label, where)

        self.generate = QRadioButton(self.tr("Let Koers make a &password (shown once)"))
        self.own = QRadioButton(self.tr("Choose my &own password"))
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        self.secret = QCheckBox(self.tr("Include &secret addresses (written to the access log)"))
        self.question = QLineEdit()
        self.csv = QCheckBox(self.tr("As &CSV for a spreadsheet"))
        self.today = today
        self.period_from, self.period_to = DateField(), DateField()
        if kind == self.HANDOVER:
            self.generate.setChecked(True)
            for field, name in ((self.password, self.tr("PDF password")),
                                (self.repeat, self.tr("Repeat the PDF password"))):  # fmt: skip
                field.setEchoMode(QLineEdit.EchoMode.Password)
                field.setAccessibleName(name)
                field.setEnabled(False)
            self.own.toggled.connect(self.password.setEnabled)
            self.own.toggled.connect(self.repeat.setEnabled)
            form.addRow("", self.generate)
            form.addRow("", self.own)
            password_label = QLabel(self.tr("Pass&word"))
            password_label.setBuddy(self.password)
            repeat_label = QLabel(self.tr("&Repeat"))
            repeat_label.setBuddy(self.repeat)
            form.addRow(password_label, self.password)
            form.addRow(repeat_label, self.repeat)
            form.addRow("", self.secret)
        elif kind == self.TEAMKRACHT:
            self.question.setPlaceholderText(
                self.tr("Empty: the question of the last prepared discussion")
            )
            self.question.setAccessibleName(self.tr("Question for the team"))
            question_label = QLabel(self.tr("&Question"))
            question_label.setBuddy(self.question)
            form.addRow(question_label, self.question)
        else:
            # The period of the outcome figures: the last full quarter unless chosen.
            default = last_full_quarter(today)
            for day_field, day, name, text in (
                (self.period_from, default.start, self.tr("First day of the period"),
                 self.tr("Period f&rom")),
                (self.period_to, default.end, self.tr("Last day of the period"),
                 self.tr("Period &to")),
            ):  # fmt: skip
                day_field.setDate(QDate(day.year, day.month, day.day))
                day_field.setAccessibleName(name)
                day_field.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                label = QLabel(text)
                label.setBuddy(day_field)
                form.addRow(label, day_field)
            self.period_note = QLabel(
                self.tr(
                    "The outcome figures (from the server) count over this period; the process "
                    "figures are as they stand today."
                )
            )
            self.period_note.setWordWrap(True)
            form.addRow("", self.period_note)
            self.csv.toggled.connect(self._switch_suffix)
            form.addRow("", self.csv)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Message"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Export"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.request: ExportRequest | None = None

    def _browse(self) -> None:
        suffix = "*.csv" if self.csv.isChecked() else "*.pdf"
        chosen, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(), suffix)
        if chosen:
            self.path.setText(chosen)

    def _period(self) -> Period:
        """The period typed; raises ValidationError (Dutch message) for a date that does not
        exist, an empty period or one in the future."""
        days = []
        for day_field in (self.period_from, self.period_to):
            typed = day_field.typed_date_problem()
            if typed is not None:
                raise impossible_date(typed, "period")
            shown = day_field.date()
            days.append(date(shown.year(), shown.month(), shown.day()))
        period = Period(days[0], days[1])
        check_period(period, self.today)
        return period

    def _switch_suffix(self, as_csv: bool) -> None:
        path = Path(self.path.text())
        self.path.setText(str(path.with_suffix(".csv" if as_csv else ".pdf")))

    def accept(self) -> None:
        """Check what can be checked here; the export itself checks the rest."""
        text = self.path.text().strip()
        if not text:
            self.error.setText(self.tr("Choose a file to write."))
            return
        folder = Path(text).expanduser().parent
        if not folder.is_dir():
            # Said here, with the dialog still open, not after the export failed.
            self.error.setText(
                self.tr("The folder %1 does not exist. Choose another folder.").replace(
                    "%1", str(folder)
                )
            )
            return
        period = None
        if self.kind == self.OVERVIEW:
            try:
                period = self._period()
            except ValidationError as error:
                self.error.setText(error.message_nl)
                return
        password = None
        if self.kind == self.HANDOVER and self.own.isChecked():
            password = self.password.text()
            if password != self.repeat.text():
                self.error.setText(self.tr("The two passwords differ."))
                return
            try:
                check_password(password)
            except KoersError as error:
                self.error.setText(error.message_nl)
                return
        self.request = ExportRequest(
            path=Path(text).expanduser(),
            password=password,
            include_secret_addresses=self.secret.isChecked(),
            question=self.question.text().strip() or None,
            as_csv=self.csv.isChecked(),
            period=period,
        )
        self.password.clear()
        self.repeat.clear()
        super().accept()


class ExportDoneDialog(QDialog):
    """Says what was written; a generated password is shown here once and nowhere else."""

    def __init__(self, result: ExportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export saved"))
        pages = self.tr("%n page(s)", "", result.pages) if result.pages else self.tr("CSV")
        cases = self.tr("%n case(s)", "", result.cases)
        self.message = QLabel(
            self.tr("Saved: %1 (%2, %3).")
            .replace("%1", str(result.path))
            .replace("%2", cases)
            .replace("%3", pages)
        )
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        if result.note:  # the team overview without the server's outcome figures
            self.note = QLabel(
                self.tr(
                    "Process figures only: the outcome figures come from the server and were "
                    "not available (the first page says why)."
                )
            )
            self.note.setWordWrap(True)
            layout.addWidget(self.note)
        self.password = QLabel(result.generated_password or "")
        if result.generated_password:
            note = QLabel(
                self.tr(
                    "The password of this PDF. It is shown only now: write it down or pass it "
                    "on through another channel than the file."
                )
            )
            note.setWordWrap(True)
            font = QFont("monospace")
            font.setPointSizeF(font.pointSizeF() * 1.6)
            self.password.setFont(font)
            self.password.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.password.setAccessibleName(self.tr("PDF password"))
            layout.addWidget(note)
            layout.addWidget(self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def done(self, result: int) -> None:
        self.password.clear()  # the password leaves the screen with the dialog
        super().done(result)
