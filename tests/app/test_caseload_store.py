"""The caseload's stored lines (app/caseload_store.py) give exactly what the rules give, after
any sequence of edits a worker, a sync or a programme change makes, on any day, and while
another connection holds the write lock; a vault from before v9 gets them at its first
caseload. The reference is `caseload_by_the_rules`, every case put through app/rules.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import caseload_store as store
from app.case import FrequencyOverride
from app.caseload import CaseloadView, caseload, caseload_by_the_rules
from app.casework import Casework, new_id
from app.closing import Reopening, close_case, reopen_case
from app.contact import Contact
from app.errors import ValidationError
from app.programmes import ContactFrequency
from app.screening import ContraIndicated, RiskScreening
from app.synthetic import populate
from app.vocabulary import ContactKind, RiskSituation
from storage import sqlcipher
from storage.errors import RecordNotFound
from storage.migrations import _summary_triggers, migrate
from storage.remote import purge_cases
from storage.sqlite_import import sqlite_utils
from storage.vault import Vault
from tests.app.test_caseload_fast import PHASES, case_shapes, write_shape
from tests.app.test_closing import closure
from tests.app.test_programme_rules import at
from tests.conftest import PASSPHRASE


def assert_same(casework: Casework, today: date, view: CaseloadView | None = None) -> None:
    """The stored lines (through `caseload`, and `view` when given) are the rules' answer on
    `today`, in the same order, with and without the closed cases."""
    db, programmes = casework.vault.db, casework.programmes()
    for closed in (True, False):
        rules = caseload_by_the_rules(db, programmes, today, include_closed=closed)
        assert caseload(db, programmes, today, include_closed=closed) == rules
        if view is not None:
            assert view.refresh(db, programmes, today, include_closed=closed) == rules


def stale_lines(casework: Casework, today: date) -> int:
    params = {"fp": store.fingerprint(casework.programmes()), "today": today.isoformat()}
    return len(casework.vault.db.execute(store.STALE_SQL, params).fetchall())


step = st.one_of(
    st.tuples(st.just("shape"), case_shapes()),
    st.tuples(
        st.just("contact"),
        st.integers(0, 99),
        st.integers(0, 200),
        st.sampled_from(list(ContactKind)),
    ),  # fmt: skip
    st.tuples(st.just("correct"), st.integers(0, 99), st.integers(0, 200)),
    st.tuples(st.just("delete contact"), st.integers(0, 99)),
    st.tuples(st.just("screen"), st.integers(0, 99), st.integers(1, 4)),
    st.tuples(st.just("phase"), st.integers(0, 99), st.integers(0, 30)),
    st.tuples(
        st.just("override"),
        st.integers(0, 99),
        st.integers(-30, 30),
        st.none() | st.integers(0, 40),
    ),  # fmt: skip
    st.tuples(st.just("end override"), st.integers(0, 99)),
    st.tuples(st.just("close"), st.integers(0, 99), st.booleans()),
    st.tuples(st.just("reopen"), st.integers(0, 99)),
    st.tuples(st.just("rename"), st.integers(0, 99)),
    st.tuples(st.just("delete case"), st.integers(0, 99)),
    st.tuples(st.just("hand over"), st.integers(0, 99)),
    st.tuples(st.just("programme"), st.sampled_from(sorted(PHASES)), st.integers(1, 5)),
    st.tuples(st.just("day"), st.integers(-60, 200)),
    st.tuples(st.just("locked"), st.integers(0, 99)),
)


def apply_step(casework: Casework, action: str, args: tuple, done: list[str]) -> date | None:
    """Make one edit; returns a day to look at besides today (or None)."""
    today = casework.today()
    cases = [c.id for c in casework.cases(include_closed=True)]
    case_id = cases[args[0] % len(cases)] if cases and isinstance(args[0], int) else None
    if action == "shape":
        write_shape(casework, args[0])
    elif action == "contact" and case_id:
        when = at(today - timedelta(days=args[1]))
        done.append(
            casework.record_contact(Contact(new_id(), case_id, when, kind=args[2], brief=True))
        )
    elif action == "correct" and done:
        original = done[args[0] % len(done)]
        done.append(
            casework.correct_contact(original, starts_at=at(today - timedelta(days=args[1]))).id
        )
    elif action == "delete contact" and done:
        casework.store.delete("contact", done.pop(args[0] % len(done)))
    elif action == "screen" and case_id:
        situation = RiskSituation(args[1])
        casework.add_screening(RiskScreening(new_id(), case_id, today, "tester", situation))
    elif action == "phase" and case_id:
        case = casework.get_case(case_id)
        others = [p for p in PHASES.get(case.programme_id, ()) if p != case.phase_id]
        if others:
            since = today + timedelta(days=args[1])
            casework.change_phase(case_id, others[args[1] % len(others)], since=since)
    elif action == "override" and case_id:
        since = today + timedelta(days=args[1])
        until = since + timedelta(days=args[2]) if args[2] is not None else None
        frequency = ContactFrequency(3, 7)
        override = FrequencyOverride(frequency, "Dreiging na incident.", since, until)
        casework.set_frequency_override(case_id, override)
    elif action == "end override" and case_id:
        casework.set_frequency_override(case_id, None)
    elif action == "close" and case_id:
        close_case(casework, closure(case_id, today - timedelta(days=2), nazorg=args[1]))
    elif action == "reopen" and case_id:
        reopen_case(casework, Reopening(new_id(), case_id, today, "Terugval."))
    elif action == "rename" and case_id:
        case = casework.get_case(case_id)
        casework.update_case(replace(case, display_name="Nieuwe Naam", worker="collega"))
    elif action == "delete case" and case_id:
        casework.store.delete("case", case_id)
    elif action == "hand over" and case_id:
        purge_cases(casework.vault, [case_id], actor="tester")
    elif action == "programme":
        programme = casework.programmes()[args[0]]
        phases = tuple(
            replace(phase, frequency=ContactFrequency(args[1], 14)) for phase in programme.phases
        )
        casework.save_programme(replace(programme, phases=phases))
    elif action == "day":
        return today + timedelta(days=args[0])
    elif action == "locked" and case_id:
        # Another connection (the sync's) writes meanwhile: the lines are computed, not stored.
        other = casework.vault.second_connection()
        try:
            other.db.execute("BEGIN IMMEDIATE")
            other.db.execute("UPDATE cases SET worker = 'derde' WHERE id = ?", [case_id])
            assert_same(casework, today)
            other.db.execute("COMMIT")
        finally:
            other.lock()
    return None


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, min_size=1, max_size=14))
def test_stored_lines_are_the_rules_after_any_edits(casework: Casework, steps) -> None:
    view = CaseloadView()
    today = casework.today()
    if len(casework.cases(include_closed=True)) < 6:  # the vault lives across examples
        populate(casework, 6, seed=len(steps))
    done: list[str] = [c.id for c in casework.open_case(casework.cases()[0].id).contacts]
    for action, *args in steps:
        try:
            day = apply_step(casework, action, tuple(args), done)
        except (ValidationError, ContraIndicated, RecordNotFound):
            continue  # an edit the services refuse (a contact handed over) changes nothing
        assert_same(casework, today, view)
        if day is not None:
            assert_same(casework, day)
    for offset in (1, 8, 15, 29, 45, 61, 92, 183, 400, -3):  # lines stored on earlier days
        assert_same(casework, today + timedelta(days=offset))
    assert_same(casework, today)
    assert stale_lines(casework, today) == 0


def test_a_synthetic_caseload_is_read_from_its_stored_lines(casework: Casework) -> None:
    populate(casework, 60, seed=3)
    today = casework.today()
    assert stale_lines(casework, today) > 0
    assert_same(casework, today)
    assert stale_lines(casework, today) == 0  # stored at the first reading
    for offset in range(-40, 400, 11):  # lines that change with the day are made again
        assert_same(casework, today + timedelta(days=offset))
    assert_same(casework, today)  # lines stored for later days are made again for today
    assert stale_lines(casework, today) == 0
    casework.record_contact(Contact(new_id(), casework.cases()[0].id, at(today), brief=True))
    assert stale_lines(casework, today) == 1


def test_lines_are_not_stored_within_a_transaction(casework: Casework) -> None:
    populate(casework, 5, seed=4)
    today = casework.today()
    with casework.vault.transaction():
        assert_same(casework, today)
        assert stale_lines(casework, today) == 5
    assert_same(casework, today)
    assert stale_lines(casework, today) == 0


def test_a_line_that_cannot_be_packed_is_computed_every_time(casework: Casework) -> None:
    populate(casework, 3, seed=5)
    case = casework.cases()[0]
    casework.vault.db.execute(  # as a sync from an older or tampered laptop could leave it
        "UPDATE cases SET display_name = ? WHERE id = ?", [f"Een{store.SEP}Twee", case.id]
    )
    today = casework.today()
    assert_same(casework, today)
    assert_same(casework, today)
    assert any(r.display_name == f"Een{store.SEP}Twee" for r in caseload_of(casework))


def caseload_of(casework: Casework) -> list:
    return caseload(casework.vault.db, casework.programmes(), casework.today())


def back_to_v8(db) -> None:  # type: ignore[no-untyped-def]
    """Turn a vault's schema back into v8's (what a Koers before the stored lines made)."""
    for name in ("cases_caseload_insert", "cases_caseload_update", *SUMMARY_TRIGGERS):
        db.execute(f"DROP TRIGGER {name}")
    for trigger in _summary_triggers():
        db.execute(trigger)
    for column in ("row", "shown", "fp", "valid_from", "valid_until"):
        db.execute(f"ALTER TABLE case_summary DROP COLUMN {column}")
    db.execute("PRAGMA user_version = 8")


SUMMARY_TRIGGERS = (
    "contacts_summary_append",
    "contacts_summary_correction",
    "contacts_summary_update",
    "contacts_summary_moved",
    "screenings_summary_insert",
    "screenings_summary_update",
    "screenings_summary_moved",
)


def schema_of(db) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {
        (name, " ".join((sql or "").split()))
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    }


def test_a_vault_from_before_stored_lines_gets_them(
    casework: Casework, vault_path: Path, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A v8 vault (with cases that have no summary row yet: v8 made one at the first contact
    or screening) opens at v9 with a line to compute for every case; its first caseload is
    the rules' and stores them all."""
    populate(casework, 40, seed=6)
    today = casework.today()
    assert_same(casework, today)
    vault = casework.vault
    back_to_v8(vault.db)
    reference = sqlite_utils.Database(
        sqlcipher.connect_keyed(tmp_path / "v8.db", bytearray(range(32))), execute_plugins=False
    )
    migrate(reference, 8)
    assert schema_of(vault.db) == schema_of(reference)
    # Edits a v8 Koers made: a new case without contacts, contacts, a closing.
    casework.add_case(replace(casework.cases()[0], id=new_id(), display_name="Nieuw In Acht"))
    for case in casework.cases()[:10]:
        casework.record_contact(
            Contact(new_id(), case.id, at(today - timedelta(days=1)), brief=True)
        )
    close_case(casework, closure(casework.cases()[-1].id, today, nazorg=True))
    assert (
        vault.db.execute(
            "SELECT count(*) FROM cases WHERE id NOT IN (SELECT case_id FROM case_summary)"
        ).fetchone()[0]
        >= 1
    )
    vault.lock()
    with Vault.open(vault_path, PASSPHRASE, clock=clock) as opened:
        work = Casework(opened)
        assert (
            opened.db.execute(
                "SELECT count(*) FROM cases WHERE id NOT IN (SELECT case_id FROM case_summary)"
            ).fetchone()[0]
            == 0
        )
        cases = opened.db.execute("SELECT count(*) FROM cases").fetchone()[0]
        assert stale_lines(work, today) == cases
        assert_same(work, today)
        assert stale_lines(work, today) == 0
        assert_same(work, today)


def test_a_restored_backup_brings_its_own_lines(
    casework: Casework, vault_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    """A backup copies the lines with the records they were computed from: after a restore
    the caseload is the rules' answer on the restored records."""
    populate(casework, 20, seed=9)
    today = casework.today()
    assert_same(casework, today)  # lines stored, then copied by the backup
    vault = casework.vault
    assert vault.renew_backups()
    for case in casework.cases()[:8]:
        casework.record_contact(Contact(new_id(), case.id, at(today), brief=True))
    close_case(casework, closure(casework.cases()[-1].id, today))
    assert_same(casework, today)  # lines of the newer records stored in the vault
    vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    vault.lock()
    vault_path.write_bytes(vault_path.read_bytes()[:8192])  # damaged: the backup is taken
    Vault.restore_backup(vault_path, PASSPHRASE, clock=clock)
    with Vault.open(vault_path, PASSPHRASE, clock=clock) as restored:
        work = Casework(restored)
        assert stale_lines(work, today) == 0
        assert_same(work, today)
