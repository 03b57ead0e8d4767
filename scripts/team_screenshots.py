"""Screenshots of a teamleider's screens: the team page (all workers and one), the handover
dialog (filled in, and refusing an empty reason) and the late-changes banner in the case file
(before and after accepting), on a real server (SQLite, in a temp folder) with synthetic
cases. Run under Xvfb from the repository root, e.g.:
    xvfb-run -a -s "-screen 0 1024x768x24" .venv/bin/python scripts/team_screenshots.py OUT 1024 768
Takes the whole screen with ImageMagick's `import`, so the dialog is in the picture."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, QTimer
from sqlalchemy import update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import team  # noqa: E402
from app.casework import Casework, new_id  # noqa: E402
from app.contact import Contact  # noqa: E402
from app.sync_service import enroll_device, sync_now  # noqa: E402
from app.synthetic import populate  # noqa: E402
from storage.keys import TEST_KDF  # noqa: E402
from storage.vault import Vault  # noqa: E402
from sync.server import admin, passwords  # noqa: E402
from sync.server.store import previous_assignments  # noqa: E402
from tests.sync.server_harness import PASSWORD, LiveServer  # noqa: E402
from ui.app import application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import UiSettings  # noqa: E402

passwords.MEMORY_KIB = 1024
passwords.ITERATIONS = 1
PASS = "laptop-wachtwoord"


def laptop(folder: Path, server: LiveServer, user: str, n: int = 0) -> Vault:
    folder.mkdir(parents=True)
    vault = Vault.create(folder / "werk.koers", PASS, owner=user, kdf=TEST_KDF)
    work = Casework(vault)
    work.seed_default_programmes()
    if n:
        populate(work, n, seed=11)
    enroll_device(vault, server.url, user, PASSWORD)
    return vault


def main() -> None:
    out, width, height = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    tmp = Path(tempfile.mkdtemp())
    server = LiveServer(f"sqlite:///{tmp / 'server.db'}").start()
    admin.add_team(server.engine, "Oost")
    admin.add_user(server.engine, "tl.jansen", PASSWORD, "teamleider", "Oost")
    for name in ("anna.devries", "bram.elhadi", "noor.bakker"):
        admin.add_user(server.engine, name, PASSWORD, "worker", "Oost")
    anna = laptop(tmp / "anna", server, "anna.devries", 24)
    sync_now(anna)
    ids = [r[0] for r in anna.db.execute("SELECT id FROM cases ORDER BY display_name")]
    for i, case_id in enumerate(ids):
        if i % 3 == 1:
            admin.assign(server.engine, case_id, "bram.elhadi", backup="noor.bakker")
        elif i % 3 == 2:
            admin.assign(server.engine, case_id, "noor.bakker", backup="anna.devries")
        else:
            admin.assign(server.engine, case_id, "anna.devries", backup="bram.elhadi")
    sync_now(anna)
    lead = laptop(tmp / "tl", server, "tl.jansen")
    sync_now(lead)
    # A late change: anna writes a report for a case, the teamleider hands it over, 15 days on.
    late_case = next(
        r[0]
        for r in anna.db.execute("SELECT id FROM cases WHERE deleted = 0 ORDER BY display_name")
    )
    Casework(anna).record_contact(
        Contact(new_id(), late_case, anna.now(), report="Huisbezoek na de overdracht.")
    )
    team.hand_over(lead, [late_case], "bram.elhadi", "noor.bakker", "Anna gaat met verlof.")
    with server.engine.begin() as conn:
        conn.execute(
            update(previous_assignments)
            .where(previous_assignments.c.case_id == late_case)
            .values(until=previous_assignments.c.until - 15 * 86400)
        )
    print("kept late:", sync_now(anna).kept_late)
    sync_now(lead)
    anna.lock()
    path = lead.path
    lead.lock()

    settings = UiSettings(QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(path, settings, kdf=TEST_KDF)
    window.setGeometry(0, 0, width, height)
    window.showMaximized()

    def shot(name: str) -> None:
        app.processEvents()
        subprocess.run(
            ["import", "-window", "root", str(out / f"{name}-{width}x{height}.png")], check=True
        )

    def wait(cond, then, limit=15.0):  # type: ignore[no-untyped-def]
        start = time.monotonic()

        def poll() -> None:
            if cond() or time.monotonic() - start > limit:
                then()
            else:
                QTimer.singleShot(100, poll)

        poll()

    def step1() -> None:
        window._unlock(PASS)
        wait(lambda: window.team.action.isVisible() and window.team.page.cases.rowCount(), step2)

    def step2() -> None:
        window.team.show()
        QTimer.singleShot(400, lambda: (shot("team"), step3()))

    def step3() -> None:
        page = window.team.page
        page.show_worker("bram.elhadi")
        QTimer.singleShot(300, lambda: (shot("team-filter"), step4()))

    def step4() -> None:
        page = window.team.page
        page.show_worker(None)
        sel = page.table.selectionModel()
        for r in (1, 2, 3):
            sel.select(
                page.table.model().index(r, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        page.hand_over.click()
        wait(
            lambda: window.team.dialog is not None and window.team.dialog.worker.isEnabled(),
            lambda: QTimer.singleShot(300, step5),
        )

    def step5() -> None:
        dialog = window.team.dialog
        assert dialog is not None
        dialog.reason.setPlainText(
            "Anna gaat drie maanden met verlof; Bram neemt haar casussen over."
        )
        QTimer.singleShot(300, lambda: (shot("handover-dialog"), step6()))

    def step6() -> None:
        dialog = window.team.dialog
        assert dialog is not None
        dialog.reason.clear()
        dialog._confirm()
        QTimer.singleShot(300, lambda: (shot("handover-dialog-error"), dialog.reject(), step7()))

    def step7() -> None:
        window.open_case(late_case)
        wait(lambda: window.case_file.late_panel.isVisible(), lambda: QTimer.singleShot(300, step8))

    def step8() -> None:
        shot("late-changes")
        window.case_file.late_panel.accept.click()
        wait(
            lambda: window.case_file.late_panel.message.isVisible(),
            lambda: QTimer.singleShot(200, step9),
        )

    def step9() -> None:
        shot("late-changes-accepted")
        server.stop()  # offline from here: the handover dialog says it needs a connection
        window.team.show()
        window.team.page.table.selectRow(0)
        window.team.page.hand_over.click()
        wait(
            lambda: window.team.dialog is not None and window.team.dialog.message.isVisible(),
            lambda: QTimer.singleShot(300, step10),
        )

    def step10() -> None:
        shot("handover-offline")
        window.close()
        app.quit()

    QTimer.singleShot(500, step1)
    app.exec()


if __name__ == "__main__":
    main()
