"""The people of a case, each a record of its own: household members (adults and children),
the person(s) the danger comes from, and the partners involved.

Each person is a separate record with its own fields, so two laptops editing two different
children (or two fields of one child) merge instead of conflicting on a whole household.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.errors import enum_value, require, require_date, require_text
from app.vocabulary import DangerRelation, PartnerKind

MIN_YEAR = 1900
# A parent at least this many years older than their child (DOMAIN.md household checks).
MIN_PARENT_AGE_GAP = 12


def require_birth_year(year: int | None, field: str) -> None:
    """A birth year is empty or between 1900 and 2100; the service checks it against today.

    Raises ValidationError."""
    require(
        year is None or (isinstance(year, int) and MIN_YEAR <= year <= 2100),
        field,
        f"birth year must be between {MIN_YEAR} and 2100",
        f"Vul een geboortejaar tussen {MIN_YEAR} en 2100 in.",
    )


@dataclass(frozen=True)
class HouseholdMember:
    """An adult or a child in the client's household.

    Children are people in the case, not a footnote: their school, who else is involved,
    their own safety concerns and contact with the father (DOMAIN.md, Kinderen)."""

    id: str
    case_id: str
    name: str
    is_child: bool = False
    birth_year: int | None = None
    role: str = ""  # for adults: relation to the client ("cliënt", "partner", "oma")
    school: str = ""
    involved: str = ""  # who else is involved with this child
    safety_concerns: str = ""
    contact_with_father: str = ""

    def __post_init__(self) -> None:
        require_text(self.name, "household", "de naam van elk gezinslid")
        require_birth_year(self.birth_year, "household")
        require(
            not self.is_child or self.birth_year is not None,
            "household",
            "a child needs a birth year",
            "Vul het geboortejaar van elk kind in.",
        )


@dataclass(frozen=True)
class Household:
    """The household as read from its member records (a view, not stored)."""

    adults: tuple[HouseholdMember, ...] = ()
    children: tuple[HouseholdMember, ...] = ()

    @classmethod
    def of(cls, members: list[HouseholdMember]) -> Household:
        ordered = sorted(members, key=lambda m: (m.birth_year or 0, m.name))
        return cls(
            adults=tuple(m for m in ordered if not m.is_child),
            children=tuple(m for m in ordered if m.is_child),
        )


@dataclass(frozen=True)
class DangerPerson:
    """A person the violence comes from (dreiging), with any court or mayor's orders.

    The receiving worker needs this; it never appears on a teamkracht sheet or in any
    overview (DOMAIN.md, Dreiging). Dates per order: from (inclusive) and until (inclusive)."""

    id: str
    case_id: str
    name: str
    relation: DangerRelation = DangerRelation.EX_PARTNER
    huisverbod_from: date | None = None
    huisverbod_until: date | None = None
    contactverbod_from: date | None = None
    contactverbod_until: date | None = None
    straatverbod_from: date | None = None
    straatverbod_until: date | None = None
    omgangsregeling: str = ""  # the arrangement for the children, in words
    notes: str = ""

    def __post_init__(self) -> None:
        require_text(self.name, "danger_person", "de naam van de pleger")
        relation = enum_value(self.relation, DangerRelation, "relation", optional=True)
        object.__setattr__(self, "relation", relation)
        for order in ("huisverbod", "contactverbod", "straatverbod"):
            start = getattr(self, f"{order}_from")
            end = getattr(self, f"{order}_until")
            require_date(start, order, optional=True)
            require_date(end, order, optional=True)
            require(
                start is None or end is None or end >= start,
                order,
                f"the {order} ends before it starts",
                f"Het {order} eindigt vóór het begint.",
            )

    def orders_in_force(self, day: date) -> list[str]:
        """The orders (huisverbod, contactverbod, straatverbod) that apply on `day`."""
        active = []
        for order in ("huisverbod", "contactverbod", "straatverbod"):
            start = getattr(self, f"{order}_from")
            end = getattr(self, f"{order}_until")
            if start is not None and start <= day and (end is None or day <= end):
                active.append(order)
        return active


@dataclass(frozen=True)
class InvolvedPartner:
    """A partner organisation involved in the case (wijkteam, Veilig Thuis, school, ...).

    `social_map_id` names the sociale-kaart entry it was picked from, when it was."""

    id: str
    case_id: str
    kind: PartnerKind
    organisation: str
    contact_person: str = ""
    phone: str = ""
    social_map_id: str | None = None

    def __post_init__(self) -> None:
        require_text(self.organisation, "partners", "de organisatie van de ketenpartner")
        kind = enum_value(self.kind, PartnerKind, "partners", optional=True)
        object.__setattr__(self, "kind", kind)


def derive_initials(name: str) -> str:
    """Initials from a display name: "Noor van Verstopt" -> "N.v.V.".

    Dutch tussenvoegsels (van, de, der, ...) stay lower case, as on Dutch forms."""
    words = [w for w in name.replace("-", " ").split() if w]
    letters = []
    for word in words:
        first = next((ch for ch in word if ch.isalpha()), "")  # "(Nina)" -> "N"
        if first:
            letters.append(first.lower() if word.lower() in TUSSENVOEGSELS else first.upper())
    return "".join(f"{letter}." for letter in letters)


TUSSENVOEGSELS = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t"})
