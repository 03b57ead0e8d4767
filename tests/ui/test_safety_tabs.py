"""The safety plan and the safety agreements in the case file, by keyboard, on a real vault:
a first plan, an edit that starts as the current version and shows what changed, "Geëvalueerd";
an agreement added, its status changed, a breach recorded and followed up (counted on the tab
and on Vandaag); bad input refused in Dutch with nothing written; drafts back after a crash;
and an agreement's value that lost a sync merge taken back with one click in its tab.

Alt-keys are read from the controls' own texts, so the tests press whatever letter the
current translation chose."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.case import Case
from app.casework import Casework, new_id
from app.safety import SafetyAgreement, SafetyPlan, TimeOut
from app.vocabulary import AgreementStatus
from storage.clock import FixedClock
from storage.hlc import Hlc
from storage.keys import TEST_KDF
from storage.remote import RemoteChange, apply_remote_changes
from storage.vault import Vault
from tests.conftest import NOW, PASSPHRASE
from tests.ui import today_lines
from tests.ui.conftest import (
    WAIT_MS,
    crash_once_drafted,
    db_value,
    open_case,
    restart,
    settle,
    unlock,
)
from tests.ui.mnemonics import mnemonic_of
from tests.ui.test_case_file_actions import _click_link, activate
from ui.case_file.safety_forms import (
    AgreementForm,
    BreachForm,
    EvaluatePlanForm,
    FollowUpForm,
    SafetyPlanForm,
)
from ui.forms.base import RecordForm
from ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
KEPT_AGREEMENT = "Partner komt niet zonder afspraak naar de woning."
OUR_MADE_WITH, THEIR_MADE_WITH = "cliënt en partner", "cliënt, partner en wijkagent"


@dataclass(frozen=True)
class Cases:
    path: Path
    today: date
    fresh: str  # no safety plan, no agreements
    kept: str  # a plan (version 1, with a time-out) and one actief agreement
    agreement: str  # the kept case's agreement
    plan: SafetyPlan


@pytest.fixture
def cases(vault_path: Path, clock: FixedClock) -> Cases:
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        work = Casework(v)
        work.seed_default_programmes()
        today = work.today()

        def case(name: str, programme: str) -> str:
            made = Case(
                id=new_id(),
                display_name=name,
                initials="",
                programme_id=programme,
                phase_id=work.programme(programme).first_phase.id,
                start_date=today - timedelta(days=30),
                worker="tester",
            )
            work.add_case(made)
            return made.id

        fresh = case("Noor Nieuw", "moviera_wijk")
        kept = case("Fatma Pauze", "take_a_break")
        plan = work.save_safety_plan(
            SafetyPlan(
                new_id(),
                kept,
                1,
                today - timedelta(days=10),
                "tester",
                today + timedelta(days=20),
                warning_signals="Partner drinkt in het weekend.",
                safe_people="Zus",
                emergency_numbers="112",
                timeout=TimeOut("partner", "broer", today - timedelta(days=10)),
            )
        )
        agreement = SafetyAgreement(
            new_id(),
            kept,
            "partner",
            KEPT_AGREEMENT,
            "cliënt",
            today - timedelta(days=20),
            today + timedelta(days=20),
        )
        work.add_agreement(agreement)
    return Cases(vault_path, today, fresh, kept, agreement.id, plan)


@pytest.fixture
def window(make_window, cases: Cases, qtbot) -> MainWindow:
    window = make_window(cases.path)
    unlock(qtbot, window)
    return window


# --- helpers -------------------------------------------------------------------------------


def key_of(text: str) -> Qt.Key:
    letter = mnemonic_of(text)
    assert letter, text
    return getattr(Qt.Key, f"Key_{letter.upper()}")


def label_text(root: QWidget, widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text()
    return next(lab.text() for lab in root.findChildren(QLabel) if lab.buddy() is widget)


def alt_to(qtbot, form: RecordForm, widget: QWidget) -> None:
    """The Alt-key of `widget`'s label; the focus is then there."""
    qtbot.keyClick(form, key_of(label_text(form, widget)), ALT)
    assert widget.hasFocus() or isinstance(widget, QAbstractButton)


def show_tab(qtbot, window: MainWindow, case_id: str, tab: QWidget) -> None:
    open_case(qtbot, window, case_id)
    settle(qtbot, window)
    window.case_file.tabs.setCurrentWidget(tab)
    activate(qtbot, window)


def press(qtbot, window: MainWindow, button: QAbstractButton) -> RecordForm:
    """Alt+ the button's letter on the case file; the form it opens."""
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.keyClick(window.case_file, key_of(button.text()), ALT)
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    return window.forms[0]


def save(qtbot, window: MainWindow, form: RecordForm) -> None:
    qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    activate(qtbot, window)


def refused(qtbot, window: MainWindow, form: RecordForm, text: str) -> None:
    """Ctrl+Enter shows `text` in the form, which stays open, and nothing was written."""
    journal = db_value(window, "SELECT count(*) FROM journal")
    qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)
    try:
        qtbot.waitUntil(lambda: text in form.message.text(), timeout=WAIT_MS)
    except Exception:
        raise AssertionError(form.message.text()) from None
    settle(qtbot, window)
    assert form.isVisible()
    assert db_value(window, "SELECT count(*) FROM journal") == journal


def type_date(qtbot, form: RecordForm, field: QWidget, day: date) -> None:
    if field.hasFocus():  # typing starts at the day when the focus arrives (Tab in a date
        form.focusNextChild()  # field moves to its next part, so the focus leaves first)
    alt_to(qtbot, form, field)
    qtbot.keyClicks(field, day.strftime("%d-%m-%Y"))


def count(window: MainWindow, table: str, case_id: str) -> int:
    return db_value(window, f"SELECT count(*) FROM {table} WHERE case_id = ?", case_id)


# --- the safety plan -----------------------------------------------------------------------


def test_a_first_plan_by_keyboard(qtbot, window: MainWindow, cases: Cases) -> None:
    tab = window.case_file.safety_plan_tab
    show_tab(qtbot, window, cases.fresh, tab)
    assert not tab.evaluate.isEnabled() and not tab.version.isVisible()
    form = press(qtbot, window, tab.edit)
    assert isinstance(form, SafetyPlanForm)
    assert form.texts["warning_signals"].hasFocus()
    qtbot.keyClicks(form.texts["warning_signals"], "Hij stuurt 's nachts berichten.")
    alt_to(qtbot, form, form.texts["emergency_numbers"])
    qtbot.keyClicks(form.texts["emergency_numbers"], "112; Veilig Thuis 0800-2000")
    alt_to(qtbot, form, form.timeout)  # a button's Alt-key clicks it (animated: it takes a moment)
    qtbot.waitUntil(form.timeout.isChecked, timeout=WAIT_MS)
    assert form.who_leaves.isEnabled()
    alt_to(qtbot, form, form.who_leaves)
    qtbot.keyClicks(form.who_leaves, "partner")
    alt_to(qtbot, form, form.stays_at)
    qtbot.keyClicks(form.stays_at, "eigen netwerk")
    type_date(qtbot, form, form.timeout_to, cases.today + timedelta(days=14))
    save(qtbot, window, form)

    row = window.session.vault.db.execute(  # type: ignore[union-attr]
        "SELECT version, warning_signals, emergency_numbers, timeout, review_date, made_by "
        "FROM safety_plans WHERE case_id = ?",
        [cases.fresh],
    ).fetchall()
    assert len(row) == 1
    version, signals, numbers, timeout, review, made_by = row[0]
    assert (version, signals, numbers, made_by) == (
        1,
        "Hij stuurt 's nachts berichten.",
        "112; Veilig Thuis 0800-2000",
        "tester",
    )
    assert '"who_leaves": "partner"' in timeout and "eigen netwerk" in timeout
    assert review == (cases.today + timedelta(weeks=6)).isoformat()
    assert "Hij stuurt 's nachts berichten." in window.case_file.plan.toPlainText()
    assert tab.evaluate.isEnabled() and tab.version.isVisible()


def test_an_edit_starts_as_the_current_version_and_shows_what_changed(
    qtbot, window: MainWindow, cases: Cases
) -> None:
    tab = window.case_file.safety_plan_tab
    show_tab(qtbot, window, cases.kept, tab)
    form = press(qtbot, window, tab.edit)
    # Editing is changing: every part of version 1 is there already.
    assert form.texts["warning_signals"].toPlainText() == "Partner drinkt in het weekend."
    assert form.timeout.isChecked() and form.stays_at.text() == "broer"
    alt_to(qtbot, form, form.texts["safe_people"])
    qtbot.keyClick(form.texts["safe_people"], Qt.Key.Key_End)
    qtbot.keyClicks(form.texts["safe_people"], ", buurvrouw op nummer 12")
    alt_to(qtbot, form, form.stays_at)
    form.stays_at.selectAll()
    qtbot.keyClicks(form.stays_at, "opvang")
    save(qtbot, window, form)

    assert count(window, "safety_plans", cases.kept) == 2
    assert tab.version.currentData() == 2  # the new version shows
    assert not tab.show_changes.isChecked()
    qtbot.keyClick(window.case_file, key_of(tab.show_changes.text()), ALT)
    qtbot.waitUntil(tab.show_changes.isChecked, timeout=WAIT_MS)
    text = window.case_file.plan.toPlainText()
    assert "Zus, buurvrouw op nummer 12" in text and "broer" in text and "opvang" in text
    # Only what changed is compared: the warning signals are in the plan once, not twice.
    assert text.count("Partner drinkt in het weekend.") == 1
    # Version 1 stays as it was.
    tab.version.setCurrentIndex(tab.version.findData(1))
    assert "buurvrouw" not in window.case_file.plan.toPlainText()


def test_a_review_date_before_the_plan_date_is_refused_and_nothing_written(
    qtbot, window: MainWindow, cases: Cases
) -> None:
    tab = window.case_file.safety_plan_tab
    show_tab(qtbot, window, cases.kept, tab)
    form = press(qtbot, window, tab.edit)
    qtbot.keyClicks(form.texts["warning_signals"], " Nieuw signaal.")
    type_date(qtbot, form, form.review_date, cases.today - timedelta(days=1))
    refused(qtbot, window, form, "De evaluatiedatum ligt vóór de datum van het plan.")
    # Nothing changed at all: "Geëvalueerd" is the way to say the plan stays.
    form.undo_last()
    form.texts["warning_signals"].setPlainText("Partner drinkt in het weekend.")
    form.review_date.setDate(cases.plan.review_date)
    refused(qtbot, window, form, "Er is niets aan het plan veranderd.")
    assert count(window, "safety_plans", cases.kept) == 1


def test_evaluated_saves_a_version_with_only_the_two_dates_changed(
    qtbot, window: MainWindow, cases: Cases
) -> None:
    tab = window.case_file.safety_plan_tab
    show_tab(qtbot, window, cases.kept, tab)
    form = press(qtbot, window, tab.evaluate)
    assert isinstance(form, EvaluatePlanForm)
    type_date(qtbot, form, form.next_review, cases.today - timedelta(days=1))
    refused(qtbot, window, form, "De volgende evaluatiedatum ligt vóór de evaluatie.")
    type_date(qtbot, form, form.next_review, cases.today + timedelta(days=28))
    save(qtbot, window, form)
    rows = window.session.vault.db.execute(  # type: ignore[union-attr]
        "SELECT version, evaluated_on, review_date, warning_signals, timeout FROM safety_plans "
        "WHERE case_id = ? ORDER BY version",
        [cases.kept],
    ).fetchall()
    assert [r[0] for r in rows] == [1, 2]
    assert rows[1][1:3] == (cases.today.isoformat(), (cases.today + timedelta(days=28)).isoformat())
    assert rows[1][3:] == rows[0][3:]
    qtbot.keyClick(window.case_file, key_of(tab.show_changes.text()), ALT)
    qtbot.waitUntil(tab.show_changes.isChecked, timeout=WAIT_MS)
    assert cases.today.strftime("%d-%m-%Y") in tab.version.currentText()
    # Only the two dates changed against version 1.
    changes = window.case_file.plan.toPlainText().split("Partner drinkt")[0]
    assert (cases.today + timedelta(days=28)).strftime("%d-%m-%Y") in changes
    assert "broer" not in changes


def test_a_half_typed_plan_survives_a_crash(qtbot, make_window, cases: Cases) -> None:
    first = make_window(cases.path)
    unlock(qtbot, first)
    show_tab(qtbot, first, cases.kept, first.case_file.safety_plan_tab)
    form = press(qtbot, first, first.case_file.safety_plan_tab.edit)
    alt_to(qtbot, form, form.texts["escape_plan"])
    qtbot.keyClicks(form.texts["escape_plan"], "Tas met papieren bij de zus")
    crash_once_drafted(qtbot, first, "form = 'safety_plan'")

    _second, restored = restart(qtbot, make_window, cases.path)
    assert isinstance(restored, SafetyPlanForm)
    assert restored.texts["escape_plan"].toPlainText() == "Tas met papieren bij de zus"
    assert restored.texts["warning_signals"].toPlainText() == "Partner drinkt in het weekend."
    assert restored.context.case.id == cases.kept


# --- agreements, breaches, follow-ups ------------------------------------------------------


def test_an_agreement_by_keyboard_and_one_without_who_refused(
    qtbot, window: MainWindow, cases: Cases
) -> None:
    tab = window.case_file.agreements_tab
    show_tab(qtbot, window, cases.fresh, tab)
    assert "Nog geen veiligheidsafspraken." in tab.browser.toPlainText() or (
        "No safety agreements yet." in tab.browser.toPlainText()
    )
    form = press(qtbot, window, tab.add)
    assert isinstance(form, AgreementForm)
    assert form.who.hasFocus()
    alt_to(qtbot, form, form.agreement)
    qtbot.keyClicks(form.agreement, "Bij ruzie gaat een van beiden een uur weg.")
    refused(qtbot, window, form, "Vul wie de afspraak maakt in.")
    assert count(window, "agreements", cases.fresh) == 0
    alt_to(qtbot, form, form.who)
    qtbot.keyClicks(form.who, "beide ouders")
    alt_to(qtbot, form, form.made_with)
    qtbot.keyClicks(form.made_with, "moeder en vader")
    type_date(qtbot, form, form.review_date, cases.today - timedelta(days=3))
    refused(qtbot, window, form, "De evaluatiedatum ligt vóór de startdatum.")
    type_date(qtbot, form, form.review_date, cases.today + timedelta(days=30))
    save(qtbot, window, form)
    stored = window.session.vault.db.execute(  # type: ignore[union-attr]
        "SELECT who, agreement, made_with, status, review_date FROM agreements WHERE case_id = ?",
        [cases.fresh],
    ).fetchall()
    assert stored == [
        (
            "beide ouders",
            "Bij ruzie gaat een van beiden een uur weg.",
            "moeder en vader",
            "actief",
            (cases.today + timedelta(days=30)).isoformat(),
        )
    ]
    assert tab.tree.topLevelItemCount() == 1


def test_a_breach_is_open_on_the_tab_and_vandaag_until_its_follow_up(
    qtbot, window: MainWindow, cases: Cases
) -> None:
    view = window.case_file
    tab = view.agreements_tab
    show_tab(qtbot, window, cases.kept, tab)
    index = view.tabs.indexOf(tab)
    plain_title = view.tabs.tabText(index)
    form = press(qtbot, window, tab.breach)
    assert isinstance(form, BreachForm)
    assert form.agreement.currentData() == cases.agreement  # the chosen one
    assert form.mark_broken.isChecked() and form.mark_broken.isVisible()
    refused(qtbot, window, form, "Vul wat er gebeurde in.")
    type_date(qtbot, form, form.occurred_on, cases.today - timedelta(days=25))
    alt_to(qtbot, form, form.description)
    qtbot.keyClicks(form.description, "Partner stond onaangekondigd voor de deur.")
    refused(qtbot, window, form, "De schending ligt vóór de startdatum van de afspraak")
    type_date(qtbot, form, form.occurred_on, cases.today - timedelta(days=2))
    save(qtbot, window, form)

    assert count(window, "breaches", cases.kept) == 1
    assert db_value(window, "SELECT status FROM agreements WHERE id = ?", cases.agreement) == (
        "geschonden"
    )
    assert view.tabs.tabText(index) != plain_title and "1" in view.tabs.tabText(index)
    assert "⚠" in tab.browser.toPlainText()
    assert window.board is not None
    assert [b.case_id for b in window.board.open_breaches] == [cases.kept]
    assert today_lines.count(window.today.breaches) == 1
    assert today_lines.text(window.today.breaches, 0, 2) == KEPT_AGREEMENT

    # Follow-up: the breach is the one offered (the only open one).
    form = press(qtbot, window, tab.follow_up)
    assert isinstance(form, FollowUpForm)
    assert form.breach.currentIndex() == 1
    type_date(qtbot, form, form.written_on, cases.today - timedelta(days=3))
    alt_to(qtbot, form, form.follow_up)
    qtbot.keyClicks(form.follow_up, "Besproken met wijkagent; afspraak opnieuw bevestigd.")
    refused(qtbot, window, form, "De opvolging ligt vóór de datum van de schending.")
    type_date(qtbot, form, form.written_on, cases.today)
    save(qtbot, window, form)
    assert count(window, "breach_follow_ups", cases.kept) == 1
    # The breach stays as it was written.
    assert (
        db_value(window, "SELECT description FROM breaches WHERE case_id = ?", cases.kept)
        == "Partner stond onaangekondigd voor de deur."
    )
    assert view.tabs.tabText(index) == plain_title
    assert window.board.open_breaches == []
    assert today_lines.count(window.today.breaches) == 0
    assert "Besproken met wijkagent" in tab.browser.toPlainText()


def test_a_status_change_and_no_breach_on_a_vervallen_agreement(
    qtbot, window: MainWindow, cases: Cases
) -> None:
    tab = window.case_file.agreements_tab
    show_tab(qtbot, window, cases.kept, tab)
    # A breach form begun while the agreement was in force ...
    stale = press(qtbot, window, tab.breach)
    qtbot.keyClicks(stale.description, "Belde dertig keer.")
    qtbot.keyClick(stale, Qt.Key.Key_Escape)  # kept as a draft
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    activate(qtbot, window)

    form = press(qtbot, window, tab.change)
    assert isinstance(form, AgreementForm)
    assert form.status.hasFocus()
    assert form.who.text() == "partner" and form.agreement.toPlainText() == KEPT_AGREEMENT
    qtbot.keyClicks(form.status, AgreementStatus.VERVALLEN.label)
    assert form.status.currentData() == "vervallen"
    save(qtbot, window, form)
    assert db_value(window, "SELECT status FROM agreements WHERE id = ?", cases.agreement) == (
        "vervallen"
    )
    assert count(window, "agreements", cases.kept) == 1  # changed, not added
    assert not tab.breach.isEnabled()  # nothing in force to breach

    # ... is refused when saved now, in Dutch, and writes nothing.
    session = window.session
    assert session is not None
    draft = session.drafts(BreachForm.FORM)[0]
    window.case_actions.open_form(BreachForm, cases.kept, draft)
    qtbot.waitUntil(lambda: len(window.forms) == 1, timeout=WAIT_MS)
    form = window.forms[0]
    assert form.agreement.currentData() == ""  # no longer offered: not silently another
    refused(qtbot, window, form, "Kies de afspraak die is geschonden.")
    # The service refuses it too, whatever a form sends.
    breach_form = form
    assert isinstance(breach_form, BreachForm)
    breach_form.agreement.addItem("vervallen", cases.agreement)
    breach_form.agreement.setCurrentIndex(breach_form.agreement.count() - 1)
    refused(qtbot, window, form, "Deze afspraak is vervallen")
    assert count(window, "breaches", cases.kept) == 0


def test_a_half_changed_agreement_survives_a_crash_as_a_change(
    qtbot, make_window, cases: Cases
) -> None:
    first = make_window(cases.path)
    unlock(qtbot, first)
    show_tab(qtbot, first, cases.kept, first.case_file.agreements_tab)
    form = press(qtbot, first, first.case_file.agreements_tab.change)
    alt_to(qtbot, form, form.made_with)
    qtbot.keyClick(form.made_with, Qt.Key.Key_End)  # the Alt-key selected the whole text
    qtbot.keyClicks(form.made_with, " en wijkagent")
    crash_once_drafted(qtbot, first, "form = 'agreement'")

    second, restored = restart(qtbot, make_window, cases.path)
    assert isinstance(restored, AgreementForm)
    assert restored.agreement_id == cases.agreement
    assert restored.made_with.text() == "cliënt en wijkagent"
    save(qtbot, second, restored)
    rows = second.session.vault.db.execute(  # type: ignore[union-attr]
        "SELECT id, made_with FROM agreements WHERE case_id = ?", [cases.kept]
    ).fetchall()
    assert rows == [(cases.agreement, "cliënt en wijkagent")]


def test_an_agreement_value_that_lost_a_merge_is_taken_in_its_tab(
    qtbot, make_window, cases: Cases, clock: FixedClock
) -> None:
    # This laptop changed who the agreement was made with; a colleague's laptop changed it
    # later: theirs wins the merge, ours is kept as a conflict (storage/remote.py).
    with Vault.open(cases.path, PASSPHRASE, clock=clock) as vault:
        work = Casework(vault)
        stored = work.get(SafetyAgreement, cases.agreement)
        work.update_agreement(replace(stored, made_with=OUR_MADE_WITH))
        later = Hlc(int((NOW + timedelta(minutes=5)).timestamp() * 1000), 0, "laptop-b").encode()
        change = RemoteChange(
            new_id(), "agreement", cases.agreement, {"made_with": THEIR_MADE_WITH}, later, "b"
        )
        assert apply_remote_changes(vault, [change]).conflicts == 1
    window = make_window(cases.path)
    unlock(qtbot, window)
    tab = window.case_file.agreements_tab
    show_tab(qtbot, window, cases.kept, tab)
    text = tab.browser.toPlainText()
    assert THEIR_MADE_WITH in text and f"«{OUR_MADE_WITH}»" in text
    assert tab.tree.topLevelItem(0).text(0).startswith("⚠")
    _click_link(qtbot, tab.browser, f"«{OUR_MADE_WITH}»")
    qtbot.waitUntil(lambda: "⚠" not in tab.browser.toPlainText(), timeout=WAIT_MS)
    settle(qtbot, window)
    assert (
        db_value(window, "SELECT made_with FROM agreements WHERE id = ?", cases.agreement)
        == OUR_MADE_WITH
    )
    assert db_value(window, "SELECT count(*) FROM conflicts WHERE resolved = 0") == 0


def test_the_tabs_buttons_do_not_take_the_headers_alt_keys(qtbot, window: MainWindow) -> None:
    from tests.ui.mnemonics import mnemonic_clashes

    view = window.case_file
    assert mnemonic_clashes(view) == {}
    for button in (
        view.safety_plan_tab.edit,
        view.safety_plan_tab.evaluate,
        view.safety_plan_tab.show_changes,
        view.agreements_tab.add,
        view.agreements_tab.change,
        view.agreements_tab.breach,
        view.agreements_tab.follow_up,
    ):
        assert mnemonic_of(button.text()), button.text()
    assert QApplication.instance() is not None
