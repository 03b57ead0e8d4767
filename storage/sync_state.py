"""Sync bookkeeping inside the vault: server address, device token, cursors."""

from __future__ import annotations

from storage.vault import Vault

SERVER_URL = "server_url"
DEVICE_TOKEN = "device_token"  # secret: lives only inside the encrypted vault
SERVER_DEVICE_ID = "server_device_id"
PULL_CURSOR = "pull_cursor"  # highest server sequence number applied
PUSHED_SEQ = "pushed_seq"  # highest journal seq the server has answered for
LAST_SYNC = "last_sync"


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
