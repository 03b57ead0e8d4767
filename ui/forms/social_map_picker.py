"""Picking a partner from the sociale kaart wherever one is named (a handover's "to whom",
a case's involved partners).

SocialMapPicker is a line edit with a list under it: typing filters the team's sociale kaart
on organisation, contact person, what they offer and area (every word typed must occur,
upper/lower case and accents ignored); Down opens the list, Enter or a click picks. A name
that is not on the map may be typed as it is (free text). Its value is the pair
(name, social_map_id): the id of the entry the name was picked from, or "" for free text.
The link holds while the text is the picked entry's name; typing another name drops it, and
typing a name exactly as one entry has it links that entry.

The picker reads no vault: the caller gives it the entries (`set_entries`), read on the
vault thread with `Casework.social_map()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from app.social_map import SocialMapEntry, fold, haystack, search_words

translate = QCoreApplication.translate

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_ROLE = Qt.ItemDataRole.UserRole + 3
MAX_OFFERS_SHOWN = 60  # characters of "what they offer" on a line of the list
VISIBLE_ITEMS = 8


def entry_name(entry: SocialMapEntry, with_contact_person: bool = False) -> str:
    """The name a picked entry puts in the field: the organisation, or with
    `with_contact_person` "organisation – contact person" (when it has one)."""
    if with_contact_person and entry.contact_person.strip():
        return f"{entry.organisation} – {entry.contact_person}"
    return entry.organisation


def entry_line(entry: SocialMapEntry) -> str:
    """One line of the list: organisation, contact person, area, and the start of what
    they offer."""
    offers = " ".join(entry.offers.split())
    if len(offers) > MAX_OFFERS_SHOWN:
        offers = offers[: MAX_OFFERS_SHOWN - 1].rstrip() + "…"
    head = entry.organisation
    if entry.contact_person.strip():
        head += f" – {entry.contact_person}"
    return " · ".join(part for part in (head, entry.area.strip(), offers) if part)


class _Matching(QSortFilterProxyModel):
    """The entries whose search text holds every word of `query`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_query(self, query: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.words = list(search_words(query))
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.words = list(search_words(query))
            self.invalidateFilter()

    def filterAcceptsRow(  # noqa: N802 (Qt's name)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        haystack = index.data(SEARCH_ROLE) or ""
        return all(word in haystack for word in self.words)


class _Completer(QCompleter):
    """Shows the filtered list as it is (the proxy filters); a pick puts the entry's name
    in the field, not the whole line of the list."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        return index.data(NAME_ROLE) or ""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        return [""]  # no prefix filtering of its own: every row of the proxy is a candidate


class SocialMapPicker(QLineEdit):
    """A partner's name, typed or picked from the sociale kaart (see the module docstring).

    Signals: link_changed(social_map_id) when the entry the name is linked to changes
    ("" for free text); entry_picked(SocialMapEntry) when an entry is chosen from the list.
    Bind it in a RecordForm as two fields: the name (`text`/`setText`/`textChanged`) and the
    link (`social_map_id`/`set_social_map_id`/`link_changed`)."""

    link_changed = Signal(str)
    entry_picked = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, with_contact_person: bool = False):
        super().__init__(parent)
        self.with_contact_person = with_contact_person
        self._entries: dict[str, SocialMapEntry] = {}
        self._chosen = ""
        self._link = ""
        self.model = QStandardItemModel(self)
        self.matching = _Matching(self)
        self.matching.setSourceModel(self.model)
        self.completer_ = _Completer(self.matching, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(VISIBLE_ITEMS)
        self.completer_.setWidget(self)
        # The overload with the index: the text alone does not tell two same-named entries apart.
        self.completer_.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.popup().setAccessibleName(
            translate("SocialMapPicker", "Partners on the sociale kaart")
        )
        self.setPlaceholderText(
            translate("SocialMapPicker", "Type to search the sociale kaart, or a name")
        )
        self.setToolTip(
            translate(
                "SocialMapPicker",
                "Searches organisation, contact person, offers and area; Down shows the list. "
                "A name not on the sociale kaart may be typed as it is.",
            )
        )
        self.textEdited.connect(self._typed)
        self.textChanged.connect(lambda _text: self._relink())

    # --- entries ---------------------------------------------------------------------------

    def set_entries(self, entries: Iterable[SocialMapEntry]) -> None:
        """The sociale kaart to pick from (sorted as given)."""
        self._entries = {}
        self.model.clear()
        for entry in entries:
            self._entries[entry.id] = entry
            item = QStandardItem(entry_line(entry))
            item.setData(entry.id, ENTRY_ID_ROLE)
            item.setData(haystack(entry), SEARCH_ROLE)
            item.setData(entry_name(entry, self.with_contact_person), NAME_ROLE)
            item.setToolTip("\n".join(x for x in (entry.offers, entry.phone) if x.strip())[:1000])
            item.setEditable(False)
            self.model.appendRow(item)
        self._relink()

    def entries(self) -> list[SocialMapEntry]:
        return list(self._entries.values())

    # --- value -----------------------------------------------------------------------------

    def value(self) -> tuple[str, str]:
        """(name as typed or picked, stripped; the linked entry's id or "")."""
        return self.text().strip(), self._link

    def set_value(self, name: str, social_map_id: str = "") -> None:
        """Show `name`, linked to the entry `social_map_id` when that entry has this name."""
        self.setText(name)
        self.set_social_map_id(social_map_id)

    def social_map_id(self) -> str:
        """The id of the entry the name is linked to, or "" (free text)."""
        return self._link

    def set_social_map_id(self, social_map_id: Any) -> None:
        """Link the shown name to an entry (a draft coming back); raises TypeError for a
        value that is not an id."""
        if social_map_id is None:
            social_map_id = ""
        if not isinstance(social_map_id, str):
            raise TypeError("a social map id is text")
        self._chosen = social_map_id
        self._relink()

    def chosen_entry(self) -> SocialMapEntry | None:
        """The entry the name is linked to, or None."""
        return self._entries.get(self._link)

    # --- typing and picking ----------------------------------------------------------------

    def popup(self) -> QAbstractItemView:
        """The list of entries under the field."""
        popup = self.completer_.popup()
        assert popup is not None
        return popup

    def show_list(self) -> None:
        """Open the list of entries that match what is typed (all of them when nothing is)."""
        self.matching.set_query(self.text())
        if self.matching.rowCount() == 0:
            self.popup().hide()
            return
        self.completer_.complete()
        self.popup().setCurrentIndex(self.completer_.completionModel().index(0, 0))

    def _typed(self, text: str) -> None:
        if text.strip():
            self.show_list()
        else:
            self.popup().hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        popup = self.popup()
        if event.key() == Qt.Key.Key_Down and not popup.isVisible() and self._entries:
            self.show_list()
            return
        super().keyPressEvent(event)

    def _activated(self, index: QModelIndex) -> None:
        entry = self._entries.get(index.data(ENTRY_ID_ROLE))
        if entry is None:
            return
        self._chosen = entry.id
        self.setText(entry_name(entry, self.with_contact_person))
        self._relink()
        self.entry_picked.emit(entry)

    def _relink(self) -> None:
        """Work out the link from the text: the chosen entry while the text is its name,
        else the one entry with exactly this name, else none."""
        text = fold(self.text().strip())
        link = ""
        chosen = self._entries.get(self._chosen)
        if chosen is not None and fold(entry_name(chosen, self.with_contact_person)) == text:
            link = chosen.id
        elif text:
            same = [
                e.id
                for e in self._entries.values()
                if fold(entry_name(e, self.with_contact_person)) == text
            ]
            link = same[0] if len(same) == 1 else ""
        if link != self._link:
            self._link = link
            self.link_changed.emit(link)
