"""A user changes their own server account password from the laptop (POST /v1/password).

The password belongs to the server account (it enrols laptops and opens the beheer console),
not to the vault: the vault's passphrase is a separate secret. A change needs a connection;
nothing of either password is written to the vault, a draft or a log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import ValidationError
from app.revocation import revoked
from storage import sync_state
from storage.vault import Vault
from sync.client import (
    DeviceRevoked,
    HttpTransport,
    NotAuthorised,
    ServerUnreachable,
    SyncError,
    TooManyAttempts,
    WeakNewPassword,
    WrongCurrentPassword,
)
from sync.protocol import MAX_PASSWORD

# The server's own rule (sync/server/admin.weak_password_reason) has the final word; this
# length is checked here first so a short password is refused before any network call.
MIN_NEW_PASSWORD = 12


@dataclass(frozen=True)
class ServerLink:
    """Where this laptop syncs and its device token (secret: never shown or logged)."""

    url: str
    token: str = field(repr=False)


def server_link(vault: Vault) -> ServerLink | None:
    """The vault's server address and device token, or None when it is not enrolled. Runs on
    the vault's thread."""
    url = sync_state.get(vault, sync_state.SERVER_URL)
    token = sync_state.get(vault, sync_state.DEVICE_TOKEN)
    if not url or not token:
        return None
    return ServerLink(url, token)


def check_new_password(old: str, new: str, repeat: str) -> None:
    """The checks that need no server: every field filled, the repeat equal to the new
    password, long enough, different from the current one. Raises ValidationError (Dutch
    message_nl) naming the field: `old`, `new` or `repeat`."""
    if not old:
        raise ValidationError("old", "type your current password", "Vul je huidige wachtwoord in.")
    if not new:
        raise ValidationError("new", "type a new password", "Vul een nieuw wachtwoord in.")
    if new != repeat:
        raise ValidationError(
            "repeat",
            "the repeated password differs from the new one",
            "De herhaling is niet gelijk aan het nieuwe wachtwoord.",
        )
    if len(new) < MIN_NEW_PASSWORD:
        raise ValidationError(
            "new",
            f"the new password must be at least {MIN_NEW_PASSWORD} characters",
            f"Het nieuwe wachtwoord is te kort: gebruik minstens {MIN_NEW_PASSWORD} tekens "
            "(een zin van een paar woorden is makkelijk te onthouden).",
        )
    if len(new) > MAX_PASSWORD:
        raise ValidationError(
            "new",
            f"the new password must be at most {MAX_PASSWORD} characters",
            f"Het nieuwe wachtwoord is te lang: hoogstens {MAX_PASSWORD} tekens.",
        )
    if new == old:
        raise ValidationError(
            "new",
            "the new password equals the current one",
            "Het nieuwe wachtwoord is gelijk aan het huidige.",
        )


def change_account_password(link: ServerLink | None, old: str, new: str) -> None:
    """Ask the server to change this account's password from `old` to `new`. Runs off the
    window's thread (network). Raises ValidationError with a Dutch message for: no server
    link, no connection, a wrong current password (field `old`), a weak new password (field
    `new`), too many attempts, a disabled account, another refusal; LaptopRevoked when the
    server says this laptop was revoked (the caller wipes the vault: app/revocation.py)."""
    if link is None:
        raise ValidationError(
            "old",
            "this laptop is not linked to a server",
            "Deze laptop is niet gekoppeld aan een server. Je wachtwoord hoort bij je "
            "account op de server; koppel de laptop eerst.",
        )
    transport = HttpTransport(link.url, link.token)
    try:
        transport.change_password(old, new)
    except ServerUnreachable:
        raise ValidationError(
            "old",
            "changing the password needs a connection to the server",
            "Wachtwoord wijzigen kan alleen met een verbinding met de server. Je bent nu "
            "offline; probeer het opnieuw als er verbinding is.",
        ) from None
    except WrongCurrentPassword:
        raise ValidationError(
            "old", "the current password is wrong", "Het huidige wachtwoord klopt niet."
        ) from None
    except WeakNewPassword as exc:
        raise ValidationError(
            "new",
            str(exc),
            f"Het nieuwe wachtwoord is te zwak: gebruik minstens {MIN_NEW_PASSWORD} tekens, "
            "niet je gebruikersnaam en geen veelgebruikt wachtwoord.",
        ) from None
    except TooManyAttempts as exc:
        wait = f" over {exc.retry_after} seconden" if exc.retry_after else " later"
        raise ValidationError(
            "old",
            "too many attempts; try again later",
            f"Te veel pogingen. Probeer het{wait} opnieuw.",
        ) from None
    except DeviceRevoked as error:
        raise revoked(error) from None  # the laptop wipes (app/revocation.py)
    except NotAuthorised:
        raise ValidationError(
            "old",
            "the server refused this account",
            "De server weigert dit account (uitgeschakeld of verlopen koppeling). Vraag je "
            "beheerder.",
        ) from None
    except SyncError:
        raise ValidationError(
            "old",
            "the server could not change the password",
            "De server kon het wachtwoord niet wijzigen. Probeer het later opnieuw.",
        ) from None
    finally:
        transport.close()
