"""Contact moments and home visits, planned and done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.errors import ValidationError, enum_value, require, require_text
from app.vocabulary import ContactKind, ContactStatus, LifeDomain

RECORD_TYPE = "contact"


@dataclass(frozen=True)
class Contact:
    id: str
    case_id: str
    starts_at: datetime
    kind: ContactKind = ContactKind.HUISBEZOEK
    status: ContactStatus = ContactStatus.GEDAAN
    duration_minutes: int = 60
    location: str = ""
    # Planned visits carry the address so a colleague can trace a worker (worker safety).
    address: str = ""
    present: tuple[str, ...] = ()
    domains: tuple[LifeDomain, ...] = ()
    report: str = ""
    safety_check_done: bool = False
    safety_changes: str = ""
    agreements_made: str = ""
    next_appointment: datetime | None = None
    # A done contact is never overwritten: a correction is a new contact naming the old one.
    supersedes: str | None = None
    # "Alleen kort contact": a done contact with nothing to report, on purpose.
    brief: bool = False

    def __post_init__(self) -> None:
        require_text(self.case_id, "case_id", "de casus")
        require(
            isinstance(self.starts_at, datetime),
            "starts_at",
            "the time must be a datetime",
            "Vul een geldig tijdstip in.",
        )
        require(
            self.starts_at.tzinfo is not None,
            "starts_at",
            "the time must include a timezone",
            "Het tijdstip mist een tijdzone.",
        )
        require(
            isinstance(self.duration_minutes, int) and 0 <= self.duration_minutes <= 24 * 60,
            "duration_minutes",
            "duration must be between 0 and 1440 minutes",
            "De duur moet tussen 0 en 1440 minuten liggen.",
        )
        # An unknown word never reaches the vault (it would break every screen that reads
        # it); None stays as records synced from older laptops may hold it.
        kind = enum_value(self.kind, ContactKind, "kind", optional=True)
        object.__setattr__(self, "kind", kind)
        status = enum_value(self.status, ContactStatus, "status", optional=True)
        object.__setattr__(self, "status", status)
        for name in ("domains", "present"):
            if isinstance(getattr(self, name), str):
                raise ValidationError(name, "a list, not text", "Kies uit de lijst.")
        domains = tuple(enum_value(d, LifeDomain, "domains") for d in self.domains or ())
        object.__setattr__(self, "domains", domains)
        require(
            self.next_appointment is None
            or (isinstance(self.next_appointment, datetime) and bool(self.next_appointment.tzinfo)),
            "next_appointment",
            "the next appointment must be a time with a timezone",
            "Vul een geldig tijdstip voor de volgende afspraak in.",
        )

    @property
    def counts_as_contact(self) -> bool:
        """A done contact where the client was actually reached (a no-show is not one)."""
        return self.status is ContactStatus.GEDAAN and self.kind is not ContactKind.NIET_VERSCHENEN

    @property
    def state_label(self) -> str:
        """What every status column and export shows: a no-show is "Niet verschenen",
        never "Gedaan"."""
        if self.status is ContactStatus.GEDAAN and self.kind is ContactKind.NIET_VERSCHENEN:
            return ContactKind.NIET_VERSCHENEN.label
        return self.status.label

    @property
    def has_content(self) -> bool:
        """A done contact says something: a report, a life domain or a safety check."""
        return bool(self.report.strip() or self.domains or self.safety_check_done)


def require_content(contact: Contact) -> None:
    """A done contact must say something (a report, a life domain or a safety check) unless
    it is a no-show or marked as a brief contact; an empty save must not silently clear
    "overdue". Raises ValidationError."""
    require(
        contact.has_content or contact.brief or contact.kind is ContactKind.NIET_VERSCHENEN,
        "report",
        "write briefly what happened (or mark it as a brief contact)",
        "Schrijf kort wat er gebeurde, of vink 'alleen kort contact' aan.",
    )
