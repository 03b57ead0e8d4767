"""Importing an existing caseload from CSV, on a real vault: a clean file becomes cases (with
their children and first screening) in one go; any bad row refuses the whole file, names the
row and the column, and writes nothing."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.caseload import CaseloadRow, caseload
from app.casework import Casework
from app.imports import (
    COLUMN_DOCS,
    COLUMNS,
    MAX_ROWS,
    ImportRefused,
    import_cases,
    parse_date,
    plan_import,
    plan_rows,
    template_header,
)
from app.intake import Intake, register_case
from app.rules import local_date
from app.screening import ContraIndication
from app.vocabulary import CaseStatus, ContactKind, ContactStatus, LocationCode, RiskSituation

BOM = "\ufeff"
ROOT = Path(__file__).resolve().parents[2]


def csv_bytes(rows: list[list[str]], delimiter: str = ";", bom: bool = True) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ((BOM if bom else "") + out.getvalue()).encode("utf-8")


def write(tmp_path: Path, rows: list[list[str]], **options) -> Path:
    path = tmp_path / "caseload.csv"
    path.write_bytes(csv_bytes(rows, **options))
    return path


def counts(casework: Casework) -> tuple[int, ...]:
    db = casework.vault.db
    return tuple(
        db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("cases", "household_members", "screenings", "journal")
    )


def refused(casework: Casework, rows: list[list[str]], tmp_path: Path) -> ImportRefused:
    """Plan the file, expect a refusal, and check that nothing was written."""
    before = counts(casework)
    with pytest.raises(ImportRefused) as caught:
        plan_import(casework, write(tmp_path, rows))
    assert counts(casework) == before
    return caught.value


HEADER = ["naam", "programma", "startdatum", "geboortejaar", "fase", "kinderen"]


def test_good_file_with_bom_semicolons_and_dutch_dates_creates_the_cases(
    casework: Casework, tmp_path: Path
) -> None:
    rows = [
        ["Naam", "Programma", "Startdatum", "Aanmeldingsdatum", "Geboortejaar", "Kinderen",
         "Situatie", "Locatiecode", "Straat", "Huisnummer", "Postcode", "Plaats", "Fase",
         "Fase sinds", "Telefoon", "Mag bellen", "Codewoord", "Tolk"],
        ["Fleur van Zanddorp", "Moviera in de wijk", "1-9-2026", "", "1990",
         "Sam 2016; Lina 2019", "3", "oranje", "Lindelaan", "4", "1234ab", "Beekhoven", "", "",
         "+31 6 1234 5678", "nee", "zonnebloem", "ja"],
        ["Iris Bakkerveld", "moviera_wijk", "01-06-2026", "15-05-2026", "1984", "", "", "", "",
         "", "", "", "Fase 2: uitproberen", "01-10-2026", "", "", "", ""],
        ["Roos Wilgenhof", "AMBULANT", "", "03-11-2026", "", "", "", "", "", "", "", "", "",
         "", "", "", "", ""],
    ]  # fmt: skip
    path = write(tmp_path, rows)
    assert path.read_bytes().startswith(BOM.encode("utf-8"))
    before = counts(casework)

    plan = plan_import(casework, path)
    assert plan.count == 3 and plan.source == "caseload.csv"
    assert plan.names == ["Fleur van Zanddorp", "Iris Bakkerveld", "Roos Wilgenhof"]
    assert plan.per_programme() == {"Moviera in de wijk": 2, "Ambulante begeleiding": 1}
    assert counts(casework) == before  # a plan writes nothing

    result = import_cases(casework, plan)
    assert result.count == 3
    cases = {c.display_name: c for c in casework.cases()}
    fleur = cases["Fleur van Zanddorp"]
    assert fleur.start_date == date(2026, 9, 1) and fleur.status is CaseStatus.ACTIEF
    assert fleur.initials == "F.v.Z."  # derived, as in the intake form
    assert fleur.phase_id == "analyse"  # the programme's first phase
    assert fleur.worker == "tester"  # the vault's owner
    assert fleur.secret_address  # code oranje: secret by default
    assert fleur.address is not None and fleur.address.postcode == "1234 AB"
    assert fleur.phone == "+31 6 1234 5678"
    assert not fleur.safe_contact.may_call and fleur.safe_contact.code_word == "zonnebloem"
    assert fleur.interpreter_needed
    file = casework.case_file(fleur.id)
    assert [(c.name, c.birth_year) for c in file.household.children] == [
        ("Sam", 2016),
        ("Lina", 2019),
    ]
    screening = file.latest_screening
    assert screening is not None
    assert screening.situation is RiskSituation.ERNSTIGE_DREIGING
    assert screening.location_code is LocationCode.ORANJE
    assert screening.screened_on == date(2026, 9, 1) and screening.screened_by == "tester"

    iris = cases["Iris Bakkerveld"]
    assert iris.phase_id == "uitproberen" and iris.registered_on == date(2026, 5, 15)
    assert iris.phase_history[-1].since == date(2026, 10, 1)
    assert not iris.secret_address
    roos = cases["Roos Wilgenhof"]
    assert roos.status is CaseStatus.AANMELDING and roos.start_date is None
    assert roos.programme_id == "ambulant" and roos.registered_on == date(2026, 11, 3)

    after = counts(casework)
    assert after[:3] == (before[0] + 3, before[1] + 2, before[2] + 1)
    assert after[3] > before[3]  # journaled: the new cases sync


def test_comma_file_without_bom_and_iso_dates(casework: Casework, tmp_path: Path) -> None:
    rows = [
        ["naam", "programma", "startdatum", "kinderen"],
        ["Mila Dijkstraat", "Take a Break", "2026-11-02", "Noah 2018, Eva 2020"],
    ]
    plan = plan_import(casework, write(tmp_path, rows, delimiter=",", bom=False))
    import_cases(casework, plan)
    (case,) = casework.cases()
    assert case.programme_id == "take_a_break" and case.start_date == date(2026, 11, 2)
    assert len(casework.case_file(case.id).household.children) == 2


def test_template_header_with_only_the_required_columns_filled_in(
    casework: Casework, tmp_path: Path
) -> None:
    header = template_header().split(";")
    assert header == [column.name for column in COLUMNS]
    row = {name: "" for name in header}
    row.update(naam="Sanne Linde", programma="ambulant", startdatum="12-10-2026")
    path = tmp_path / "template.csv"
    path.write_text(template_header() + "\n" + ";".join(row[n] for n in header) + "\n")
    plan = plan_import(casework, path)
    import_cases(casework, plan)
    (case,) = casework.cases()
    assert case.display_name == "Sanne Linde" and case.initials == "S.L."
    assert case.phase_id == "begeleiding" and not case.secret_address
    assert casework.case_file(case.id).screenings == []
    # Every required column is in the template; the comma form of the header works too.
    assert {c.name for c in COLUMNS if c.required} == {"naam", "programma", "startdatum"}
    assert template_header(",").split(",") == header


def test_every_column_is_documented_in_docs_import_md() -> None:
    text = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    missing = [c.name for c in COLUMNS if f"`{c.name}`" not in text]
    assert missing == []


def test_missing_required_column_is_named(casework: Casework, tmp_path: Path) -> None:
    error = refused(
        casework, [["naam", "startdatum"], ["Fleur van Zanddorp", "01-09-2026"]], tmp_path
    )
    assert [(p.row, p.column) for p in error.problems] == [(1, "programma")]
    assert error.problems[0].text_en == "row 1, column 'programma': this required column is missing"
    assert error.problems[0].text_nl == "Rij 1, kolom 'programma': Deze verplichte kolom ontbreekt."


def test_unknown_columns_are_named(casework: Casework, tmp_path: Path) -> None:
    error = refused(
        casework,
        [["naam", "programma", "startdatum", "BSN", "Dossier nr"],
         ["Fleur van Zanddorp", "ambulant", "01-09-2026", "", ""]],
        tmp_path,
    )  # fmt: skip
    (problem,) = error.problems
    assert "'BSN', 'Dossier nr'" in problem.text_en and problem.row == 1


@pytest.mark.parametrize("bad", ["31-02-2026", "1-9-26", "september 2026", "2026-9-1", "01-09"])
def test_bad_date_names_row_and_column(casework: Casework, tmp_path: Path, bad: str) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "ambulant", "01-09-2026", "", "", ""],
            ["Iris Bakkerveld", "ambulant", bad, "", "", ""]]  # fmt: skip
    (problem,) = refused(casework, rows, tmp_path).problems
    assert problem.text_en == "row 3, column 'startdatum': not a date (use dd-mm-yyyy)"
    assert problem.text_nl == "Rij 3, kolom 'startdatum': Geen datum; gebruik dd-mm-jjjj."


def test_dates_in_every_documented_form() -> None:
    assert parse_date("01-09-2026") == parse_date("1-9-2026") == date(2026, 9, 1)
    assert parse_date("2026-09-01") == parse_date("1/9/2026") == date(2026, 9, 1)
    assert parse_date("09-01-2026") == date(2026, 1, 9)  # day first, the Dutch way
    assert parse_date("1-9/2026") is None and parse_date("") is None


def test_duplicate_row_in_the_file(casework: Casework, tmp_path: Path) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "ambulant", "01-09-2026", "1990", "", ""],
            ["Iris Bakkerveld", "ambulant", "01-09-2026", "1990", "", ""],
            ["fleur  van zanddorp", "moviera_wijk", "1-9-2026", "1990", "", ""]]  # fmt: skip
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (4, "naam")
    assert "same client" in problem.message_en and "row 2" in problem.message_en


def test_a_case_already_in_the_vault_is_a_duplicate(casework: Casework, tmp_path: Path) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "ambulant", "01-09-2026", "1990", "", ""]]
    import_cases(casework, plan_import(casework, write(tmp_path, rows)))
    rows.append(["Iris Bakkerveld", "ambulant", "01-09-2026", "", "", ""])
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (2, "naam")
    assert problem.message_nl == "Er staat al een casus met deze naam en startdatum in Koers."
    assert len(casework.cases()) == 1


def test_a_case_that_arrives_between_plan_and_import_refuses_the_import(
    casework: Casework, tmp_path: Path
) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "ambulant", "01-09-2026", "", "", ""],
            ["Iris Bakkerveld", "ambulant", "01-09-2026", "", "", ""]]  # fmt: skip
    plan = plan_import(casework, write(tmp_path, rows))
    other = plan_import(casework, write(tmp_path, rows[:1] + rows[2:]))
    import_cases(casework, other)  # e.g. a sync brought Iris meanwhile
    before = counts(casework)
    with pytest.raises(ImportRefused) as caught:
        import_cases(casework, plan)
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "naam")]
    assert counts(casework) == before


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://x","y")', "+SUM(A1:A2)", "-2+3", "@cmd", " =1+1", "\t=1+1"],
)
def test_formula_cell_is_refused(casework: Casework, tmp_path: Path, cell: str) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "ambulant", "01-09-2026", "", "", ""],
            [cell, "ambulant", "01-09-2026", "", "", ""]]  # fmt: skip
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (3, "naam")
    assert cell not in problem.text_en and cell not in problem.text_nl


def test_formula_in_a_phone_cell_is_refused_but_an_international_number_is_not(
    casework: Casework, tmp_path: Path
) -> None:
    header = ["naam", "programma", "startdatum", "telefoon"]
    formula = '=HYPERLINK("http://x","y")'
    rows = [header, ["Fleur van Zanddorp", "ambulant", "01-09-2026", "+31 6 1234 5678"],
            ["Iris Bakkerveld", "ambulant", "01-09-2026", formula]]  # fmt: skip
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (3, "telefoon")
    plan = plan_import(casework, write(tmp_path, rows[:2]))
    assert plan.cases[0].intake.case.phone == "+31 6 1234 5678"


def test_control_characters_are_refused(casework: Casework, tmp_path: Path) -> None:
    rows = [HEADER, ["Fleur\x07 van Zanddorp", "ambulant", "01-09-2026", "", "", ""],
            ["Iris\nBakkerveld", "ambulant", "01-09-2026", "", "", ""]]  # fmt: skip
    problems = refused(casework, rows, tmp_path).problems
    assert [(p.row, p.column) for p in problems] == [(2, "naam"), (3, "naam")]
    assert all("control character" in p.message_en for p in problems)


def test_more_than_5000_rows_is_refused(casework: Casework, tmp_path: Path) -> None:
    rows = [HEADER] + [
        [f"Cliënt {i}", "ambulant", "01-09-2026", "", "", ""] for i in range(MAX_ROWS + 1)
    ]
    (problem,) = refused(casework, rows, tmp_path).problems
    assert problem.row is None and "more than 5000 rows" in problem.message_en
    assert "meer dan 5000 rijen" in problem.message_nl


def test_5000_rows_are_accepted(casework: Casework) -> None:
    rows = [HEADER] + [
        [f"Cliënt {i}", "ambulant", "01-09-2026", "", "", ""] for i in range(MAX_ROWS)
    ]
    assert plan_rows(casework, csv_bytes(rows)).count == MAX_ROWS


def test_unknown_programme(casework: Casework, tmp_path: Path) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "Moviera", "01-09-2026", "", "", ""]]
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (2, "programma")
    assert "take_a_break (Take a Break)" in problem.message_en
    assert problem.message_nl.startswith("Onbekend programma.")


def test_phase_not_in_the_programme(casework: Casework, tmp_path: Path) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "take_a_break", "01-09-2026", "", "transitie", ""]]
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (2, "fase")
    assert problem.message_nl.startswith("Deze fase hoort niet bij Take a Break")


@pytest.mark.parametrize(("year", "dutch"), [("2027", "toekomst"), ("1850", "1900")])
def test_birth_year_in_the_future_or_before_1900(
    casework: Casework, tmp_path: Path, year: str, dutch: str
) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "ambulant", "01-09-2026", year, "", ""]]
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (2, "geboortejaar")
    assert dutch in problem.message_nl


def test_child_born_less_than_12_years_after_the_client(casework: Casework, tmp_path: Path) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "ambulant", "01-09-2026", "2005", "", "Sam 2016"]]
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (2, "kinderen")
    assert "minder dan 12 jaar" in problem.message_nl


def test_child_without_a_birth_year(casework: Casework, tmp_path: Path) -> None:
    rows = [HEADER, ["Fleur van Zanddorp", "ambulant", "01-09-2026", "1990", "", "Sam; Lina"]]
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (2, "kinderen")


def test_contra_indication_needs_a_reason(casework: Casework, tmp_path: Path) -> None:
    header = ["naam", "programma", "startdatum", "situatie", "reden_contra_indicatie"]
    rows = [header, ["Fleur van Zanddorp", "Take a Break", "01-09-2026", "4", ""]]
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (2, "situatie")
    assert "Take a Break is bedoeld voor situatie 3." in problem.message_nl
    rows[1][-1] = "Gezin wil zelf time-out; afgestemd met Veilig Thuis"
    import_cases(casework, plan_import(casework, write(tmp_path, rows)))
    (case,) = casework.cases()
    screening = casework.case_file(case.id).latest_screening
    assert screening is not None
    assert screening.contra_indications == (ContraIndication.TAB_NOT_SITUATION_3,)
    assert screening.contra_reason.startswith("Gezin wil")


def test_every_bad_row_is_listed_and_a_good_row_is_not_written(
    casework: Casework, tmp_path: Path
) -> None:
    rows = [HEADER,
            ["Fleur van Zanddorp", "ambulant", "01-09-2026", "", "", ""],
            ["", "ambulant", "01-09-2026", "", "", ""],
            ["Iris Bakkerveld", "ambulant", "1-13-2026", "19x0", "", ""],
            ["Roos Wilgenhof", "nazorg", "01-09-2026", "", "", ""]]  # fmt: skip
    problems = refused(casework, rows, tmp_path).problems
    assert [(p.row, p.column) for p in problems] == [
        (3, "naam"),
        (4, "geboortejaar"),
        (4, "startdatum"),
    ]
    assert casework.cases() == []


def test_a_file_that_is_not_utf8_is_refused(casework: Casework, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("naam;programma;startdatum\nRenée Vos;ambulant;01-09-2026\n".encode("cp1252"))
    with pytest.raises(ImportRefused) as caught:
        plan_import(casework, path)
    assert "CSV UTF-8" in caught.value.message_nl
    assert casework.cases() == []


def test_an_empty_file_and_a_header_only_file_are_refused(
    casework: Casework, tmp_path: Path
) -> None:
    for content in (b"", b"naam;programma;startdatum\r\n"):
        path = tmp_path / "leeg.csv"
        path.write_bytes(content)
        with pytest.raises(ImportRefused):
            plan_import(casework, path)


def test_the_import_uses_the_intake_forms_rules(casework: Casework, tmp_path: Path) -> None:
    """A planned case is exactly what the intake form would register."""
    rows = [HEADER, ["Fleur van Zanddorp", "ambulant", "01-09-2026", "1990", "", "Sam 2016"]]
    plan = plan_import(casework, write(tmp_path, rows))
    intake = plan.intakes[0]
    assert isinstance(intake, Intake)
    case_id = register_case(casework, intake)
    assert casework.get_case(case_id).display_name == "Fleur van Zanddorp"


# --- may we call ------------------------------------------------------------------------------


def test_an_empty_mag_bellen_cell_means_we_may_not_call(casework: Casework, tmp_path: Path) -> None:
    """A call at the wrong moment can endanger a client: only a written "ja" says yes."""
    rows = [["naam", "programma", "startdatum", "mag_bellen"],
            ["Fleur van Zanddorp", "ambulant", "01-09-2026", ""],
            ["Iris Bakkerveld", "ambulant", "01-09-2026", "ja"],
            ["Roos Wilgenhof", "ambulant", "01-09-2026", "nee"]]  # fmt: skip
    import_cases(casework, plan_import(casework, write(tmp_path, rows)))
    may_call = {c.display_name: c.safe_contact.may_call for c in casework.cases()}
    assert may_call == {
        "Fleur van Zanddorp": False,
        "Iris Bakkerveld": True,
        "Roos Wilgenhof": False,
    }
    # Without the column at all: no either.
    rows = [["naam", "programma", "startdatum"], ["Noor Jansen", "ambulant", "01-09-2026"]]
    import_cases(casework, plan_import(casework, write(tmp_path, rows)))
    (noor,) = [c for c in casework.cases() if c.display_name == "Noor Jansen"]
    assert noor.safe_contact.may_call is False


def test_docs_say_an_empty_mag_bellen_cell_is_nee() -> None:
    text = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    (line,) = [line for line in text.splitlines() if line.startswith("| `mag_bellen` |")]
    assert line.rstrip(" |").endswith("nee")
    assert COLUMN_DOCS["mag_bellen"].nl.endswith("Leeg: nee.")


# --- the last contact before the move to Koers ------------------------------------------------

LAST = ["naam", "programma", "startdatum", "aanmeldingsdatum", "laatste_contact",
        "laatste_contact_soort"]  # fmt: skip


def due_rows(casework: Casework) -> dict[str, CaseloadRow]:
    rows = caseload(casework.vault.db, casework.programmes(), casework.today())
    return {row.display_name: row for row in rows}


def test_the_last_contact_is_recorded_and_next_due_counts_from_it(
    casework: Casework, tmp_path: Path
) -> None:
    rows = [LAST,
            ["Fleur van Zanddorp", "ambulant", "01-08-2026", "", "18-11-2026", ""],
            ["Iris Bakkerveld", "ambulant", "01-08-2026", "", "2026-11-20", "Telefoon"],
            ["Roos Wilgenhof", "ambulant", "01-08-2026", "", "", ""]]  # fmt: skip
    plan = plan_import(casework, write(tmp_path, rows))
    before = counts(casework)
    import_cases(casework, plan)
    cases = {c.display_name: c for c in casework.cases()}

    (fleur_contact,) = casework.case_file(cases["Fleur van Zanddorp"].id).contacts
    assert fleur_contact.status is ContactStatus.GEDAAN and fleur_contact.counts_as_contact
    assert fleur_contact.kind is ContactKind.HUISBEZOEK  # the default kind
    assert fleur_contact.brief
    assert fleur_contact.report == "Laatste contact vóór de overstap naar Koers (import)"
    assert local_date(fleur_contact.starts_at) == date(2026, 11, 18)
    (iris_contact,) = casework.case_file(cases["Iris Bakkerveld"].id).contacts
    assert iris_contact.kind is ContactKind.TELEFOON
    assert casework.case_file(cases["Roos Wilgenhof"].id).contacts == []

    due = due_rows(casework)  # weekly contact; today is 22-11-2026
    assert due["Fleur van Zanddorp"].last_contact_on == date(2026, 11, 18)
    assert due["Fleur van Zanddorp"].due.due_on == date(2026, 11, 25)
    assert due["Fleur van Zanddorp"].due.overdue_days == 0
    assert due["Iris Bakkerveld"].due.due_on == date(2026, 11, 27)
    assert due["Roos Wilgenhof"].due.overdue_days > 80  # no last contact: overdue at once
    contacts_journaled = casework.vault.db.execute(
        "SELECT count(DISTINCT record_id) FROM journal WHERE record_type = 'contact'"
    ).fetchone()[0]
    assert contacts_journaled == 2 and counts(casework)[0] == before[0] + 3


def test_an_aanmelding_may_have_a_last_contact_from_its_aanmelding_date(
    casework: Casework, tmp_path: Path
) -> None:
    rows = [LAST, ["Fleur van Zanddorp", "ambulant", "", "03-11-2026", "10-11-2026", "kantoor"]]
    import_cases(casework, plan_import(casework, write(tmp_path, rows)))
    (case,) = casework.cases()
    (contact,) = casework.case_file(case.id).contacts
    assert case.status is CaseStatus.AANMELDING and contact.kind is ContactKind.KANTOOR


@pytest.mark.parametrize(
    ("start", "registered", "last", "kind", "column", "english", "dutch"),
    [
        ("01-08-2026", "", "23-11-2026", "", "laatste_contact", "in the future",
         "Het laatste contact kan niet in de toekomst liggen."),
        ("01-08-2026", "", "31-07-2026", "", "laatste_contact", "before the start date",
         "Het laatste contact ligt vóór de startdatum."),
        ("", "03-11-2026", "02-11-2026", "", "laatste_contact", "before the aanmelding date",
         "Het laatste contact ligt vóór de aanmeldingsdatum."),
        ("01-08-2026", "", "18-11", "", "laatste_contact", "not a date",
         "Geen datum; gebruik dd-mm-jjjj."),
        ("01-08-2026", "", "18-11-2026", "niet verschenen", "laatste_contact_soort",
         "a no-show", "Een niet-verschenen afspraak is geen contact"),
        ("01-08-2026", "", "18-11-2026", "e-mail", "laatste_contact_soort",
         "use huisbezoek, kantoor", "Kies huisbezoek, kantoor"),
        ("01-08-2026", "", "", "telefoon", "laatste_contact_soort",
         "column 'laatste_contact'", "kolom 'laatste_contact'"),
    ],
)  # fmt: skip
def test_a_bad_last_contact_is_refused_by_its_column(
    casework: Casework,
    tmp_path: Path,
    start: str,
    registered: str,
    last: str,
    kind: str,
    column: str,
    english: str,
    dutch: str,
) -> None:
    rows = [LAST, ["Fleur van Zanddorp", "ambulant", start, registered, last, kind]]
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (2, column)
    assert english in problem.message_en and dutch in problem.message_nl
    assert not last or last not in problem.text_en  # a cell's content is never repeated


def test_a_last_contact_that_cannot_be_written_takes_its_case_back_out(
    casework: Casework, tmp_path: Path
) -> None:
    """The case and its last contact are created together: all or nothing."""
    rows = [LAST, ["Fleur van Zanddorp", "ambulant", "01-08-2026", "", "18-11-2026", ""],
            ["Iris Bakkerveld", "ambulant", "01-08-2026", "", "18-11-2026", ""]]  # fmt: skip
    plan = plan_import(casework, write(tmp_path, rows))
    iris = plan.cases[1]
    assert iris.last_contact is not None
    # E.g. the laptop's clock was put back between the check and the import.
    future = replace(iris.last_contact, starts_at=iris.last_contact.starts_at + timedelta(days=9))
    broken = replace(plan, cases=(plan.cases[0], replace(iris, last_contact=future)))
    before = counts(casework)
    with pytest.raises(ImportRefused) as caught:
        import_cases(casework, broken)
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "laatste_contact")]
    assert counts(casework) == before
    assert casework.vault.db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0


def test_the_template_and_docs_describe_the_last_contact_columns() -> None:
    header = template_header().split(";")
    assert {"laatste_contact", "laatste_contact_soort"} <= set(header)
    assert not COLUMN_DOCS["laatste_contact"].required
    assert "huisbezoek" in COLUMN_DOCS["laatste_contact_soort"].en


# --- rows that do not match the header --------------------------------------------------------


def test_a_row_with_more_cells_than_the_header_says_so(casework: Casework, tmp_path: Path) -> None:
    """An unquoted 'Sam 2016; Lina 2019' in a semicolon file splits into two cells: the row
    is named as one cell too long, not the columns its values slid into."""
    header = template_header().split(";")
    values = {name: "" for name in header}
    values.update(naam="Fleur van Zanddorp", programma="ambulant", startdatum="01-09-2026",
                  geboortejaar="1990", kinderen="Sam 2016; Lina 2019")  # fmt: skip
    path = tmp_path / "caseload.csv"
    path.write_text(
        ";".join(header) + "\n" + ";".join(values[n] for n in header) + "\n", encoding="utf-8"
    )
    before = counts(casework)
    with pytest.raises(ImportRefused) as caught:
        plan_import(casework, path)
    assert counts(casework) == before
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, None)
    assert problem.text_en == (
        f"row 2 has more cells than the header row ({len(header)} expected); a value "
        "containing ';' must be in double quotes"
    )
    assert problem.text_nl == (
        f"Rij 2 heeft meer cellen dan de kopregel ({len(header)} verwacht). Zet een waarde "
        "met ';' tussen dubbele aanhalingstekens."
    )


def test_a_row_with_fewer_cells_than_the_header_says_so(casework: Casework, tmp_path: Path) -> None:
    path = tmp_path / "caseload.csv"
    path.write_text(
        "naam,programma,startdatum,geboortejaar,fase\n"
        "Fleur van Zanddorp,ambulant,01-09-2026,1990,\n"
        "Iris Bakkerveld,ambulant,01-09-2026\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as caught:
        plan_import(casework, path)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (3, None)
    assert problem.text_en.startswith("row 3 has fewer cells than the header row (5 expected); ")
    assert "','" in problem.text_en and "','" in problem.text_nl
    assert problem.text_nl.startswith("Rij 3 heeft minder cellen dan de kopregel (5 verwacht).")


def test_a_trailing_separator_in_the_header_needs_none_in_the_rows(
    casework: Casework, tmp_path: Path
) -> None:
    path = tmp_path / "caseload.csv"
    path.write_text("naam;programma;startdatum;\nFleur van Zanddorp;ambulant;01-09-2026\n")
    assert plan_import(casework, path).count == 1


# --- duplicates name what was compared ---------------------------------------------------------


def test_an_aanmelding_imported_twice_names_the_aanmelding_date(
    casework: Casework, tmp_path: Path
) -> None:
    rows = [["naam", "programma", "aanmeldingsdatum"],
            ["Fleur van Zanddorp", "ambulant", "03-11-2026"]]  # fmt: skip
    import_cases(casework, plan_import(casework, write(tmp_path, rows)))
    (problem,) = refused(casework, rows, tmp_path).problems
    assert (problem.row, problem.column) == (2, "naam")
    assert problem.message_en == "a case with this name and aanmelding date is in the vault already"
    assert problem.message_nl == "Er staat al een casus met deze naam en aanmeldingsdatum in Koers."
    rows = [rows[0], ["Iris Bakkerveld", "ambulant", "03-11-2026"],
            ["iris bakkerveld", "moviera_wijk", "3-11-2026"]]  # fmt: skip
    (problem,) = refused(casework, rows, tmp_path).problems
    assert problem.row == 3
    assert "(name, birth year, aanmelding date) as row 2" in problem.message_en
    assert "(naam, geboortejaar, aanmeldingsdatum) als rij 2" in problem.message_nl
