"""The team page of a teamleider in the real window on a real vault: every open case with its
worker and back-up worker, filtered by worker, each worker's load; only for a teamleider.
"Overdragen aan…" says it needs a connection when there is none, and with the real server it
hands the chosen case over (the window then syncs the new holder in). Late changes of a
previous worker show in the case file and are taken in with one button."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from app import team
from app.casework import new_id
from app.contact import Contact
from app.sync_service import sync_now
from storage import sync_state
from storage.vault import Vault
from sync.server import admin
from sync.server.store import assignments, previous_assignments, users
from tests.app.test_casework import new_case
from tests.conftest import PASSPHRASE
from tests.sync.conftest import Laptop
from tests.sync.laptop_window import LAPTOP_PASSPHRASE, laptop_window
from tests.sync.server_harness import LiveServer, database
from tests.ui.conftest import WAIT_MS, DemoVault, settle, unlock
from tests.ui.revoked_window import assert_wiped_as_after_a_sync, synced_once, window_on
from ui.main_window import MainWindow
from ui.team_handover import HandoverDialog
from ui.team_page import CaseColumn, LoadColumn

OFFLINE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port


def be_teamleider(path: Path, *, server_url: str | None = None) -> None:
    """What the server said about this vault's account at its last sync: a teamleider of
    team Oost (and, with `server_url`, a laptop linked to that server)."""
    with Vault.open(path, PASSPHRASE) as vault, vault.transaction():
        sync_state.put(vault, sync_state.ACCOUNT_USER, "tl")
        sync_state.put(vault, sync_state.ACCOUNT_ROLE, "teamleider")
        sync_state.put(vault, sync_state.ACCOUNT_TEAM, "Oost")
        if server_url:
            sync_state.put(vault, sync_state.SERVER_URL, server_url)
            sync_state.put(vault, sync_state.DEVICE_TOKEN, "token-of-a-gone-server")


def vault_cases(window: MainWindow) -> list[tuple[str, str, str]]:
    assert window.session is not None
    return window.session.vault.db.execute(
        "SELECT id, COALESCE(worker, ''), COALESCE(backup_worker, '') FROM cases "
        "WHERE deleted = 0 AND status != 'afgesloten'"
    ).fetchall()


def shown_team(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.team.action.isVisible(), timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.currentWidget() is window.team.page
    qtbot.waitUntil(lambda: window.team.page.cases.rowCount() > 0, timeout=WAIT_MS)


def table_rows(page) -> list[dict[int, str]]:  # type: ignore[no-untyped-def]
    model = page.table.model()
    return [
        {c: model.index(r, c).data() for c in range(model.columnCount())}
        for r in range(model.rowCount())
    ]


def test_the_team_page_lists_every_case_with_worker_backup_and_load(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    be_teamleider(filled_vault.path)
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    shown_team(qtbot, window)
    page = window.team.page
    assert "Oost" in page.title.text()
    expected = vault_cases(window)
    rows = table_rows(page)
    assert len(rows) == len(expected) and page.count.text()
    by_worker = Counter(worker for _, worker, _ in expected)
    shown = {(r[CaseColumn.WORKER], r[CaseColumn.BACKUP]) for r in rows}
    assert shown == {(w or "(geen begeleider)", b) for _, w, b in expected} or shown == {
        (w or "(no worker)", b) for _, w, b in expected
    }
    # The load per worker: cases, overdue and nazorg as the caseload's rules count them.
    assert window.session is not None
    view = window.session.team_view()
    loads = page.load_table.model()
    figures = {
        loads.index(r, LoadColumn.WORKER).data(): tuple(
            loads.index(r, c).data()
            for c in (LoadColumn.CASES, LoadColumn.OVERDUE, LoadColumn.NAZORG)
        )
        for r in range(loads.rowCount() - 1)
    }
    assert {w: f[0] for w, f in figures.items() if w in by_worker} == {
        w: n for w, n in by_worker.items() if w
    }
    for load in view.loads:
        if load.worker:
            assert figures[load.worker] == (load.cases, load.overdue, load.nazorg)
    assert any(load.overdue for load in view.loads) or all(not r.overdue for r in view.rows)
    total = loads.index(loads.rowCount() - 1, LoadColumn.CASES).data()
    assert total == len(expected)

    # Filter by worker: with the keyboard (Alt-key of the worker field), then by the load row.
    worker = next(w for w, n in by_worker.most_common() if w)
    page.worker.setFocus()
    index = page.worker.findData(worker)
    page.worker.setCurrentIndex(index)
    rows = table_rows(page)
    assert len(rows) == by_worker[worker]
    assert {r[CaseColumn.WORKER] for r in rows} == {worker}
    page.show_worker(None)
    assert len(table_rows(page)) == len(expected)
    load_row = next(r for r in range(loads.rowCount()) if loads.index(r, 0).data() == worker)
    page.load_table.clicked.emit(loads.index(load_row, 0))
    assert {r[CaseColumn.WORKER] for r in table_rows(page)} == {worker}

    # Enter on a case opens its file; the chosen case is the one "new contact" (Ctrl+N) takes.
    page.table.setFocus()
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    assert window.chosen_case_id() == page.selected_case_ids()[0]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace.currentWidget() is window.case_file, timeout=WAIT_MS)


def test_a_worker_sees_no_team_page(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    settle(qtbot, window)
    assert not window.team.action.isVisible()
    window.team.show()
    assert window.workspace.currentWidget() is not window.team.page


def test_the_handover_dialog_offline_says_it_needs_a_connection(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    be_teamleider(filled_vault.path, server_url=OFFLINE_URL)
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    shown_team(qtbot, window)
    page = window.team.page
    assert not page.hand_over.isEnabled()  # nothing chosen yet
    selection = page.table.selectionModel()
    for row in (0, 1):
        selection.select(
            page.table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert len(page.selected_case_ids()) == 2 and page.hand_over.isEnabled()
    before = vault_cases(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    # Over&dragen aan… in Dutch, &Hand over to… in the English source (the lead's
    # translation comes later); a button's Alt-key clicks it after a short animation.
    key = Qt.Key.Key_O if "&O" in page.hand_over.text() else Qt.Key.Key_H
    qtbot.keyClick(page.table, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.team.dialog is not None, timeout=WAIT_MS)
    dialog = window.team.dialog
    assert isinstance(dialog, HandoverDialog)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT_MS)
    assert "verbinding" in dialog.message.text()
    assert not dialog.confirm.isEnabled() and not dialog.worker.isEnabled()
    assert "2" in dialog.cases.text()
    dialog.reject()
    assert vault_cases(window) == before


# --- with the real server ----------------------------------------------------------------


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    from sync.server import passwords

    monkeypatch.setattr(passwords, "MEMORY_KIB", 1024)
    monkeypatch.setattr(passwords, "ITERATIONS", 1)
    with database("sqlite", tmp_path) as url:
        server = LiveServer(url).start()
        try:
            admin.add_team(server.engine, "Oost")
            server.add_user("tl", "teamleider", "Oost")
            server.add_user("anna", "worker", "Oost")
            server.add_user("bram", "worker", "Oost")
            yield server
        finally:
            server.stop()


def holder(server: LiveServer, case_id: str) -> str:
    with server.engine.connect() as conn:
        return str(
            conn.execute(
                select(users.c.name)
                .join(assignments, assignments.c.user_id == users.c.id)
                .where(assignments.c.case_id == case_id)
            ).scalar_one()
        )


def test_the_teamleider_hands_a_case_over_from_the_window(
    qtbot, tmp_path: Path, live: LiveServer
) -> None:
    anna = Laptop(tmp_path / "anna", live, "anna")
    case_id = new_case(anna.casework).id
    sync_now(anna.vault)
    lead = Laptop(tmp_path / "tl", live, "tl")
    sync_now(lead.vault)
    with laptop_window(qtbot, lead, tmp_path, size=(1366, 768)) as window:
        shown_team(qtbot, window)
        page = window.team.page
        assert [r[CaseColumn.WORKER] for r in table_rows(page)] == ["anna"]
        page.table.selectRow(0)
        page.hand_over.click()
        dialog = window.team.dialog
        assert isinstance(dialog, HandoverDialog)
        qtbot.waitUntil(lambda: dialog.worker.isEnabled(), timeout=WAIT_MS)
        # The case's own worker comes last; bram first.
        assert dialog.worker.currentData() == "bram"
        assert [dialog.worker.itemData(i) for i in range(dialog.worker.count())] == [
            "bram",
            "anna",
        ]
        # No reason: refused in the dialog, nothing sent.
        dialog.confirm.click()
        assert "reden" in dialog.message.text() and holder(live, case_id) == "anna"
        dialog.backup.setCurrentIndex(dialog.backup.findData("anna"))
        dialog.reason.setFocus()
        qtbot.keyClicks(dialog.reason, "Anna gaat met verlof.")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.team.dialog is None, timeout=WAIT_MS)
        assert holder(live, case_id) == "bram"
        # The window syncs: the team page shows the new holder and back-up.
        qtbot.waitUntil(
            lambda: (
                [(r[CaseColumn.WORKER], r[CaseColumn.BACKUP]) for r in table_rows(page)]
                == [("bram", "anna")]
            ),
            timeout=WAIT_MS,
        )
        # The warm handover note is in the case, with the reason.
        assert window.session is not None
        notes = window.session.open_case(case_id).handover_notes
        assert [(n.reason, n.written_by) for n in notes] == [("Anna gaat met verlof.", "tl")]


def test_late_changes_show_in_the_case_and_are_taken_in_with_one_button(
    qtbot, tmp_path: Path, live: LiveServer
) -> None:
    anna = Laptop(tmp_path / "anna", live, "anna")
    case_id = new_case(anna.casework).id
    sync_now(anna.vault)
    anna.casework.record_contact(
        Contact(new_id(), case_id, anna.vault.now(), report="Verslag na de overdracht.")
    )
    lead = Laptop(tmp_path / "tl", live, "tl")
    sync_now(lead.vault)
    team.hand_over(lead.vault, [case_id], "bram", None, "Verlof.")
    with live.engine.begin() as conn:  # the handover was 15 days ago: past the grace
        conn.execute(
            update(previous_assignments)
            .where(previous_assignments.c.case_id == case_id)
            .values(until=previous_assignments.c.until - 15 * 86400)
        )
    assert sync_now(anna.vault).kept_late == 1
    sync_now(lead.vault)
    with laptop_window(qtbot, lead, tmp_path, size=(1366, 768)) as window:
        window.open_case(case_id)
        panel = window.case_file.late_panel
        qtbot.waitUntil(lambda: panel.isVisible(), timeout=WAIT_MS)
        assert "anna" in panel.lines.text() and "Contact" in panel.lines.text()
        assert "Verslag na de overdracht." not in panel.lines.text()  # no content
        assert window.session is not None
        assert window.session.open_case(case_id).contacts == []
        panel.accept.click()
        # Accepted, synced in, and the banner is gone.
        qtbot.waitUntil(
            lambda: (
                window.session is not None
                and [c.report for c in window.session.open_case(case_id).contacts]
                == ["Verslag na de overdracht."]
            ),
            timeout=WAIT_MS,
        )
        qtbot.waitUntil(lambda: not panel.isVisible(), timeout=WAIT_MS)


# --- a revoked laptop: every server answer that says wipe -----------------------------------


@pytest.fixture
def revoked_lead(tmp_path: Path, live: LiveServer):  # type: ignore[no-untyped-def]
    """Anna's synced case and the teamleider's laptop that holds it, then closed (the window
    opens it); returns (the laptop, the case id)."""
    anna = Laptop(tmp_path / "anna", live, "anna")
    case_id = new_case(anna.casework).id
    sync_now(anna.vault)
    anna.vault.lock()
    lead = Laptop(tmp_path / "tl", live, "tl")
    sync_now(lead.vault)
    lead.vault.lock()
    return lead, case_id


def _hand_over_dialog(qtbot, window: MainWindow) -> HandoverDialog:  # type: ignore[no-untyped-def]
    shown_team(qtbot, window)
    window.team.page.table.selectRow(0)
    window.team.page.hand_over.click()
    dialog = window.team.dialog
    assert isinstance(dialog, HandoverDialog)
    return dialog


def test_a_sync_that_hears_the_wipe_erases_the_vault(
    qtbot, tmp_path: Path, live: LiveServer, revoked_lead
) -> None:
    """The reference: what the window shows after a sync's wipe (the other calls match it)."""
    lead, _ = revoked_lead
    path = lead.vault.path
    with window_on(qtbot, path, LAPTOP_PASSPHRASE, tmp_path) as window:
        synced_once(qtbot, window)
        admin.revoke_device(live.engine, lead.device_id)
        window.sync.sync_now()
        assert_wiped_as_after_a_sync(qtbot, window, path)


def test_fetching_the_teams_workers_hears_the_wipe_and_erases_the_vault(
    qtbot, tmp_path: Path, live: LiveServer, revoked_lead
) -> None:
    lead, _ = revoked_lead
    path = lead.vault.path
    with window_on(qtbot, path, LAPTOP_PASSPHRASE, tmp_path) as window:
        synced_once(qtbot, window)
        admin.revoke_device(live.engine, lead.device_id)
        _hand_over_dialog(qtbot, window)  # asks the server for the team's workers
        assert_wiped_as_after_a_sync(qtbot, window, path)


def test_a_handover_that_hears_the_wipe_erases_the_vault(
    qtbot, tmp_path: Path, live: LiveServer, revoked_lead
) -> None:
    lead, case_id = revoked_lead
    path = lead.vault.path
    with window_on(qtbot, path, LAPTOP_PASSPHRASE, tmp_path) as window:
        synced_once(qtbot, window)
        dialog = _hand_over_dialog(qtbot, window)
        qtbot.waitUntil(lambda: dialog.worker.isEnabled(), timeout=WAIT_MS)
        admin.revoke_device(live.engine, lead.device_id)  # lost while the dialog is open
        dialog.reason.setPlainText("Verlof.")
        dialog.confirm.click()
        assert_wiped_as_after_a_sync(qtbot, window, path)
    assert holder(live, case_id) == "anna"


def test_the_quiet_late_changes_look_hears_the_wipe_and_erases_the_vault(
    qtbot, tmp_path: Path, live: LiveServer, revoked_lead
) -> None:
    lead, case_id = revoked_lead
    path = lead.vault.path
    with window_on(qtbot, path, LAPTOP_PASSPHRASE, tmp_path) as window:
        synced_once(qtbot, window)
        admin.revoke_device(live.engine, lead.device_id)
        window.open_case(case_id)  # asks the server for the case's late changes
        assert_wiped_as_after_a_sync(qtbot, window, path)


def test_the_dialog_refuses_a_hidden_character_and_a_handover_that_changes_nothing(
    qtbot, tmp_path: Path, live: LiveServer, revoked_lead
) -> None:
    """A reason with a reading-direction override is refused in the dialog in Dutch and
    nothing is sent; handing the case to the worker and back-up who hold it already is
    refused by the server and said in Dutch; the case's own worker with another back-up
    changes only the back-up (the status bar does not call it a handover)."""
    lead, case_id = revoked_lead  # not revoked here: only its set-up
    path = lead.vault.path
    with window_on(qtbot, path, LAPTOP_PASSPHRASE, tmp_path) as window:
        dialog = _hand_over_dialog(qtbot, window)
        qtbot.waitUntil(lambda: dialog.worker.isEnabled(), timeout=WAIT_MS)
        dialog.worker.setCurrentIndex(dialog.worker.findData("bram"))
        dialog.reason.setPlainText("Bel \u202e211\u202c bij nood.")
        dialog.confirm.click()
        assert "leesrichting" in dialog.message.text() and dialog.confirm.isEnabled()
        assert holder(live, case_id) == "anna"  # nothing sent
        # The worker who holds it, no back-up (as now): nothing would change.
        dialog.worker.setCurrentIndex(dialog.worker.findData("anna"))
        dialog.reason.setPlainText("Niets verandert.")
        dialog.confirm.click()
        qtbot.waitUntil(lambda: "ligt al bij" in dialog.message.text(), timeout=WAIT_MS)
        # The same worker with a back-up: only the back-up changes.
        dialog.backup.setCurrentIndex(dialog.backup.findData("bram"))
        dialog.reason.setPlainText("Bram vervangt tijdens verlof.")
        dialog.confirm.click()
        qtbot.waitUntil(lambda: window.team.dialog is None, timeout=WAIT_MS)
        assert "anna" in window.statusBar().currentMessage()
        assert "handed over" not in window.statusBar().currentMessage()
        assert holder(live, case_id) == "anna"
        page = window.team.page
        qtbot.waitUntil(
            lambda: (
                [(r[CaseColumn.WORKER], r[CaseColumn.BACKUP]) for r in table_rows(page)]
                == [("anna", "bram")]
            ),
            timeout=WAIT_MS,
        )
        window.lock()
        settle(qtbot, window)
