"""Run the stateful sync test with many more examples than CI does, and print the count.

python -m bench.sync_stateful [--examples N] [--workers W]

The examples are split over W processes (each its own server and laptops, Hypothesis seeds
of its own), so a long run uses every core.
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
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    workers = max(1, args.workers)
    shares = [args.examples // workers + (i < args.examples % workers) for i in range(workers)]
    start = time.perf_counter()
    runs = []
    for index, share in enumerate(shares):
        env = {
            **os.environ,
            "KOERS_STATEFUL_EXAMPLES": str(share),
            "KOERS_STATEFUL_SHRINK": os.environ.get("KOERS_STATEFUL_SHRINK", "1"),
        }
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        command += [f"--hypothesis-seed={int(time.time()) + index}", "tests/sync/test_stateful.py"]
        runs.append(
            subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    outputs = [run.communicate()[0] for run in runs]
    failed = [out for run, out in zip(runs, outputs, strict=True) if run.returncode != 0]
    seconds = time.perf_counter() - start
    outcome = "all passed" if not failed else "FAILED"
    report("stateful sync examples (3 laptops, 25 steps)", f"{args.examples}", outcome)
    report("processes", f"{workers}")
    report("time", f"{seconds:.0f} s")
    for out in failed:
        print(out[-4000:])
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
