"""The beheer console's security rules over HTTP, against the real server (SQLite store).

What an attacker or a user would notice: who gets which page, that a form without its
session's token changes nothing, that sessions end (logout, idle, disabled account), that a
TOTP code works once, that markup in a name stays text, and that refusals are a Dutch
message, never a 500.
"""

from __future__ import annotations

import html
import re
import threading
import time

import httpx
import pyotp
from sqlalchemy import select

from sync.server.console import sessions
from sync.server.store import audit_log, console_sessions, devices, users
from tests.console.console_http import (
    beheerder,
    browser,
    code_at,
    csrf_of,
    freeze_clock,
    log_in,
    secret_of,
)
from tests.sync.server_harness import PASSWORD, LiveServer

NEW_PASSWORD = "Zomer-aan-zee-2026"


def _user(server: LiveServer, name: str):  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return conn.execute(select(users).where(users.c.name == name)).mappings().first()


def _audit_actions(server: LiveServer) -> list[str]:
    with server.engine.connect() as conn:
        return [row.action for row in conn.execute(select(audit_log.c.action))]


def test_cookies_are_httponly_samesite_strict_and_only_a_hash_is_stored(
    server: LiveServer,
) -> None:
    server.add_user("werker-bo")
    client = browser(server)
    answer = log_in(client, "werker-bo")
    assert answer.status_code == 303
    cookie = next(
        value
        for key, value in answer.headers.multi_items()
        if key == "set-cookie" and value.startswith("koers-beheer=")
    )
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # plain HTTP on loopback
    session_id = cookie.split("=", 1)[1].split(";", 1)[0]
    with server.engine.connect() as conn:
        stored = [row.id_hash for row in conn.execute(select(console_sessions.c.id_hash))]
    assert stored == [sessions.session_hash(session_id)]
    assert session_id not in stored
    page = client.get("/beheer/wachtwoord")
    assert "no-store" in page.headers["cache-control"]
    assert "script-src" not in page.headers["content-security-policy"]
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_behind_a_tls_proxy_cookies_are_secure_and_host_prefixed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    live = LiveServer(f"sqlite:///{tmp_path / 'proxy.db'}", behind_proxy=True).start()
    try:
        live.add_user("werker-cas")
        client = browser(live)
        form = client.get("/beheer/inloggen")
        login_cookie = form.headers["set-cookie"]
        assert login_cookie.startswith("__Host-koers-beheer-login=") and "Secure" in login_cookie
        # (httpx keeps a Secure cookie from plain HTTP: the proxy's TLS is not here)
        value = login_cookie.split("=", 1)[1].split(";", 1)[0]
        answer = browser(live).post(
            "/beheer/inloggen",
            data={"csrf": csrf_of(form), "naam": "werker-cas", "wachtwoord": PASSWORD},
            headers={"cookie": f"__Host-koers-beheer-login={value}"},
        )
        assert answer.status_code == 303, answer.text
        cookies = [v for k, v in answer.headers.multi_items() if k == "set-cookie"]
        session_cookie = next(c for c in cookies if c.startswith("__Host-koers-beheer="))
        assert "Secure" in session_cookie and "HttpOnly" in session_cookie
    finally:
        live.stop()


def test_a_worker_sees_only_the_password_page(server: LiveServer) -> None:
    server.add_user("werker-dido")
    client = browser(server)
    assert log_in(client, "werker-dido").headers["location"] == "/beheer"
    assert client.get("/beheer").headers["location"] == "/beheer/wachtwoord"
    for path in (
        "/beheer/gebruikers",
        "/beheer/teams",
        "/beheer/apparaten",
        "/beheer/logboek?zoek=1",
        "/beheer/gebruikers/1",
    ):
        page = client.get(path)
        assert page.status_code == 403, path
        assert "alleen voor beheerders" in page.text
        assert "werker-dido" in page.text and "Gebruikers</a>" not in page.text
    token = csrf_of(client.get("/beheer/wachtwoord"))
    sneaky = client.post(
        "/beheer/gebruikers",
        data={
            "csrf": token,
            "naam": "indringer",
            "rol": "beheerder",
            "wachtwoord": NEW_PASSWORD,
            "herhaling": NEW_PASSWORD,
        },
    )
    assert sneaky.status_code == 403
    assert _user(server, "indringer") is None


def test_every_user_changes_their_own_password(server: LiveServer) -> None:
    server.add_user("werker-eef")
    client = browser(server)
    log_in(client, "werker-eef")
    token = csrf_of(client.get("/beheer/wachtwoord"))
    wrong = client.post(
        "/beheer/wachtwoord",
        data={
            "csrf": token,
            "huidig": "niet-het-wachtwoord",
            "nieuw": NEW_PASSWORD,
            "herhaling": NEW_PASSWORD,
        },
    )
    assert wrong.status_code == 400 and "Het huidige wachtwoord klopt niet." in wrong.text
    weak = client.post(
        "/beheer/wachtwoord",
        data={"csrf": token, "huidig": PASSWORD, "nieuw": "kort", "herhaling": "kort"},
    )
    assert weak.status_code == 400 and "ten minste 12 tekens" in weak.text
    done = client.post(
        "/beheer/wachtwoord",
        data={"csrf": token, "huidig": PASSWORD, "nieuw": NEW_PASSWORD, "herhaling": NEW_PASSWORD},
    )
    assert done.status_code == 303
    assert "Uw wachtwoord is gewijzigd." in client.get(done.headers["location"]).text
    assert log_in(browser(server), "werker-eef", PASSWORD).status_code == 400
    assert log_in(browser(server), "werker-eef", NEW_PASSWORD).status_code == 303
    assert "console_password_change" in _audit_actions(server)


def test_a_forged_csrf_token_changes_nothing(server: LiveServer) -> None:
    client, _ = beheerder(server)
    for token in ("", "vervalst", csrf_of(client.get("/beheer/gebruikers")) + "x"):
        answer = client.post(
            "/beheer/gebruikers",
            data={
                "csrf": token,
                "naam": "nep-gebruiker",
                "rol": "worker",
                "wachtwoord": NEW_PASSWORD,
                "herhaling": NEW_PASSWORD,
            },
        )
        assert answer.status_code == 403
        assert "Er is niets gewijzigd" in answer.text
    assert _user(server, "nep-gebruiker") is None
    # Another session's token is no good either.
    other, _ = beheerder(server, "beheer-bert")
    stolen = csrf_of(other.get("/beheer/gebruikers"))
    answer = client.post("/beheer/teams", data={"csrf": stolen, "naam": "Team Noord"})
    assert answer.status_code == 403
    assert "Team Noord" not in client.get("/beheer/teams").text


def test_login_form_without_its_token_is_refused(server: LiveServer) -> None:
    server.add_user("werker-fien")
    client = browser(server)
    client.get("/beheer/inloggen")
    answer = client.post(
        "/beheer/inloggen",
        data={"csrf": "geraden", "naam": "werker-fien", "wachtwoord": PASSWORD},
    )
    assert answer.status_code == 403 and "Er is niets gewijzigd" in answer.text
    assert "koers-beheer=" not in answer.headers.get("set-cookie", "")


def test_a_replayed_post_after_logout_fails(server: LiveServer) -> None:
    client, _ = beheerder(server)
    token = csrf_of(client.get("/beheer/teams"))
    cookies = dict(client.cookies)
    logout = client.post("/beheer/uitloggen", data={"csrf": token})
    assert logout.headers["location"] == "/beheer/inloggen?melding=uitgelogd"
    replay = browser(server)
    replay.cookies.update(cookies)
    answer = replay.post("/beheer/teams", data={"csrf": token, "naam": "Team Na"})
    assert answer.status_code == 303 and answer.headers["location"].startswith("/beheer/inloggen")
    assert "Team Na" not in [
        t.name
        for t in __import__("sync.server.console.accounts", fromlist=["x"]).list_teams(
            server.engine
        )
    ]


def test_an_idle_session_ends(server: LiveServer) -> None:
    client, _ = beheerder(server)
    token = csrf_of(client.get("/beheer/teams"))
    settings = server.app.state.console
    settings.now = lambda: time.time() + sessions.IDLE_S + 60
    try:
        page = client.get("/beheer/teams")
        assert page.status_code == 303
        assert page.headers["location"] == "/beheer/inloggen?melding=verlopen"
        post = client.post("/beheer/teams", data={"csrf": token, "naam": "Team Laat"})
        assert post.headers["location"].startswith("/beheer/inloggen")
        login = client.get("/beheer/inloggen?melding=verlopen")
        assert "Uw sessie is verlopen." in login.text
    finally:
        settings.now = time.time
    with server.engine.connect() as conn:
        assert conn.execute(select(console_sessions)).first() is None
    assert "Team Laat" not in client.get("/beheer/teams").text


def test_an_active_session_stays(server: LiveServer) -> None:
    client, _ = beheerder(server)
    settings = server.app.state.console
    start = time.time()
    try:
        for minutes in (10, 20, 30):  # a request every ten minutes keeps it alive
            settings.now = lambda minutes=minutes: start + minutes * 60
            assert client.get("/beheer/teams").status_code == 200
        settings.now = lambda: start + sessions.ABSOLUTE_S + 1  # but never past the limit
        assert client.get("/beheer/teams").status_code == 303
    finally:
        settings.now = time.time


def test_wrong_and_replayed_totp_codes_are_refused(server: LiveServer) -> None:
    freeze_clock(server)
    _, secret = beheerder(server)  # enrolled with the code of this step
    client = browser(server)
    assert log_in(client, "beheer-anna").headers["location"] == "/beheer/tweede-factor"
    form = client.get("/beheer/tweede-factor")
    token = csrf_of(form)
    wrong_code = f"{(int(code_at(server, secret, 1)) + 1) % 1_000_000:06d}"
    wrong = client.post("/beheer/tweede-factor", data={"csrf": token, "code": wrong_code})
    assert wrong.status_code == 400 and "Deze code klopt niet." in wrong.text
    junk = client.post("/beheer/tweede-factor", data={"csrf": token, "code": "<b>12</b>"})
    assert junk.status_code == 400 and "zes cijfers" in junk.text
    replay = client.post(
        "/beheer/tweede-factor", data={"csrf": token, "code": code_at(server, secret)}
    )
    assert replay.status_code == 400 and "al gebruikt" in replay.text
    assert client.get("/beheer/gebruikers").headers["location"] == "/beheer/tweede-factor"
    good = client.post(
        "/beheer/tweede-factor", data={"csrf": token, "code": code_at(server, secret, 1)}
    )
    assert good.status_code == 303
    assert client.get("/beheer/gebruikers").status_code == 200
    # The same code in another session (seen over a shoulder) does not work again.
    thief = browser(server)
    log_in(thief, "beheer-anna")
    stolen = thief.post(
        "/beheer/tweede-factor",
        data={
            "csrf": csrf_of(thief.get("/beheer/tweede-factor")),
            "code": code_at(server, secret, 1),
        },
    )
    assert stolen.status_code == 400 and "al gebruikt" in stolen.text
    assert "console_totp_refused" in _audit_actions(server)


def test_totp_guessing_is_throttled(server: LiveServer) -> None:
    freeze_clock(server)
    _, secret = beheerder(server)
    client = browser(server)
    log_in(client, "beheer-anna")
    token = csrf_of(client.get("/beheer/tweede-factor"))
    good = {code_at(server, secret, offset) for offset in (-1, 0, 1)}
    guesses = (f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in good)
    answers = [
        client.post("/beheer/tweede-factor", data={"csrf": token, "code": next(guesses)})
        for _ in range(sessions.TOTP_PER_ACCOUNT.attempts + 1)
    ]
    assert answers[-1].status_code == 429 and "Te veel pogingen" in answers[-1].text


def test_right_codes_do_not_use_up_the_allowance(server: LiveServer) -> None:
    """A beheerder who logs in many times in a few minutes (each time with the new code of
    her app) is not locked out: only wrong codes count."""
    start = freeze_clock(server)
    _, secret = beheerder(server)
    for login in range(1, sessions.TOTP_PER_ACCOUNT.attempts + 3):
        moment = start + 30 * login  # the next 30 s step: a new code, inside the window
        server.app.state.console.now = lambda moment=moment: moment
        client = browser(server)
        log_in(client, "beheer-anna")
        answer = client.post(
            "/beheer/tweede-factor",
            data={"csrf": csrf_of(client.get("/beheer/tweede-factor")),
                  "code": code_at(server, secret)},
        )  # fmt: skip
        assert answer.status_code == 303, (login, answer.text)


def test_the_enrolment_page_shows_a_qr_code_and_the_secret_once(server: LiveServer) -> None:
    server.add_user("beheer-gijs", "beheerder")
    client = browser(server)
    log_in(client, "beheer-gijs")
    page = client.get("/beheer/tweede-factor/instellen")
    assert page.status_code == 200 and "<svg" in page.text
    secret = secret_of(server, "beheer-gijs")
    assert sessions.grouped(secret) in page.text
    assert client.get("/beheer/tweede-factor/instellen").text.count(sessions.grouped(secret))
    client.post(
        "/beheer/tweede-factor/instellen",
        data={"csrf": csrf_of(page), "code": pyotp.TOTP(secret).now()},
    )
    # Once enrolled, the secret is never shown again, not even to a new login.
    again = browser(server)
    log_in(again, "beheer-gijs")
    answer = again.get("/beheer/tweede-factor/instellen")
    assert answer.status_code == 303 and answer.headers["location"] == "/beheer/tweede-factor"


def test_login_is_throttled_per_account(server: LiveServer) -> None:
    server.add_user("werker-hans")
    client = browser(server)
    answers = [log_in(client, "werker-hans", "fout-wachtwoord") for _ in range(11)]
    assert answers[0].status_code == 400
    assert "Onbekende naam of verkeerd wachtwoord." in answers[0].text
    assert answers[-1].status_code == 429 and "Te veel" in answers[-1].text
    assert log_in(client, "werker-hans").status_code == 429  # even the right password waits


def test_a_disabled_user_is_logged_out_and_loses_devices(server: LiveServer) -> None:
    admin_client, _ = beheerder(server)
    server.add_user("werker-ivo")
    worker = browser(server)
    log_in(worker, "werker-ivo")
    assert worker.get("/beheer/wachtwoord").status_code == 200
    with server.engine.begin() as conn:
        user_id = conn.execute(select(users.c.id).where(users.c.name == "werker-ivo")).scalar_one()
        conn.execute(
            devices.insert().values(
                id="apparaat-1",
                user_id=user_id,
                name="laptop-ivo",
                token_hash="x" * 64,
                created_at=time.time(),
                expires_at=time.time() + 1e6,
            )
        )
    confirm = admin_client.get(f"/beheer/gebruikers/{user_id}/uitschakelen")
    assert "Ja, uitschakelen" in confirm.text
    done = admin_client.post(
        f"/beheer/gebruikers/{user_id}/uitschakelen", data={"csrf": csrf_of(confirm)}
    )
    assert done.status_code == 303
    assert worker.get("/beheer/wachtwoord").status_code == 303
    assert _user(server, "werker-ivo")["disabled"]
    with server.engine.connect() as conn:
        assert conn.execute(select(devices.c.revoked_at)).scalar_one() is not None
    assert log_in(browser(server), "werker-ivo").status_code == 400
    again = admin_client.post(
        f"/beheer/gebruikers/{user_id}/uitschakelen", data={"csrf": csrf_of(confirm)}
    )
    assert again.status_code == 400 and "al uitgeschakeld" in again.text
    assert "console_user_disable" in _audit_actions(server)


def test_markup_in_a_name_is_refused_and_an_existing_one_shown_as_text(
    server: LiveServer,
) -> None:
    client, _ = beheerder(server)
    token = csrf_of(client.get("/beheer/gebruikers"))
    answer = client.post(
        "/beheer/gebruikers",
        data={
            "csrf": token,
            "naam": "<script>alert(1)</script>",
            "rol": "worker",
            "wachtwoord": NEW_PASSWORD,
            "herhaling": NEW_PASSWORD,
        },
    )
    assert answer.status_code == 400 and "Een naam bestaat uit letters" in answer.text
    assert "<script>" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text  # kept in the field, as text
    assert _user(server, "<script>alert(1)</script>") is None
    server.add_user("<script>alert(2)</script>")  # made by the shell, which allows it
    page = client.get("/beheer/gebruikers")
    assert "<script>" not in page.text and "&lt;script&gt;alert(2)&lt;/script&gt;" in page.text


def test_bad_input_is_a_dutch_message_never_a_500(server: LiveServer) -> None:
    client, _ = beheerder(server)
    token = csrf_of(client.get("/beheer/gebruikers"))
    cases = [
        ("/beheer/gebruikers", {"naam": "a" * 5000, "rol": "worker"}, "te lang"),
        ("/beheer/gebruikers", {"naam": "a" * 101, "rol": "worker"}, "Een naam bestaat"),
        ("/beheer/gebruikers", {"naam": "nul\x00byte", "rol": "worker"}, "Een naam bestaat"),
        ("/beheer/gebruikers", {"naam": "piet", "rol": "koning"}, "Kies een rol"),
        ("/beheer/gebruikers", {"naam": "piet", "rol": "worker", "team": "Geen"}, "bestaat niet"),
        ("/beheer/teams", {"naam": ""}, "Een naam bestaat"),
        ("/beheer/apparaten/bestaat-niet/intrekken", {}, "bestaat niet"),
        ("/beheer/gebruikers/999999/rol", {"rol": "worker"}, "bestaat niet"),
    ]
    for path, data, expected in cases:
        answer = client.post(
            path,
            data={"csrf": token, "wachtwoord": NEW_PASSWORD, "herhaling": NEW_PASSWORD, **data},
        )
        assert answer.status_code in (400, 404), (path, answer.status_code)
        assert expected in answer.text, (path, answer.text[-800:])
    for path in (
        "/beheer/gebruikers/abc",
        "/beheer/gebruikers/99999999999999999999",
        "/beheer/apparaten/x/intrekken",
    ):
        assert client.get(path).status_code == 404
    unknown = client.get("/beheer/bestaat/niet")
    assert unknown.status_code == 404 and "Deze pagina bestaat niet." in unknown.text
    ten_years = client.get(
        "/beheer/logboek", params={"zoek": "1", "van": "2016-01-01", "tot": "2026-01-01"}
    )
    assert ten_years.status_code == 400 and "ten hoogste twee jaar" in ten_years.text
    backwards = client.get(
        "/beheer/logboek", params={"zoek": "1", "van": "2026-02-01", "tot": "2026-01-01"}
    )
    assert backwards.status_code == 400 and "eindigt voordat hij begint" in backwards.text
    for params in ({"van": "gisteren"}, {"pagina": "-1"}, {"pagina": "x" * 50}):
        answer = client.get("/beheer/logboek", params={"zoek": "1", **params})
        assert answer.status_code == 400, params
    garbage = client.post(
        "/beheer/teams", content=b"\xff\xfe{not a form", headers={"content-type": "text/plain"}
    )
    assert garbage.status_code == 403


def test_console_actions_are_in_the_audit_and_searchable(server: LiveServer) -> None:
    client, _ = beheerder(server)
    token = csrf_of(client.get("/beheer/teams"))
    client.post("/beheer/teams", data={"csrf": token, "naam": "Team West"})
    client.post(
        "/beheer/gebruikers",
        data={
            "csrf": token,
            "naam": "werker-jet",
            "rol": "worker",
            "team": "Team West",
            "wachtwoord": NEW_PASSWORD,
            "herhaling": NEW_PASSWORD,
        },
    )
    assert _user(server, "werker-jet") is not None
    actions = _audit_actions(server)
    assert {"console_totp_enrol", "console_team_add", "console_user_add"} <= set(actions)
    page = client.get("/beheer/logboek", params={"zoek": "1", "gebruiker": "beheer-anna"})
    assert page.status_code == 200
    assert "gebruiker toegevoegd" in page.text and "werker-jet" in page.text
    assert "export" in _audit_actions(server)  # the search itself is logged


def test_a_role_change_ends_the_sessions_of_that_account(server: LiveServer) -> None:
    admin_client, _ = beheerder(server)
    server.add_user("werker-kim")
    worker = browser(server)
    log_in(worker, "werker-kim")
    user_id = _user(server, "werker-kim")["id"]
    token = csrf_of(admin_client.get(f"/beheer/gebruikers/{user_id}"))
    done = admin_client.post(
        f"/beheer/gebruikers/{user_id}/rol", data={"csrf": token, "rol": "teamleider"}
    )
    assert done.status_code == 303
    assert _user(server, "werker-kim")["role"] == "teamleider"
    assert worker.get("/beheer/wachtwoord").status_code == 303
    own = admin_client.post(
        f"/beheer/gebruikers/{_user(server, 'beheer-anna')['id']}/rol",
        data={"csrf": token, "rol": "worker"},
    )
    assert own.status_code == 400 and "eigen rol" in own.text


def test_a_password_reset_ends_the_users_sessions_and_lets_them_in_again(
    server: LiveServer,
) -> None:
    admin_client, _ = beheerder(server)
    server.add_user("werker-lex")
    worker = browser(server)
    log_in(worker, "werker-lex")
    user_id = _user(server, "werker-lex")["id"]
    token = csrf_of(admin_client.get(f"/beheer/gebruikers/{user_id}"))
    differ = admin_client.post(
        f"/beheer/gebruikers/{user_id}/wachtwoord",
        data={"csrf": token, "wachtwoord": NEW_PASSWORD, "herhaling": NEW_PASSWORD + "x"},
    )
    assert differ.status_code == 400 and "verschillen" in differ.text
    done = admin_client.post(
        f"/beheer/gebruikers/{user_id}/wachtwoord",
        data={"csrf": token, "wachtwoord": NEW_PASSWORD, "herhaling": NEW_PASSWORD},
    )
    assert done.status_code == 303
    assert worker.get("/beheer/wachtwoord").status_code == 303  # logged out
    assert log_in(browser(server), "werker-lex", PASSWORD).status_code == 400
    assert log_in(browser(server), "werker-lex", NEW_PASSWORD).status_code == 303
    assert "console_password_reset" in _audit_actions(server)


def test_a_lost_phone_second_factor_is_wiped_and_enrolled_anew(server: LiveServer) -> None:
    admin_client, _ = beheerder(server)
    _, old_secret = beheerder(server, "beheer-bram")
    bram = _user(server, "beheer-bram")["id"]
    page = admin_client.get(f"/beheer/gebruikers/{bram}")
    assert "Tweede factor wissen" in page.text
    done = admin_client.post(
        f"/beheer/gebruikers/{bram}/tweede-factor", data={"csrf": csrf_of(page)}
    )
    assert done.status_code == 303
    client = browser(server)
    assert log_in(client, "beheer-bram").headers["location"] == "/beheer/tweede-factor/instellen"
    client.get("/beheer/tweede-factor/instellen")
    assert secret_of(server, "beheer-bram") != old_secret
    assert "console_totp_reset" in _audit_actions(server)


def test_two_server_processes_share_one_console_session(server: LiveServer) -> None:
    """Sessions, CSRF tokens and used codes are in the database: a second server over the
    same database serves the session the first one started, and ends it for both."""
    other = LiveServer(server.database_url).start()
    try:
        client, _ = beheerder(server)
        token = csrf_of(client.get("/beheer/teams"))
        second = browser(other)
        second.cookies.update(dict(client.cookies))
        assert second.get("/beheer/teams").status_code == 200
        added = second.post("/beheer/teams", data={"csrf": token, "naam": "Team Zuid"})
        assert added.status_code == 303
        assert "Team Zuid" in client.get("/beheer/teams").text
        second.post("/beheer/uitloggen", data={"csrf": token})
        assert client.get("/beheer/teams").status_code == 303
    finally:
        other.stop()


def test_the_audit_search_pages_fifty_lines_at_a_time(server: LiveServer) -> None:
    from sync.server import audit

    client, _ = beheerder(server)
    with server.engine.begin() as conn:
        for n in range(120):
            audit.record(
                conn,
                who=None,
                user_name="werker-mo",
                action="read",
                record_type="case",
                record_id=f"case-{n:03d}",
            )
    first = client.get("/beheer/logboek", params={"zoek": "1", "gebruiker": "werker-mo"})
    assert "120 regel(s) gevonden; hieronder 1–50" in first.text
    assert "pagina 1 van 3" in first.text and "case-049" in first.text
    assert "case-050" not in first.text
    assert "ingezien" in first.text
    last = client.get(
        "/beheer/logboek", params={"zoek": "1", "gebruiker": "werker-mo", "pagina": "3"}
    )
    assert "hieronder 101–120" in last.text and "case-119" in last.text
    assert "Volgende pagina" not in last.text and "Vorige pagina" in last.text
    beyond = client.get(
        "/beheer/logboek", params={"zoek": "1", "gebruiker": "werker-mo", "pagina": "9"}
    )
    assert beyond.status_code == 200 and "case-0" not in beyond.text
    assert "pagina 9 bestaat niet:\ner zijn 3 pagina's" in beyond.text


# --- found by the security review of the console ------------------------------------------

_ERROR = re.compile(r'id="fout">([^<]*)<')


def _error_of(answer: httpx.Response) -> str:
    found = _ERROR.search(answer.text)
    return html.unescape(found.group(1)) if found else ""


SECURITY_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
    "cache-control",
)


def test_viewing_the_enrolment_page_is_no_attempt_and_too_many_codes_a_dutch_429(
    server: LiveServer,
) -> None:
    freeze_clock(server)
    server.add_user("beheer-cor", "beheerder")
    client = browser(server)
    log_in(client, "beheer-cor")
    for _ in range(sessions.TOTP_PER_ACCOUNT.attempts + 4):  # reloading the page costs nothing
        page = client.get("/beheer/tweede-factor/instellen")
        assert page.status_code == 200 and "<svg" in page.text
    secret = secret_of(server, "beheer-cor")
    good = {code_at(server, secret, offset) for offset in (-1, 0, 1)}
    guesses = (f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in good)
    token = csrf_of(page)
    answers = [
        client.post("/beheer/tweede-factor/instellen", data={"csrf": token, "code": next(guesses)})
        for _ in range(sessions.TOTP_PER_ACCOUNT.attempts + 1)
    ]
    assert [a.status_code for a in answers[:-1]] == [400] * sessions.TOTP_PER_ACCOUNT.attempts
    assert answers[-1].status_code == 429
    assert "Te veel pogingen. Probeer het over" in _error_of(answers[-1])
    again = client.get("/beheer/tweede-factor/instellen")  # still shown, still no 500
    assert again.status_code == 200 and sessions.grouped(secret) in again.text


def test_an_enrolment_finished_in_another_session_is_a_message_not_a_500(
    server: LiveServer,
) -> None:
    server.add_user("beheer-dana", "beheerder")
    first, second = browser(server), browser(server)
    log_in(first, "beheer-dana")
    log_in(second, "beheer-dana")
    page = first.get("/beheer/tweede-factor/instellen")
    secret = secret_of(server, "beheer-dana")
    done = first.post(
        "/beheer/tweede-factor/instellen",
        data={"csrf": csrf_of(page), "code": code_at(server, secret)},
    )
    assert done.status_code == 303
    late = second.get("/beheer/tweede-factor/instellen")
    assert late.status_code == 409 and "intussen ingesteld" in late.text
    assert sessions.grouped(secret) not in late.text


def test_the_lock_after_wrong_passwords_does_not_tell_which_names_exist(
    server: LiveServer,
) -> None:
    freeze_clock(server)
    server.add_user("werker-hein")
    seen = {}
    for name in ("werker-hein", "werker-niemand"):
        client = browser(server)
        answers = [log_in(client, name, "fout-wachtwoord-xx") for _ in range(7)]
        seen[name] = [(a.status_code, _error_of(a)) for a in answers]
    assert seen["werker-hein"] == seen["werker-niemand"]
    assert seen["werker-hein"][0] == (400, "Onbekende naam of verkeerd wachtwoord.")
    assert seen["werker-hein"][-1][0] == 429  # the throttle still works ...
    assert log_in(browser(server), "werker-hein").status_code == 429  # ... right or wrong
    # The API's enrolment alike: the same words and status for a name that exists or not.
    server.add_user("werker-ida")
    api = {}
    for name in ("werker-ida", "werker-nooit"):
        api[name] = []
        for _ in range(6):
            answer = httpx.post(
                f"{server.url}/v1/enroll",
                json={"user": name, "password": "fout-wachtwoord-xx", "device_name": "x"},
            )
            api[name].append((answer.status_code, answer.json()["detail"].split(";")[0]))
    assert api["werker-ida"] == api["werker-nooit"]
    assert api["werker-ida"][0] == (401, "unknown user or wrong password")
    assert api["werker-ida"][-1] == (429, "too many failed logins")


def _disable_each_other(server: LiveServer, names: tuple[str, str]) -> dict[int, int]:
    """Two beheerders post 'disable' for each other at the same moment; their statuses."""
    clients = [beheerder(server, name)[0] for name in names]
    ids = [_user(server, name)["id"] for name in names]
    tokens = [csrf_of(client.get("/beheer/gebruikers")) for client in clients]
    barrier = threading.Barrier(2)
    answers: dict[int, int] = {}

    def disable(me: int) -> None:
        barrier.wait()
        path = f"/beheer/gebruikers/{ids[1 - me]}/uitschakelen"
        answers[me] = clients[me].post(path, data={"csrf": tokens[me]}).status_code

    threads = [threading.Thread(target=disable, args=(me,)) for me in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_beheerders_disabling_each_other_at_once_leave_one_of_them(
    server: LiveServer,
) -> None:
    freeze_clock(server)
    for round_no in range(6):  # a race: several rounds, each with a fresh pair
        names = (f"beheer-a{round_no}", f"beheer-b{round_no}")
        answers = _disable_each_other(server, names)
        disabled = [bool(_user(server, name)["disabled"]) for name in names]
        assert disabled.count(True) == 1, (round_no, answers, disabled)
        assert sorted(answers.values()) in ([303, 303], [303, 403]), answers


def test_an_over_long_password_is_refused_never_cut(server: LiveServer) -> None:
    from sync.protocol import MAX_PASSWORD
    from sync.server import admin
    from sync.server.errors import AdminError

    client, _ = beheerder(server)
    server.add_user("werker-joop")
    user_id = _user(server, "werker-joop")["id"]
    token = csrf_of(client.get(f"/beheer/gebruikers/{user_id}"))
    for password, words in (
        ("Lang-wachtwoord-" + "abcdefghij" * 150, "te lang"),  # 1516: no field takes it
        ("Lang-wachtwoord-" + "x" * (MAX_PASSWORD - 15), f"ten hoogste {MAX_PASSWORD}"),
    ):
        answer = client.post(
            f"/beheer/gebruikers/{user_id}/wachtwoord",
            data={"csrf": token, "wachtwoord": password, "herhaling": password},
        )
        assert answer.status_code == 400 and words in answer.text, answer.text[-600:]
        assert log_in(browser(server), "werker-joop", password[:1024]).status_code == 400
    assert log_in(browser(server), "werker-joop").status_code == 303  # nothing changed
    longest = "Lang-wachtwoord-" + "abcdefghij" * ((MAX_PASSWORD - 16) // 10) + "1234"
    assert len(longest) == MAX_PASSWORD
    done = client.post(
        f"/beheer/gebruikers/{user_id}/wachtwoord",
        data={"csrf": token, "wachtwoord": longest, "herhaling": longest},
    )
    assert done.status_code == 303
    # Set in the console, it works at every door: the console and a laptop's enrolment.
    assert log_in(browser(server), "werker-joop", longest).status_code == 303
    enrolled = httpx.post(
        f"{server.url}/v1/enroll",
        json={"user": "werker-joop", "password": longest, "device_name": "laptop-joop"},
    )
    assert enrolled.status_code == 200, enrolled.text
    # The shell takes no longer password either.
    assert admin.weak_password_reason("werker-kees", longest + "x") is not None
    try:
        admin.add_user(server.engine, "werker-kees", longest + "x", "worker", None)
    except AdminError as exc:
        assert f"at most {MAX_PASSWORD}" in str(exc)
    else:
        raise AssertionError("a password over the limit was taken")
    assert _user(server, "werker-kees") is None


def test_every_console_answer_carries_the_security_headers(server: LiveServer) -> None:
    client, _ = beheerder(server)
    answers = [
        client.head("/beheer/inloggen"),
        client.options("/beheer/inloggen"),
        client.head("/beheer/gebruikers"),
        client.options("/beheer/gebruikers"),
        client.get("/beheer/bestaat/niet"),
        client.post("/beheer/bestaat/niet", data={}),
        client.put("/beheer/gebruikers", data={}),
        client.get("/beheer/gebruikers"),
        client.post("/beheer/gebruikers", data={"csrf": "x" * 2000}),
    ]
    for answer in answers:
        assert answer.status_code < 500, (answer.request.method, answer.request.url)
        for header in SECURITY_HEADERS:
            assert header in answer.headers, (answer.request.method, answer.request.url, header)
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["cache-control"] == "no-store"


def test_failed_console_logins_are_in_the_audit_without_the_password(
    server: LiveServer,
) -> None:
    server.add_user("werker-lies")
    log_in(browser(server), "werker-lies", "geheim-fout-1")
    log_in(browser(server), "werker-niet-bestaand", "geheim-fout-2")
    with server.engine.connect() as conn:
        lines = conn.execute(
            select(audit_log).where(audit_log.c.action == "console_login_failed")
        ).all()
        rows = conn.execute(select(audit_log)).all()
    everything = " ".join(str(value) for row in rows for value in row)
    assert [(line.user_name, line.record_id) for line in lines] == [
        ("werker-lies", "werker-lies"),
        (None, None),  # a name that is no account's is not kept (it may be a password)
    ]
    assert "geheim-fout" not in everything and "werker-niet-bestaand" not in everything


def test_a_beheerder_cannot_set_their_own_password_on_the_user_page(server: LiveServer) -> None:
    client, _ = beheerder(server)
    own = _user(server, "beheer-anna")
    page = client.get(f"/beheer/gebruikers/{own['id']}")
    assert page.status_code == 200
    assert f'action="/beheer/gebruikers/{own["id"]}/wachtwoord"' not in page.text
    answer = client.post(
        f"/beheer/gebruikers/{own['id']}/wachtwoord",
        data={"csrf": csrf_of(page), "wachtwoord": NEW_PASSWORD, "herhaling": NEW_PASSWORD},
    )
    assert answer.status_code == 403 and "Mijn wachtwoord" in answer.text
    assert _user(server, "beheer-anna")["password_hash"] == own["password_hash"]
    assert client.get("/beheer/gebruikers").status_code == 200  # still logged in


def test_the_devices_page_says_a_wipe_was_sent_never_that_it_happened(
    server: LiveServer,
) -> None:
    client, _ = beheerder(server)
    server.add_user("werker-mees")
    enrolled = httpx.post(
        f"{server.url}/v1/enroll",
        json={"user": "werker-mees", "password": PASSWORD, "device_name": "laptop-mees"},
    ).json()
    page = client.get(f"/beheer/apparaten/{enrolled['device_id']}/intrekken")
    client.post(
        f"/beheer/apparaten/{enrolled['device_id']}/intrekken", data={"csrf": csrf_of(page)}
    )
    listing = client.get("/beheer/apparaten").text
    assert "ingetrokken; nog niet gezien" in listing and "gewist" not in listing
    refused = httpx.post(  # the laptop calls in: the server sends the wipe
        f"{server.url}/v1/pull",
        json={"cursor": 0},
        headers={"Authorization": f"Bearer {enrolled['token']}"},
    )
    assert refused.status_code == 410
    listing = client.get("/beheer/apparaten").text
    assert re.search(r"ingetrokken; wisopdracht verstuurd \d\d-\d\d-\d{4} \d\d:\d\d", listing)
    assert "gewist" not in listing


def test_the_audit_page_never_fails_on_what_is_stored_or_asked(server: LiveServer) -> None:
    from sync.server import audit, service

    client, _ = beheerder(server)
    # Extreme periods: a Dutch message, never a 500.
    for params in ({"van": "9999-12-31"}, {"tot": "0001-01-05"}, {"van": "1999-12-31"}):
        answer = client.get("/beheer/logboek", params={"zoek": "1", "zaak": "c", **params})
        assert answer.status_code == 400, params
        assert "Kies dagen tussen 01-01-2000 en" in answer.text, params
    backwards = client.get(
        "/beheer/logboek", params={"zoek": "1", "van": "2026-02-01", "tot": "2026-01-01"}
    )
    assert "eindigt voordat hij begint" in backwards.text
    # A line whose times cannot be shown (stored before the check, or by hand), from a
    # laptop whose name holds a right-to-left override and an escape sequence.
    server.add_user("werker-rik")
    laptop = service.enroll(server.engine, "werker-rik", PASSWORD, "laptop-rik")
    with server.engine.begin() as conn:
        conn.execute(
            devices.update()
            .where(devices.c.id == laptop.device_id)
            .values(name="laptop-\u202ekir\x1b[2J")
        )
        conn.execute(
            audit_log.insert().values(
                source="laptop",
                device_id=laptop.device_id,
                device_seq=1,
                user_name="werker-rik",
                record_type="case",
                record_id="case-oud",
                case_id="case-oud",
                action="read",
                laptop_at=1e300,
                received_at=-1e300,
            )
        )
        audit.record(
            conn,
            who=None,
            user_name="werker-rik",
            action="assign",
            record_type="case",
            record_id="case-oud",
        )
    page = client.get("/beheer/logboek", params={"zoek": "1", "zaak": "case-oud"})
    assert page.status_code == 200, page.text[-500:]
    assert "onbekend" in page.text and "klok laptop onbekend" in page.text
    sources = re.findall(r'data-label="Bron" class="bron"><span title="([^"]+)">(\w+)<', page.text)
    assert set(sources) == {
        ("gemeld door de laptop", "laptop"),
        ("vastgelegd door de server", "server"),
    }
    assert "\u202e" not in page.text and "\x1b" not in page.text
    assert "laptop-\\u202ekir\\x1b[2J" in page.text
    # The revoke page shows the name's hidden characters and the device's id.
    revoke = client.get(f"/beheer/apparaten/{laptop.device_id}/intrekken")
    assert revoke.status_code == 200
    assert "\u202e" not in revoke.text and "laptop-\\u202ekir" in revoke.text
    assert laptop.device_id in revoke.text
    assert "\u202e" not in client.get("/beheer/apparaten").text


def test_every_kind_of_record_has_a_dutch_name_in_the_log() -> None:
    """The Logboek's "Wat" column names each kind of laptop record in Dutch, not by its
    table name ("danger_person")."""
    from storage.record_types import RECORD_TYPES
    from sync.server.console.pages import RECORD_LABELS

    assert sorted(name for name in RECORD_TYPES if name not in RECORD_LABELS) == []
    assert all("_" not in label for label in RECORD_LABELS.values())


def test_the_console_address_with_a_slash_leads_to_the_console(server: LiveServer) -> None:
    """`/beheer/` as typed (with a slash) leads to the console's start, as `/beheer` does:
    it answered 404 "Niet gevonden" (found by a new-user helper)."""
    client = browser(server)
    answer = client.get("/beheer/")
    assert answer.status_code == 303 and answer.headers["location"] == "/beheer"
    assert client.get("/beheer").headers["location"] == "/beheer/inloggen"
