"""A worker's first week with Koers, driven through the real window on an empty vault.

Monday the vault is made and three clients come in: Layla (Moviera in de wijk, a secret
address, a child), Fatma (Take a Break at situatie 4: the contra-indication warns and the
intake saves only with a reason) and Ilse (Ambulante begeleiding, an aanmelding without a
start date). Home visits are planned for the week; the week view masks the secret address.
Each morning the worker unlocks (the fixed clock has moved on a day); on the visit days the
visits are recorded and complete the planned ones, one is a no-show, an empty save is
refused. Ilse starts on Tuesday, is closed with nazorg on Wednesday and comes back on
Thursday (terugval); Layla moves to the transitie phase on Thursday and is closed with nazorg
on Friday. On Friday the caseload, Vandaag, the case files, the week view and
`koers cases --json` agree on every due date and overdue count.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.rules import LOCAL_TZ
from app.vocabulary import CaseStatus, ContactKind, ContactStatus
from storage.clock import FixedClock
from tests import commands
from tests.conftest import PASSPHRASE
from tests.ui import today_lines
from tests.ui.conftest import WAIT_MS, settle, unlock
from tests.ui.mnemonics import mnemonic_of
from ui.case_file.closing_forms import CloseForm, ReopenForm
from ui.case_file.plan_visit_form import PlanVisitForm
from ui.case_file.trajectory_forms import PhaseForm
from ui.caseload_model import Column
from ui.contact_form import ContactForm
from ui.formatting import day, due_text, overdue_text
from ui.forms.base import RecordForm
from ui.forms.case_form import EditCaseForm
from ui.forms.intake_form import IntakeForm
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = (date(2026, 11, 23) + timedelta(d) for d in range(5))
NEXT_MONDAY = MONDAY + timedelta(days=7)
SECRET_STREET, SECRET_TOWN = "Verborgenhofje", "Schuilstad"
LAYLA, FATMA, ILSE = "Layla Schuilplaats", "Fatma Pauze", "Ilse Aanmelding"
EMPTY_CONTACT = "Schrijf kort wat er gebeurde"


def at(on: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(on, time(hour, minute), LOCAL_TZ)


# --- the keyboard ----------------------------------------------------------------------------


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(qtbot, name: str, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key where the focus is ("N", "Return", "Tab", ...)."""
    qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{name}"), modifiers)


def caption(control: QWidget) -> str:
    """The text that carries a control's Alt-key: its own (a button, a check box) or that
    of the label whose buddy it is."""
    if isinstance(control, QAbstractButton):
        return control.text()
    labels = [w for w in control.window().findChildren(QLabel) if w.buddy() is control]
    assert len(labels) == 1, control.accessibleName()
    return labels[0].text()


def alt_key(text: str) -> str:
    letter = mnemonic_of(text)
    assert letter is not None, f"no Alt-key in {text!r}"
    return letter


def alt(qtbot, control: QWidget, until: Callable[[], bool] | None = None) -> None:
    """Alt+the letter of `control` (as the screen shows it, in whatever language), where the
    focus is: a field gets the focus; a button is clicked a moment later (Qt animates the
    press), so `until` waits for what the click does."""
    key(qtbot, alt_key(caption(control)).upper(), ALT)
    if until is not None:
        qtbot.waitUntil(until, timeout=WAIT_MS)
    else:
        qtbot.waitUntil(control.hasFocus, timeout=WAIT_MS)


def alt_tab(qtbot, tabs: QTabWidget, page: QWidget) -> None:
    """Alt+the letter of the tab that holds `page`."""
    index = next(i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(page))
    key(qtbot, alt_key(tabs.tabText(index)).upper(), ALT)
    qtbot.waitUntil(lambda: tabs.currentIndex() == index, timeout=WAIT_MS)


def type_here(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def activate(qtbot, window: MainWindow) -> None:
    """A window manager gives the window its focus back when a dialog closes; offscreen
    there is none, so the test does (the window's shortcuts need an active window)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)


def shortcut(qtbot, window: MainWindow, name: str, modifiers) -> None:
    """One of the window's shortcuts (Ctrl+1, Ctrl+Shift+N, ...), pressed where the focus is."""
    activate(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget() or window, getattr(Qt.Key, f"Key_{name}"), modifiers)


def wait_for_form(qtbot, window: MainWindow, kind: type[RecordForm]) -> RecordForm:
    qtbot.waitUntil(
        lambda: any(isinstance(f, kind) and f.isVisible() for f in window.forms), timeout=WAIT_MS
    )
    return next(f for f in window.forms if isinstance(f, kind))


def save(qtbot, window: MainWindow) -> None:
    """Ctrl+Enter in the open form; waits until it is saved and the screens are refreshed."""
    [form] = window.forms
    key(qtbot, "Return", CTRL)
    qtbot.waitUntil(lambda: not window.forms or bool(form.message.text()), timeout=WAIT_MS)
    assert not window.forms, form.message.text()  # no error banner: saved
    settle(qtbot, window)
    activate(qtbot, window)


def refused(qtbot, window: MainWindow, form: RecordForm, text: str) -> None:
    """Ctrl+Enter shows `text` in the form, which stays open."""
    key(qtbot, "Return", CTRL)
    qtbot.waitUntil(lambda: text in form.message.text(), timeout=WAIT_MS)
    settle(qtbot, window)
    assert form.isVisible()


# --- what the vault holds (read, never written, by the test) ------------------------------------


def contacts_of(window: MainWindow, case_id: str) -> list[tuple[str, str, str]]:
    """(local day, status, kind) of each contact of a case, in time order."""
    assert window.session is not None
    rows = window.session.vault.db.execute(
        "SELECT starts_at, status, kind FROM contacts WHERE case_id = ? AND deleted = 0 "
        "ORDER BY starts_at",
        [case_id],
    )
    return [
        (datetime.fromisoformat(r[0]).astimezone(LOCAL_TZ).date().isoformat(), r[1], r[2])
        for r in rows
    ]


def status_of(window: MainWindow, case_id: str) -> CaseStatus:
    assert window.session is not None
    return window.session.casework.get_case(case_id).status


def due_of(window: MainWindow, case_id: str) -> tuple[date | None, int]:
    """The next due date and overdue days of a case as the window's caseload has them."""
    assert window.board is not None
    row = next(r for r in window.board.caseload if r.case_id == case_id)
    return row.due.due_on, row.overdue_days


# --- what the screens show ---------------------------------------------------------------------


def tree_lines(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = []
    for top in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(top)
        assert item is not None
        items.append(item)
        items += [item.child(c) for c in range(item.childCount())]  # type: ignore[misc]
    return items


def screen_text(window: MainWindow) -> str:
    """Every text the window holds: labels, lists (with tooltips), tables, text views."""
    texts = [label.text() + label.toolTip() for label in window.findChildren(QLabel)]
    texts += [edit.text() for edit in window.findChildren(QLineEdit)]
    texts += [view.toPlainText() for view in window.findChildren(QTextEdit)]
    for tree in window.findChildren(QTreeWidget):
        for item in tree_lines(tree):
            for column in range(tree.columnCount()):
                texts += [item.text(column), item.toolTip(column)]
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or isinstance(view, QTreeWidget):
            continue
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                texts.append(str(model.index(row, column).data() or ""))
    return "\n".join(texts)


def open_week(qtbot, window: MainWindow, monday: date | None = None) -> list[list[str]]:
    """Ctrl+3 (and Alt+Right to a later week): the planned contacts shown, as their texts."""
    shown = window.week.agenda
    shortcut(qtbot, window, "3", CTRL)
    qtbot.waitUntil(
        lambda: window.week.agenda is not None and window.week.agenda is not shown,
        timeout=WAIT_MS,
    )
    settle(qtbot, window)
    while monday is not None and window.week.monday != monday:
        before = window.week.monday
        qtbot.keyClick(window.week.list, Qt.Key.Key_Right, ALT)
        qtbot.waitUntil(lambda before=before: window.week.monday != before, timeout=WAIT_MS)
        settle(qtbot, window)
    return [[item.text(c) for c in range(6)] for item in window.week.visit_items()]


def open_case(qtbot, window: MainWindow, name: str) -> str:
    """Ctrl+2, the name in the search, Return into the results and Return on the case."""
    shortcut(qtbot, window, "2", CTRL)
    search = window.caseload.search
    assert search.hasFocus()
    qtbot.keyClick(search, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(search, name)
    assert window.caseload.proxy.rowCount() == 1
    qtbot.keyClick(search, Qt.Key.Key_Return)
    case_id = window.caseload.selected_case_id()
    assert case_id is not None
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Return)
    view = window.case_file
    qtbot.waitUntil(lambda: view.case_id == case_id and bool(view.programmes), timeout=WAIT_MS)
    settle(qtbot, window)
    activate(qtbot, window)
    return case_id


def case_action(
    qtbot, window: MainWindow, button: QAbstractButton, kind: type[RecordForm]
) -> RecordForm:
    """The Alt-key of a button in the case file's header: the form that button opens."""
    assert button.isVisible() and button.isEnabled()
    letter = alt_key(button.text()).upper()
    qtbot.keyClick(window.case_file, getattr(Qt.Key, f"Key_{letter}"), ALT)
    return wait_for_form(qtbot, window, kind)


def from_menu(
    qtbot, window: MainWindow, button: QAbstractButton, item: QAction, kind: type[RecordForm]
) -> RecordForm:
    """The Alt-key of a header button opens its menu; the item's own key picks it."""
    letter = alt_key(item.text()).upper()

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, pick)
            return
        qtbot.keyClick(menu, getattr(Qt.Key, f"Key_{letter}"))

    QTimer.singleShot(0, pick)
    return case_action(qtbot, window, button, kind)


# --- a worker's steps --------------------------------------------------------------------------


def new_day(qtbot, window: MainWindow, clock: FixedClock, on: date) -> None:
    """Ctrl+L in the evening; the next morning at half past eight, unlock."""
    shortcut(qtbot, window, "L", CTRL)
    assert not window.unlocked
    settle(qtbot, window)
    clock.set(at(on, 8, 30))
    unlock(qtbot, window)
    assert not window.forms  # no draft was left behind
    assert day(on) in window.today.heading.text()


def intake(
    qtbot,
    window: MainWindow,
    name: str,
    birth_year: str,
    programme: tuple[str, str],  # what to type in the list, the id it must pick
    *,
    start: date | None = None,
    address: tuple[str, str, str, str] | None = None,
    secret: bool = False,
    child: tuple[str, str] | None = None,
    situation: int | None = None,
    reason: str = "",
) -> str:
    """Nieuwe cliënt (Ctrl+Shift+N), filled in by keyboard; returns the new case's id."""
    shortcut(qtbot, window, "N", CTRL | SHIFT)
    form = wait_for_form(qtbot, window, IntakeForm)
    assert isinstance(form, IntakeForm)
    qtbot.waitUntil(form.name.hasFocus, timeout=WAIT_MS)
    type_here(qtbot, name)
    key(qtbot, "Tab")
    key(qtbot, "Tab")  # past the initials: derived from the name
    assert form.birth_year.hasFocus()
    type_here(qtbot, birth_year)
    if start is not None:
        alt(qtbot, form.start_date)  # empty: the case stays an aanmelding
        type_here(qtbot, start.strftime("%d-%m-%Y"))
    alt(qtbot, form.programme)
    type_here(qtbot, programme[0])
    assert form.programme.currentData() == programme[1]
    if address is not None:
        alt_tab(qtbot, form.tabs, form.address_page)
        for field, text in zip(
            (form.street, form.house_number, form.postcode, form.town), address, strict=True
        ):
            alt(qtbot, field)
            type_here(qtbot, text)
        assert form.postcode.text() == address[2]
        if secret:
            alt(qtbot, form.secret, until=form.secret.isChecked)
    if child is not None:
        alt_tab(qtbot, form.tabs, form.household_page)
        children = form.children_editor
        alt(qtbot, children.add, until=lambda: len(children.value()) == 1)
        assert children.widgets["name"].hasFocus()
        type_here(qtbot, child[0])
        key(qtbot, "Tab")
        type_here(qtbot, child[1])
    if situation is not None:
        alt_tab(qtbot, form.tabs, form.screening_page)
        alt(qtbot, form.screening_on, until=form.screening_on.isChecked)
        alt(qtbot, form.situation)
        key(qtbot, str(situation))
        assert form.situation.currentData() == situation
    case_id = form.record_id
    if reason:
        # The contra-indication shows while typing; saving without a reason is refused.
        assert form.contra_text.isVisible()
        refused(qtbot, window, form, "Geef een reden om toch door te gaan.")
        assert form.contra_reason.hasFocus()
        assert window.session is not None
        assert window.session.casework.store.get("case", case_id) is None
        type_here(qtbot, reason)
    save(qtbot, window)
    # The new case opens in the case file.
    qtbot.waitUntil(lambda: window.case_file.case_id == case_id, timeout=WAIT_MS)
    settle(qtbot, window)
    return case_id


def plan_visit(qtbot, window: MainWindow, name: str, when: datetime, with_whom: str) -> None:
    """Plan visit (its Alt-key in the case file): when and with whom; a home visit at the
    case's address."""
    open_case(qtbot, window, name)
    form = case_action(qtbot, window, window.case_file.plan_visit, PlanVisitForm)
    assert isinstance(form, PlanVisitForm)
    if window.case_file.file is not None and window.case_file.file.case.secret_address:
        assert form.location.text() == "Geheim adres"
    alt(qtbot, form.when)
    type_here(qtbot, when.strftime("%d-%m-%Y %H:%M"))
    alt(qtbot, form.present)
    type_here(qtbot, with_whom)
    assert form.kind.currentData() == ContactKind.HUISBEZOEK.value
    save(qtbot, window)


def record_visit(
    qtbot,
    window: MainWindow,
    name: str,
    report: str = "",
    *,
    no_show: bool = False,
    try_empty_first: bool = False,
) -> None:
    """Ctrl+3, down to today's visit of `name`, Ctrl+N: the contact form for that case."""
    open_week(qtbot, window)
    page = window.week
    today = window.week.agenda.today  # type: ignore[union-attr]
    for _ in range(40):
        current = page.list.currentItem()
        if (
            current is not None
            and current.text(1) == name
            and current.parent() is page.list.topLevelItem(today.weekday())
        ):
            break
        qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert page.list.currentItem().text(1) == name  # type: ignore[union-attr]
    qtbot.keyClick(page.list, Qt.Key.Key_N, CTRL)
    form = wait_for_form(qtbot, window, ContactForm)
    assert isinstance(form, ContactForm)
    assert form.report.hasFocus()
    if try_empty_first:
        before = contacts_of(window, form.record_id)
        refused(qtbot, window, form, EMPTY_CONTACT)
        assert contacts_of(window, form.record_id) == before  # nothing written
    if no_show:
        alt(qtbot, form.kind)
        type_here(qtbot, "Niet")
        assert form.kind.currentData() == ContactKind.NIET_VERSCHENEN.value
    if report:
        alt(qtbot, form.report)
        type_here(qtbot, report)
    save(qtbot, window)


def close_case(qtbot, window: MainWindow, name: str, reason: str, destination: str) -> None:
    """Close case (its Alt-key in the case file) today, with nazorg (ticked by default)."""
    open_case(qtbot, window, name)
    form = case_action(qtbot, window, window.case_file.close_case, CloseForm)
    assert isinstance(form, CloseForm)
    assert form.reason.hasFocus()
    type_here(qtbot, reason)
    alt(qtbot, form.destination)
    type_here(qtbot, destination)
    assert form.reason.currentData() and form.nazorg.isChecked()
    save(qtbot, window)


def visible_due(window: MainWindow) -> str:
    """The case file header's "next contact" line, without its caption."""
    return window.case_file.due.text().split(": ", 1)[1]


# --- the week ----------------------------------------------------------------------------------


def test_a_first_week_on_an_empty_vault(qtbot, make_window, clock: FixedClock, tmp_path: Path):
    # --- Monday: a new vault, three intakes, a week of visits planned ----------------------
    clock.set(at(MONDAY, 8, 30))
    path = tmp_path / "eerste-week" / "werk.koers"
    window = make_window(path)
    screen = window.unlock_screen
    activate(qtbot, window)
    qtbot.waitUntil(screen.owner.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(screen.owner, "Anouk")
    for field in (screen.passphrase, screen.repeat):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert field.hasFocus()
        type_here(qtbot, PASSPHRASE)
    key(qtbot, "Return")
    qtbot.waitUntil(lambda: window.board is not None, timeout=WAIT_MS)
    settle(qtbot, window)
    assert window.board is not None and window.board.caseload == []

    layla = intake(
        qtbot,
        window,
        LAYLA,
        "1991",
        ("Moviera", "moviera_wijk"),
        start=MONDAY,
        address=(SECRET_STREET, "3", "1234 AB", SECRET_TOWN),
        secret=True,
        child=("Mila", "2017"),
    )
    fatma = intake(
        qtbot,
        window,
        FATMA,
        "1986",
        ("Take", "take_a_break"),
        start=MONDAY,
        situation=4,
        reason="Gezin wil het zelf, veiligheidsplan staat.",
    )
    ilse = intake(
        qtbot,
        window,
        ILSE,
        "1979",
        ("Ambulante", "ambulant"),
        address=("Dorpsstraat", "12", "3512 AB", "Utrecht"),
    )
    assert window.session is not None
    layla_file = window.session.open_case(layla)
    assert layla_file.case.secret_address and layla_file.case.worker == "Anouk"
    assert [(m.name, m.birth_year, m.is_child) for m in layla_file.members] == [
        ("Mila", 2017, True)
    ]
    [screening] = window.session.open_case(fatma).screenings
    assert screening.contra_reason == "Gezin wil het zelf, veiligheidsplan staat."
    assert {c: status_of(window, c) for c in (layla, fatma, ilse)} == {
        layla: CaseStatus.ACTIEF,
        fatma: CaseStatus.ACTIEF,
        ilse: CaseStatus.AANMELDING,
    }
    assert window.caseload.model.rowCount() == 3

    plan_visit(qtbot, window, LAYLA, at(TUESDAY, 10), "Layla, Mila")
    plan_visit(qtbot, window, LAYLA, at(THURSDAY, 10), "Layla")
    plan_visit(qtbot, window, FATMA, at(WEDNESDAY, 10), "Fatma, partner")
    plan_visit(qtbot, window, ILSE, at(WEDNESDAY, 14), "Ilse")

    week = open_week(qtbot, window)
    assert [line[:4] for line in week] == [
        ["10:00", LAYLA, "Huisbezoek", "Geheim adres"],
        ["10:00", FATMA, "Huisbezoek", ""],
        ["14:00", ILSE, "Huisbezoek", "Dorpsstraat 12, 3512 AB Utrecht"],
        ["10:00", LAYLA, "Huisbezoek", "Geheim adres"],
    ]
    shown = screen_text(window)
    assert "Geheim adres" in shown
    assert SECRET_STREET not in shown and SECRET_TOWN not in shown

    # --- Tuesday: Ilse starts ("Gegevens wijzigen"); Layla's visit -------------------------
    new_day(qtbot, window, clock, TUESDAY)
    open_case(qtbot, window, ILSE)
    form = case_action(qtbot, window, window.case_file.edit, EditCaseForm)  # Gegevens wijzigen
    assert isinstance(form, EditCaseForm)
    qtbot.waitUntil(form.name.hasFocus, timeout=WAIT_MS)
    alt(qtbot, form.start_date)
    type_here(qtbot, TUESDAY.strftime("%d-%m-%Y"))
    save(qtbot, window)
    assert status_of(window, ilse) is CaseStatus.ACTIEF

    clock.set(at(TUESDAY, 11, 30))
    record_visit(
        qtbot, window, LAYLA, "Samen met Layla het veiligheidsplan gemaakt.", try_empty_first=True
    )
    assert contacts_of(window, layla) == [
        (TUESDAY.isoformat(), ContactStatus.GEDAAN.value, "huisbezoek"),
        (THURSDAY.isoformat(), ContactStatus.GEPLAND.value, "huisbezoek"),
    ]
    open_case(qtbot, window, LAYLA)
    statuses = {(item.text(0), item.text(3)) for item in tree_lines(window.case_file.contacts)}
    assert statuses == {(day(TUESDAY), "Gedaan"), (day(THURSDAY), "Gepland")}
    assert [line[:2] for line in open_week(qtbot, window)] == [
        ["10:00", FATMA],
        ["14:00", ILSE],
        ["10:00", LAYLA],  # Thursday's; today's is done
    ]
    assert due_of(window, layla) == (TUESDAY + timedelta(days=4), 0)  # 2 per week

    # --- Wednesday: Fatma does not show up, Ilse's visit, Ilse closed with nazorg ----------
    new_day(qtbot, window, clock, WEDNESDAY)
    clock.set(at(WEDNESDAY, 10, 45))
    record_visit(qtbot, window, FATMA, no_show=True)
    assert contacts_of(window, fatma) == [(WEDNESDAY.isoformat(), "gedaan", "niet_verschenen")]
    open_case(qtbot, window, FATMA)
    [line] = tree_lines(window.case_file.contacts)
    assert line.text(3) == "Niet verschenen"
    # A no-show is no contact: Take a Break asks 3 a week, so Fatma is due on Thursday.
    assert due_of(window, fatma) == (THURSDAY, 0)

    clock.set(at(WEDNESDAY, 15, 15))
    record_visit(qtbot, window, ILSE, "Kennismaking, hulpvraag besproken.")
    assert contacts_of(window, ilse) == [(WEDNESDAY.isoformat(), "gedaan", "huisbezoek")]
    clock.set(at(WEDNESDAY, 16))
    close_case(qtbot, window, ILSE, "Doorv", "Buurt")
    assert status_of(window, ilse) is CaseStatus.NAZORG
    assert due_of(window, ilse) == (WEDNESDAY + timedelta(days=30), 0)  # the first check-in

    # --- Thursday: Ilse back after a terugval; Layla's phase and visit; Fatma planned ------
    new_day(qtbot, window, clock, THURSDAY)
    open_case(qtbot, window, ILSE)
    assert window.case_file.reopen.isVisible()
    form = case_action(qtbot, window, window.case_file.reopen, ReopenForm)
    assert form.reason.hasFocus()  # type: ignore[attr-defined]
    type_here(qtbot, "Terugval: ex-partner weer in beeld")
    save(qtbot, window)
    assert status_of(window, ilse) is CaseStatus.ACTIEF

    open_case(qtbot, window, LAYLA)
    view = window.case_file
    form = from_menu(qtbot, window, view.trajectory, view.change_phase, PhaseForm)
    assert form.phase.currentData() == "transitie"  # type: ignore[attr-defined]
    save(qtbot, window)
    assert "Fase 1: transitie" in window.case_file.programme.text()

    plan_visit(qtbot, window, FATMA, at(FRIDAY, 16), "Fatma")
    clock.set(at(THURSDAY, 11, 30))
    record_visit(qtbot, window, LAYLA, "Woning bekeken, school van Mila gebeld.")
    assert [c[1] for c in contacts_of(window, layla)] == ["gedaan", "gedaan"]

    # --- Friday: Layla closed with nazorg; then every screen agrees -----------------------
    new_day(qtbot, window, clock, FRIDAY)
    clock.set(at(FRIDAY, 12))
    close_case(qtbot, window, LAYLA, "Doelen", "Eigen")
    assert status_of(window, layla) is CaseStatus.NAZORG

    expected = {
        # Nazorg: the first check-in, 30 days after closing.
        layla: (FRIDAY + timedelta(days=30), 0),
        # Started Monday, 3 a week, only a no-show since (the visit planned today is no
        # contact yet): due Thursday, one day overdue.
        fatma: (THURSDAY, 1),
        # Reopened Thursday: the count starts again that day (not at Wednesday's visit).
        ilse: (THURSDAY + timedelta(days=7), 0),
    }
    names = {layla: LAYLA, fatma: FATMA, ilse: ILSE}
    assert window.board is not None and window.board.today == FRIDAY
    assert {r.case_id: (r.due.due_on, r.overdue_days) for r in window.board.caseload} == expected

    # The caseload, as its cells read.
    shortcut(qtbot, window, "2", CTRL)
    qtbot.keyClick(window.caseload.search, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(window.caseload.search, Qt.Key.Key_Backspace)
    proxy = window.caseload.proxy
    cells = {
        proxy.index(row, Column.NAME).data(): (
            proxy.index(row, Column.NEXT).data(),
            proxy.index(row, Column.OVERDUE).data(),
        )
        for row in range(proxy.rowCount())
    }
    assert cells == {
        names[case_id]: (day(due_on), overdue_text(late))
        for case_id, (due_on, late) in expected.items()
    }

    # Vandaag: only Fatma waits for contact, one day; her visit this afternoon is planned;
    # no check-in falls within the week.
    shortcut(qtbot, window, "1", CTRL)
    today = window.today
    assert [line[:2] for line in today_lines.lines(today.overdue)] == [[FATMA, overdue_text(1)]]
    assert [line[:2] for line in today_lines.lines(today.planned)] == [["16:00", FATMA]]
    assert today_lines.lines(today.checkins) == []

    # Each case file's header.
    for case_id, (due_on, _late) in expected.items():
        open_case(qtbot, window, names[case_id])
        assert visible_due(window) == due_text(due_on, FRIDAY)

    # The week view: what is still planned, nothing done; next week is free.
    assert open_week(qtbot, window) == [["16:00", FATMA, "Huisbezoek", "", "", "Fatma"]]
    assert open_week(qtbot, window, NEXT_MONDAY) == []
    for case_id in expected:
        planned = [c for c in contacts_of(window, case_id) if c[1] == "gepland"]
        assert planned == (
            [(FRIDAY.isoformat(), "gepland", "huisbezoek")] if case_id == fatma else []
        )
    shown = screen_text(window)
    assert SECRET_STREET not in shown and SECRET_TOWN not in shown

    # `koers cases --json` on the same vault and day (the window locked first).
    shortcut(qtbot, window, "L", CTRL)
    settle(qtbot, window)
    result = commands.run(
        "koers",
        "cases",
        "--vault",
        str(path),
        "--json",
        "--on",
        FRIDAY.isoformat(),
        KOERS_PASSPHRASE=PASSPHRASE,
    )
    assert result.returncode == 0, result.stderr
    listed = {
        r["case_id"]: (date.fromisoformat(r["next_due"]), r["overdue_days"])
        for r in json.loads(result.stdout)
    }
    assert listed == expected
    assert {r["case_id"]: r["status"] for r in json.loads(result.stdout)} == {
        layla: "nazorg",
        fatma: "actief",
        ilse: "actief",
    }
