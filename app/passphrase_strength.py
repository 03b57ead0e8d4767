"""A rough strength estimate for a new passphrase, shown while it is typed.

Not a guarantee, a nudge: length counts most (a sentence beats a short jumble), variety of
character classes a little, and obvious repeats or sequences cost.
"""

from __future__ import annotations

import math

from storage.keys import MIN_PASSPHRASE_LENGTH

# 0 te kort, 1 zwak, 2 redelijk, 3 goed, 4 sterk
LEVELS = 5


def estimated_bits(passphrase: str) -> float:
    if not passphrase:
        return 0.0
    pool = 0
    if any(c.islower() for c in passphrase):
        pool += 26
    if any(c.isupper() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isalnum() for c in passphrase):
        pool += 33
    distinct = len(set(passphrase))
    # Repeats and runs add little: count distinct characters more than raw length.
    effective = min(len(passphrase), distinct + (len(passphrase) - distinct) / 4)
    return effective * math.log2(max(pool, 2))


def strength_level(passphrase: str) -> int:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return 0
    bits = estimated_bits(passphrase)
    if bits < 40:
        return 1
    if bits < 60:
        return 2
    if bits < 80:
        return 3
    return 4
