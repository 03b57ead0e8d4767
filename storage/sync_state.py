"""Sync bookkeeping inside the vault: server address, device token, cursors."""

from __future__ import annotations

from storage.record_types import CASE_CONTENT_TABLES
from storage.vault import Vault

SERVER_URL = "server_url"
DEVICE_TOKEN = "device_token"  # secret: lives only inside the encrypted vault
SERVER_DEVICE_ID = "server_device_id"
PULL_CURSOR = "pull_cursor"  # highest server sequence number applied
PUSHED_SEQ = "pushed_seq"  # highest journal seq the server has answered for
LAST_SYNC = "last_sync"
# The account behind the device token as the server last said (GET /v1/me): the window
# shows a teamleider's team page from these, also offline.
ACCOUNT_USER = "account_user"
ACCOUNT_ROLE = "account_role"
ACCOUNT_TEAM = "account_team"


def get(vault: Vault, key: str) -> str | None:
    row = vault.db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def get_int(vault: Vault, key: str) -> int:
    value = get(vault, key)
    return int(value) if value else 0


def put(vault: Vault, key: str, value: str | int) -> None:
    vault.db.execute(
        "INSERT INTO sync_state(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, str(value)],
    )


def pending_changes(vault: Vault) -> int:
    """Journal rows not yet answered by the server."""
    return vault.db.execute(
        "SELECT count(*) FROM journal WHERE seq > ?", [get_int(vault, PUSHED_SEQ)]
    ).fetchone()[0]


def case_record_ids(vault: Vault, case_id: str) -> list[str]:
    """The case and every record in it."""
    ids = [case_id]
    for table in CASE_CONTENT_TABLES:
        ids += [
            r[0] for r in vault.db.execute(f"SELECT id FROM {table} WHERE case_id = ?", [case_id])
        ]
    return ids


def case_has_unsent_changes(vault: Vault, case_id: str, *, refused_count: bool) -> bool:
    """Changes of the case the server has not answered yet (and, with `refused_count`, ones it
    refused and did not keep as a late arrival): while there are any, the laptop's copy is
    the only one of them."""
    ids = case_record_ids(vault, case_id)
    pushed = get_int(vault, PUSHED_SEQ)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        if vault.db.execute(
            f"SELECT 1 FROM journal WHERE seq > ? AND record_id IN ({marks}) LIMIT 1",
            [pushed, *chunk],
        ).fetchone():
            return True
        if (
            refused_count
            and vault.db.execute(
                f"SELECT 1 FROM sync_rejections WHERE code != 'kept_late' "
                f"AND record_id IN ({marks}) LIMIT 1",
                chunk,
            ).fetchone()
        ):
            return True
    return False
