"""Unsent changes stamped while the laptop's clock ran ahead get new stamps on the server's
time that keep their order, after everything the laptop sent or adopted, and the records
carry the new stamps."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from storage import journal
from storage.clock import FixedClock
from storage.hlc import MAX_AHEAD_MS, Hlc
from storage.keys import TEST_KDF
from storage.repository import RecordStore
from storage.restamp import restamp_unsent
from storage.vault import HLC_LAST, Vault
from tests.conftest import NOW, PASSPHRASE

SERVER_MS = int(NOW.timestamp() * 1000)
TWO_HOURS_MS = 2 * 3_600_000


def ahead_vault(path: Path, ahead: timedelta) -> tuple[Vault, FixedClock]:
    clock = FixedClock(NOW + ahead)
    return Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock), clock


def learn_and_restamp(vault: Vault, **kwargs) -> int:  # type: ignore[no-untyped-def]
    with vault.transaction():
        shift = vault.learn_server_time(SERVER_MS)
        return restamp_unsent(vault, shift_ms=shift, **kwargs)


def stamps(vault: Vault) -> list[tuple[str, str, Hlc]]:
    return [(e.record_id, e.field, Hlc.decode(e.hlc)) for e in journal.entries(vault.db)]


def test_edits_two_hours_ahead_get_the_server_time_they_were_made_at(tmp_path: Path) -> None:
    vault, clock = ahead_vault(tmp_path / "werk.koers", timedelta(hours=2))
    store = RecordStore(vault, "tester")
    store.insert("social_map_entry", "s1", {"organisation": "Buurtteam"})
    clock.advance(minutes=10)
    store.update("social_map_entry", "s1", {"phone": "030-1234567"})
    before = [e.change_id for e in journal.entries(vault.db)]

    assert learn_and_restamp(vault) == 2
    after = stamps(vault)
    assert [(r, f) for r, f, _ in after] == [("s1", "*"), ("s1", "phone")]  # order kept
    assert [s.wall_ms for _, _, s in after] == [SERVER_MS - 10 * 60_000, SERVER_MS]
    assert {e.change_id for e in journal.entries(vault.db)}.isdisjoint(before)
    row = store.get("social_map_entry", "s1")
    assert row is not None
    assert Hlc.decode(row["updated_hlc"]) == after[1][2]
    assert json.loads(row["field_hlcs"]) == {
        "*": after[0][2].encode(),
        "phone": after[1][2].encode(),
    }
    # The clock goes on after them, on the server's time.
    with vault.transaction():
        assert Hlc.decode(vault.next_hlc()) > after[1][2]
    vault.lock()


def test_a_clock_in_2300_restarts_on_the_server_time_after_what_it_adopted(
    tmp_path: Path,
) -> None:
    vault, clock = ahead_vault(tmp_path / "werk.koers", timedelta(days=365 * 274))
    store = RecordStore(vault, "tester")
    seen = Hlc(SERVER_MS + 60_000, 3, "other")  # adopted from a colleague, a minute ahead
    with vault.transaction():
        clock.set(NOW)
        vault.observe_hlc(seen)
    clock.set(NOW + timedelta(days=365 * 274))
    store.insert("social_map_entry", "s1", {"organisation": "Buurtteam"})
    store.insert("social_map_entry", "s2", {"organisation": "Veilig Thuis"})
    clock.set(NOW)  # put right; the vault's clock still stands in 2300

    learn_and_restamp(vault)
    (_, _, first), (_, _, second) = stamps(vault)
    assert seen < first < second  # after what it adopted, in order
    assert second.wall_ms <= SERVER_MS + 60_000
    assert vault.meta(HLC_LAST) is not None
    assert Hlc.decode(vault.meta(HLC_LAST)).wall_ms < SERVER_MS + MAX_AHEAD_MS
    vault.lock()


def test_only_the_refused_rows_of_an_answered_batch_move(tmp_path: Path) -> None:
    """The clock was right for the first edit (the server accepted it), then jumped 2 hours
    ahead: the refused edit and the unsent one after it move, after the accepted one."""
    vault, clock = ahead_vault(tmp_path / "werk.koers", timedelta(0))
    store = RecordStore(vault, "tester")
    store.insert("social_map_entry", "a", {"organisation": "a"})
    clock.set(NOW + timedelta(hours=2))
    for name in ("b", "c"):
        store.insert("social_map_entry", name, {"organisation": name})
    accepted, refused, _ = journal.entries(vault.db)

    moved = learn_and_restamp(vault, refused={refused.change_id}, answered_upto=refused.seq)
    assert moved == 2  # the refused one and the unsent one after it
    rows = journal.entries(vault.db)
    assert rows[0] == accepted  # answered: left as it was
    assert [r.record_id for r in rows[1:]] == ["b", "c"] and rows[1].seq > refused.seq
    assert accepted.hlc < rows[1].hlc < rows[2].hlc
    assert Hlc.decode(rows[2].hlc).wall_ms == SERVER_MS
    vault.lock()


def test_nothing_moves_when_no_stamp_is_ahead(tmp_path: Path) -> None:
    vault, _ = ahead_vault(tmp_path / "werk.koers", timedelta(0))
    RecordStore(vault, "tester").insert("social_map_entry", "s1", {"organisation": "x"})
    before = journal.entries(vault.db)
    assert learn_and_restamp(vault) == 0
    assert journal.entries(vault.db) == before
    vault.lock()
