"""The key file beside the vault: wrapped database key, KDF parameters, unlock backoff state.

Written atomically (a temp file of its own, fsync, rename) so a crash never leaves half a
key file and two writers never share a temp file. A read-modify-write of the file (the
failure counter of wrong passphrases, a new passphrase) holds `locked(key_path)`, so parallel
unlocks count every failure and never write over each other.
"""

from __future__ import annotations

import binascii  # what base64.b64encode / b64decode(validate=True) call, without base64
import contextlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from storage import filelock
from storage.errors import NotAVault
from storage.keys import KdfParams, WrappedKey

FORMAT = "koers-vault-key/1"
# Argon2id parameters a key file may ask for; beyond these it is damaged or made to hang the
# unlock (10^9 iterations) or exhaust memory, and is refused before any derivation.
MAX_MEMORY_KIB = 4 * 1024 * 1024  # 4 GiB
MAX_ITERATIONS = 100
MAX_LANES = 64
# Wrong passphrases before the unlock backoff begins (storage/vault.py backoff_seconds).
FREE_ATTEMPTS = 3


class KeyFile(NamedTuple):
    """What the key file holds (a named tuple: immutable, no dataclass to make at unlock)."""

    vault_id: str
    wrapped: WrappedKey
    db_salt: str = ""  # hex of the SQLCipher file salt: tells a key file of another vault
    failed_attempts: int = 0
    last_failed_at: float | None = None  # epoch seconds

    def with_failure(self, at: float) -> KeyFile:
        return self._replace(failed_attempts=self.failed_attempts + 1, last_failed_at=at)

    def with_success(self) -> KeyFile:
        return self._replace(failed_attempts=0, last_failed_at=None)


def key_path_for(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".key")


def lock_path_for(key_path: Path) -> Path:
    """The (empty) lock file beside a key file."""
    return key_path.with_name(key_path.name + ".lock")


@contextmanager
def locked(key_path: Path) -> Iterator[None]:
    """Hold the key file's lock (other processes and threads wait) for a read-modify-write.
    Not re-entrant: never take it twice in one thread."""
    with filelock.locked(lock_path_for(key_path)):
        yield


def leftovers(vault_path: Path) -> list[Path]:
    """Files beside the vault that belong to its key file: the lock file and temp files a
    crashed write left (a temp file holds the wrapped key too)."""
    key_path = key_path_for(vault_path)
    return [lock_path_for(key_path), *key_path.parent.glob(f".{key_path.name}.*.tmp")]


def _b64(data: bytes) -> str:
    return binascii.b2a_base64(data, newline=False).decode("ascii")


def _unb64(text: str) -> bytes:
    """Strict base64 (no other characters, right padding); binascii.Error (a ValueError)."""
    return binascii.a2b_base64(text.encode("ascii"), strict_mode=True)


def to_json(key_file: KeyFile) -> str:
    w = key_file.wrapped
    return json.dumps(
        {
            "format": FORMAT,
            "vault_id": key_file.vault_id,
            "db_salt": key_file.db_salt,
            "kdf": {
                "name": "argon2id",
                "memory_kib": w.kdf.memory_kib,
                "iterations": w.kdf.iterations,
                "lanes": w.kdf.lanes,
                "salt": _b64(w.salt),
            },
            "wrap": {
                "alg": "AES-256-GCM",
                "nonce": _b64(w.nonce),
                "ciphertext": _b64(w.ciphertext),
            },
            "failed_attempts": key_file.failed_attempts,
            "last_failed_at": key_file.last_failed_at,
        },
        indent=1,
    )


def from_json(text: str) -> KeyFile:
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError("format")
        kdf = data["kdf"]
        wrap = data["wrap"]
        wrapped = WrappedKey(
            salt=_unb64(kdf["salt"]),
            nonce=_unb64(wrap["nonce"]),
            ciphertext=_unb64(wrap["ciphertext"]),
            kdf=_sane_kdf(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])),
        )
        last = data.get("last_failed_at")
        return KeyFile(
            vault_id=str(data["vault_id"]),
            wrapped=wrapped,
            db_salt=str(data.get("db_salt", "")),
            failed_attempts=int(data.get("failed_attempts", 0)),
            last_failed_at=float(last) if last is not None else None,
        )
    # OverflowError: a number as 1e999 (int() of infinity); RecursionError: nesting deeper
    # than json.loads goes.
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
        raise NotAVault(
            "the key file is not a Koers key file or is damaged",
            "Het sleutelbestand is geen Koers-sleutelbestand of is beschadigd.",
        ) from exc


def _sane_kdf(memory_kib: int, iterations: int, lanes: int) -> KdfParams:
    """The parameters, when within bounds; ValueError (read as damage) otherwise."""
    if not (1 <= memory_kib <= MAX_MEMORY_KIB and 1 <= iterations <= MAX_ITERATIONS):
        raise ValueError("kdf parameters out of bounds")
    if not 1 <= lanes <= MAX_LANES:
        raise ValueError("kdf parameters out of bounds")
    return KdfParams(memory_kib=memory_kib, iterations=iterations, lanes=lanes)


def read_key_file(path: Path) -> KeyFile:
    if not path.exists():
        raise NotAVault(
            "no key file found next to the vault (expected <vault>.key)",
            "Het sleutelbestand naast de kluis ontbreekt.",
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NotAVault(
            "the key file cannot be read", "Het sleutelbestand kan niet worden gelezen."
        ) from exc
    return from_json(text)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Replace the key file at `path` atomically, 0600, through a temp file of its own."""
    import tempfile  # here: an unlock without a failure count to clear writes no key file

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            data = to_json(key_file).encode("utf-8")
            while data:
                data = data[os.write(fd, data) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
