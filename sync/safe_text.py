"""Text a person typed (a device's name, an account's name) made safe to store and to show.

Shared by the server and its shell (`koers-server`); the server imports nothing from app/,
so these rules mirror app/text.py's for names:

- A name holds no control character (escape sequences repaint a terminal: `koers-server
  audit` would show other text than stored), no line or paragraph separator, and no
  invisible formatting character (category Cf: a right-to-left override U+202E shows
  "laptop-anna" for a name that differs, a zero-width space makes two names that look the
  same differ), no lone surrogate and no private-use character.
- Output of stored names: `printable` shows any such character as an escape (\\x1b,
  \\u202e), whatever was stored before these rules; `csv_cell` also keeps a spreadsheet
  from reading a cell as a formula (a cell starting with = + - @ TAB CR gets a leading ').
"""

from __future__ import annotations

import unicodedata

# Control, format, separator, surrogate and private-use characters.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})
# Characters a spreadsheet takes as the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def hidden_character(text: str) -> str | None:
    """The first character of `text` a name may not hold (see the module text), or None."""
    for char in text:
        if unicodedata.category(char) in _HIDDEN_CATEGORIES:
            return char
    return None


def name_problem(text: str) -> str | None:
    """Why `text` cannot be a device's or an account's name (English, one line, without the
    name), or None when it can. Empty or blank names are refused too."""
    if not text.strip():
        return "a name is not empty"
    if hidden_character(text) is not None:
        return (
            "a name holds no control character, line break or invisible formatting character "
            "(such as a right-to-left override or a zero-width space)"
        )
    return None


def printable(text: object) -> str:
    """`text` as one line a terminal shows as it is: every hidden character (see the module
    text) as a Python escape (\\x1b, \\u202e, \\n). None is ''."""
    if text is None:
        return ""
    value = str(text)
    if hidden_character(value) is None:
        return value
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in _HIDDEN_CATEGORIES
        else char
        for char in value
    )


def csv_cell(text: object) -> str:
    """`text` as a CSV cell that no spreadsheet runs: hidden characters escaped
    (`printable`), and a leading ' when it starts with a formula character."""
    value = printable(text)
    if value.startswith(FORMULA_STARTS) or str(text or "").startswith(FORMULA_STARTS):
        return "'" + value
    return value
