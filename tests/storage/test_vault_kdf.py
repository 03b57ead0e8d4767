"""The vault's Argon2id derivation (storage.keys) gives the bytes written down for a known
input, and the key files of existing vaults keep opening: a passphrase wraps and unwraps the
database key as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storage.errors import NotAVault, WrongPassphrase
from storage.keyfile import KeyFile, read_key_file, write_key_file
from storage.keys import TEST_KDF, KdfParams, _derive, new_database_key, unwrap_key, wrap_key

SALT = bytes(range(16))


def test_a_known_argon2id_vector() -> None:
    # RFC 9106's Argon2id example uses a secret and associated data, which the vault does
    # not; this is argon2-cffi 23's output for the vault's own call, written down so that a
    # change on both sides at once is caught too.
    kdf = KdfParams(memory_kib=1024, iterations=1, lanes=1)
    assert _derive(b"password", b"somesalt" * 2, kdf).hex() == (
        "16253e23a29b20d7c7a0c05f9150e74baaa6cf1832edc838d484fc250a02bef9"
    )


def test_wrapped_key_unwraps_only_with_its_passphrase() -> None:
    key = new_database_key()
    wrapped = wrap_key(key, b"eerste wachtwoord", TEST_KDF, b"vault-1")
    assert unwrap_key(wrapped, b"eerste wachtwoord", b"vault-1") == key
    with pytest.raises(WrongPassphrase):
        unwrap_key(wrapped, b"ander wachtwoord", b"vault-1")
    with pytest.raises(WrongPassphrase):
        unwrap_key(wrapped, b"eerste wachtwoord", b"vault-2")


@pytest.mark.parametrize("params", [(8, 1, 2), (1024, 0, 1), (1024, 1, 0)])
def test_parameters_argon2id_refuses_are_refused(params: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError):
        KdfParams(*params)


def test_key_file_round_trip_and_a_refused_parameter(tmp_path: Path) -> None:
    wrapped = wrap_key(new_database_key(), b"eerste wachtwoord", TEST_KDF, b"vault-1")
    key_file = KeyFile(vault_id="vault-1", wrapped=wrapped, db_salt="ab").with_failure(5.0)
    path = tmp_path / "werk.koers.key"
    write_key_file(path, key_file)
    assert read_key_file(path) == key_file
    assert read_key_file(path).with_success().failed_attempts == 0
    data = json.loads(path.read_text())
    data["kdf"]["memory_kib"] = 8  # below Argon2id's 8 KiB per lane for two lanes
    data["kdf"]["lanes"] = 2
    path.write_text(json.dumps(data))
    with pytest.raises(NotAVault):
        read_key_file(path)


@pytest.mark.parametrize(
    "salt", ["AAAA AAAA", "AAAA!AAA", "AAAAAAA", "AAAAAA=A"], ids=["space", "odd", "short", "pad"]
)
def test_key_file_with_loose_base64_is_refused(tmp_path: Path, salt: str) -> None:
    """The key file's base64 is read strictly, as base64.b64decode(validate=True) reads it."""
    import base64
    import binascii

    with pytest.raises(binascii.Error):
        base64.b64decode(salt, validate=True)
    wrapped = wrap_key(new_database_key(), b"eerste wachtwoord", TEST_KDF, b"vault-1")
    path = tmp_path / "werk.koers.key"
    write_key_file(path, KeyFile(vault_id="vault-1", wrapped=wrapped))
    data = json.loads(path.read_text())
    assert base64.b64decode(data["kdf"]["salt"], validate=True) == wrapped.salt
    data["kdf"]["salt"] = salt
    path.write_text(json.dumps(data))
    with pytest.raises(NotAVault):
        read_key_file(path)
