"""What typed text may hold: the checks every write path (form, CSV import, Python) shares.

- No text holds a control character (NUL, escape, bell, ...): a pasted one hides text in
  the window and breaks exports; a line break or tab may stay in free text (a report).
- A name (client, initials, household member, danger person, partner organisation) is one
  line of at most MAX_NAME characters, with no invisible formatting characters: a
  right-to-left override (U+202E) shows "Jansen" reversed on screen while the stored name
  differs, and a zero-width space or a stray byte-order mark makes two names that look the
  same differ (a duplicate slips through). Joiners stay: some scripts need them.
- No text holds a bidirectional override, embedding or isolate (U+202A-U+202E,
  U+2066-U+2069): pasted into a note it reverses what follows on screen and in the pack, so
  "112" reads "211" and an emergency number shows other digits than the vault holds. The
  left-to-right and right-to-left marks (U+200E, U+200F) stay: mixed-script text needs them.
- A one-line field (who, with whom, filled in by, a place: storage/field_limits.py gives it
  at most LINE characters) holds no line break or tab either.
- A name holds no emoji picture (U+1F000 and up, or a sequence with an emoji-presentation
  selector or a joiner, as the `emoji` package's data finds them): a colleague must be able
  to type the name to find the case. Free text may hold them (a client's message quoted in
  a report): every export prints them in a bundled emoji font (app/exports/script.py).
"""

from __future__ import annotations

import unicodedata

import emoji

from app.errors import require
from storage.field_limits import NAME

MAX_NAME = NAME  # characters in a name (storage/field_limits.py keeps every limit)
# Format characters a name may hold: zero-width non-joiner/joiner (Persian, Indic scripts,
# emoji sequences) and the left-to-right / right-to-left marks (mixed-script names).
ALLOWED_FORMAT = frozenset("\u200c\u200d\u200e\u200f")
FREE_TEXT_CONTROLS = frozenset("\t\n\r")
# Overrides, embeddings and isolates: they reorder what follows them on screen and in print.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def control_character(text: str, *, multiline: bool = True) -> str | None:
    """The first control character in `text` (a line break or tab counts only when not
    `multiline`), or None."""
    allowed = FREE_TEXT_CONTROLS if multiline else frozenset()
    for char in text:
        if char in allowed:
            continue
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            return char
    return None


def invisible_character(text: str) -> str | None:
    """The first invisible formatting character of `text` (bidi override, zero-width
    space, byte-order mark, ...) that a name may not hold, or None."""
    for char in text:
        if unicodedata.category(char) == "Cf" and char not in ALLOWED_FORMAT:
            return char
    return None


def bidi_control(text: str) -> str | None:
    """The first character of `text` that reverses or reorders the reading direction of
    what follows (BIDI_CONTROLS), or None."""
    if text.isascii():
        return None
    return next((char for char in text if char in BIDI_CONTROLS), None)


PICTURE_SELECTORS = frozenset("\ufe0f\u200d")  # emoji presentation, zero-width joiner


def emoji_picture(text: str) -> str | None:
    """The first emoji picture in `text`, or None."""
    if text.isascii():
        return None
    for found in emoji.emoji_list(text):
        picture = found["emoji"]
        if any(ord(char) >= 0x1F000 or char in PICTURE_SELECTORS for char in picture):
            return str(picture)
    return None


def require_no_emoji(value: str, field: str) -> None:
    """Raises ValidationError when the name `value` holds an emoji picture (see the module's
    notes)."""
    require(
        emoji_picture(value) is None,
        field,
        "a name holds no emoji (write it in letters, so a colleague can type it to find it)",
        "Een naam bevat geen emoji: schrijf hem in letters, zodat een collega hem kan typen "
        "om hem te vinden.",
    )


def require_clean_text(value: object, field: str) -> None:
    """Free text (a report, notes): no control characters but line breaks and tabs, and no
    character that reverses the reading direction (emoji may stay). Raises ValidationError."""
    if not isinstance(value, str):
        return
    require(
        control_character(value) is None,
        field,
        "contains a control character (remove it)",
        "De tekst bevat een onzichtbaar stuurteken; haal het weg.",
    )
    require(
        bidi_control(value) is None,
        field,
        "contains a character that reverses the reading direction (such as U+202E); "
        "the text would show differently from what is stored (remove it)",
        "De tekst bevat een onzichtbaar teken dat de leesrichting omdraait (zoals U+202E): "
        "er staat dan iets anders dan je leest. Haal het weg.",
    )


def require_one_line(value: object, field: str) -> None:
    """A one-line field (who, with whom, a place): no line break or tab. Raises
    ValidationError."""
    if not isinstance(value, str):
        return
    require(
        control_character(value, multiline=False) is None,
        field,
        "is one line: it holds no line break or tab",
        "Dit veld is één regel: haal de regelovergang of tab weg.",
    )


def require_name(value: object, field: str) -> None:
    """A name: one line, at most MAX_NAME characters, no control or invisible formatting
    characters. Emptiness is the record's own check. Raises ValidationError."""
    if not isinstance(value, str):
        return
    require(
        len(value) <= MAX_NAME,
        field,
        f"a name is at most {MAX_NAME} characters",
        f"Een naam is hoogstens {MAX_NAME} tekens lang.",
    )
    require(
        control_character(value, multiline=False) is None,
        field,
        "a name holds no control character or line break",
        "Een naam bevat geen stuurteken of regelovergang.",
    )
    require_no_emoji(value, field)
    require(
        invisible_character(value) is None,
        field,
        "a name holds no invisible formatting character (such as a right-to-left override "
        "or a zero-width space)",
        "Een naam bevat geen onzichtbaar opmaakteken (zoals een omkeerteken of een "
        "spatie zonder breedte).",
    )
