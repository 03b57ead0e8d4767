"""Key handling: a random 256-bit database key wrapped with AES-GCM under an Argon2id-derived key.

Changing the passphrase rewraps the database key; the database itself is never re-encrypted.
"""

from __future__ import annotations

import os
import unicodedata
from typing import NamedTuple

# Argon2id through argon2-cffi's binding of the reference C library (the package
# argon2-cffi-bindings: its `argon2_hash` is argon2.h's, which argon2.low_level calls too):
# the argon2 package's own import (dataclasses, inspect, typing, platform) took 50 ms of every
# `koers` start before Argon2id could begin, the binding 2 ms (`python -X importtime`);
# tests/storage/test_vault_kdf.py holds the two to the same bytes. AES-GCM (cryptography,
# about 35 ms to import) loads while Argon2id runs (`load_cipher`, app/cli.py) or at the
# first wrap or unwrap.
from _argon2_cffi_bindings import ffi as _ffi
from _argon2_cffi_bindings import lib as _argon2

from storage.background import Background
from storage.errors import InvalidPassphrase, WrongPassphrase

ARGON2ID = 2  # argon2.h: Argon2_id
ARGON2_VERSION = 0x13

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


# At most one derivation started ahead, under the (passphrase, salt, parameters) it is for.
_ahead: dict[tuple[bytes, bytes, KdfParams], Background] = {}


def derive_ahead(passphrase: str, wrapped: WrappedKey) -> None:
    """Start the Argon2id derivation that unwrapping `wrapped` with `passphrase` will need,
    on a thread, and return at once: the next `unwrap_key` (Vault.open) with the same
    passphrase, salt and parameters takes its result instead of deriving again. For a
    command that knows its passphrase and key file before it has loaded the modules that
    open the vault (`koers` commands): they load while Argon2id runs, which keeps part of a
    core free (its lanes wait on memory). The derivation of a wrong passphrase yields a key
    that fails to unwrap, counted as a failure there as always; the backoff is Vault.open's,
    before it unwraps. The passphrase is held (normalised, in memory) until that unwrap
    takes it or the process ends. A passphrase `normalise_passphrase` refuses starts
    nothing (the unwrap refuses it). Raises nothing."""
    try:
        secret = normalise_passphrase(passphrase)
    except InvalidPassphrase:
        return
    _ahead.clear()
    _ahead[(secret, wrapped.salt, wrapped.kdf)] = Background(
        _argon2id, secret, wrapped.salt, wrapped.kdf
    )


def _derive(passphrase: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    """The key-encryption key (KEK_BYTES bytes): Argon2id version 0x13 of `passphrase` and
    `salt` with `kdf`'s cost parameters; the one `derive_ahead` started for these three,
    if it did."""
    ahead = _ahead.pop((passphrase, salt, kdf), None)
    if ahead is not None:
        try:
            return bytes(ahead.result())
        except Exception:  # noqa: BLE001, S110 - derived again below, where the error is met
            pass
    return _argon2id(passphrase, salt, kdf)


def _argon2id(passphrase: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    """Argon2id version 0x13 (RFC 9106), KEK_BYTES bytes out, `kdf.lanes` threads. Raises
    ValueError with the library's reason for parameters it refuses."""
    # argon2-cffi, not cryptography's Argon2id: two parallel calls of that with more than one
    # lane deadlock (same bytes out: Argon2id version 0x13 either way).
    out = _ffi.new("uint8_t[]", KEK_BYTES)
    status = _argon2.argon2_hash(
        kdf.iterations,
        kdf.memory_kib,
        kdf.lanes,
        _ffi.new("uint8_t[]", passphrase),
        len(passphrase),
        _ffi.new("uint8_t[]", salt),
        len(salt),
        out,
        KEK_BYTES,
        _ffi.NULL,
        0,
        ARGON2ID,
        ARGON2_VERSION,
    )
    if status != _argon2.ARGON2_OK:
        reason = _ffi.string(_argon2.argon2_error_message(status)).decode("ascii", "replace")
        raise ValueError(f"Argon2id refused: {reason}")
    return bytes(_ffi.buffer(out, KEK_BYTES))


def load_cipher() -> None:
    """Import AES-GCM now (what wrap_key and unwrap_key import at their first call): for a
    caller that has time while Argon2id runs (`koers` commands)."""
    import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401


def wrap_key(db_key: bytearray, passphrase: bytes, kdf: KdfParams, binding: bytes) -> WrappedKey:
    """Encrypt the database key; `binding` (the vault id) is authenticated, tying key to vault."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    kek = _derive(passphrase, salt, kdf)
    ciphertext = AESGCM(kek).encrypt(nonce, bytes(db_key), binding)
    return WrappedKey(salt=salt, nonce=nonce, ciphertext=ciphertext, kdf=kdf)


def unwrap_key(wrapped: WrappedKey, passphrase: bytes, binding: bytes) -> bytearray:
    """The database key of `wrapped`; raises WrongPassphrase when `passphrase` (normalised)
    or `binding` is not the one it was wrapped with."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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
