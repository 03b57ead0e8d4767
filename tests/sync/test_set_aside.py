"""A change the server let through in the past (written straight into its database here, as an
older server stored it) is set aside on every laptop that pulls it: kept whole in the vault,
shown to the worker with the case's name and a Dutch reason, and the rest of the pull
applies. The caseload and the case still open; the command line names only ids, record type
and reason. SQLite and PostgreSQL servers."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from app.casework import Casework, new_id
from app.contact import Contact
from app.session import WorkSession
from app.sync_problems import INCOMING, OUTGOING, sync_problems
from app.sync_service import sync_now
from storage.set_aside import problem_count
from sync.server.store import changes, records
from tests import commands
from tests.app.test_programme_rules import started_case
from tests.sync.laptop_window import LAPTOP_PASSPHRASE
from tests.sync.server_harness import LiveServer

ANOTHER_DEVICE = "older-laptop"


@dataclass
class Stored:
    """Changes an older server accepted, by what they are."""

    partial_contact: str  # a created contact with only some of its fields
    orphan: str  # a later change of that contact
    nested_phone: str  # a JSON object as the case's phone
    surrogate_report: str  # a lone surrogate in a contact's report
    nested_social_map: str  # a JSON object on a sociale-kaart entry
    good_language: str  # a proper change after all of them
    contact_id: str


def _stamp(offset_ms: int) -> str:
    return f"{int(time.time() * 1000) + offset_ms:015d}:00000:{ANOTHER_DEVICE}"


def store_as_an_older_server_did(server: LiveServer, case_id: str, contact_id: str) -> Stored:
    """Write changes straight into the server's tables, as its push did before the schema."""
    partial = str(uuid.uuid4())
    rows: list[dict[str, Any]] = []

    def row(record_type: str, record_id: str, fields: str, *, created: bool = False) -> str:
        change_id = str(uuid.uuid4())
        rows.append(
            {
                "change_id": change_id,
                "record_type": record_type,
                "record_id": record_id,
                "case_id": None if record_type == "social_map_entry" else case_id,
                "fields": fields,
                "hlc": _stamp(len(rows)),
                "device_id": ANOTHER_DEVICE,
                "user_id": 1,
                "created": created,
                "received_at": time.time(),
            }
        )
        return change_id

    stored = Stored(
        partial_contact=row(
            "contact",
            partial,
            json.dumps({"case_id": case_id, "report": "Alleen een verslag"}),
            created=True,
        ),
        orphan=row("contact", partial, json.dumps({"report": "Aangevuld"})),
        nested_phone=row("case", case_id, json.dumps({"phone": {"nummer": "06"}})),
        # json.dumps writes the surrogate as the escape \ud800: what the server held.
        surrogate_report=row("contact", contact_id, json.dumps({"report": "a\ud800b"})),
        nested_social_map=row(
            "social_map_entry",
            str(uuid.uuid4()),
            json.dumps(
                {
                    "organisation": {"naam": "Buurtteam"},
                    "contact_person": "",
                    "phone": "",
                    "offers": "x",
                    "area": "",
                }
            ),
            created=True,
        ),
        good_language=row("case", case_id, json.dumps({"language": "en"})),
        contact_id=contact_id,
    )
    with server.engine.begin() as conn:
        conn.execute(insert(changes), rows)
        conn.execute(
            insert(records),
            [{"record_type": "contact", "record_id": partial, "case_id": case_id, "winners": "{}"}],
        )
    return stored


@pytest.fixture
def held(server: LiveServer, laptop: Any) -> tuple[Any, str, Stored]:
    """anna's laptop holding a case with a visit, and the server holding bad old changes."""
    server.add_user("anna")
    first = laptop("anna", "first")
    case = started_case(first.casework)
    visit = Contact(new_id(), case.id, first.vault.now() - timedelta(days=1), report="Gesprek")
    first.casework.record_contact(visit)
    assert not sync_now(first.vault).rejected
    return first, case.id, store_as_an_older_server_did(server, case.id, visit.id)


def set_aside_ids(vault: Any) -> set[str]:
    return {row[0] for row in vault.db.execute("SELECT change_id FROM sync_set_aside")}


def bad_ids(stored: Stored) -> set[str]:
    return {
        stored.partial_contact,
        stored.orphan,
        stored.nested_phone,
        stored.surrogate_report,
        stored.nested_social_map,
    }


def test_a_laptop_that_holds_the_case_sets_bad_changes_aside_and_applies_the_rest(
    held: tuple[Any, str, Stored],
) -> None:
    first, case_id, stored = held
    report = sync_now(first.vault)
    assert not report.rejected
    assert set_aside_ids(first.vault) == bad_ids(stored)
    work: Casework = first.casework
    case = work.get_case(case_id)
    assert case.language == "en"  # the good change after the bad ones applied
    assert case.phone == ""  # the nested phone did not
    case_file = work.open_case(case_id)
    assert [c.report for c in case_file.contacts] == ["Gesprek"]
    assert case_file.unreadable == []
    assert [row.case_id for row in WorkSession(first.vault).caseload()] == [case_id]
    # A second sync sets nothing aside twice and changes nothing.
    assert not sync_now(first.vault).rejected
    assert problem_count(first.vault.db) == 5


def test_a_laptop_that_receives_the_case_whole_sets_them_aside_too(
    held: tuple[Any, str, Stored], laptop: Any
) -> None:
    _, case_id, stored = held
    second = laptop("anna", "second")
    assert not sync_now(second.vault).rejected
    assert set_aside_ids(second.vault) == bad_ids(stored)
    work: Casework = second.casework
    assert work.get_case(case_id).language == "en"
    assert [c.id for c in work.cases()] == [case_id]
    assert [c.report for c in work.open_case(case_id).contacts] == ["Gesprek"]
    assert [e.organisation for e in work.social_map()] == []


def test_the_worker_sees_each_with_the_case_name_and_a_dutch_reason(
    held: tuple[Any, str, Stored],
) -> None:
    first, case_id, stored = held
    sync_now(first.vault)
    shown = {p.change_id: p for p in sync_problems(first.vault)}
    assert set(shown) == bad_ids(stored)
    assert all(p.direction == INCOMING and p.code == "set_aside" for p in shown.values())
    partial = shown[stored.partial_contact]
    assert (partial.case_name, partial.kind, partial.reason) == (
        "Fleur van Zanddorp",
        "Contact",
        "Onvolledig: er ontbreken velden die bij het aanmaken horen.",
    )
    assert shown[stored.orphan].reason == "Hoort bij een gegeven dat hier zelf apart is gezet."
    phone = shown[stored.nested_phone]
    assert (phone.case_name, phone.kind) == ("Fleur van Zanddorp", "Casus")
    assert phone.reason == "Een veld bevat een waarde van de verkeerde soort."
    surrogate = shown[stored.surrogate_report]
    assert surrogate.reason == "Een veld bevat een teken dat niet kan worden bewaard."
    assert surrogate.case_name == "Fleur van Zanddorp"  # through the contact it changes
    social = shown[stored.nested_social_map]
    assert (social.case_name, social.kind) == (None, "Sociale kaart")


def test_a_refused_outgoing_change_is_listed_with_its_code(
    held: tuple[Any, str, Stored],
) -> None:
    first, case_id, _ = held
    with first.vault.transaction() as db:
        db.execute(
            "INSERT INTO sync_rejections(change_id, record_type, record_id, reason, at, code) "
            "VALUES ('r1', 'case', ?, 'no access to this case', '2026-11-22T09:00:00Z', "
            "'refused')",
            [case_id],
        )
    outgoing = [p for p in sync_problems(first.vault) if p.direction == OUTGOING]
    assert [(p.change_id, p.code, p.case_name, p.kind, p.reason) for p in outgoing] == [
        (
            "r1",
            "refused",
            "Fleur van Zanddorp",
            "Casus",
            "Geen toegang tot deze casus (overgedragen of niet aan jou toegewezen).",
        )
    ]


def test_set_aside_changes_leave_with_a_handed_over_case(
    held: tuple[Any, str, Stored], server: LiveServer
) -> None:
    """The server keeps them; a laptop that may no longer hold the case keeps none of it."""
    from sync.server import admin

    first, case_id, stored = held
    sync_now(first.vault)
    server.add_user("bram")
    admin.assign(server.engine, case_id, "bram")
    sync_now(first.vault)
    assert first.casework.cases() == []
    assert set_aside_ids(first.vault) == {stored.nested_social_map}


def test_the_command_line_names_ids_record_type_and_reason_only(
    held: tuple[Any, str, Stored],
) -> None:
    first, case_id, stored = held
    sync_now(first.vault)
    path = first.vault.path
    first.vault.lock()
    done = commands.run(
        "koers", "sync", "--problems", "--vault", str(path), KOERS_PASSPHRASE=LAPTOP_PASSPHRASE
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 5
    for change_id in bad_ids(stored):
        line = next(line for line in lines if change_id in line)
        assert line.startswith("received, set aside\t")
    phone = next(line for line in lines if stored.nested_phone in line)
    assert phone.split("\t")[2:] == [
        "case",
        case_id,
        f"case {case_id}",
        "field phone holds a nested value; a field holds text, a number or null",
    ]
    for content in ("Alleen een verslag", "Aangevuld", "nummer", "Buurtteam", "Fleur"):
        assert content not in done.stdout


def test_the_server_refuses_the_same_changes_today(server: LiveServer, laptop: Any) -> None:
    """What the older server let through is refused at the door now: nothing of it stored."""
    server.add_user("anna")
    first = laptop("anna", "first")
    case = started_case(first.casework)
    sync_now(first.vault)
    with server.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(changes)).scalar()
    from sync.client import HttpTransport
    from sync.protocol import Change

    transport = HttpTransport(server.url, _token(first))
    try:
        answer = transport.push(
            [
                Change(
                    change_id=str(uuid.uuid4()),
                    record_type="case",
                    record_id=case.id,
                    fields={"phone": {"nummer": "06"}},
                    hlc=f"{int(time.time() * 1000):015d}:00000:{first.vault.device_id}",
                ),
                Change(
                    change_id=str(uuid.uuid4()),
                    record_type="contact",
                    record_id=str(uuid.uuid4()),
                    fields={"case_id": case.id, "report": "Alleen een verslag"},
                    hlc=f"{int(time.time() * 1000):015d}:00001:{first.vault.device_id}",
                    created=True,
                ),
            ]
        )
    finally:
        transport.close()
    assert answer.accepted == [] and {r.code for r in answer.rejected} == {"invalid"}
    with server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(changes)).scalar() == before


def _token(machine: Any) -> str:
    from storage import sync_state

    token = sync_state.get(machine.vault, sync_state.DEVICE_TOKEN)
    assert token is not None
    return token


def test_the_window_shows_the_notice_and_the_list(
    held: tuple[Any, str, Stored], qtbot: Any, tmp_path: Any
) -> None:
    from PySide6.QtCore import Qt

    from tests.sync.laptop_window import laptop_window

    first, _, stored = held
    sync_now(first.vault)
    with laptop_window(qtbot, first, tmp_path) as window:
        notice = window.sync_problems.notice
        qtbot.waitUntil(notice.isVisible, timeout=15_000)
        assert "5" in notice.text()
        qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.sync_problems.dialog is not None, timeout=15_000)
        dialog = window.sync_problems.dialog
        rows = dialog.rows()
        assert len(rows) == 5
        assert ["Fleur van Zanddorp", "Contact"] in [row[1:3] for row in rows]
        assert "Onvolledig: er ontbreken velden die bij het aanmaken horen." in {
            row[3] for row in rows
        }
        shown = " ".join(" ".join(row) for row in rows)
        for content in ("Alleen een verslag", "Aangevuld", "nummer", "Buurtteam"):
            assert content not in shown
        dialog.done(0)
