"""Every file Koers makes is its user's only (0600; its folders 0700), whatever the umask it
was started with: the vault, its WAL and SHM, key file, lock file and backups on the laptop,
the SQLite database and its WAL and SHM on the server. Both through the library (explicit
modes) and through the entry points (`koers`, `koers-server` set umask 0o077)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storage.errors import WrongPassphrase
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.sync.server_harness import PASSWORD, LiveServer

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "laptop-wachtwoord"


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The umask most desktops start programs with: new files readable by everyone."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def modes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in sorted(folder.rglob("*"))
    }


def assert_private(folder: Path, *expected: str) -> None:
    found = modes(folder)
    assert set(expected) <= set(found), found
    for name, mode in found.items():
        wanted = "0o700" if (folder / name).is_dir() else "0o600"
        assert mode == wanted, (name, mode)


def test_the_vault_and_everything_beside_it_are_private(tmp_path: Path, open_umask) -> None:
    path = tmp_path / "werk.koers"
    vault = Vault.create(path, PASSPHRASE, owner="anna", kdf=TEST_KDF)
    with vault.transaction():
        vault.set_meta("probe", "1")
    assert_private(tmp_path, "werk.koers", "werk.koers-wal", "werk.koers-shm", "werk.koers.key")
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "een-fout-wachtwoord")  # the key file is written again
    vault = Vault.open(path, PASSPHRASE)  # makes a backup; resets the failure count
    vault.change_passphrase(PASSPHRASE, "nieuw-laptop-wachtwoord")
    with vault.transaction():
        vault.set_meta("probe", "2")
    assert_private(
        tmp_path,
        "werk.koers-wal",
        "werk.koers-shm",
        "werk.koers.key.lock",
        "werk.koers.backups",
    )
    assert list((tmp_path / "werk.koers.backups").iterdir())
    vault.lock()
    Vault.restore_backup(path, "nieuw-laptop-wachtwoord")
    assert any(".damaged-" in name for name in modes(tmp_path))
    assert_private(tmp_path, "werk.koers", "werk.koers.key")


def test_the_server_database_its_wal_and_shm_are_private(tmp_path: Path, open_umask) -> None:
    folder = tmp_path / "server"
    folder.mkdir(mode=0o700)
    live = LiveServer(f"sqlite:///{folder / 'server.db'}").start()
    try:
        live.add_user("anna")
        answer = httpx.post(
            f"{live.url}/v1/enroll",
            json={"user": "anna", "password": PASSWORD, "device_name": "t"},
            timeout=60,
        )
        assert answer.status_code == 200
        assert_private(folder, "server.db", "server.db-wal", "server.db-shm")
    finally:
        live.stop()


def _entry_point(module: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run(
        [sys.executable, "-c", f"from {module} import main; main()", *args],
        env={**os.environ, **env},
        cwd=ROOT,
        umask=0o022,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_koers_server_makes_its_files_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    done = _entry_point(
        "sync.server_cli",
        "user",
        "add",
        "anna",
        env={"XDG_DATA_HOME": str(data), "KOERS_PASSWORD": PASSWORD},
    )
    assert done.returncode == 0, done.stderr
    assert_private(data, "koers-server", "koers-server/server.db")


def test_koers_makes_its_files_private(tmp_path: Path) -> None:
    done = _entry_point(
        "ui.launcher",
        "demo",
        "--dir",
        str(tmp_path / "demo"),
        "--cases",
        "1",
        "--text",
        env={"KOERS_PASSPHRASE": PASSPHRASE},
    )
    assert done.returncode == 0, done.stderr
    assert_private(tmp_path, "demo", "demo/demo.koers", "demo/demo.koers.key")


@pytest.mark.parametrize("xdg", ["", "relative/share"], ids=["empty", "relative"])
def test_an_empty_or_relative_xdg_data_home_never_puts_data_in_the_current_folder(
    tmp_path: Path, xdg: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The XDG Base Directory Specification: an empty or relative $XDG_DATA_HOME is ignored.
    Taken as given, `XDG_DATA_HOME= koers-server user add` made ./koers-server/server.db in
    whatever folder the beheerder stood in (found by a new-user helper)."""
    from storage import xdg as xdg_module

    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir()
    here.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", "from sync.server_cli import main; main()", "user", "add", "anna"],
        env={
            **os.environ, "XDG_DATA_HOME": xdg, "HOME": str(home), "KOERS_PASSWORD": PASSWORD,
            "PYTHONPATH": str(ROOT),
        },
        cwd=here, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(here.iterdir()) == []
    assert (home / ".local" / "share" / "koers-server" / "server.db").is_file()
    monkeypatch.setenv("XDG_DATA_HOME", xdg)  # the laptop's default vault folder too
    from app.paths import user_data_dir

    assert user_data_dir() == xdg_module.data_home() / "koers"
    assert user_data_dir().is_absolute()
