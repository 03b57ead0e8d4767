"""A user changes their own account password from the laptop, on the real server: the new
password enrols the next laptop and the old one no longer does; the laptop that changed it
keeps syncing; a wrong current password is refused (403) and throttled (429); a weak new
password is refused (422); the account comes from the device token, never from the body; a
disabled account cannot change anything."""

from __future__ import annotations

import socket

import httpx
import pytest
from sqlalchemy import select

from app.account_password import ServerLink, change_account_password, server_link
from app.errors import ValidationError
from app.revocation import LaptopRevoked
from app.sync_service import enroll_device, sync_now
from storage.keys import TEST_KDF
from storage.vault import Vault
from sync.client import NotAuthorised
from sync.server import admin
from sync.server.errors import AdminError
from sync.server.store import audit_log, console_sessions, users
from tests.sync.server_harness import PASSWORD

NEW = "een lange nieuwe zin 42"


def _hash_of(server, name: str) -> str:  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return str(
            conn.execute(select(users.c.password_hash).where(users.c.name == name)).scalar_one()
        )


def _link(machine) -> ServerLink:  # type: ignore[no-untyped-def]
    link = server_link(machine.vault)
    assert link is not None
    return link


def _new_vault(tmp_path, name: str) -> Vault:  # type: ignore[no-untyped-def]
    (tmp_path / name).mkdir()
    return Vault.create(
        tmp_path / name / "werk.koers", "laptop-wachtwoord", owner="anna", kdf=TEST_KDF
    )


def test_the_new_password_enrols_a_new_laptop_and_the_old_one_no_longer_does(
    server, laptop, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    server.add_user("anna")
    first = laptop("anna")
    with server.engine.begin() as conn:  # a beheer console session opened with the old one
        anna_id = conn.execute(select(users.c.id).where(users.c.name == "anna")).scalar_one()
        conn.execute(
            console_sessions.insert().values(
                id_hash="a" * 64, user_id=anna_id, csrf_token="b" * 64, stage="full",
                created_at=0.0, last_seen=0.0,
            )
        )  # fmt: skip

    change_account_password(_link(first), PASSWORD, NEW)

    with server.engine.connect() as conn:
        assert conn.execute(select(console_sessions.c.id_hash)).first() is None
        logged = conn.execute(
            select(audit_log.c.user_name, audit_log.c.device_id).where(
                audit_log.c.action == "password_change"
            )
        ).all()
    assert [(row.user_name, row.device_id) for row in logged] == [("anna", first.device_id)]

    fresh = _new_vault(tmp_path, "nieuw")
    try:
        with pytest.raises(NotAuthorised):
            enroll_device(fresh, server.url, "anna", PASSWORD)
        assert enroll_device(fresh, server.url, "anna", NEW)
    finally:
        fresh.lock()
    # The laptop that changed it keeps its token: a password change revokes no device.
    report = sync_now(first.vault)
    assert not report.wiped


def test_a_wrong_current_password_is_refused_then_throttled(server, laptop) -> None:  # type: ignore[no-untyped-def]
    server.add_user("anna")
    machine = laptop("anna")
    before = _hash_of(server, "anna")

    with pytest.raises(ValidationError) as wrong:
        change_account_password(_link(machine), "niet-het-wachtwoord", NEW)
    assert wrong.value.field == "old"
    assert wrong.value.message_nl == "Het huidige wachtwoord klopt niet."

    # Guessing on: the account locks (as after wrong logins) and the server answers 429,
    # even for the right password, before it would allow an unlimited number of guesses.
    link = _link(machine)
    answers = []
    with httpx.Client() as client:
        for attempt in range(12):
            response = client.post(
                link.url + "/v1/password",
                headers={"Authorization": f"Bearer {link.token}"},
                json={"old": f"gok-{attempt}", "new": NEW},
            )
            answers.append(response.status_code)
            if response.status_code == 429:
                assert int(response.headers["retry-after"]) >= 1
                break
    assert set(answers[:-1]) == {403}
    assert answers[-1] == 429
    assert answers.count(403) <= admin.PASSWORD_CHANGE_PER_ACCOUNT.attempts

    with pytest.raises(ValidationError) as throttled:
        change_account_password(link, PASSWORD, NEW)
    assert throttled.value.message_nl.startswith("Te veel pogingen.")
    assert _hash_of(server, "anna") == before


def test_a_weak_new_password_is_refused_and_nothing_changes(server, laptop) -> None:  # type: ignore[no-untyped-def]
    server.add_user("anna")
    machine = laptop("anna")
    before = _hash_of(server, "anna")
    link = _link(machine)

    for weak in ("kort1", "aaaaaaaaaaaaaaaa", "anna-anna-anna-1", "123456789012345"):
        with httpx.Client() as client:
            response = client.post(
                link.url + "/v1/password",
                headers={"Authorization": f"Bearer {link.token}"},
                json={"old": PASSWORD, "new": weak},
            )
        assert response.status_code == 422, weak
        assert weak not in response.text

    with httpx.Client() as client:
        same = client.post(
            link.url + "/v1/password",
            headers={"Authorization": f"Bearer {link.token}"},
            json={"old": PASSWORD, "new": PASSWORD},
        )
    assert same.status_code == 422
    with pytest.raises(admin.SamePassword):
        admin.change_password(server.engine, "anna", PASSWORD, PASSWORD)

    with pytest.raises(ValidationError) as refused:
        change_account_password(link, PASSWORD, "anna-anna-anna-1")
    assert refused.value.field == "new"
    assert "te zwak" in refused.value.message_nl
    assert _hash_of(server, "anna") == before


def test_the_account_comes_from_the_token_not_from_the_body(server, laptop) -> None:  # type: ignore[no-untyped-def]
    server.add_user("anna")
    server.add_user("bram")
    machine = laptop("anna")
    bram_before = _hash_of(server, "bram")
    link = _link(machine)

    with httpx.Client() as client:
        response = client.post(
            link.url + "/v1/password",
            headers={"Authorization": f"Bearer {link.token}"},
            json={"old": PASSWORD, "new": NEW, "user": "bram"},
        )
        anonymous = client.post(link.url + "/v1/password", json={"old": PASSWORD, "new": NEW})
    assert response.status_code == 204
    assert anonymous.status_code == 401
    assert _hash_of(server, "bram") == bram_before
    assert admin.change_password(server.engine, "anna", NEW, "weer een andere zin 7") is None


def test_a_disabled_account_cannot_change_its_password(server, laptop) -> None:  # type: ignore[no-untyped-def]
    server.add_user("anna")
    machine = laptop("anna")
    link = _link(machine)
    admin.disable_user(server.engine, "anna")
    before = _hash_of(server, "anna")

    # Disabling revoked the account's laptops: the answer is the wipe (app/revocation.py),
    # which the window and `koers password` act on, never a refusal to show and go on.
    with pytest.raises(LaptopRevoked):
        change_account_password(link, PASSWORD, NEW)
    with pytest.raises(AdminError, match="disabled"):
        admin.change_password(server.engine, "anna", PASSWORD, NEW)
    assert _hash_of(server, "anna") == before


def test_offline_the_change_says_it_needs_a_connection(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sock = socket.socket()  # a port nothing listens on: bind, note, close
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with pytest.raises(ValidationError) as offline:
        change_account_password(ServerLink(f"http://127.0.0.1:{port}", "token"), PASSWORD, NEW)
    assert "verbinding" in offline.value.message_nl
    with pytest.raises(ValidationError) as unlinked:
        change_account_password(None, PASSWORD, NEW)
    assert "niet gekoppeld" in unlinked.value.message_nl


def test_koers_password_changes_it_from_the_command_line(server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests import commands
    from tests.conftest import PASSPHRASE

    server.add_user("anna")
    path = tmp_path / "werk.koers"
    with Vault.create(path, PASSPHRASE, owner="anna", kdf=TEST_KDF) as vault:
        enroll_device(vault, server.url, "anna", PASSWORD)
    env = {"KOERS_PASSPHRASE": PASSPHRASE, "KOERS_PASSWORD": "fout-wachtwoord-1"}
    wrong = commands.run("koers", "password", "--vault", str(path), KOERS_NEW_PASSWORD=NEW, **env)
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == "koers: error: old: the current password is wrong"
    assert NEW not in wrong.stderr and "fout-wachtwoord-1" not in wrong.stderr
    env["KOERS_PASSWORD"] = PASSWORD
    done = commands.run("koers", "password", "--vault", str(path), KOERS_NEW_PASSWORD=NEW, **env)
    assert done.returncode == 0, done.stderr
    with Vault.create(tmp_path / "twee.koers", PASSPHRASE, owner="anna", kdf=TEST_KDF) as other:
        assert enroll_device(other, server.url, "anna", NEW)
