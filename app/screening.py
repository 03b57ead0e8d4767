"""Risk screening (risicoscreening): the latest one drives the case's risk badge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import ValidationError, require_text
from app.vocabulary import LocationCode, RiskSituation

RECORD_TYPE = "screening"


@dataclass(frozen=True)
class RiskScreening:
    id: str
    case_id: str
    screened_on: date
    screened_by: str
    situation: RiskSituation
    location_code: LocationCode | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        require_text(self.screened_by, "screened_by", "wie de screening deed")
        # Coerce plain ints from callers; an invalid number raises a clear error.
        try:
            object.__setattr__(self, "situation", RiskSituation(int(self.situation)))
        except (ValueError, TypeError):
            raise ValidationError(
                "situation", "situation must be 1, 2, 3 or 4", "Kies situatie 1, 2, 3 of 4."
            ) from None
