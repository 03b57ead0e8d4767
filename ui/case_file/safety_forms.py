"""The safety forms of the case file: the safety plan (a new version, pre-filled from the
current one), "Geëvalueerd" (a new version identical but for the evaluation and next review
date), a safety agreement (new or changed, with its status), a breach of an agreement and
the follow-up of a breach. Each is a CaseRecordForm; app/safety.py and Casework check
everything again when it is saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError, require
from app.safety import (
    PLAN_TEXTS,
    Breach,
    BreachFollowUp,
    SafetyAgreement,
    SafetyPlan,
    TimeOut,
    plan_changes,
)
from app.vocabulary import AgreementStatus
from ui.case_file.record_form import (
    CHOOSE,
    CaseRecordForm,
    notes_field,
    payload_id,
    payload_text,
    required_date,
)
from ui.formatting import day, one_line
from ui.forms.base import optional_date, parse_date
from ui.forms.date_fields import DateField

# A new plan or agreement is looked at again after six weeks unless the worker says
# otherwise (the length of Take a Break; the dashboard reminds before that day).
REVIEW_AFTER = timedelta(weeks=6)
# Fields that say when and by whom, not what the plan is.
PLAN_STAMPS = frozenset({"made_on", "made_by", "evaluated_on"})


# --- the safety plan ----------------------------------------------------------------------


class SafetyPlanForm(CaseRecordForm):
    """Every part of the plan, the time-out arrangement and the review date; it starts as the
    current version, so editing is changing it. Saving adds a new version."""

    FORM = "safety_plan"
    WIDTH = 900

    def build(self) -> QWidget:
        current = self.context.safety.plan
        self.set_title(
            self.tr("Safety plan: new version") if current else self.tr("Safety plan"),
            self.tr("Safety plan"),
        )
        if current is not None:
            self.add_hint(
                self.tr("Starts as version %1 of %2; saving keeps it and adds a new version.")
                .replace("%1", str(current.version))
                .replace("%2", day(current.made_on))
            )
        dates = QHBoxLayout()
        self.made_on = DateField()
        self.review_date = DateField()
        for text, field, name in (
            (self.tr("Plan &date"), self.made_on, "made_on"),
            (self.tr("&Review date"), self.review_date, "review_date"),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            field.setAccessibleName(text.replace("&", ""))
            dates.addWidget(label)
            dates.addWidget(field)
            dates.addSpacing(16)
            self.bind(name, field)
        dates.addStretch(1)
        self.body.addLayout(dates)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.texts: dict[str, QPlainTextEdit] = {}
        cells = (
            ("warning_signals", self.tr("&Warning signals")),
            ("client_actions", self.tr("What the &client does when they appear")),
            ("safe_people", self.tr("Safe &people")),
            ("safe_places", self.tr("Safe p&laces")),
            ("emergency_numbers", self.tr("E&mergency numbers")),
            ("escape_plan", self.tr("Esc&ape plan")),
            ("children_safety", self.tr("C&hildren's safety")),
        )
        for index, (name, text) in enumerate(cells):
            grid.addLayout(self._text_cell(name, text), index // 2, index % 2)
        grid.addWidget(self._timeout_box(), 3, 1)
        self.body.addLayout(grid, 1)
        self.timeout.toggled.connect(self._timeout_shown)
        return self.texts["warning_signals"]

    def _text_cell(self, name: str, text: str) -> QVBoxLayout:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(56)
        edit.setAccessibleName(text.replace("&", ""))
        label = QLabel(text)
        label.setBuddy(edit)
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addWidget(label)
        cell.addWidget(edit, 1)
        self.texts[name] = edit
        self.bind(name, edit)
        return cell

    def _timeout_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Time-out"))
        self.timeout = QCheckBox(self.tr("&Time-out arranged (one partner lives elsewhere)"))
        self.who_leaves = QLineEdit()
        self.who_leaves.setPlaceholderText(self.tr("e.g. the partner"))
        self.stays_at = QLineEdit()
        self.stays_at.setPlaceholderText(self.tr("own network or a shelter facility"))
        self.timeout_from = DateField()
        self.timeout_to = DateField()
        optional_date(self.timeout_to)
        layout = QFormLayout(box)
        layout.addRow(self.timeout)
        for text, widget, name in (
            (self.tr("Who lea&ves"), self.who_leaves, "who_leaves"),
            (self.tr("&Stays at"), self.stays_at, "stays_at"),
            (self.tr("&From"), self.timeout_from, "timeout_from"),
            (self.tr("&Until"), self.timeout_to, "timeout_to"),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            layout.addRow(label, widget)
            self.bind(name, widget)
        self.bind("timeout", self.timeout)
        return box

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        super().start(payload, focus)
        self._timeout_shown(self.timeout.isChecked())

    def _timeout_shown(self, on: bool) -> None:
        for widget in (self.who_leaves, self.stays_at, self.timeout_from, self.timeout_to):
            widget.setEnabled(on)

    def default_payload(self) -> dict[str, Any]:
        today = self.context.today
        current = self.context.safety.plan
        review = today + REVIEW_AFTER
        if current is not None and current.review_date >= today:
            review = current.review_date
        timeout = current.timeout if current else None
        payload: dict[str, Any] = {
            "made_on": self.today,
            "review_date": review.isoformat(),
            "timeout": timeout is not None,
            "who_leaves": timeout.who_leaves if timeout else "",
            "stays_at": timeout.stays_at if timeout else "",
            "timeout_from": (timeout.from_date if timeout else today).isoformat(),
            "timeout_to": timeout.to_date.isoformat() if timeout and timeout.to_date else None,
        }
        for name in PLAN_TEXTS:
            payload[name] = getattr(current, name) if current else ""
        return payload

    def _timeout(self, p: dict[str, Any]) -> TimeOut | None:
        if not p["timeout"]:
            return None
        if not payload_text(p["who_leaves"]):
            self.who_leaves.setFocus()
            raise ValidationError(
                "who_leaves", "say who leaves for the time-out", "Vul in wie er vertrekt."
            )
        from_date = parse_date(p["timeout_from"])
        if from_date is None:
            raise ValidationError(
                "timeout_from", "a time-out needs its start", "Vul in vanaf wanneer."
            )
        return TimeOut(
            who_leaves=payload_text(p["who_leaves"]),
            stays_at=payload_text(p["stays_at"]),
            from_date=from_date,
            to_date=parse_date(p["timeout_to"]),
        )

    def record(self) -> SafetyPlan:
        p = self.payload()
        texts = {name: payload_text(p[name]) for name in PLAN_TEXTS}
        if not any(texts.values()):
            self.texts["warning_signals"].setFocus()
            raise ValidationError(
                "warning_signals",
                "the plan says nothing",
                "Vul minstens één onderdeel van het veiligheidsplan in.",
            )
        plan = SafetyPlan(
            id=self.draft_id,
            case_id=self.context.case.id,
            version=1,  # numbered when saved
            made_on=required_date(p["made_on"], "made_on"),
            made_by=self.context.worker,
            review_date=required_date(p["review_date"], "review_date"),
            warning_signals=texts["warning_signals"],
            client_actions=texts["client_actions"],
            safe_people=texts["safe_people"],
            safe_places=texts["safe_places"],
            emergency_numbers=texts["emergency_numbers"],
            escape_plan=texts["escape_plan"],
            children_safety=texts["children_safety"],
            timeout=self._timeout(p),
        )
        current = self.context.safety.plan
        if current is not None and all(
            field in PLAN_STAMPS for field, _old, _new in plan_changes(current, plan)
        ):
            raise ValidationError(
                "safety_plan",
                "nothing changed in the plan",
                "Er is niets aan het plan veranderd. Is het besproken en blijft het zo? "
                "Kies dan Geëvalueerd.",
            )
        return plan

    @staticmethod
    def persist(session: Any, record: SafetyPlan) -> SafetyPlan:
        return session.casework.save_safety_plan(record)


@dataclass(frozen=True)
class PlanEvaluation:
    """The current plan of `case_id` was evaluated on `evaluated_on` and stays as it is
    until `next_review`."""

    case_id: str
    evaluated_on: date
    next_review: date


class EvaluatePlanForm(CaseRecordForm):
    """The evaluation date and the next review date; the plan itself stays as it is."""

    FORM = "evaluate_safety_plan"

    def build(self) -> QWidget:
        self.set_title(self.tr("Safety plan evaluated"))
        current = self.context.safety.plan
        if current is None:
            hint = self.tr("There is no safety plan yet to evaluate.")
        else:
            hint = (
                self.tr(
                    "Version %1 of %2 (review date %3) was evaluated and stays as it is: "
                    "a new version records the evaluation and the next review date."
                )
                .replace("%1", str(current.version))
                .replace("%2", day(current.made_on))
                .replace("%3", day(current.review_date))
            )
        self.add_hint(hint)
        self.evaluated_on = self.add_date_row(self.tr("&Evaluated on"), "evaluated_on")
        self.next_review = self.add_date_row(self.tr("&Next review date"), "next_review")
        return self.next_review

    def default_payload(self) -> dict[str, Any]:
        return {
            "evaluated_on": self.today,
            "next_review": (self.context.today + REVIEW_AFTER).isoformat(),
        }

    def record(self) -> PlanEvaluation:
        p = self.payload()
        return PlanEvaluation(
            case_id=self.context.case.id,
            evaluated_on=required_date(p["evaluated_on"], "evaluated_on"),
            next_review=required_date(p["next_review"], "next_review"),
        )

    @staticmethod
    def persist(session: Any, record: PlanEvaluation) -> SafetyPlan:
        return session.casework.evaluate_safety_plan(
            record.case_id, record.evaluated_on, record.next_review
        )


# --- agreements ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementEntry:
    """An agreement as the form saves it: `new` adds it, else it replaces the stored one."""

    agreement: SafetyAgreement
    new: bool


class AgreementForm(CaseRecordForm):
    """Who agrees to what, with whom it was made, start, review date and status. Opened on
    an agreement (CaseContext.record_id) it changes that one; else it adds one."""

    FORM = "agreement"
    WIDTH = 600

    def build(self) -> QWidget:
        self.set_title(self.tr("Safety agreement"))
        self.situation = self.add_hint()
        self.who = QLineEdit()
        self.who.setPlaceholderText(self.tr("e.g. the partner, the client, both parents"))
        self.agreement = notes_field()
        self.agreement.setPlaceholderText(
            self.tr("e.g. the partner does not come to the house without an appointment")
        )
        self.made_with = QLineEdit()
        self.made_with.setPlaceholderText(self.tr("e.g. client and partner, Veilig Thuis"))
        self.status = QComboBox()
        for status in AgreementStatus:
            self.status.addItem(status.label, status.value)
        self.add_row(self.tr("&Who"), self.who, "who")
        self.add_row(self.tr("&Agreement"), self.agreement, "agreement")
        self.add_row(self.tr("Made w&ith"), self.made_with, "made_with")
        self.start_date = self.add_date_row(self.tr("&Start"), "start_date")
        self.review_date = self.add_date_row(self.tr("&Review date"), "review_date")
        self.add_row(self.tr("Stat&us"), self.status, "status")
        return self.who

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        restored = payload if isinstance(payload, dict) else {}
        # The agreement this form changes: the draft's, else the one it was opened on.
        self.agreement_id = (
            payload_id(restored.get("agreement_id"))
            if payload is not None
            else self.context.record_id
        )
        self.existing = next(
            (a for a in self.context.safety.agreements if a.id == self.agreement_id), None
        )
        if self.agreement_id and self.existing is None:
            self.situation.setText(self.tr("This agreement is no longer in the case file."))
        elif self.existing is not None:
            self.set_title(self.tr("Change agreement"), self.tr("Safety agreement"))
            self.situation.setText(
                self.tr("Start %1; status now: %2.")
                .replace("%1", day(self.existing.start_date))
                .replace("%2", self.existing.status.label)
            )
            focus = self.status
        self.form_layout.setRowVisible(self.situation, bool(self.situation.text()))
        super().start(payload, focus)

    def payload(self) -> dict[str, Any]:
        return {**super().payload(), "agreement_id": self.agreement_id}

    def default_payload(self) -> dict[str, Any]:
        a = self.existing
        if a is not None:
            return {
                "who": a.who,
                "agreement": a.agreement,
                "made_with": a.made_with,
                "start_date": a.start_date.isoformat(),
                "review_date": a.review_date.isoformat(),
                "status": a.status.value,
            }
        return {
            "who": "",
            "agreement": "",
            "made_with": "",
            "start_date": self.today,
            "review_date": (self.context.today + REVIEW_AFTER).isoformat(),
            "status": AgreementStatus.ACTIEF.value,
        }

    def record(self) -> AgreementEntry:
        p = self.payload()
        require(
            not self.agreement_id or self.existing is not None,
            "agreement_id",
            "the agreement is not in the case file",
            "Deze afspraak staat niet (meer) in het dossier.",
        )
        for name, widget in (("who", self.who), ("agreement", self.agreement)):
            if not payload_text(p[name]):
                widget.setFocus()
        agreement = SafetyAgreement(
            id=self.agreement_id or self.draft_id,
            case_id=self.context.case.id,
            who=payload_text(p["who"]),
            agreement=payload_text(p["agreement"]),
            made_with=payload_text(p["made_with"]),
            start_date=required_date(p["start_date"], "start_date"),
            review_date=required_date(p["review_date"], "review_date"),
            status=AgreementStatus(p["status"]),
        )
        return AgreementEntry(agreement, new=not self.agreement_id)

    @staticmethod
    def persist(session: Any, record: AgreementEntry) -> Any:
        if record.new:
            return session.casework.add_agreement(record.agreement)
        return session.casework.update_agreement(record.agreement)


@dataclass(frozen=True)
class BreachEntry:
    """A breach as the form saves it; `mark_broken` sets an actief agreement geschonden."""

    breach: Breach
    mark_broken: bool


class BreachForm(CaseRecordForm):
    """Which agreement, when, what happened; and whether the agreement is now geschonden.
    A vervallen agreement is not offered (and refused when saved)."""

    FORM = "breach"
    WIDTH = 600

    def build(self) -> QWidget:
        self.set_title(self.tr("Breach of an agreement"))
        self.agreement = QComboBox()
        self.agreement.addItem(self.tr("– choose the agreement –"), CHOOSE)
        self._status: dict[str, AgreementStatus] = {}
        for a in self.context.safety.agreements:
            if a.status is AgreementStatus.VERVALLEN:
                continue
            self._status[a.id] = a.status
            self.agreement.addItem(
                f"{one_line(a.agreement, 70)} – {a.who} ({a.status.label})", a.id
            )
        self.add_row(self.tr("&Agreement"), self.agreement, "agreement_id")
        self.occurred_on = self.add_date_row(self.tr("&Date"), "occurred_on")
        self.description = notes_field()
        self.description.setMaximumHeight(130)
        self.add_row(self.tr("&What happened"), self.description, "description")
        self.mark_broken = QCheckBox(self.tr("Set the agreement's status to &geschonden"))
        self.mark_broken.setToolTip(
            self.tr("Untick when the agreement stays in force (actief) despite this breach")
        )
        self.add_row("", self.mark_broken, "mark_broken")
        self.agreement.currentIndexChanged.connect(self._status_shown)
        if self.agreement.count() == 1:
            self.add_hint(self.tr("There is no agreement in force to record a breach of."))
        return self.description

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        super().start(payload, focus)
        self._status_shown()

    def _status_shown(self) -> None:
        # Only an actief agreement can become geschonden: for another the question is gone.
        status = self._status.get(payload_id(self.agreement.currentData()))
        self.form_layout.setRowVisible(self.mark_broken, status is AgreementStatus.ACTIEF)

    def default_payload(self) -> dict[str, Any]:
        wanted = self.context.record_id
        if wanted not in self._status:
            wanted = next(iter(self._status)) if len(self._status) == 1 else CHOOSE
        return {
            "agreement_id": wanted,
            "occurred_on": self.today,
            "description": "",
            "mark_broken": True,
        }

    def record(self) -> BreachEntry:
        p = self.payload()
        agreement_id = payload_id(p["agreement_id"])
        if not agreement_id:
            self.agreement.setFocus()
            raise ValidationError(
                "agreement_id", "choose the agreement", "Kies de afspraak die is geschonden."
            )
        if not payload_text(p["description"]):
            self.description.setFocus()
        breach = Breach(
            id=self.draft_id,
            case_id=self.context.case.id,
            agreement_id=agreement_id,
            occurred_on=required_date(p["occurred_on"], "occurred_on"),
            description=payload_text(p["description"]),
        )
        return BreachEntry(breach, mark_broken=bool(p["mark_broken"]))

    @staticmethod
    def persist(session: Any, record: BreachEntry) -> str:
        return session.casework.log_breach(record.breach, mark_broken=record.mark_broken)


class FollowUpForm(CaseRecordForm):
    """Which breach, when, what was done about it. Open breaches come first; a breach that
    was followed up may get another follow-up."""

    FORM = "breach_follow_up"
    WIDTH = 600

    def build(self) -> QWidget:
        self.set_title(self.tr("Follow-up of a breach"))
        safety = self.context.safety
        answered = {f.breach_id for f in safety.follow_ups}
        agreements = {a.id: a for a in safety.agreements}
        self.breach = QComboBox()
        self.breach.addItem(self.tr("– choose the breach –"), CHOOSE)
        self._open: list[str] = []
        ordered = sorted(safety.breaches, key=lambda b: (b.id in answered, b.occurred_on))
        for b in ordered:
            agreement = agreements.get(b.agreement_id)
            text = f"{day(b.occurred_on)} · {one_line(b.description, 50)}"
            if agreement is not None:
                text += f" ({one_line(agreement.agreement, 40)})"
            if b.id in answered:
                text = self.tr("%1 – followed up").replace("%1", text)
            else:
                self._open.append(b.id)
            self.breach.addItem(text, b.id)
        self.add_row(self.tr("&Breach"), self.breach, "breach_id")
        self.written_on = self.add_date_row(self.tr("&Date"), "written_on")
        self.follow_up = notes_field()
        self.follow_up.setMaximumHeight(130)
        self.follow_up.setPlaceholderText(self.tr("What was done about it, and with whom"))
        self.add_row(self.tr("&Follow-up"), self.follow_up, "follow_up")
        if not safety.breaches:
            self.add_hint(self.tr("No breach has been recorded in this case."))
        return self.follow_up

    def default_payload(self) -> dict[str, Any]:
        known = {payload_id(self.breach.itemData(i)) for i in range(1, self.breach.count())}
        wanted = self.context.record_id
        if wanted not in known:
            wanted = self._open[0] if len(self._open) == 1 else CHOOSE
        return {"breach_id": wanted, "written_on": self.today, "follow_up": ""}

    def record(self) -> BreachFollowUp:
        p = self.payload()
        breach_id = payload_id(p["breach_id"])
        if not breach_id:
            self.breach.setFocus()
            raise ValidationError("breach_id", "choose the breach", "Kies de schending.")
        if not payload_text(p["follow_up"]):
            self.follow_up.setFocus()
        return BreachFollowUp(
            id=self.draft_id,
            case_id=self.context.case.id,
            breach_id=breach_id,
            written_on=required_date(p["written_on"], "written_on"),
            follow_up=payload_text(p["follow_up"]),
            written_by=self.context.worker,
        )

    @staticmethod
    def persist(session: Any, record: BreachFollowUp) -> str:
        return session.casework.add_breach_follow_up(record)
