"""Export services the window and the `koers export` commands share.

Each reads what it needs from the vault, builds the document in memory, writes it only to
the path the user chose (atomically, mode 0600: no half-written file, no plaintext copy
elsewhere) and writes one access-log line: who, what, how many cases, where. Handover packs
are encrypted before a byte reaches the disk.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from app.casework import Casework
from app.errors import ValidationError
from app.exports.document import ExportContext
from app.exports.overdracht import TITLE as PACK_TITLE
from app.exports.overdracht import PackOptions, handover_pack
from app.exports.overzicht import TITLE as OVERVIEW_TITLE
from app.exports.overzicht import overview_csv, overview_pdf
from app.exports.protection import check_password, encrypt_pdf, generate_password
from app.monitoring import fetch_outcomes
from app.team_overview import Period, check_period, last_full_quarter, team_overview
from storage.errors import KoersError
from storage.vault import Vault


class ExportError(KoersError):
    pass


@dataclass(frozen=True)
class CaseSelection:
    """Which cases a handover pack holds: chosen ids, all running cases, or one worker's."""

    case_ids: tuple[str, ...] = ()
    all_cases: bool = False
    worker: str | None = None

    def __post_init__(self) -> None:
        chosen = sum((bool(self.case_ids), self.all_cases, self.worker is not None))
        if chosen != 1:
            raise ValidationError(
                "selection",
                "choose exactly one of: case ids, all cases, a worker",
                "Kies casussen, alle casussen of één trajectbegeleider.",
            )

    def describe(self, count: int) -> str:
        if self.all_cases:
            return "Alle lopende casussen"
        if self.worker is not None:
            return f"Lopende casussen van {self.worker}"
        return "Gekozen casus" if count == 1 else "Gekozen casussen"

    def log_text(self) -> str:
        if self.all_cases:
            return "all"
        if self.worker is not None:
            return "worker"
        return "cases"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int
    cases: int
    generated_password: str | None = None  # shown to the user once, never stored
    note: str | None = None  # what the export lacks, in English (the overview offline)


def export_handover_pack(
    vault: Vault,
    out: Path,
    selection: CaseSelection,
    password: str | None,
    *,
    include_secret_addresses: bool = False,
) -> ExportResult:
    """`password=None` lets Koers generate one; it is in the result and nowhere else."""
    generated = None
    if password is None:
        password = generated = generate_password()
    check_password(password)
    target = _checked_target(out, ".pdf")
    casework = Casework(vault)
    with vault.transaction():
        case_ids = _selected_ids(casework, selection)
        files = [casework.case_file(case_id) for case_id in case_ids]
    context = _context(vault, PACK_TITLE)
    options = PackOptions(selection.describe(len(files)), include_secret_addresses)
    pdf, pages = handover_pack(files, casework.programmes(), context, options)
    _write(target, encrypt_pdf(pdf, password))
    detail = {
        "export": "overdracht",
        "selection": selection.log_text(),
        "cases": len(files),
        "case_ids": list(case_ids),
        "secret_addresses_included": include_secret_addresses
        and any(f.case.secret_address for f in files),
        "path": str(target),
    }
    single = case_ids[0] if len(case_ids) == 1 else None
    casework.store.log_access("export", "case" if single else "caseload", single, _json(detail))
    return ExportResult(target, pages, len(files), generated)


def export_teamkracht_sheet(
    vault: Vault,
    out: Path,
    case_id: str,
    *,
    question: str | None = None,
    discussion_id: str | None = None,
) -> ExportResult:
    """The de-identified sheet of one case, made from the discussion `discussion_id` (else
    the latest prepared one), without a review: app/exports/teamkracht_service.py."""
    from app.exports.teamkracht_service import export_teamkracht_sheet as export  # noqa: PLC0415

    return export(vault, out, case_id, question=question, discussion_id=discussion_id)


def export_team_overview(
    vault: Vault, out: Path, *, as_csv: bool = False, period: Period | None = None
) -> ExportResult:
    """The team overview of `period` (default: the last full quarter): process figures
    from this vault, outcome figures from the server when it can be reached (else the
    overview says they need a connection; `ExportResult.note` says so in English). Raises
    ValidationError for an empty or future period and ExportError for a bad target, before
    anything is fetched or written."""
    target = _checked_target(out, ".csv" if as_csv else ".pdf")
    casework = Casework(vault)
    today = casework.today()
    period = period or last_full_quarter(today)
    check_period(period, today)
    with vault.transaction():
        process = team_overview(casework)
    outcomes = fetch_outcomes(vault, period)
    overview = replace(
        process, period=period, outcomes=outcomes.report, outcomes_missing=outcomes.missing
    )
    cases = sum(line.active for line in overview.lines)
    if as_csv:
        data, pages = overview_csv(overview), 0
    else:
        data, pages = overview_pdf(overview, _context(vault, OVERVIEW_TITLE))
    _write(target, data)
    detail = {
        "export": "overzicht",
        "format": "csv" if as_csv else "pdf",
        "cases": cases,
        "period": [period.start.isoformat(), period.end.isoformat()],
        "outcomes": outcomes.report is not None,
        "path": str(target),
    }
    casework.store.log_access("export", "caseload", None, _json(detail))
    return ExportResult(target, pages, cases, note=outcomes.missing_en)


# --- pieces --------------------------------------------------------------------------------


def _context(vault: Vault, title: str) -> ExportContext:
    return ExportContext(title=title, exported_at=vault.now(), exported_by=vault.owner)


def _json(detail: dict) -> str:
    return json.dumps(detail, ensure_ascii=False, sort_keys=True)


def _selected_ids(casework: Casework, selection: CaseSelection) -> tuple[str, ...]:
    if selection.case_ids:
        for case_id in selection.case_ids:
            casework.get_case(case_id)  # an unknown id fails here, before any work
        return tuple(dict.fromkeys(selection.case_ids))
    cases = casework.cases()
    if selection.worker is not None:
        wanted = selection.worker.casefold()
        cases = [c for c in cases if c.worker.casefold() == wanted]
    if not cases:
        raise ExportError(
            "no running cases match; nothing was exported",
            "Geen lopende casussen gevonden; er is niets geëxporteerd.",
        )
    return tuple(c.id for c in cases)


def _checked_target(out: Path, suffix: str) -> Path:
    target = Path(out).expanduser()
    if target.suffix.lower() != suffix:
        raise ExportError(
            f"the output file must end in {suffix}", f"De bestandsnaam moet eindigen op {suffix}."
        )
    if target.is_dir():
        raise ExportError("the output path is a folder", "Kies een bestand, geen map.")
    if not target.parent.is_dir():
        raise ExportError("the output folder does not exist", "Die map bestaat niet.")
    return target.resolve()


def _write(target: Path, data: bytes) -> None:
    """All or nothing: a temporary file beside the target, synced, then renamed over it."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=".koers-export-", dir=target.parent)
    except OSError:
        raise ExportError(
            "cannot write in the output folder", "In die map kan Koers niet schrijven."
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(
            "writing the export failed (disk full?); nothing was written",
            "Het opslaan is mislukt (schijf vol?); er is niets opgeslagen.",
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def default_file_name(kind: str, today_text: str, suffix: str = ".pdf") -> str:
    """A file name with no client name in it (file names end up in recent-files lists)."""
    return f"koers-{kind}-{today_text}{suffix}"
