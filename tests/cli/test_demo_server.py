"""The linked demo: an embedded server on 127.0.0.1 with the demo team and accounts, the demo
worker's laptop enrolled and synced, a teamleider's laptop that holds the team's cases after
its sync; stopping (the window closing, Ctrl+C) leaves nothing listening and nothing behind."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.casework import Casework
from app.demo import (
    DEMO_ACCOUNTS,
    DEMO_TEAM,
    TEAMLEIDER,
    account,
    create_demo_vault,
    link_demo,
)
from app.sync_service import sync_status
from storage.keys import TEST_KDF
from storage.vault import Vault
from sync.embedded import start_embedded_server
from sync.server import admin
from sync.server.store import assignments
from tests import commands

CASES = 8
SERVER_LINE = re.compile(r"Demo server: (http://127\.0\.0\.1:(\d+))")


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    from sync.server import passwords

    monkeypatch.setattr(passwords, "MEMORY_KIB", 1024)
    monkeypatch.setattr(passwords, "ITERATIONS", 1)


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_the_demo_set_up_links_both_laptops_and_stopping_closes_the_port(tmp_path: Path) -> None:
    worker = create_demo_vault(
        tmp_path / "demo.koers", "koers-demo", cases=CASES, seed=7, kdf=TEST_KDF
    )
    server = start_embedded_server(tmp_path / "server")
    try:
        assert server.url.startswith("http://127.0.0.1:")
        linked = link_demo(
            server, worker, tmp_path / "teamleider" / "demo.koers", "koers-demo", kdf=TEST_KDF
        )
        assert httpx.get(server.url + "/healthz").json() == {"status": "ok"}
        assert linked.console_url == server.url + "/beheer"

        # The team and every demo account, with its role and team.
        users = {u.name: u for u in admin.list_users(server.engine)}
        for demo in DEMO_ACCOUNTS:
            assert users[demo.name].role == demo.role
            assert users[demo.name].team == (None if demo.role == "beheerder" else DEMO_TEAM)

        # The worker's laptop: enrolled, everything sent, its cases held by it on the server.
        status = sync_status(worker)
        assert status.enrolled and status.pending == 0 and status.last_sync is not None
        assert linked.worker_sync.rejected == []
        with server.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(assignments)).scalar() == CASES
        assert {c.worker for c in Casework(worker).cases(include_closed=True)} == {"demo"}

        # The teamleider's laptop (locked, same passphrase) holds the team's cases.
        assert linked.teamleider_sync.received_cases == CASES or linked.teamleider_sync.pulled
        with Vault.open(linked.teamleider_vault, "koers-demo") as leader:
            assert leader.owner == TEAMLEIDER
            assert len(Casework(leader).cases(include_closed=True)) == CASES
            assert sync_status(leader).enrolled

        # The printed passwords are the accounts' passwords: a second laptop enrols with them.
        with Vault.create(
            tmp_path / "tweede.koers", "koers-demo", owner="demo", kdf=TEST_KDF
        ) as other:
            from app.sync_service import enroll_device

            assert enroll_device(other, server.url, "demo", account("demo").password)
    finally:
        worker.lock()
        server.stop()
    assert not listening(server.port)
    server.stop()  # twice is harmless


def _as_from_a_terminal() -> None:
    """In the child before exec: the stop signals at their defaults and not blocked, as a
    terminal starts `koers demo`. Both are inherited across exec, and koers rightly keeps an
    ignored signal ignored, so a test run started with `nohup` (SIGHUP ignored), in a
    shell's background (SIGINT ignored) or from a thread that blocks signals would
    otherwise see the demo not stop."""
    stops = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")}
    for number in stops:
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, stops)


def _demo_process(tmp_path: Path, *args: str) -> subprocess.Popen:
    work = tmp_path / "tmp"
    work.mkdir(exist_ok=True)
    env = commands._environment({"TMPDIR": str(work), "QT_QPA_PLATFORM": "offscreen"})
    return subprocess.Popen(
        commands._command("koers", ("demo", "--cases", "5", *args)),
        preexec_fn=_as_from_a_terminal,
        env=env,
        cwd=commands.ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_guide(process: subprocess.Popen) -> tuple[str, int]:
    """Read the demo's terminal lines until it says how to stop; returns its URL and port."""
    assert process.stdout is not None
    url, port, seen = "", 0, []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        found = SERVER_LINE.search(line)
        if found:
            url, port = found.group(1), int(found.group(2))
        if line.startswith("Close this window"):
            return url, port
    raise AssertionError("the demo never said it was up:\n" + "".join(seen))


def test_ctrl_c_closes_the_demo_window_stops_the_server_and_leaves_nothing(tmp_path: Path) -> None:
    process = _demo_process(tmp_path)
    try:
        url, port = _wait_for_guide(process)
        # The window is open on the linked vault and the server answers.
        assert httpx.get(url + "/healthz").status_code == 200
        process.send_signal(signal.SIGINT)
        # communicate, not wait: it drains the pipes, so a chatty shutdown cannot block
        # on a full pipe (a wait here can deadlock, see subprocess.Popen.wait).
        _, errors = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, errors
    assert not listening(port)
    assert list((tmp_path / "tmp").iterdir()) == []  # vaults and the server's store are gone


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_close_the_demo_as_ctrl_c_does(tmp_path: Path, stop: str) -> None:
    """A `kill` or a closed terminal: the window closes, the vault locks, the server stops
    and the folder (the server's database, both vaults under the known passphrase) goes."""
    process = _demo_process(tmp_path)
    try:
        url, port = _wait_for_guide(process)
        assert httpx.get(url + "/healthz").status_code == 200
        process.send_signal(getattr(signal, stop))
        # communicate, not wait: it drains the pipes, so a chatty shutdown cannot block
        # on a full pipe (a wait here can deadlock, see subprocess.Popen.wait).
        _, errors = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, errors
    assert not listening(port)
    assert list((tmp_path / "tmp").iterdir()) == []


def test_sigterm_while_the_demo_sets_up_leaves_nothing(tmp_path: Path) -> None:
    """Before the window is open (the server starting, the caseload syncing) SIGTERM is a
    Ctrl+C too: the set-up stops and the folder is removed."""
    process = _demo_process(tmp_path)
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        assert line.startswith("Starting the demo server"), line
        process.send_signal(signal.SIGTERM)
        # communicate, not wait: it drains the pipes, so a chatty shutdown cannot block
        # on a full pipe (a wait here can deadlock, see subprocess.Popen.wait).
        _, errors = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode in (0, 130), errors
    assert list((tmp_path / "tmp").iterdir()) == []


def test_the_screenshot_demo_is_linked_and_offline_is_not(tmp_path: Path) -> None:
    shot = tmp_path / "koers.png"
    linked = commands.run(
        "koers", "demo", "--cases", "5", "--screenshot", str(shot), TMPDIR=str(tmp_path)
    )
    assert linked.returncode == 0, linked.stderr
    found = SERVER_LINE.search(linked.stdout)
    assert found is not None
    assert not listening(int(found.group(2)))
    for demo in DEMO_ACCOUNTS:
        assert demo.password in linked.stdout
    assert "/beheer" in linked.stdout
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    leader = commands.run(
        "koers", "demo", "--cases", "5", "--as", "teamleider", "--screenshot", str(shot),
        TMPDIR=str(tmp_path),
    )  # fmt: skip
    assert leader.returncode == 0, leader.stderr
    assert "This window: lotte's laptop" in leader.stdout
    assert "koers open --vault" in leader.stdout and "demo.koers" in leader.stdout

    offline = commands.run(
        "koers",
        "demo",
        "--cases",
        "5",
        "--offline",
        "--screenshot",
        str(shot),
        TMPDIR=str(tmp_path),
    )
    assert offline.returncode == 0, offline.stderr
    assert "Demo server" not in offline.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["koers.png"]


def test_without_a_server_installed_the_demo_runs_unlinked(
    tmp_path: Path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The packaged desktop client ships without the server: its demo still opens, unlinked."""
    from app.cli import run

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    seen = []

    def opener(request) -> int:  # type: ignore[no-untyped-def]
        seen.append(sync_status(request.vault).enrolled)
        return 0

    assert run(["demo", "--cases", "3"], open_window=opener, start_server=None) == 0
    assert seen == [False]
    assert "runs unlinked" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
