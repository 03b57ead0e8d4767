"""What every form of the case file shares: it is about one case (its CaseContext), its
title names the client, and it is built the way the window opens it
(`form(context, draft_id, payload, parent)`, ui/case_file/actions.py)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from app.errors import ValidationError
from app.session import CaseContext
from ui.forms.base import RecordForm, optional_date, parse_date
from ui.forms.date_fields import DateField

CHOOSE = ""  # a picker's first item: nothing chosen yet


def payload_text(value: Any) -> str:
    """A payload's text value without its outer spaces ('' for anything but text: a
    tampered draft)."""
    return value.strip() if isinstance(value, str) else ""


def payload_id(value: Any) -> str:
    """A payload's record id as it is ('' for anything but text)."""
    return value if isinstance(value, str) else ""


def required_date(value: Any, field: str) -> date:
    """A date from a payload (ISO text); raises ValidationError when it is empty."""
    parsed = parse_date(value)
    if parsed is None:
        raise ValidationError(field, "a date is needed", "Vul een datum in.")
    return parsed


def notes_field() -> QPlainTextEdit:
    """A few lines of notes; Tab moves on to the next field."""
    notes = QPlainTextEdit()
    notes.setTabChangesFocus(True)
    notes.setMaximumHeight(90)
    return notes


class CaseRecordForm(RecordForm):
    """A record form about the case in `context` (the case, its programmes, today, the
    worker). A subclass sets FORM (and WIDTH, the minimum width in pixels), builds its
    rows in `build()`, which returns the widget that gets the focus, and implements
    `default_payload`, `record` and `persist` as every RecordForm does."""

    WIDTH: ClassVar[int] = 520

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft_id, context.case.id, parent)
        self.context = context
        self.setMinimumWidth(self.WIDTH)
        self.start(payload, focus=self.build())

    def build(self) -> QWidget:
        """Make and add the form's rows; return the widget that gets the focus."""
        raise NotImplementedError

    def set_title(self, title: str, accessible_name: str | None = None) -> None:
        """ "`title` – client" as the window title; `title` (or `accessible_name`) is what a
        screen reader calls the form."""
        self.setWindowTitle(f"{title} – {self.context.case.display_name}")
        self.setAccessibleName(accessible_name or title)

    def add_hint(self, text: str = "") -> QLabel:
        """A grey line of explanation across the form, below the rows added so far."""
        hint = QLabel(text)
        hint.setObjectName("hintText")
        hint.setWordWrap(True)
        self.add_row("", hint)
        return hint

    def add_date_row(self, label: str, name: str, optional: bool = False) -> DateField:
        """A labelled date field bound as `name`; an `optional` one may be left empty."""
        field = DateField()
        if optional:
            optional_date(field)
        self.add_row(label, field, name)
        return field

    @property
    def today(self) -> str:
        """Today as a date field's payload value (ISO text)."""
        return self.context.today.isoformat()
