"""The window as a worker uses it: unlock, Vandaag, a case, a contact, locking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from storage.vault import Vault
from tests.ui import today_lines
from tests.ui.conftest import (
    REPORT_WORD,
    SECRET_STREET,
    WAIT_MS,
    DemoVault,
    access_actions,
    crash_once_drafted,
    open_case,
    open_contact_form,
    restart,
    settle,
    unlock,
)
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_first_run_creates_a_vault_only_with_a_good_passphrase(qtbot, make_window, tmp_path: Path):
    path = tmp_path / "nieuw" / "werk.koers"
    window = make_window(path)
    screen = window.unlock_screen
    assert screen.title.text() == "Welkom bij Koers"
    # The strength meter is named and says what is asked before the first key.
    assert screen._strength_label.text() == "Sterkte"
    assert screen.strength_text.text() == "Minstens 8 tekens; een korte zin werkt goed"
    qtbot.keyClicks(screen.owner, "Anouk")
    qtbot.keyClicks(screen.passphrase, "kort")
    assert screen.strength_text.text() == "Te kort: minstens 8 tekens"
    qtbot.keyClicks(screen.repeat, "kort")
    qtbot.keyClick(screen.repeat, Qt.Key.Key_Return)
    assert screen.message.text() == "Het wachtwoord moet minstens 8 tekens lang zijn."
    assert not Vault.exists(path)

    screen.passphrase.clear()
    screen.repeat.clear()
    qtbot.keyClicks(screen.passphrase, "lange zin met 7 woorden erin!")
    assert screen.strength_text.text() == "Sterk"
    qtbot.keyClicks(screen.repeat, "lange zin met 7 woorden erin?")
    qtbot.keyClick(screen.repeat, Qt.Key.Key_Return)
    assert screen.message.text() == "De twee wachtwoorden verschillen."
    assert not Vault.exists(path)

    screen.repeat.clear()
    qtbot.keyClicks(screen.repeat, "lange zin met 7 woorden erin!")
    qtbot.keyClick(screen.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.board is not None, timeout=WAIT_MS)
    assert Vault.exists(path)
    assert window.user_label.text() == "Aangemeld als Anouk"
    assert window.today.overdue.empty.isVisible()


def test_wrong_passphrase_is_refused_in_dutch_with_backoff(qtbot, window: MainWindow):
    screen = window.unlock_screen
    assert screen.title.text() == "Koers is vergrendeld"
    for _attempt in range(2):
        qtbot.keyClicks(screen.passphrase, "niet-het-wachtwoord")
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.message.text() == "Onjuist wachtwoord.", timeout=WAIT_MS)
        assert screen.submit.isEnabled()
        screen.message.clear()
    # The third wrong passphrase starts the growing wait (2 s, then 4, 8, ...).
    qtbot.keyClicks(screen.passphrase, "niet-het-wachtwoord")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "seconden" in screen.message.text(), timeout=WAIT_MS)
    assert screen.message.text() == "Onjuist wachtwoord. Probeer het over 2 seconden opnieuw."
    assert not screen.submit.isEnabled()
    assert not window.unlocked
    assert window.case_file.file is None


def test_unlock_shows_today_and_the_whole_caseload(qtbot, window: MainWindow):
    unlock(qtbot, window)
    board = window.board
    assert board is not None
    assert window.today.heading.text().startswith("Vandaag, ")
    assert today_lines.count(window.today.planned) == len(board.planned_today)
    assert today_lines.count(window.today.overdue) == len(board.overdue) > 0
    name, late, *_ = today_lines.lines(window.today.overdue)[0]
    assert name == board.overdue[0].display_name
    assert "te laat" in late
    assert window.caseload.model.rowCount() == len(board.caseload) == 13


def test_opening_a_case_from_today_shows_it_and_logs_the_read(qtbot, window: MainWindow):
    unlock(qtbot, window)
    panel = window.today.overdue.list
    case_id = today_lines.case_id(window.today.overdue, 0)
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Home)
    assert window.chosen_case_id() == case_id
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_file.case_id == case_id, timeout=WAIT_MS)
    assert window.workspace.currentWidget() is window.case_file
    assert window.case_file.name.text() == today_lines.text(window.today.overdue, 0, 0)
    assert "te laat" in window.case_file.due.text()
    assert window.case_file.tabs.count() == 8
    settle(qtbot, window)
    assert "read" in access_actions(window, case_id)


def test_secret_address_stays_masked_until_revealed_and_the_reveal_is_logged(
    qtbot, window: MainWindow, filled_vault: DemoVault
):
    unlock(qtbot, window)
    open_case(qtbot, window, filled_vault.secret_case_id)
    overview = window.case_file.overview.toPlainText()
    assert "Geheim adres" in overview
    assert SECRET_STREET not in overview
    assert "reveal_address" not in access_actions(window, filled_vault.secret_case_id)

    qtbot.mouseClick(window.case_file.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: SECRET_STREET in window.case_file.overview.toPlainText(), timeout=WAIT_MS
    )
    assert not window.case_file.reveal.isVisible()
    settle(qtbot, window)
    assert "reveal_address" in access_actions(window, filled_vault.secret_case_id)
    # Leaving the case file masks it again; coming back shows "Geheim adres" until a new,
    # logged reveal.
    window.show_caseload()
    assert SECRET_STREET not in window.case_file.overview.toPlainText()
    window.open_case(filled_vault.secret_case_id)
    qtbot.waitUntil(window.case_file.reveal.isVisible, timeout=WAIT_MS)
    assert SECRET_STREET not in window.case_file.overview.toPlainText()


def test_recording_a_contact_by_keyboard_clears_it_from_overdue(qtbot, window: MainWindow):
    unlock(qtbot, window)
    assert window.board is not None
    overdue = window.board.overdue[0]
    form = open_contact_form(qtbot, window, overdue.case_id)
    assert form.kind.currentText() == "Huisbezoek"
    assert form.duration.value() == 60
    assert form.report.hasFocus()

    qtbot.keyClicks(form.report, "Huisbezoek, veiligheidsplan samen doorgelopen.")
    qtbot.keyClick(form.report, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    assert window.board is not None
    assert overdue.case_id not in {r.case_id for r in window.board.overdue}
    names = [line[0] for line in today_lines.lines(window.today.overdue)]
    assert len(names) == len(window.board.overdue)
    assert "te laat" not in window.case_file.due.text()
    assert (
        window.case_file.contacts.topLevelItem(0).text(5).startswith("Huisbezoek, veiligheidsplan")
    )


def test_undo_in_the_contact_form_steps_back_field_by_field(qtbot, window: MainWindow):
    unlock(qtbot, window)
    assert window.board is not None
    form = open_contact_form(qtbot, window, window.board.caseload[0].case_id)
    default_location = form.location.text()
    form.location.clear()
    qtbot.keyClicks(form.location, "Buurthuis")
    qtbot.keyClicks(form.report, "Eerste zin.")
    assert form.undo.isEnabled()

    qtbot.mouseClick(form.undo, Qt.MouseButton.LeftButton)
    assert form.report.toPlainText() == ""
    assert form.location.text() == "Buurthuis"
    qtbot.mouseClick(form.undo, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.undo, Qt.MouseButton.LeftButton)
    assert form.location.text() == default_location
    assert not form.undo.isEnabled()


def test_half_typed_contact_survives_a_crash(qtbot, make_window, filled_vault: DemoVault):
    first = make_window(filled_vault.path)
    unlock(qtbot, first)
    form = open_contact_form(qtbot, first, filled_vault.secret_case_id)
    qtbot.keyClicks(form.report, "Half getypt verslag")
    crash_once_drafted(qtbot, first)

    _second, restored = restart(qtbot, make_window, filled_vault.path)
    assert restored.report.toPlainText() == "Half getypt verslag"
    assert restored.defaults.case_id == filled_vault.secret_case_id
    assert restored.draft_state.text() == "Concept hersteld"


def _assert_nothing_of_a_case_is_shown(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.unlock_screen
    assert window.caseload.model.rowCount() == 0
    assert all(today_lines.count(p) == 0 for p in window.today.panels())
    assert window.case_file.file is None
    assert window.case_file.overview.toPlainText() == ""
    assert window.case_file.contacts.topLevelItemCount() == 0
    assert not window.forms
    assert not window.toolbar.isVisible()


def test_idle_time_locks_and_clears_every_case_from_view(
    qtbot, window: MainWindow, filled_vault: DemoVault
):
    unlock(qtbot, window)
    window.open_case(filled_vault.secret_case_id)
    qtbot.waitUntil(lambda: window.case_file.file is not None, timeout=WAIT_MS)
    form = open_contact_form(qtbot, window, filled_vault.secret_case_id)
    qtbot.keyClicks(form.report, "Nog niet af")
    session = window.session
    assert session is not None
    window.idle.set_interval_ms(300)
    qtbot.waitUntil(lambda: not window.unlocked, timeout=WAIT_MS)
    settle(qtbot, window)
    _assert_nothing_of_a_case_is_shown(window)
    assert session.vault.is_locked
    # The half-typed report was kept as a draft before the vault closed.
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: len(window.forms) == 1, timeout=WAIT_MS)
    assert window.forms[0].report.toPlainText() == "Nog niet af"


def test_quick_hide_locks_and_minimises_at_once(qtbot, window: MainWindow):
    unlock(qtbot, window)
    session = window.session
    assert session is not None
    qtbot.keyClick(
        window.today.overdue.list, Qt.Key.Key_H, CTRL | Qt.KeyboardModifier.ShiftModifier
    )
    assert not window.unlocked
    assert window.windowState() & Qt.WindowState.WindowMinimized
    settle(qtbot, window)
    _assert_nothing_of_a_case_is_shown(window)
    assert session.vault.is_locked


def test_caseload_filters_and_searches_names_and_report_text(
    qtbot, window: MainWindow, filled_vault: DemoVault
):
    unlock(qtbot, window)
    page = window.caseload
    window.show_caseload()
    total = page.model.rowCount()
    qtbot.keyClicks(page.search, "verstopt")
    assert page.proxy.rowCount() == 1
    page.search.clear()
    assert page.proxy.rowCount() == total
    qtbot.keyClicks(page.search, REPORT_WORD[:9])
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=WAIT_MS)
    index = page.proxy.index(0, 0)
    assert index.data() == "Noor Verstopt"
    page.search.clear()

    page.overdue.setChecked(True)
    assert window.board is not None
    assert page.proxy.rowCount() == len(window.board.overdue)
    page.overdue.setChecked(False)
    programme = window.board.caseload[-1].programme_id
    page.programme.setCurrentIndex(page.programme.findData(programme))
    shown = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    expected = {r.display_name for r in window.board.caseload if r.programme_id == programme}
    assert 0 < len(expected) < total
    assert shown == expected
    assert page.count.text() == f"{len(expected)} van {total} casussen"


def test_sorting_the_caseload_by_name(qtbot, window: MainWindow):
    unlock(qtbot, window)
    page = window.caseload
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_every_control_has_an_accessible_name(qtbot, window: MainWindow):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    unlock(qtbot, window)
    assert window.board is not None
    form = open_contact_form(qtbot, window, window.board.caseload[0].case_id)
    missing = []
    for root in (window, form):
        controls = (
            QAbstractButton,
            QAbstractItemView,
            QAbstractSpinBox,
            QComboBox,
            QLineEdit,
            QPlainTextEdit,
        )
        for widget in root.findChildren(QWidget):
            if not isinstance(widget, controls):
                continue
            if widget.objectName().startswith("qt_") or not widget.isVisibleTo(root):
                continue
            name = widget.accessibleName() or (
                widget.text() if isinstance(widget, QAbstractButton) else ""
            )
            if not name.replace("&", "").strip():
                missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    assert missing == []


def test_the_window_keeps_its_layout_at_double_scale(qtbot, window: MainWindow):
    """At 200 % a 1366x768 laptop has 683x384 logical pixels; the unlock card must still fit."""
    window.resize(683, 384)
    QApplication.processEvents()
    card = window.unlock_screen.findChild(type(window.unlock_screen.submit.parentWidget()), "card")
    assert card is not None
    assert card.geometry().right() <= window.width()
    assert window.unlock_screen.submit.isVisible()
