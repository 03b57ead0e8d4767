"""Push of a whole caseload, first full sync on a new laptop and an empty incremental sync,
against the real server on loopback (SQLite store), side by side with the PouchDB peer.

    python -m bench.sync_first [--cases 500] [--records-per-case 100] [--rounds N] [--peer]

The server runs in its own process (`koers-server serve`, uvicorn), as in production: client
and server each get a core, as the peer's client and server do. A caseload is written once;
each round copies it to a fresh laptop, enrols it with a fresh server and measures:

- push: from the start of the filled laptop's first sync to the server's answer to its last
  push (the rest of that sync, pulling its own changes back, is printed apart; should the
  pushes bypass the bench's counting httpx client, the whole sync counts and bytes show n/a);
- first full sync of a new laptop (the whole sync, pulled changes/s);
- an empty incremental sync right after.

With --peer, each Koers round alternates with a round of the peer (bench/peer/pouch-bench.js:
PouchDB replicating as many documents as Koers has changes, one change counting as one
document, to an express-pouchdb server and back to a fresh database), and the ratios
Koers/peer are printed per round and as min / median / max against the goal: push and pull
at least 3x the peer. The sizes on the wire are printed for both, so a reader can check they
stay comparable. Without node or the peer's modules the bench says how to install them and
runs Koers alone. The peer's modules live outside the repository: KOERS_PEER_MODULES or
~/.cache/koers-peer (see bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx

from app.casework import Casework, new_id
from app.contact import Contact
from app.sync_service import enroll_device, sync_now
from app.synthetic import SyntheticCaseload, write_case
from bench.timing import report
from storage import sync_state
from storage.keys import TEST_KDF
from storage.vault import Vault
from sync.client import TIMEOUT, HttpTransport
from sync.server import admin
from sync.server.store import connect
from tests.commands import free_port, start_server_process
from tests.sync.server_harness import PASSWORD

ROOT = Path(__file__).resolve().parents[1]
PEER = ROOT / "bench" / "peer"
PEER_PACKAGES = ("express", "express-pouchdb", "pouchdb-node")
PASSPHRASE = "bench-passphrase"
GOAL = 3.0  # Koers/peer, push and pull


def laptop(folder: Path, url: str | None = None) -> Vault:
    """A new vault with the default programmes, enrolled with `url` when given."""
    folder.mkdir()
    vault = Vault.create(folder / "werk.koers", PASSPHRASE, owner="anna", kdf=TEST_KDF)
    Casework(vault).seed_default_programmes()
    if url:
        enroll_device(vault, url, "anna", PASSWORD)
    return vault


def fill(vault: Vault, cases: int, per_case: int) -> int:
    """Write `cases` synthetic cases of about `per_case` records each; the journal's size."""
    casework = Casework(vault)
    generator = SyntheticCaseload(casework.programmes(), casework.today(), seed=21)
    now = vault.now()
    for start in range(0, cases, 50):
        with vault.transaction():
            for _ in range(min(50, cases - start)):
                generated = generator.case()
                write_case(casework, generated)
                for n in range(max(0, per_case - len(generated.records) - 1)):
                    casework.record_contact(
                        Contact(
                            new_id(),
                            generated.case.id,
                            now - timedelta(hours=n + 1),
                            report="Synthetisch verslag.",
                        )
                    )
    return int(vault.db.execute("SELECT count(*) FROM journal").fetchone()[0])


# --- measuring ---------------------------------------------------------------------------------


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far (Linux /proc; 0 where unreadable)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (a server may run worker processes)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            parents[int(entry.name)] = int(fields[1])
    tree, todo = [pid], [pid]
    while todo:
        parent = todo.pop()
        children = [p for p, pp in parents.items() if pp == parent]
        tree += children
        todo += children
    return tree


class ThreadCpu:
    """CPU seconds of this process's threads while it runs, by thread name (Linux /proc,
    read every 20 ms: a thread that ended counts with its last reading, a clock tick of
    10 ms at most lost per thread). `by_role` sums them as the client's sync uses them."""

    ROLES = (("koers-pull", "fetch"), ("koers-lines", "lines"), ("koers-push", "push sender"))

    def __init__(self) -> None:
        self._tick = os.sysconf("SC_CLK_TCK")
        self._start = self._read()
        self._seen: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-cpu", daemon=True)

    def _read(self) -> dict[int, float]:
        seconds = {}
        for task in Path("/proc/self/task").iterdir():
            try:
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            seconds[int(task.name)] = (int(fields[11]) + int(fields[12])) / self._tick
        return seconds

    def _sample(self) -> None:
        names = {t.native_id: t.name for t in threading.enumerate()}
        for tid, seconds in self._read().items():
            name = names.get(tid) or self._seen.get(tid, ("?", 0.0))[0]
            self._seen[tid] = (name, seconds - self._start.get(tid, 0.0))

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self._sample()

    def __enter__(self) -> ThreadCpu:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def by_role(self) -> dict[str, float]:
        """CPU seconds of the main thread, the pull's fetching thread, the access-log lines'
        thread, the push's sending thread and the rest (this sampler among them)."""
        roles = {"main": 0.0, "fetch": 0.0, "lines": 0.0, "push sender": 0.0, "other": 0.0}
        for name, seconds in self._seen.values():
            role = "main" if name == "MainThread" else "other"
            for prefix, named in self.ROLES:
                if name.startswith(prefix):
                    role = named
            roles[role] += seconds
        return roles


class Wire:
    """An httpx client for HttpTransport that counts the bytes of push request bodies and
    pull answers (as sent and received on the socket) and notes when the last push answer
    came, with the client's and the server's CPU time at that moment."""

    def __init__(self, server_pids: list[int]) -> None:
        self.server_pids = server_pids
        self.push_bytes = 0
        self.pushes = 0
        self.pull_bytes = 0
        self.last_push = 0.0  # perf_counter
        self.cpu_at_last_push = (0.0, 0.0)  # client, server (process CPU seconds)

    def client(self) -> httpx.Client:
        return httpx.Client(
            timeout=TIMEOUT,
            event_hooks={"request": [self._request], "response": [self._response]},
        )

    def _request(self, request: httpx.Request) -> None:
        if request.url.path.endswith("/push"):
            self.push_bytes += len(request.read())
            self.pushes += 1

    def _response(self, response: httpx.Response) -> None:
        path = response.request.url.path
        if path.endswith("/push"):
            self.last_push = time.perf_counter()
            self.cpu_at_last_push = (time.process_time(), _cpu_seconds(self.server_pids))
        elif path.endswith("/pull"):
            response.read()
            self.pull_bytes += response.num_bytes_downloaded


@dataclass
class KoersRound:
    changes: int  # pushed by the filled laptop (the journal)
    push_s: float
    whole_first_sync_s: float  # the filled laptop's whole first sync (push + own changes back)
    pulled: int
    pull_s: float  # the new laptop's whole first sync
    empty_s: float
    push_bytes_per_change: float
    pull_bytes_per_change: float
    push_cpu: tuple[float, float]  # client, server CPU seconds
    pull_cpu: tuple[float, float]
    pull_threads: dict[str, float]  # the new laptop's client CPU seconds by thread role


def _sync(vault: Vault, wire: Wire) -> tuple[float, int]:
    """One sync through `wire`'s client: (seconds, changes pulled)."""
    url = sync_state.get(vault, sync_state.SERVER_URL)
    token = sync_state.get(vault, sync_state.DEVICE_TOKEN)
    assert url and token
    transport = HttpTransport(url, token, client=wire.client())
    try:
        start = time.perf_counter()
        result = sync_now(vault, transport)
        return time.perf_counter() - start, result.pulled
    finally:
        transport.close()


def koers_round(template: Path, changes: int, work: Path) -> KoersRound:
    """Copy the filled laptop, enrol it with a fresh server process, push, then a new laptop's
    first sync and an empty sync. The server is stopped at the end."""
    work.mkdir()
    db_url = f"sqlite:///{work / 'server.db'}"
    engine = connect(db_url)
    admin.add_user(engine, "anna", PASSWORD, "worker", None)
    engine.dispose()
    port = free_port()
    server = start_server_process(db_url, port)
    url = f"http://127.0.0.1:{port}"
    source = target = None
    try:
        pids = _process_tree(server.pid)
        shutil.copytree(template, work / "source")
        source = Vault.open(work / "source" / "werk.koers", PASSPHRASE, backup_now=False)
        enroll_device(source, url, "anna", PASSWORD)
        wire = Wire(pids)
        client_cpu, server_cpu = time.process_time(), _cpu_seconds(pids)
        start = time.perf_counter()
        whole, _ = _sync(source, wire)
        if wire.pushes:
            push_s = wire.last_push - start
            push_cpu = (
                wire.cpu_at_last_push[0] - client_cpu,
                wire.cpu_at_last_push[1] - server_cpu,
            )
            push_bytes = wire.push_bytes / max(1, changes)
        else:  # the pushes went by another client: the whole sync counts, bytes unknown
            push_s = whole
            push_cpu = (time.process_time() - client_cpu, _cpu_seconds(pids) - server_cpu)
            push_bytes = math.nan

        target = laptop(work / "target", url)
        wire = Wire(pids)
        client_cpu, server_cpu = time.process_time(), _cpu_seconds(pids)
        with ThreadCpu() as threads:
            pull_s, pulled = _sync(target, wire)
        pull_cpu = (time.process_time() - client_cpu, _cpu_seconds(pids) - server_cpu)
        pull_bytes = wire.pull_bytes / max(1, pulled)
        empty_s, _ = _sync(target, Wire(pids))
    finally:
        for vault in (source, target):
            if vault is not None:
                vault.lock()
        server.terminate()
        server.wait(timeout=30)
    return KoersRound(
        changes=changes,
        push_s=push_s,
        whole_first_sync_s=whole,
        pulled=pulled,
        pull_s=pull_s,
        empty_s=empty_s,
        push_bytes_per_change=push_bytes,
        pull_bytes_per_change=pull_bytes,
        push_cpu=push_cpu,
        pull_cpu=pull_cpu,
        pull_threads=threads.by_role(),
    )


# --- the peer ----------------------------------------------------------------------------------


def peer_modules() -> Path:
    """The folder the peer's npm packages are installed in (holding node_modules)."""
    return Path(os.environ.get("KOERS_PEER_MODULES") or Path.home() / ".cache" / "koers-peer")


def peer_missing() -> str | None:
    """Why the peer cannot run here, with the commands that install it; None when it can."""
    folder = peer_modules()
    modules = folder / "node_modules"
    node = shutil.which("node")
    missing = [p for p in PEER_PACKAGES if not (modules / p / "package.json").is_file()]
    if node and not missing:
        return None
    shown = str(folder).replace(str(Path.home()), "~", 1)
    why = "node is not installed" if not node else f"{', '.join(missing)} not in {modules}"
    lines = [f"The PouchDB peer cannot run: {why}. Install it (outside the repository) with:", ""]
    if not node:
        lines.append("    sudo apt-get install -y nodejs npm     # node 18 or newer")
    lines += [
        f"    mkdir -p {shown}",
        f"    cp bench/peer/package.json bench/peer/package-lock.json {shown}/",
        f"    npm ci --prefix {shown}",
        "",
        "(KOERS_PEER_MODULES=/other/folder installs and finds it elsewhere.) Koers runs alone.",
    ]
    return "\n".join(lines)


def peer_round(docs: int) -> dict:
    """One run of bench/peer/pouch-bench.js with `docs` documents: its JSON line."""
    env = {**os.environ, "NODE_PATH": str(peer_modules() / "node_modules")}
    done = subprocess.run(
        ["node", str(PEER / "pouch-bench.js"), str(docs)],
        cwd=PEER,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the peer failed (exit {done.returncode}): {done.stderr.strip()}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- printing ----------------------------------------------------------------------------------


def spread(values: list[float], fmt: str = ",.0f") -> str:
    """min / median / max of `values` formatted with `fmt`."""
    picks = (min(values), statistics.median(values), max(values))
    return " / ".join(format(v, fmt) for v in picks)


def size(values: list[float]) -> str:
    """The median of byte counts, or n/a when they could not be counted."""
    if any(math.isnan(v) for v in values):
        return "n/a"
    return f"{statistics.median(values):,.0f} B"


def per_change_us(cpu: tuple[float, float], count: int) -> str:
    client, server = cpu
    return f"{client / count * 1e6:,.0f} + {server / count * 1e6:,.0f} µs"


def print_round(n: int, k: KoersRound, peer: dict | None) -> None:
    line = (
        f"round {n}: Koers push {k.changes / k.push_s:,.0f}/s, new laptop "
        f"{k.pulled / k.pull_s:,.0f}/s, empty sync {k.empty_s * 1000:.0f} ms"
    )
    if peer:
        line += (
            f" | peer push {peer['push_docs_per_s']:,.0f}/s, pull {peer['pull_docs_per_s']:,.0f}/s"
            f" | Koers/peer push {k.changes / k.push_s / peer['push_docs_per_s']:.2f}x,"
            f" pull {k.pulled / k.pull_s / peer['pull_docs_per_s']:.2f}x"
        )
    print(line, flush=True)


def print_summary(cases: int, rounds: list[KoersRound], peers: list[dict]) -> None:
    first = rounds[0]
    n = len(rounds)
    print(f"\nmin / median / max of {n} round{'s' * (n > 1)}:")
    report(f"records in the caseload ({cases} cases)", f"{first.changes:,}")
    push = [r.changes / r.push_s for r in rounds]
    pull = [r.pulled / r.pull_s for r in rounds]
    report("Koers push of the whole caseload", spread(push), "changes/s")
    report(
        "  the rest of that first sync (own changes back)",
        spread([r.whole_first_sync_s - r.push_s for r in rounds], ".1f"),
        "s",
    )
    report("Koers first full sync on a new laptop", spread(pull), "changes/s")
    report("Koers empty incremental sync", spread([r.empty_s * 1000 for r in rounds]), "ms")
    report(
        "Koers on the wire: push body per change",
        size([r.push_bytes_per_change for r in rounds]),
        f"pull answer per change {size([r.pull_bytes_per_change for r in rounds])}",
    )
    report(
        "Koers CPU per change, push (client + server)",
        per_change_us(first.push_cpu, first.changes),
        "round 1",
    )
    report(
        "Koers CPU per change, new laptop (client + server)",
        per_change_us(first.pull_cpu, max(1, first.pulled)),
        "round 1",
    )
    report(
        "  client's part by thread",
        ", ".join(
            f"{role} {seconds / max(1, first.pulled) * 1e6:,.0f}"
            for role, seconds in first.pull_threads.items()
        ),
        "µs, round 1",
    )
    if not peers:
        return
    peer = peers[0]
    report(
        "peer push (PouchDB -> express-pouchdb)",
        spread([p["push_docs_per_s"] for p in peers]),
        "docs/s",
    )
    report("peer pull to a fresh database", spread([p["pull_docs_per_s"] for p in peers]), "docs/s")
    report(
        "peer on the wire: JSON doc",
        f"{peer['doc_bytes']:,.0f} B",
        f"push request per doc {peer['push_request_bytes_per_doc']:,.0f} B, pull answer "
        f"per doc {peer['pull_response_bytes_per_doc']:,.0f} B (gzip)",
    )
    report(
        "peer CPU per doc, push (client + server)",
        per_change_us((peer["push_cpu_s"]["client"], peer["push_cpu_s"]["server"]), peer["docs"]),
        "round 1",
    )
    report(
        "peer CPU per doc, pull (client + server)",
        per_change_us(
            (peer["pull_cpu_s"]["client"], peer["pull_cpu_s"]["server"]), max(1, peer["pulled"])
        ),
        "round 1",
    )
    # The same push by CPU: on a machine whose cores other work shares, throughput follows
    # the scheduler as much as the code; CPU per change does not.
    peer_push = (peer["push_cpu_s"]["client"], peer["push_cpu_s"]["server"])
    koers_push = first.push_cpu
    report(
        "push CPU per change peer/Koers (client + server)",
        f"{sum(peer_push) / peer['docs'] / (sum(koers_push) / first.changes):.2f}x",
        f"server alone {peer_push[1] / peer['docs'] / (koers_push[1] / first.changes):.2f}x,"
        " round 1",
    )
    push_ratio = [k / p["push_docs_per_s"] for k, p in zip(push, peers, strict=True)]
    pull_ratio = [k / p["pull_docs_per_s"] for k, p in zip(pull, peers, strict=True)]
    report("push Koers/peer", spread(push_ratio, ".2f"), f"goal >= {GOAL:.0f}x")
    report("pull Koers/peer (new laptop)", spread(pull_ratio, ".2f"), f"goal >= {GOAL:.0f}x")
    where = "the client's process" if peer.get("one_process") else "its own process"
    print(f"peer: {peer['peer']}; batch_size {peer['batch_size']}; server in {where}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--records-per-case", type=int, default=100)
    parser.add_argument(
        "--rounds", type=int, default=None, help="rounds (default 3 with --peer, else 1)"
    )
    parser.add_argument("--peer", action="store_true", help="alternate with the PouchDB peer")
    args = parser.parse_args()
    rounds = args.rounds or (3 if args.peer else 1)
    with_peer = args.peer
    if with_peer and (why := peer_missing()):
        print(why, flush=True)
        with_peer = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = laptop(folder / "template")
        changes = fill(source, args.cases, args.records_per_case)
        source.lock()
        koers: list[KoersRound] = []
        peers: list[dict] = []
        for n in range(1, rounds + 1):
            koers.append(koers_round(folder / "template", changes, folder / f"round-{n}"))
            shutil.rmtree(folder / f"round-{n}")
            if with_peer:
                peers.append(peer_round(changes))
            print_round(n, koers[-1], peers[-1] if peers else None)
        print_summary(args.cases, koers, peers)


if __name__ == "__main__":
    main()
