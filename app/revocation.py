"""A laptop the organisation revoked (lost, stolen, a worker who left) erases its vault at the
first server answer that says so, whichever call heard it.

The server answers every call of a revoked device with HTTP 410 and `"wipe": true` (and
marks the device as wiped). A sync (app/sync_service.sync_now) was the only call that acted
on it; the password dialog, the team page's calls and the late-changes look showed a
message and left the vault in place. Now every app function that talks to the server raises
LaptopRevoked for that answer (never a softer error, never swallowed), and whoever holds the
vault erases it with `wipe_revoked_vault`, the one wipe a sync does: the window through its
sync controller (ui/sync_controller.SyncController.wipe, which then reacts as after a sync's
wipe), the command line through `erased_when_revoked`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from storage.errors import KoersError
from storage.remote import destroy_vault
from storage.vault import Vault
from sync.client import DeviceRevoked

REVOKED_EN = "this device was revoked on the server: its vault has been destroyed"
REVOKED_NL = "Deze laptop is ingetrokken door je organisatie; de kluis op deze laptop is gewist."


class LaptopRevoked(KoersError):
    """The server said this laptop was revoked and must wipe (HTTP 410, "wipe"). Nothing
    the call asked for was done; the caller that holds the vault must call
    `wipe_revoked_vault` (the texts describe the laptop after that)."""

    def __init__(self) -> None:
        super().__init__(REVOKED_EN, REVOKED_NL)


def revoked(error: DeviceRevoked) -> LaptopRevoked:
    """The app's error for the transport's DeviceRevoked (`raise revoked(e) from None`)."""
    del error  # the server's detail adds nothing the laptop acts on
    return LaptopRevoked()


def wipe_revoked_vault(vault: Vault) -> None:
    """Erase a revoked laptop's vault: key file overwritten, database, backups and side
    files removed (storage/remote.destroy_vault). The same wipe for every call that heard
    the server's answer; a second call for a vault already erased does nothing more."""
    destroy_vault(vault)


@contextmanager
def erased_when_revoked(vault: Vault) -> Iterator[None]:
    """Run server calls for `vault`'s laptop (the command line): a LaptopRevoked (or the
    transport's DeviceRevoked) erases the vault, then LaptopRevoked goes on to the caller."""
    try:
        yield
    except (LaptopRevoked, DeviceRevoked):
        wipe_revoked_vault(vault)
        raise LaptopRevoked() from None
