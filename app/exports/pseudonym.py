"""What the vault knows of a case that a teamkracht sheet must not print, and the labels the
sheet uses instead.

The people of the household keep their sheet labels ("cliënt", "volwassene 1", "kind 1"),
the danger person becomes his relation as the record gives it ("[ex-partner]"), and every
other name, place, school and number the case holds is handed to the de-identification
(app/exports/deidentify.py) as a known term, whole and word by word.
"""

from __future__ import annotations

import re
from datetime import date

from app.casework import CaseFile
from app.exports.deidentify import CaseVocabulary
from app.exports.detectors import is_particle, surname_forms
from app.people import HouseholdMember
from app.vocabulary import DangerRelation

# Name particles (detectors.PARTICLES) and one-letter words are not replaced on their own:
# "van" is everywhere; a surname with its particles is ("de Akkerer").
MIN_TOKEN = 2
CLIENT = "cliënt"


def child_label(number: int, birth_year: int | None, today: date) -> str:
    """ "kind 2 (8 jaar)" for the household section; "kind 2" without a birth year."""
    if birth_year is None:
        return f"kind {number}"
    return f"kind {number} ({max(0, today.year - birth_year)} jaar)"


def danger_label(relation: DangerRelation | None) -> str:
    """The danger person's tag: "[ex-partner]", "[partner]", "[familielid]" ... "[pleger]"."""
    if relation is None or relation is DangerRelation.ANDERS_PERSOON:
        return "[pleger]"
    return f"[{relation.label.lower()}]"


def other_adults(file: CaseFile) -> list[HouseholdMember]:
    """The household's adults apart from the client, in the household's order."""
    case = file.case
    return [
        a
        for a in file.household.adults
        if a.name != case.display_name and a.role.strip().casefold() != CLIENT
    ]


def adult_label(number: int) -> str:
    return f"volwassene {number}"


def case_vocabulary(file: CaseFile, keep: tuple[str, ...] = ()) -> CaseVocabulary:
    """Every name, place, school, code word and phone number the vault holds for the case,
    with what the sheet prints instead. Whole names come before their words (the longer
    wins), and of two people sharing a word the first named here keeps it: the client, the
    danger persons, the other adults, the children, the partners' contact persons."""
    case = file.case
    people: list[tuple[str, str, str]] = [(case.display_name, "label", CLIENT)]
    for member in file.household.adults:
        if member.name == case.display_name or member.role.strip().casefold() == CLIENT:
            people.append((member.name, "label", CLIENT))
    people += [(p.name, "danger", danger_label(p.relation)) for p in file.danger_persons]
    people += [(a.name, "label", adult_label(n)) for n, a in enumerate(other_adults(file), start=1)]
    people += [
        (c.name, "label", f"kind {n}") for n, c in enumerate(file.household.children, start=1)
    ]
    people += [(p.contact_person, "persoon", "") for p in file.partners if p.contact_person]
    terms: list[tuple[str, str, str]] = list(people)
    for name, kind, tag in people:
        terms += [(form, kind, tag) for form in surname_forms(name)]
    for name, kind, tag in people:
        for word in re.split(r"[\s-]+", name):
            if len(word) >= MIN_TOKEN and not is_particle(word):
                terms.append((word, kind, tag))
    if case.address is not None:
        a = case.address
        if a.street:
            terms += [
                (f"{a.street} {a.house_number}".strip(), "adres", ""),
                (a.street, "adres", ""),
            ]
        if a.postcode:
            terms += [(a.postcode, "postcode", ""), (a.postcode.replace(" ", ""), "postcode", "")]
        if a.town:
            terms.append((a.town, "plaats", ""))
    terms += [(m.school, "school", "") for m in file.members if m.school.strip()]
    terms += [(p.organisation, "instelling", "") for p in file.partners if p.organisation.strip()]
    if case.safe_contact.code_word:
        terms.append((case.safe_contact.code_word, "codewoord", ""))
    phones = [case.phone, *(p.phone for p in file.partners)]
    first, *rest = case.display_name.split() or [""]
    surname = " ".join(w for w in rest if not is_particle(w))
    return CaseVocabulary(
        terms=tuple((t.strip(), k, tag) for t, k, tag in terms if t and t.strip()),
        client_first_names=(first,) if first else (),
        client_surname=surname,
        client_initials=case.initials,
        client_label=CLIENT,
        phone_digits=tuple(d for d in (re.sub(r"\D", "", p or "") for p in phones) if d),
        keep=keep,
    )


# Relations an adult of the household may be printed as. The role is free text ("oma,
# moeder van ..."): deny by default, anything else is left out.
RELATION_WORDS = frozenset(
    """partner ex-partner echtgenoot echtgenote ex-echtgenoot ex-echtgenote vriend vriendin
    moeder vader stiefmoeder stiefvader pleegmoeder pleegvader ouder pleegouder oma opa
    grootmoeder grootvader tante oom zus zuster broer halfzus halfbroer stiefzus stiefbroer
    dochter zoon stiefdochter stiefzoon nicht neef schoonmoeder schoonvader schoonzus
    schoonbroer huisgenoot kamergenoot mantelzorger""".split()
)


def role_word(role: str) -> str:
    """`role` as the sheet may print it: one of RELATION_WORDS (case and spaces as typed
    ignored), else "" (the role is free text and may name people or places)."""
    word = role.strip().casefold()
    return word if word in RELATION_WORDS else ""


def household_line(file: CaseFile, today: date) -> str:
    """The household as the sheet prints it, in the labels its free text uses, never
    initials: "cliënt (38 jaar); andere volwassenen: volwassene 1 (ex-partner); kinderen:
    kind 1 (8 jaar)"."""
    case = file.case
    client = CLIENT
    if case.birth_year:
        client += f" ({today.year - case.birth_year} jaar)"
    others = [
        adult_label(n) + (f" ({role_word(a.role)})" if role_word(a.role) else "")
        for n, a in enumerate(other_adults(file), start=1)
    ]
    children = [
        child_label(n, c.birth_year, today) for n, c in enumerate(file.household.children, start=1)
    ]
    parts = [client]
    if others:
        parts.append("andere volwassenen: " + ", ".join(others))
    parts.append("kinderen: " + (", ".join(children) if children else "geen"))
    return "; ".join(parts)
