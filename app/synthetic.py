"""Synthetic caseloads: invented Dutch-looking people, streets and towns with plausible histories.

Used by `koers demo`, `koers demo-data`, the tests and the benchmarks. Nothing here is real:
names are random combinations, streets and towns are composed from word parts.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from app.case import Address, Case, FrequencyOverride, PhaseEntry, SafeContact
from app.casework import Casework, new_id
from app.closing import Closure, Reopening
from app.contact import Contact
from app.discussion import CaseDiscussion
from app.goals import Action, Goal
from app.handover import HandoverNote
from app.people import DangerPerson, HouseholdMember, InvolvedPartner
from app.programmes import ContactFrequency, Programme
from app.rules import LOCAL_TZ
from app.safety import Breach, BreachFollowUp, SafetyAgreement, SafetyPlan, TimeOut
from app.screening import RiskScreening, contra_indications
from app.social_map import SocialMapEntry, entry_key
from app.vocabulary import (
    AgreementStatus,
    CaseStatus,
    ClosingReason,
    Consent,
    ContactKind,
    ContactStatus,
    DangerRelation,
    Destination,
    GoalStatus,
    HandoverTarget,
    LifeDomain,
    LocationCode,
    PartnerKind,
    RiskSituation,
)
from app.zrm import ZrmAssessment

FIRST_NAMES = (
    "Anouk",
    "Fleur",
    "Sanne",
    "Lotte",
    "Iris",
    "Noor",
    "Fatima",
    "Yasmina",
    "Esra",
    "Mirjam",
    "Petra",
    "Ingrid",
    "Samira",
    "Naima",
    "Priya",
    "Dewi",
    "Marieke",
    "Chantal",
    "Bianca",
    "Joyce",
    "Shanti",
    "Roos",
    "Eline",
    "Zeynep",
    "Hanneke",
    "Ilse",
    "Karin",
    "Loes",
    "Nadia",
)
PARTNER_NAMES = (
    "Ruud",
    "Dennis",
    "Kevin",
    "Mohamed",
    "Erik",
    "Sander",
    "Jeroen",
    "Orhan",
    "Patrick",
    "Ricardo",
    "Bas",
    "Tarik",
)
CHILD_NAMES = (
    "Daan",
    "Mila",
    "Sem",
    "Zoë",
    "Lieke",
    "Noah",
    "Saar",
    "Finn",
    "Aya",
    "Luuk",
    "Noë",
    "Eva",
    "Amir",
    "Jesse",
    "Chloë",
    "Rayan",
)
SURNAME_PARTS = (
    ("van ", "de ", "van der ", "ter ", ""),
    (
        "Berg",
        "Wolde",
        "Kamp",
        "Veen",
        "Hoeve",
        "Broek",
        "Velde",
        "Molen",
        "Dijk",
        "Horst",
        "Laar",
        "Wiel",
        "Haar",
        "Brink",
        "Hulst",
        "Bosch",
        "Akker",
    ),
    ("", "", "man", "stra", "ink", "er"),
)
STREET_PARTS = (
    (
        "Linden",
        "Beuken",
        "Kastanje",
        "Meidoorn",
        "Zilverschoon",
        "Hazelaar",
        "Vlinder",
        "Merel",
        "Koekoeks",
        "Zonnebloem",
        "Klaproos",
        "Wilgen",
        "Esdoorn",
    ),
    ("straat", "laan", "hof", "weg", "plein", "kade", "singel", "pad"),
)
TOWN_PARTS = (
    (
        "Beek",
        "Eiken",
        "Haver",
        "Zand",
        "Molen",
        "Wilgen",
        "Hazel",
        "Linde",
        "Esch",
        "Veen",
        "Roode",
    ),
    ("dorp", "hoven", "rade", "wijk", "broek", "oord", "stede", "velde", "mond"),
)
WORKERS = (
    "trajectbegeleider A. Visser",
    "trajectbegeleider B. Smit",
    "trajectbegeleider C. Meijer",
    "trajectbegeleider D. Bakker",
)
REPORT_LINES = (
    "Gesprek over de dagstructuur; cliënt ervaart meer rust in huis.",
    "Veiligheidsafspraken doorgenomen; geen nieuwe incidenten gemeld.",
    "Samen post geopend en een afspraak met schuldhulp gemaakt.",
    "Cliënt is gespannen over de omgangsregeling; signaleringsplan besproken.",
    "Kinderen waren thuis; kort gesproken over school en slapen.",
    "Contact met wijkteam afgestemd over de overdracht.",
    "Cliënt geeft aan dat ex-partner berichten stuurt; melding besproken met wijkagent.",
    "Netwerk in kaart gebracht: zus en buurvrouw zijn steunfiguren.",
)
ORGANISATIONS = (
    (PartnerKind.WIJKTEAM, "Wijkteam Noord"),
    (PartnerKind.VEILIG_THUIS, "Veilig Thuis regio"),
    (PartnerKind.POLITIE, "Wijkagent basisteam"),
    (PartnerKind.GGZ, "GGZ ambulant team"),
    (PartnerKind.SCHOOL, "Basisschool De Regenboog"),
    (PartnerKind.HUISARTS, "Huisartsenpraktijk"),
    (PartnerKind.BUURTTEAM, "Buurtteam Oost"),
)
# Programme mix of an ambulant team: mostly Moviera in de wijk, a fifth Take a Break.
PROGRAMME_MIX = (("moviera_wijk", 0.45), ("take_a_break", 0.2), ("ambulant", 0.2), ("nazorg", 0.15))


@dataclass
class GeneratedCase:
    """One case and everything recorded in it, ready to be written."""

    case: Case
    records: list = field(default_factory=list)


class SyntheticCaseload:
    def __init__(self, programmes: dict[str, Programme], today: date, seed: int = 7) -> None:
        self.programmes = programmes
        self.today = today
        self.rng = random.Random(seed)
        self.lifecycle_rng = random.Random(seed + 1)
        # The days from aanmelding to start: a stream of their own, so the rest of a seed's
        # caseload stays as it was.
        self.intake_rng = random.Random(seed + 2)

    # --- invented names and places ---------------------------------------------------------

    def surname(self) -> str:
        prefix, stem, suffix = (self.rng.choice(part) for part in SURNAME_PARTS)
        return f"{prefix}{stem}{suffix}"

    def address(self) -> Address:
        street = "".join(self.rng.choice(p) for p in STREET_PARTS)
        town = "".join(self.rng.choice(p) for p in TOWN_PARTS).capitalize()
        letters = "".join(self.rng.choice("BCEGHJKLMNPRTVWXZ") for _ in range(2))
        return Address(
            street, str(self.rng.randint(1, 240)), f"{self.rng.randint(1000, 9999)} {letters}", town
        )

    def phone(self) -> str:
        return "06-" + "".join(str(self.rng.randint(0, 9)) for _ in range(8))

    # --- one case --------------------------------------------------------------------------

    def _programme_id(self) -> str:
        roll, total = self.rng.random(), 0.0
        for programme_id, share in PROGRAMME_MIX:
            total += share
            if roll <= total:
                return programme_id
        return PROGRAMME_MIX[-1][0]

    def _phase_history(self, programme: Programme, start: date) -> tuple[PhaseEntry, ...]:
        history, since = [], start
        for phase in programme.phases:
            history.append(PhaseEntry(phase.id, since))
            weeks = phase.typical_weeks
            if weeks is None:
                break
            since = since + timedelta(weeks=weeks + self.rng.randint(-1, 1))
            if since > self.today:
                break
        return tuple(history)

    def case(self) -> GeneratedCase:
        rng = self.rng
        programme = self.programmes[self._programme_id()]
        age_days = {"take_a_break": rng.randint(3, 50), "nazorg": rng.randint(10, 200)}.get(
            programme.id, rng.randint(5, 220)
        )
        start = self.today - timedelta(days=age_days)
        history = self._phase_history(programme, start)
        first, last = rng.choice(FIRST_NAMES), self.surname()
        birth_year = self.today.year - rng.randint(19, 58)
        case_id = new_id()
        children = tuple(
            HouseholdMember(
                id=new_id(),
                case_id=case_id,
                is_child=True,
                name=f"{rng.choice(CHILD_NAMES)} {last}",
                birth_year=self.today.year - rng.randint(0, 16),
                school="" if rng.random() < 0.3 else "Basisschool De Regenboog",
                safety_concerns=rng.choice(
                    ("", "Slaapt slecht sinds het incident.", "Is bang als de deurbel gaat.")
                ),
            )
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3)))
        )
        adults: tuple[HouseholdMember, ...] = (
            HouseholdMember(new_id(), case_id, f"{first} {last}", False, birth_year, "cliënt"),
        )
        if programme.id == "take_a_break":
            adults += (
                HouseholdMember(
                    new_id(),
                    case_id,
                    f"{rng.choice(PARTNER_NAMES)} {self.surname()}",
                    False,
                    birth_year - rng.randint(-3, 8),
                    "partner",
                ),
            )
        danger: tuple[DangerPerson, ...] = ()
        if rng.random() < 0.6:
            danger = (
                DangerPerson(
                    new_id(),
                    case_id,
                    f"{rng.choice(PARTNER_NAMES)} {self.surname()}",
                    DangerRelation.EX_PARTNER,
                    contactverbod_from=start if rng.random() < 0.3 else None,
                    omgangsregeling="Begeleide omgang, één keer per twee weken" if children else "",
                ),
            )
        status = CaseStatus.NAZORG if programme.id == "nazorg" else CaseStatus.ACTIEF
        if rng.random() < 0.04 and programme.id != "nazorg":
            # An aanmelding came in lately and has not started: its first phase since the
            # aanmelding date, and no contact history yet (a separate random stream, so the
            # rest of a seed's caseload stays as it was).
            status = CaseStatus.AANMELDING
            start = self.today - timedelta(days=self.intake_rng.randint(1, 12))
            history = (PhaseEntry(history[0].phase_id, start),)
        override = None
        if rng.random() < 0.08:
            override = FrequencyOverride(
                ContactFrequency(rng.choice((2, 3, 4)), 7), "Verhoogde dreiging na incident", start
            )
        # Every case has its aanmelding date, as the intake form gives it (today by default):
        # a started case was registered some days before it started.
        waited = round(self.intake_rng.triangular(0, 35, 7))
        registered: date = start - timedelta(days=waited)
        started: date | None = start
        if status is CaseStatus.AANMELDING:
            registered, started = start, None  # not started yet
        case = Case(
            id=case_id,
            registered_on=registered,
            display_name=f"{first} {last}",
            initials=f"{first[0]}.{last.replace(' ', '')[0].upper()}.",
            programme_id=programme.id,
            phase_id=history[-1].phase_id,
            phase_history=history,
            start_date=started,
            planned_end_date=start + timedelta(days=182)
            if programme.id == "moviera_wijk" and started is not None
            else None,
            status=status,
            worker=rng.choice(WORKERS),
            backup_worker=rng.choice(WORKERS),
            birth_year=birth_year,
            address=self.address(),
            secret_address=rng.random() < 0.3,
            phone=self.phone(),
            safe_contact=SafeContact(
                may_call=rng.random() < 0.8,
                safe_times=rng.choice(("Tussen 9 en 12 uur", "Alleen op werkdagen na 13 uur", "")),
                if_someone_else_answers="Zeg dat je van de bibliotheek belt.",
                code_word=rng.choice(("", "paraplu", "zonnebloem")),
            ),
            language=rng.choice(("nl", "nl", "nl", "ar", "tr", "en")),
            frequency_override=override,
        )
        partners = tuple(
            InvolvedPartner(
                new_id(), case_id, kind, org, f"contactpersoon {self.surname()}", self.phone()
            )
            for kind, org in rng.sample(ORGANISATIONS, rng.randint(1, 3))
        )
        generated = GeneratedCase(case, [*adults, *children, *danger, *partners])
        self._history(generated, programme)
        self._closing(generated, programme)
        return generated

    def _closing(self, gen: GeneratedCase, programme: Programme) -> None:
        """Some older cases were closed with nazorg, and some of those fell back (terugval).
        A separate random stream, so the rest of a seed's caseload stays as it was."""
        case, rng = gen.case, self.lifecycle_rng
        roll = rng.random()
        if (
            programme.id not in ("moviera_wijk", "ambulant")
            or case.status is not CaseStatus.ACTIEF
            or (self.today - case.begins_on).days < 100
            or roll >= 0.14
        ):
            return
        closed_on = self.today - timedelta(days=rng.randint(30, 80))
        gen.records.append(
            Closure(
                new_id(),
                case.id,
                closed_on,
                ClosingReason.DOELEN_BEREIKT,
                rng.choice((Destination.EIGEN_WONING, Destination.BUURTTEAM)),
                nazorg=True,
                closed_by=case.worker,
            )
        )
        if roll < 0.09:
            gen.case = replace(
                case, status=CaseStatus.NAZORG, closed_on=closed_on, nazorg_start=closed_on
            )
            return
        reopened_on = self.today - timedelta(days=rng.randint(3, 25))
        gen.records.append(
            Reopening(
                new_id(),
                case.id,
                reopened_on,
                "Terugval: ex-partner zoekt weer contact.",
                case.worker,
            )
        )
        gen.case = replace(case, reopened_on=reopened_on)

    def _history(self, gen: GeneratedCase, programme: Programme) -> None:
        rng, case = self.rng, gen.case
        worker = case.worker

        def add(record: Any) -> None:
            if isinstance(record, RiskScreening):
                record = _as_screened_for(programme.id, record)
            gen.records.append(record)

        add(
            RiskScreening(
                new_id(),
                case.id,
                case.begins_on,
                worker,
                RiskSituation(rng.choice((2, 3, 3, 3, 4))),
                rng.choice((None, LocationCode.GROEN, LocationCode.ORANJE)),
                "Screening bij aanmelding.",
            )
        )
        if (self.today - case.begins_on).days > 30 and rng.random() < 0.6:
            add(
                RiskScreening(
                    new_id(),
                    case.id,
                    case.begins_on + timedelta(days=28),
                    worker,
                    RiskSituation(rng.choice((1, 2, 2, 3))),
                    None,
                    "Herbeoordeling.",
                )
            )
        # Contacts roughly at the planned rhythm, with gaps so that some cases are overdue.
        slack = rng.choice((0.8, 1.0, 1.0, 1.2, 1.6, 2.5))
        day = case.begins_on
        while True:
            phase = programme.phase(case.schedule.phase_on(day))
            day += timedelta(
                days=max(1, round(phase.frequency.interval_days * slack * rng.uniform(0.7, 1.3)))
            )
            if day >= self.today:
                break
            at = datetime.combine(
                day, time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))), LOCAL_TZ
            )
            kind = rng.choice(
                (
                    ContactKind.HUISBEZOEK,
                    ContactKind.HUISBEZOEK,
                    ContactKind.TELEFOON,
                    ContactKind.KANTOOR,
                    ContactKind.MET_KETENPARTNER,
                    ContactKind.NIET_VERSCHENEN if rng.random() < 0.3 else ContactKind.BEELDBELLEN,
                )
            )
            add(
                Contact(
                    new_id(),
                    case.id,
                    at,
                    kind,
                    ContactStatus.GEDAAN,
                    duration_minutes=0 if kind is ContactKind.NIET_VERSCHENEN else 60,
                    location="Bij cliënt thuis" if kind is ContactKind.HUISBEZOEK else "",
                    present=("cliënt",),
                    domains=tuple(rng.sample(list(LifeDomain), 2)),
                    report="" if kind is ContactKind.NIET_VERSCHENEN else rng.choice(REPORT_LINES),
                    safety_check_done=rng.random() < 0.7,
                )
            )
        if rng.random() < 0.35 and case.address is not None:
            at = datetime.combine(
                self.today + timedelta(days=rng.choice((0, 0, 1, 2))),
                time(rng.randint(9, 16), rng.choice((0, 30))),
                LOCAL_TZ,
            )
            add(
                Contact(
                    new_id(),
                    case.id,
                    at,
                    ContactKind.HUISBEZOEK,
                    ContactStatus.GEPLAND,
                    address=case.address.one_line(),
                    location="Bij cliënt thuis",
                )
            )
        self._safety(gen)
        self._plan_and_zrm(gen)

    def _safety(self, gen: GeneratedCase) -> None:
        rng, case = self.rng, gen.case
        made = case.begins_on
        versions = rng.randint(1, 3)
        for version in range(1, versions + 1):
            made = min(self.today, made + timedelta(days=(version - 1) * rng.randint(14, 40)))
            timeout = None
            if case.programme_id == "take_a_break":
                timeout = TimeOut(
                    "partner", "eigen netwerk (broer)", made, made + timedelta(days=14)
                )
            review = made + timedelta(days=rng.choice((14, 28, 42, 90)))
            if version == versions:
                review = self._mostly_reviewed(review)
            gen.records.append(
                SafetyPlan(
                    new_id(),
                    case.id,
                    version,
                    made,
                    case.worker,
                    review_date=review,
                    warning_signals="Partner stuurt veel berichten; drinkt in het weekend.",
                    client_actions="Kinderen naar de buurvrouw, zelf 112 bellen.",
                    safe_people="Zus, buurvrouw op nummer 12",
                    safe_places="Bibliotheek, huis van zus",
                    emergency_numbers="112; Veilig Thuis 0800-2000",
                    escape_plan="Tas met papieren bij de zus.",
                    children_safety="Kinderen weten bij wie ze terecht kunnen.",
                    timeout=timeout,
                )
            )
        for _ in range(rng.randint(1, 3)):
            start = case.begins_on + timedelta(days=rng.randint(0, 10))
            agreement = SafetyAgreement(
                new_id(),
                case.id,
                rng.choice(("partner", "cliënt", "beide ouders")),
                rng.choice(
                    (
                        "Partner komt niet zonder afspraak naar de woning.",
                        "Bij ruzie verlaat één van beiden het huis voor een uur.",
                        "Overdracht van de kinderen gebeurt bij de grootouders.",
                    )
                ),
                "trajectbegeleider en wijkagent",
                start,
                self._mostly_reviewed(start + timedelta(days=rng.choice((14, 30, 60)))),
                rng.choice(
                    (AgreementStatus.ACTIEF, AgreementStatus.ACTIEF, AgreementStatus.NAGEKOMEN)
                ),
            )
            gen.records.append(agreement)
            if rng.random() < 0.2:
                breach = Breach(
                    new_id(),
                    case.id,
                    agreement.id,
                    min(self.today, start + timedelta(days=rng.randint(1, 20))),
                    "Partner stond onaangekondigd voor de deur.",
                )
                # An agreement that starts after today has no breach yet (the draws stay,
                # so the rest of the caseload is the same).
                started = breach.occurred_on >= start
                if started:
                    gen.records.append(breach)
                if rng.random() < 0.7 and started:
                    gen.records.append(
                        BreachFollowUp(
                            new_id(),
                            case.id,
                            breach.id,
                            min(self.today, breach.occurred_on + timedelta(days=2)),
                            "Besproken met wijkagent; afspraak opnieuw bevestigd.",
                            case.worker,
                        )
                    )

    def _mostly_reviewed(self, review: date) -> date:
        """Most workers keep up with reviews: move most past review dates into the future."""
        if review < self.today and self.rng.random() < 0.85:
            return self.today + timedelta(days=self.rng.randint(3, 60))
        return review

    def _plan_and_zrm(self, gen: GeneratedCase) -> None:
        rng, case = self.rng, gen.case
        for domain in rng.sample(list(LifeDomain), rng.randint(2, 4)):
            goal = Goal(
                new_id(),
                case.id,
                domain,
                rng.choice(
                    (
                        "Ik wil rust in mijn hoofd en in huis.",
                        "Ik wil mijn eigen geld weer beheren.",
                        "Ik wil dat de kinderen veilig naar school gaan.",
                        "Ik wil weer mensen om me heen hebben.",
                    )
                ),
                "cliënt",
                case.begins_on + timedelta(days=rng.randint(30, 120)),
                rng.choice((GoalStatus.OPEN, GoalStatus.BEZIG, GoalStatus.BEHAALD)),
                made_on=min(self.today, case.begins_on + timedelta(days=rng.randint(0, 14))),
            )
            gen.records.append(goal)
            for _ in range(rng.randint(1, 2)):
                gen.records.append(
                    Action(
                        new_id(),
                        case.id,
                        goal.id,
                        rng.choice(
                            (
                                "Afspraak maken bij schuldhulp",
                                "Samen naar het inloopspreekuur",
                                "Steunfiguren uitnodigen voor netwerkberaad",
                            )
                        ),
                        rng.choice(("cliënt", "trajectbegeleider")),
                        goal.due_date,
                        rng.choice((GoalStatus.OPEN, GoalStatus.BEHAALD)),
                    )
                )
        scores = {d: rng.randint(1, 3) for d in LifeDomain}
        on = case.begins_on
        while on <= self.today:
            gen.records.append(ZrmAssessment(new_id(), case.id, on, case.worker, dict(scores)))
            scores = {d: min(5, s + rng.choice((0, 0, 1))) for d, s in scores.items()}
            on += timedelta(days=rng.choice((42, 56, 84)))
        if case.phase_id in ("overdracht", "nazorg", "plan_van_aanpak"):
            handed_over = min(self.today, case.begins_on + timedelta(days=30))
            together = rng.random() < 0.7
            gen.records.append(
                HandoverNote(
                    new_id(),
                    case.id,
                    "Buurtteam Oost",
                    HandoverTarget.BUURTTEAM,
                    "Situatie is stabiel; veiligheidsafspraken worden nagekomen.",
                    handed_over,
                    case.worker,
                    what_works="Korte, concrete afspraken; appen vooraf.",
                    risks_and_agreements="Omgangsregeling blijft een spanningsmoment.",
                    open_actions="Aanvraag schuldhulp loopt.",
                    consent=Consent.JA,
                    with_client=together,
                    with_client_on=handed_over if together else None,
                )
            )
        if rng.random() < 0.25:
            gen.records.append(
                CaseDiscussion(
                    new_id(),
                    case.id,
                    min(self.today, case.begins_on + timedelta(days=21)),
                    "Hoe houden we de veiligheid vast nu de time-out eindigt?",
                    timeline="Aanmelding; time-out; eerste evaluatie.",
                    strengths="Sterk netwerk van zussen; cliënt neemt zelf initiatief.",
                    risks="Ex-partner zoekt contact via de kinderen.",
                    tried="Veiligheidsafspraken, inzet wijkagent.",
                )
            )


def _as_screened_for(programme_id: str, screening: RiskScreening) -> RiskScreening:
    """Synthetic Take a Break cases may be screened outside situatie 3: the team went on,
    and the screening says why (as it is stored)."""
    found = contra_indications(programme_id, screening)
    if not found:
        return screening
    reason = "Besproken met de gedragswetenschapper; toch gestart."
    return replace(screening, contra_indications=tuple(found), contra_reason=reason)


WRITERS: dict[type, Callable[[Casework, Any], object]] = {
    RiskScreening: Casework.add_screening,
    HouseholdMember: Casework._insert,
    Closure: Casework._insert,  # generated history: the case row carries its outcome
    Reopening: Casework._insert,
    DangerPerson: Casework._insert,
    InvolvedPartner: Casework._insert,
    SafetyPlan: Casework._insert,  # versions come numbered from the generator
    SafetyAgreement: Casework.add_agreement,
    Breach: Casework.log_breach,
    BreachFollowUp: Casework._insert,
    Goal: Casework.add_goal,
    Action: Casework.add_action,
    ZrmAssessment: Casework.add_zrm,
    HandoverNote: Casework.add_handover_note,
    CaseDiscussion: Casework.add_case_discussion,
}


def write_case(casework: Casework, generated: GeneratedCase) -> None:
    """Write one generated case through the services, in one transaction."""
    with casework.vault.transaction():
        casework.add_case(generated.case)
        for record in generated.records:
            if isinstance(record, Contact):
                # Generated history: a visit planned this morning may lie in the past.
                (
                    casework._add_to_case
                    if record.status is ContactStatus.GEPLAND
                    else casework.record_contact
                )(record)
            else:
                WRITERS[type(record)](casework, record)


def social_map(rng: random.Random) -> list[SocialMapEntry]:
    return [
        SocialMapEntry(
            new_id(),
            org,
            offers,
            f"contactpersoon {rng.choice(FIRST_NAMES)}",
            "088-" + "".join(str(rng.randint(0, 9)) for _ in range(7)),
            "Noord",
        )
        for org, offers in (
            ("Buurtteam Oost", "Ondersteuning bij opvoeden, geld en wonen"),
            ("Schuldhulp gemeente", "Budgetbeheer en schuldregeling"),
            ("Inloophuis De Brug", "Inloop, maaltijden, lotgenotencontact"),
            ("Veilig Thuis regio", "Advies en meldingen huiselijk geweld"),
        )
    ]


def populate(casework: Casework, n_cases: int, *, seed: int = 7) -> list[str]:
    """Fill a vault with `n_cases` synthetic cases; returns their ids."""
    generator = SyntheticCaseload(casework.programmes(), casework.today(), seed=seed)
    ids = []
    for _ in range(n_cases):
        generated = generator.case()
        write_case(casework, generated)
        ids.append(generated.case.id)
    with casework.vault.transaction():
        # A second fill of the same vault (more demo data) keeps the partners already there.
        known = {entry_key(entry) for entry in casework.social_map()}
        for entry in social_map(generator.rng):
            if entry_key(entry) not in known:
                casework.add_social_map_entry(entry)
    return ids
