"""`koers team`, `koers handover` and `koers late`: a teamleider's team work on the command
line, the same app/team.py functions the window's team page calls.

- `koers team --vault V [--worker NAME]`: each worker's load and the team's open cases with
  worker and back-up worker (offline: the teamleider's vault holds the team's cases).
- `koers handover --vault V CASE_ID... --to WORKER [--backup NAME] --reason TEXT`: hand the
  cases over on the server (all or nothing), then sync.
- `koers late --vault V CASE_ID [--accept]`: a previous worker's late changes of a case (kind,
  fields, from whom, when; no values), and with --accept take them all into the case.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rest loads when a command runs (app/cli.py: a quick `koers`)
    from storage.vault import Vault

OpenVault = Callable[[argparse.Namespace], "Vault"]


def add_team_command(listing: argparse.ArgumentParser, open_vault: OpenVault) -> None:
    """The options of `koers team` on its parser `listing` (app/cli.py makes the parsers
    of team, handover and late, with their help); `open_vault` opens the vault of a parsed
    command (asking for the passphrase)."""
    listing.add_argument("--vault", required=True, type=Path, help="path of the vault file")
    listing.add_argument("--worker", help="only the cases of this worker")
    listing.set_defaults(func=lambda args: cmd_team(args, open_vault))


def add_handover_command(handover: argparse.ArgumentParser, open_vault: OpenVault) -> None:
    """The options of `koers handover` on its parser `handover` (see add_team_command)."""
    handover.description = (
        "Hand one or several cases of your team over to an active worker of the "
        "team, with the reason written into each case's warm handover note. All or nothing: "
        "a case that moved meanwhile, or a worker who may not receive, moves none."
    )
    handover.add_argument("--vault", required=True, type=Path, help="path of the vault file")
    handover.add_argument("case_ids", nargs="+", metavar="CASE_ID")
    handover.add_argument("--to", required=True, dest="worker", help="the receiving worker")
    handover.add_argument("--backup", help="the back-up worker")
    handover.add_argument(
        "--reason", help="why (into the handover note); or set KOERS_HANDOVER_REASON"
    )
    handover.set_defaults(func=lambda args: cmd_handover(args, open_vault))


def add_late_command(late: argparse.ArgumentParser, open_vault: OpenVault) -> None:
    """The options of `koers late` on its parser `late` (see add_team_command)."""
    late.add_argument("--vault", required=True, type=Path, help="path of the vault file")
    late.add_argument("case_id", metavar="CASE_ID")
    late.add_argument("--accept", action="store_true", help="take them all into the case")
    late.set_defaults(func=lambda args: cmd_late(args, open_vault))


def cmd_team(args: argparse.Namespace, open_vault: OpenVault) -> int:
    from app import team
    from app.caseload import caseload
    from app.casework import Casework

    with open_vault(args) as vault:
        work = Casework(vault)
        account = team.account(vault)
        today = work.today()
        view = team.team_view_of(vault.db, caseload(vault.db, work.programmes(), today), today)
    if account is None or not account.is_teamleider:
        print(
            "note: the server has not named this account a teamleider; these are the cases "
            "this laptop holds",
            file=sys.stderr,
        )
    print("worker\tcases\toverdue\tnazorg")
    for load in view.loads:
        print(f"{load.worker or '-'}\t{load.cases}\t{load.overdue}\t{load.nazorg}")
    print()
    print("case\tworker\tbackup\tstatus\toverdue_days")
    for row in view.rows:
        if args.worker is None or row.worker == args.worker:
            print(
                f"{row.case_id}\t{row.worker or '-'}\t{row.backup_worker or '-'}\t"
                f"{row.row.status.value}\t{row.row.overdue_days}"
            )
    return 0


def cmd_handover(args: argparse.Namespace, open_vault: OpenVault) -> int:
    from app import team
    from app.revocation import erased_when_revoked
    from app.sync_service import sync_now

    reason = args.reason if args.reason is not None else os.environ.get("KOERS_HANDOVER_REASON")
    with open_vault(args) as vault:
        with erased_when_revoked(vault):  # the server's wipe: as a sync does
            result = team.hand_over(vault, args.case_ids, args.worker, args.backup, reason or "")
        sync_now(vault)
    backup = f" (back-up {result.backup_worker})" if result.backup_worker else ""
    print(
        f"Handed over {len(result.notes)} case(s) to {result.worker}{backup}, each with a "
        "warm handover note; the old worker's laptops let them go at their next sync."
    )
    return 0


def cmd_late(args: argparse.Namespace, open_vault: OpenVault) -> int:
    from app import team
    from app.revocation import erased_when_revoked
    from app.sync_service import sync_now

    with open_vault(args) as vault:
        link = team.server_link(vault)
        with erased_when_revoked(vault):  # the server's wipe: as a sync does
            changes = team.late_changes(link, args.case_id)
        for change in changes:
            when = change.received_at.isoformat() if change.received_at else "-"
            kind = "new" if change.new_record else ",".join(change.fields)
            print(f"{change.id}\t{change.record_type}\t{kind}\t{change.from_user}\t{when}")
        if not changes:
            print("No late changes for this case (or none this account may accept).")
            return 0
        if args.accept:
            with erased_when_revoked(vault):
                accepted = team.accept_late_changes(link, [c.id for c in changes])
            sync_now(vault)
            print(f"Accepted {accepted} late change(s) into the case and synced.")
    return 0
