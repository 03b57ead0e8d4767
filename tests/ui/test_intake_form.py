"""The intake form ("Nieuwe cliënt", Ctrl+Shift+N) and the edit-case form, driven like a
worker drives them: keyboard only, on a real vault; a case made offline reaches a second
laptop through a real server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.case import Case
from app.casework import Casework
from app.people import DangerPerson, HouseholdMember, InvolvedPartner
from app.sync_service import enroll_device, sync_now
from app.vocabulary import CaseStatus, LocationCode, PartnerKind
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.sync.server_harness import PASSWORD, LiveServer, database
from tests.ui.conftest import (
    WAIT_MS,
    DemoVault,
    crash_once_drafted,
    db_value,
    open_case,
    restart,
    settle,
    unlock,
)
from ui.forms.case_form import EditCaseForm
from ui.forms.intake_form import IntakeForm
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
F = TypeVar("F", IntakeForm, EditCaseForm)
# The tables an intake writes (the drafts table is not among them: a draft is kept).
RECORD_TABLES = ("cases", "household_members", "danger_persons", "case_partners", "screenings")


# --- helpers ---------------------------------------------------------------------------------


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def alt(qtbot, letter: str, until: Callable[[], bool] | None = None) -> None:
    """Press Alt+letter where the focus is, as a worker does. A button's Alt-key clicks it
    a moment later (Qt animates the press): `until` waits for what the click does."""
    qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
    if until is not None:
        qtbot.waitUntil(until, timeout=WAIT_MS)


def type_here(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab(qtbot, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def save(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)


def counts(window: MainWindow) -> dict[str, int]:
    assert window.session is not None
    db = window.session.vault.db
    found = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in RECORD_TABLES}
    found["journal"] = db.execute("SELECT count(*) FROM journal").fetchone()[0]
    return found


def shown(qtbot, window: MainWindow, form_type: type[F]) -> F:
    """The window's form of `form_type`, once it shows with the focus on the client's name."""
    qtbot.waitUntil(
        lambda: any(isinstance(f, form_type) and f.isVisible() for f in window.forms),
        timeout=WAIT_MS,
    )
    form = next(f for f in window.forms if isinstance(f, form_type))
    qtbot.waitUntil(lambda: form.name.hasFocus(), timeout=WAIT_MS)
    return form


def open_intake(qtbot, window: MainWindow) -> IntakeForm:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    return shown(qtbot, window, IntakeForm)


def saved_case(window: MainWindow, name: str) -> Case:
    assert window.session is not None
    found = [c for c in window.session.casework.cases() if c.display_name == name]
    assert len(found) == 1
    return found[0]


def wait_saved(qtbot, window: MainWindow, form_type: type) -> None:
    qtbot.waitUntil(
        lambda: not any(isinstance(f, form_type) for f in window.forms), timeout=WAIT_MS
    )
    settle(qtbot, window)


def fill_client(qtbot, form: IntakeForm, name: str, birth_year: str = "1990") -> None:
    """Name (focus is there when the form opens), initials left empty, birth year."""
    assert form.name.hasFocus()
    type_here(qtbot, name)
    tab(qtbot, 2)  # past the initials: derived
    assert form.birth_year.hasFocus()
    type_here(qtbot, birth_year)


def add_child(qtbot, form: IntakeForm, name: str, birth_year: str) -> None:
    alt(qtbot, "h")  # the Household tab
    before = len(form.children_editor.value())
    alt(qtbot, "e", until=lambda: len(form.children_editor.value()) == before + 1)  # Nieuw kind
    assert form.children_editor.widgets["name"].hasFocus()
    type_here(qtbot, name)
    tab(qtbot)
    type_here(qtbot, birth_year)
    tab(qtbot)
    type_here(qtbot, "De Regenboog")  # school


def add_danger_person(qtbot, form: IntakeForm, name: str) -> None:
    alt(qtbot, "g")  # the Danger tab
    alt(qtbot, "n", until=lambda: bool(form.danger_editor.value()))  # Nieuwe persoon
    assert form.danger_editor.widgets["name"].hasFocus()
    type_here(qtbot, name)
    alt(qtbot, "u")  # Huisverbod from
    type_here(qtbot, "20-11-2026")
    tab(qtbot)
    type_here(qtbot, "30-11-2026")


# --- intake ----------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["", "22-11-2026"])
def test_intake_with_a_child_and_a_danger_person_creates_the_case(
    qtbot, window: MainWindow, start: str
):
    unlock(qtbot, window)
    form = open_intake(qtbot, window)
    fill_client(qtbot, form, "Fatima van den Berg")
    if start:
        alt(qtbot, "d")  # Start date
        type_here(qtbot, start)
    add_child(qtbot, form, "Sara", "2016")
    add_danger_person(qtbot, form, "Karim")
    save(qtbot)
    wait_saved(qtbot, window, IntakeForm)

    case = saved_case(window, "Fatima van den Berg")
    assert case.initials == "F.v.d.B."
    assert case.worker == "tester"
    assert case.status is (CaseStatus.ACTIEF if start else CaseStatus.AANMELDING)
    assert (case.start_date is None) == (not start)
    assert window.session is not None
    file = window.session.open_case(case.id)
    assert [(m.name, m.birth_year, m.is_child, m.school) for m in file.members] == [
        ("Sara", 2016, True, "De Regenboog")
    ]
    [danger] = file.danger_persons
    assert (danger.name, danger.huisverbod_from.isoformat(), danger.huisverbod_until.day) == (
        "Karim",
        "2026-11-20",
        30,
    )
    # The new case opens in the case file, and the caseload lists it.
    qtbot.waitUntil(lambda: window.case_file.case_id == case.id, timeout=WAIT_MS)
    assert window.board is not None
    assert case.id in {row.case_id for row in window.board.caseload}


@pytest.mark.parametrize(
    ("what", "message"),
    [
        ("empty name", "Vul de naam van de cliënt in."),
        ("birth year in the future", "Het geboortejaar ligt in de toekomst."),
        ("birth year before 1900", "Vul een geboortejaar tussen 1900 en 2100 in."),
        ("child born too soon", "Een kind is minder dan 12 jaar na de cliënt geboren"),
        ("bad postcode", "Vul een postcode in zoals 1234 AB."),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_written(
    qtbot, window: MainWindow, what: str, message: str
):
    unlock(qtbot, window)
    before = counts(window)
    form = open_intake(qtbot, window)
    name = "" if what == "empty name" else "Ilse Fout"
    year = {"birth year in the future": "2031", "birth year before 1900": "1850"}.get(what, "2000")
    if name:
        type_here(qtbot, name)
    tab(qtbot, 2)
    type_here(qtbot, year)
    if what == "child born too soon":
        add_child(qtbot, form, "Mila", "2008")
    if what == "bad postcode":
        alt(qtbot, "f")  # Adres en telefoon
        alt(qtbot, "r")  # Street
        type_here(qtbot, "Dorpsstraat")
        alt(qtbot, "u")
        type_here(qtbot, "4")
        alt(qtbot, "o")  # Postcode
        type_here(qtbot, "0123")  # a postcode never starts with 0: refused while typing
        assert form.postcode.text() == "123"
        alt(qtbot, "w")
        type_here(qtbot, "Utrecht")
    save(qtbot)
    qtbot.waitUntil(lambda: message in form.message.text(), timeout=WAIT_MS)
    settle(qtbot, window)
    assert form.isVisible()
    assert counts(window) == before


def test_take_a_break_at_situatie_4_warns_and_saves_only_with_a_reason(qtbot, window: MainWindow):
    unlock(qtbot, window)
    before = counts(window)
    form = open_intake(qtbot, window)
    fill_client(qtbot, form, "Anouk Acuut")
    alt(qtbot, "r")  # Programme
    form.programme.setFocus()
    for _ in range(form.programme.count()):
        if form.programme.currentData() == "take_a_break":
            break
        qtbot.keyClick(form.programme, Qt.Key.Key_Down)
    assert form.programme.currentData() == "take_a_break"
    alt(qtbot, "i")  # the Screening tab
    alt(qtbot, "r", until=form.screening_on.isChecked)  # Record a first risk screening now
    alt(qtbot, "a")  # Situation
    for _ in range(4):
        qtbot.keyClick(form.situation, Qt.Key.Key_Down)
    assert form.situation.currentData() == 4
    assert "Take a Break is bedoeld voor situatie 3." in form.contra_text.text()
    save(qtbot)
    assert "Geef een reden om toch door te gaan." in form.message.text()
    assert form.contra_reason.hasFocus()
    settle(qtbot, window)
    assert counts(window) == before
    type_here(qtbot, "Gezin wil het zelf, veiligheidsplan staat.")
    save(qtbot)
    wait_saved(qtbot, window, IntakeForm)
    case = saved_case(window, "Anouk Acuut")
    assert window.session is not None
    [screening] = window.session.open_case(case.id).screenings
    assert screening.contra_reason == "Gezin wil het zelf, veiligheidsplan staat."
    assert [c.value for c in screening.contra_indications] == ["tab_niet_situatie_3"]


def test_code_oranje_turns_the_secret_address_on(qtbot, window: MainWindow):
    unlock(qtbot, window)
    form = open_intake(qtbot, window)
    fill_client(qtbot, form, "Olga Oranje")
    assert not form.secret.isChecked()
    alt(qtbot, "i")
    alt(qtbot, "r", until=form.screening_on.isChecked)
    alt(qtbot, "c")  # Location code
    while form.location.currentData() != LocationCode.ORANJE.value:
        qtbot.keyClick(form.location, Qt.Key.Key_Down)
    assert form.secret.isChecked()
    # A choice made by hand stays: untick it, and another code leaves it alone.
    form.secret.click()
    assert not form.secret.isChecked()
    qtbot.keyClick(form.location, Qt.Key.Key_Down)  # rood
    assert not form.secret.isChecked()


def test_undo_steps_back(qtbot, window: MainWindow):
    unlock(qtbot, window)
    form = open_intake(qtbot, window)
    fill_client(qtbot, form, "Ursula Undo", "1985")
    add_child(qtbot, form, "Uma", "2015")
    form.undo_last()  # the child (added and typed in: one step)
    assert form.children_editor.value() == []
    form.undo_last()
    assert form.birth_year.text() == ""
    assert form.name.text() == "Ursula Undo"
    form.undo_last()
    assert form.name.text() == ""
    form.redo_last()
    assert form.name.text() == "Ursula Undo"


def test_a_half_typed_intake_survives_a_crash_and_saves_the_same_case(
    qtbot, make_window, filled_vault: DemoVault
):
    first = make_window(filled_vault.path)
    unlock(qtbot, first)
    form = open_intake(qtbot, first)
    case_id = form.record_id
    fill_client(qtbot, form, "Hanna Herstel")
    add_child(qtbot, form, "Hugo", "2019")
    crash_once_drafted(qtbot, first, "form = 'intake' AND payload LIKE '%Hugo%'")

    second, restored = restart(qtbot, make_window, filled_vault.path)
    assert isinstance(restored, IntakeForm)
    assert restored.record_id == case_id
    assert restored.name.text() == "Hanna Herstel"
    assert [c["name"] for c in restored.children_editor.value()] == ["Hugo"]
    assert restored.draft_state.text() == restored.tr("Draft restored")
    restored.name.setFocus()
    save(qtbot)
    wait_saved(qtbot, second, IntakeForm)
    assert saved_case(second, "Hanna Herstel").id == case_id
    assert second.session is not None
    assert second.session.drafts("intake") == []


# --- editing a case ----------------------------------------------------------------------------


def _case_with_people(path: Path, clock) -> tuple[str, str]:
    """A case with one child and one partner, written before the window opens; returns the
    case id and the partner's id."""
    from app.intake import Intake, register_case

    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        work = Casework(vault)
        case = Case(
            id="case-edit",
            display_name="Eva Bewerk",
            initials="",
            programme_id="ambulant",
            phase_id=work.programme("ambulant").first_phase.id,
            start_date=work.today(),
            worker="tester",
            birth_year=1988,
            phone="06-11111111",
        )
        register_case(
            work,
            Intake(
                case,
                members=(HouseholdMember("m-1", case.id, "Emma", True, 2014),),
                partners=(
                    InvolvedPartner(
                        "p-1", case.id, PartnerKind.WIJKTEAM, "Wijkteam Oost", "Jan", "010-1"
                    ),
                ),
            ),
        )
    return case.id, "p-1"


def open_edit(qtbot, window: MainWindow, case_id: str) -> EditCaseForm:
    open_case(qtbot, window, case_id)
    qtbot.keyClick(window.case_file.edit, Qt.Key.Key_Space)  # "Gegevens wijzigen…"
    return shown(qtbot, window, EditCaseForm)


def journaled_since(window: MainWindow, seq: int) -> list[tuple[str, str, str]]:
    assert window.session is not None
    rows = window.session.vault.db.execute(
        "SELECT record_type, record_id, field FROM journal WHERE seq > ? ORDER BY seq", [seq]
    )
    return [tuple(row) for row in rows]


def last_seq(window: MainWindow) -> int:
    return db_value(window, "SELECT max(seq) FROM journal")


def test_edit_case_journals_only_the_field_that_changed(
    qtbot, make_window, filled_vault: DemoVault, clock
):
    case_id, _partner = _case_with_people(filled_vault.path, clock)
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    form = open_edit(qtbot, window, case_id)
    assert form.name.text() == "Eva Bewerk"
    assert [c["name"] for c in form.children_editor.value()] == ["Emma"]
    seq = last_seq(window)
    alt(qtbot, "f")  # Adres en telefoon
    alt(qtbot, "n")  # Phone
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL)
    type_here(qtbot, "06-22222222")
    save(qtbot)
    wait_saved(qtbot, window, EditCaseForm)
    assert journaled_since(window, seq) == [("case", case_id, "phone")]
    assert window.session is not None
    assert window.session.casework.get_case(case_id).phone == "06-22222222"


def test_edit_case_adds_a_child_and_removes_a_partner(
    qtbot, make_window, filled_vault: DemoVault, clock
):
    case_id, partner_id = _case_with_people(filled_vault.path, clock)
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    form = open_edit(qtbot, window, case_id)
    seq = last_seq(window)
    add_child(qtbot, form, "Noah", "2018")
    alt(qtbot, "k")  # the Network tab
    alt(qtbot, "t")  # the list of partners
    assert form.partners_editor.list.hasFocus()
    qtbot.keyClick(form.partners_editor.list, Qt.Key.Key_Delete)
    assert form.partners_editor.value() == []
    save(qtbot)
    wait_saved(qtbot, window, EditCaseForm)
    assert window.session is not None
    file = window.session.open_case(case_id)
    assert sorted((m.name, m.birth_year) for m in file.members) == [
        ("Emma", 2014),
        ("Noah", 2018),
    ]
    assert file.partners == []
    changes = journaled_since(window, seq)
    assert ("case_partner", partner_id, "deleted") in changes
    assert not [c for c in changes if c[0] == "case"]  # the case itself did not change
    assert not [c for c in changes if c[1] == "m-1"]  # nor did Emma


# --- a case made offline reaches a second laptop -------------------------------------------------


@pytest.fixture
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    from sync.server import passwords

    monkeypatch.setattr(passwords, "MEMORY_KIB", 1024)
    monkeypatch.setattr(passwords, "ITERATIONS", 1)


def _restart(stopped: LiveServer) -> LiveServer:
    """The same server (database and address) back after an outage."""
    again = LiveServer(stopped.database_url)
    again.server.config.port = int(stopped.url.rsplit(":", 1)[1])
    return again.start()


def test_a_case_made_offline_reaches_a_second_laptop_with_its_people(
    qtbot, make_window, filled_vault: DemoVault, tmp_path: Path, cheap_password_hashing
):
    with database("sqlite", tmp_path) as url:
        server = LiveServer(url).start()
        server.add_user("tester")
        vault = Vault.open(filled_vault.path, PASSPHRASE)
        enroll_device(vault, server.url, "tester", PASSWORD)
        vault.lock()
        server.stop()  # the laptop is offline from here

        window = make_window(filled_vault.path)
        unlock(qtbot, window)
        label = window.sync_label
        qtbot.waitUntil(lambda: label.text().startswith("Offline"), timeout=WAIT_MS)
        form = open_intake(qtbot, window)
        case_id = form.record_id
        fill_client(qtbot, form, "Olivia Onderweg")
        add_child(qtbot, form, "Otto", "2017")
        add_danger_person(qtbot, form, "Oscar")
        save(qtbot)
        wait_saved(qtbot, window, IntakeForm)
        qtbot.waitUntil(lambda: "wacht" in label.text(), timeout=WAIT_MS)

        server = _restart(server)
        try:
            window.sync.sync_now()
            qtbot.waitUntil(lambda: "alles verstuurd" in label.text(), timeout=WAIT_MS)
            (tmp_path / "tweede").mkdir()
            second = Vault.create(
                tmp_path / "tweede" / "werk.koers", "tweede-laptop", owner="tester", kdf=TEST_KDF
            )
            try:
                Casework(second).seed_default_programmes()
                enroll_device(second, server.url, "tester", PASSWORD)
                sync_now(second)
                file = Casework(second).open_case(case_id)
                assert file.case.display_name == "Olivia Onderweg"
                assert file.case.status is CaseStatus.AANMELDING
                assert [(m.name, m.birth_year) for m in file.members] == [("Otto", 2017)]
                assert [d.name for d in file.danger_persons] == ["Oscar"]
                assert isinstance(file.danger_persons[0], DangerPerson)
            finally:
                second.lock()
        finally:
            server.stop()


def test_an_empty_optional_date_takes_a_typed_date_and_delete_empties_it(qtbot, window: MainWindow):
    unlock(qtbot, window)
    form = open_intake(qtbot, window)
    alt(qtbot, "d")  # Start date, empty: the case stays an aanmelding
    assert form.payload()["start_date"] is None
    type_here(qtbot, "01-12-2026")
    assert form.payload()["start_date"] == "2026-12-01"
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)
    assert form.payload()["start_date"] is None


def test_an_edit_draft_restored_after_a_crash_keeps_a_change_synced_meanwhile(
    qtbot, make_window, filled_vault: DemoVault, clock
):
    case_id, _partner = _case_with_people(filled_vault.path, clock)
    first = make_window(filled_vault.path)
    unlock(qtbot, first)
    open_edit(qtbot, first, case_id)
    alt(qtbot, "f")  # Adres en telefoon
    alt(qtbot, "n")
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL)
    type_here(qtbot, "06-33333333")
    crash_once_drafted(qtbot, first, "form = 'edit_case' AND payload LIKE '%06-333%'")
    # Meanwhile a colleague's change of another field arrives (as a sync would write it).
    with Vault.open(filled_vault.path, PASSPHRASE, clock=clock) as other:
        work = Casework(other)
        work.update_case(replace(work.get_case(case_id), language="en"))

    second, restored = restart(qtbot, make_window, filled_vault.path)
    assert isinstance(restored, EditCaseForm)
    assert restored.phone.text() == "06-33333333"
    assert restored.language.text() == "en"  # what the case holds now, not the old value
    seq = last_seq(second)
    restored.name.setFocus()
    save(qtbot)
    wait_saved(qtbot, second, EditCaseForm)
    assert journaled_since(second, seq) == [("case", case_id, "phone")]
    assert second.session is not None
    case = second.session.casework.get_case(case_id)
    assert (case.phone, case.language) == ("06-33333333", "en")


def test_a_secret_address_stays_masked_in_the_edit_form_until_shown_on_purpose(
    qtbot, window: MainWindow, filled_vault: DemoVault
):
    """The edit form is no back door past "Toon adres": the address shows as dots until the
    worker asks, and that reveal is in the access log; an untouched address is not saved."""
    from tests.ui.conftest import SECRET_STREET, access_actions

    unlock(qtbot, window)
    case_id = filled_vault.secret_case_id
    form = open_edit(qtbot, window, case_id)
    assert form.street.echoMode() == form.street.EchoMode.Password
    assert form.street.isReadOnly()
    shown_text = " ".join(
        w.displayText() for w in form.findChildren(QWidget) if hasattr(w, "displayText")
    )
    assert SECRET_STREET not in shown_text
    assert "reveal_address" not in access_actions(window, case_id)
    qtbot.mouseClick(form.reveal_address, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.street.echoMode() == form.street.EchoMode.Normal, timeout=5000)
    assert form.street.displayText() == SECRET_STREET and not form.street.isReadOnly()
    assert access_actions(window, case_id).count("reveal_address") == 1


def test_we_may_call_is_off_until_the_worker_says_yes(qtbot, window: MainWindow):
    """A call at the wrong moment can endanger a client who hides from a violent partner:
    a new client is "may not call" unless the worker ticks the box."""
    unlock(qtbot, window)
    form = open_intake(qtbot, window)
    assert not form.may_call.isChecked()
    fill_client(qtbot, form, "Fatima van den Berg")
    save(qtbot)
    wait_saved(qtbot, window, IntakeForm)
    assert saved_case(window, "Fatima van den Berg").safe_contact.may_call is False
