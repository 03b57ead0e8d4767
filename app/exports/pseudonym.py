"""Pseudonymisation for sheets that leave the worker's hands (teamkracht).

Structured fields are simply left out; this module cleans the free text a worker wrote
(question, timeline, strengths, risks ...), which may name people or places. What is known
about the case is replaced: the client's and household's names by initials, children by
"kind 1", the street, postcode and town, phone numbers, the code word and e-mail addresses.
Dates written in a household member's birth year, or after "geboren", are removed too.
"""

from __future__ import annotations

import re
from datetime import date

from app.casework import CaseFile

# Name particles and short words are not replaced on their own: "van" is everywhere.
PARTICLES = frozenset(
    "van de der den het ter ten te op in t 'T la le da di del el al bin von zu".split()
)
MIN_TOKEN = 3
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d\s\-().]{7,}\d(?!\w)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](\d{{4}})|\d{{1,2}}\s+(?:{MONTHS})\.?\s+(\d{{4}}))"
ANY_DATE = re.compile(DATE, re.IGNORECASE)
BORN = re.compile(rf"\b(?:geboren|geb\.?)(?:\s+op)?\s*:?\s*{DATE}", re.IGNORECASE)


def child_label(number: int, birth_year: int | None, today: date) -> str:
    if birth_year is None:
        return f"kind {number}"
    return f"kind {number} ({max(0, today.year - birth_year)} jaar)"


def initials_of(name: str) -> str:
    parts = [p for p in name.split() if p.casefold() not in PARTICLES]
    return "".join(f"{p[0].upper()}." for p in parts) or "X."


class Pseudonymiser:
    def __init__(self, file: CaseFile, today: date) -> None:
        case = file.case
        self._names: dict[str, str] = {}
        self._birth_years = {case.birth_year} if case.birth_year else set()
        self._add_person(case.display_name, case.initials)
        for adult in file.household.adults:
            self._add_person(adult.name, initials_of(adult.name))
            if adult.birth_year:
                self._birth_years.add(adult.birth_year)
        for number, child in enumerate(file.household.children, start=1):
            self._add_person(child.name, child_label(number, child.birth_year, today))
            if child.birth_year:
                self._birth_years.add(child.birth_year)
        # The danger person is named on no sheet: their name is replaced like any other.
        for person in file.danger_persons:
            self._add_person(person.name, "[pleger]")
        for partner in file.partners:
            if partner.contact_person:
                self._add_person(partner.contact_person, initials_of(partner.contact_person))
        self._places: dict[str, str] = {}
        if case.address is not None:
            a = case.address
            self._places[f"{a.street} {a.house_number}"] = "[adres]"
            self._places[a.street] = "[adres]"
            self._places[a.postcode] = "[postcode]"
            self._places[a.postcode.replace(" ", "")] = "[postcode]"
            self._places[a.town] = "[woonplaats]"
        if case.safe_contact.code_word:
            self._places[case.safe_contact.code_word] = "[codewoord]"
        self._known_phones = {
            _digits(p) for p in [case.phone, *(x.phone for x in file.partners)] if _digits(p)
        }
        self._name_pattern = _alternation(self._names)
        self._place_pattern = _alternation(self._places)

    def _add_person(self, name: str, replacement: str) -> None:
        # Full names first (longest wins in the alternation), then each name on its own.
        self._names.setdefault(name.casefold(), replacement)
        for token in name.split():
            if len(token) >= MIN_TOKEN and token.casefold() not in PARTICLES:
                self._names.setdefault(token.casefold(), replacement)

    def clean(self, value: str) -> str:
        if not value:
            return ""
        result = BORN.sub("[geboortedatum]", value)
        result = ANY_DATE.sub(self._date_or_hidden, result)
        result = EMAIL.sub("[e-mail]", result)
        result = PHONE.sub(self._phone_or_kept, result)
        if self._place_pattern is not None:
            result = self._place_pattern.sub(lambda m: self._places_lookup(m.group(1)), result)
        if self._name_pattern is not None:
            result = self._name_pattern.sub(
                lambda m: self._names.get(_key(m.group(1)), "[naam]"), result
            )
        return result

    def _places_lookup(self, found: str) -> str:
        return self._places[_key(found)] if _key(found) in self._places else "[adres]"

    def _date_or_hidden(self, match: re.Match[str]) -> str:
        year = int(match.group(1) or match.group(2))
        return "[datum]" if year in self._birth_years else match.group(0)

    def _phone_or_kept(self, match: re.Match[str]) -> str:
        digits = _digits(match.group(0))
        # Ten or more digits is a phone number whatever its layout; shorter runs are kept
        # unless they are one of the case's own numbers (amounts, case numbers ...).
        if len(digits) >= 10 or digits in self._known_phones:
            return "[telefoon]"
        return match.group(0)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _key(found: str) -> str:
    return re.sub(r"\s+", " ", found).casefold()


def _alternation(words: dict[str, str]) -> re.Pattern[str] | None:
    """One pattern over all words, longest first, whole words only, possessive 's allowed."""
    if not words:
        return None
    # Lookups are by casefolded text; make the dictionary answer for every spelling used.
    for word in list(words):
        words.setdefault(word.casefold(), words[word])
    alternatives = sorted({w.casefold() for w in words}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in alternatives)
    return re.compile(rf"(?<!\w)({body})(?:'s|s)?(?!\w)", re.IGNORECASE)
