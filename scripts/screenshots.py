"""Screenshots of the main screens on a synthetic demo vault, for review and the README.

Run under Xvfb, e.g.:
    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py OUT_DIR 1366 768
Takes the whole screen with ImageMagick's `import`, so dialogs are in the picture.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from app.casework import Casework
from app.synthetic import populate
from storage.keys import TEST_KDF
from storage.vault import Vault
from ui.app import application
from ui.main_window import MainWindow
from ui.scripted import play
from ui.settings import UiSettings

PASSPHRASE = "koers-demo"


def main() -> None:
    out, width, height = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    folder = Path(tempfile.mkdtemp())
    path = folder / "demo.koers"
    with Vault.create(path, PASSPHRASE, owner="demo", kdf=TEST_KDF) as vault:
        work = Casework(vault)
        work.seed_default_programmes()
        populate(work, 60, seed=7)
        secret = vault.db.execute(
            "SELECT id FROM cases WHERE secret_address = 1 LIMIT 1"
        ).fetchone()[0]
    settings = UiSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(path, settings)
    window.setGeometry(0, 0, width, height)
    window.showMaximized()

    def shot(name: str) -> None:
        app.processEvents()
        subprocess.run(
            ["import", "-window", "root", str(out / f"{name}-{width}x{height}.png")], check=True
        )

    steps = [
        lambda: shot("unlock"),
        lambda: window._unlock(PASSPHRASE),
        lambda: shot("vandaag"),
        lambda: (window.show_caseload(), window.caseload.search.setText("")),
        lambda: shot("caseload"),
        lambda: window.show_week(),
        lambda: shot("week"),
        lambda: window.open_case(secret),
        lambda: shot("dossier-overzicht"),
        lambda: window.case_file.tabs.setCurrentIndex(5),
        lambda: shot("dossier-zrm"),
        lambda: window.case_file.tabs.setCurrentIndex(1),
        lambda: shot("dossier-contacten"),
        lambda: window.new_contact(),
        lambda: window.forms[0].report.setPlainText(
            "Huisbezoek: veiligheidsplan samen doorgelopen."
        ),
        lambda: shot("contactformulier"),
        lambda: window.forms[0].done(0),
        lambda: window.export_handover([secret]),
        lambda: (
            window.export_dialogs[-1].own.setChecked(True),
            window.export_dialogs[-1].path.setText(str(folder / "overdracht.pdf")),
        ),
        lambda: shot("export-dialoog"),
        lambda: (window.export_dialogs[-1].generate.setChecked(True),),
        lambda: window.export_dialogs[-1].accept(),
        lambda: shot("export-klaar"),
        lambda: window.close(),
        lambda: app.quit(),
    ]

    play(window, steps, pause_ms=400)
    app.exec()


if __name__ == "__main__":
    main()
