"""The Dutch de-identification library (`deduce`), loaded once, fed with what the vault knows.

Imported only where the library may take its memory (~1.1 GB): the de-identification worker
process, the benchmark and the tests. `load_library` puts its lookup cache where
app/exports/deduce_cache.py says; `LibraryDetector.spans` gives its findings as Koers spans.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from app.exports import common_words, deduce_cache
from app.exports.deidentify import CaseVocabulary
from app.exports.detectors import TITLES, Span, fold, is_common_word

# The library configures the root logger (DEBUG, to stdout) when imported unless a handler is
# there: names could reach a log. A handler that drops everything comes first.
if not logging.getLogger().handlers:
    logging.getLogger().addHandler(logging.NullHandler())

import docdeid as dd  # noqa: E402
from deduce import Deduce  # noqa: E402
from deduce.person import Person  # noqa: E402

# The library's tags (after its own merging) and the Koers kind each becomes.
_TAGS = [
    ("patient", "label"),
    ("persoon", "persoon"),
    ("locatie", "plaats"),
    ("ziekenhuis", "instelling"),
    ("zorginstelling", "instelling"),
    ("instelling", "instelling"),
    ("datum", "datum"),
    ("leeftijd", "leeftijd"),
    ("bsn", "bsn"),
    ("telefoonnummer", "telefoon"),
    ("emailadres", "e-mail"),
    ("url", "url"),
    ("id", "nummer"),
]


def load_library(directory: Path | None = None, *, rebuild: bool = False) -> Deduce:
    """The library with its lookup cache in `directory` (default: deduce_cache.cache_dir()).
    A missing cache is copied from the install folder when that one is current, else built
    (60-200 s) into a temporary folder beside it and moved in whole. Garbage collection is
    paused while the ~10 million small objects are read (4 s instead of 17 s here)."""
    directory = Path(directory or deduce_cache.cache_dir())
    if not rebuild and not deduce_cache.has_cache(directory):
        try:
            deduce_cache.seed_from_install(directory)
        except OSError:
            pass
    enabled = gc.isenabled()
    gc.disable()
    try:
        if rebuild or not deduce_cache.has_cache(directory):
            return _build_into(directory)
        try:
            return Deduce(cache_path=directory)
        except OSError:
            # A bundled cache the library wanted to rebuild (it cannot write there).
            fallback = deduce_cache.user_data_dir() / "deduce-cache"
            return load_library(fallback) if fallback != directory else _build_into(directory)
    finally:
        gc.freeze()  # what was loaded stays: later collections need not walk it
        if enabled:
            gc.enable()


def _build_into(directory: Path) -> Deduce:
    directory.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=directory))
    try:
        library = Deduce(cache_path=building, build_lookup_structs=True)
        target = directory / deduce_cache.CACHE_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(building / deduce_cache.CACHE_FILE, target)
        library.cache_path = directory
        return library
    finally:
        shutil.rmtree(building, ignore_errors=True)


class KnownNamesAnnotator(dd.process.Annotator):
    """Marks each word of a name the vault knows for the case (document metadata
    "koers_names": folded words) as a name, so the library's context rules extend it to the
    unknown words beside it ("Raoul" known, "van Dijk" not)."""

    def __init__(self) -> None:
        super().__init__(tag="naam")

    def annotate(self, doc: dd.Document) -> list[dd.Annotation]:
        names = doc.metadata["koers_names"] if doc.metadata is not None else None
        if not names:
            return []
        found = []
        for token in doc.get_tokens():
            if fold(token.text)[0] in names:
                found.append(
                    dd.Annotation(
                        text=token.text,
                        start_char=token.start_char,
                        end_char=token.end_char,
                        start_token=token,
                        end_token=token,
                        tag=self.tag,
                    )
                )
        return found


class LibraryDetector:
    """The library, loaded once, as a detector: `spans(text, vocabulary)`."""

    def __init__(self, library: Deduce | None = None) -> None:
        self.library = library if library is not None else load_library()
        names = self.library.processors["names"]
        if "koers_known_names" not in names.get_names(recursive=False):
            position = names.get_names(recursive=False).index("name_context")
            names.add_processor("koers_known_names", KnownNamesAnnotator(), position=position)

    def spans(self, text: str, vocabulary: CaseVocabulary) -> list[Span]:
        metadata: dict[str, Any] = {"koers_names": vocabulary.name_tokens}
        if vocabulary.client_first_names or vocabulary.client_surname:
            metadata["patient"] = Person(
                first_names=list(vocabulary.client_first_names) or None,
                surname=vocabulary.client_surname or None,
                initials=vocabulary.client_initials or None,
            )
        else:
            metadata["patient"] = None
        doc = self.library.deidentify(text, metadata=metadata, disabled={"redactor"})
        found = self._lower_case_names(text)
        for annotation in doc.annotations:
            kind = _kind(annotation.tag)
            value = text[annotation.start_char : annotation.end_char]
            if kind == "plaats" and any(c.isdigit() for c in value):
                kind = "adres"
            tag = vocabulary.client_label if kind == "label" else ""
            found.append(Span(annotation.start_char, annotation.end_char, kind, tag))
        return found

    def _lower_case_names(self, text: str) -> list[Span]:
        """Names typed in lower case, which the library's case-sensitive lists miss:
        - after a kin word or title ("haar zus samira"), a word its first-name or surname
          list knows;
        - anywhere ("wat doen we met ahmed en kleine pietje?"), a word its first-name list
          knows that is no common Dutch word (detectors.is_common_word), with the surname
          its lists know after it ("kevin de groot", "ahmed el amrani");
        - after "in", "uit", "naar", "van", "bij" ..., a place its lists know that is no
          common word."""
        structs = self.library.lookup_structs
        found = []
        for match in _AFTER_TITLE.finditer(text):
            if self._known(match.group(1), "first_name", "surname"):
                found.append(Span(match.start(1), match.end(1), "persoon"))
        for match in _LOWER_WORD.finditer(text):
            word = match.group(0)
            if len(word) < 3 or is_common_word(word) or not self._known(word, "first_name"):
                continue
            end = match.end()
            surname = _SURNAME_AFTER.match(text, end)
            lists = ("interfix_surname",) if surname and surname["particles"] else ()
            if (
                surname
                and self._known(surname.group("surname"), "surname", *lists)
                and common_words.key(surname.group("surname")) not in common_words.stop_words()
            ):
                end = surname.end()
            found.append(Span(match.start(), end, "persoon"))
        for match in _LOWER_PLACE.finditer(text):
            place = match.group(1)
            if len(place) >= 3 and not is_common_word(place):
                if [place[:1].upper() + place[1:]] in structs["placename"]:
                    found.append(Span(match.start(1), match.end(1), "plaats"))
        return found

    def _known(self, word: str, *lists: str) -> bool:
        """Whether one of the library's name `lists` holds `word` capitalised (each part of
        a hyphenated word: "pieter-jan")."""
        structs = self.library.lookup_structs
        parts = [p[:1].upper() + p[1:] for p in word.split("-") if p]
        return bool(parts) and all(
            any(
                (p in structs[name])
                if isinstance(structs[name], dd.ds.LookupSet)
                else ([p] in structs[name])
                for name in lists
            )
            for p in parts
        )


# A lower-case word right after a kin word or title (detectors' list).
_AFTER_TITLE = re.compile(rf"(?<!\w)(?i:{TITLES})\.?[ \t]+([a-zà-ÿ][\w'’-]+)")
# A word in lower case (not part of a handle, address or number).
_LOWER_WORD = re.compile(r"(?<![\w'’@#/.-])[a-zà-ÿ][a-zà-ÿ'’]*(?:-[a-zà-ÿ]+)*(?![\w@])")
# A surname after a first name: its particles, then the word ("de groot", "el amrani").
_SURNAME_AFTER = re.compile(
    r"(?P<particles>(?:[ \t]+(?i:van|de|der|den|ter|ten|te|het|'t|’t|el|al|la|le|von|da|di"
    r"|dos|bin))*)"
    r"[ \t]+(?P<surname>[\w'’]+(?:-[\w'’]+)*)"
)
# A lower-case word after a word for where someone lives or goes ("woont in tilburg").
_LOWER_PLACE = re.compile(
    r"(?<!\w)(?i:in|uit|naar|te|vanuit|richting|omgeving|van|bij|rond|nabij|buiten|voorbij)"
    r"[ \t]+([a-zà-ÿ][a-zà-ÿ'’-]+)(?![\w@])"
)


def _kind(tag: str) -> str:
    for name, kind in _TAGS:
        if name in tag:
            return kind
    return "naam"
