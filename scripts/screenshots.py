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
        *social_map_steps(window, shot),
        lambda: window.open_case(secret),
        lambda: shot("dossier-overzicht"),
        lambda: window.case_file.tabs.setCurrentIndex(5),
        lambda: shot("dossier-zrm"),
        lambda: window.case_file.tabs.setCurrentIndex(1),
        lambda: shot("dossier-contacten"),
        *case_file_steps(window, shot, secret),
        lambda: window.new_contact(),
        lambda: window.forms[0].report.setPlainText(
            "Huisbezoek: veiligheidsplan samen doorgelopen."
        ),
        lambda: shot("contactformulier"),
        lambda: window.forms[0].done(0),
        *intake_steps(window, shot),
        *edit_case_steps(window, shot, secret),
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


def intake_steps(window: MainWindow, shot) -> list:
    """The intake form, filled with a synthetic client, one picture per tab."""

    def fill() -> None:
        form = window.forms[-1]
        form.name.setText("Yara de Wit")
        form.birth_year.setText("1991")
        form.language.setText("ar")
        form.interpreter.setChecked(True)
        form.backup_worker.setText("Sanne")
        form.street.setText("Lindenlaan")
        form.house_number.setText("12b")
        form.postcode.setText("3512 AB")
        form.town.setText("Utrecht")
        form.phone.setText("06-12345678")
        form.safe_times.setText("Doordeweeks 9-12 uur")
        form.someone_else.setText("Ophangen, niets zeggen")
        form.code_word.setText("tulp")
        form.adults_editor.set_value(
            [{"id": "a1", "name": "Oma Fatima", "birth_year": "1958", "role": "oma"}]
        )
        form.children_editor.set_value(
            [
                {
                    "id": "c1",
                    "name": "Sami",
                    "birth_year": "2016",
                    "school": "De Regenboog",
                    "involved": "Jeugdarts",
                    "safety_concerns": "Slaapt slecht sinds de ruzies.",
                    "contact_with_father": "Onder begeleiding, om de week.",
                },
                {
                    "id": "c2",
                    "name": "Lina",
                    "birth_year": "2019",
                    "school": "Kinderopvang",
                    "involved": "",
                    "safety_concerns": "",
                    "contact_with_father": "Geen",
                },
            ]
        )
        form.danger_editor.set_value(
            [
                {
                    "id": "d1",
                    "name": "Karim",
                    "relation": "ex_partner",
                    "huisverbod_from": "2026-11-18",
                    "huisverbod_until": "2026-11-28",
                    "contactverbod_from": None,
                    "contactverbod_until": None,
                    "straatverbod_from": None,
                    "straatverbod_until": None,
                    "omgangsregeling": "Via Veilig Thuis, begeleid.",
                    "notes": "",
                }
            ]
        )
        form.partners_editor.set_value(
            [
                {
                    "id": "p1",
                    "kind": "wijkteam",
                    "organisation": "Wijkteam Oost",
                    "contact_person": "Jan de Boer",
                    "phone": "030-1234567",
                },
                {
                    "id": "p2",
                    "kind": "veilig_thuis",
                    "organisation": "Veilig Thuis Utrecht",
                    "contact_person": "",
                    "phone": "0800-2000",
                },
            ]
        )
        form.screening_on.setChecked(True)
        form.situation.setCurrentIndex(3)
        form.location.setCurrentIndex(2)

    def tab(index: int) -> None:
        window.forms[-1].tabs.setCurrentIndex(index)

    names = ["client", "adres", "huishouden", "dreiging", "netwerk", "screening"]
    steps: list = [window.new_client, fill]
    for index, name in enumerate(names):
        steps += [lambda i=index: tab(i), lambda n=name: shot(f"intake-{n}")]

    def contra() -> None:  # Take a Break at situatie 4: the warning and the reason field
        form = window.forms[-1]
        form.programme.setCurrentIndex(form.programme.findData("take_a_break"))
        form.situation.setCurrentIndex(form.situation.findData(4))

    steps += [contra, lambda: shot("intake-screening-contra")]
    return [*steps, lambda: window.forms[-1].discard.click()]


def edit_case_steps(window: MainWindow, shot, case_id: str) -> list:
    """The edit-case form of a demo case: its client tab and its household."""
    return [
        lambda: window.edit_case(case_id),
        lambda: shot("gegevens-wijzigen"),
        lambda: window.forms[-1].tabs.setCurrentIndex(2),
        lambda: shot("gegevens-wijzigen-huishouden"),
        lambda: window.forms[-1].discard.click(),
    ]


def case_file_steps(window: MainWindow, shot, case_id: str) -> list:
    """Every tab of the case file, each lifecycle form, the trajectory menu, a reopening of
    a closed case and a conflict mark (made by the real merge code on a synthetic phone)."""
    from ui.case_file.closing_forms import CloseForm, ReopenForm
    from ui.case_file.plan_visit_form import PlanVisitForm
    from ui.case_file.screening_form import ScreeningForm
    from ui.case_file.trajectory_forms import (
        EndFrequencyForm,
        FrequencyForm,
        PhaseForm,
        ProgrammeForm,
    )

    found: dict[str, str] = {}
    tabs = {2: "veiligheidsplan", 3: "afspraken", 4: "doelen", 6: "overdracht", 7: "bespreking"}
    steps: list = []
    for index, name in tabs.items():
        steps += [
            lambda i=index: window.case_file.tabs.setCurrentIndex(i),
            lambda n=name: shot(f"dossier-{n}"),
        ]
    steps.append(lambda: window.case_file.tabs.setCurrentIndex(0))

    def form(cls, name: str, fill=None, target=None) -> list:
        return [
            lambda: window.case_actions.open_form(cls, target() if target else case_id),
            lambda: fill(window.forms[-1]) if fill else None,
            lambda: shot(name),
            lambda: window.forms[-1].discard.click(),
        ]

    def screening(f) -> None:
        f.situation.setCurrentIndex(2)
        f.location_code.setCurrentIndex(3)  # code rood: flagged for Moviera in de wijk

    def frequency(f) -> None:
        f.count.setValue(3)
        f.reason.setText("Na incident vaker langs")

    def closing(f) -> None:
        f.reason.setCurrentIndex(1)
        f.destination.setCurrentIndex(1)
        f.notes.setPlainText("Woont zelfstandig, wijkteam neemt over.")

    def closed_case() -> None:
        session = window.session
        assert session is not None
        window.runner.submit(
            lambda: _closed_case(session, case_id),
            lambda found_id: (found.update(closed=found_id), window.refresh()),
        )

    def conflict() -> None:
        session = window.session
        assert session is not None
        window.runner.submit(lambda: _make_conflict(session, case_id))

    steps += [
        lambda: _pop_up(window.case_file.trajectory, window.case_file.trajectory_menu),
        lambda: shot("dossier-traject-menu"),
        lambda: window.case_file.trajectory_menu.close(),
        *form(ScreeningForm, "screening", screening),
        *form(PhaseForm, "fase-wijzigen"),
        *form(ProgrammeForm, "programma-wisselen"),
        *form(FrequencyForm, "eigen-frequentie", frequency)[:-1],
        lambda: window.forms[-1].save.click(),  # so the next form has an override to end
        *form(EndFrequencyForm, "eigen-frequentie-beeindigen"),
        *form(PlanVisitForm, "afspraak-plannen", lambda f: f.present.setText("Noor, tolk"))[:-1],
        lambda: window.forms[-1].save.click(),  # planned: it shows in the contacts tab
        lambda: window.case_file.tabs.setCurrentIndex(1),
        lambda: shot("dossier-contacten-gepland"),
        lambda: window.case_file.tabs.setCurrentIndex(0),
        *form(CloseForm, "afsluiten", closing),
        closed_case,
        *form(
            ReopenForm,
            "heropenen",
            lambda f: f.reason.setText("Terugval"),
            lambda: found["closed"],
        ),
        lambda: window.open_case(found["closed"]),
        lambda: shot("dossier-afgesloten"),
        conflict,
        lambda: window.open_case(case_id),
        lambda: shot("dossier-conflict"),
    ]
    return steps


def social_map_steps(window: MainWindow, shot) -> list:
    """The sociale kaart (Ctrl+4): the list, a search, its new and change forms, and a
    same-field conflict of a partner (made by the real merge code on a synthetic phone)."""
    page = window.social_map

    def fill(form) -> None:
        form.organisation.setText("Sportclub De Sprint")
        form.contact_person.setText("Karin Visser")
        form.phone.setText("030-2345678")
        form.offers.setPlainText("Gratis sporten voor kinderen uit gezinnen met weinig geld")
        form.area.setText("Zuid")

    def conflict() -> None:
        session = window.session
        assert session is not None
        window.runner.submit(lambda: _make_social_map_conflict(session))

    return [
        lambda: window.social_map_controller.show(),
        lambda: shot("sociale-kaart"),
        lambda: page.search.setText("opvoeden"),
        lambda: shot("sociale-kaart-zoeken"),
        lambda: page.search.clear(),
        lambda: window.social_map_controller.open_form(None),
        lambda: fill(window.forms[-1]),
        lambda: shot("sociale-kaart-nieuw"),
        lambda: window.forms[-1].discard.click(),
        lambda: window.social_map_controller.open_form(page.chosen_id()),
        lambda: shot("sociale-kaart-wijzigen"),
        lambda: window.forms[-1].discard.click(),
        conflict,
        lambda: window.social_map_controller.show(),
        lambda: shot("sociale-kaart-conflict"),
    ]


def _make_social_map_conflict(session) -> None:
    """This laptop changes a partner's phone; a colleague's later change of it wins."""
    from dataclasses import replace
    from datetime import timedelta

    from storage.hlc import Hlc
    from storage.remote import RemoteChange, apply_remote_changes

    work = session.casework
    entry = sorted(work.social_map(), key=lambda e: e.organisation.casefold())[0]
    work.update_social_map_entry(replace(entry, phone="030-1111111"), ["phone"])
    later = session.vault.now() + timedelta(minutes=5)
    hlc = Hlc(int(later.timestamp() * 1000), 0, "laptop-collega").encode()
    change = RemoteChange(
        "demo-map-conflict", "social_map_entry", entry.id, {"phone": "030-2222222"}, hlc, "b"
    )
    apply_remote_changes(session.vault, [change])


def _closed_case(session, other_than: str) -> str:
    """A case closed with nazorg: one of the demo's, or one closed now (synthetic)."""
    from datetime import timedelta

    from app.closing import Closure, close_case
    from app.vocabulary import ClosingReason, Destination

    db = session.vault.db
    row = db.execute("SELECT id FROM cases WHERE closed_on IS NOT NULL LIMIT 1").fetchone()
    if row:
        return row[0]
    today = session.casework.today()
    row = db.execute(
        "SELECT id FROM cases WHERE status = 'actief' AND id != ? AND start_date <= ? LIMIT 1",
        [other_than, (today - timedelta(days=30)).isoformat()],
    ).fetchone()
    closure = Closure(
        session.new_id(),
        row[0],
        today - timedelta(days=10),
        ClosingReason.DOELEN_BEREIKT,
        Destination.EIGEN_WONING,
        nazorg=True,
        notes="Woont zelfstandig; wijkteam blijft betrokken.",
    )
    close_case(session.casework, closure)
    return row[0]


def _pop_up(button, menu) -> None:
    """Show a button's menu without waiting in it (showMenu would block the steps)."""
    from PySide6.QtCore import QPoint

    menu.popup(button.mapToGlobal(QPoint(0, button.height())))


def _make_conflict(session, case_id: str) -> None:
    """This laptop changes the phone; a colleague's later change of it wins the merge."""
    from dataclasses import replace
    from datetime import timedelta

    from storage.hlc import Hlc
    from storage.remote import RemoteChange, apply_remote_changes

    work = session.casework
    work.update_case(replace(work.get_case(case_id), phone="06-22222222"))
    later = session.vault.now() + timedelta(minutes=5)
    hlc = Hlc(int(later.timestamp() * 1000), 0, "laptop-collega").encode()
    change = RemoteChange("demo-conflict", "case", case_id, {"phone": "06-33333333"}, hlc, "b")
    apply_remote_changes(session.vault, [change])


if __name__ == "__main__":
    main()
