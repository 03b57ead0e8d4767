"""The warm handover pack as its recipient reads it: every case opens with the latest
handover note and what is due, ends, is planned and is overdue; a pack of several cases
opens with a triage table, most urgent first. Real vault, real export service, fixed clock
(tests/conftest.py NOW: Sunday 22-11-2026 10:00), PDFs read with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Polygon

from app.case import Case
from app.caseload import caseload
from app.casework import Casework, new_id
from app.closing import Closure, close_case
from app.contact import Contact
from app.exports.chart import zrm_chart
from app.exports.document import CONTENT_WIDTH, ExportContext, Picture, render
from app.exports.pack_facts import case_facts, triage_order
from app.exports.pack_layout import FastPicture
from app.exports.service import CaseSelection, export_handover_pack
from app.goals import Action, Goal
from app.handover import HandoverNote
from app.intake import Intake, register_case, save_person
from app.people import DangerPerson
from app.rules import LOCAL_TZ
from app.safety import Breach, SafetyAgreement, SafetyPlan
from app.screening import RiskScreening
from app.vocabulary import (
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
    RiskSituation,
)
from app.zrm import ZrmAssessment
from tests.conftest import NOW
from tests.exports.conftest import PDF_PASSWORD, KnownCase, pdf_text, read_pdf

TODAY = date(2026, 11, 22)  # tests/conftest.py NOW, local


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), LOCAL_TZ)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def fmt(day: date) -> str:
    return day.strftime("%d-%m-%Y")


@dataclass(frozen=True)
class PackCases:
    take_a_break: str  # situatie 3 rood, everything filled in
    ambulant: str  # situatie 3 without a location code, no safety plan
    nazorg: str  # situatie 2, closed with nazorg, no handover note, no danger person


def _register(casework: Casework, name: str, programme: str, phase: str, start: date,
              danger: tuple[DangerPerson, ...] = ()) -> str:  # fmt: skip
    case = Case(new_id(), name, "", programme, phase, start, "tester", birth_year=1990)
    people = tuple(replace(person, case_id=case.id) for person in danger)
    register_case(casework, Intake(case, danger_persons=people))
    return case.id


def _screen(casework: Casework, case_id: str, situation: RiskSituation, code=None) -> None:
    casework.add_screening(
        RiskScreening(new_id(), case_id, days(-15), "tester", situation, code, "Gescreend.")
    )


def _contact(casework: Casework, case_id: str, on: date, kind=ContactKind.HUISBEZOEK) -> None:
    no_show = kind is ContactKind.NIET_VERSCHENEN
    casework.record_contact(
        Contact(new_id(), case_id, at(on), kind, report="" if no_show else "Gesprek gehad.")
    )


def add_take_a_break(casework: Casework) -> str:
    """Take a Break, day 20 of 42, a contact overdue, a planned visit, two handover notes,
    a danger person with a huisverbod that ended and a contactverbod in force, an achieved
    goal and an overdue action, an open breach."""
    ferdi = DangerPerson(
        new_id(), "", "Ferdi Wolkenveld", DangerRelation.EX_PARTNER,
        huisverbod_from=days(-20), huisverbod_until=days(-10),
        contactverbod_from=days(-20), omgangsregeling="Geen omgang tot de evaluatie.",
    )  # fmt: skip
    cid = _register(casework, "Wendy Zeeburg", "take_a_break", "veiligheid", days(-20), (ferdi,))
    _screen(casework, cid, RiskSituation.ERNSTIGE_DREIGING, LocationCode.ROOD)
    _contact(casework, cid, days(-5))  # 3 a week in the first phase: due 20-11
    _contact(casework, cid, days(-1), ContactKind.NIET_VERSCHENEN)  # a no-show counts not
    casework.plan_contact(
        Contact(new_id(), cid, at(days(3), 14), ContactKind.HUISBEZOEK, ContactStatus.GEPLAND,
                location="Bij cliënt thuis")
    )  # fmt: skip
    casework.save_safety_plan(
        SafetyPlan(new_id(), cid, 1, days(-19), "tester", days(10), client_actions="Bellen.")
    )
    agreement = casework.add_agreement(
        SafetyAgreement(new_id(), cid, "ex-partner", "Ferdi komt niet naar de woning.",
                        "wijkagent", days(-19), days(20))
    )  # fmt: skip
    casework.log_breach(Breach(new_id(), cid, agreement, days(-3), "Stond voor de deur."))
    achieved = casework.add_goal(
        Goal(new_id(), cid, LifeDomain.HUISELIJKE_RELATIES, "Ik wil weer rustig slapen.",
             status=GoalStatus.BEHAALD, made_on=days(-19))
    )  # fmt: skip
    assert achieved
    open_goal = casework.add_goal(
        Goal(new_id(), cid, LifeDomain.FINANCIEN, "Ik wil mijn post op orde.", made_on=days(-19))
    )
    casework.add_action(
        Action(new_id(), cid, open_goal, "Bellen met de schuldhulp.", "cliënt", days(-4))
    )
    casework.add_action(Action(new_id(), cid, open_goal, "Map met brieven maken.", "", days(5)))
    casework.add_handover_note(
        HandoverNote(new_id(), cid, "Collega Pieter", HandoverTarget.COLLEGA, "Oude notitie.",
                     days(-30 + 20), "tester", Consent.NIET_GEVRAAGD, reason="Vakantie.")
    )  # fmt: skip
    casework.add_handover_note(
        HandoverNote(
            new_id(), cid, "Wijkteam Zuid", HandoverTarget.BUURTTEAM,
            "Het gezin is veiliger; het wijkteam neemt het plan van aanpak over.",
            days(-1), "tester", Consent.JA,
            reason="Einde Take a Break: het gezin gaat naar het wijkteam.",
            next_step="Kennismaking met het wijkteam thuis", next_step_on=days(3),
            with_client=True, with_client_on=days(-1),
        )
    )  # fmt: skip
    return cid


def add_ambulant(casework: Casework) -> str:
    """Ambulante begeleiding, situatie 3 without a location code: contact 8 days overdue,
    no safety plan, a handover note without consent."""
    cid = _register(casework, "Merel Jansen", "ambulant", "begeleiding", days(-100))
    _screen(casework, cid, RiskSituation.ERNSTIGE_DREIGING)
    _contact(casework, cid, days(-15))  # 1 a week: due 14-11, 8 days overdue
    casework.add_handover_note(
        HandoverNote(new_id(), cid, "Buurtteam West", HandoverTarget.BUURTTEAM, "Stabiel.",
                     days(-2), "tester", Consent.NEE, reason="Verhuizing naar West.")
    )  # fmt: skip
    return cid


def add_nazorg(casework: Casework) -> str:
    """Closed with nazorg 40 days ago: check-in 1 (30 days) done, 2 and 3 planned; situatie
    2; no handover note, no danger person."""
    cid = _register(casework, "Anna Akkerman", "moviera_wijk", "overdracht", days(-200))
    _screen(casework, cid, RiskSituation.GERINGE_DREIGING, LocationCode.GROEN)
    _contact(casework, cid, days(-41))
    close_case(
        casework,
        Closure(new_id(), cid, days(-40), ClosingReason.DOELEN_BEREIKT,
                Destination.EIGEN_WONING, nazorg=True),
    )  # fmt: skip
    _contact(casework, cid, days(-15), ContactKind.TELEFOON)  # check-in 1 (due 13-11)
    return cid


@pytest.fixture
def pack_cases(casework: Casework) -> PackCases:
    return PackCases(add_take_a_break(casework), add_ambulant(casework), add_nazorg(casework))


def export(casework: Casework, out: Path, *case_ids: str) -> list[str]:
    export_handover_pack(casework.vault, out, CaseSelection(case_ids=case_ids), PDF_PASSWORD)
    return pdf_text(read_pdf(out, PDF_PASSWORD))


def flat(text: str) -> str:
    return " ".join(text.split())


def first_read(pages: list[str], name: str) -> str:
    """The 'Eerst lezen' card of the case called `name` (from its heading), flattened."""
    start = next(i for i, page in enumerate(pages) if page.splitlines()[2].startswith(name))
    text = flat("\n".join(pages[start:]))
    card = text.index("Eerst lezen")
    return text[card : text.index("Gegevens", card)]


def test_take_a_break_case_opens_with_handover_note_due_end_danger_and_overdue(
    casework: Casework, pack_cases: PackCases, tmp_path: Path
) -> None:
    pages = export(casework, tmp_path / "pack.pdf", pack_cases.take_a_break)
    card = first_read(pages, "Wendy Zeeburg")
    expected = [
        # the latest note (of two): recipient, reason, next step and date, consent, together
        "Warme overdracht 21-11-2026 aan Wijkteam Zuid (buurtteam), door tester",
        "Reden Einde Take a Break: het gezin gaat naar het wijkteam.",
        "Volgende stap Kennismaking met het wijkteam thuis (op 25-11-2026)",
        "Toestemming cliënt ja",
        "Samen met de cliënt ja, op 21-11-2026",
        # 3 a week: last counting contact 17-11 (the no-show of 21-11 does not count)
        "Volgend contact 2 dagen te laat, was uiterlijk 20-11-2026",
        "Volgende afspraak 25-11-2026 14:00, huisbezoek, Bij cliënt thuis",
        "Programma-einde dag 20 van 42; einde 14-12-2026 (nog 22 dagen)",
        "Nazorg-check-ins geen gepland",
        "Dreiging komt van Ferdi Wolkenveld (ex-partner)",
        "Huisverbod 02-11-2026 t/m 12-11-2026 (afgelopen)",
        "Contactverbod 02-11-2026 t/m onbepaald: van kracht",
        "Omgangsregeling: Geen omgang tot de evaluatie.",
        "Acties te laat 1 • Bellen met de schuldhulp. (cliënt, uiterlijk 18-11-2026, "
        "doel: Ik wil mijn post op orde.) 4 dagen te laat",
        "Open schendingen 1 (zie Veiligheidsafspraken)",
        "Behaalde doelen 1 (zie Doelen en acties)",
    ]
    for part in expected:
        assert part in card, part
    assert (
        card.index("Warme overdracht")
        < card.index("Volgend contact")
        < card.index("Programma-einde")
        < card.index("Nazorg-check-ins")
        < card.index("Dreiging")
        < card.index("Acties te laat")
    )
    assert "Vakantie." not in card and "Collega Pieter" not in card  # the older note
    assert "Map met brieven maken." not in card  # due in 5 days: not overdue
    text = flat("\n".join(pages))
    goals = text[text.index("Doelen en acties per leefgebied", text.index("Gegevens")) :]
    # the achieved goal listed apart, the open one with its overdue action marked
    achieved = goals.index("Behaalde doelen")
    assert goals.index("Ik wil mijn post op orde.") < achieved
    assert "Bellen met de schuldhulp. (cliënt, 18-11-2026) te laat: 4 dagen" in goals
    assert "Huiselijke relaties: Ik wil weer rustig slapen. (behaald" in goals[achieved:]
    assert "Vakantie." in text  # the older note stays in the full record


def test_nazorg_case_lists_check_ins_and_says_it_has_no_handover_note(
    casework: Casework, pack_cases: PackCases, tmp_path: Path
) -> None:
    pages = export(casework, tmp_path / "pack.pdf", pack_cases.nazorg)
    card = first_read(pages, "Anna Akkerman")
    for part in (
        "Warme overdracht Nog geen warme overdracht vastgelegd.",
        f"Volgend contact uiterlijk {fmt(days(-40 + 91))} (nazorg-check-in)",
        "Volgende afspraak geen afspraak gepland",
        "Programma-einde geen einddatum",
        # after 30, 91 and 182 days; a contact from 14 days before a check-in counts for it
        f"Nazorg-check-ins 1: {fmt(days(-10))} gedaan op {fmt(days(-15))} "
        f"2: {fmt(days(51))} gepland 3: {fmt(days(142))} gepland",
        "Dreiging komt van geen pleger vastgelegd",
        "Acties te laat geen",
        "Open schendingen geen",
    ):
        assert part in card, part
    assert "Reden" not in card and "Volgende stap" not in card


def test_pack_facts_agree_with_the_caseload(busy_casework: Casework, pack_cases: PackCases) -> None:
    """Next due and programme end in the pack are the caseload's own answers, for every
    synthetic case (nazorg, Take a Break, overrides, reopenings) and the three above."""
    programmes = busy_casework.programmes()
    now = busy_casework.vault.now()
    rows = caseload(busy_casework.vault.db, programmes, TODAY, include_closed=True)
    assert len(rows) >= 15
    for row in rows:
        facts = case_facts(busy_casework.case_file(row.case_id), programmes, TODAY, now)
        assert (facts.due, facts.end, facts.has_checkins) == (row.due, row.end, row.has_checkins)


def test_single_case_pack_has_no_triage_page(
    casework: Casework, pack_cases: PackCases, tmp_path: Path
) -> None:
    pages = export(casework, tmp_path / "pack.pdf", pack_cases.ambulant)
    assert "Overdrachtsdossier" in pages[0] and "Inhoud" in pages[1]
    assert not any("Triage" in page for page in pages)
    card = first_read(pages, "Merel Jansen")
    assert "Toestemming cliënt nee" in card
    assert "Volgend contact 8 dagen te laat, was uiterlijk 14-11-2026" in card


def test_three_case_pack_opens_with_the_triage_table_most_urgent_first(
    casework: Casework, pack_cases: PackCases, tmp_path: Path
) -> None:
    # asked for in name order; triaged by risk: 3 rood, 3 without code, 2
    pages = export(
        casework, tmp_path / "pack.pdf", pack_cases.nazorg, pack_cases.ambulant,
        pack_cases.take_a_break,
    )  # fmt: skip
    triage = pages[0]
    assert "Triage: meest urgente casus eerst" in triage
    assert "Gekozen casussen · 3 casussen" in triage
    rows = [
        flat(row) for row in re.split(r"\n(?=Wendy Zeeburg|Merel Jansen|Anna Akkerman)", triage)[1:]
    ]
    names = [row.split(" ")[0] for row in rows]
    assert names == ["Wendy", "Merel", "Anna"]
    wendy, merel, anna = rows
    # case, risk, contact late, actions late, next appointment, open breaches, plan, page
    assert re.match(
        r"Wendy Zeeburg 3 ernstige dreiging, rood 2 d 1 25-11-2026 14:00 1 02-12-2026 \d+$", wendy
    ), wendy
    assert re.match(r"Merel Jansen 3 ernstige dreiging 8 d – – 0 geen plan \d+$", merel), merel
    assert re.match(
        r"Anna Akkerman 2 geringe dreiging, groen – – – 0 geen plan \d+", anna.split(" Koers")[0]
    ), anna
    # each row's page is where that case starts; the cases follow in triage order
    starts = []
    for row, name in zip(rows, ("Wendy Zeeburg", "Merel Jansen", "Anna Akkerman"), strict=True):
        page = int(re.search(r"(\d+)$", row.split(" Koers")[0]).group(1))  # type: ignore[union-attr]
        assert pages[page - 1].splitlines()[2].startswith(name), (name, page)
        starts.append(page)
    assert starts == sorted(starts)
    assert "Overdrachtsdossier" in pages[1] and "Inhoud" in pages[2]
    # each name is a link to its case's first page, in the same order
    reader = read_pdf(tmp_path / "pack.pdf", PDF_PASSWORD)
    links = [link.get_object()["/Dest"][0] for link in reader.pages[0]["/Annots"]]
    assert [reader.get_page_number(reader.get_object(link)) + 1 for link in links] == starts


def test_triage_order_follows_its_documented_rules(
    casework: Casework, pack_cases: PackCases
) -> None:
    """Risk first (situatie, then location code; an unscreened case between situatie 3 and
    2), then open breaches, days overdue, overdue actions, the plan, the next appointment;
    names only break ties (here they run against the expected order)."""
    now = casework.vault.now()
    programmes = casework.programmes()
    base = case_facts(casework.case_file(pack_cases.ambulant), programmes, TODAY, now)
    screened = base.screening
    assert screened is not None and base.plan is None and base.next_appointment is None
    plan = SafetyPlan(new_id(), base.case_id, 1, days(-5), "tester", days(20))
    planned = Contact(new_id(), base.case_id, at(days(2)), status=ContactStatus.GEPLAND)
    later = replace(planned, starts_at=at(days(9)))
    facts = {
        "z: situatie 4": {"screening": replace(screened, situation=RiskSituation(4))},
        "y: situatie 3, oranje": {
            "screening": replace(screened, location_code=LocationCode.ORANJE)
        },
        "x: 2 open breaches": {"open_breaches": 2},
        "w: 20 days late": {"due": base.due._replace(overdue_days=20)},
        "v: 2 actions late": {"overdue_actions": base.overdue_actions + (None, None)},
        "u: no safety plan": {},
        "t: plan current, visit in 2 days": {"plan": plan, "next_appointment": planned},
        "s: plan current, visit in 9 days": {"plan": plan, "next_appointment": later},
        "r: plan current, no visit": {"plan": plan},
        "q: not screened": {"screening": None},
        "p: situatie 2": {"screening": replace(screened, situation=RiskSituation(2))},
        "o: situatie 1": {"screening": replace(screened, situation=RiskSituation(1))},
    }
    cases = [replace(base, display_name=name, case_id=name, **changes)
             for name, changes in facts.items()]  # fmt: skip
    shuffled = cases[1::2] + cases[::2]
    assert [f.display_name for f in triage_order(shuffled)] == list(facts)


def test_zrm_chart_is_small_multiples_one_panel_per_scored_domain(
    casework: Casework, known_case: KnownCase, tmp_path: Path
) -> None:
    """Three domains scored: each has its own panel (its name there and in the table);
    the ten not scored are in the table only, not in a legend of overlapping lines."""
    pages = export(casework, tmp_path / "pack.pdf", known_case.id)
    text = "\n".join(pages[2:])  # after the contents
    start = text.index("ZRM-verloop")
    section = text[start : text.index("Warme overdracht", start)]
    assert "Leefgebied" in section  # the table under the chart
    for scored in ("Financiën", "Huisvesting", "Sociaal netwerk"):
        assert section.count(scored) == 2, scored
    for unscored in ("Werk & opleiding", "Justitie", "Middelengebruik"):
        assert section.count(unscored) == 1, unscored


def _chart_page(picture: Picture) -> tuple[str, bytes]:
    context = ExportContext("Proef", NOW, "tester")
    data, _ = render([picture], context)
    page = PdfReader(io.BytesIO(data)).pages[0]
    return page.extract_text(), page.get_contents().get_data()  # type: ignore[union-attr]


def test_the_fast_chart_painter_prints_what_the_general_renderer_prints() -> None:
    """Every title, score, change and date of the small multiples is on the page either
    way; a drawing with a shape the fast painter does not know is drawn whole the general
    way (nothing left out)."""
    scores = {LifeDomain.FINANCIEN: 2, LifeDomain.HUISVESTING: 4, LifeDomain.JUSTITIE: None}
    assessments = [
        ZrmAssessment("a", "c", days(-90), "tester", scores),
        ZrmAssessment("b", "c", days(-5), "tester", scores | {LifeDomain.FINANCIEN: 3}),
    ]
    drawing = zrm_chart(assessments, CONTENT_WIDTH).drawing
    general, general_ops = _chart_page(Picture(drawing))
    fast, fast_ops = _chart_page(FastPicture(drawing))
    assert fast == general
    for shown in ("Financiën", "Huisvesting", "+1", fmt(days(-90)), fmt(days(-5))):
        assert shown in fast
    assert "Justitie" not in fast  # not scored: no panel
    assert fast_ops != general_ops
    drawing.add(Polygon([0, 0, 10, 0, 5, 8]))
    assert _chart_page(FastPicture(drawing)) == _chart_page(Picture(drawing))


def test_long_danger_notes_stay_whole_in_the_record_and_off_the_card(
    casework: Casework, pack_cases: PackCases, tmp_path: Path
) -> None:
    person = casework.case_file(pack_cases.take_a_break).danger_persons[0]
    notes = "Belde vanaf een ander nummer en stond bij de school van de kinderen. " * 30
    save_person(casework, replace(person, notes=notes.strip()))
    pages = export(casework, tmp_path / "pack.pdf", pack_cases.take_a_break)
    card = first_read(pages, "Wendy Zeeburg")
    assert "Aantekeningen: zie Dreiging, verderop bij deze casus" in card
    assert "Belde vanaf" not in card
    # the pages' text without their header (2 lines) and footer (3 lines)
    record = flat("\n".join("\n".join(page.splitlines()[2:-3]) for page in pages))
    record = record[record.index("Gegevens") :]
    assert f"Aantekeningen: {flat(notes)}" in record
    assert "Verboden: huisverbod 02-11-2026 t/m 12-11-2026; contactverbod 02-11-2026 t/m" in record
