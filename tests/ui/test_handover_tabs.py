"""The handover, case-discussion and contacts tabs as a worker uses them (pytest-qt, real
vault): the sociale-kaart picker, warm handover notes, discussions prepared and then
discussed, a done contact corrected with its earlier text kept readable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.social_map import SocialMapEntry
from ui.forms.social_map_picker import SocialMapPicker, matches

WEST = SocialMapEntry(
    "sm-west", "Buurtteam West", "schuldhulp, opvoeding", "Fleur Jansen", "010-1111111", "Kralingen"
)
OOST = SocialMapEntry(
    "sm-oost",
    "Buurtteam Oost",
    "financiën en formulieren",
    "Ahmed Bakker",
    "010-2222222",
    "Feijenoord",
)
GGZ = SocialMapEntry("sm-ggz", "GGZ Delfland", "traumabehandeling", "", "", "Delft")
MAP = [WEST, OOST, GGZ]


# --- the sociale-kaart picker ---------------------------------------------------------------


def test_search_looks_through_organisation_person_offers_and_area() -> None:
    assert matches(OOST, "financien")  # accents and case ignored
    assert matches(WEST, "fleur kralingen")  # every word, in any field
    assert matches(GGZ, "delft trauma")
    assert not matches(WEST, "fleur feijenoord")
    assert all(matches(e, "") for e in MAP)


def test_typing_filters_the_map_and_enter_picks(qtbot) -> None:
    picker = SocialMapPicker(with_contact_person=True)
    qtbot.addWidget(picker)
    picker.set_entries(MAP)
    picker.show()
    qtbot.keyClicks(picker, "formulieren")
    popup = picker.popup()
    qtbot.waitUntil(popup.isVisible)
    assert picker.completer_.completionModel().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.value() == ("Buurtteam Oost – Ahmed Bakker", "sm-oost")
    assert picker.chosen_entry() == OOST


def test_a_name_not_on_the_map_is_free_text_and_drops_the_link(qtbot) -> None:
    picker = SocialMapPicker()
    qtbot.addWidget(picker)
    picker.set_entries(MAP)
    picker.show()
    qtbot.keyClick(picker, Qt.Key.Key_Down)  # the whole list
    popup = picker.popup()
    qtbot.waitUntil(popup.isVisible)
    assert picker.completer_.completionModel().rowCount() == 3
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.value() == ("Buurtteam West", "sm-west")
    picker.selectAll()
    qtbot.keyClicks(picker, "Huisarts Van Dam")
    qtbot.keyClick(picker.popup(), Qt.Key.Key_Escape)
    assert picker.value() == ("Huisarts Van Dam", "")
    # A name typed exactly as one entry has it links that entry.
    picker.setText("ggz delfland")
    assert picker.social_map_id() == "sm-ggz"


def test_a_draft_brings_the_link_back_in_either_order(qtbot) -> None:
    twins = [WEST, SocialMapEntry("sm-west-2", "Buurtteam West", "jeugd", "Kim", "", "Noord")]
    for order in ("name first", "id first"):
        picker = SocialMapPicker()
        qtbot.addWidget(picker)
        picker.set_entries(twins)
        if order == "name first":
            picker.setText("Buurtteam West")
            assert picker.social_map_id() == ""  # two entries by that name: not guessed
            picker.set_social_map_id("sm-west-2")
        else:
            picker.set_social_map_id("sm-west-2")
            picker.setText("Buurtteam West")
        assert picker.value() == ("Buurtteam West", "sm-west-2"), order
