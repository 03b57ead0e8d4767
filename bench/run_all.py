"""Every benchmark of the project in one go, each under its goal, so a reader sees at a glance
where Koers stands. Each bench runs in its own process (a clean interpreter, no warm caches
from the one before).

python -m bench.run_all [--quick] [--only NAME ...]

--quick runs the same measurements on smaller inputs (a few minutes instead of about an hour); its
figures are for a smoke check, not for quoting.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Bench:
    module: str
    goal: str
    quick_args: tuple[str, ...] = ()
    args: tuple[str, ...] = ()  # always passed (before quick_args)


BENCHES = (
    Bench("machine", "no goal: this machine's speed, to set two sessions side by side"),
    Bench("vault_write", "vault writes at least 0.4x plain sqlite-utils", ("--rounds", "3")),
    Bench(
        "unlock",
        "500 cases: Argon2id, open and the dashboard's queries (painted: see desktop)",
        ("--runs", "3", "--cases", "100"),
    ),
    Bench(
        "dashboard_query",
        "caseload from scratch: 5,000 cases / 250,000 contacts in < 25 ms",
        ("--cases", "1000", "--contacts", "50000"),
    ),
    Bench(
        "dashboard_query",
        "caseload from scratch: 20,000 cases in < 100 ms (linear or better)",
        ("--cases", "6000", "--contacts", "50000"),
        ("--cases", "20000"),
    ),
    Bench(
        "desktop",
        "Vandaag painted at 5,000 cases < 100 ms; unlock to painted dashboard at 500 cases"
        " < 700 ms, Argon2id the most; keystroke filtering < 50 ms",
        ("--cases", "1000", "--contacts", "50000", "--small", "100"),
    ),
    Bench(
        "sync_first",
        "500-case caseload, side by side with PouchDB: push and pull at least 3x the peer",
        ("--cases", "50", "--rounds", "2"),
        ("--peer",),
    ),
    Bench(
        "sync_load",
        "PostgreSQL, 2 processes: >= 1,000 empty syncs/s; 200 devices editing; p95 < 300 ms",
        ("--devices", "50", "--seconds", "4"),
    ),
    Bench(
        "sync_fill",
        "500,000-change push: last 10% at least 0.8x the first 10% (SQLite)",
        ("--changes", "20000", "--cases", "500"),
    ),
    Bench(
        "sync_fill",
        "500,000-change push: last 10% at least 0.8x the first 10% (PostgreSQL)",
        ("--changes", "20000", "--cases", "500"),
        ("--db", "postgresql"),
    ),
    Bench("sync_stateful", "stateful sync test: every example converges", ("--examples", "40")),
    Bench("export_pack", "handover pack of 50 cases in < 5 s", ("--runs", "1")),
    Bench(
        "cli_start",
        "koers --version < 100 ms; koers cases <= 100 ms above Argon2id",
        ("--runs", "3"),
    ),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller inputs, rough figures")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these benches")
    args = parser.parse_args()
    chosen = [b for b in BENCHES if not args.only or b.module in args.only]
    failed = []
    started = time.perf_counter()
    for bench in chosen:
        print(f"\n=== {bench.module}   goal: {bench.goal}", flush=True)
        command = [sys.executable, "-m", f"bench.{bench.module}", *bench.args]
        if args.quick:
            command += bench.quick_args
        if subprocess.run(command).returncode != 0:
            failed.append(bench.module)
    print(f"\n{len(chosen)} benches in {time.perf_counter() - started:.0f} s", end="")
    print(f"; failed: {', '.join(failed)}" if failed else "")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
