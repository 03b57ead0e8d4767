"""Import of an existing caseload from a CSV file: a worker moving from another registration
system starts with their real caseload.

The file is read whole and every row becomes an `app.intake.Intake`, checked by the same
code as the intake form (`check_intake`). Any bad row refuses the whole file: the problems
name the row (as a spreadsheet numbers it: the header is row 1) and the column, in English
for the command line and in Dutch for the window, and nothing is written. A clean file is
created in one vault transaction (`import_cases`).

The columns are documented in COLUMNS (and docs/import.md); `template_header()` gives the
header row to fill in. Messages never repeat a cell's content (it may be personal data).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Generic, TypeVar

from app.case import Address, Case, PhaseEntry, SafeContact
from app.casework import Casework, new_id
from app.contact import Contact
from app.day_text import DUTCH_DATE, ISO_DATE, parse_date  # noqa: F401 (re-exported)
from app.errors import ValidationError
from app.intake import Intake, check_intake, register_case, with_derived_initials
from app.people import HouseholdMember
from app.programmes import Programme
from app.rules import LOCAL_TZ
from app.screening import ContraIndication, RiskScreening, contra_indications
from app.text import control_character, invisible_character
from app.vocabulary import CaseStatus, ContactKind, LocationCode, RiskSituation
from storage.errors import KoersError

T = TypeVar("T")
MAX_ROWS = 5000
MAX_BYTES = 20 * 1024 * 1024
MAX_CELL = 1000  # characters in one cell
MAX_NAMED_COLUMNS = 10  # unknown header cells a message names (the rest are counted)
MAX_CHILDREN = 20
FORMULA_STARTS = ("=", "+", "-", "@")
# The one exception to FORMULA_STARTS: an international phone number (+31 6 1234 5678). It
# holds only digits, spaces, hyphens and brackets, so no spreadsheet reads a formula in it.
PHONE = re.compile(r"^\+[0-9][0-9 ()-]{5,24}$")
YEAR = re.compile(r"^\d{4}$")
CHILD = re.compile(r"^(?P<name>.*?)\s*\(?\s*(?P<year>\d{4})\s*\)?$")
POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")
YES = frozenset({"ja", "j", "yes", "y", "1", "waar"})
NO = frozenset({"nee", "n", "no", "0", "onwaar"})
# The last contact before the move to Koers: its kinds (a no-show reached nobody, so it
# cannot be the contact the next one is counted from), its default, its report and the
# hour it is put at (the file gives a day; a day that is today gets the present moment).
LAST_CONTACT_KINDS = tuple(k for k in ContactKind if k is not ContactKind.NIET_VERSCHENEN)
LAST_CONTACT_DEFAULT = ContactKind.HUISBEZOEK
LAST_CONTACT_REPORT = "Laatste contact vóór de overstap naar Koers (import)"
LAST_CONTACT_HOUR = time(9, 0)


# --- the columns --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One documented column: its Dutch name, whether every file needs it, what it holds
    (Dutch and English, with format and default) and a synthetic example value."""

    name: str
    required: bool
    nl: str
    en: str
    example: str = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "naam", True,
        "Naam van de cliënt zoals die in Koers komt te staan. Verplicht.",
        "The client's name as Koers shows it. Required.",
        "Fleur van Zanddorp",
    ),
    Column(
        "initialen", False,
        "Initialen of pseudoniem voor casusbesprekingen. Leeg: afgeleid van de naam "
        "(zoals in het intakeformulier).",
        "Initials or pseudonym for case discussions. Empty: derived from the name "
        "(as in the intake form).",
        "F.v.Z.",
    ),
    Column(
        "geboortejaar", False,
        "Geboortejaar van de cliënt (vier cijfers, niet in de toekomst, vanaf 1900).",
        "The client's birth year (four digits, not in the future, from 1900).",
        "1991",
    ),
    Column(
        "programma", True,
        "Code of naam van het programma (hoofdletters maken niet uit), bijvoorbeeld "
        "moviera_wijk of 'Take a Break'. Verplicht.",
        "The programme's id or name (case-insensitive), e.g. moviera_wijk or 'Take a "
        "Break'. Required.",
        "Moviera in de wijk",
    ),
    Column(
        "fase", False,
        "Code of naam van de fase binnen het programma. Leeg: de eerste fase van het "
        "programma. Een fase van een ander programma wordt geweigerd.",
        "The phase's id or name within the programme. Empty: the programme's first phase. "
        "A phase of another programme is refused.",
        "transitie",
    ),
    Column(
        "fase_sinds", False,
        "Datum waarop de casus in deze fase kwam (dd-mm-jjjj). Leeg: de startdatum.",
        "The date the case entered this phase (dd-mm-yyyy). Empty: the start date.",
        "01-10-2026",
    ),
    Column(
        "aanmeldingsdatum", False,
        "Datum van aanmelding (dd-mm-jjjj), niet in de toekomst. Zonder startdatum blijft "
        "de casus een aanmelding; dan is deze kolom verplicht.",
        "The date of aanmelding (dd-mm-yyyy), not in the future. Without a start date the "
        "case stays an aanmelding; then this column is required.",
        "14-08-2026",
    ),
    Column(
        "startdatum", True,
        "Startdatum van het traject (dd-mm-jjjj, ook d-m-jjjj of jjjj-mm-dd), hoogstens "
        "een jaar vooruit. Verplicht, behalve voor een aanmelding (dan aanmeldingsdatum).",
        "The start of the programme (dd-mm-yyyy, also d-m-yyyy or yyyy-mm-dd), at most a "
        "year ahead. Required, except for an aanmelding (then aanmeldingsdatum).",
        "01-09-2026",
    ),
    Column(
        "geplande_einddatum", False,
        "Geplande einddatum (dd-mm-jjjj), niet vóór de start. Leeg: geen.",
        "The planned end (dd-mm-yyyy), not before the start. Empty: none.",
        "01-03-2027",
    ),
    Column(
        "laatste_contact", False,
        "Dag van het laatste contact met de cliënt vóór de overstap naar Koers (dd-mm-jjjj), "
        "niet in de toekomst en niet vóór de startdatum (of aanmeldingsdatum). Koers legt "
        "het vast als gedaan contact ('alleen kort contact'); het volgende contact telt "
        "vanaf die dag. Leeg: geen; dan telt Koers vanaf de startdatum.",
        "The day of the last contact with the client before the move to Koers "
        "(dd-mm-yyyy), not in the future and not before the start date (or aanmelding "
        "date). Koers records it as a done contact ('alleen kort contact'); the next "
        "contact is due counting from that day. Empty: none; Koers then counts from the "
        "start date.",
        "18-11-2026",
    ),
    Column(
        "laatste_contact_soort", False,
        "Soort van dat laatste contact: huisbezoek, kantoor, telefoon, beeldbellen of "
        "samen met ketenpartner. Alleen met laatste_contact. Leeg: huisbezoek.",
        "The kind of that last contact: huisbezoek, kantoor, telefoon, beeldbellen or "
        "samen met ketenpartner. Only with laatste_contact. Empty: huisbezoek.",
        "huisbezoek",
    ),
    Column(
        "trajectbegeleider", False,
        "Gebruikersnaam van de trajectbegeleider. Leeg: de eigenaar van deze kluis.",
        "The worker's user name. Empty: the owner of this vault.",
        "",
    ),
    Column(
        "vervanger", False,
        "Gebruikersnaam van de vervangende trajectbegeleider. Leeg: geen.",
        "The back-up worker's user name. Empty: none.",
        "",
    ),
    Column(
        "taal", False,
        "Taal van de cliënt. Leeg: nl.",
        "The client's language. Empty: nl.",
        "nl",
    ),
    Column(
        "tolk", False,
        "Tolk nodig: ja of nee (ook j/n, 1/0). Leeg: nee.",
        "Interpreter needed: ja or nee (also j/n, 1/0). Empty: nee.",
        "nee",
    ),
    Column(
        "straat", False,
        "Straat van het adres. Vul straat, postcode en plaats samen in, of geen van drieën.",
        "The address's street. Fill in street, postcode and town together, or none.",
        "Lindelaan",
    ),
    Column(
        "huisnummer", False,
        "Huisnummer met eventuele toevoeging.",
        "House number with any addition.",
        "4",
    ),
    Column(
        "postcode", False,
        "Postcode zoals 1234 AB (1234AB mag ook).",
        "Postcode such as 1234 AB (1234AB also works).",
        "1234 AB",
    ),
    Column(
        "plaats", False,
        "Woonplaats.",
        "Town.",
        "Beekhoven",
    ),
    Column(
        "geheim_adres", False,
        "Geheim adres: ja of nee. Leeg: ja bij locatiecode oranje of rood, anders nee.",
        "Secret address: ja or nee. Empty: ja for location code oranje or rood, else nee.",
        "",
    ),
    Column(
        "telefoon", False,
        "Telefoonnummer. Een cel mag niet met =, +, - of @ beginnen, behalve een "
        "internationaal nummer van alleen cijfers (+31 6 ...).",
        "Phone number. A cell may not start with =, +, - or @, except an international "
        "number of digits only (+31 6 ...).",
        "06 1234 5678",
    ),
    Column(
        "mag_bellen", False,
        "Mogen we bellen: ja of nee. Alleen 'ja' als dat met de cliënt is afgesproken: een "
        "telefoontje op het verkeerde moment kan de cliënt in gevaar brengen. Leeg: nee.",
        "May we call: ja or nee. Only 'ja' when agreed with the client: a call at the wrong "
        "moment can endanger them. Empty: nee.",
        "ja",
    ),
    Column(
        "veilige_tijden", False,
        "Wanneer bellen veilig is, in woorden.",
        "When calling is safe, in words.",
        "doordeweeks 9-12 uur",
    ),
    Column(
        "als_ander_opneemt", False,
        "Wat te doen als een ander opneemt.",
        "What to do when someone else answers.",
        "zeg dat je van de bibliotheek belt",
    ),
    Column(
        "codewoord", False,
        "Afgesproken codewoord.",
        "The agreed code word.",
        "zonnebloem",
    ),
    Column(
        "kinderen", False,
        "Kinderen als 'naam jaar', gescheiden door ; of , (bijvoorbeeld 'Sam 2016; Lina "
        "2019'). Elk kind is minstens 12 jaar na de cliënt geboren, niet in de toekomst.",
        "Children as 'name year', separated by ; or , (e.g. 'Sam 2016; Lina 2019'). Each "
        "child born at least 12 years after the client, not in the future.",
        "Sam 2016; Lina 2019",
    ),
    Column(
        "situatie", False,
        "Eerste risicoscreening: situatie 1 (geen dreiging) tot 4 (acuut gevaar). Leeg: "
        "geen screening; dan blijven de andere screeningkolommen ook leeg.",
        "First risk screening: situation 1 (no threat) to 4 (acute danger). Empty: no "
        "screening; then the other screening columns stay empty too.",
        "3",
    ),
    Column(
        "locatiecode", False,
        "Locatiecode van de screening: groen, oranje of rood. Leeg: geen.",
        "The screening's location code: groen, oranje or rood. Empty: none.",
        "groen",
    ),
    Column(
        "screeningsdatum", False,
        "Datum van de screening (dd-mm-jjjj), niet in de toekomst. Leeg: de startdatum "
        "(of vandaag, als de start nog komt).",
        "The screening's date (dd-mm-yyyy), not in the future. Empty: the start date (or "
        "today when the start lies ahead).",
        "",
    ),
    Column(
        "mensenhandel", False,
        "Screening: sprake van mensenhandel, ja of nee. Leeg: nee.",
        "Screening: human trafficking, ja or nee. Empty: nee.",
        "",
    ),
    Column(
        "eergerelateerd", False,
        "Screening: eergerelateerd geweld, ja of nee. Leeg: nee.",
        "Screening: honour-based violence, ja or nee. Empty: nee.",
        "",
    ),
    Column(
        "reden_contra_indicatie", False,
        "Waarom de cliënt toch in dit programma komt als de screening een contra-indicatie "
        "raakt (bijvoorbeeld Take a Break buiten situatie 3). Zonder reden wordt zo'n rij "
        "geweigerd.",
        "Why the client joins this programme although the screening meets a "
        "contra-indication (e.g. Take a Break outside situation 3). Without a reason such "
        "a row is refused.",
        "",
    ),
    Column(
        "screening_notities", False,
        "Notities bij de screening.",
        "Notes with the screening.",
        "",
    ),
)  # fmt: skip
COLUMN_DOCS: dict[str, Column] = {column.name: column for column in COLUMNS}
SCREENING_COLUMNS = (
    "locatiecode",
    "screeningsdatum",
    "mensenhandel",
    "eergerelateerd",
    "reden_contra_indicatie",
    "screening_notities",
)
ADDRESS_COLUMNS = ("straat", "huisnummer", "postcode", "plaats")
# The domain's field names (ValidationError.field) and the column that holds each.
FIELD_COLUMNS = {
    "display_name": "naam",
    "initials": "initialen",
    "birth_year": "geboortejaar",
    "programme_id": "programma",
    "phase_id": "fase",
    "phase_history": "fase_sinds",
    "registered_on": "aanmeldingsdatum",
    "start_date": "startdatum",
    "planned_end_date": "geplande_einddatum",
    "worker": "trajectbegeleider",
    "screened_by": "trajectbegeleider",
    "household": "kinderen",
    "situation": "situatie",
    "screened_on": "screeningsdatum",
}
# The fields of the last contact (Contact's, in ValidationError.field) and their column.
CONTACT_COLUMNS = {"kind": "laatste_contact_soort"}
CONTRA_COLUMNS = {
    ContraIndication.TAB_NOT_SITUATION_3: "situatie",
    ContraIndication.TAB_TRAFFICKING: "mensenhandel",
    ContraIndication.TAB_HONOUR_BASED: "eergerelateerd",
    ContraIndication.MOVIERA_CODE_ROOD: "locatiecode",
}


def template_header(delimiter: str = ";") -> str:
    """The header row to fill in: every documented column, in order, joined by
    `delimiter` (a semicolon, as Dutch spreadsheets write CSV)."""
    return delimiter.join(column.name for column in COLUMNS)


def column_descriptions() -> dict[str, tuple[str, str]]:
    """Column name -> (Dutch, English) description, in template order."""
    return {column.name: (column.nl, column.en) for column in COLUMNS}


# --- problems -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """One reason the file is refused. `row` is the spreadsheet row (the header is row 1;
    None: the file as a whole); `column` the column's name (None: the row as a whole)."""

    row: int | None
    column: str | None
    message_en: str
    message_nl: str
    # The message goes on after "row N" as one sentence ("has more cells than ...").
    continues_row: bool = False

    @property
    def text_en(self) -> str:
        """E.g. "row 7, column 'startdatum': not a date (use dd-mm-yyyy)"."""
        return self._placed("row", "column", self.message_en, capital=False)

    @property
    def text_nl(self) -> str:
        """E.g. "Rij 7, kolom 'startdatum': Geen datum; gebruik dd-mm-jjjj."."""
        return self._placed("rij", "kolom", self.message_nl, capital=True)

    def _placed(self, row_word: str, column_word: str, message: str, capital: bool) -> str:
        """`message` after the row and column it is about (the first word capitalised when
        `capital`); the message alone for the file as a whole."""
        if self.continues_row and self.row is not None and self.column is None:
            row_word = row_word.capitalize() if capital else row_word
            return f"{row_word} {self.row} {message}"
        where = []
        if self.row is not None:
            where.append(f"{row_word} {self.row}")
        if self.column is not None:
            where.append(f"{column_word} '{self.column}'")
        if not where:
            return message
        place = ", ".join(where)
        return f"{place[0].upper() + place[1:] if capital else place}: {message}"


class ImportRefused(KoersError):
    """The file is refused as a whole and nothing was written; `problems` lists every
    problem found, in row order."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
        count = len(self.problems)
        first = self.problems[0]
        super().__init__(
            f"nothing was imported ({count} problem{'s' if count != 1 else ''}); {first.text_en}",
            f"Er is niets geïmporteerd ({count} "
            f"{'probleem' if count == 1 else 'problemen'}). {first.text_nl}",
        )


def _file_problem(message_en: str, message_nl: str) -> ImportRefused:
    return ImportRefused([RowProblem(None, None, message_en, message_nl)])


class _RowErrors(Exception):
    """Problems of one row (internal: collected per row, raised as ImportRefused)."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__("row problems")
        self.problems = problems


# --- the plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedCase:
    """One row as it will be created: the intake, names to show in a preview, and the last
    contact before the move to Koers (a done brief contact; None when the row gives none)."""

    row: int
    intake: Intake
    programme_name: str
    phase_name: str
    last_contact: Contact | None = None

    @property
    def display_name(self) -> str:
        return self.intake.case.display_name

    @property
    def begins_on(self) -> date:
        return self.intake.case.begins_on

    @property
    def is_aanmelding(self) -> bool:
        return self.intake.case.start_date is None

    @property
    def children(self) -> int:
        return sum(1 for m in self.intake.members if m.is_child)


@dataclass(frozen=True)
class ImportPlan:
    """What an import will create (for the preview), before anything is written."""

    source: str  # the file's name, without its folder
    cases: tuple[PlannedCase, ...]

    @property
    def count(self) -> int:
        return len(self.cases)

    @property
    def intakes(self) -> tuple[Intake, ...]:
        return tuple(planned.intake for planned in self.cases)

    @property
    def names(self) -> list[str]:
        return [planned.display_name for planned in self.cases]

    def per_programme(self) -> dict[str, int]:
        """Programme name -> number of cases, most first (then by name)."""
        counts = Counter(planned.programme_name for planned in self.cases)
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class ImportResult:
    """What an import created: the new cases' ids, in file order."""

    case_ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.case_ids)


# --- reading the file ---------------------------------------------------------------------


def plan_import(casework: Casework, path: Path) -> ImportPlan:
    """Read and check a CSV file; nothing is written. Raises ImportRefused with every
    problem found (a file that cannot be read is one problem)."""
    return plan_rows(casework, read_csv_file(path), Path(path).name)


def read_csv_file(path: Path) -> bytes:
    """The bytes of a CSV file to import (at most one byte more than MAX_BYTES, so a
    check sees a file too big). Raises ImportRefused for a folder or a file that cannot be
    read; shared by every import (cases, sociale kaart)."""
    path = Path(path)
    if path.is_dir():
        raise _file_problem(
            "the file cannot be read: it is a folder",
            "Het bestand kan niet worden gelezen: dit is een map. Kies een CSV-bestand.",
        )
    try:
        # Read at most one byte more than allowed: a device such as /dev/zero never ends.
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _file_problem(
            "the file cannot be read: it does not exist",
            "Het bestand kan niet worden gelezen. Bestaat het?",
        ) from None
    except OSError:
        raise _file_problem(
            "the file cannot be read (no permission?)",
            "Het bestand kan niet worden gelezen. Mag je het openen?",
        ) from None
    return data


def _too_big() -> ImportRefused:
    return _file_problem(
        f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB",
        f"Het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB.",
    )


def plan_rows(casework: Casework, data: bytes, source: str = "") -> ImportPlan:
    """Check the bytes of a CSV file and turn every row into an intake; nothing is
    written. Raises ImportRefused with every problem found."""
    header, rows, delimiter = read_table(data)
    columns = check_header(header, rows)
    reader = _RowReader(casework, columns, len(header), delimiter)
    planned: list[PlannedCase] = []
    problems: list[RowProblem] = []
    first_row: dict[tuple, int] = {}
    existing = _cases_in_vault(casework)
    for line, cells in rows:
        try:
            case = reader.read(line, cells)
        except _RowErrors as errors:
            problems += errors.problems
            continue
        key = (_name_key(case.display_name), case.intake.case.birth_year, case.begins_on)
        if key in first_row:
            what_en, what_nl = _compared_date(case)
            problems.append(
                RowProblem(
                    line,
                    "naam",
                    f"the same client (name, birth year, {what_en}) as row {first_row[key]}",
                    f"Dezelfde cliënt (naam, geboortejaar, {what_nl}) als rij {first_row[key]}.",
                )
            )
            continue
        first_row[key] = line
        if (_name_key(case.display_name), case.begins_on) in existing:
            problems.append(_in_vault_problem(case))
            continue
        planned.append(case)
    if problems:
        raise ImportRefused(problems)
    if not planned:
        raise _file_problem(
            "the file holds no rows to import", "Het bestand bevat geen rijen om te importeren."
        )
    return ImportPlan(source=source, cases=tuple(planned))


def _compared_date(case: PlannedCase) -> tuple[str, str]:
    """The date a duplicate is found by (English, Dutch): the start date, or for an
    aanmelding without one the aanmelding date."""
    if case.is_aanmelding:
        return "aanmelding date", "aanmeldingsdatum"
    return "start date", "startdatum"


def _in_vault_problem(case: PlannedCase) -> RowProblem:
    what_en, what_nl = _compared_date(case)
    return RowProblem(
        case.row,
        "naam",
        f"a case with this name and {what_en} is in the vault already",
        f"Er staat al een casus met deze naam en {what_nl} in Koers.",
    )


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _cases_in_vault(casework: Casework) -> set[tuple[str, date]]:
    """(name, start or aanmelding date) of every case in the vault, closed ones too."""
    found = set()
    for name, start, registered in casework.vault.db.execute(
        "SELECT display_name, start_date, registered_on FROM cases WHERE deleted = 0"
    ):
        begins = start or registered
        if name and begins:
            found.add((_name_key(name), date.fromisoformat(begins)))
    return found


def read_table(data: bytes) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    """The header, the non-empty rows (with their spreadsheet row numbers) and the
    separator (';' or ','). Refuses a file that is too big, not UTF-8, not CSV, empty or
    longer than MAX_ROWS (ImportRefused); shared by every import."""
    if len(data) > MAX_BYTES:
        raise _too_big()

    def not_utf8(row: int | None = None) -> ImportRefused:
        return ImportRefused(
            [
                RowProblem(
                    row,
                    None,
                    "the file is not UTF-8 text (save it as 'CSV UTF-8')",
                    "Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'.",
                )
            ]
        )

    if data.count(b"\x00") > len(data) // 8:  # UTF-16 without a byte-order mark
        raise not_utf8()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:  # Latin-1 and the like: name the first bad row
        raise not_utf8(data[: error.start].count(b"\n") + 1) from None
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        # Rows are numbered as a spreadsheet shows them: a record per row, blank ones too.
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = cells
                continue
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                raise _file_problem(
                    f"the file has more than {MAX_ROWS} rows; split it into several files",
                    f"Het bestand heeft meer dan {MAX_ROWS} rijen. Verdeel het over "
                    "meerdere bestanden.",
                )
    except csv.Error as error:
        if "field limit" in str(error):  # a cell of more than 128 KB
            raise ImportRefused(
                [
                    RowProblem(
                        reader.line_num,
                        None,
                        f"a cell is longer than {MAX_CELL} characters",
                        f"Een cel is langer dan {MAX_CELL} tekens.",
                    )
                ]
            ) from None
        raise _file_problem(
            f"the file is not valid CSV (near row {reader.line_num})",
            f"Het bestand is geen geldige CSV (bij rij {reader.line_num}).",
        ) from None
    if header is None:
        raise _file_problem("the file is empty", "Het bestand is leeg.")
    return header, rows, delimiter


def _normal_column(name: str) -> str:
    return "_".join(name.strip().casefold().replace("-", " ").split())


def _shown(name: str) -> str:
    """A header cell fit to quote in a message: printable, at most 40 characters."""
    clean = "".join(c if c.isprintable() else "?" for c in name.strip())
    return clean if len(clean) <= 40 else clean[:39] + "…"


def _missing_case_columns(present: set[str]) -> list[str]:
    """The required columns of a caseload file that `present` lacks: naam, programma and
    startdatum (an aanmeldingsdatum stands in for it)."""
    missing = [c for c in ("naam", "programma") if c not in present]
    if not {"startdatum", "aanmeldingsdatum"} & present:
        missing.append("startdatum")
    return missing


def check_header(
    header: list[str],
    rows: list[tuple[int, list[str]]],
    docs: dict[str, Column] = COLUMN_DOCS,
    missing_columns: Callable[[set[str]], list[str]] = _missing_case_columns,
    command: str = "cases",
) -> dict[int, str]:
    """Column index -> column name, for a file whose documented columns are `docs`, whose
    required ones `missing_columns` names, described by `koers import COMMAND --template
    --describe`. Raises ImportRefused for unknown, doubled or missing columns (all named)."""
    problems: list[RowProblem] = []
    columns: dict[int, str] = {}
    unknown: list[str] = []
    for index, raw in enumerate(header):
        name = _normal_column(raw)
        if not name:
            if any(index < len(cells) and cells[index].strip() for _line, cells in rows):
                problems.append(
                    RowProblem(
                        1,
                        None,
                        f"column {index + 1} has values but no name",
                        f"Kolom {index + 1} heeft waarden maar geen naam.",
                    )
                )
            continue  # an empty trailing column, as spreadsheets sometimes write
        if name not in docs:
            unknown.append(_shown(raw))
        elif name in columns.values():
            problems.append(
                RowProblem(1, name, "the column appears twice", "Deze kolom staat er twee keer in.")
            )
        else:
            columns[index] = name
    if unknown and not columns:
        # Not one known column: the first row is data, not a header (a client's name, a
        # phone number). It is not repeated: messages never hold a cell's content.
        problems.append(
            RowProblem(
                1,
                None,
                "the first row is not the header row: none of its cells names a column (see "
                f"koers import {command} --template)",
                "De eerste rij is geen kopregel: geen van de cellen is een kolomnaam. Zet de "
                "kopregel van het sjabloon bovenaan.",
            )
        )
    elif unknown:
        shown = unknown[:MAX_NAMED_COLUMNS]
        names = names_nl = ", ".join(f"'{name}'" for name in shown)
        if len(unknown) > len(shown):
            names += f" and {len(unknown) - len(shown)} more"
            names_nl += f" en nog {len(unknown) - len(shown)}"
        problems.append(
            RowProblem(
                1,
                None,
                f"unknown column(s) {names} (see koers import {command} --template --describe)",
                f"Onbekende kolom(men) {names_nl}. Gebruik alleen de kolommen van het sjabloon.",
            )
        )
    for name in missing_columns(set(columns.values())):
        problems.append(
            RowProblem(
                1, name, "this required column is missing", "Deze verplichte kolom ontbreekt."
            )
        )
    if problems:
        raise ImportRefused(problems)
    return columns


# --- one row ------------------------------------------------------------------------------


class RowReader(Generic[T]):
    """Turns the cells of one row into what an import plans (a T), or raises _RowErrors:
    every cell checked (`_cell_is_safe`), the count of cells, then `build`, which a kind of
    import gives (a case, a sociale-kaart entry)."""

    def __init__(self, columns: dict[int, str], width: int, delimiter: str) -> None:
        self.columns = columns
        # A row has as many cells as the header; it may leave out trailing columns without
        # a name (a header that ends in a separator), never a named one.
        self.width = width
        self.needed = max(columns) + 1 if columns else width
        self.delimiter = delimiter

    def build(
        self, line: int, fields: _Fields, problem: Callable[[str | None, str, str], None]
    ) -> T | None:
        """The row's values as a T, or None after reporting its problems."""
        raise NotImplementedError

    def read(self, line: int, cells: list[str]) -> T:
        problems: list[RowProblem] = []

        def problem(column: str | None, en: str, nl: str) -> None:
            problems.append(RowProblem(line, column, en, nl))

        values: dict[str, str] = {}
        for index, name in self.columns.items():
            raw = cells[index] if index < len(cells) else ""
            if _cell_is_safe(name, raw, problem):
                values[name] = raw.strip()
        if problems:
            raise _RowErrors(problems)
        if not self.needed <= len(cells) <= self.width:
            # The values slid into other columns: name the row, not those columns.
            raise _RowErrors([self._cell_count_problem(line, len(cells))])
        fields = _Fields(values, problem)
        planned = self.build(line, fields, problem)
        if problems or planned is None:
            raise _RowErrors(problems)
        return planned

    def _cell_count_problem(self, line: int, count: int) -> RowProblem:
        """Too many cells (an unquoted value that holds the separator) or too few (a
        missing separator, another separator in this row)."""
        sep = self.delimiter
        if count > self.width:
            return RowProblem(
                line,
                None,
                f"has more cells than the header row ({self.width} expected); a value "
                f"containing '{sep}' must be in double quotes",
                f"heeft meer cellen dan de kopregel ({self.width} verwacht). Zet een waarde "
                f"met '{sep}' tussen dubbele aanhalingstekens.",
                continues_row=True,
            )
        return RowProblem(
            line,
            None,
            f"has fewer cells than the header row ({self.width} expected); separate every "
            f"cell with '{sep}', an empty one too",
            f"heeft minder cellen dan de kopregel ({self.width} verwacht). Scheid elke cel "
            f"met '{sep}', ook een lege.",
            continues_row=True,
        )


class _RowReader(RowReader[PlannedCase]):
    """Turns the cells of one row into a PlannedCase, or raises _RowErrors."""

    def __init__(
        self, casework: Casework, columns: dict[int, str], width: int, delimiter: str
    ) -> None:
        super().__init__(columns, width, delimiter)
        self.work = casework
        self.programmes = casework.programmes()
        self.today = casework.today()
        self.now = casework.vault.now()
        self.actor = casework.store.actor

    def build(
        self, line: int, fields: _Fields, problem: Callable[[str | None, str, str], None]
    ) -> PlannedCase | None:
        programme = self._programme(fields, problem)
        start = fields.date("startdatum")
        registered = fields.date("aanmeldingsdatum")
        phase_since = fields.date("fase_sinds")
        planned_end = fields.date("geplande_einddatum")
        birth_year = fields.year("geboortejaar")
        interpreter = fields.yes_no("tolk", False)
        # Empty is no: a call at the wrong moment can endanger the client.
        may_call = fields.yes_no("mag_bellen", False)
        secret = fields.yes_no("geheim_adres", None)
        children = fields.children("kinderen")
        screening = fields.screening()
        address = fields.address()
        last_contact_on = fields.date("laatste_contact")
        last_contact_kind = fields.contact_kind("laatste_contact_soort")
        if (
            fields.get("laatste_contact_soort")
            and not fields.get("laatste_contact")
            and not fields.has_problem("laatste_contact_soort")
        ):
            fields.problem(
                "laatste_contact_soort",
                "a kind without a day: give the day in column 'laatste_contact' too",
                "Een soort zonder dag. Vul ook de kolom 'laatste_contact' in.",
            )
        if not fields.get("naam"):
            fields.problem("naam", "empty: every row needs a name", "Vul de naam van de cliënt in.")
        if start is None and registered is None and not fields.has_problem("startdatum"):
            fields.problem(
                "startdatum",
                "empty: give a start date, or an aanmelding date for an aanmelding",
                "Vul een startdatum in, of een aanmeldingsdatum voor een aanmelding.",
            )
        phase = self._phase(programme, fields, problem)
        if fields.problems_found or programme is None or phase is None:
            return None
        begins = start or registered
        assert begins is not None
        case_id = new_id()
        worker = fields.get("trajectbegeleider") or self.actor
        location = screening.location_code if screening else None
        if secret is None:
            secret = location in (LocationCode.ORANJE, LocationCode.ROOD)
        try:
            case = Case(
                id=case_id,
                display_name=fields.get("naam"),
                initials=fields.get("initialen"),  # empty: derived from the name
                programme_id=programme.id,
                phase_id=phase,
                start_date=start,
                worker=worker,
                status=CaseStatus.ACTIEF if start else CaseStatus.AANMELDING,
                birth_year=birth_year,
                address=address,
                secret_address=secret,
                phone=fields.get("telefoon"),
                safe_contact=SafeContact(
                    may_call=bool(may_call),
                    safe_times=fields.get("veilige_tijden"),
                    if_someone_else_answers=fields.get("als_ander_opneemt"),
                    code_word=fields.get("codewoord"),
                ),
                language=fields.get("taal") or "nl",
                interpreter_needed=bool(interpreter),
                phase_history=(PhaseEntry(phase, phase_since or begins, programme.id),),
                planned_end_date=planned_end,
                backup_worker=fields.get("vervanger"),
                registered_on=registered,
            )
            case = with_derived_initials(case)
            members = tuple(
                HouseholdMember(id=new_id(), case_id=case_id, name=name, is_child=True,
                                birth_year=year)
                for name, year in children
            )  # fmt: skip
            risk = None
            if screening is not None:
                risk = RiskScreening(
                    id=new_id(),
                    case_id=case_id,
                    screened_on=screening.screened_on or min(begins, self.today),
                    screened_by=worker,
                    situation=RiskSituation(screening.situation),
                    location_code=screening.location_code,
                    notes=screening.notes,
                    human_trafficking=screening.human_trafficking,
                    honour_based=screening.honour_based,
                    contra_reason=screening.contra_reason,
                )
            intake = Intake(case=case, members=members, screening=risk)
            self._check(intake, phase_since, problem)
        except ValidationError as error:
            problem(_column_of(error), _without_field(error.message_en), error.message_nl)
            return None
        last_contact = None
        if last_contact_on is not None and self._last_contact_fits(case, last_contact_on, problem):
            last_contact = self._last_contact(case_id, last_contact_on, last_contact_kind)
        return PlannedCase(line, intake, programme.name, programme.phase(phase).name, last_contact)

    def _last_contact_fits(
        self, case: Case, day: date, problem: Callable[[str | None, str, str], None]
    ) -> bool:
        """The last contact lies neither ahead of today nor before the case began."""
        if day > self.today:
            problem(
                "laatste_contact",
                "the last contact cannot lie in the future",
                "Het laatste contact kan niet in de toekomst liggen.",
            )
            return False
        if day < case.begins_on:
            what_en, what_nl = (
                ("start date", "startdatum")
                if case.start_date is not None
                else ("aanmelding date", "aanmeldingsdatum")
            )
            problem(
                "laatste_contact",
                f"the last contact lies before the {what_en}",
                f"Het laatste contact ligt vóór de {what_nl}.",
            )
            return False
        return True

    def _last_contact(self, case_id: str, day: date, kind: ContactKind | None) -> Contact:
        """The last contact before the move to Koers, as a done brief contact on `day`
        (at LAST_CONTACT_HOUR, or the present minute when that is still ahead today)."""
        starts_at = datetime.combine(day, LAST_CONTACT_HOUR, LOCAL_TZ)
        now = self.now.astimezone(LOCAL_TZ).replace(second=0, microsecond=0)
        return Contact(
            id=new_id(),
            case_id=case_id,
            starts_at=min(starts_at, now),
            kind=kind or LAST_CONTACT_DEFAULT,
            duration_minutes=0,  # not known
            report=LAST_CONTACT_REPORT,
            brief=True,
        )

    def _check(
        self,
        intake: Intake,
        phase_since: date | None,
        problem: Callable[[str | None, str, str], None],
    ) -> None:
        """The intake form's checks, then the screening's: not in the future, and a
        contra-indication only with a reason. Raises ValidationError."""
        check_intake(self.work, intake)
        case = intake.case
        if phase_since is not None and phase_since < case.begins_on:
            problem(
                "fase_sinds",
                "the phase cannot begin before the start",
                "De fase kan niet vóór de startdatum beginnen.",
            )
        if phase_since is not None and phase_since > self.today:
            problem(
                "fase_sinds",
                "the phase cannot begin in the future",
                "De fase kan niet in de toekomst beginnen.",
            )
        screening = intake.screening
        if screening is None:
            return
        if screening.screened_on > self.today:
            problem(
                "screeningsdatum",
                "a screening cannot lie in the future",
                "Een screening kan niet in de toekomst liggen.",
            )
        found = contra_indications(case.programme_id, screening)
        if found and not screening.contra_reason.strip():
            problem(
                CONTRA_COLUMNS[found[0]],
                "; ".join(c.message_en for c in found)
                + " (give the reason to go on in column 'reden_contra_indicatie')",
                " ".join(c.message_nl for c in found)
                + " Geef in de kolom 'reden_contra_indicatie' de reden om toch door te gaan.",
            )

    def _programme(
        self, fields: _Fields, problem: Callable[[str | None, str, str], None]
    ) -> Programme | None:
        value = fields.get("programma")
        wanted = value.casefold()
        for programme in self.programmes.values():
            if wanted in (programme.id.casefold(), programme.name.casefold()):
                return programme
        known = ", ".join(f"{p.id} ({p.name})" for p in self.programmes.values())
        if not value:
            problem("programma", f"empty: use one of {known}", f"Vul een programma in: {known}.")
        else:
            problem(
                "programma",
                f"unknown programme; use one of {known}",
                f"Onbekend programma. Kies uit: {known}.",
            )
        return None

    def _phase(
        self,
        programme: Programme | None,
        fields: _Fields,
        problem: Callable[[str | None, str, str], None],
    ) -> str | None:
        if programme is None:
            return None
        value = fields.get("fase").casefold()
        if not value:
            return programme.first_phase.id
        for phase in programme.phases:
            if value in (phase.id.casefold(), phase.name.casefold()):
                return phase.id
        known = ", ".join(phase.id for phase in programme.phases)
        problem(
            "fase",
            f"not a phase of {programme.name} ({known})",
            f"Deze fase hoort niet bij {programme.name} ({known}).",
        )
        return None


def _without_field(text: str) -> str:
    """The domain's English text without its "field: " prefix."""
    return text.split(": ", 1)[1] if ": " in text else text


def _column_of(error: ValidationError) -> str | None:
    return FIELD_COLUMNS.get(error.field)


def _cell_is_safe(column: str, raw: str, problem: Callable[[str | None, str, str], None]) -> bool:
    """Refuse control characters, invisible formatting characters (a right-to-left
    override, a zero-width space, a byte-order mark amid the file), overlong cells and
    anything a spreadsheet would run as a formula (=HYPERLINK(...) and the like: CSV
    injection)."""
    if control_character(raw, multiline=False) is not None:
        problem(
            column,
            "contains a control character (a tab, a line break, ...)",
            "Bevat een stuurteken (een tab, een regelovergang, ...).",
        )
        return False
    if invisible_character(raw) is not None:
        problem(
            column,
            "contains an invisible formatting character (a right-to-left override, a "
            "zero-width space, a byte-order mark, ...)",
            "Bevat een onzichtbaar opmaakteken (een omkeerteken, een spatie zonder breedte, "
            "een byte-order mark, ...).",
        )
        return False
    if len(raw) > MAX_CELL:
        problem(
            column,
            f"longer than {MAX_CELL} characters",
            f"Langer dan {MAX_CELL} tekens.",
        )
        return False
    value = raw.strip()
    if value.startswith(FORMULA_STARTS) or raw.startswith(FORMULA_STARTS):
        if column == "telefoon" and PHONE.match(value):
            return True
        problem(
            column,
            "starts with =, +, - or @, which a spreadsheet reads as a formula",
            "Begint met =, +, - of @; een spreadsheet leest dat als formule.",
        )
        return False
    return True


class _Fields:
    """The safe cells of one row, parsed per kind; each problem is reported once, with
    its column."""

    def __init__(
        self, values: dict[str, str], problem: Callable[[str | None, str, str], None]
    ) -> None:
        self.values = values
        self._problem = problem
        self._columns_with_problems: set[str] = set()

    @property
    def problems_found(self) -> bool:
        return bool(self._columns_with_problems)

    def has_problem(self, column: str) -> bool:
        return column in self._columns_with_problems

    def problem(self, column: str, en: str, nl: str) -> None:
        self._columns_with_problems.add(column)
        self._problem(column, en, nl)

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def date(self, column: str) -> date | None:
        value = self.get(column)
        if not value:
            return None
        day = parse_date(value)
        if day is None:
            self.problem(column, "not a date (use dd-mm-yyyy)", "Geen datum; gebruik dd-mm-jjjj.")
        return day

    def year(self, column: str) -> int | None:
        value = self.get(column)
        if not value:
            return None
        if not YEAR.match(value):
            self.problem(column, "not a year (use e.g. 1988)", "Geen jaartal; gebruik bijv. 1988.")
            return None
        return int(value)

    def yes_no(self, column: str, default: bool | None) -> bool | None:
        value = self.get(column).casefold()
        if not value:
            return default
        if value in YES:
            return True
        if value in NO:
            return False
        self.problem(column, "use ja or nee", "Vul ja of nee in.")
        return default

    def contact_kind(self, column: str) -> ContactKind | None:
        """A contact kind by its word or label ("samen met ketenpartner"); None when empty.
        A no-show is refused: it reached nobody."""
        value = _normal_column(self.get(column))
        if not value:
            return None
        if value == ContactKind.NIET_VERSCHENEN.value:
            self.problem(
                column,
                "a no-show is not a contact; give the kind of the last contact that reached "
                "the client",
                "Een niet-verschenen afspraak is geen contact. Vul de soort in van het laatste "
                "contact waarbij je de cliënt sprak.",
            )
            return None
        for kind in LAST_CONTACT_KINDS:
            if value in (kind.value, _normal_column(kind.label)):
                return kind
        words = ", ".join(kind.value.replace("_", " ") for kind in LAST_CONTACT_KINDS)
        self.problem(column, f"use {words}", f"Kies {words}.")
        return None

    def children(self, column: str) -> list[tuple[str, int]]:
        value = self.get(column)
        if not value:
            return []
        parts = [p.strip() for p in re.split(r"[;,]", value) if p.strip()]
        children = []
        for part in parts:
            match = CHILD.match(part)
            if match is None or not match["name"].strip():
                self.problem(
                    column,
                    "give each child as 'name year', e.g. 'Sam 2016; Lina 2019'",
                    "Geef elk kind als 'naam jaar', bijvoorbeeld 'Sam 2016; Lina 2019'.",
                )
                return []
            children.append((match["name"].strip(), int(match["year"])))
        if len(children) > MAX_CHILDREN:
            self.problem(
                column,
                f"more than {MAX_CHILDREN} children",
                f"Meer dan {MAX_CHILDREN} kinderen.",
            )
            return []
        return children

    def address(self) -> Address | None:
        if not any(self.get(c) for c in ADDRESS_COLUMNS):
            return None
        for column, what_en, what_nl in (
            ("straat", "a street", "de straat"),
            ("plaats", "a town", "de plaats"),
            ("postcode", "a postcode", "de postcode"),
        ):
            if not self.get(column):
                self.problem(
                    column,
                    f"the address needs {what_en} too",
                    f"Vul bij het adres ook {what_nl} in.",
                )
        postcode = POSTCODE.match(self.get("postcode"))
        if self.get("postcode") and postcode is None:
            self.problem(
                "postcode", "postcode must look like 1234 AB", "Vul een postcode in zoals 1234 AB."
            )
        if self.problems_found or postcode is None:
            return None
        return Address(
            street=self.get("straat"),
            house_number=self.get("huisnummer"),
            postcode=f"{postcode[1]} {postcode[2].upper()}",
            town=self.get("plaats"),
        )

    def screening(self) -> _Screening | None:
        situation = self.get("situatie")
        location = self.get("locatiecode").casefold().removeprefix("code").strip()
        screened_on = self.date("screeningsdatum")
        trafficking = self.yes_no("mensenhandel", False)
        honour = self.yes_no("eergerelateerd", False)
        if not situation:
            if any(self.get(c) for c in SCREENING_COLUMNS):
                self.problem(
                    "situatie",
                    "a screening needs a situatie (1-4)",
                    "Een screening heeft een situatie (1-4) nodig.",
                )
            return None
        if situation not in ("1", "2", "3", "4"):
            self.problem("situatie", "use 1, 2, 3 or 4", "Kies situatie 1, 2, 3 of 4.")
            return None
        code = None
        if location:
            try:
                code = LocationCode(location)
            except ValueError:
                self.problem(
                    "locatiecode", "use groen, oranje or rood", "Kies groen, oranje of rood."
                )
                return None
        return _Screening(
            situation=int(situation),
            location_code=code,
            screened_on=screened_on,
            human_trafficking=bool(trafficking),
            honour_based=bool(honour),
            contra_reason=self.get("reden_contra_indicatie"),
            notes=self.get("screening_notities"),
        )


@dataclass(frozen=True)
class _Screening:
    """A screening as read from a row, before the case and worker are known."""

    situation: int
    location_code: LocationCode | None
    screened_on: date | None
    human_trafficking: bool
    honour_based: bool
    contra_reason: str
    notes: str


# --- writing ------------------------------------------------------------------------------


def import_cases(casework: Casework, plan: ImportPlan) -> ImportResult:
    """Create every case of `plan` in one vault transaction: all or nothing (journaled,
    so they sync; each case is access-logged as created, and the import as a whole once).

    Rows that meanwhile clash with a case in the vault (a sync brought it) or fail a domain
    check refuse the whole plan. Raises ImportRefused; nothing is written then."""
    ids: list[str] = []
    with casework.vault.transaction():
        existing = _cases_in_vault(casework)
        clashes = [
            _in_vault_problem(planned)
            for planned in plan.cases
            if (_name_key(planned.display_name), planned.begins_on) in existing
        ]
        if clashes:
            raise ImportRefused(clashes)
        for planned in plan.cases:
            ids.append(_create(casework, planned))
        count = len(ids)
        casework.store.log_access(
            "create", "case", None, f"import of {count} case{'s' if count != 1 else ''}"
        )
    return ImportResult(tuple(ids))


def _create(casework: Casework, planned: PlannedCase) -> str:
    """One planned case with its last contact (inside the import's transaction); returns
    the case id. Raises ImportRefused naming the row and column."""
    column_of = _column_of
    try:
        case_id = register_case(casework, planned.intake)
        if planned.last_contact is not None:
            column_of = _contact_column_of
            casework.record_contact(planned.last_contact)
    except ValidationError as error:
        raise ImportRefused(
            [
                RowProblem(
                    planned.row,
                    column_of(error),
                    _without_field(error.message_en),
                    error.message_nl,
                )
            ]
        ) from None
    return case_id


def _contact_column_of(error: ValidationError) -> str:
    return CONTACT_COLUMNS.get(error.field, "laatste_contact")
