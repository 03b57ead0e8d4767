"""The week view (Ctrl+3) and the Vandaag / caseload fixes, driven by keyboard on a real
vault: planned contacts per day with secret addresses masked, week steps, Enter opens the
case, a lock leaves nothing; overdue / today / later differ in words and colour; the
caseload's overdue cell is red, fits 1024 pixels, and its search leads into the results."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.agenda import week_of
from app.case import Address, Case
from app.casework import Casework, new_id
from app.contact import Contact
from app.rules import LOCAL_TZ
from app.safety import SafetyAgreement
from app.vocabulary import ContactKind, ContactStatus
from storage.clock import FixedClock
from storage.vault import Vault
from tests.conftest import NOW, PASSPHRASE
from tests.ui import today_lines
from tests.ui.conftest import SECRET_STREET, WAIT_MS, DemoVault, open_case, settle, unlock
from ui.caseload_model import Column
from ui.formatting import DUE_COLOURS, DueState, dated_words, due_words, overdue_text
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
TODAY = date(2026, 11, 22)  # NOW, a Sunday
NEXT_MONDAY = date(2026, 11, 23)
WEEK_CLIENT = "Wessel Weekplan"
NO_SHOW_CLIENT = "Yara Nietgekomen"


@dataclass(frozen=True)
class AgendaVault:
    path: object
    week_case_id: str
    secret_case_id: str
    no_show_case_id: str


def at(on: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(on, time(hour, minute), LOCAL_TZ)


@pytest.fixture
def agenda_vault(filled_vault: DemoVault, clock: FixedClock) -> AgendaVault:
    """The filled vault plus: a case with visits today, next Monday and next Wednesday; a
    visit next Tuesday to the secret address (its location names the street); a no-show;
    safety agreements to review 3 days ago, today and in 2 days."""
    with Vault.open(filled_vault.path, PASSPHRASE, clock=clock) as vault:
        work = Casework(vault)
        week_case = Case(
            id=new_id(),
            display_name=WEEK_CLIENT,
            initials="W.W.",
            programme_id="ambulant",
            phase_id="begeleiding",
            start_date=TODAY - timedelta(days=10),
            worker="tester",
            address=Address("Lindelaan", "4", "1234 AB", "Beekhoven"),
        )
        work.add_case(week_case)
        planned = [
            (
                week_case.id,
                at(TODAY, 10, 30),
                "Lindelaan 4, 1234 AB Beekhoven",
                "Bij cliënt thuis",
                (),
            ),
            (week_case.id, at(NEXT_MONDAY, 10), "", "Kantoor Zuid", ()),
            (
                week_case.id,
                at(NEXT_MONDAY + timedelta(days=2), 13, 30),
                "",
                "Buurthuis",
                ("cliënt", "wijkagent"),
            ),
            (
                filled_vault.secret_case_id,
                at(NEXT_MONDAY + timedelta(days=1), 11),
                f"{SECRET_STREET} 3, 1234 AB Schuilstad",
                f"{SECRET_STREET} 3",
                (),
            ),
        ]
        for case_id, starts_at, address, location, present in planned:
            work.plan_contact(
                Contact(
                    new_id(),
                    case_id,
                    starts_at,
                    status=ContactStatus.GEPLAND,
                    address=address,
                    location=location,
                    present=present,
                )
            )
        no_show = Case(
            id=new_id(),
            display_name=NO_SHOW_CLIENT,
            initials="Y.N.",
            programme_id="ambulant",
            phase_id="begeleiding",
            start_date=TODAY - timedelta(days=40),
            worker="tester",
        )
        work.add_case(no_show)
        work.record_contact(
            Contact(new_id(), no_show.id, NOW - timedelta(days=2), kind=ContactKind.NIET_VERSCHENEN)
        )
        for days in (-3, 0, 2):
            work.add_agreement(
                SafetyAgreement(
                    new_id(),
                    week_case.id,
                    who="cliënt",
                    agreement="Belt bij onrust de buurvrouw",
                    made_with="cliënt",
                    start_date=TODAY - timedelta(days=30),
                    review_date=TODAY + timedelta(days=days),
                )
            )
    return AgendaVault(filled_vault.path, week_case.id, filled_vault.secret_case_id, no_show.id)


@pytest.fixture
def window(make_window, agenda_vault: AgendaVault) -> MainWindow:
    return make_window(agenda_vault.path)


def tr(context: str, text: str, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, None, n)


def open_week(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.today.overdue.list, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: window.week.agenda is not None, timeout=WAIT_MS)
    settle(qtbot, window)


def wait_for_week(qtbot, window: MainWindow, monday: date) -> None:
    qtbot.waitUntil(lambda: window.week.monday == monday, timeout=WAIT_MS)
    settle(qtbot, window)


def day_heading(window: MainWindow, on: date) -> QTreeWidgetItem:
    assert window.week.monday is not None
    item = window.week.list.topLevelItem((on - window.week.monday).days)
    assert item is not None
    return item


def lines_of(heading: QTreeWidgetItem) -> list[list[str]]:
    return [
        [heading.child(i).text(c) for c in range(6)]  # type: ignore[union-attr]
        for i in range(heading.childCount())
    ]


def all_text(tree: QTreeWidget) -> str:
    texts = []
    for d in range(tree.topLevelItemCount()):
        heading = tree.topLevelItem(d)
        assert heading is not None
        texts.append(heading.text(0))
        texts += [" | ".join(line) for line in lines_of(heading)]
    return "\n".join(texts)


# --- the week view -------------------------------------------------------------------------


def test_ctrl_3_shows_this_week_day_by_day_with_today_marked(qtbot, window: MainWindow):
    unlock(qtbot, window)
    open_week(qtbot, window)
    page = window.week
    assert window.workspace.currentWidget() is page
    assert window.week_action.isChecked() and not window.today_action.isChecked()
    assert page.monday == date(2026, 11, 16)
    assert page.list.topLevelItemCount() == 7
    monday = day_heading(window, date(2026, 11, 16))
    assert monday.text(0).startswith("maandag 16-11")
    # The week holds only today's visits (the vault was filled on this Sunday): the other
    # days say they are free.
    no_appointments = tr("WeekPage", "No appointments")
    assert lines_of(monday) == [[no_appointments, "", "", "", "", ""]]
    sunday = day_heading(window, TODAY)
    assert sunday.text(0).startswith("zondag 22-11 · " + tr("WeekPage", "today"))
    assert sunday.background(0).color().name() != monday.background(0).color().name()
    ours = [line for line in lines_of(sunday) if line[1] == WEEK_CLIENT]
    assert ours == [
        [
            "10:30",
            WEEK_CLIENT,
            "Huisbezoek",
            "Lindelaan 4, 1234 AB Beekhoven",
            "Bij cliënt thuis",
            "",
        ]
    ]
    # Focus is in the list, on the first contact of today.
    assert page.list.hasFocus()
    current = page.list.currentItem()
    assert current is not None and current.parent() is sunday


def test_weeks_step_by_keyboard_and_mask_a_secret_address(
    qtbot, window: MainWindow, agenda_vault: AgendaVault
):
    unlock(qtbot, window)
    open_week(qtbot, window)
    page = window.week
    qtbot.keyClick(page.list, Qt.Key.Key_Right, ALT)
    wait_for_week(qtbot, window, NEXT_MONDAY)
    assert page.this_week.isEnabled()
    monday = lines_of(day_heading(window, NEXT_MONDAY))
    assert ["10:00", WEEK_CLIENT, "Huisbezoek", "", "Kantoor Zuid", ""] in monday
    wednesday = lines_of(day_heading(window, NEXT_MONDAY + timedelta(days=2)))
    assert ["13:30", WEEK_CLIENT, "Huisbezoek", "", "Buurthuis", "cliënt, wijkagent"] in wednesday
    tuesday = day_heading(window, NEXT_MONDAY + timedelta(days=1))
    secret = [line for line in lines_of(tuesday) if line[1] == "Noor Verstopt"]
    assert secret == [["11:00", "Noor Verstopt", "Huisbezoek", "Geheim adres", "Geheim adres", ""]]
    shown = all_text(page.list)
    assert SECRET_STREET.casefold() not in shown.casefold()
    assert "Schuilstad" not in shown
    tooltips = [
        day_heading(window, NEXT_MONDAY + timedelta(days=d)).child(i).toolTip(c)  # type: ignore[union-attr]
        for d in range(7)
        for i in range(day_heading(window, NEXT_MONDAY + timedelta(days=d)).childCount())
        for c in range(6)
    ]
    assert not any(SECRET_STREET in tip for tip in tooltips)

    qtbot.keyClick(page.list, Qt.Key.Key_PageDown)
    wait_for_week(qtbot, window, NEXT_MONDAY + timedelta(days=7))
    assert page.visit_items() == []
    qtbot.keyClick(page.list, Qt.Key.Key_Left, ALT)
    wait_for_week(qtbot, window, NEXT_MONDAY)
    qtbot.keyClick(page.list, Qt.Key.Key_PageUp)
    wait_for_week(qtbot, window, date(2026, 11, 16))
    qtbot.keyClick(page.list, Qt.Key.Key_PageUp)
    wait_for_week(qtbot, window, date(2026, 11, 9))
    qtbot.keyClick(page.list, Qt.Key.Key_Home, ALT)
    wait_for_week(qtbot, window, week_of(TODAY)[0])
    assert not page.this_week.isEnabled()


def test_enter_on_a_contact_of_the_week_opens_its_case(
    qtbot, window: MainWindow, agenda_vault: AgendaVault
):
    unlock(qtbot, window)
    open_week(qtbot, window)
    page = window.week
    qtbot.keyClick(page.list, Qt.Key.Key_Right, ALT)
    wait_for_week(qtbot, window, NEXT_MONDAY)
    # Walk down by arrow keys to the visit at the secret address (Tuesday 11:00).
    for _ in range(40):
        current = page.list.currentItem()
        if current is not None and current.text(1) == "Noor Verstopt":
            break
        qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert page.list.currentItem().text(1) == "Noor Verstopt"
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.case_file.case_id == agenda_vault.secret_case_id, timeout=WAIT_MS
    )
    assert window.workspace.currentWidget() is window.case_file
    # Back returns to the week, still on the week that was shown.
    window._back()
    assert window.workspace.currentWidget() is page and page.monday == NEXT_MONDAY


def test_a_refresh_after_a_sync_keeps_the_chosen_contact(qtbot, window: MainWindow):
    unlock(qtbot, window)
    open_week(qtbot, window)
    page = window.week
    qtbot.keyClick(page.list, Qt.Key.Key_Right, ALT)
    wait_for_week(qtbot, window, NEXT_MONDAY)
    wednesday = day_heading(window, NEXT_MONDAY + timedelta(days=2))
    chosen = next(
        wednesday.child(i)
        for i in range(wednesday.childCount())
        if wednesday.child(i).text(1) == WEEK_CLIENT  # type: ignore[union-attr]
    )
    page.list.setCurrentItem(chosen)
    shown = page.agenda
    window._sync_brought_changes()  # what the window does when a sync brought changes
    qtbot.waitUntil(lambda: page.agenda is not shown, timeout=WAIT_MS)
    settle(qtbot, window)
    assert page.monday == NEXT_MONDAY
    current = page.list.currentItem()
    assert current is not None
    assert [current.text(c) for c in range(6)][:2] == ["13:30", WEEK_CLIENT]


def test_recording_todays_visit_from_the_week_takes_it_off_the_week(
    qtbot, window: MainWindow, agenda_vault: AgendaVault
):
    unlock(qtbot, window)
    open_week(qtbot, window)
    page = window.week
    sunday = day_heading(window, TODAY)
    ours = next(
        sunday.child(i)
        for i in range(sunday.childCount())
        if sunday.child(i).text(1) == WEEK_CLIENT  # type: ignore[union-attr]
    )
    page.list.setCurrentItem(ours)
    qtbot.keyClick(page.list, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    form = window.forms[0]
    qtbot.keyClicks(form.report, "Huisbezoek: het plan samen doorgenomen.")
    qtbot.keyClick(form.report, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: WEEK_CLIENT not in [line[1] for line in lines_of(day_heading(window, TODAY))],
        timeout=WAIT_MS,
    )
    assert window.workspace.currentWidget() is page


def test_locking_leaves_nothing_of_a_case_in_any_view(qtbot, window: MainWindow):
    unlock(qtbot, window)
    open_week(qtbot, window)
    assert window.board is not None
    names = {r.display_name for r in window.board.caseload}
    assert WEEK_CLIENT in all_text(window.week.list)
    qtbot.keyClick(window.week.list, Qt.Key.Key_L, CTRL)
    assert not window.unlocked
    settle(qtbot, window)
    assert window.week.agenda is None
    assert window.week.list.topLevelItemCount() == 0
    assert window.week.heading.text() == "" and window.week.summary.text() == ""
    shown: list[str] = [label.text() for label in window.findChildren(QLabel)]
    for tree in window.findChildren(QTreeWidget):
        shown.append(all_text(tree))
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for row in range(min(model.rowCount(), 200)):
            for column in range(model.columnCount()):
                shown.append(str(model.index(row, column).data() or ""))
    text = "\n".join(shown)
    assert [name for name in names if name in text] == []
    assert SECRET_STREET not in text


# --- Vandaag -------------------------------------------------------------------------------


def test_vandaag_tells_overdue_today_and_later_apart_in_words_and_colour(qtbot, window: MainWindow):
    unlock(qtbot, window)
    board = window.board
    assert board is not None
    reviews = window.today.reviews
    ours = {}
    for row in range(today_lines.count(reviews)):
        if today_lines.text(reviews, row, 1) == WEEK_CLIENT:
            ours[today_lines.text(reviews, row, 0)] = row
    past, today, later = (TODAY + timedelta(days=d) for d in (-3, 0, 2))
    assert set(ours) == {dated_words(d, TODAY) for d in (past, today, later)}
    assert dated_words(past, TODAY) == "19-11 · " + overdue_text(3)
    assert due_words(today, TODAY) == tr("Formatting", "today")
    assert due_words(later, TODAY) == tr("Counted", "in %n day(s)", 2)
    words = [due_words(d, TODAY) for d in (past, today, later)]
    assert len(set(words)) == 3
    red, amber = DUE_COLOURS[DueState.OVERDUE], DUE_COLOURS[DueState.TODAY]
    colour = functools.partial(today_lines.text_colour, reviews)
    bold = functools.partial(today_lines.is_bold, reviews)
    assert colour(ours[dated_words(past, TODAY)], 0) == red
    assert colour(ours[dated_words(today, TODAY)], 0) == amber
    assert bold(ours[dated_words(today, TODAY)], 0)
    assert colour(ours[dated_words(later, TODAY)], 0) not in (red, amber)
    assert not bold(ours[dated_words(later, TODAY)], 0)
    # Every overdue line says how late, in red.
    overdue = window.today.overdue
    assert today_lines.count(overdue) == len(board.overdue)
    for row in range(today_lines.count(overdue)):
        assert today_lines.text(overdue, row, 1) == overdue_text(board.overdue[row].overdue_days)
        assert today_lines.text_colour(overdue, row, 1) == red


def test_past_dates_in_nazorg_and_programme_end_are_marked_overdue(qtbot, window: MainWindow):
    unlock(qtbot, window)
    board = window.board
    assert board is not None
    red = DUE_COLOURS[DueState.OVERDUE]
    dated = [
        (window.today.ending, [r.end.ends_on for r in board.ending if r.end]),
        (window.today.checkins, [r.due.due_on for r in board.checkins_due]),
    ]
    seen_past = 0
    for panel, dates in dated:
        assert today_lines.count(panel) == len(dates)
        for row, on in enumerate(dates):
            assert on is not None
            assert today_lines.text(panel, row, 0) == dated_words(on, TODAY)
            if on < TODAY:
                seen_past += 1
                assert overdue_text((TODAY - on).days) in today_lines.text(panel, row, 0)
                assert today_lines.text_colour(panel, row, 0) == red
            else:
                assert today_lines.text_colour(panel, row, 0) != red
    assert seen_past > 0  # the synthetic caseload has programme ends and check-ins past


# --- the caseload --------------------------------------------------------------------------


def painted_text_colour(view: QAbstractItemView, row: int, column: int) -> str:
    """The text colour the view's delegate paints a cell with."""
    option = QStyleOptionViewItem()
    delegate = view.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate)
    delegate.initStyleOption(option, view.model().index(row, column))
    return option.palette.color(QPalette.ColorRole.Text).name()


def test_the_caseload_overdue_cell_is_painted_red(qtbot, window: MainWindow):
    unlock(qtbot, window)
    page = window.caseload
    proxy = page.proxy
    red, amber = DUE_COLOURS[DueState.OVERDUE], DUE_COLOURS[DueState.TODAY]
    states = {"overdue": 0, "today": 0, "later": 0}
    for row in range(proxy.rowCount()):
        case = page.model.row_at(proxy.mapToSource(proxy.index(row, 0)).row())
        cell = proxy.index(row, Column.OVERDUE)
        foreground = cell.data(Qt.ItemDataRole.ForegroundRole)
        if case.overdue_days > 0:
            states["overdue"] += 1
            assert cell.data() == overdue_text(case.overdue_days)
            assert foreground is not None and foreground.name() == red
            assert painted_text_colour(page.table, row, Column.OVERDUE) == red
            assert painted_text_colour(page.table, row, Column.NEXT) == red
        elif case.due.due_on == TODAY:
            states["today"] += 1
            assert cell.data() == tr("Formatting", "today")
            assert painted_text_colour(page.table, row, Column.OVERDUE) == amber
        elif case.due.due_on is not None:
            states["later"] += 1
            assert cell.data() == ""
            assert foreground is None
            assert painted_text_colour(page.table, row, Column.NEXT) not in (red, amber)
    assert states["overdue"] and states["later"]


def test_at_1024_pixels_the_caseload_fits_without_scrolling_sideways(qtbot, window: MainWindow):
    window.resize(1024, 768)
    unlock(qtbot, window)
    qtbot.keyClick(window.today.overdue.list, Qt.Key.Key_2, CTRL)
    QApplication.processEvents()
    table = window.caseload.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0, timeout=WAIT_MS)
    QApplication.processEvents()
    needed = (Column.NAME, Column.RISK, Column.NEXT, Column.OVERDUE, Column.PROGRAMME, Column.PHASE)
    for column in needed:
        assert not table.isColumnHidden(column)
        assert table.columnWidth(column) >= 60
    shown = [c for c in range(window.caseload.model.columnCount()) if not table.isColumnHidden(c)]
    assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    # The longest overdue text of the list is not cut off.
    overdue_column = table.columnWidth(Column.OVERDUE)
    metrics = table.fontMetrics()
    widest = max(
        (
            metrics.horizontalAdvance(str(window.caseload.proxy.index(r, Column.OVERDUE).data()))
            for r in range(window.caseload.proxy.rowCount())
        ),
        default=0,
    )
    assert widest < overdue_column
    # Wider again, more columns come back.
    window.resize(1366, 768)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not table.isColumnHidden(Column.LAST), timeout=WAIT_MS)
    assert not table.horizontalScrollBar().isVisible()


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_Return])
def test_down_or_enter_in_the_search_moves_into_the_results(
    qtbot, window: MainWindow, agenda_vault: AgendaVault, key: Qt.Key
):
    unlock(qtbot, window)
    qtbot.keyClick(window.today.overdue.list, Qt.Key.Key_2, CTRL)
    page = window.caseload
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "weekplan")
    assert page.proxy.rowCount() == 1
    qtbot.keyClick(page.search, key)
    assert page.table.hasFocus()
    assert page.table.currentIndex().row() == 0
    assert page.selected_case_id() == agenda_vault.week_case_id
    assert page.table.selectionModel().isRowSelected(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_file.case_id == agenda_vault.week_case_id, timeout=WAIT_MS)


def test_down_in_a_search_that_finds_nothing_stays_in_the_search(qtbot, window: MainWindow):
    unlock(qtbot, window)
    qtbot.keyClick(window.today.overdue.list, Qt.Key.Key_2, CTRL)
    page = window.caseload
    qtbot.keyClicks(page.search, "qqqzzz")
    assert page.proxy.rowCount() == 0
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.search.hasFocus()


# --- no-shows ------------------------------------------------------------------------------


def test_a_no_show_reads_niet_verschenen_in_the_case_file(
    qtbot, window: MainWindow, agenda_vault: AgendaVault
):
    unlock(qtbot, window)
    open_case(qtbot, window, agenda_vault.no_show_case_id)
    contacts = window.case_file.contacts
    assert contacts.topLevelItemCount() == 1
    item = contacts.topLevelItem(0)
    assert item is not None
    texts = [item.text(c) for c in range(contacts.columnCount())]
    assert "Niet verschenen" in texts
    assert "Gedaan" not in texts
