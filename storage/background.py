"""One call run on a thread of its own, its result asked for later.

A bare `_thread` thread and a lock held while it runs: the threading module is not loaded
for it (about 1 ms at every `koers` start; tests/cli/test_start_imports.py). Used where a
`koers` command or an unlock overlaps two pieces of work: Argon2id with the imports
(storage.keys.derive_ahead, app/cli.py), the page check with the reading (storage/vault.py).
"""

from __future__ import annotations

import _thread
from collections.abc import Callable
from typing import Any


class Background:
    """`work(*args)` started at once on a thread of its own. `result()` waits for it and
    returns what it returned, or raises what it raised (each time it is asked). Raises what
    starting a thread raises (RuntimeError: none can be started)."""

    def __init__(self, work: Callable[..., Any], *args: Any) -> None:
        self._value: Any = None
        self._error: BaseException | None = None
        self._running = _thread.allocate_lock()
        self._running.acquire()
        try:
            _thread.start_new_thread(self._run, (work, args))
        except BaseException:
            self._running.release()
            raise

    def _run(self, work: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            self._value = work(*args)
        except BaseException as exc:  # noqa: BLE001 - raised in the caller, by result()
            self._error = exc
        finally:
            self._running.release()

    def result(self) -> Any:
        """What the work returned (waits for it); raises what it raised."""
        with self._running:
            pass
        if self._error is not None:
            raise self._error
        return self._value
