"""An exclusive lock on a lock file, between processes and between threads of one process.

POSIX: flock on a descriptor of its own (each `locked` opens the file anew, so two threads
exclude each other too). Windows: msvcrt.locking of the file's first byte. The lock goes
with the descriptor: a process that dies releases it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_WINDOWS_RETRY_S = 0.02


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock on `path` (created empty, 0600, when missing) for the block;
    waits while another holder has it. Raises OSError when the file cannot be opened."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _acquire(fd)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _acquire(fd: int) -> None:
        while True:
            os.lseek(fd, 0, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(_WINDOWS_RETRY_S)

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _acquire(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
