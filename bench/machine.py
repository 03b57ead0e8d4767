"""How fast this machine runs Python and the KDF today, so figures of two sessions can be set
side by side: the goals are absolute times, and one machine of the same kind ran pure Python
2-3x slower than another (issue 17's note of 2026-12-02).

python -m bench.machine [--runs 5]

Prints the median of `--runs` of: ten million additions in a Python loop (pure interpreter
speed), and one Argon2id derivation at Koers' vault strength (storage.keys.DEFAULT_KDF: C code,
both cores). On the machine where issue 17's goals were first met, the vault's Argon2id took
about 294 ms in the unlock figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench.timing import report


def python_loop_seconds() -> float:
    """Wall seconds of 10,000,000 integer additions in a Python loop."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - start


def argon2id_seconds() -> float:
    """Wall seconds of wrapping a new vault key at the vault's strength (one Argon2id
    derivation; the key wrap itself is microseconds)."""
    from storage.keys import DEFAULT_KDF, new_database_key, wrap_key

    key = new_database_key()
    start = time.perf_counter()
    wrap_key(key, b"bench-machine-passphrase", DEFAULT_KDF, b"bench")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    loop = statistics.median(python_loop_seconds() for _ in range(args.runs))
    report("machine: 10M-step Python loop", f"{loop * 1000:,.0f} ms", "median")
    kdf = statistics.median(argon2id_seconds() for _ in range(args.runs))
    report("machine: Argon2id at vault strength", f"{kdf * 1000:,.0f} ms", "median")
    with open("/proc/loadavg", encoding="ascii") as f:
        report("machine: load average (1 min)", f.read().split()[0], f"{os.cpu_count()} cores")


if __name__ == "__main__":
    main()
