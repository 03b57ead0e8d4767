"""Key handling: a random 256-bit database key wrapped with AES-GCM under an Argon2id-derived key.

Changing the passphrase rewraps the database key; the database itself is never re-encrypted.
"""

from __future__ import annotations

import os
import unicodedata
from typing import NamedTuple

# The libraries' public APIs for the two primitives that guard the vault key: reaching into
# their private bindings would save about 5 ms of imports per `koers` start (measured) and
# tie the key handling to internals a library release may move.
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.errors import InvalidPassphrase, WrongPassphrase

DB_KEY_BYTES = 32
KEK_BYTES = 32  # the Argon2id output: the AES-256-GCM key that wraps the database key
MIN_PASSPHRASE_LENGTH = 8


class _Argon2id(NamedTuple):
    memory_kib: int
    iterations: int
    lanes: int


class KdfParams(_Argon2id):
    """Argon2id parameters; stored beside the wrapped key so they can be raised later.
    Immutable and compared by value: a named tuple, not a dataclass (every unlock makes these
    classes, and a dataclass takes about 1 ms to make). Raises ValueError for parameters
    Argon2id refuses."""

    __slots__ = ()

    def __new__(
        cls,
        memory_kib: int = 262_144,  # 256 MiB: about 0.5 s on the reference laptop
        iterations: int = 2,
        lanes: int = 2,
    ) -> KdfParams:
        if memory_kib < 8 * lanes or iterations < 1 or lanes < 1:
            raise ValueError("invalid Argon2id parameters")
        return super().__new__(cls, memory_kib, iterations, lanes)


DEFAULT_KDF = KdfParams()
# Cheap parameters for tests only; never used by the CLI or the desktop client.
TEST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)


class WrappedKey(NamedTuple):
    """The database key encrypted (AES-256-GCM) under the Argon2id key of the passphrase."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    kdf: KdfParams


def normalise_passphrase(passphrase: str, *, for_new: bool = False) -> bytes:
    """NFC-normalise and encode; reject empty or whitespace-only passphrases."""
    if passphrase is None or not passphrase.strip():
        raise InvalidPassphrase(
            "the passphrase is empty", "Vul een wachtwoord in; het mag niet leeg zijn."
        )
    if for_new and len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InvalidPassphrase(
            f"the passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters",
            f"Het wachtwoord moet minstens {MIN_PASSPHRASE_LENGTH} tekens lang zijn.",
        )
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def new_database_key() -> bytearray:
    return bytearray(os.urandom(DB_KEY_BYTES))


def _derive(passphrase: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    """The key-encryption key (KEK_BYTES bytes): Argon2id version 0x13 of `passphrase` and
    `salt` with `kdf`'s cost parameters."""
    # argon2-cffi, not cryptography's Argon2id: two parallel calls of that with more than one
    # lane deadlock (same bytes out: Argon2id version 0x13 either way).
    return hash_secret_raw(
        passphrase,
        salt,
        time_cost=kdf.iterations,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.lanes,
        hash_len=KEK_BYTES,
        type=Type.ID,
    )


def wrap_key(db_key: bytearray, passphrase: bytes, kdf: KdfParams, binding: bytes) -> WrappedKey:
    """Encrypt the database key; `binding` (the vault id) is authenticated, tying key to vault."""
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = _derive(passphrase, salt, kdf)
    ciphertext = AESGCM(kek).encrypt(nonce, bytes(db_key), binding)
    return WrappedKey(salt=salt, nonce=nonce, ciphertext=ciphertext, kdf=kdf)


def unwrap_key(wrapped: WrappedKey, passphrase: bytes, binding: bytes) -> bytearray:
    kek = _derive(passphrase, wrapped.salt, wrapped.kdf)
    try:
        return bytearray(AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, binding))
    except InvalidTag:
        raise WrongPassphrase() from None


def wipe(buffer: bytearray | None) -> None:
    """Overwrite a key buffer in place (best effort: Python may hold other copies)."""
    if buffer is not None:
        for i in range(len(buffer)):
            buffer[i] = 0
