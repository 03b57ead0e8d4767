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
        rich = _rich_case(vault.db)
    settings = UiSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(path, settings)
    window.setGeometry(0, 0, width, height)
    window.showMaximized()

    def shot(name: str) -> None:
        app.processEvents()
        subprocess.run(
            ["import", "-window", "root", str(out / f"{name}-{width}x{height}.png")], check=True
        )

    # The first start: no vault yet, the screen that makes one (a window of its own on top).
    first = MainWindow(folder / "nieuw" / "werk.koers", settings)
    first.setGeometry(0, 0, width, height)

    steps = [
        lambda: first.showMaximized(),
        lambda: shot("eerste-start"),
        lambda: first.close(),
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
        *case_file_steps(window, shot, secret),
        lambda: window.new_contact(),
        lambda: window.forms[0].report.setPlainText(
            "Huisbezoek: veiligheidsplan samen doorgelopen."
        ),
        lambda: shot("contactformulier"),
        lambda: window.forms[0].done(0),
        *work_steps(window, shot, rich),
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
    """Each lifecycle form of the case file, the trajectory menu, a reopening of
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
    steps: list = []

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
            lambda error: print(f"screenshots: no closed case: {error!r}", file=sys.stderr),
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


def work_steps(window: MainWindow, shot, case_id: str) -> list:
    """Every tab of the case file with its action bar, on a demo case with data in each,
    and every form of the tabs: filled, pictured, then saved (so the next tab shows it)
    or discarded. Ends on Vandaag with the case's open breach."""
    from PySide6.QtWidgets import QScrollArea

    view = window.case_file
    names = {
        view.contacts_tab: "contacten",
        view.safety_plan_tab: "veiligheidsplan",
        view.agreements_tab: "afspraken",
        view.goals_tab: "doelen",
        view.zrm_tab: "zrm",
        view.handover_tab: "overdracht",
        view.discussions_tab: "bespreking",
    }

    def tab(widget, suffix: str = "") -> list:
        return [
            lambda: view.tabs.setCurrentWidget(widget),
            lambda: shot(f"dossier-{names[widget]}{suffix}"),
        ]

    def form(open_it, name: str, fill=None, save: bool = False) -> list:
        """Open a form (by its tab's button), fill it, picture it, then save or discard;
        a form that did not open or would not save is said on stderr and closed."""
        count: dict[str, int] = {}

        def opened() -> None:
            count["before"] = len(window.forms)
            open_it()

        def filled() -> None:
            if len(window.forms) <= count["before"]:
                print(f"screenshots: form {name} did not open", file=sys.stderr)
                return
            if fill:
                fill(window.forms[-1])

        def close() -> None:
            if len(window.forms) <= count["before"]:
                return
            if save:
                window.forms[-1].save.click()
            else:
                window.forms[-1].discard.click()

        def check() -> None:
            if len(window.forms) > count["before"]:
                shot(f"{name}-fout")
                print(f"screenshots: form {name} was not saved", file=sys.stderr)
                window.forms[-1].discard.click()

        return [opened, filled, lambda: shot(name), close, check]

    def first_done_contact() -> None:
        contacts = view.contacts_tab
        tree = contacts.tree
        for i in range(tree.topLevelItemCount()):
            tree.setCurrentItem(tree.topLevelItem(i))
            if contacts.chosen_done() is not None:
                return

    def correction(f) -> None:
        f.report.setPlainText(
            f.report.toPlainText() + "\nAanvulling: oma haalt de kinderen op woensdag."
        )

    def plan(f) -> None:
        edit = f.texts["warning_signals"]
        edit.setPlainText(edit.toPlainText() + "\nHij belt 's nachts vaak achter elkaar.")
        f.texts["emergency_numbers"].setPlainText("112; Veilig Thuis 0800-2000; zus 06-11122233")
        f.timeout.setChecked(True)
        f.who_leaves.setText("partner")
        f.stays_at.setText("bij zijn broer in Zeist")

    def agreement(f) -> None:
        f.who.setText("partner")
        f.agreement.setPlainText("Partner belt niet na 22.00 uur; contact alleen via de app.")
        f.made_with.setText("cliënt, partner en trajectbegeleider")

    def choose_first_agreement() -> None:
        tree = view.agreements_tab.tree
        if tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))

    def breach(f) -> None:
        f.description.setPlainText("Partner stond zaterdagavond onaangekondigd voor de deur.")

    def follow_up(f) -> None:
        f.follow_up.setPlainText("Besproken met partner en wijkagent; afspraak herhaald.")

    def goal(f) -> None:
        f.domain.setCurrentIndex(max(1, f.domain.findData("financien")))
        f.goal.setPlainText("Ik wil zelf mijn rekeningen betalen zonder achterstand.")
        f.who.setText("cliënt en zus")

    def choose_first_goal() -> None:
        tree = view.goals_tab.tree
        if tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))

    def choose_last_goal() -> None:
        tree = view.goals_tab.tree
        if tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(tree.topLevelItemCount() - 1))

    def achieved(f) -> None:  # hidden until "show achieved and dropped goals"
        f.status.setCurrentIndex(f.status.findData("behaald"))

    def choose_first_action() -> None:
        tree = view.goals_tab.tree
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            if top is not None and top.childCount():
                tree.setCurrentItem(top.child(0))
                return

    def action(f) -> None:
        f.description.setText("Afspraak maken bij de schuldhulp van het buurtteam")
        f.who.setText("trajectbegeleider")

    def zrm(f) -> None:
        for index, box in enumerate(f.scores.values()):
            if index < 8:
                box.set_value(3 if index % 2 else 2)
        f.notes.setPlainText("Samen met de cliënt ingevuld.")

    def handover(f) -> None:
        f.to_whom.setText("Buurtteam")
        f.reason.setText("Veiligheid is stabiel; de hulp gaat verder bij het buurtteam")
        f.summary.setPlainText("Cliënt woont met de kinderen in de eigen woning; geen incidenten.")
        f.what_works.setPlainText("Korte, concrete afspraken; vooraf appen.")
        f.risks.setPlainText("Omgangsregeling blijft een spanningsmoment.")
        f.open_actions.setPlainText("Aanvraag schuldhulp loopt.")
        f.next_step.setText("Eerste huisbezoek samen met het buurtteam")
        f.consent.set_value("ja")
        f.with_client.setChecked(True)

    def to_bottom(f) -> None:
        scroll = f.findChild(QScrollArea)
        if scroll is not None:
            bar = scroll.verticalScrollBar()
            bar.setValue(bar.maximum())

    def prepare(f) -> None:
        f.question.setPlainText("Hoe houden we de kinderen veilig bij de overdracht?")
        f.tried.setPlainText("Overdracht bij de grootouders; afspraken over appen.")
        f.strengths.setPlainText("Moeder zoekt zelf hulp; netwerk van zus en buurvrouw.")

    def outcome(f) -> None:
        f.outcome.setPlainText("Overdracht voortaan via de omgangsbegeleiding.")
        f.next_steps.setPlainText("Trajectbegeleider belt Veilig Thuis deze week.")

    safety, agreements = view.safety_plan_tab, view.agreements_tab
    goals, discussions = view.goals_tab, view.discussions_tab
    return [
        lambda: window.open_case(case_id),
        *tab(view.contacts_tab),
        first_done_contact,
        *form(view.contacts_tab.correct.click, "contact-corrigeren", correction, save=True),
        lambda: view.contacts_tab.tree.expandAll(),
        *tab(view.contacts_tab, "-gecorrigeerd"),
        *tab(safety),
        *form(safety.edit.click, "veiligheidsplan-bewerken", plan, save=True),
        lambda: safety.show_changes.setChecked(True),
        *tab(safety, "-wijzigingen"),
        lambda: safety.show_changes.setChecked(False),
        *form(safety.evaluate.click, "veiligheidsplan-geevalueerd"),
        *tab(agreements),
        *form(agreements.add.click, "afspraak-nieuw", agreement, save=True),
        choose_first_agreement,
        *form(agreements.change.click, "afspraak-wijzigen"),
        choose_first_agreement,
        *form(agreements.breach.click, "schending", breach, save=True),
        *tab(agreements, "-open-schending"),
        *form(agreements.follow_up.click, "opvolging", follow_up),
        *tab(goals),
        *form(goals.new_goal.click, "doel-nieuw", goal, save=True),
        choose_last_goal,
        *form(goals.change_goal.click, "doel-wijzigen", achieved, save=True),
        choose_first_goal,
        *form(goals.new_action.click, "actie-nieuw", action, save=True),
        choose_first_action,
        *form(goals.change_action.click, "actie-wijzigen"),
        *tab(goals, "-na-behaald"),
        lambda: goals.show_closed.setChecked(True),
        *tab(goals, "-alle"),
        lambda: goals.show_closed.setChecked(False),
        *tab(view.zrm_tab),
        *form(view.zrm_tab.new_zrm.click, "zrm-nieuw", zrm),
        *tab(view.handover_tab),
        *form(view.handover_tab.new.click, "overdracht-nieuw", handover)[:3],
        lambda: window.forms[-1].to_whom.show_list(),
        lambda: shot("overdracht-sociale-kaart"),
        lambda: window.forms[-1].to_whom.popup().hide(),
        lambda: to_bottom(window.forms[-1]),
        lambda: shot("overdracht-nieuw-onder"),
        lambda: window.forms[-1].save.click(),
        *tab(view.handover_tab, "-nieuw"),
        *tab(discussions),
        *form(discussions.prepare.click, "bespreking-voorbereiden", prepare, save=True),
        *tab(discussions, "-voorbereid"),
        *form(discussions.outcome.click, "bespreking-uitkomst", outcome, save=True),
        *tab(discussions, "-besproken"),
        lambda: window.show_today(),
        lambda: shot("vandaag-schendingen"),
        *empty_tab_steps(window, shot),
    ]


def empty_tab_steps(window: MainWindow, shot) -> list:
    """Every tab of a case that was just registered: what each says while it is empty."""
    found: dict[str, str] = {}

    def add() -> None:
        session = window.session
        assert session is not None
        window.runner.submit(lambda: _empty_case(session), lambda got: found.update(case=got))

    view = window.case_file
    steps: list = [add, lambda: window.open_case(found["case"])]
    names = ["contacten", "veiligheidsplan", "afspraken", "doelen", "zrm", "overdracht"]
    for index, name in enumerate([*names, "bespreking"], start=1):
        steps += [
            lambda i=index: view.tabs.setCurrentIndex(i),
            lambda n=name: shot(f"dossier-leeg-{n}"),
        ]
    return steps


def _empty_case(session) -> str:
    """A case registered today with nothing in it yet (synthetic name)."""
    from app.case import Case

    work = session.casework
    case = Case(
        id=session.new_id(),
        display_name="Yara de Wit",
        initials="",
        programme_id="ambulant",
        phase_id="begeleiding",
        start_date=work.today(),
        worker="demo",
    )
    work.add_case(case)
    return case.id


def _rich_case(db) -> str:
    """The running demo case with the most to show: breaches, a handover note, a case
    discussion, goals, ZRM assessments and done contacts."""
    return db.execute(
        """SELECT c.id FROM cases c WHERE c.status = 'actief' AND c.secret_address = 0
           ORDER BY (SELECT count(*) > 0 FROM breaches b WHERE b.case_id = c.id)
                  + (SELECT count(*) > 0 FROM handover_notes h WHERE h.case_id = c.id)
                  + (SELECT count(*) > 0 FROM case_discussions d WHERE d.case_id = c.id)
                  + (SELECT count(*) > 1 FROM zrm_assessments z WHERE z.case_id = c.id)
                  + (SELECT count(*) > 1 FROM goals g WHERE g.case_id = c.id) DESC,
                  (SELECT count(*) FROM contacts k WHERE k.case_id = c.id) DESC
           LIMIT 1"""
    ).fetchone()[0]


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
    from app.errors import ValidationError
    from app.vocabulary import ClosingReason, Destination

    db = session.vault.db
    row = db.execute("SELECT id FROM cases WHERE closed_on IS NOT NULL LIMIT 1").fetchone()
    if row:
        return row[0]
    today = session.casework.today()
    candidates = db.execute(
        "SELECT id FROM cases WHERE status = 'actief' AND id != ? AND start_date <= ?",
        [other_than, (today - timedelta(days=30)).isoformat()],
    ).fetchall()
    for (candidate,) in candidates:  # the first whose history lets it close ten days ago
        closure = Closure(
            session.new_id(),
            candidate,
            today - timedelta(days=10),
            ClosingReason.DOELEN_BEREIKT,
            Destination.EIGEN_WONING,
            nazorg=True,
            notes="Woont zelfstandig; wijkteam blijft betrokken.",
        )
        try:
            close_case(session.casework, closure)
        except ValidationError:
            continue  # e.g. reopened within the last ten days
        return candidate
    raise LookupError("no demo case can be closed ten days ago")


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
