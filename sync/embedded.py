"""A Koers server inside the calling process, for the demo: uvicorn on a thread of its own,
listening on 127.0.0.1 on a free port, with a SQLite store in a folder the caller owns.

A thread rather than a child process: when the process ends (the window closes, Ctrl+C, a
crash) the server ends with it; nothing is left listening. Plain HTTP is fine here: it is the
loopback address only (sync/server_cli.check_transport allows the same).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import uvicorn

from sync.server import admin
from sync.server.app import create_app

START_TIMEOUT_S = 30.0


class EmbeddedServerError(Exception):
    """The embedded server did not start (the text says why; no personal data)."""


class EmbeddedServer:
    """A running server. `url` is its address (http://127.0.0.1:PORT); `stop()` ends it and
    closes its store. Use as a context manager to stop it on any exit."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.database_url = f"sqlite:///{folder / 'server.db'}"
        self.app = create_app(self.database_url)
        self.engine = self.app.state.engine
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=0,  # a free port, chosen by the system
            log_level="error",
            access_log=False,
            lifespan="off",
            proxy_headers=False,
        )
        self._server = uvicorn.Server(config)
        # uvicorn installs signal handlers only on the main thread; on this thread it leaves
        # Ctrl+C to the caller, who stops the server in its `finally`.
        self._thread = threading.Thread(target=self._server.run, name="koers-demo-server")
        self._thread.daemon = True
        self.url = ""

    def start(self) -> EmbeddedServer:
        """Start listening; returns self once the port is open. Raises EmbeddedServerError
        when it does not start within START_TIMEOUT_S."""
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                self.stop()
                raise EmbeddedServerError("the demo server did not start")
            time.sleep(0.02)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        """Stop listening, wait for the thread (at most 10 s), close the store. Idempotent."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self.engine.dispose()

    def __enter__(self) -> EmbeddedServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # --- administration, as `koers-server` does it ----------------------------------------

    def add_team(self, name: str) -> None:
        """A team (its caseload not shared). Raises AdminError when it exists."""
        admin.add_team(self.engine, name)

    def add_user(self, name: str, password: str, role: str, team: str | None) -> None:
        """An account. Raises AdminError (unknown role, short password, existing name)."""
        admin.add_user(self.engine, name, password, role, team)


def start_embedded_server(folder: Path) -> EmbeddedServer:
    """Start a server with its SQLite store in `folder` (server.db); see EmbeddedServer."""
    return EmbeddedServer(folder).start()
