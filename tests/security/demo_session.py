"""A worker's session in the real window, offscreen, on a kept demo vault: unlock, look at
the caseload, open cases, reveal a secret address, record a contact, export a handover pack
and a teamkracht sheet, lock. Run as a child process by test_no_personal_data_left.

python -m tests.security.demo_session VAULT PASSPHRASE OUT_FOLDER
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from ui.app import application  # noqa: E402
from ui.caseload_model import CASE_ID_ROLE  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.scripted import play  # noqa: E402
from ui.teamkracht_review import TeamkrachtReviewDialog  # noqa: E402


def main() -> None:
    vault, passphrase, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    app = application()
    window = MainWindow(vault)
    window.show()
    state: dict = {}

    def first_case() -> str:
        return window.caseload.proxy.index(0, 0).data(CASE_ID_ROLE)

    def secret_case() -> str:
        session = window.session
        assert session is not None
        row = session.vault.db.execute("SELECT id FROM cases WHERE secret_address = 1").fetchone()
        return row[0]

    def record_contact() -> None:
        form = window.forms[0]
        form.report.setPlainText("Huisbezoek in de demo: veiligheidsplan doorgenomen.")
        form.save.click()

    def export_pack() -> None:
        window.export_handover([state["case"]])
        dialog = window.export_dialogs[-1]
        dialog.path.setText(str(out / "dossier.pdf"))
        dialog.accept()

    def export_sheet() -> None:
        for dialog in list(window.export_dialogs):
            dialog.done(0)
        window.export_teamkracht(state["case"])
        dialog = window.export_dialogs[-1]
        dialog.path.setText(str(out / "teamkracht.pdf"))
        dialog.accept()

    def confirm_sheet() -> None:
        # The review waits on the de-identification worker (its first load takes seconds).
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            app.processEvents()
            ready = [
                d
                for d in window.export_dialogs
                if isinstance(d, TeamkrachtReviewDialog) and d.draft is not None
            ]
            if ready:
                ready[0].confirm.setChecked(True)
                ready[0].accept()
                return
            time.sleep(0.05)

    steps = [
        lambda: window._unlock(passphrase),
        window.show_caseload,
        lambda: window.caseload.search.setText("a"),
        lambda: state.update(case=first_case()),
        lambda: window.open_case(state["case"]),
        lambda: window.case_file.tabs.setCurrentIndex(5),
        lambda: window.open_case(secret_case()),
        lambda: window.case_file.reveal.click(),
        window.new_contact,
        record_contact,
        export_pack,
        export_sheet,
        confirm_sheet,
        window.lock,
        window.close,
        app.quit,
    ]

    play(window, steps, pause_ms=150)
    app.exec()
    print("session done")


if __name__ == "__main__":
    main()
