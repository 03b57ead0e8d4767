"""Vault.reading_while_checked lets reads go on while the unlock's page check runs, and
promises that nothing is written meanwhile: its own connection is query_only. What writes
elsewhere (another connection on the file, a backup copy of it) must still wait for the
check, else a damaged file is written to, or copied over its good backups, before the
check says it is damaged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storage import backup
from storage.clock import FixedClock
from storage.errors import VaultCorrupted
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.storage.test_vault_pages_meanwhile import (  # noqa: F401
    backed_up,
    damage_last_page,
    digest,
)


def write_on_a_second_connection(vault: Vault) -> None:
    other = vault.second_connection()
    try:
        with other.sql_transaction() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES ('probe', 'x')")
    finally:
        other.lock()


WRITERS: dict[str, Callable[[Vault], object]] = {
    "second_connection": write_on_a_second_connection,
    "backup_if_due": lambda v: v.backup_if_due(),
    "renew_backups": lambda v: v.renew_backups(),
}


@pytest.mark.parametrize("write", WRITERS.values(), ids=WRITERS.keys())
def test_writers_elsewhere_wait_for_the_check_within_reading_while_checked(
    backed_up: Path,  # noqa: F811
    clock: FixedClock,
    write: Callable[[Vault], object],
) -> None:
    damage_last_page(backed_up)
    before = digest(backed_up)
    made = [(b.path, digest(b.path)) for b in backup.backups(backed_up)]
    clock.advance(days=1)  # a backup is due
    vault = Vault.open(backed_up, PASSPHRASE, clock=clock, backup_now=False, pages_meanwhile=True)
    with pytest.raises(VaultCorrupted), vault.reading_while_checked():
        write(vault)
    assert vault.is_locked
    vault.lock()
    assert digest(backed_up) == before
    assert [(b.path, digest(b.path)) for b in backup.backups(backed_up)] == made
