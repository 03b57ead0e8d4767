"""The server under concurrent and hostile load (issue 14, part 5), on SQLite and PostgreSQL:
parallel logins, SIGTERM during logins, an enrolment flood, hostile pushes and the
PostgreSQL log, disabling a user, and who `GET /v1/me` names."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, text

from app.sync_service import sync_now
from sync.server import passwords, ratelimit
from sync.server.store import devices, rate_limits, users
from sync.server_cli import run as server_cli
from tests.sync.server_harness import PASSWORD, LiveServer, connect_admin, database, pg_required

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = httpx.Timeout(120.0)


def enrol(url: str, user: str, password: str = PASSWORD, **extra: object) -> httpx.Response:
    body = {"user": user, "password": password, "device_name": f"laptop van {user}", **extra}
    return httpx.post(f"{url}/v1/enroll", json=body, timeout=TIMEOUT)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- password hashing under concurrency ---------------------------------------------------


def test_32_parallel_logins_all_answer_correctly_and_the_server_still_stops(server) -> None:
    names = [f"werker{i:02d}" for i in range(16)]
    for name in names:
        server.add_user(name)
    attempts = [(name, right) for name in names for right in (True, False)]

    def login(attempt: tuple[str, bool]) -> httpx.Response:
        name, right = attempt
        return enrol(server.url, name, PASSWORD if right else "een-fout-wachtwoord")

    with ThreadPoolExecutor(len(attempts)) as pool:
        answers = list(pool.map(login, attempts))

    for (name, right), answer in zip(attempts, answers, strict=True):
        assert answer.status_code == (200 if right else 401), (name, answer.text)
        if right:
            me = httpx.get(f"{server.url}/v1/me", headers=bearer(answer.json()["token"]))
            assert me.status_code == 200 and me.json()["user"] == name
    server.stop()
    assert not server.thread.is_alive()


def test_an_old_format_password_hash_still_logs_in_and_is_replaced(server) -> None:
    # Written by the server before argon2-cffi (cryptography's Argon2id, 1 MiB, 2 passes,
    # 2 lanes) for the password "geheim-wachtwoord".
    old = "argon2id$1024$2$2$jZYqgzq5WoGYAfrDbOCttA==$SC/Gsj1BtOMTEchcOqOE87DcJBMtD60euyTS/8qGhZw="
    server.add_user("anna")
    with server.engine.begin() as conn:
        conn.execute(users.update().where(users.c.name == "anna").values(password_hash=old))
    assert enrol(server.url, "anna", "een-fout-wachtwoord").status_code == 401
    assert enrol(server.url, "anna", "geheim-wachtwoord").status_code == 200
    with server.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash).where(users.c.name == "anna")).scalar()
    assert stored.startswith("$argon2id$v=19$")  # rehashed at the current parameters
    assert enrol(server.url, "anna", "geheim-wachtwoord").status_code == 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_serve_stops_on_sigterm_while_logins_are_in_flight(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as url:
        env = {**os.environ, "KOERS_PASSWORD": PASSWORD}
        command = [sys.executable, "-c", "from sync.server_cli import main; main()"]
        added = subprocess.run(
            [*command, "--database", url, "user", "add", "anna"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert added.returncode == 0, added.stderr
        port = _free_port()
        serving = subprocess.Popen(
            [*command, "--database", url, "serve", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_serving(base, serving)
            first_answer = threading.Event()

            def login(i: int) -> None:
                user, password = ("anna", PASSWORD) if i % 4 == 0 else (f"niemand{i}", "fout")
                try:
                    enrol(base, user, password)
                except httpx.HTTPError:
                    pass  # refused once the server stops listening
                first_answer.set()

            # Real hashing parameters here: a dozen logins keep the server busy for a while.
            threads = [threading.Thread(target=login, args=(i,), daemon=True) for i in range(12)]
            for thread in threads:
                thread.start()
            assert first_answer.wait(120)
            serving.send_signal(signal.SIGTERM)
            code = serving.wait(timeout=90)  # generous: a hang fails here, nothing timed
            # uvicorn shuts down gracefully, then re-raises the signal it caught.
            assert code in (0, -signal.SIGTERM), serving.stderr.read() if serving.stderr else ""
        finally:
            if serving.poll() is None:
                serving.kill()
                serving.wait()


def _wait_until_serving(base: str, process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise AssertionError("koers-server serve did not start")


# --- enrolment flood and rate limits ------------------------------------------------------


def test_an_enrolment_flood_gets_429_and_an_honest_pull_still_succeeds(
    server, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A sixth of the real limit: the same flood, limited sooner (each allowed attempt costs a
    # real-strength hash of the unknown-user dummy). bench/enrol_flood.py runs the real one.
    monkeypatch.setattr(ratelimit, "ENROL_PER_ADDRESS", ratelimit.Limit(10, 300.0))
    server.add_user("anna")
    token = enrol(server.url, "anna").json()["token"]
    stop = threading.Event()
    limited: list[httpx.Response] = []
    codes: list[int] = []

    def flood(worker: int) -> None:
        i = 0
        while not stop.is_set():
            answer = enrol(server.url, f"aanvaller{worker}-{i}", "raden")
            codes.append(answer.status_code)
            if answer.status_code == 429:
                limited.append(answer)
            i += 1

    threads = [threading.Thread(target=flood, args=(w,), daemon=True) for w in range(40)]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 120
        while not limited and time.monotonic() < deadline:
            time.sleep(0.01)
        assert limited, "the flood was never limited"
        pull = httpx.post(
            f"{server.url}/v1/pull",
            headers=bearer(token),
            json={"cursor": 0, "limit": 100},
            timeout=TIMEOUT,
        )
        assert pull.status_code == 200  # during the flood: the threads still run
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    answer = limited[0]
    assert int(answer.headers["Retry-After"]) >= 1
    assert answer.json()["detail"].startswith("too many enrolment attempts from this address")
    assert set(codes) <= {401, 429}
    with server.engine.connect() as conn:  # the state is in the database, for every process
        assert conn.execute(select(rate_limits.c.attempts)).first() is not None


def test_the_account_limit_is_shared_by_server_processes_on_one_database(
    server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ratelimit, "ENROL_PER_ACCOUNT", ratelimit.Limit(3, 300.0))
    server.add_user("anna")
    other = LiveServer(server.database_url).start()  # a second process's engine and app
    try:
        assert enrol(server.url, "anna").status_code == 200
        assert enrol(other.url, "anna").status_code == 200
        assert enrol(server.url, "anna").status_code == 200
        refused = enrol(other.url, "anna")
    finally:
        other.stop()
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("too many enrolment attempts for this account")
    assert 1 <= int(refused.headers["Retry-After"]) <= 300
    assert enrol(server.url, "bram-onbekend", "fout").status_code == 401  # others go on


def test_x_forwarded_for_counts_only_behind_a_proxy(
    server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ratelimit, "ENROL_PER_ADDRESS", ratelimit.Limit(3, 300.0))

    def attempts(url: str, forwarded: list[str]) -> list[int]:
        return [
            httpx.post(
                f"{url}/v1/enroll",
                json={"user": f"niemand{i}", "password": "fout", "device_name": "t"},
                headers={"X-Forwarded-For": address},
                timeout=TIMEOUT,
            ).status_code
            for i, address in enumerate(forwarded)
        ]

    # Not told of a proxy: the header is the caller's word, and every attempt is 127.0.0.1.
    spoofed = [f"10.0.0.{i}" for i in range(1, 6)]
    assert attempts(server.url, spoofed) == [401, 401, 401, 429, 429]
    proxied = LiveServer(server.database_url, behind_proxy=True).start()
    try:
        # Behind the proxy: the address the proxy appended (rightmost) counts, each its own;
        # what the caller put before it does not.
        assert attempts(proxied.url, [f"10.1.0.{i}" for i in range(1, 6)]) == [401] * 5
        one_client = [f"192.0.2.{i}, 10.2.0.7" for i in range(1, 6)]
        assert attempts(proxied.url, one_client) == [401, 401, 401, 429, 429]
    finally:
        proxied.stop()
    # Behind a proxy elsewhere: a caller reaching the port directly (here from 127.0.0.1,
    # which is not that proxy) is counted by its own address, whatever header it sends.
    elsewhere = LiveServer(
        server.database_url, behind_proxy=True, trusted_proxies=("198.51.100.0/24",)
    ).start()
    try:
        # 127.0.0.1 used its attempts above; believed, each 10.3.0.x would have its own.
        assert attempts(elsewhere.url, [f"10.3.0.{i}" for i in range(1, 6)]) == [429] * 5
    finally:
        elsewhere.stop()


# --- hostile pushes and the PostgreSQL log ------------------------------------------------

SECRETS = (
    "Geheimstraat 17 Zwolle",
    "Verborgenlaan 4 Deventer",
    "Schuiladres 99 Kampen",
    "Stillepad 12 Hattem",
    "Onvindbaarweg 3 Epe",
    "Zwijgsteeg 8 Olst",
)


def _pg_log() -> Path:
    named = os.environ.get("KOERS_PG_LOG")
    candidates = [Path(named)] if named else sorted(Path("/var/log/postgresql").glob("*.log"))
    readable = [p for p in candidates if p.is_file() and os.access(p, os.R_OK)]
    if not readable:
        if pg_required():
            pytest.fail("the PostgreSQL log is not readable (set KOERS_PG_LOG): it must be read")
        pytest.skip("no readable PostgreSQL log (set KOERS_PG_LOG)")
    return readable[-1]


@pytest.fixture
def pg_server(tmp_path: Path) -> Iterator[tuple[LiveServer, str]]:
    """A server on a fresh PostgreSQL database whose default is to print every bound value
    of a failed statement into the log (an operator's verbose setting)."""
    with database("postgresql", tmp_path) as url:
        name = url.rsplit("/", 1)[1]
        maintenance = connect_admin(os.environ["KOERS_PG_URL"])
        with maintenance.connect() as conn:
            conn.execute(
                text(f'ALTER DATABASE "{name}" SET log_parameter_max_length_on_error = -1')
            )
        maintenance.dispose()
        live = LiveServer(url).start()
        try:
            yield live, name
        finally:
            live.stop()


def _wait_for_in_log(log: Path, start: int, marker: str) -> str:
    """The log written since `start`, once `marker` is in it (every earlier line is too)."""
    deadline = time.monotonic() + 60
    while True:
        with open(log, "rb") as handle:
            handle.seek(start)
            written = handle.read().decode("utf-8", errors="replace")
        if marker in written:
            return written
        if time.monotonic() > deadline:
            raise AssertionError(f"{log} is not this cluster's log: the probe never arrived")
        time.sleep(0.1)


def test_no_value_of_a_hostile_push_reaches_the_logs(pg_server, capfd, caplog) -> None:
    live, db_name = pg_server
    log = _pg_log()
    start = log.stat().st_size
    live.add_user("anna")
    clock_id = uuid.uuid4().hex[:16]
    token = enrol(live.url, "anna", clock_id=clock_id).json()["token"]
    case_id = str(uuid.uuid4())

    def change(fields: dict, **extra: object) -> dict:
        stamp = f"{int(time.time() * 1000):015d}:00000:{clock_id}"
        return {
            "change_id": str(uuid.uuid4()),
            "record_type": "case",
            "record_id": case_id,
            "fields": fields,
            "hlc": stamp,
            **extra,
        }

    def push(*batch: dict) -> int:
        body = json.dumps({"changes": list(batch)})  # ASCII escapes: a lone surrogate fits
        answer = httpx.post(
            f"{live.url}/v1/push",
            content=body,
            headers={**bearer(token), "Content-Type": "application/json"},
            timeout=TIMEOUT,
        )
        return answer.status_code

    first = change({"display_name": "Synthetisch", "address": SECRETS[0]}, created=True)
    codes = [
        push(first),
        push({**first, "fields": {"address": SECRETS[1]}}),  # known change id, other content
        push(change({"address": SECRETS[2] + "\x00 nul"})),
        push(change({"address": SECRETS[3] + "\ud800"})),  # a lone surrogate
        push(change({"address": SECRETS[4] * 20_000})),  # oversized value
        push(change({(SECRETS[5] + " ") * 300: "x"})),  # oversized field name
        push(change({"address": "x"}, record_id=SECRETS[2] + "\x00")),
        push(change({"address": "x"}, record_id=SECRETS[3] * 10)),
    ]

    probe = f"koers-log-probe-{uuid.uuid4().hex}"
    with live.engine.connect() as conn:
        setting = conn.execute(text("SHOW log_parameter_max_length_on_error")).scalar()
        with pytest.raises(Exception):  # noqa: B017 (any error: it only marks the log)
            conn.execute(text(f'SELECT 1 / 0 AS "{probe}"'))
    written = _wait_for_in_log(log, start, probe)
    # The server's own log: its records (tracebacks included) and whatever reached stderr.
    server_output = caplog.text + "".join(capfd.readouterr())
    for secret in SECRETS:
        for where, content in (("PostgreSQL log", written), ("server output", server_output)):
            assert secret not in content, f"a pushed value is in the {where}"
            assert secret.split()[0] not in content, f"part of a pushed value in the {where}"
    assert db_name in written  # the probe line names this test's database
    # The server's sessions keep bound values out of the error log, despite the default.
    assert setting == "0"
    assert 500 not in codes, codes  # each refused with a reason (sync/server/validation.py)


def test_parallel_pushes_of_the_same_changes_fail_no_statement(pg_server) -> None:
    live, db_name = pg_server
    log = _pg_log()
    start = log.stat().st_size
    live.add_user("anna")
    clock_id = uuid.uuid4().hex[:16]
    token = enrol(live.url, "anna", clock_id=clock_id).json()["token"]
    case_id = str(uuid.uuid4())
    stamp = f"{int(time.time() * 1000):015d}:00000:{clock_id}"
    batch = {
        "changes": [
            {
                "change_id": str(uuid.uuid4()),
                "record_type": "case",
                "record_id": case_id,
                "fields": {"display_name": "Synthetisch", "address": SECRETS[0]},
                "hlc": stamp,
                "created": True,
            }
        ]
    }

    def push(_: int) -> int:
        answer = httpx.post(
            f"{live.url}/v1/push", json=batch, headers=bearer(token), timeout=TIMEOUT
        )
        return answer.status_code

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(push, range(16))) == {200}
    probe = f"koers-log-probe-{uuid.uuid4().hex}"
    with live.engine.connect() as conn, pytest.raises(Exception):  # noqa: B017
        conn.execute(text(f'SELECT 1 / 0 AS "{probe}"'))
    written = _wait_for_in_log(log, start, probe)
    failed = [
        line
        for line in written.splitlines()
        if f"@{db_name} " in line and "ERROR:" in line and "division by zero" not in line
    ]
    assert failed == []


# --- disabling a user ---------------------------------------------------------------------


def test_disabling_a_user_revokes_every_device_and_each_wipes(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("bram")
    first, second, other = laptop("anna"), laptop("anna"), laptop("bram")
    sync_now(first.vault)
    paths = [first.vault.path, second.vault.path]
    assert server_cli(["--database", server.database_url, "user", "disable", "anna"]) == 0
    for machine, path in zip((first, second), paths, strict=True):
        report = sync_now(machine.vault)
        assert report.wiped and machine.vault.is_locked
        assert list(path.parent.iterdir()) == []  # vault, WAL, key file, backups: all gone
    with server.engine.connect() as conn:
        revoked = conn.execute(
            select(devices.c.revoked_at).join(users, users.c.id == devices.c.user_id)
        ).all()
    assert len(revoked) == 3 and sum(r.revoked_at is not None for r in revoked) == 2
    assert not sync_now(other.vault).wiped  # another account's laptop goes on
    assert enrol(server.url, "anna").status_code == 403  # and anna cannot enrol again


# --- who /v1/me names ---------------------------------------------------------------------


def test_me_names_the_account_not_the_laptop(server) -> None:
    server.add_user("anna")
    answer = enrol(server.url, "anna").json()
    me = httpx.get(f"{server.url}/v1/me", headers=bearer(answer["token"])).json()
    assert me["user"] == "anna"
    assert me["device_name"] == "laptop van anna"
    assert me["device_id"] == answer["device_id"]


def test_password_hashing_knobs_still_apply() -> None:
    """tests/sync/conftest lowers MEMORY_KIB/ITERATIONS; new hashes carry them."""
    made = passwords.hash_password("wachtwoord-voor-de-test")
    assert f"m={passwords.MEMORY_KIB},t={passwords.ITERATIONS}," in made
    assert passwords.verify_password("wachtwoord-voor-de-test", made)
    assert not passwords.needs_rehash(made)
