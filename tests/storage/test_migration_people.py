"""A vault of the previous Koers (schema v5: household and partners as one JSON field each in
the case) opens in this one with every person a record of its own, journaled so it syncs, with
the same ids on every laptop that migrates the same case."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path

import sqlite_utils

from app.casework import Casework
from app.people import HouseholdMember, InvolvedPartner
from app.vocabulary import CaseStatus, PartnerKind
from storage import journal, sqlcipher
from storage.keyfile import KeyFile, key_path_for, write_key_file
from storage.keys import TEST_KDF, new_database_key, wrap_key
from storage.migrations import LATEST_VERSION, migrate, schema_version
from storage.vault import Vault, _init_meta

PASSPHRASE = "veilig-wachtwoord-42"
CASE_ID = "5d8f6a0e-2b1c-4c7e-9f3a-0a1b2c3d4e5f"
EMPTY_CASE_ID = "0c9e1d2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
CREATED_HLC = "001764000000000:00000:laptopa"
HOUSEHOLD_HLC = "001764500000000:00003:laptopb"

# What the v5 Koers wrote (app.codec of the old Household and InvolvedPartner dataclasses).
HOUSEHOLD = {
    "adults": [
        {"name": "Noor van Verstopt", "birth_year": 1990, "role": "cliënt"},
        {"name": "Oma Verstopt", "birth_year": None, "role": "oma"},
    ],
    "children": [
        {
            "name": "Sem",
            "birth_year": 2015,
            "school": "De Klimop",
            "involved": "schoolmaatschappelijk werk",
            "safety_concerns": "schrikt van harde geluiden",
            "contact_with_father": "begeleide omgang",
        },
        {
            "name": "Lotte",
            "birth_year": 2019,
            "school": "",
            "involved": "",
            "safety_concerns": "",
            "contact_with_father": "",
        },
    ],
}
PARTNERS = [
    {"kind": "veilig_thuis", "organisation": "Veilig Thuis regio", "contact_person": "Marieke",
     "phone": "020-5557132"},
    {"kind": "school", "organisation": "De Klimop", "contact_person": "", "phone": ""},
]  # fmt: skip


def make_v5_vault(path: Path, *, journaled: bool = False, closed: bool = False) -> None:
    """A vault as the v5 Koers left it: two cases, one with household and partners (the
    household field changed after creation, so it has its own clock), one without.
    `journaled`: the laptop that made the cases, with their creation still to be pushed
    (the household change is left out: the journal has one row per case)."""
    vault_id = str(uuid.uuid4())
    key = new_database_key()
    conn = sqlcipher.connect_keyed(path, key)
    db = sqlite_utils.Database(conn)
    assert migrate(db, target=5) == 5
    _init_meta(conn, vault_id=vault_id, owner="tester")
    common = {
        "initials": "N.v.V.",
        "programme_id": "moviera_wijk",
        "phase_id": "transitie",
        "phase_history": json.dumps([{"phase_id": "transitie", "since": "2026-06-01"}]),
        "start_date": "2026-06-01",
        "status": "actief",
        "worker": "tester",
        "secret_address": 0,
        "interpreter_needed": 0,
        "language": "nl",
        "phone": "",  # the v5 app wrote every field of a new case
        "backup_worker": "",
        "safe_contact": json.dumps(
            {"may_call": True, "safe_times": "", "if_someone_else_answers": "", "code_word": ""}
        ),
        "deleted": 0,
        "updated_hlc": CREATED_HLC,
    }
    conn.execute("BEGIN IMMEDIATE")
    db["cases"].insert(  # type: ignore[union-attr]
        {
            "id": CASE_ID,
            "display_name": "Noor van Verstopt",
            "birth_year": 1990,
            "household": json.dumps(HOUSEHOLD, ensure_ascii=False),
            "partners": json.dumps(PARTNERS),
            "field_hlcs": json.dumps({"*": CREATED_HLC, "household": HOUSEHOLD_HLC}),
            **common,
        }
    )
    db["cases"].insert(  # type: ignore[union-attr]
        {"id": EMPTY_CASE_ID, "display_name": "Ilse Leeg", "household": None, "partners": "[]",
         **common}
    )  # fmt: skip
    if closed:  # closed by laptop B at HOUSEHOLD_HLC, before closing dates were kept
        db["cases"].update(  # type: ignore[union-attr]
            EMPTY_CASE_ID,
            {"status": "afgesloten", "field_hlcs": json.dumps({"*": CREATED_HLC,
                                                               "status": HOUSEHOLD_HLC})},
        )  # fmt: skip
    if journaled:
        # The v5 app stamped its journal with its own device id (the one its stamps carry).
        conn.execute("UPDATE meta SET value = 'laptopa' WHERE key = 'device_id'")
        for row in db["cases"].rows:  # type: ignore[union-attr]
            fields = {
                k: v
                for k, v in row.items()
                if k not in ("id", "deleted", "updated_hlc", "field_hlcs") and v is not None
            }
            conn.execute(
                "INSERT INTO journal(change_id, record_type, record_id, field, value, hlc, "
                "device_id) VALUES (?, 'case', ?, '*', ?, ?, 'laptopa')",
                [str(uuid.uuid4()), row["id"], json.dumps(fields), CREATED_HLC],
            )
    conn.execute("COMMIT")
    sqlcipher.set_write_pragmas(conn)
    conn.close()
    salt = path.read_bytes()[:16].hex()
    wrapped = wrap_key(key, PASSPHRASE.encode(), TEST_KDF, vault_id.encode())
    write_key_file(key_path_for(path), KeyFile(vault_id=vault_id, wrapped=wrapped, db_salt=salt))


def time_of(hlc: str) -> str:
    """An HLC's time (wall and counter), without the device that signed it."""
    return hlc.rsplit(":", 1)[0]


def own_stamp(hlc: str, vault: Vault) -> str:
    """`hlc`'s time signed by `vault`'s device: how a migration journals what it derives."""
    return f"{time_of(hlc)}:{vault.device_id}"


def migrated(tmp_path: Path, name: str, *, journaled: bool = False, closed: bool = False) -> Vault:
    """A v5 vault in folder `name`, opened (and so migrated) by this Koers."""
    path = tmp_path / name / "werk.koers"
    path.parent.mkdir()
    make_v5_vault(path, journaled=journaled, closed=closed)
    return Vault.open(path, PASSPHRASE)


def test_people_become_records_of_their_own(tmp_path: Path) -> None:
    with migrated(tmp_path, "a") as vault:
        assert schema_version(vault.db) == LATEST_VERSION
        columns = set(vault.db["cases"].columns_dict)  # type: ignore[union-attr]
        assert "household" not in columns and "partners" not in columns
        assert vault.check_integrity() == []

        case_file = Casework(vault).open_case(CASE_ID)
        assert case_file.case.display_name == "Noor van Verstopt"
        assert case_file.case.status is CaseStatus.ACTIEF
        assert case_file.case.phase_history[0].programme_id == ""  # the case's programme then
        household = case_file.household
        assert [(m.name, m.birth_year, m.role) for m in household.adults] == [
            ("Oma Verstopt", None, "oma"),
            ("Noor van Verstopt", 1990, "cliënt"),
        ]
        sem, lotte = household.children
        assert (sem.name, sem.birth_year, sem.school, sem.involved) == (
            "Sem", 2015, "De Klimop", "schoolmaatschappelijk werk",
        )  # fmt: skip
        assert (sem.safety_concerns, sem.contact_with_father) == (
            "schrikt van harde geluiden",
            "begeleide omgang",
        )
        assert (lotte.name, lotte.birth_year, lotte.is_child) == ("Lotte", 2019, True)
        assert all(isinstance(m, HouseholdMember) and m.case_id == CASE_ID
                   for m in case_file.members)  # fmt: skip
        assert sorted((p.kind, p.organisation, p.contact_person, p.phone)
                      for p in case_file.partners) == [
            (PartnerKind.SCHOOL, "De Klimop", "", ""),
            (PartnerKind.VEILIG_THUIS, "Veilig Thuis regio", "Marieke", "020-5557132"),
        ]  # fmt: skip
        assert all(isinstance(p, InvolvedPartner) and p.social_map_id is None
                   for p in case_file.partners)  # fmt: skip

        empty = Casework(vault).open_case(EMPTY_CASE_ID)
        assert empty.members == [] and empty.partners == []


def test_migrated_people_are_journaled_with_the_clock_of_their_field(tmp_path: Path) -> None:
    with migrated(tmp_path, "a") as vault:
        entries = journal.entries(vault.db)
        case_file = Casework(vault).case_file(CASE_ID)
        members = {m.id: m for m in case_file.members}
        partners = {p.id: p for p in case_file.partners}
        by_record = {(e.record_type, e.record_id): e for e in entries}
        assert set(by_record) == {("household_member", i) for i in members} | {
            ("case_partner", i) for i in partners
        }
        assert len(entries) == len(by_record) == 6  # one creation row per person
        for (record_type, _), entry in by_record.items():
            assert entry.field == journal.ALL_FIELDS
            assert entry.value["case_id"] == CASE_ID
            # The household kept its own clock in v5; partners never changed after creation.
            # Signed by this laptop (the server refuses another device's stamp).
            assert entry.hlc == own_stamp(HOUSEHOLD_HLC if record_type == "household_member"
                                          else CREATED_HLC, vault)  # fmt: skip
        sem = next(m for m in members.values() if m.name == "Sem")
        assert by_record[("household_member", sem.id)].value["school"] == "De Klimop"
        # A field left empty in v5 (the grandmother's birth year) is simply not set.
        oma = next(m for m in members.values() if m.name == "Oma Verstopt")
        assert "birth_year" not in by_record[("household_member", oma.id)].value


def test_two_laptops_migrate_a_case_to_the_same_records(tmp_path: Path) -> None:
    """Both laptops held the case; each migrates it on its own. The people get the same ids
    and clocks, so when both push them the server holds one household, not two."""
    with migrated(tmp_path, "a") as first, migrated(tmp_path, "b") as second:
        one, two = Casework(first).case_file(CASE_ID), Casework(second).case_file(CASE_ID)
        assert one.members == two.members and one.partners == two.partners
        rows = [
            [(e.record_type, e.record_id, e.value, time_of(e.hlc)) for e in journal.entries(v.db)]
            for v in (first, second)
        ]
        assert rows[0] == rows[1]  # the same records at the same time, each signed by its own
        assert first.device_id != second.device_id


def test_a_migrated_person_is_edited_per_field(tmp_path: Path) -> None:
    from dataclasses import replace

    from app.intake import save_person

    with migrated(tmp_path, "a") as vault:
        work = Casework(vault)
        sem = next(m for m in work.case_file(CASE_ID).members if m.name == "Sem")
        assert save_person(work, replace(sem, school="De Regenboog")) == ["school"]
        last = journal.entries(vault.db)[-1]
        assert (last.record_id, last.field, last.value) == (sem.id, "school", "De Regenboog")
        assert last.hlc > HOUSEHOLD_HLC


def test_a_case_closed_before_closing_dates_gets_the_day_it_was_closed(tmp_path: Path) -> None:
    """Without a closing date its terugval guarantee would never end."""
    with migrated(tmp_path, "a", closed=True) as vault:
        case = Casework(vault).get_case(EMPTY_CASE_ID)
        assert case.status is CaseStatus.AFGESLOTEN
        assert case.closed_on == date(2025, 11, 30)  # HOUSEHOLD_HLC's wall time, Amsterdam day
        rows = [
            e for e in journal.entries(vault.db, record_id=EMPTY_CASE_ID) if e.field == "closed_on"
        ]
        assert [(e.value, e.hlc) for e in rows] == [("2025-11-30", own_stamp(HOUSEHOLD_HLC, vault))]
        assert Casework(vault).get_case(CASE_ID).closed_on is None  # still running
