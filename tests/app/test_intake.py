"""Aanmelding and intake as a worker does it: one new client with household, the person the
danger comes from, partners and a first screening, on a real vault; bad input writes nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.case import Address, Case
from app.caseload import caseload
from app.casework import Casework, new_id
from app.errors import ValidationError
from app.intake import Intake, register_case, remove_person, save_person
from app.people import DangerPerson, HouseholdMember, InvolvedPartner, derive_initials
from app.screening import ContraIndicated, ContraIndication, RiskScreening
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
    assert derive_initials("Noor (Nina) 'Verstopt'") == "N.N.V."
    assert derive_initials("Anna ter Horst") == "A.t.H."


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
    assert set(changed) == {"start_date", "status", "phase_history"}
    started = casework.get_case(case_id)
    assert started.status is CaseStatus.ACTIEF and started.start_date == casework.today()
    assert started.registered_on == casework.today() - timedelta(days=3)
    # The first phase begins with the start, not with the aanmelding.
    assert [e.since for e in started.phase_history] == [casework.today()]
    updates = access_log.entries(casework.vault.db, record_id=case_id, action="update")
    assert updates[-1].detail == "phase_history,start_date,status"


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


# --- contra-indications ------------------------------------------------------------------


def tab_intake(casework: Casework, situation: RiskSituation, **screening) -> Intake:
    case = aanmelding(casework, programme_id="take_a_break", phase_id="veiligheid")
    intake = full_intake(casework, case)
    return replace(
        intake,
        screening=replace(intake.screening, situation=situation, **screening),  # type: ignore[type-var]
    )


def test_take_a_break_at_situatie_4_is_flagged_and_nothing_written(casework: Casework) -> None:
    before = table_counts(casework.vault)
    with pytest.raises(ContraIndicated) as info:
        register_case(casework, tab_intake(casework, RiskSituation.ACUUT_GEVAAR))
    assert info.value.found == [ContraIndication.TAB_NOT_SITUATION_3]
    assert "Take a Break is bedoeld voor situatie 3." in info.value.message_nl
    assert "Geef een reden" in info.value.message_nl
    assert "Take a Break is meant for situation 3" in str(info.value)
    assert table_counts(casework.vault) == before


def test_going_on_with_a_reason_stores_it_on_the_screening(casework: Casework) -> None:
    reason = "Gezin wil juist nu een time-out; Veilig Thuis is betrokken."
    intake = tab_intake(casework, RiskSituation.ACUUT_GEVAAR, contra_reason=reason)
    case_id = register_case(casework, intake)
    stored = casework.open_case(case_id).latest_screening
    assert stored is not None
    assert stored.contra_indications == (ContraIndication.TAB_NOT_SITUATION_3,)
    assert stored.contra_reason == reason
    # The codes travel in the journal too (another laptop sees why the worker went on).
    created = next(
        e
        for e in journal.entries(casework.vault.db)
        if e.record_id == intake.screening.id  # type: ignore[union-attr]
    )
    assert json.loads(created.value["contra_indications"]) == ["tab_niet_situatie_3"]


def test_take_a_break_is_not_for_trafficking_or_honour_based_violence(
    casework: Casework,
) -> None:
    case_id = register_case(casework, tab_intake(casework, RiskSituation.ERNSTIGE_DREIGING))
    fine = casework.open_case(case_id).latest_screening
    assert fine is not None and fine.contra_indications == () and fine.contra_reason == ""
    today = casework.today()
    for flags, found in (
        ({"human_trafficking": True}, [ContraIndication.TAB_TRAFFICKING]),
        ({"honour_based": True}, [ContraIndication.TAB_HONOUR_BASED]),
        (
            {"human_trafficking": True, "honour_based": True},
            [ContraIndication.TAB_TRAFFICKING, ContraIndication.TAB_HONOUR_BASED],
        ),
    ):
        screening = RiskScreening(
            new_id(), case_id, today, "tester", RiskSituation.ERNSTIGE_DREIGING, **flags
        )
        before = table_counts(casework.vault)
        with pytest.raises(ContraIndicated) as info:
            casework.add_screening(screening)
        assert info.value.found == found
        for code in found:
            assert code.message_nl in info.value.message_nl
            assert code.message_en in str(info.value)
        assert table_counts(casework.vault) == before
    assert "mensenhandel" in ContraIndication.TAB_TRAFFICKING.message_nl
    assert "eergerelateerd" in ContraIndication.TAB_HONOUR_BASED.message_nl


def test_moviera_with_code_rood_is_flagged(casework: Casework) -> None:
    intake = full_intake(casework)
    rood = replace(intake.screening, location_code=LocationCode.ROOD)  # type: ignore[type-var]
    before = table_counts(casework.vault)
    with pytest.raises(ContraIndicated) as info:
        register_case(casework, replace(intake, screening=rood))
    assert info.value.found == [ContraIndication.MOVIERA_CODE_ROOD]
    assert "code rood" in info.value.message_nl and "code rood" in str(info.value)
    assert table_counts(casework.vault) == before
    # Code rood is no contra-indication for the other programmes.
    ambulant = aanmelding(casework, programme_id="ambulant", phase_id="begeleiding")
    other = full_intake(casework, ambulant)
    register_case(casework, replace(other, screening=replace(rood, case_id=ambulant.id)))


def test_code_oranje_or_rood_makes_the_address_secret(casework: Casework) -> None:
    """The intake form and the CSV import both end in register_case: a screening with code
    oranje or rood keeps the address secret from the first moment."""
    for code, secret in ((LocationCode.GROEN, False), (LocationCode.ORANJE, True)):
        intake = full_intake(casework)
        screening = replace(intake.screening, location_code=code)  # type: ignore[type-var]
        case_id = register_case(casework, replace(intake, screening=screening))
        assert casework.get_case(case_id).secret_address is secret


def test_the_latest_screening_drives_the_risk_badge(casework: Casework) -> None:
    case_id = register_case(casework, full_intake(casework))  # situatie 2, two days ago
    today = casework.today()

    def badge() -> RiskSituation | None:
        rows = caseload(casework.vault.db, casework.programmes(), today)
        return next(r.risk for r in rows if r.case_id == case_id)

    def screen(on: date, situation: RiskSituation) -> None:
        casework.add_screening(RiskScreening(new_id(), case_id, on, "tester", situation))

    assert badge() is RiskSituation.GERINGE_DREIGING
    screen(today, RiskSituation.ACUUT_GEVAAR)
    assert badge() is RiskSituation.ACUUT_GEVAAR
    # An older screening entered afterwards does not replace the latest one.
    screen(today - timedelta(days=30), RiskSituation.GEEN_DREIGING)
    assert badge() is RiskSituation.ACUUT_GEVAAR
    # A second screening on the same day (the situation calmed down by the afternoon): the
    # one written last is the latest, in the caseload and in the case file alike.
    screen(today, RiskSituation.ERNSTIGE_DREIGING)
    assert badge() is RiskSituation.ERNSTIGE_DREIGING
    latest = casework.open_case(case_id).latest_screening
    assert latest is not None and latest.situation is RiskSituation.ERNSTIGE_DREIGING
