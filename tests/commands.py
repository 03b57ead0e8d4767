"""Run `koers` and `koers-server` the way users do: as processes, with a clean environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
MAINS = {
    "koers": "from ui.launcher import main; main()",
    "koers-server": "from sync.server_cli import main; main()",
}


def _command(program: str, args: tuple[str, ...]) -> list[str]:
    return [sys.executable, "-c", MAINS[program], *args]


def _environment(env: dict[str, str]) -> dict[str, str]:
    """The caller's environment without any KOERS_ setting, plus `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_")}
    return {**clean, **env}


def run(program: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        _command(program, args),
        capture_output=True,
        text=True,
        env=_environment(env),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def start(program: str, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        _command(program, args),
        env=_environment(env),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def free_port() -> int:
    """A port on loopback that is free right now."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


def start_server_process(db_url: str, port: int) -> subprocess.Popen:
    proc = start("koers-server", "--database", db_url, "serve", "--port", str(port))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("server process did not start")
