"""The vault's Argon2id derivation (storage.keys) gives the bytes written down for a known
input, and the key files of existing vaults keep opening: a passphrase wraps and unwraps the
database key as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storage.errors import BackoffActive, NotAVault, WrongPassphrase
from storage.keyfile import KeyFile, read_key_file, write_key_file
from storage.keys import (
    TEST_KDF,
    KdfParams,
    _derive,
    derive_ahead,
    new_database_key,
    unwrap_key,
    wrap_key,
)

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


@pytest.mark.parametrize(
    "params", [(1024, 1, 1), (4096, 2, 2), (2048, 3, 4)], ids=["one-lane", "two-lanes", "four"]
)
def test_the_binding_gives_what_argon2_cffi_gives(params: tuple[int, int, int]) -> None:
    """storage.keys calls argon2-cffi's binding of argon2.h directly (a faster start): the
    same bytes as argon2-cffi's public hash_secret_raw, for the vault's own call."""
    from argon2.low_level import Type, hash_secret_raw

    kdf = KdfParams(*params)
    expected = hash_secret_raw(
        b"een zin als wachtwoord", SALT, time_cost=kdf.iterations, memory_cost=kdf.memory_kib,
        parallelism=kdf.lanes, hash_len=32, type=Type.ID,
    )  # fmt: skip
    assert _derive(b"een zin als wachtwoord", SALT, kdf) == expected


def test_a_derivation_started_ahead_unwraps_only_its_own_passphrase() -> None:
    """`koers` starts Argon2id before it has loaded the vault's modules (derive_ahead): the
    result serves only the same passphrase, salt and parameters; a wrong passphrase started
    ahead, or a right one after a wrong one, is answered as without it."""
    key = new_database_key()
    wrapped = wrap_key(key, b"eerste wachtwoord", TEST_KDF, b"vault-1")
    derive_ahead("eerste wachtwoord", wrapped)
    assert unwrap_key(wrapped, b"eerste wachtwoord", b"vault-1") == key
    derive_ahead("verkeerd wachtwoord", wrapped)
    with pytest.raises(WrongPassphrase):
        unwrap_key(wrapped, b"verkeerd wachtwoord", b"vault-1")
    derive_ahead("verkeerd wachtwoord", wrapped)
    assert unwrap_key(wrapped, b"eerste wachtwoord", b"vault-1") == key  # not the one ahead
    other = wrap_key(key, b"eerste wachtwoord", TEST_KDF, b"vault-1")  # another salt
    derive_ahead("eerste wachtwoord", wrapped)
    assert unwrap_key(other, b"eerste wachtwoord", b"vault-1") == key
    derive_ahead("   ", wrapped)  # refused by the unwrap, as always; nothing started


def test_a_derivation_ahead_leaves_the_backoff_as_it_was(vault_path: Path, clock) -> None:
    """Started ahead or not, a wrong passphrase counts as a failure and the wait after three
    holds for the right one too."""
    from storage.keyfile import key_path_for
    from storage.vault import Vault

    Vault.create(vault_path, "het-goede-wachtwoord", owner="t", kdf=TEST_KDF, clock=clock).lock()
    key_path = key_path_for(vault_path)
    for _ in range(3):
        derive_ahead("fout-fout-fout", read_key_file(key_path).wrapped)
        with pytest.raises(WrongPassphrase):
            Vault.open(vault_path, "fout-fout-fout", clock=clock)
    derive_ahead("het-goede-wachtwoord", read_key_file(key_path).wrapped)
    with pytest.raises(BackoffActive):
        Vault.open(vault_path, "het-goede-wachtwoord", clock=clock)
    assert read_key_file(key_path).failed_attempts == 3
