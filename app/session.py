"""One unlocked working session, as the window uses it: the vault, the services and the
caseload cache, with the few questions the screens ask. No Qt: tests and the CLI can drive
it headless. The window runs every call on its vault thread."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from app import team
from app.agenda import WeekAgenda, week_agenda, week_of
from app.case import Case, FrequencyOverride
from app.caseload import CaseloadRow, CaseloadView
from app.casework import CaseFile, Casework, new_id
from app.closing import Closure, Reopening, close_case, reopen_case, reopen_deadline
from app.contact import Contact
from app.dashboard import SECRET_ADDRESS_MASK, Dashboard, build_dashboard
from app.drafts import Draft, discard_draft, drafts, save_draft
from app.exports.service import (
    CaseSelection,
    ExportResult,
    export_handover_pack,
    export_team_overview,
    export_teamkracht_sheet,
)
from app.exports.teamkracht import SheetDraft, SheetSource
from app.exports.teamkracht_service import read_sheet_source, write_teamkracht_sheet
from app.programmes import Programme
from app.rules import LOCAL_TZ, local_date
from app.safety import SafetyRecords
from app.screening import RiskScreening
from app.sync_service import SyncStatus, sync_status
from app.team_overview import Period
from app.vocabulary import ContactKind
from storage.clock import Clock
from storage.keyfile import key_path_for, read_key_file
from storage.keys import DEFAULT_KDF, KdfParams

# The window's writers (Casework, sync) use the vault's sqlite-utils wrapper, which the vault
# loads at the first ask: loading it with the window, while the passphrase is typed, keeps
# it out of the time from unlock to the painted dashboard (bench.desktop).
from storage.sqlite_import import sqlite_utils as _sqlite_utils  # noqa: F401
from storage.vault import Vault, remaining_backoff

# Searching report text starts at this many characters; shorter terms match too much.
MIN_REPORT_SEARCH = 3


@dataclass(frozen=True)
class ContactDefaults:
    """What the contact form starts with: now, a home visit, the case's address."""

    case_id: str
    display_name: str
    starts_at: datetime
    kind: ContactKind
    location: str  # masked for a secret address
    address: str  # the real address, carried on the record for worker safety
    duration_minutes: int = 60


@dataclass(frozen=True)
class CaseContext:
    """What the case-file forms start from: the case, the programme definitions, today,
    the laptop's account (who screens, closes, reopens), a planned visit's defaults,
    the latest screening, the safety records, and the record a form opens on."""

    case: Case
    programmes: dict[str, Programme]
    today: date
    worker: str
    visit: ContactDefaults
    latest_screening: RiskScreening | None = None  # what a programme switch is checked on
    safety: SafetyRecords = SafetyRecords()  # the plan, agreements, breaches, follow-ups
    record_id: str = ""  # the record a form changes or follows up ('': a new one)

    @property
    def programme(self) -> Programme:
        """The case's current programme."""
        return self.programmes[self.case.programme_id]

    @property
    def reopen_deadline(self) -> date | None:
        """The last day the case may be reopened (terugvalgarantie); None while it runs."""
        return reopen_deadline(self.case, self.programme)


def _gives_away(location: str, case: Case, visit_address: str) -> bool:
    """Whether a location text names a secret address: the visit's address, or the case's
    street or postcode."""
    text = location.casefold()
    clues = [visit_address]
    if case.address is not None:
        clues += [case.address.street, case.address.postcode]
    return any(c.strip() and c.casefold().strip() in text for c in clues)


def unlock_wait_seconds(path: Path, now: datetime) -> int:
    """Seconds until the next unlock attempt is allowed (0: now)."""
    try:
        key_file = read_key_file(key_path_for(path))
    except Exception:  # a missing or broken key file is reported by the unlock itself
        return 0
    return math.ceil(remaining_backoff(key_file, now.timestamp()))


class WorkSession:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.casework = Casework(vault)
        self._owner = self.casework.store.actor  # the vault's owner, read once, here
        self._caseload = CaseloadView()

    @classmethod
    def unlock(cls, path: Path, passphrase: str, *, clock: Clock | None = None) -> WorkSession:
        """Unlock the vault (Vault.open's errors). Every page's HMAC is checked in a thread
        meanwhile (Vault.open, pages_meanwhile): the session and the first `dashboard` read
        while it runs, anything else waits for it, and `prove_whole` says how it ended. The
        backup copy waits until the dashboard is shown (`backup_if_due`)."""
        vault = Vault.open(path, passphrase, clock=clock, backup_now=False, pages_meanwhile=True)
        try:
            with vault.reading_while_checked():
                return cls(vault)
        except BaseException:
            vault.lock()
            raise

    def prove_whole(self) -> None:
        """Wait until every page of the vault is proved whole (`unlock`). Raises
        VaultCorrupted (the vault locked) if one is damaged."""
        self.vault.prove_whole()

    def backup_if_due(self) -> None:
        self.vault.backup_if_due()

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        owner: str,
        kdf: KdfParams = DEFAULT_KDF,
        clock: Clock | None = None,
    ) -> WorkSession:
        session = cls(Vault.create(path, passphrase, owner=owner, kdf=kdf, clock=clock))
        session.casework.seed_default_programmes()
        return session

    def lock(self) -> None:
        """Forget every cached row and close the vault (the key is overwritten)."""
        self._caseload.clear()
        self.casework._programmes = None
        self.vault.lock()

    @property
    def owner(self) -> str:
        """Whose vault this is (set when it was made; the window shows it while the unlock's
        page check still runs)."""
        return self._owner

    # --- what the screens show -------------------------------------------------------------

    def dashboard(self, *, include_closed: bool = False) -> Dashboard:
        """What Vandaag and the caseload show; with `include_closed` the closed cases come
        along in `Dashboard.closed` (the caseload's "show closed cases"). Read while the
        unlock's page check runs (Vault.reading_while_checked)."""
        with self.vault.reading_while_checked():
            return build_dashboard(
                self.vault.db,
                self.casework.programmes(),
                self.casework.today(),
                self._caseload,
                include_closed=include_closed,
            )

    def caseload(self, *, include_closed: bool = False) -> list[CaseloadRow]:
        """The caseload rows; closed cases (afgesloten) only with `include_closed`."""
        return self._caseload.refresh(
            self.vault.db,
            self.casework.programmes(),
            self.casework.today(),
            include_closed=include_closed,
        )

    def week(self, monday: date | None = None) -> WeekAgenda:
        """The planned contacts of the week starting `monday` (default: this week)."""
        today = self.casework.today()
        return week_agenda(self.vault.db, monday or week_of(today)[0], today)

    def open_case(self, case_id: str) -> CaseFile:
        return self.casework.open_case(case_id)

    def reveal_address(self, case_id: str) -> str:
        address = self.casework.reveal_address(case_id)
        return address.one_line() if address else ""

    def cases_with_report_text(self, term: str) -> set[str]:
        """Cases whose contact reports contain `term` (case-insensitive, literal)."""
        term = term.strip()
        if len(term) < MIN_REPORT_SEARCH:
            return set()
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.vault.db.execute(
            "SELECT DISTINCT case_id FROM contacts WHERE deleted = 0 AND report LIKE ? ESCAPE '\\'",
            [pattern],
        )
        return {row[0] for row in rows}

    def sync_status(self) -> SyncStatus:
        return sync_status(self.vault)

    # --- a teamleider's team page (app/team.py) --------------------------------------------

    def account(self) -> team.Account | None:
        """The account (name, role, team) the server last named for this laptop."""
        return team.account(self.vault)

    def team_view(self, rows: list[CaseloadRow] | None = None) -> team.TeamView:
        """The team's open cases with worker and back-up worker, and each worker's load;
        from caseload `rows` already made (the dashboard's), else the caseload afresh."""
        rows = self.caseload() if rows is None else rows
        return team.team_view_of(self.vault.db, rows, self.casework.today())

    def handover_plan(
        self, case_ids: list[str]
    ) -> tuple[team.ServerLink | None, list[team.HandoverCase]]:
        """What a handover of `case_ids` sends (each case with the worker this laptop
        believes holds it) and where to. Raises ValidationError."""
        return team.server_link(self.vault), team.handover_cases(self.vault, case_ids)

    def server_link(self) -> team.ServerLink | None:
        return team.server_link(self.vault)

    # --- the contact form ------------------------------------------------------------------

    def contact_defaults(self, case_id: str) -> ContactDefaults:
        """What the contact form (Ctrl+N) starts with. With a visit planned today (the one
        closest to now) the form starts as that visit: its kind, place, address and length,
        and its start when that has passed (else now), so saving completes it
        (Casework.record_contact). A secret address shows masked, as always."""
        case: Case = self.casework.get_case(case_id)
        defaults = self._plain_defaults(case)
        now = defaults.starts_at
        planned = self.casework.planned_on_day(case_id, local_date(now))
        if not planned:
            return defaults
        visit = min(planned, key=lambda p: abs(p.starts_at - now))
        home_visit = visit.kind is ContactKind.HUISBEZOEK
        address = visit.address or (defaults.address if home_visit else "")
        location = visit.location or address
        if (
            case.secret_address
            and location
            and (not visit.location or _gives_away(visit.location, case, address))
        ):
            location = SECRET_ADDRESS_MASK
        starts_at = visit.starts_at.astimezone(LOCAL_TZ)
        return replace(
            defaults,
            starts_at=starts_at if starts_at <= now else now,
            kind=visit.kind,
            location=location,
            address=address,
            duration_minutes=visit.duration_minutes,
        )

    def _plain_defaults(self, case: Case) -> ContactDefaults:
        """Now, a home visit at the case's address (masked when secret)."""
        address = case.address.one_line() if case.address else ""
        now = self.vault.now().astimezone(LOCAL_TZ).replace(second=0, microsecond=0)
        return ContactDefaults(
            case_id=case.id,
            display_name=case.display_name,
            starts_at=now,
            kind=ContactKind.HUISBEZOEK,
            location=SECRET_ADDRESS_MASK if case.secret_address else address,
            address=address,
        )

    def record_contact(self, contact: Contact, draft_id: str | None = None) -> str:
        """Save a done contact and drop its draft in the same transaction."""
        with self.vault.transaction():
            if contact.location == SECRET_ADDRESS_MASK:
                contact = replace(contact, location="")
            contact_id = self.casework.record_contact(contact)
            if draft_id is not None:
                discard_draft(self.vault, draft_id)
        return contact_id

    # --- the case-file forms: screening, trajectory, agenda, closing, conflicts ----------

    def case_context(self, case_id: str, record_id: str = "") -> CaseContext:
        """The case and what its forms need; a planned visit defaults to the next full hour
        (a home visit at the case's address, whatever is planned today). `record_id` names
        the record a form opens on (an agreement to change, a breach to follow up)."""
        case = self.casework.get_case(case_id)
        visit = self._plain_defaults(case)
        next_hour = visit.starts_at.replace(minute=0) + timedelta(hours=1)
        return CaseContext(
            case=case,
            programmes=dict(self.casework.programmes()),
            today=self.casework.today(),
            worker=self.owner,
            visit=replace(visit, starts_at=next_hour),
            latest_screening=self.casework.latest_screening(case_id),
            safety=self.casework.safety_records(case_id),
            record_id=record_id,
        )

    def programmes(self) -> dict[str, Programme]:
        return dict(self.casework.programmes())

    def add_screening(self, screening: RiskScreening) -> str:
        """Store a screening; raises ContraIndicated without a reason to go on."""
        return self.casework.add_screening(screening)

    def change_phase(self, case_id: str, phase_id: str, since: date) -> Case:
        return self.casework.change_phase(case_id, phase_id, since)

    def switch_programme(
        self, case_id: str, programme_id: str, since: date, contra_reason: str = ""
    ) -> Case:
        """Raises ContraIndicated when the new programme's contra-indications meet the latest
        screening and no `contra_reason` is given."""
        return self.casework.switch_programme(case_id, programme_id, since, contra_reason)

    def set_frequency_override(self, case_id: str, override: FrequencyOverride) -> Case:
        return self.casework.set_frequency_override(case_id, override)

    def end_frequency_override(self, case_id: str, until: date) -> Case:
        return self.casework.end_frequency_override(case_id, until)

    def plan_contact(self, contact: Contact) -> str:
        """Plan a visit. The masked location of a secret address is not stored as text; the
        real address travels on the contact (worker safety). Raises ValidationError."""
        if contact.location == SECRET_ADDRESS_MASK:
            contact = replace(contact, location="")
        return self.casework.plan_contact(contact)

    def cancel_planned_contact(self, contact_id: str) -> None:
        """Cancel a planned visit; raises ValidationError for a contact that took place."""
        self.casework.cancel_planned_contact(contact_id)

    def close_case(self, closure: Closure) -> Case:
        return close_case(self.casework, closure)

    def reopen_case(self, reopening: Reopening) -> Case:
        return reopen_case(self.casework, reopening)

    def restore_conflict(self, conflict_id: str) -> None:
        """Take the value that lost a merge; raises ValidationError when it is gone."""
        self.casework.restore_conflict(conflict_id)

    # --- drafts of every form (app/drafts.py) ---------------------------------------------

    def save_draft(self, draft_id: str, form: str, record_id: str, payload: dict) -> None:
        """Keep a half-typed form (`form` names it, `record_id` is its case or record)."""
        save_draft(self.vault, draft_id, form, record_id, payload)

    def discard_draft(self, draft_id: str) -> None:
        discard_draft(self.vault, draft_id)

    def drafts(self, form: str | None = None) -> list[Draft]:
        """Stored drafts, oldest first (of one form, or all)."""
        return drafts(self.vault, form)

    # --- exports (the window asks where and how; these write and log) -------------------

    def export_handover_pack(
        self, out: Path, case_ids: list[str], password: str | None, include_secret: bool
    ) -> ExportResult:
        return export_handover_pack(
            self.vault,
            out,
            CaseSelection(case_ids=tuple(case_ids)),
            password,
            include_secret_addresses=include_secret,
        )

    def export_teamkracht_sheet(
        self, out: Path, case_id: str, question: str | None, discussion_id: str | None = None
    ) -> ExportResult:
        """The sheet made from `discussion_id` (else the latest prepared discussion)."""
        return export_teamkracht_sheet(
            self.vault, out, case_id, question=question, discussion_id=discussion_id
        )

    def teamkracht_source(
        self, case_id: str, question: str | None, discussion_id: str | None = None
    ) -> SheetSource:
        """The sheet's texts and what the vault knows of the case, for the review."""
        return read_sheet_source(
            self.vault, case_id, question=question, discussion_id=discussion_id
        )

    def write_teamkracht_sheet(self, out: Path, draft: SheetDraft) -> ExportResult:
        """Write the sheet the worker reviewed and confirmed."""
        return write_teamkracht_sheet(self.vault, out, draft)

    def export_team_overview(
        self, out: Path, as_csv: bool, period: Period | None = None
    ) -> ExportResult:
        """The team overview of `period` (default: the last full quarter); the outcome
        figures are fetched from the server, so this call may wait on the network."""
        return export_team_overview(self.vault, out, as_csv=as_csv, period=period)

    @staticmethod
    def new_id() -> str:
        return new_id()
