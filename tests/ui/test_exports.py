"""Exports from the window: the case file and the caseload list, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from tests.exports.conftest import pdf_text, read_pdf
from tests.ui.conftest import WAIT_MS, DemoVault, access_actions, settle, unlock
from tests.ui.test_teamkracht_review import write_reviewed_sheet
from ui.export_dialog import ExportDialog, ExportDoneDialog
from ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def click_box(qtbot, box) -> None:
    """Click a check or radio box on its indicator (its middle may be empty row space)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def open_dialog(qtbot, window: MainWindow, kind: type = ExportDialog):
    qtbot.waitUntil(
        lambda: any(isinstance(d, kind) and d.isVisible() for d in window.export_dialogs),
        timeout=WAIT_MS,
    )
    return next(d for d in window.export_dialogs if isinstance(d, kind))


def test_handover_pack_from_the_case_file_with_an_own_password(
    qtbot, window: MainWindow, filled_vault: DemoVault, tmp_path: Path
) -> None:
    unlock(qtbot, window)
    case_id = filled_vault.secret_case_id
    window.open_case(case_id)
    qtbot.waitUntil(lambda: window.case_file.case_id == case_id, timeout=WAIT_MS)
    qtbot.mouseClick(window.case_file.handover, LEFT)
    dialog = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Overdrachtsdossier exporteren"
    out = tmp_path / "dossier.pdf"
    dialog.path.setText(str(out))
    click_box(qtbot, dialog.own)
    qtbot.keyClicks(dialog.password, "een-eigen-wachtwoord")
    qtbot.keyClicks(dialog.repeat, "een-ander-wachtwoord")
    qtbot.mouseClick(dialog.ok, LEFT)
    assert dialog.isVisible() and dialog.error.text() == "De twee wachtwoorden verschillen."
    assert not out.exists()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "een-eigen-wachtwoord")
    qtbot.mouseClick(dialog.ok, LEFT)
    done = open_dialog(qtbot, window, ExportDoneDialog)
    assert "1 casus" in done.message.text() and done.password.text() == ""
    text = "\n".join(pdf_text(read_pdf(out, "een-eigen-wachtwoord")))
    assert "Geheim adres: niet opgenomen" in text and "Verborgenhofje" not in text
    settle(qtbot, window)
    assert access_actions(window, case_id)[-1] == "export"


def test_handover_pack_of_the_filtered_caseload_with_a_generated_password_shown_once(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    unlock(qtbot, window)
    window.show_caseload()
    page = window.caseload
    page.overdue.setChecked(True)
    shown = page.proxy.rowCount()
    assert 0 < shown < page.model.rowCount()
    qtbot.mouseClick(page.handover, LEFT)
    dialog = open_dialog(qtbot, window)
    out = tmp_path / "achterstallig.pdf"
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.ok, LEFT)
    done = open_dialog(qtbot, window, ExportDoneDialog)
    password = done.password.text()
    assert len(password) == 24 and f"{shown} casussen" in done.message.text()
    assert len(read_pdf(out, password).pages) > shown
    # The password goes with the dialog, and a lock closes any export dialog.
    window.lock()
    assert window.export_dialogs == [] and done.password.text() == ""


def test_teamkracht_sheet_and_team_overview_from_the_window(
    qtbot, window: MainWindow, filled_vault: DemoVault, tmp_path: Path
) -> None:
    unlock(qtbot, window)
    window.open_case(filled_vault.report_case_id)
    qtbot.waitUntil(
        lambda: window.case_file.case_id == filled_vault.report_case_id, timeout=WAIT_MS
    )
    qtbot.mouseClick(window.case_file.teamkracht, LEFT)
    dialog = open_dialog(qtbot, window)
    sheet = tmp_path / "teamkracht.pdf"
    dialog.path.setText(str(sheet))
    qtbot.keyClicks(dialog.question, "Hoe verder na de zomer?")
    qtbot.mouseClick(dialog.ok, LEFT)
    write_reviewed_sheet(qtbot, window)  # written only after its review
    done = open_dialog(qtbot, window, ExportDoneDialog)
    done.done(0)
    assert "Hoe verder na de zomer?" in "\n".join(pdf_text(read_pdf(sheet)))

    window.show_caseload()
    qtbot.mouseClick(window.caseload.overview, LEFT)
    dialog = open_dialog(qtbot, window)
    dialog.path.setText(str(tmp_path / "team.pdf"))
    click_box(qtbot, dialog.csv)
    assert dialog.path.text().endswith("team.csv")
    qtbot.mouseClick(dialog.ok, LEFT)
    open_dialog(qtbot, window, ExportDoneDialog)
    assert (tmp_path / "team.csv").read_text("utf-8-sig").startswith("trajectbegeleider;")


def test_a_failed_export_says_why_in_dutch_and_writes_nothing(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    unlock(qtbot, window)
    window.show_caseload()
    qtbot.mouseClick(window.caseload.overview, LEFT)
    dialog = open_dialog(qtbot, window)
    # A folder named like the file: only the export itself can find out.
    (tmp_path / "team.pdf").mkdir()
    dialog.path.setText(str(tmp_path / "team.pdf"))
    qtbot.mouseClick(dialog.ok, LEFT)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=WAIT_MS)
    assert window.statusBar().currentMessage() == "Kies een bestand, geen map."
    assert list((tmp_path / "team.pdf").iterdir()) == []
    assert not list(tmp_path.glob(".koers-export-*")) and not list(tmp_path.rglob("*.pdf*"))[1:]
