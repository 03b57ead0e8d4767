"""Hybrid logical clock: wall-clock milliseconds + counter + device id, sortable as text.

Higher text wins a same-field conflict; equal times are broken by the device id, so every
device reaches the same answer without talking to the others.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Hlc:
    wall_ms: int
    counter: int
    device_id: str

    def encode(self) -> str:
        return f"{self.wall_ms:015d}:{self.counter:05d}:{self.device_id}"

    @staticmethod
    def decode(text: str) -> Hlc:
        wall, counter, device = text.split(":", 2)
        return Hlc(int(wall), int(counter), device)


class HybridLogicalClock:
    def __init__(self, device_id: str, last: Hlc | None = None) -> None:
        self.device_id = device_id
        self._wall_ms = last.wall_ms if last else 0
        self._counter = last.counter if last else 0

    def tick(self, now_ms: int) -> Hlc:
        """Stamp a local event: never goes backwards, even when the wall clock does."""
        if now_ms > self._wall_ms:
            self._wall_ms, self._counter = now_ms, 0
        else:
            self._counter += 1
        return Hlc(self._wall_ms, self._counter, self.device_id)

    def catch_up(self, stored: Hlc) -> None:
        """Continue after a stamp persisted by another connection to the same vault."""
        if (stored.wall_ms, stored.counter) > (self._wall_ms, self._counter):
            self._wall_ms, self._counter = stored.wall_ms, stored.counter

    def observe(self, remote: Hlc, now_ms: int) -> Hlc:
        """Merge a received stamp so later local events sort after it."""
        wall = max(self._wall_ms, remote.wall_ms, now_ms)
        if wall == self._wall_ms == remote.wall_ms:
            counter = max(self._counter, remote.counter) + 1
        elif wall == self._wall_ms:
            counter = self._counter + 1
        elif wall == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        self._wall_ms, self._counter = wall, counter
        return Hlc(wall, counter, self.device_id)
