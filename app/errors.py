"""Domain errors: an English text for the CLI and API, a Dutch one for the window."""

from __future__ import annotations

from storage.errors import KoersError


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
        value is not None and bool(value.strip()),
        field,
        "must not be empty",
        f"Vul {label_nl} in.",
    )
