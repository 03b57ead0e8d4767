"""The case forms: the sections a case is made of (client, address and phone, household,
danger, network), shared by the intake form (ui/forms/intake_form.py) and the edit-case form
here, so both show and check a case the same way.

`CaseForm` builds the tabs and turns their payload into domain values; `EditCaseForm` edits
an existing case and saves only what changed (each changed field journaled, each changed
person written per field), against what the case held when the form was opened.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.case import Address, Case, SafeContact
from app.casework import CaseFile
from app.errors import ValidationError
from app.intake import remove_person, save_person
from app.people import DangerPerson, HouseholdMember, InvolvedPartner, derive_initials
from app.social_map import SocialMapEntry
from app.vocabulary import CaseStatus, DangerRelation, PartnerKind
from ui.forms.base import RecordForm, optional_date, parse_date
from ui.forms.date_fields import DateField
from ui.forms.people_editors import (
    PeopleEditor,
    adults_editor,
    children_editor,
    danger_editor,
    partners_editor,
    year_edit,
)

if TYPE_CHECKING:
    from app.drafts import Draft
    from app.session import WorkSession
    from ui.main_window import MainWindow

Person = HouseholdMember | DangerPerson | InvolvedPartner
W = TypeVar("W", bound=QWidget)
ORDERS = ("huisverbod", "contactverbod", "straatverbod")
ADDRESS_KEYS = ("street", "house_number", "postcode", "town")
SAFE_CONTACT_KEYS = ("may_call", "safe_times", "if_someone_else_answers", "code_word")
# Payload keys that are Case fields as they are (text, yes/no).
PLAIN_CASE_KEYS = (
    "display_name",
    "initials",
    "language",
    "interpreter_needed",
    "backup_worker",
    "phone",
    "secret_address",
)
DATE_CASE_KEYS = ("registered_on", "start_date", "planned_end_date")
PEOPLE_KEYS = ("adults", "children", "danger_persons", "partners")
# What may be typed into the postcode field ("1234 AB", "1234ab"); app/case.py has the rule.
POSTCODE_TYPING = r"[1-9][0-9]{3} ?[A-Za-z]{2}"
DATE_WIDTH = 180  # px: a dd-MM-yyyy date with its calendar button


# --- what the form needs from the vault ---------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeChoice:
    """A programme a new case can start in, with the id of its first phase."""

    id: str
    name: str
    first_phase: str


@dataclass(frozen=True)
class CaseFormContext:
    """What a case form needs to know: today (the vault's clock), the laptop's worker, the
    programmes a case can start in (by name), and the sociale kaart partners are picked
    from."""

    today: date
    worker: str
    programmes: tuple[ProgrammeChoice, ...] = field(default_factory=tuple)
    social_map: tuple[SocialMapEntry, ...] = field(default_factory=tuple)
    # Linked to a server: who holds the case (worker, back-up) is the server's assignment.
    enrolled: bool = False


def case_form_context(session: WorkSession) -> CaseFormContext:
    """Read the context on the vault thread."""
    work = session.casework
    programmes = sorted(work.programmes().values(), key=lambda p: p.name)
    return CaseFormContext(
        today=work.today(),
        worker=session.owner,
        programmes=tuple(ProgrammeChoice(p.id, p.name, p.first_phase.id) for p in programmes),
        social_map=tuple(sorted(work.social_map(), key=lambda e: e.organisation.casefold())),
        enrolled=session.sync_status().enrolled,
    )


# --- payload <-> domain ----------------------------------------------------------------------


def year_value(text: Any, field_name: str) -> int | None:
    """A typed birth year as an int (None when empty). Raises ValidationError."""
    text = str(text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError(
            field_name, "birth year must be a number", "Vul een geboortejaar in cijfers in."
        )
    return int(text)


def normal_postcode(text: str) -> str:
    """ "1234ab" -> "1234 AB" (the checks of app/case.py then apply)."""
    compact = re.sub(r"\s+", "", text).upper()
    if re.fullmatch(r"[0-9]{4}[A-Z]{2}", compact):
        return f"{compact[:4]} {compact[4:]}"
    return text.strip().upper()


def address_from(p: dict[str, Any]) -> Address | None:
    """The address typed, or None when every address field is empty. Raises
    ValidationError for a half-filled address or a bad postcode."""
    if not any(str(p.get(k) or "").strip() for k in ADDRESS_KEYS):
        return None
    return Address(
        street=str(p.get("street") or "").strip(),
        house_number=str(p.get("house_number") or "").strip(),
        postcode=normal_postcode(str(p.get("postcode") or "")),
        town=str(p.get("town") or "").strip(),
    )


def safe_contact_from(p: dict[str, Any]) -> SafeContact:
    """The safe-contact instructions typed (may we call, safe times, ...)."""
    return SafeContact(
        may_call=bool(p.get("may_call")),
        safe_times=str(p.get("safe_times") or "").strip(),
        if_someone_else_answers=str(p.get("if_someone_else_answers") or "").strip(),
        code_word=str(p.get("code_word") or "").strip(),
    )


def case_values(p: dict[str, Any]) -> dict[str, Any]:
    """Every Case field the form edits, as domain values. Raises ValidationError."""
    values: dict[str, Any] = {k: p.get(k) for k in PLAIN_CASE_KEYS}
    for key in ("display_name", "initials", "language", "backup_worker", "phone"):
        values[key] = str(values[key] or "").strip()
    values["language"] = values["language"] or "nl"
    values["interpreter_needed"] = bool(values["interpreter_needed"])
    values["secret_address"] = bool(values["secret_address"])
    values["birth_year"] = year_value(p.get("birth_year"), "birth_year")
    for key in DATE_CASE_KEYS:
        values[key] = parse_date(p.get(key))
    values["address"] = address_from(p)
    values["safe_contact"] = safe_contact_from(p)
    return values


def case_payload(case: Case) -> dict[str, Any]:
    """The form's case keys filled from a stored case."""
    address = case.address
    safe = case.safe_contact
    return {
        "display_name": case.display_name,
        "initials": case.initials,
        "birth_year": "" if case.birth_year is None else str(case.birth_year),
        "language": case.language,
        "interpreter_needed": case.interpreter_needed,
        "backup_worker": case.backup_worker,
        "registered_on": case.registered_on.isoformat() if case.registered_on else None,
        "start_date": case.start_date.isoformat() if case.start_date else None,
        "planned_end_date": (case.planned_end_date.isoformat() if case.planned_end_date else None),
        "street": address.street if address else "",
        "house_number": address.house_number if address else "",
        "postcode": address.postcode if address else "",
        "town": address.town if address else "",
        "secret_address": case.secret_address,
        "phone": case.phone,
        "may_call": safe.may_call,
        "safe_times": safe.safe_times,
        "if_someone_else_answers": safe.if_someone_else_answers,
        "code_word": safe.code_word,
    }


def _text(person: dict[str, Any], key: str) -> str:
    return str(person.get(key) or "").strip()


def member_from(person: dict[str, Any], case_id: str, is_child: bool) -> HouseholdMember:
    """Raises ValidationError (no name, a bad birth year, a child without one)."""
    return HouseholdMember(
        id=str(person["id"]),
        case_id=case_id,
        name=_text(person, "name"),
        is_child=is_child,
        birth_year=year_value(person.get("birth_year"), "household"),
        role="" if is_child else _text(person, "role"),
        school=_text(person, "school") if is_child else "",
        involved=_text(person, "involved") if is_child else "",
        safety_concerns=_text(person, "safety_concerns") if is_child else "",
        contact_with_father=_text(person, "contact_with_father") if is_child else "",
    )


def member_payload(member: HouseholdMember) -> dict[str, Any]:
    """A stored household member as its editor's dict."""
    person: dict[str, Any] = {
        "id": member.id,
        "name": member.name,
        "birth_year": "" if member.birth_year is None else str(member.birth_year),
    }
    if member.is_child:
        person |= {
            "school": member.school,
            "involved": member.involved,
            "safety_concerns": member.safety_concerns,
            "contact_with_father": member.contact_with_father,
        }
    else:
        person["role"] = member.role
    return person


def danger_from(person: dict[str, Any], case_id: str) -> DangerPerson:
    """Raises ValidationError (no name, an order that ends before it starts)."""
    dates = {
        f"{order}_{edge}": parse_date(person.get(f"{order}_{edge}"))
        for order in ORDERS
        for edge in ("from", "until")
    }
    return DangerPerson(
        id=str(person["id"]),
        case_id=case_id,
        name=_text(person, "name"),
        relation=DangerRelation(person.get("relation") or DangerRelation.EX_PARTNER.value),
        omgangsregeling=_text(person, "omgangsregeling"),
        notes=_text(person, "notes"),
        **dates,
    )


def danger_payload(person: DangerPerson) -> dict[str, Any]:
    """A stored danger person as its editor's dict (dates as ISO text or None)."""
    found: dict[str, Any] = {
        "id": person.id,
        "name": person.name,
        "relation": person.relation.value,
        "omgangsregeling": person.omgangsregeling,
        "notes": person.notes,
    }
    for order in ORDERS:
        for edge in ("from", "until"):
            day = getattr(person, f"{order}_{edge}")
            found[f"{order}_{edge}"] = day.isoformat() if day else None
    return found


def partner_from(person: dict[str, Any], case_id: str) -> InvolvedPartner:
    """Raises ValidationError (no organisation)."""
    return InvolvedPartner(
        id=str(person["id"]),
        case_id=case_id,
        kind=PartnerKind(person.get("kind") or PartnerKind.WIJKTEAM.value),
        organisation=_text(person, "organisation"),
        contact_person=_text(person, "contact_person"),
        phone=_text(person, "phone"),
        social_map_id=person.get("social_map_id") or None,
    )


def partner_payload(partner: InvolvedPartner) -> dict[str, Any]:
    """A stored partner as its editor's dict (the sociale-kaart link kept)."""
    return {
        "id": partner.id,
        "kind": partner.kind.value,
        "organisation": partner.organisation,
        "contact_person": partner.contact_person,
        "phone": partner.phone,
        "social_map_id": partner.social_map_id,
    }


def people_from(p: dict[str, Any], case_id: str) -> dict[str, list[Person]]:
    """The people typed, per editor. Raises ValidationError."""
    return {
        "adults": [member_from(a, case_id, False) for a in p.get("adults") or []],
        "children": [member_from(c, case_id, True) for c in p.get("children") or []],
        "danger_persons": [danger_from(d, case_id) for d in p.get("danger_persons") or []],
        "partners": [partner_from(x, case_id) for x in p.get("partners") or []],
    }


def people_payload(file: CaseFile) -> dict[str, list[dict[str, Any]]]:
    """The people of a case file, per editor."""
    return {
        "adults": [member_payload(m) for m in file.members if not m.is_child],
        "children": [member_payload(m) for m in file.members if m.is_child],
        "danger_persons": [danger_payload(d) for d in file.danger_persons],
        "partners": [partner_payload(x) for x in file.partners],
    }


# --- the shared form -------------------------------------------------------------------------


def _scrolled(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class CaseForm(RecordForm):
    """The sections of a case as tabs: Client, Address and phone, Household, Danger,
    Network. A subclass adds its own parts, then calls `start(payload, focus=self.name)`."""

    def __init__(
        self,
        context: CaseFormContext,
        draft_id: str,
        case_id: str,
        *,
        with_programme: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(draft_id, case_id, parent)
        self.context = context
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.body.addWidget(self.tabs, 1)
        self._client_tab(with_programme)
        self._address_tab()
        self._household_tab()
        self._danger_tab()
        self._network_tab()
        self.name.textChanged.connect(self._show_derived_initials)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 980, 660
        if screen is not None:
            width, height = min(width, screen.width() - 24), min(height, screen.height() - 48)
        self.resize(width, height)

    # --- building --------------------------------------------------------------------------

    def row(self, layout: QFormLayout, label: str, widget: W, name: str) -> W:
        """A labelled, bound row in one of the tabs (what `add_row` is for the base)."""
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", ""))
        if isinstance(widget, DateField):
            widget.setMaximumWidth(DATE_WIDTH)
        layout.addRow(caption, widget)
        self.bind(name, widget)
        return widget

    def check(self, layout: QFormLayout, text: str, name: str) -> QCheckBox:
        """A bound check box (its text carries the Alt-key)."""
        box = QCheckBox(text)
        layout.addRow("", box)
        self.bind(name, box)
        return box

    def add_tab(self, title: str, *parts: QWidget) -> QWidget:
        """A tab with `parts` side by side (each at the top of its column), scrollable."""
        page = QWidget()
        layout = QHBoxLayout(page)
        for part in parts:
            column = QVBoxLayout()
            column.addWidget(part)
            column.addStretch(1)
            layout.addLayout(column, 1)
        self.tabs.addTab(_scrolled(page), title)
        return page

    @staticmethod
    def group(title: str) -> tuple[QGroupBox, QFormLayout]:
        """A titled box with a form layout (the title has no Alt-key: it is no control)."""
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    def _client_tab(self, with_programme: bool) -> None:
        person, form = self.group(self.tr("Client"))
        self.name = self.row(form, self.tr("&Name"), QLineEdit(), "display_name")
        self.initials = self.row(form, self.tr("Initials &or pseudonym"), QLineEdit(), "initials")
        self.initials.setToolTip(
            self.tr("Used in case discussions. Left empty: derived from the name.")
        )
        self.birth_year = self.row(form, self.tr("Birth &year"), year_edit(), "birth_year")
        self.birth_year.setPlaceholderText(self.tr("e.g. 1988"))
        self.language = self.row(form, self.tr("Lang&uage"), QLineEdit(), "language")
        self.language.setPlaceholderText(self.tr("nl, en, ar, tr, …"))
        self.language.setMaximumWidth(200)
        self.interpreter = self.check(form, self.tr("In&terpreter needed"), "interpreter_needed")

        course, form = self.group(
            self.tr("Aanmelding and programme")
            if with_programme
            else self.tr("Dates and programme")
        )
        self.course_form = form
        self.registered_on = self.row(
            form, self.tr("&Aanmelding date"), DateField(), "registered_on"
        )
        self.start_date = self.row(form, self.tr("Start &date"), DateField(), "start_date")
        optional_date(self.start_date)
        self.start_date.setToolTip(self.tr("Empty: the case stays an aanmelding until it starts."))
        self.planned_end = self.row(
            form, self.tr("Planned &end date"), DateField(), "planned_end_date"
        )
        optional_date(self.planned_end)
        self.programme = QComboBox()
        for choice in self.context.programmes:
            self.programme.addItem(choice.name, choice.id)
        if with_programme:
            self.programme.setMaximumWidth(320)
            self.row(form, self.tr("P&rogramme"), self.programme, "programme_id")
        else:
            self.programme.hide()
            self.programme_text = QLabel()
            self.programme_text.setObjectName("hintText")
            self.programme_text.setWordWrap(True)
            form.addRow(self.tr("Programme"), self.programme_text)
        self.backup_worker = self.row(
            form, self.tr("&Back-up worker"), QLineEdit(), "backup_worker"
        )
        if self.context.enrolled:
            self.backup_worker.setReadOnly(True)
            self.backup_worker.setToolTip(
                self.tr("Set on the server when the teamleider assigns the case.")
            )
        self.client_page = self.add_tab(self.tr("C&lient"), person, course)

    def _address_tab(self) -> None:
        where, form = self.group(self.tr("Address"))
        self.street = self.row(form, self.tr("St&reet"), QLineEdit(), "street")
        self.house_number = self.row(form, self.tr("Ho&use number"), QLineEdit(), "house_number")
        self.house_number.setMaximumWidth(140)
        self.postcode = self.row(form, self.tr("P&ostcode"), QLineEdit(), "postcode")
        self.postcode.setValidator(
            QRegularExpressionValidator(QRegularExpression(POSTCODE_TYPING), self.postcode)
        )
        self.postcode.setPlaceholderText(self.tr("1234 AB"))
        self.postcode.setMaximumWidth(140)
        self.town = self.row(form, self.tr("To&wn"), QLineEdit(), "town")
        self.secret = self.check(form, self.tr("Secret &address (geheim adres)"), "secret_address")
        self.secret.setToolTip(
            self.tr("A secret address is masked everywhere; showing it is logged.")
        )
        self.secret_hint = QLabel()
        self.secret_hint.setObjectName("hintText")
        self.secret_hint.setWordWrap(True)
        form.addRow("", self.secret_hint)

        reach, form = self.group(self.tr("Phone and safe contact"))
        self.phone = self.row(form, self.tr("Pho&ne"), QLineEdit(), "phone")
        self.may_call = self.check(form, self.tr("We &may call"), "may_call")
        self.safe_times = self.row(form, self.tr("Safe &times"), QLineEdit(), "safe_times")
        self.safe_times.setPlaceholderText(self.tr("e.g. weekdays 9–12"))
        self.someone_else = self.row(
            form,
            self.tr("If someone &else answers"),
            QLineEdit(),
            "if_someone_else_answers",
        )
        self.code_word = self.row(form, self.tr("&Code word"), QLineEdit(), "code_word")
        self.address_page = self.add_tab(self.tr("Address and &phone"), where, reach)

    def _editor_tab(self, title: str, *editors: tuple[str, PeopleEditor]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        for name, editor in editors:
            self.bind_custom(name, editor.value, editor.set_value, editor.changed)
            layout.addWidget(editor, 1)
        self.tabs.addTab(_scrolled(page), title)
        return page

    def _household_tab(self) -> None:
        self.adults_editor = adults_editor()
        self.children_editor = children_editor()
        self.household_page = self._editor_tab(
            self.tr("&Household"),
            ("adults", self.adults_editor),
            ("children", self.children_editor),
        )

    def _danger_tab(self) -> None:
        self.danger_editor = danger_editor()
        self.danger_page = self._editor_tab(
            self.tr("Dan&ger"), ("danger_persons", self.danger_editor)
        )

    def _network_tab(self) -> None:
        self.partners_editor = partners_editor()
        self.partners_editor.set_social_map(self.context.social_map)
        self.network_page = self._editor_tab(
            self.tr("Networ&k"), ("partners", self.partners_editor)
        )

    # --- behaviour -------------------------------------------------------------------------

    def _show_derived_initials(self, name: str) -> None:
        derived = derive_initials(name)
        self.initials.setPlaceholderText(
            self.tr("%1 (from the name)").replace("%1", derived) if derived else ""
        )

    def case_defaults(self) -> dict[str, Any]:
        """An empty case: aanmelding today, not started, no people."""
        return {
            "display_name": "",
            "initials": "",
            "birth_year": "",
            "language": "nl",
            "interpreter_needed": False,
            "backup_worker": "",
            "registered_on": self.context.today.isoformat(),
            "start_date": None,
            "planned_end_date": None,
            "street": "",
            "house_number": "",
            "postcode": "",
            "town": "",
            "secret_address": False,
            "phone": "",
            "may_call": False,  # only a worker's yes: a call can endanger a client
            "safe_times": "",
            "if_someone_else_answers": "",
            "code_word": "",
            "adults": [],
            "children": [],
            "danger_persons": [],
            "partners": [],
        }

    def field_widget(self, field_name: str) -> QWidget | None:
        """The widget to show for a domain error about `field_name`."""
        if field_name == "address":
            filled = self.street.text().strip() and self.town.text().strip()
            return self.postcode if filled else self.street
        household = self.children_editor if self.children_editor.value() else self.adults_editor
        if field_name in ORDERS or field_name == "danger_person":
            return self.danger_editor.list
        return {
            "display_name": self.name,
            "initials": self.initials,
            "birth_year": self.birth_year,
            "registered_on": self.registered_on,
            "start_date": self.start_date,
            "planned_end_date": self.planned_end,
            "household": household.list,
            "partners": self.partners_editor.list,
        }.get(field_name)

    def reveal(self, widget: QWidget | None) -> None:
        """Show the tab holding `widget` and put the focus there."""
        if widget is None:
            return
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
                break
        widget.setFocus()

    def checked(self, build: Any) -> Any:
        """Run `build()`; on a ValidationError show where it is, and raise it on."""
        try:
            return build()
        except ValidationError as exc:
            self.reveal(self.field_widget(exc.field))
            raise


# --- editing an existing case --------------------------------------------------------------


@dataclass(frozen=True)
class CaseEdit:
    """What an edit of a case changes: Case fields (name -> new value), people added or
    changed (with the names of the fields changed; None for a new person), and people
    removed (by type and id)."""

    case_id: str
    case_changes: dict[str, Any]
    saved: tuple[tuple[Person, tuple[str, ...] | None], ...] = ()
    removed: tuple[tuple[type, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.case_changes or self.saved or self.removed)


def _person_changes(
    before: list[dict[str, Any]], after: list[Person], after_payload: list[dict[str, Any]]
) -> tuple[list[tuple[Person, tuple[str, ...] | None]], list[str]]:
    """People added or changed (with the names of the fields changed: an editor's keys are
    the record's field names) and the ids of people removed."""
    old = {str(p["id"]): p for p in before}
    saved: list[tuple[Person, tuple[str, ...] | None]] = []
    for person, typed in zip(after, after_payload, strict=True):
        previous = old.get(person.id)
        if previous is None:
            saved.append((person, None))
            continue
        keys = {k for k in set(typed) | set(previous) if typed.get(k) != previous.get(k)}
        fields = tuple(sorted(keys - {"id"}))
        if fields:
            saved.append((person, fields))
    kept = {p.id for p in after}
    return saved, [pid for pid in old if pid not in kept]


def rebase(
    draft: dict[str, Any], baseline: dict[str, Any], current: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A restored edit draft against the case as it is now: a field the worker did not
    touch (draft equals its baseline) shows the current value, and its baseline moves with
    it; a touched field keeps the worker's value and its old baseline. Returns the draft
    and baseline to continue with."""
    draft, baseline = dict(draft), dict(baseline)
    for key, now in current.items():
        if key in draft and draft[key] == baseline.get(key):
            draft[key] = now
            baseline[key] = now
    return draft, baseline


class EditCaseForm(CaseForm):
    """Every case field and the case's people, as stored; saving writes only what the worker
    changed, so a field another laptop changed meanwhile is not overwritten. Programme,
    phase and status are changed elsewhere (their own dialogs). A secret address is masked
    until "Toon adres" (`reveal_requested(case_id)`; the window logs it, then calls
    `show_address`)."""

    FORM = "edit_case"
    reveal_requested = Signal(str)

    def __init__(
        self,
        context: CaseFormContext,
        file: CaseFile,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, draft_id, file.case.id, with_programme=False, parent=parent)
        self.file = file
        self.case = file.case
        self.setWindowTitle(self.tr("Edit case – %1").replace("%1", file.case.display_name))
        self.setAccessibleName(self.tr("Edit case"))
        optional_date(self.registered_on)
        self.programme_text.setText(
            self.tr("%1 – change it with the Programme button of the case file.").replace(
                "%1",
                next(
                    (p.name for p in context.programmes if p.id == file.case.programme_id),
                    file.case.programme_id,
                ),
            )
        )
        if file.case.secret_address:
            self._mask_address()
        if file.case.status is not CaseStatus.AANMELDING:
            self.start_date.setEnabled(False)
            self.start_date.setToolTip(
                self.tr("The case has started; its start date stays as it is.")
            )
        # What the case held when the form was first opened: a restored draft keeps it, so
        # a change synced meanwhile is not undone by fields the worker did not touch.
        self.baseline: dict[str, Any] = self.default_payload()
        if payload is not None and isinstance(payload.get("baseline"), dict):
            payload, self.baseline = rebase(payload, payload["baseline"], self.baseline)
        self.start(payload, focus=self.name)

    def default_payload(self) -> dict[str, Any]:
        return {**case_payload(self.case), **people_payload(self.file)}

    # --- a secret address stays masked until shown on purpose (and logged) -----------------

    def _mask_address(self) -> None:
        """Show the address fields as dots, with "Toon adres" to see and change them; the
        stored values stay in the fields, so saving changes nothing the worker did not."""
        self.address_fields = (self.street, self.house_number, self.postcode, self.town)
        for line in self.address_fields:
            line.setEchoMode(QLineEdit.EchoMode.Password)
            line.setReadOnly(True)
        self.reveal_address = QPushButton(self.tr("S&how address"))
        self.reveal_address.setToolTip(
            self.tr(
                "Shows the secret address to see or change it; this is written to the access log"
            )
        )
        self.reveal_address.clicked.connect(lambda: self.reveal_requested.emit(self.case.id))
        box = self.street.parentWidget()
        layout = box.layout() if box is not None else None
        if isinstance(layout, QFormLayout):
            layout.insertRow(0, "", self.reveal_address)

    def show_address(self) -> None:
        """The reveal was logged: show the address and let the worker change it."""
        for line in getattr(self, "address_fields", ()):
            line.setEchoMode(QLineEdit.EchoMode.Normal)
            line.setReadOnly(False)
        if hasattr(self, "reveal_address"):
            self.reveal_address.hide()
            self.street.setFocus()

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), "baseline": getattr(self, "baseline", {})}

    def record(self) -> CaseEdit:
        p = self.payload()
        base = self.baseline
        values = self.checked(lambda: case_values(p))
        candidate: Case = self.checked(lambda: replace(self.case, **values))
        changed: set[str] = set()
        for key in (*PLAIN_CASE_KEYS, "birth_year", *DATE_CASE_KEYS):
            if p.get(key) != base.get(key):
                changed.add(key)
        if any(p.get(k) != base.get(k) for k in ADDRESS_KEYS):
            changed.add("address")
        if any(p.get(k) != base.get(k) for k in SAFE_CONTACT_KEYS):
            changed.add("safe_contact")
        case_changes = {name: getattr(candidate, name) for name in sorted(changed)}
        people = self.checked(lambda: people_from(p, self.case.id))
        saved: list[tuple[Person, tuple[str, ...] | None]] = []
        removed: list[tuple[type, str]] = []
        for key, cls in (
            ("adults", HouseholdMember),
            ("children", HouseholdMember),
            ("danger_persons", DangerPerson),
            ("partners", InvolvedPartner),
        ):
            added, gone = _person_changes(base.get(key) or [], people[key], p.get(key) or [])
            saved += added
            removed += [(cls, pid) for pid in gone]
        return CaseEdit(self.case.id, case_changes, tuple(saved), tuple(removed))

    @staticmethod
    def persist(session: Any, record: CaseEdit) -> str:
        """Write the changes in one transaction (the host opens it): the case's changed
        fields against the case as stored now, then each person's changed fields."""
        work = session.casework
        if record.case_changes:
            current = work.get_case(record.case_id)
            work.update_case(replace(current, **record.case_changes))
        for person, fields in record.saved:
            stored = {p.id: p for p in work.for_case(type(person), record.case_id)}
            existing = stored.get(person.id)
            if fields is None or existing is None:
                save_person(work, person)
            else:
                save_person(work, replace(existing, **{f: getattr(person, f) for f in fields}))
        for cls, person_id in record.removed:
            gone = next((p for p in work.for_case(cls, record.case_id) if p.id == person_id), None)
            if gone is not None:
                remove_person(work, gone)
        return record.case_id


def open_edit_case_form(
    window: MainWindow,
    case_id: str,
    draft: Draft | None = None,
    on_saved: Callable[[str], None] | None = None,
) -> None:
    """Open the edit form of a case (or bring its open one to the front); with `draft`,
    reopen it. The case with its people is read on the vault thread first (an access-logged
    read, as opening the case file is)."""
    session = window.session
    if session is None or window.form_host.raise_existing(EditCaseForm.FORM, case_id):
        return

    def show(found: tuple[CaseFormContext, CaseFile]) -> None:
        if window.session is not session or window.form_host.raise_existing(
            EditCaseForm.FORM, case_id
        ):
            return
        context, file = found
        draft_id = draft.id if draft else session.new_id()
        form = EditCaseForm(context, file, draft_id, draft.payload if draft else None, window)

        def reveal(case_id: str) -> None:
            live = window.session
            if live is not None:
                window.runner.submit(
                    lambda: live.reveal_address(case_id), lambda _shown: form.show_address()
                )

        form.reveal_requested.connect(reveal)
        window.form_host.open(
            form, on_saved, QCoreApplication.translate("EditCaseForm", "Case details saved.")
        )

    window.runner.submit(lambda: (case_form_context(session), session.open_case(case_id)), show)
