"""Late changes in the case file: work of a previous worker that reached the server after the
case moved (the server keeps it, sync/server/late.py). The new holder and the teamleider see
a banner above the tabs listing each by kind, fields, from whom and when the server received
it, and take them all into the case with one button; the next sync brings the values in.
The values themselves stay on the server until then (the banner names no content)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.rules import LOCAL_TZ
from app.team import LateChange
from ui.formatting import day, one_line

translate = QCoreApplication.translate
# Lines listed before "and N more".
LINES_SHOWN = 5


def late_line(change: LateChange) -> str:
    """One late change in the banner's words: 'Contact (nieuw) 30-11-2026 · van anna,
    ontvangen 30-11-2026 14:02' or 'Casus: telefoon, adres · van anna, ontvangen …'."""
    kind = change.kind_nl
    if change.new_record:
        # A new record: its kind and its own date; every field is new, so none are listed.
        kind = translate("LateChangesPanel", "%1 (new)").replace("%1", kind)
        what = kind + (f" {day(change.record_date)}" if change.record_date else "")
    else:
        fields = ", ".join(change.field_labels[:6]) + (", …" if len(change.fields) > 6 else "")
        what = f"{kind}: {fields}"
    when = (
        change.received_at.astimezone(LOCAL_TZ).strftime("%d-%m-%Y %H:%M")
        if change.received_at is not None
        else ""
    )
    by = (
        translate("LateChangesPanel", "from %1, received %2")
        .replace("%1", change.from_user)
        .replace("%2", when)
    )
    return one_line(f"{what} · {by}", 200)


class LateChangesPanel(QFrame):
    """Hidden while a case has no late changes (or there is no connection to ask)."""

    accept_requested = Signal(str, list)  # case id, late change ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lateChanges")
        self.setStyleSheet(
            "#lateChanges { background:#fff6dc; border:1px solid #d8b24a; border-radius:3px; }"
        )
        self.case_id = ""
        self.changes: list[LateChange] = []
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight:bold;")
        self.heading.setWordWrap(True)
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.accept = QPushButton(self.tr("Appl&y to the case"))
        self.accept.setToolTip(
            self.tr("Accept these changes of the previous worker; the next sync brings them in")
        )
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.lines)
        text.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addWidget(self.accept)
        self.accept.clicked.connect(self._accept)
        self.hide()

    def show_changes(self, case_id: str, changes: list[LateChange]) -> None:
        self.case_id = case_id
        self.changes = list(changes)
        self.message.clear()
        self.message.hide()
        self.accept.setEnabled(True)
        if not changes:
            self.hide()
            return
        self.heading.setText(
            self.tr(
                "%n change(s) of a previous worker arrived after the handover and are not "
                "in the case yet.",
                "",
                len(changes),
            )
        )
        lines = [late_line(c) for c in changes[:LINES_SHOWN]]
        if len(changes) > LINES_SHOWN:
            lines.append(self.tr("and %n more", "", len(changes) - LINES_SHOWN))
        self.lines.setText("\n".join(lines))
        self.show()

    def show_message(self, text: str, *, accepted: bool = False) -> None:
        """After an attempt: what happened (Dutch from app/, or the window's own words).
        Once `accepted`, the button stays off until the sync has brought them in."""
        self.message.setText(text)
        self.message.show()
        self.accept.setEnabled(not accepted)

    def clear(self) -> None:
        self.case_id = ""
        self.changes = []
        self.hide()

    def _accept(self) -> None:
        if self.changes:
            self.accept.setEnabled(False)
            self.accept_requested.emit(self.case_id, [c.id for c in self.changes])
