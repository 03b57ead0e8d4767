"""Pausing Python's cycle collector while many objects are made at once.

The collector walks every tracked object each time enough new ones have been made; a query
that makes thousands of rows, or a command's imports, would have it walk them all again and
again. Reference counting frees memory as ever meanwhile; cycles wait until the pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside the block, and on again after it if it was on before
    (a caller that had switched it off keeps it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
