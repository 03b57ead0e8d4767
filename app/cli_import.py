"""`koers import ...`: bring an existing caseload in from a file.

`koers import cases` reads a CSV file (app/imports.py; columns in docs/import.md), prints
what it will create and creates it in one transaction, or refuses the whole file with every
problem named by row and column (exit code 2, nothing written). `koers import socialmap`
does the same for an organisation's list of partners (app/social_map_import.py). Both share
the flow here (`_run_import`): template, preview, dry run, confirmation, all or nothing.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the rest loads when an import runs (app/cli.py: a quick `koers`)
    from app.casework import Casework
    from app.imports import Column, ImportPlan, ImportRefused
    from app.social_map_import import SocialMapPlan

EXIT_REFUSED = 2
MAX_PROBLEMS_SHOWN = 20


def add_import_commands(group: argparse.ArgumentParser) -> Any:
    """Add the kinds of import to `group`, the `koers import` parser (app/cli.py makes it,
    with its help, and calls this only for an import); returns the group's own subparsers,
    for more kinds of import."""
    group_sub = group.add_subparsers(dest="import_command", required=True)
    cases = group_sub.add_parser(
        "cases",
        help="create cases from a CSV file (see --template)",
        description="Create cases from a CSV file: semicolon or comma separated, UTF-8, "
        "Dutch dates (dd-mm-yyyy). The whole file is refused on any bad row. "
        "Columns: docs/import.md or --template --describe.",
    )
    cases.add_argument("file", nargs="?", type=Path, metavar="FILE.csv", help="the file to read")
    cases.add_argument("--vault", type=Path, help="path of the vault file")
    cases.add_argument("--dry-run", action="store_true", help="only check and show; write nothing")
    cases.add_argument("--yes", action="store_true", help="create without asking")
    cases.add_argument(
        "--template", action="store_true", help="print the header row to fill in (no vault)"
    )
    cases.add_argument(
        "--describe", action="store_true", help="with --template: describe every column"
    )
    cases.set_defaults(func=cmd_import_cases)
    socialmap = group_sub.add_parser(
        "socialmap",
        help="add partners to the sociale kaart from a CSV file (see --template)",
        description="Add an organisation's list of partners to the sociale kaart from a CSV "
        "file: semicolon or comma separated, UTF-8. The whole file is refused on any bad or "
        "duplicate row. Columns: docs/import.md or --template --describe.",
    )
    _add_file_options(socialmap, "add")
    socialmap.set_defaults(func=cmd_import_socialmap)
    return group_sub


def _add_file_options(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE.csv", help="the file to read")
    parser.add_argument("--vault", type=Path, help="path of the vault file")
    parser.add_argument("--dry-run", action="store_true", help="only check and show; write nothing")
    parser.add_argument("--yes", action="store_true", help=f"{verb} without asking")
    parser.add_argument(
        "--template", action="store_true", help="print the header row to fill in (no vault)"
    )
    parser.add_argument(
        "--describe", action="store_true", help="with --template: describe every column"
    )


def cmd_import_cases(args: argparse.Namespace) -> int:
    from app.imports import COLUMNS, import_cases, plan_import, template_header

    return _run_import(
        args,
        _ImportKind(
            what="cases",
            verb="create",
            header=template_header(),
            columns=COLUMNS,
            plan=plan_import,
            render=render_plan,
            count=lambda plan: plan.count,
            write=lambda casework, plan: import_cases(casework, plan).count,
            noun=n_cases,
        ),
    )


def cmd_import_socialmap(args: argparse.Namespace) -> int:
    from app import social_map_import

    return _run_import(
        args,
        _ImportKind(
            what="partners",
            verb="add",
            header=social_map_import.template_header(),
            columns=social_map_import.COLUMNS,
            plan=social_map_import.plan_social_map_import,
            render=render_social_map_plan,
            count=lambda plan: plan.count,
            write=lambda casework, plan: len(social_map_import.import_social_map(casework, plan)),
            noun=n_entries,
        ),
    )


class _ImportKind:
    """What one `koers import KIND` reads and writes, for the flow they share."""

    def __init__(
        self,
        what: str,
        verb: str,
        header: str,
        columns: Sequence[Column],
        plan: Callable[[Casework, Path], Any],
        render: Callable[[Any], str],
        count: Callable[[Any], int],
        write: Callable[[Casework, Any], int],
        noun: Callable[[int], str],
    ) -> None:
        self.what, self.verb, self.header, self.columns = what, verb, header, columns
        self.plan, self.render, self.count, self.write, self.noun = plan, render, count, write, noun


def _run_import(args: argparse.Namespace, kind: _ImportKind) -> int:
    """--template [--describe] without a vault; else check the file, show the plan, and
    (unless --dry-run) write it all in one transaction after a yes (--yes, or asked on a
    terminal). A refused file: every problem on stderr, exit code 2, nothing written."""
    from app.casework import Casework
    from app.cli import CliError, _open  # app.cli imports this module
    from app.imports import ImportRefused

    if args.template or args.describe:
        if args.file is not None:
            raise CliError("--template takes no file")
        print(kind.header)
        if args.describe:
            print()
            print(describe_columns(kind.columns))
        return 0
    if args.file is None:
        raise CliError("give the CSV file to import (or --template for the header row)")
    if args.vault is None:
        raise CliError(f"--vault is required to import {kind.what}")
    with _open(args) as vault:
        casework = Casework(vault)
        try:
            plan = kind.plan(casework, args.file)
            print(kind.render(plan))
            if args.dry_run:
                print("Dry run: nothing was written.")
                return 0
            if not args.yes:
                if not sys.stdin.isatty():
                    raise CliError(
                        f"not a terminal: pass --yes to {kind.verb} the {kind.what} (or "
                        "--dry-run to only check the file); nothing was written"
                    )
                question = f"{kind.verb.capitalize()} {kind.noun(kind.count(plan))}? [y/N] "
                answer = input(question).strip().casefold()
                if answer not in ("y", "yes", "j", "ja"):
                    print("Nothing was imported.")
                    return 1
            written = kind.write(casework, plan)
        except ImportRefused as refused:
            _print_problems(refused, args.file)
            return EXIT_REFUSED
    done = "Created" if kind.verb == "create" else "Added"
    print(f"{done} {kind.noun(written)}.")
    return 0


def n_cases(count: int) -> str:
    """The count with its noun: "1 case", "2 cases", "0 cases"."""
    return f"{count} case{'' if count == 1 else 's'}"


def render_plan(plan: ImportPlan) -> str:
    """What the import will create: the count per programme, then one line per case."""
    from app.rules import local_date

    lines = [f"{plan.source}: {n_cases(plan.count)} to create"]
    lines += [f"  {name}: {count}" for name, count in plan.per_programme().items()]
    lines.append("")
    for case in plan.cases:
        when = (
            f"aanmelding {case.begins_on:%d-%m-%Y}"
            if case.is_aanmelding
            else f"start {case.begins_on:%d-%m-%Y}"
        )
        extra = [when]
        if case.children:
            extra.append(f"{case.children} child{'ren' if case.children != 1 else ''}")
        screening = case.intake.screening
        if screening is not None:
            extra.append(f"situatie {int(screening.situation)}")
        contact = case.last_contact
        if contact is not None:
            extra.append(f"last contact {local_date(contact.starts_at):%d-%m-%Y} ({contact.kind})")
        lines.append(
            f"  row {case.row}: {case.display_name} — {case.programme_name}, "
            f"{case.phase_name}; {', '.join(extra)}"
        )
    return "\n".join(lines)


def n_entries(count: int) -> str:
    """The count with its noun: "1 partner", "2 partners"."""
    return f"{count} partner{'' if count == 1 else 's'}"


def render_social_map_plan(plan: SocialMapPlan) -> str:
    """What the import will add: the count, then one line per entry."""
    lines = [f"{plan.source}: {n_entries(plan.count)} to add to the sociale kaart", ""]
    for planned in plan.entries:
        entry = planned.entry
        who = f" ({entry.contact_person})" if entry.contact_person else ""
        area = f", {entry.area}" if entry.area else ""
        lines.append(f"  row {planned.row}: {entry.organisation}{who}{area}")
    return "\n".join(lines)


def describe_columns(columns: Sequence[Column] | None = None) -> str:
    """Every column (default: the caseload import's) with whether it is required and what it
    holds (English, then Dutch)."""
    if columns is None:
        from app.imports import COLUMNS

        columns = COLUMNS
    out = []
    for column in columns:
        need = "required" if column.required else "optional"
        out.append(f"{column.name} ({need})")
        out += textwrap.wrap(column.en, 88, initial_indent="    ", subsequent_indent="    ")
        out += textwrap.wrap(column.nl, 88, initial_indent="    NL: ", subsequent_indent="        ")
        if column.example:
            out.append(f"    e.g. {column.example}")
    return "\n".join(out)


def _print_problems(refused: ImportRefused, path: Path) -> None:
    problems = refused.problems
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(f"koers: error: {problem.text_en}", file=sys.stderr)
    hidden = len(problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        print(f"koers: error: ... and {hidden} more problem(s)", file=sys.stderr)
    count = len(problems)
    print(
        f"koers: error: nothing was imported ({count} problem{'s' if count != 1 else ''} "
        f"in {path.name}); fix the file and try again",
        file=sys.stderr,
    )
