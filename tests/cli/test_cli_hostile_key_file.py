"""A key file that asks for Argon2id parameters beyond its bounds, or for numbers no key file
holds, is refused as damaged before any derivation: `koers` (which starts Argon2id ahead, on
a thread, as soon as it has read the key file) says so in one line and changes nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.cli.test_cli import assert_clean_error, koers
from tests.conftest import PASSPHRASE

HOSTILE = {
    "memory": ("memory_kib", "68719476736"),  # 64 TiB
    "iterations": ("iterations", "1000000000"),
    "lanes": ("lanes", "16777215"),
    "infinite memory": ("memory_kib", "1e999"),
    "infinite iterations": ("iterations", "1e999"),
}


@pytest.mark.parametrize("field,value", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_kdf_parameters_are_refused_in_one_line(
    tmp_path: Path, field: str, value: str
) -> None:
    path = tmp_path / "werk.koers"
    Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF).lock()
    key_path = path.with_name(path.name + ".key")
    data = json.loads(key_path.read_text())
    data["kdf"][field] = "VALUE"
    key_path.write_text(json.dumps(data).replace('"VALUE"', value))
    files = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, key_path)}
    for command in (("vault", "check"), ("cases",)):
        assert_clean_error(koers(*command, "--vault", str(path)), "key file")
    assert files == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_a_key_file_nested_too_deep_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "werk.koers"
    Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF).lock()
    path.with_name(path.name + ".key").write_text("[" * 100_000 + "]" * 100_000)
    assert_clean_error(koers("vault", "check", "--vault", str(path)), "key file")
