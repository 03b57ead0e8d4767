"""Account passwords, hashed with Argon2id (parameters stored in the hash text)."""

from __future__ import annotations

import base64
import hmac
import os

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MEMORY_KIB, ITERATIONS, LANES = 65_536, 2, 2


def _derive(password: str, salt: bytes, memory: int, iterations: int, lanes: int) -> bytes:
    return Argon2id(
        salt=salt, length=32, iterations=iterations, lanes=lanes, memory_cost=memory
    ).derive(password.encode("utf-8"))


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _derive(password, salt, MEMORY_KIB, ITERATIONS, LANES)
    return "$".join(
        (
            "argon2id",
            str(MEMORY_KIB),
            str(ITERATIONS),
            str(LANES),
            base64.b64encode(salt).decode(),
            base64.b64encode(digest).decode(),
        )
    )


def verify_password(password: str, stored: str) -> bool:
    try:
        name, memory, iterations, lanes, salt, digest = stored.split("$")
        if name != "argon2id":
            return False
        computed = _derive(
            password, base64.b64decode(salt), int(memory), int(iterations), int(lanes)
        )
        return hmac.compare_digest(computed, base64.b64decode(digest))
    except ValueError:
        return False


# Verified against when the user does not exist, so both answers take the same time.
DUMMY_HASH = hash_password(os.urandom(16).hex())
