"""The case-file forms built without a window, for the tests that walk every form (Alt-keys
in Dutch and English): a synthetic case in its programme, with the default programmes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtWidgets import QWidget

from app.case import Case
from app.goals import Action, Goal
from app.programmes import DEFAULT_PROGRAMMES
from app.rules import LOCAL_TZ
from app.safety import Breach, BreachFollowUp, SafetyAgreement, SafetyPlan, SafetyRecords, TimeOut
from app.session import CaseContext, ContactDefaults
from app.vocabulary import ContactKind, LifeDomain
from app.zrm import ZrmAssessment
from ui.case_file.actions import FORMS
from ui.case_file.goal_forms import ActionForm, GoalForm
from ui.case_file.safety_forms import (
    AgreementForm,
    BreachForm,
    EvaluatePlanForm,
    FollowUpForm,
    SafetyPlanForm,
)
from ui.case_file.zrm_form import ZrmForm

TODAY = date(2026, 11, 22)


def case_context() -> CaseContext:
    case = Case(
        id="c",
        display_name="Test Cliënt",
        initials="",
        programme_id="moviera_wijk",
        phase_id="analyse",
        start_date=date(2026, 9, 1),
        worker="tester",
    )
    visit = ContactDefaults(
        "c",
        case.display_name,
        datetime(2026, 11, 22, 11, 0, tzinfo=LOCAL_TZ),
        ContactKind.HUISBEZOEK,
        "",
        "",
    )
    return CaseContext(case, {p.id: p for p in DEFAULT_PROGRAMMES}, TODAY, "tester", visit)


def _factory(form: Callable[[CaseContext, str], QWidget]) -> Callable[[], QWidget]:
    return lambda: form(case_context(), "d")


def safety_context(record_id: str = "") -> CaseContext:
    """case_context() with a safety plan (a time-out), an agreement "a", a breach "b" of it
    and a follow-up of that breach; forms open on `record_id`."""
    plan = SafetyPlan(
        "p", "c", 1, date(2026, 11, 1), "tester", date(2026, 12, 1), warning_signals="x",
        timeout=TimeOut("partner", "broer", date(2026, 11, 1)),
    )  # fmt: skip
    agreement = SafetyAgreement(
        "a", "c", "partner", "Komt niet langs.", "cliënt", date(2026, 11, 1), date(2026, 12, 1)
    )
    breach = Breach("b", "c", "a", date(2026, 11, 10), "Stond voor de deur.")
    follow_up = BreachFollowUp("f", "c", "b", date(2026, 11, 11), "Gebeld.", "tester")
    records = SafetyRecords(plan, (agreement,), (breach,), (follow_up,))
    return replace(case_context(), safety=records, record_id=record_id)


def _safety_factory(
    form: Callable[[CaseContext, str], QWidget], record_id: str
) -> Callable[[], QWidget]:
    return lambda: form(safety_context(record_id), "d")


# Every form the case file opens (a new one is checked as soon as the window opens it).
CASE_FORM_FACTORIES: dict[str, Callable[[], QWidget]] = {
    form.FORM: _factory(form) for form in FORMS
}
# The safety forms on a case that has a plan, an agreement and a breach: pre-filled, pickers
# filled, the agreement form changing one.
for _form, _record_id in (
    (SafetyPlanForm, ""),
    (EvaluatePlanForm, ""),
    (AgreementForm, "a"),
    (BreachForm, "a"),
    (FollowUpForm, "b"),
):
    CASE_FORM_FACTORIES[f"{_form.FORM} (on a case with safety records)"] = _safety_factory(
        _form, _record_id
    )


def _plan_factory(form: Callable[..., QWidget], record_id: str) -> Callable[[], QWidget]:
    """A goal, action or ZRM form on a case with a goal "g" (its action "x") and a ZRM,
    opened on `record_id` ('' for a new one)."""
    goal = Goal("g", "c", LifeDomain.FINANCIEN, "Ik wil mijn geld beheren.", made_on=TODAY)
    action = Action("x", "c", "g", "Schuldhulp bellen")
    zrm = ZrmAssessment("z", "c", date(2026, 10, 1), "tester", {d: 3 for d in LifeDomain})
    known = (
        {"assessments": [zrm]} if form is ZrmForm else {"goals": [goal], "plan_actions": [action]}
    )
    return lambda: form(replace(case_context(), record_id=record_id), "d", **known)


# The goal and action forms changing a record (an action form opened on a goal starts with
# it picked), and the ZRM form beside an earlier assessment.
for _form, _record_id in ((GoalForm, "g"), (ActionForm, "x"), (ActionForm, "g"), (ZrmForm, "")):
    _name = f"{_form.FORM} (on {_record_id or 'a case with a ZRM'})"
    CASE_FORM_FACTORIES[_name] = _plan_factory(_form, _record_id)


def _about_factory(form: Callable[..., QWidget], **about: object) -> Callable[[], QWidget]:
    """A form opened on a record of the case (a discussion, a done contact) or with the
    sociale kaart to pick from."""
    return lambda: form(case_context(), "d", **about)


def _records_about() -> dict[str, tuple[Callable[..., QWidget], dict[str, object]]]:
    from app.contact import Contact
    from app.discussion import CaseDiscussion
    from app.social_map import SocialMapEntry
    from ui.case_file.contact_correction_form import CorrectContactForm
    from ui.case_file.discussion_forms import DiscussionOutcomeForm, PrepareDiscussionForm
    from ui.case_file.handover_form import HandoverForm

    discussion = CaseDiscussion(
        "k", "c", date(2026, 11, 20), "Hoe verder?", tried="Netwerkberaad", outcome="Advies"
    )
    entry = SocialMapEntry("s", "Buurtteam Oost", "schuldhulp", "Ahmed Bakker", "", "Oost")
    done = Contact("t", "c", datetime(2026, 11, 20, 10, 0, tzinfo=LOCAL_TZ), report="Verslag")
    return {
        "handover_note (with the sociale kaart)": (HandoverForm, {"entries": [entry]}),
        "discussion_prepare (on a discussion)": (PrepareDiscussionForm, {"discussion": discussion}),
        "discussion_outcome (on a discussion)": (DiscussionOutcomeForm, {"discussion": discussion}),
        "contact_correction (on a done contact)": (CorrectContactForm, {"contact": done}),
    }


for _name, (_form, _about) in _records_about().items():
    CASE_FORM_FACTORIES[_name] = _about_factory(_form, **_about)
