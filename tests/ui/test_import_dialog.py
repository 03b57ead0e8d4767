"""Importing a caseload from the window, by keyboard: a refused file shows its problems in
Dutch by row and column and writes nothing; a clean file shows what it creates, and the
import puts the cases in the window's caseload."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import WAIT_MS, db_value, settle, unlock
from tests.ui.mnemonics import mnemonic_clashes
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow

GOOD = (
    "\ufeffnaam;programma;startdatum;geboortejaar;kinderen;situatie;locatiecode\r\n"
    'Fleur van Zanddorp;Moviera in de wijk;1-9-2026;1990;"Sam 2016; Lina 2019";3;oranje\r\n'
    "Iris Bakkerveld;ambulant;01-10-2026;1985;;;\r\n"
)
BAD = (
    "naam;programma;startdatum;geboortejaar\r\n"
    "Fleur van Zanddorp;ambulant;01-09-2026;1990\r\n"
    "Iris Bakkerveld;ambulant;31-02-2026;1985\r\n"
    '=HYPERLINK("http://x","y");take_a_break;01-09-2026;\r\n'
)


def open_import(qtbot, window: MainWindow) -> ImportDialog:
    window.import_action.trigger()
    qtbot.waitUntil(
        lambda: any(isinstance(d, ImportDialog) and d.isVisible() for d in window.export_dialogs),
        timeout=WAIT_MS,
    )
    dialog = next(d for d in window.export_dialogs if isinstance(d, ImportDialog))
    assert isinstance(dialog, ImportDialog)
    return dialog


def check_file(qtbot, dialog: ImportDialog, path: Path) -> None:
    dialog.path.setFocus()
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(path))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=WAIT_MS)


def open_checked(qtbot, window: MainWindow, path: Path) -> ImportDialog:
    """The import dialog, opened from the window, with `path` checked in it."""
    dialog = open_import(qtbot, window)
    check_file(qtbot, dialog, path)
    return dialog


def caseload_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "caseload.csv"
    path.write_text(text, encoding="utf-8")
    return path


def case_count(window: MainWindow) -> int:
    return db_value(window, "SELECT count(*) FROM cases")


def test_a_refused_file_shows_its_problems_in_dutch_and_writes_nothing(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    unlock(qtbot, window)
    before = case_count(window)
    dialog = open_import(qtbot, window)
    assert mnemonic_clashes(dialog) == {}
    assert not dialog.import_button.isEnabled()

    check_file(qtbot, dialog, caseload_csv(tmp_path, BAD))
    qtbot.waitUntil(lambda: dialog.problems.count() == 2, timeout=WAIT_MS)
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert texts == [
        "Rij 3, kolom 'startdatum': Geen datum; gebruik dd-mm-jjjj.",
        "Rij 4, kolom 'naam': Begint met =, +, - of @; een spreadsheet leest dat als formule.",
    ]
    assert dialog.problems.isVisible() and not dialog.preview.isVisible()
    assert not dialog.import_button.isEnabled()
    settle(qtbot, window)
    assert case_count(window) == before

    # A file that does not exist is refused too, in Dutch.
    check_file(qtbot, dialog, tmp_path / "bestaat-niet.csv")
    qtbot.waitUntil(lambda: dialog.problems.count() == 1, timeout=WAIT_MS)
    assert dialog.problems.item(0).text() == "Het bestand kan niet worden gelezen. Bestaat het?"
    assert not dialog.import_button.isEnabled()


def test_a_clean_file_is_previewed_then_imported_into_the_caseload(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    unlock(qtbot, window)
    assert window.board is not None
    shown_before = len(window.board.caseload)
    dialog = open_checked(qtbot, window, caseload_csv(tmp_path, GOOD))
    qtbot.waitUntil(lambda: dialog.preview.topLevelItemCount() == 2, timeout=WAIT_MS)
    first = dialog.preview.topLevelItem(0)
    assert [first.text(i) for i in range(7)] == [
        "2",
        "Fleur van Zanddorp",
        "Moviera in de wijk",
        "Analysefase",
        "01-09-2026",
        "2",
        "situatie 3, oranje",
    ]
    assert "Moviera in de wijk 1" in dialog.summary.text()
    assert dialog.import_button.isEnabled() and dialog.import_button.hasFocus()

    # Typing another path takes the preview away: "Import" would no longer match it.
    qtbot.keyClicks(dialog.path, "x")
    assert not dialog.import_button.isEnabled() and dialog.preview.topLevelItemCount() == 0
    qtbot.keyClick(dialog.path, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT_MS)

    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: window.board is not None and len(window.board.caseload) == shown_before + 2,
        timeout=WAIT_MS,
    )
    settle(qtbot, window)
    names = {
        window.caseload.model.index(row, 0).data()
        for row in range(window.caseload.model.rowCount())
    }
    assert {"Fleur van Zanddorp", "Iris Bakkerveld"} <= names
    assert window.export_dialogs == []


def test_importing_the_same_file_twice_is_refused_in_the_window(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    unlock(qtbot, window)
    path = caseload_csv(tmp_path, GOOD)
    dialog = open_checked(qtbot, window, path)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)
    settle(qtbot, window)
    count = case_count(window)

    again = open_checked(qtbot, window, path)
    qtbot.waitUntil(lambda: again.problems.count() == 2, timeout=WAIT_MS)
    assert again.problems.item(0).text() == (
        "Rij 2, kolom 'naam': Er staat al een casus met deze naam en startdatum in Koers."
    )
    assert case_count(window) == count


def test_a_lock_closes_the_dialog_and_forgets_the_preview(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    unlock(qtbot, window)
    dialog = open_checked(qtbot, window, caseload_csv(tmp_path, GOOD))
    qtbot.waitUntil(lambda: dialog.preview.topLevelItemCount() == 2, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT_MS):
        window.lock()
    assert window.export_dialogs == []
    assert dialog.plan is None  # the clients' names leave memory with the dialog


def test_the_template_is_saved_with_every_column(qtbot, window: MainWindow, tmp_path: Path) -> None:
    unlock(qtbot, window)
    dialog = open_import(qtbot, window)
    out = tmp_path / "sjabloon.csv"
    dialog.write_template(out)
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("naam;initialen;geboortejaar;programma;")
    assert str(out) in dialog.summary.text()
