"""After a full demo session (window, command line, exports, a sync with the server), no
personal field of the synthetic data is in any log file, crash output or temp file: every
file the session left in its home, temp and data folders is scanned, and every line the
programs printed to stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from storage.vault import Vault
from tests.commands import ROOT, free_port
from tests.storage.test_no_plaintext import leaks

PASSPHRASE = "demo-sessie-2026"
SERVER_PASSWORD = "server-wachtwoord-1"


def personal_fields(vault_path: Path) -> list[str]:
    """Names, streets, phone numbers and report texts of the synthetic caseload."""
    found: set[str] = set()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        db = vault.db
        for name, address, phone in db.execute("SELECT display_name, address, phone FROM cases"):
            found.add(name)
            found.update(part for part in name.split() if len(part) > 4)
            found.add(phone)
            found.update(_strings(address))
        for table, columns in (
            ("household_members", "name, school, safety_concerns"),
            ("danger_persons", "name, omgangsregeling"),
            ("case_partners", "organisation, contact_person, phone"),
        ):
            for row in db.execute(f"SELECT {columns} FROM {table}"):
                found.update(v for v in row if isinstance(v, str))
        found.update(
            r[0][:40] for r in db.execute("SELECT report FROM contacts WHERE report != ''")
        )
    return sorted(v for v in found if v and len(v) >= 6 and not v.isdigit())


def _strings(json_text: str | None) -> list[str]:
    import json

    def walk(value):  # type: ignore[no-untyped-def]
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    return [s for s in walk(json.loads(json_text)) if len(s) >= 6] if json_text else []


def test_no_personal_field_in_logs_crash_output_or_temp_files(tmp_path: Path) -> None:
    home, temp, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    for folder in (home, temp, work):
        folder.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("KOERS_", "XDG_"))},
        "HOME": str(home),
        "TMPDIR": str(temp),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "QT_QPA_PLATFORM": "offscreen",
        "KOERS_PASSPHRASE": PASSPHRASE,
        # The de-identification library's lookup cache (public lists of Dutch names and
        # streets, which the scan would take for leaks): the test session's shared one.
        "KOERS_DEDUCE_CACHE": os.environ["KOERS_DEDUCE_CACHE"],
        "PYTHONPATH": str(ROOT),
    }
    stderr: list[str] = []

    def koers(*args: str, **extra: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-c", "from ui.launcher import main; main()", *args],
            env={**env, **extra}, cwd=work, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        stderr.append(result.stderr)
        return result

    assert koers("demo", "--dir", str(work), "--cases", "15", "--text").returncode == 0
    vault = work / "demo.koers"
    # The server, its own log captured as a file.
    server_log = work / "server.log"
    # The server's own database holds the cases by design (it is not a log): kept apart.
    store = tmp_path / "server-store"
    store.mkdir()
    database = f"sqlite:///{store / 'server.db'}"
    server_cmd = [sys.executable, "-c", "from sync.server_cli import main; main()"]
    subprocess.run(
        [*server_cmd, "--database", database, "user", "add", "demo"],
        env={**env, "KOERS_PASSWORD": SERVER_PASSWORD}, check=True, capture_output=True,
    )  # fmt: skip
    port = free_port()
    with open(server_log, "w") as log:
        server = subprocess.Popen(
            [*server_cmd, "--database", database, "serve", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_for(port)
            url = f"http://127.0.0.1:{port}"
            assert koers("enroll", "--vault", str(vault), "--server", url, "--user", "demo",
                         KOERS_PASSWORD=SERVER_PASSWORD).returncode == 0  # fmt: skip
            assert koers("sync", "--vault", str(vault)).returncode == 0
            session = subprocess.run(
                [sys.executable, "-m", "tests.security.demo_session", str(vault), PASSPHRASE,
                 str(work)],
                env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            stderr.append(session.stderr)
            assert "session done" in session.stdout, session.stderr[-2000:]
            assert koers("sync", "--vault", str(vault)).returncode == 0
            assert koers("vault", "check", "--vault", str(vault)).returncode == 0
        finally:
            server.terminate()
            server.wait(timeout=20)
    # A crash inside a command: the user sees the error's kind, never its content.
    crash = subprocess.run(
        [sys.executable, "-c", CRASH, str(vault)], env=env, cwd=work,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert crash.returncode == 70 and "internal error (RuntimeError)" in crash.stderr
    stderr.append(crash.stderr + crash.stdout)

    fields = personal_fields(vault)
    assert len(fields) > 40
    # The session really handled them: the window's export holds the first case, readable.
    assert (work / "dossier.pdf").exists() and (work / "teamkracht.pdf").exists()
    for folder in (home, temp, work):
        assert leaks(folder, fields) == [], folder.name
    output = "\n".join(stderr)
    assert [f for f in fields if f in output] == []


CRASH = """
import sys
import app.cli as cli
from storage.vault import Vault
with Vault.open(sys.argv[1], "demo-sessie-2026") as vault:
    name = vault.db.execute("SELECT display_name FROM cases LIMIT 1").fetchone()[0]
def broken(args):
    raise RuntimeError(f"could not handle the case of {name}")
cli.cmd_cases = broken
sys.exit(cli.run(["cases", "--vault", sys.argv[1]]))
"""


def _wait_for(port: int) -> None:
    import time

    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise AssertionError("server did not start")
