"""The sociale kaart screen as a worker uses it, on a real vault: Ctrl+4 opens it, typing
filters the partners, an entry is added and changed with the keyboard, bad input is refused
in Dutch with nothing written, and a half-typed entry comes back after a crash."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.casework import Casework
from app.social_map import SocialMapEntry
from storage import journal
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.conftest import (
    WAIT_MS,
    DemoVault,
    crash_once_drafted,
    db_value,
    restart,
    settle,
    unlock,
)
from tests.ui.mnemonics import mnemonic_clashes, mnemonic_of
from ui.main_window import MainWindow
from ui.social_map_form import SocialMapForm
from ui.social_map_page import SocialMapPage

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
# The synthetic map every filled vault holds (app/synthetic.py social_map).
DEMO_PARTNERS = 4


def open_map(qtbot, window: MainWindow) -> SocialMapPage:
    """Ctrl+4, and wait until the map is read."""
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    page = window.social_map
    qtbot.waitUntil(lambda: page.loaded and page.model.rowCount() > 0, timeout=WAIT_MS)
    return page


def alt(qtbot, widget, text: str) -> None:
    """Press the Alt-key of a control whose text is `text` (Dutch once translated)."""
    qtbot.keyClick(widget, mnemonic_of(text).upper(), ALT)  # type: ignore[union-attr]


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def shown(page: SocialMapPage) -> list[str]:
    return [
        page.proxy.index(row, 0).data(Qt.ItemDataRole.DisplayRole)
        for row in range(page.proxy.rowCount())
    ]


def the_form(qtbot, window: MainWindow) -> SocialMapForm:
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    form = window.forms[0]
    assert isinstance(form, SocialMapForm)
    return form


def entries(window: MainWindow) -> list[SocialMapEntry]:
    assert window.session is not None
    return window.session.casework.social_map()


def journal_length(window: MainWindow) -> int:
    assert window.session is not None
    return len(journal.entries(window.session.vault.db))


def test_ctrl_4_opens_the_map_and_typing_filters_it(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    page = open_map(qtbot, window)
    assert window.workspace.currentWidget() is page
    assert window.social_map_action.isChecked() and not window.today_action.isChecked()
    assert page.search.hasFocus()
    assert page.model.rowCount() == DEMO_PARTNERS
    assert numbers(page.count.text()) == [DEMO_PARTNERS]

    qtbot.keyClicks(page.search, "SCHULD")
    assert shown(page) == ["Schuldhulp gemeente"]
    assert "Budgetbeheer en schuldregeling" in page.details.toPlainText()
    assert numbers(page.count.text()) == [1, DEMO_PARTNERS]  # "1 of 4 shown"
    page.search.clear()
    qtbot.keyClicks(page.search, "maaltijden noord")  # the offer and the area, any case
    assert shown(page) == ["Inloophuis De Brug"]
    page.search.clear()
    qtbot.keyClicks(page.search, "geen partner heet zo")
    assert shown(page) == [] and not page.change.isEnabled()
    assert "Geen partner bevat alle gezochte woorden" in page.details.toPlainText()
    page.search.clear()
    assert len(shown(page)) == DEMO_PARTNERS
    # Down goes from the search into the list, where Escape goes back.
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.chosen_id() is not None
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert page.search.hasFocus()
    # Ctrl+1 leaves it; the screen works with no server at all (this vault never enrolled).
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.workspace.currentWidget() is window.today
    assert not window.social_map_action.isChecked()


def test_a_partner_is_added_with_the_keyboard(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    page = open_map(qtbot, window)
    qtbot.keyClicks(page.search, "schuld")  # a search that will not show the new partner
    alt(qtbot, page, page.add.text())
    form = the_form(qtbot, window)
    assert form.organisation.hasFocus()
    qtbot.keyClicks(form.organisation, "  Wijkteam Zuid ")
    alt(qtbot, form, form.tr("&Contact person"))
    assert form.contact_person.hasFocus()
    qtbot.keyClicks(form.contact_person, "Sanne Bakker")
    qtbot.keyClick(form.contact_person, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.phone, "030-2223344")
    qtbot.keyClick(form.phone, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.offers, "Gezinsondersteuning en schuldhulp")
    qtbot.keyClick(form.offers, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.area, "Zuid")
    qtbot.keyClick(form.area, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)

    added = next(e for e in entries(window) if e.organisation == "Wijkteam Zuid")
    assert (added.contact_person, added.phone, added.offers, added.area) == (
        "Sanne Bakker",
        "030-2223344",
        "Gezinsondersteuning en schuldhulp",
        "Zuid",
    )
    qtbot.waitUntil(lambda: page.chosen_id() == added.id, timeout=WAIT_MS)
    assert "Wijkteam Zuid" in page.details.toPlainText()
    assert page.model.rowCount() == DEMO_PARTNERS + 1
    assert db_value(window, "SELECT count(*) FROM drafts") == 0


def test_a_partner_is_changed_and_only_the_change_is_written(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    page = open_map(qtbot, window)
    qtbot.keyClicks(page.search, "veilig thuis")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.table.hasFocus()
    before = next(e for e in entries(window) if e.organisation == "Veilig Thuis regio")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on a partner: change it
    form = the_form(qtbot, window)
    assert form.is_change and form.phone.text() == before.phone
    assert form.offers.toPlainText() == before.offers
    alt(qtbot, form, form.tr("&Phone"))
    form.phone.selectAll()
    qtbot.keyClicks(form.phone, "0800-2000")
    qtbot.keyClick(form.phone, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)

    after = next(e for e in entries(window) if e.id == before.id)
    assert after == SocialMapEntry(
        before.id, before.organisation, before.offers, before.contact_person, "0800-2000", "Noord"
    )
    written = [e for e in journal.entries(window.session.vault.db) if e.record_id == before.id]
    assert [(e.field, e.value) for e in written[1:]] == [("phone", "0800-2000")]
    qtbot.waitUntil(lambda: "0800-2000" in page.details.toPlainText(), timeout=WAIT_MS)


def test_bad_input_is_refused_in_dutch_and_nothing_is_written(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    page = open_map(qtbot, window)
    before = journal_length(window)
    page.add.click()
    form = the_form(qtbot, window)

    def refused(dutch: str) -> None:
        qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)
        settle(qtbot, window)  # a refusal by the service comes back from the vault thread
        assert dutch in form.message.text()
        assert form.isVisible()
        assert journal_length(window) == before and len(entries(window)) == DEMO_PARTNERS

    refused("Vul de organisatie in.")
    assert form.organisation.hasFocus()
    qtbot.keyClicks(form.organisation, "Buurtteam West")
    refused("Vul in wat de organisatie biedt.")
    assert form.offers.hasFocus()
    qtbot.keyClicks(form.offers, "Opvoedondersteuning")
    form.phone.setText("bel het algemene nummer")
    refused("Een telefoonnummer bevat alleen cijfers")
    assert form.phone.hasFocus()
    form.phone.setText("030-1112233")
    form.contact_person.setText("Jan\u202ereoB")  # a right-to-left override pasted in
    refused("onzichtbaar opmaakteken")
    form.contact_person.setText("Jan\x00")
    refused("stuurteken")
    # The same organisation and contact person as a partner on the map: refused by the
    # service on the vault thread, shown in the form.
    demo = next(e for e in entries(window) if e.organisation == "Buurtteam Oost")
    form.organisation.setText("buurtteam oost")
    form.contact_person.setText(demo.contact_person.upper())
    refused("staat al op de sociale kaart")
    form.contact_person.setText("Jan de Boer")
    qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    assert len(entries(window)) == DEMO_PARTNERS + 1


def test_a_half_typed_partner_comes_back_after_a_crash(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    first = make_window(filled_vault.path)
    unlock(qtbot, first)
    page = open_map(qtbot, first)
    page.add.click()
    form = the_form(qtbot, first)
    qtbot.keyClicks(form.organisation, "Sportclub De Sprint")
    qtbot.keyClicks(form.offers, "Gratis sporten voor kinderen")
    crash_once_drafted(qtbot, first, "form = 'social_map_entry' AND payload LIKE '%Gratis%'")

    second, restored = restart(qtbot, make_window, filled_vault.path)
    assert isinstance(restored, SocialMapForm) and not restored.is_change
    assert restored.organisation.text() == "Sportclub De Sprint"
    assert restored.offers.toPlainText() == "Gratis sporten voor kinderen"
    assert restored.draft_state.text() == QCoreApplication.translate("RecordForm", "Draft restored")
    qtbot.keyClick(restored, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not second.forms, timeout=WAIT_MS)
    settle(qtbot, second)
    assert [e.organisation for e in entries(second)].count("Sportclub De Sprint") == 1
    assert db_value(second, "SELECT count(*) FROM drafts") == 0


def test_a_half_typed_change_comes_back_and_keeps_a_colleagues_change(
    qtbot, make_window, filled_vault: DemoVault
) -> None:
    first = make_window(filled_vault.path)
    unlock(qtbot, first)
    page = open_map(qtbot, first)
    target = next(e for e in entries(first) if e.organisation == "Inloophuis De Brug")
    assert page.select(target.id)
    page.change.click()
    form = the_form(qtbot, first)
    form.phone.setText("030-5556677")
    crash_once_drafted(qtbot, first, "form = 'social_map_entry' AND payload LIKE '%5556677%'")
    # Meanwhile a colleague's change of the area arrived (written as sync would).
    with Vault.open(filled_vault.path, PASSPHRASE) as vault:
        work = Casework(vault)
        work.update_social_map_entry(
            SocialMapEntry(target.id, target.organisation, target.offers, area="Centrum"),
            ["area"],
        )

    second, restored = restart(qtbot, make_window, filled_vault.path)
    assert isinstance(restored, SocialMapForm) and restored.is_change
    assert restored.phone.text() == "030-5556677"
    qtbot.keyClick(restored, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not second.forms, timeout=WAIT_MS)
    settle(qtbot, second)
    saved = next(e for e in entries(second) if e.id == target.id)
    assert (saved.phone, saved.area) == ("030-5556677", "Centrum")


def test_the_screen_fits_1024_pixels_and_locking_clears_it(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.resize(1024, 768)
    page = open_map(qtbot, window)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024 and window.width() <= 1024
    hide = window.toolbar.widgetForAction(window.hide_action)
    assert hide is not None and hide.isVisible()
    assert hide.geometry().right() <= window.toolbar.width()
    assert mnemonic_clashes(page) == {}
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert not window.unlocked
    assert page.model.rowCount() == 0 and page.details.toPlainText() == ""
    assert page.search.text() == ""


def test_a_case_partner_is_picked_from_the_map(qtbot, window: MainWindow, filled_vault) -> None:
    unlock(qtbot, window)
    case_id = filled_vault.secret_case_id
    window.edit_case(case_id)
    qtbot.waitUntil(lambda: len(window.forms) == 1 and window.forms[0].isVisible(), timeout=WAIT_MS)
    form = window.forms[0]
    editor = form.partners_editor
    tab = next(i for i in range(form.tabs.count()) if form.tabs.widget(i).isAncestorOf(editor))
    form.tabs.setCurrentIndex(tab)  # the Network tab
    picker = editor.widgets["organisation"]
    editor.add_person()  # the new partner's kind has the focus; its Alt-key reaches the name
    alt(qtbot, form, QCoreApplication.translate("PeopleEditor", "&Organisation"))
    assert picker.hasFocus()
    qtbot.keyClicks(picker, "schuld")
    qtbot.waitUntil(picker.popup().isVisible, timeout=WAIT_MS)
    qtbot.keyClick(picker.popup(), Qt.Key.Key_Return)
    chosen = next(e for e in entries(window) if e.organisation == "Schuldhulp gemeente")
    assert picker.text() == "Schuldhulp gemeente"
    assert editor.widgets["contact_person"].text() == chosen.contact_person
    assert editor.widgets["phone"].text() == chosen.phone
    assert editor.value()[-1]["social_map_id"] == chosen.id
    # A partner not on the map is typed as it is: no link.
    editor.add_person()
    qtbot.keyClicks(picker, "Huisarts Jansen")
    qtbot.keyClick(picker.popup(), Qt.Key.Key_Escape)
    assert editor.value()[-1]["social_map_id"] is None
    qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.forms, timeout=WAIT_MS)
    settle(qtbot, window)

    assert window.session is not None
    partners = {p.organisation: p for p in window.session.casework.case_file(case_id).partners}
    assert partners["Schuldhulp gemeente"].social_map_id == chosen.id
    assert partners["Schuldhulp gemeente"].phone == chosen.phone
    assert partners["Huisarts Jansen"].social_map_id is None
