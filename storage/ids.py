"""Ids that sort by the time they were made: UUIDv7 (RFC 9562, section 5.7).

Unique like any UUID (74 random bits per millisecond), and time-ordered: a record or change
made now sorts after those made before, so the server's indexes on record ids and change ids
grow at their end instead of at random places. A push then writes the same few index pages
however much the server already holds (RFC 9562 section 2.1 gives this as the reason for
version 7; bench/sync_fill.py measures it).

What an id reveals is the millisecond it was made. For a change that is its HLC's time. For a
record it is when the record's form was opened (a form's draft id becomes the record's id, so
a saved retry is the same record): for an intake often the first call with the client, a time
no stamp holds. Ids appear in no export (no handover pack, teamkracht sheet or overview) and
in no file name; the server, the beheer console's access log and colleagues holding the case
see them, all inside the organisation, none of whom the time identifies a client to.
"""

from __future__ import annotations

import os
import time

_VERSION_7 = 0x7 << 76
_VARIANT = 0x2 << 62
_RANDOM_BITS = ((1 << 80) - 1) & ~(0xF << 76) & ~(0x3 << 62)


def uuid7s(count: int, now_ms: int | None = None, noise: bytes | None = None) -> list[str]:
    """`count` UUIDv7s as canonical text ('0192f3a4-...'), made at `now_ms` (Unix time in ms;
    default now) with random bits from `noise` (10 bytes per id; default one read of the OS
    random source). Ids of one call share their millisecond and differ in their random bits.
    Raises ValueError for a `now_ms` outside 48 bits or too little noise."""
    ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    if not 0 <= ms < 1 << 48:
        raise ValueError("uuid7s needs a time in ms since 1970 that fits 48 bits")
    stamp = ms << 80
    noise = os.urandom(10 * count) if noise is None else noise
    if len(noise) < 10 * count:
        raise ValueError("uuid7s needs 10 bytes of noise per id")
    ids = []
    for i in range(count):
        value = stamp | _VERSION_7 | _VARIANT
        value |= int.from_bytes(noise[10 * i : 10 * i + 10], "big") & _RANDOM_BITS
        h = f"{value:032x}"
        ids.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return ids


def uuid7() -> str:
    """One UUIDv7 made now (see uuid7s)."""
    return uuid7s(1)[0]
