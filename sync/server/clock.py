"""The server's time is the authority: a stamp ahead of it is refused at the door.

Laptops stamp changes with a hybrid logical clock (storage/hlc.py) whose wall part comes
from the laptop's own clock, corrected by the offset it learns from the server at each sync.
"""

from __future__ import annotations

import time

# How far ahead of the server's time a stamp may be (clock drift between two syncs); the
# laptop's clock never adopts a stamp further ahead either (one number for both ends).
from storage.hlc import MAX_AHEAD_MS


def now_ms() -> int:
    """The server's time in ms since the epoch."""
    return int(time.time() * 1000)


def check_stamp(hlc: str, now: float) -> str | None:
    """The reason the HLC text `hlc` is refused at server time `now` (epoch s), or None."""
    wall_ms = int(hlc.split(":", 1)[0])
    ahead_ms = wall_ms - int(now * 1000)
    if ahead_ms > MAX_AHEAD_MS:
        return (
            f"the change is stamped {ahead_ms // 1000} s ahead of the server's time; "
            f"at most {MAX_AHEAD_MS // 1000} s are allowed"
        )
    return None
