"""A warm handover note (warme overdracht): to whom (typed, or picked from the sociale kaart)
and what kind of receiver, why, how things stand, what works with this client, the risks
and agreements that stay in force, open actions, the next step and its date, the client's
consent and whether and when it was done together with the client. A note is append-only
(app/handover.py checks it; Casework.add_handover_note stores it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from app.errors import ValidationError
from app.handover import HandoverNote
from app.session import CaseContext
from app.social_map import SocialMapEntry
from app.vocabulary import Consent, HandoverTarget
from ui.case_file.discussion_forms import text_field
from ui.case_file.record_form import CaseRecordForm, required_date
from ui.forms.base import parse_date
from ui.forms.social_map_picker import SocialMapPicker


class ConsentChoice(QWidget):
    """Ja / nee / niet gevraagd as three radio buttons, none chosen at first: the worker
    answers; an unticked box is no answer. Its value is the Consent value or "" (none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so "none chosen" can come back (undo, a draft)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        texts = {
            Consent.JA: self.tr("&Yes"),
            Consent.NEE: self.tr("N&o"),
            Consent.NIET_GEVRAAGD: self.tr("Not &asked"),
        }
        for consent, text in texts.items():
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            self.group.addButton(button)
            self.buttons[consent.value] = button
            layout.addWidget(button)
            button.toggled.connect(
                lambda checked, chosen=consent.value: self._toggled(chosen, checked)
            )
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.changed = self.group.buttonToggled

    def _toggled(self, chosen: str, checked: bool) -> None:
        if checked:  # one answer at a time (the group is not exclusive, see above)
            for value, button in self.buttons.items():
                if value != chosen and button.isChecked():
                    button.setChecked(False)

    def value(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, value: Any) -> None:
        """Choose `value` ("" or None: none). Raises ValueError for another word."""
        if value in (None, ""):
            for button in self.buttons.values():
                button.setChecked(False)
            return
        if value not in self.buttons:
            raise ValueError("not a consent answer")
        self.buttons[value].setChecked(True)


class HandoverForm(CaseRecordForm):
    """The warm handover note; see the module docstring. `entries` is the sociale kaart to
    pick "to whom" from (read on the vault thread: HandoverForm.load)."""

    FORM = "handover_note"
    WIDTH = 640

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        entries: list[SocialMapEntry] | None = None,
    ) -> None:
        self.entries = list(entries or [])
        super().__init__(context, draft_id, payload, parent)
        self._fit_screen()

    @staticmethod
    def load(session: Any, case_id: str) -> dict[str, Any]:
        """What the form needs besides the case (runs on the vault thread)."""
        return {"entries": session.casework.social_map()}

    def build(self) -> QWidget:
        self.set_title(self.tr("Warm handover"))
        self._scroll_rows()
        self.to_whom = SocialMapPicker(with_contact_person=True)
        self.to_whom.set_entries(self.entries)
        self.to_kind = QComboBox()
        for target in HandoverTarget:
            self.to_kind.addItem(target.label, target.value)
        self.handover_date = self.add_date_row(self.tr("Handover &date"), "handover_date")
        self.add_row(self.tr("To &whom"), self.to_whom, "to_whom")
        self.bind_custom(
            "social_map_id",
            self.to_whom.social_map_id,
            self.to_whom.set_social_map_id,
            self.to_whom.link_changed,
        )
        self.add_row(self.tr("&Kind"), self.to_kind, "to_kind")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the case goes to them"))
        self.add_row(self.tr("&Reason"), self.reason, "reason")
        self.summary = text_field(80)
        self.what_works = text_field(60)
        self.risks = text_field(60)
        self.open_actions = text_field(60)
        self.add_row(self.tr("&Summary"), self.summary, "summary")
        self.add_row(self.tr("What works with this c&lient"), self.what_works, "what_works")
        self.add_row(self.tr("Risks and a&greements in force"), self.risks, "risks_and_agreements")
        self.add_row(self.tr("O&pen actions"), self.open_actions, "open_actions")
        self.next_step = QLineEdit()
        self.next_step.setPlaceholderText(self.tr("e.g. first visit of the buurtteam"))
        self.add_row(self.tr("&Next step"), self.next_step, "next_step")
        self.next_step_on = self.add_date_row(
            self.tr("Date of next st&ep"), "next_step_on", optional=True
        )
        self.consent = ConsentChoice()
        self.add_row(self.tr("Client's &consent"), self.consent)
        self.bind_custom(
            "consent", self.consent.value, self.consent.set_value, self.consent.changed
        )
        self.with_client = QCheckBox(self.tr("Done &together with the client"))
        self.add_row("", self.with_client, "with_client")
        self.with_client_on = self.add_date_row(
            self.tr("When together wit&h the client"), "with_client_on", optional=True
        )
        self.with_client.toggled.connect(self._together)
        return self.to_whom

    def _scroll_rows(self) -> None:
        """Put the rows in a scroll area (the base made the form layout; it moves)."""
        inner = QWidget()
        self.body.removeItem(self.form_layout)
        inner.setLayout(self.form_layout)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        self.body.addWidget(scroll)
        self.rows = inner

    def _fit_screen(self) -> None:
        """As tall as the rows need, within the screen: on 768 pixels the rows scroll and
        the buttons stay in view."""
        owner = self.parentWidget() or self
        screen = owner.screen()
        room = screen.availableGeometry().height() - 80 if screen is not None else 680
        wanted = self.rows.sizeHint().height() + self.sizeHint().height()
        self.resize(max(self.width(), self.WIDTH), max(300, min(wanted, room)))

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        super().start(payload, focus)
        self._together(self.with_client.isChecked(), fill=False)

    def _together(self, checked: bool, fill: bool = True) -> None:
        """The date with the client counts only when it was done together; ticking it
        suggests the handover's date."""
        self.with_client_on.setEnabled(checked)
        if checked and fill and self.payload()["with_client_on"] is None:
            self.with_client_on.setDate(self.handover_date.date())

    def default_payload(self) -> dict[str, Any]:
        return {
            "handover_date": self.today,
            "to_whom": "",
            "social_map_id": "",
            "to_kind": HandoverTarget.BUURTTEAM.value,
            "reason": "",
            "summary": "",
            "what_works": "",
            "risks_and_agreements": "",
            "open_actions": "",
            "next_step": "",
            "next_step_on": None,
            "consent": "",  # none chosen: the worker answers
            "with_client": False,
            "with_client_on": None,
        }

    def record(self) -> HandoverNote:
        p = self.payload()
        with_client = bool(p["with_client"])
        name, social_map_id = self.to_whom.value()
        try:
            return HandoverNote(
                id=self.draft_id,
                case_id=self.context.case.id,
                to_whom=name,
                to_kind=HandoverTarget(p["to_kind"]),
                summary=p["summary"].strip(),
                handover_date=required_date(p["handover_date"], "handover_date"),
                written_by=self.context.worker,
                # None when no answer is chosen: the note refuses it in Dutch.
                consent=Consent(p["consent"]) if p["consent"] else None,  # type: ignore[arg-type]
                what_works=p["what_works"].strip(),
                risks_and_agreements=p["risks_and_agreements"].strip(),
                open_actions=p["open_actions"].strip(),
                reason=p["reason"].strip(),
                next_step=p["next_step"].strip(),
                next_step_on=parse_date(p["next_step_on"]),
                with_client=with_client,
                with_client_on=parse_date(p["with_client_on"]) if with_client else None,
                social_map_id=social_map_id,
            )
        except ValidationError as error:
            self.focus_field(error.field)
            raise

    def focus_field(self, field: str) -> None:
        """Put the focus on the field a message is about (the service names it too)."""
        widgets: dict[str, QWidget] = {
            "to_whom": self.to_whom,
            "summary": self.summary,
            "consent": self.consent.buttons[Consent.JA.value],
            "handover_date": self.handover_date,
            "next_step": self.next_step,
            "next_step_on": self.next_step_on,
            "with_client_on": self.with_client_on,
            "social_map_id": self.to_whom,
            "reason": self.reason,
            "what_works": self.what_works,
            "risks_and_agreements": self.risks,
            "open_actions": self.open_actions,
        }
        widget = widgets.get(field)
        if widget is not None:
            widget.setFocus()

    @staticmethod
    def persist(session: Any, record: HandoverNote) -> str:
        return session.casework.add_handover_note(record)
