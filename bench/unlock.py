"""Unlock time with the default Argon2id parameters: key derivation, open, first query.

python -m bench.unlock [--cases N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from app.caseload import caseload
from app.casework import Casework
from app.synthetic import populate
from bench.timing import median_seconds, report
from storage.keyfile import key_path_for, read_key_file
from storage.keys import DEFAULT_KDF, unwrap_key
from storage.vault import Vault

PASSPHRASE = "bench-passphrase-lang"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "werk.koers"
        with Vault.create(path, PASSPHRASE, owner="bench", kdf=DEFAULT_KDF) as vault:
            casework = Casework(vault)
            casework.seed_default_programmes()
            populate(casework, args.cases)
        key_file = read_key_file(key_path_for(path))

        def derive() -> None:
            unwrap_key(key_file.wrapped, PASSPHRASE.encode(), key_file.vault_id.encode())

        phases: dict[str, list[float]] = {"open": [], "first": []}

        def unlock() -> None:
            start = time.perf_counter()
            vault = Vault.open(path, PASSPHRASE)
            opened = time.perf_counter()
            work = Casework(vault)
            caseload(vault.db, work.programmes(), work.today())
            phases["open"].append(opened - start)
            phases["first"].append(time.perf_counter() - opened)
            vault.lock()

        kdf = DEFAULT_KDF
        report(
            f"Argon2id m={kdf.memory_kib // 1024} MiB t={kdf.iterations} p={kdf.lanes}",
            f"{median_seconds(derive, args.runs) * 1000:.0f} ms",
        )
        total = median_seconds(unlock, args.runs)
        report(
            "unlock: Argon2id + open + checks", f"{statistics.median(phases['open']) * 1000:.0f} ms"
        )
        report(
            f"first query: caseload of {args.cases} cases",
            f"{statistics.median(phases['first']) * 1000:.0f} ms",
        )
        report("unlock to caseload, total", f"{total * 1000:.0f} ms", "goal 300-1000 ms")


if __name__ == "__main__":
    main()
