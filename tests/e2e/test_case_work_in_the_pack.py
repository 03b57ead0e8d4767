"""A case's safety and progress work entered through the case file's tabs (not written by the
generator) comes out in the handover pack: the safety plan and its evaluation, an agreement,
a breach still open and one followed up, a goal with an action, and a ZRM with a domain
"niet gescoord". The handover note and the teamkracht sheet from a prepared discussion are
checked the same way in tests/ui/test_handover_tabs.py."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from app.casework import Casework
from app.vocabulary import LifeDomain
from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.app.test_programme_rules import started_case
from tests.conftest import PASSPHRASE
from tests.exports.conftest import pdf_text, read_pdf
from tests.ui.conftest import WAIT_MS, db_value, settle, unlock
from ui.forms.base import RecordForm
from ui.main_window import MainWindow

PACK_PASSWORD = "een-eigen-wachtwoord"


@pytest.fixture
def case_vault(vault_path: Path, clock: FixedClock) -> tuple[Path, str]:
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        work = Casework(v)
        work.seed_default_programmes()
        phase = work.programme("moviera_wijk").first_phase.id
        case = started_case(work, "moviera_wijk", phase, 40, display_name="Mira Schuilhof")
    return vault_path, case.id


def through_form(
    qtbot, window: MainWindow, tab: QWidget, button: QAbstractButton, values: dict[str, Any]
) -> None:
    """Open a form with a tab's button, enter `values` in its fields, save with Ctrl+Enter
    and wait until it is stored."""
    window.case_file.tabs.setCurrentWidget(tab)
    settle(qtbot, window)
    assert button.isEnabled(), button.text()
    button.click()
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    form: RecordForm = window.forms[0]
    form.apply({**form.payload(), **values})
    assert not form._unapplied, form._unapplied
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form not in window.forms, timeout=WAIT_MS)
    settle(qtbot, window)


def one(window: MainWindow, sql: str, *params: Any) -> Any:
    return db_value(window, sql, *params)


def test_what_the_tabs_took_in_is_in_the_handover_pack(
    qtbot, make_window, case_vault: tuple[Path, str], tmp_path: Path
) -> None:
    path, case_id = case_vault
    window = make_window(path)
    unlock(qtbot, window)
    window.open_case(case_id)
    qtbot.waitUntil(lambda: window.case_file.case_id == case_id, timeout=WAIT_MS)
    view = window.case_file
    today: date = window.board.today  # type: ignore[union-attr]
    iso = date.isoformat

    plan = {
        "made_on": iso(today - timedelta(days=10)),
        "review_date": iso(today + timedelta(days=20)),
        "warning_signals": "Hij stuurt tientallen berichten op een avond.",
        "client_actions": "Zij gaat met de kinderen naar de buurvrouw.",
        "safe_people": "Buurvrouw Els, zus Ria",
        "safe_places": "Bibliotheek Kruiskamp",
        "emergency_numbers": "112; Veilig Thuis 0800-2000",
        "escape_plan": "Tas met paspoorten ligt bij Els.",
        "children_safety": "Sem weet dat hij 112 belt.",
        "timeout": True,
        "who_leaves": "de partner",
        "stays_at": "zijn broer in Zwolle",
        "timeout_from": iso(today - timedelta(days=10)),
        "timeout_to": iso(today + timedelta(days=4)),
    }
    tab = view.safety_plan_tab
    through_form(qtbot, window, tab, tab.edit, plan)
    evaluation = {"evaluated_on": iso(today), "next_review": iso(today + timedelta(days=30))}
    through_form(qtbot, window, tab, tab.evaluate, evaluation)
    assert one(window, "SELECT count(*) FROM safety_plans") == 2

    tab = view.agreements_tab
    agreement = {
        "who": "de ex-partner",
        "agreement": "Komt niet in de straat van de school.",
        "made_with": "wijkagent Bakker",
        "start_date": iso(today - timedelta(days=9)),
        "review_date": iso(today + timedelta(days=21)),
    }
    through_form(qtbot, window, tab, tab.add, agreement)
    agreement_id = one(window, "SELECT id FROM agreements")
    for happened, what in ((6, "Stond bij het schoolplein."), (2, "Belde vanaf een nieuw nummer.")):
        breach = {
            "agreement_id": agreement_id,
            "occurred_on": iso(today - timedelta(days=happened)),
            "description": what,
            "mark_broken": False,
        }
        through_form(qtbot, window, tab, tab.breach, breach)
    answered = one(window, "SELECT id FROM breaches WHERE description LIKE 'Stond%'")
    follow_up = {
        "breach_id": answered,
        "written_on": iso(today - timedelta(days=5)),
        "follow_up": "Besproken met de wijkagent; hij is aangesproken.",
    }
    through_form(qtbot, window, tab, tab.follow_up, follow_up)

    tab = view.goals_tab
    goal = {
        "domain": LifeDomain.FINANCIEN.value,
        "goal": "Ik wil zelf mijn rekeningen betalen.",
        "made_on": iso(today - timedelta(days=8)),
        "who": "cliënt",
    }
    through_form(qtbot, window, tab, tab.new_goal, goal)
    goal_id = one(window, "SELECT id FROM goals")
    action = {
        "goal_id": goal_id,
        "description": "Aanmelden bij schuldhulp.",
        "who": "trajectbegeleider",
        "due_date": iso(today + timedelta(days=7)),
    }
    through_form(qtbot, window, tab, tab.new_action, action)

    tab = view.zrm_tab
    scores: dict[str, Any] = {f"score_{d.value}": 3 for d in LifeDomain}
    scores["score_financien"] = 2
    scores["score_justitie"] = "niet_gescoord"
    through_form(qtbot, window, tab, tab.new_zrm, scores)
    assert one(window, "SELECT count(*) FROM drafts") == 0

    pack = tmp_path / "dossier.pdf"
    session = window.session
    assert session is not None
    done: list[object] = []
    window.runner.submit(
        lambda: session.export_handover_pack(pack, [case_id], PACK_PASSWORD, False), done.append
    )
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    printed = " ".join(" ".join(pdf_text(read_pdf(pack, PACK_PASSWORD))).split())

    def shown(value: str) -> None:
        assert " ".join(value.split()) in printed, value

    for field in (
        "warning_signals",
        "client_actions",
        "safe_people",
        "safe_places",
        "emergency_numbers",
        "escape_plan",
        "children_safety",
        "who_leaves",
        "stays_at",
    ):
        shown(plan[field])
    shown(f"vanaf {today - timedelta(days=10):%d-%m-%Y} tot {today + timedelta(days=4):%d-%m-%Y}")
    shown(f"geëvalueerd op {today:%d-%m-%Y}")
    shown(f"{today + timedelta(days=30):%d-%m-%Y}")  # the next review
    for field in ("who", "agreement", "made_with"):
        shown(agreement[field])
    shown("Belde vanaf een nieuw nummer.")  # the open breach
    shown("Stond bij het schoolplein.")  # the breach followed up, with its follow-up
    shown(follow_up["follow_up"])
    shown(goal["goal"])
    shown(f"gemaakt op {today - timedelta(days=8):%d-%m-%Y}")
    shown(action["description"])
    shown(action["who"])
    shown("niet gescoord")
