"""Bad input in the window's forms, as a hostile or clumsy worker gives it: pasted huge or
invisible text, impossible dates typed, cleared fields, Ctrl+Enter pressed again and again,
Esc while the vault thread saves, a lock with a form open, and drafts whose stored payload
was tampered with. Each is refused with a Dutch message (or repaired, and the form says
so), nothing is half written, and the window never meets an exception: pytest-qt fails a
test on any exception raised in a Qt slot."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import (
    WAIT_MS,
    DemoVault,
    db_value,
    open_contact_form,
    settle,
    unlock,
)
from tests.ui.test_forms import FORM_FACTORIES
from tests.ui.test_import_dialog import open_checked
from ui.forms.base import RecordForm
from ui.forms.intake_form import IntakeForm
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LONG = "Noor van Verstopt " * 6000  # about 100 k characters
# What a form says of a draft it could not wholly restore (English until translated).
DAMAGED_TEXTS = {
    "Part of the draft could not be restored",
    "Een deel van het concept kon niet worden hersteld",
}
# The tables a form's save writes (drafts are kept apart: a refused save keeps its draft).
RECORD_TABLES = (
    "cases",
    "contacts",
    "screenings",
    "household_members",
    "danger_persons",
    "case_partners",
    "closures",
    "reopenings",
    "journal",
)


def record_counts(window: MainWindow) -> dict[str, int]:
    return {t: db_value(window, f"SELECT count(*) FROM {t}") for t in RECORD_TABLES}


def ctrl_enter(qtbot, form: QWidget) -> None:
    target = QApplication.focusWidget() or form
    qtbot.keyClick(target, Qt.Key.Key_Return, CTRL)


def paste(qtbot, widget: QWidget, text: str) -> None:
    """Put `text` on the clipboard and paste it with Ctrl+V, as a worker pastes."""
    QApplication.clipboard().setText(text)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(widget, Qt.Key.Key_V, CTRL)


def open_intake(qtbot, window: MainWindow) -> IntakeForm:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(
        lambda: any(isinstance(f, IntakeForm) and f.isVisible() for f in window.forms),
        timeout=WAIT_MS,
    )
    form = next(f for f in window.forms if isinstance(f, IntakeForm))
    qtbot.waitUntil(form.name.hasFocus, timeout=WAIT_MS)
    return form


def refused(qtbot, window: MainWindow, form: RecordForm, before: dict[str, int]) -> str:
    """Ctrl+Enter on `form`; its banner once shown. The form stays open and nothing was
    written."""
    ctrl_enter(qtbot, form)
    qtbot.waitUntil(lambda: bool(form.message.text()), timeout=WAIT_MS)
    settle(qtbot, window)
    assert form in window.forms and form.isVisible()
    assert form.save.isEnabled()  # the worker can correct and save again
    assert record_counts(window) == before
    return form.message.text()


# --- typed and pasted text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (LONG, "Een naam is hoogstens 200 tekens lang."),
        ("Noor \u202etpotsreV", "Een naam bevat geen onzichtbaar opmaakteken"),
        ("Noor\u200b van Verstopt", "Een naam bevat geen onzichtbaar opmaakteken"),
        ("Noor\x00 van Verstopt", "Een naam bevat geen stuurteken"),
        ("Noor\x1b[2J", "Een naam bevat geen stuurteken"),
        ("12345", "De naam bevat geen letter om initialen van te maken"),
        ("   ", "Vul de naam van de cliënt in."),
        # A colleague could not type it to find the case.
        ("Fleur 🌻 Özdemir", "Een naam bevat geen emoji"),
    ],
    ids=["100k", "rtl-override", "zero-width", "nul", "escape", "no-letter", "blank", "emoji"],
)
def test_a_pasted_name_the_domain_refuses_is_named_in_dutch(
    qtbot, window: MainWindow, name: str, message: str
) -> None:
    unlock(qtbot, window)
    before = record_counts(window)
    form = open_intake(qtbot, window)
    paste(qtbot, form.name, name)
    assert form.name.text()  # Qt kept what was pasted (up to its 32767 characters)
    assert message in refused(qtbot, window, form, before)


def test_other_scripts_in_a_name_are_saved(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    form = open_intake(qtbot, window)
    paste(qtbot, form.name, "Fleur نور Özdemir")
    ctrl_enter(qtbot, form)
    qtbot.waitUntil(lambda: form not in window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    assert db_value(
        window, "SELECT count(*) FROM cases WHERE display_name = ?", "Fleur نور Özdemir"
    )


def test_a_report_with_a_control_character_is_refused(
    qtbot, window: MainWindow, filled_vault: DemoVault
) -> None:
    unlock(qtbot, window)
    before = record_counts(window)
    form = open_contact_form(qtbot, window, filled_vault.secret_case_id)
    paste(qtbot, form.report, "Gesprek\x00 gevoerd " + "x" * 100_000)
    assert "stuurteken" in refused(qtbot, window, form, before)


# --- impossible dates -----------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["31-02-2026", "00-00-0000", "15-13-2026", "29-02-2027"])
def test_an_impossible_start_date_is_refused_not_saved_as_another_day(
    qtbot, window: MainWindow, typed: str
) -> None:
    unlock(qtbot, window)
    before = record_counts(window)
    form = open_intake(qtbot, window)
    qtbot.keyClicks(form.name, "Fleur van Zanddorp")
    form.start_date.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(form.start_date, typed)
    message = refused(qtbot, window, form, before)
    assert message == f"De datum {typed} bestaat niet; controleer dag, maand en jaar."
    assert form.start_date.hasFocus()


def test_a_leap_day_typed_is_the_day_kept(qtbot, window: MainWindow) -> None:
    """29-02-2028 exists: typed while the field still said 2026, Qt made it 28-02."""
    unlock(qtbot, window)
    form = open_intake(qtbot, window)
    form.registered_on.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(form.registered_on, "29-02-2028")
    assert form.payload()["registered_on"] == "2028-02-29"


def test_an_impossible_visit_time_is_refused(
    qtbot, window: MainWindow, filled_vault: DemoVault
) -> None:
    unlock(qtbot, window)
    before = record_counts(window)
    form = open_contact_form(qtbot, window, filled_vault.secret_case_id)
    qtbot.keyClicks(form.report, "Rustig gesprek.")
    form.when.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(form.when, "31-04-2026 10:00")
    assert "De datum 31-04-2026 bestaat niet" in refused(qtbot, window, form, before)
    # Typed again correctly (back into the field), the same form saves.
    form.report.setFocus()
    form.when.setFocus(Qt.FocusReason.BacktabFocusReason)
    qtbot.keyClicks(form.when, "30-04-2026 10:00")
    ctrl_enter(qtbot, form)
    qtbot.waitUntil(lambda: form not in window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    assert record_counts(window)["contacts"] == before["contacts"] + 1


# --- saving twice, Esc while saving, lock --------------------------------------------------


def test_ctrl_enter_again_and_again_saves_one_contact(
    qtbot, window: MainWindow, filled_vault: DemoVault
) -> None:
    unlock(qtbot, window)
    before = record_counts(window)
    form = open_contact_form(qtbot, window, filled_vault.secret_case_id)
    qtbot.keyClicks(form.report, "Een keer opgeslagen.")
    for _ in range(6):
        qtbot.keyClick(form.report, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    assert record_counts(window)["contacts"] == before["contacts"] + 1
    assert db_value(window, "SELECT count(*) FROM drafts") == 0


def test_ctrl_enter_again_and_again_registers_one_client(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    before = record_counts(window)
    form = open_intake(qtbot, window)
    qtbot.keyClicks(form.name, "Iris Bakkerveld")
    for _ in range(6):
        qtbot.keyClick(form.name, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    assert record_counts(window)["cases"] == before["cases"] + 1
    assert db_value(window, "SELECT count(*) FROM cases WHERE display_name = 'Iris Bakkerveld'")


def test_esc_while_saving_saves_once_and_leaves_no_draft_behind(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    """Esc right after Ctrl+Enter: the save goes on; no draft of the saved contact comes
    back at the next unlock to be saved a second time."""
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    before = record_counts(window)
    form = open_contact_form(qtbot, window, filled_vault.secret_case_id)
    qtbot.keyClicks(form.report, "Opgeslagen terwijl Esc werd ingedrukt.")
    qtbot.keyClick(form.report, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)
    assert record_counts(window)["contacts"] == before["contacts"] + 1
    assert db_value(window, "SELECT count(*) FROM drafts") == 0

    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    unlock(qtbot, window)  # waits until the vault thread is idle: drafts were resumed
    assert not window.forms


@pytest.mark.parametrize(
    "keys", [(Qt.Key.Key_L, CTRL), (Qt.Key.Key_H, CTRL | SHIFT)], ids=["lock", "quick-hide"]
)
def test_a_lock_with_a_form_open_keeps_the_draft_and_shows_nothing(
    qtbot, window: MainWindow, filled_vault: DemoVault, keys: tuple[Qt.Key, Any]
) -> None:
    """Ctrl+L and Ctrl+Shift+H ("snel verbergen") reach the window from an open form (it
    is modal: the window's own shortcuts did not, so a form kept a case on screen)."""
    unlock(qtbot, window)
    before = record_counts(window)
    form = open_contact_form(qtbot, window, filled_vault.secret_case_id)
    qtbot.keyClicks(form.report, "Half getypt bij het vergrendelen.")

    qtbot.keyClick(form.report, *keys)
    qtbot.waitUntil(lambda: window.session is None, timeout=WAIT_MS)
    assert not window.forms
    assert window.pages.currentWidget() is window.unlock_screen
    assert window.caseload.model.rowCount() == 0
    assert window.case_file.file is None and window.case_file.overview.toPlainText() == ""

    unlock(qtbot, window)
    qtbot.waitUntil(lambda: len(window.forms) == 1, timeout=WAIT_MS)
    restored = window.forms[0]
    assert restored.report.toPlainText() == "Half getypt bij het vergrendelen."
    assert record_counts(window) == before


# --- tampered drafts ------------------------------------------------------------------------

_KEYS: dict[str, list[str]] = {}


def form_keys(qtbot) -> dict[str, list[str]]:
    """Every form of the window (by its draft name) and the keys of its payload."""
    if not _KEYS:
        for factory in FORM_FACTORIES.values():
            form = factory()
            qtbot.addWidget(form)
            if isinstance(form, RecordForm):  # dialogs without drafts have no payload
                _KEYS[form.FORM] = sorted(form.payload())
    return _KEYS


def put_drafts(path: Path, case_id: str, payload: Callable[[list[str]], str], keys) -> None:
    """A draft of every form for `case_id`, its stored payload text made by `payload`."""
    with Vault.open(path, PASSPHRASE) as vault, vault.transaction() as db:
        for form, names in keys.items():
            db.execute(
                "INSERT INTO drafts(id, form, record_id, payload, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [f"draft-{form}", form, case_id, payload(names), "2026-11-22T09:00:00+00:00"],
            )


def reopened(qtbot, make_window, filled_vault: DemoVault, count: int) -> MainWindow:
    window = make_window(filled_vault.path)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: len(window.forms) == count, timeout=WAIT_MS)
    settle(qtbot, window)
    return window


@pytest.mark.parametrize("text", ["{niet-json", "[1, 2, 3]", "null", "42", '"tekst"', ""])
def test_a_draft_that_is_no_json_object_opens_its_form_as_new(
    qtbot, make_window, filled_vault: DemoVault, text: str
) -> None:
    keys = form_keys(qtbot)
    put_drafts(filled_vault.path, filled_vault.secret_case_id, lambda _names: text, keys)
    window = reopened(qtbot, make_window, filled_vault, len(keys))
    assert sorted(f.FORM for f in window.forms) == sorted(keys)
    assert {f.draft_state.text() for f in window.forms} <= DAMAGED_TEXTS


GARBAGE: list[Any] = [
    12345,
    -1,
    10**30,
    1e308,
    True,
    "31-02-2026",
    "9999-99-99T99:99:99",
    "\x00" * 10,
    "x" * 100_000,
    [{"x": 1}, "y", None],
    {"a": None},
]


@pytest.mark.parametrize("value", GARBAGE, ids=[repr(g)[:16] for g in GARBAGE])
def test_a_draft_with_garbage_in_every_field_opens_and_saves_or_refuses_in_dutch(
    qtbot, make_window, filled_vault: DemoVault, value: Any
) -> None:
    """Every field of every form's draft holds `value` (and a key no form knows): each
    form opens, says what it could not restore, and Ctrl+Enter either saves or shows a
    Dutch refusal; never an exception."""
    keys = form_keys(qtbot)

    def garbage(names: list[str]) -> str:
        return json.dumps({**{name: value for name in names}, "onbekend": "x"})

    put_drafts(filled_vault.path, filled_vault.secret_case_id, garbage, keys)
    window = reopened(qtbot, make_window, filled_vault, len(keys))
    assert {f.draft_state.text() for f in window.forms} <= DAMAGED_TEXTS
    for form in list(window.forms):
        form.message.clear()
        qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda form=form: form not in window.forms or bool(form.message.text()),
            timeout=WAIT_MS,
        )
        settle(qtbot, window)
        if form in window.forms:
            text = form.message.text()
            assert text and "Something went wrong" not in text, (form.FORM, text)


def test_drafts_of_a_case_that_does_not_exist_do_not_break_the_unlock(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    keys = form_keys(qtbot)
    put_drafts(filled_vault.path, "bestaat-niet", lambda _names: "{}", keys)
    window = make_window(filled_vault.path)
    unlock(qtbot, window)  # waits until the vault thread is idle: drafts were resumed
    # The intake makes a new case of its own, a new sociale-kaart entry a partner of its
    # own; the other forms have no case to open.
    assert sorted(f.FORM for f in window.forms) == ["intake", "social_map_entry"]


# --- the import dialog ----------------------------------------------------------------------

HOSTILE_FILES: dict[str, tuple[bytes | None, str]] = {
    "a folder": (None, "dit is een map"),
    "UTF-16": ("naam;programma;startdatum\nFleur;ambulant;01-09-2026\n".encode("utf-16"), "UTF-8"),
    "a NUL byte": (b"naam;programma;startdatum\nFl\x00eur;ambulant;01-09-2026\n", "stuurteken"),
    "a 1 MB cell": (
        b"naam;programma;startdatum\n" + b"F" * 1_000_000 + b";ambulant;01-09-2026\n",
        "langer dan 1000 tekens",
    ),
    "a right-to-left override": (
        "naam;programma;startdatum\nFleur \u202eraV;ambulant;01-09-2026\n".encode(),
        "omkeerteken",
    ),
    "31-02-2026": (b"naam;programma;startdatum\nFleur;ambulant;31-02-2026\n", "Geen datum"),
}


@pytest.mark.parametrize("what", HOSTILE_FILES, ids=list(HOSTILE_FILES))
def test_a_hostile_file_in_the_import_dialog_is_named_in_dutch(
    qtbot, window: MainWindow, tmp_path: Path, what: str
) -> None:
    content, words = HOSTILE_FILES[what]
    path = tmp_path / "map.csv"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    unlock(qtbot, window)
    before = record_counts(window)
    dialog = open_checked(qtbot, window, path)
    qtbot.waitUntil(lambda: dialog.problems.count() >= 1, timeout=WAIT_MS)
    first = dialog.problems.item(0).text()
    assert words in first, first
    assert len(first) < 400  # the cell itself is never shown
    assert not dialog.import_button.isEnabled()
    settle(qtbot, window)
    assert record_counts(window) == before


@pytest.mark.parametrize(
    "keys", [(Qt.Key.Key_L, CTRL), (Qt.Key.Key_H, CTRL | SHIFT)], ids=["lock", "quick-hide"]
)
def test_a_lock_from_the_import_dialog_closes_it(
    qtbot, window: MainWindow, tmp_path: Path, keys: tuple[Qt.Key, Any]
) -> None:
    unlock(qtbot, window)
    path = tmp_path / "caseload.csv"
    path.write_text("naam;programma;startdatum\nFleur;ambulant;01-09-2026\n", encoding="utf-8")
    dialog = open_checked(qtbot, window, path)
    qtbot.keyClick(dialog.path, *keys)
    qtbot.waitUntil(lambda: window.session is None, timeout=WAIT_MS)
    assert not window.export_dialogs
    assert window.pages.currentWidget() is window.unlock_screen
