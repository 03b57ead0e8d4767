"""A case handed over leaves the old worker's laptop, backups included; a revoked (lost)
laptop destroys its vault, key file and backups at its next contact with the server."""

from __future__ import annotations

from datetime import timedelta

from app.casework import new_id
from app.contact import Contact
from app.sync_service import sync_now
from storage import backup
from storage.vault import Vault
from sync.server import admin
from tests.app.test_casework import new_case

LAPTOP_PASSPHRASE = "laptop-wachtwoord"


def test_handed_over_case_leaves_the_old_workers_vault_and_its_backups(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    anna, bram = laptop("anna"), laptop("bram")
    case = new_case(anna.casework)
    anna.casework.record_contact(
        Contact(new_id(), case.id, anna.vault.now() - timedelta(days=1), brief=True)
    )
    sync_now(anna.vault)
    path = anna.vault.path
    anna.vault.lock()
    anna.vault = Vault.open(path, LAPTOP_PASSPHRASE)  # this unlock backs up, case included
    assert backup.backups(path)
    sync_now(bram.vault)
    admin.assign(server.engine, case.id, "bram")
    assert sync_now(bram.vault).received_cases == 1
    assert len(bram.casework.open_case(case.id).contacts) == 1

    assert sync_now(anna.vault).purged_cases == 1
    db = anna.vault.db
    for table in ("cases", "contacts", "journal", "drafts", "conflicts"):
        column = "id" if table in ("cases", "contacts") else "record_id"
        assert (
            db.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", [case.id]).fetchone()[0]
            == 0
        )
    assert db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    # The backups were renewed: restoring the only one left does not bring the case back.
    kept = backup.backups(path)
    assert len(kept) == 1
    anna.vault.lock()
    Vault.restore_backup(path, LAPTOP_PASSPHRASE)
    with Vault.open(path, LAPTOP_PASSPHRASE) as restored:
        assert restored.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


def test_revoked_laptop_destroys_vault_key_and_backups(server, laptop) -> None:
    server.add_user("anna")
    lost = laptop("anna")
    new_case(lost.casework)
    sync_now(lost.vault)
    path = lost.vault.path
    lost.vault.lock()
    lost.vault = Vault.open(path, LAPTOP_PASSPHRASE)
    assert backup.backups(path)
    admin.revoke_device(server.engine, lost.device_id)
    report = sync_now(lost.vault)
    assert report.wiped and lost.vault.is_locked
    assert list(path.parent.iterdir()) == []  # vault, WAL, key file, backups: all gone
