"""Date and date-time fields that keep the date typed.

Typing "15-12-2026 10:00" into a plain QDateTimeEdit gave another date: after the two
digits of the day, Qt moves on to the month by itself, and the "-" typed next moves on
again, so the month lands in the year. These fields swallow a separator that follows such
an automatic move, and start typing at the first section when focus arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

SEPARATORS = frozenset("-/:. ")
DATE_FORMAT = "dd-MM-yyyy"
DATE_TIME_FORMAT = "dd-MM-yyyy HH:mm"


class _TypedSections:
    """Mixin for QDateTimeEdit subclasses (it comes first among their bases, so its key and
    focus handlers are the ones Qt calls): separators after an automatic move are ignored."""

    _moved_by_itself = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
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
        super().keyPressEvent(event)  # type: ignore[misc]  # the Qt base after the mixin
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


class DateTimeField(_TypedSections, QDateTimeEdit):
    """A dd-MM-yyyy HH:mm moment with a calendar; typing keeps the moment typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(DATE_TIME_FORMAT)
        self.setCalendarPopup(True)
        self.setDateTime(QDateTime.currentDateTime())
