"""Soak: SIGKILL the Koers client hundreds of times during writes and syncs, then count what
was lost.

python -m bench.sync_soak [--kills 500] [--server sqlite|postgresql|both] [--window S]
                          [--seed N] [--keep FOLDER]

Against a real server on 127.0.0.1 (SQLite database; PostgreSQL when KOERS_PG_URL is set,
`. .ci/postgres.sh` sets it; `both` is the default then), one laptop's client
(bench/soak_client.py) writes new cases, contacts with reports and case edits through
Casework and runs `sync_now`, logging each commit to a side log outside the vault. The parent
kills it at a random moment, reopens the vault, checks its integrity and that every committed
edit is on the laptop or on the server; a colleague's laptop (same account) writes and syncs
meanwhile, so the client has changes to pull. At the end the parent syncs both laptops and
counts every committed edit on the server: it must be there exactly once.

Prints, per server: committed edits that exist neither on the laptop nor on the server,
edits missing on the server or doubled there after the final sync, vaults failing their
integrity check, syncs that failed (in the client, or afterwards), the running time and
kills per minute, and where the kills landed (which step; in a sync, whether the server had
stored a push whose answer the client never got). `--kills 20` is a quick smoke run (500
kills take about 8 minutes a server on 2 cores). Exits 1 when anything was lost.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.casework import new_id
from app.contact import Contact
from app.sync_service import sync_now
from app.synthetic import populate
from bench.soak_client import edit_key, read_side_log, run_client, sync_progress
from bench.timing import report
from storage import sync_state
from storage.vault import Vault
from sync.server.store import changes
from tests.sync.conftest import Laptop
from tests.sync.server_harness import LiveServer, database
from tests.sync.test_faults import snapshot

PASSPHRASE = "laptop-wachtwoord"  # tests/sync/conftest.Laptop's
USER = "anna"
# The kill lands uniformly in [0, window) seconds after the client's process starts (it opens
# the vault and syncs first, then writes and syncs at random).
WINDOW_S = 1.2
# What the client's forkserver imports once. Not this module: each forked client runs it
# again as its main module (multiprocessing does so), cheaply once its imports are loaded.
CLIENT_PRELOAD = [
    "bench.soak_client",
    "bench.timing",
    "sync.server.store",
    "tests.sync.conftest",
    "tests.sync.server_harness",
    "tests.sync.test_faults",
]
# The colleague writes and syncs while the client runs, when the kill is at least this far.
COLLEAGUE_BEFORE_KILL_S = 0.3


@dataclass
class SoakFigures:
    """What one soak run found. Lists hold short descriptions (ids and kinds, no content)."""

    server: str
    kills: int = 0
    landed: Counter = field(default_factory=Counter)  # where kills landed: step -> count
    committed: int = 0  # edits the client logged as committed
    lost: list[str] = field(default_factory=list)  # on neither the laptop nor the server
    missing_on_server: list[str] = field(default_factory=list)  # after the final sync
    doubled: list[str] = field(default_factory=list)  # on the server more than once
    duplicate_changes: int = 0  # server changes with the same content as another one
    integrity_failures: list[str] = field(default_factory=list)
    failed_syncs: list[str] = field(default_factory=list)  # client, colleague or final sync
    failed_writes: Counter = field(default_factory=Counter)  # client step -> error kind
    refused: list[str] = field(default_factory=list)  # the server's reasons
    stopped_on_its_own: list[int] = field(default_factory=list)  # exit codes
    client_syncs: int = 0  # syncs that completed in the client
    unsent_after: int = -1  # journal rows the server has not answered after the final sync
    laptops_agree: bool = False
    seconds: float = 0.0

    @property
    def lost_anything(self) -> bool:
        return bool(
            self.lost
            or self.missing_on_server
            or self.doubled
            or self.duplicate_changes
            or self.integrity_failures
            or self.failed_syncs
            or self.refused
            or self.unsent_after != 0
            or not self.laptops_agree
        )


class Ledger:
    """Every committed edit the client logged, against the server's changes table."""

    def __init__(self, server: LiveServer) -> None:
        self.engine = server.engine
        self.server_seq = 0
        self.on_server: Counter = Counter()  # edit key -> server changes carrying it
        self.contents: Counter = Counter()  # a change's whole content -> times stored
        self.logged: Counter = Counter()  # edit key -> times the client logged it
        self.where: dict[tuple[str, ...], str] = {}  # edit key -> "round N, step kind"
        self.pending: set[tuple[str, ...]] = set()  # logged, not yet seen on the server
        self.lost: set[tuple[str, ...]] = set()  # found on neither end after a kill

    def read_server(self) -> None:
        """Count the server's changes stored since the last look."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    changes.c.seq,
                    changes.c.record_type,
                    changes.c.record_id,
                    changes.c.created,
                    changes.c.fields,
                    changes.c.hlc,
                )
                .where(changes.c.seq > self.server_seq)
                .order_by(changes.c.seq)
            ).fetchall()
        for seq, record_type, record_id, created, fields_text, hlc in rows:
            self.server_seq = seq
            fields = json.loads(fields_text)
            canonical = json.dumps(fields, sort_keys=True)
            self.contents[(record_type, record_id, bool(created), hlc, canonical)] += 1
            if created:
                self.on_server[edit_key(record_type, record_id, "*", None)] += 1
            else:
                for name, value in fields.items():
                    self.on_server[edit_key(record_type, record_id, name, value)] += 1
        self.pending = {key for key in self.pending if not self.on_server[key]}

    def note_commit(self, round_no: int, what: str, edits: list[list[Any]]) -> int:
        for record_type, record_id, name, value in edits:
            key = edit_key(record_type, record_id, name, value)
            self.logged[key] += 1
            self.where[key] = f"round {round_no}, {what}"
            self.pending.add(key)
        return len(edits)

    def describe(self, key: tuple[str, ...]) -> str:
        record_type, record_id, name = key[:3]
        what = "created" if name == "*" else f"field {name}"
        return f"{record_type} {record_id} {what} ({self.where.get(key, '?')})"


def journal_keys(vault: Vault, record_ids: set[str]) -> set[tuple[str, ...]]:
    """The edit keys the vault's journal holds for these records."""
    found: set[tuple[str, ...]] = set()
    ids = sorted(record_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for record_type, record_id, name, value in vault.db.execute(
            "SELECT record_type, record_id, field, value FROM journal "
            f"WHERE record_id IN ({marks})",
            chunk,
        ):
            found.add(edit_key(record_type, record_id, name, json.loads(value)))
    return found


def sync_moment(vault: Vault, ledger: Ledger, began_at: list[int]) -> str:
    """Where in a sync (which began at `began_at`, see soak_client.sync_progress) the kill
    landed: after the laptop committed a pushed or pulled batch, or before that: pushing, with
    or without the server having stored the batch (its answer never arrived), or pulling
    (nothing was unsent)."""
    if sync_progress(vault) != began_at:
        return "sync: after a committed batch"
    unsent = [
        row[0]
        for row in vault.db.execute(
            "SELECT change_id FROM journal WHERE seq > ? ORDER BY seq LIMIT 500", [began_at[0]]
        )
    ]
    if not unsent:
        return "sync: pulling, nothing committed"
    with ledger.engine.connect() as conn:
        stored = conn.execute(
            select(changes.c.change_id).where(changes.c.change_id.in_(unsent)).limit(1)
        ).first()
    if stored is not None:
        return "sync: push stored, answer lost"
    return "sync: pushing, not stored yet"


def check_vault(
    path: Path, ledger: Ledger, figures: SoakFigures, round_no: int, landed: tuple[str, Any]
) -> bool:
    """After a kill that `landed` in a step (name, and for a sync the progress when it
    began): the vault opens and passes its integrity check, and every committed edit not yet
    on the server is still in its journal. False when the vault cannot be used."""
    try:
        vault = Vault.open(path, PASSPHRASE)
    except Exception as exc:
        figures.integrity_failures.append(f"round {round_no}: does not open ({type(exc).__name__})")
        return False
    with vault:
        problems = vault.check_integrity()
        if problems:
            figures.integrity_failures.append(f"round {round_no}: {'; '.join(problems)[:200]}")
            return False
        ledger.read_server()
        held = journal_keys(vault, {key[1] for key in ledger.pending})
        step, began_at = landed
        if step == "sync":
            step = sync_moment(vault, ledger, began_at)
        figures.landed[step] += 1
    for key in sorted(ledger.pending - held):
        figures.lost.append(ledger.describe(key))
        ledger.lost.add(key)
        ledger.pending.discard(key)
    return True


class Colleague:
    """The same worker's other laptop: records a contact and syncs, so the client pulls."""

    def __init__(self, machine: Laptop, seed: int) -> None:
        self.machine = machine
        self.rng = random.Random(seed)

    def step(self, figures: SoakFigures) -> None:
        vault = self.machine.vault
        try:
            cases = [
                row[0]
                for row in vault.db.execute(
                    "SELECT id FROM cases WHERE status NOT IN ('afgesloten', 'aanmelding') "
                    "AND deleted = 0 ORDER BY id"
                )
            ]
            if cases:
                self.machine.casework.record_contact(
                    Contact(
                        id=new_id(),
                        case_id=self.rng.choice(cases),
                        starts_at=vault.now() - timedelta(minutes=self.rng.randint(60, 2000)),
                        report="Verslag van de collega: telefonisch contact, afspraken gemaakt.",
                    )
                )
            answer = sync_now(vault)
            figures.refused += answer.rejected
        except Exception as exc:
            figures.failed_syncs.append(f"colleague: {type(exc).__name__}")


STEP_NAMES = {
    "open": "opening the vault",
    "case": "write: new case",
    "contact": "write: contact",
    "edit": "write: case edit",
}


def note_round(
    lines: list[dict[str, Any]], ledger: Ledger, figures: SoakFigures, round_no: int
) -> tuple[str, Any]:
    """Take in the side log of one client run; returns the step the kill landed in (and the
    sync progress when that step is a sync)."""
    landed: tuple[str, Any] = ("the client's start", None)
    for line in lines:
        step = line["step"]
        if step == "begin":
            landed = (STEP_NAMES.get(line["what"], line["what"]), line.get("progress"))
        elif step == "commit":
            figures.committed += ledger.note_commit(round_no, line["what"], line["edits"])
            landed = ("between steps", None)
        elif step == "synced":
            figures.client_syncs += 1
            figures.refused += line["rejected"]
            landed = ("between steps", None)
        elif step == "failed":
            if line["what"] == "sync":
                figures.failed_syncs.append(f"round {round_no}: {line['error']}")
            else:
                figures.failed_writes[f"{line['what']}: {line['error']}"] += 1
            landed = ("between steps", None)
        elif step == "open":
            landed = ("between steps", None)
    return landed


def run_soak(
    server: LiveServer,
    folder: Path,
    kills: int,
    *,
    seed: int = 2026,
    window: float = WINDOW_S,
    progress: Callable[[str], None] | None = None,
) -> SoakFigures:
    """Kill the client `kills` times against `server` (started, with cheap password hashing)
    in `folder` (empty, kept afterwards), then sync and count. Returns the figures; raises
    nothing for what it finds."""
    started = time.perf_counter()
    figures = SoakFigures(server=server.database_url.split(":", 1)[0].split("+")[0])
    rng = random.Random(seed)
    server.add_user(USER)
    source = Laptop(folder / "laptop", server, USER)
    colleague = Colleague(Laptop(folder / "colleague", server, USER), seed + 1)
    populate(source.casework, 6, seed=seed)
    sync_now(source.vault)
    sync_now(colleague.machine.vault)
    path = source.vault.path
    source.vault.lock()
    ledger = Ledger(server)
    side_log = folder / "side.log"
    offset = 0
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(CLIENT_PRELOAD)
    for round_no in range(kills):
        delay = rng.uniform(0, window)
        client = context.Process(
            target=run_client,
            args=(str(path), PASSPHRASE, str(side_log), round_no, seed * 100_000 + round_no),
        )
        client.start()
        begun = time.monotonic()
        if delay > COLLEAGUE_BEFORE_KILL_S:
            colleague.step(figures)
        client.join(max(0.0, delay - (time.monotonic() - begun)))
        killed = client.exitcode is None
        if killed:
            client.kill()
            client.join()
            figures.kills += 1
        else:
            figures.stopped_on_its_own.append(client.exitcode or 0)
        client.close()
        lines, offset = read_side_log(side_log, offset)
        landed = note_round(lines, ledger, figures, round_no)
        if not killed:
            landed = ("no kill: the client stopped", None)
        if not check_vault(path, ledger, figures, round_no, landed):
            break
        if progress and (round_no + 1) % 50 == 0:
            progress(
                f"{figures.server}: {round_no + 1}/{kills} kills, "
                f"{time.perf_counter() - started:.0f} s"
            )
    final_sync(source, colleague, ledger, figures)
    figures.seconds = time.perf_counter() - started
    return figures


def final_sync(source: Laptop, colleague: Colleague, ledger: Ledger, figures: SoakFigures) -> None:
    """Sync the client's vault (and the colleague's) once more; count every committed edit on
    the server."""
    try:
        source.vault = Vault.open(source.vault.path, PASSPHRASE)
    except Exception as exc:
        figures.failed_syncs.append(f"final: vault does not open ({type(exc).__name__})")
        return
    with source.vault:
        for machine in (source, colleague.machine, source):
            try:
                answer = sync_now(machine.vault)
                figures.refused += answer.rejected
            except Exception as exc:
                figures.failed_syncs.append(f"final: {type(exc).__name__}")
        figures.unsent_after = sync_state.pending_changes(source.vault)
        figures.laptops_agree = snapshot(source) == snapshot(colleague.machine)
        ledger.read_server()
        held = journal_keys(source.vault, {key[1] for key in ledger.pending})
    colleague.machine.vault.lock()
    for key, times in sorted(ledger.logged.items()):
        found = ledger.on_server[key]
        if key in ledger.lost:  # counted when it went
            continue
        if found == 0:
            (figures.missing_on_server if key in held else figures.lost).append(
                ledger.describe(key)
            )
        elif found > times:
            figures.doubled.append(f"{ledger.describe(key)}: {found} times")
    # The same change content stored under two change ids (a re-sent change taken twice).
    figures.duplicate_changes = sum(n - 1 for n in ledger.contents.values() if n > 1)


def print_figures(figures: SoakFigures) -> None:
    """The figures of one run, one line each (bench/timing.report)."""
    name = figures.server
    report(f"soak ({name} server): client killed (SIGKILL)", f"{figures.kills}")
    for where, count in sorted(figures.landed.items()):
        report(f"    landed in {where}", f"{count}")
    report("  committed edits (side log)", f"{figures.committed}")
    report("  syncs completed in the client", f"{figures.client_syncs}")
    report("  committed edits lost (on neither end)", f"{len(figures.lost)}", "goal 0")
    report(
        "  edits missing on the server at the end", f"{len(figures.missing_on_server)}", "goal 0"
    )
    report("  edits doubled on the server", f"{len(figures.doubled)}", "goal 0")
    report("  server changes stored twice", f"{figures.duplicate_changes}", "goal 0")
    report("  vaults failing their integrity check", f"{len(figures.integrity_failures)}", "goal 0")
    report("  syncs that could not complete", f"{len(figures.failed_syncs)}", "goal 0")
    report("  changes the server refused", f"{len(figures.refused)}", "goal 0")
    report("  unsent after the final sync", f"{figures.unsent_after}", "goal 0")
    report("  laptops agree after the final sync", "yes" if figures.laptops_agree else "NO")
    if figures.failed_writes or figures.stopped_on_its_own:
        report("  client steps failed", f"{sum(figures.failed_writes.values())}", "not kills")
        report("  clients that stopped on their own", f"{len(figures.stopped_on_its_own)}")
    report("  time", f"{figures.seconds:.0f} s")
    report("  kills per minute", f"{figures.kills / figures.seconds * 60:.0f}")
    details = (
        ("lost", figures.lost),
        ("missing on the server", figures.missing_on_server),
        ("doubled", figures.doubled),
        ("integrity", figures.integrity_failures),
        ("sync failed", figures.failed_syncs),
        ("refused", figures.refused),
        ("client step failed", [f"{k} x{n}" for k, n in figures.failed_writes.items()]),
    )
    for label, items in details:
        for item in items[:10]:
            print(f"    {label}: {item}")
        if len(items) > 10:
            print(f"    {label}: ... {len(items) - 10} more")


@contextmanager
def cheap_password_hashing() -> Iterator[None]:
    """Server account hashing at test strength, as tests/sync/conftest.py does."""
    import pytest

    from sync.server import passwords

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "MEMORY_KIB", 1024)
        patch.setattr(passwords, "ITERATIONS", 1)
        yield


@contextmanager
def work_folder(kind: str, keep: Path | None) -> Iterator[Path]:
    """An empty folder for the vaults, the side log and a SQLite server database: under
    `keep` (kept, to look into afterwards), or a temporary one."""
    if keep is not None:
        folder = keep / kind
        folder.mkdir(parents=True)
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix=f"koers-soak-{kind}-") as tmp:
        yield Path(tmp)


def soak_on(kind: str, kills: int, window: float, seed: int, keep: Path | None) -> SoakFigures:
    """One run against a fresh server database of `kind` ('sqlite' or 'postgresql')."""
    with work_folder(kind, keep) as folder:
        with cheap_password_hashing(), database(kind, folder) as url:
            server = LiveServer(url).start()
            try:
                return run_soak(
                    server,
                    folder,
                    kills,
                    seed=seed,
                    window=window,
                    progress=lambda text: print(text, flush=True),
                )
            finally:
                server.stop()


def main() -> None:
    have_pg = bool(os.environ.get("KOERS_PG_URL"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=500, help="kills per server (default 500)")
    parser.add_argument(
        "--server",
        choices=("sqlite", "postgresql", "both"),
        default="both" if have_pg else "sqlite",
        help="server database (default: both when KOERS_PG_URL is set, else sqlite)",
    )
    parser.add_argument("--window", type=float, default=WINDOW_S, help="kill within S seconds")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="keep vaults and side log in this folder")
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.server == "both" else [args.server]
    if "postgresql" in kinds and not have_pg:
        sys.exit("error: KOERS_PG_URL is not set (run `. .ci/postgres.sh` first)")
    found = False
    started = time.perf_counter()
    print(f"seed {args.seed}, kill within {args.window} s of the client's start", flush=True)
    for kind in kinds:
        figures = soak_on(kind, args.kills, args.window, args.seed, args.keep)
        print_figures(figures)
        found = found or figures.lost_anything
    report("total time", f"{time.perf_counter() - started:.0f} s")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
