"""Driving the beheer console over HTTP (httpx) as a browser would: forms, cookies, tokens."""

from __future__ import annotations

import html
import re
import time

import httpx
import pyotp
from sqlalchemy import select

from sync.server.store import console_totp, users
from tests.sync.server_harness import PASSWORD, LiveServer

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(page: httpx.Response) -> str:
    """The CSRF token the page's first form carries."""
    found = _CSRF.search(page.text)
    assert found is not None, "the page has no form with a CSRF token"
    return html.unescape(found.group(1))


def browser(server: LiveServer) -> httpx.Client:
    """A cookie-keeping client that does not follow redirects (tests look at them)."""
    return httpx.Client(base_url=server.url, follow_redirects=False, timeout=30)


def log_in(client: httpx.Client, name: str, password: str = PASSWORD) -> httpx.Response:
    """Post the login form; returns the answer (303 on success)."""
    form = client.get("/beheer/inloggen")
    return client.post(
        "/beheer/inloggen",
        data={"csrf": csrf_of(form), "naam": name, "wachtwoord": password},
    )


def secret_of(server: LiveServer, name: str) -> str:
    """The TOTP secret the server keeps for account `name`."""
    with server.engine.connect() as conn:
        return str(
            conn.execute(
                select(console_totp.c.secret)
                .join(users, users.c.id == console_totp.c.user_id)
                .where(users.c.name == name)
            ).scalar_one()
        )


def code_at(server: LiveServer, secret: str, step_offset: int = 0) -> str:
    """The TOTP code of `secret` at the server's time, or `step_offset` 30 s steps away."""
    return pyotp.TOTP(secret).at(server.app.state.console.now() + 30 * step_offset)


def freeze_clock(server: LiveServer) -> float:
    """Stop the server's console clock at the present moment (a test that replays a TOTP
    code must not cross a 30 s step unawares); returns that moment. The fixture
    `restore_clock` in conftest.py sets it going again."""
    frozen = time.time()
    server.app.state.console.now = lambda: frozen
    return frozen


def beheerder(server: LiveServer, name: str = "beheer-anna") -> tuple[httpx.Client, str]:
    """A beheerder account, logged in with password and an enrolled second factor; returns
    the client and the TOTP secret."""
    server.add_user(name, "beheerder")
    client = browser(server)
    answer = log_in(client, name)
    assert answer.headers["location"] == "/beheer/tweede-factor/instellen"
    enrol = client.get("/beheer/tweede-factor/instellen")
    secret = secret_of(server, name)
    done = client.post(
        "/beheer/tweede-factor/instellen",
        data={"csrf": csrf_of(enrol), "code": code_at(server, secret)},
    )
    assert done.status_code == 303, done.text
    return client, secret
