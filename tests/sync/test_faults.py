"""Faults on the way: the network cut mid-response, a server killed mid-push, a client killed
mid-pull, a batch replayed. Nothing is lost, nothing is doubled."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.sync_service import SyncReport, pull_changes, push_journal, sync_now
from app.synthetic import populate
from storage import sync_state
from sync.client import HttpTransport, ServerUnreachable
from sync.protocol import SERVER_CLOCK_ID
from sync.server.store import changes, connect
from tests import commands
from tests.commands import free_port, start_server_process
from tests.sync.conftest import Laptop
from tests.sync.cutting_proxy import CuttingProxy
from tests.sync.server_harness import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def snapshot(machine: Laptop) -> dict[str, list]:
    """Everything a worker sees, table by table, ordered by id."""
    db = machine.vault.db
    tables = (
        "cases",
        "contacts",
        "screenings",
        "safety_plans",
        "agreements",
        "goals",
        "actions",
        "zrm_assessments",
        "handover_notes",
        "breaches",
        "case_discussions",
    )
    out = {}
    for table in tables:
        columns = [c for c in db[table].columns_dict if c not in ("updated_hlc", "field_hlcs")]
        out[table] = db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
    return out


def server_change_count(engine) -> int:  # type: ignore[no-untyped-def]
    """Changes the laptops sent (the server's own, naming each case's holder, left out)."""
    with engine.connect() as conn:
        query = select(func.count()).where(changes.c.device_id != SERVER_CLOCK_ID)
        return int(conn.execute(query).scalar() or 0)


def through(machine: Laptop, url: str) -> HttpTransport:
    return HttpTransport(url, sync_state.get(machine.vault, sync_state.DEVICE_TOKEN))


@pytest.mark.parametrize("cut_after", [0, 1, 150, 2000, 20000])
def test_network_cut_mid_response_resumes_to_the_same_state(server, laptop, cut_after) -> None:
    server.add_user("anna")
    source, target = laptop("anna"), laptop("anna")
    populate(source.casework, 6, seed=3)
    port = int(server.url.rsplit(":", 1)[1])
    proxy = CuttingProxy(port)
    cuts = 0
    try:
        proxy.cut_after = cut_after
        for machine in (source, target):  # push from one, pull into the other, both cut
            try:
                report = SyncReport()
                transport = through(machine, proxy.url)
                push_journal(machine.vault, transport, report)
                pull_changes(machine.vault, transport, report)
            except ServerUnreachable:
                cuts += 1
    finally:
        proxy.close()
    assert cuts == 2  # every answer here is longer than the cut: both syncs broke off
    sync_now(source.vault)
    sync_now(target.vault)
    sync_now(source.vault)
    assert snapshot(target) == snapshot(source)
    journal_rows = source.vault.db.execute("SELECT count(*) FROM journal").fetchone()[0]
    assert server_change_count(server.engine) == journal_rows
    assert target.vault.check_integrity() == []


def wait_until(condition, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    """Poll for progress (this chooses where a kill lands; nothing is timed)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("no progress")
        time.sleep(0.005)


def pulled_cursor(path: Path) -> int:
    from storage.vault import Vault

    try:
        with Vault.open(path, "laptop-wachtwoord") as vault:
            return sync_state.get_int(vault, sync_state.PULL_CURSOR)
    except Exception:  # the writer holds the file for a moment: look again
        return -1


def test_server_killed_mid_push_loses_and_doubles_nothing(tmp_path: Path) -> None:
    from sync.server import admin

    db_url = f"sqlite:///{tmp_path / 'server.db'}"
    engine = connect(db_url)
    admin.add_user(engine, "anna", PASSWORD, "worker", None)
    port = free_port()
    proc = start_server_process(db_url, port)

    class Url:
        url = f"http://127.0.0.1:{port}"

    source = Laptop(tmp_path / "source", Url, "anna")  # type: ignore[arg-type]
    target = Laptop(tmp_path / "target", Url, "anna")  # type: ignore[arg-type]
    populate(source.casework, 60, seed=5)
    kills = 0
    source.vault.lock()  # the pushing process opens it
    for progress in (1, 400, 900):
        pusher = commands.start(
            "koers", "sync", "--vault", str(source.vault.path), KOERS_PASSPHRASE="laptop-wachtwoord"
        )
        # Kill the server once it committed more of the push, while batches are still coming.
        wait_until(
            lambda n=progress, p=pusher: server_change_count(engine) >= n or p.poll() is not None
        )
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += pusher.poll() is None
        pusher.wait(timeout=60)
        proc = start_server_process(db_url, port)
    try:
        from storage.vault import Vault

        source.vault = Vault.open(source.vault.path, "laptop-wachtwoord")
        source.casework = type(source.casework)(source.vault)
        sync_now(source.vault)
        sync_now(target.vault)
        assert snapshot(target) == snapshot(source)
        journal_rows = source.vault.db.execute("SELECT count(*) FROM journal").fetchone()[0]
        assert server_change_count(engine) == journal_rows
        assert kills >= 2  # the server died under a running push
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        source.vault.lock()
        target.vault.lock()


def test_client_killed_mid_pull_resumes(server, laptop) -> None:
    server.add_user("anna")
    source, target = laptop("anna"), laptop("anna")
    populate(source.casework, 80, seed=9)
    sync_now(source.vault)
    path = target.vault.path
    target.vault.lock()
    killed_mid_pull = 0
    for _ in range(3):
        puller = commands.start(
            "koers", "sync", "--vault", str(path), KOERS_PASSPHRASE="laptop-wachtwoord"
        )
        before = pulled_cursor(path)
        # Kill the client as soon as it committed a pulled batch (the cursor moved).
        wait_until(lambda b=before, p=puller: pulled_cursor(path) > b or p.poll() is not None)
        killed_mid_pull += puller.poll() is None
        puller.send_signal(signal.SIGKILL)
        puller.wait()
        from storage.vault import Vault

        with Vault.open(path, "laptop-wachtwoord") as vault:
            assert vault.check_integrity() == []
    from storage.vault import Vault

    target.vault = Vault.open(path, "laptop-wachtwoord")
    sync_now(target.vault)
    assert snapshot(target) == snapshot(source)
    assert killed_mid_pull >= 1  # a kill landed between two pulled batches
