"""Every write leaves a journal row per changed field and an access-log line, atomically."""

from __future__ import annotations

import pytest

from storage import access_log, journal
from storage.errors import AppendOnlyViolation, RecordNotFound
from storage.ids import uuid7s
from storage.repository import RecordStore
from storage.sqlcipher import DatabaseError
from storage.vault import Vault


def counts(vault: Vault) -> tuple[int, int, int]:
    q = vault.db.execute
    return (
        q("SELECT count(*) FROM cases").fetchone()[0],
        q("SELECT count(*) FROM journal").fetchone()[0],
        q("SELECT count(*) FROM access_log").fetchone()[0],
    )


def test_insert_journals_each_set_field_with_one_hlc(vault: Vault) -> None:
    store = RecordStore(vault, "tester")
    store.insert("case", "c1", {"display_name": "A", "status": "actief", "phone": None})
    (entry,) = journal.entries(vault.db, record_id="c1")
    assert set(journal.field_changes(entry)) == {("display_name", "A"), ("status", "actief")}
    assert entry.device_id == vault.device_id and entry.hlc.endswith(vault.device_id)
    log = access_log.entries(vault.db, record_id="c1")
    assert [(e.actor, e.action) for e in log] == [("tester", "create")]


def test_update_journals_only_changed_fields(vault: Vault) -> None:
    store = RecordStore(vault, "tester")
    store.insert("case", "c1", {"display_name": "A", "status": "actief"})
    assert store.update("case", "c1", {"display_name": "A", "status": "nazorg"}) == ["status"]
    assert store.update("case", "c1", {"status": "nazorg"}) == []
    changes = [(e.field, e.value) for e in journal.entries(vault.db, record_id="c1")]
    assert changes[1:] == [("status", "nazorg")]
    assert access_log.entries(vault.db, record_id="c1")[-1].detail == "status"


def test_hlc_increases_even_when_the_clock_stands_still(vault: Vault) -> None:
    store = RecordStore(vault, "tester")
    store.insert("case", "c1", {"display_name": "A"})
    for name in ("B", "C", "D"):
        store.update("case", "c1", {"display_name": name})
    stamps = [e.hlc for e in journal.entries(vault.db, record_id="c1")]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4


def test_failed_transaction_leaves_no_trace(vault: Vault) -> None:
    store = RecordStore(vault, "tester")
    before = counts(vault)
    with pytest.raises(RuntimeError), vault.transaction():
        store.insert("case", "c1", {"display_name": "A"})
        raise RuntimeError("power cut")
    assert counts(vault) == before


def test_unknown_field_changes_nothing(vault: Vault) -> None:
    store = RecordStore(vault, "tester")
    store.insert("case", "c1", {"display_name": "A"})
    before = counts(vault)
    with pytest.raises(ValueError):
        store.update("case", "c1", {"display_name": "B", "no_such_field": 1})
    with pytest.raises(DatabaseError, match="no_such_field"):
        store.insert("case", "c2", {"no_such_field": 1})
    assert counts(vault) == before
    assert store.require("case", "c1")["display_name"] == "A"


def test_append_only_records_are_never_overwritten(vault: Vault) -> None:
    store = RecordStore(vault, "tester")
    store.insert("handover_note", "h1", {"case_id": "c1", "summary": "eerste"})
    with pytest.raises(AppendOnlyViolation):
        store.update("handover_note", "h1", {"summary": "overschreven"})
    assert store.require("handover_note", "h1")["summary"] == "eerste"


def test_done_contact_is_frozen_but_planned_one_is_not(vault: Vault) -> None:
    store = RecordStore(vault, "tester")
    store.insert("contact", "k1", {"case_id": "c1", "status": "gepland", "report": ""})
    store.update("contact", "k1", {"status": "gedaan", "report": "verslag"})
    with pytest.raises(AppendOnlyViolation):
        store.update("contact", "k1", {"report": "ander verslag"})


def test_delete_is_a_journaled_tombstone(vault: Vault) -> None:
    store = RecordStore(vault, "tester")
    store.insert("case", "c1", {"display_name": "A"})
    store.delete("case", "c1")
    assert store.get("case", "c1") is None
    assert store.get("case", "c1", include_deleted=True) is not None
    assert journal.entries(vault.db, record_id="c1")[-1].field == "deleted"
    assert access_log.entries(vault.db, record_id="c1")[-1].action == "delete"
    with pytest.raises(RecordNotFound):
        store.update("case", "c1", {"display_name": "B"})


def test_access_log_holds_no_record_content(vault: Vault) -> None:
    store = RecordStore(vault, "tester")
    store.insert("case", "c1", {"display_name": "Geheime Naam"})
    store.update("case", "c1", {"display_name": "Andere Naam"})
    dump = str(vault.db.execute("SELECT * FROM access_log").fetchall())
    assert "Geheime" not in dump and "Andere" not in dump


def test_change_ids_are_unique_time_ordered_uuids() -> None:
    import uuid

    ids = journal.new_change_ids(1000) + journal.new_change_ids(1000)
    assert len(set(ids)) == 2000
    parsed = [uuid.UUID(i) for i in ids]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in parsed)
    stamps = [u.int >> 80 for u in parsed]
    assert stamps == sorted(stamps)


def test_new_record_ids_are_time_ordered_uuids() -> None:
    """A record gets a UUIDv7 made now, and ids made a millisecond later sort after it, so
    the server's index of record ids grows at its end (bench/sync_fill.py): a random UUID4
    put each new record on a random index page."""
    import time
    import uuid

    from app.casework import new_id

    before = time.time_ns() // 1_000_000
    made = [uuid.UUID(new_id()) for _ in range(200)]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in made)
    assert len({u.int for u in made}) == 200
    assert all(abs((u.int >> 80) - before) < 60_000 for u in made)  # its time is now's
    first = uuid7s(200, now_ms=before)
    later = uuid7s(200, now_ms=before + 1)
    assert max(first) < min(later)


def test_uuid7s_refuses_a_time_or_noise_it_cannot_encode() -> None:
    assert uuid7s(2, now_ms=1, noise=bytes(20))[0].startswith("00000000-0001-7")
    for bad in (-1, 1 << 48):
        with pytest.raises(ValueError):
            uuid7s(1, now_ms=bad)
    with pytest.raises(ValueError):
        uuid7s(2, now_ms=1, noise=bytes(19))
