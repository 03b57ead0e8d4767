"""The sociale kaart: neighbourhood partners shared by the team, available offline."""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import require_text

RECORD_TYPE = "social_map_entry"


@dataclass(frozen=True)
class SocialMapEntry:
    id: str
    organisation: str
    offers: str
    contact_person: str = ""
    phone: str = ""
    area: str = ""

    def __post_init__(self) -> None:
        require_text(self.organisation, "organisation", "de organisatie")
