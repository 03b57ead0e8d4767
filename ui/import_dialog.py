"""Import of an existing caseload from a CSV file, in the window: choose the file, see what
it will create (or, in Dutch, why it is refused, row by row and column by column), and
import it. Reading and checking the file and creating the cases run on the window's vault
thread; the dialog only shows results. The rules live in app/imports.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.casework import Casework
from app.imports import (
    ImportPlan,
    ImportRefused,
    ImportResult,
    import_cases,
    plan_import,
    template_header,
)
from ui.tasks import VaultRunner, dutch_message


class ImportDialog(QDialog):
    """Choose, check and import a caseload CSV. `imported` carries the number of cases
    created; the window refreshes its caseload on it. "Import" is enabled only while the
    checked file is clean and still the one named in the file field."""

    imported = Signal(int)

    def __init__(
        self, runner: VaultRunner, casework: Casework, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.casework = casework
        self.plan: ImportPlan | None = None
        self._open = True
        self.setWindowTitle(self.tr("Import cases"))
        self.setObjectName("importDialog")

        intro = QLabel(
            self.tr(
                "Create cases from a CSV file: semicolon or comma separated, UTF-8, dates as "
                "dd-mm-yyyy. Each row becomes a case, checked as in the intake form. When a "
                "row is wrong the whole file is refused and nothing is written."
            )
        )
        intro.setWordWrap(True)

        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("The CSV file to import"))
        self.path.setAccessibleName(self.tr("File to import"))
        self.path.textEdited.connect(self._path_changed)
        self.path.returnPressed.connect(self.check)
        path_label = QLabel(self.tr("&File"))
        path_label.setBuddy(self.path)
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self._browse)
        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.setToolTip(self.tr("Read the file and show what it will create"))
        self.check_button.clicked.connect(self.check)
        self.template = QPushButton(self.tr("Save &template…"))
        self.template.setToolTip(self.tr("Save an empty CSV file with every column to fill in"))
        self.template.clicked.connect(self._save_template)
        for button in (self.browse, self.check_button, self.template):
            button.setAutoDefault(False)
        file_row = QHBoxLayout()
        file_row.addWidget(path_label)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        file_row.addWidget(self.check_button)

        self.summary = QLabel(self.tr("Choose a file and check it."))
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Result of the check"))
        bold = self.summary.font()
        bold.setBold(True)
        self.summary.setFont(bold)

        self.preview = QTreeWidget()
        self.preview.setObjectName("importPreview")
        self.preview.setAccessibleName(self.tr("Cases to create"))
        self.preview.setHeaderLabels(
            [
                self.tr("Row"),
                self.tr("Name"),
                self.tr("Programme"),
                self.tr("Phase"),
                self.tr("Start"),
                self.tr("Children"),
                self.tr("Screening"),
            ]
        )
        self.preview.setRootIsDecorated(False)
        self.preview.setUniformRowHeights(True)
        self.preview.setAlternatingRowColors(True)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.preview.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.problems = QListWidget()
        self.problems.setObjectName("importProblems")
        self.problems.setAccessibleName(self.tr("Problems in the file"))
        self.problems.setWordWrap(True)
        self.problems.setAlternatingRowColors(True)
        self.problems.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.results = QStackedWidget()
        self.results.addWidget(self.preview)
        self.results.addWidget(self.problems)

        buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.start_import)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.template)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        layout.addLayout(bottom)
        self.setMinimumSize(640, 420)
        self.resize(880, 560)

    # --- checking ------------------------------------------------------------------------

    def check(self) -> None:
        """Read and check the named file on the vault thread; show its plan or problems."""
        text = self.path.text().strip()
        if not text:
            self._refused_with(self.tr("Choose a CSV file to import."))
            return
        path = Path(text).expanduser()
        self._clear()
        self.summary.setText(self.tr("Checking the file…"))
        casework = self.casework
        self._on_vault_thread(lambda: plan_import(casework, path), self._show_plan)

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        counts = ", ".join(f"{name} {count}" for name, count in plan.per_programme().items())
        text = self.tr(
            "%n case(s) will be created (%1). Nothing has been written yet.", "", plan.count
        )
        self.summary.setText(text.replace("%1", counts))
        items = []
        for case in plan.cases:
            screening = case.intake.screening
            risk = ""
            if screening is not None:
                risk = self.tr("situatie %1").replace("%1", str(int(screening.situation)))
                if screening.location_code is not None:
                    risk += f", {screening.location_code.value}"
            start = f"{case.begins_on:%d-%m-%Y}"
            if case.is_aanmelding:
                start = self.tr("aanmelding %1").replace("%1", start)
            item = QTreeWidgetItem(
                [
                    str(case.row),
                    case.display_name,
                    case.programme_name,
                    case.phase_name,
                    start,
                    str(case.children) if case.children else "",
                    risk,
                ]
            )
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        self.preview.addTopLevelItems(items)
        self.results.setCurrentWidget(self.preview)
        self.import_button.setText(self.tr("&Import %n case(s)", "", plan.count))
        self.import_button.setEnabled(True)
        self.import_button.setDefault(True)
        self.import_button.setFocus()

    def _show_refusal(self, error: BaseException) -> None:
        if not isinstance(error, ImportRefused):
            self._refused_with(dutch_message(error))
            return
        self._clear()
        self.summary.setText(
            self.tr(
                "The file cannot be imported: %n problem(s). Nothing has been written. Correct "
                "the file and check it again.",
                "",
                len(error.problems),
            )
        )
        self.problems.addItems([problem.text_nl for problem in error.problems])
        self.results.setCurrentWidget(self.problems)

    def _refused_with(self, message: str) -> None:
        self._clear()
        self.summary.setText(message)
        self.results.setCurrentWidget(self.problems)

    def _path_changed(self) -> None:
        """Another file: the preview no longer says what "Import" would create."""
        if self.plan is not None or self.problems.count():
            self._clear()
            self.summary.setText(self.tr("Choose a file and check it."))

    def _clear(self) -> None:
        self.plan = None
        self.preview.clear()
        self.problems.clear()
        self.import_button.setEnabled(False)
        self.import_button.setDefault(False)
        self.import_button.setText(self.tr("&Import"))

    # --- importing -----------------------------------------------------------------------

    def start_import(self) -> None:
        """Create every case of the checked file in one transaction (vault thread)."""
        plan, casework = self.plan, self.casework
        if plan is None:
            return
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Creating the cases…"))
        self._on_vault_thread(lambda: import_cases(casework, plan), self._imported)

    def _imported(self, result: ImportResult) -> None:
        self.plan = None
        self.imported.emit(result.count)
        self.accept()

    # --- the rest ------------------------------------------------------------------------

    def _browse(self) -> None:
        start = self.path.text() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a CSV file"), start, self.tr("CSV files (*.csv);;All files (*)")
        )
        if chosen:
            self.path.setText(chosen)
            self.check()

    def _save_template(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save template"),
            str(Path(folder or Path.home()) / "koers-caseload.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if chosen:
            self.write_template(Path(chosen))

    def write_template(self, path: Path) -> None:
        """Write the header row (with a BOM, so spreadsheets read it as UTF-8)."""
        try:
            path.write_text("\ufeff" + template_header() + "\r\n", encoding="utf-8")
        except OSError:
            self.summary.setText(self.tr("The template could not be saved there."))
            return
        self.summary.setText(self.tr("Template saved: %1").replace("%1", str(path)))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.path, self.browse, self.check_button):
            widget.setEnabled(not busy)

    def _on_vault_thread(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run `work` on the vault thread with the file controls disabled; then `done` with
        its result, or the refusal shown (neither once the dialog is closed: a lock closes
        it mid-job)."""
        self._set_busy(True)
        self.runner.submit(work, self._alive(done), self._alive(self._show_refusal))

    def _alive(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """`callback` after the controls are enabled again, skipped once the dialog is
        closed."""

        def call(value: Any) -> None:
            if self._open and shiboken6.isValid(self):
                self._set_busy(False)
                callback(value)

        return call

    def done(self, result: int) -> None:
        self._open = False
        self.plan = None  # names of clients leave memory with the dialog
        self.preview.clear()
        self.problems.clear()
        super().done(result)
