"""The due/overdue dashboard on 5,000 cases with 250,000 contacts. Goal (issue 17): the
caseload from scratch under 25 ms at 5,000 cases, under 100 ms at 20,000 (`--cases 20000`).

"From scratch" is what an unlock does: no row made in this process, the vault's stored lines
read (app/caseload_store.py). Beside it: the first caseload after unlocking (page cache cold),
the caseload when every line is to be computed (after a migration or a first pull: computed
and stored once), computing every line without the stored ones (the quick path, as before the
stored lines) and the rules case by case.

Cases and their histories are written through the services (journal and access log included);
contacts are then topped up to the target count with direct inserts, since the journal plays
no part in the query being measured. Beyond 5,000 cases (writing through the services takes
minutes per thousand) the cases are copies of the first 5,000 under new ids, with their
contacts and summaries, written directly: the same mix of programmes, phases and dates.

    python -m bench.dashboard_query [--cases N] [--contacts N] [--vault PATH]

--vault keeps the built vault at PATH (passphrase "bench-passphrase") and reuses it when it
exists, so a second run measures at once.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from app import caseload_store
from app.caseload import (
    CaseloadView,
    _compute,
    _quick_sql_rows,
    caseload,
    caseload_by_the_rules,
)
from app.casework import Casework
from app.codec import format_datetime
from app.dashboard import build_dashboard
from app.rules import LOCAL_TZ
from app.synthetic import SyntheticCaseload, write_case
from bench.timing import median_seconds, report, timed
from storage.keys import TEST_KDF
from storage.vault import Vault

BUILT_THROUGH_SERVICES = 5000
PASSPHRASE = "bench-passphrase"


def build(path: Path, n_cases: int, n_contacts: int) -> Vault:
    """A vault at `path` with `n_cases` synthetic cases and at least `n_contacts` contacts."""
    vault = Vault.create(path, PASSPHRASE, owner="bench", kdf=TEST_KDF)
    casework = Casework(vault)
    casework.seed_default_programmes()
    generator = SyntheticCaseload(casework.programmes(), casework.today(), seed=5)
    cases = []
    made = min(n_cases, BUILT_THROUGH_SERVICES)
    for start in range(0, made, 100):
        with vault.transaction():
            for _ in range(min(100, made - start)):
                generated = generator.case()
                write_case(casework, generated)
                cases.append(generated.case)
    have = vault.db.execute("SELECT count(*) FROM contacts").fetchone()[0]
    rng = random.Random(9)
    kinds = ("huisbezoek", "telefoon", "kantoor", "niet_verschenen")
    rows = []
    for _ in range(max(0, n_contacts - have)):
        case = rng.choice(cases)
        span = max(1, (casework.today() - case.begins_on).days)
        day = case.begins_on + timedelta(days=rng.randrange(span))
        at = datetime.combine(day, clock_time(rng.randint(9, 16)), LOCAL_TZ)
        rows.append(
            (
                str(uuid.uuid4()),
                case.id,
                format_datetime(at),
                rng.choice(kinds),
                "gedaan",
                60,
                "Synthetisch verslag.",
                0,
            )
        )
    with vault.transaction() as db:
        db.conn.executemany(
            "INSERT INTO contacts(id, case_id, starts_at, kind, status, duration_minutes, report, "
            "deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    for copy in range(1, -(-n_cases // made)):
        _copy_cases(vault, copy, min(made, n_cases - copy * made))
    vault.db.execute("ANALYZE")
    return vault


def _copy_cases(vault: Vault, copy: int, count: int) -> None:
    """Copy `count` of the cases written through the services, with their contacts and
    summaries, under new ids ending in `-<copy>` (direct inserts; the triggers keep the
    summaries as for any contact)."""
    db = vault.db
    suffix = f"-{copy}"

    def columns(table: str) -> list[str]:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]

    def copied(table: str, renamed: tuple[str, ...], where: str) -> None:
        names = columns(table)
        picked = ", ".join(f"{n} || :suffix" if n in renamed else n for n in names)
        db.execute(
            f"INSERT INTO {table}({', '.join(names)}) SELECT {picked} FROM {table} {where}",
            {"suffix": suffix, "count": count},
        )

    originals = "SELECT id FROM cases WHERE id NOT LIKE '%-%-%-%-%-%' ORDER BY id LIMIT :count"
    with vault.transaction():
        copied("case_summary", ("case_id",), f"WHERE case_id IN ({originals})")
        copied("cases", ("id",), f"WHERE id IN ({originals})")
        copied("contacts", ("id", "case_id"), f"WHERE case_id IN ({originals})")


def open_or_build(path: Path, n_cases: int, n_contacts: int) -> Vault:
    """The vault kept at `path` when there is one, else a new one built there."""
    if path.exists():
        return Vault.open(path, PASSPHRASE)
    return build(path, n_cases, n_contacts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--contacts", type=int, default=250_000)
    parser.add_argument("--vault", type=Path, help="keep the built vault here and reuse it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        holder: list[Vault] = []
        path = args.vault or Path(tmp) / "big.koers"
        seconds = timed(lambda: holder.append(open_or_build(path, args.cases, args.contacts)))
        vault = holder[0]
        casework = Casework(vault)
        programmes, today = casework.programmes(), casework.today()
        n = vault.db.execute("SELECT count(*) FROM contacts").fetchone()[0]
        cases = vault.db.execute("SELECT count(*) FROM cases").fetchone()[0]
        report(f"built or opened {cases} cases, {n} contacts in", f"{seconds:.1f} s")
        db = vault.db

        def ms(fn) -> str:
            """Median wall-clock time of 15 runs, and in brackets the median CPU time of the
            process (the steadier figure on a shared machine)."""
            cpu = []
            for _ in range(15):
                start = time.process_time()
                fn()
                cpu.append(time.process_time() - start)
            wall = median_seconds(fn, 15)
            return f"{wall * 1000:.1f} ms (CPU {statistics.median(cpu) * 1000:.1f})"

        def once(fn) -> str:
            start, cpu = time.perf_counter(), time.process_time()
            fn()
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu
            return f"{wall * 1000:.1f} ms (CPU {cpu * 1000:.1f})"

        db.execute("UPDATE case_summary SET row = NULL")  # as after a migration or first pull
        report(
            "caseload, every line computed and stored",
            once(lambda: caseload(db, programmes, today)),
            "once",
        )
        vault.lock()
        vault = Vault.open(path, PASSPHRASE, backup_now=False)
        db = vault.db
        report(
            "caseload, first after unlocking (cold cache)",
            once(lambda: caseload(db, programmes, today)),
            "once",
        )
        params = {
            "fp": caseload_store.fingerprint(programmes),
            "today": today.isoformat(),
            "level": caseload_store.OPEN,
        }
        report(
            "caseload SQL alone (stored lines)",
            ms(lambda: db.execute(caseload_store.READ_SQL, params).fetchall()),
        )
        goal = "goal < 25 ms" if args.cases <= 5000 else "goal < 100 ms at 20k"
        report("caseload, computed from scratch", ms(lambda: caseload(db, programmes, today)), goal)
        report(
            "  every line computed (quick path, no stored)",
            ms(lambda: _compute(db, _quick_sql_rows(db, today, False), programmes, today)),
        )
        report(
            "  the same by the rules, case by case (before)",
            ms(lambda: caseload_by_the_rules(db, programmes, today)),
        )
        view = CaseloadView()
        view.refresh(db, programmes, today)
        report(
            "caseload refresh in a session (CaseloadView)",
            ms(lambda: view.refresh(db, programmes, today)),
        )
        report(
            "whole 'Vandaag' dashboard, from scratch",
            ms(lambda: build_dashboard(db, programmes, today)),
        )
        report(
            "whole 'Vandaag' dashboard, session refresh",
            ms(lambda: build_dashboard(db, programmes, today, view)),
        )
        vault.lock()


if __name__ == "__main__":
    main()
