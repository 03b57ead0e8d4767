"""The trajectory of a case: change its phase, switch it to another programme, give it its
own contact frequency (with a reason) and end that again. Each is a small form on the form
base; the app (app/casework.py) checks every change again when it is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from app.case import FrequencyOverride
from app.errors import ValidationError
from app.programmes import ContactFrequency
from app.screening import ContraIndicated, ContraIndication, contra_indications
from ui.case_file.record_form import CaseRecordForm, required_date
from ui.formatting import day
from ui.forms.base import parse_date


@dataclass(frozen=True)
class PhaseChange:
    """Move `case_id` to `phase_id` of its programme from `since`."""

    case_id: str
    phase_id: str
    since: date


@dataclass(frozen=True)
class ProgrammeSwitch:
    """Move `case_id` to the first phase of `programme_id` from `since`; `contra_reason`
    is why the switch goes on despite the programme's contra-indications (or empty)."""

    case_id: str
    programme_id: str
    since: date
    contra_reason: str = ""


@dataclass(frozen=True)
class FrequencyChange:
    """Give `case_id` its own contact frequency."""

    case_id: str
    override: FrequencyOverride


@dataclass(frozen=True)
class FrequencyEnd:
    """End the own frequency of `case_id` on `until` (the phase's applies after)."""

    case_id: str
    until: date


class _TrajectoryForm(CaseRecordForm):
    """A trajectory form: a line on top says where the case stands, then `build_fields()`."""

    def build(self) -> QWidget:
        self.situation = self.add_hint(self.where_it_stands())
        return self.build_fields()

    def build_fields(self) -> QWidget:
        """Make and add the form's own rows; return the widget that gets the focus."""
        raise NotImplementedError

    def where_it_stands(self) -> str:
        case = self.context.case
        programme = self.context.programmes.get(case.programme_id)
        if programme is None:
            return case.programme_id
        phase = next((p for p in programme.phases if p.id == case.phase_id), None)
        return (
            self.tr("Now: %1 · %2 since %3")
            .replace("%1", programme.name)
            .replace("%2", phase.name if phase else case.phase_id)
            .replace("%3", day(case.phase_history[-1].since))
        )


class PhaseForm(_TrajectoryForm):
    """Change the phase within the case's programme; only its phases can be picked."""

    FORM = "phase_change"

    def build_fields(self) -> QWidget:
        self.set_title(self.tr("Change phase"))
        self.phase = QComboBox()
        for phase in self.context.programme.phases:
            label = f"{phase.name} · {phase.frequency.label}"
            if phase.id == self.context.case.phase_id:
                label += " " + self.tr("(current)")
            self.phase.addItem(label, phase.id)
        self.add_row(self.tr("&Phase"), self.phase)
        self.bind_custom(
            "phase_id", self.phase.currentData, self._set_phase, self.phase.currentIndexChanged
        )
        self.since = self.add_date_row(self.tr("&From"), "since")
        return self.phase

    def _set_phase(self, phase_id: Any) -> None:
        if phase_id is not None and not isinstance(phase_id, str):  # a tampered draft
            raise TypeError("a phase id is text")
        index = self.phase.findData(phase_id)
        if index < 0 and phase_id:  # a draft from before a programme switch: shown, refused
            self.phase.addItem(self.tr("%1 (not in this programme)").replace("%1", phase_id))
            index = self.phase.count() - 1
            self.phase.setItemData(index, phase_id)
        self.phase.setCurrentIndex(max(0, index))

    def default_payload(self) -> dict[str, Any]:
        phases = [p.id for p in self.context.programme.phases]
        current = self.context.case.phase_id
        following = phases.index(current) + 1 if current in phases else 0
        return {
            "phase_id": phases[min(following, len(phases) - 1)],
            "since": self.today,
        }

    def record(self) -> PhaseChange:
        p = self.payload()
        self.context.programme.phase(p["phase_id"])  # ValidationError for another phase
        return PhaseChange(self.context.case.id, p["phase_id"], required_date(p["since"], "since"))

    @staticmethod
    def persist(session: Any, record: PhaseChange) -> Any:
        return session.change_phase(record.case_id, record.phase_id, record.since)


class ProgrammeForm(_TrajectoryForm):
    """Switch to another programme; the case starts in that programme's first phase. The
    contra-indications the latest screening meets for the picked programme show at once,
    with the reason to go on anyway that the switch then needs (as at a screening)."""

    FORM = "programme_switch"
    WIDTH = 560

    def build_fields(self) -> QWidget:
        self.set_title(self.tr("Switch programme"))
        self.programme = QComboBox()
        for programme in self.context.programmes.values():
            if programme.id != self.context.case.programme_id:
                self.programme.addItem(programme.name, programme.id)
        self.add_row(self.tr("&Programme"), self.programme, "programme_id")
        self.first_phase = self.add_hint()
        self.since = self.add_date_row(self.tr("&From"), "since")
        self.contra = QLabel()
        self.contra.setObjectName("errorText")
        self.contra.setWordWrap(True)
        self.contra.setAccessibleName(self.tr("Contra-indications"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why this programme still fits"))
        self.add_row("", self.contra)
        self.add_row(self.tr("&Reason to go on anyway"), self.reason, "contra_reason")
        # Shown now, and again whenever the pick changes (a draft's pick included).
        self._show_first_phase()
        self.programme.currentIndexChanged.connect(self._show_first_phase)
        self.programme.currentIndexChanged.connect(self._flag)
        return self.programme

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        super().start(payload, focus)
        self._flag()  # the contra-indications of the programme a draft picked

    def found(self) -> list[ContraIndication]:
        """The contra-indications of the picked programme that the latest screening meets
        (none without a screening)."""
        screening = self.context.latest_screening
        programme_id = self.programme.currentData() or ""
        return contra_indications(programme_id, screening) if screening else []

    def _flag(self) -> None:
        found = self.found()
        self.contra.setText(" ".join(c.message_nl for c in found))
        self.form_layout.setRowVisible(self.contra, bool(found))
        self.form_layout.setRowVisible(self.reason, bool(found))

    def _show_first_phase(self) -> None:
        programme = self.context.programmes.get(self.programme.currentData() or "")
        self.first_phase.setText(
            self.tr("The case starts in: %1").replace("%1", programme.first_phase.name)
            if programme
            else ""
        )

    def default_payload(self) -> dict[str, Any]:
        return {
            "programme_id": self.programme.itemData(0),
            "since": self.today,
            "contra_reason": "",
        }

    def record(self) -> ProgrammeSwitch:
        p = self.payload()
        if p["programme_id"] not in self.context.programmes:
            raise ValidationError("programme_id", "unknown programme", "Kies een programma.")
        since = required_date(p["since"], "since")
        found = self.found()
        reason = p["contra_reason"].strip() if found else ""
        if found and not reason:
            self.reason.setFocus()
            raise ContraIndicated(found)
        return ProgrammeSwitch(self.context.case.id, p["programme_id"], since, reason)

    @staticmethod
    def persist(session: Any, record: ProgrammeSwitch) -> Any:
        # The vault checks again against the screening of that moment (ContraIndicated).
        return session.switch_programme(
            record.case_id, record.programme_id, record.since, record.contra_reason
        )


class FrequencyForm(_TrajectoryForm):
    """The case's own contact frequency: N contacts per M days, why, from when, until when."""

    FORM = "frequency_override"

    def build_fields(self) -> QWidget:
        self.set_title(self.tr("Own contact frequency"))
        self.count = QSpinBox()
        self.count.setRange(1, 21)
        self.count.setSuffix(self.tr(" contact(s)"))
        self.per_days = QSpinBox()
        self.per_days.setRange(1, 366)
        self.per_days.setPrefix(self.tr("per "))
        self.per_days.setSuffix(self.tr(" days"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why this case needs another frequency"))
        self.add_row(self.tr("&Number"), self.count, "count")
        self.add_row(self.tr("&Period"), self.per_days, "per_days")
        self.add_row(self.tr("&Reason"), self.reason, "reason")
        self.since = self.add_date_row(self.tr("&From"), "since")
        self.until = self.add_date_row(self.tr("&Until (optional)"), "until", optional=True)
        return self.count

    def default_payload(self) -> dict[str, Any]:
        case = self.context.case
        current = case.frequency_override
        if current is not None:  # changing the override in force
            frequency, reason = current.frequency, current.reason
        else:
            frequency, reason = self.context.programme.phase(case.phase_id).frequency, ""
        return {
            "count": frequency.count,
            "per_days": frequency.per_days,
            "reason": reason,
            "since": self.today,
            "until": current.until.isoformat() if current and current.until else None,
        }

    def record(self) -> FrequencyChange:
        p = self.payload()
        override = FrequencyOverride(
            frequency=ContactFrequency(int(p["count"]), int(p["per_days"])),
            reason=p["reason"].strip(),
            since=required_date(p["since"], "since"),
            until=parse_date(p["until"]),
        )
        return FrequencyChange(self.context.case.id, override)

    @staticmethod
    def persist(session: Any, record: FrequencyChange) -> Any:
        return session.set_frequency_override(record.case_id, record.override)


class EndFrequencyForm(_TrajectoryForm):
    """End the case's own frequency on a day; the phase's frequency applies after it."""

    FORM = "frequency_override_end"

    def build_fields(self) -> QWidget:
        self.set_title(self.tr("End own frequency"))
        override = self.context.case.frequency_override
        self.current = QLabel(
            self.tr("Own frequency: %1 – %2 (since %3)")
            .replace("%1", override.frequency.label)
            .replace("%2", override.reason)
            .replace("%3", day(override.since))
            if override
            else self.tr("This case has no own frequency.")
        )
        self.current.setWordWrap(True)
        self.add_row("", self.current)
        self.until = self.add_date_row(self.tr("&Last day"), "until")
        return self.until

    def default_payload(self) -> dict[str, Any]:
        return {"until": self.today}

    def record(self) -> FrequencyEnd:
        return FrequencyEnd(self.context.case.id, required_date(self.payload()["until"], "until"))

    @staticmethod
    def persist(session: Any, record: FrequencyEnd) -> Any:
        return session.end_frequency_override(record.case_id, record.until)
