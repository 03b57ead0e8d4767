"""Desktop tests: the real window on a real vault, driven through pytest-qt, in Dutch."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.case import Address, Case
from app.casework import Casework, new_id
from app.contact import Contact
from app.synthetic import populate
from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.conftest import NOW, PASSPHRASE
from ui.contact_form import ContactForm
from ui.forms.base import RecordForm
from ui.i18n import install_translator
from ui.main_window import MainWindow
from ui.settings import UiSettings

SECRET_STREET = "Verborgenhofje"
REPORT_WORD = "kwetsbaarheidsmatrix"
WAIT_MS = 15_000


@dataclass(frozen=True)
class DemoVault:
    path: Path
    secret_case_id: str
    report_case_id: str


@pytest.fixture(scope="session", autouse=True)
def dutch(qapp: QApplication) -> None:
    install_translator(qapp, "nl")


@pytest.fixture
def settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "koers.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def filled_vault(vault_path: Path, clock: FixedClock) -> DemoVault:
    """A locked vault with synthetic cases, one with a secret address and one whose report
    holds a known word."""
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        work = Casework(v)
        work.seed_default_programmes()
        populate(work, 12, seed=3)
        today = work.today()
        secret = Case(
            id=new_id(),
            display_name="Noor Verstopt",
            initials="N.V.",
            programme_id="moviera_wijk",
            phase_id=work.programme("moviera_wijk").phases[0].id,
            start_date=today - timedelta(days=20),
            worker="tester",
            address=Address(SECRET_STREET, "3", "1234 AB", "Schuilstad"),
            secret_address=True,
        )
        work.add_case(secret)
        work.record_contact(
            Contact(
                id=new_id(),
                case_id=secret.id,
                starts_at=NOW - timedelta(days=12),
                report=f"Samen de {REPORT_WORD} ingevuld.",
            )
        )
    return DemoVault(vault_path, secret.id, secret.id)


@pytest.fixture
def make_window(
    qtbot, settings: UiSettings, clock: FixedClock
) -> Iterator[Callable[[Path], MainWindow]]:
    windows: list[MainWindow] = []

    def make(path: Path) -> MainWindow:
        window = MainWindow(path, settings, clock=clock, kdf=TEST_KDF)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window, filled_vault: DemoVault) -> MainWindow:
    return make_window(filled_vault.path)


def settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)


def unlock(qtbot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    qtbot.keyClicks(window.unlock_screen.passphrase, passphrase)
    qtbot.keyClick(window.unlock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.board is not None, timeout=WAIT_MS)
    settle(qtbot, window)


def access_actions(window: MainWindow, record_id: str) -> list[str]:
    assert window.session is not None
    rows = window.session.vault.db.execute(
        "SELECT action FROM access_log WHERE record_id = ? ORDER BY seq", [record_id]
    )
    return [row[0] for row in rows]


def today(window: MainWindow) -> date:
    assert window.board is not None
    return window.board.today


def db_value(window: MainWindow, sql: str, *params: Any) -> Any:
    """The first column of the first row `sql` gives on the window's open vault (a count,
    a status, ...)."""
    assert window.session is not None
    return window.session.vault.db.execute(sql, params).fetchone()[0]


def open_case(qtbot, window: MainWindow, case_id: str) -> None:
    """Show the case file of `case_id` and wait until it is there."""
    window.open_case(case_id)
    qtbot.waitUntil(lambda: window.case_file.case_id == case_id, timeout=WAIT_MS)


def open_contact_form(qtbot, window: MainWindow, case_id: str) -> ContactForm:
    """Ctrl+N on the case file of `case_id`: the contact form it opens."""
    open_case(qtbot, window, case_id)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    form = window.forms[0]
    assert isinstance(form, ContactForm)
    return form


def crash_once_drafted(qtbot, window: MainWindow, where: str = "1") -> None:
    """Wait until the vault holds one draft matching `where` (SQL on the drafts table), then
    crash: the vault connection dies with no flush, no lock screen, no goodbye."""
    assert window.session is not None
    vault = window.session.vault
    sql = f"SELECT count(*) FROM drafts WHERE {where}"
    qtbot.waitUntil(lambda: vault.db.execute(sql).fetchone()[0] == 1, timeout=WAIT_MS)
    window.runner.submit(vault.lock)
    settle(qtbot, window)
    window.session = None


def restart(qtbot, make_window, path: Path) -> tuple[MainWindow, RecordForm]:
    """A new window on the vault at `path`, unlocked, with the one form a crash left as a
    draft reopened: the window and that form."""
    window = make_window(path)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: len(window.forms) == 1, timeout=WAIT_MS)
    return window, window.forms[0]
