"""The vault's raw connection (readers; `sql_transaction`) behaves as its sqlite-utils wrapper
(`db`; `transaction`): opening and reading do not load sqlite-utils (issue 17), so both paths
must give the same answers and keep the same rules."""

from __future__ import annotations

import pytest

from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.repository import RecordStore
from storage.vault import HLC_LAST, Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def reopened(vault_path, clock: FixedClock) -> Vault:  # type: ignore[no-untyped-def]
    with Vault.create(vault_path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as v:
        store = RecordStore(v, "tester")
        store.insert("case", "c1", {"display_name": "Test Persoon"})
        store.insert(
            "contact",
            "k1",
            {"case_id": "c1", "status": "gedaan", "kind": "huisbezoek", "starts_at": "2026-11-20"},
        )
    return Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_raw_reads_answer_as_the_wrapper_does(reopened: Vault) -> None:
    with reopened as vault:
        for sql in (
            "SELECT * FROM cases ORDER BY id",
            "SELECT * FROM case_summary ORDER BY case_id",
            "SELECT key, value FROM meta ORDER BY key",
        ):
            assert vault.execute(sql).fetchall() == vault.db.execute(sql).fetchall()


def test_raw_connection_fires_triggers_from_triggers_as_the_wrapper(reopened: Vault) -> None:
    """sqlite-utils turns recursive triggers on; the raw connection has them on before any
    wrapper exists, so a write on either fires the same triggers."""
    with reopened as vault:
        assert vault.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
        second = vault.second_connection()
        try:
            assert second.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
        finally:
            second.lock()


def test_sql_transaction_commits_saves_the_clock_and_joins_an_outer_one(reopened: Vault) -> None:
    with reopened as vault:
        with vault.sql_transaction() as conn:
            stamp = vault.next_hlc()
            conn.execute("INSERT INTO meta(key, value) VALUES ('probe', 'raw')")
            with vault.transaction() as db:  # nested: the same transaction
                db.execute("UPDATE meta SET value = 'both' WHERE key = 'probe'")
            assert conn.in_transaction
        assert not vault.connection.in_transaction
        assert vault.meta("probe") == "both"
        assert vault.meta(HLC_LAST) == stamp


def test_sql_transaction_rolls_back_on_an_error(reopened: Vault) -> None:
    with reopened as vault:
        before = vault.meta(HLC_LAST)
        with pytest.raises(RuntimeError), vault.sql_transaction() as conn:
            vault.next_hlc()
            conn.execute("INSERT INTO meta(key, value) VALUES ('probe', 'lost')")
            raise RuntimeError("boom")
        assert vault.meta("probe") is None
        assert vault.meta(HLC_LAST) == before
        assert not vault.connection.in_transaction


def test_locked_vault_refuses_raw_access(reopened: Vault) -> None:
    from storage.errors import VaultLocked

    reopened.lock()
    with pytest.raises(VaultLocked):
        reopened.execute("SELECT 1")
    with pytest.raises(VaultLocked), reopened.sql_transaction():
        pass
