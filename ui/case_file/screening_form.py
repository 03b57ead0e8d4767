"""A new risk screening (risicoscreening). The contra-indications of the case's programme
show in the form as soon as the answers meet them; going on needs a reason, which is stored
on the screening (app/screening.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.screening import (
    ContraIndicated,
    ContraIndication,
    RiskScreening,
    contra_indications,
)
from app.vocabulary import LocationCode, RiskSituation
from ui.case_file.record_form import CaseRecordForm, notes_field, required_date


def situation_combo() -> QComboBox:
    """Situatie 1-4; typing the digit picks it (items start with their number)."""
    combo = QComboBox()
    for situation in RiskSituation:
        combo.addItem(f"{int(situation)} – {situation.label}", int(situation))
    return combo


class ScreeningForm(CaseRecordForm):
    """Date, situatie, location code, trafficking and honour-based flags, notes; with the
    programme's contra-indications flagged and a reason to go on despite them."""

    FORM = "screening"
    WIDTH = 560

    def build(self) -> QWidget:
        self.set_title(self.tr("Risk screening"))
        self.screened_on = self.add_date_row(self.tr("&Date"), "screened_on")
        self.situation = situation_combo()
        self.location_code = QComboBox()
        self.location_code.addItem(self.tr("none (no shelter needed)"), "")
        for code in LocationCode:
            self.location_code.addItem(code.label, code.value)
        self.trafficking = QCheckBox(self.tr("Human &trafficking"))
        self.honour_based = QCheckBox(self.tr("&Honour-based violence"))
        self.notes = notes_field()
        self.contra = QLabel()
        self.contra.setObjectName("errorText")
        self.contra.setWordWrap(True)
        self.contra.setAccessibleName(self.tr("Contra-indications"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why this programme still fits"))

        self.add_row(self.tr("S&ituation"), self.situation, "situation")
        self.add_row(self.tr("&Location code"), self.location_code, "location_code")
        self.add_row("", self.trafficking, "human_trafficking")
        self.add_row("", self.honour_based, "honour_based")
        self.add_row(self.tr("&Notes"), self.notes, "notes")
        self.add_row("", self.contra)
        self.add_row(self.tr("&Reason to go on anyway"), self.reason, "contra_reason")

        for signal in (
            self.situation.currentIndexChanged,
            self.location_code.currentIndexChanged,
            self.trafficking.toggled,
            self.honour_based.toggled,
        ):
            signal.connect(self._flag)
        return self.situation

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        super().start(payload, focus)
        self._flag()  # the contra-indications of the answers filled in

    def default_payload(self) -> dict[str, Any]:
        # A new screening starts blank: the worker judges the situation again.
        return {
            "screened_on": self.today,
            "situation": int(RiskSituation.GERINGE_DREIGING),
            "location_code": "",
            "human_trafficking": False,
            "honour_based": False,
            "notes": "",
            "contra_reason": "",
        }

    def screening(self) -> RiskScreening:
        """The screening as typed (contra-indications not yet checked)."""
        p = self.payload()
        return RiskScreening(
            id=self.draft_id,
            case_id=self.context.case.id,
            screened_on=required_date(p["screened_on"], "screened_on"),
            screened_by=self.context.worker,
            situation=p["situation"],
            location_code=LocationCode(p["location_code"]) if p["location_code"] else None,
            notes=p["notes"].strip(),
            human_trafficking=bool(p["human_trafficking"]),
            honour_based=bool(p["honour_based"]),
            contra_reason=p["contra_reason"].strip(),
        )

    def found(self) -> list[ContraIndication]:
        """The contra-indications the answers meet for the case's programme."""
        try:
            return contra_indications(self.context.case.programme_id, self.screening())
        except ValidationError:
            return []

    def _flag(self) -> None:
        found = self.found()
        self.contra.setText(" ".join(c.message_nl for c in found))
        self.form_layout.setRowVisible(self.contra, bool(found))
        self.form_layout.setRowVisible(self.reason, bool(found))

    def record(self) -> RiskScreening:
        screening = self.screening()
        found = contra_indications(self.context.case.programme_id, screening)
        if found and not screening.contra_reason:
            self.reason.setFocus()
            raise ContraIndicated(found)
        return screening

    @staticmethod
    def persist(session: Any, record: RiskScreening) -> str:
        return session.add_screening(record)
