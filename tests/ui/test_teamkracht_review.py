"""The teamkracht sheet's review in the window: what will print, what was replaced, what was
kept; more blanked by the worker; written only after the worker confirms."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt

from app.casework import Casework
from app.exports import deduce_cache
from app.exports.deidentify_worker import shared_worker
from app.exports.teamkracht_service import read_sheet_source
from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.exports.conftest import pdf_text, read_pdf
from tests.exports.test_deidentify import LEAK, add_leaking_case
from tests.ui.conftest import WAIT_MS, unlock
from tests.ui.mnemonics import mnemonic_of
from ui.export_dialog import ExportDialog, ExportDoneDialog
from ui.main_window import MainWindow
from ui.teamkracht_review import TeamkrachtReviewDialog

LEFT = Qt.MouseButton.LeftButton
# The first sheet of a test session may build the library's lookup cache (minutes on CI).
REVIEW_MS = 1_800_000


def open_review(qtbot, window: MainWindow) -> TeamkrachtReviewDialog:
    """The review dialog once its text is de-identified."""
    qtbot.waitUntil(
        lambda: any(isinstance(d, TeamkrachtReviewDialog) for d in window.export_dialogs),
        timeout=WAIT_MS,
    )
    review = next(d for d in window.export_dialogs if isinstance(d, TeamkrachtReviewDialog))
    qtbot.waitUntil(
        lambda: review.draft is not None or bool(review.error.text()), timeout=REVIEW_MS
    )
    assert review.draft is not None, review.error.text()
    return review


def write_reviewed_sheet(qtbot, window: MainWindow) -> TeamkrachtReviewDialog:
    """Confirm the open review (its Alt-key) and write the sheet; returns the review."""
    review = open_review(qtbot, window)
    review.activateWindow()  # offscreen there is no window manager to hand it the focus
    qtbot.waitUntil(review.isActiveWindow, timeout=WAIT_MS)
    key = mnemonic_of(review.confirm.text())  # read from the screen: any language
    assert key, review.confirm.text()
    qtbot.keyClick(review, getattr(Qt.Key, f"Key_{key.upper()}"), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(review.confirm.isChecked, timeout=WAIT_MS)  # an animated click
    assert review.write.isEnabled()
    qtbot.mouseClick(review.write, LEFT)
    return review


@pytest.fixture
def leaking_vault(vault_path: Path, clock: FixedClock) -> tuple[Path, str]:
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        work = Casework(v)
        work.seed_default_programmes()
        case_id = add_leaking_case(work)
    return vault_path, case_id


def _ask_sheet(qtbot, window: MainWindow, case_id: str, out: Path) -> None:
    window.export_teamkracht(case_id)
    dialog = next(d for d in window.export_dialogs if isinstance(d, ExportDialog))
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.ok, LEFT)


def test_the_review_shows_what_prints_and_the_sheet_waits_for_the_confirmation(
    qtbot, make_window, leaking_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, case_id = leaking_vault
    window = make_window(path)
    unlock(qtbot, window)
    out = tmp_path / "teamkracht.pdf"
    _ask_sheet(qtbot, window, case_id, out)
    review = open_review(qtbot, window)
    shown = review.text.toPlainText()
    for value in LEAK.values():
        assert value not in shown, value
    assert "[ex-partner]" in shown and "basisschool [school]" in shown
    assert review.removed.text().startswith("Verwijderd: ")
    assert "Instagram" in review.kept.text()  # kept capitalised words are named
    assert not review.write.isEnabled() and not out.exists()

    # Select a word and blank it with the Delete key: everywhere, and confirm again.
    cursor = review.text.document().find("grijze")
    assert not cursor.isNull()
    review.text.setTextCursor(cursor)
    qtbot.keyClick(review.confirm, Qt.Key.Key_Space)
    review.text.setFocus()
    qtbot.keyClick(review.text, Qt.Key.Key_Delete)
    assert "grijze" not in review.text.toPlainText()
    assert not review.confirm.isChecked() and not review.write.isEnabled()

    write_reviewed_sheet(qtbot, window)
    qtbot.waitUntil(
        lambda: any(isinstance(d, ExportDoneDialog) for d in window.export_dialogs),
        timeout=WAIT_MS,
    )
    text = " ".join(" ".join(pdf_text(read_pdf(out))).split())
    assert "grijze" not in text and "[weggelaten]" in text
    assert "1 woord door de begeleider" in text
    for value in LEAK.values():
        assert len(value) < 4 or value not in text, value  # "23" is also in a date


def test_a_lock_closes_the_review_ends_the_worker_and_writes_nothing(
    qtbot, make_window, leaking_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, case_id = leaking_vault
    window = make_window(path)
    unlock(qtbot, window)
    out = tmp_path / "teamkracht.pdf"
    _ask_sheet(qtbot, window, case_id, out)
    review = open_review(qtbot, window)
    assert shared_worker().running
    window.lock()
    assert window.export_dialogs == [] and not review.isVisible()
    assert review.text.toPlainText() == "" and not shared_worker().running
    assert not out.exists()


def test_blank_selection_without_a_selection_says_so(
    qtbot, make_window, leaking_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, case_id = leaking_vault
    window = make_window(path)
    unlock(qtbot, window)
    _ask_sheet(qtbot, window, case_id, tmp_path / "tk.pdf")
    review = open_review(qtbot, window)
    before = review.text.toPlainText()
    qtbot.mouseClick(review.blank, LEFT, pos=QPoint(5, 5))
    assert review.error.text() and review.text.toPlainText() == before


class _Waiting:
    """A runner that keeps its job: the review stays waiting for the de-identification."""

    def submit(self, job, on_done=None, on_error=None) -> None:
        self.job = job


def test_the_first_sheet_on_a_new_install_says_the_word_lists_are_built_first(
    qtbot, leaking_vault: tuple[Path, str], tmp_path: Path, monkeypatch
) -> None:
    path, case_id = leaking_vault
    with Vault.open(path, PASSPHRASE) as vault:
        source = read_sheet_source(vault, case_id)
    # A new install: no cache in the user data folder, none in the library's install folder.
    monkeypatch.setenv("KOERS_DEDUCE_CACHE", str(tmp_path / "user-data" / "deduce-cache"))
    monkeypatch.setattr(deduce_cache, "library_lookup_folder", lambda: tmp_path / "install")
    review = TeamkrachtReviewDialog(source, tmp_path / "tk.pdf", _Waiting())
    qtbot.addWidget(review)
    review.show()
    building = QCoreApplication.translate("TeamkrachtReviewDialog", BUILDING)
    assert review.status.text() == building  # in the window's language (Dutch)
    assert review.busy.isVisible() and review.draft is None
    review.reject()

    monkeypatch.undo()  # the cache is there: the usual words
    again = TeamkrachtReviewDialog(source, tmp_path / "tk.pdf", _Waiting())
    qtbot.addWidget(again)
    assert again.status.text() != building
    again.reject()


BUILDING = (
    "Building the de-identification word lists once; this takes a few minutes. "
    "Later sheets are quick."
)
