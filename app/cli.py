"""The `koers` command line. Errors are one clear English line and a non-zero exit code."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence

from app import __version__
from storage.errors import KoersError, VaultCorrupted

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from app.caseload import CaseloadRow
    from app.dashboard import Dashboard
    from app.demo import DemoServer
    from app.programmes import Programme
    from storage.vault import Vault

# Every other import happens in the command that needs it: `koers --version` and the
# parser must not load the vault, the PDF stack, httpx or Qt, nor even pathlib, json or
# dataclasses; a command's parser is built only for that command (`build_parser`). Issue:
# no wait a worker can feel; `python -m bench.cli_start` prints the figures and
# tests/cli/test_start_imports.py names what each command may import.

EXIT_ERROR = 1
EXIT_INTERNAL = 70


class CliError(KoersError):
    pass


# --- passphrases --------------------------------------------------------------------------


def _passphrase(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"no passphrase: set {env} or run in a terminal")
    import getpass

    return getpass.getpass(prompt)


def _new_passphrase(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    import getpass

    first = _passphrase(env, prompt)
    if getpass.getpass("Repeat: ") != first:
        raise CliError("the two passphrases differ; nothing was changed")
    return first


def _open(
    args: argparse.Namespace,
    *,
    pages_meanwhile: bool = False,
    meanwhile: Callable[[], object] | None = None,
) -> Vault:
    """The vault of --vault, unlocked with KOERS_PASSPHRASE or a prompt. Argon2id starts
    first, on a thread (storage.keys.derive_ahead), and the vault's modules, then
    `meanwhile` (a command's own imports), load while it runs; with `pages_meanwhile` the
    page check runs while the command goes on (Vault.open). Raises what Vault.open raises."""
    passphrase = _passphrase("KOERS_PASSPHRASE", "Passphrase: ")
    _derive_ahead(args.vault, passphrase)
    _at_low_priority(lambda: _load_for_open(meanwhile))
    from storage.vault import Vault

    return Vault.open(args.vault, passphrase, pages_meanwhile=pages_meanwhile)


def _load_for_open(meanwhile: Callable[[], object] | None) -> None:
    """What opening the vault imports (its modules, AES-GCM), then `meanwhile`."""
    from storage import keys, vault  # noqa: F401

    keys.load_cipher()
    if meanwhile is not None:
        meanwhile()


def _at_low_priority(work: Callable[[], object]) -> None:
    """Run `work` on a thread of its own at the lowest CPU priority (on Linux: nice 19 for
    that thread alone) and wait for it; its error is raised here. While Argon2id runs, its
    lanes keep both cores of a small laptop busy but for the moments they wait on one
    another: imports at normal priority took those cores from them (Argon2id 50-100 ms
    slower), at the lowest they fill only those moments. The calling thread waits and loads
    nothing meanwhile, so the two never import at once."""
    from storage.background import Background

    Background(_lowest_priority_then, work).result()


def _lowest_priority_then(work: Callable[[], object]) -> None:
    if sys.platform == "linux":
        import _thread

        with contextlib.suppress(OSError):  # a sandbox may refuse: then as ever
            os.setpriority(os.PRIO_PROCESS, _thread.get_native_id(), 19)
    work()


def _derive_ahead(vault_path: Path, passphrase: str) -> None:
    """Start the unlock's Argon2id now if the key file beside `vault_path` can be read and
    counts fewer wrong passphrases than the backoff allows (after that, Vault.open decides
    first whether to derive at all); otherwise Vault.open says what is wrong."""
    from storage.keyfile import FREE_ATTEMPTS, key_path_for, read_key_file
    from storage.keys import derive_ahead

    try:
        key_file = read_key_file(key_path_for(vault_path))
    except KoersError:
        return
    if key_file.failed_attempts < FREE_ATTEMPTS:
        derive_ahead(passphrase, key_file.wrapped)


# --- commands -----------------------------------------------------------------------------


def cmd_vault_init(args: argparse.Namespace) -> int:
    import getpass

    from app.casework import Casework
    from storage.keys import DEFAULT_KDF
    from storage.vault import Vault

    passphrase = _new_passphrase("KOERS_PASSPHRASE", "New passphrase: ")
    owner = args.user or getpass.getuser()
    with Vault.create(args.vault, passphrase, owner=owner, kdf=DEFAULT_KDF) as vault:
        Casework(vault).seed_default_programmes()
    print(f"Created vault {args.vault}")
    return 0


def cmd_vault_unlock_check(args: argparse.Namespace) -> int:
    with _open(args):
        pass
    print("Passphrase accepted; the vault unlocks.")
    return 0


def cmd_vault_passwd(args: argparse.Namespace) -> int:
    from storage.vault import Vault

    old = _passphrase("KOERS_PASSPHRASE", "Current passphrase: ")
    with Vault.open(args.vault, old) as vault:
        new = _new_passphrase("KOERS_NEW_PASSPHRASE", "New passphrase: ")
        vault.change_passphrase(old, new)
    print("Passphrase changed.")
    return 0


def cmd_vault_check(args: argparse.Namespace) -> int:
    with _open(args) as vault:
        problems = vault.check_integrity()
    if problems:
        raise VaultCorrupted(f"integrity check failed: {len(problems)} problem(s)")
    print("Vault is intact.")
    return 0


def cmd_vault_restore(args: argparse.Namespace) -> int:
    from storage.backup import backups
    from storage.vault import Vault

    if args.list:
        found = backups(args.vault)
        for item in found:
            print(f"{item.made_at:%Y-%m-%d %H:%M} UTC  {item.path.name}")
        if not found:
            print("No automatic backups of this vault.")
        return 0
    passphrase = _passphrase("KOERS_PASSPHRASE", "Passphrase: ")
    used, aside = Vault.restore_backup(args.vault, passphrase)
    print(
        f"Restored the backup of {used.made_at:%Y-%m-%d %H:%M} UTC. The damaged file is kept "
        f"as {aside.name}. Changes made after the backup return with the next sync, if they "
        "had been sent."
    )
    return 0


def cmd_vault_retention(args: argparse.Namespace) -> int:
    from app.retention import retention_days, set_retention_days

    with _open(args) as vault:
        if args.days is not None:
            set_retention_days(vault, args.days)
        days = retention_days(vault)
    print(
        f"Closed cases leave this laptop {days} days after closing, once the server has "
        "every change of them."
    )
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from app.casework import Casework
    from app.synthetic import populate

    if args.cases < 1 or args.cases > 100_000:
        raise CliError("--cases must be between 1 and 100000")
    with _open(args) as vault:
        casework = Casework(vault)
        casework.seed_default_programmes()
        populate(casework, args.cases, seed=args.seed)
    print(f"Added {args.cases} synthetic cases.")
    return 0


def _row_json(row: CaseloadRow) -> dict:
    return {
        "case_id": row.case_id,
        "name": row.display_name,
        "initials": row.initials,
        "programme": row.programme,
        "phase": row.phase,
        "status": row.status.value,
        "worker": row.worker,
        "risk": int(row.risk) if row.risk else None,
        "last_contact": row.last_contact_on.isoformat() if row.last_contact_on else None,
        "next_due": row.due.due_on.isoformat() if row.due.due_on else None,
        "overdue_days": row.overdue_days,
        "programme_end": row.end.ends_on.isoformat() if row.end else None,
        "programme_end_state": row.end.state.value if row.end else None,
    }


def _table(rows: Sequence[CaseloadRow]) -> str:
    head = ("name", "programme", "phase", "risk", "next due", "overdue")
    body = [
        (
            r.display_name,
            r.programme,
            r.phase,
            str(int(r.risk)) if r.risk else "-",
            r.due.due_on.isoformat() if r.due.due_on else "-",
            str(r.overdue_days) if r.overdue_days else "",
        )
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in (head, *body)) for i in range(len(head))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in (head, *body)
    ]
    return "\n".join(lines)


def _on_day(text: str | None) -> date | None:
    """The day given with --on (dd-mm-yyyy or yyyy-mm-dd), None without one. Raises
    CliError for anything else."""
    if text is None:
        return None
    from app.day_text import parse_date

    day = parse_date(text)
    if day is None:
        raise CliError(f"--on needs a date like 27-11-2026 or 2026-11-27, not {text!r}")
    return day


def cmd_cases(args: argparse.Namespace) -> int:
    with _no_cycle_collection():
        return _list_cases(args)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """For a command whose process ends once it has printed (`koers cases`): the cycle
    collector does not walk the objects its imports make, again and again, meanwhile (it is
    on again afterwards, for a caller in the same process), nor every object left at the
    exit: they are frozen there (gc.freeze), as the process's memory goes with it. About 7%
    of the command's instructions (bench/cli_start)."""
    import atexit

    from app import collector

    atexit.register(_freeze_at_exit)
    with collector.paused():
        yield


def _freeze_at_exit() -> None:
    import gc

    gc.disable()
    gc.freeze()


def _load_listing() -> None:
    """Import what `_list_cases` uses (while Argon2id runs: `_open`)."""
    for module in ("json", "app.codec", "app.caseload", "app.programmes", "app.rules"):
        __import__(module)
    __import__("storage.access_log")


def _list_cases(args: argparse.Namespace) -> int:
    # Not through Casework or RecordStore: their imports (every record type's checks, the
    # emoji data, sqlite-utils for the table helpers) cost more than the listing. The
    # programmes, today and the access-log line are read and written as they do it, on the
    # vault's raw connection (tests/cli/test_cli_cases_raw.py compares the two).
    on = _on_day(args.on)
    with _open(args, pages_meanwhile=True, meanwhile=_load_listing) as vault:
        # Loaded while Argon2id runs (_open); the first use of the vault below waits for its
        # page check, and a damaged file stops the command there, nothing listed.
        import json

        from app import codec
        from app.caseload import caseload, sort_most_overdue
        from app.programmes import Programme
        from app.rules import local_date
        from storage.access_log import append_access

        programmes = {
            programme_id: codec.from_json(Programme, definition)
            for programme_id, definition in vault.execute(
                "SELECT id, definition FROM programmes WHERE deleted = 0 ORDER BY id"
            )
        }
        today = on or local_date(vault.now())
        rows = caseload(vault.connection, programmes, today, include_closed=args.all)
        if args.due:
            rows = [r for r in rows if r.is_due]
        rows = sort_most_overdue(rows)
        with vault.sql_transaction() as conn:
            append_access(
                conn,
                at=vault.now(),
                actor=vault.owner,
                device_id=vault.device_id,
                record_type="caseload",
                record_id=None,
                action="list",
                detail=f"{len(rows)} cases",
            )
    if args.json:
        print(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=1))
    else:
        print(_table(rows) if rows else "No cases.")
    return 0


def cmd_programmes(args: argparse.Namespace) -> int:
    import json

    from app import codec
    from app.casework import Casework

    with _open(args) as vault:
        casework = Casework(vault)
        if args.file is not None:
            with vault.transaction():
                for programme in _read_programmes(args.file):
                    casework.save_programme(programme)
        programmes = list(casework.programmes().values())
    if args.json:
        print(
            json.dumps(
                [json.loads(str(codec.encode_value(p))) for p in programmes],
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    for programme in programmes:
        limit = (
            f", at most {programme.max_duration_days} days" if programme.max_duration_days else ""
        )
        print(f"{programme.id}: {programme.name}{limit}")
        for phase in programme.phases:
            print(f"  {phase.id}: {phase.name} ({phase.frequency.label})")
        if programme.checkin_offsets_days:
            days = ", ".join(str(d) for d in programme.checkin_offsets_days)
            print(f"  check-ins after {days} days")
    return 0


def _read_programmes(path: Path) -> list[Programme]:
    """Programme definitions from a JSON file (one object or a list), validated in full."""
    import json

    from app import codec
    from app.programmes import Programme

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CliError(f"cannot read programmes from {path}: {type(exc).__name__}") from None
    items = data if isinstance(data, list) else [data]
    try:
        return [codec.from_json(Programme, json.dumps(item)) for item in items]
    except KoersError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise CliError(f"not a valid programme definition: {exc}") from None


def cmd_enroll(args: argparse.Namespace) -> int:
    import getpass

    from app.sync_service import enroll_device

    password = os.environ.get("KOERS_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise CliError("no password: set KOERS_PASSWORD or run in a terminal")
        password = getpass.getpass(f"Server password for {args.user}: ")
    with _open(args) as vault:
        enroll_device(vault, args.server, args.user, password)
    print("This laptop is enrolled; its device token is stored in the vault.")
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    """Change the server account's password (the vault's link names the account); the
    current one from KOERS_PASSWORD or a prompt, the new one from KOERS_NEW_PASSWORD or a
    prompt, twice. Needs a connection."""
    import getpass

    from app.account_password import (
        change_account_password,
        check_new_password,
        server_link,
    )
    from app.revocation import erased_when_revoked

    old = _passphrase("KOERS_PASSWORD", "Current server password: ")
    new = os.environ.get("KOERS_NEW_PASSWORD")
    repeat = new
    if new is None:
        new = _passphrase("KOERS_NEW_PASSWORD", "New server password: ")
        repeat = getpass.getpass("Repeat: ")
    check_new_password(old, new, repeat or "")
    with _open(args) as vault, erased_when_revoked(vault):  # the server's wipe: as a sync
        change_account_password(server_link(vault), old, new)
    print("Your server password was changed; your laptops stay enrolled.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from app.sync_problems import count_set_aside
    from app.sync_service import sync_now
    from storage import sync_state

    if args.problems:
        return _print_sync_problems(args)
    with _open(args) as vault:
        report = sync_now(vault)
        pending = 0 if report.wiped else sync_state.pending_changes(vault)
        set_aside = 0 if report.wiped else count_set_aside(vault)
    if report.wiped:
        print("This device was revoked on the server: its vault has been destroyed.")
        return EXIT_ERROR
    print(
        f"Synced: {report.pushed + report.kept_late} changes sent, "
        f"{report.pulled} changes received, {report.conflicts} conflicts kept, "
        f"{report.received_cases} cases new on this laptop, "
        f"{report.purged_cases} handed-over cases removed, "
        f"{report.retention_purged} closed cases removed after the retention period, "
        f"{pending} pending."
    )
    for reason in sorted(set(report.rejected)):
        print(f"Refused by the server: {report.rejected.count(reason)} x {reason}")
    if report.kept_late:
        print(
            f"Kept by the server as late arrivals: {report.kept_late} change(s) to cases "
            "handed over meanwhile; the new holder or a teamleider accepts them."
        )
    if set_aside:
        print(
            f"Set aside on this laptop: {set_aside} received change(s) that do not fit the "
            "schema; `koers sync --problems` lists them."
        )
    return 0


def _print_sync_problems(args: argparse.Namespace) -> int:
    """Changes set aside here and refused by the server: ids, record type, reason only."""
    from app.sync_problems import INCOMING, one_line_reason, sync_problems

    with _open(args) as vault:
        problems = sync_problems(vault)
    for p in problems:
        print(
            "\t".join(
                one_line_reason(text)
                for text in (
                    "received, set aside" if p.direction == INCOMING else f"sent, {p.code}",
                    p.change_id,
                    p.record_type,
                    p.record_id,
                    f"case {p.case_id or '-'}",
                    p.reason_en,
                )
            )
        )
    if not problems:
        print("No changes set aside or refused.")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    import json

    from app.casework import Casework

    with _open(args) as vault:
        casework = Casework(vault)
        if args.restore:
            casework.restore_conflict(args.restore)
            print("The losing value is restored as a new change.")
            return 0
        items = casework.conflicts()
    if args.json:
        print(json.dumps([c.__dict__ for c in items], ensure_ascii=False, indent=1))
    else:
        for c in items:
            print(f"{c.id}\t{c.record_type}\t{c.field}\t{c.detected_at}")
        if not items:
            print("No open conflicts.")
    return 0


def _pdf_password(args: argparse.Namespace) -> str | None:
    """KOERS_PDF_PASSWORD, --generate-password, or a prompt (twice; empty lets Koers make one).
    None means: generate."""
    if args.generate_password:
        return None
    value = os.environ.get("KOERS_PDF_PASSWORD")
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(
            "no PDF password: set KOERS_PDF_PASSWORD, pass --generate-password or run in a terminal"
        )
    import getpass

    first = getpass.getpass("Password for the PDF (empty: let Koers make one): ")
    if not first:
        return None
    if getpass.getpass("Repeat: ") != first:
        raise CliError("the two passwords differ; nothing was exported")
    return first


def cmd_export_overdracht(args: argparse.Namespace) -> int:
    from app.exports.protection import check_password
    from app.exports.service import CaseSelection, export_handover_pack

    selection = CaseSelection(
        case_ids=tuple(args.case or ()), all_cases=args.all, worker=args.worker
    )
    password = _pdf_password(args)
    if password is not None:
        check_password(password)  # before the vault's passphrase is asked for
    with _open(args) as vault:
        result = export_handover_pack(
            vault,
            args.out,
            selection,
            password,
            include_secret_addresses=args.include_secret_addresses,
        )
    cases = "1 case" if result.cases == 1 else f"{result.cases} cases"
    pages = "1 page" if result.pages == 1 else f"{result.pages} pages"
    print(f"Handover pack written: {cases}, {pages}, AES-256 encrypted.")
    if result.generated_password:
        print(f"PDF password (shown once, pass it on separately): {result.generated_password}")
    return 0


def cmd_export_teamkracht(args: argparse.Namespace) -> int:
    """Print the sheet's review (what it prints, tags for what was removed, capitalised words
    kept); write it only with --yes (app/exports/teamkracht_service.py)."""
    from app.exports.teamkracht_service import (  # noqa: PLC0415 (spawns the worker)
        check_sheet_target,
        prepare_teamkracht_sheet,
        say_if_building,
        write_teamkracht_sheet,
    )

    check_sheet_target(args.out)  # a bad path is told before the library loads
    with _open(args) as vault:
        draft = prepare_teamkracht_sheet(
            vault,
            args.case,
            question=args.question,
            discussion_id=args.discussion,
            before_library=lambda: say_if_building(lambda line: print(line, flush=True)),
        ).with_blanked(args.blank or ())
        print(draft.review_text())
        if not args.yes:
            raise CliError("read the review above, then run again with --yes to write the sheet")
        result = write_teamkracht_sheet(vault, args.out, draft)
    print(f"Teamkracht sheet written: {result.pages} page(s), de-identified.")
    return 0


def cmd_export_overzicht(args: argparse.Namespace) -> int:
    from app.casework import Casework
    from app.exports.service import export_team_overview
    from app.revocation import erased_when_revoked
    from app.team_overview import Period, last_full_quarter

    start = _period_day(args.period_from, "--from")
    end = _period_day(args.period_to, "--to")
    if end is not None and start is None:
        raise CliError("--to needs --from (without both: the last full quarter)")
    with _open(args) as vault:
        today = Casework(vault).today()
        period = Period(start, end or today) if start is not None else last_full_quarter(today)
        with erased_when_revoked(vault):  # the outcome figures' call heard the wipe
            result = export_team_overview(vault, args.out, as_csv=args.csv, period=period)
    kind = "CSV" if args.csv else f"PDF, {result.pages} page(s)"
    print(
        f"Team overview written ({kind}): outcome figures for {period.start:%d-%m-%Y} to "
        f"{period.end:%d-%m-%Y}; process figures as of {today:%d-%m-%Y}, whatever the period "
        f"({result.cases} running cases)."
    )
    if result.note:
        print(f"Outcome figures left out ({result.note}): process figures only.")
    return 0


def _period_day(text: str | None, option: str) -> date | None:
    """A day of the overview's period (dd-mm-yyyy or yyyy-mm-dd). Raises CliError."""
    if text is None:
        return None
    from app.day_text import parse_date

    day = parse_date(text)
    if day is None:
        raise CliError(f"{option} needs a date like 01-07-2026 or 2026-07-01, not {text!r}")
    return day


def render_dashboard(dashboard: Dashboard) -> str:
    """The caseload dashboard for a terminal, in the words the worker uses."""
    from app.caseload import sort_most_overdue

    out = [f"Koers — Vandaag, {dashboard.today:%d-%m-%Y}", ""]

    def section(title: str, lines: list[str]) -> None:
        out.append(f"{title} ({len(lines)})")
        out.extend(f"  {line}" for line in lines[:15])
        if len(lines) > 15:
            out.append(f"  … en nog {len(lines) - 15}")
        out.append("")

    section(
        "Gepland vandaag",
        [f"{v.starts_at:%H:%M}  {v.display_name} — {v.address}" for v in dashboard.planned_today],
    )
    section(
        "Contact achterstallig",
        [
            f"{r.overdue_days:>3} {'dag ' if r.overdue_days == 1 else 'dagen'}  "
            f"{r.display_name} ({r.programme}, {r.phase})"
            for r in dashboard.overdue
        ],
    )
    section(
        "Evaluatie nodig",
        [f"{i.review_date:%d-%m}  {i.display_name}: {i.what}" for i in dashboard.reviews_due],
    )
    section(
        "Einde programma nadert of is voorbij",
        [
            f"{r.end.ends_on:%d-%m}  {r.display_name} ({r.programme})"
            for r in dashboard.ending
            if r.end
        ],
    )
    section(
        "Nazorg-contact binnenkort",
        [f"{r.due.due_on:%d-%m}  {r.display_name}" for r in dashboard.checkins_due if r.due.due_on],
    )
    out.append("Caseload")
    out.append(_table(sort_most_overdue(dashboard.caseload)))
    return "\n".join(out)


# The throwaway demo vault has a known passphrase, written in the README, so that a locked
# demo window can be opened again. It only ever holds synthetic data.
DEMO_PASSPHRASE = "koers-demo"


class WindowRequest:
    """What the desktop client is asked to show: a vault, maybe already unlocked.

    A plain class, not a dataclass: importing dataclasses (with inspect and ast) would cost
    every `koers` command its start time, and the launcher imports this module first."""

    __slots__ = ("vault_path", "vault", "screenshot", "on_ready")

    def __init__(
        self,
        vault_path: Path,
        vault: Vault | None = None,
        screenshot: Path | None = None,
        on_ready: Callable[[], None] | None = None,  # called once the window is about to show
    ) -> None:
        self.vault_path = vault_path
        self.vault = vault
        self.screenshot = screenshot
        self.on_ready = on_ready

    def __repr__(self) -> str:
        return f"WindowRequest({self.vault_path!r}, screenshot={self.screenshot!r})"


WindowOpener = Callable[[WindowRequest], int]
# Starts a server with its store in the given folder (sync.embedded.start_embedded_server).
ServerStarter = Callable[["Path"], "DemoServer"]


def _window_opener(args: argparse.Namespace) -> WindowOpener:
    opener: WindowOpener | None = getattr(args, "open_window", None)
    if opener is None:
        raise CliError("the desktop client is not available in this installation")
    return opener


def cmd_open(args: argparse.Namespace) -> int:
    """Open the window on a vault (the default vault when --vault is not given)."""
    from app.paths import default_vault_path

    opener = _window_opener(args)
    return opener(WindowRequest(vault_path=args.vault or default_vault_path()))


def cmd_demo(args: argparse.Namespace) -> int:
    """A synthetic caseload, in the window (default) or printed (--text).

    The window's demo is linked: an embedded server on 127.0.0.1 (`args.start_server`,
    given by the launcher) with a team, the demo accounts, the demo worker's laptop and a
    teamleider's laptop, both enrolled and synced (app/demo.py); the server stops when the
    window closes. --offline (and --text) keep the demo unlinked.

    Without --dir the vault is a throwaway, deleted afterwards. With --dir it is kept under
    the passphrase the user gives, to try the other commands on.
    """
    import functools
    import shutil
    import tempfile
    from pathlib import Path

    from app.casework import Casework
    from app.dashboard import build_dashboard
    from app.demo import TEAMLEIDER, create_demo_vault, demo_guide, link_demo
    from app.demo import WORKER as DEMO_WORKER
    from storage.keys import DEFAULT_KDF
    from storage.vault import Vault

    if args.cases < 1 or args.cases > 100_000:
        raise CliError("--cases must be between 1 and 100000")
    opener = None if args.text else _window_opener(args)
    starter: ServerStarter | None = None
    if opener is not None and not args.offline:
        starter = getattr(args, "start_server", None)
        if starter is None:  # the packaged desktop client ships without the server
            print("This installation has no Koers server: the demo runs unlinked.", flush=True)
    keep = args.dir is not None
    folder = Path(args.dir) if keep else Path(tempfile.mkdtemp(prefix="koers-demo-"))
    path = folder / "demo.koers"
    leader_path = folder / "teamleider" / "demo.koers"
    for taken in (path, leader_path, folder / "server"):
        if keep and taken.exists():
            raise CliError(f"{taken} exists already; choose another --dir")
    passphrase = (
        _new_passphrase("KOERS_PASSPHRASE", "Passphrase for the demo vault: ")
        if keep
        else DEMO_PASSPHRASE
    )
    folder.mkdir(parents=True, exist_ok=True)
    server: DemoServer | None = None
    try:
        with create_demo_vault(
            path, passphrase, cases=args.cases, seed=args.seed, kdf=DEFAULT_KDF
        ) as vault:
            if opener is None:
                casework = Casework(vault)
                board = build_dashboard(vault.db, casework.programmes(), casework.today())
                print(render_dashboard(board))
                result = 0
            elif starter is None:
                result = opener(WindowRequest(path, vault, args.screenshot))
            else:
                print("Starting the demo server and syncing the demo caseload…", flush=True)
                server = starter(folder / "server")
                linked = link_demo(server, vault, leader_path, passphrase, kdf=DEFAULT_KDF)
                shown = TEAMLEIDER if args.as_role == "teamleider" else DEMO_WORKER
                guide = demo_guide(linked, path, passphrase, shown, _koers_command())
                ready = functools.partial(print, guide, flush=True)
                if shown == DEMO_WORKER:
                    result = opener(WindowRequest(path, vault, args.screenshot, ready))
                else:
                    vault.lock()  # one laptop at a time in this process: the teamleider's
                    with Vault.open(leader_path, passphrase) as leader:
                        result = opener(WindowRequest(leader_path, leader, args.screenshot, ready))
    finally:
        if server is not None:
            server.stop()
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    if keep:
        print(f"\nDemo vault kept (synthetic data): {path}")
    return result


def _koers_command() -> str:
    """How the user started koers (`.venv/bin/koers` from ./scripts/demo), for the hint to
    open a second window; plain `koers` otherwise."""
    started = sys.argv[0] if sys.argv else ""
    return started if os.path.basename(started) == "koers" else "koers"


# --- parser -------------------------------------------------------------------------------


def _path(text: str) -> Path:
    """argparse's converter for file arguments: pathlib is imported when a path is given."""
    from pathlib import Path

    return Path(text)


def _with_vault(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--vault", required=True, type=_path, help="path of the vault file")
    return p


def _add_vault(p: argparse.ArgumentParser) -> None:
    vault_sub = p.add_subparsers(dest="vault_command", required=True)
    init = _with_vault(vault_sub.add_parser("init", help="create a new vault"))
    init.add_argument("--user", help="name of the worker who owns the vault")
    init.set_defaults(func=cmd_vault_init)
    _with_vault(vault_sub.add_parser("unlock-check", help="check the passphrase")).set_defaults(
        func=cmd_vault_unlock_check
    )
    _with_vault(vault_sub.add_parser("passwd", help="change the passphrase")).set_defaults(
        func=cmd_vault_passwd
    )
    _with_vault(vault_sub.add_parser("check", help="check the vault's integrity")).set_defaults(
        func=cmd_vault_check
    )
    restore = _with_vault(
        vault_sub.add_parser("restore", help="put the newest automatic backup back")
    )
    restore.add_argument("--list", action="store_true", help="only list the backups")
    restore.set_defaults(func=cmd_vault_restore)
    keep = _with_vault(
        vault_sub.add_parser("retention", help="days a closed case stays on this laptop")
    )
    keep.add_argument("--days", type=int, help="set the number of days (default 30)")
    keep.set_defaults(func=cmd_vault_retention)


def _add_demo_data(p: argparse.ArgumentParser) -> None:
    _with_vault(p)
    p.add_argument("--cases", type=int, default=40)
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(func=cmd_demo_data)


def _add_cases(p: argparse.ArgumentParser) -> None:
    _with_vault(p)
    p.add_argument("--due", action="store_true", help="only cases due today or overdue")
    p.add_argument("--all", action="store_true", help="include closed cases")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--on", metavar="DATE", help="due dates and overdue days as on this day (default: today)"
    )
    p.set_defaults(func=cmd_cases)


def _add_programmes(p: argparse.ArgumentParser) -> None:
    _with_vault(p)
    p.add_argument("--file", type=_path, help="JSON programme definition(s) to save")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_programmes)


def _add_enroll(p: argparse.ArgumentParser) -> None:
    _with_vault(p)
    p.add_argument("--server", required=True, help="https://... address of the server")
    p.add_argument("--user", required=True)
    p.set_defaults(func=cmd_enroll)


def _add_password(p: argparse.ArgumentParser) -> None:
    _with_vault(p).set_defaults(func=cmd_password)


def _add_sync(p: argparse.ArgumentParser) -> None:
    _with_vault(p)
    p.add_argument(
        "--problems",
        action="store_true",
        help="list the changes set aside here or refused by the server (ids, record type, "
        "reason), without syncing",
    )
    p.set_defaults(func=cmd_sync)


def _add_conflicts(p: argparse.ArgumentParser) -> None:
    _with_vault(p)
    p.add_argument("--restore", metavar="ID", help="make a losing value current again")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_conflicts)


def _add_export(p: argparse.ArgumentParser) -> None:
    export_sub = p.add_subparsers(dest="export_command", required=True)
    pack = _with_vault(export_sub.add_parser("overdracht", help="encrypted handover pack (PDF)"))
    which = pack.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", action="append", metavar="ID", help="a case (may repeat)")
    which.add_argument("--all", action="store_true", help="every running case")
    which.add_argument("--worker", metavar="NAME", help="the running cases of one worker")
    pack.add_argument("--out", required=True, type=_path, help="the PDF file to write")
    pack.add_argument(
        "--generate-password", action="store_true", help="let Koers make the PDF password"
    )
    pack.add_argument(
        "--include-secret-addresses",
        action="store_true",
        help="print secret addresses too (logged); left out by default",
    )
    pack.set_defaults(func=cmd_export_overdracht)
    sheet = _with_vault(export_sub.add_parser("teamkracht", help="de-identified sheet (PDF)"))
    sheet.add_argument("--case", required=True, metavar="ID")
    sheet.add_argument("--out", required=True, type=_path, help="the PDF file to write")
    sheet.add_argument("--question", help="the question for the team (default: the latest)")
    sheet.add_argument(
        "--discussion",
        metavar="ID",
        help="the case discussion to make it from (default: the latest prepared one)",
    )
    sheet.add_argument(
        "--blank", action="append", metavar="WORDS", help="blank these words too (may repeat)"
    )
    sheet.add_argument("--yes", action="store_true", help="write the sheet after the review")
    sheet.set_defaults(func=cmd_export_teamkracht)
    overview = _with_vault(export_sub.add_parser("overzicht", help="team leader's overview"))
    overview.add_argument("--out", required=True, type=_path, help="the PDF (or CSV) to write")
    overview.add_argument("--csv", action="store_true", help="write CSV for spreadsheets")
    overview.add_argument(
        "--from", dest="period_from", metavar="DATE",
        help="first day of the period (default: the last full quarter)",
    )  # fmt: skip
    overview.add_argument(
        "--to", dest="period_to", metavar="DATE", help="last day of the period (default: today)"
    )
    overview.set_defaults(func=cmd_export_overzicht)


def _add_import(p: argparse.ArgumentParser) -> None:
    from app.cli_import import add_import_commands

    add_import_commands(p)  # koers import cases / socialmap (app/cli_import.py)


def _add_team(p: argparse.ArgumentParser) -> None:
    from app.cli_team import add_team_command

    add_team_command(p, _open)  # app/cli_team.py, as handover and late


def _add_handover(p: argparse.ArgumentParser) -> None:
    from app.cli_team import add_handover_command

    add_handover_command(p, _open)


def _add_late(p: argparse.ArgumentParser) -> None:
    from app.cli_team import add_late_command

    add_late_command(p, _open)


def _add_open(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vault", type=_path, help="vault file (default: in the user data folder)")
    p.set_defaults(func=cmd_open)


def _add_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cases", type=int, default=60)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--dir", help="keep the demo vault in this folder (default: throwaway)")
    p.add_argument("--text", action="store_true", help="print the dashboard, no window")
    p.add_argument("--screenshot", type=_path, help="save the window as a PNG and exit")
    p.add_argument(
        "--offline", action="store_true", help="no demo server: the window works unlinked"
    )
    p.add_argument(
        "--as",
        dest="as_role",
        choices=("werker", "teamleider"),
        default="werker",
        help="whose laptop the window shows (default: the demo worker's)",
    )
    p.set_defaults(func=cmd_demo)


# Every sub-command: its name, its one-line help and what adds its options. The options
# (and the module of import, team, handover and late) are added only for the command being
# run; `koers --help` lists every command with its help.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "vault": ("create and look after a vault", _add_vault),
    "demo-data": ("add synthetic cases to a vault", _add_demo_data),
    "cases": ("list the caseload", _add_cases),
    "programmes": ("list or change programmes", _add_programmes),
    "enroll": ("register this laptop with a server", _add_enroll),
    "password": ("change your account's password on the server", _add_password),
    "sync": ("send and receive changes", _add_sync),
    "conflicts": ("values that lost a merge", _add_conflicts),
    "export": ("handover packs, teamkracht sheets, team overview", _add_export),
    "import": ("bring an existing caseload in from a file", _add_import),
    "team": ("the team's cases and each worker's load (teamleider)", _add_team),
    "handover": (
        "hand cases over to a worker of the team (teamleider; needs the server)",
        _add_handover,
    ),
    "late": ("a previous worker's late changes of a case (needs the server)", _add_late),
    "open": ("open the desktop client (the default command)", _add_open),
    "demo": ("open the desktop client on a synthetic caseload", _add_demo),
}


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width as shutil would tell it: argparse
    makes one for every option added and imports shutil for it (with zlib, bz2 and lzma)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """The terminal's width in columns: $COLUMNS, else stdout's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Version(argparse.Action):
    """--version: prints `koers X.Y.Z` and exits, as argparse's own action does, but without
    laying the line out through the help formatter (which imports textwrap)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show program's version number and exit",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(f"koers {__version__}")
        parser.exit()


EVERY = "*"


def build_parser(command: str | None = EVERY) -> argparse.ArgumentParser:
    """The `koers` parser with the sub-command `command` (a name of COMMANDS) and its
    options only: enough to parse a command line that names it (the usage line then says
    COMMAND). EVERY (the default) adds every command, for --help and an unknown command;
    None adds none (`koers --version`, `koers` alone: the window)."""
    parser = argparse.ArgumentParser(
        prog="koers",
        description="Koers: caseloads, offline and safe.",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action=_Version)
    parser.set_defaults(func=cmd_open, vault=None)
    if command != EVERY:  # a parser per command costs a few ms: only the one that runs
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        if command is not None:
            help_text, add_options = COMMANDS[command]
            add_options(sub.add_parser(command, help=help_text, formatter_class=_HelpFormatter))
        return parser
    sub = parser.add_subparsers(dest="command")
    for name, (help_text, add_options) in COMMANDS.items():
        add_options(sub.add_parser(name, help=help_text, formatter_class=_HelpFormatter))
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """What `build_parser` needs for a command line: the sub-command it names (its first word
    that is not an option), None when it names none, EVERY when it asks for help first or
    names an unknown command (argparse then lists them all)."""
    for word in argv:
        if word in ("-h", "--help"):
            return EVERY
        if not word.startswith("-"):
            return word if word in COMMANDS else EVERY
    return None


def run(
    argv: Sequence[str] | None = None,
    open_window: WindowOpener | None = None,
    start_server: ServerStarter | None = None,
) -> int:
    """Run one command; `open_window` and `start_server` (the demo's embedded server) are
    given by the desktop launcher (ui.launcher)."""
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_command_named(words)).parse_args(words)
    args.open_window = open_window
    args.start_server = start_server
    handler: Callable[[argparse.Namespace], int] = args.func
    try:
        return handler(args)
    except KoersError as exc:
        print(f"koers: error: {exc.message_en}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("koers: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback: it could carry record content
        if _raised_by(exc, ("sync.client", "SyncError"), ("app.sync_service", "NotEnrolled")):
            print(f"koers: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        if _raised_by(exc, ("storage.sqlcipher", "DatabaseError")):
            print(f"koers: error: {VaultCorrupted().message_en}", file=sys.stderr)
            return EXIT_ERROR
        print(f"koers: internal error ({type(exc).__name__}); please report it", file=sys.stderr)
        return EXIT_INTERNAL


def _raised_by(exc: Exception, *kinds: tuple[str, str]) -> bool:
    """Whether `exc` is one of `kinds` ((module, class name) pairs). A module the command
    never loaded cannot have raised its error, so it is not imported to find out."""
    for module_name, class_name in kinds:
        module = sys.modules.get(module_name)
        kind = getattr(module, class_name, None) if module is not None else None
        if isinstance(kind, type) and isinstance(exc, kind):
            return True
    return False


def main() -> None:
    os.umask(0o077)  # every file Koers makes is the worker's only (see ui.launcher.main)
    sys.exit(run())
