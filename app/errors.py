"""Domain errors: an English text for the CLI and API, a Dutch one for the window."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TypeVar

from storage.errors import KoersError

E = TypeVar("E", bound=Enum)


class ValidationError(KoersError, ValueError):
    """Input that breaks a rule of the domain; nothing was written."""

    def __init__(self, field: str, message_en: str, message_nl: str) -> None:
        super().__init__(f"{field}: {message_en}", message_nl)
        self.field = field


def require(condition: bool, field: str, message_en: str, message_nl: str) -> None:
    if not condition:
        raise ValidationError(field, message_en, message_nl)


def require_text(value: str | None, field: str, label_nl: str) -> None:
    require(
        isinstance(value, str) and bool(value.strip()),
        field,
        "must not be empty",
        f"Vul {label_nl} in.",
    )


def require_date(value: object, field: str, *, optional: bool = False) -> None:
    """`value` is a calendar date (not a datetime, not text); None only when `optional`.
    Raises ValidationError."""
    require(
        (value is None and optional)
        or (isinstance(value, date) and not isinstance(value, datetime)),
        field,
        "must be a date",
        "Vul een geldige datum in.",
    )


def impossible_date(typed: str, field: str = "date") -> ValidationError:
    """The error for a date typed that does not exist (31-02-2026, 00-00-0000)."""
    return ValidationError(
        field,
        f"the date {typed} does not exist",
        f"De datum {typed} bestaat niet; controleer dag, maand en jaar.",
    )


def enum_value(value: object, kind: type[E], field: str, *, optional: bool = False) -> E | None:
    """`value` as a member of `kind` (a member, or its stored value such as "uitval");
    None only when `optional`. Raises ValidationError for anything else, so an unknown
    word never reaches the vault."""
    if value is None and optional:
        return None
    try:
        return kind(value)
    except (ValueError, TypeError):
        raise ValidationError(
            field, f"not a known {kind.__name__}", "Kies een waarde uit de lijst."
        ) from None


class UnreadableRecord(KoersError, ValueError):
    """A stored record holds a value this Koers cannot read or that breaks a rule (written
    by another laptop: an older or newer version, or one that skipped the checks). It is
    left as it is; the message names no value it holds."""

    def __init__(self, record_type: str) -> None:
        super().__init__(
            f"a {record_type} in the vault cannot be read (it holds a value this version of "
            "Koers does not accept); it was left as it is",
            "Dit gegeven kan niet worden gelezen: het bevat een waarde die deze versie van "
            "Koers niet kent (van een andere laptop). Er is niets aan veranderd.",
        )
        self.record_type = record_type
