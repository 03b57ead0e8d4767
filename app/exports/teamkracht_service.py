"""The teamkracht sheet as the window and the command line make it: read, de-identify,
review, write.

    source = read_sheet_source(vault, case_id)            # on the vault's thread
    draft = prepare_sheet(source, shared_worker().deidentify)  # the library's worker process
    ... the worker reviews draft.review(), blanks more, confirms ...
    write_teamkracht_sheet(vault, out, draft)              # PDF + one access-log line

`export_teamkracht_sheet` does all of it in one call without a review (scripts, tests); the
window and `koers export teamkracht` show the review and ask for a confirmation first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from app.casework import Casework, require_fitting
from app.exports.deduce_cache import will_build
from app.exports.deidentify_worker import shared_worker
from app.exports.service import ExportResult, _checked_target, _context, _json, _write
from app.exports.teamkracht import (
    TITLE,
    Deidentifier,
    SheetDraft,
    SheetSource,
    prepare_sheet,
    sheet_source,
    teamkracht_sheet,
)
from app.text import require_clean_text
from storage.vault import Vault


def read_sheet_source(
    vault: Vault, case_id: str, *, question: str | None = None, discussion_id: str | None = None
) -> SheetSource:
    """The case's sheet texts and what the vault knows of the case (read in one transaction).
    A `question` typed for this sheet meets the rules of a stored one (no control or
    direction characters, no emoji, the field's length). Raises the vault's errors for an
    unknown case, ValidationError for such a question."""
    if question is not None:
        require_clean_text(question, "question")
        require_fitting("case_discussion", {"question": question})
    casework = Casework(vault)
    with vault.transaction():
        file = casework.case_file(case_id)
    programme = casework.programme(file.case.programme_id)
    return sheet_source(file, programme, casework.today(), question, discussion_id)


def prepare_teamkracht_sheet(
    vault: Vault,
    case_id: str,
    *,
    question: str | None = None,
    discussion_id: str | None = None,
    deidentifier: Deidentifier | None = None,
    before_library: Callable[[], None] | None = None,
) -> SheetDraft:
    """The de-identified draft for the review (default: the shared worker process).
    `before_library` is called once the case is read, before the de-identification starts
    (the command line says there whether the library's cache is built first). Raises
    ValidationError for an unknown discussion, DeidentifyError when the de-identification
    cannot run."""
    source = read_sheet_source(vault, case_id, question=question, discussion_id=discussion_id)
    if before_library is not None:
        before_library()
    return prepare_sheet(source, deidentifier or shared_worker().deidentify)


BUILDING_NOTICE = "Building the de-identification word lists once; this takes a few minutes…"


def say_if_building(say: Callable[[str], None] = print) -> None:
    """`say` BUILDING_NOTICE when the next sheet builds the library's cache first (the
    first sheet on a new install: minutes without other output)."""
    if will_build():
        say(BUILDING_NOTICE)


def check_sheet_target(out: Path) -> Path:
    """The resolved target of a sheet. Raises ExportError (not a .pdf, a folder, no folder)."""
    return _checked_target(out, ".pdf")


def write_teamkracht_sheet(vault: Vault, out: Path, draft: SheetDraft) -> ExportResult:
    """Write the reviewed `draft` as the sheet (atomically, 0600) and log it: counts of what
    was removed, never the words. Raises ExportError for a bad target."""
    target = _checked_target(out, ".pdf")
    pdf, pages = teamkracht_sheet(draft, _context(vault, TITLE))
    _write(target, pdf)
    detail = {
        "export": "teamkracht",
        "cases": 1,
        "deidentified": True,
        "removed": draft.removed.counts,
        "blanked_by_worker": len(draft.blanked),
        "path": str(target),
    }
    Casework(vault).store.log_access("export", "case", draft.source.case_id, _json(detail))
    return ExportResult(target, pages, 1)


def export_teamkracht_sheet(
    vault: Vault,
    out: Path,
    case_id: str,
    *,
    question: str | None = None,
    discussion_id: str | None = None,
    blank: Sequence[str] = (),
    deidentifier: Deidentifier | None = None,
) -> ExportResult:
    """Read, de-identify, blank `blank` and write in one go (no review). The target is
    checked first, so a bad path costs no de-identification."""
    _checked_target(out, ".pdf")
    draft = prepare_teamkracht_sheet(
        vault, case_id, question=question, discussion_id=discussion_id, deidentifier=deidentifier
    )
    return write_teamkracht_sheet(vault, out, draft.with_blanked(blank))
