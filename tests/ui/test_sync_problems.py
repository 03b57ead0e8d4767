"""The window tells the worker about changes that did not go through sync: a notice in the
status bar and a small list behind it (received and set aside here, or sent and refused by
the server), with the case's name, the kind of record and the reason in Dutch, never the
change's content. A lock hides both."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.casework import Casework
from storage import set_aside
from storage.clock import FixedClock
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import DemoVault, settle, unlock
from ui.sync_problems import SyncProblemsDialog

SECRET_REPORT = "Geheime inhoud van het verslag"


def with_problems(demo: DemoVault, clock: FixedClock) -> str:
    """Two changes set aside on this laptop and one the server refused; returns the name
    of the case they belong to."""
    with Vault.open(demo.path, PASSPHRASE, clock=clock) as vault:
        work = Casework(vault)
        case = work.get_case(demo.secret_case_id)
        with vault.transaction() as db:
            set_aside.set_aside(
                db,
                change_id="in-1",
                record_type="contact",
                record_id="contact-x",
                change={
                    "fields": {"case_id": case.id, "report": SECRET_REPORT},
                    "created": True,
                },
                reason="a created contact lacks required fields: starts_at, duration_minutes",
                at="2026-11-22T08:00:00Z",
            )
            set_aside.set_aside(
                db,
                change_id="in-2",
                record_type="social_map_entry",
                record_id="kaart-x",
                change={"fields": {"offers": {"a": 1}}, "created": False},
                reason="field offers holds a nested value; a field holds text, a number or null",
                at="2026-11-22T08:30:00Z",
            )
            db.execute(
                "INSERT INTO sync_rejections(change_id, record_type, record_id, reason, at, "
                "code) VALUES ('out-1', 'case', ?, 'no access to this case', "
                "'2026-11-22T07:00:00Z', 'refused')",
                [case.id],
            )
        return case.display_name


@pytest.fixture
def problems_window(make_window, filled_vault: DemoVault, clock: FixedClock, qtbot):  # type: ignore[no-untyped-def]
    name = with_problems(filled_vault, clock)
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    notice = window.sync_problems.notice
    qtbot.waitUntil(notice.isVisible, timeout=15_000)
    return window, name


def open_list(qtbot, window) -> SyncProblemsDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.sync_problems.notice, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_problems.dialog is not None, timeout=15_000)
    dialog = window.sync_problems.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=15_000)
    return dialog


def test_the_notice_counts_and_the_list_names_case_kind_and_reason(problems_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, name = problems_window
    assert "3" in window.sync_problems.notice.text()
    dialog = open_list(qtbot, window)
    rows = dialog.rows()
    assert [row[1:4] for row in rows] == [
        ["—", "Sociale kaart", "Een veld bevat een waarde van de verkeerde soort."],
        [name, "Contact", "Onvolledig: er ontbreken velden die bij het aanmaken horen."],
        [
            name,
            "Casus",
            "Geen toegang tot deze casus (overgedragen of niet aan jou toegewezen).",
        ],
    ]
    assert rows[0][4] == "22-11-2026 09:30"  # local time
    shown = " ".join(" ".join(row) for row in rows) + dialog.explanation.text()
    assert SECRET_REPORT not in shown
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.sync_problems.dialog is None, timeout=15_000)


def test_a_lock_hides_the_notice_and_closes_the_list(problems_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _ = problems_window
    dialog = open_list(qtbot, window)
    window.lock()
    settle(qtbot, window)
    assert not dialog.isVisible() and window.sync_problems.dialog is None
    assert not window.sync_problems.notice.isVisible()


def test_no_notice_without_problems(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    unlock(qtbot, window)
    qtbot.wait(200)
    assert not window.sync_problems.notice.isVisible()


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_screenshot(problems_window, qtbot, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Renders the window with the notice and the list open (looked at by hand; the files
    stay in the test's temp folder, or KOERS_SCREENSHOTS when set)."""
    import os

    window, _ = problems_window
    window.resize(*size)
    dialog = open_list(qtbot, window)
    settle(qtbot, window)
    folder = Path(os.environ.get("KOERS_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(folder / f"sync-problems-window-{size[0]}.png"))
    assert dialog.grab().save(str(folder / f"sync-problems-list-{size[0]}.png"))
    assert window.sync_problems.notice.geometry().right() <= window.width()
