"""Risk screening (risicoscreening): the latest one drives the case's risk badge, and the
programme's contra-indications are flagged against it, never silently accepted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.errors import ValidationError, enum_value, require_date, require_text
from app.vocabulary import LocationCode, RiskSituation

RECORD_TYPE = "screening"


class ContraIndication(StrEnum):
    """A reason a programme does not fit the screened situation (DOMAIN.md, Programmes):
    Take a Break is offered at situatie 3 and not for human trafficking or honour-based
    violence; Moviera in de wijk needs no code rood for the home's location."""

    TAB_NOT_SITUATION_3 = "tab_niet_situatie_3"
    TAB_TRAFFICKING = "tab_mensenhandel"
    TAB_HONOUR_BASED = "tab_eergerelateerd"
    MOVIERA_CODE_ROOD = "moviera_code_rood"

    @property
    def message_nl(self) -> str:
        return CONTRA_INDICATION_TEXTS[self]

    @property
    def message_en(self) -> str:
        return CONTRA_INDICATION_EN[self]


CONTRA_INDICATION_TEXTS = {
    ContraIndication.TAB_NOT_SITUATION_3: "Take a Break is bedoeld voor situatie 3.",
    ContraIndication.TAB_TRAFFICKING: "Take a Break is niet bedoeld bij mensenhandel.",
    ContraIndication.TAB_HONOUR_BASED: "Take a Break is niet bedoeld bij eergerelateerd geweld.",
    ContraIndication.MOVIERA_CODE_ROOD: (
        "Moviera in de wijk is niet bedoeld bij code rood voor de locatie van de woning."
    ),
}
CONTRA_INDICATION_EN = {
    ContraIndication.TAB_NOT_SITUATION_3: "Take a Break is meant for situation 3",
    ContraIndication.TAB_TRAFFICKING: "Take a Break is not for human trafficking",
    ContraIndication.TAB_HONOUR_BASED: "Take a Break is not for honour-based violence",
    ContraIndication.MOVIERA_CODE_ROOD: "Moviera in de wijk is not for code rood",
}


@dataclass(frozen=True)
class RiskScreening:
    """One screening: situatie 1-4, location code, notes, the trafficking and honour-based
    violence flags, and the contra-indications the worker went on despite (with the reason
    why). Raises ValidationError for a bad situation or an empty 'by whom'."""

    id: str
    case_id: str
    screened_on: date
    screened_by: str
    situation: RiskSituation
    location_code: LocationCode | None = None
    notes: str = ""
    human_trafficking: bool = False
    honour_based: bool = False
    contra_indications: tuple[ContraIndication, ...] = ()
    contra_reason: str = ""  # why the worker went on despite the contra-indications

    def __post_init__(self) -> None:
        require_text(self.screened_by, "screened_by", "wie de screening deed")
        require_date(self.screened_on, "screened_on")
        object.__setattr__(
            self,
            "location_code",
            enum_value(self.location_code, LocationCode, "location_code", optional=True),
        )
        # Coerce plain ints (and "3") from callers; anything else (True, 2.7, 5) is refused.
        try:
            if isinstance(self.situation, bool | float):
                raise TypeError
            object.__setattr__(self, "situation", RiskSituation(int(self.situation)))
        except (ValueError, TypeError):
            raise ValidationError(
                "situation", "situation must be 1, 2, 3 or 4", "Kies situatie 1, 2, 3 of 4."
            ) from None

    @property
    def suggests_secret_address(self) -> bool:
        """Code oranje or rood: the address is kept secret by default."""
        return self.location_code in (LocationCode.ORANJE, LocationCode.ROOD)


def contra_indications(programme_id: str, screening: RiskScreening) -> list[ContraIndication]:
    """The contra-indications of `programme_id` that this screening meets (may be none)."""
    found = []
    if programme_id == "take_a_break":
        if screening.situation is not RiskSituation.ERNSTIGE_DREIGING:
            found.append(ContraIndication.TAB_NOT_SITUATION_3)
        if screening.human_trafficking:
            found.append(ContraIndication.TAB_TRAFFICKING)
        if screening.honour_based:
            found.append(ContraIndication.TAB_HONOUR_BASED)
    if programme_id == "moviera_wijk" and screening.location_code is LocationCode.ROOD:
        found.append(ContraIndication.MOVIERA_CODE_ROOD)
    return found


class ContraIndicated(ValidationError):
    """The screening meets contra-indications of the case's programme and no reason to go
    on was given. `found` lists them; the worker may go on by giving a reason."""

    def __init__(self, found: list[ContraIndication]) -> None:
        super().__init__(
            "contra_indications",
            "contra-indication(s): "
            + "; ".join(c.message_en for c in found)
            + " (give a reason to go on)",
            " ".join(c.message_nl for c in found) + " Geef een reden om toch door te gaan.",
        )
        self.found = found
