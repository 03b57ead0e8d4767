"""The ZRM trend as small multiples: one small chart per scored life domain, score 1-5
against date, all on the same date axis so they compare at a glance.

The window (ui/zrm_chart.py) and the PDFs (app/exports/chart.py) draw the same design from
these pure functions: which panels, how many columns fit, the shared date span and which
dates get a label. No Qt, no reportlab here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from app.vocabulary import LifeDomain
from app.zrm import MAX_SCORE, MIN_SCORE, ZrmAssessment, zrm_trend

# One date alone gets this much axis either side, so its point sits in the middle.
SINGLE_DATE_PAD = timedelta(days=15)


@dataclass(frozen=True)
class Panel:
    """One small chart: a life domain and its scores in date order (at least one)."""

    domain: LifeDomain
    points: tuple[tuple[date, int], ...]

    @property
    def latest(self) -> int:
        return self.points[-1][1]

    @property
    def change(self) -> int | None:
        """The latest score minus the one before it; None with one score."""
        return self.points[-1][1] - self.points[-2][1] if len(self.points) > 1 else None

    def summary_nl(self) -> str:
        """The panel in words (for a screen reader): "Huisvesting: 2, 3, 4"."""
        return f"{self.domain.label}: " + ", ".join(str(s) for _, s in self.points)


def panels(assessments: list[ZrmAssessment]) -> list[Panel]:
    """A panel per domain that has a score, in the order of the matrix (LifeDomain)."""
    trend = zrm_trend(assessments)
    return [Panel(d, tuple(trend[d])) for d in LifeDomain if trend.get(d)]


def date_span(found: list[Panel]) -> tuple[date, date]:
    """The first and last day of the shared date axis; one day alone is padded either side.
    Raises ValueError without panels."""
    days = [d for p in found for d, _ in p.points]
    first, last = min(days), max(days)
    if first == last:
        return first - SINGLE_DATE_PAD, last + SINGLE_DATE_PAD
    return first, last


def assessment_days(found: list[Panel]) -> list[date]:
    """Every assessment date of the panels, sorted, once each."""
    return sorted({d for p in found for d, _ in p.points})


def columns_for(
    count: int, width: float, height: float | None, min_width: float, ratio: float = 1.7
) -> int:
    """How many columns `count` panels get in a `width` (x `height`, when it is given) area:
    as few as give panels no wider than `ratio` times their height (or, without a height,
    no wider than needed to keep a readable `min_width`) and never narrower than
    `min_width`. At least 1."""
    if count <= 0:
        return 1
    most = max(1, min(count, int(width // max(1.0, min_width))))
    if height is None:
        return most
    for columns in range(1, most + 1):
        rows = math.ceil(count / columns)
        if (width / columns) <= ratio * (height / rows):
            return columns
    return most


def rows_for(count: int, columns: int) -> int:
    return max(1, math.ceil(count / max(1, columns)))


def score_fraction(score: float) -> float:
    """Where a score sits between the bottom (0.0, score 1) and top (1.0, score 5)."""
    return (score - MIN_SCORE) / (MAX_SCORE - MIN_SCORE)


def date_fraction(day: date, span: tuple[date, date]) -> float:
    """Where a day sits on the shared axis, 0.0 (first) to 1.0 (last)."""
    first, last = span
    total = max(1, (last - first).days)
    return (day - first).days / total


def change_text(change: int | None) -> str:
    """A score change as a reader scans it: "+1", "−2", "=" (nothing with one score)."""
    if change is None:
        return ""
    if change == 0:
        return "="
    return f"+{change}" if change > 0 else f"\u2212{-change}"
