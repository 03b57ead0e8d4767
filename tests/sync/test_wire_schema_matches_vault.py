"""The wire format's schema (sync/schema.py) and the vault describe the same records, and every
change the app journals fits the schema (so the server and the other laptops accept it).

Compared with the vault's record tables: every column but the vault's bookkeeping, `id` (the
change's record id), `updated_hlc` and `field_hlcs` (the change's clock), and `deleted`, which
every record type carries on the wire as COMMON_FIELDS (a delete is a change of it).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import replace
from datetime import date, datetime, timedelta
from enum import Enum, IntEnum
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.case import FrequencyOverride
from app.casework import RECORD_TYPES as APP_RECORD_TYPES
from app.casework import Casework, new_id
from app.closing import Closure, Reopening, close_case, reopen_case
from app.intake import remove_person
from app.programmes import ContactFrequency, Programme
from app.sync_service import _as_change
from app.synthetic import populate
from app.vocabulary import AgreementStatus, CaseStatus, ClosingReason, ContactStatus, GoalStatus
from storage import field_limits, journal, sqlcipher
from storage.clock import FixedClock
from storage.keys import TEST_KDF, new_database_key
from storage.migrations import migrate
from storage.record_types import RECORD_TYPES as VAULT_TYPES
from storage.vault import Vault
from sync import protocol, schema
from sync.schema import Kind
from tests.conftest import NOW

BOOKKEEPING = {"id", "updated_hlc", "field_hlcs", "deleted"}


@pytest.fixture(scope="module")
def vault_columns(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Each record type's columns in a vault migrated to the latest version."""
    path = tmp_path_factory.mktemp("columns") / "cols.db"
    db = sqlite_utils.Database(sqlcipher.connect_keyed(path, new_database_key()))
    migrate(db)
    return {name: set(db[rt.table].columns_dict) for name, rt in VAULT_TYPES.items()}  # type: ignore[union-attr]


def test_the_schema_knows_the_record_types_of_the_protocol_and_the_vault() -> None:
    assert set(schema.RECORDS) == set(protocol.RECORD_TYPES) == set(VAULT_TYPES)


def test_the_schema_fields_are_the_vault_columns(vault_columns: dict[str, set[str]]) -> None:
    for record_type, fields in schema.RECORDS.items():
        assert set(fields) == vault_columns[record_type] - BOOKKEEPING, record_type
        assert set(schema.COMMON_FIELDS) <= vault_columns[record_type]
        retired = set(schema.RETIRED_FIELDS.get(record_type, {}))
        assert not retired & vault_columns[record_type], record_type
    assert set(schema.COMMON_FIELDS) == {"deleted"}


def test_the_app_limits_are_the_schema_limits() -> None:
    for record_type, fields in schema.RECORDS.items():
        for name, spec in fields.items():
            expected = spec.max_length if spec.max_length is not None else schema.TEXT
            assert field_limits.max_length(record_type, name) == expected
    assert (field_limits.NAME, field_limits.LINE, field_limits.TEXT) == (200, 1_000, 20_000)
    assert field_limits.REPORT == field_limits.STRUCTURED == 100_000


def _kind_of(hint: typing.Any) -> tuple[str, bool]:
    """The schema kind a domain field's type is written as, and whether it may be None."""
    nullable = typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in (
        typing.get_args(hint)
    )
    if nullable:
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if hint is bool:
        return Kind.BOOLEAN, nullable
    if hint is int or (isinstance(hint, type) and issubclass(hint, IntEnum)):
        return Kind.INTEGER, nullable
    if hint is datetime:
        return Kind.DATETIME, nullable
    if hint is date:
        return Kind.DATE, nullable
    if hint is str or (isinstance(hint, type) and issubclass(hint, Enum)):
        return Kind.TEXT, nullable
    return Kind.JSON, nullable


def test_each_field_kind_is_what_the_app_writes() -> None:
    """A field's kind and nullability follow the domain record's type (app/codec.py writes
    bool as 0/1, dates as ISO text, nested values as JSON text); an id is text too."""
    classes: dict[str, type] = {name: cls for cls, name in APP_RECORD_TYPES.items()}
    for record_type, cls in classes.items():
        hints = typing.get_type_hints(cls)
        for item in dataclasses.fields(cls):
            if item.name == "id":
                continue
            spec = schema.RECORDS[record_type][item.name]
            kind, nullable = _kind_of(hints[item.name])
            written = Kind.TEXT if spec.kind == Kind.ID else spec.kind
            assert (written, spec.nullable) == (kind, nullable), f"{record_type}.{item.name}"
    # Programmes are stored as a name and the whole definition as JSON text.
    assert set(schema.RECORDS["programme"]) == {"name", "definition"}


# --- every change the app journals fits -----------------------------------------------------


def _edit_everything(work: Casework, case_ids: list[str]) -> None:
    """Updates, deletes, corrections, closing and reopening through the app's services: the
    journal then holds field changes of most record types besides the created records."""
    today = work.today()
    for case_id in case_ids:
        case = work.get_case(case_id)
        if case.status not in (CaseStatus.ACTIEF, CaseStatus.NAZORG):
            continue
        override = FrequencyOverride(ContactFrequency(1, 14), "Cliënte wil minder", today)
        work.set_frequency_override(case_id, override)
        work.end_frequency_override(case_id, today + timedelta(days=30))
        case_file = work.case_file(case_id)
        for goal in case_file.goals[:2]:
            work.update_goal(replace(goal, status=GoalStatus.BEZIG), ["status"])
        for action in case_file.actions[:2]:
            work.update_action(replace(action, who="cliënte en zus"), ["who"])
        for agreement in case_file.agreements[:1]:
            if agreement.status is AgreementStatus.ACTIEF:
                work.set_agreement_status(agreement.id, AgreementStatus.NAGEKOMEN)
        for discussion in case_file.discussions[:1]:
            work.update_case_discussion(replace(discussion, outcome="Plan bijgesteld"))
        for contact in case_file.contacts:
            if contact.status is ContactStatus.GEPLAND:
                work.cancel_planned_contact(contact.id)
                break
        done = [c for c in case_file.contacts if c.status is ContactStatus.GEDAAN]
        if done:
            work.correct_contact(done[-1].id, case_id=case_id, report="Verslag aangevuld.")
        for member in case_file.members[:1]:
            remove_person(work, member)
        close_case(work, Closure(new_id(), case_id, today, ClosingReason.DOELEN_BEREIKT))
        reopen_case(work, Reopening(new_id(), case_id, today, "Terugval na een incident"))
    entry = work.social_map()[0]
    work.update_social_map_entry(replace(entry, area="Oost"), ["area"])
    base = next(iter(work.programmes().values()))
    work.save_programme(replace(base, id=f"eigen-{new_id()[:8]}", name="Eigen programma"))
    work.save_programme(replace(work.programme(base.id), end_warning_days=14))


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(min_value=0, max_value=10_000), cases=st.integers(3, 12))
def test_every_change_the_app_journals_fits_the_schema(
    tmp_path: Path, seed: int, cases: int
) -> None:
    path = tmp_path / f"werk-{seed}-{cases}.koers"
    vault = Vault.create(path, "x" * 12, owner="tester", kdf=TEST_KDF, clock=FixedClock(NOW))
    try:
        work = Casework(vault)
        work.seed_default_programmes()
        case_ids = populate(work, cases, seed=seed)
        _edit_everything(work, case_ids[:3])
        seen: set[tuple[str, bool]] = set()
        for entry in journal.entries(vault.db):
            change = _as_change(entry)
            seen.add((change.record_type, change.created))
            reason = schema.check_change(
                change.record_type,
                change.change_id,
                change.record_id,
                change.fields,
                change.created,
            )
            assert reason is None, (change.record_type, reason)
        # The journal held creations and edits of the record types that carry the most.
        for record_type in ("case", "contact", "goal", "closure", "reopening", "programme"):
            assert (record_type, True) in seen or (record_type, False) in seen
        assert ("case", False) in seen and ("social_map_entry", False) in seen
    finally:
        vault.lock()
        for leftover in tmp_path.iterdir():
            leftover.unlink()


def test_a_programme_definition_fits_its_shape() -> None:
    """The shipped programmes, as save_programme writes them, pass the definition's shape."""
    from app.codec import encode_value
    from app.programmes import DEFAULT_PROGRAMMES

    spec = schema.RECORDS["programme"]["definition"]
    for programme in DEFAULT_PROGRAMMES:
        assert isinstance(programme, Programme)
        assert schema.check_value(spec, encode_value(programme)) is None


def test_a_field_an_older_vault_had_is_accepted_and_not_stored(vault: Vault) -> None:
    """Changes from before vault v6/v7 still carry household, partners, a breach's follow-up
    or client_consent: they fit the schema (the server held them already), and a laptop
    applies the rest of such a change."""
    from storage.remote import RemoteChange, apply_remote_changes

    old = {"household": '{"adults": [], "children": []}', "partners": "[]", "language": "en"}
    assert schema.check_change("case", "c1", "case-1", old, False) is None
    assert schema.check_change("breach", "c2", "b-1", {"follow_up": "Gebeld"}, False) is None
    assert schema.check_change("handover_note", "c3", "h-1", {"client_consent": 1}, False) is None
    created = {
        "display_name": "Synthetisch",
        "initials": "S.",
        "secret_address": 0,
        "phone": "",
        "safe_contact": "{}",
        "language": "nl",
        "interpreter_needed": 0,
        "programme_id": "moviera_wijk",
        "phase_id": "transitie",
        "phase_history": '[{"phase_id": "transitie", "since": "2026-06-01"}]',
        "start_date": "2026-06-01",
        "status": "actief",
        "worker": "tester",
        "backup_worker": "",
    }
    hlc = "001795385898792:0000{}:older"
    report = apply_remote_changes(
        vault,
        [
            RemoteChange("c0", "case", "case-1", created, hlc.format(0), "older", created=True),
            RemoteChange("c1", "case", "case-1", old, hlc.format(1), "older"),
        ],
    )
    assert (report.applied, report.set_aside) == (2, 0)
    row = vault.db.execute("SELECT language FROM cases WHERE id = 'case-1'").fetchone()
    assert row == ("en",)
