"""Retention: a closed case leaves the laptop once the server has it all, stays on the server
for the organisation's period, and the server can purge it after that."""

from __future__ import annotations

import time
from dataclasses import replace

from sqlalchemy import func, select

from app.casework import Casework, new_id
from app.contact import Contact
from app.retention import purge_closed_cases, set_retention_days
from app.sync_service import sync_now
from app.vocabulary import CaseStatus
from storage import access_log
from storage.remote import local_case_ids
from sync.server import admin
from sync.server.store import assignments, changes
from tests.app.test_casework import new_case


def close(casework: Casework, case_id: str, status: CaseStatus = CaseStatus.AFGESLOTEN) -> None:
    casework.update_case(replace(casework.get_case(case_id), status=status))


def without_guarantee(casework: Casework, programme_id: str = "ambulant") -> None:
    """An organisation that keeps no terugval guarantee: retention alone decides."""
    programme = casework.programme(programme_id)
    casework.save_programme(replace(programme, guarantee_days=0))


def server_changes(server, case_id: str) -> int:  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(changes).where(changes.c.case_id == case_id)
            ).scalar_one()
        )


def test_closed_case_leaves_the_laptop_only_after_the_server_has_it(server, laptop) -> None:
    server.add_user("wendy")
    wendy = laptop("wendy")
    set_retention_days(wendy.vault, 0)
    without_guarantee(wendy.casework)
    closed, running = new_case(wendy.casework), new_case(wendy.casework)
    close(wendy.casework, closed.id)
    # Not yet on the server: however old, it stays.
    assert purge_closed_cases(wendy.vault) == 0
    assert closed.id in local_case_ids(wendy.vault)

    report = sync_now(wendy.vault)
    assert report.retention_purged == 1
    assert local_case_ids(wendy.vault) == {running.id}
    assert server_changes(server, closed.id) > 0  # the server keeps it
    purge = access_log.entries(wendy.vault.db, record_id=closed.id, action="purge")
    assert [e.detail for e in purge] == ["retention: closed case"]
    # Still assigned on the server, but not fetched again.
    sync_now(wendy.vault)
    assert local_case_ids(wendy.vault) == {running.id}


def test_closed_case_stays_within_the_retention_period(server, laptop) -> None:
    server.add_user("wendy")
    wendy = laptop("wendy")
    case = new_case(wendy.casework)
    close(wendy.casework, case.id)
    assert sync_now(wendy.vault).retention_purged == 0  # default: 30 days
    assert case.id in local_case_ids(wendy.vault)


def test_a_reopened_case_comes_back_to_the_laptop_that_dropped_it(server, laptop) -> None:
    server.add_user("wendy")
    first, second = laptop("wendy"), laptop("wendy")
    set_retention_days(first.vault, 0)
    without_guarantee(first.casework)
    case = new_case(first.casework)
    close(first.casework, case.id)
    sync_now(first.vault)
    assert case.id not in local_case_ids(first.vault)
    sync_now(second.vault)  # keeps closed cases for 30 days
    close(second.casework, case.id, CaseStatus.ACTIEF)
    sync_now(second.vault)
    sync_now(first.vault)
    assert first.casework.get_case(case.id).status is CaseStatus.ACTIEF


def test_server_purges_cases_closed_longer_than_its_retention_period(server, laptop) -> None:
    server.add_user("wendy")
    wendy = laptop("wendy")
    closed, running = new_case(wendy.casework), new_case(wendy.casework)
    close(wendy.casework, closed.id)
    sync_now(wendy.vault)
    assert admin.purge_closed_cases(server.engine, 30) == []  # closed today
    later = time.time() + 31 * 86400
    assert admin.purge_closed_cases(server.engine, 30, now=later, dry_run=True) == [closed.id]
    assert server_changes(server, closed.id) > 0
    assert admin.purge_closed_cases(server.engine, 30, now=later) == [closed.id]
    assert server_changes(server, closed.id) == 0 and server_changes(server, running.id) > 0
    with server.engine.connect() as conn:
        held = set(conn.execute(select(assignments.c.case_id)).scalars())
    assert held == {running.id}
    # The laptop that still held it lets it go at its next sync.
    sync_now(wendy.vault)
    assert local_case_ids(wendy.vault) == {running.id}


def test_changes_made_after_a_purge_of_the_newest_reach_every_laptop(server, laptop) -> None:
    """A purge that removes the server's newest changes must not let later changes take their
    sequence numbers: a laptop whose cursor had passed them would never pull those changes
    (SQLite reused the numbers of deleted rows at the top of `changes`)."""
    server.add_user("wendy")
    first, second = laptop("wendy"), laptop("wendy")
    running = new_case(first.casework)
    sync_now(first.vault)
    closed = new_case(first.casework)
    close(first.casework, closed.id)
    sync_now(first.vault)  # the closed case's changes are now the newest on the server
    sync_now(second.vault)  # its cursor passes them
    later = time.time() + 31 * 86400
    assert admin.purge_closed_cases(server.engine, 30, now=later) == [closed.id]
    contact = Contact(new_id(), running.id, first.vault.now(), report="Na de opschoning.")
    first.casework.record_contact(contact)
    sync_now(first.vault)
    sync_now(second.vault)
    assert (
        second.vault.db.execute(
            "SELECT count(*) FROM contacts WHERE id = ?", [contact.id]
        ).fetchone()[0]
        == 1
    )
