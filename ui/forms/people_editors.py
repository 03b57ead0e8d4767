"""Editable lists of people for the case forms: adults, children, the person(s) the danger
comes from, involved partners.

A PeopleEditor is a list on the left (with add and remove buttons; Insert and Delete work in
the list too) and the chosen person's fields on the right. Its value is a JSON-able list of
dicts, one per person, each with an "id" made when the person was added, so a form binds it
with `RecordForm.bind_custom(name, editor.value, editor.set_value, editor.changed)` and gets
drafts and undo for free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.casework import new_id
from app.social_map import SocialMapEntry
from app.vocabulary import DangerRelation, PartnerKind
from ui.forms.base import date_text, optional_date, qdate_of
from ui.forms.date_fields import DateField
from ui.forms.social_map_picker import SocialMapPicker

YEAR_PATTERN = r"\d{0,4}"


# Every text below names its context literally, so pyside6-lupdate finds it.
translate = QCoreApplication.translate


def year_edit() -> QLineEdit:
    """A birth-year field: up to four digits; empty means unknown."""
    edit = QLineEdit()
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(YEAR_PATTERN), edit))
    edit.setMaxLength(4)
    edit.setPlaceholderText(translate("PeopleEditor", "e.g. 2015"))
    edit.setMaximumWidth(110)
    return edit


class Kind(Enum):
    """The widget a person's field gets."""

    TEXT = "text"
    LONG = "long"  # a few lines of text
    YEAR = "year"  # a birth year, kept as the text typed
    CHOICE = "choice"  # a closed vocabulary (a combo box)
    PERIOD = "period"  # two optional dates: KEY_from and KEY_until
    # An organisation typed or picked from the sociale kaart (ui/forms/social_map_picker.py):
    # the person's "social_map_id" follows the pick; a pick fills contact person and phone.
    PARTNER = "partner"


@dataclass(frozen=True)
class PersonField:
    """One field of a person: `key` in the person's dict (for PERIOD: the prefix of
    KEY_from and KEY_until), the label with its Alt-key, the kind of widget."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    choices: tuple[tuple[str, str], ...] = ()  # (label shown, value stored) for CHOICE
    placeholder: str = ""


@dataclass(frozen=True)
class EditorTexts:
    """The words of one editor: its list's label (with Alt-key), the add and remove
    buttons (with Alt-keys), and what the empty list says."""

    title: str
    add: str
    remove: str
    empty: str


class PeopleEditor(QWidget):
    """A list of people with the chosen one's fields beside it. `changed` follows every
    edit (a person added, removed or typed in); `value()` / `set_value()` give and take the
    whole list (dicts with "id" and the field keys; dates as ISO text or None)."""

    changed = Signal()

    def __init__(
        self,
        texts: EditorTexts,
        fields: list[PersonField],
        describe: Callable[[dict[str, Any]], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.texts = texts
        self.fields = fields
        self.describe = describe
        self._people: list[dict[str, Any]] = []
        self._loading = False
        self.widgets: dict[str, QWidget] = {}
        self.pickers: list[SocialMapPicker] = []

        self.list = QListWidget()
        self.list.setAccessibleName(texts.title.replace("&", ""))
        self.list.setMinimumWidth(180)
        self.list.installEventFilter(self)
        title = QLabel(texts.title)
        title.setBuddy(self.list)
        self.empty = QLabel(texts.empty)
        self.empty.setObjectName("hintText")
        self.empty.setWordWrap(True)
        self.add = QPushButton(texts.add)
        self.add.setToolTip(self.tr("Add (Insert in the list)"))
        self.remove = QPushButton(texts.remove)
        self.remove.setToolTip(self.tr("Remove the chosen one (Delete in the list)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(self.list, 1)
        left.addWidget(self.empty)
        left.addLayout(buttons)

        self.detail = QWidget()
        form = QFormLayout(self.detail)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(0, 0, 0, 0)
        for spec in fields:
            self._add_field(form, spec)

        right = QVBoxLayout()
        right.addWidget(self.detail)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        self.add.clicked.connect(self.add_person)
        self.remove.clicked.connect(self.remove_person)
        self.list.currentRowChanged.connect(self._show_person)
        self._refresh()

    # --- building --------------------------------------------------------------------------

    def _add_field(self, form: QFormLayout, spec: PersonField) -> None:
        if spec.kind is Kind.PERIOD:
            start, end = DateField(), DateField()
            for edge, widget in (("from", start), ("until", end)):
                optional_date(widget)
                widget.setMinimumWidth(130)
                widget.setDate(widget.minimumDate())
                self.widgets[f"{spec.key}_{edge}"] = widget
                widget.dateChanged.connect(
                    lambda *_a, key=f"{spec.key}_{edge}": self._detail_changed(key)
                )
            plain = spec.label.replace("&", "")
            start.setAccessibleName(self.tr("%1 from").replace("%1", plain))
            end.setAccessibleName(self.tr("%1 until").replace("%1", plain))
            row = QHBoxLayout()
            row.addWidget(start)
            row.addWidget(QLabel(self.tr("until")))
            row.addWidget(end)
            row.addStretch(1)
            caption = QLabel(spec.label)
            caption.setBuddy(start)
            form.addRow(caption, row)
            return
        field: QWidget
        if spec.kind is Kind.PARTNER:
            picker = SocialMapPicker()
            picker.textChanged.connect(lambda *_a, key=spec.key: self._detail_changed(key))
            picker.link_changed.connect(lambda *_a, p=picker: self._link_changed(p))
            picker.entry_picked.connect(self._entry_picked)
            self.pickers.append(picker)
            field = picker
        elif spec.kind is Kind.LONG:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(54)
            text.textChanged.connect(lambda key=spec.key: self._detail_changed(key))
            field = text
        elif spec.kind is Kind.CHOICE:
            combo = QComboBox()
            for label, value in spec.choices:
                combo.addItem(label, value)
            combo.setMaximumWidth(260)
            combo.currentIndexChanged.connect(lambda *_a, key=spec.key: self._detail_changed(key))
            field = combo
        else:
            line = year_edit() if spec.kind is Kind.YEAR else QLineEdit()
            line.textChanged.connect(lambda *_a, key=spec.key: self._detail_changed(key))
            field = line
        if spec.placeholder and isinstance(field, QLineEdit | QPlainTextEdit):
            field.setPlaceholderText(spec.placeholder)
        field.setAccessibleName(spec.label.replace("&", ""))
        self.widgets[spec.key] = field
        caption = QLabel(spec.label)
        caption.setBuddy(field)
        form.addRow(caption, field)

    def set_social_map(self, entries: list[SocialMapEntry] | tuple[SocialMapEntry, ...]) -> None:
        """The sociale kaart the PARTNER fields pick from (read on the vault thread)."""
        with self._quietly():
            for picker in self.pickers:
                picker.set_entries(entries)
        self._refresh()

    # --- value -----------------------------------------------------------------------------

    def value(self) -> list[dict[str, Any]]:
        """The people as dicts (copies), in list order."""
        return [dict(person) for person in self._people]

    def set_value(self, people: list[dict[str, Any]] | None) -> None:
        """Show `people` (from a draft, an undo, or the case); keeps the chosen row."""
        if people is not None and not isinstance(people, list):
            raise TypeError("people come as a list")  # a damaged draft: the form says so
        row = self.list.currentRow()
        self._people = [self._fitting(person) for person in people or []]
        with self._quietly():
            self.list.clear()
            for person in self._people:
                self.list.addItem(QListWidgetItem(self.describe(person)))
        if self._people:
            self.list.setCurrentRow(min(max(row, 0), len(self._people) - 1))
        self._refresh()

    def _fitting(self, person: Any) -> dict[str, Any]:
        """`person` as the fields can show it: a value a field cannot take (a number for
        a name, an unknown choice, a date that is none, a missing id: a tampered draft)
        becomes what a new person has, so saving meets the domain's checks, not a crash."""
        fitted = self.blank()
        if not isinstance(person, dict):
            return fitted
        kinds = {spec.key: spec for spec in self.fields}
        for key, value in person.items():
            spec = kinds.get(key.rsplit("_", 1)[0] if key.endswith(("_from", "_until")) else key)
            if key == "id":
                fits = isinstance(value, str) and bool(value.strip())
            elif spec is None or key not in fitted:  # kept along (a sociale-kaart link)
                fits = value is None or isinstance(value, str)
            elif spec.kind is Kind.CHOICE:
                fits = any(value == choice for _label, choice in spec.choices)
            elif spec.kind is Kind.PERIOD:
                fits = value is None or _is_iso_date(value)
            elif spec.kind is Kind.YEAR:
                fits = isinstance(value, str) and len(value) <= 4 and value.isdigit() or value == ""
            else:
                fits = isinstance(value, str)
            if fits:
                fitted[key] = value
        return fitted

    def blank(self) -> dict[str, Any]:
        """A new person: a fresh id and every field empty (a choice at its first value)."""
        person: dict[str, Any] = {"id": new_id()}  # its record's id
        for spec in self.fields:
            if spec.kind is Kind.PERIOD:
                person[f"{spec.key}_from"] = None
                person[f"{spec.key}_until"] = None
            elif spec.kind is Kind.CHOICE:
                person[spec.key] = spec.choices[0][1] if spec.choices else ""
            else:
                person[spec.key] = ""
        return person

    # --- editing ---------------------------------------------------------------------------

    def add_person(self) -> None:
        """Add a blank person, choose it and put the focus on its first field."""
        self._people.append(self.blank())
        with self._quietly():
            self.list.addItem(QListWidgetItem(self.describe(self._people[-1])))
        self.list.setCurrentRow(len(self._people) - 1)
        self._refresh()
        self.changed.emit()
        first = self.widgets.get(self.fields[0].key) or self.widgets.get(
            f"{self.fields[0].key}_from"
        )
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_person(self) -> None:
        """Take the chosen person out of the list (nothing is written until the form saves)."""
        row = self.list.currentRow()
        if not 0 <= row < len(self._people):
            return
        del self._people[row]
        with self._quietly():
            self.list.takeItem(row)
        if self._people:
            self.list.setCurrentRow(min(row, len(self._people) - 1))
        self._refresh()
        self.changed.emit()
        (self.list if self._people else self.add).setFocus()

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Fill the list or the fields without taking it as the worker's edit."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False

    def _show_person(self, row: int) -> None:
        if self._loading:
            return
        self._refresh()

    def _refresh(self) -> None:
        """Fill the fields with the chosen person (or empty and disabled with none)."""
        row = self.list.currentRow()
        person = self._people[row] if 0 <= row < len(self._people) else None
        self.detail.setEnabled(person is not None)
        self.remove.setEnabled(person is not None)
        self.empty.setVisible(not self._people)
        with self._quietly():
            for key, widget in self.widgets.items():
                _set_widget(widget, (person or {}).get(key))
            for picker in self.pickers:
                picker.set_social_map_id((person or {}).get("social_map_id") or "")

    def _detail_changed(self, key: str) -> None:
        if self._loading:
            return
        row = self.list.currentRow()
        if not 0 <= row < len(self._people):
            return
        widget = self.widgets[key]
        value = _widget_value(widget)
        link = (widget.social_map_id() or None) if isinstance(widget, SocialMapPicker) else None
        person = self._people[row]
        if person.get(key) == value and (
            not isinstance(widget, SocialMapPicker) or person.get("social_map_id") == link
        ):
            return
        person[key] = value
        if isinstance(widget, SocialMapPicker):  # a name typed over a picked one drops the link
            person["social_map_id"] = link
        item = self.list.item(row)
        if item is not None:
            item.setText(self.describe(self._people[row]))
        self.changed.emit()

    def _link_changed(self, picker: SocialMapPicker) -> None:
        """The picked entry changed (a pick, or a name typed that one entry has)."""
        if self._loading:
            return
        row = self.list.currentRow()
        if not 0 <= row < len(self._people):
            return
        link = picker.social_map_id() or None
        if self._people[row].get("social_map_id") != link:
            self._people[row]["social_map_id"] = link
            self.changed.emit()

    def _entry_picked(self, entry: SocialMapEntry) -> None:
        """A partner chosen from the sociale kaart brings its contact person and phone."""
        for key, value in (("contact_person", entry.contact_person), ("phone", entry.phone)):
            widget = self.widgets.get(key)
            if isinstance(widget, QLineEdit) and value.strip():
                widget.setText(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key == Qt.Key.Key_Insert:
                self.add_person()
                return True
            if key == Qt.Key.Key_Delete:
                self.remove_person()
                return True
        return super().eventFilter(watched, event)


def _is_iso_date(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _set_widget(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateField):
        widget.setDate(widget.minimumDate() if not value else qdate_of(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))


def _widget_value(widget: QWidget) -> Any:
    if isinstance(widget, DateField):
        return date_text(widget)
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(type(widget).__name__)


# --- the four editors of a case ---------------------------------------------------------------


def _named(person: dict[str, Any], fallback: str) -> str:
    name = str(person.get("name") or "").strip() or fallback
    year = str(person.get("birth_year") or "").strip()
    return f"{name} ({year})" if year else name


def adults_editor() -> PeopleEditor:
    """Adults of the household: name, birth year, relation to the client."""
    return PeopleEditor(
        EditorTexts(
            translate("PeopleEditor", "A&dults"),
            translate("PeopleEditor", "Add ad&ult"),
            translate("PeopleEditor", "&Remove adult"),
            translate("PeopleEditor", "No other adults in the household."),
        ),
        [
            PersonField("name", translate("PeopleEditor", "&Name")),
            PersonField("birth_year", translate("PeopleEditor", "&Birth year"), Kind.YEAR),
            PersonField(
                "role",
                translate("PeopleEditor", "Relation &to the client"),
                placeholder=translate("PeopleEditor", "e.g. oma"),
            ),
        ],
        lambda p: _named(p, translate("PeopleEditor", "(new adult)")),
    )


def children_editor() -> PeopleEditor:
    """Children: name, birth year, school, who else is involved, their own concerns and
    contact with the father (DOMAIN.md, Kinderen)."""
    return PeopleEditor(
        EditorTexts(
            translate("PeopleEditor", "Childr&en"),
            translate("PeopleEditor", "&Add child"),
            translate("PeopleEditor", "Remove &child"),
            translate("PeopleEditor", "No children in the household."),
        ),
        [
            PersonField("name", translate("PeopleEditor", "Na&me")),
            PersonField("birth_year", translate("PeopleEditor", "Birth &year"), Kind.YEAR),
            PersonField("school", translate("PeopleEditor", "Sch&ool")),
            PersonField("involved", translate("PeopleEditor", "Who else is in&volved")),
            PersonField("safety_concerns", translate("PeopleEditor", "O&wn concerns"), Kind.LONG),
            PersonField(
                "contact_with_father",
                translate("PeopleEditor", "Contact with the &father"),
                Kind.LONG,
            ),
        ],
        lambda p: _named(p, translate("PeopleEditor", "(new child)")),
    )


def danger_editor() -> PeopleEditor:
    """The person(s) the danger comes from: relation, orders with dates, omgangsregeling."""
    relations = tuple((r.label, r.value) for r in DangerRelation)
    labels = {value: label for label, value in relations}

    def describe(p: dict[str, Any]) -> str:
        name = _named(p, translate("PeopleEditor", "(new person)"))
        relation = labels.get(str(p.get("relation") or ""), "")
        return f"{name} – {relation}" if relation else name

    return PeopleEditor(
        EditorTexts(
            translate("PeopleEditor", "Persons &the danger comes from"),
            translate("PeopleEditor", "A&dd person"),
            translate("PeopleEditor", "R&emove person"),
            translate(
                "PeopleEditor",
                "No one named yet. The danger person never appears on a teamkracht sheet.",
            ),
        ),
        [
            PersonField("name", translate("PeopleEditor", "N&ame")),
            PersonField("relation", translate("PeopleEditor", "&Relation"), Kind.CHOICE, relations),
            PersonField("huisverbod", translate("PeopleEditor", "H&uisverbod from"), Kind.PERIOD),
            PersonField(
                "contactverbod", translate("PeopleEditor", "&Contactverbod from"), Kind.PERIOD
            ),
            PersonField(
                "straatverbod", translate("PeopleEditor", "Straatverbod &from"), Kind.PERIOD
            ),
            PersonField(
                "omgangsregeling", translate("PeopleEditor", "&Omgangsregeling"), Kind.LONG
            ),
            PersonField("notes", translate("PeopleEditor", "&Notes"), Kind.LONG),
        ],
        describe,
    )


def partners_editor() -> PeopleEditor:
    """Partners involved: kind, organisation (typed, or picked from the sociale kaart given
    with `set_social_map`: the pick fills contact person and phone and links the partner to
    its entry), contact person, phone."""
    kinds = tuple((k.label, k.value) for k in PartnerKind)

    def describe(p: dict[str, Any]) -> str:
        kind = next((label for label, value in kinds if value == p.get("kind")), "")
        organisation = str(p.get("organisation") or "").strip() or translate(
            "PeopleEditor", "(new partner)"
        )
        return f"{organisation} – {kind}" if kind else organisation

    return PeopleEditor(
        EditorTexts(
            translate("PeopleEditor", "Par&tners involved"),
            translate("PeopleEditor", "&Add partner"),
            translate("PeopleEditor", "&Remove partner"),
            translate(
                "PeopleEditor", "No partners yet (wijkteam, Veilig Thuis, school, huisarts, …)."
            ),
        ),
        [
            PersonField("kind", translate("PeopleEditor", "Kin&d"), Kind.CHOICE, kinds),
            PersonField("organisation", translate("PeopleEditor", "&Organisation"), Kind.PARTNER),
            PersonField("contact_person", translate("PeopleEditor", "&Contact person")),
            PersonField("phone", translate("PeopleEditor", "Pho&ne")),
        ],
        describe,
    )


__all__ = [
    "EditorTexts",
    "Kind",
    "PeopleEditor",
    "PersonField",
    "adults_editor",
    "children_editor",
    "danger_editor",
    "partners_editor",
    "year_edit",
]
