"""The sociale kaart travels between laptops through the real server: it is an organisation
record (sync/server/access.py: every role but the beheerder, who enrols no laptop, may write
it), so an entry one worker adds reaches colleagues who share no case with them; edits of
different fields merge, and a same-field clash keeps the losing value where the worker sees
it in the sociale kaart screen and takes it back with one click."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from app.casework import new_id
from app.social_map import SocialMapEntry
from storage import journal
from sync.server import admin
from tests.sync.laptop_window import laptop_window
from tests.sync.test_people_sync import in_step
from tests.ui.conftest import WAIT_MS, settle
from tests.ui.test_case_file_actions import _click_link


def partner(**fields: str) -> SocialMapEntry:
    values = {
        "id": new_id(),
        "organisation": "Buurtteam Oost",
        "offers": "Ondersteuning bij opvoeden, geld en wonen",
        "contact_person": "Jan de Boer",
        "phone": "030-1234567",
        "area": "Oost",
    }
    values.update(fields)
    return SocialMapEntry(**values)  # type: ignore[arg-type]


def test_an_entry_added_on_one_laptop_reaches_colleagues_of_other_teams(server, laptop) -> None:
    admin.add_team(server.engine, "oost")
    admin.add_team(server.engine, "west")
    server.add_user("anna", team="oost")
    server.add_user("bert", team="west")
    server.add_user("gerda", role="gedragswetenschapper", team="west")
    anna, bert, gerda = laptop("anna"), laptop("bert"), laptop("gerda")
    added = partner()
    anna.casework.add_social_map_entry(added)  # offline: nothing synced yet
    assert bert.casework.social_map() == []
    in_step(anna, bert, gerda)
    assert bert.casework.social_map() == [added] == gerda.casework.social_map()

    # A gedragswetenschapper may change it too; edits of different fields merge.
    gerda.casework.update_social_map_entry(replace(added, area="Oost en Centrum"), ["area"])
    bert.casework.update_social_map_entry(replace(added, phone="030-7654321"), ["phone"])
    in_step(gerda, bert, anna)
    for machine in (anna, bert, gerda):
        (entry,) = machine.casework.social_map()
        assert (entry.area, entry.phone) == ("Oost en Centrum", "030-7654321")
        assert machine.casework.conflicts() == []


def test_an_entry_imported_on_one_laptop_arrives_whole(server, laptop, tmp_path: Path) -> None:
    from app.social_map_import import import_social_map, plan_social_map_rows

    server.add_user("anna")
    server.add_user("bert")
    anna, bert = laptop("anna"), laptop("bert")
    data = (
        b"organisatie;aanbod;contactpersoon;telefoon;gebied\n"
        b"Inloophuis De Brug;Inloop, maaltijden;;030-111222;Centrum\n"
        b"Schuldhulp gemeente;Budgetbeheer;Fatima Yilmaz;14 030;\n"
    )
    import_social_map(anna.casework, plan_social_map_rows(anna.casework, data, "lijst.csv"))
    in_step(anna, bert)
    assert {e.organisation for e in bert.casework.social_map()} == {
        "Inloophuis De Brug",
        "Schuldhulp gemeente",
    }
    assert bert.casework.social_map() == anna.casework.social_map()


def test_the_same_field_on_two_laptops_is_a_conflict_taken_in_the_screen(
    server, laptop, qtbot, tmp_path: Path
) -> None:
    server.add_user("anna")
    server.add_user("bert")
    anna, bert = laptop("anna"), laptop("bert")
    added = partner()
    anna.casework.add_social_map_entry(added)
    in_step(anna, bert)
    # Offline on both: each types another phone number for the same partner.
    anna.casework.update_social_map_entry(replace(added, phone="030-1111111"), ["phone"])
    bert.casework.update_social_map_entry(replace(added, phone="030-2222222"), ["phone"])
    stamps = {
        journal.entries(m.vault.db)[-1].hlc: journal.entries(m.vault.db)[-1].value
        for m in (anna, bert)
    }
    winner, loser = stamps[max(stamps)], stamps[min(stamps)]
    in_step(anna, bert)
    for machine in (anna, bert):
        assert machine.casework.get(SocialMapEntry, added.id).phone == winner
        assert [(c.record_type, c.field, c.losing_value) for c in machine.casework.conflicts()] == [
            ("social_map_entry", "phone", loser)
        ]

    # Bert opens the sociale kaart: the partner is marked, the other value is beside the
    # phone, and one click takes it.
    with laptop_window(qtbot, bert, tmp_path, (1366, 768)) as window:
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        page = window.social_map
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
        assert page.select(added.id)
        organisation = page.proxy.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
        assert organisation == "⚠ Buurtteam Oost"
        details = page.details.toPlainText()
        assert winner in details and f"«{loser}»" in details

        _click_link(qtbot, page.details, f"«{loser}»")
        qtbot.waitUntil(lambda: "«" not in page.details.toPlainText(), timeout=WAIT_MS)
        settle(qtbot, window)
        assert window.session is not None
        assert window.session.casework.get(SocialMapEntry, added.id).phone == loser
        assert page.proxy.index(0, 0).data(Qt.ItemDataRole.DisplayRole) == "Buurtteam Oost"
        assert loser in page.details.toPlainText()

    # Taking it was a new change: it reaches the other laptop and wins there too.
    in_step(bert, anna)
    for machine in (anna, bert):
        assert machine.casework.get(SocialMapEntry, added.id).phone == loser
        assert machine.casework.conflicts() == []
