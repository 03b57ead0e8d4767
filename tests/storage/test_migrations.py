"""A vault made by any earlier Koers opens in this one, with its data intact."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import sqlite_utils

from storage import sqlcipher
from storage.errors import SchemaTooNew
from storage.keyfile import KeyFile, key_path_for, write_key_file
from storage.keys import TEST_KDF, new_database_key, wrap_key
from storage.migrations import LATEST_VERSION, migrate, schema_version
from storage.repository import RecordStore
from storage.vault import Vault, _init_meta

PASSPHRASE = "veilig-wachtwoord-42"


def _schema(db: sqlite_utils.Database) -> set[tuple[str, str]]:
    return {
        (name, " ".join((sql or "").split()))
        for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    }


def make_vault_at_version(path: Path, version: int) -> None:
    """What `Vault.create` of an older Koers would have left on disk."""
    vault_id = str(uuid.uuid4())
    key = new_database_key()
    conn = sqlcipher.connect_keyed(path, key)
    db = sqlite_utils.Database(conn)
    migrate(db, target=version)
    if version >= 1:
        _init_meta(conn, vault_id=vault_id, owner="tester")
        conn.execute(
            "INSERT INTO cases(id, display_name, status, deleted) "
            "VALUES ('old-case', 'Oude Casus', 'actief', 0)"
        )
    sqlcipher.set_write_pragmas(conn)
    conn.close()
    salt = path.read_bytes()[:16].hex()
    wrapped = wrap_key(key, PASSPHRASE.encode(), TEST_KDF, vault_id.encode())
    write_key_file(key_path_for(path), KeyFile(vault_id=vault_id, wrapped=wrapped, db_salt=salt))


def fresh_schema(tmp_path: Path) -> set[tuple[str, str]]:
    conn = sqlcipher.connect_keyed(tmp_path / "fresh.db", new_database_key())
    db = sqlite_utils.Database(conn)
    migrate(db)
    return _schema(db)


@pytest.mark.parametrize("start", range(1, LATEST_VERSION))
def test_vault_from_every_earlier_version_opens_migrated(tmp_path: Path, start: int) -> None:
    path = tmp_path / "old.koers"
    make_vault_at_version(path, start)
    with Vault.open(path, PASSPHRASE) as vault:
        assert schema_version(vault.db) == LATEST_VERSION
        assert _schema(vault.db) == fresh_schema(tmp_path)
        assert RecordStore(vault, "t").require("case", "old-case")["display_name"] == "Oude Casus"
        assert vault.check_integrity() == []


@pytest.mark.parametrize("start", range(0, LATEST_VERSION))
def test_each_migration_path_reaches_the_same_schema(tmp_path: Path, start: int) -> None:
    conn = sqlcipher.connect_keyed(tmp_path / f"v{start}.db", new_database_key())
    db = sqlite_utils.Database(conn)
    migrate(db, target=start)
    assert schema_version(db) == start
    assert migrate(db) == LATEST_VERSION
    assert _schema(db) == fresh_schema(tmp_path)


def test_newer_schema_is_refused_without_change(tmp_path: Path) -> None:
    path = tmp_path / "future.koers"
    make_vault_at_version(path, LATEST_VERSION)
    with Vault.open(path, PASSPHRASE) as vault:
        vault.db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(SchemaTooNew):
        Vault.open(path, PASSPHRASE)


def test_record_columns_match_domain_fields(tmp_path: Path) -> None:
    """Every field of every domain record has a column, and nothing else does."""
    import dataclasses

    from app.casework import RECORD_TYPES
    from storage.record_types import record_type

    conn = sqlcipher.connect_keyed(tmp_path / "cols.db", new_database_key())
    db = sqlite_utils.Database(conn)
    migrate(db)
    for cls, type_name in RECORD_TYPES.items():
        managed = {"deleted", "updated_hlc", "field_hlcs"}
        columns = set(db[record_type(type_name).table].columns_dict) - managed
        assert columns == {f.name for f in dataclasses.fields(cls)}, cls.__name__
