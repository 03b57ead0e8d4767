"""The case-file forms built without a window, for the tests that walk every form (Alt-keys
in Dutch and English): a synthetic case in its programme, with the default programmes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtWidgets import QWidget

from app.case import Case
from app.programmes import DEFAULT_PROGRAMMES
from app.rules import LOCAL_TZ
from app.session import CaseContext, ContactDefaults
from app.vocabulary import ContactKind
from ui.case_file.actions import FORMS

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


# Every form the case file opens (a new one is checked as soon as the window opens it).
CASE_FORM_FACTORIES: dict[str, Callable[[], QWidget]] = {
    form.FORM: _factory(form) for form in FORMS
}
