"""The one form base every record form shares (STYLE.md, "Forms, the Qt way").

A RecordForm is a dialog whose fields are bound by name. The base gives every form:
- a draft written to the vault DRAFT_DELAY_MS after each edit and restored after a crash
  (the FormHost in ui/forms/host.py stores it on the vault thread);
- undo and redo through a QUndoStack (typing on in one field is one step);
- the Dutch error banner, Ctrl+Enter to save, Esc (or closing) to keep the draft;
- the busy state while the vault thread writes.

A subclass builds its widgets, binds each with `bind(name, widget)` (or `bind_custom`),
and implements `default_payload()` and `record()` (the domain record, which may raise
ValidationError: its Dutch text is shown and nothing is written). `persist(session, record)`
runs on the vault thread and must not touch widgets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextOption, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.drafts import DAMAGED
from app.errors import ValidationError, impossible_date
from app.rules import LOCAL_TZ

DRAFT_DELAY_MS = 400  # a draft is written this long after the last keystroke
EMPTY_DATE = QDate(1900, 1, 1)  # a date field at its minimum shows "–": no date


@dataclass
class Binding:
    """How one named field is read, written and watched."""

    get: Callable[[], Any]
    set: Callable[[Any], None]
    changed: Any  # a Qt signal


class FieldEdit(QUndoCommand):
    """One step of the undo stack: a field went from `before` to `after`. Consecutive edits
    of the same field merge into one step, as typing on in a text does."""

    def __init__(self, form: RecordForm, field: str, before: Any, after: Any) -> None:
        super().__init__(field)
        self.form, self.field, self.before, self.after = form, field, before, after
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, FieldEdit) or other.field != self.field:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._first:  # the widget shows the new value already
            self._first = False
            return
        self.form._set_field(self.field, self.after)

    def undo(self) -> None:
        self.form._set_field(self.field, self.before)


class RecordForm(QDialog):
    """Base of every record form: see the module docstring.

    Signals: save_requested(record, draft_id); draft_changed(draft_id, form_name,
    record_id, payload); discard_requested(draft_id)."""

    FORM: ClassVar[str] = "record"  # the draft's form name; a subclass sets its own
    save_requested = Signal(object, str)
    draft_changed = Signal(str, str, str, dict)
    discard_requested = Signal(str)

    def __init__(self, draft_id: str, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft_id = draft_id
        self.record_id = record_id  # the case (or record) this form is about
        self._bindings: dict[str, Binding] = {}
        self._widgets: dict[str, QWidget] = {}  # the widget of each field bound by `bind`
        self._values: dict[str, Any] = {}
        self._applying = False
        self._draft_stored = False
        self._unapplied: list[str] = []
        self._saving = False
        self.undo_stack = QUndoStack(self)

        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = QLabel()
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.draft_state = QLabel()
        self.draft_state.setObjectName("hintText")

        # The form's own buttons work by shortcut (Ctrl+Enter, Esc, Ctrl+Z, Ctrl+Shift+Z) and
        # Tab, not by Alt-key: every Alt-key stays free for the form's fields.
        self.undo = QPushButton(self.tr("Undo"))
        self.undo.setToolTip(self.tr("Undo the last change in this form (Ctrl+Z)"))
        self.undo.setEnabled(False)
        self.redo = QPushButton(self.tr("Redo"))
        self.redo.setToolTip(self.tr("Redo what was undone (Ctrl+Shift+Z)"))
        self.redo.setEnabled(False)
        self.buttons = QDialogButtonBox()
        self.save = self.buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setToolTip(self.tr("Save (Ctrl+Enter)"))
        self.discard = self.buttons.addButton(
            self.tr("Discard"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.later = self.buttons.addButton(
            self.tr("Keep as draft"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.later.setToolTip(self.tr("Close and keep what you typed (Esc)"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo)
        bottom.addWidget(self.redo)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        self.body = QVBoxLayout()
        self.body.addLayout(self.form_layout)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.draft_state)
        layout.addLayout(bottom)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self).activated.connect(self._save)
        # Ctrl+Z in a text field undoes that field's typing (Qt's own); elsewhere the form's.
        QShortcut(QKeySequence.StandardKey.Undo, self).activated.connect(self.undo_last)
        QShortcut(QKeySequence.StandardKey.Redo, self).activated.connect(self.redo_last)
        self.save.clicked.connect(self._save)
        self.discard.clicked.connect(self._discard)
        self.later.clicked.connect(self.keep_as_draft)
        self.undo.clicked.connect(self.undo_last)
        self.redo.clicked.connect(self.redo_last)
        self.undo_stack.canUndoChanged.connect(self.undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo.setEnabled)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)

    # --- what a subclass gives -------------------------------------------------------------

    def default_payload(self) -> dict[str, Any]:
        """The values a new form starts with, by field name (JSON-able)."""
        raise NotImplementedError

    def record(self) -> Any:
        """The domain record the form describes. Raises ValidationError."""
        raise NotImplementedError

    @staticmethod
    def persist(session: Any, record: Any) -> Any:
        """Write `record` through the session's services (runs on the vault thread)."""
        raise NotImplementedError

    # --- building --------------------------------------------------------------------------

    def add_row(self, label: str, widget: QWidget, name: str | None = None) -> QWidget:
        """A labelled row; `label` carries the mnemonic (&) and becomes the accessible name.
        With `name`, the widget is bound as that field."""
        if label:
            caption = QLabel(label)
            caption.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", ""))
            self.form_layout.addRow(caption, widget)
        else:
            self.form_layout.addRow(widget)
        if name is not None:
            self.bind(name, widget)
        return widget

    def bind(self, name: str, widget: QWidget) -> None:
        """Bind a standard widget as field `name` (values are JSON-able)."""
        self._bindings[name] = _binding_for(widget)
        self._widgets[name] = widget

    def bind_custom(
        self, name: str, get: Callable[[], Any], set_: Callable[[Any], None], changed: Any
    ) -> None:
        """Bind a field whose widget the base does not know (a table of people, ...)."""
        self._bindings[name] = Binding(get, set_, changed)

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        """Fill the fields (from a restored draft, or the defaults) and start watching.
        A draft value a field cannot show (a tampered or damaged draft) leaves that field at
        its default, and the form says part of the draft was lost."""
        defaults = self.default_payload()
        restored = dict(payload) if isinstance(payload, dict) else {}
        damaged = bool(restored.pop(DAMAGED, False)) or (
            payload is not None and not isinstance(payload, dict)
        )
        self._draft_stored = payload is not None
        self._unapplied = []
        self.apply({**defaults, **restored})
        if self._unapplied:
            damaged = True
            self.apply({name: defaults.get(name) for name in self._unapplied})
        self._values = self.payload()
        for name, binding in self._bindings.items():
            binding.changed.connect(lambda *_args, field=name: self._changed(field))
        if damaged:
            self.draft_state.setText(self.tr("Part of the draft could not be restored"))
        elif payload is not None:
            self.draft_state.setText(self.tr("Draft restored"))
        if focus is not None:
            focus.setFocus()

    # --- payload <-> widgets ---------------------------------------------------------------

    def payload(self) -> dict[str, Any]:
        return {name: binding.get() for name, binding in self._bindings.items()}

    def apply(self, payload: dict[str, Any]) -> None:
        """Show `payload` in the fields; a value a field cannot take is left out and its
        name kept in `_unapplied`."""
        self._applying = True
        try:
            for name, value in payload.items():
                if name in self._bindings:
                    try:
                        self._bindings[name].set(value)
                    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
                        self._unapplied.append(name)
        finally:
            self._applying = False

    def _set_field(self, name: str, value: Any) -> None:
        self._applying = True
        try:
            self._bindings[name].set(value)
        finally:
            self._applying = False
        self._values[name] = value
        self._draft_timer.start()

    # --- edits, drafts and undo ------------------------------------------------------------

    def _changed(self, field: str) -> None:
        if self._applying:
            return
        after = self._bindings[field].get()
        before = self._values.get(field)
        if after == before:
            return
        self._values[field] = after
        self.undo_stack.push(FieldEdit(self, field, before, after))
        self.message.clear()
        self._draft_timer.start()

    @property
    def edited(self) -> bool:
        return self.undo_stack.count() > 0

    def undo_last(self) -> None:
        self.undo_stack.undo()

    def redo_last(self) -> None:
        self.undo_stack.redo()

    def flush_draft(self) -> None:
        """Write the draft now (also called before a lock or close). Not while the record
        is being saved: the save drops the draft, and a draft written after it would bring
        the saved record back at the next unlock, to be saved twice."""
        self._draft_timer.stop()
        if self._saving:
            return
        if self.edited or self._draft_stored:
            self.draft_changed.emit(self.draft_id, self.FORM, self.record_id, self.payload())
            self._draft_stored = True
            self.draft_state.setText(self.tr("Draft saved"))

    def keep_as_draft(self) -> None:
        if self._saving:  # the save goes on; the form closes itself when it is done
            return
        self.flush_draft()
        self.done(QDialog.DialogCode.Rejected)

    def reject(self) -> None:  # Escape or closing the window keeps the draft
        self.keep_as_draft()

    def _discard(self) -> None:
        if self._saving:
            return
        self._draft_timer.stop()
        self.discard_requested.emit(self.draft_id)
        self.done(QDialog.DialogCode.Rejected)

    # --- saving ----------------------------------------------------------------------------

    def _save(self) -> None:
        if not self.save.isEnabled():
            return
        try:
            self._check_typed_dates()
            record = self.record()
        except ValidationError as exc:
            self.show_error(exc.message_nl)
            return
        self.set_saving(True)
        self.save_requested.emit(record, self.draft_id)

    def _check_typed_dates(self) -> None:
        """A date typed that does not exist (Qt shows 28-02 for a typed 31-02) is refused,
        not saved as another day. Raises ValidationError and puts the focus there."""
        for field in self.findChildren(QDateTimeEdit):
            problem = getattr(field, "typed_date_problem", None)  # ui/forms/date_fields.py
            typed = problem() if problem is not None else None
            if typed is not None:
                field.setFocus()
                raise impossible_date(typed)

    def set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save.setEnabled(not saving)
        if saving:
            self._draft_timer.stop()
            self.draft_state.setText(self.tr("Saving…"))

    def focus_field(self, field: str) -> None:
        """Put the focus on the field a message is about (ValidationError.field, named as
        the form binds it), so a worker sees which of several texts to mend; a field the
        form does not show leaves the focus where it is."""
        widget = self._widgets.get(field)
        if widget is not None and widget.isEnabled():
            widget.setFocus()

    def show_error(self, text: str) -> None:
        """Show a Dutch message; the input stays and is kept as a draft."""
        self.set_saving(False)
        self.message.setText(text)
        self.flush_draft()


# --- standard widgets -------------------------------------------------------------------------


def _binding_for(widget: QWidget) -> Binding:
    if isinstance(widget, QDateTimeEdit) and not isinstance(widget, QDateEdit):
        return Binding(
            lambda: moment_text(widget),
            lambda v: widget.setDateTime(_qdatetime(v)),
            widget.dateTimeChanged,
        )
    if isinstance(widget, QDateEdit):
        return Binding(
            lambda: date_text(widget),
            lambda v: widget.setDate(qdate_of(v)),
            widget.dateChanged,
        )
    if isinstance(widget, QLineEdit):
        return Binding(widget.text, lambda v: widget.setText(v or ""), widget.textChanged)
    if isinstance(widget, QPlainTextEdit):

        def set_text(value: Any) -> None:
            if widget.toPlainText() != (value or ""):
                fit_wrap(widget, value or "")  # before the text: its first layout counts
                widget.setPlainText(value or "")

        widget.textChanged.connect(lambda: fit_wrap(widget, widget.toPlainText()))
        return Binding(widget.toPlainText, set_text, widget.textChanged)
    if isinstance(widget, QComboBox):
        return Binding(
            widget.currentData,
            lambda v: widget.setCurrentIndex(max(0, _index_of(widget, v))),
            widget.currentIndexChanged,
        )
    if isinstance(widget, QSpinBox):

        def set_number(value: Any) -> None:
            # Clamped first: a number past the field's range (a tampered draft) would
            # overflow inside Qt instead of raising here.
            number = int(value or 0)
            widget.setValue(max(widget.minimum(), min(widget.maximum(), number)))

        return Binding(widget.value, set_number, widget.valueChanged)
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return Binding(widget.isChecked, lambda v: widget.setChecked(bool(v)), widget.toggled)
    if isinstance(widget, QListWidget):
        return Binding(
            lambda: checked_values(widget),
            lambda v: set_checked_values(widget, v or []),
            widget.itemChanged,
        )
    raise TypeError(f"no binding for {type(widget).__name__}")


# A run of this many characters without a space is no word (a pasted link, a blob).
LONG_RUN = re.compile(r"\S{300}")


def fit_wrap(widget: QPlainTextEdit, text: str) -> None:
    """Wrap at word boundaries, unless `text` holds a run of 300 characters without a
    space: Qt's word-boundary wrapping lays such a run out in time that grows with its
    square (100,000 characters: 3 s per box, the window frozen), breaking anywhere in 0.1 s."""
    mode = (
        QTextOption.WrapMode.WrapAnywhere
        if LONG_RUN.search(text)
        else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    )
    if widget.wordWrapMode() != mode:
        widget.setWordWrapMode(mode)


def _index_of(combo: QComboBox, value: Any) -> int:
    """The item whose data equals `value`, or -1; compared in Python, because findData
    hands a value to Qt first (a huge number from a tampered draft overflows there)."""
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


def moment_text(widget: QDateTimeEdit) -> str:
    """The local moment shown, as ISO text with the Amsterdam offset."""
    picked: datetime = widget.dateTime().toPython()  # type: ignore[assignment]
    return picked.replace(tzinfo=LOCAL_TZ).isoformat()


def _qdatetime(value: Any) -> QDateTime:
    moment = datetime.fromisoformat(value).astimezone(LOCAL_TZ)
    return QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )


def date_text(widget: QDateEdit) -> str | None:
    """The date shown as ISO text, or None for an empty date (the field's minimum)."""
    if widget.date() == widget.minimumDate() and widget.specialValueText():
        return None
    picked: date = widget.date().toPython()  # type: ignore[assignment]
    return picked.isoformat()


def qdate_of(value: Any) -> QDate:
    """A QDate of ISO date text; EMPTY_DATE for an empty value."""
    if not value:
        return EMPTY_DATE
    day = date.fromisoformat(value)
    return QDate(day.year, day.month, day.day)


def optional_date(widget: QDateEdit) -> None:
    """Let a date field be empty: its minimum shows as "–" and reads as None."""
    widget.setMinimumDate(EMPTY_DATE)
    widget.setSpecialValueText("–")


def checked_values(widget: QListWidget) -> list[Any]:
    role = Qt.ItemDataRole.UserRole
    return [
        widget.item(i).data(role)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def set_checked_values(widget: QListWidget, values: list[Any]) -> None:
    chosen = set(values)
    role = Qt.ItemDataRole.UserRole
    for i in range(widget.count()):
        item = widget.item(i)
        checked = item.data(role) in chosen
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def parse_date(value: Any) -> date | None:
    """An ISO date text from a payload, or None."""
    return date.fromisoformat(value) if value else None
