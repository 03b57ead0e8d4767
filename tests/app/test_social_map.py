"""The sociale kaart as the services keep it, on a real vault: entries added and changed
through Casework (journaled, so they sync), bad entries refused with nothing written, and a
search that finds partners by any word of organisation, contact person, offer or area."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from app.casework import Casework, new_id
from app.errors import ValidationError
from app.social_map import (
    SearchIndex,
    SocialMapEntry,
    check_entry,
    entry_key,
    load_social_map,
    search,
)
from storage import journal
from storage.errors import RecordNotFound


def entry(**fields: str) -> SocialMapEntry:
    values = {
        "id": new_id(),
        "organisation": "Buurtteam Oost",
        "offers": "Ondersteuning bij opvoeden, geld en wonen",
        "contact_person": "Jan de Boer",
        "phone": "030-1234567",
        "area": "Oost",
    }
    values.update(fields)
    return SocialMapEntry(**values)  # type: ignore[arg-type]


def count(casework: Casework) -> int:
    return casework.vault.db.execute(
        "SELECT count(*) FROM social_map WHERE deleted = 0"
    ).fetchone()[0]


def test_an_added_entry_is_on_the_map_and_journaled(casework: Casework) -> None:
    added = entry()
    casework.add_social_map_entry(added)
    assert casework.social_map() == [added]
    created = [e for e in journal.entries(casework.vault.db) if e.record_id == added.id]
    assert [(e.record_type, e.field) for e in created] == [("social_map_entry", "*")]
    casework.update_social_map_entry(replace(added, phone="030-7654321"))
    changed = [e for e in journal.entries(casework.vault.db) if e.record_id == added.id]
    assert [(e.field, e.value) for e in changed[1:]] == [("phone", "030-7654321")]


def test_a_change_writes_only_the_fields_the_worker_changed(casework: Casework) -> None:
    first = entry()
    casework.add_social_map_entry(first)
    # A colleague's change of the area arrived meanwhile (written here directly).
    casework.update_social_map_entry(replace(first, area="Oost en Centrum"))
    typed = replace(first, phone="030-7654321")  # the form still shows the old area
    assert casework.update_social_map_entry(typed, fields=["phone"]) == ["phone"]
    stored = casework.get(SocialMapEntry, first.id)
    assert (stored.phone, stored.area) == ("030-7654321", "Oost en Centrum")


@pytest.mark.parametrize(
    ("fields", "field", "dutch"),
    [
        ({"organisation": "   "}, "organisation", "Vul de organisatie in."),
        ({"offers": ""}, "offers", "Vul in wat de organisatie biedt."),
        ({"phone": "bel de receptie"}, "phone", "alleen cijfers"),
        ({"phone": "=HYPERLINK(1)"}, "phone", "alleen cijfers"),
        ({"phone": "12"}, "phone", "3 tot 15 cijfers"),
        ({"phone": "1" * 16}, "phone", "3 tot 15 cijfers"),
        ({"contact_person": "Jan\u202eeoB"}, "contact_person", "onzichtbaar opmaakteken"),
        ({"contact_person": "Jan\nde Boer"}, "contact_person", "regelovergang"),
        ({"organisation": "X" * 201}, "organisation", "hoogstens 200 tekens"),
        ({"area": "Oost\x00"}, "area", "stuurteken"),
        ({"offers": "Hulp\x1b[31m"}, "offers", "stuurteken"),
    ],
)
def test_a_bad_entry_is_refused_in_dutch_and_nothing_is_written(
    casework: Casework, fields: dict[str, str], field: str, dutch: str
) -> None:
    before = len(journal.entries(casework.vault.db))
    with pytest.raises(ValidationError) as refused:
        casework.add_social_map_entry(entry(**fields))
    assert refused.value.field == field
    assert dutch in refused.value.message_nl
    assert count(casework) == 0
    assert len(journal.entries(casework.vault.db)) == before


def test_a_bad_change_is_refused_and_the_entry_stays(casework: Casework) -> None:
    first = entry()
    casework.add_social_map_entry(first)
    with pytest.raises(ValidationError, match="phone"):
        casework.update_social_map_entry(replace(first, phone="zie website"), fields=["phone"])
    assert casework.get(SocialMapEntry, first.id) == first
    with pytest.raises(RecordNotFound):
        casework.update_social_map_entry(entry(), fields=["phone"])


@pytest.mark.parametrize(
    "phone", ["", "112", "0800-2000", "+31 (0)6-1234 5678", "030/123.45.67", "14 030"]
)
def test_phone_numbers_as_people_write_them_are_taken(phone: str) -> None:
    check_entry(entry(phone=phone))


def test_the_same_organisation_and_contact_person_is_refused(casework: Casework) -> None:
    casework.add_social_map_entry(entry())
    twin = entry(organisation="  buurtteam   OOST ", contact_person="jan de boer", phone="")
    assert entry_key(twin) == entry_key(entry())
    with pytest.raises(ValidationError) as refused:
        casework.add_social_map_entry(twin)
    assert "staat al op de sociale kaart" in refused.value.message_nl
    # Another contact person at the same organisation is another entry.
    casework.add_social_map_entry(entry(contact_person="Fatima Yilmaz"))
    # A change that would make two entries the same is refused too.
    other = entry(organisation="Schuldhulp gemeente", contact_person="")
    casework.add_social_map_entry(other)
    with pytest.raises(ValidationError):
        casework.update_social_map_entry(
            replace(other, organisation="Buurtteam Oost", contact_person="Jan de Boer")
        )
    assert count(casework) == 3


def test_search_finds_every_word_in_any_field_without_case_or_accents() -> None:
    entries = [
        entry(organisation="Buurtteam Oost", offers="Opvoeden en wonen", area="Oost"),
        entry(
            organisation="Inloophuis De Brug",
            offers="Maaltijden, lotgenotencontact",
            contact_person="Ayşe Kaya",
            area="Centrum",
        ),
        entry(organisation="Café Contact", offers="Koffie en een luisterend oor", area="Noord"),
        entry(
            organisation="Schuldhulp gemeente", offers="Budgetbeheer", phone="030-999", area="Stad"
        ),
    ]
    names = lambda query: [e.organisation for e in search(entries, query)]  # noqa: E731
    assert names("") == [e.organisation for e in entries]
    assert names("OOST") == ["Buurtteam Oost"]
    assert names("cafe") == ["Café Contact"]
    assert names("ayse") == ["Inloophuis De Brug"]  # contact person, accent-free
    assert names("maaltijden centrum") == ["Inloophuis De Brug"]  # every word, any field
    assert names("maaltijden noord") == []
    assert names("budget") == ["Schuldhulp gemeente"]  # the offer
    assert names("999") == []  # the phone is not searched


def test_search_over_five_thousand_entries_stays_quick() -> None:
    entries = [
        entry(
            organisation=f"Organisatie {n}",
            offers=f"Aanbod nummer {n} voor de wijk",
            area=("Noord", "Oost", "Zuid", "West")[n % 4],
        )
        for n in range(5000)
    ]
    index = SearchIndex(entries)
    started = time.perf_counter()
    for query in ("wijk", "oost 12", "nummer 4999", "niets"):
        found = index.find(query)
    elapsed = time.perf_counter() - started
    assert [e.organisation for e in found] == []
    assert [e.organisation for e in index.find("nummer 4999")] == ["Organisatie 4999"]
    # Four searches a keystroke apart: far below what a worker would notice (not a timing
    # assertion on the machine's speed, a guard against searching row by row in SQL).
    assert elapsed < 2.0


def test_the_screen_gets_the_entries_sorted_with_their_conflicts(casework: Casework) -> None:
    b, a = entry(organisation="Zorgpunt"), entry(organisation="Apotheek de Linde")
    casework.add_social_map_entry(b)
    casework.add_social_map_entry(a)
    loaded = load_social_map(casework)
    assert [e.organisation for e in loaded.entries] == ["Apotheek de Linde", "Zorgpunt"]
    assert loaded.conflicts == () and loaded.conflicts_of(a.id) == []
