"""Small timing helpers shared by the benchmark scripts (figures are printed, never asserted)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


def report(name: str, value: str, goal: str = "") -> None:
    print(f"{name:<48} {value:>14}   {goal}")
