"""`koers-server` as an administrator uses it."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from storage.hlc import Hlc
from sync.protocol import Change
from sync.server import service, store
from sync.server.errors import AdminError
from sync.server.passwords import ITERATIONS, MEMORY_KIB, hash_password, verify_password
from sync.server_cli import build_parser, check_transport, serving_line
from tests import commands
from tests.sync.wire_records import created_fields

ROOT = Path(__file__).resolve().parents[2]


def server_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return commands.run("koers-server", *args, **env)


def case_on_server(url: str, case_id: str, maker: str) -> None:
    """A case as a laptop of `maker` pushes it when it first syncs."""
    engine = store.connect(url)
    enrolled = service.enroll(engine, maker, "lang-genoeg-wachtwoord", "laptop", clock_id="c1")
    who = service.authenticate(engine, enrolled.token)
    change = Change(
        change_id="change-1",
        record_type="case",
        record_id=case_id,
        fields=created_fields("case"),
        hlc=Hlc(int(time.time() * 1000), 0, "c1").encode(),
        device_id="c1",
        created=True,
    )
    assert service.push(engine, who, [change]).accepted == ["change-1"]
    engine.dispose()


def test_account_team_assign_and_device_commands(tmp_path: Path) -> None:
    db = ["--database", f"sqlite:///{tmp_path / 'server.db'}"]
    assert server_cli(*db, "team", "add", "Noord", "--shares-caseload").returncode == 0
    added = server_cli(
        *db, "user", "add", "anna", "--team", "Noord", KOERS_PASSWORD="lang-genoeg-wachtwoord"
    )
    assert added.returncode == 0, added.stderr
    assert "lang-genoeg" not in added.stdout + added.stderr
    server_cli(*db, "user", "add", "bram", KOERS_PASSWORD="lang-genoeg-wachtwoord")
    listing = server_cli(*db, "user", "list").stdout
    assert "anna\tworker\tNoord" in listing
    unknown = server_cli(*db, "assign", "case-1", "anna")
    assert unknown.returncode != 0 and "holds no case with this id" in unknown.stderr
    case_on_server(db[1], "case-1", "bram")
    assert "handed over from bram to anna" in server_cli(*db, "assign", "case-1", "anna").stdout
    assert "handed over from anna to bram" in server_cli(*db, "assign", "case-1", "bram").stdout
    assert server_cli(*db, "user", "disable", "bram").returncode == 0
    assert "(disabled)" in server_cli(*db, "user", "list").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("user", "add", "x", "--role", "koning"), "role must be one of"),
        (("user", "add", "x"), "at least 12"),
        # The rule of every other password: the first beheerder is made on the shell.
        (("user", "add", "kees"), "may not contain the user name"),
        (("user", "add", "x", "--team", "Nergens"), "no team named"),
        (("assign", "case-1", "niemand"), "no user named"),
        (("device", "revoke", "geen-apparaat"), "no device"),
        (("serve", "--tls-cert", "nope.pem", "--tls-key", "nope.key"), "cannot read the file"),
    ],
)
def test_bad_admin_input_is_one_line(tmp_path: Path, args: tuple, message: str) -> None:
    db = ["--database", f"sqlite:///{tmp_path / 'server.db'}"]
    password = {"at least 12": "kort", "may not contain the user name": "kees-zijn-wachtwoord"}.get(
        message, "lang-genoeg-wachtwoord"
    )
    result = server_cli(*db, *args, KOERS_PASSWORD=password)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_plain_http_is_refused_off_loopback() -> None:
    for host in ("127.0.0.1", "::1", "localhost"):
        check_transport(host, None, None, False)
    with pytest.raises(AdminError, match="refusing plain HTTP"):
        check_transport("0.0.0.0", None, None, False)
    check_transport("0.0.0.0", None, None, True)
    check_transport("0.0.0.0", "cert.pem", "key.pem", False)
    with pytest.raises(AdminError, match="go together"):
        check_transport("0.0.0.0", "cert.pem", None, False)


def test_serve_off_loopback_without_tls_exits_with_the_reason(tmp_path: Path) -> None:
    result = server_cli(
        "--database", f"sqlite:///{tmp_path / 's.db'}", "serve", "--host", "0.0.0.0"
    )
    assert result.returncode == 1 and "refusing plain HTTP" in result.stderr


def test_account_passwords_use_argon2id_of_at_least_64_mib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.undo()  # the real parameters, not the tests' cheap ones
    from argon2 import Type, extract_parameters

    stored = hash_password("een-wachtwoord")  # a PHC string: $argon2id$v=19$m=..,t=..,p=..$
    made = extract_parameters(stored)
    assert made.type is Type.ID and made.memory_cost >= 65536 and made.time_cost >= 2
    assert (MEMORY_KIB, ITERATIONS) == (made.memory_cost, made.time_cost)
    assert verify_password("een-wachtwoord", stored)
    assert not verify_password("ander-wachtwoord", stored)


def test_openapi_description_names_every_endpoint(server) -> None:  # type: ignore[no-untyped-def]
    import httpx

    # Not served by default (a production server hands its map to no one) ...
    for path in ("/openapi.json", "/docs", "/redoc"):
        assert httpx.get(f"{server.url}{path}").status_code == 404, path
    assert not build_parser().parse_args(["serve"]).docs
    assert build_parser().parse_args(["serve", "--docs"]).docs  # ... unless asked for
    schema = server.app.openapi()
    paths = set(schema["paths"])
    assert {"/v1/enroll", "/v1/me", "/v1/push", "/v1/pull", "/v1/cases/{case_id}/changes"} <= paths
    assert "401" in schema["paths"]["/v1/push"]["post"]["responses"]
    assert "410" in schema["paths"]["/v1/pull"]["post"]["responses"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite:////geen/map/server.db", "cannot be opened"),
        ("onzin://x", "no database address"),
        ("postgresql://koers:geheim-wachtwoord@127.0.0.1:1/koers", "cannot be opened"),
    ],
)
def test_a_database_that_cannot_be_opened_is_one_line_without_its_password(
    url: str, message: str
) -> None:
    answer = server_cli("--database", url, "user", "list")
    assert answer.returncode == 1
    assert message in answer.stderr and len(answer.stderr.strip().splitlines()) == 1
    assert "geheim" not in answer.stderr + answer.stdout


def test_serve_says_where_it_listens_and_hides_the_database_password(tmp_path: Path) -> None:
    """An operator sees that the server started, where, and on which database; the line may
    go to a service log, so a database password in the URL is not in it."""
    port = commands.free_port()
    url = f"sqlite:///{tmp_path / 'server.db'}"
    proc = subprocess.Popen(
        commands._command("koers-server", ("--database", url, "serve", "--port", str(port))),
        env=commands._environment({}),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert f"http://127.0.0.1:{port} (1 process)" in line
    assert str(tmp_path / "server.db") in line
    args = build_parser().parse_args(["serve", "--workers", "2", "--behind-tls-proxy"])
    for url in (
        "postgresql+psycopg://koers:geheim-wachtwoord@db.local/koers",
        "postgresql://koers@db.local/koers?password=geheim-wachtwoord",
        "postgresql://koers:geheim%40x@db.local/koers?sslpassword=geheim-sleutel",
    ):
        shown = serving_line(args, url)
        assert "geheim" not in shown, url
        assert "koers on db.local" in shown and "2 processes, behind a TLS proxy" in shown


def test_listings_name_their_columns(tmp_path: Path) -> None:
    db = ["--database", f"sqlite:///{tmp_path / 'server.db'}"]
    server_cli(*db, "user", "add", "bram", KOERS_PASSWORD="lang-genoeg-wachtwoord")
    assert server_cli(*db, "user", "list").stdout.splitlines()[0] == "user\trole\tteam"
    assert server_cli(*db, "device", "list").stdout.splitlines() == ["device\tuser\tname\tstate"]
