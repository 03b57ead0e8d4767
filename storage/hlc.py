"""Hybrid logical clock: wall-clock milliseconds + counter + device id, sortable as text.

Higher text wins a same-field conflict; equal times are broken by the device id, so every
device reaches the same answer without talking to the others.

The text is fixed-width (15 digits of ms, 5 of counter: sync/protocol.HLC_PATTERN), so a
stamp can never outgrow the wire format: a counter that would pass 99999 moves the wall part
on by 1 ms instead, and a stamp too far ahead of the clock's own time (another laptop's clock
in the year 2300) is never adopted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_WALL_MS = 10**15 - 1  # 15 digits
MAX_COUNTER = 99_999  # 5 digits
# How far ahead of a laptop's (server-corrected) time a received stamp may be and still move
# its clock; the server refuses changes stamped further ahead of its own time
# (sync/server/clock.MAX_AHEAD_MS, the same number: tested).
MAX_AHEAD_MS = 5 * 60 * 1000
_TEXT = re.compile(r"[0-9]{15}:[0-9]{5}:[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True, order=True)
class Hlc:
    """One stamp: `wall_ms` (ms since the epoch, 0..MAX_WALL_MS), `counter` (0..MAX_COUNTER),
    `device_id` (the clock id of the device that made it). Raises ValueError out of range."""

    wall_ms: int
    counter: int
    device_id: str

    def __post_init__(self) -> None:
        if not 0 <= self.wall_ms <= MAX_WALL_MS or not 0 <= self.counter <= MAX_COUNTER:
            raise ValueError("clock stamp out of range of the wire format")

    def encode(self) -> str:
        """The stamp as sortable text: 15 digits ':' 5 digits ':' device id."""
        return f"{self.wall_ms:015d}:{self.counter:05d}:{self.device_id}"

    @staticmethod
    def decode(text: str) -> Hlc:
        """Parse `encode`'s text; ValueError (no value in its message) for anything else."""
        if not isinstance(text, str) or _TEXT.fullmatch(text) is None:
            raise ValueError("malformed clock stamp: expected 15 digits, 5 digits and a device id")
        wall, counter, device = text.split(":", 2)
        return Hlc(int(wall), int(counter), device)

    def successor(self, device_id: str) -> Hlc:
        """The smallest stamp of `device_id` after this one (wall part, then counter)."""
        wall, counter = _after(self.wall_ms, self.counter)
        return Hlc(wall, counter, device_id)


def _after(wall_ms: int, counter: int) -> tuple[int, int]:
    """The next (wall, counter) pair: the counter carries into the wall part at its limit."""
    if counter < MAX_COUNTER:
        return wall_ms, counter + 1
    if wall_ms >= MAX_WALL_MS:
        raise ValueError("the clock has reached the end of the wire format")
    return wall_ms + 1, 0


def ceiling_text(now_ms: int) -> str:
    """Text that every stamp at most MAX_AHEAD_MS ahead of `now_ms` sorts below, and every
    stamp further ahead sorts above (stamps compare as text)."""
    return f"{now_ms + MAX_AHEAD_MS + 1:015d}"


class HybridLogicalClock:
    """A device's clock. `now_ms` arguments are the device's best idea of the time in ms
    (the vault passes its own clock corrected by the offset learnt from the server)."""

    def __init__(self, device_id: str, last: Hlc | None = None) -> None:
        self.device_id = device_id
        self._wall_ms = last.wall_ms if last else 0
        self._counter = last.counter if last else 0

    @property
    def last(self) -> Hlc:
        """The stamp the clock stands at."""
        return Hlc(self._wall_ms, self._counter, self.device_id)

    def tick(self, now_ms: int) -> Hlc:
        """Stamp a local event: never goes backwards, even when the wall clock does."""
        if now_ms > self._wall_ms:
            self._wall_ms, self._counter = now_ms, 0
        else:
            self._wall_ms, self._counter = _after(self._wall_ms, self._counter)
        return self.last

    def catch_up(self, stored: Hlc) -> None:
        """Continue after a stamp persisted by another connection to the same vault."""
        if (stored.wall_ms, stored.counter) > (self._wall_ms, self._counter):
            self._wall_ms, self._counter = stored.wall_ms, stored.counter

    def observe(self, remote: Hlc, now_ms: int) -> Hlc:
        """Merge a received stamp so later local events sort after it.

        A stamp more than MAX_AHEAD_MS ahead of `now_ms` is not believed: the clock moves on
        as for a local event and does not adopt it (one laptop's clock in the year 2300 must
        not drag every other laptop's stamps there, or past the wire format's end)."""
        if remote.wall_ms > now_ms + MAX_AHEAD_MS:
            return self.tick(now_ms)
        wall = max(self._wall_ms, remote.wall_ms, now_ms)
        if wall == self._wall_ms == remote.wall_ms:
            wall, counter = _after(wall, max(self._counter, remote.counter))
        elif wall == self._wall_ms:
            wall, counter = _after(wall, self._counter)
        elif wall == remote.wall_ms:
            wall, counter = _after(wall, remote.counter)
        else:
            counter = 0
        self._wall_ms, self._counter = wall, counter
        return self.last
