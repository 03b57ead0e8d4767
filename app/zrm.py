"""ZRM (Zelfredzaamheid-Matrix) assessments: dated scores 1-5 per life domain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import require, require_text
from app.vocabulary import LifeDomain

RECORD_TYPE = "zrm_assessment"


@dataclass(frozen=True)
class ZrmAssessment:
    id: str
    case_id: str
    assessed_on: date
    assessed_by: str
    scores: dict[LifeDomain, int]
    notes: str = ""

    def __post_init__(self) -> None:
        require_text(self.assessed_by, "assessed_by", "wie de ZRM invulde")
        require(
            bool(self.scores),
            "scores",
            "score at least one domain",
            "Scoor minstens één leefgebied.",
        )
        for score in self.scores.values():
            require(
                isinstance(score, int) and not isinstance(score, bool) and 1 <= score <= 5,
                "scores",
                "ZRM scores run from 1 to 5",
                "Een ZRM-score ligt tussen 1 en 5.",
            )


def zrm_trend(assessments: list[ZrmAssessment]) -> dict[LifeDomain, list[tuple[date, int]]]:
    """Per domain, the scores in date order: what the chart and the sheets draw."""
    trend: dict[LifeDomain, list[tuple[date, int]]] = {}
    for assessment in sorted(assessments, key=lambda a: a.assessed_on):
        for domain, score in assessment.scores.items():
            trend.setdefault(domain, []).append((assessment.assessed_on, score))
    return trend
