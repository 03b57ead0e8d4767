"""The server, not the laptop, says who made a change and who holds a case (issue 14, kind 2),
and a handover never deletes work the server does not hold (kind 4). Real server (SQLite and
PostgreSQL), real vaults; hostile pushes are raw requests with a real device token."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from app.casework import new_id
from app.contact import Contact
from app.sync_service import sync_now
from storage import sync_state
from sync.server import admin, late
from sync.server.errors import AdminError
from sync.server.store import changes, devices, previous_assignments
from sync.server_cli import run as server_cli
from tests.app.test_casework import new_case
from tests.sync.server_harness import PASSWORD
from tests.sync.wire_records import created_fields


def token_of(machine) -> str:  # type: ignore[no-untyped-def]
    return str(sync_state.get(machine.vault, sync_state.DEVICE_TOKEN))


def raw_push(server, machine, *changes_: dict) -> dict:  # type: ignore[no-untyped-def]
    response = httpx.post(
        f"{server.url}/v1/push",
        headers={"Authorization": f"Bearer {token_of(machine)}"},
        json={"changes": list(changes_)},
    )
    assert response.status_code == 200, response.text
    return response.json()


def stamp(machine, clock_id: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """A fresh, honest stamp of `machine` (or one naming `clock_id`)."""
    hlc = machine.vault.next_hlc()
    if clock_id is None:
        return hlc
    wall, counter, _ = hlc.split(":", 2)
    return f"{wall}:{counter}:{clock_id}"


def phone_change(case_id: str, hlc: str, phone: str, device_id: str = "x") -> dict:
    return {
        "change_id": str(uuid.uuid4()),
        "record_type": "case",
        "record_id": case_id,
        "fields": {"phone": phone},
        "hlc": hlc,
        "device_id": device_id,
    }


def test_a_push_claiming_another_laptops_device_is_refused(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    first, second = laptop("anna"), laptop("anna")
    other = laptop("bram")
    case = new_case(first.casework)
    sync_now(first.vault)
    sync_now(second.vault)
    # Bram's laptop stamps a change as if made on Anna's second laptop.
    spoofed = phone_change(case.id, stamp(other, second.device_id), "06-99999999")
    spoofed["device_id"] = second.vault.device_id
    answer = raw_push(server, other, spoofed)
    assert answer["accepted"] == []
    assert answer["rejected"][0]["reason"] == (
        "the change is stamped by another device than this one"
    )
    # Anna's own first laptop, stamping as her second one: refused as well.
    own_spoof = phone_change(case.id, stamp(first, second.vault.device_id), "06-88888888")
    assert raw_push(server, first, own_spoof)["accepted"] == []
    # A laptop that names another device only in the device_id field: stored under its own.
    honest = phone_change(case.id, stamp(first), "06-77777777", device_id=second.vault.device_id)
    assert raw_push(server, first, honest)["accepted"] == [honest["change_id"]]
    with server.engine.connect() as conn:
        stored = conn.execute(
            select(changes.c.device_id).where(changes.c.change_id == honest["change_id"])
        ).scalar_one()
    assert stored == first.vault.device_id
    # Both of Anna's laptops end with the same phone: the second did not skip it as its own.
    for machine in (first, second):
        sync_now(machine.vault)
    assert first.casework.get_case(case.id).phone == "06-77777777"
    assert second.casework.get_case(case.id).phone == "06-77777777"


def test_a_known_change_id_with_other_content_is_refused_and_logged(server, laptop, caplog) -> None:
    server.add_user("anna")
    first = laptop("anna")
    case = new_case(first.casework)
    sync_now(first.vault)
    original = phone_change(case.id, stamp(first), "06-11111111")
    assert raw_push(server, first, original)["accepted"] == [original["change_id"]]
    # The same change again: answered as before, nothing doubled.
    assert raw_push(server, first, original)["accepted"] == [original["change_id"]]
    forged = dict(original, fields={"phone": "06-22222222"})
    with caplog.at_level("WARNING", logger="koers.server"):
        answer = raw_push(server, first, forged)
    assert answer["accepted"] == []
    assert answer["rejected"][0]["reason"] == "this change id is known with other content"
    assert original["change_id"] in caplog.text
    assert "06-22222222" not in caplog.text and "06-11111111" not in caplog.text
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(changes.c.fields).where(changes.c.change_id == original["change_id"])
        ).all()
    assert [json.loads(r.fields) for r in rows] == [{"phone": "06-11111111"}]
    sync_now(first.vault)
    assert first.casework.get_case(case.id).phone == "06-11111111"


def test_me_names_the_account_and_the_laptop_apart(server, laptop) -> None:
    server.add_user("anna")
    first = laptop("anna")
    answer = httpx.get(
        f"{server.url}/v1/me", headers={"Authorization": f"Bearer {token_of(first)}"}
    ).json()
    assert answer["user"] == "anna"
    assert answer["device_name"] != "anna"
    assert answer["server_time_ms"] > 0


def test_an_assignment_writes_who_holds_the_case_on_every_laptop(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    server.add_user("noor")
    mine, bram = laptop("anna"), laptop("bram")
    case = new_case(mine.casework)  # worker: free text "tester"
    sync_now(mine.vault)
    # The server wrote the account name over the laptop's free text.
    assert mine.casework.get_case(case.id).worker == "anna"
    assert server_cli(["--database", server.database_url, "assign", case.id, "bram"]) == 0
    admin.assign(server.engine, case.id, "bram", backup="noor")
    sync_now(bram.vault)
    held = bram.casework.get_case(case.id)
    assert (held.worker, held.backup_worker) == ("bram", "noor")
    # A laptop cannot set who holds a case.
    sync_now(mine.vault)
    edited = replace(bram.casework.get_case(case.id), backup_worker="iemand anders")
    bram.casework.update_case(edited)
    report = sync_now(bram.vault)
    assert report.rejected and "set by the server" in report.rejected[0]
    # Refused, so kept on that laptop and listed there; everyone else keeps the server's.
    assert sync_state.case_has_unsent_changes(bram.vault, case.id, refused_count=True)
    fresh = laptop("bram")
    sync_now(fresh.vault)
    assert fresh.casework.get_case(case.id).backup_worker == "noor"


def _hand_over_past_grace(server, case_id: str, new_holder: str) -> None:  # type: ignore[no-untyped-def]
    admin.assign(server.engine, case_id, new_holder)
    with server.engine.begin() as conn:
        conn.execute(
            update(previous_assignments)
            .where(previous_assignments.c.case_id == case_id)
            .values(until=previous_assignments.c.until - 15 * 86400)
        )


def test_a_handover_keeps_the_old_holders_unsent_report_for_the_new_holder(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    mine, bram = laptop("anna"), laptop("bram")
    case = new_case(mine.casework)
    sync_now(mine.vault)
    # Offline at the client's home: a home-visit report.
    contact = Contact(
        new_id(),
        case.id,
        mine.vault.now(),
        report="Huisbezoek: afspraken doorgenomen, zus blijft logeren.",
    )
    mine.casework.record_contact(contact)
    _hand_over_past_grace(server, case.id, "bram")
    report = sync_now(mine.vault)
    # Refused because the case moved, but kept by the server: not "refused", not lost.
    assert report.kept_late == 1 and report.rejected == []
    assert report.purged_cases == 1
    waiting = late.list_all(server.engine)
    assert [(w.case_id, w.record_type, w.from_user) for w in waiting] == [
        (case.id, "contact", "anna")
    ]
    sync_now(bram.vault)
    assert bram.casework.open_case(case.id).contacts == []
    # The new holder sees it and accepts it; then it is part of the case.
    headers = {"Authorization": f"Bearer {token_of(bram)}"}
    listed = httpx.get(f"{server.url}/v1/cases/{case.id}/late", headers=headers).json()
    assert [item["change"]["fields"]["report"] for item in listed] == [contact.report]
    # The old holder may not see or accept it any more.
    old = {"Authorization": f"Bearer {token_of(mine)}"}
    assert httpx.get(f"{server.url}/v1/cases/{case.id}/late", headers=old).status_code == 404
    accept = f"{server.url}/v1/late/{listed[0]['id']}/accept"
    assert httpx.post(accept, headers=old).status_code == 404
    assert httpx.post(accept, headers=headers).status_code == 200
    assert httpx.post(accept, headers=headers).status_code == 403
    sync_now(bram.vault)
    reports = [c.report for c in bram.casework.open_case(case.id).contacts]
    assert reports == [contact.report]


def test_the_operator_accepts_a_late_arrival_from_the_command_line(server, laptop, capsys) -> None:
    server.add_user("anna")
    server.add_user("bram")
    mine, bram = laptop("anna"), laptop("bram")
    case = new_case(mine.casework)
    sync_now(mine.vault)
    mine.casework.update_case(replace(mine.casework.get_case(case.id), phone="06-12312312"))
    _hand_over_past_grace(server, case.id, "bram")
    assert sync_now(mine.vault).kept_late == 1
    capsys.readouterr()
    assert server_cli(["--database", server.database_url, "late", "list"]) == 0
    listed = capsys.readouterr().out
    assert case.id in listed and "06-12312312" not in listed
    late_id = listed.split("\t", 1)[0]
    assert server_cli(["--database", server.database_url, "late", "accept", late_id]) == 0
    assert server_cli(["--database", server.database_url, "late", "accept", late_id]) == 1
    assert "accepted already" in capsys.readouterr().err
    sync_now(bram.vault)
    assert bram.casework.get_case(case.id).phone == "06-12312312"


def test_a_case_with_refused_work_is_never_purged(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    mine = laptop("anna")
    case = new_case(mine.casework)
    sync_now(mine.vault)
    # A change the server refuses for a reason of its own (a field the server owns).
    mine.casework.update_case(replace(mine.casework.get_case(case.id), worker="zelf gekozen"))
    mine.casework.update_case(replace(mine.casework.get_case(case.id), phone="06-45645645"))
    _hand_over_past_grace(server, case.id, "bram")
    report = sync_now(mine.vault)
    assert report.rejected and report.purged_cases == 0
    assert mine.casework.get_case(case.id).phone == "06-45645645"
    assert sync_state.case_has_unsent_changes(mine.vault, case.id, refused_count=True)


def test_a_new_case_from_a_laptop_is_held_by_its_account(server, laptop) -> None:
    server.add_user("anna")
    mine = laptop("anna")
    case = new_case(mine.casework, backup_worker="Vrije tekst")
    sync_now(mine.vault)
    held = mine.casework.get_case(case.id)
    assert (held.worker, held.backup_worker) == ("anna", "Vrije tekst")
    with server.engine.connect() as conn:
        clock_ids = set(conn.execute(select(devices.c.clock_id)).scalars())
    assert clock_ids == {mine.vault.device_id}


def test_replayed_push_after_a_reply_was_lost_doubles_nothing(server, laptop) -> None:
    server.add_user("anna")
    mine = laptop("anna")
    case = new_case(mine.casework)
    mine.casework.record_contact(
        Contact(new_id(), case.id, mine.vault.now() - timedelta(hours=1), brief=True)
    )
    sync_now(mine.vault)
    with mine.vault.transaction():
        sync_state.put(mine.vault, sync_state.PUSHED_SEQ, 0)
    report = sync_now(mine.vault)
    assert report.rejected == [] and report.pushed == 2
    with server.engine.connect() as conn:
        assert conn.execute(select(changes.c.seq)).all().__len__() == 3  # + the server's


def test_a_case_cannot_start_with_a_partial_update(server, laptop) -> None:
    """A change to a case the server has never seen must be that case's creation: an update
    alone would leave every laptop that receives it a case without its fields."""
    server.add_user("anna")
    mine = laptop("anna")
    answer = raw_push(server, mine, phone_change(str(uuid.uuid4()), stamp(mine), "06-1"))
    assert answer["accepted"] == []
    assert answer["rejected"][0]["code"] == "invalid"
    assert "must arrive as its creation" in answer["rejected"][0]["reason"]


def test_enrolment_cannot_take_another_accounts_clock_id(server, laptop) -> None:
    """A laptop that registered the clock id of a colleague's laptop could stamp changes as
    that laptop: enrolment refuses it (409), the same account may enrol its vault again."""
    server.add_user("anna")
    server.add_user("bram")
    mine = laptop("anna")
    body = {"password": PASSWORD, "device_name": "t", "clock_id": mine.vault.device_id}
    taken = httpx.post(f"{server.url}/v1/enroll", json={"user": "bram", **body})
    assert taken.status_code == 409
    assert taken.json()["detail"] == "this clock id belongs to a device of another account"
    again = httpx.post(f"{server.url}/v1/enroll", json={"user": "anna", **body})
    assert again.status_code == 200


def test_a_record_id_of_another_type_is_refused_and_the_purge_takes_only_its_case(
    server, laptop
) -> None:
    """Eve names Anna's case and contact ids as records of other types in a closed case of
    her own: refused, and the retention purge of Eve's case leaves Anna's untouched."""
    server.add_user("anna")
    server.add_user("eve")
    anna, eve = laptop("anna"), laptop("eve")
    case = new_case(anna.casework)
    contact = Contact(new_id(), case.id, anna.vault.now(), report="Huisbezoek.")
    anna.casework.record_contact(contact)
    sync_now(anna.vault)
    own = new_case(eve.casework)
    sync_now(eve.vault)
    for record_type, record_id in (("goal", case.id), ("action", contact.id)):
        fields = created_fields(record_type, own.id)
        forged = {
            "change_id": str(uuid.uuid4()),
            "record_type": record_type,
            "record_id": record_id,
            "fields": fields,
            "hlc": stamp(eve),
            "created": True,
        }
        answer = raw_push(server, eve, forged)
        assert answer["rejected"][0]["reason"] == (
            "the record id is in use by a record of another type"
        )
    closed = phone_change(own.id, stamp(eve), "x")
    closed["fields"] = {"status": "afgesloten"}
    assert raw_push(server, eve, closed)["accepted"]
    assert admin.purge_closed_cases(server.engine, 1, now=time.time() + 3 * 86400) == [own.id]
    fresh = laptop("anna")
    sync_now(fresh.vault)
    assert [c.report for c in fresh.casework.open_case(case.id).contacts] == [contact.report]


def test_the_purge_takes_a_cases_late_arrivals_with_it(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    mine, bram = laptop("anna"), laptop("bram")
    case = new_case(mine.casework)
    sync_now(mine.vault)
    mine.casework.update_case(replace(mine.casework.get_case(case.id), phone="06-31313131"))
    _hand_over_past_grace(server, case.id, "bram")
    assert sync_now(mine.vault).kept_late == 1
    sync_now(bram.vault)
    closing = phone_change(case.id, stamp(bram), "x")
    closing["fields"] = {"status": "afgesloten"}
    assert raw_push(server, bram, closing)["accepted"]
    admin.purge_closed_cases(server.engine, 1, now=time.time() + 3 * 86400)
    assert late.list_all(server.engine, include_accepted=True) == []


def test_a_laptop_enrolled_after_the_handover_cannot_write_into_the_case(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    mine = laptop("anna")
    case = new_case(mine.casework)
    sync_now(mine.vault)
    admin.assign(server.engine, case.id, "bram")  # within the grace period
    newer = laptop("anna")  # enrolled after the handover, never pulled
    made = stamp(newer)
    wall, _, clock_id = made.split(":", 2)
    an_hour_ago = f"{int(wall) - 3_600_000:015d}:00000:{clock_id}"
    answer = raw_push(server, newer, phone_change(case.id, an_hour_ago, "06-66666666"))
    assert answer["accepted"] == [] and answer["rejected"][0]["code"] == "kept_late"


def test_a_repeated_creation_cannot_set_who_holds_the_case(server, laptop) -> None:
    server.add_user("anna")
    mine = laptop("anna")
    case = new_case(mine.casework)
    sync_now(mine.vault)
    again = {
        "change_id": str(uuid.uuid4()),
        "record_type": "case",
        "record_id": case.id,
        "fields": {**created_fields("case"), "worker": "eve", "backup_worker": "eve"},
        "hlc": stamp(mine),
        "created": True,
    }
    answer = raw_push(server, mine, again)
    assert answer["accepted"] == [] and "set by the server" in answer["rejected"][0]["reason"]


def test_assign_refuses_a_disabled_worker_and_a_worker_as_own_backup(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    case = new_case(laptop("anna").casework)
    admin.disable_user(server.engine, "bram")
    with pytest.raises(AdminError, match="is disabled"):
        admin.assign(server.engine, case.id, "bram")
    with pytest.raises(AdminError, match="someone other than the worker"):
        admin.assign(server.engine, case.id, "anna", backup="anna")
