"""The de-identification worker: a process of its own that holds the library.

The library takes ~1.1 GB and several seconds to load (figures: bench/deidentify.py). It runs
in a child process (multiprocessing, spawn: the same on Windows, macOS and Linux, and safe
beside Qt's threads), so the window's memory does not grow and the window never waits on it.

Lifetime (measured, see the module `DeidentifyWorker`): the process is started when a sheet
is asked for (the window starts it as soon as the export dialog opens, so loading overlaps
choosing a file), then stays for the session while idle so that later sheets take well
under 3 s; it ends after IDLE_SECONDS without work, when the session locks, when Koers quits
(atexit), and when its parent dies (its pipe closes).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path

from app.exports.deidentify import CaseVocabulary, DeidentifiedText, deidentify
from storage.errors import KoersError

IDLE_SECONDS = 600.0  # a worker idle this long ends itself; the next sheet starts a new one
ANSWER_SECONDS = 1800.0  # a first load that builds the cache took 517 s on a busy machine


class DeidentifyError(KoersError):
    """The de-identification could not run; nothing is written."""


def _serve(
    connection: Connection, cache: str | None, idle_seconds: float, library: bool = True
) -> None:
    """The child's loop: load the library, say "ready", answer requests until idle or told.
    `library` False runs Koers' own detectors alone (tests of the process's lifetime)."""
    started = time.perf_counter()
    spans = None
    try:
        if library:
            from app.exports.deduce_engine import LibraryDetector  # noqa: PLC0415

            spans = LibraryDetector(_load(cache)).spans
    except Exception as error:  # noqa: BLE001 (reported to the parent, no text of the case)
        connection.send(("failed", type(error).__name__))
        return
    connection.send(("ready", time.perf_counter() - started))
    while True:
        try:
            if not connection.poll(idle_seconds):
                return  # idle: free the memory; the parent starts a new worker if needed
            message = connection.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message[0] == "quit":
            return
        _, texts, vocabulary = message
        began = time.perf_counter()
        try:
            results = deidentify(texts, vocabulary, spans)
        except Exception as error:  # noqa: BLE001
            connection.send(("failed", type(error).__name__))
            continue
        connection.send(("done", results, time.perf_counter() - began))


def _load(cache: str | None):  # -> Deduce
    from app.exports.deduce_engine import load_library  # noqa: PLC0415

    return load_library(Path(cache) if cache else None)


class DeidentifyWorker:
    """A child process holding the library. Thread-safe: one request at a time.

    `start()` begins loading without waiting; `deidentify(texts, vocabulary)` waits for the
    load (first time) and the answer; `close()` ends the process. Figures of the last run are
    in `load_seconds` and `last_seconds`, the child's pid in `pid` (None when not running)."""

    def __init__(
        self, cache: Path | None = None, idle_seconds: float = IDLE_SECONDS, library: bool = True
    ) -> None:
        self.cache = cache
        self.idle_seconds = idle_seconds
        self.library = library
        self.load_seconds: float | None = None
        self.last_seconds: float | None = None
        self._lock = threading.RLock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._ready = False
        self._closing = False

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    @property
    def running(self) -> bool:
        return self.pid is not None

    def start(self) -> None:
        """Start the child (and its loading) if it is not running; returns at once, also
        while another thread waits on the worker (it is running then)."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            self._start()
        finally:
            self._lock.release()

    def _start(self) -> None:
        with self._lock:
            if self._process is not None and self._process.is_alive():
                return
            self._discard()
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            cache = os.fspath(self.cache) if self.cache is not None else None
            process = context.Process(
                target=_serve,
                args=(child, cache, self.idle_seconds, self.library),
                name="koers-deidentify",
                daemon=True,
            )
            process.start()
            child.close()
            self._process, self._connection, self._ready = process, parent, False

    def deidentify(
        self, texts: Sequence[str], vocabulary: CaseVocabulary
    ) -> list[DeidentifiedText]:
        """Each text de-identified by the library and Koers' detectors (deidentify.py).

        Raises DeidentifyError when the worker cannot load or answer."""
        with self._lock:
            self._closing = False
            for attempt in (1, 2):
                self._start()
                try:
                    return self._ask(list(texts), vocabulary)
                except (EOFError, BrokenPipeError, ConnectionResetError, OSError):
                    # It ended itself (idle) just as we asked: once more with a new one;
                    # not when the session closed it (lock, quit).
                    self._discard()
                    if attempt == 2 or self._closing:
                        break
            raise DeidentifyError(
                "the de-identification worker stopped; nothing was written",
                "Het verwijderen van namen is mislukt; er is niets opgeslagen.",
            )

    def _ask(self, texts: list[str], vocabulary: CaseVocabulary) -> list[DeidentifiedText]:
        connection = self._connection
        assert connection is not None
        if not self._ready:
            self._wait_ready(connection)
        connection.send(("deidentify", texts, vocabulary))
        answer = self._receive(connection)
        if answer[0] != "done":
            raise DeidentifyError(
                f"de-identification failed ({answer[1]}); nothing was written",
                "Het verwijderen van namen is mislukt; er is niets opgeslagen.",
            )
        self.last_seconds = answer[2]
        return answer[1]

    def _wait_ready(self, connection: Connection) -> None:
        answer = self._receive(connection)
        if answer[0] != "ready":
            self._discard()
            raise DeidentifyError(
                f"the de-identification library could not load ({answer[1]})",
                "De lijst met namen en plaatsen kon niet worden geladen; er is niets opgeslagen.",
            )
        self.load_seconds, self._ready = answer[1], True

    def _receive(self, connection: Connection) -> tuple:
        if not connection.poll(ANSWER_SECONDS):
            self._discard()
            raise DeidentifyError(
                "the de-identification worker did not answer; nothing was written",
                "Het verwijderen van namen duurde te lang; er is niets opgeslagen.",
            )
        return connection.recv()

    def close(self) -> None:
        """End the child (its memory is freed) without waiting for a request in flight:
        that request fails with DeidentifyError. A later request starts a new child."""
        self._closing = True
        process = self._process
        if process is not None and process.is_alive():
            process.terminate()
        if self._lock.acquire(blocking=False):
            try:
                self._discard()
            finally:
                self._lock.release()

    def _discard(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        self._ready = False
        if connection is not None:
            connection.close()
        if process is not None:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)


_shared: DeidentifyWorker | None = None
_shared_lock = threading.Lock()


def shared_worker() -> DeidentifyWorker:
    """The one worker of this Koers process (the window, a CLI command, a test session)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = DeidentifyWorker()
            atexit.register(_shared.close)
        return _shared


def close_shared_worker() -> None:
    """End the shared worker if it runs (on lock and quit)."""
    with _shared_lock:
        worker = _shared
    if worker is not None:
        worker.close()
