"""Time to export: a handover pack of one case and of 50 cases (read from the vault, laid out,
AES-256 encrypted, written), a teamkracht sheet and the team overview.

python -m bench.export_pack [--cases 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

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
            many = median_seconds(lambda: pack("all", CaseSelection(all_cases=True)), args.runs)
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
        f"goal < 5 s ({pages['all']} pages)",
    )
    report("teamkracht sheet", f"{sheet * 1000:.0f} ms")
    report(f"team overview ({args.cases} cases)", f"{overview * 1000:.0f} ms")


if __name__ == "__main__":
    main()
