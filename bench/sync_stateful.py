"""Run the stateful sync test with many more examples than CI does, and print the count.

python -m bench.sync_stateful [--examples N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.timing import report

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=300)
    args = parser.parse_args()
    env = {
        **os.environ,
        "KOERS_STATEFUL_EXAMPLES": str(args.examples),
        "KOERS_STATEFUL_SHRINK": os.environ.get("KOERS_STATEFUL_SHRINK", "1"),
    }
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/sync/test_stateful.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    outcome = "all passed" if result.returncode == 0 else "FAILED"
    report("stateful sync examples (3 laptops, 25 steps)", f"{args.examples}", outcome)
    report("time", f"{seconds:.0f} s")
    if result.returncode != 0:
        print(result.stdout[-4000:])
        sys.exit(1)


if __name__ == "__main__":
    main()
