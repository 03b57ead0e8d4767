"""The server under many devices on loopback: each device runs incremental syncs (pull at its
cursor, and a small push every tenth request) as fast as it can. Prints requests/s and p95.

The server runs in its own process (uvicorn, SQLite store); device tokens are written to its
database directly, since enrolment is not what is measured.

    python -m bench.sync_load [--devices 50 200] [--seconds 10]
"""

from __future__ import annotations

import argparse
import hashlib
import secrets
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

from bench.timing import report
from sync.server import admin
from sync.server.store import connect, devices, users
from tests.commands import free_port, start_server_process
from tests.sync.server_harness import PASSWORD
from tests.sync.wire_records import created_fields

# A complete sociale-kaart entry (the server refuses a created record missing a field).
ENTRY = created_fields("social_map_entry")

ROOT = Path(__file__).resolve().parents[1]


def make_tokens(db_url: str, count: int) -> list[str]:
    engine = connect(db_url)
    admin.add_user(engine, "anna", PASSWORD, "worker", None)
    with engine.begin() as conn:
        user_id = conn.execute(users.select()).first().id  # type: ignore[union-attr]
        tokens = [secrets.token_urlsafe(32) for _ in range(count)]
        conn.execute(
            devices.insert(),
            [
                {
                    "id": str(uuid.uuid4()),
                    "user_id": user_id,
                    "name": "bench",
                    "token_hash": hashlib.sha256(t.encode()).hexdigest(),
                    "created_at": time.time(),
                    "expires_at": time.time() + 86400,
                }
                for t in tokens
            ],
        )
    engine.dispose()
    return tokens


def device_loop(url: str, token: str, stop: float, latencies: list[float]) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    cursor, n = 0, 0
    with httpx.Client(timeout=60) as client:
        while time.perf_counter() < stop:
            n += 1
            start = time.perf_counter()
            if n % 10 == 0:
                change = {
                    "change_id": str(uuid.uuid4()),
                    "record_type": "social_map_entry",
                    "record_id": str(uuid.uuid4()),
                    "fields": ENTRY,
                    "hlc": f"{int(time.time() * 1000):015d}:00000:bench",
                    "device_id": "b",
                    "created": True,
                }
                client.post(f"{url}/v1/push", headers=headers, json={"changes": [change]})
            else:
                answer = client.post(f"{url}/v1/pull", headers=headers, json={"cursor": cursor})
                cursor = answer.json()["cursor"]
            latencies.append(time.perf_counter() - start)


def run(count: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'server.db'}"
        tokens = make_tokens(db_url, count)
        port = free_port()
        proc = start_server_process(db_url, port)
        try:
            latencies: list[float] = []
            stop = time.perf_counter() + seconds
            threads = [
                threading.Thread(
                    target=device_loop, args=(f"http://127.0.0.1:{port}", t, stop, latencies)
                )
                for t in tokens
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    report(f"{count} devices: requests/s", f"{len(latencies) / seconds:,.0f}")
    report(f"{count} devices: p95 latency", f"{p95:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    for count in args.devices:
        run(count, args.seconds)


if __name__ == "__main__":
    main()
