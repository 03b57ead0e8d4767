"""A case with every kind of record and known, invented personal details, to look for in (and
prove absent from) the exports. Read PDFs with pypdf, as a recipient's reader would."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.case import Address, Case, SafeContact
from app.casework import Casework, new_id
from app.contact import Contact
from app.discussion import CaseDiscussion
from app.goals import Action, Goal
from app.handover import HandoverNote
from app.intake import Intake, register_case
from app.people import DangerPerson, HouseholdMember, InvolvedPartner
from app.rules import LOCAL_TZ
from app.safety import Breach, SafetyAgreement, SafetyPlan
from app.screening import RiskScreening
from app.synthetic import populate
from app.vocabulary import (
    Consent,
    ContactKind,
    DangerRelation,
    HandoverTarget,
    LifeDomain,
    LocationCode,
    PartnerKind,
    RiskSituation,
)
from app.zrm import ZrmAssessment

PDF_PASSWORD = "overdracht-wachtwoord-7"


@dataclass(frozen=True)
class KnownCase:
    """The invented details of one case; the exports are checked against them."""

    id: str
    name: str = "Zoë Brinkhuizen"
    initials: str = "Z.B."
    partner: str = "Raoul Terpstravelt"
    child: str = "Loïs Brinkhuizen"
    street: str = "Wilgenroosstraat"
    house_number: str = "17"
    postcode: str = "3512 QX"
    town: str = "Veldhoven-Zuid"
    phone: str = "06-48213957"
    partner_phone: str = "020-5557132"
    code_word: str = "kolibrie"
    plan_text: str = "Bij dreiging gaat Zoë met Loïs naar de buurvrouw."
    agreement: str = "Raoul komt niet zonder afspraak naar de woning."
    breach: str = "Stond onaangekondigd voor de deur."
    goal: str = "Ik wil mijn eigen rekening regelen."
    action: str = "Afspraak maken bij de schuldhulp."
    report: str = "Rustig gesprek; financiën en school besproken."
    handover: str = "Warme overdracht aan het buurtteam voorbereid met Zoë."
    partner_contact: str = "Marieke Oosterwold"
    question: str = "Hoe houden we Zoë veilig als Raoul de omgang via Loïs zoekt?"


def add_known_case(casework: Casework, secret: bool = True) -> KnownCase:
    today = casework.today()
    known = KnownCase(id=new_id())
    case = Case(
        id=known.id,
        display_name=known.name,
        initials=known.initials,
        programme_id="moviera_wijk",
        phase_id="transitie",
        start_date=today - timedelta(days=120),
        worker="tester",
        birth_year=1988,
        address=Address(known.street, known.house_number, known.postcode, known.town),
        secret_address=secret,
        phone=known.phone,
        safe_contact=SafeContact(True, "ochtend", "ophangen", known.code_word),
    )  # fmt: skip
    cid = known.id
    register_case(
        casework,
        Intake(
            case,
            members=(
                HouseholdMember(new_id(), cid, known.name, False, 1988, "cliënt"),
                HouseholdMember(new_id(), cid, known.partner, False, 1985, "ex-partner"),
                HouseholdMember(
                    new_id(), cid, known.child, True, today.year - 8, school="De Klimop"
                ),
            ),
            danger_persons=(
                DangerPerson(new_id(), cid, known.partner, DangerRelation.EX_PARTNER),
            ),
            partners=(
                InvolvedPartner(
                    new_id(), cid, PartnerKind.VEILIG_THUIS, "Veilig Thuis regio",
                    known.partner_contact, known.partner_phone,
                ),
            ),
        ),
    )  # fmt: skip
    casework.add_screening(
        RiskScreening(
            new_id(), cid, today - timedelta(days=20), "tester", RiskSituation.ERNSTIGE_DREIGING,
            LocationCode.ORANJE, f"Zorgen om {known.partner}, belt vaak naar {known.phone}.",
        )
    )  # fmt: skip
    casework.save_safety_plan(
        SafetyPlan(
            new_id(), cid, 1, today - timedelta(days=100), "tester", today - timedelta(days=5),
            warning_signals="Veel berichten 's nachts & dreigende taal <hoofdletters>.",
            client_actions=known.plan_text,
        )
    )  # fmt: skip
    agreement_id = casework.add_agreement(
        SafetyAgreement(
            new_id(), cid, "ex-partner", known.agreement, "wijkagent",
            today - timedelta(days=90), today + timedelta(days=30),
        )
    )  # fmt: skip
    casework.log_breach(
        Breach(new_id(), cid, agreement_id, today - timedelta(days=10), known.breach)
    )
    goal_id = casework.add_goal(Goal(new_id(), cid, LifeDomain.FINANCIEN, known.goal, "cliënt"))
    casework.add_action(Action(new_id(), cid, goal_id, known.action, "tester"))
    for weeks_ago in range(16, 0, -1):
        on = today - timedelta(weeks=weeks_ago)
        casework.record_contact(
            Contact(
                new_id(), cid, datetime.combine(on, time(10, 0), LOCAL_TZ),
                ContactKind.HUISBEZOEK if weeks_ago % 2 else ContactKind.TELEFOON,
                report=known.report if weeks_ago == 1 else f"Contact {weeks_ago} weken geleden.",
                safety_check_done=True,
            )
        )  # fmt: skip
    for days_ago, scores in ((110, (1, 2, 2)), (60, (2, 2, 3)), (5, (3, 3, 3))):
        casework.add_zrm(
            ZrmAssessment(
                new_id(), cid, today - timedelta(days=days_ago), "tester",
                {d: None for d in LifeDomain}  # niet gescoord, but for three domains
                | dict(zip((LifeDomain.FINANCIEN, LifeDomain.HUISVESTING,
                            LifeDomain.SOCIAAL_NETWERK), scores, strict=True)),
            )
        )  # fmt: skip
    casework.add_handover_note(
        HandoverNote(
            new_id(), cid, "Buurtteam Noord", HandoverTarget.BUURTTEAM, known.handover,
            today - timedelta(days=2), "tester", consent=Consent.JA, with_client=True,
            with_client_on=today - timedelta(days=2),
        )
    )  # fmt: skip
    casework.add_case_discussion(
        CaseDiscussion(
            new_id(), cid, today + timedelta(days=3), known.question,
            timeline=f"Aangemeld door {known.partner_contact} ({known.partner_phone}). "
            f"{known.name.split()[0]} verhuisde naar de {known.street} {known.house_number}, "
            f"{known.postcode} {known.town}. Loïs is geboren op 4 maart {today.year - 8}.",
            strengths=f"{known.name} heeft een sterk netwerk; mail zoe.b@voorbeeld.nl.",
            risks=f"{known.partner.split()[0]}s dreigementen; codewoord {known.code_word}.",
            tried=f"Gesprek met Raoul en Zoë samen; bellen naar {known.phone.replace('-', ' ')}.",
        )
    )  # fmt: skip
    return known


@pytest.fixture
def known_case(casework: Casework) -> KnownCase:
    return add_known_case(casework)


@pytest.fixture
def busy_casework(casework: Casework) -> Casework:
    populate(casework, 12, seed=3)
    return casework


def read_pdf(path: Path, password: str | None = None) -> PdfReader:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    if password is not None:
        assert reader.decrypt(password)
    return reader


def pdf_text(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def today_of(casework: Casework) -> date:
    return casework.today()
