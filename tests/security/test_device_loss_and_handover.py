"""A case handed over leaves the old worker's laptop, backups included; a revoked (lost)
laptop destroys its vault, key file and backups at its next contact with the server."""

from __future__ import annotations

from datetime import timedelta

import pytest

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


# --- every server answer that says wipe, not only a sync's ---------------------------------


def _revoked_teamleider(server, laptop):  # type: ignore[no-untyped-def]
    """Team Oost with worker anna (one synced case) and teamleider tl, whose laptop is then
    revoked on the server (lost)."""
    from sync.server import admin as server_admin

    server_admin.add_team(server.engine, "Oost")
    server.add_user("tl", "teamleider", "Oost")
    server.add_user("anna", "worker", "Oost")
    anna = laptop("anna")
    case = new_case(anna.casework)
    sync_now(anna.vault)
    lead = laptop("tl")
    sync_now(lead.vault)
    admin.revoke_device(server.engine, lead.device_id)
    return lead, case.id


def test_every_server_call_of_a_revoked_laptop_says_wipe_never_a_softer_error(
    server, laptop
) -> None:
    """The password change, the team's workers, a handover, the late-changes look and
    acceptance, a team overview's outcome figures: each raises LaptopRevoked (the caller
    then wipes as a sync does), none a refusal to show or a quiet "nothing"."""
    from app import team
    from app.account_password import change_account_password
    from app.account_password import server_link as password_link
    from app.monitoring import fetch_outcomes
    from app.revocation import LaptopRevoked
    from app.team_overview import last_full_quarter
    from tests.sync.server_harness import PASSWORD

    lead, case_id = _revoked_teamleider(server, laptop)
    link = team.server_link(lead.vault)
    cases = team.handover_cases(lead.vault, [case_id])
    calls = {
        "password": lambda: change_account_password(
            password_link(lead.vault), PASSWORD, "een lange nieuwe zin 42"
        ),
        "team workers": lambda: team.team_workers(link),
        "handover": lambda: team.send_handover(link, cases, "anna", None, "Verlof."),
        "late look": lambda: team.late_changes(link, case_id),
        "late accept": lambda: team.accept_late_changes(link, [1]),
        "outcomes": lambda: fetch_outcomes(lead.vault, last_full_quarter(lead.vault.now().date())),
    }
    for name, call in calls.items():
        with pytest.raises(LaptopRevoked) as said:
            call()
        assert "ingetrokken" in said.value.message_nl, name


@pytest.mark.parametrize(
    ("command", "rest"),
    [
        (["late"], ["{case}"]),
        (["handover"], ["{case}", "--to", "anna", "--reason", "Verlof."]),
        (["password"], []),
        (["export", "overzicht"], ["--out", "{folder}/overzicht.pdf"]),
    ],
)
def test_a_command_that_hears_the_wipe_erases_the_vault_as_a_sync_does(
    server, laptop, monkeypatch: pytest.MonkeyPatch, capsys, command: list[str], rest: list[str]
) -> None:
    from app.cli import run
    from tests.sync.server_harness import PASSWORD

    lead, case_id = _revoked_teamleider(server, laptop)
    path = lead.vault.path
    lead.vault.lock()
    monkeypatch.setenv("KOERS_PASSPHRASE", LAPTOP_PASSPHRASE)
    monkeypatch.setenv("KOERS_PASSWORD", PASSWORD)
    monkeypatch.setenv("KOERS_NEW_PASSWORD", "een lange nieuwe zin 42")
    args = [a.format(case=case_id, folder=path.parent.parent) for a in rest]
    assert run([*command, "--vault", str(path), *args]) == 1
    error = capsys.readouterr().err
    assert "revoked" in error and "destroyed" in error
    assert list(path.parent.iterdir()) == []  # vault, key file, backups: gone
