"""Common Dutch words, for telling a name typed in lower case ("ahmed", "kleine pietje") from
an ordinary word, and a sentence's first word from a name worth a second look.

Sources, read without loading the de-identification library (a few milliseconds, so the window
may use them too):
- the library's own whitelist lists, shipped inside the `deduce` package (data/lookup/src/
  whitelist): its ~1,000 most frequent Dutch words, its stop words and its medical terms;
- the Dutch words of Koers' vocabulary (app/vocabulary.py: "aanmelding", "ex-partner" ...)
  and of the field (`FIELD_TERMS`: "screening", "veiligheidsplan" ...);
- `EVERYDAY_NAME_WORDS`: everyday Dutch words that the library's first-name list also holds
  ("lieve", "maatje", "engel"), chosen by hand for the texts of this field.

Words are compared case-folded with their accents dropped (`key`).
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# Everyday words a worker types that are also first names in the library's list; a lower-case
# word there is otherwise taken for a name.
EVERYDAY_NAME_WORDS = frozenset(
    """
    lieve maatje meis meiske mensje vrouwtje engel engeltje lente koop brand kar kas lam mus
    peer rem win zen fan fee kier kiem hok merel roos roosje parel jazz jeep domino diesel kam
    kit luis mint ram tin servet haring uiltje zwaan zwaantje wiek lei lava marine manna
    lijntje rijmpje zoetje gul adel ceder ouwe hee hei junior lucky king star bijou boef
    anemoon dahlia madelief lelie iris jade linde tijm rozemarijn lotus viola violet
    sultan ninja rover fleur flip pep pluk kiek kik mik dot bonje
    """.split()
)

# Words of the field that Koers' screens and the sheet's texts use ("Screening: ...").
FIELD_TERMS = frozenset(
    """
    screening risicoscreening veiligheidsplan huisbezoek nazorg terugval casusbespreking
    overdracht schending schendingen afspraak afspraken doel doelen actie acties melding
    incident huisverbod contactverbod omgangsregeling opvang instroom uitstroom begeleiding
    traject trajectbegeleider dreiging situatie locatiecode evaluatie time-out signaal
    signalen krachten risico risico's tijdlijn toelichting veiligheid zorgen
    """.split()
)


def key(word: str) -> str:
    """`word` case-folded, accents dropped, curly apostrophes straight ("Ex-Partner" ->
    "ex-partner", "Zoë" -> "zoe")."""
    flat = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    return "".join(c for c in flat if unicodedata.category(c) != "Mn")


def _library_lists() -> Path | None:
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def _items(relative: str) -> set[str]:
    """The items of one of the library's lists (one a line), keyed; empty when not there."""
    root = _library_lists()
    if root is None:
        return set()
    try:
        lines = (root / relative / "items.txt").read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {key(line.strip()) for line in lines if line.strip()}


@lru_cache(maxsize=1)
def library_whitelist() -> frozenset[str]:
    """The library's common words, stop words and (one-word) medical terms, keyed."""
    words = set()
    for name in ("lst_common_word", "lst_stop_word", "lst_medical_term"):
        words |= _items(f"whitelist/{name}")
    return frozenset(w for w in words if " " not in w)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The library's Dutch stop words ("aan", "en", "is", "zij" ...), keyed."""
    return frozenset(_items("whitelist/lst_stop_word"))


@lru_cache(maxsize=1)
def vocabulary_words() -> frozenset[str]:
    """Every Dutch label of Koers' vocabulary, whole ("ex-partner") and word by word."""
    from app import vocabulary  # noqa: PLC0415 (only when asked)

    labels = [*vocabulary.LABELS.values(), *vocabulary.RISK_LABELS.values()]
    words: set[str] = set()
    for label in labels:
        folded = key(label)
        words.add(folded)
        words.update(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", folded))
        words.update(re.findall(r"[^\W\d_]+", folded))
    return frozenset(words)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The library's whitelist, the vocabulary's and the field's words and
    EVERYDAY_NAME_WORDS, keyed."""
    return library_whitelist() | vocabulary_words() | FIELD_TERMS | EVERYDAY_NAME_WORDS


def is_common(word: str) -> bool:
    """Whether `word` (any case) is a common Dutch word of `common_words`; a hyphenated word
    is when it is whole or each of its parts is ("ex-partner", "time-out")."""
    folded = key(word)
    words = common_words()
    if folded in words:
        return True
    parts = [p for p in folded.split("-") if p]
    return len(parts) > 1 and all(p in words for p in parts)
