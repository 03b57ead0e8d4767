"""The sociale kaart: neighbourhood partners shared by the team, available offline.

An entry names an organisation, what they offer, and optionally a contact person, a phone
number and the area they work in. Entries are organisation records: every worker's laptop
holds them all and any worker may add or change one (sync/server/access.py); they travel
through sync like case records, field by field.

The rules every write path shares (the window's form, the CSV import, Python) are here:
`check_entry` (organisation and offer required, a plausible phone, names by app/text.py)
and `entry_key` (what makes two entries the same: organisation and contact person).
`search` finds entries by words, case- and accent-insensitive, over organisation, contact
person, offer and area; `SearchIndex` keeps the folded text so a list of thousands of
entries filters per keystroke without folding it again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.errors import require, require_text
from app.text import require_clean_text, require_name

if TYPE_CHECKING:
    from app.casework import Casework, Conflict

RECORD_TYPE = "social_map_entry"
# The fields a worker types, in the order forms, lists and imports show them.
FIELDS = ("organisation", "contact_person", "phone", "offers", "area")
# A phone number: digits, spaces and the signs people write in one (+31 (0)6-1234 5678,
# 030/123.45.67); 3 digits for 112, at most 15 as the international plan allows.
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()./-]+$")
MIN_PHONE_DIGITS = 3
MAX_PHONE_DIGITS = 15


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


# --- the rules ------------------------------------------------------------------------------


def check_phone(phone: str, field: str = "phone") -> None:
    """An empty phone, or one of digits, spaces and + ( ) . / - with 3 to 15 digits.
    Raises ValidationError."""
    require(
        isinstance(phone, str),
        field,
        "a phone number is text",
        "Een telefoonnummer bevat alleen cijfers, spaties en + ( ) . / -.",
    )
    if not phone.strip():
        return
    digits = sum(char.isdigit() for char in phone)
    require(
        PHONE_CHARACTERS.match(phone.strip()) is not None,
        field,
        "a phone number holds only digits, spaces and + ( ) . / -",
        "Een telefoonnummer bevat alleen cijfers, spaties en + ( ) . / -.",
    )
    require(
        MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS,
        field,
        f"a phone number has {MIN_PHONE_DIGITS} to {MAX_PHONE_DIGITS} digits",
        f"Een telefoonnummer heeft {MIN_PHONE_DIGITS} tot {MAX_PHONE_DIGITS} cijfers.",
    )


def check_entry(entry: SocialMapEntry) -> None:
    """What every entry must be, whoever writes it: an organisation and what they offer
    (not empty), names (organisation, contact person, area) by the name rule of app/text.py
    (one line, no control or invisible formatting characters), the offer free text without
    control characters, and a plausible phone. Raises ValidationError naming the field."""
    require_text(entry.organisation, "organisation", "de organisatie")
    require(
        isinstance(entry.offers, str) and bool(entry.offers.strip()),
        "offers",
        "must not be empty (what the organisation offers)",
        "Vul in wat de organisatie biedt.",
    )
    for name in ("organisation", "contact_person", "area"):
        require_name(getattr(entry, name), name)
    require_clean_text(entry.offers, "offers")
    check_phone(entry.phone)


def tidy(entry: SocialMapEntry) -> SocialMapEntry:
    """`entry` with the spaces around each typed field taken off (as forms and the import
    store it)."""
    return SocialMapEntry(
        id=entry.id,
        organisation=entry.organisation.strip(),
        offers=entry.offers.strip(),
        contact_person=entry.contact_person.strip(),
        phone=entry.phone.strip(),
        area=entry.area.strip(),
    )


def _key_part(text: str) -> str:
    return " ".join(fold(text).split())


def entry_key(entry: SocialMapEntry) -> tuple[str, str]:
    """What makes two entries the same partner: the organisation and the contact person,
    compared without case, accents or extra spaces ("Buurtteam  Oost" = "buurtteam oost")."""
    return (_key_part(entry.organisation), _key_part(entry.contact_person))


# --- searching ------------------------------------------------------------------------------


def fold(text: str) -> str:
    """`text` as search compares it: case-free and without accents ("Café" -> "cafe")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_words(query: str) -> tuple[str, ...]:
    """The folded words of a search; an entry matches when it holds every one."""
    return tuple(fold(query).split())


def haystack(entry: SocialMapEntry) -> str:
    """The folded text a search looks in: organisation, contact person, offer and area
    (not the phone: digits match too many entries by accident)."""
    return "\n".join(
        fold(text) for text in (entry.organisation, entry.contact_person, entry.offers, entry.area)
    )


def matches(folded: str, words: Sequence[str]) -> bool:
    """Whether folded text (`haystack`) holds every word (`search_words`); no words: yes."""
    return all(word in folded for word in words)


class SearchIndex:
    """Entries with their folded text, made once: `find(query)` then costs one substring
    test per word per entry (a few milliseconds for 5,000 entries)."""

    def __init__(self, entries: Iterable[SocialMapEntry]) -> None:
        self.entries = list(entries)
        self.folded = [haystack(entry) for entry in self.entries]

    def find(self, query: str) -> list[SocialMapEntry]:
        """The entries holding every word of `query`, in their order; all for an empty one."""
        words = search_words(query)
        return [
            e for e, text in zip(self.entries, self.folded, strict=True) if matches(text, words)
        ]


def search(entries: Iterable[SocialMapEntry], query: str) -> list[SocialMapEntry]:
    """The entries whose organisation, contact person, offer or area hold every word of
    `query`, case- and accent-insensitive, in the order given; all for an empty query."""
    return SearchIndex(entries).find(query)


# --- the screen's view of the map -----------------------------------------------------------


@dataclass(frozen=True)
class SocialMap:
    """The whole map as the screen shows it: the entries (by organisation, then contact
    person) and the open same-field conflicts of any entry (values that lost a sync merge,
    to take back with one click)."""

    entries: tuple[SocialMapEntry, ...]
    conflicts: tuple[Conflict, ...] = ()

    def conflicts_of(self, entry_id: str) -> list[Conflict]:
        return [c for c in self.conflicts if c.record_id == entry_id]


def load_social_map(casework: Casework) -> SocialMap:
    """Every entry and the entries' open conflicts, read from the vault (not logged: the
    map holds no client data)."""
    entries = sorted(casework.social_map(), key=lambda e: (entry_key(e), e.id))
    conflicts = [c for c in casework.conflicts() if c.record_type == RECORD_TYPE]
    return SocialMap(tuple(entries), tuple(conflicts))
