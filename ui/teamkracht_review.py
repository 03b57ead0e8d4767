"""The review of a teamkracht sheet before its PDF is written.

The sheet's free texts are shown as they will print: every replacement highlighted (its tag,
"[persoon]", "kind 1" ...), every capitalised word that was kept underlined for a second look.
The worker can blank more (select, then "Blank selection" or the Delete key) and must tick
that they have read it before "Write sheet" is possible. The de-identification runs on the
runner given (a thread of the window) in the worker process (app/exports/deidentify_worker.py),
never on the window's thread.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.exports.deduce_cache import will_build
from app.exports.deidentify import DeidentifiedText
from app.exports.deidentify_worker import shared_worker
from app.exports.teamkracht import Deidentifier, SheetDraft, SheetSource, prepare_sheet
from ui.tasks import VaultRunner, dutch_message

REPLACED = "#ffe58a"  # highlight of a replacement
KEPT = "#c0392b"  # underline of a kept capitalised word


class TeamkrachtReviewDialog(QDialog):
    """Shows the de-identified sheet texts of `source`; emits `write_requested(path, draft)`
    once the worker confirmed. `runner` runs the de-identification (default: the shared
    worker process); the dialog ignores a result that arrives after it closed."""

    write_requested = Signal(object, object)  # Path, SheetDraft

    def __init__(
        self,
        source: SheetSource,
        path: Path,
        runner: VaultRunner,
        parent: QWidget | None = None,
        deidentifier: Deidentifier | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review the teamkracht sheet"))
        self.path = path
        self.draft: SheetDraft | None = None
        self._open = True
        intro = QLabel(
            self.tr(
                "This is the free text of the sheet as it will be printed. Highlighted: what "
                "Koers replaced. Underlined in red: capitalised words it kept. Check them: "
                "select anything that could identify someone and blank it."
            )
        )
        intro.setWordWrap(True)
        # The first sheet on a new install builds the library's word lists: minutes.
        self.status = QLabel(
            self.tr(
                "Building the de-identification word lists once; this takes a few minutes. "
                "Later sheets are quick."
            )
            if will_build()
            else self.tr(
                "Removing names, places and numbers… The first sheet of a session takes a few "
                "seconds."
            )
        )
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("State of the review"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no known end: the worker process answers when it can
        self.busy.setAccessibleName(self.tr("Removing names, places and numbers"))
        self.removed = QLabel()
        self.removed.setWordWrap(True)
        self.removed.setAccessibleName(self.tr("What was removed"))
        self.removed.hide()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName(self.tr("Sheet text as it will be printed"))
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.blank = QPushButton(self.tr("&Blank selection"))
        self.blank.setToolTip(self.tr("Blank the selected words everywhere on the sheet (Delete)"))
        self.blank.clicked.connect(self.blank_selection)
        self.blank.setEnabled(False)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.text, self.blank_selection)
        self.kept = QLabel()
        self.kept.setWordWrap(True)
        self.kept.setAccessibleName(self.tr("Capitalised words kept"))
        self.confirm = QCheckBox(
            self.tr("&I have read the sheet: nothing on it identifies the client or others")
        )
        self.confirm.setEnabled(False)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Message"))
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write = buttons.addButton(
            self.tr("&Write sheet"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.write.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.confirm.toggled.connect(self._update_write)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.blank)
        actions.addWidget(self.kept, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.removed)
        layout.addWidget(self.text, 1)
        layout.addLayout(actions)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumSize(560, 420)
        self.resize(760, 620)
        prepare = deidentifier or shared_worker().deidentify
        runner.submit(lambda: prepare_sheet(source, prepare), self._prepared, self._failed)

    # --- results of the runner -------------------------------------------------------------

    def _prepared(self, draft: SheetDraft) -> None:
        if self._open:
            self.show_draft(draft)

    def _failed(self, error: BaseException) -> None:
        if self._open:
            self.status.hide()
            self.busy.hide()
            self._say(dutch_message(error))

    def _say(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def show_draft(self, draft: SheetDraft) -> None:
        """Show `draft` (after the de-identification, and after each blanking)."""
        self.draft = draft
        self.status.hide()
        self.busy.hide()
        self.removed.setText(draft.heading())
        self.removed.show()
        self.text.setHtml(_review_html(draft.review()))
        kept = list(dict.fromkeys(k.word for _t, part in draft.review() for k in part.kept))
        self.kept.setText(
            self.tr("Capitalised words kept, check them: %1").replace("%1", ", ".join(kept))
            if kept
            else self.tr("No capitalised word was kept.")
        )
        self.blank.setEnabled(True)
        self.confirm.setEnabled(True)
        self._update_write()

    # --- the worker's part ---------------------------------------------------------------

    def blank_selection(self) -> None:
        """Blank the selected words, here and everywhere on the sheet; the confirmation is
        asked again (the sheet changed)."""
        if self.draft is None:
            return
        selected = self.text.textCursor().selectedText().replace("\u2029", " ").strip()
        if not selected:
            self._say(self.tr("Select the words to blank first."))
            return
        self._say("")
        self.confirm.setChecked(False)
        self.show_draft(self.draft.with_blanked([selected]))

    def _update_write(self) -> None:
        self.write.setEnabled(self.draft is not None and self.confirm.isChecked())

    def accept(self) -> None:
        if self.draft is None or not self.confirm.isChecked():
            return
        self.write_requested.emit(self.path, self.draft)
        super().accept()

    def done(self, result: int) -> None:
        self._open = False
        self.text.clear()  # the case's words leave the screen with the dialog
        super().done(result)


def _review_html(parts: list[tuple[str, DeidentifiedText]]) -> str:
    """The texts with replacements highlighted and kept capitalised words underlined."""
    blocks = []
    for title, part in parts:
        marks = [(r.start, r.end, "replaced") for r in part.replacements]
        marks += [(k.start, k.end, "kept") for k in part.kept]
        marks.sort()
        pieces, position = [], 0
        for start, end, kind in marks:
            if start < position:
                continue
            pieces.append(html.escape(part.text[position:start]))
            value = html.escape(part.text[start:end])
            if kind == "replaced":
                pieces.append(f'<span style="background-color:{REPLACED}"><b>{value}</b></span>')
            else:
                pieces.append(
                    f'<span style="text-decoration:underline; color:{KEPT}">{value}</span>'
                )
            position = end
        pieces.append(html.escape(part.text[position:]))
        body = "".join(pieces).replace("\n", "<br>")
        blocks.append(f"<p><b>{html.escape(title)}</b><br>{body}</p>")
    return "".join(blocks) or "<p>—</p>"
