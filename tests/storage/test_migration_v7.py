"""A vault of schema v6 (a breach carried its follow-up as a field; a handover note's consent
was a yes/no that defaulted to no) opens in this Koers with each follow-up a record of its
own and the consent an explicit answer, both journaled so they sync, identically on every
laptop that migrates the same records."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path

import sqlite_utils

from app.casework import Casework
from app.vocabulary import Consent
from storage import sqlcipher
from storage.keyfile import KeyFile, key_path_for, write_key_file
from storage.keys import TEST_KDF, new_database_key, wrap_key
from storage.migrations import migrate
from storage.vault import Vault, _init_meta
from tests.storage.test_migration_people import own_stamp

PASSPHRASE = "veilig-wachtwoord-42"
CASE_ID = "5d8f6a0e-2b1c-4c7e-9f3a-0a1b2c3d4e5f"
AGREEMENT_ID = "a1111111-2b1c-4c7e-9f3a-0a1b2c3d4e5f"
OPEN_BREACH = "b2222222-2b1c-4c7e-9f3a-0a1b2c3d4e5f"
ANSWERED_BREACH = "b3333333-2b1c-4c7e-9f3a-0a1b2c3d4e5f"
CREATED_HLC = "001764000000000:00000:laptopa"
# 2025-12-01 10:00 UTC: the day the follow-up was written.
FOLLOW_UP_HLC = "001764583200000:00001:laptopb"


def make_v6_vault(path: Path) -> None:
    vault_id = str(uuid.uuid4())
    key = new_database_key()
    conn = sqlcipher.connect_keyed(path, key)
    db = sqlite_utils.Database(conn)
    assert migrate(db, target=6) == 6
    _init_meta(conn, vault_id=vault_id, owner="tester")
    conn.execute("BEGIN IMMEDIATE")
    db["cases"].insert(  # type: ignore[union-attr]
        {
            "id": CASE_ID,
            "display_name": "Noor van Verstopt",
            "initials": "N.v.V.",
            "programme_id": "moviera_wijk",
            "phase_id": "transitie",
            "phase_history": json.dumps([{"phase_id": "transitie", "since": "2025-06-01"}]),
            "start_date": "2025-06-01",
            "status": "actief",
            "worker": "tester",
            "secret_address": 0,
            "interpreter_needed": 0,
            "language": "nl",
            "deleted": 0,
            "updated_hlc": CREATED_HLC,
        }
    )
    common = {"case_id": CASE_ID, "deleted": 0, "updated_hlc": CREATED_HLC}
    db["agreements"].insert(  # type: ignore[union-attr]
        {"id": AGREEMENT_ID, "who": "partner", "agreement": "Komt niet aan de deur",
         "made_with": "wijkagent", "start_date": "2025-06-01", "review_date": "2025-12-31",
         "status": "actief", **common}
    )  # fmt: skip
    db["breaches"].insert(  # type: ignore[union-attr]
        {"id": OPEN_BREACH, "agreement_id": AGREEMENT_ID, "occurred_on": "2025-11-20",
         "description": "Stond voor de deur", "follow_up": "", **common}
    )  # fmt: skip
    db["breaches"].insert(  # type: ignore[union-attr]
        {"id": ANSWERED_BREACH, "agreement_id": AGREEMENT_ID, "occurred_on": "2025-11-28",
         "description": "Belde twintig keer", "follow_up": "Besproken met wijkagent",
         **common, "field_hlcs": json.dumps({"*": CREATED_HLC, "follow_up": FOLLOW_UP_HLC})}
    )  # fmt: skip
    for note_id, consent in (("n-yes", 1), ("n-no", 0)):
        db["handover_notes"].insert(  # type: ignore[union-attr]
            {"id": note_id, "to_whom": "Buurtteam Oost", "to_kind": "buurtteam",
             "summary": "Stabiel", "client_consent": consent, "with_client": 0,
             "handover_date": "2025-11-29", "written_by": "tester", **common}
        )  # fmt: skip
    conn.execute("COMMIT")
    sqlcipher.set_write_pragmas(conn)
    conn.close()
    salt = path.read_bytes()[:16].hex()
    wrapped = wrap_key(key, PASSPHRASE.encode(), TEST_KDF, vault_id.encode())
    write_key_file(key_path_for(path), KeyFile(vault_id=vault_id, wrapped=wrapped, db_salt=salt))


def migrated(tmp_path: Path, name: str) -> Vault:
    path = tmp_path / name / "werk.koers"
    path.parent.mkdir()
    make_v6_vault(path)
    return Vault.open(path, PASSPHRASE)


def test_a_follow_up_becomes_a_record_and_only_the_unanswered_breach_stays_open(
    tmp_path: Path,
) -> None:
    vault = migrated(tmp_path, "a")
    file = Casework(vault, actor="tester").case_file(CASE_ID)
    assert [b.id for b in file.open_breaches] == [OPEN_BREACH]
    [follow_up] = file.follow_ups
    assert follow_up.breach_id == ANSWERED_BREACH
    assert follow_up.follow_up == "Besproken met wijkagent"
    assert follow_up.written_on == date(2025, 12, 1)  # the day its text was written
    columns = {row[1] for row in vault.db.execute("PRAGMA table_info(breaches)")}
    assert "follow_up" not in columns  # no second copy of the text
    journaled = vault.db.execute(
        "SELECT hlc FROM journal WHERE record_type = 'breach_follow_up' AND record_id = ?",
        [follow_up.id],
    ).fetchall()
    assert journaled == [(own_stamp(FOLLOW_UP_HLC, vault),)]


def test_an_old_no_means_not_asked_and_a_yes_stays_yes(tmp_path: Path) -> None:
    vault = migrated(tmp_path, "a")
    notes = {n.id: n for n in Casework(vault, actor="tester").case_file(CASE_ID).handover_notes}
    assert notes["n-yes"].consent is Consent.JA
    # The old box defaulted to no: an unticked box never said the client was asked.
    assert notes["n-no"].consent is Consent.NIET_GEVRAAGD
    journaled = dict(
        vault.db.execute(
            "SELECT record_id, value FROM journal WHERE record_type = 'handover_note' "
            "AND field = 'consent'"
        ).fetchall()
    )
    assert journaled == {"n-yes": '"ja"', "n-no": '"niet_gevraagd"'}


def test_two_laptops_migrate_a_follow_up_to_the_same_record(tmp_path: Path) -> None:
    one = Casework(migrated(tmp_path, "a"), actor="tester").case_file(CASE_ID).follow_ups
    two = Casework(migrated(tmp_path, "b"), actor="tester").case_file(CASE_ID).follow_ups
    assert one == two
