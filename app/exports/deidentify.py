"""De-identification of free text that leaves the worker's hands (the teamkracht sheet).

Deny by default: every finding of the Dutch de-identification library (`deduce`, run in a
worker process: app/exports/deidentify_worker.py) and of Koers' own detectors
(app/exports/detectors.py) is replaced by a neutral tag ("[persoon]", "[plaats]",
"[school]" ...); the people of the household keep their sheet labels ("cliënt", "kind 1") and
the danger person becomes "[ex-partner]" (or his relation as the record gives it).

This module holds the result types and the merging of findings; it imports neither the library
nor Qt, so the window can hold results without the library's memory.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from app.exports import detectors
from app.exports.detectors import KINDS, PERSON_KINDS, KnownTerms, Span, normalise


@dataclass(frozen=True)
class CaseVocabulary:
    """What the vault knows of one case that must not be printed, in plain data (it crosses
    into the worker process).

    `terms`: (text, kind, tag) triples: names with their label ("Zoë Brinkhuizen", "label",
    "cliënt"), places, schools, the code word. `client_first_names`, `client_surname` and
    `client_initials` feed the library's own patient matching. `phone_digits`: the case's
    phone numbers as digits. `keep`: words printed as they are (programme names)."""

    terms: tuple[tuple[str, str, str], ...] = ()
    client_first_names: tuple[str, ...] = ()
    client_surname: str = ""
    client_initials: str = ""
    client_label: str = "cliënt"
    phone_digits: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()

    @property
    def name_tokens(self) -> frozenset[str]:
        """Every single word of a known person's name but its particles, folded (for the
        library's context rules: a known word next to an unknown one makes both a name; a
        particle alone is no name: "de", "ter info")."""
        words: set[str] = set()
        for text, kind, _tag in self.terms:
            if kind in PERSON_KINDS:
                words.update(detectors.folded(w) for w in re.split(r"[\s-]+", text) if w)
        return frozenset(w for w in words if len(w) >= 2 and not detectors.is_particle(w))


@dataclass(frozen=True)
class Replacement:
    """Characters [start, end) of the printed text are `tag`, standing for the identifier of
    `kind` at [source_start, source_end) of the text the worker wrote."""

    start: int
    end: int
    kind: str
    tag: str
    source_start: int
    source_end: int


@dataclass(frozen=True)
class KeptWord:
    """A capitalised word of the printed text that was kept: worth a second look."""

    start: int
    end: int
    word: str


@dataclass(frozen=True)
class DeidentifiedText:
    """One text: as written (`source`, NFC), as printed (`text`), what was replaced and which
    capitalised words were kept. Build it with `render`."""

    source: str
    text: str
    spans: tuple[Span, ...]  # merged findings, in source positions
    replacements: tuple[Replacement, ...]
    kept: tuple[KeptWord, ...]

    def with_blanked(self, words: Iterable[str]) -> DeidentifiedText:
        """The same text with every occurrence of `words` (whole words, folded; as written,
        "Grote Kerk", or as printed, "[naam] Kerk" selected around a tag) blanked as
        "[weggelaten]" too: the worker's own additions after the review."""
        flat, index = detectors.fold(self.text)
        source_flat, source_index = detectors.fold(self.source)
        extra = []
        for word in words:
            pattern = _printed_pattern(word)
            if pattern is None:
                continue
            # As written (the command line's --blank "Grote Kerk") ...
            for match in pattern.finditer(source_flat):
                start, end = source_index[match.start()], source_index[match.end() - 1] + 1
                extra.append(Span(start, end, "weggelaten"))
            # ... and as printed (selected in the review, tags and all).
            for match in pattern.finditer(flat):
                start = self._source_position(index[match.start()], at_end=False)
                end = self._source_position(index[match.end() - 1] + 1, at_end=True)
                if end > start:
                    extra.append(Span(start, end, "weggelaten"))
        return render(self.source, [*self.spans, *extra]) if extra else self

    def _source_position(self, printed: int, *, at_end: bool) -> int:
        """Where a position of the printed text lies in the source; inside a tag, at the
        start (or end) of what the tag stands for."""
        shift = 0
        for r in self.replacements:
            if r.start < printed < r.end or (printed == r.start and not at_end):
                return r.source_start if not at_end else r.source_end
            if printed == r.end and at_end:
                return r.source_end
            if r.end <= printed:
                shift = r.source_end - r.end
        return printed + shift


_TAG = re.compile(r"(\[[^\]\n]{1,30}\])")


def _printed_pattern(selection: str) -> re.Pattern[str] | None:
    """A pattern for `selection` in folded printed text: its words folded, any tag in it
    matching any tag, whole words at both ends. None when it holds no word to blank."""
    parts = []
    words = False
    # "Kasia," selected with its comma means the name: punctuation at the ends is not part
    # of what the worker wants blanked.
    selection = selection.strip(_EDGE_MARKS)
    for part in _TAG.split(detectors.folded(selection)):
        if _TAG.fullmatch(part):
            parts.append(r"\[[^\]\n]{1,30}\]")
        elif part:
            words = words or re.search(r"\w", part) is not None
            parts.append(r"\s+".join(re.escape(p) for p in part.split(" ")))
    if not words:
        return None
    body = "".join(parts)
    # A few letters more are the same name: "Kasias", "Dennisje".
    return re.compile(rf"(?<!\w){body}\w{{0,{_NAME_ENDING}}}(?!\w)")


_EDGE_MARKS = "".join(c for c in string.punctuation if c not in "[]") + " \t\n«»“”‘’…"
_NAME_ENDING = 3  # letters after a blanked word that still make it the same word


@dataclass(frozen=True)
class Removed:
    """Counts of what was removed, by kind, for a sheet's heading."""

    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, texts: Iterable[DeidentifiedText]) -> Removed:
        counter: Counter[str] = Counter()
        for text in texts:
            counter.update(r.kind for r in text.replacements)
        return cls(dict(counter))

    def words(self) -> str:
        """ "4 namen, 2 plaatsen, 1 school" (kinds that share words are added up), or ""."""
        by_words: dict[tuple[str, str], int] = {}
        for kind in KINDS:
            if self.counts.get(kind):
                key = (KINDS[kind].one, KINDS[kind].many)
                by_words[key] = by_words.get(key, 0) + self.counts[kind]
        return ", ".join(
            f"{count} {one if count == 1 else many}" for (one, many), count in by_words.items()
        )

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# The library's findings for a text: spans in that (NFC) text. None: library not used.
LibrarySpans = Callable[[str, CaseVocabulary], list[Span]]


def deidentify(
    texts: Sequence[str], vocabulary: CaseVocabulary, library: LibrarySpans | None
) -> list[DeidentifiedText]:
    """Each text de-identified: IBANs first (the library would keep a bank code), then the
    library over the rest, the known terms of the case and Koers' detectors; overlapping and
    adjacent findings are merged under the strongest kind. `library` None runs Koers' own
    detectors alone (tests of those; never for a sheet)."""
    known = KnownTerms(vocabulary.terms)
    keep = frozenset(w.casefold() for k in vocabulary.keep for w in k.split())
    results = []
    for raw in texts:
        text = normalise(raw or "")
        spans = detectors.iban(text)
        masked = _masked(text, spans)
        if library is not None and masked.strip():
            spans += library(masked, vocabulary)
        spans += known.find(text)
        spans += detectors.all_patterns(masked, vocabulary.phone_digits, keep)
        spans += _name_pairs(text, spans)
        results.append(render(text, spans))
    return results


def _masked(text: str, spans: list[Span]) -> str:
    """`text` with the spans' characters turned into spaces (offsets stay the same)."""
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def _name_pairs(text: str, spans: list[Span]) -> list[Span]:
    """A capitalised word that opens a sentence right before a name found ("Wilhelmina
    Jansen belde") is part of that name."""
    starts = {s.start: s for s in spans if s.kind in PERSON_KINDS}
    found = []
    for match in re.finditer(rf"{detectors.UP}[\w'’-]*([ \t]+)", text):
        following = starts.get(match.end())
        word = match.group(0).strip()
        if (
            following is not None
            and word.casefold() not in detectors.COMMON_STARTS
            and word.casefold() not in detectors.FIELD_WORDS
        ):
            found.append(Span(match.start(), match.start() + len(word), following.kind))
    return found


def merge(text: str, spans: Iterable[Span]) -> list[Span]:
    """Overlapping findings become one, named by the strongest kind (then the longest);
    so do findings with only a space between them when one is a name ("Raoul" + "van Dijk")."""
    ordered = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)), key=lambda s: (s.start, -s.end)
    )
    merged: list[Span] = []
    for span in ordered:
        if merged:
            last = merged[-1]
            gap = text[last.end : span.start]
            joined = span.start < last.end or (
                span.start >= last.end
                and re.fullmatch(r"[ \t]*-?[ \t]*", gap) is not None
                and _joinable(last.kind, span.kind)
            )
            if joined:
                best = _stronger(last, span)
                merged[-1] = Span(last.start, max(last.end, span.end), best.kind, best.tag)
                continue
        merged.append(span)
    return merged


# A finding of one of these kinds that holds a name keeps its kind: "@dennis_88" stays a
# handle and "Bakkerij Öztürk" an employer though "Dennis" and "Öztürk" are known people.
_CONTAINERS = frozenset({"handle", "e-mail", "url", "iban", "kenteken", "school", "werkgever"})


def _stronger(one: Span, other: Span) -> Span:
    for outer, inner in ((one, other), (other, one)):
        holds = outer.start <= inner.start and inner.end <= outer.end
        if holds and outer.kind in _CONTAINERS and inner.kind not in _CONTAINERS:
            return outer
    return max((one, other), key=lambda s: (s.priority, s.end - s.start, -s.start))


def _joinable(left: str, right: str) -> bool:
    if left in PERSON_KINDS and right in PERSON_KINDS:
        return True
    places = {"school", "werkgever", "plaats", "adres", "instelling", "postcode"}
    return (left == "naam" and right in places) or (right == "naam" and left in places)


_WORD = re.compile(rf"{detectors.UP}[\w'’]*(?:-[\w'’]+)*")


def render(source: str, spans: Iterable[Span]) -> DeidentifiedText:
    """The printed text of `source` with `spans` (merged here) replaced by their tags."""
    merged = merge(source, spans)
    pieces: list[str] = []
    replacements: list[Replacement] = []
    position = length = 0
    for span in merged:
        pieces.append(source[position : span.start])
        length += span.start - position
        tag = span.printed
        replacements.append(
            Replacement(length, length + len(tag), span.kind, tag, span.start, span.end)
        )
        pieces.append(tag)
        length += len(tag)
        position = span.end
    pieces.append(source[position:])
    text = "".join(pieces)
    kept = []
    for match in _WORD.finditer(text):
        if any(r.start <= match.start() < r.end for r in replacements):
            continue
        if match.group(0).casefold() in detectors.COMMON_STARTS:
            continue
        # A sentence opens with a capital: an ordinary word there needs no second look.
        if detectors.sentence_start(text, match.start()) and detectors.is_common_word(
            match.group(0)
        ):
            continue
        kept.append(KeptWord(match.start(), match.end(), match.group(0)))
    return DeidentifiedText(source, text, tuple(merged), tuple(replacements), tuple(kept))
