"""A `koers` command loads only what it needs: `koers --version` answers without the vault,
the PDF stack, the network client or Qt, and `koers cases` lists the caseload without them
(issue "no wait a worker can feel"; bench/cli_start.py prints the times, this test guards
the imports that set them, not the times).

Each command runs in a fresh process through the `koers` entry point (ui.launcher:main) and
writes down the modules it had loaded when it finished, less those the bare interpreter of
this environment loads by itself (`site` and the .pth files of an install).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.casework import Casework
from app.synthetic import populate
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.commands import ROOT
from tests.conftest import PASSPHRASE

KOERS = """
import sys
from ui.launcher import main
try:
    main(sys.argv[2:])
finally:
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write("\\n".join(sorted(sys.modules)))
"""
BARE = """
import sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\\n".join(sorted(sys.modules)))
"""

# Never needed to list or to say the version: the window, the PDF and export stack, the
# de-identification library, the network client and the server, the wire models.
HEAVY = (
    "PySide6",
    "shiboken6",
    "ui.app",
    "ui.main_window",
    "reportlab",
    "pypdf",
    "app.exports",
    "deduce",
    "docdeid",
    "numpy",
    "pandas",
    "httpx",
    "truststore",
    "sync.client",
    "sync.protocol",
    "app.sync_service",
    "pydantic",
    "fastapi",
    "uvicorn",
    "starlette",
    "sqlalchemy",
    "psycopg",
    "alembic",
    "jinja2",
    "emoji",
    "bidi",
    "arabic_reshaper",
)

# `koers --version` prints a line: no vault, no domain, no file or JSON handling either.
NOT_FOR_VERSION = HEAVY + (
    "storage.vault",
    "storage.keys",
    "sqlcipher3",
    "sqlite_utils",
    "cryptography",
    "argon2",
    "app.casework",
    "app.caseload",
    "app.codec",
    "app.cli_import",
    "app.cli_team",
    "dataclasses",
    "json",
    "pathlib",
    "typing",
    "tempfile",
    "shutil",
)

# `koers cases` unlocks the vault and lists: not through Casework (every record type's
# checks, the emoji data) or RecordStore, no other command's module, and no sqlite-utils at
# all (nor what it brings: pluggy, click, dateutil): the vault is read and the access-log
# line written on the raw SQLCipher connection (storage/vault.py).
NOT_FOR_CASES = HEAVY + (
    "sqlite_utils",
    "storage.sqlite_import",
    "pluggy",
    "sqlite_fts4",
    "click",
    "dateutil",
    "storage.repository",
    "storage.journal",
    "tempfile",  # the key file's writer needs it, an unlock without failures does not
    "shutil",  # the backup copy needs it, an unlock with a recent backup does not
    "_strptime",  # backup names are read by hand (storage/backup.parse_stamp)
    "app.casework",
    "app.cli_import",
    "app.cli_team",
    "app.imports",
    "app.demo",
    "app.synthetic",
    "sync.embedded",
    "app.people",  # app.case loads it where a Case is made, which a listing never does
    "uuid",  # a vault or a migration that makes ids imports it
    "hashlib",  # app.caseload_store takes blake2b from _blake2: no OpenSSL library loaded
    "_hashlib",
    "threading",  # the page check's thread is a bare _thread one (storage/vault.py)
    "base64",  # the key file's base64 through binascii (storage/keyfile.py)
    # Argon2id through argon2-cffi's binding alone (storage/keys.py): the argon2 package's
    # import (dataclasses, inspect, platform) came before the derivation could start.
    "argon2",
)


def loaded_by(tmp_path: Path, *args: str, **env: str) -> set[str]:
    """The modules a `koers` command had loaded when it ended (it must succeed), less those
    a bare start of the interpreter loads."""
    return _modules(tmp_path, KOERS, *args, **env) - _modules(tmp_path, BARE)


def _modules(tmp_path: Path, code: str, *args: str, **env: str) -> set[str]:
    out = tmp_path / "modules.txt"
    result = subprocess.run(
        [sys.executable, "-c", code, str(out), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**_clean_environment(), **env},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(out.read_text(encoding="utf-8").split())


def _clean_environment() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("KOERS_")}


def found(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The `names` (packages count with their submodules) that `modules` holds."""
    return sorted(
        name for name in names if any(m == name or m.startswith(name + ".") for m in modules)
    )


def test_version_loads_no_vault_domain_or_export_stack(tmp_path: Path) -> None:
    modules = loaded_by(tmp_path, "--version")
    assert found(modules, NOT_FOR_VERSION) == []
    assert "app.cli" in modules  # the guard sees the command's own modules


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    path = tmp_path / "werk.koers"
    with Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF) as vault:
        casework = Casework(vault)
        casework.seed_default_programmes()
        populate(casework, 3)
    Vault.open(path, PASSPHRASE).lock()  # the first unlock's backup copy: a usual start makes none
    return path


def test_cases_lists_without_casework_export_or_network(tmp_path: Path, vault_path: Path) -> None:
    modules = loaded_by(
        tmp_path, "cases", "--vault", str(vault_path), "--json", KOERS_PASSPHRASE=PASSPHRASE
    )
    assert found(modules, NOT_FOR_CASES) == []
    assert {"storage.vault", "app.caseload"} <= modules


def test_storage_records_are_no_dataclasses() -> None:
    """The unlock makes no dataclass of its own: the key, key file, backup and access-log
    records are named tuples (a dataclass takes about 1 ms to make at every start)."""
    import dataclasses

    from storage.access_log import AccessEntry
    from storage.backup import Backup
    from storage.keyfile import KeyFile
    from storage.keys import KdfParams, WrappedKey

    records = (KdfParams, WrappedKey, KeyFile, Backup, AccessEntry)
    assert [c.__name__ for c in records if dataclasses.is_dataclass(c)] == []


def test_cases_on_a_day_reads_the_day_without_the_csv_imports(
    tmp_path: Path, vault_path: Path
) -> None:
    """--on reads the day as the imports do (app.day_text), without loading them."""
    modules = loaded_by(
        tmp_path,
        "cases",
        "--vault",
        str(vault_path),
        "--on",
        "01-12-2026",
        KOERS_PASSPHRASE=PASSPHRASE,
    )
    assert found(modules, NOT_FOR_CASES) == []
    assert "app.day_text" in modules
