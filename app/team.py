"""A teamleider's team work: the team's caseload with each worker's load, the handover of
cases to a worker of the team, and late changes of a previous worker to accept.

The team view works offline: a teamleider's vault holds every case of the team (the server
sends them), and the view is the caseload (app/caseload.py, the same rules) with each case's
worker and back-up worker. Handing over and late changes need the server: they are asked
through the device's link (`server_link`, read from the vault on the vault's thread) so the
window can do the network part on a thread of its own.

The role comes from the server: `remember_account` stores what GET /v1/me answers (at
enrolment and at every sync); `account` reads it back offline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.caseload import CaseloadRow, caseload
from app.errors import ValidationError
from app.programmes import Programme
from app.revocation import revoked
from app.rules import local_date
from app.sync_problems import KINDS_NL
from app.text import require_clean_text
from app.vocabulary import CaseStatus
from storage import sync_state
from storage.errors import KoersError
from storage.vault import Vault
from sync.client import (
    DeviceRevoked,
    HandoverRefused,
    HttpTransport,
    NotAuthorised,
    ServerUnreachable,
    SyncError,
)
from sync.protocol import (
    MAX_HANDOVER_REASON,
    HandoverCase,
    HandoverRequest,
    HandoverResult,
    LateArrival,
    TeamWorkers,
)

TEAMLEIDER = "teamleider"

NEEDS_CONNECTION = (
    "Overdragen kan alleen met een verbinding met de server; die is er nu niet. "
    "Probeer het opnieuw zodra je online bent."
)
NOT_LINKED = (
    "Deze laptop is niet met een server verbonden; overdragen en late wijzigingen gaan via "
    "de server."
)
LATE_NEEDS_CONNECTION = "Late wijzigingen staan op de server; zonder verbinding zie je ze niet."


@dataclass(frozen=True)
class Account:
    """The account behind this laptop's device token, as the server last said."""

    user: str
    role: str
    team: str | None

    @property
    def is_teamleider(self) -> bool:
        return self.role == TEAMLEIDER


def account(vault: Vault) -> Account | None:
    """The account the server last named for this vault (None: never enrolled or never
    told). Reads the vault: call on the vault's thread."""
    user = sync_state.get(vault, sync_state.ACCOUNT_USER)
    role = sync_state.get(vault, sync_state.ACCOUNT_ROLE)
    if not user or not role:
        return None
    return Account(user, role, sync_state.get(vault, sync_state.ACCOUNT_TEAM) or None)


def remember_account(vault: Vault, transport: HttpTransport) -> Account:
    """Ask the server who this device's account is and keep the answer in the vault.
    Raises SyncError (and its kinds) when the server cannot say."""
    me = transport.me()
    with vault.transaction():
        sync_state.put(vault, sync_state.ACCOUNT_USER, me.user)
        sync_state.put(vault, sync_state.ACCOUNT_ROLE, me.role)
        sync_state.put(vault, sync_state.ACCOUNT_TEAM, me.team or "")
    return Account(me.user, me.role, me.team)


# --- the team view (offline) -------------------------------------------------------------


@dataclass(frozen=True)
class TeamCaseRow:
    """One case of the team: the caseload's row plus who holds it."""

    row: CaseloadRow
    worker: str
    backup_worker: str

    @property
    def case_id(self) -> str:
        return self.row.case_id

    @property
    def overdue(self) -> bool:
        return self.row.overdue_days > 0

    @property
    def in_nazorg(self) -> bool:
        return self.row.status is CaseStatus.NAZORG


@dataclass(frozen=True)
class WorkerLoad:
    """A worker's load: open cases, how many are overdue (a contact due before today) and
    how many are in nazorg."""

    worker: str
    cases: int
    overdue: int
    nazorg: int


@dataclass(frozen=True)
class TeamView:
    rows: list[TeamCaseRow]
    loads: list[WorkerLoad]  # by worker name; cases without a worker under ""
    today: date


def team_view(db, programmes: dict[str, Programme], today: date) -> TeamView:  # type: ignore[no-untyped-def]
    """Every open case in the vault (a teamleider's vault holds the team's) with its worker
    and back-up worker, and each worker's load; computed by the caseload's own rules."""
    return team_view_of(db, caseload(db, programmes, today), today)


def team_view_of(db, rows: Iterable[CaseloadRow], today: date) -> TeamView:  # type: ignore[no-untyped-def]
    """The team view of caseload `rows` already computed (the window's cached caseload);
    closed cases (afgesloten) are left out."""
    backups = dict(db.execute("SELECT id, COALESCE(backup_worker, '') FROM cases").fetchall())
    team_rows = [
        TeamCaseRow(row, row.worker or "", backups.get(row.case_id, ""))
        for row in rows
        if row.status is not CaseStatus.AFGESLOTEN
    ]
    team_rows.sort(key=lambda r: (r.worker.casefold(), -r.row.overdue_days, r.row.display_name))
    return TeamView(team_rows, worker_loads(team_rows), today)


def worker_loads(rows: Iterable[TeamCaseRow]) -> list[WorkerLoad]:
    """The load per worker of `rows`, sorted by name."""
    counts: dict[str, list[int]] = {}
    for r in rows:
        load = counts.setdefault(r.worker, [0, 0, 0])
        load[0] += 1
        load[1] += r.overdue
        load[2] += r.in_nazorg
    return [WorkerLoad(w, *counts[w]) for w in sorted(counts, key=str.casefold)]


# --- the server link ----------------------------------------------------------------------


@dataclass(frozen=True)
class ServerLink:
    """Where this laptop's server is and its device token (secret: never logged)."""

    url: str
    token: str

    def __repr__(self) -> str:
        return f"ServerLink({self.url!r}, token=…)"

    def transport(self) -> HttpTransport:
        return HttpTransport(self.url, self.token)


def server_link(vault: Vault) -> ServerLink | None:
    """The link of an enrolled vault, None for one that is not. Vault thread."""
    url = sync_state.get(vault, sync_state.SERVER_URL)
    token = sync_state.get(vault, sync_state.DEVICE_TOKEN)
    return ServerLink(url, token) if url and token else None


class NeedsConnection(KoersError):
    """The server could not be reached (or this laptop has none): nothing was done."""

    def __init__(self, message_nl: str = NEEDS_CONNECTION) -> None:
        super().__init__("this needs a connection to the server", message_nl)


def _require_link(link: ServerLink | None) -> ServerLink:
    if link is None:
        raise NeedsConnection(NOT_LINKED)
    return link


# --- handover -----------------------------------------------------------------------------


def handover_cases(vault: Vault, case_ids: Sequence[str]) -> list[HandoverCase]:
    """Each case with the worker this vault believes holds it (the server refuses the
    handover when that changed meanwhile). Vault thread. Raises ValidationError for no case
    or a case this vault does not hold."""
    if not case_ids:
        raise ValidationError(
            "cases", "choose at least one case", "Kies eerst een of meer casussen."
        )
    found: dict[str, str] = {}
    for start in range(0, len(case_ids), 500):
        chunk = list(case_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        found.update(
            vault.db.execute(
                f"SELECT id, COALESCE(worker, '') FROM cases WHERE deleted = 0 AND id IN ({marks})",
                chunk,
            ).fetchall()
        )
    missing = [c for c in case_ids if c not in found]
    if missing:
        raise ValidationError(
            "cases",
            "a chosen case is not on this laptop",
            "Een gekozen casus staat niet (meer) op deze laptop; synchroniseer en kies opnieuw.",
        )
    return [HandoverCase(case_id=c, expected_worker=found[c]) for c in dict.fromkeys(case_ids)]


def check_handover_choice(worker: str, backup_worker: str | None, reason: str) -> None:
    """The handover dialog's own rules before anything is sent: a worker, a back-up other
    than the worker, a reason of at most MAX_HANDOVER_REASON characters with no control
    character or reading-direction override (app/text.require_clean_text). Raises
    ValidationError (Dutch message_nl)."""
    if not worker.strip():
        raise ValidationError(
            "worker", "choose the receiving worker", "Kies aan wie je de casus overdraagt."
        )
    if backup_worker and backup_worker == worker:
        raise ValidationError(
            "backup_worker",
            "the back-up worker must be someone other than the worker",
            "De vervanger moet iemand anders zijn dan de nieuwe begeleider.",
        )
    if not reason.strip():
        raise ValidationError(
            "reason",
            "write the reason for the handover",
            "Schrijf de reden van de overdracht op; die komt in de overdrachtsnotitie.",
        )
    if len(reason) > MAX_HANDOVER_REASON:
        raise ValidationError(
            "reason",
            f"the reason is longer than {MAX_HANDOVER_REASON} characters",
            f"De reden is langer dan {MAX_HANDOVER_REASON} tekens; maak hem korter.",
        )
    # The rules of every free text on a laptop (the note a worker writes keeps them too).
    require_clean_text(reason, "reason")


# The server's refusals (sync/server/team.py) in the window's words.
_REFUSALS_NL = (
    (
        "an account name holds",
        "Een accountnaam in deze overdracht bevat een onzichtbaar teken (stuurteken of "
        "omkeerteken). Vraag de beheerder die naam te verbeteren; er is niets overgedragen.",
    ),
    (
        "with this back-up worker already",
        "Deze casus ligt al bij die begeleider, met dezelfde vervanger: er verandert niets. "
        "Kies een andere begeleider of een andere vervanger; er is niets overgedragen.",
    ),
    (
        "moved meanwhile",
        "Een van de casussen is intussen aan iemand anders gegeven. Er is "
        "niets overgedragen; synchroniseer en kijk opnieuw.",
    ),
    (
        "not a case of your team",
        "Een van de casussen hoort niet bij jouw team. Er is niets overgedragen.",
    ),
    (
        "receiving worker is not an active",
        "De gekozen begeleider is geen actieve medewerker "
        "van jouw team (uitgeschakeld of van een ander team). Er is niets overgedragen.",
    ),
    (
        "back-up worker is not an active",
        "De gekozen vervanger is geen actieve medewerker van "
        "jouw team (uitgeschakeld of van een ander team). Er is niets overgedragen.",
    ),
    (
        "someone other than the worker",
        "De vervanger moet iemand anders zijn dan de nieuwe begeleider.",
    ),
    (
        "reverses the reading direction",
        "De reden bevat een onzichtbaar teken dat de leesrichting omdraait (zoals U+202E): er "
        "staat dan iets anders dan je leest. Haal het weg; er is niets overgedragen.",
    ),
    (
        "control character",
        "De reden bevat een onzichtbaar stuurteken; haal het weg. Er is niets overgedragen.",
    ),
    ("reason", "Schrijf de reden van de overdracht op; die komt in de overdrachtsnotitie."),
    (
        "has no team",
        "Dit teamleidersaccount heeft geen team. Vraag de beheerder het account "
        "aan een team toe te voegen.",
    ),
    ("only a teamleider", "Alleen een teamleider kan casussen overdragen."),
)


class HandoverFailed(KoersError):
    """The server refused the handover; nothing was moved. `status` as the server said."""

    def __init__(self, message_en: str, message_nl: str, status: int = 0) -> None:
        super().__init__(message_en, message_nl)
        self.status = status


def _refusal(error: HandoverRefused) -> HandoverFailed:
    text = str(error)
    dutch = next(
        (nl for key, nl in _REFUSALS_NL if key in text),
        "De server weigerde de overdracht; er is niets overgedragen.",
    )
    return HandoverFailed(text, dutch, error.status)


def send_handover(
    link: ServerLink | None,
    cases: list[HandoverCase],
    worker: str,
    backup_worker: str | None,
    reason: str,
) -> HandoverResult:
    """Ask the server to hand `cases` over to `worker` (and `backup_worker`), with `reason`
    in each case's warm handover note. Network only (no vault): any thread. Raises
    ValidationError (checked before sending), NeedsConnection, HandoverFailed (the server
    refused: nothing moved), LaptopRevoked (this laptop must wipe: app/revocation.py)."""
    check_handover_choice(worker, backup_worker, reason)
    transport = _require_link(link).transport()
    request = HandoverRequest(
        cases=cases, worker=worker, backup_worker=backup_worker or None, reason=reason.strip()
    )
    try:
        return transport.hand_over(request)
    except ServerUnreachable:
        raise NeedsConnection() from None
    except HandoverRefused as error:
        raise _refusal(error) from None
    except DeviceRevoked as error:
        raise revoked(error) from None
    except (NotAuthorised, SyncError) as error:
        raise HandoverFailed(
            str(error), "De server weigerde de overdracht; er is niets overgedragen."
        ) from None
    finally:
        transport.close()


def hand_over(
    vault: Vault, case_ids: Sequence[str], worker: str, backup_worker: str | None, reason: str
) -> HandoverResult:
    """`handover_cases` and `send_handover` in one (the command line, tests): the caller
    syncs afterwards to bring the new holders and the notes into this vault."""
    cases = handover_cases(vault, case_ids)
    return send_handover(server_link(vault), cases, worker, backup_worker, reason)


def team_workers(link: ServerLink | None) -> TeamWorkers:
    """The team's active workers, from the server. Raises NeedsConnection, HandoverFailed,
    LaptopRevoked."""
    transport = _require_link(link).transport()
    try:
        return transport.team_workers()
    except ServerUnreachable:
        raise NeedsConnection() from None
    except DeviceRevoked as error:
        raise revoked(error) from None
    except (NotAuthorised, SyncError) as error:
        dutch = next(
            (nl for key, nl in _REFUSALS_NL if key in str(error)),
            "De server gaf de medewerkers van het team niet.",
        )
        raise HandoverFailed(str(error), dutch) from None
    finally:
        transport.close()


# --- late changes -------------------------------------------------------------------------


# Field names in the case file's Dutch words, for the late-changes banner (others: the
# stored name with spaces).
FIELD_LABELS_NL = {
    "report": "verslag",
    "starts_at": "datum en tijd",
    "kind": "soort",
    "status": "status",
    "duration_minutes": "duur",
    "location": "plek",
    "address": "adres",
    "phone": "telefoon",
    "email": "e-mail",
    "notes": "notities",
    "brief": "kort contact",
    "with_whom": "met wie",
    "display_name": "naam",
    "summary": "samenvatting",
    "reason": "reden",
    "title": "titel",
    "description": "omschrijving",
    "due_on": "streefdatum",
    "scores": "scores",
    "phase_id": "fase",
    "programme_id": "programma",
    "planned_end_date": "gepland einde",
    "start_date": "start",
}
# Fields whose value dates a new record (a contact's moment, a note's day).
_DATING_FIELDS = ("starts_at", "handover_date", "held_on", "assessed_on", "screened_on", "made_on")


def field_label_nl(field: str) -> str:
    """A field of a record in the case file's Dutch words."""
    return FIELD_LABELS_NL.get(field, field.replace("_", " "))


@dataclass(frozen=True)
class LateChange:
    """A change of a previous worker that reached the server after the case moved: what
    kind of record, which fields, whether it made a new record, from whom and when the
    server received it. Its values stay on the server until accepted."""

    id: int
    record_type: str
    kind_nl: str
    fields: tuple[str, ...]
    new_record: bool
    from_user: str
    received_at: datetime | None
    record_date: date | None = None  # a new record's own date (a contact's day), if any

    @property
    def field_labels(self) -> tuple[str, ...]:
        return tuple(field_label_nl(f) for f in self.fields)


def _record_date(fields: dict) -> date | None:  # type: ignore[type-arg]
    for name in _DATING_FIELDS:
        value = fields.get(name)
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            return local_date(moment) if moment.tzinfo else moment.date()
    return None


def _late(item: LateArrival) -> LateChange:
    try:
        received = datetime.fromisoformat(item.received_at.replace("Z", "+00:00"))
    except ValueError:
        received = None
    fields = tuple(f for f in item.change.fields if f not in ("case_id", "deleted"))
    return LateChange(
        id=item.id,
        record_type=item.change.record_type,
        kind_nl=KINDS_NL.get(item.change.record_type, item.change.record_type),
        fields=fields,
        new_record=item.change.created,
        from_user=item.from_user,
        received_at=received,
        record_date=_record_date(item.change.fields) if item.change.created else None,
    )


def late_changes(link: ServerLink | None, case_id: str) -> list[LateChange]:
    """The late changes of a case waiting to be accepted, oldest first; empty for a case
    this account may not write. Raises NeedsConnection, LaptopRevoked (never quiet: the
    laptop must wipe)."""
    transport = _require_link(link).transport()
    try:
        return [_late(item) for item in transport.late_arrivals(case_id)]
    except ServerUnreachable:
        raise NeedsConnection(LATE_NEEDS_CONNECTION) from None
    except DeviceRevoked as error:
        raise revoked(error) from None  # never "nothing to show": the laptop must wipe
    except (NotAuthorised, SyncError):
        return []  # not this account's to accept (404), or refused: nothing to show
    finally:
        transport.close()


def accept_late_changes(link: ServerLink | None, late_ids: Iterable[int]) -> int:
    """Accept late changes into their case (each becomes a change every holder receives at
    the next sync). Returns how many were accepted; one accepted meanwhile by someone else
    is skipped. Raises NeedsConnection, HandoverFailed, LaptopRevoked."""
    transport = _require_link(link).transport()
    accepted = 0
    try:
        for late_id in late_ids:
            try:
                transport.accept_late(late_id)
                accepted += 1
            except NotAuthorised:
                continue  # accepted meanwhile (403)
    except ServerUnreachable:
        raise NeedsConnection(LATE_NEEDS_CONNECTION) from None
    except DeviceRevoked as error:
        raise revoked(error) from None
    except SyncError as error:
        raise HandoverFailed(
            str(error), "De server nam de late wijzigingen niet over; probeer het opnieuw."
        ) from None
    finally:
        transport.close()
    return accepted
