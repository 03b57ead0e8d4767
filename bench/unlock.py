"""Unlock time with the default Argon2id parameters: key derivation, open, and the
dashboard's queries, without the window. Goal (issue 17): unlock to the painted dashboard at
500 cases under 700 ms, of which Argon2id is the most (painted: `python -m bench.desktop`);
this bench shows where the time that is not Argon2id goes.

python -m bench.unlock [--cases N] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from app.caseload import caseload
from app.casework import Casework
from app.dashboard import build_dashboard
from app.synthetic import populate
from bench.timing import median_seconds, report
from storage.keyfile import key_path_for, read_key_file
from storage.keys import DEFAULT_KDF, unwrap_key
from storage.vault import Vault

PASSPHRASE = "bench-passphrase-lang"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500)
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

        phases: dict[str, list[float]] = {"open": [], "first": [], "board": []}

        def unlock() -> None:
            start = time.perf_counter()
            vault = Vault.open(path, PASSPHRASE)
            opened = time.perf_counter()
            work = Casework(vault)
            programmes, today = work.programmes(), work.today()
            caseload(vault.db, programmes, today)
            first = time.perf_counter()
            build_dashboard(vault.db, programmes, today)
            phases["open"].append(opened - start)
            phases["first"].append(first - opened)
            phases["board"].append(time.perf_counter() - first)
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
            f"first query: caseload of {args.cases} cases (cold)",
            f"{statistics.median(phases['first']) * 1000:.0f} ms",
        )
        report(
            "whole Vandaag dashboard after it",
            f"{statistics.median(phases['board']) * 1000:.0f} ms",
        )
        report(
            "unlock to dashboard data, total",
            f"{total * 1000:.0f} ms",
            "goal < 700 ms with the paint (bench.desktop)",
        )


if __name__ == "__main__":
    main()
