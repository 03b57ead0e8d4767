"""The demo's world: a server with a team and its accounts, the demo worker's laptop and a
teamleider's laptop, both enrolled and synced, so a newcomer sees sync, a handover and the
beheer console without setting anything up. Synthetic data and known demo passwords only.

The server itself is given by the caller (the launcher starts sync.embedded's server on
127.0.0.1): app/ never imports the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.casework import Casework
from app.sync_service import SyncReport, enroll_device, sync_now
from app.synthetic import populate
from storage.keys import KdfParams
from storage.vault import Vault

DEMO_TEAM = "Demo"
WORKER = "demo"  # the demo vault's owner, as in the unlinked demo


@dataclass(frozen=True)
class DemoAccount:
    """An account on the demo server; its password is printed and in the README."""

    name: str
    role: str
    password: str
    purpose: str  # one English line for the terminal


DEMO_ACCOUNTS = (
    DemoAccount(WORKER, "worker", "koers-proef-werker", "the demo worker (this laptop)"),
    DemoAccount("sam", "worker", "koers-proef-werker", "a second worker: hand cases over to sam"),
    DemoAccount("lotte", "teamleider", "koers-proef-leider", "the teamleider (second laptop)"),
    DemoAccount("beheer", "beheerder", "koers-proef-console", "the beheerder (browser console)"),
)
TEAMLEIDER = "lotte"


def account(name: str) -> DemoAccount:
    """The demo account called `name`. Raises KeyError for another name."""
    for found in DEMO_ACCOUNTS:
        if found.name == name:
            return found
    raise KeyError(name)


class DemoServer(Protocol):
    """What the demo needs of a running server (sync.embedded.EmbeddedServer)."""

    url: str

    def add_team(self, name: str) -> None: ...
    def add_user(self, name: str, password: str, role: str, team: str | None) -> None: ...
    def stop(self) -> None: ...


def create_demo_vault(
    path: Path, passphrase: str, *, cases: int, seed: int, kdf: KdfParams
) -> Vault:
    """A new vault owned by the demo worker holding `cases` synthetic cases; returned open."""
    vault = Vault.create(path, passphrase, owner=WORKER, kdf=kdf)
    try:
        casework = Casework(vault)
        casework.seed_default_programmes()
        populate(casework, cases, seed=seed)
    except BaseException:
        vault.lock()
        raise
    return vault


@dataclass(frozen=True)
class LinkedDemo:
    """The demo after set-up: where the server listens, the teamleider's vault (locked, same
    passphrase as the worker's) and what the first syncs did."""

    server_url: str
    teamleider_vault: Path
    worker_sync: SyncReport
    teamleider_sync: SyncReport

    @property
    def console_url(self) -> str:
        return self.server_url + "/beheer"


def link_demo(
    server: DemoServer,
    worker_vault: Vault,
    teamleider_path: Path,
    passphrase: str,
    *,
    kdf: KdfParams,
) -> LinkedDemo:
    """Make the team and the DEMO_ACCOUNTS on `server`, enrol the demo worker's open vault
    and sync its caseload up, then make the teamleider's vault at `teamleider_path`, enrol
    it and sync it (it receives the team's cases) and lock it. Raises what enrolment and
    sync raise (sync.client.SyncError) and AdminError from the server's administration."""
    server.add_team(DEMO_TEAM)
    for demo in DEMO_ACCOUNTS:
        team = None if demo.role == "beheerder" else DEMO_TEAM
        server.add_user(demo.name, demo.password, demo.role, team)
    enroll_device(worker_vault, server.url, WORKER, account(WORKER).password)
    worker_sync = sync_now(worker_vault)
    teamleider_path.parent.mkdir(parents=True, exist_ok=True)
    with Vault.create(teamleider_path, passphrase, owner=TEAMLEIDER, kdf=kdf) as leader:
        Casework(leader).seed_default_programmes()
        enroll_device(leader, server.url, TEAMLEIDER, account(TEAMLEIDER).password)
        teamleider_sync = sync_now(leader)
    return LinkedDemo(server.url, teamleider_path, worker_sync, teamleider_sync)


def demo_guide(
    linked: LinkedDemo, worker_vault: Path, passphrase: str, shown: str, command: str = "koers"
) -> str:
    """What the terminal prints once the demo is up (English; synthetic data only). `shown`
    is the account whose window opens (WORKER or TEAMLEIDER); `command` is how to start
    koers for the second window."""
    other, other_path = (
        (TEAMLEIDER, linked.teamleider_vault) if shown == WORKER else (WORKER, worker_vault)
    )
    lines = [
        f"Demo server: {linked.server_url} (SQLite, 127.0.0.1 only; stops with this window)",
        f"Beheer console: {linked.console_url}  (the beheerder sets up a TOTP code at the "
        "first login)",
        "Demo accounts (synthetic demo only):",
    ]
    for demo in DEMO_ACCOUNTS:
        lines.append(
            f"  {demo.name:<7} {demo.role:<11} password {demo.password:<18} {demo.purpose}"
        )
    lines += [
        f"This window: {shown}'s laptop. Vault passphrase of both laptops: {passphrase}",
        f"{other}'s laptop in a second window (close it before this one):",
        f"  {command} open --vault {other_path}",
        "Close this window (or press Ctrl+C here) to stop the demo server.",
    ]
    return "\n".join(lines)
