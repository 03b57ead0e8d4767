"""De-identification of the teamkracht sheet's free text: deny by default.

The library runs in the shared worker process (one load for the whole test session; its
lookup cache is shared through $KOERS_DEDUCE_CACHE, see tests/conftest.py)."""

from __future__ import annotations

import re
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.case import Address, Case, SafeContact
from app.casework import CaseFile, Casework, new_id
from app.discussion import CaseDiscussion
from app.errors import ValidationError
from app.exports.deidentify import CaseVocabulary, DeidentifiedText, Removed, deidentify
from app.exports.deidentify_worker import DeidentifyWorker, shared_worker
from app.exports.detectors import bsn_valid, fold
from app.exports.pseudonym import case_vocabulary
from app.exports.service import export_teamkracht_sheet
from app.exports.teamkracht_service import prepare_teamkracht_sheet, write_teamkracht_sheet
from app.intake import Intake, register_case
from app.people import DangerPerson, HouseholdMember, InvolvedPartner
from app.vocabulary import DangerRelation, PartnerKind
from tests.exports import deid_corpus as corpus
from tests.exports.conftest import pdf_text, read_pdf

TODAY = date(2026, 11, 22)
# Words that may stay though an identifier holds them (particles, a tag's own word).
_NOT_TELLING = {"de", "het", "van", "der", "den", "el", "al", "by", "ait", "bv"}


@pytest.fixture(scope="session")
def engine():
    """The shared worker's de-identification (loaded once for the session)."""
    return shared_worker().deidentify


def _case_file(
    name: str = corpus.CLIENT,
    danger: str = corpus.DANGER,
    child: str = corpus.CHILD,
    extra: tuple[HouseholdMember, ...] = (),
) -> CaseFile:
    case = Case(
        id="c", display_name=name, initials="Z.B.", programme_id="ambulant",
        phase_id="begeleiding", start_date=TODAY - timedelta(days=30), worker="tester",
        address=Address(corpus.STREET, corpus.HOUSE, corpus.POSTCODE, corpus.TOWN),
        safe_contact=SafeContact(True, "", "", corpus.CODE_WORD),
    )  # fmt: skip
    members = [
        HouseholdMember("a", "c", name, False, 1990, "cliënt"),
        HouseholdMember("k", "c", child, True, 2018, school=corpus.SCHOOL),
        *extra,
    ]
    dangers = [DangerPerson("d", "c", danger, DangerRelation.EX_PARTNER)]
    return CaseFile(case, *([] for _ in range(10)), members=members, danger_persons=dangers)


def leftovers(sentence: corpus.Sentence, printed: str) -> list[str]:
    """The identifiers of `sentence` of which a telling word (or a digit run) is printed."""
    outside = sentence.text
    for identifier in sentence.identifiers:
        outside = outside.replace(identifier, " ")
    allowed = set(re.findall(r"\w+", fold(outside)[0])) | _NOT_TELLING
    words = set(re.findall(r"\w+", fold(printed)[0]))
    digits = re.sub(r"\D", "", printed)
    left = []
    for identifier in sentence.identifiers:
        tokens = [t for t in re.findall(r"\w+", fold(identifier)[0]) if t not in allowed]
        number = re.sub(r"\D", "", identifier)
        if any(t in words for t in tokens if not t.isdigit()) or (
            len(number) >= 3 and number in digits
        ):
            left.append(identifier)
    return left


def word_figures(sentence: corpus.Sentence, result: DeidentifiedText) -> tuple[int, int, int, int]:
    """(identifier words, of which blanked, other words, of which blanked) of a sentence."""
    marked = [False] * len(sentence.text)
    for identifier in sentence.identifiers:
        start = sentence.text.find(identifier)
        while start >= 0:
            marked[start : start + len(identifier)] = [True] * len(identifier)
            start = sentence.text.find(identifier, start + 1)
    ident = ident_blanked = other = other_blanked = 0
    for match in re.finditer(r"\w+", result.source):
        blanked = any(s.start <= match.start() < s.end for s in result.spans)
        if marked[match.start()]:
            ident, ident_blanked = ident + 1, ident_blanked + blanked
        else:
            other, other_blanked = other + 1, other_blanked + blanked
    return ident, ident_blanked, other, other_blanked


def test_the_corpus_leaves_no_identifier_and_blanks_few_other_words(engine) -> None:
    assert len(corpus.CORPUS) >= 60
    results = engine([c.text for c in corpus.CORPUS], case_vocabulary(_case_file()))
    failures = []
    totals = [0, 0, 0, 0]
    identifiers = removed = 0
    for sentence, result in zip(corpus.CORPUS, results, strict=True):
        left = leftovers(sentence, result.text)
        identifiers += len(sentence.identifiers)
        removed += len(sentence.identifiers) - len(left)
        if left:
            failures.append((sentence.text, result.text, left))
        totals = [a + b for a, b in zip(totals, word_figures(sentence, result), strict=True)]
    ident, ident_blanked, other, other_blanked = totals
    print(
        f"\ncorpus: {len(corpus.CORPUS)} sentences, {identifiers} identifiers, "
        f"recall {removed / identifiers:.1%} (identifier words {ident_blanked}/{ident} = "
        f"{ident_blanked / ident:.1%}); false-blank rate {other_blanked}/{other} = "
        f"{other_blanked / other:.1%} of the other words"
    )
    assert failures == []
    assert other_blanked / other < 0.15  # deny by default, but the sheet must stay readable


def test_names_the_record_knows_are_found_whatever_their_letters_fold_to(engine) -> None:
    extra = (HouseholdMember("o", "c", "Hans Strauß", False, 1960, "oom"),)
    file = _case_file(name="Elif İnce", child="Zoë Yıldız", extra=extra)
    decomposed = unicodedata.normalize("NFD", "Zoë")
    text = f"İNCE belde; strauss kwam; {decomposed} huilde; Ince en Yildiz en Strauß ook."
    for library in (engine, lambda texts, vocabulary: deidentify(texts, vocabulary, None)):
        [result] = library([text], case_vocabulary(file))
        assert result.text == (
            "cliënt belde; volwassene 1 kwam; kind 1 huilde; cliënt en kind 1 en volwassene 1 ook."
        ), result.text


def test_each_kind_gets_its_neutral_tag_and_the_result_lists_what_it_replaced(engine) -> None:
    text = (
        "Raoul Terpstravelt belde Loïs vanaf 06-41237856 (BSN 725763863, IBAN NL67 INGB 0006 "
        "5432 10). Hij rijdt in 45-KLM-7, is @ricky_010 op Instagram en werkt bij Bakkerij "
        "Öztürk in Almelo; zijn zus Samira woont aan de Merelstraat 14, 7411 HK."
    )
    [result] = engine([text], case_vocabulary(_case_file()))
    assert result.text == (
        "[ex-partner] belde kind 1 vanaf [telefoon] (BSN [bsn], IBAN [iban]). Hij rijdt in "
        "[kenteken], is [handle] op Instagram en werkt bij [werkgever] in [plaats]; "
        "zijn zus [persoon] woont aan de [adres], [postcode]."
    )
    first = result.replacements[0]
    assert (first.kind, first.tag, result.source[first.source_start : first.source_end]) == (
        "danger",
        "[ex-partner]",
        "Raoul Terpstravelt",
    )
    assert result.text[first.start : first.end] == "[ex-partner]"
    assert [k.word for k in result.kept] == ["BSN", "IBAN", "Instagram"]


def test_the_worker_can_blank_more_words_in_every_text(engine) -> None:
    texts = ["De opvang ligt naast de Grote Kerk.", "Bij de Grote Kerk wachtte hij."]
    results = engine(texts, case_vocabulary(_case_file()))
    blanked = [r.with_blanked(["Grote Kerk", "wachtte"]) for r in results]
    assert all("Kerk" not in b.text and "wachtte" not in b.text for b in blanked)
    assert blanked[1].text.endswith("[weggelaten] hij.")
    # A selection around a tag, as the review's text shows it, blanks the rest of it.
    [again] = engine(["Naast de Grote Kerk en de Grote Kerk."], CaseVocabulary())
    assert again.with_blanked(["[naam] Kerk"]).text == "Naast de [naam] en de [naam]."


def test_a_word_blanked_with_its_comma_goes_everywhere_with_its_endings(engine) -> None:
    """Selected as "Kasia," in the review: every Kasia goes, "Kasias" and "Kasiaatje" too."""
    [result] = engine(
        ["Wat zei ze? Kasia, haar zus, belde. Kasias telefoon en Kasiaatje: uit."],
        CaseVocabulary(),
    )
    blanked = result.with_blanked(["Kasia,"]).text
    assert "Kasia" not in blanked and "kasia" not in blanked.casefold(), blanked
    assert "haar zus, belde" in blanked and "telefoon" in blanked


def test_the_worker_ends_when_idle_and_a_later_sheet_starts_a_new_one() -> None:
    worker = DeidentifyWorker(idle_seconds=0.5, library=False)  # Koers' detectors alone
    try:
        vocabulary = case_vocabulary(_case_file())
        [first] = worker.deidentify(["Raoul belde Zoë."], vocabulary)
        assert first.text == "[ex-partner] belde cliënt." and worker.running
        deadline = time.monotonic() + 30
        while worker.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not worker.running  # idle: its memory is given back
        [again] = worker.deidentify(["Loïs belde."], vocabulary)
        assert again.text == "kind 1 belde." and worker.running
        worker.close()
        assert not worker.running
    finally:
        worker.close()


def test_bsn_eleven_test() -> None:
    assert bsn_valid("725763863") and not bsn_valid("725763864") and not bsn_valid("000000000")


# --- the leaking example of issue 15, made into a real sheet -------------------------------

LEAK = {
    "partner": "Dennis Vermaat",
    "street": "Populierendreef",
    "number": "23",
    "town": "Hoogezand",
    "sister": "Marloes",
    "nickname": "Loesje",
    "school": "De Zevensprong",
    "plate": "87-TRN-4",
    "handle": "@dennis.vermaat_88",
    "bsn": "691682483",
    "employer": "Bouwbedrijf Hofstede",
    "manager": "Gerrit Kamphuis",
}


def add_leaking_case(casework: Casework) -> str:
    today = casework.today()
    cid = new_id()
    case = Case(
        id=cid, display_name="Naomi Vermaat-Bos", initials="N.V.", programme_id="moviera_wijk",
        phase_id="transitie", start_date=today - timedelta(days=60), worker="tester",
        birth_year=1992,
    )  # fmt: skip
    register_case(
        casework,
        Intake(
            case,
            members=(HouseholdMember(new_id(), cid, "Naomi Vermaat-Bos", False, 1992, "cliënt"),),
            danger_persons=(
                DangerPerson(new_id(), cid, "Dennis Vermaat", DangerRelation.EX_PARTNER),
            ),
            partners=(InvolvedPartner(new_id(), cid, PartnerKind.VEILIG_THUIS, "Veilig Thuis"),),
        ),
    )
    leak = LEAK
    casework.add_case_discussion(
        CaseDiscussion(
            new_id(), cid, today + timedelta(days=2),
            "Hoe beschermen we Naomi nu Dennis weer in beeld is?",
            timeline=(
                f"Haar ex {leak['partner']} woont sinds de zomer aan de {leak['street']} "
                f"{leak['number']} in {leak['town']}. Op 14 oktober 2026 stond hij bij school."
            ),
            strengths=(
                f"Haar zus {leak['sister']} (zo noemt ze haar '{leak['nickname']}') vangt de "
                f"kinderen op na basisschool {leak['school']}."
            ),
            risks=(
                f"Hij rijdt in een grijze bus met kenteken {leak['plate']} en volgt haar op "
                f"Instagram als {leak['handle']}. Op de brief van de gemeente staat zijn BSN "
                f"{leak['bsn']}."
            ),
            tried=(
                f"Gesprek met zijn werkgever {leak['employer']}; zijn leidinggevende "
                f"{leak['manager']} weet van het contactverbod."
            ),
        )
    )  # fmt: skip
    return cid


def test_the_leaking_example_as_a_pdf_holds_no_identifier(
    casework: Casework, tmp_path: Path
) -> None:
    case_id = add_leaking_case(casework)
    out = tmp_path / "teamkracht.pdf"
    result = export_teamkracht_sheet(casework.vault, out, case_id)
    text = " ".join(" ".join(pdf_text(read_pdf(out))).split())
    folded_text = fold(text)[0]
    for key, value in LEAK.items():
        for word in re.findall(r"\w+", fold(value)[0]):
            if len(word) >= 3 and word not in _NOT_TELLING:
                assert not re.search(rf"\b{word}\b", folded_text), (key, word)
    for word in ("naomi", "vermaat", "bos", "14 oktober"):
        assert word not in folded_text, word
    # It says what was removed, and still what the team needs.
    assert "Verwijderd: " in text and "namen" in text and "1 school" in text
    assert "1 kenteken" in text and "1 BSN" in text and "1 account" in text
    assert "Hoe beschermen we cliënt nu [ex-partner] weer in beeld is?" in text
    assert "basisschool [school]" in text
    assert result.pages in (1, 2)


def test_a_draft_reviewed_and_blanked_further_is_what_the_pdf_prints(
    casework: Casework, tmp_path: Path, engine
) -> None:
    case_id = add_leaking_case(casework)
    draft = prepare_teamkracht_sheet(casework.vault, case_id, deidentifier=engine)
    review = draft.review_text()
    assert "Dennis" not in review and "[ex-partner]" in review and "Verwijderd:" in review
    draft = draft.with_blanked(["grijze bus"])
    write_teamkracht_sheet(casework.vault, tmp_path / "tk.pdf", draft)
    text = " ".join(" ".join(pdf_text(read_pdf(tmp_path / "tk.pdf"))).split())
    assert "grijze bus" not in text and "een [weggelaten] met kenteken" in text
    assert "1 woord door de begeleider" in text


# --- bad input ----------------------------------------------------------------------------


def _sheet_with(casework: Casework, tmp_path: Path, **texts: str) -> str:
    case_id = add_leaking_case(casework)
    casework.add_case_discussion(
        CaseDiscussion(
            new_id(), case_id, casework.today() + timedelta(days=5),
            texts.pop("question", "Wat nu?"), **texts,
        )
    )  # fmt: skip
    out = tmp_path / "tk.pdf"
    export_teamkracht_sheet(casework.vault, out, case_id)
    return " ".join(" ".join(pdf_text(read_pdf(out))).split())


def test_a_text_of_only_names_prints_only_tags(casework: Casework, tmp_path: Path) -> None:
    names = "Dennis Vermaat, Marloes, Gerrit Kamphuis, Ayşe Kaya, Tomasz Wiśniewski, Hans Strauß"
    text = _sheet_with(casework, tmp_path, question=names, strengths=names)
    for word in ("Dennis", "Marloes", "Gerrit", "Kamphuis", "Ayşe", "Kaya", "Wiśniewski", "Strau"):
        assert word not in text, word
    assert "[ex-partner], [persoon], [persoon]" in text


def test_200_kilobytes_of_discussion_text_make_a_sheet(casework: Casework, tmp_path: Path) -> None:
    paragraph = (
        "Gesprek met Naomi over de veiligheid; Dennis Vermaat belde weer vanaf "
        "06-41237856 en stond bij De Zevensprong. "
    )
    huge = paragraph * (200_000 // len(paragraph) + 1)
    # A stored text holds at most 20,000 characters, and so does a question typed for the
    # sheet alone (the export dialog, --question): 200 KB of it is refused, nothing written.
    case_id = add_leaking_case(casework)
    casework.add_case_discussion(
        CaseDiscussion(
            new_id(), case_id, casework.today() + timedelta(days=5), "Wat nu?",
            timeline=huge[:20_000], risks=huge[:20_000], strengths=huge[:20_000],
            tried=huge[:20_000],
        )
    )  # fmt: skip
    out = tmp_path / "tk.pdf"
    with pytest.raises(ValidationError) as refused:
        export_teamkracht_sheet(casework.vault, out, case_id, question=huge)
    assert "hoogstens 20.000" in refused.value.message_nl and not out.exists()
    export_teamkracht_sheet(casework.vault, out, case_id, question=huge[:20_000])
    text = " ".join(" ".join(pdf_text(read_pdf(out))).split())
    for word in ("Naomi", "Dennis", "Vermaat", "41237856", "Zevensprong"):
        assert word not in text, word
    assert "…" in text and "[ex-partner]" in text  # the sheet reads only what it prints


def test_right_to_left_and_emoji_text_come_through_without_a_name(engine) -> None:
    text = (
        "Haar zus \u0633\u0627\u0631\u0627 \u0623\u062d\u0645\u062f belde \U0001f622 en "
        "Raoul stuurde \U0001f52a."
    )
    [result] = engine([text], case_vocabulary(_case_file()))
    assert "Raoul" not in result.text and "\U0001f622" in result.text
    assert "\u0633\u0627\u0631\u0627" not in result.text
    assert "[ex-partner]" in result.text


def test_a_sheet_from_right_to_left_and_emoji_text_names_nobody(
    casework: Casework, tmp_path: Path
) -> None:
    case_id = add_leaking_case(casework)
    casework.add_case_discussion(
        CaseDiscussion(
            new_id(), case_id, casework.today() + timedelta(days=5), "Wat nu?",
            strengths="Haar zus \u0644\u064a\u0644\u0649 helpt.",
        )
    )  # fmt: skip
    out = tmp_path / "tk.pdf"
    # A question for the sheet alone is not stored: emoji may be in it.
    question = "Hoe helpen we \u0633\u0627\u0631\u0627 nu Dennis \U0001f52a stuurde?"
    export_teamkracht_sheet(casework.vault, out, case_id, question=question)
    text = " ".join(" ".join(pdf_text(read_pdf(out))).split())
    assert "Dennis" not in text and "[ex-partner]" in text
    assert not any("\u0600" <= c <= "\u06ff" for c in text)  # the Arabic names are tags


def test_an_empty_text_is_an_empty_result(engine) -> None:
    results = engine(["", "   ", "\n"], CaseVocabulary())
    assert [r.text.strip() for r in results] == ["", "", ""]
    assert all(r.replacements == () for r in results)


# --- name particles --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("client", "text", "printed"),
    [
        (
            "Esra de Akkerer",
            "Hoe houden we de veiligheid vast nu de time-out eindigt?",
            "Hoe houden we de veiligheid vast nu de time-out eindigt?",
        ),
        (
            "Esra de Akkerer",
            "Volgens de buurvrouw belde de Akkerer; Akkerer en Esra waren thuis.",
            "Volgens de buurvrouw belde cliënt; cliënt en cliënt waren thuis.",
        ),
        (
            "Petra ter Boscher",
            "Ter info: de brief van ter Boscher ligt ter inzage, Boscher weet het.",
            "Ter info: de brief van cliënt ligt ter inzage, cliënt weet het.",
        ),
    ],
)
def test_a_particle_is_never_a_name_alone_but_the_surname_with_it_is(
    engine, client: str, text: str, printed: str
) -> None:
    [result] = engine([text], case_vocabulary(_case_file(name=client)))
    assert result.text == printed
    # The heading counts only the names: a sentence without one counts nothing.
    names = text.count("Akkerer") + text.count("Esra") + text.count("Boscher")
    assert Removed.of([result]).total == names


# --- names in lower case, schools by their abbreviation ------------------------------------


def test_names_typed_in_lower_case_and_schools_by_abbreviation_are_blanked(engine) -> None:
    texts = [
        "wat doen we met ahmed en kleine pietje? ze zit op obs de springplank.",
        "Ze gaat naar bso dribbel en cbs het anker; de kdv is dicht, ze houdt moed.",
        "Haar lieve maatje kevin de groot woont in tilburg.",
    ]
    results = engine(texts, case_vocabulary(_case_file()))
    assert [r.text for r in results] == [
        "wat doen we met [persoon] en kleine [persoon]? ze zit op obs [school].",
        "Ze gaat naar bso [school] en cbs [school]; de kdv is dicht, ze houdt moed.",
        "Haar lieve maatje [persoon] woont in [plaats].",
    ]


def test_the_review_lists_no_ordinary_word_that_only_opens_a_sentence(engine) -> None:
    text = (
        "Aanmelding via de wijkagent. Sterk netwerk rond haar. Ex-partner belt vaak. "
        "Screening: situatie 3. Zwiepkamp komt langs, zegt ze; de Zwiepkamp ken ik niet."
    )
    [result] = engine([text], CaseVocabulary())
    kept = {k.word for k in result.kept}
    assert not kept & {"Aanmelding", "Sterk", "Ex-partner", "Screening"}
    # An unknown capitalised word still is listed, at a sentence's start too.
    assert "Zwiepkamp" in result.text and "Zwiepkamp" in kept
