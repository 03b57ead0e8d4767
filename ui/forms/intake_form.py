"""Nieuwe cliënt (Ctrl+Shift+N): the intake form. A new case with its household, the
person(s) the danger comes from, the partners involved and, optionally, a first risk
screening, saved in one transaction through app/intake.register_case.

The case id is made when the form opens and travels in the draft, so a draft restored after
a crash saves the same case, and a save that is retried does not make a second one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.case import Case
from app.casework import new_id
from app.drafts import Draft
from app.intake import Intake, register_case
from app.screening import ContraIndicated, RiskScreening, contra_indications
from app.vocabulary import CaseStatus, LocationCode, RiskSituation
from ui.forms.base import parse_date
from ui.forms.case_form import (
    CaseForm,
    CaseFormContext,
    ProgrammeChoice,
    case_form_context,
    case_values,
    people_from,
)
from ui.forms.date_fields import DateField

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SECRET_CODES = (LocationCode.ORANJE.value, LocationCode.ROOD.value)


class IntakeForm(CaseForm):
    """The intake of a new client (aanmelding). The worker is the laptop's account; the
    case starts in its programme's first phase, and stays an aanmelding until a start date
    is set. A screening meeting a contra-indication of the programme is saved only with a
    reason to go on anyway (stored on the screening)."""

    FORM = "intake"

    def __init__(
        self,
        context: CaseFormContext,
        draft_id: str,
        case_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, draft_id, case_id, with_programme=True, parent=parent)
        self.setWindowTitle(self.tr("New client (aanmelding)"))
        self.setAccessibleName(self.tr("New client"))
        self._secret_by_hand = False  # the worker ticked or unticked it: leave it alone
        self._secret_auto = False  # ticked by the form for code oranje/rood
        self._screening_tab()
        self.start(payload, focus=self.name)
        # Connected after start(): the base records the location change first, then this
        # turns the secret address on as a step of its own (undo takes back one at a time).
        self.location.currentIndexChanged.connect(self._location_changed)
        self.screening_on.toggled.connect(self._location_changed)
        self.secret.clicked.connect(self._secret_clicked)
        for signal in (
            self.screening_on.toggled,
            self.programme.currentIndexChanged,
            self.situation.currentIndexChanged,
            self.location.currentIndexChanged,
            self.trafficking.toggled,
            self.honour.toggled,
            self.contra_reason.textChanged,
            self.secret.toggled,
        ):
            signal.connect(self._show_screening_state)
        self._show_screening_state()

    # --- the screening tab -----------------------------------------------------------------

    def _screening_tab(self) -> None:
        page = QWidget()
        outer = QVBoxLayout(page)
        self.screening_on = QCheckBox(self.tr("&Record a first risk screening now"))
        self.bind("screening", self.screening_on)
        outer.addWidget(self.screening_on)
        self.screening_box = QWidget()
        form = QFormLayout(self.screening_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.screening_form = form
        self.screened_on = self.row(form, self.tr("Screened &on"), DateField(), "screened_on")
        self.situation = QComboBox()
        self.situation.addItem(self.tr("– choose –"), None)
        for situation in RiskSituation:
            self.situation.addItem(f"{situation.value} – {situation.label}", situation.value)
        self.situation.setMaximumWidth(320)
        self.row(form, self.tr("Situ&ation"), self.situation, "situation")
        self.location = QComboBox()
        self.location.addItem(self.tr("– none –"), "")
        for code in LocationCode:
            self.location.addItem(code.label, code.value)
        self.location.setToolTip(self.tr("Where shelter is needed: the code of the location."))
        self.location.setMaximumWidth(320)
        self.row(form, self.tr("Location &code"), self.location, "location_code")
        self.trafficking = self.check(form, self.tr("H&uman trafficking"), "human_trafficking")
        self.honour = self.check(form, self.tr("Honour-&based violence"), "honour_based")
        self.screening_notes = QPlainTextEdit()
        self.screening_notes.setTabChangesFocus(True)
        self.screening_notes.setFixedHeight(80)
        self.row(form, self.tr("&Notes"), self.screening_notes, "screening_notes")
        self.contra_text = QLabel()
        self.contra_text.setObjectName("errorText")
        self.contra_text.setWordWrap(True)
        form.addRow("", self.contra_text)
        self.contra_reason = QLineEdit()
        self.row(form, self.tr("Reason &to go on anyway"), self.contra_reason, "contra_reason")
        outer.addWidget(self.screening_box)
        outer.addStretch(1)
        self.screening_page = page
        self.tabs.addTab(page, self.tr("Screen&ing"))

    def default_payload(self) -> dict[str, Any]:
        first = self.context.programmes[0].id if self.context.programmes else ""
        return {
            **self.case_defaults(),
            "programme_id": first,
            "screening": False,
            "screened_on": self.context.today.isoformat(),
            "situation": None,
            "location_code": "",
            "human_trafficking": False,
            "honour_based": False,
            "screening_notes": "",
            "contra_reason": "",
        }

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), "case_id": self.record_id}

    def apply(self, payload: dict[str, Any]) -> None:
        if payload.get("case_id"):  # a restored draft: the case it was started for
            self.record_id = str(payload["case_id"])
        super().apply(payload)

    # --- behaviour -------------------------------------------------------------------------

    def _secret_clicked(self) -> None:
        self._secret_by_hand = True
        self._secret_auto = False

    def _location_changed(self, *_args: Any) -> None:
        if self._applying or self._secret_by_hand:
            return
        suggests = self.screening_on.isChecked() and self.location.currentData() in SECRET_CODES
        if suggests and not self.secret.isChecked():
            self._secret_auto = True
            self.secret.setChecked(True)
        elif not suggests and self._secret_auto and self.secret.isChecked():
            self._secret_auto = False
            self.secret.setChecked(False)

    def _current_screening(self) -> RiskScreening | None:
        """The screening as far as typed (None when off or no situation chosen yet)."""
        situation = self.situation.currentData()
        if not self.screening_on.isChecked() or situation is None:
            return None
        code = self.location.currentData()
        return RiskScreening(
            id="-",
            case_id=self.record_id,
            screened_on=self.context.today,
            screened_by=self.context.worker,
            situation=RiskSituation(int(situation)),
            location_code=LocationCode(code) if code else None,
            human_trafficking=self.trafficking.isChecked(),
            honour_based=self.honour.isChecked(),
        )

    def _show_screening_state(self, *_args: Any) -> None:
        on = self.screening_on.isChecked()
        self.screening_box.setEnabled(on)
        screening = self._current_screening()
        programme = self.programme.currentData() or ""
        found = contra_indications(programme, screening) if screening else []
        self.contra_text.setText(
            " ".join(c.message_nl for c in found)
            + (" " + self.tr("Give a reason if you go on anyway.") if found else "")
        )
        self.contra_text.setVisible(bool(found))
        self.screening_form.setRowVisible(
            self.contra_reason, bool(found) or bool(self.contra_reason.text().strip())
        )
        code_says_secret = on and self.location.currentData() in SECRET_CODES
        if code_says_secret and not self.secret.isChecked():
            hint = self.tr(
                "With code oranje or rood the address is kept secret when the case is saved; "
                "you can lift that afterwards in the case file."
            )
        elif code_says_secret and self._secret_auto:
            hint = self.tr("Turned on because the screening says code oranje or rood.")
        else:
            hint = ""
        self.secret_hint.setText(hint)
        self.secret_hint.setVisible(bool(hint))

    def field_widget(self, field_name: str) -> QWidget | None:
        own: dict[str, QWidget] = {
            "programme_id": self.programme,
            "situation": self.situation,
            "screened_on": self.screened_on,
            "screened_by": self.situation,
            "contra_indications": self.contra_reason,
        }
        return own.get(field_name) or super().field_widget(field_name)

    # --- saving ----------------------------------------------------------------------------

    def _programme(self, programme_id: str) -> ProgrammeChoice:
        for choice in self.context.programmes:
            if choice.id == programme_id:
                return choice
        return self.context.programmes[0]

    def record(self) -> Intake:
        p = self.payload()
        programme = self._programme(str(p.get("programme_id") or ""))
        values = self.checked(lambda: case_values(p))
        case = self.checked(
            lambda: Case(
                id=self.record_id,
                programme_id=programme.id,
                phase_id=programme.first_phase,
                worker=self.context.worker,
                status=CaseStatus.AANMELDING if values["start_date"] is None else CaseStatus.ACTIEF,
                **values,
            )
        )
        people = self.checked(lambda: people_from(p, case.id))
        screening = self.checked(lambda: self._screening(p, case.id)) if p["screening"] else None
        if screening is not None:
            found = contra_indications(programme.id, screening)
            if found and not screening.contra_reason:
                self._show_screening_state()
                self.screening_form.setRowVisible(self.contra_reason, True)
                self.reveal(self.contra_reason)
                raise ContraIndicated(found)
        return Intake(
            case=case,
            members=(*people["adults"], *people["children"]),  # type: ignore[arg-type]
            danger_persons=tuple(people["danger_persons"]),  # type: ignore[arg-type]
            partners=tuple(people["partners"]),  # type: ignore[arg-type]
            screening=screening,
        )

    def _screening(self, p: dict[str, Any], case_id: str) -> RiskScreening:
        code = p.get("location_code")
        screened_on = parse_date(p.get("screened_on")) or self.context.today
        return RiskScreening(
            id=new_id(),
            case_id=case_id,
            screened_on=screened_on,
            screened_by=self.context.worker,
            situation=p.get("situation"),  # type: ignore[arg-type]  # None: "Kies situatie"
            location_code=LocationCode(code) if code else None,
            notes=str(p.get("screening_notes") or "").strip(),
            human_trafficking=bool(p.get("human_trafficking")),
            honour_based=bool(p.get("honour_based")),
            contra_reason=str(p.get("contra_reason") or "").strip(),
        )

    @staticmethod
    def persist(session: Any, record: Intake) -> str:
        """Register the case (runs on the vault thread, inside the host's transaction). A
        case already stored under this id was saved before: its id is returned as it is."""
        work = session.casework
        if work.store.get("case", record.case.id, include_deleted=True) is not None:
            return record.case.id
        return register_case(work, record)


def open_intake_form(
    window: MainWindow, draft: Draft | None = None, on_saved: Callable[[str], None] | None = None
) -> None:
    """Open the intake form (or bring the open one to the front); with `draft`, reopen it.
    The context (today, worker, programmes) is read on the vault thread first."""
    session = window.session
    if session is None:
        return
    if draft is None and _raise_open_intake(window):
        return

    def show(context: CaseFormContext) -> None:
        if window.session is not session or (draft is None and _raise_open_intake(window)):
            return
        draft_id = draft.id if draft else session.new_id()
        case_id = draft.record_id if draft else session.new_id()
        form = IntakeForm(context, draft_id, case_id, draft.payload if draft else None, window)
        window.form_host.open(
            form, on_saved, QCoreApplication.translate("IntakeForm", "Client registered.")
        )

    window.runner.submit(lambda: case_form_context(session), show)


def _raise_open_intake(window: MainWindow) -> bool:
    for form in window.forms:
        if form.FORM == IntakeForm.FORM:
            form.raise_()
            form.activateWindow()
            return True
    return False
