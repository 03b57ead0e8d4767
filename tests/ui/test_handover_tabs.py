"""The handover, case-discussion and contacts tabs as a worker uses them (pytest-qt, real
vault): the sociale-kaart picker, warm handover notes, discussions prepared and then
discussed, a done contact corrected with its earlier text kept readable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.case import Case
from app.casework import Casework, new_id
from app.contact import Contact
from app.social_map import SocialMapEntry, haystack, matches, search_words
from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.conftest import NOW, PASSPHRASE
from tests.exports.conftest import pdf_text, read_pdf
from tests.ui.conftest import (
    WAIT_MS,
    crash_once_drafted,
    db_value,
    open_case,
    restart,
    settle,
    unlock,
)
from tests.ui.mnemonics import mnemonic_of
from tests.ui.test_case_file_actions import activate, save
from tests.ui.test_exports import open_dialog
from tests.ui.test_teamkracht_review import write_reviewed_sheet
from ui.case_file.contact_correction_form import CorrectContactForm
from ui.case_file.discussion_forms import DiscussionOutcomeForm, PrepareDiscussionForm
from ui.case_file.handover_form import HandoverForm
from ui.export_dialog import ExportDoneDialog
from ui.forms.base import RecordForm
from ui.forms.social_map_picker import SocialMapPicker
from ui.main_window import MainWindow

WEST = SocialMapEntry(
    "sm-west", "Buurtteam West", "schuldhulp, opvoeding", "Fleur Jansen", "010-1111111", "Kralingen"
)
OOST = SocialMapEntry(
    "sm-oost",
    "Buurtteam Oost",
    "financiën en formulieren",
    "Ahmed Bakker",
    "010-2222222",
    "Feijenoord",
)
GGZ = SocialMapEntry("sm-ggz", "GGZ Delfland", "traumabehandeling", "", "", "Delft")
MAP = [WEST, OOST, GGZ]


# --- the sociale-kaart picker ---------------------------------------------------------------


def found(entry: SocialMapEntry, query: str) -> bool:
    return matches(haystack(entry), search_words(query))


def test_search_looks_through_organisation_person_offers_and_area() -> None:
    assert found(OOST, "financien")  # accents and case ignored
    assert found(WEST, "fleur kralingen")  # every word, in any field
    assert found(GGZ, "delft trauma")
    assert not found(WEST, "fleur feijenoord")
    assert all(matches(e, "") for e in MAP)


def test_typing_filters_the_map_and_enter_picks(qtbot) -> None:
    picker = SocialMapPicker(with_contact_person=True)
    qtbot.addWidget(picker)
    picker.set_entries(MAP)
    picker.show()
    qtbot.keyClicks(picker, "formulieren")
    popup = picker.popup()
    qtbot.waitUntil(popup.isVisible)
    assert picker.completer_.completionModel().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.value() == ("Buurtteam Oost – Ahmed Bakker", "sm-oost")
    assert picker.chosen_entry() == OOST


def test_a_name_not_on_the_map_is_free_text_and_drops_the_link(qtbot) -> None:
    picker = SocialMapPicker()
    qtbot.addWidget(picker)
    picker.set_entries(MAP)
    picker.show()
    qtbot.keyClick(picker, Qt.Key.Key_Down)  # the whole list
    popup = picker.popup()
    qtbot.waitUntil(popup.isVisible)
    assert picker.completer_.completionModel().rowCount() == 3
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.value() == ("Buurtteam West", "sm-west")
    picker.selectAll()
    qtbot.keyClicks(picker, "Huisarts Van Dam")
    qtbot.keyClick(picker.popup(), Qt.Key.Key_Escape)
    assert picker.value() == ("Huisarts Van Dam", "")
    # A name typed exactly as one entry has it links that entry.
    picker.setText("ggz delfland")
    assert picker.social_map_id() == "sm-ggz"


def test_a_draft_brings_the_link_back_in_either_order(qtbot) -> None:
    twins = [WEST, SocialMapEntry("sm-west-2", "Buurtteam West", "jeugd", "Kim", "", "Noord")]
    for order in ("name first", "id first"):
        picker = SocialMapPicker()
        qtbot.addWidget(picker)
        picker.set_entries(twins)
        if order == "name first":
            picker.setText("Buurtteam West")
            assert picker.social_map_id() == ""  # two entries by that name: not guessed
            picker.set_social_map_id("sm-west-2")
        else:
            picker.set_social_map_id("sm-west-2")
            picker.setText("Buurtteam West")
        assert picker.value() == ("Buurtteam West", "sm-west-2"), order


# --- the window on a real vault -------------------------------------------------------------

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
PACK_PASSWORD = "een-eigen-wachtwoord"
FIRST_REPORT = "Huisbezoek met de kinderen; moeder oogt moe."
RECORD_TABLES = ("handover_notes", "case_discussions", "contacts", "journal")


@dataclass(frozen=True)
class Vaulted:
    path: Path
    case_id: str
    contact_id: str


@pytest.fixture
def vaulted(vault_path: Path, clock: FixedClock) -> Vaulted:
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        work = Casework(v)
        work.seed_default_programmes()
        case = Case(
            id=new_id(),
            display_name="Noor Verstopt",
            initials="N.V.",
            programme_id="moviera_wijk",
            phase_id=work.programme("moviera_wijk").first_phase.id,
            start_date=work.today() - timedelta(days=60),
            worker="tester",
        )
        work.add_case(case)
        contact = Contact(new_id(), case.id, NOW - timedelta(days=3), report=FIRST_REPORT)
        work.record_contact(contact)
        for entry in MAP:
            work.add_social_map_entry(entry)
    return Vaulted(vault_path, case.id, contact.id)


@pytest.fixture
def window(make_window, vaulted: Vaulted, qtbot) -> MainWindow:
    window = make_window(vaulted.path)
    unlock(qtbot, window)
    return window


def counts(window: MainWindow) -> dict[str, int]:
    return {t: db_value(window, f"SELECT count(*) FROM {t}") for t in RECORD_TABLES}


def on_tab(qtbot, window: MainWindow, case_id: str, tab: QWidget) -> None:
    """The case file of `case_id`, on `tab`, with the window active."""
    open_case(qtbot, window, case_id)
    settle(qtbot, window)
    window.case_file.tabs.setCurrentWidget(tab)
    activate(qtbot, window)


def alt_for(qtbot, where: QWidget, control: QWidget) -> None:
    """Press the Alt-key `control` shows (its own text, or its label's): the letter is read
    from the screen, so the test holds in any language."""
    text = control.text() if isinstance(control, QAbstractButton) else ""
    if not text:
        label = next(lbl for lbl in where.findChildren(QLabel) if lbl.buddy() is control)
        text = label.text()
    key = mnemonic_of(text)
    assert key, text
    qtbot.keyClick(where, getattr(Qt.Key, f"Key_{key.upper()}"), ALT)


def back_to(qtbot, form: RecordForm) -> None:
    """The form is the active window again once the list under a field closed (offscreen
    there is no window manager to hand it back)."""
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=WAIT_MS)


def tick(qtbot, form: RecordForm, box: QAbstractButton) -> None:
    """Alt-key of a check box or radio button: Qt clicks it a moment later."""
    before = box.isChecked()
    alt_for(qtbot, form, box)
    qtbot.waitUntil(lambda: box.isChecked() != before, timeout=WAIT_MS)


def press(qtbot, window: MainWindow, button: QAbstractButton) -> RecordForm:
    """The Alt-key of a tab's button; the form it opens."""
    assert button.isVisible() and button.isEnabled(), (
        window.workspace.currentWidget(),
        window.case_file.tabs.currentWidget(),
        button.text(),
    )
    alt_for(qtbot, window, button)
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    settle(qtbot, window)
    return window.forms[0]


def type_into(qtbot, form: RecordForm, field: QWidget, text: str) -> None:
    """Reach `field` by its Alt-key and type `text`."""
    alt_for(qtbot, form, field)
    assert field.hasFocus() or field.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClicks(QApplication.focusWidget(), text)


def type_date(qtbot, form: RecordForm, field: QWidget, day: date) -> None:
    """Reach a date field by its Alt-key and type the date (the field starts typing at
    the day when the focus arrives, so the focus comes from elsewhere)."""
    form.save.setFocus()
    alt_for(qtbot, form, field)
    qtbot.keyClicks(field, day.strftime("%d-%m-%Y"))


def paste(field: QWidget, text: str) -> None:
    """What a paste does: the text arrives whole, with whatever it holds."""
    field.insertPlainText(text) if hasattr(field, "insertPlainText") else field.insert(text)


def refused_with(qtbot, window: MainWindow, form: RecordForm, words: str) -> None:
    before = counts(window)
    qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: words in form.message.text(), timeout=WAIT_MS)
    settle(qtbot, window)
    assert form.isVisible()
    assert counts(window) == before


def stored(window: MainWindow, sql: str, *params: Any) -> tuple:
    assert window.session is not None
    return tuple(window.session.vault.db.execute(sql, params).fetchone())


# --- warm handover --------------------------------------------------------------------------


def test_a_warm_handover_by_keyboard_with_the_partner_from_the_sociale_kaart(
    qtbot, window: MainWindow, vaulted: Vaulted, tmp_path: Path
) -> None:
    view = window.case_file
    on_tab(qtbot, window, vaulted.case_id, view.handover_tab)
    assert (
        "Nog geen" in view.handovers.toPlainText() or "No handover" in view.handovers.toPlainText()
    )
    form = press(qtbot, window, view.handover_tab.new)
    assert isinstance(form, HandoverForm)
    assert form.to_whom.hasFocus()
    qtbot.keyClicks(form.to_whom, "formulieren")  # what Buurtteam Oost offers
    qtbot.waitUntil(form.to_whom.popup().isVisible, timeout=WAIT_MS)
    qtbot.keyClick(form.to_whom.popup(), Qt.Key.Key_Return)
    assert form.to_whom.value() == ("Buurtteam Oost – Ahmed Bakker", OOST.id)
    type_into(qtbot, form, form.reason, "Doelen bereikt; vervolg in de wijk")
    type_into(qtbot, form, form.summary, "Veiligheid stabiel, schulden in beeld.")
    type_into(qtbot, form, form.what_works, "Korte afspraken, appen vooraf.")
    type_into(qtbot, form, form.next_step, "Kennismaking met het buurtteam")
    today = window.board.today  # type: ignore[union-attr]
    type_date(qtbot, form, form.next_step_on, today + timedelta(days=7))

    # No answer on consent yet: refused in Dutch, nothing written, the focus on the answers.
    refused_with(qtbot, window, form, "Kies of de cliënt toestemming gaf")
    assert form.consent.buttons["ja"].hasFocus()
    tick(qtbot, form, form.consent.buttons["niet_gevraagd"])
    assert form.consent.value() == "niet_gevraagd"
    tick(qtbot, form, form.with_client)
    assert form.with_client.isChecked() and form.with_client_on.isEnabled()
    save(qtbot, window, form)

    row = stored(
        window,
        "SELECT to_whom, to_kind, consent, reason, next_step, next_step_on, with_client, "
        "with_client_on, social_map_id, written_by FROM handover_notes WHERE case_id = ?",
        vaulted.case_id,
    )
    assert row == (
        "Buurtteam Oost – Ahmed Bakker",
        "buurtteam",
        "niet_gevraagd",
        "Doelen bereikt; vervolg in de wijk",
        "Kennismaking met het buurtteam",
        (today + timedelta(days=7)).isoformat(),
        1,
        today.isoformat(),
        OOST.id,
        "tester",
    )
    text = view.handovers.toPlainText()
    for shown in (
        "Buurtteam Oost – Ahmed Bakker",
        "Niet gevraagd",
        "Kennismaking met het buurtteam",
    ):
        assert shown in text
    assert db_value(window, "SELECT count(*) FROM drafts") == 0

    # The handover pack made after the form was used holds every value entered.
    pack = tmp_path / "dossier.pdf"
    session = window.session
    assert session is not None
    done: list[object] = []
    window.runner.submit(
        lambda: session.export_handover_pack(pack, [vaulted.case_id], PACK_PASSWORD, False),
        done.append,
    )
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    printed = " ".join(" ".join(pdf_text(read_pdf(pack, PACK_PASSWORD))).split())
    for entered in (
        "aan Buurtteam Oost – Ahmed Bakker",
        "Reden: Doelen bereikt; vervolg in de wijk",
        "Samenvatting: Veiligheid stabiel, schulden in beeld.",
        "Wat werkt: Korte afspraken, appen vooraf.",
        f"Volgende stap: Kennismaking met het buurtteam (op {today + timedelta(days=7):%d-%m-%Y})",
        "Toestemming cliënt: niet gevraagd",
        f"Samen met de cliënt: ja, op {today:%d-%m-%Y}",
    ):
        assert entered in printed, entered


def test_bad_handover_input_is_refused_with_nothing_written(
    qtbot, window: MainWindow, vaulted: Vaulted
) -> None:
    view = window.case_file
    on_tab(qtbot, window, vaulted.case_id, view.handover_tab)
    form = press(qtbot, window, view.handover_tab.new)
    assert isinstance(form, HandoverForm)
    qtbot.keyClicks(form.to_whom, "Huisarts Van Dam")  # not on the map: free text
    qtbot.keyClick(form.to_whom.popup(), Qt.Key.Key_Escape)
    back_to(qtbot, form)
    tick(qtbot, form, form.consent.buttons["ja"])
    refused_with(qtbot, window, form, "Vul een samenvatting in.")
    assert form.summary.hasFocus()
    paste(form.summary, "Samenvatting met een stuur\x1bteken")
    refused_with(qtbot, window, form, "stuurteken")
    form.summary.setPlainText("Samenvatting zonder gedoe.")
    type_into(qtbot, form, form.next_step, "Huisbezoek")
    today = window.board.today  # type: ignore[union-attr]
    type_date(qtbot, form, form.next_step_on, today - timedelta(days=2))
    refused_with(qtbot, window, form, "De volgende stap kan niet vóór de overdracht liggen.")
    type_date(qtbot, form, form.handover_date, today + timedelta(days=1))
    refused_with(qtbot, window, form, "Een overdracht kan niet in de toekomst liggen.")
    type_date(qtbot, form, form.handover_date, today)
    type_date(qtbot, form, form.next_step_on, today + timedelta(days=2))
    save(qtbot, window, form)
    assert stored(window, "SELECT to_whom, social_map_id, consent FROM handover_notes") == (
        "Huisarts Van Dam",
        "",
        "ja",
    )


def test_a_half_written_handover_comes_back_after_a_crash(
    qtbot, make_window, window: MainWindow, vaulted: Vaulted
) -> None:
    view = window.case_file
    on_tab(qtbot, window, vaulted.case_id, view.handover_tab)
    form = press(qtbot, window, view.handover_tab.new)
    qtbot.keyClick(form.to_whom, Qt.Key.Key_Down)
    qtbot.waitUntil(form.to_whom.popup().isVisible, timeout=WAIT_MS)
    qtbot.keyClick(form.to_whom.popup(), Qt.Key.Key_Return)  # the first: Buurtteam Oost
    type_into(qtbot, form, form.summary, "Half geschreven")
    tick(qtbot, form, form.consent.buttons["nee"])
    crash_once_drafted(qtbot, window, "form = 'handover_note'")

    again, form = restart(qtbot, make_window, vaulted.path)
    assert isinstance(form, HandoverForm)
    assert form.to_whom.value() == ("Buurtteam Oost – Ahmed Bakker", OOST.id)
    assert form.summary.toPlainText() == "Half geschreven"
    assert form.consent.value() == "nee"
    save(qtbot, again, form)
    assert stored(again, "SELECT social_map_id, consent FROM handover_notes") == (OOST.id, "nee")


# --- case discussions ------------------------------------------------------------------------


def test_a_discussion_prepared_then_discussed_and_its_teamkracht_sheet(
    qtbot, window: MainWindow, vaulted: Vaulted, tmp_path: Path
) -> None:
    view = window.case_file
    tab = view.discussions_tab
    on_tab(qtbot, window, vaulted.case_id, tab)
    assert not tab.outcome.isEnabled() and not tab.sheet.isEnabled()
    form = press(qtbot, window, tab.prepare)
    assert isinstance(form, PrepareDiscussionForm)
    today = window.board.today  # type: ignore[union-attr]
    meeting = today + timedelta(days=9)
    type_date(qtbot, form, form.held_on, meeting)
    type_into(qtbot, form, form.question, "Hoe houden we de time-out veilig na de zomer?")
    type_into(qtbot, form, form.tried, "Netwerkberaad met zus en buurvrouw.")
    save(qtbot, window, form)
    assert tab.list.topLevelItemCount() == 1
    assert tab.list.topLevelItem(0).text(1) == "voorbereid"
    assert "Netwerkberaad met zus en buurvrouw." in view.discussions.toPlainText()

    # The sheet made from it carries the question and what was tried.
    alt_for(qtbot, window, tab.sheet)
    dialog = open_dialog(qtbot, window)
    sheet = tmp_path / "teamkracht.pdf"
    dialog.path.setText(str(sheet))
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    write_reviewed_sheet(qtbot, window)
    open_dialog(qtbot, window, ExportDoneDialog).done(0)
    text = " ".join(" ".join(pdf_text(read_pdf(sheet))).split())
    assert "Hoe houden we de time-out veilig na de zomer?" in text
    assert "Netwerkberaad met zus en buurvrouw." in text
    assert "Noor" not in text  # pseudonymised as it was
    activate(qtbot, window)

    # After the meeting (held early, today): the outcome makes it besproken.
    form = press(qtbot, window, tab.outcome)
    assert isinstance(form, DiscussionOutcomeForm)
    assert "Hoe houden we de time-out veilig" in form.asked.text()
    assert form.payload()["held_on"] == today.isoformat()  # the meeting lay ahead
    type_into(qtbot, form, form.outcome, "Time-out verlengen met twee weken.")
    type_into(qtbot, form, form.next_steps, "Zus vragen; evaluatie over twee weken.")
    save(qtbot, window, form)
    assert tab.list.topLevelItem(0).text(1) == "besproken"
    assert stored(window, "SELECT held_on, outcome, tried FROM case_discussions") == (
        today.isoformat(),
        "Time-out verlengen met twee weken.",
        "Netwerkberaad met zus en buurvrouw.",
    )

    # Changing the preparation later keeps the outcome.
    form = press(qtbot, window, tab.change)
    assert isinstance(form, PrepareDiscussionForm)
    assert form.question.toPlainText().startswith("Hoe houden we")
    form.question.selectAll()
    qtbot.keyClicks(form.question, "Is de time-out nog nodig?")
    save(qtbot, window, form)
    assert stored(window, "SELECT question, outcome FROM case_discussions") == (
        "Is de time-out nog nodig?",
        "Time-out verlengen met twee weken.",
    )
    assert db_value(window, "SELECT count(*) FROM case_discussions") == 1


def test_bad_discussion_input_is_refused_with_nothing_written(
    qtbot, window: MainWindow, vaulted: Vaulted
) -> None:
    tab = window.case_file.discussions_tab
    on_tab(qtbot, window, vaulted.case_id, tab)
    form = press(qtbot, window, tab.prepare)
    refused_with(qtbot, window, form, "Vul de vraag aan het team in.")
    assert form.question.hasFocus()
    paste(form.question, "Vraag met een \x00nul")
    refused_with(qtbot, window, form, "stuurteken")
    form.question.setPlainText("Wat als hij terugkomt?")
    today = window.board.today  # type: ignore[union-attr]
    type_date(qtbot, form, form.held_on, today + timedelta(days=400))
    refused_with(qtbot, window, form, "meer dan een jaar vooruit")
    type_date(qtbot, form, form.held_on, today + timedelta(days=3))
    save(qtbot, window, form)

    form = press(qtbot, window, tab.outcome)
    refused_with(qtbot, window, form, "Vul de uitkomst van de bespreking in.")
    type_into(qtbot, form, form.outcome, "Advies: melding Veilig Thuis.")
    type_date(qtbot, form, form.held_on, today + timedelta(days=3))
    refused_with(qtbot, window, form, "nog niet gehouden")
    assert stored(window, "SELECT outcome FROM case_discussions") == ("",)


def test_a_half_written_outcome_comes_back_on_its_discussion(
    qtbot, make_window, window: MainWindow, vaulted: Vaulted
) -> None:
    tab = window.case_file.discussions_tab
    on_tab(qtbot, window, vaulted.case_id, tab)
    for question in ("Eerste vraag?", "Tweede vraag?"):
        form = press(qtbot, window, tab.prepare)
        qtbot.keyClicks(form.question, question)
        save(qtbot, window, form)
    first = next(
        i
        for i in range(tab.list.topLevelItemCount())
        if "Eerste" in tab.list.topLevelItem(i).text(2)
    )
    tab.list.setCurrentItem(tab.list.topLevelItem(first))
    form = press(qtbot, window, tab.outcome)
    qtbot.keyClicks(form.outcome, "Half opgeschreven advies")
    crash_once_drafted(qtbot, window, "form = 'discussion_outcome'")

    again, form = restart(qtbot, make_window, vaulted.path)
    assert isinstance(form, DiscussionOutcomeForm)
    assert "Eerste vraag?" in form.asked.text()
    assert form.outcome.toPlainText() == "Half opgeschreven advies"
    save(qtbot, again, form)
    rows = again.session.vault.db.execute(  # type: ignore[union-attr]
        "SELECT question, outcome FROM case_discussions ORDER BY question"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("Eerste vraag?", "Half opgeschreven advies"),
        ("Tweede vraag?", ""),
    ]


# --- correcting a contact --------------------------------------------------------------------


def test_a_corrected_contact_keeps_the_earlier_text_readable(
    qtbot, window: MainWindow, vaulted: Vaulted
) -> None:
    view = window.case_file
    tab = view.contacts_tab
    on_tab(qtbot, window, vaulted.case_id, tab)
    assert not tab.correct.isEnabled()
    tab.tree.setFocus()
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    form = press(qtbot, window, tab.correct)
    assert isinstance(form, CorrectContactForm)
    assert form.report.toPlainText() == FIRST_REPORT
    form.report.selectAll()
    qtbot.keyClicks(form.report, "Huisbezoek met de kinderen; moeder sliep slecht.")
    save(qtbot, window, form)

    assert tab.tree.topLevelItemCount() == 1  # one contact, in its latest version
    top = tab.tree.topLevelItem(0)
    assert top.text(5) == "Huisbezoek met de kinderen; moeder sliep slecht."
    assert top.childCount() == 1
    assert top.child(0).text(5) == FIRST_REPORT  # the earlier text, under it
    assert db_value(window, "SELECT count(*) FROM contacts") == 2
    assert (
        db_value(window, "SELECT report FROM contacts WHERE id = ?", vaulted.contact_id)
        == FIRST_REPORT
    )
    # The earlier version cannot be corrected again; the latest one can.
    tab.tree.setCurrentItem(top.child(0))
    assert not tab.correct.isEnabled()
    tab.tree.setCurrentItem(top)
    form = press(qtbot, window, tab.correct)
    form.report.selectAll()
    paste(form.report, "Verslag met \x00 erin")
    refused_with(qtbot, window, form, "stuurteken")
    assert db_value(window, "SELECT count(*) FROM contacts") == 2


def test_a_discussion_just_prepared_is_the_one_chosen(
    qtbot, window: MainWindow, vaulted: Vaulted
) -> None:
    """After preparing a second discussion, the outcome button works on the new one, not on
    the one that was chosen before (even when the new meeting is dated earlier)."""
    tab = window.case_file.discussions_tab
    on_tab(qtbot, window, vaulted.case_id, tab)
    today = window.board.today  # type: ignore[union-attr]
    for question, days_ahead in (("Eerste vraag aan het team", 20), ("Tweede vraag", 5)):
        form = press(qtbot, window, tab.prepare)
        type_date(qtbot, form, form.held_on, today + timedelta(days=days_ahead))
        type_into(qtbot, form, form.question, question)
        save(qtbot, window, form)
        activate(qtbot, window)
        chosen = tab.chosen()
        assert chosen is not None and chosen.question == question
