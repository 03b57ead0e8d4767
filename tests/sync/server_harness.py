"""A real Koers server on 127.0.0.1 for tests: uvicorn in a thread, SQLite or PostgreSQL."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from sync.server import admin
from sync.server.app import create_app
from sync.server.store import connect

PASSWORD = "server-wachtwoord-1"


class LiveServer:
    def __init__(
        self, database_url: str, *, behind_proxy: bool = False, docs: bool = False, **options
    ) -> None:
        self.database_url = database_url
        self.app = create_app(database_url, behind_proxy=behind_proxy, docs=docs, **options)
        self.engine = self.app.state.engine
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=0,
            log_level="error",
            access_log=False,
            lifespan="off",
            proxy_headers=False,  # as `koers-server serve` without --behind-tls-proxy
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.engine.dispose()

    def add_user(self, name: str, role: str = "worker", team: str | None = None) -> None:
        admin.add_user(self.engine, name, PASSWORD, role, team)


def pg_required() -> bool:
    return bool(os.environ.get("CI"))


@contextmanager
def database(kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty server database of the given kind."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.db'}"
        return
    base = os.environ.get("KOERS_PG_URL")
    if not base:
        if pg_required():
            pytest.fail("KOERS_PG_URL is not set in CI: PostgreSQL tests may not be skipped")
        pytest.skip("KOERS_PG_URL not set (PostgreSQL tests run in CI)")
    name = f"koers_test_{uuid.uuid4().hex[:12]}"
    from sqlalchemy import text

    maintenance = connect_admin(base)
    with maintenance.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        _drop(maintenance, name)
        maintenance.dispose()


def _drop(maintenance, name: str) -> None:  # type: ignore[no-untyped-def]
    """Drop a test database. An autovacuum worker (a superuser's process, which this role may
    not end) can be busy in it for a moment: then the drop is tried again."""
    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    for attempt in range(20):
        try:
            with maintenance.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except ProgrammingError:
            if attempt == 19:
                raise
            time.sleep(0.5)


def connect_admin(url: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return create_engine(url, isolation_level="AUTOCOMMIT")


__all__ = ["LiveServer", "PASSWORD", "connect", "database"]
