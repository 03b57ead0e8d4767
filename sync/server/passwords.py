"""Account passwords, hashed with Argon2id through argon2-cffi (PHC strings).

argon2-cffi's binding may be called from many request threads at once (cryptography's
Argon2id deadlocked with two parallel calls of more than one lane: logins hung, then every
login answered 500 and the server ignored SIGTERM). At most PARALLEL_HASHES run at once (one
core is left for pulls and pushes), so a burst of logins costs at most that many times
MEMORY_KIB of memory.

Hashes stored before (`argon2id$memory$iterations$lanes$b64salt$b64digest`, written with
cryptography) still verify: they are read as the PHC string of the same hash, and
`needs_rehash` tells the login to store a fresh one.
"""

from __future__ import annotations

import base64
import os
import threading

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

# Read at each call (tests lower them for cheap hashing).
MEMORY_KIB, ITERATIONS, LANES = 65_536, 2, 2
PARALLEL_HASHES = max(1, (os.cpu_count() or 2) - 1)
_slots = threading.BoundedSemaphore(PARALLEL_HASHES)

_LEGACY = "argon2id$"


def _hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=ITERATIONS,
        memory_cost=MEMORY_KIB,
        parallelism=LANES,
        hash_len=32,
        salt_len=16,
        type=Type.ID,
    )


def hash_password(password: str) -> str:
    """A new Argon2id hash of `password` at the current parameters, as a PHC string
    (`$argon2id$v=19$m=...,t=...,p=...$salt$digest`)."""
    with _slots:
        return _hasher().hash(password)


def _as_phc(stored: str) -> str:
    """The PHC string of a stored hash; a hash in the old format is rewritten (same hash).
    Raises ValueError when the old format is malformed."""
    if not stored.startswith(_LEGACY):
        return stored
    _, memory, iterations, lanes, salt, digest = stored.split("$")

    def b64(text: str) -> str:
        return base64.b64encode(base64.b64decode(text, validate=True)).decode().rstrip("=")

    return (
        f"$argon2id$v=19$m={int(memory)},t={int(iterations)},p={int(lanes)}"
        f"${b64(salt)}${b64(digest)}"
    )


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` matches the stored hash (either format); False for a malformed one."""
    try:
        phc = _as_phc(stored)
        with _slots:
            return _hasher().verify(phc, password)
    except (VerificationError, InvalidHashError, ValueError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether a stored hash (already verified) is in the old format or made with other
    parameters than the current ones: the login stores a fresh hash then."""
    if stored.startswith(_LEGACY):
        return True
    try:
        return _hasher().check_needs_rehash(stored)
    except (InvalidHashError, ValueError):
        return True


# Verified against when the user does not exist, so both answers take the same time.
DUMMY_HASH = hash_password(os.urandom(16).hex())
