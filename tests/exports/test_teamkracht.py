"""The teamkracht sheet leaves the worker's hands: it must say enough and give nobody away."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.case import Address, Case
from app.casework import CaseFile, Casework, new_id
from app.discussion import CaseDiscussion
from app.errors import ValidationError
from app.exports.deidentify_worker import shared_worker
from app.exports.detectors import PARTICLES, fold
from app.exports.pseudonym import case_vocabulary, household_line
from app.exports.service import export_teamkracht_sheet
from app.exports.teamkracht_service import prepare_teamkracht_sheet
from app.people import DangerPerson, HouseholdMember
from storage import access_log
from tests.exports.conftest import KnownCase, pdf_text, read_pdf


def sheet_text(casework: Casework, case_id: str, out: Path, **options) -> tuple[str, int]:
    result = export_teamkracht_sheet(casework.vault, out, case_id, **options)
    pages = pdf_text(read_pdf(out))
    assert result.pages == len(pages)
    return "\n".join(pages), len(pages)


def test_teamkracht_sheet_contains_no_name_address_phone_or_birth_date(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    text, _ = sheet_text(casework, known_case.id, tmp_path / "tk.pdf")
    flat = " ".join(text.split())
    folded = flat.casefold()
    forbidden = [
        known_case.name, known_case.partner, known_case.child, known_case.partner_contact,
        *known_case.name.split(), *known_case.partner.split(), known_case.child.split()[0],
        *known_case.partner_contact.split(),
        known_case.street, known_case.postcode, known_case.postcode.replace(" ", ""),
        known_case.town, known_case.code_word, "zoe.b@voorbeeld.nl",
        "1988", "1985",  # birth years of the adults
        f"4 maart {casework.today().year - 8}",  # the child's birth date, written in a text
    ]  # fmt: skip
    for value in forbidden:
        assert value.casefold() not in folded, value
    digits = re.sub(r"\D", "", flat)
    for phone in (known_case.phone, known_case.partner_phone):
        assert re.sub(r"\D", "", phone) not in digits, phone
    # ... and still says what the team needs, in the sheet's labels.
    assert "cliënt (38 jaar)" in flat and "volwassene 1 (ex-partner)" in flat
    assert "kind 1 (8 jaar)" in flat
    assert "Hoe houden we cliënt veilig als [ex-partner] de omgang via kind 1 zoekt?" in flat
    assert "Verwijderd: " in flat and "Gepseudonimiseerd" not in flat
    for part in ("Vraag aan het team", "Tijdlijn", "Krachten", "Risico's en laatste screening",
                 "situatie 3 (ernstige dreiging)", "ZRM-verloop", "Financiën",
                 "Wat is al geprobeerd", "Advies van het team", "Afspraak geschonden"):  # fmt: skip
        assert part in flat, part


# Initials as people write them: "Z.B.", "P.t.B.", "P. T.", "E.d.A."
_INITIALS = re.compile(r"(?<!\w)[A-Z]\.\s?(?:[a-z]{1,3}\.\s?)*[A-Za-z]\.")


def test_the_sheet_shows_labels_never_initials(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    out = tmp_path / "tk.pdf"
    export_teamkracht_sheet(casework.vault, out, known_case.id)
    reader = read_pdf(out)
    everything = " ".join(pdf_text(reader)) + " " + " ".join(map(str, reader.metadata.values()))
    assert known_case.initials not in everything
    assert _INITIALS.findall(everything) == []
    flat = " ".join(everything.split())
    assert "Cliënt · Moviera in de wijk, Fase 1: transitie" in flat
    assert "cliënt (38 jaar); andere volwassenen: volwassene 1 (ex-partner)" in flat


def test_a_phase_whose_name_starts_with_fase_is_not_prefixed_again(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    casework.change_phase(known_case.id, "uitproberen", casework.today() - timedelta(days=10))
    text, _ = sheet_text(casework, known_case.id, tmp_path / "tk.pdf")
    flat = " ".join(text.split())
    assert "Fase 2: uitproberen" in flat and "Fase Fase" not in flat


def test_sheet_fits_two_pages_even_with_long_texts_and_a_long_history(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    long = "Een lange alinea over wat er gebeurde en wat dat betekent voor de veiligheid. " * 40
    casework.add_case_discussion(
        CaseDiscussion(
            new_id(), known_case.id, casework.today() + timedelta(days=10), long,
            timeline=long, strengths=long, risks=long, tried=long,
        )
    )  # fmt: skip
    text, pages = sheet_text(casework, known_case.id, tmp_path / "tk.pdf")
    assert 1 <= pages <= 2
    assert "Advies van het team" in text and "…" in text


def test_sheet_without_a_prepared_discussion_has_lines_to_write_on(
    casework: Casework, tmp_path: Path
) -> None:
    case = Case(
        id=new_id(), display_name="Saskia Ravenhorst", initials="S.R.", programme_id="ambulant",
        phase_id="begeleiding", start_date=casework.today() - timedelta(days=40), worker="tester",
    )  # fmt: skip
    casework.add_case(case)
    text, pages = sheet_text(casework, case.id, tmp_path / "tk.pdf", question="Wat nu?")
    assert pages == 1 and "Wat nu?" in text and "Saskia" not in text
    entry = access_log.entries(casework.vault.db, action="export")[-1]
    assert entry.record_id == case.id and json.loads(entry.detail)["export"] == "teamkracht"


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzëéïöşğıçßøłż", min_size=3, max_size=12).map(
    str.capitalize
)


@settings(
    max_examples=60,
    deadline=None,  # the first example waits for the library's worker to load
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(first=NAME, last=NAME, child=NAME, street=NAME, filler=st.text(max_size=40))
def test_deidentification_removes_every_known_name_whatever_the_sentence(
    first: str, last: str, child: str, street: str, filler: str
) -> None:
    case = Case(
        id="c", display_name=f"{first} {last}", initials=f"{first[0]}.{last[0]}.",
        programme_id="ambulant", phase_id="begeleiding", start_date=TODAY - timedelta(days=9),
        worker="tester", address=Address(street + "laan", "3", "1234 AB", "Ergens"),
    )  # fmt: skip
    members = [
        HouseholdMember("a", "c", f"{first} {last}", False, 1990),
        HouseholdMember("k", "c", f"{child} {last}", True, 2018),
    ]
    file = CaseFile(case, *([] for _ in range(10)), members=members)
    text = (
        f"{filler} {first.upper()} en {child} ({last}s) wonen aan de {street}laan 3; "
        f"{first.lower()}'s kind {child} {last} belde {filler}"
    )
    # Decomposed (as macOS input gives it) and composed: both must go.
    for variant in (text, unicodedata.normalize("NFD", text)):
        [result] = shared_worker().deidentify([variant], case_vocabulary(file))
        cleaned = _words(fold(result.text)[0])
        for word in (first, last, child, street + "laan"):
            folded_word = fold(word)[0]
            if folded_word not in fold(filler)[0] and folded_word not in _FIXED_WORDS:
                assert folded_word not in cleaned, (word, result.text)


TODAY = date(2026, 11, 22)
# Words of the sentence and of the replacements; a name equal to one proves nothing.
_FIXED_WORDS = {"wonen", "aan", "kind", "belde", "jaar", "adres", "postcode", "woonplaats"}
_FIXED_WORDS |= {"client", "naam", "persoon", "plaats", "datum", "en", "de", "s"}
_FIXED_WORDS |= PARTICLES


def _words(value: str) -> set[str]:
    return set(re.findall(r"\w+", value))


def test_an_unknown_discussion_is_refused_before_anything_is_read(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    def never(texts, vocabulary):  # the de-identification is not reached
        raise AssertionError("de-identified a sheet without its discussion")

    with pytest.raises(ValidationError) as refused:
        prepare_teamkracht_sheet(
            casework.vault, known_case.id, discussion_id="nope", deidentifier=never
        )
    assert refused.value.message_nl == (
        "Deze casus heeft die casusbespreking niet; er is niets opgeslagen."
    )
    with pytest.raises(ValidationError):
        export_teamkracht_sheet(
            casework.vault, tmp_path / "tk.pdf", known_case.id, discussion_id="nope"
        )
    assert not (tmp_path / "tk.pdf").exists()


def _file_with(adults: list[tuple[str, str]], danger: str | None = None) -> CaseFile:
    case = Case(
        id="c", display_name="Fatima Amrani", initials="F.A.", programme_id="ambulant",
        phase_id="begeleiding", start_date=TODAY - timedelta(days=9), worker="tester",
    )  # fmt: skip
    members = [HouseholdMember("m0", "c", "Fatima Amrani", False, 1988, role="cliënt")]
    members += [
        HouseholdMember(f"m{n}", "c", name, False, 1960, role=role)
        for n, (name, role) in enumerate(adults, start=1)
    ]
    persons = [DangerPerson("d", "c", danger)] if danger else []
    return CaseFile(case, *([] for _ in range(10)), members=members, danger_persons=persons)


def test_a_free_text_role_in_the_household_is_never_printed() -> None:
    """An adult's role is free text ("oma, moeder van Dennis Vermaat"): the household line
    prints a relation word the sheet knows, nothing else."""
    file = _file_with(
        [("Fatma Yilmaz", "oma, moeder van Dennis Vermaat"), ("Kevin de Jong", " Oma "),
         ("Jan Smit", "nieuwe vriend, werkt bij Hofstede Bouw, 06-12345678")]
    )  # fmt: skip
    line = household_line(file, TODAY)
    for leak in ("Dennis", "Vermaat", "Hofstede", "06-12345678", "Yilmaz", "Kevin"):
        assert leak not in line
    assert line.count("(") == 1 and line.count("(oma)") == 1 and "volwassene 3" in line


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200e", "\u200b", "\u2060", "\u202e"])
def test_an_invisible_character_inside_a_known_name_does_not_hide_it(invisible: str) -> None:
    """Text pasted from a chat app carries direction marks; a soft hyphen or a zero-width
    space inside the danger person's name must not let it through."""
    file = _file_with([], danger="Dennis Vermaat")
    text = f"Hij (Den{invisible}nis Ver{invisible}maat) stond weer voor de deur."
    [result] = shared_worker().deidentify([text], case_vocabulary(file))
    assert "Vermaat" not in result.text and "Dennis" not in result.text
    assert invisible not in result.text
