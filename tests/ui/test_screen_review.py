"""What the screenshot review of the case file's tabs found, kept fixed: a text translated
inside an f-string never reaches the Dutch catalog (pyside6-lupdate does not read calls in
one, so "due" and "What they offer" showed in English on Dutch screens), the tabs of a
case that has nothing yet say so instead of showing an empty frame, and the goals tab says
how many achieved or dropped goals its toggle hides."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from app.casework import Casework, new_id
from app.contact import Contact
from app.goals import Goal
from app.vocabulary import GoalStatus, LifeDomain
from app.zrm import ZrmAssessment
from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.app.test_programme_rules import started_case
from tests.conftest import NOW, PASSPHRASE
from tests.ui.conftest import open_case, unlock
from ui.main_window import MainWindow

UI = Path(__file__).resolve().parents[2] / "ui"


def _translate_calls_in_f_strings(tree: ast.AST) -> list[int]:
    """Line numbers of tr(...) / translate(...) calls inside an f-string's braces."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        for part in node.values:
            if not isinstance(part, ast.FormattedValue):
                continue
            for inner in ast.walk(part.value):
                if not isinstance(inner, ast.Call):
                    continue
                func = inner.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in {"tr", "translate"}:
                    lines.append(inner.lineno)
    return lines


def test_no_text_is_translated_inside_an_f_string() -> None:
    found = [
        f"{path.relative_to(UI.parent)}:{line}"
        for path in sorted(UI.rglob("*.py"))
        for line in _translate_calls_in_f_strings(ast.parse(path.read_text()))
    ]
    assert found == [], "pyside6-lupdate misses these; translate before the f-string"


@dataclass(frozen=True)
class Cases:
    path: Path
    empty: str  # registered today, nothing in it
    worked: str  # a done contact, a ZRM and an achieved goal


@pytest.fixture
def cases(vault_path: Path, clock: FixedClock) -> Cases:
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        work = Casework(v)
        work.seed_default_programmes()
        today = work.today()

        def case(name: str) -> str:
            phase = work.programme("ambulant").first_phase.id
            return started_case(work, "ambulant", phase, 30, display_name=name).id

        empty, worked = case("Yara Leeg"), case("Roos Bezig")
        work.record_contact(
            Contact(
                id=new_id(),
                case_id=worked,
                starts_at=NOW - timedelta(days=3),
                report="Huisbezoek, veiligheidsplan doorgelopen.",
            )
        )
        work.add_zrm(
            ZrmAssessment(
                id=new_id(),
                case_id=worked,
                assessed_on=today - timedelta(days=3),
                assessed_by="tester",
                scores={d: 3 for d in LifeDomain},
            )
        )
        work.add_goal(
            Goal(
                id=new_id(),
                case_id=worked,
                domain=LifeDomain.HUISVESTING,
                goal="Ik wil een eigen huis.",
                status=GoalStatus.BEHAALD,
                made_on=today - timedelta(days=20),
            )
        )
    return Cases(vault_path, empty, worked)


def test_the_tabs_of_an_empty_case_say_so_and_show_no_empty_table(
    qtbot, make_window, cases: Cases
) -> None:
    window: MainWindow = make_window(cases.path)
    unlock(qtbot, window)
    view = window.case_file

    open_case(qtbot, window, cases.empty)
    view.tabs.setCurrentWidget(view.contacts_tab)
    assert view.contacts_tab.empty.isVisible()
    assert view.contacts_tab.empty.text().strip()
    view.tabs.setCurrentWidget(view.zrm_tab)
    assert not view.zrm_tab.table.isVisible()

    open_case(qtbot, window, cases.worked)
    view.tabs.setCurrentWidget(view.contacts_tab)
    assert not view.contacts_tab.empty.isVisible()
    assert view.contacts_tab.tree.topLevelItemCount() == 1
    view.tabs.setCurrentWidget(view.zrm_tab)
    assert view.zrm_tab.table.isVisible()
    assert view.zrm_tab.table.rowCount() == len(LifeDomain)


def test_the_goals_tab_says_how_many_achieved_goals_it_hides(
    qtbot, make_window, cases: Cases
) -> None:
    window: MainWindow = make_window(cases.path)
    unlock(qtbot, window)
    goals = window.case_file.goals_tab

    open_case(qtbot, window, cases.empty)
    assert not goals.show_closed.text().endswith(")")
    open_case(qtbot, window, cases.worked)
    assert goals.tree.topLevelItemCount() == 0  # the achieved goal is hidden...
    assert goals.show_closed.text().endswith(" (1)")  # ...and the toggle counts it
    goals.show_closed.setChecked(True)
    assert goals.tree.topLevelItemCount() == 1
    assert goals.show_closed.text().endswith(" (1)")
