"""ZRM (Zelfredzaamheid-Matrix) assessments: dated scores 1-5 per life domain.

A domain the worker did not score is stored as "niet gescoord" (None, JSON null), not left
out: a new assessment names every life domain (`require_every_domain`, checked by
Casework.add_zrm). Assessments stored before that rule may name fewer domains; they load
and draw as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import ValidationError, require, require_text
from app.vocabulary import LifeDomain

RECORD_TYPE = "zrm_assessment"
NOT_SCORED = None  # the stored value of a domain marked "niet gescoord"
NOT_SCORED_NL = "niet gescoord"
MIN_SCORE, MAX_SCORE = 1, 5
SCORE_LABELS_NL = {
    1: "acute problematiek",
    2: "niet zelfredzaam",
    3: "beperkt zelfredzaam",
    4: "voldoende zelfredzaam",
    5: "volledig zelfredzaam",
}


def is_score(value: object) -> bool:
    """Whether `value` is a ZRM score: an int (not a bool) from 1 to 5."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and MIN_SCORE <= value <= MAX_SCORE
    )


@dataclass(frozen=True)
class ZrmAssessment:
    """One dated assessment. `scores` maps a life domain to 1-5, or to None for a domain
    marked "niet gescoord". At least one domain carries a score. Raises ValidationError."""

    id: str
    case_id: str
    assessed_on: date
    assessed_by: str
    scores: dict[LifeDomain, int | None]
    notes: str = ""

    def __post_init__(self) -> None:
        require_text(self.assessed_by, "assessed_by", "wie de ZRM invulde")
        require(
            isinstance(self.scores, dict),
            "scores",
            "scores are a mapping of life domain to score",
            "Scoor minstens één leefgebied.",
        )
        for domain, score in self.scores.items():
            require(
                isinstance(domain, LifeDomain),
                "scores",
                f"unknown life domain {domain!r}",
                "Een ZRM-score hoort bij een leefgebied uit de lijst.",
            )
            require(
                score is NOT_SCORED or is_score(score),
                "scores",
                f"ZRM scores run from 1 to 5 (or niet gescoord); {domain.value} has {score!r}",
                f"Een ZRM-score ligt tussen 1 en 5 (of kies '{NOT_SCORED_NL}'); "
                f"controleer {domain.label}.",
            )
        require(
            any(score is not NOT_SCORED for score in self.scores.values()),
            "scores",
            "score at least one domain",
            "Scoor minstens één leefgebied.",
        )

    @property
    def scored(self) -> dict[LifeDomain, int]:
        """The domains that carry a score (niet gescoord and unnamed ones left out)."""
        return {d: s for d, s in self.scores.items() if s is not NOT_SCORED}


def require_every_domain(scores: dict[LifeDomain, int | None]) -> None:
    """A new assessment names all thirteen life domains, each 1-5 or niet gescoord.
    Raises ValidationError naming (in Dutch) the domains still empty."""
    missing = [d for d in LifeDomain if d not in scores]
    if missing:
        names = ", ".join(d.label for d in missing)
        raise ValidationError(
            "scores",
            "every life domain needs a score 1-5 or niet gescoord; missing: "
            + ", ".join(d.value for d in missing),
            f"Geef elk leefgebied een score van 1 tot 5 of kies '{NOT_SCORED_NL}'. "
            f"Nog leeg: {names}.",
        )


def zrm_trend(assessments: list[ZrmAssessment]) -> dict[LifeDomain, list[tuple[date, int]]]:
    """Per domain, the scores in date order: what the chart and the sheets draw. A domain
    marked niet gescoord leaves no point on that date (and no domain for a never-scored one)."""
    trend: dict[LifeDomain, list[tuple[date, int]]] = {}
    for assessment in sorted(assessments, key=lambda a: a.assessed_on):
        for domain, score in assessment.scores.items():
            if score is not NOT_SCORED:
                trend.setdefault(domain, []).append((assessment.assessed_on, score))
    return trend


def previous_scores(
    assessments: list[ZrmAssessment], before: date
) -> dict[LifeDomain, tuple[date, int]]:
    """Per domain, the latest score (and its date) of the assessments dated before `before`
    (the day itself excluded): what a new assessment shows beside each domain. A domain
    marked niet gescoord keeps the score it had before that; a domain never scored is absent.
    Of two assessments on one day, the later in the list wins."""
    latest: dict[LifeDomain, tuple[date, int]] = {}
    for assessment in sorted(assessments, key=lambda a: a.assessed_on):
        if assessment.assessed_on >= before:
            break
        for domain, score in assessment.scored.items():
            latest[domain] = (assessment.assessed_on, score)
    return latest
