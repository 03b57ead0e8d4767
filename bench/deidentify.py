"""What the de-identification of a teamkracht sheet costs: the library's first load (building
its lookup cache), a later load (from the cache), each sheet after that, and the memory of the
worker process that holds the library (the window's own memory is printed beside it).

python -m bench.deidentify [--sheets 5] [--cold]

--cold also builds the cache from scratch in a temporary folder (1-3 minutes).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from app.casework import Casework, new_id
from app.discussion import CaseDiscussion
from app.exports import deduce_cache
from app.exports.deidentify_worker import DeidentifyWorker
from app.exports.teamkracht_service import prepare_teamkracht_sheet, write_teamkracht_sheet
from app.synthetic import populate
from bench.timing import report
from storage.keys import TEST_KDF
from storage.vault import Vault

# A discussion as a worker writes it (invented): names, places, a school, a plate, numbers.
TIMELINE = (
    "Haar ex Dennis Vermaat woont sinds de zomer aan de Populierendreef 23 in Hoogezand. Op "
    "14 oktober stond hij bij basisschool De Zevensprong; zijn zus Marloes (zo noemt ze haar "
    "'Loesje') haalde de kinderen op. Hij rijdt in 87-TRN-4 en volgt haar als @dennis_88. "
) * 3
RISKS = (
    "Op de brief van de gemeente staat zijn BSN 691682483; het geld gaat naar NL67 INGB 0006 "
    "5432 10. Zijn werkgever Bouwbedrijf Hofstede (leidinggevende Gerrit Kamphuis) weet het. "
) * 2


def worker_peak_mb(pid: int | None) -> str:
    """The worker's peak resident memory (VmHWM, Linux), or "n/a"."""
    if pid is None:
        return "n/a"
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return f"{int(line.split()[1]) / 1024:.0f} MB"
    except OSError:
        pass
    return "n/a"


def own_peak_mb() -> str:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return f"{peak / (1024 * 1024 if sys.platform == 'darwin' else 1024):.0f} MB"


def cold_build_seconds() -> float:
    """Build the cache from scratch in a fresh folder, in a process of its own."""
    with tempfile.TemporaryDirectory() as folder:
        code = (
            "import sys; from pathlib import Path; from app.exports.deduce_engine import "
            "load_library; load_library(Path(sys.argv[1]), rebuild=True)"
        )
        env = {k: v for k, v in os.environ.items() if k != deduce_cache.ENV}
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, folder], check=True, env=env)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="also build the cache from scratch")
    args = parser.parse_args()
    print(f"de-identification of a teamkracht sheet; cache: {deduce_cache.cache_dir()}")
    if args.cold:
        report("first load: cache built from scratch", f"{cold_build_seconds():.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Vault.create(folder / "werk.koers", "bench-wachtwoord", owner="bench",
                          kdf=TEST_KDF) as vault:  # fmt: skip
            casework = Casework(vault)
            casework.seed_default_programmes()
            ids = populate(casework, max(args.sheets, 2), seed=5)
            for case_id in ids:
                casework.add_case_discussion(
                    CaseDiscussion(
                        new_id(), case_id, casework.today() + timedelta(days=3),
                        "Hoe houden we haar veilig nu hij weer in beeld is?",
                        timeline=TIMELINE, risks=RISKS, tried=TIMELINE[:300],
                    )
                )  # fmt: skip
            worker = DeidentifyWorker()
            try:
                sheets = []
                for number, case_id in enumerate(ids[: args.sheets], start=1):
                    start = time.perf_counter()
                    draft = prepare_teamkracht_sheet(vault, case_id, deidentifier=worker.deidentify)
                    write_teamkracht_sheet(vault, folder / f"tk{number}.pdf", draft)
                    sheets.append(time.perf_counter() - start)
                later = sheets[1:]
                report("later load: worker started, cache read", f"{worker.load_seconds:.1f} s")
                report("first sheet of a session (with that load)", f"{sheets[0]:.1f} s")
                if later:
                    report(
                        "second and later sheets (median / max)",
                        f"{statistics.median(later):.2f} / {max(later):.2f} s",
                        "goal < 3 s",
                    )
                report("  of which de-identification in the worker", f"{worker.last_seconds:.2f} s")
                report("worker peak memory (RSS)", worker_peak_mb(worker.pid))
                report("this process's peak memory (the window's side)", own_peak_mb())
            finally:
                worker.close()


if __name__ == "__main__":
    main()
