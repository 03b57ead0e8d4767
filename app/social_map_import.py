"""Import of an organisation's list of partners into the sociale kaart from a CSV file.

The same machinery and rules as the caseload import (app/imports.py): the file is read and
its header checked by the same code (`read_table`, `check_header`), every cell passes the
same safety checks (control and invisible characters, overlong cells, spreadsheet
formulas), and any bad row refuses the whole file with every problem named by row and
column, in English for the command line and in Dutch for the window. Each row becomes a
SocialMapEntry checked by `app.social_map.check_entry`, the rule the window's form obeys.
A row naming the same organisation and contact person as an earlier row, or as an entry on
the map already, is a duplicate and refuses the file too. A clean file is written in one
vault transaction (`import_social_map`): all or nothing, journaled so it syncs.

Messages never repeat a cell's content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.casework import Casework, new_id
from app.errors import ValidationError
from app.imports import (
    Column,
    ImportRefused,
    RowProblem,
    RowReader,
    _Fields,
    _file_problem,
    _RowErrors,
    _without_field,
    check_header,
    read_csv_file,
    read_table,
)
from app.social_map import SocialMapEntry, check_entry, check_phone, entry_key, tidy
from app.text import require_clean_text, require_name

COMMAND = "socialmap"  # koers import socialmap

COLUMNS: tuple[Column, ...] = (
    Column(
        "organisatie", True,
        "Naam van de organisatie (één regel). Verplicht.",
        "The organisation's name (one line). Required.",
        "Buurtteam Oost",
    ),
    Column(
        "aanbod", True,
        "Wat de organisatie biedt, in een paar woorden. Verplicht.",
        "What the organisation offers, in a few words. Required.",
        "Ondersteuning bij opvoeden, geld en wonen",
    ),
    Column(
        "contactpersoon", False,
        "Naam van de contactpersoon. Leeg: geen. Dezelfde organisatie mag vaker voorkomen, "
        "met een andere contactpersoon.",
        "The contact person's name. Empty: none. An organisation may appear more than once, "
        "with another contact person.",
        "Jan de Boer",
    ),
    Column(
        "telefoon", False,
        "Telefoonnummer: cijfers, spaties en + ( ) . / - (3 tot 15 cijfers). Een cel mag "
        "niet met =, +, - of @ beginnen, behalve een internationaal nummer (+31 30 ...).",
        "Phone number: digits, spaces and + ( ) . / - (3 to 15 digits). A cell may not "
        "start with =, +, - or @, except an international number (+31 30 ...).",
        "030-1234567",
    ),
    Column(
        "gebied", False,
        "Wijk of gebied waar de organisatie werkt. Leeg: geen.",
        "The neighbourhood or area the organisation works in. Empty: none.",
        "Oost",
    ),
)  # fmt: skip
COLUMN_DOCS: dict[str, Column] = {column.name: column for column in COLUMNS}
# SocialMapEntry's field names (ValidationError.field) and the column that holds each.
FIELD_COLUMNS = {
    "organisation": "organisatie",
    "offers": "aanbod",
    "contact_person": "contactpersoon",
    "phone": "telefoon",
    "area": "gebied",
}


def template_header(delimiter: str = ";") -> str:
    """The header row to fill in: every column, in order, joined by `delimiter`."""
    return delimiter.join(column.name for column in COLUMNS)


def _missing_columns(present: set[str]) -> list[str]:
    return [column.name for column in COLUMNS if column.required and column.name not in present]


# --- the plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedEntry:
    """One row as it will be added: its spreadsheet row and the entry."""

    row: int
    entry: SocialMapEntry


@dataclass(frozen=True)
class SocialMapPlan:
    """What an import will add (for the preview), before anything is written."""

    source: str  # the file's name, without its folder
    entries: tuple[PlannedEntry, ...]

    @property
    def count(self) -> int:
        return len(self.entries)


def plan_social_map_import(casework: Casework, path: Path) -> SocialMapPlan:
    """Read and check a CSV file of partners; nothing is written. Raises ImportRefused with
    every problem found (a file that cannot be read is one problem)."""
    return plan_social_map_rows(casework, read_csv_file(path), Path(path).name)


def plan_social_map_rows(casework: Casework, data: bytes, source: str = "") -> SocialMapPlan:
    """Check the bytes of a CSV file and turn every row into an entry; nothing is written.
    Raises ImportRefused with every problem found, duplicates included."""
    header, rows, delimiter = read_table(data)
    columns = check_header(header, rows, COLUMN_DOCS, _missing_columns, COMMAND)
    reader = _EntryReader(columns, len(header), delimiter)
    on_map = {entry_key(entry) for entry in casework.social_map()}
    first_row: dict[tuple[str, str], int] = {}
    planned: list[PlannedEntry] = []
    problems: list[RowProblem] = []
    for line, cells in rows:
        try:
            entry = reader.read(line, cells)
        except _RowErrors as errors:
            problems += errors.problems
            continue
        key = entry_key(entry)
        if key in first_row:
            problems.append(
                RowProblem(
                    line,
                    "organisatie",
                    f"the same organisation and contact person as row {first_row[key]}",
                    f"Dezelfde organisatie en contactpersoon als rij {first_row[key]}.",
                )
            )
            continue
        first_row[key] = line
        if key in on_map:
            problems.append(_on_map_problem(line))
            continue
        planned.append(PlannedEntry(line, entry))
    if problems:
        raise ImportRefused(problems)
    if not planned:
        raise _file_problem(
            "the file holds no rows to import", "Het bestand bevat geen rijen om te importeren."
        )
    return SocialMapPlan(source=source, entries=tuple(planned))


def _on_map_problem(line: int) -> RowProblem:
    return RowProblem(
        line,
        "organisatie",
        "this organisation and contact person are on the sociale kaart already",
        "Deze organisatie met deze contactpersoon staat al op de sociale kaart.",
    )


def _problem_of(line: int, error: ValidationError) -> RowProblem:
    return RowProblem(
        line, FIELD_COLUMNS.get(error.field), _without_field(error.message_en), error.message_nl
    )


class _EntryReader(RowReader[SocialMapEntry]):
    """Turns the cells of one row into a SocialMapEntry, or raises _RowErrors."""

    def build(
        self, line: int, fields: _Fields, problem: Callable[[str | None, str, str], None]
    ) -> SocialMapEntry | None:
        if not fields.get("organisatie"):
            fields.problem(
                "organisatie",
                "empty: every row needs an organisation",
                "Vul de naam van de organisatie in.",
            )
        if not fields.get("aanbod"):
            fields.problem(
                "aanbod",
                "empty: say what the organisation offers",
                "Vul in wat de organisatie biedt.",
            )
        # Each column on its own, so a row names all its problems at once.
        checks: tuple[tuple[str, Callable[[str], None]], ...] = (
            ("organisatie", lambda v: require_name(v, "organisation")),
            ("aanbod", lambda v: require_clean_text(v, "offers")),
            ("contactpersoon", lambda v: require_name(v, "contact_person")),
            ("telefoon", check_phone),
            ("gebied", lambda v: require_name(v, "area")),
        )
        for column, check in checks:
            if not fields.has_problem(column):
                try:
                    check(fields.get(column))
                except ValidationError as error:
                    fields.problem(column, _without_field(error.message_en), error.message_nl)
        if fields.problems_found:
            return None
        try:
            entry = tidy(
                SocialMapEntry(
                    id=new_id(),
                    organisation=fields.get("organisatie"),
                    offers=fields.get("aanbod"),
                    contact_person=fields.get("contactpersoon"),
                    phone=fields.get("telefoon"),
                    area=fields.get("gebied"),
                )
            )
            check_entry(entry)  # the form's rule, as a whole
        except ValidationError as error:
            found = _problem_of(line, error)
            problem(found.column, found.message_en, found.message_nl)
            return None
        return entry


# --- writing ------------------------------------------------------------------------------


def import_social_map(casework: Casework, plan: SocialMapPlan) -> tuple[str, ...]:
    """Add every entry of `plan` in one vault transaction: all or nothing (journaled, so
    they sync; the import is access-logged once). Returns the new ids in file order.

    An entry that meanwhile clashes with one on the map (a sync brought it) or fails a
    check refuses the whole plan. Raises ImportRefused; nothing is written then."""
    ids: list[str] = []
    with casework.vault.transaction():
        on_map = {entry_key(entry) for entry in casework.social_map()}
        clashes = [_on_map_problem(p.row) for p in plan.entries if entry_key(p.entry) in on_map]
        if clashes:
            raise ImportRefused(clashes)
        for planned in plan.entries:
            try:
                ids.append(casework.add_social_map_entry(planned.entry))
            except ValidationError as error:
                raise ImportRefused([_problem_of(planned.row, error)]) from None
        count = len(ids)
        casework.store.log_access(
            "create",
            "social_map_entry",
            None,
            f"import of {count} entr{'ies' if count != 1 else 'y'}",
        )
    return tuple(ids)
