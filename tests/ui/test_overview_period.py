"""The team overview's period in the export dialog: the last full quarter unless the team
leader types another; an empty or future period is refused in Dutch, in the dialog, and
nothing is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.team_overview import Period
from tests.exports.conftest import pdf_text, read_pdf
from tests.ui.conftest import WAIT_MS, unlock
from tests.ui.test_exports import LEFT, open_dialog
from ui.export_dialog import ExportDialog, ExportDoneDialog
from ui.main_window import MainWindow


def type_date(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_the_dialog_offers_the_last_full_quarter(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(ExportDialog.OVERVIEW, "", date(2026, 11, 22))
    qtbot.addWidget(dialog)
    assert dialog.period_from.date().toString("dd-MM-yyyy") == "01-07-2026"
    assert dialog.period_to.date().toString("dd-MM-yyyy") == "30-09-2026"
    handover = ExportDialog(ExportDialog.HANDOVER, "", date(2026, 11, 22))
    qtbot.addWidget(handover)
    assert not handover.period_from.isVisible() and handover.period_from.parent() is None


def test_an_empty_or_future_period_is_refused_in_the_dialog(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(ExportDialog.OVERVIEW, "", date(2026, 11, 22))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(tmp_path / "team.pdf"))
    type_date(qtbot, dialog.period_from, "01-10-2026")
    type_date(qtbot, dialog.period_to, "30-09-2026")
    qtbot.mouseClick(dialog.ok, LEFT)
    assert dialog.isVisible() and dialog.request is None
    assert "vóór de begindatum" in dialog.error.text()
    type_date(qtbot, dialog.period_to, "31-12-2026")
    qtbot.mouseClick(dialog.ok, LEFT)
    assert dialog.isVisible() and "toekomst" in dialog.error.text()
    type_date(qtbot, dialog.period_to, "31-02-2026")  # no such day
    qtbot.mouseClick(dialog.ok, LEFT)
    assert dialog.isVisible() and "bestaat niet" in dialog.error.text()
    type_date(qtbot, dialog.period_to, "22-11-2026")  # up to today: fine
    qtbot.mouseClick(dialog.ok, LEFT)
    assert not dialog.isVisible()
    assert dialog.request is not None
    assert dialog.request.period == Period(date(2026, 10, 1), date(2026, 11, 22))
    assert list(tmp_path.iterdir()) == []  # the dialog writes nothing itself


def test_the_overview_of_a_chosen_period_from_the_window(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    unlock(qtbot, window)
    window.show_caseload()
    qtbot.mouseClick(window.caseload.overview, LEFT)
    dialog = open_dialog(qtbot, window)
    dialog.path.setText(str(tmp_path / "team.pdf"))
    dialog.path.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.path, timeout=WAIT_MS)
    # The Alt-key of the period's first day, as the window's language gives it (Period
    # f&rom, Periode &van).
    (label,) = [x for x in dialog.findChildren(QLabel) if x.buddy() is dialog.period_from]
    letter = label.text()[label.text().index("&") + 1].upper()
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter}"), alt)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.period_from, timeout=WAIT_MS)
    type_date(qtbot, dialog.period_from, "01-01-2026")
    type_date(qtbot, dialog.period_to, "30-06-2026")
    qtbot.mouseClick(dialog.ok, LEFT)
    done = open_dialog(qtbot, window, ExportDoneDialog)
    # This laptop has no server: the note says the outcome figures are not in it.
    assert done.note.isVisible()
    text = " ".join(" ".join(pdf_text(read_pdf(tmp_path / "team.pdf"))).split())
    assert "Periode: 1 januari 2026 t/m 30 juni 2026" in text
    assert "vragen een verbinding" in text
    done.done(0)
    qtbot.waitUntil(lambda: window.export_dialogs == [], timeout=WAIT_MS)
