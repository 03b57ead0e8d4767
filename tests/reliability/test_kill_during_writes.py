"""SIGKILL a writer mid-transaction, again and again: the vault always opens, passes its
integrity check, holds every committed change and nothing half-written."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.reliability.crash_writer import CONTACTS_PER_CASE

ROUNDS = int(os.environ.get("KOERS_CRASH_ROUNDS", "30"))
ROOT = Path(__file__).resolve().parents[2]


def _kill_after(path: Path, commits: int, spin: int) -> tuple[list[str], str]:
    """Start the writer, wait for `commits` commits, then kill it inside the next transaction.

    Returns the committed ids and the id of the transaction that was under way at the kill.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", str(path), PASSPHRASE],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        text=True,
    )
    committed: list[str] = []
    assert proc.stdout is not None
    while True:
        line = proc.stdout.readline()
        assert line, "writer died on its own"
        mark, case_id = line.split()
        if mark == "C":
            committed.append(case_id)
        elif len(committed) >= commits:
            break
    # Busy-spin a random amount so the kill lands at varied points of the transaction.
    sum(range(spin))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return committed, case_id


def test_sigkill_mid_transaction_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "crash.koers"
    Vault.create(path, PASSPHRASE, owner="t", kdf=TEST_KDF).lock()
    rng = random.Random(2026)
    committed: list[str] = []
    killed_mid_transaction = 0
    for _ in range(ROUNDS):
        done, in_flight = _kill_after(path, rng.randint(1, 4), rng.randint(0, 100_000))
        committed += done
        with Vault.open(path, PASSPHRASE) as vault:
            assert vault.check_integrity() == []
            db = vault.db
            ids = {row[0] for row in db.execute("SELECT id FROM cases")}
            assert set(committed) <= ids
            killed_mid_transaction += in_flight not in ids
            # Nothing half-written: every case has its three contacts, its update and its
            # journal and access-log rows, or it does not exist at all.
            n_contacts = db.execute("SELECT count(*) FROM contacts").fetchone()[0]
            assert n_contacts == CONTACTS_PER_CASE * len(ids)
            assert (
                db.execute("SELECT count(*) FROM cases WHERE status != 'nazorg'").fetchone()[0] == 0
            )
            journal_rows = db.execute("SELECT count(*) FROM journal").fetchone()[0]
            # One row per created record, then one for the status change.
            assert journal_rows == len(ids) * (1 + CONTACTS_PER_CASE + 1)
            log_rows = db.execute("SELECT count(*) FROM access_log").fetchone()[0]
            assert log_rows == len(ids) * (1 + CONTACTS_PER_CASE + 1)
    assert len(committed) >= ROUNDS
    # The kills really hit open transactions (else this test would prove little).
    print(f"kills inside a transaction: {killed_mid_transaction}/{ROUNDS}")
    assert killed_mid_transaction >= ROUNDS // 3, killed_mid_transaction
