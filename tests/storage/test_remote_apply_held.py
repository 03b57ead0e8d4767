"""A pull leaves out what belongs to no case this laptop holds (held_cases_only): an edit of
a case it does not hold, a record of such a case, whether the batch reads that record from
the vault or creates it; what belongs to a held case, or to a case the same batch creates,
applies. Outside a pull the same edit of a case not held is set aside."""

from __future__ import annotations

import uuid
from pathlib import Path

from storage.keys import TEST_KDF
from storage.remote import RemoteChange, apply_remote_changes
from storage.vault import Vault
from tests.sync.wire_records import a_text_field, created_fields

BASE_MS = 1_795_385_898_000


def _ids(n: int) -> list[str]:
    return [str(uuid.uuid4()) for _ in range(n)]


def _change(n: int, record_type: str, record_id: str, fields: dict, created: bool) -> RemoteChange:
    stamp = f"{BASE_MS + n:015d}:{n:05d}:bclock"
    return RemoteChange(str(uuid.uuid4()), record_type, record_id, fields, stamp, "bclock", created)


def test_a_pull_leaves_out_what_belongs_to_no_held_case(tmp_path: Path) -> None:
    held, gone, new = _ids(3)
    held_contact, gone_contact, new_contact, fresh_of_gone = _ids(4)
    case_text, contact_text = a_text_field("case"), a_text_field("contact")
    with Vault.create(tmp_path / "werk.koers", "wachtwoord", owner="anna", kdf=TEST_KDF) as vault:
        # In the vault before: the held case with a contact, and a contact whose case went
        # (a purge leaves none such; a row of it stands for any record of a case not held).
        apply_remote_changes(
            vault,
            [
                _change(1, "case", held, created_fields("case"), True),
                _change(2, "contact", held_contact, created_fields("contact", held), True),
            ],
        )
        with vault.transaction() as db:
            db.execute(
                "INSERT INTO contacts(id, case_id, deleted, updated_hlc, field_hlcs) "
                "VALUES (?, ?, 0, ?, NULL)",
                [gone_contact, gone, f"{BASE_MS:015d}:00000:bclock"],
            )
        batch = [
            _change(10, "case", gone, {case_text: "niet hier"}, False),  # not held, no creation
            _change(11, "contact", gone_contact, {contact_text: "niet hier"}, False),
            _change(12, "contact", fresh_of_gone, created_fields("contact", gone), True),
            _change(13, "case", held, {case_text: "wel hier"}, False),
            _change(14, "contact", held_contact, {contact_text: "wel hier"}, False),
            _change(15, "case", new, created_fields("case"), True),
            _change(16, "contact", new_contact, created_fields("contact", new), True),
        ]
        report = apply_remote_changes(vault, batch, held_cases_only=True)
        assert (report.applied, report.skipped, report.set_aside) == (4, 3, 0)
        cases = {r[0]: r[1] for r in vault.db.execute(f"SELECT id, {case_text} FROM cases")}
        assert set(cases) == {held, new}
        assert cases[held] == "wel hier"
        contacts = dict(vault.db.execute(f"SELECT id, {contact_text} FROM contacts").fetchall())
        assert set(contacts) == {held_contact, gone_contact, new_contact}
        assert contacts[held_contact] == "wel hier"
        assert contacts[gone_contact] != "niet hier"

        # Not a pull (a case's history): the edit of a case not held cannot apply alone.
        report = apply_remote_changes(vault, batch[:1])
        assert (report.applied, report.set_aside) == (0, 1)
        assert gone not in {r[0] for r in vault.db.execute("SELECT id FROM cases")}
