"""The form base as a worker meets it, in the contact form: dates kept as typed, an empty
contact refused, undo and redo, and no two controls of a form sharing an Alt-key."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from app.contact import Contact
from app.rules import LOCAL_TZ
from app.session import ContactDefaults
from app.vocabulary import ContactKind, ContactStatus
from tests.ui.case_forms import CASE_FORM_FACTORIES
from tests.ui.conftest import WAIT_MS, DemoVault, db_value, open_contact_form, settle, unlock
from tests.ui.mnemonics import mnemonic_clashes
from ui.contact_form import ContactForm
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_date_typed_into_the_field_is_the_date_kept(qtbot, window: MainWindow, filled_vault):
    unlock(qtbot, window)
    form = open_contact_form(qtbot, window, filled_vault.secret_case_id)
    form.duration.setFocus()
    qtbot.keyClick(form.duration, Qt.Key.Key_Backtab)  # Shift+Tab back to the kind
    qtbot.keyClick(form.kind, Qt.Key.Key_Backtab)  # ... and to the date field
    assert form.when.hasFocus()
    qtbot.keyClicks(form.when, "15-11-2026 10:00")
    chosen = datetime.fromisoformat(form.payload()["starts_at"]).astimezone(LOCAL_TZ)
    assert (chosen.day, chosen.month, chosen.year, chosen.hour, chosen.minute) == (
        15,
        11,
        2026,
        10,
        0,
    )


def test_an_empty_done_contact_is_refused_and_nothing_is_written(
    qtbot, window: MainWindow, filled_vault: DemoVault
):
    unlock(qtbot, window)
    case_id = filled_vault.secret_case_id
    before = db_value(window, "SELECT count(*) FROM contacts WHERE case_id = ?", case_id)
    form = open_contact_form(qtbot, window, case_id)
    qtbot.keyClick(form.report, Qt.Key.Key_Return, CTRL)
    assert "Schrijf kort wat er gebeurde" in form.message.text()
    assert form.isVisible()
    settle(qtbot, window)
    assert db_value(window, "SELECT count(*) FROM contacts WHERE case_id = ?", case_id) == before
    # "Alleen kort contact" is a deliberate choice, and then it saves.
    form.brief.setChecked(True)
    qtbot.keyClick(form.report, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    assert (
        db_value(window, "SELECT count(*) FROM contacts WHERE case_id = ?", case_id) == before + 1
    )


def test_recording_a_visit_completes_the_visit_planned_that_day(
    qtbot, window: MainWindow, filled_vault: DemoVault
):
    unlock(qtbot, window)
    assert window.session is not None
    case_id = filled_vault.secret_case_id
    now = window.session.vault.now()
    planned = Contact(
        window.session.new_id(),
        case_id,
        now + timedelta(minutes=30),
        ContactKind.HUISBEZOEK,
        ContactStatus.GEPLAND,
    )
    window.runner.submit(lambda: window.session.casework.plan_contact(planned))
    settle(qtbot, window)
    form = open_contact_form(qtbot, window, case_id)
    qtbot.keyClicks(form.report, "Huisbezoek zoals gepland.")
    qtbot.keyClick(form.report, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    rows = window.session.vault.db.execute(
        "SELECT id, status, report FROM contacts WHERE case_id = ? AND starts_at >= ?",
        [case_id, (now - timedelta(hours=1)).astimezone(LOCAL_TZ).isoformat()[:10]],
    ).fetchall()
    assert (planned.id, "gedaan", "Huisbezoek zoals gepland.") in rows
    assert not any(status == "gepland" for _id, status, _r in rows)
    assert window.board is not None
    assert case_id not in {v.case_id for v in window.board.planned_today}


def test_redo_brings_back_what_undo_took(qtbot, window: MainWindow, filled_vault: DemoVault):
    unlock(qtbot, window)
    form = open_contact_form(qtbot, window, filled_vault.secret_case_id)
    qtbot.keyClicks(form.report, "Eerste zin.")
    form.safety_check.setChecked(True)
    form.undo_last()
    assert not form.safety_check.isChecked()
    assert form.redo.isEnabled()
    form.redo_last()
    assert form.safety_check.isChecked()
    assert form.report.toPlainText() == "Eerste zin."


def _contact_form() -> QWidget:
    defaults = ContactDefaults(
        "c", "Test", datetime(2026, 11, 30, 10, 0, tzinfo=LOCAL_TZ), ContactKind.HUISBEZOEK, "", ""
    )
    return ContactForm(defaults, "d")


def _case_form_context():
    from ui.forms.case_form import CaseFormContext, ProgrammeChoice

    return CaseFormContext(
        date(2026, 11, 22),
        "tester",
        (
            ProgrammeChoice("ambulant", "Ambulante begeleiding", "begeleiding"),
            ProgrammeChoice("take_a_break", "Take a Break", "veiligheid"),
        ),
    )


def _intake_form() -> QWidget:
    from ui.forms.intake_form import IntakeForm

    return IntakeForm(_case_form_context(), "d", "c")


def _edit_case_form() -> QWidget:
    from app.case import Case
    from app.casework import CaseFile
    from ui.forms.case_form import EditCaseForm

    case = Case("c", "Test Persoon", "", "ambulant", "begeleiding", date(2026, 11, 1), "tester")
    file = CaseFile(case, [], [], [], [], [], [], [], [], [], [])
    return EditCaseForm(_case_form_context(), file, "d")


def _social_map_form() -> QWidget:
    from app.social_map import SocialMapEntry
    from ui.social_map_form import SocialMapForm

    entry = SocialMapEntry("s", "Buurtteam Oost", "Opvoeden", "Jan de Boer", "030-1234567")
    return SocialMapForm("s", entry, "d")


def _team_handover_dialog() -> QWidget:
    from sync.protocol import TeamWorker, TeamWorkers
    from ui.team_handover import HandoverDialog

    dialog = HandoverDialog(["Fleur van Zanddorp", "Noor Verstopt"])
    dialog.set_workers(TeamWorkers(team="Oost", workers=[TeamWorker(name="bram")]), set())
    return dialog


# Every form and dialog of the window; the forms of later screens add themselves here.
FORM_FACTORIES = {
    "contact": _contact_form,
    "intake": _intake_form,
    "edit_case": _edit_case_form,
    "social_map_entry": _social_map_form,
    "team_handover": _team_handover_dialog,
    **CASE_FORM_FACTORIES,
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(FORM_FACTORIES))
def test_no_two_controls_of_a_form_share_an_alt_key(qtbot, qapp: QApplication, language, name):
    # The session runs in Dutch; English is the source text, shown with no translator.
    dutch = qapp.findChildren(QTranslator) if language == "en" else []
    for translator in dutch:
        QCoreApplication.removeTranslator(translator)
    try:
        form = FORM_FACTORIES[name]()
        qtbot.addWidget(form)
        assert mnemonic_clashes(form) == {}
    finally:
        for translator in dutch:
            QCoreApplication.installTranslator(translator)


def test_a_person_added_in_the_window_gets_a_time_ordered_id(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A household member, danger person or partner added in the intake or case window
    becomes a record with the id the editor gave it: a UUIDv7 like every new record's."""
    import uuid

    from ui.forms.people_editors import adults_editor

    editor = adults_editor()
    qtbot.addWidget(editor)
    editor.add_person()
    (person,) = editor.value()
    assert uuid.UUID(person["id"]).version == 7
