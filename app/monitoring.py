"""The outcome figures of the team overview, fetched from the server (GET /v1/monitoring).

The server counts them over every case of the organisation, also those a laptop let go
after closing; this laptop only asks, online, for the teams its account may see. Without a
connection (or for an account that monitors no team) the overview goes on with its process
figures and says why the outcome figures are missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.revocation import revoked
from app.sync_service import NotEnrolled, transport_for
from app.team_overview import Period
from storage.vault import Vault
from sync.client import DeviceRevoked, NotAuthorised, ServerUnreachable, SyncError
from sync.protocol import MonitoringReport

NEEDS_CONNECTION = (
    "De uitkomstcijfers (instroom, uitstroom, nazorg, terugval, resultaten en wisselingen) "
    "komen van de server en vragen een verbinding. Zonder verbinding staan hier alleen de "
    "procescijfers van deze laptop."
)
NOT_ENROLLED = (
    "De uitkomstcijfers (instroom, uitstroom, nazorg, terugval, resultaten en wisselingen) "
    "komen van de server en vragen een verbinding; deze laptop is niet met een server "
    "verbonden. Hier staan alleen de procescijfers van deze laptop."
)
NOT_MONITORING = (
    "De uitkomstcijfers van de server zijn er voor teamleiders en managers; dit account ziet "
    "alleen de procescijfers van deze laptop."
)
NO_TEAM = (
    "De uitkomstcijfers van de server zijn er per team, maar dit teamleidersaccount heeft geen "
    "team. Vraag de beheerder het account aan een team toe te voegen. Hier staan alleen de "
    "procescijfers van deze laptop."
)
REFUSED = (
    "De server gaf geen uitkomstcijfers voor deze periode. Hier staan alleen de procescijfers."
)


@dataclass(frozen=True)
class Outcomes:
    """The server's report, or None with the Dutch reason it is missing (`missing`) and a
    short English one for the command line (`missing_en`)."""

    report: MonitoringReport | None
    missing: str | None = None
    missing_en: str | None = None


def fetch_outcomes(vault: Vault, period: Period) -> Outcomes:
    """Ask the server this vault is enrolled with for the outcome counts of `period`.
    Never raises for a missing connection or right: the overview is made without them.
    Raises LaptopRevoked when the server says this laptop was revoked (the caller wipes)."""
    try:
        transport = transport_for(vault)
    except NotEnrolled:
        return Outcomes(None, NOT_ENROLLED, "this laptop is not enrolled with a server")
    try:
        return Outcomes(transport.monitoring(period.start, period.end))
    except ServerUnreachable:
        return Outcomes(None, NEEDS_CONNECTION, "the server could not be reached")
    except NotAuthorised as error:
        if "without a team" in str(error):  # sync/server/monitoring.TEAMLESS
            return Outcomes(
                None,
                NO_TEAM,
                "this teamleider account has no team; ask the administrator to add one",
            )
        return Outcomes(None, NOT_MONITORING, "this account does not monitor a team")
    except DeviceRevoked as error:
        raise revoked(error) from None  # the laptop wipes (app/revocation.py)
    except SyncError:
        return Outcomes(None, REFUSED, "the server gave no outcome figures for this period")
    finally:
        transport.close()
