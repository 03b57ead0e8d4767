"""Push throughput as the server fills: a 500,000-change push into the real server.

python -m bench.sync_fill [--db sqlite|postgresql] [--changes 500000] [--cases 5000]
    [--order laptop|round-robin] [--ids uuid7|random]

The server runs in its own process (`koers-server serve`, HTTP on loopback), on a new SQLite
file or a new database on the PostgreSQL of KOERS_PG_URL (`. .ci/postgres.sh`). Wire changes
are made directly (tests/sync/wire_records: every required field of a record type): 100
workers with a laptop each, ~50 cases each; the changes come as a caseload grows: cases
made, then records created in them and edits of records made before (old and new alike), in
batches of 500. Figures: changes/s per 10% slice of the push (time in the push requests
only; making the batches is not counted), and the last 10% against the first (goal >= 0.8: a
push costs the same whatever the server holds); then the database's size and its rows per
table, per change. Each slice also prints the share of its changes that edit a record an
earlier batch stored (the server reads that record's stored winners and rewrites its row).

`--order laptop` (the default): one laptop after another, each pushing its whole caseload in
consecutive batches, as a laptop's first sync sends its backlog. Every tenth then holds the
same work (ten laptops' whole pushes: about 43% edits of stored records), so the ratio
measures what the server holds, not a change of work. `--order round-robin`: the laptops in
turn, a batch each; the first tenth is every laptop's FIRST batch (only creations, 0% edits
of stored records) and the later tenths about half edits, so its ratio compares two kinds of
work as much as an empty and a full server (an edit of a stored record costs more than a
creation: a random read and a rewritten row on a page of its own).

Record ids are made as the laptops make them (app.casework.new_id: a UUIDv7, storage/ids.py),
at the wall clock of the change that creates the record, so they sort by when they were made
and a push's new records go to the end of the server's indexes. `--ids random` makes them
random UUIDs, as laptops did before: every new record then lands on a random page of the
index of record ids, and a commit writes more pages the fuller the server is (measured in
the 2026-12-02 note of issue 17: the last tenth at 0.69-0.81 of the first in five runs, 0.96
with time-ordered ids).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench import sync_load
from bench.sync_load import cpu_seconds, make_devices, process_tree
from bench.timing import report
from storage.hlc import Hlc
from storage.ids import uuid7s
from sync import schema
from tests.commands import free_port, start_server_process
from tests.sync.wire_records import a_text_field, created_fields

GOAL = 0.8
# Server CPU per pushed change that lets one core take its share of about 9,000 changes/s
# (3x the PouchDB peer) with the client on the other core.
CPU_GOAL_US = 100
BATCH = 500
WORKERS = 100
# What a caseload holds besides its cases, by weight (contacts most).
RECORD_MIX = (("contact", 6), ("goal", 1), ("agreement", 1), ("household_member", 1))
EDIT_SHARE = 0.55  # of the changes after a case's creation: edits of records made before


class Fleet:
    """The changes of WORKERS laptops, made as their caseloads grow (deterministic)."""

    def __init__(
        self, devices: list[Any], cases: int, seed: int = 17, random_ids: bool = False
    ) -> None:
        self.rng = random.Random(seed)
        self.random_ids = random_ids
        self.devices = devices
        self.cases_per = max(1, cases // len(devices))
        self.held: list[list[tuple[str, str]]] = [[] for _ in devices]  # (type, id)
        self.cases: list[list[str]] = [[] for _ in devices]
        self.n = 0
        # Which batch made each record, and how many edits so far named a record an earlier
        # batch made (the server reads its stored winners; a laptop's first batch has none).
        self.made_in: dict[str, int] = {}
        self.batches = 0
        self.stored_edits = 0
        self.wall = int((time.time() - 3 * 86400) * 1000)
        self.types = [t for t, w in RECORD_MIX for _ in range(w)]
        self.text = {t: a_text_field(t) for t, _ in RECORD_MIX}
        self.text["case"] = "display_name"
        self.limit = {t: schema.RECORDS[t][f].max_length or 1000 for t, f in self.text.items()}

    def _change(
        self, who: int, record_type: str, record_id: str, fields: dict[str, Any], created: bool
    ) -> dict[str, Any]:
        self.n += 1
        self.wall += 1
        return {
            "change_id": f"fill-{self.n:08d}",
            "record_type": record_type,
            "record_id": record_id,
            "fields": fields,
            "hlc": Hlc(self.wall, 0, self.devices[who].clock_id).encode(),
            "created": created,
        }

    def _new_id(self) -> str:
        """A record id as the laptops make them (app.casework.new_id: a UUIDv7, time-ordered),
        at this change's wall clock, its random bits from the seeded generator; with
        `random_ids` a random UUID4 as laptops made them before."""
        if self.random_ids:
            return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        return uuid7s(1, now_ms=self.wall, noise=self.rng.randbytes(10))[0]

    def _words(self, low: int, high: int) -> str:
        return " ".join(
            self.rng.choice(("gesprek", "afspraak", "veilig", "thuis", "school", "buurt", "plan"))
            for _ in range(self.rng.randint(low, high))
        )

    def next_change(self, who: int) -> dict[str, Any]:
        cases = self.cases[who]
        if not cases or (len(cases) < self.cases_per and self.rng.random() < 0.03):
            case_id = self._new_id()
            cases.append(case_id)
            self.held[who].append(("case", case_id))
            self.made_in[case_id] = self.batches
            fields = created_fields("case", worker=self.devices[who].user)
            return self._change(who, "case", case_id, fields, True)
        if self.held[who] and self.rng.random() < EDIT_SHARE:
            record_type, record_id = self.rng.choice(self.held[who])
            self.stored_edits += self.made_in[record_id] < self.batches
            field = self.text[record_type]
            value = self._words(2, 4) if record_type == "case" else self._words(20, 60)
            value = value[: self.limit[record_type]]
            return self._change(who, record_type, record_id, {field: value}, False)
        record_type = self.rng.choice(self.types)
        record_id = self._new_id()
        case_id = self.rng.choice(cases)
        fields = created_fields(
            record_type,
            case_id,
            **{self.text[record_type]: self._words(10, 40)[: self.limit[record_type]]},
        )
        self.held[who].append((record_type, record_id))
        self.made_in[record_id] = self.batches
        return self._change(who, record_type, record_id, fields, True)

    def batch(self, who: int) -> bytes:
        self.batches += 1
        changes = [self.next_change(who) for _ in range(BATCH)]
        return json.dumps({"changes": changes}).encode()


@contextmanager
def fresh_database(kind: str) -> Iterator[str]:
    """A new, empty server database (SQLite in a temporary folder, or a database of its own
    on KOERS_PG_URL, dropped afterwards: retried while an autovacuum worker still busy with
    it makes DROP DATABASE ... WITH (FORCE) fail)."""
    if kind == "sqlite":
        with sync_load.fresh_database(kind) as url:
            yield url
        return
    import psycopg

    base = os.environ["KOERS_PG_URL"]
    name = f"koers_fill_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        for attempt in range(30):
            try:
                with psycopg.connect(base, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                break
            except psycopg.errors.InsufficientPrivilege:
                if attempt == 29:
                    raise
                time.sleep(2)


def cpu_snapshot(server_pid: int, db_url: str) -> dict[int, float]:
    """CPU seconds so far of the server process (and its children) and, on PostgreSQL, of
    the backends serving its database: pid -> seconds."""
    pids = process_tree(server_pid)
    if db_url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(db_url) as conn:
            pids += [
                row[0]
                for row in conn.execute(
                    "SELECT pid FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ]
    return {pid: cpu_seconds([pid]) for pid in pids}


def cpu_between(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def database_size(db_url: str) -> tuple[int, dict[str, int]]:
    """(bytes the database takes, rows per table)."""
    from sqlalchemy import func, inspect, select, table, text

    from sync.server.store import connect

    engine = connect(db_url)
    try:
        with engine.connect() as conn:
            names = inspect(conn).get_table_names()
            counts = {
                name: int(conn.execute(select(func.count()).select_from(table(name))).scalar_one())
                for name in names
            }
            if conn.dialect.name == "postgresql":
                size = int(
                    conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
                )
            else:
                size = -1
        path = engine.url.database or ""
    finally:
        engine.dispose()
    if size < 0:  # SQLite: the file once the WAL is written back into it
        with closing(sqlite3.connect(path)) as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = Path(path).stat().st_size
    return size, {k: v for k, v in counts.items() if v}


def run(
    kind: str, total: int, cases: int, order: str = "laptop", random_ids: bool = False
) -> float:
    with fresh_database(kind) as db_url:
        devices = make_devices(db_url, WORKERS, 1)
        port = free_port()
        server = start_server_process(db_url, port)
        try:
            fleet = Fleet(devices, cases, random_ids=random_ids)
            batches = max(10, total // BATCH)
            slice_size = batches // 10
            spent = [0.0] * 10
            cpu = [0.0] * 10
            pushed = [0] * 10
            stored_edits = [0] * 10
            wire = 0
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
                for number in range(slice_size * 10):
                    if number % slice_size == 0:
                        mark = cpu_snapshot(server.pid, db_url)
                    if order == "laptop":  # each laptop's whole push, one after another
                        who = number * len(devices) // (slice_size * 10)
                    else:
                        who = number % len(devices)
                    edits_before = fleet.stored_edits
                    body = fleet.batch(who)
                    stored_edits[number // slice_size] += fleet.stored_edits - edits_before
                    wire += len(body)
                    started = time.perf_counter()
                    response = client.post(
                        "/v1/push",
                        content=body,
                        headers={
                            "Authorization": f"Bearer {devices[who].token}",
                            "Content-Type": "application/json",
                        },
                    )
                    took = time.perf_counter() - started
                    response.raise_for_status()
                    answer = response.json()
                    if answer["rejected"]:
                        sys.exit(f"sync_fill: the server refused a change: {answer['rejected'][0]}")
                    spent[number // slice_size] += took
                    pushed[number // slice_size] += len(answer["accepted"])
                    if number % slice_size == slice_size - 1:
                        cpu[number // slice_size] = cpu_between(
                            mark, cpu_snapshot(server.pid, db_url)
                        )
        finally:
            server.terminate()
            server.wait(timeout=30)
        rates = [p / s for p, s in zip(pushed, spent, strict=True)]
        done = sum(pushed)
        per_change = [c / p * 1e6 for c, p in zip(cpu, pushed, strict=True)]
        for i, rate in enumerate(rates):
            report(
                f"sync_fill {kind}: slice {i + 1}/10 ({(i + 1) * 10}%)",
                f"{rate:,.0f} ch/s",
                f"server CPU {per_change[i]:,.0f} us/change, "
                f"{stored_edits[i] / pushed[i]:.0%} edits of records stored before",
            )
        ratio = rates[-1] / rates[0]
        report(f"sync_fill {kind}: {done:,} changes", f"{done / sum(spent):,.0f} ch/s", "overall")
        report(
            f"sync_fill {kind}: last 10% / first 10%",
            f"{ratio:.2f}",
            f"goal >= {GOAL} (order: {order}, ids: {'random' if random_ids else 'UUIDv7'})",
        )
        where = "server + its PostgreSQL backends" if kind == "postgresql" else "server"
        report(
            f"sync_fill {kind}: CPU per change, whole push",
            f"{sum(cpu) / done * 1e6:,.0f} us",
            f"goal about {CPU_GOAL_US} us ({where}): 3x the peer's push on 2 cores",
        )
        report(
            f"sync_fill {kind}: CPU per change first / last 10%",
            f"{per_change[0] / per_change[-1]:.2f}",
            f"goal >= {GOAL} ({where}; steady under load)",
        )
        if not any(stored_edits):
            print(
                f"note: {done // len(devices):,} changes per laptop fit in one batch of {BATCH}: "
                "no edit reached a record an earlier batch stored, so this run measures "
                f"creations only (the full mix needs --changes of at least {2 * BATCH * WORKERS:,})"
            )
        size, rows = database_size(db_url)
        report(f"sync_fill {kind}: wire bytes per change", f"{wire / done:,.0f} B")
        report(
            f"sync_fill {kind}: database size",
            f"{size / 1e6:,.1f} MB",
            f"{size / done:,.0f} B/change",
        )
        print(
            "rows per table:",
            ", ".join(f"{k} {v:,} ({v / done:.2f}/change)" for k, v in sorted(rows.items())),
        )
        return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--changes", type=int, default=500_000)
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--order", choices=("laptop", "round-robin"), default="laptop")
    parser.add_argument("--ids", choices=("uuid7", "random"), default="uuid7")
    args = parser.parse_args()
    if args.db == "postgresql" and not os.environ.get("KOERS_PG_URL"):
        sys.exit("sync_fill: set KOERS_PG_URL (`. .ci/postgres.sh` starts PostgreSQL and sets it)")
    run(args.db, args.changes, args.cases, args.order, args.ids == "random")


if __name__ == "__main__":
    main()
