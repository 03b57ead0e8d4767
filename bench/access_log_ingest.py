"""The server's CPU per access-log line a laptop sends (POST /v1/access-log), in process.

    python -m bench.access_log_ingest [--database sqlite|postgresql] [--requests 100]

A new laptop's first pull writes a line per record it receives and sends them up in batches
of 500 (app/sync_service.py); this sends `--requests` such batches ("sync received", one
time per batch, Koers ids of records the server holds, so each line's case is looked up)
through the server's ASGI app in this process (routing, token, body model, ingest, answer;
no socket), the per-device allowance raised so every line is stored. It prints the process
CPU per line and, on PostgreSQL (KOERS_PG_URL, a scratch database made and dropped), the CPU
of the database's backends per line. CPU time, not wall-clock time: other work on the
machine moves it less. The first request (the pool's connections opening) is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

from bench.sync_fill import fresh_database
from sync.audit_lines import MAX_LINES
from sync.server import admin, ratelimit, service
from sync.server.app import create_app
from sync.server.store import records

TYPES = ("case", "contact", "contact", "goal", "agreement", "contact", "household_member")
PASSWORD = "bench-wachtwoord-1"


def body(n: int) -> bytes:
    """Batch `n` as the laptop sends it: MAX_LINES lines of one time."""
    at = f"2026-12-02T06:{n % 60:02d}:{n % 60:02d}.{n % 10**6:06d}Z"
    lines = [
        {
            "seq": n * MAX_LINES + i + 1,
            "at": at,
            "record_type": TYPES[i % len(TYPES)],
            "record_id": str(uuid.UUID(int=(n * MAX_LINES + i + 1) * 7919)),
            "action": "sync",
            "detail": "received",
        }
        for i in range(MAX_LINES)
    ]
    return json.dumps({"lines": lines}).encode()


def held_records(requests: int) -> list[dict[str, Any]]:
    """The records the lines name, as the server holds them (cases of 100 records)."""
    rows = []
    for seq in range(1, requests * MAX_LINES + 1):
        record_id = str(uuid.UUID(int=seq * 7919))
        record_type = TYPES[(seq - 1) % MAX_LINES % len(TYPES)]
        case_id = record_id if record_type == "case" else str(uuid.UUID(int=seq // 100 + 1))
        winners = json.dumps({f"field_{k}": 1000 + k for k in range(10)})
        rows.append(
            {
                "record_id": record_id,
                "record_type": record_type,
                "case_id": case_id,
                "winners": winners,
            }
        )
    return rows


async def post(app: Any, token: str, data: bytes) -> None:
    """One POST /v1/access-log through the ASGI app; raises SystemExit unless answered 200."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/access-log",
        "raw_path": b"/v1/access-log",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"authorization", f"Bearer {token}".encode()),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(data)).encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    sent = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": data, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    if status != 200:
        raise SystemExit(f"POST /v1/access-log answered {status}")


def backend_cpu(database: str | None) -> float:
    """CPU seconds of the PostgreSQL processes serving `database` (Linux /proc)."""
    if database is None:
        return 0.0
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if database.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    ratelimit.ACCESS_LOG_LINES = ratelimit.Limit(10**9, 3600.0)
    ratelimit.ACCESS_LOG_BYTES = ratelimit.Limit(10**12, 3600.0)
    if args.database == "postgresql" and not os.environ.get("KOERS_PG_URL"):
        raise SystemExit("set KOERS_PG_URL to run on PostgreSQL")
    with fresh_database(args.database) as url:
        scratch = url.rsplit("/", 1)[1] if args.database == "postgresql" else None
        measure(url, scratch, args.requests)


def measure(url: str, scratch: str | None, requests: int) -> None:
    """Post `requests` full batches of lines to the app on `url` and print the server's CPU
    per line (and, with `scratch` the PostgreSQL database's name, its backends')."""
    app = create_app(url)
    engine = app.state.engine
    admin.add_user(engine, "anna", PASSWORD, "worker", None)
    token = service.enroll(engine, "anna", PASSWORD, "laptop").token
    with engine.begin() as conn:
        conn.execute(records.insert(), held_records(requests))
    bodies = [body(n) for n in range(requests)]
    asyncio.run(post(app, token, body(requests)))  # the pool's connections open

    async def all_requests() -> None:
        for data in bodies:
            await post(app, token, data)

    database_before, before = backend_cpu(scratch), time.process_time()
    asyncio.run(all_requests())
    cpu, database_cpu = time.process_time() - before, backend_cpu(scratch) - database_before
    lines = requests * MAX_LINES
    kind = "postgresql" if scratch is not None else "sqlite"
    print(f"{lines:,} lines in {requests} requests of {MAX_LINES} ({kind})")
    print(f"server process CPU per line  {cpu / lines * 1e6:6.2f} us")
    if scratch is not None:
        print(f"PostgreSQL backends' CPU per line  {database_cpu / lines * 1e6:6.2f} us")
    engine.dispose()


if __name__ == "__main__":
    main()
