"""People, screenings, closing and reopening travel between laptops through the real server:
a case made at intake offline arrives whole, edits of different people (and of different
fields of one person) merge, and a same-field clash keeps the loser where the worker sees it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.casework import Casework, new_id
from app.closing import Reopening, close_case, reopen_case
from app.intake import register_case, save_person
from app.people import HouseholdMember
from app.retention import closed_cases_due, purge_closed_cases, set_retention_days
from app.sync_service import enroll_device, sync_now
from app.vocabulary import CaseStatus
from storage import journal
from storage.remote import local_case_ids
from sync.protocol import SERVER_CLOCK_ID
from sync.server.store import changes, records
from tests.app.test_closing import closure
from tests.app.test_intake import full_intake
from tests.storage.test_migration_people import CASE_ID, migrated
from tests.sync.server_harness import PASSWORD


def child(casework: Casework, case_id: str, name: str) -> HouseholdMember:
    return next(m for m in casework.case_file(case_id).members if m.name == name)


def in_step(*machines) -> None:  # type: ignore[no-untyped-def]
    """Sync each laptop, then the first again: everyone has everything."""
    for machine in (*machines, machines[0]):
        report = sync_now(machine.vault)
        assert not report.rejected


def test_an_intake_made_offline_arrives_whole(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    intake = full_intake(first.casework)
    case_id = register_case(first.casework, intake)  # offline: nothing synced yet
    today = first.casework.today()
    work = first.casework
    work.update_case(replace(work.get_case(case_id), start_date=today))
    close_case(work, closure(case_id, today, nazorg=True))
    in_step(first, second)

    mine, theirs = first.casework.case_file(case_id), second.casework.case_file(case_id)
    assert theirs == mine and theirs.conflicts == []
    assert theirs.case.status is CaseStatus.NAZORG and theirs.case.nazorg_start == today
    assert [c.name for c in theirs.household.children] == ["Sem", "Lotte"]
    assert [d.name for d in theirs.danger_persons] == ["Kees Dreigers"]
    assert len(theirs.partners) == 2 and len(theirs.screenings) == 1
    assert len(theirs.closures) == 1 and theirs.closures[0].nazorg
    # A terugval on the second laptop reaches the first.
    reopen_case(second.casework, Reopening(new_id(), case_id, today, "Terugval."))
    in_step(second, first)
    back = first.casework.case_file(case_id)
    assert back.case.status is CaseStatus.ACTIEF and len(back.reopenings) == 1
    assert replace(back, conflicts=[]) == second.casework.case_file(case_id)


def test_edits_of_different_children_both_stay(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case_id = register_case(first.casework, full_intake(first.casework))
    in_step(first, second)
    # Offline on both: each edits another child, and both edit other fields of Lotte.
    save_person(first.casework, replace(child(first.casework, case_id, "Sem"), school="Het Anker"))
    save_person(
        first.casework, replace(child(first.casework, case_id, "Lotte"), involved="jeugdarts")
    )
    save_person(
        second.casework,
        replace(child(second.casework, case_id, "Lotte"), safety_concerns="bang in het donker"),
    )
    new_child = HouseholdMember(new_id(), case_id, "Mila", True, 2022)
    save_person(second.casework, new_child)
    in_step(first, second)

    for machine in (first, second):
        work = machine.casework
        assert child(work, case_id, "Sem").school == "Het Anker"
        lotte = child(work, case_id, "Lotte")
        assert (lotte.involved, lotte.safety_concerns) == ("jeugdarts", "bang in het donker")
        assert [c.name for c in work.case_file(case_id).household.children] == [
            "Sem",
            "Lotte",
            "Mila",
        ]


def test_the_same_field_of_one_child_keeps_the_loser(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case_id = register_case(first.casework, full_intake(first.casework))
    in_step(first, second)
    sem_id = child(first.casework, case_id, "Sem").id
    save_person(first.casework, replace(child(first.casework, case_id, "Sem"), school="Het Anker"))
    save_person(
        second.casework, replace(child(second.casework, case_id, "Sem"), school="De Regenboog")
    )
    stamps = {
        journal.entries(m.vault.db)[-1].hlc: journal.entries(m.vault.db)[-1].value
        for m in (first, second)
    }
    winner, loser = stamps[max(stamps)], stamps[min(stamps)]
    in_step(first, second)

    for machine in (first, second):
        assert child(machine.casework, case_id, "Sem").school == winner
        conflicts = machine.casework.open_case(case_id).conflicts
        assert [(c.record_type, c.record_id, c.field, c.losing_value) for c in conflicts] == [
            ("household_member", sem_id, "school", loser)
        ]
    # The worker takes the other value back: it becomes a new change that wins everywhere.
    conflict = second.casework.case_conflicts(case_id)[0]
    second.casework.restore_conflict(conflict.id)
    in_step(second, first)
    for machine in (first, second):
        assert child(machine.casework, case_id, "Sem").school == loser
        # Nothing left to choose on either laptop: the value that lost is current again.
        assert machine.casework.case_conflicts(case_id) == []


def test_a_closed_case_stays_for_its_guarantee_period(server, laptop) -> None:
    """However short the retention, the laptop keeps a closed case until its terugvalgarantie
    (365 days for Moviera) has passed, so it can still be reopened here."""
    server.add_user("wendy")
    wendy = laptop("wendy")
    set_retention_days(wendy.vault, 30)
    work = wendy.casework
    case_id = register_case(work, full_intake(work))
    work.update_case(replace(work.get_case(case_id), start_date=work.today()))
    close_case(work, closure(case_id, work.today()))
    assert sync_now(wendy.vault).retention_purged == 0
    now = wendy.vault.now()
    for days in (31, 200, 365):
        assert closed_cases_due(wendy.vault, now + timedelta(days=days)) == [], days
    assert closed_cases_due(wendy.vault, now + timedelta(days=366)) == [case_id]
    set_retention_days(wendy.vault, 0)
    assert closed_cases_due(wendy.vault, now + timedelta(days=31)) == []
    assert purge_closed_cases(wendy.vault) == 0
    assert case_id in local_case_ids(wendy.vault)


def test_two_migrated_laptops_share_one_household(server, laptop, tmp_path: Path) -> None:
    """Two laptops of the same worker held a case at v5; each migrates it on opening. Both
    push the migrated people: the server and both laptops hold one household, no conflict."""
    server.add_user("anna")
    machines = []
    for name, journaled in (("a", True), ("b", False)):
        vault = migrated(tmp_path, name, journaled=journaled)
        Casework(vault).seed_default_programmes()
        enroll_device(vault, server.url, "anna", PASSWORD)
        machines.append(vault)
    first, second = machines
    try:
        for vault in (first, second, first):
            assert not sync_now(vault).rejected
        with server.engine.connect() as conn:
            people = conn.execute(
                select(func.count())
                .select_from(records)
                .where(records.c.case_id == CASE_ID, records.c.record_type != "case")
            ).scalar()
            pushed = conn.execute(
                select(func.count())
                .select_from(changes)
                .where(changes.c.case_id == CASE_ID, changes.c.device_id != SERVER_CLOCK_ID)
            ).scalar()
        assert people == 6  # four household members and two partners, once
        assert pushed == 1 + 2 * 6  # the case; each laptop's six (identical) creations
        one, two = Casework(first), Casework(second)
        assert one.case_file(CASE_ID).members == two.case_file(CASE_ID).members
        assert len(two.case_file(CASE_ID).members) == 4
        assert one.case_conflicts(CASE_ID) == [] and two.case_conflicts(CASE_ID) == []
        # After the migration, an edit on one laptop reaches the other per person.
        sem = next(m for m in one.case_file(CASE_ID).members if m.name == "Sem")
        save_person(one, replace(sem, school="Het Anker"))
        for vault in (first, second):
            sync_now(vault)
        assert next(m for m in two.case_file(CASE_ID).members if m.name == "Sem").school == (
            "Het Anker"
        )
    finally:
        for vault in machines:
            vault.lock()


def test_a_laptop_that_edited_nothing_lists_no_conflict(server, laptop) -> None:
    """Only a value that lost a merge with a concurrent edit is a conflict. A laptop that
    merely receives a case made and then changed elsewhere has nothing to choose between;
    nor does a laptop whose edit of one child meets an edit of another child."""
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    work = first.casework
    case_id = register_case(work, full_intake(work))
    work.update_case(replace(work.get_case(case_id), start_date=work.today()))
    close_case(work, closure(case_id, work.today(), nazorg=True))
    in_step(first, second)
    assert second.casework.case_conflicts(case_id) == []
    save_person(work, replace(child(work, case_id, "Sem"), school="Het Anker"))
    other = second.casework
    save_person(other, replace(child(other, case_id, "Lotte"), safety_concerns="bang"))
    in_step(first, second)
    assert work.case_conflicts(case_id) == [] and other.case_conflicts(case_id) == []


@pytest.mark.xfail(
    strict=True,
    reason="storage/remote.py cannot tell that the other laptop had received this value "
    "before it changed it (a change does not carry the field clock it replaced)",
)
def test_a_value_changed_after_it_was_received_is_no_conflict(server, laptop) -> None:
    """Laptop A closes the case with nazorg; laptop B, having received that, reopens it on
    terugval. A's closing values were seen and replaced: A shows no conflict mark offering
    to put "nazorg" back (taking it would undo the reopening)."""
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    work = first.casework
    case_id = register_case(work, full_intake(work))
    work.update_case(replace(work.get_case(case_id), start_date=work.today()))
    in_step(first, second)
    close_case(work, closure(case_id, work.today(), nazorg=True))
    in_step(first, second)
    reopen_case(second.casework, Reopening(new_id(), case_id, work.today(), "Terugval."))
    in_step(second, first)
    assert work.case_conflicts(case_id) == []
