"""Data minimisation on the laptop: a closed case leaves the vault a set number of days after
it was closed (never before its programme's guarantee period for terugval has passed), but
only once the server holds every change of it.

"Closed" is the moment the case's status became `afgesloten` (the HLC of that field, which
is the same on every device). One skewed laptop cannot hold every other laptop's retention
back with that stamp: the server refuses stamps more than five minutes ahead of its own time
(sync/server/clock.py), laptops stamp with their time corrected by the server's and re-stamp
changes made while their clock ran ahead (app/clock_sync.py), and they never adopt a stamp
from the future; the server's own retention counts from when it received the value
(sync/server/admin.purge_closed_cases); "now" is the laptop's time corrected by the
server's. "The server holds it" means: the laptop is linked to a server, has synced since,
and no change of the case is still waiting or was refused. A case that fails either test
stays, however old; it is never only on a laptop that then forgets it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from app import codec
from app.codec import format_datetime
from app.errors import require
from app.programmes import Programme
from app.rules import local_date
from storage import sync_state
from storage.field_clocks import clocks_of, field_hlc
from storage.hlc import Hlc
from storage.remote import purge_cases
from storage.vault import Vault

SETTING = "retention_closed_days"
DEFAULT_DAYS = 30
MAX_DAYS = 3650


def retention_days(vault: Vault) -> int:
    value = vault.meta(SETTING)
    return int(value) if value else DEFAULT_DAYS


def set_retention_days(vault: Vault, days: int) -> None:
    require(
        0 <= days <= MAX_DAYS,
        "days",
        f"keep closed cases between 0 and {MAX_DAYS} days",
        f"Bewaar afgesloten casussen tussen 0 en {MAX_DAYS} dagen.",
    )
    with vault.transaction():
        vault.set_meta(SETTING, str(days))


def _guarantee_days(vault: Vault) -> dict[str, int]:
    """Each programme's terugvalgarantie in days (app/programmes.Programme.guarantee_days)."""
    return {
        row["id"]: codec.from_json(Programme, row["definition"]).guarantee_days
        for row in vault.db["programmes"].rows_where("deleted = 0")
    }


def closed_cases_due(vault: Vault, now: datetime | None = None) -> list[str]:
    """Closed cases past the retention period that the server fully holds.

    A case stays at least as long as its programme's guarantee period (terugvalgarantie),
    counted from its closing date, so that it can still be reopened on this laptop."""
    if not sync_state.get(vault, sync_state.SERVER_URL) or not sync_state.get(
        vault, sync_state.LAST_SYNC
    ):
        return []
    now = now or vault.server_now()  # a laptop clock days off must not move retention
    guarantees = _guarantee_days(vault)
    days = retention_days(vault)
    due = []
    for row in vault.db["cases"].rows_where("deleted = 0 AND status = 'afgesloten'"):
        closed = field_hlc(clocks_of(row), "status")
        keep = max(days, guarantees.get(row["programme_id"], 0))
        cutoff_ms = int((now - timedelta(days=keep)).timestamp() * 1000)
        closed_on = row.get("closed_on")
        if (
            closed
            and Hlc.decode(closed).wall_ms <= cutoff_ms
            and (
                closed_on is None
                or date.fromisoformat(closed_on) + timedelta(days=keep) < local_date(now)
            )
            and not sync_state.case_has_unsent_changes(vault, row["id"], refused_count=True)
        ):
            due.append(row["id"])
    return due


def purge_closed_cases(vault: Vault, now: datetime | None = None) -> int:
    due = closed_cases_due(vault, now)
    with vault.transaction() as db:
        for case_id in due:
            db.execute(
                "INSERT OR REPLACE INTO retired_cases(case_id, at) VALUES (?, ?)",
                [case_id, format_datetime(vault.now())],
            )
        return purge_cases(vault, due, actor=vault.owner, reason="retention: closed case")


def retired_case_ids(vault: Vault) -> set[str]:
    return {row[0] for row in vault.db.execute("SELECT case_id FROM retired_cases")}


def unretire_reopened(vault: Vault, changes: Iterable[tuple[str, str, dict]]) -> None:
    """A retired case whose status changes to anything but closed is fetched again."""
    retired = retired_case_ids(vault)
    reopened = [
        record_id
        for record_type, record_id, fields in changes
        if record_type == "case"
        and record_id in retired
        and fields.get("status", "afgesloten") != "afgesloten"
    ]
    if reopened:
        with vault.transaction() as db:
            for case_id in reopened:
                db.execute("DELETE FROM retired_cases WHERE case_id = ?", [case_id])
