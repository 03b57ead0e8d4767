"""Add a partner to the sociale kaart, or change one: organisation, contact person, phone,
what they offer, area. The form base (ui/forms/base.py) gives drafts, undo, Ctrl+Enter and
the Dutch banner; the rules are app/social_map.py's `check_entry`, the ones the CSV import
and the services obey.

A change writes only the fields the worker changed in the form: the values the form opened
with travel in the draft (field "base"), so a colleague's change of another field that
arrived by sync while the form was open (or before a crash) stays.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from app.errors import ValidationError
from app.social_map import FIELDS, SocialMapEntry, check_entry, tidy
from ui.forms.base import RecordForm


@dataclass(frozen=True)
class SocialMapChange:
    """A change of an entry: the entry as typed and the fields the worker changed."""

    entry: SocialMapEntry
    fields: tuple[str, ...]


class _Never(QObject):
    """A signal that never fires: the base values of a change are not an edit."""

    never = Signal()


class SocialMapForm(RecordForm):
    """A new entry (`base` None) or a change of the entry `base`; `entry_id` is the entry's
    id (for a new entry: the id it will be stored under). Saving returns the entry's id."""

    FORM = "social_map_entry"

    def __init__(
        self,
        entry_id: str,
        base: SocialMapEntry | None,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft_id, entry_id, parent)
        self.opened_with = base
        self._base: dict[str, str] | None = _values(base) if base is not None else None
        if base is None:
            self.setWindowTitle(self.tr("New entry – sociale kaart"))
        else:
            self.setWindowTitle(self.tr("Change entry – %1").replace("%1", base.organisation))
        self.setAccessibleName(self.tr("Sociale kaart entry"))
        self.setMinimumWidth(520)

        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(self.tr("e.g. Buurtteam Oost"))
        self.contact_person = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("e.g. 030-1234567"))
        self.offers = QPlainTextEdit()
        self.offers.setTabChangesFocus(True)
        self.offers.setPlaceholderText(self.tr("What they offer, in a few words"))
        self.offers.setMinimumHeight(80)
        self.area = QLineEdit()
        self.area.setPlaceholderText(self.tr("Neighbourhood or area"))

        self.add_row(self.tr("&Organisation"), self.organisation, "organisation")
        self.add_row(self.tr("&Contact person"), self.contact_person, "contact_person")
        self.add_row(self.tr("&Phone"), self.phone, "phone")
        self.add_row(self.tr("What they o&ffer"), self.offers, "offers")
        self.add_row(self.tr("&Area"), self.area, "area")
        self._never = _Never(self)
        self.bind_custom("base", lambda: self._base, self._set_base, self._never.never)
        self.start(payload, focus=self.organisation)

    @property
    def is_change(self) -> bool:
        return self.opened_with is not None

    def _set_base(self, value: Any) -> None:
        """The values the change began from (a draft brings them back); a new entry has
        none. Raises TypeError for a value that is not such a set of values."""
        if not self.is_change:
            if value is not None:  # a change of an entry that is gone (or a damaged draft)
                raise TypeError("a new entry has no base")
            self._base = None
            return
        if not isinstance(value, dict) or not all(
            isinstance(value.get(name), str) for name in FIELDS
        ):
            raise TypeError("the base of a change holds the entry's texts")
        self._base = {name: value[name] for name in FIELDS}

    def default_payload(self) -> dict[str, Any]:
        values = _values(self.opened_with) if self.opened_with is not None else None
        return {**(values or dict.fromkeys(FIELDS, "")), "base": values}

    def entry(self) -> SocialMapEntry:
        """The entry as typed, spaces around each field taken off. Raises ValidationError."""
        p = self.payload()
        return tidy(
            SocialMapEntry(
                id=self.record_id,
                organisation=p["organisation"],
                offers=p["offers"],
                contact_person=p["contact_person"],
                phone=p["phone"],
                area=p["area"],
            )
        )

    def record(self) -> SocialMapEntry | SocialMapChange:
        try:
            entry = self.entry()
            check_entry(entry)
        except ValidationError as error:
            field = getattr(self, error.field, None)
            if isinstance(field, QWidget):
                field.setFocus()
            raise
        if self._base is None:
            return entry
        typed = _values(entry)
        return SocialMapChange(entry, tuple(f for f in FIELDS if typed[f] != self._base[f]))

    @staticmethod
    def persist(session: Any, record: SocialMapEntry | SocialMapChange) -> str:
        if isinstance(record, SocialMapChange):
            session.casework.update_social_map_entry(record.entry, record.fields)
            return record.entry.id
        return session.casework.add_social_map_entry(record)


def _values(entry: SocialMapEntry) -> dict[str, str]:
    """The typed fields of an entry, by name."""
    values = asdict(entry)
    return {name: values[name] for name in FIELDS}
