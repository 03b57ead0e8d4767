"""Time to export: a handover pack of one case and of 50 cases (read from the vault, laid out,
AES-256 encrypted, written), a teamkracht sheet and the team overview.

The 50-case pack is timed as the worker waits for it (wall clock) and as processor time of
this process, which other work on a shared machine disturbs less; the load average is
printed beside them. Also: how many pages the triage table takes (goal: one).

python -m bench.export_pack [--cases 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from app.casework import Casework
from app.exports.service import (
    CaseSelection,
    export_handover_pack,
    export_team_overview,
    export_teamkracht_sheet,
)
from app.synthetic import populate
from bench.timing import median_seconds, report
from storage.keys import TEST_KDF
from storage.vault import Vault

PASSWORD = "bench-pdf-wachtwoord"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Vault.create(
            folder / "werk.koers", "bench-wachtwoord", owner="bench", kdf=TEST_KDF
        ) as vault:
            casework = Casework(vault)
            casework.seed_default_programmes()
            ids = populate(casework, args.cases, seed=11)
            pages: dict[str, int] = {}

            def pack(name: str, selection: CaseSelection) -> None:
                out = folder / f"{name}.pdf"
                pages[name] = export_handover_pack(vault, out, selection, PASSWORD).pages

            one = median_seconds(lambda: pack("one", CaseSelection(case_ids=(ids[0],))), args.runs)
            walls, cpus = [], []
            for _ in range(args.runs):
                wall, cpu = time.perf_counter(), time.process_time()
                pack("all", CaseSelection(all_cases=True))
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
            many, many_cpu = statistics.median(walls), statistics.median(cpus)
            triage_pages = _triage_pages(folder / "all.pdf")
            sheet = median_seconds(
                lambda: export_teamkracht_sheet(vault, folder / "tk.pdf", ids[0]), args.runs
            )
            overview = median_seconds(
                lambda: export_team_overview(vault, folder / "ov.pdf"), args.runs
            )
    print(f"handover packs, teamkracht sheet and overview; median of {args.runs} runs")
    report("handover pack, 1 case", f"{one * 1000:.0f} ms", f"({pages['one']} pages)")
    report(
        f"handover pack, {args.cases} cases",
        f"{many:.2f} s",
        f"goal < 5 s ({pages['all']} pages; runs {', '.join(f'{w:.2f}' for w in walls)})",
    )
    report("  of which processor time (this process)", f"{many_cpu:.2f} s")
    report("  triage table", f"{triage_pages} page(s)", "goal 1")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    report("  load average (1, 5, 15 min)", load, f"on {os.cpu_count()} cores")
    report("teamkracht sheet", f"{sheet * 1000:.0f} ms")
    report(f"team overview ({args.cases} cases)", f"{overview * 1000:.0f} ms")


def _triage_pages(path: Path) -> int:
    """Pages before the title page: the triage table."""
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    reader.decrypt(PASSWORD)
    for number, page in enumerate(reader.pages):
        if "Vertrouwelijk\nDit dossier" in (page.extract_text() or ""):
            return number
    return -1


if __name__ == "__main__":
    main()
