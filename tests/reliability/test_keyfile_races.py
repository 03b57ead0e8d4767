"""Parallel unlocks of one vault (threads of one process, and processes) with wrong
passphrases: none crashes, every failure is counted, the key file is never read as damaged,
and the right passphrase opens afterwards. A key file asking for absurd Argon2 parameters is
refused as damaged before any key derivation."""

from __future__ import annotations

import json
import multiprocessing
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import storage.vault as vault_module
from storage.clock import FixedClock
from storage.errors import BackoffActive, NotAVault, WrongPassphrase
from storage.keyfile import key_path_for, read_key_file
from storage.keys import KdfParams
from storage.vault import Vault

PASSPHRASE = "laptop-wachtwoord"
# Cheap, but with two lanes: two parallel derivations of more than one lane is what hung.
RACE_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=2)
DAMAGED_NL = "Het sleutelbestand is geen Koers-sleutelbestand of is beschadigd."


def make_vault(folder: Path) -> Path:
    path = folder / "werk.koers"
    Vault.create(path, PASSPHRASE, owner="anna", kdf=RACE_KDF).lock()
    return path


def guess_wrong(path: Path, times: int) -> list[str]:
    """Wrong passphrases, as fast as they go; the name of each outcome. No backoff here (its
    free attempts are endless), so every guess writes the key file's failure counter."""
    vault_module.FREE_ATTEMPTS = 10**9
    outcomes = []
    for i in range(times):
        try:
            Vault.open(path, f"fout-wachtwoord-{i}", backup_now=False)
            outcomes.append("opened")
        except (WrongPassphrase, BackoffActive) as exc:
            outcomes.append(type(exc).__name__)
        except Exception as exc:  # a crash: reported, not raised, so every guess is counted
            outcomes.append(f"crash: {type(exc).__name__}: {exc}")
    return outcomes


class KeyFileReader(threading.Thread):
    """Reads the key file over and over while the guesses run; notes any damaged read."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.key_path = key_path_for(path)
        self.stop = threading.Event()
        self.damaged = 0
        self.reads = 0

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                read_key_file(self.key_path)
            except NotAVault:
                self.damaged += 1
            self.reads += 1


def check_afterwards(path: Path, outcomes: list[str]) -> None:
    crashes = [o for o in outcomes if o.startswith("crash")]
    assert crashes == []
    assert set(outcomes) == {"WrongPassphrase"}
    assert read_key_file(key_path_for(path)).failed_attempts == len(outcomes)  # none lost
    later = FixedClock(datetime.now(UTC) + timedelta(days=1))  # past any backoff
    with Vault.open(path, PASSPHRASE, clock=later, backup_now=False) as vault:
        assert vault.owner == "anna"
    assert read_key_file(key_path_for(path)).failed_attempts == 0
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_parallel_wrong_unlocks_in_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault_module, "FREE_ATTEMPTS", vault_module.FREE_ATTEMPTS)  # restored
    path = make_vault(tmp_path)
    reader = KeyFileReader(path)
    reader.start()
    results: list[list[str]] = []
    threads = [
        threading.Thread(target=lambda: results.append(guess_wrong(path, 4)), daemon=True)
        for _ in range(32)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    reader.stop.set()
    reader.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an unlock hung"
    assert reader.damaged == 0 and reader.reads > 0
    monkeypatch.undo()
    check_afterwards(path, [o for batch in results for o in batch])


def test_parallel_wrong_unlocks_in_processes(tmp_path: Path) -> None:
    path = make_vault(tmp_path)
    reader = KeyFileReader(path)
    reader.start()
    context = multiprocessing.get_context("spawn")
    with context.Pool(6) as pool:
        batches = pool.starmap(guess_wrong, [(path, 8)] * 12, chunksize=1)
    reader.stop.set()
    reader.join(timeout=60)
    assert reader.damaged == 0 and reader.reads > 0
    check_afterwards(path, [o for batch in batches for o in batch])


@pytest.mark.parametrize(
    ("memory_kib", "iterations", "lanes"),
    [
        (1024, 10**9, 1),  # would derive for days
        (2**40, 1, 1),  # a terabyte of memory
        (4 * 1024 * 1024 + 1, 1, 1),  # just over 4 GiB
        (1024, 1, 65),
        (1024, 0, 1),
        (0, 1, 1),
        (1024, 1, 0),
        (1024, -1, 1),
    ],
)
def test_absurd_argon2_parameters_are_refused_as_damage(
    tmp_path: Path, memory_kib: int, iterations: int, lanes: int
) -> None:
    path = make_vault(tmp_path)
    key_path = key_path_for(path)
    data = json.loads(key_path.read_text(encoding="utf-8"))
    data["kdf"].update(memory_kib=memory_kib, iterations=iterations, lanes=lanes)
    key_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(NotAVault) as refused:
        Vault.open(path, PASSPHRASE)  # returns at once: no derivation is tried
    assert refused.value.message_nl == DAMAGED_NL


def test_the_largest_sane_parameters_are_still_read(tmp_path: Path) -> None:
    path = make_vault(tmp_path)
    key_path = key_path_for(path)
    data = json.loads(key_path.read_text(encoding="utf-8"))
    data["kdf"].update(memory_kib=4 * 1024 * 1024, iterations=100, lanes=64)
    key_path.write_text(json.dumps(data), encoding="utf-8")
    kdf = read_key_file(key_path).wrapped.kdf
    assert (kdf.memory_kib, kdf.iterations, kdf.lanes) == (4 * 1024 * 1024, 100, 64)
