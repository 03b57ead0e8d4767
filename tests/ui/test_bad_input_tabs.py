"""Bad input in the window's new case-file forms, as an attacker or a careless worker gives
it: a right-to-left override pasted into the safety plan, a draft tampered to correct a
contact of another client, and a record from another laptop that this Koers cannot read.
Each gives a Dutch message (or a note) in the window, writes nothing, and crashes nothing:
pytest-qt fails a test on any exception raised in a Qt slot."""

from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtWidgets import QApplication

from app.casework import Casework, new_id
from app.goals import Goal
from app.rules import LOCAL_TZ
from app.vocabulary import LifeDomain
from storage.clock import FixedClock
from storage.remote import RemoteChange, apply_remote_changes
from storage.vault import Vault
from tests.conftest import NOW, PASSPHRASE
from tests.ui.conftest import WAIT_MS, DemoVault, db_value, open_case, settle, unlock
from tests.ui.test_safety_tabs import refused
from ui.case_file.safety_forms import SafetyPlanForm
from ui.main_window import MainWindow


def test_a_right_to_left_override_in_the_plan_is_refused_where_it_was_pasted(
    qtbot, window: MainWindow, filled_vault: DemoVault
) -> None:
    """U+202E shows "112 0900-8844" as other digits than the plan holds: refused in Dutch,
    the cursor on the field that holds it, nothing written."""
    unlock(qtbot, window)
    case_id = filled_vault.secret_case_id
    open_case(qtbot, window, case_id)
    window.case_actions.open_form(SafetyPlanForm, case_id)
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    form = window.forms[0]
    assert isinstance(form, SafetyPlanForm)
    form.texts["warning_signals"].setPlainText("Hij drinkt in het weekend.")
    form.texts["emergency_numbers"].setPlainText("Politie 112, wijkagent \u202e0900-8844")
    form.texts["warning_signals"].setFocus()
    plans = db_value(window, "SELECT count(*) FROM safety_plans")
    refused(qtbot, window, form, "leesrichting")
    assert QApplication.focusWidget() is form.texts["emergency_numbers"]
    assert db_value(window, "SELECT count(*) FROM safety_plans") == plans


def test_a_draft_tampered_to_correct_another_clients_contact_writes_nothing(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    """A correction draft of one case naming a done contact of another case (a tampered
    drafts table): it reopens after the unlock, and saving it is refused in Dutch; no
    correction lands in the other client's file."""
    mine = filled_vault.secret_case_id
    with Vault.open(filled_vault.path, PASSPHRASE) as vault, vault.transaction() as db:
        other_contact, other_case = db.execute(
            "SELECT id, case_id FROM contacts WHERE status = 'gedaan' AND case_id != ? "
            "AND deleted = 0 LIMIT 1",
            [mine],
        ).fetchone()
        payload = {
            "contact_id": other_contact,
            "starts_at": (NOW - timedelta(days=2)).astimezone(LOCAL_TZ).isoformat(),
            "report": "Gecorrigeerd: niets aan de hand.",
        }
        db.execute(
            "INSERT INTO drafts(id, form, record_id, payload, updated_at) VALUES (?, ?, ?, ?, ?)",
            [new_id(), "contact_correction", mine, json.dumps(payload), NOW.isoformat()],
        )
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: len(window.forms) == 1, timeout=WAIT_MS)
    form = window.forms[0]
    before = db_value(window, "SELECT count(*) FROM contacts WHERE case_id = ?", other_case)
    refused(qtbot, window, form, "hoort bij een andere casus")
    settle(qtbot, window)
    assert db_value(window, "SELECT count(*) FROM contacts WHERE case_id = ?", other_case) == before


def test_a_case_with_a_record_this_koers_cannot_read_still_opens(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    """A goal whose life domain another laptop sent and this Koers does not know: the case
    file opens, says one record cannot be shown, and its forms open."""
    case_id = filled_vault.secret_case_id
    with Vault.open(filled_vault.path, PASSPHRASE, clock=FixedClock(NOW)) as vault:
        work = Casework(vault)
        goal = Goal(new_id(), case_id, LifeDomain.FINANCIEN, "Ik wil rust.", made_on=work.today())
        work.add_goal(goal)
        hlc = f"{int(NOW.timestamp() * 1000) + 60_000:015d}:00000:andere-laptop"
        change = RemoteChange(new_id(), "goal", goal.id, {"domain": "sterrenkunde"}, hlc, "x")
        apply_remote_changes(vault, [change])
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    open_case(qtbot, window, case_id)
    settle(qtbot, window)
    shown = window.case_file.overview_tab.browser.toPlainText()
    assert "⚠ 1 " in shown and ("cannot be shown" in shown or "niet worden getoond" in shown)
    window.case_actions.open_form(SafetyPlanForm, case_id)
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)


# Each form that names a record in its draft, the payload keys that name it, and the table
# of the record named.
NAMED_RECORDS = {
    "agreement": {"agreement_id": "agreements"},
    "breach": {"agreement_id": "agreements"},
    "breach_follow_up": {"breach_id": "breaches"},
    "goal": {"goal_id": "goals"},
    "action": {"action_id": "actions", "goal_id": "goals"},
    "discussion_prepare": {"discussion_id": "case_discussions"},
    "discussion_outcome": {"discussion_id": "case_discussions"},
    "contact_correction": {"contact_id": "contacts"},
}
CASE_TABLES = sorted({t for keys in NAMED_RECORDS.values() for t in keys.values()})


def other_cases(window: MainWindow, mine: str) -> dict[str, list[tuple]]:
    """Every row of the other cases in the tables the forms name."""
    assert window.session is not None
    db = window.session.vault.db
    return {
        table: sorted(db.execute(f"SELECT * FROM {table} WHERE case_id != ?", [mine]).fetchall())
        for table in CASE_TABLES
    }


def test_drafts_naming_records_of_another_case_change_nothing_there(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    """A draft of every form that names a record (an agreement, a breach, a goal, an
    action, a discussion, a contact), tampered to name one of another client's case: each
    form reopens, and saving it writes nothing into the other case."""
    mine = filled_vault.secret_case_id
    with Vault.open(filled_vault.path, PASSPHRASE) as vault, vault.transaction() as db:
        for form, keys in NAMED_RECORDS.items():
            payload: dict[str, object] = {
                "starts_at": (NOW - timedelta(days=2)).astimezone(LOCAL_TZ).isoformat(),
                "description": "Gebeld.", "follow_up": "Gebeld.", "goal": "Ik wil rust.",
                "question": "Wat nu?", "outcome": "Door.", "report": "Gecorrigeerd.",
                "who": "partner", "agreement": "Komt niet langs.", "domain": "financien",
            }  # fmt: skip
            for key, table in keys.items():
                query = f"SELECT id FROM {table} WHERE case_id != ? AND deleted = 0 LIMIT 1"
                payload[key] = db.execute(query, [mine]).fetchone()[0]
            db.execute(
                "INSERT INTO drafts(id, form, record_id, payload, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [new_id(), form, mine, json.dumps(payload), NOW.isoformat()],
            )
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: len(window.forms) == len(NAMED_RECORDS), timeout=WAIT_MS)
    settle(qtbot, window)
    before = other_cases(window, mine)
    for form in list(window.forms):
        form.message.clear()
        form.save.click()
        qtbot.waitUntil(
            lambda form=form: form not in window.forms or bool(form.message.text()),
            timeout=WAIT_MS,
        )
        settle(qtbot, window)
    assert other_cases(window, mine) == before
