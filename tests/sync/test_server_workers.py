"""`koers-server serve --workers N`: several server processes on one port and one database,
as production runs it, and laptops that sync through them as through one."""

from __future__ import annotations

import concurrent.futures
import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pytest

from app.sync_service import sync_now
from sync.server import admin
from sync.server.store import connect
from tests import commands
from tests.app.test_casework import new_case
from tests.sync.conftest import Laptop
from tests.sync.server_harness import PASSWORD, database


@dataclass
class Served:
    url: str
    process: subprocess.Popen


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def _workers_of(pid: int) -> list[int]:
    """The server processes uvicorn started under `pid` (multiprocessing's spawned
    children; its resource tracker is not one)."""
    workers = []
    for child in _children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        except FileNotFoundError:
            continue
        if b"spawn_main" in command:
            workers.append(child)
    return workers


@pytest.fixture(params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    with database(request.param, tmp_path) as url:
        engine = connect(url)
        admin.add_user(engine, "anna", PASSWORD, "worker", None)
        engine.dispose()
        port = commands.free_port()
        process = commands.start(
            "koers-server", "--database", url, "serve", "--port", str(port), "--workers", "2"
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        if len(_workers_of(process.pid)) == 2:
                            break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the server with two workers did not start")
                time.sleep(0.1)
            yield Served(base, process)
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_two_server_processes_serve_laptops_as_one(served: Served, tmp_path: Path) -> None:
    workers = _workers_of(served.process.pid)
    assert len(workers) == 2
    first = Laptop(tmp_path / "anna-1", served, "anna")  # type: ignore[arg-type]
    second = Laptop(tmp_path / "anna-2", served, "anna")  # type: ignore[arg-type]
    try:
        case = new_case(first.casework)
        assert sync_now(first.vault).rejected == []
        sync_now(second.vault)
        assert second.casework.get_case(case.id) == first.casework.get_case(case.id)
        second.casework.update_case(replace(second.casework.get_case(case.id), phone="06-12345678"))
        assert sync_now(second.vault).rejected == []
        sync_now(first.vault)
        assert first.casework.get_case(case.id).phone == "06-12345678"

        # Many pulls at once, spread over both processes: every one answered alike.
        token = _token(first)
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(lambda _: _pull(served.url, token), range(64)))
        assert {status for status, _ in answers} == {200}
        assert len({cursor for _, cursor in answers}) == 1
        assert all(os.path.exists(f"/proc/{pid}") for pid in workers)  # none fell over
    finally:
        first.vault.lock()
        second.vault.lock()


def _token(machine: Laptop) -> str:
    from storage import sync_state

    token = sync_state.get(machine.vault, sync_state.DEVICE_TOKEN)
    assert token is not None
    return token


def _pull(url: str, token: str) -> tuple[int, int]:
    answer = httpx.post(
        f"{url}/v1/pull", json={"cursor": 0}, headers={"Authorization": f"Bearer {token}"}
    )
    return answer.status_code, answer.json()["cursor"]


def test_serve_refuses_a_number_of_workers_it_cannot_start(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'server.db'}"
    done = commands.run("koers-server", "--database", db, "serve", "--workers", "0")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "koers-server: error: --workers: give a number of processes from 1 to 64"
    )
