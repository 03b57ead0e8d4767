"""The server under many devices on loopback, as production runs it: `koers-server serve
--workers N` over PostgreSQL (or SQLite), driven by a load generator in a process of its own
(asyncio, raw keep-alive HTTP/1.1: a thread and an httpx client per device would cost the
2 cores more than the server).

Two loads, each device as fast as it can (closed loop):
- empty incremental syncs: pulls at the newest cursor (nothing new: the sync a laptop makes
  every few minutes when nobody changed anything);
- real edits: each device edits its worker's case (a push of one field) and pulls what is
  new (its colleague device's edits), then again.
Printed for each: requests/s, p50/p95, the server processes' CPU per request (read from
/proc/<pid>/stat before and after), and PostgreSQL's, each against its goal. Where the goal
is not reached, the CPU per request says what one core carries (capacity per core).
After the edits, each kind of request runs in a load of its own (`--breakdown-seconds`
each; 0: none) for the server's and PostgreSQL's CPU per request by kind: a push of one
edit, a pull that serves a change, an empty pull (and what they add up to for the edits'
mix, beside what that load measured).
`--profile` runs one more round with one server process under cProfile and prints where its
time goes, with the SQL statements and transactions per request: the edits load's devices
editing and pulling (`--devices`), then the empty syncs (`--empty-devices`).

    python -m bench.sync_load [--db postgresql|sqlite] [--workers 2] [--seconds 10]
        [--empty-devices 50] [--devices 200] [--breakdown-seconds 5] [--profile]

PostgreSQL: KOERS_PG_URL (`. .ci/postgres.sh` starts one and sets it).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import json
import multiprocessing
import os
import pstats
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.timing import report

ROOT = Path(__file__).resolve().parents[1]

GOAL_EMPTY_RPS = 1000
GOAL_P95_MS = 300
PASSWORD = "server-wachtwoord-1"


# --- the database and its devices ------------------------------------------------------------


@contextmanager
def fresh_database(kind: str) -> Iterator[str]:
    """A new, empty server database: a SQLite file in a temporary folder, or a database of
    its own on the PostgreSQL of KOERS_PG_URL (dropped afterwards)."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'server.db'}"
        return
    base = os.environ.get("KOERS_PG_URL")
    if not base:
        sys.exit("sync_load: set KOERS_PG_URL (`. .ci/postgres.sh` starts PostgreSQL and sets it)")
    from sqlalchemy import create_engine, text

    admin_url = base.replace("postgresql://", "postgresql+psycopg://", 1)
    maintenance = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"koers_load_{uuid.uuid4().hex[:10]}"
    with maintenance.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with maintenance.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        maintenance.dispose()


@dataclass(frozen=True)
class Device:
    token: str
    clock_id: str
    user: str


def make_devices(db_url: str, users: int, per_user: int) -> list[Device]:
    """`users` workers with `per_user` devices each; tokens written to the database directly
    (enrolment is not what is measured)."""
    from sqlalchemy import select

    from sync.server import admin, passwords
    from sync.server.store import connect, devices
    from sync.server.store import users as users_table

    # Account hashing at test strength: no one logs in with these passwords.
    passwords.MEMORY_KIB, passwords.ITERATIONS = 1024, 1
    engine = connect(db_url)
    made: list[Device] = []
    rows: list[dict[str, Any]] = []
    now = time.time()
    names = [f"werker{u:04d}" for u in range(users)]
    for name in names:
        admin.add_user(engine, name, PASSWORD, "worker", None)
    with engine.connect() as conn:
        ids = dict(conn.execute(select(users_table.c.name, users_table.c.id)).all())
    for name in names:
        user_id = ids[name]
        for _ in range(per_user):
            token, clock_id = secrets.token_urlsafe(32), uuid.uuid4().hex
            made.append(Device(token, clock_id, name))
            rows.append(
                {
                    "id": str(uuid.uuid4()),
                    "user_id": user_id,
                    "name": "bench",
                    "token_hash": hashlib.sha256(token.encode()).hexdigest(),
                    "created_at": now,
                    "expires_at": now + 86400,
                    "clock_id": clock_id,
                }
            )
    with engine.begin() as conn:
        conn.execute(devices.insert(), rows)
    engine.dispose()
    return made


# --- the server processes --------------------------------------------------------------------


def start_server(db_url: str, port: int, workers: int) -> subprocess.Popen:
    """`koers-server serve --workers N` as a process of its own, once it answers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_")}
    command = [sys.executable, "-c", "from sync.server_cli import main; main()"]
    several = ["--workers", str(workers)] if workers != 1 else []
    proc = subprocess.Popen(
        [*command, "--database", db_url, "serve", "--port", str(port), *several],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    wait_until_up(port, proc)
    return proc


def wait_until_up(port: int, proc: subprocess.Popen, expect: int = 0) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the server process ended")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                if len(process_tree(proc.pid)) > expect:
                    return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not start")


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants."""
    found = [pid]
    for parent in found:
        try:
            for task in Path(f"/proc/{parent}/task").iterdir():
                found += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return found


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of `pids` (from /proc/<pid>/stat), seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / TICKS


def postgres_pids(db_url: str) -> list[int]:
    """The PostgreSQL backends serving the database of `db_url` (their process title names
    it): other databases' work on the same cluster is not counted, nor the cluster's shared
    background processes (WAL writer, checkpointer)."""
    name = db_url.rsplit("/", 1)[-1].encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() != "postgres":
                    continue
                title = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b" " + name + b" " in title:
                found.append(int(entry.name))
    return found


# --- the load generator (its own process) ----------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection, as little client as the load needs."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, token: str, body: bytes) -> tuple[int, bytes]:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writer.write(
            b"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
            b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
            % (path.encode(), token.encode(), len(body), body)
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        answer = await self.reader.readexactly(length)
        if b"connection: close" in head.lower():
            self.writer.close()
            self.reader = self.writer = None
        return status, answer


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0

    def add(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)


def _edit(device: Device, case_id: str, counter: int) -> bytes:
    change = {
        "change_id": str(uuid.uuid4()),
        "record_type": "case",
        "record_id": case_id,
        "fields": {"phone": f"06-{counter % 100_000_000:08d}"},
        "hlc": f"{int(time.time() * 1000):015d}:{counter % 100_000:05d}:{device.clock_id}",
        "device_id": device.clock_id,
        "created": False,
    }
    return json.dumps({"changes": [change]}).encode()


# What a device does in a load: "edits" (push an edit of its worker's case, pull what is new,
# again), "push" (only the pushes), "pull" (pull at the same cursor again and again: an empty
# pull at the newest cursor, or, just before a change of its case, a pull serving it).
MODES = ("edits", "push", "pull")
# The kinds of request the tally counts apart.
PUSH, PULL_SERVED, PULL_EMPTY = "push", "pull serving changes", "empty pull"


async def _device_loop(
    port: int,
    device: Device,
    case_id: str | None,
    stop: float,
    tally: Tally,
    start: int,
    mode: str = "edits",
) -> None:
    conn = Connection(port)
    cursor, counter = start, 0
    while time.perf_counter() < stop:
        counter += 1
        if case_id is not None and mode != "pull":
            began = time.perf_counter()
            status, _ = await conn.post("/v1/push", device.token, _edit(device, case_id, counter))
            tally.add(PUSH, time.perf_counter() - began)
            tally.errors += status != 200
            if mode == "push":
                continue
        began = time.perf_counter()
        status, body = await conn.post("/v1/pull", device.token, b'{"cursor":%d}' % cursor)
        took = time.perf_counter() - began
        if status == 200:
            answer = json.loads(body)
            tally.add(PULL_SERVED if answer["changes"] else PULL_EMPTY, took)
            if mode == "pull":
                continue
            cursor = answer["cursor"]
            if answer["more"]:
                continue
        else:
            tally.add(PULL_EMPTY, took)
            tally.errors += 1


def generate(
    port: int,
    devices: list[Device],
    cases: dict[str, str] | None,
    start_cursor: int | dict[str, int],
    seconds: float,
    results: Any,
    mode: str = "edits",
) -> None:
    """The load generator process: every device's loop for `seconds` (`mode`, one of MODES;
    `start_cursor` for all or by device token); puts (latencies by request kind, errors, own
    CPU seconds) on `results`."""

    def cursor_of(device: Device) -> int:
        if isinstance(start_cursor, int):
            return start_cursor
        return start_cursor[device.token]

    async def main() -> Tally:
        tally = Tally()
        stop = time.perf_counter() + seconds
        await asyncio.gather(
            *(
                _device_loop(
                    port,
                    d,
                    None if cases is None else cases[d.user],
                    stop,
                    tally,
                    cursor_of(d),
                    mode,
                )
                for d in devices
            )
        )
        return tally

    began = time.process_time()
    tally = asyncio.run(main())
    results.put((tally.latencies, tally.errors, time.process_time() - began))


# --- one load --------------------------------------------------------------------------------


@dataclass
class Outcome:
    requests: int
    seconds: float
    latencies: dict[str, list[float]]
    errors: int
    server_cpu: float
    database_cpu: float
    generator_cpu: float
    # PostgreSQL's transactions in the server's database (a statement outside a transaction
    # counts as one), from pg_stat_database; None on SQLite.
    database_transactions: int | None = None
    # CPU seconds the whole machine was busy during the load (every process, /proc/stat),
    # and the wall seconds that was measured over (the generator's start included).
    machine_busy: float = 0.0
    window: float = 0.0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def percentile(self, q: int) -> float:
        every = sorted(x for values in self.latencies.values() for x in values)
        return statistics.quantiles(every, n=100)[q - 1] * 1000 if len(every) > 1 else 0.0


def load(
    port: int,
    server: subprocess.Popen,
    devices: list[Device],
    cases: dict[str, str] | None,
    start_cursor: int | dict[str, int],
    seconds: float,
    database: str,
    mode: str = "edits",
) -> Outcome:
    """One load of `devices` for `seconds` (with `cases`: edits and pulls, else empty pulls
    from `start_cursor`; `mode` as generate takes it); `database` is the server's database
    address (its PostgreSQL backends' CPU is counted) or "" for none."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    generator = context.Process(
        target=generate, args=(port, devices, cases, start_cursor, seconds, results, mode)
    )
    pids = process_tree(server.pid)
    pg = postgres_pids(database) if database.startswith("postgresql") else []
    transactions_before = database_transactions(database)
    server_before, pg_before = cpu_seconds(pids), cpu_seconds(pg)
    machine_before = machine_busy_seconds()
    began = time.perf_counter()
    generator.start()
    latencies, errors, generator_cpu = results.get(timeout=seconds + 300)
    generator.join()
    elapsed = time.perf_counter() - began
    machine = machine_busy_seconds() - machine_before
    server_cpu = cpu_seconds(pids) - server_before
    # The backends there before (one that ended took its time with it: negative) and any
    # that began during the load, each counted once.
    pg_cpu = cpu_seconds(sorted(set(pg) | set(postgres_pids(database)))) - pg_before if pg else 0.0
    requests = sum(len(v) for v in latencies.values())
    transactions_after = database_transactions(database)
    transactions = (
        None
        if transactions_before is None or transactions_after is None
        else transactions_after - transactions_before - 1  # the count's own
    )
    # The generator starts a moment after `began` (process start): the window is its own.
    return Outcome(
        requests,
        min(elapsed, seconds),
        latencies,
        errors,
        server_cpu,
        pg_cpu,
        generator_cpu,
        transactions,
        machine,
        elapsed,
    )


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine has been busy so far (/proc/stat: user, nice,
    system, irq and softirq time)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[i] for i in (0, 1, 2, 5, 6) if i < len(fields)) / TICKS


def database_transactions(database: str) -> int | None:
    """Transactions committed and rolled back so far in the PostgreSQL database of
    `database` (pg_stat_database, after the backends' statistics are flushed: they report
    within a second of going idle); None for SQLite."""
    if not database.startswith("postgresql"):
        return None
    import psycopg

    time.sleep(1.5)
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        row = conn.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
            (database.rsplit("/", 1)[-1],),
        ).fetchone()
    return int(row[0]) if row else None


def print_outcome(label: str, outcome: Outcome, goal_rps: float | None, cores: int) -> None:
    per_request_ms = outcome.server_cpu / max(outcome.requests, 1) * 1000
    rps = f"{outcome.per_second:,.0f}"
    report(
        f"{label}: requests/s",
        rps + (f" (goal >= {goal_rps:,.0f})" if goal_rps else ""),
    )
    p95 = outcome.percentile(95)
    report(f"{label}: p50 / p95", f"{outcome.percentile(50):.0f} / {p95:.0f} ms")
    report(f"{label}: p95 goal", f"< {GOAL_P95_MS} ms: {'met' if p95 < GOAL_P95_MS else 'NOT met'}")
    report(f"{label}: server CPU per request", f"{per_request_ms:.2f} ms")
    if outcome.database_transactions is not None:
        report(
            f"{label}: PostgreSQL transactions per request",
            f"{outcome.database_transactions / max(outcome.requests, 1):.2f}",
        )
    if outcome.database_cpu < 0:  # a backend ended during the load: its time is lost
        report(f"{label}: PostgreSQL CPU per request", "not measurable (backends came and went)")
    elif outcome.database_cpu:
        db_ms = outcome.database_cpu / max(outcome.requests, 1) * 1000
        report(f"{label}: PostgreSQL CPU per request", f"{db_ms:.2f} ms")
        per_request_ms += db_ms
    report(
        f"{label}: load generator CPU",
        f"{outcome.generator_cpu / max(outcome.seconds, 1e-9) * 100:.0f}% of a core",
    )
    if per_request_ms > 0:
        report(
            f"{label}: requests/s one core carries (server + database)",
            f"{1000 / per_request_ms:,.0f} (x {cores} cores: {cores * 1000 / per_request_ms:,.0f})",
        )
    if outcome.errors:
        report(f"{label}: errors", str(outcome.errors))
    n = max(outcome.requests, 1)
    generator_ms = outcome.generator_cpu / n * 1000
    ours = outcome.server_cpu + max(outcome.database_cpu, 0) + outcome.generator_cpu
    others = max(outcome.machine_busy - ours, 0.0) / max(outcome.window, 1e-9)
    report(
        f"{label}: other processes on the machine",
        f"{others * 100:.0f}% of a core during the load (0 on a quiet machine)",
    )
    if goal_rps and outcome.per_second < goal_rps:
        print(f"    {label}: {rps} requests/s reached on this machine, goal {goal_rps:,.0f}")
        total = per_request_ms + generator_ms
        if total > 0:
            print(
                f"    where the CPU goes per request: server {outcome.server_cpu / n * 1000:.2f}"
                f" + PostgreSQL {max(outcome.database_cpu, 0) / n * 1000:.2f}"
                f" + load generator {generator_ms:.2f} = {total:.2f} ms: {cores} cores carry at"
                f" most {cores * 1000 / total:,.0f} requests/s with the generator on them"
                " (`--profile` shows where the server's part goes)"
            )


def print_projection(label: str, outcome: Outcome, devices: int) -> None:
    """What the p95 goal needs of a closed loop of `devices`: the mean latency is devices /
    throughput (Little's law), and p95 stood at the measured multiple of the mean; so p95
    under the goal needs devices x that multiple / goal requests/s, which at the measured
    server + PostgreSQL CPU per request is that many cores' worth (the load generator
    apart: it runs on other machines in production)."""
    every = [x for values in outcome.latencies.values() for x in values]
    if len(every) < 2 or not outcome.requests:
        return
    mean_ms = statistics.fmean(every) * 1000
    spread = outcome.percentile(95) / mean_ms
    needed = devices * spread / (GOAL_P95_MS / 1000)
    cpu_ms = (outcome.server_cpu + max(outcome.database_cpu, 0)) / outcome.requests * 1000
    little_ms = devices / outcome.per_second * 1000
    report(
        f"{label}: p95 / mean latency",
        f"{spread:.2f}",
        f"(mean {mean_ms:.0f} ms; devices / throughput {little_ms:.0f} ms)",
    )
    report(
        f"{label}: p95 < {GOAL_P95_MS} ms needs",
        f"{needed:,.0f} requests/s",
        f"= {needed * cpu_ms / 1000:.1f} cores of server + database at {cpu_ms:.2f} ms CPU each",
    )


def print_kinds(label: str, outcome: Outcome) -> None:
    """How many requests of each kind a load made, and their p50 / p95."""
    for kind in (PUSH, PULL_SERVED, PULL_EMPTY):
        found = sorted(outcome.latencies.get(kind, ()))
        if len(found) > 1:
            cut = statistics.quantiles(found, n=100)
            report(
                f"{label}: {kind}",
                f"{len(found) / outcome.seconds:,.0f}/s, p50 / p95 {cut[49] * 1000:.0f} /"
                f" {cut[94] * 1000:.0f} ms",
            )


@dataclass(frozen=True)
class KindCost:
    """CPU per request of one kind, ms: the server processes' and PostgreSQL's."""

    server_ms: float
    database_ms: float


def breakdown(
    port: int,
    server: subprocess.Popen,
    devices: list[Device],
    cases: dict[str, str],
    db_url: str,
    seconds: float,
    edits: Outcome | None,
) -> None:
    """Server and PostgreSQL CPU per request of each kind, each kind in a load of its own on
    the same server (`seconds` each): a push of one edit (every device pushing), a pull that
    serves one change (each device pulls again and again from just before the newest change
    of its worker's case: the changes after it are other cases', as in the edits load) and
    an empty pull (at the newest cursor). Then, for the edits load `edits`, the CPU those
    costs add up to for its mix of kinds beside what it measured."""
    costs: dict[str, KindCost] = {}

    def measured(kind: str, outcome: Outcome) -> None:
        n = max(len(outcome.latencies.get(kind, ())), 1)
        cost = KindCost(outcome.server_cpu / n * 1000, max(outcome.database_cpu, 0) / n * 1000)
        costs[kind] = cost
        extra = [f"{outcome.per_second:,.0f}/s"]
        if outcome.database_transactions is not None:
            extra.append(f"{outcome.database_transactions / n:.2f} PostgreSQL transactions")
        if outcome.errors:
            extra.append(f"{outcome.errors} errors")
        database = f" + PostgreSQL {cost.database_ms:.2f}" if db_url.startswith("postgres") else ""
        report(
            f"CPU per request, {kind}",
            f"server {cost.server_ms:.2f}{database} ms",
            f"({', '.join(extra)})",
        )

    pushes = load(port, server, devices, cases, 0, seconds, db_url, mode="push")
    measured(PUSH, pushes)
    newest = last_change_of_cases(db_url)
    top = max(newest.values())
    before = {d.token: newest[cases[d.user]] - 1 for d in devices}
    measured(PULL_SERVED, load(port, server, devices, cases, before, seconds, db_url, "pull"))
    measured(PULL_EMPTY, load(port, server, devices, None, top, seconds, db_url, "pull"))
    if edits is None or not edits.requests:
        return
    counts = {kind: len(edits.latencies.get(kind, ())) for kind in costs}
    for part, measured_s in (("server", edits.server_cpu), ("PostgreSQL", edits.database_cpu)):
        expected = sum(
            counts[k] * (c.server_ms if part == "server" else c.database_ms)
            for k, c in costs.items()
        )
        if measured_s > 0:
            report(
                f"edits load, {part} CPU: kinds add up to",
                f"{expected / 1000:.2f} s",
                f"(measured {measured_s:.2f} s; mix {counts[PUSH]} pushes,"
                f" {counts[PULL_SERVED]} serving, {counts[PULL_EMPTY]} empty pulls)",
            )


def last_change_of_cases(db_url: str) -> dict[str, int]:
    """case id -> the sequence number of its newest change, read from the database."""
    from sqlalchemy import func, select

    from sync.server.store import changes, connect

    engine = connect(db_url)
    try:
        with engine.connect() as conn:
            found = conn.execute(
                select(changes.c.case_id, func.max(changes.c.seq))
                .where(changes.c.case_id.is_not(None))
                .group_by(changes.c.case_id)
            ).all()
    finally:
        engine.dispose()
    return {case_id: int(seq) for case_id, seq in found}


def setup_cases(port: int, devices: list[Device]) -> dict[str, str]:
    """A case per worker, made by the worker's first device (the server assigns it to its
    maker). Returns worker -> case id."""
    from tests.sync.wire_records import created_fields

    cases: dict[str, str] = {}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for device in devices:
            if device.user in cases:
                continue
            case_id = str(uuid.uuid4())
            fields = {**created_fields("case"), "worker": device.user}
            change = {
                "change_id": str(uuid.uuid4()),
                "record_type": "case",
                "record_id": case_id,
                "fields": fields,
                "hlc": f"{int(time.time() * 1000):015d}:00000:{device.clock_id}",
                "device_id": device.clock_id,
                "created": True,
            }
            answer = client.post(
                "/v1/push",
                json={"changes": [change]},
                headers={"Authorization": f"Bearer {device.token}"},
            )
            answer.raise_for_status()
            if answer.json()["rejected"]:
                raise RuntimeError(f"the case was refused: {answer.json()['rejected']}")
            cases[device.user] = case_id
    return cases


def newest_cursor(port: int, device: Device) -> int:
    answer = httpx.post(
        f"http://127.0.0.1:{port}/v1/pull",
        json={"cursor": 0, "limit": 1},
        headers={"Authorization": f"Bearer {device.token}"},
    )
    answer.raise_for_status()
    top = answer.json()["cursor"]
    while answer.json()["more"]:
        answer = httpx.post(
            f"http://127.0.0.1:{port}/v1/pull",
            json={"cursor": top},
            headers={"Authorization": f"Bearer {device.token}"},
        )
        top = answer.json()["cursor"]
    return int(top)


# --- profile of one server process -----------------------------------------------------------

PROFILED_SERVER = """
import cProfile, signal, sys, threading, time
import uvicorn
from sqlalchemy import event
from sync.server.app import create_app

app = create_app(sys.argv[1])
engine = app.state.engine
counts = {"statements": 0, "transactions": 0}


def count(name):
    return lambda *a: counts.__setitem__(name, counts[name] + 1)


event.listen(engine, "before_cursor_execute", count("statements"))
event.listen(engine, "commit", count("transactions"))
event.listen(engine, "rollback", count("transactions"))
profiles = []


def in_thread(*_):
    # Each thread gets a profiler of its own, timed by the thread's CPU time (not the wall
    # clock: waiting for the database or a lock costs nothing): the request threads from
    # their start (the few requests before the load are in it too), the event loop's from
    # SIGUSR1.
    sys.setprofile(None)
    profile = cProfile.Profile(time.thread_time)
    profiles.append(profile)
    profile.enable()


threading.setprofile(in_thread)


def start(*_):
    counts.update(statements=0, transactions=0)
    in_thread()


def stop(*_):
    import pstats

    stats = None
    for profile in profiles:
        profile.disable()
        stats = pstats.Stats(profile) if stats is None else (stats.add(profile) or stats)
    stats.dump_stats(sys.argv[3])
    with open(sys.argv[3] + ".counts", "w") as out:
        out.write(f"{counts['statements']} {counts['transactions']}")


config = uvicorn.Config(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning",
                        access_log=False)
signal.signal(signal.SIGUSR1, start)
signal.signal(signal.SIGUSR2, stop)
uvicorn.Server(config).run()
"""


def profile_round(
    db_url: str,
    devices: list[Device],
    cursor: int,
    seconds: float,
    source: Path = ROOT,
    cases: dict[str, str] | None = None,
) -> None:
    """One server process under cProfile, loaded with empty incremental syncs from `cursor`
    (with `cases`: the devices editing them and pulling): where its time goes, and its
    statements and transactions per request."""
    from tests.commands import free_port

    port = free_port()
    stats_file = Path(tempfile.mkdtemp()) / "server.prof"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_")}
    proc = subprocess.Popen(
        [sys.executable, "-c", PROFILED_SERVER, db_url, str(port), str(stats_file)],
        env=env,
        cwd=source,
    )
    try:
        wait_until_up(port, proc)
        proc.send_signal(signal.SIGUSR1)
        time.sleep(0.5)
        outcome = load(port, proc, devices, cases, cursor, seconds, db_url)
        proc.send_signal(signal.SIGUSR2)
        deadline = time.monotonic() + 30
        while not Path(str(stats_file) + ".counts").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    statements, transactions = map(int, Path(str(stats_file) + ".counts").read_text().split())
    n = max(outcome.requests, 1)
    what = "edits and pulls" if cases else "empty incremental syncs"
    report(
        f"profiled process ({what}): requests",
        f"{outcome.requests} ({outcome.per_second:,.0f}/s)",
    )
    report("profiled process: SQLAlchemy statements per request", f"{statements / n:.2f}")
    report("profiled process: SQLAlchemy transactions per request", f"{transactions / n:.2f}")
    if outcome.database_transactions is not None:
        # Counted by PostgreSQL: also the statements the hot path sends past SQLAlchemy
        # (pulling.quick_device), each outside a transaction (one each).
        report(
            "profiled process: PostgreSQL transactions per request",
            f"{outcome.database_transactions / n:.2f}",
        )
    report("profiled process: CPU per request", f"{outcome.server_cpu / n * 1000:.2f} ms")
    out = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=out)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    print(out.getvalue())


def _only_profile(
    db_url: str, devices: list[Device], editing: int, empty: int, seconds: float, source: Path
) -> None:
    from tests.commands import free_port

    port = free_port()
    server = start_server(db_url, port, 1)
    try:
        cases = setup_cases(port, devices)
        top = newest_cursor(port, devices[0])
    finally:
        server.terminate()
        server.wait(timeout=30)
    _profiles(db_url, devices, cases, top, editing, empty, seconds, source)


def _profiles(
    db_url: str,
    devices: list[Device],
    cases: dict[str, str],
    top: int,
    editing: int,
    empty: int,
    seconds: float,
    source: Path,
) -> None:
    """The profiled rounds: `editing` devices editing and pulling, `empty` devices' empty
    syncs (each round only when its count is not 0)."""
    if editing:
        profile_round(db_url, devices[:editing], top, seconds, source, cases)
    if empty:
        top = newest_cursor_of(db_url)
        profile_round(db_url, devices[:empty], top, seconds, source)


def newest_cursor_of(db_url: str) -> int:
    """The newest sequence number in the database (0 when empty)."""
    from sqlalchemy import func, select

    from sync.server.store import changes, connect

    engine = connect(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.max(changes.c.seq))).scalar_one() or 0)
    finally:
        engine.dispose()


# --- main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--empty-devices", type=int, default=50)
    parser.add_argument("--devices", type=int, default=200, help="devices making real edits")
    parser.add_argument(
        "--breakdown-seconds",
        type=float,
        default=5,
        help="after the edits load, each kind of request in a load of its own for this long"
        " (server and PostgreSQL CPU per request of each kind); 0: none",
    )
    parser.add_argument("--profile", action="store_true", help="also profile one process")
    parser.add_argument(
        "--profile-only", action="store_true", help="only the profiled process's round"
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=ROOT,
        help="the profiled server's source tree (another checkout: its figures before a change)",
    )
    args = parser.parse_args()
    from tests.commands import free_port

    cores = os.cpu_count() or 1
    report("setting", f"{args.db}, {args.workers} server process(es), {cores} cores")
    with fresh_database(args.db) as db_url:
        # Two devices per worker: each pulls its colleague device's edits.
        devices = make_devices(db_url, max(args.devices, args.empty_devices) // 2 + 1, 2)
        if args.profile_only:
            _only_profile(
                db_url, devices, args.devices, args.empty_devices, args.seconds, args.source
            )
            return
        port = free_port()
        server = start_server(db_url, port, args.workers)
        try:
            cases = setup_cases(port, devices)
            top = newest_cursor(port, devices[0])
            if args.empty_devices:  # --empty-devices 0: only the real edits
                empty = load(
                    port, server, devices[: args.empty_devices], None, top, args.seconds, db_url
                )
                print_outcome(
                    f"empty incremental syncs, {args.empty_devices} devices",
                    empty,
                    GOAL_EMPTY_RPS,
                    cores,
                )
            if args.devices:
                edits = load(
                    port, server, devices[: args.devices], cases, top, args.seconds, db_url
                )
                label = f"{args.devices} devices pushing and pulling real edits"
                print_outcome(label, edits, None, cores)
                print_kinds(label, edits)
                print_projection(label, edits, args.devices)
                if args.breakdown_seconds:
                    breakdown(
                        port,
                        server,
                        devices[: args.devices],
                        cases,
                        db_url,
                        args.breakdown_seconds,
                        edits,
                    )
        finally:
            server.terminate()
            server.wait(timeout=30)
        if args.profile:
            _profiles(
                db_url,
                devices,
                cases,
                top,
                args.devices,
                args.empty_devices,
                args.seconds,
                args.source,
            )


if __name__ == "__main__":
    main()
