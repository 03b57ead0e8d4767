"""What a worker's first week missed, driven by keyboard through the real window in Dutch:
a closed case is reachable from the caseload (to reopen it on terugval), a planned visit can
be cancelled from the case file, Ctrl+N on a day with a visit starts as that visit, a switch
into a contra-indicated programme asks for a reason, and closing with nazorg says so."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox

from app.case import Address, Case
from app.casework import Casework, new_id
from app.closing import Closure, close_case
from app.contact import Contact
from app.rules import LOCAL_TZ
from app.screening import RiskScreening
from app.vocabulary import ClosingReason, ContactKind, ContactStatus, RiskSituation
from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.conftest import NOW, PASSPHRASE
from tests.ui.conftest import WAIT_MS, db_value, open_contact_form, settle, unlock
from tests.ui.mnemonics import mnemonic_clashes, mnemonic_of
from tests.ui.test_case_file_actions import activate, alt, from_menu, press, refused, save, show
from ui.case_file.closing_forms import CloseForm, ReopenForm
from ui.case_file.trajectory_forms import ProgrammeForm
from ui.caseload_model import Column
from ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass(frozen=True)
class Week:
    path: Path
    today: date
    running: str  # actief, nothing planned
    closed: str  # closed 10 days ago: within its guarantee period
    visits: str  # a visit done yesterday, one planned at 15:00 today and one tomorrow
    office: str  # an office visit planned at 09:30 today (the clock says 10:00)
    switching: str  # ambulant, screened at situatie 4 today


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LOCAL_TZ)


@pytest.fixture
def week(vault_path: Path, clock: FixedClock) -> Week:
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        work = Casework(v)
        work.seed_default_programmes()
        today = work.today()

        def case(name: str, programme: str, days: int, phase: str | None = None) -> str:
            made = Case(
                id=new_id(),
                display_name=name,
                initials="",
                programme_id=programme,
                phase_id=phase or work.programme(programme).first_phase.id,
                start_date=today - timedelta(days=days),
                worker="tester",
                address=Address("Lindelaan", "4", "1234 AB", "Dorp"),
            )
            work.add_case(made)
            return made.id

        def plan(case_id: str, when: datetime, **extra) -> str:  # type: ignore[no-untyped-def]
            return work.plan_contact(
                Contact(new_id(), case_id, when, status=ContactStatus.GEPLAND, **extra)
            )

        running = case("Bea Bezig", "ambulant", 40, "begeleiding")
        closed = case("Cora Klaar", "ambulant", 300, "begeleiding")
        close_case(
            work,
            Closure(new_id(), closed, today - timedelta(days=10), ClosingReason.DOELEN_BEREIKT),
        )
        visits = case("Dana Afspraak", "moviera_wijk", 60)
        work.record_contact(
            Contact(new_id(), visits, at(today - timedelta(days=1), 11), report="Rustig gesprek.")
        )
        plan(visits, at(today, 15), address="Lindelaan 4, 1234 AB Dorp")
        plan(visits, at(today + timedelta(days=1), 11), kind=ContactKind.TELEFOON)
        office = case("Eef Kantoor", "moviera_wijk", 60)
        clock.set(NOW - timedelta(hours=2))
        plan(office, at(today, 9, 30), kind=ContactKind.KANTOOR, location="Kantoor Zuid")
        clock.set(NOW)
        switching = case("Fay Wissel", "ambulant", 20, "begeleiding")
        work.add_screening(
            RiskScreening(new_id(), switching, today, "tester", RiskSituation.ACUUT_GEVAAR)
        )
    return Week(vault_path, today, running, closed, visits, office, switching)


@pytest.fixture
def window(make_window, week: Week, qtbot) -> MainWindow:
    window = make_window(week.path)
    unlock(qtbot, window)
    return window


def shown_names(window: MainWindow) -> list[str]:
    proxy = window.caseload.proxy
    return [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]


def planned_ids(window: MainWindow, case_id: str) -> set[str]:
    assert window.session is not None
    rows = window.session.vault.db.execute(
        "SELECT id FROM contacts WHERE case_id = ? AND status = 'gepland' AND deleted = 0",
        [case_id],
    )
    return {row[0] for row in rows}


# --- 1. closed cases in the caseload ------------------------------------------------------


def test_a_closed_case_shows_on_request_and_opens_with_enter_to_be_reopened(
    qtbot, window: MainWindow, week: Week
):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.caseload
    assert window.workspace.currentWidget() is page
    assert "Cora Klaar" not in shown_names(window)
    assert page.count.text() == "4 van 4 casussen"
    assert page.show_closed.text() == "Afgesloten &tonen"
    assert mnemonic_clashes(page) == {}

    qtbot.keyClick(page, mnemonic_of(page.show_closed.text()).upper(), ALT)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "Cora Klaar" in shown_names(window), timeout=WAIT_MS)
    settle(qtbot, window)
    assert page.show_closed.isChecked()
    assert page.count.text() == "5 van 5 casussen"
    # Greyed, saying "Afgesloten" where the next contact would be, never overdue.
    proxy = page.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "Cora Klaar")
    assert proxy.index(row, Column.NEXT).data() == "Afgesloten"
    assert proxy.index(row, Column.STATUS).data() == "Afgesloten"
    assert proxy.index(row, Column.OVERDUE).data() == ""
    grey = proxy.index(row, Column.NAME).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(grey, QColor) and grey.name() == "#6f6f6f"
    page.overdue.setChecked(True)
    assert "Cora Klaar" not in shown_names(window)
    page.overdue.setChecked(False)
    # Vandaag stays as it was: no closed case there.
    assert window.board is not None
    assert week.closed not in {r.case_id for r in window.board.caseload}
    assert week.closed not in {r.case_id for r in window.board.overdue}
    assert [r.case_id for r in window.board.closed] == [week.closed]

    # Find it by name and open it with Enter.
    page.search.setFocus()
    qtbot.keyClicks(page.search, "Cora")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_file.case_id == week.closed, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(window.case_file.programmes), timeout=WAIT_MS)
    settle(qtbot, window)
    view = window.case_file
    assert view.reopen.isVisible() and view.reopen.isEnabled()
    assert view.reopen.text().replace("&", "") == "Heropenen…"
    assert not view.close_case.isVisible()
    assert "Afgesloten" in view.programme.text()

    activate(qtbot, window)
    form = press(qtbot, window, Qt.Key.Key_O)
    assert isinstance(form, ReopenForm)
    qtbot.keyClicks(form.reason, "Terugval: ex-partner weer in beeld")
    save(qtbot, window, form)
    assert db_value(window, "SELECT status FROM cases WHERE id = ?", week.closed) == "actief"
    # Reopened, it is an ordinary case again: shown without the filter.
    page.search.clear()
    page.show_closed.setChecked(False)
    qtbot.waitUntil(lambda: "Cora Klaar" in shown_names(window), timeout=WAIT_MS)
    assert week.closed in {r.case_id for r in window.board.caseload}


def test_unticking_hides_the_closed_cases_again(qtbot, window: MainWindow, week: Week):
    window.show_caseload()
    page = window.caseload
    page.show_closed.setChecked(True)
    qtbot.waitUntil(lambda: "Cora Klaar" in shown_names(window), timeout=WAIT_MS)
    page.show_closed.setChecked(False)
    assert "Cora Klaar" not in shown_names(window)
    assert page.count.text() == "4 van 4 casussen"
    # A new session starts without them.
    window.lock()
    settle(qtbot, window)
    assert not page.show_closed.isChecked()


# --- 2. closing cancels the planned visits -------------------------------------------------


def test_closing_without_nazorg_takes_its_visits_off_vandaag(qtbot, window: MainWindow, week):
    assert window.board is not None
    assert week.visits in {v.case_id for v in window.board.planned_today}
    show(qtbot, window, week.visits)
    form = press(qtbot, window, Qt.Key.Key_L)
    assert isinstance(form, CloseForm)
    qtbot.keyClicks(form.reason, "Doelen")
    qtbot.keyClick(form, mnemonic_of(form.nazorg.text()).upper(), ALT)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not form.nazorg.isChecked(), timeout=WAIT_MS)
    save(qtbot, window, form)
    assert window.statusBar().currentMessage() == "Casus afgesloten."
    assert planned_ids(window, week.visits) == set()
    assert week.visits not in {v.case_id for v in window.board.planned_today}
    assert [window.case_file.contacts.topLevelItem(i).text(3) for i in range(1)] == ["Gedaan"]
    assert window.case_file.contacts.topLevelItemCount() == 1


# --- 6. closing with nazorg says so ---------------------------------------------------------


def test_closing_with_nazorg_says_nazorg_follows(qtbot, window: MainWindow, week: Week):
    show(qtbot, window, week.visits)
    planned = planned_ids(window, week.visits)
    form = press(qtbot, window, Qt.Key.Key_L)
    qtbot.keyClicks(form.reason, "Doelen")
    assert form.nazorg.isChecked()
    save(qtbot, window, form)
    assert window.statusBar().currentMessage() == "Casus afgesloten; nazorg volgt."
    assert db_value(window, "SELECT status FROM cases WHERE id = ?", week.visits) == "nazorg"
    assert planned_ids(window, week.visits) == planned  # they may be the check-ins


# --- 3. cancelling a planned visit ---------------------------------------------------------


def test_a_planned_visit_is_cancelled_by_keyboard_after_a_question(
    qtbot, window: MainWindow, week: Week
):
    show(qtbot, window, week.visits)
    view = window.case_file
    tab = view.contacts_tab
    qtbot.keyClick(view.tabs, Qt.Key.Key_Tab, CTRL)  # Overzicht -> Contacten
    assert view.tabs.currentWidget() is tab
    assert tab.cancel.text() == "Afspraak a&nnuleren…"
    assert mnemonic_clashes(view) == {}
    tree = tab.tree
    tree.setFocus()
    # Newest first: tomorrow's phone call, today's visit at 15:00, yesterday's done visit.
    texts = [tree.topLevelItem(i).text(3) for i in range(tree.topLevelItemCount())]
    assert texts == ["Gepland", "Gepland", "Gedaan"]
    qtbot.keyClick(tree, Qt.Key.Key_End)
    assert tree.currentItem().text(3) == "Gedaan"
    assert not tab.cancel.isEnabled()
    qtbot.keyClick(tree, Qt.Key.Key_Delete)  # a done contact: nothing to ask
    assert tab.confirmation is None
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert tree.currentItem().text(1) == "15:00" and tab.cancel.isEnabled()
    before = planned_ids(window, week.visits)
    journal = db_value(window, "SELECT count(*) FROM journal")

    # Delete asks; Enter takes the default, No: nothing changes.
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    box = tab.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert box.text() == f"De afspraak van {week.today:%d-%m-%Y} om 15:00 (Huisbezoek) annuleren?"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.confirmation is None, timeout=WAIT_MS)
    settle(qtbot, window)
    assert planned_ids(window, week.visits) == before
    assert db_value(window, "SELECT count(*) FROM journal") == journal

    # The button's Alt-key asks too; its own Alt-key says yes.
    tree.setFocus()
    qtbot.keyClick(view, mnemonic_of(tab.cancel.text()).upper(), ALT)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: tab.confirmation is not None, timeout=WAIT_MS)
    box = tab.confirmation
    assert box is not None
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes.text() == "Afspraak &annuleren"
    assert mnemonic_clashes(box) == {}
    # An Alt-key is a shortcut of the active window: the question must have become it.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=WAIT_MS)
    qtbot.keyClick(box, mnemonic_of(yes.text()).upper(), ALT)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: len(planned_ids(window, week.visits)) == 1, timeout=WAIT_MS)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=WAIT_MS)
    assert window.statusBar().currentMessage() == "Afspraak geannuleerd."
    assert [tree.topLevelItem(i).text(1) for i in range(2)] == ["11:00", "11:00"]
    assert window.board is not None
    assert week.visits not in {v.case_id for v in window.board.planned_today}
    assert db_value(window, "SELECT count(*) FROM journal") > journal


def test_a_lock_closes_the_question_and_cancels_nothing(qtbot, window: MainWindow, week: Week):
    show(qtbot, window, week.visits)
    tab = window.case_file.contacts_tab
    window.case_file.tabs.setCurrentWidget(tab)
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Down)
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    assert tab.confirmation is not None
    before = planned_ids(window, week.visits)
    window.lock()
    settle(qtbot, window)
    assert tab.confirmation is None
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    unlock(qtbot, window)
    assert planned_ids(window, week.visits) == before


# --- 4. Ctrl+N on a day with a planned visit ------------------------------------------------


def test_ctrl_n_starts_as_the_visit_planned_today_and_completes_it(
    qtbot, window: MainWindow, week: Week
):
    (planned,) = planned_ids(window, week.office)
    form = open_contact_form(qtbot, window, week.office)
    assert form.kind.currentData() == ContactKind.KANTOOR.value
    assert form.location.text() == "Kantoor Zuid"
    assert form.payload()["starts_at"].startswith(f"{week.today.isoformat()}T09:30")
    qtbot.keyClicks(form.report, "Gesprek op kantoor, plan besproken.")
    qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    stored = window.session.vault.db.execute(  # type: ignore[union-attr]
        "SELECT id, status, report FROM contacts WHERE case_id = ? AND deleted = 0", [week.office]
    ).fetchall()
    assert [tuple(r) for r in stored] == [
        (planned, "gedaan", "Gesprek op kantoor, plan besproken.")
    ]


# --- 5. switching into a contra-indicated programme -----------------------------------------


def test_a_switch_into_take_a_break_at_situatie_4_needs_a_reason(
    qtbot, window: MainWindow, week: Week
):
    show(qtbot, window, week.switching)
    form = from_menu(qtbot, window, Qt.Key.Key_P, Qt.Key.Key_W)
    assert isinstance(form, ProgrammeForm)
    assert mnemonic_clashes(form) == {}
    qtbot.keyClicks(form.programme, "Take")
    assert form.programme.currentData() == "take_a_break"
    # Warned in the form before saving, with the field to go on anyway.
    assert form.contra.isVisible()
    assert form.contra.text() == "Take a Break is bedoeld voor situatie 3."
    assert form.reason.isVisible()
    journal = db_value(window, "SELECT count(*) FROM journal")
    refused(qtbot, window, form, "Geef een reden om toch door te gaan.")
    assert db_value(window, "SELECT programme_id FROM cases WHERE id = ?", week.switching) == (
        "ambulant"
    )
    assert db_value(window, "SELECT count(*) FROM journal") == journal

    alt(qtbot, form, Qt.Key.Key_R)
    assert form.reason.hasFocus()
    qtbot.keyClicks(form.reason, "Gezin wil het; overlegd met de gedragswetenschapper")
    save(qtbot, window, form)
    history = json.loads(
        db_value(window, "SELECT phase_history FROM cases WHERE id = ?", week.switching)
    )
    assert history[-1]["programme_id"] == "take_a_break"
    assert history[-1]["contra_reason"] == "Gezin wil het; overlegd met de gedragswetenschapper"
    assert "Take a Break" in window.case_file.programme.text()


def test_a_programme_without_contra_indications_asks_no_reason(
    qtbot, window: MainWindow, week: Week
):
    show(qtbot, window, week.switching)
    form = from_menu(qtbot, window, Qt.Key.Key_P, Qt.Key.Key_W)
    qtbot.keyClicks(form.programme, "Moviera")
    assert form.programme.currentData() == "moviera_wijk"
    assert not form.contra.isVisible() and not form.reason.isVisible()
    save(qtbot, window, form)
    assert db_value(window, "SELECT programme_id FROM cases WHERE id = ?", week.switching) == (
        "moviera_wijk"
    )
