"""Bad input, as a hostile or clumsy user gives it, to the import command, the app services
and the sync server: each is refused with a clear message (English for the command line and
the server, Dutch too for the window) and changes nothing: no row in any table of the vault
is added or altered, and no traceback or internal error reaches the user.

The command runs in this process (`app.cli.run`, the same entry point as `koers`), so that
dozens of files are checked in seconds; test_import_cli.py runs it as a real process.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from app import cli
from app.case import FrequencyOverride
from app.casework import Casework, new_id
from app.closing import Closure, Reopening, close_case, reopen_case
from app.contact import Contact
from app.errors import ValidationError
from app.imports import MAX_ROWS, ImportRefused, plan_import, template_header
from app.intake import Intake, register_case, remove_person, save_person
from app.people import DangerPerson, HouseholdMember, InvolvedPartner
from app.programmes import ContactFrequency
from app.rules import local_today
from app.screening import RiskScreening
from app.vocabulary import (
    CaseStatus,
    ClosingReason,
    ContactStatus,
    DangerRelation,
    LocationCode,
    PartnerKind,
)
from storage.errors import KoersError, RecordExists, RecordNotFound
from storage.keys import TEST_KDF
from storage.vault import Vault
from sync.server import admin
from tests.app.test_intake import aanmelding, full_intake, table_counts
from tests.app.test_programme_rules import started_case
from tests.conftest import NOW, PASSPHRASE
from tests.security.test_access_and_tokens import HLC, auth, create_case, enroll, hlc_of
from tests.sync.wire_records import a_text_field, created_fields

# --- koers import cases -------------------------------------------------------------------

TODAY = local_today()  # the command runs on the real clock
START = f"{TODAY - timedelta(days=30):%d-%m-%Y}"
HEADER = "naam;programma;startdatum;geboortejaar;kinderen;fase;telefoon"


def row(
    name: str = "Fleur van Zanddorp",
    programme: str = "moviera_wijk",
    start: str = START,
    birth_year: str = "1990",
    children: str = "",
    phase: str = "",
    phone: str = "",
) -> str:
    return ";".join((name, programme, start, birth_year, children, phase, phone))


def text_file(*rows: str) -> bytes:
    return ("\n".join((HEADER, *rows)) + "\n").encode("utf-8")


@pytest.fixture
def vault_file(tmp_path: Path) -> Path:
    """A vault with the default programmes and one case already in it."""
    path = tmp_path / "werk.koers"
    with Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF) as vault:
        work = Casework(vault)
        work.seed_default_programmes()
        started_case(work, display_name="Iris Bakkerveld")
    return path


def vault_counts(path: Path) -> dict[str, int]:
    with Vault.open(path, PASSPHRASE) as vault:
        return table_counts(vault)


def koers_import(
    path: Path, target: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    monkeypatch.setenv("KOERS_PASSPHRASE", PASSPHRASE)
    code = cli.run(["import", "cases", "--vault", str(path), str(target), "--yes"])
    out, err = capsys.readouterr()
    return code, out, err


FORMULA_CELLS = ("=1+1", "+31 6 =2", "-2+3", "@SUM(A1)")

# (bytes of the file, where the first problem is, a word of its text)
BAD_FILES: dict[str, tuple[bytes, str, str]] = {
    "mixed delimiters in the header": (
        b"naam;programma,startdatum\nFleur;moviera_wijk,01-09-2026\n",
        "row 1",
        "unknown column",
    ),
    "mixed delimiters in a row": (
        text_file(row().replace(";", ",")),
        "row 2 has fewer cells than the header row (7 expected)",
        "separate every cell with ';'",
    ),
    "an unbalanced quote swallows the rows after it": (
        text_file('"' + row(), row(name="Noor Jansen")),
        "row 2, column 'naam'",
        "control character",
    ),
    "a NUL byte in a name": (
        text_file(row(name="Fleur\x00 van Zanddorp")),
        "row 2, column 'naam'",
        "control character",
    ),
    "a byte-order mark amid the file": (
        text_file(row(), "\ufeff" + row(name="Noor Jansen")),
        "row 3, column 'naam'",
        "invisible formatting character",
    ),
    "UTF-16 with a byte-order mark": (
        (HEADER + "\n" + row() + "\n").encode("utf-16"),
        "",
        "not UTF-8",
    ),
    "UTF-16 without a byte-order mark": (
        (HEADER + "\n" + row() + "\n").encode("utf-16-le"),
        "",
        "not UTF-8",
    ),
    "Latin-1 (an export of an old spreadsheet)": (
        (HEADER + "\n" + row() + "\n" + row(name="Renée Vos") + "\n").encode("latin-1"),
        "row 3",
        "not UTF-8",
    ),
    "a huge line": (text_file(row(name="x" * 2_000_000)), "row 2", "longer than 1000"),
    "a 1 MB cell": (text_file(row(children="Sam 2016" + " " * 1_000_000)), "row 2", "longer"),
    "a cell of 1,001 characters": (
        text_file(row(name="N" * 1001)),
        "row 2, column 'naam'",
        "longer than 1000",
    ),
    "5,001 rows": (
        text_file(*(row(name=f"Client {i}") for i in range(MAX_ROWS + 1))),
        "",
        "more than 5000 rows",
    ),
    "only a header": (text_file(), "", "no rows"),
    "an empty file": (b"", "", "empty"),
    "a file of blank lines": (b"\r\n\r\n  \r\n", "", "empty"),
    "=HYPERLINK in a name": (
        text_file(row(name='"=HYPERLINK(""http://x.example"",""klik"")"')),
        "row 2, column 'naam'",
        "formula",
    ),
    "31-02-2026": (text_file(row(start="31-02-2026")), "row 2, column 'startdatum'", "not a date"),
    "00-00-0000": (text_file(row(start="00-00-0000")), "row 2, column 'startdatum'", "not a date"),
    "2026-13-01": (text_file(row(start="2026-13-01")), "row 2, column 'startdatum'", "not a date"),
    "the year 0001": (text_file(row(start="01-01-0001")), "row 2, column 'startdatum'", "2000"),
    "the year 9999": (text_file(row(start="31-12-9999")), "row 2, column 'startdatum'", "ahead"),
    "born in 1899": (text_file(row(birth_year="1899")), "row 2, column 'geboortejaar'", "1900"),
    "born next year": (
        text_file(row(birth_year=str(TODAY.year + 1))),
        "row 2, column 'geboortejaar'",
        "future",
    ),
    "a child born 5 years after the client": (
        text_file(row(birth_year="1990", children="Sam 1995")),
        "row 2, column 'kinderen'",
        "12 years",
    ),
    "a phase of another programme": (
        text_file(row(phase="veiligheid")),
        "row 2, column 'fase'",
        "not a phase of Moviera",
    ),
    "an unknown programme": (
        text_file(row(programme="wijkaanpak")),
        "row 2, column 'programma'",
        "unknown programme",
    ),
    "rows differing only in case and spaces": (
        text_file(row(), row(name="  fleur  VAN zanddorp ")),
        "row 3, column 'naam'",
        "same client",
    ),
    "rows differing by a zero-width space": (
        text_file(row(), row(name="Fleur van\u200b Zanddorp")),
        "row 3, column 'naam'",
        "invisible",
    ),
    "a case already in the vault, in capitals": (
        text_file(row(name="IRIS BAKKERVELD", start=f"{TODAY - timedelta(days=60):%d-%m-%Y}")),
        "row 2, column 'naam'",
        "in the vault already",
    ),
    "a bell character": (text_file(row(name="Fleur\x07")), "row 2, column 'naam'", "control"),
    "an escape sequence": (
        text_file(row(name="Fleur\x1b[31m")),
        "row 2, column 'naam'",
        "control",
    ),
    "a line separator": (text_file(row(name="Fleur\u2028Noor")), "row 2, column 'naam'", "control"),
    "a right-to-left override in a name": (
        text_file(row(name="Fleur \u202enesnaJ")),
        "row 2, column 'naam'",
        "right-to-left override",
    ),
    "a name without a letter": (text_file(row(name="12345")), "row 2, column 'naam'", "letter"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_is_refused_by_row_and_column_and_writes_nothing(
    case: str,
    vault_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content, where, words = BAD_FILES[case]
    target = tmp_path / "caseload.csv"
    target.write_bytes(content)
    before = vault_counts(vault_file)

    code, out, err = koers_import(vault_file, target, capsys, monkeypatch)

    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert lines and all(line.startswith("koers: error: ") for line in lines), err
    assert "Traceback" not in err and "internal error" not in err
    assert lines[0].startswith(f"koers: error: {where}"), lines[0]
    assert words in lines[0], lines[0]
    assert lines[-1].startswith("koers: error: nothing was imported")
    assert all(len(line) < 400 for line in lines)  # a 1 MB cell is never echoed
    assert vault_counts(vault_file) == before


@pytest.mark.parametrize("start", FORMULA_CELLS)
def test_a_formula_in_every_column_is_named_column_by_column(
    start: str,
    vault_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    columns = template_header().split(";")
    target = tmp_path / "formules.csv"
    cells = [f"{start}{i}" for i in range(len(columns))]
    target.write_text(";".join(columns) + "\n" + ";".join(cells) + "\n", encoding="utf-8")
    before = vault_counts(vault_file)

    code, _out, err = koers_import(vault_file, target, capsys, monkeypatch)

    assert code == 2 and "Traceback" not in err and "internal error" not in err
    assert vault_counts(vault_file) == before
    # Every column refuses a formula start ("+31 6 =2" is no phone number either); the
    # command shows the first 20 problems and counts the rest.
    with Vault.open(vault_file, PASSPHRASE) as vault, pytest.raises(ImportRefused) as refused:
        plan_import(Casework(vault), target)
    assert {(p.row, p.column) for p in refused.value.problems} == {(2, c) for c in columns}
    assert all("formula" in p.message_en for p in refused.value.problems)
    shown = [line for line in err.splitlines() if "formula" in line]
    assert len(shown) == 20 and f"and {len(columns) - 20} more" in err


@pytest.mark.parametrize("where", ["a folder", "a missing file", "a device without end"])
def test_a_path_that_is_no_csv_file_is_refused(
    where: str,
    vault_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = {
        "a folder": tmp_path,
        "a missing file": tmp_path / "bestaat-niet.csv",
        "a device without end": Path("/dev/zero"),  # read whole, it would fill the memory
    }[where]
    before = vault_counts(vault_file)

    code, _out, err = koers_import(vault_file, target, capsys, monkeypatch)

    assert code == 2 and "Traceback" not in err and "internal error" not in err
    assert err.startswith("koers: error: the file ")
    assert vault_counts(vault_file) == before


def test_names_from_other_scripts_are_welcome(
    vault_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The checks refuse what hides or breaks text, not what people are called."""
    target = tmp_path / "caseload.csv"
    names = ["Fleur ☺ van Zanddorp", "نور جانسن", "Zoë ‌Özdemir", "Łucja Wiśniewska"]
    target.write_bytes(text_file(*(row(name=name) for name in names)))

    code, out, err = koers_import(vault_file, target, capsys, monkeypatch)

    assert code == 0, err
    assert "Created 4 cases." in out
    with Vault.open(vault_file, PASSPHRASE) as vault:
        stored = {c.display_name for c in Casework(vault).cases()}
    assert set(names) <= stored


# --- the app services, called from Python ---------------------------------------------------


class World:
    """A small caseload at the fixed clock: an active case, a second one, an intake with its
    people, and a closed one."""

    def __init__(self, work: Casework) -> None:
        self.work = work
        self.today = work.today()
        self.active = started_case(work)
        self.other = started_case(work, display_name="Iris Bakkerveld")
        self.intake = full_intake(work)
        register_case(work, self.intake)
        self.child = self.intake.members[2]
        self.danger = self.intake.danger_persons[0]
        self.partner = self.intake.partners[0]
        self.closed = started_case(work, display_name="Lotte de Wit")
        close_case(work, Closure(new_id(), self.closed.id, self.today, ClosingReason.UITVAL))

    def mark(self) -> None:
        """Count the rows of every table: what an attempt may not change from here."""
        self.counts = table_counts(self.work.vault)

    def planned(self, **changes: Any) -> Contact:
        fields: dict[str, Any] = {
            "id": new_id(),
            "case_id": self.active.id,
            "starts_at": NOW + timedelta(days=2),
            "status": ContactStatus.GEPLAND,
        }
        return Contact(**{**fields, **changes})

    def done(self, **changes: Any) -> Contact:
        fields: dict[str, Any] = {
            "id": new_id(),
            "case_id": self.active.id,
            "starts_at": NOW - timedelta(hours=2),
            "report": "Huisbezoek, rustig gesprek.",
        }
        return Contact(**{**fields, **changes})

    def new_case(self, **changes: Any) -> Intake:
        return Intake(aanmelding(self.work, **{"id": new_id(), **changes}))

    def override(self, **changes: Any) -> FrequencyOverride:
        fields: dict[str, Any] = {
            "frequency": ContactFrequency(3, 7),
            "reason": "Incident in het weekend.",
            "since": self.today,
        }
        return FrequencyOverride(**{**fields, **changes})


@pytest.fixture
def world(casework: Casework) -> World:
    return World(casework)


Attempt = Callable[[World], Any]
FAR = date(9999, 12, 31)
ANCIENT = date(1, 1, 1)
LONG = "Fleur " + "van " * 25_000  # 100 k characters

ATTEMPTS: dict[str, Attempt] = {
    # people: ids of another case, wrong types, bad text
    "a child of one case saved with another case's id": lambda w: save_person(
        w.work, replace(w.child, case_id=w.active.id)
    ),
    "a danger person moved to another case": lambda w: save_person(
        w.work, replace(w.danger, case_id=w.other.id)
    ),
    "a partner moved to another case": lambda w: save_person(
        w.work, replace(w.partner, case_id=w.other.id)
    ),
    "a person removed through another case": lambda w: remove_person(
        w.work, replace(w.child, case_id=w.active.id)
    ),
    "a person of a case that does not exist": lambda w: save_person(
        w.work, replace(w.child, id=new_id(), case_id=new_id())
    ),
    "a person removed and then saved again": lambda w: save_person(
        w.work, replace(w.intake.members[3], id=_removed(w), name="Terug")
    ),
    "a name that is a number": lambda w: save_person(
        w.work,
        HouseholdMember(new_id(), w.active.id, 42),  # type: ignore[arg-type]
    ),
    "a birth year as text": lambda w: save_person(
        w.work,
        HouseholdMember(new_id(), w.active.id, "Sam", True, "2016"),  # type: ignore[arg-type]
    ),
    "a child born 5 years after the client": lambda w: save_person(
        w.work, HouseholdMember(new_id(), w.intake.case.id, "Sam", True, 1995)
    ),
    "a child born in the year 9999": lambda w: save_person(
        w.work, HouseholdMember(new_id(), w.active.id, "Sam", True, 9999)
    ),
    "a NUL in a child's name": lambda w: save_person(
        w.work, HouseholdMember(new_id(), w.active.id, "Sam\x00")
    ),
    "100 k characters in a danger person's name": lambda w: save_person(
        w.work, DangerPerson(new_id(), w.active.id, LONG)
    ),
    "a right-to-left override in a partner's organisation": lambda w: save_person(
        w.work, InvolvedPartner(new_id(), w.active.id, PartnerKind.SCHOOL, "De \u202epmilK")
    ),
    "an unknown danger relation": lambda w: save_person(
        w.work,
        DangerPerson(new_id(), w.active.id, "Kees", "kwaadaardig"),  # type: ignore[arg-type]
    ),
    "an order date as text": lambda w: save_person(
        w.work,
        DangerPerson(new_id(), w.active.id, "Kees", huisverbod_from="01-11-2026"),  # type: ignore[arg-type]
    ),
    "an order date with a time": lambda w: save_person(
        w.work,
        DangerPerson(new_id(), w.active.id, "Kees", huisverbod_from=NOW, huisverbod_until=w.today),
    ),
    "an order that ends before it starts": lambda w: save_person(
        w.work,
        DangerPerson(
            new_id(),
            w.active.id,
            "Kees",
            DangerRelation.PARTNER,
            contactverbod_from=w.today,
            contactverbod_until=w.today - timedelta(days=1),
        ),
    ),
    "an unknown partner kind": lambda w: save_person(
        w.work,
        InvolvedPartner(new_id(), w.active.id, "sekte", "X"),  # type: ignore[arg-type]
    ),
    # new cases
    "a case with the id of another case": lambda w: register_case(
        w.work, w.new_case(id=w.active.id)
    ),
    "a case without an id": lambda w: register_case(w.work, w.new_case(id="")),
    "a case whose id is None": lambda w: register_case(w.work, w.new_case(id=None)),
    "an intake registered twice": lambda w: register_case(w.work, w.intake),
    "an intake with two people of one id": lambda w: register_case(
        w.work,
        (
            lambda i: replace(
                i,
                members=(
                    HouseholdMember("dubbel", i.case.id, "Sam"),
                    HouseholdMember("dubbel", i.case.id, "Lina"),
                ),
            )
        )(w.new_case()),
    ),
    "an intake whose child belongs to another case": lambda w: register_case(
        w.work,
        replace(w.new_case(), members=(HouseholdMember(new_id(), w.active.id, "Sam"),)),
    ),
    "an intake with a screening of another case": lambda w: register_case(
        w.work,
        replace(
            w.new_case(),
            screening=RiskScreening(new_id(), w.active.id, w.today, "tester", 2),
        ),
    ),
    "an empty name": lambda w: register_case(w.work, w.new_case(display_name="  ")),
    "a NUL in the client's name": lambda w: register_case(
        w.work, w.new_case(display_name="Noor\x00 van Verstopt")
    ),
    "an escape sequence in the client's name": lambda w: register_case(
        w.work, w.new_case(display_name="Noor \x1b[2J")
    ),
    "100 k characters in the client's name": lambda w: register_case(
        w.work, w.new_case(display_name=LONG)
    ),
    "a right-to-left override in the client's name": lambda w: register_case(
        w.work, w.new_case(display_name="Noor \u202etpotsreV")
    ),
    "a zero-width space in the initials": lambda w: register_case(
        w.work, w.new_case(initials="N.\u200bv.V.")
    ),
    "a name without a letter to make initials of": lambda w: register_case(
        w.work, w.new_case(display_name="12345")
    ),
    "a birth year in 1899": lambda w: register_case(w.work, w.new_case(birth_year=1899)),
    "a birth year next year": lambda w: register_case(
        w.work, w.new_case(birth_year=w.today.year + 1)
    ),
    "a start date as text": lambda w: register_case(
        w.work, w.new_case(start_date="2026-11-01", status=CaseStatus.ACTIEF)
    ),
    "a start in the year 9999": lambda w: register_case(
        w.work, w.new_case(start_date=FAR, status=CaseStatus.ACTIEF)
    ),
    "an aanmelding in the year 1": lambda w: register_case(
        w.work, w.new_case(registered_on=ANCIENT)
    ),
    "a planned end in the year 9999": lambda w: register_case(
        w.work, w.new_case(planned_end_date=FAR)
    ),
    "a new case that is closed already": lambda w: register_case(
        w.work, w.new_case(status=CaseStatus.AFGESLOTEN, closed_on=w.today)
    ),
    "a new case in nazorg": lambda w: register_case(
        w.work,
        w.new_case(start_date=w.today, status=CaseStatus.NAZORG, nazorg_start=w.today),
    ),
    "an unknown status": lambda w: register_case(w.work, w.new_case(status="zwevend")),
    "a phase of another programme": lambda w: register_case(
        w.work, w.new_case(phase_id="veiligheid")
    ),
    "a screening in the year 1": lambda w: register_case(
        w.work,
        (lambda i: replace(i, screening=RiskScreening(new_id(), i.case.id, ANCIENT, "t", 2)))(
            w.new_case()
        ),
    ),
    "an unknown location code": lambda w: register_case(
        w.work,
        (
            lambda i: replace(
                i,
                screening=RiskScreening(new_id(), i.case.id, w.today, "t", 2, "paars"),  # type: ignore[arg-type]
            )
        )(w.new_case()),
    ),
    "situatie True": lambda w: w.work.add_screening(
        RiskScreening(new_id(), w.active.id, w.today, "t", True)  # type: ignore[arg-type]
    ),
    "situatie 2.7": lambda w: w.work.add_screening(
        RiskScreening(new_id(), w.active.id, w.today, "t", 2.7)  # type: ignore[arg-type]
    ),
    "situatie 5": lambda w: w.work.add_screening(
        RiskScreening(new_id(), w.active.id, w.today, "t", 5)  # type: ignore[arg-type]
    ),
    "a screening date as text": lambda w: w.work.add_screening(
        RiskScreening(new_id(), w.active.id, "2026-11-01", "t", 2)  # type: ignore[arg-type]
    ),
    "a screening in the future": lambda w: w.work.add_screening(
        RiskScreening(new_id(), w.active.id, FAR, "t", 2)
    ),
    "a screening of a case that does not exist": lambda w: w.work.add_screening(
        RiskScreening(new_id(), new_id(), w.today, "t", 2)
    ),
    "code rood for Moviera in de wijk without a reason": lambda w: w.work.add_screening(
        RiskScreening(new_id(), w.active.id, w.today, "t", 3, LocationCode.ROOD)
    ),
    # closing and reopening
    "closing twice": lambda w: close_case(
        w.work, Closure(new_id(), w.closed.id, w.today, ClosingReason.UITVAL)
    ),
    "closing before the start": lambda w: close_case(
        w.work,
        Closure(
            new_id(), w.active.id, w.active.start_date - timedelta(days=1), ClosingReason.UITVAL
        ),
    ),
    "closing in the year 9999": lambda w: close_case(
        w.work, Closure(new_id(), w.active.id, FAR, ClosingReason.UITVAL)
    ),
    "closing without a reason": lambda w: close_case(
        w.work, Closure(new_id(), w.active.id, w.today, None)
    ),
    "closing for an unknown reason": lambda w: close_case(
        w.work,
        Closure(new_id(), w.active.id, w.today, "verveeld"),  # type: ignore[arg-type]
    ),
    "closing to an unknown destination": lambda w: close_case(
        w.work,
        Closure(new_id(), w.active.id, w.today, ClosingReason.VERHUISD, "maan"),  # type: ignore[arg-type]
    ),
    "a closing date as text": lambda w: close_case(
        w.work,
        Closure(new_id(), w.active.id, "22-11-2026", ClosingReason.UITVAL),  # type: ignore[arg-type]
    ),
    "a closing date with a time": lambda w: close_case(
        w.work,
        Closure(new_id(), w.active.id, NOW, ClosingReason.UITVAL),  # type: ignore[arg-type]
    ),
    "a NUL in the closing notes": lambda w: close_case(
        w.work, Closure(new_id(), w.active.id, w.today, ClosingReason.UITVAL, notes="a\x00b")
    ),
    "closing a case that does not exist": lambda w: close_case(
        w.work, Closure(new_id(), new_id(), w.today, ClosingReason.UITVAL)
    ),
    "reopening an open case": lambda w: reopen_case(
        w.work, Reopening(new_id(), w.active.id, w.today, "Terugval")
    ),
    "reopening before the closing date": lambda w: reopen_case(
        w.work, Reopening(new_id(), w.closed.id, w.today - timedelta(days=1), "Terugval")
    ),
    "reopening in the year 9999": lambda w: reopen_case(
        w.work, Reopening(new_id(), w.closed.id, FAR, "Terugval")
    ),
    "reopening without a reason": lambda w: reopen_case(
        w.work, Reopening(new_id(), w.closed.id, w.today, " ")
    ),
    "a reopening date as text": lambda w: reopen_case(
        w.work,
        Reopening(new_id(), w.closed.id, "2026-11-22", "Terugval"),  # type: ignore[arg-type]
    ),
    # programme, phase and frequency
    "a phase change into the phase the case is in": lambda w: w.work.change_phase(
        w.active.id, w.active.phase_id
    ),
    "a phase change before the current phase began": lambda w: w.work.change_phase(
        w.active.id, "uitproberen", w.active.start_date - timedelta(days=1)
    ),
    "a phase change in the year 9999": lambda w: w.work.change_phase(
        w.active.id, "uitproberen", FAR
    ),
    "a phase change dated by text": lambda w: w.work.change_phase(
        w.active.id,
        "uitproberen",
        "2026-11-22",  # type: ignore[arg-type]
    ),
    "a phase change into another programme's phase": lambda w: w.work.change_phase(
        w.active.id, "veiligheid"
    ),
    "a phase change of a closed case": lambda w: w.work.change_phase(w.closed.id, "overdracht"),
    "a phase change of a case that does not exist": lambda w: w.work.change_phase(
        new_id(), "uitproberen"
    ),
    "a switch to the same programme": lambda w: w.work.switch_programme(
        w.active.id, w.active.programme_id
    ),
    "a switch to an unknown programme": lambda w: w.work.switch_programme(w.active.id, "x"),
    "a switch in the year 9999": lambda w: w.work.switch_programme(w.active.id, "ambulant", FAR),
    "a switch of a closed case": lambda w: w.work.switch_programme(w.closed.id, "ambulant"),
    "an override that ends before it starts": lambda w: w.work.set_frequency_override(
        w.active.id, w.override(until=w.today - timedelta(days=1))
    ),
    "an override from the year 1": lambda w: w.work.set_frequency_override(
        w.active.id, w.override(since=ANCIENT)
    ),
    "an override until the year 9999": lambda w: w.work.set_frequency_override(
        w.active.id, w.override(until=FAR)
    ),
    "an override without a reason": lambda w: w.work.set_frequency_override(
        w.active.id, w.override(reason="")
    ),
    "an override of 0 contacts": lambda w: w.work.set_frequency_override(
        w.active.id, w.override(frequency=ContactFrequency(0, 7))
    ),
    "an override dated by text": lambda w: w.work.set_frequency_override(
        w.active.id, w.override(since="22-11-2026")
    ),
    "an override for a closed case": lambda w: w.work.set_frequency_override(
        w.closed.id, w.override()
    ),
    "ending an override the case does not have": lambda w: w.work.end_frequency_override(
        w.active.id
    ),
    "ending an override that has ended": lambda w: w.work.end_frequency_override(
        _override_ended(w)
    ),
    "ending an override before it began": lambda w: w.work.end_frequency_override(
        _override_from(w, w.today), w.today - timedelta(days=3)
    ),
    # contacts
    "a planned visit in the past": lambda w: w.work.plan_contact(
        w.planned(starts_at=NOW - timedelta(days=1))
    ),
    "a planned visit in the year 9999": lambda w: w.work.plan_contact(
        w.planned(starts_at=datetime(9999, 12, 31, 22, tzinfo=UTC))
    ),
    "a planned visit without a timezone": lambda w: w.work.plan_contact(
        w.planned(starts_at=datetime(2026, 12, 1, 10))
    ),
    "a planned visit at a time given as text": lambda w: w.work.plan_contact(
        w.planned(starts_at="2026-12-01T10:00:00+01:00")
    ),
    "a planned visit for a closed case": lambda w: w.work.plan_contact(
        w.planned(case_id=w.closed.id)
    ),
    "a planned visit for a case that does not exist": lambda w: w.work.plan_contact(
        w.planned(case_id=new_id())
    ),
    "a planned visit of an unknown kind": lambda w: w.work.plan_contact(w.planned(kind="brief")),
    "a planned visit with 'present' as text": lambda w: w.work.plan_contact(
        w.planned(present="Fleur")
    ),
    "a planned visit saved twice": lambda w: _twice(w, w.work.plan_contact, w.planned()),
    "a done contact in the future": lambda w: w.work.record_contact(
        w.done(starts_at=NOW + timedelta(days=1))
    ),
    "a done contact in the year 1": lambda w: w.work.record_contact(
        w.done(starts_at=datetime(1, 1, 1, 12, tzinfo=UTC))
    ),
    "a done contact saying nothing": lambda w: w.work.record_contact(w.done(report="")),
    "a done contact with an unknown life domain": lambda w: w.work.record_contact(
        w.done(domains=("geluk",))
    ),
    "a done contact with a NUL in its report": lambda w: w.work.record_contact(
        w.done(report="x\x00" * 50_000)
    ),
    "a duration as text": lambda w: w.work.record_contact(w.done(duration_minutes="60")),
    "a correction of a contact of another case": lambda w: w.work.record_contact(
        w.done(case_id=w.other.id, supersedes=_recorded(w))
    ),
    "a done contact saved twice": lambda w: _twice(
        w, w.work.record_contact, w.done(starts_at=NOW - timedelta(days=3))
    ),
}


def _removed(w: World) -> str:
    """Remove the second child; what follows must not bring it back."""
    remove_person(w.work, w.intake.members[3])
    w.mark()
    return w.intake.members[3].id


def _override_ended(w: World) -> str:
    since, until = w.today - timedelta(days=20), w.today - timedelta(days=5)
    w.work.set_frequency_override(w.active.id, w.override(since=since, until=until))
    w.mark()
    return w.active.id


def _override_from(w: World, since: date) -> str:
    w.work.set_frequency_override(w.active.id, w.override(since=since))
    w.mark()
    return w.active.id


def _recorded(w: World) -> str:
    recorded = w.work.record_contact(w.done(starts_at=NOW - timedelta(days=2)))
    w.mark()
    return recorded


def _twice(w: World, save: Callable[[Contact], Any], contact: Contact) -> None:
    save(contact)
    w.mark()
    save(contact)


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=list(ATTEMPTS))
def test_bad_input_to_the_services_is_refused_and_changes_nothing(
    attempt: str, world: World
) -> None:
    """Every refusal is a ValidationError (or a documented KoersError: a record that does
    not exist, an id saved twice) with an English and a Dutch text; never a TypeError,
    AttributeError or sqlite error, and no table of the vault changes (journal and access
    log included) after the attempt's own setup (a first save, a removal)."""
    world.mark()
    with pytest.raises(KoersError) as refused:
        ATTEMPTS[attempt](world)
    error = refused.value
    assert isinstance(error, ValidationError | RecordNotFound | RecordExists), type(error)
    assert error.message_en and error.message_nl and error.message_nl != error.message_en
    assert "\x00" not in error.message_en and len(error.message_en) < 300
    assert table_counts(world.work.vault) == world.counts, attempt


# --- the sync server: people, closings and reopenings of another worker's case -------------

NEW_RECORD_TYPES = (
    "household_member",
    "danger_person",
    "case_partner",
    "closure",
    "reopening",
    "breach_follow_up",
)


def person_change(
    record_type: str, case_id: Any, record_id: str | None = None, created: bool = True
) -> dict[str, Any]:
    """A change as a laptop pushes it: a record of `record_type` in `case_id` (created: with
    every field it must carry; else one of its text fields)."""
    if created:
        fields: dict[str, Any] = created_fields(record_type, case_id)
    else:
        fields = {a_text_field(record_type): "Synthetisch", "case_id": case_id}
    if case_id is _NO_CASE:
        del fields["case_id"]
    return {
        "change_id": str(uuid.uuid4()),
        "record_type": record_type,
        "record_id": record_id or str(uuid.uuid4()),
        "fields": fields,
        "hlc": HLC,
        "device_id": "dev",
        "created": created,
    }


_NO_CASE = object()


def push(server: Any, token: str, *changes: dict[str, Any]) -> dict[str, Any]:
    """Push `changes` as the laptop of `token` (stamped with the clock id it registered)."""
    signed = [{**c, "hlc": hlc_of(token)} if c.get("hlc") == HLC else c for c in changes]
    response = httpx.post(f"{server.url}/v1/push", headers=auth(token), json={"changes": signed})
    assert response.status_code == 200, response.text
    return dict(response.json())


def reasons(answer: dict[str, Any]) -> dict[str, str]:
    return {r["change_id"]: r["reason"] for r in answer["rejected"]}


@pytest.fixture
def caseloads(server: Any) -> dict[str, Any]:
    """anna and noor share a team caseload (Noord); zoe works in Zuid; gert reads Noord's
    cases; each worker has a case with a record of every new type in it."""
    admin.add_team(server.engine, "Noord", shares_caseload=True)
    admin.add_team(server.engine, "Zuid")
    server.add_user("anna", team="Noord")
    server.add_user("zoe", team="Zuid")
    server.add_user("gert", role="gedragswetenschapper", team="Noord")
    tokens = {name: enroll(server, name)[1] for name in ("anna", "zoe", "gert")}
    cases = {name: create_case(server, tokens[name]) for name in ("anna", "zoe")}
    cases["anna-2"] = create_case(server, tokens["anna"])
    records: dict[tuple[str, str], str] = {}
    for name in ("anna", "zoe"):
        for record_type in NEW_RECORD_TYPES:
            change = person_change(record_type, cases[name])
            assert push(server, tokens[name], change)["rejected"] == []
            records[(name, record_type)] = change["record_id"]
    return {"tokens": tokens, "cases": cases, "records": records}


def server_changes(server: Any) -> int:
    from sqlalchemy import func, select

    from sync.server.store import changes, records

    with server.engine.connect() as conn:
        return sum(
            int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (changes, records)
        )


@pytest.mark.parametrize("record_type", NEW_RECORD_TYPES)
def test_a_laptop_cannot_put_people_or_closings_into_a_case_it_may_not_write(
    server: Any, caseloads: dict[str, Any], record_type: str
) -> None:
    anna = caseloads["tokens"]["anna"]
    cases, records = caseloads["cases"], caseloads["records"]
    stored = server_changes(server)
    attempts = {
        "into another team's case": person_change(record_type, cases["zoe"]),
        "into a case that does not exist": person_change(record_type, str(uuid.uuid4())),
        "with no case": person_change(record_type, _NO_CASE),
        "with a case id that is no text": person_change(record_type, ["x", cases["anna"]]),
        "with a null case id": person_change(record_type, None),
        "over another team's record, naming no case": person_change(
            record_type, _NO_CASE, records[("zoe", record_type)], created=False
        ),
        "over another team's record, naming an own case": person_change(
            record_type, cases["anna"], records[("zoe", record_type)], created=False
        ),
        "an own record moved into another team's case": person_change(
            record_type, cases["zoe"], records[("anna", record_type)], created=False
        ),
        "an own record moved into another own case": person_change(
            record_type, cases["anna-2"], records[("anna", record_type)], created=False
        ),
        "an own record whose case id is cleared": person_change(
            record_type, None, records[("anna", record_type)], created=False
        ),
    }
    answer = push(server, anna, *attempts.values())

    refused = reasons(answer)
    assert answer["accepted"] == []
    for what, change in attempts.items():
        assert change["change_id"] in refused, what
        reason = refused[change["change_id"]]
        # A case id that is no id (a list, null, left out) fails the wire schema first.
        assert reason in (
            "no access to this case",
            "record names no case",
            "a record cannot move to another case",
        ) or reason.startswith(("field case_id ", f"a created {record_type} lacks")), (
            what,
            reason,
        )
    assert server_changes(server) == stored
    # Nothing of it reaches zoe, and anna still sees none of zoe's case.
    zoe_pull = httpx.post(
        f"{server.url}/v1/pull", headers=auth(caseloads["tokens"]["zoe"]), json={"cursor": 0}
    ).json()
    assert not {c["change_id"] for c in zoe_pull["changes"]} & set(refused)
    anna_pull = httpx.post(f"{server.url}/v1/pull", headers=auth(anna), json={"cursor": 0})
    assert cases["zoe"] not in anna_pull.text
    assert records[("zoe", record_type)] not in anna_pull.text


@pytest.mark.parametrize("record_type", NEW_RECORD_TYPES)
def test_a_reader_of_the_team_cannot_write_people_or_closings(
    server: Any, caseloads: dict[str, Any], record_type: str
) -> None:
    gert = caseloads["tokens"]["gert"]
    cases, records = caseloads["cases"], caseloads["records"]
    new = person_change(record_type, cases["anna"])
    edit = person_change(record_type, cases["anna"], records[("anna", record_type)], False)
    answer = push(server, gert, new, edit)
    assert answer["accepted"] == []
    assert set(reasons(answer).values()) == {"no access to this case"}


def test_a_move_later_in_the_same_batch_is_refused(server: Any, caseloads: dict[str, Any]) -> None:
    """A laptop creates a child in its own case and, in the same push, moves it into
    another team's case: the first is kept, the move is not."""
    anna = caseloads["tokens"]["anna"]
    cases = caseloads["cases"]
    created = person_change("household_member", cases["anna"])
    moved = person_change("household_member", cases["zoe"], created["record_id"], False)
    answer = push(server, anna, created, moved)
    assert answer["accepted"] == [created["change_id"]]
    assert reasons(answer) == {moved["change_id"]: "a record cannot move to another case"}
