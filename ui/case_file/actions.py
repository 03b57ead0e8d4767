"""The case file's actions in the window: each request of the view opens its form through
the window's FormHost (drafts, undo, saving on the vault thread), drafts of these forms are
reopened after a crash, and a conflict mark's click takes the other value.

MainWindow makes one CaseFileActions; it keeps the window a router.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from app.discussion import CaseDiscussion
from app.drafts import Draft
from app.session import CaseContext
from app.vocabulary import CaseStatus
from ui.case_file.closing_forms import CloseForm, ReopenForm
from ui.case_file.contact_correction_form import CorrectContactForm
from ui.case_file.discussion_forms import DiscussionOutcomeForm, PrepareDiscussionForm
from ui.case_file.goal_forms import ActionForm, GoalForm
from ui.case_file.handover_form import HandoverForm
from ui.case_file.plan_visit_form import PlanVisitForm
from ui.case_file.safety_forms import (
    AgreementForm,
    BreachForm,
    EvaluatePlanForm,
    FollowUpForm,
    SafetyPlanForm,
)
from ui.case_file.screening_form import ScreeningForm
from ui.case_file.trajectory_forms import EndFrequencyForm, FrequencyForm, PhaseForm, ProgrammeForm
from ui.case_file.zrm_form import ZrmForm
from ui.export_dialog import ExportDialog
from ui.formatting import day
from ui.forms.base import RecordForm
from ui.tasks import dutch_message

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class CaseForm(Protocol):
    """A case-file form class: built from the case's context, a draft id and its payload."""

    FORM: str

    def __call__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> RecordForm: ...


FORMS: tuple[CaseForm, ...] = (
    ScreeningForm,
    PhaseForm,
    ProgrammeForm,
    FrequencyForm,
    EndFrequencyForm,
    PlanVisitForm,
    CloseForm,
    ReopenForm,
    SafetyPlanForm,
    EvaluatePlanForm,
    AgreementForm,
    BreachForm,
    FollowUpForm,
    HandoverForm,
    PrepareDiscussionForm,
    DiscussionOutcomeForm,
    CorrectContactForm,
    GoalForm,
    ActionForm,
    ZrmForm,
)


def _saved_text(form: CaseForm) -> str:
    """What the status bar says after the form saved."""
    t = QCoreApplication.translate
    texts = {
        ScreeningForm.FORM: t("CaseFileActions", "Screening saved."),
        PhaseForm.FORM: t("CaseFileActions", "Phase changed."),
        ProgrammeForm.FORM: t("CaseFileActions", "Programme switched."),
        FrequencyForm.FORM: t("CaseFileActions", "Own contact frequency saved."),
        EndFrequencyForm.FORM: t("CaseFileActions", "Own contact frequency ended."),
        PlanVisitForm.FORM: t("CaseFileActions", "Visit planned."),
        CloseForm.FORM: t("CaseFileActions", "Case closed."),
        ReopenForm.FORM: t("CaseFileActions", "Case reopened."),
        SafetyPlanForm.FORM: t("CaseFileActions", "Safety plan saved as a new version."),
        EvaluatePlanForm.FORM: t("CaseFileActions", "Evaluation of the safety plan saved."),
        AgreementForm.FORM: t("CaseFileActions", "Agreement saved."),
        BreachForm.FORM: t("CaseFileActions", "Breach recorded."),
        FollowUpForm.FORM: t("CaseFileActions", "Follow-up saved."),
        HandoverForm.FORM: t("CaseFileActions", "Handover note saved."),
        PrepareDiscussionForm.FORM: t("CaseFileActions", "Case discussion prepared."),
        DiscussionOutcomeForm.FORM: t("CaseFileActions", "Outcome of the case discussion saved."),
        CorrectContactForm.FORM: t("CaseFileActions", "Contact corrected."),
        GoalForm.FORM: t("CaseFileActions", "Goal saved."),
        ActionForm.FORM: t("CaseFileActions", "Action saved."),
        ZrmForm.FORM: t("CaseFileActions", "ZRM saved."),
    }
    return texts[form.FORM]


class CaseFileActions(QObject):
    """Connects the case-file view's requests to their forms on `window`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        view = window.case_file
        requests: tuple[tuple[Any, CaseForm], ...] = (
            (view.screening_requested, ScreeningForm),
            (view.phase_change_requested, PhaseForm),
            (view.programme_switch_requested, ProgrammeForm),
            (view.frequency_requested, FrequencyForm),
            (view.frequency_end_requested, EndFrequencyForm),
            (view.plan_visit_requested, PlanVisitForm),
            (view.close_requested, CloseForm),
            (view.reopen_requested, ReopenForm),
        )
        for signal, form in requests:
            signal.connect(self._opener(form))
        # The safety tabs ask with the record a form opens on ('' for a new one).
        safety, agreements = view.safety_plan_tab, view.agreements_tab
        safety.edit_requested.connect(lambda: self._open_on(SafetyPlanForm))
        safety.evaluate_requested.connect(lambda: self._open_on(EvaluatePlanForm))
        agreements.add_requested.connect(lambda: self._open_on(AgreementForm))
        agreements.change_requested.connect(lambda rid: self._open_on(AgreementForm, rid))
        agreements.breach_requested.connect(lambda rid: self._open_on(BreachForm, rid))
        agreements.follow_up_requested.connect(lambda rid: self._open_on(FollowUpForm, rid))
        for resumed in FORMS:
            window.form_host.register_resumer(resumed.FORM, self._resumer(resumed))
        view.restore_conflict_requested.connect(self.restore_conflict)
        view.contacts_tab.cancel_requested.connect(self.cancel_planned_contact)
        self._connect_record_tabs(view)
        self._connect_plan_tabs(view)
        view.programmes_needed.connect(self._load_programmes)

    def _connect_plan_tabs(self, view: Any) -> None:
        """The goals tab asks with the case and the goal or action a form opens on; the
        ZRM tab for a new assessment."""
        goals = view.goals_tab
        goals.new_goal_requested.connect(lambda case_id: self.open_form(GoalForm, case_id))
        goals.change_goal_requested.connect(
            lambda case_id, rid: self.open_form(GoalForm, case_id, record_id=rid)
        )
        goals.new_action_requested.connect(
            lambda case_id, rid: self.open_form(ActionForm, case_id, record_id=rid)
        )
        goals.change_action_requested.connect(
            lambda case_id, rid: self.open_form(ActionForm, case_id, record_id=rid)
        )
        view.zrm_tab.new_zrm_requested.connect(lambda case_id: self.open_form(ZrmForm, case_id))

    def _connect_record_tabs(self, view: Any) -> None:
        """The handover, discussions and contacts tabs ask for forms about their records."""
        handovers, discussions = view.handover_tab, view.discussions_tab
        handovers.new_requested.connect(lambda: self._open_on(HandoverForm))
        discussions.prepare_requested.connect(lambda: self._open_on(PrepareDiscussionForm))
        discussions.change_requested.connect(
            lambda d: self.open_form(PrepareDiscussionForm, d.case_id, discussion=d)
        )
        discussions.outcome_requested.connect(
            lambda d: self.open_form(DiscussionOutcomeForm, d.case_id, discussion=d)
        )
        discussions.sheet_requested.connect(self.export_sheet_of)
        view.contacts_tab.correct_requested.connect(
            lambda c: self.open_form(CorrectContactForm, c.case_id, contact=c)
        )

    def export_sheet_of(self, discussion: CaseDiscussion) -> None:
        """The teamkracht sheet made from `discussion` (the discussions tab's choice); the
        export dialog says which one."""
        window = self.window
        before = len(window.export_dialogs)
        window.export_teamkracht(discussion.case_id, discussion.id)
        dialog = window.export_dialogs[-1] if len(window.export_dialogs) > before else None
        if isinstance(dialog, ExportDialog):
            made_from = QCoreApplication.translate(
                "CaseFileActions", "A de-identified sheet made from the case discussion of %1."
            )
            dialog.summary.setText(made_from.replace("%1", day(discussion.held_on)))
            dialog.question.setPlaceholderText(
                QCoreApplication.translate(
                    "CaseFileActions", "Empty: the question of this discussion"
                )
            )

    def _opener(self, form: CaseForm) -> Callable[[str], None]:
        return lambda case_id: self.open_form(form, case_id)

    def _resumer(self, form: CaseForm) -> Callable[[Draft], None]:
        return lambda draft: self.open_form(form, draft.record_id, draft)

    def _open_on(self, form: CaseForm, record_id: str = "") -> None:
        case_id = self.window.case_file.case_id
        if case_id:
            self.open_form(form, case_id, record_id=record_id)

    def open_form(
        self,
        form: CaseForm,
        case_id: str,
        draft: Draft | None = None,
        record_id: str = "",
        **about: Any,
    ) -> None:
        """Open `form` for a case (or bring its open one to the front); with `draft`, as
        it was left; with `record_id`, on that record (an agreement to change, ...).
        `about` goes to the form by keyword (the record it is about, as `discussion=`); a
        form with a `load(session, case_id)` also gets what that reads on the vault thread
        (the sociale kaart)."""
        session = self.window.session
        if session is None or self.window.form_host.raise_existing(form.FORM, case_id):
            return
        load = getattr(form, "load", None)
        self.window.runner.submit(
            lambda: (
                session.case_context(case_id, record_id),
                load(session, case_id) if load else {},
            ),
            lambda got: self._show_form(form, got[0], draft, {**got[1], **about}),
            self._show_error,
        )

    def _show_form(
        self,
        form: CaseForm,
        context: CaseContext,
        draft: Draft | None,
        about: dict[str, Any] | None = None,
    ) -> None:
        window = self.window
        session = window.session
        if session is None or window.form_host.raise_existing(form.FORM, context.case.id):
            return
        draft_id = draft.id if draft else session.new_id()
        make: Any = form  # a form about a record takes it by keyword (CaseForm has none)
        dialog = make(context, draft_id, draft.payload if draft else None, window, **(about or {}))
        window.form_host.open(
            dialog, lambda result: self._saved(form, context.case.id, result), _saved_text(form)
        )

    def _saved(self, form: CaseForm, case_id: str, result: Any) -> None:
        # A closing with nazorg leaves the case in nazorg: the status bar says so.
        if form.FORM == CloseForm.FORM and getattr(result, "status", None) is CaseStatus.NAZORG:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("CaseFileActions", "Case closed; nazorg follows."),
                5000,
            )
        self._reload(case_id)

    def cancel_planned_contact(self, contact_id: str) -> None:
        """Cancel a planned visit (the contacts tab asked the worker first) on the vault
        thread; then Vandaag, the week and the case file show it gone."""
        session = self.window.session
        case_id = self.window.case_file.case_id
        if session is None or case_id is None:
            return
        self.window.runner.submit(
            lambda: session.cancel_planned_contact(contact_id),
            lambda _none: self._cancelled(case_id),
            self._show_error,
        )

    def _cancelled(self, case_id: str) -> None:
        self.window.statusBar().showMessage(
            QCoreApplication.translate("CaseFileActions", "Appointment cancelled."), 5000
        )
        self.window.sync.local_change()
        self.window.refresh()
        self._reload(case_id)

    def restore_conflict(self, conflict_id: str) -> None:
        """Take the value that lost a merge (one click on its mark) and show the case again."""
        session = self.window.session
        case_id = self.window.case_file.case_id
        if session is None or case_id is None:
            return
        self.window.runner.submit(
            lambda: session.restore_conflict(conflict_id),
            lambda _none: self._restored(case_id),
            self._show_error,
        )

    def _restored(self, case_id: str) -> None:
        self.window.statusBar().showMessage(
            QCoreApplication.translate("CaseFileActions", "The other value was taken."), 5000
        )
        self.window.sync.local_change()
        self.window.refresh()
        self._reload(case_id)

    def _reload(self, case_id: str) -> None:
        if self.window.case_file.case_id == case_id:
            self.window.open_case(case_id)

    def _load_programmes(self) -> None:
        session = self.window.session
        if session is not None:
            self.window.runner.submit(session.programmes, self._set_programmes)

    def _set_programmes(self, programmes: dict) -> None:
        if self.window.session is not None:
            self.window.case_file.set_programmes(programmes)

    def _show_error(self, error: BaseException) -> None:
        self.window.statusBar().showMessage(dutch_message(error), 10000)
