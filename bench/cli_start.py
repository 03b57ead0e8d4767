"""How long a `koers` command takes to start: `koers --version` against a bare interpreter,
and `koers cases` against the Argon2id key derivation it cannot avoid.

Goals (issue "no wait a worker can feel"): `koers --version` under 100 ms; `koers cases` no
more than 100 ms above the Argon2id time. Each command runs in a fresh process, the way a
worker starts it (the `koers` entry point, ui.launcher:main); min and median of --runs.
Beside the wall-clock time each line gives the CPU time (user + system) of the process,
which moves much less than the wall clock when other work shares the machine: on a busy
machine compare the CPU figures. The last line times `koers cases` on the same caseload in a
vault with the tests' cheap key derivation (about 1 ms): the work above Argon2id measured
directly, which the two Argon2id lanes competing with other work on the machine do not blur.
tests/cli/test_start_imports.py guards the imports.

With --instructions (and valgrind installed) both commands also run once under callgrind, on
the cheap-KDF vault: the instructions they execute, all threads together (the vault's page
check runs on a thread of its own while `koers cases` loads its modules). Unlike the times,
that count hardly moves with the machine's load: compare it before and after a change.

python -m bench.cli_start [--runs 7] [--cases 60] [--instructions]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import report

PASSPHRASE = "bench-passphrase-lang"
KOERS = "import sys; from ui.launcher import main; sys.argv[0] = 'koers'; main()"
ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], runs: int, env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) seconds of `command` run `runs` times, each in a
    fresh process (each must succeed)."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def figure(times: list[float]) -> str:
    return f"{min(times) * 1000:.0f} / {statistics.median(times) * 1000:.0f} ms"


def both(walls: list[float], cpus: list[float]) -> str:
    return f"{figure(walls)}  (CPU {figure(cpus)})"


def instructions(command: list[str], env: dict[str, str], out: Path) -> str:
    """The instructions `command` executes (valgrind's callgrind, every thread), as text."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
        capture_output=True, text=True, env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", result.stderr)
    return f"{int(found.group(1)) / 1e6:.0f}M" if found else "?"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions with valgrind too"
    )
    args = parser.parse_args()
    env = {**os.environ, "KOERS_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    # An installed Koers (pip, PyInstaller) starts from compiled bytecode; a machine that sets
    # PYTHONDONTWRITEBYTECODE would compile every module on every start instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "app", "storage", "sync", "ui"],
        check=True, env=env, cwd=ROOT,
    )  # fmt: skip
    print(f"min / median of {args.runs} runs, each in a fresh process, from compiled bytecode")
    bare = timed([sys.executable, "-c", "pass"], args.runs, env)
    report("bare interpreter (this venv)", both(*bare))
    version = timed([sys.executable, "-c", KOERS, "--version"], args.runs, env)
    report("koers --version", both(*version), "goal < 100 ms")

    from app.casework import Casework
    from app.synthetic import populate
    from storage.keyfile import key_path_for, read_key_file
    from storage.keys import DEFAULT_KDF, TEST_KDF, unwrap_key
    from storage.vault import Vault

    with tempfile.TemporaryDirectory() as tmp:
        path, cheap = Path(tmp) / "werk.koers", Path(tmp) / "cheap.koers"
        for vault_path, kdf_params in ((path, DEFAULT_KDF), (cheap, TEST_KDF)):
            with Vault.create(vault_path, PASSPHRASE, owner="bench", kdf=kdf_params) as vault:
                casework = Casework(vault)
                casework.seed_default_programmes()
                populate(casework, args.cases)
            # The first unlock makes the day's backup copy; the runs below are the usual start.
            Vault.open(vault_path, PASSPHRASE).lock()
        key_file = read_key_file(key_path_for(path))
        kdf: list[float] = []
        kdf_cpu: list[float] = []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            unwrap_key(key_file.wrapped, PASSPHRASE.encode(), key_file.vault_id.encode())
            kdf.append(time.perf_counter() - start)
            kdf_cpu.append(time.process_time() - start_cpu)
        report("Argon2id key derivation (in process)", both(kdf, kdf_cpu))
        cases, cases_cpu = timed(
            [sys.executable, "-c", KOERS, "cases", "--vault", str(path)], args.runs, env
        )
        above = statistics.median(cases) - statistics.median(kdf)
        above_cpu = statistics.median(cases_cpu) - statistics.median(kdf_cpu)
        report(f"koers cases ({args.cases} cases)", both(cases, cases_cpu))
        report(
            "  of which above Argon2id (medians)",
            f"{above * 1000:.0f} ms  (CPU {above_cpu * 1000:.0f} ms)",
            "goal <= 100 ms",
        )
        cheap_cases = timed(
            [sys.executable, "-c", KOERS, "cases", "--vault", str(cheap)], args.runs, env
        )
        report("  the same, tests' cheap KDF", both(*cheap_cases), "the part above Argon2id")
        if args.instructions and shutil.which("valgrind") is None:
            print("--instructions needs valgrind (apt-get install valgrind)")
        elif args.instructions:
            out = Path(tmp) / "callgrind.out"
            koers = [sys.executable, "-c", KOERS]
            report("koers --version, instructions", instructions([*koers, "--version"], env, out))
            cheap_command = [*koers, "cases", "--vault", str(cheap)]
            report("koers cases, cheap KDF, instructions", instructions(cheap_command, env, out))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    report("load average (1, 5, 15 min)", load, "on 2 cores")


if __name__ == "__main__":
    main()
