"""The key file beside the vault: wrapped database key, KDF parameters, unlock backoff state.

Written atomically (temp file, fsync, rename) so a crash never leaves half a key file.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from storage.errors import NotAVault
from storage.keys import KdfParams, WrappedKey

FORMAT = "koers-vault-key/1"


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    wrapped: WrappedKey
    db_salt: str = ""  # hex of the SQLCipher file salt: tells a key file of another vault
    failed_attempts: int = 0
    last_failed_at: float | None = None  # epoch seconds

    def with_failure(self, at: float) -> KeyFile:
        return replace(self, failed_attempts=self.failed_attempts + 1, last_failed_at=at)

    def with_success(self) -> KeyFile:
        return replace(self, failed_attempts=0, last_failed_at=None)


def key_path_for(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".key")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


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
            kdf=KdfParams(
                memory_kib=int(kdf["memory_kib"]),
                iterations=int(kdf["iterations"]),
                lanes=int(kdf["lanes"]),
            ),
        )
        last = data.get("last_failed_at")
        return KeyFile(
            vault_id=str(data["vault_id"]),
            wrapped=wrapped,
            db_salt=str(data.get("db_salt", "")),
            failed_attempts=int(data.get("failed_attempts", 0)),
            last_failed_at=float(last) if last is not None else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise NotAVault(
            "the key file is not a Koers key file or is damaged",
            "Het sleutelbestand is geen Koers-sleutelbestand of is beschadigd.",
        ) from exc


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
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, to_json(key_file).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
