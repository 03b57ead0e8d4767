"""Errors of the vault. Each carries an English text (CLI, logs) and a Dutch one (UI).

Texts never contain personal data, keys or passphrases.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: `koers --version` imports this module (app/cli.py)
if TYPE_CHECKING:
    from datetime import datetime


class KoersError(Exception):
    """Base of every error Koers reports to a user."""

    def __init__(self, message_en: str, message_nl: str | None = None) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_nl = message_nl or message_en


class VaultError(KoersError):
    """Something is wrong with the vault file, its key file or the passphrase."""


class InvalidPassphrase(VaultError):
    def __init__(self, reason_en: str, reason_nl: str) -> None:
        super().__init__(reason_en, reason_nl)


class WrongPassphrase(VaultError):
    def __init__(self) -> None:
        super().__init__("wrong passphrase", "Onjuist wachtwoord.")


class BackoffActive(VaultError):
    """Too many wrong passphrases: unlocking is refused until the wait is over."""

    def __init__(self, wait_seconds: float) -> None:
        self.wait_seconds = max(1, int(wait_seconds + 0.999))
        super().__init__(
            f"too many wrong passphrases; try again in {self.wait_seconds} s",
            f"Te vaak een onjuist wachtwoord. "
            f"Probeer het over {self.wait_seconds} seconden opnieuw.",
        )


class NotAVault(VaultError):
    pass


class KeyFileMismatch(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "the key file belongs to another vault",
            "Het sleutelbestand hoort bij een andere kluis.",
        )


class VaultCorrupted(VaultError):
    def __init__(
        self,
        detail_en: str = "the vault file is damaged or truncated",
        backup_made_at: datetime | None = None,
    ) -> None:
        self.backup_made_at = backup_made_at
        message_nl = "Het kluisbestand is beschadigd of onvolledig."
        if backup_made_at is not None:
            local = backup_made_at.astimezone()
            detail_en += (
                f"; the latest automatic backup is from {local:%Y-%m-%d %H:%M}: "
                "restore it with `koers vault restore`"
            )
            message_nl += (
                f" Er is een automatische back-up van {local:%d-%m-%Y %H:%M}; "
                "zet die terug met ‘Back-up terugzetten’."
            )
        super().__init__(detail_en, message_nl)


class VaultLocked(VaultError):
    def __init__(self) -> None:
        super().__init__("the vault is locked", "De kluis is vergrendeld.")


class VaultExists(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "a vault or key file already exists at that path",
            "Op deze plek staat al een kluis.",
        )


class SchemaTooNew(VaultError):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"the vault has schema version {found}; this Koers supports up to {supported}",
            "Deze kluis is gemaakt met een nieuwere versie van Koers.",
        )


class RecordNotFound(KoersError):
    def __init__(self, record_type: str, record_id: str) -> None:
        super().__init__(
            f"no {record_type} with id {record_id}",
            "Dit gegeven bestaat niet (meer).",
        )


class RecordExists(KoersError, ValueError):
    """An insert with an id that is in the vault already (a save done twice); nothing
    was written."""

    def __init__(self, record_type: str) -> None:
        super().__init__(
            f"a {record_type} with this id exists already",
            "Dit gegeven is al opgeslagen.",
        )


class AppendOnlyViolation(KoersError):
    def __init__(self, record_type: str) -> None:
        super().__init__(
            f"{record_type} records are append-only; record a correction as a new version",
            "Dit gegeven kan niet worden overschreven; leg een correctie vast als nieuwe versie.",
        )


class DiskFull(KoersError):
    def __init__(self) -> None:
        super().__init__(
            "the disk is full or refused the write; nothing was saved",
            "De schijf is vol of weigert te schrijven; er is niets opgeslagen. "
            "Maak ruimte vrij en probeer het opnieuw.",
        )
