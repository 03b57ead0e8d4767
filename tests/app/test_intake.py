"""Aanmelding and intake as a worker does it: one new client with household, the person the
danger comes from, partners and a first screening, on a real vault; bad input writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from app.case import Address, Case
from app.casework import Casework, new_id
from app.errors import ValidationError
from app.intake import Intake, register_case, remove_person, save_person
from app.people import DangerPerson, HouseholdMember, InvolvedPartner, derive_initials
from app.screening import RiskScreening
from app.vocabulary import (
    CaseStatus,
    DangerRelation,
    LocationCode,
    PartnerKind,
    RiskSituation,
)
from storage import access_log, journal
from storage.vault import Vault

CLIENT = "Noor van Verstopt"


def table_counts(vault: Vault) -> dict[str, int]:
    """Rows in every table of the vault (journal and access log included)."""
    tables = [
        row[0]
        for row in vault.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: vault.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def aanmelding(casework: Casework, **changes) -> Case:
    """A new client as the intake form builds it: no start date yet, initials left empty."""
    fields = {
        "id": new_id(),
        "display_name": CLIENT,
        "initials": "",
        "programme_id": "moviera_wijk",
        "phase_id": "analyse",
        "start_date": None,
        "worker": "tester",
        "status": CaseStatus.AANMELDING,
        "birth_year": 1990,
        "registered_on": casework.today() - timedelta(days=3),
        "address": Address("Havikstraat", "12", "3512 AB", "Beekhoven"),
        "phone": "06-12345678",
    }
    return Case(**{**fields, **changes})


def full_intake(casework: Casework, case: Case | None = None, **changes) -> Intake:
    """The whole intake of one household: two adults, two children, the ex-partner the danger
    comes from, two partners and a first screening (situatie 2, code groen)."""
    case = case or aanmelding(casework)
    cid = case.id
    fields = {
        "case": case,
        "members": (
            HouseholdMember(new_id(), cid, CLIENT, False, 1990, "cliënt"),
            HouseholdMember(new_id(), cid, "Oma Verstopt", False, 1960, "oma"),
            HouseholdMember(new_id(), cid, "Sem", True, 2015, school="De Klimop"),
            HouseholdMember(new_id(), cid, "Lotte", True, 2019, safety_concerns="slaapt slecht"),
        ),
        "danger_persons": (
            DangerPerson(
                new_id(),
                cid,
                "Kees Dreigers",
                DangerRelation.EX_PARTNER,
                huisverbod_from=casework.today() - timedelta(days=10),
                huisverbod_until=casework.today() + timedelta(days=18),
                omgangsregeling="Begeleide omgang via het buurtteam.",
            ),
        ),
        "partners": (
            InvolvedPartner(new_id(), cid, PartnerKind.VEILIG_THUIS, "Veilig Thuis regio"),
            InvolvedPartner(new_id(), cid, PartnerKind.SCHOOL, "De Klimop", "juf Anna"),
        ),
        "screening": RiskScreening(
            new_id(),
            cid,
            casework.today() - timedelta(days=2),
            "tester",
            RiskSituation.GERINGE_DREIGING,
            LocationCode.GROEN,
        ),
    }
    return Intake(**{**fields, **changes})


def test_initials_follow_dutch_forms() -> None:
    assert derive_initials(CLIENT) == "N.v.V."
    assert derive_initials("Fatima el-Amrani") == "F.E.A."
    assert derive_initials("Jan de Boer-van der Berg") == "J.d.B.v.d.B."


def test_intake_creates_the_whole_case_journaled_and_logged(casework: Casework) -> None:
    intake = full_intake(casework)
    before = journal.entries(casework.vault.db)
    case_id = register_case(casework, intake)

    case_file = casework.open_case(case_id)
    case = case_file.case
    assert case.initials == "N.v.V."
    assert case.status is CaseStatus.AANMELDING and case.start_date is None
    assert case.registered_on == casework.today() - timedelta(days=3)
    assert [m.name for m in case_file.household.adults] == ["Oma Verstopt", CLIENT]
    assert [c.name for c in case_file.household.children] == ["Sem", "Lotte"]
    assert case_file.household.children[0].school == "De Klimop"
    assert [d.name for d in case_file.danger_persons] == ["Kees Dreigers"]
    assert case_file.danger_persons[0].orders_in_force(casework.today()) == ["huisverbod"]
    assert {p.organisation for p in case_file.partners} == {"De Klimop", "Veilig Thuis regio"}
    assert case_file.latest_screening is not None
    assert case_file.latest_screening.situation is RiskSituation.GERINGE_DREIGING

    # Every record is journaled (so it syncs) and its creation access-logged.
    records = {
        ("case", case_id),
        *(("household_member", m.id) for m in intake.members),
        *(("danger_person", d.id) for d in intake.danger_persons),
        *(("case_partner", p.id) for p in intake.partners),
        ("screening", intake.screening.id),  # type: ignore[union-attr]
    }
    new = journal.entries(casework.vault.db)[len(before) :]
    assert {(e.record_type, e.record_id) for e in new} == records
    assert all(e.field == journal.ALL_FIELDS for e in new)
    created = {
        (e.record_type, e.record_id) for e in access_log.entries(casework.vault.db, action="create")
    }
    assert records <= created
    reads = access_log.entries(casework.vault.db, record_id=case_id, action="read")
    assert len(reads) == 1 and reads[0].actor == "tester"


def test_intake_is_one_transaction(casework: Casework) -> None:
    """A failure late in the intake (the last person clashes with a stored id) undoes the
    case and the people written before it."""
    other = register_case(casework, full_intake(casework, aanmelding(casework)))
    taken = casework.open_case(other).partners[0]
    case = aanmelding(casework, display_name="Ilse Tweede")
    intake = full_intake(casework, case)
    clash = replace(taken, case_id=case.id)  # the same id as a partner of the other case
    before = table_counts(casework.vault)
    with pytest.raises(ValueError):
        register_case(casework, replace(intake, partners=(*intake.partners, clash)))
    assert table_counts(casework.vault) == before
    assert not casework.store.rows("case", "id = ?", [case.id])


def test_setting_a_start_date_makes_the_aanmelding_actief(casework: Casework) -> None:
    case_id = register_case(casework, full_intake(casework))
    case = casework.get_case(case_id)
    assert case.status is CaseStatus.AANMELDING
    changed = casework.update_case(replace(case, start_date=casework.today()))
    assert set(changed) == {"start_date", "status"}
    started = casework.get_case(case_id)
    assert started.status is CaseStatus.ACTIEF and started.start_date == casework.today()
    assert started.registered_on == casework.today() - timedelta(days=3)
    updates = access_log.entries(casework.vault.db, record_id=case_id, action="update")
    assert updates[-1].detail == "start_date,status"


def test_an_intake_with_a_start_date_is_actief_at_once(casework: Casework) -> None:
    case = aanmelding(casework, start_date=casework.today(), status=CaseStatus.AANMELDING)
    case_id = register_case(casework, full_intake(casework, case))
    assert casework.get_case(case_id).status is CaseStatus.ACTIEF


def test_given_initials_are_kept(casework: Casework) -> None:
    case_id = register_case(casework, full_intake(casework, aanmelding(casework, initials="NV")))
    assert casework.get_case(case_id).initials == "NV"


def _refused(casework: Casework, build, field_nl: str) -> None:  # type: ignore[no-untyped-def]
    """`build()` makes and registers an intake; it must fail with a Dutch message containing
    `field_nl`, an English one, and leave every table as it was."""
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        build()
    assert field_nl in info.value.message_nl
    assert str(info.value) and str(info.value) != info.value.message_nl
    assert table_counts(casework.vault) == before


def test_bad_intakes_are_refused_and_write_nothing(casework: Casework) -> None:
    today = casework.today()
    register_case(casework, full_intake(casework))  # something in the vault already

    def with_case(**changes):  # type: ignore[no-untyped-def]
        return lambda: register_case(
            casework, full_intake(casework, aanmelding(casework, **changes))
        )

    _refused(casework, with_case(display_name=""), "naam van de cliënt")
    _refused(casework, with_case(display_name="   "), "naam van de cliënt")
    _refused(casework, with_case(birth_year=today.year + 1), "toekomst")
    _refused(casework, with_case(birth_year=1899), "1900")
    _refused(casework, with_case(phase_id="fase_x"), "hoort niet bij het programma")
    _refused(casework, with_case(programme_id="bestaat_niet"), "Onbekend programma")
    _refused(
        casework,
        with_case(start_date=today - timedelta(days=5), registered_on=today - timedelta(days=3)),
        "vóór de aanmeldingsdatum",
    )
    _refused(casework, with_case(registered_on=today + timedelta(days=1)), "toekomst")

    def with_child(birth_year: int):  # type: ignore[no-untyped-def]
        def build():  # type: ignore[no-untyped-def]
            intake = full_intake(casework)
            child = HouseholdMember(new_id(), intake.case.id, "Jonah", True, birth_year)
            return register_case(casework, replace(intake, members=(*intake.members, child)))

        return build

    _refused(casework, with_child(2001), "minder dan 12 jaar")  # client born 1990
    _refused(casework, with_child(today.year + 1), "toekomst")
    _refused(casework, with_child(1850), "1900")


def test_a_person_of_another_case_is_refused(casework: Casework) -> None:
    before = table_counts(casework.vault)
    intake = full_intake(casework)
    stray = InvolvedPartner(new_id(), new_id(), PartnerKind.GGZ, "GGZ Oost")
    with pytest.raises(ValidationError):
        register_case(casework, replace(intake, partners=(stray,)))
    stray_screening = replace(intake.screening, case_id=new_id())  # type: ignore[type-var]
    with pytest.raises(ValidationError):
        register_case(casework, replace(intake, screening=stray_screening))
    assert table_counts(casework.vault) == before


def test_a_screening_of_another_case_never_lands_there(casework: Casework) -> None:
    """An intake whose screening names an existing case must not add it to that case."""
    first = register_case(casework, full_intake(casework))
    intake = full_intake(casework, aanmelding(casework, display_name="Ilse Tweede"))
    wrong = replace(intake.screening, case_id=first)  # type: ignore[type-var]
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError):
        register_case(casework, replace(intake, screening=wrong))
    assert table_counts(casework.vault) == before
    assert len(casework.case_file(first).screenings) == 1


def test_people_are_edited_per_field_and_removed(casework: Casework) -> None:
    intake = full_intake(casework)
    case_id = register_case(casework, intake)
    sem = intake.members[2]
    assert save_person(casework, replace(sem, school="De Regenboog")) == ["school"]
    assert save_person(casework, replace(sem, school="De Regenboog")) == []
    added = HouseholdMember(new_id(), case_id, "Mila", True, 2021)
    assert save_person(casework, added) == ["*"]
    other = register_case(casework, full_intake(casework))
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as info:
        save_person(casework, replace(sem, birth_year=1995))
    assert "12 jaar" in info.value.message_nl
    with pytest.raises(ValidationError):
        save_person(casework, replace(sem, case_id=other))
    assert table_counts(casework.vault) == before
    remove_person(casework, intake.members[1])
    case_file = casework.case_file(case_id)
    assert [m.name for m in case_file.household.adults] == [CLIENT]
    assert {c.name: c.school for c in case_file.household.children} == {
        "Sem": "De Regenboog",
        "Lotte": "",
        "Mila": "",
    }
    deleted = journal.entries(casework.vault.db)[-1]
    assert (deleted.record_id, deleted.field, deleted.value) == (intake.members[1].id, "deleted", 1)
