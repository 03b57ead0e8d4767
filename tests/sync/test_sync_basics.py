"""Two laptops and the real server: edits travel, merge per field, and nothing is lost."""

from __future__ import annotations

from datetime import timedelta

from app.case import Case
from app.casework import new_id
from app.contact import Contact
from app.sync_service import sync_now
from storage import access_log, sync_state
from sync.protocol import SERVER_CLOCK_ID
from tests.app.test_casework import new_case


def test_case_created_offline_reaches_the_other_laptop(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case = new_case(first.casework)
    first.casework.record_contact(Contact(new_id(), case.id, first.vault.now(), brief=True))
    report = sync_now(first.vault)
    assert report.pushed == 2 and not report.rejected
    sync_now(second.vault)
    assert second.casework.get_case(case.id) == first.casework.get_case(case.id)
    assert len(second.casework.open_case(case.id).contacts) == 1
    received = access_log.entries(second.vault.db, action="sync")
    assert {e.record_id for e in received} >= {case.id}
    assert all(e.actor == "anna" and e.detail == "received" for e in received)
    assert sync_state.pending_changes(first.vault) == 0


def test_different_fields_merge_and_same_field_keeps_the_loser(server, laptop) -> None:
    from dataclasses import replace

    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case = new_case(first.casework)
    sync_now(first.vault)
    sync_now(second.vault)
    # Offline on both: different fields, and the same field.
    first.casework.update_case(
        replace(first.casework.get_case(case.id), phone="06-11111111", language="ar")
    )
    second.casework.update_case(
        replace(second.casework.get_case(case.id), language="tr", initials="C.B.")
    )
    for machine in (first, second, first):
        sync_now(machine.vault)
    one, two = first.casework.get_case(case.id), second.casework.get_case(case.id)
    assert one == two
    assert one.phone == "06-11111111" and one.initials == "C.B."
    losing = {c.losing_value for m in (first, second) for c in m.casework.conflicts(case.id)}
    assert {"ar", "tr"} - {one.language} <= losing


def test_conflict_can_be_restored(server, laptop) -> None:
    from dataclasses import replace

    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case = new_case(first.casework)
    sync_now(first.vault)
    sync_now(second.vault)
    first.casework.update_case(replace(first.casework.get_case(case.id), language="ar"))
    second.casework.update_case(replace(second.casework.get_case(case.id), language="tr"))
    sync_now(first.vault)
    sync_now(second.vault)
    sync_now(first.vault)
    holder = next(m for m in (first, second) if m.casework.conflicts(case.id))
    conflict = holder.casework.conflicts(case.id)[0]
    holder.casework.restore_conflict(conflict.id)
    for machine in (holder, first, second):
        sync_now(machine.vault)
    assert first.casework.get_case(case.id).language == conflict.losing_value
    assert second.casework.get_case(case.id).language == conflict.losing_value


def test_worker_sees_only_assigned_cases(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    anna, bram = laptop("anna"), laptop("bram")
    case = new_case(anna.casework)
    sync_now(anna.vault)
    sync_now(bram.vault)
    assert not bram.casework.store.rows("case")
    # Bram writes a contact into Anna's case: refused with a reason, the rest still applies.
    from sqlalchemy import func, select

    from sync.server.store import changes
    from tests.sync.wire_records import created_fields

    bram.casework.store.insert(
        "contact",
        new_id(),
        created_fields(
            "contact",
            case.id,
            status="gedaan",
            kind="telefoon",
            starts_at="2026-11-20T09:00:00Z",
        ),
    )
    own = new_case(bram.casework)
    report = sync_now(bram.vault)
    assert report.rejected == ["no access to this case"] and report.pushed == 1
    with server.engine.connect() as conn:
        cases_of_anna = conn.execute(
            select(func.count())
            .select_from(changes)
            .where(changes.c.case_id == case.id, changes.c.device_id != SERVER_CLOCK_ID)
        ).scalar()
    assert cases_of_anna == 1  # Anna's creation; the server's own change names its holder
    assert bram.casework.get_case(own.id).id == own.id


def test_replayed_push_doubles_nothing(server, laptop) -> None:
    from app.sync_service import _as_change
    from storage import journal
    from sync.client import HttpTransport

    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case = new_case(first.casework)
    sync_now(first.vault)
    entries = journal.entries(first.vault.db)
    transport = HttpTransport(server.url, sync_state.get(first.vault, sync_state.DEVICE_TOKEN))
    again = transport.push([_as_change(e) for e in entries])
    assert set(again.accepted) == {e.change_id for e in entries} and not again.rejected
    from sqlalchemy import func, select

    from sync.server.store import changes

    with server.engine.connect() as conn:
        from_laptops = select(func.count()).where(changes.c.device_id != SERVER_CLOCK_ID)
        assert conn.execute(from_laptops).scalar() == len(entries)
    sync_now(second.vault)
    assert second.casework.get_case(case.id) == first.casework.get_case(case.id)
    assert isinstance(case, Case)


def test_a_case_held_while_hidden_misses_no_change_when_it_comes_back(server, laptop) -> None:
    """Found by the stateful test: a pull that stops before following assignments leaves a
    handed-away case on the laptop while the server leaves its changes out."""
    from app.sync_service import SyncReport, pull_changes, transport_for
    from sync.server import admin

    server.add_user("anna")
    server.add_user("bram")
    anna, bram = laptop("anna"), laptop("bram")
    case = new_case(anna.casework)
    sync_now(anna.vault)
    admin.assign(server.engine, case.id, "bram")
    sync_now(bram.vault)
    admin.assign(server.engine, case.id, "anna")
    sync_now(anna.vault)
    contact = Contact(new_id(), case.id, anna.vault.now() - timedelta(hours=1), brief=True)
    anna.casework.record_contact(contact)
    sync_now(anna.vault)
    pull_changes(bram.vault, transport_for(bram.vault), SyncReport())  # an interrupted sync
    assert bram.casework.store.get("case", case.id) is not None  # still held, not visible
    admin.assign(server.engine, case.id, "bram")
    sync_now(bram.vault)
    assert [c.id for c in bram.casework.open_case(case.id).contacts] == [contact.id]
