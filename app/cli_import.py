"""`koers import ...`: bring an existing caseload in from a file.

`koers import cases` reads a CSV file (app/imports.py; columns in docs/import.md), prints
what it will create and creates it in one transaction, or refuses the whole file with every
problem named by row and column (exit code 2, nothing written). `import` is a group, so
other kinds of import (a sociale kaart) can join it as subcommands.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

from app.casework import Casework
from app.imports import (
    COLUMNS,
    ImportPlan,
    ImportRefused,
    import_cases,
    plan_import,
    template_header,
)
from app.rules import local_date

EXIT_REFUSED = 2
MAX_PROBLEMS_SHOWN = 20


def add_import_commands(sub: Any) -> Any:
    """Add the `import` group to the `koers` subparsers `sub`; returns the group's own
    subparsers, for more kinds of import."""
    group = sub.add_parser("import", help="bring an existing caseload in from a file")
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
    return group_sub


def cmd_import_cases(args: argparse.Namespace) -> int:
    from app.cli import CliError, _open  # app.cli imports this module

    if args.template or args.describe:
        if args.file is not None:
            raise CliError("--template takes no file")
        print(template_header())
        if args.describe:
            print()
            print(describe_columns())
        return 0
    if args.file is None:
        raise CliError("give the CSV file to import (or --template for the header row)")
    if args.vault is None:
        raise CliError("--vault is required to import cases")
    with _open(args) as vault:
        casework = Casework(vault)
        try:
            plan = plan_import(casework, args.file)
            print(render_plan(plan))
            if args.dry_run:
                print("Dry run: nothing was written.")
                return 0
            if not args.yes:
                if not sys.stdin.isatty():
                    raise CliError(
                        "not a terminal: pass --yes to create the cases (or --dry-run to "
                        "only check the file); nothing was written"
                    )
                answer = input(f"Create {n_cases(plan.count)}? [y/N] ").strip().casefold()
                if answer not in ("y", "yes", "j", "ja"):
                    print("Nothing was imported.")
                    return 1
            result = import_cases(casework, plan)
        except ImportRefused as refused:
            _print_problems(refused, args.file)
            return EXIT_REFUSED
    print(f"Created {n_cases(result.count)}.")
    return 0


def n_cases(count: int) -> str:
    """The count with its noun: "1 case", "2 cases", "0 cases"."""
    return f"{count} case{'' if count == 1 else 's'}"


def render_plan(plan: ImportPlan) -> str:
    """What the import will create: the count per programme, then one line per case."""
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


def describe_columns() -> str:
    """Every column with whether it is required and what it holds (English, then Dutch)."""
    out = []
    for column in COLUMNS:
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
