"""Date and date-time fields that keep the date typed.

Typing "15-12-2026 10:00" into a plain QDateTimeEdit gave another date: after the two
digits of the day, Qt moves on to the month by itself, and the "-" typed next moves on
again, so the month lands in the year. These fields swallow a separator that follows such
an automatic move, and start typing at the first section when focus arrives.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

SEPARATORS = frozenset("-/:. ")
# Keys that change a section's value without typing it (the date shown is then the one meant).
ADJUSTING_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Backspace,
    }
)
DATE_FORMAT = "dd-MM-yyyy"
DATE_TIME_FORMAT = "dd-MM-yyyy HH:mm"


class _TypedSections:
    """Mixin for QDateTimeEdit subclasses (it comes first among their bases, so its key and
    focus handlers are the ones Qt calls): separators after an automatic move are ignored."""

    _moved_by_itself = False
    # The digits typed per date section (0 day, 1 month, 2 year) since the date was last
    # set otherwise: Qt turns 31-02 into 28-02 and drops a month 13 without a word, so the
    # form asks `typed_date_problem()` before it saves.
    _typed: dict[int, str] | None = None
    _typed_section = -1
    _in_key = False

    def typed_date_problem(self) -> str | None:
        """The date as typed ("31-02-2026") when it does not exist or is not the date the
        field holds now; None when nothing whole was typed or it is the date shown."""
        edit: QDateTimeEdit = self  # type: ignore[assignment]
        parts = [(self._typed or {}).get(section, "") for section in range(3)]
        if not all(parts):
            return None
        day, shown = self._typed_day(), edit.date()
        if day is not None and day == date(shown.year(), shown.month(), shown.day()):
            return None
        return f"{parts[0]:0>2}-{parts[1]:0>2}-{parts[2]}"

    def _typed_day(self) -> date | None:
        """The whole date typed, if it exists."""
        parts = [(self._typed or {}).get(section, "") for section in range(3)]
        if not all(parts) or len(parts[2]) != 4:
            return None
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            return None

    def _keep_typed_date(self) -> None:
        """Hold the date typed where Qt chose another: 29-02-2028 typed while the year
        still said 2026 became 28-02."""
        edit: QDateTimeEdit = self  # type: ignore[assignment]
        day = self._typed_day()
        if day is None:
            return
        typed = QDate(day.year, day.month, day.day)
        if typed != edit.date() and edit.minimumDate() <= typed <= edit.maximumDate():
            edit.setDate(typed)

    def _set_otherwise(self, *_args: object) -> None:
        """The date changed by the calendar, a draft or undo: nothing typed is pending."""
        if not self._in_key:
            self._typed, self._typed_section = None, -1

    def _note_typed(self, section: int, text: str) -> None:
        if self._typed is None:
            self._typed = {}
        if section != self._typed_section:  # typing into a section starts it afresh
            self._typed[section] = ""
        self._typed[section] = self._typed.get(section, "") + text
        self._typed_section = section

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._in_key = True
        try:
            self._key_pressed(event)
        finally:
            self._in_key = False
        if event.key() in ADJUSTING_KEYS:
            self._set_otherwise()

    def _key_pressed(self, event: QKeyEvent) -> None:
        edit: QDateTimeEdit = self  # type: ignore[assignment]
        text = event.text()
        # An optional field shows "–" (optional_date): a digit starts a date there (today,
        # typed over from the first section), and Delete empties it again.
        empty = bool(edit.specialValueText()) and edit.dateTime() == edit.minimumDateTime()
        if empty and text.isdigit():
            edit.setDateTime(QDateTime.currentDateTime())
            edit.setCurrentSectionIndex(0)
            edit.setSelectedSection(edit.sectionAt(0))
            self._moved_by_itself = False
        elif event.key() == Qt.Key.Key_Delete and edit.specialValueText():
            edit.setDateTime(edit.minimumDateTime())
            event.accept()
            return
        if text and text in SEPARATORS and self._moved_by_itself:
            self._moved_by_itself = False
            event.accept()
            return
        before = edit.currentSectionIndex()
        if text.isdigit() and before < 3:
            self._note_typed(before, text)
        super().keyPressEvent(event)  # type: ignore[misc]  # the Qt base after the mixin
        self._keep_typed_date()
        self._moved_by_itself = (
            bool(text) and text.isdigit() and (edit.currentSectionIndex() != before)
        )

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        edit: QDateTimeEdit = self  # type: ignore[assignment]
        super().focusInEvent(event)  # type: ignore[misc]
        reason = event.reason()
        if reason in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
            Qt.FocusReason.OtherFocusReason,
        ):
            edit.setCurrentSectionIndex(0)
            edit.setSelectedSection(edit.sectionAt(0))
        self._moved_by_itself = False


class DateField(_TypedSections, QDateEdit):
    """A dd-MM-yyyy date with a calendar; typing keeps the date typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setDate(QDate.currentDate())
        self.dateTimeChanged.connect(self._set_otherwise)


class DateTimeField(_TypedSections, QDateTimeEdit):
    """A dd-MM-yyyy HH:mm moment with a calendar; typing keeps the moment typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_TIME_FORMAT)
        self.setCalendarPopup(True)
        self.setDateTime(QDateTime.currentDateTime())
        self.dateTimeChanged.connect(self._set_otherwise)
