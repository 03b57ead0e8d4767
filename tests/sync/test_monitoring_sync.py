"""The team overview's monitoring (seed 004) on a small fixed caseload, built through the real
services on the workers' laptops and synced to the real server: figures a team leader can
check by hand, the same in the PDF and the CSV; the server answers team leaders (own team)
and managers (all teams), never a worker; offline the overview says the outcome figures
need a connection.

The caseload (laptop clocks fixed at tests/conftest.NOW, 22-11-2026; the period is the
default, the last full quarter: 01-07-2026 to 30-09-2026):

Team Noord, worker wendy:
  A  Moviera, aanmelding 20-06, start 01-07 (11 days); closed 15-08 with nazorg (doelen
     bereikt, eigen woning); check-in 1 (14-09) met by a contact on 10-09; check-in 2
     (14-11) met on 10-11.
  B  Ambulant, aanmelding 05-07, start 10-07 (5 days); closed 01-08 with nazorg
     (doorverwezen, buurtteam); no contact: check-in 1 (31-08) missed, check-in 2 (31-10)
     missed.
  C  Ambulant, start 01-03; closed 30-06 (verhuisd); reopened 20-08 (terugval); ZRM
     05-03 financien 2, huisvesting 3 and 01-09 financien 4, huisvesting 3; a goal
     behaald, a goal open; weekly contacts 27-10, 03-11, 10-11, 17-11.
  D  Moviera (2 a week), aanmelding 01-09, start 08-09 (7 days); a goal gestopt; a safety
     plan past its review (01-11); contacts 02-11, 09-11, 16-11.
Team Noord, worker karel:
  E  Take a Break, aanmelding 15-07, start 20-07 (5 days); closed 31-08 (uitval).
  F  Moviera (1 a week), start 01-05; contacts 05-11 and 19-11; handed to wendy (now).
Team Noord, worker nina: no case.
Team Zuid, worker zoe: five ambulant cases, start 01-06, closed 01-09 to 05-09 (doelen
  bereikt, eigen woning).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import httpx
import pytest

from app.case import Case
from app.casework import Casework, new_id
from app.closing import Closure, Reopening, close_case, reopen_case
from app.contact import Contact
from app.errors import ValidationError
from app.exports.service import export_team_overview
from app.goals import Goal
from app.intake import Intake, register_case
from app.rules import LOCAL_TZ, CheckinState, checkin_plan, nazorg_checkins
from app.safety import SafetyPlan
from app.sync_service import enroll_device, sync_now, transport_for
from app.synthetic import populate
from app.team_overview import Period
from app.vocabulary import CaseStatus, ClosingReason, Destination, GoalStatus, LifeDomain
from app.zrm import ZrmAssessment
from storage import access_log, sync_state
from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.vault import Vault
from sync.client import NotAuthorised, SyncError
from sync.server import admin, passwords
from sync.server.monitoring import server_today
from tests.conftest import NOW
from tests.exports.conftest import pdf_text, read_pdf
from tests.sync.server_harness import PASSWORD, LiveServer, database

Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))
D = date  # dates of 2026 read better as D(2026, 7, 1)


@dataclass
class World:
    server: LiveServer
    folder: Path
    laptops: dict[str, Vault] = field(default_factory=dict)

    def laptop(self, user: str) -> Vault:
        """A laptop of `user` with its clock fixed at NOW, enrolled with the server."""
        vault = Vault.create(
            self.folder / f"{user}.koers", "laptop-wachtwoord", owner=user, kdf=TEST_KDF,
            clock=FixedClock(NOW),
        )  # fmt: skip
        Casework(vault).seed_default_programmes()
        enroll_device(vault, self.server.url, user, PASSWORD)
        self.laptops[user] = vault
        return vault


def at(day: date) -> datetime:
    return datetime.combine(day, time(10), LOCAL_TZ)


def case(
    work: Casework, programme: str, phase: str, start: date, registered: date | None = None
) -> str:
    return work.add_case(
        Case(
            id=new_id(), display_name="Cliënt Verzonnen", initials="C.V.", programme_id=programme,
            phase_id=phase, start_date=start, registered_on=registered, worker=work.vault.owner,
        )
    )  # fmt: skip


def visit(work: Casework, case_id: str, *days: date) -> None:
    for day in days:
        work.record_contact(Contact(new_id(), case_id, at(day), report="Contact."))


def close(
    work: Casework, case_id: str, on: date, reason: ClosingReason, to: Destination, nazorg: bool
) -> None:
    close_case(work, Closure(new_id(), case_id, on, reason, to, nazorg=nazorg))


def zrm(work: Casework, case_id: str, on: date, financien: int, huisvesting: int) -> None:
    scores = {d: None for d in LifeDomain} | {
        LifeDomain.FINANCIEN: financien,
        LifeDomain.HUISVESTING: huisvesting,
    }
    work.add_zrm(ZrmAssessment(new_id(), case_id, on, work.vault.owner, scores))


def goal(work: Casework, case_id: str, status: GoalStatus) -> None:
    goal_id = work.add_goal(Goal(new_id(), case_id, LifeDomain.FINANCIEN, "Eigen geld.", "cliënt"))
    if status is not GoalStatus.OPEN:
        made = next(g for g in work.case_file(case_id).goals if g.id == goal_id)
        work.update_goal(replace(made, status=status))


def build(world: World) -> None:
    server = world.server
    for team in ("Noord", "Zuid"):
        admin.add_team(server.engine, team)
    for user, role, team in (
        ("wendy", "worker", "Noord"), ("karel", "worker", "Noord"), ("nina", "worker", "Noord"),
        ("gerda", "gedragswetenschapper", "Noord"), ("tessa", "teamleider", "Noord"),
        ("zoe", "worker", "Zuid"), ("maya", "manager", None),
    ):  # fmt: skip
        server.add_user(user, role, team)

    wendy = Casework(world.laptop("wendy"))
    a = case(wendy, "moviera_wijk", "overdracht", D(2026, 7, 1), D(2026, 6, 20))
    close(wendy, a, D(2026, 8, 15), ClosingReason.DOELEN_BEREIKT, Destination.EIGEN_WONING, True)
    visit(wendy, a, D(2026, 9, 10), D(2026, 11, 10))
    b = case(wendy, "ambulant", "begeleiding", D(2026, 7, 10), D(2026, 7, 5))
    close(wendy, b, D(2026, 8, 1), ClosingReason.DOORVERWEZEN, Destination.BUURTTEAM, True)
    c = case(wendy, "ambulant", "begeleiding", D(2026, 3, 1), D(2026, 2, 20))
    zrm(wendy, c, D(2026, 3, 5), 2, 3)
    close(wendy, c, D(2026, 6, 30), ClosingReason.VERHUISD, Destination.EIGEN_WONING, False)
    reopen_case(wendy, Reopening(new_id(), c, D(2026, 8, 20), "Terugval: ex-partner terug."))
    zrm(wendy, c, D(2026, 9, 1), 4, 3)
    goal(wendy, c, GoalStatus.BEHAALD)
    goal(wendy, c, GoalStatus.OPEN)
    visit(wendy, c, D(2026, 10, 27), D(2026, 11, 3), D(2026, 11, 10), D(2026, 11, 17))
    d = case(wendy, "moviera_wijk", "transitie", D(2026, 9, 8), D(2026, 9, 1))
    goal(wendy, d, GoalStatus.GESTOPT)
    wendy.save_safety_plan(
        SafetyPlan(new_id(), d, 1, D(2026, 9, 8), "wendy", D(2026, 11, 1), warning_signals="x")
    )
    visit(wendy, d, D(2026, 11, 2), D(2026, 11, 9), D(2026, 11, 16))

    karel = Casework(world.laptop("karel"))
    e = case(karel, "take_a_break", "veiligheid", D(2026, 7, 20), D(2026, 7, 15))
    close(karel, e, D(2026, 8, 31), ClosingReason.UITVAL, Destination.ONBEKEND, False)
    f = case(karel, "moviera_wijk", "uitproberen", D(2026, 5, 1), D(2026, 4, 20))
    visit(karel, f, D(2026, 11, 5), D(2026, 11, 19))

    zoe = Casework(world.laptop("zoe"))
    for n in range(5):
        g = case(zoe, "ambulant", "begeleiding", D(2026, 6, 1), D(2026, 5, 25))
        close(zoe, g, D(2026, 9, 1 + n), ClosingReason.DOELEN_BEREIKT, Destination.EIGEN_WONING,
              False)  # fmt: skip

    for user in ("wendy", "karel", "zoe"):
        report = sync_now(world.laptops[user])
        assert not report.rejected, report.rejected
    assert admin.assign(server.engine, f, "wendy") == "karel"  # a handover, now
    for user in ("nina", "gerda", "tessa", "maya"):
        sync_now(world.laptop(user))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[World]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp(f"monitoring-{request.param}")
    with pytest.MonkeyPatch.context() as patch:  # account hashing at test strength
        patch.setattr(passwords, "MEMORY_KIB", 1024)
        patch.setattr(passwords, "ITERATIONS", 1)
        with database(request.param, folder) as url:
            live = LiveServer(url).start()
            made = World(live, folder)
            try:
                build(made)
                yield made
            finally:
                for vault in made.laptops.values():
                    vault.lock()
                live.stop()


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def row_of(rows: list[dict[str, str]], worker: str, programme: str, team: str = "Noord"):  # type: ignore[no-untyped-def]
    (found,) = [
        r for r in rows
        if (r["trajectbegeleider"], r["programma"], r["team"]) == (worker, programme, team)
    ]  # fmt: skip
    return found


def flat(path: Path) -> str:
    return " ".join(" ".join(pdf_text(read_pdf(path))).split())


# --- the figures a team leader checks by hand --------------------------------------------


def test_the_team_leader_checks_the_figures_by_hand_in_pdf_and_csv(
    world: World, tmp_path: Path
) -> None:
    tessa = world.laptops["tessa"]
    pdf, table = tmp_path / "overzicht.pdf", tmp_path / "overzicht.csv"
    result = export_team_overview(tessa, pdf)  # the default period: the last full quarter
    export_team_overview(tessa, table, as_csv=True)
    assert result.note is None and result.cases == 5
    rows = csv_rows(table)
    team = row_of(rows, "Totaal", "Totaal")
    assert (team["uitkomstcijfers_periode_van"], team["uitkomstcijfers_periode_tot_en_met"]) == (
        "01-07-2026", "30-09-2026",
    )  # fmt: skip
    assert team["procescijfers_stand_op"] == "22-11-2026" and team["opmerking"] == ""
    # Instroom: aanmeldingen B, D, E; started A, B, D, E, waiting 11, 5, 7, 5 days.
    assert (team["in_zorg"], team["aanmeldingen"], team["gestart"]) == ("6", "3", "4")
    assert team["wachttijd_mediaan_dagen"] == "6,0"
    # Uitstroom: A and B with nazorg, E without; one each by reason: below 5, not printed.
    assert (team["uitstroom"], team["uitstroom_met_nazorg"]) == ("3", "2")
    for reason in ("doelen_bereikt", "doorverwezen", "uitval", "verhuisd"):
        assert team[f"uitstroom_reden_{reason}"] == "< 5"
    assert team["uitstroom_bestemming_eigen_woning"] == "< 5"
    # Nazorg: A's check-in of 14-09 met, B's of 31-08 missed.
    assert (team["nazorg_checkins_gepland"], team["nazorg_checkins_gedaan"],
            team["nazorg_checkins_gemist"]) == ("2", "1", "1")  # fmt: skip
    # Terugval: C, reopened within the guarantee, 7 weeks after closing: printed "< 5".
    for name in ("terugval", "terugval_binnen_garantie", "terugval_binnen_6_maanden",
                 "terugval_binnen_12_maanden"):  # fmt: skip
        assert team[name] == "< 5"
    # Results: C's financien 2 -> 4, huisvesting 3 -> 3; goals behaald, gestopt, open.
    assert (team["zrm_financien_gemeten"], team["zrm_financien_vooruit"]) == ("1", "1")
    assert team["zrm_financien_gemiddelde_verandering"] == "+2,0"
    assert (team["zrm_huisvesting_gelijk"], team["zrm_huisvesting_gemiddelde_verandering"]) == (
        "1", "+0,0",
    )  # fmt: skip
    assert (team["doelen_behaald"], team["doelen_gestopt"], team["doelen_open"]) == ("1", "1", "1")
    assert team["wisseling_begeleider"] == "0"  # F changed hands today, after the quarter

    wendy, karel = row_of(rows, "wendy", "Totaal"), row_of(rows, "karel", "Totaal")
    assert (wendy["aanmeldingen"], wendy["gestart"], wendy["wachttijd_mediaan_dagen"]) == (
        "2", "3", "7,0",
    )  # fmt: skip
    assert (karel["uitstroom"], karel["uitstroom_reden_uitval"]) == ("1", "< 5")
    nina = row_of(rows, "nina", "Totaal")  # a worker without cases: zeros, no error
    assert (nina["in_zorg"], nina["uitstroom"], nina["lopende_casussen"]) == ("0", "0", "0")

    # Process figures of the laptop (running cases on 22-11-2026, the last 28 days).
    ambulant = row_of(rows, "wendy", "Ambulante begeleiding")
    assert (ambulant["lopende_casussen"], ambulant["contact_achterstallig"]) == ("2", "1")
    assert ambulant["contactnaleving_28_dagen_pct"] == "100,0"  # C: 4 of 4; B asks check-ins
    assert (ambulant["nazorg_checkins_28_dagen"], ambulant["nazorg_checkins_28_dagen_gedaan"]) == (
        "1", "0",
    )  # fmt: skip
    moviera = row_of(rows, "wendy", "Moviera in de wijk")
    assert (moviera["lopende_casussen"], moviera["contact_achterstallig"]) == ("3", "1")
    assert moviera["contactnaleving_28_dagen_pct"] == "41,7"  # D 3 of 8, F 2 of 4
    assert moviera["veiligheidsplan_over_evaluatie"] == "1"
    assert moviera["nazorg_naleving_28_dagen_pct"] == "100,0"  # A's check-in of 14-11

    # The PDF prints the same cells.
    text = flat(pdf)
    assert "Periode: 1 juli 2026 t/m 30 september 2026 · Team: Noord" in text
    assert "Team Noord (totaal) 6 3 4 6,0 3 2 0" in text  # instroom, uitstroom, wisseling
    assert "Team Noord (totaal) 2 1 1 < 5 < 5 < 5 < 5" in text  # nazorg and terugval
    assert "Financiën 1 1 0 0 +2,0" in text
    assert "Ambulante begeleiding 2 1 100% 0 0 van 1 Begeleiding 2" in text
    assert "Moviera in de wijk 3 1 42% 1 1 van 1" in text
    for cells in (team, wendy, karel, nina):  # every printed count of these rows
        label = "Team Noord (totaal)" if cells is team else cells["trajectbegeleider"]
        line = " ".join([label] + [cells[n] for n in (
            "in_zorg", "aanmeldingen", "gestart", "wachttijd_mediaan_dagen", "uitstroom",
            "uitstroom_met_nazorg", "wisseling_begeleider")] )  # fmt: skip
        assert " ".join(line.split()) in text
    # Counts only: no client's name, no case id.
    assert "Cliënt" not in text and "Verzonnen" not in text
    assert not any("Verzonnen" in value for row in rows for value in row.values())
    entry = access_log.entries(tessa.db, action="export")[-1]
    assert '"outcomes": true' in entry.detail and '"period": ["2026-07-01", "2026-09-30"]' in (
        entry.detail
    )


def test_a_period_before_the_first_case_says_nothing_ran_and_what_stands_today(
    world: World, tmp_path: Path
) -> None:
    """2020, years before the team's first case: the server counts nothing, and the overview
    says so beside the figures; the process figures are the laptop's running cases as they
    stand today, the same as for any period, and say so."""
    tessa = world.laptops["tessa"]
    early = Period(D(2020, 1, 1), D(2020, 3, 31))
    pdf, table = tmp_path / "2020.pdf", tmp_path / "2020.csv"
    result = export_team_overview(tessa, pdf, period=early)
    export_team_overview(tessa, table, as_csv=True, period=early)
    assert result.note is None  # the server answered
    text = flat(pdf)
    assert "Over de periode: de uitkomstcijfers" in text
    assert "In deze periode liep geen casus van het team: de server telt niets" in text
    assert "Stand op 22 november 2026, niet over de periode" in text
    assert "Procescijfers van deze laptop · stand op 22-11-2026" in text
    assert "Ambulante begeleiding 2 1 100% 0 0 van 1 Begeleiding 2" in text  # as in Q3
    team = row_of(csv_rows(table), "Totaal", "Totaal")
    assert (team["in_zorg"], team["aanmeldingen"], team["uitstroom"]) == ("0", "0", "0")
    assert team["lopende_casussen"] == "5" and team["procescijfers_stand_op"] == "22-11-2026"
    assert "geen casus van het team" in team["opmerking"]


def test_the_server_counts_nazorg_and_terugval_as_the_laptop_rules_do(world: World) -> None:
    """The server restates the check-in rule (it imports nothing from app/): on the same
    cases it counts what app/rules.nazorg_checkins counts."""
    tessa = Casework(world.laptops["tessa"])
    today = tessa.today()
    planned = done = missed = 0
    for item in tessa.cases(include_closed=True):
        programme = tessa.programme(item.programme_id)
        if checkin_plan(item.schedule, programme) is None:
            continue
        days = [c.starts_at.astimezone(LOCAL_TZ).date() for c in tessa.case_file(item.id).contacts]
        for checkin in nazorg_checkins(item.schedule, programme, days, today):
            if Q3.start <= checkin.due_on <= Q3.end:
                planned += 1
                done += checkin.state is CheckinState.GEDAAN
                missed += checkin.state is CheckinState.TE_LAAT
    report = transport_for(tessa.vault).monitoring(Q3.start, Q3.end)
    (team,) = [g for g in report.groups if g.worker is None and g.programme_id is None]
    assert (team.checkins_planned, team.checkins_done, team.checkins_missed) == (
        planned, done, missed,
    ) == (2, 1, 1)  # fmt: skip
    reopened = sum(
        Q3.start <= r.reopened_on <= Q3.end
        for item in tessa.cases(include_closed=True)
        for r in tessa.case_file(item.id).reopenings
    )
    assert team.reopened == reopened == 1
    assert team.closed_by_reason == {"doelen_bereikt": 1, "doorverwezen": 1, "uitval": 1}


def test_a_handover_counts_as_a_change_of_worker_in_its_period(world: World) -> None:
    today = server_today()
    report = transport_for(world.laptops["tessa"]).monitoring(today - timedelta(days=1), today)
    by_worker = {g.worker: g for g in report.groups if g.programme_id is None and g.worker}
    assert by_worker["wendy"].changed_worker == 1 and by_worker["karel"].changed_worker == 0


# --- who may ask ---------------------------------------------------------------------------


def test_the_server_never_answers_a_worker(world: World, tmp_path: Path) -> None:
    for user in ("wendy", "nina", "gerda"):  # workers and a gedragswetenschapper
        vault = world.laptops[user]
        with pytest.raises(NotAuthorised):
            transport_for(vault).monitoring(Q3.start, Q3.end)
        token = sync_state.get(vault, sync_state.DEVICE_TOKEN)
        answer = httpx.get(
            f"{world.server.url}/v1/monitoring",
            params={"from": "2026-07-01", "to": "2026-09-30"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert answer.status_code == 403 and "teamleiders and managers" in answer.text
    assert (
        httpx.get(f"{world.server.url}/v1/monitoring?from=2026-07-01&to=2026-09-30").status_code
        == 401
    )
    # A worker's overview (no cases on this laptop: nina) has the process figures and says
    # why the outcome figures are missing.
    out = tmp_path / "nina.pdf"
    result = export_team_overview(world.laptops["nina"], out, period=Q3)
    text = flat(out)
    assert "Geen lopende casussen in deze kluis." in text
    assert "voor teamleiders en managers" in text and result.note is not None


def test_a_team_leader_sees_only_the_own_team_and_a_manager_all(
    world: World, tmp_path: Path
) -> None:
    tessa = transport_for(world.laptops["tessa"]).monitoring(Q3.start, Q3.end)
    assert tessa.teams == ["Noord"]
    assert {g.worker for g in tessa.groups} == {"wendy", "karel", "nina", None}
    (noord,) = [g for g in tessa.groups if g.worker is None and g.programme_id is None]
    assert noord.closed == 3  # zoe's five closings are not in it

    maya = world.laptops["maya"]
    report = transport_for(maya).monitoring(Q3.start, Q3.end)
    assert report.teams == ["Noord", "Zuid"]
    totals = {g.team: g for g in report.groups if g.worker is None and g.programme_id is None}
    assert (totals["Noord"].closed, totals["Zuid"].closed, totals[None].closed) == (3, 5, 8)
    out = tmp_path / "alle.csv"
    export_team_overview(maya, out, as_csv=True, period=Q3)
    rows = csv_rows(out)
    everyone = row_of(rows, "Totaal", "Totaal", "Alle teams")
    zuid, zoe = row_of(rows, "Totaal", "Totaal", "Zuid"), row_of(rows, "zoe", "Totaal", "Zuid")
    assert everyone["uitstroom_reden_doelen_bereikt"] == "6"
    # Noord's 1 is below 5; Zuid's 5 would then give it away (6 - 5), so it is hidden too,
    # and so is zoe's (Zuid's only worker).
    assert row_of(rows, "Totaal", "Totaal")["uitstroom_reden_doelen_bereikt"] == "< 5"
    assert zuid["uitstroom_reden_doelen_bereikt"] == zoe["uitstroom_reden_doelen_bereikt"] == "< 5"
    assert zuid["uitstroom"] == "5"  # the uitstroom itself is printed


# --- offline and bad input -------------------------------------------------------------------


def test_offline_the_overview_says_the_outcome_figures_need_a_connection(
    server: LiveServer, tmp_path: Path
) -> None:
    admin.add_team(server.engine, "Oost")
    server.add_user("olga", "teamleider", "Oost")
    world = World(server, tmp_path)
    vault = world.laptop("olga")
    work = Casework(vault)
    c = case(work, "ambulant", "begeleiding", D(2026, 10, 1))
    visit(work, c, D(2026, 11, 20))
    sync_now(vault)
    server.stop()  # the connection is gone
    try:
        pdf, table = tmp_path / "o.pdf", tmp_path / "o.csv"
        result = export_team_overview(vault, pdf, period=Q3)
        export_team_overview(vault, table, as_csv=True, period=Q3)
        text = flat(pdf)
        assert "komen van de server en vragen een verbinding" in text
        assert "Ambulante begeleiding 1 0" in text  # the process figures are there
        assert result.note == "the server could not be reached"
        (line,) = [r for r in csv_rows(table) if r["niveau"] == "regel"]
        assert line["lopende_casussen"] == "1" and line["uitstroom"] == ""
        assert "vragen een verbinding" in line["opmerking"]
    finally:
        vault.lock()


def test_an_empty_or_future_period_is_refused_and_nothing_is_written(
    world: World, tmp_path: Path
) -> None:
    tessa = world.laptops["tessa"]
    out = tmp_path / "overzicht.pdf"
    logged = len(access_log.entries(tessa.db, action="export"))
    for period, words in (
        (Period(D(2026, 9, 30), D(2026, 7, 1)), "vóór de begindatum"),
        (Period(D(2026, 11, 1), D(2026, 12, 31)), "toekomst"),
    ):
        with pytest.raises(ValidationError) as info:
            export_team_overview(tessa, out, period=period)
        assert words in info.value.message_nl
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert len(access_log.entries(tessa.db, action="export")) == logged
    # The server refuses them too, in one line, whoever asks.
    transport = transport_for(tessa)
    with pytest.raises(SyncError, match="ends before it starts"):
        transport.monitoring(D(2026, 9, 30), D(2026, 7, 1))
    future = server_today() + timedelta(days=1)
    with pytest.raises(SyncError, match="future"):
        transport.monitoring(D(2026, 7, 1), future)
    answer = httpx.get(
        f"{world.server.url}/v1/monitoring", params={"from": "2026-07-01", "to": "morgen"},
        headers={"Authorization": f"Bearer {sync_state.get(tessa, sync_state.DEVICE_TOKEN)}"},
    )  # fmt: skip
    assert answer.status_code == 422


def test_the_servers_programme_defaults_are_the_ones_koers_ships() -> None:
    """Default programmes are seeded on each laptop and never synced: the server counts
    with its copy of their guarantee period and check-in days, which must stay equal."""
    from app.programmes import DEFAULT_PROGRAMMES
    from app.rules import CHECKIN_WINDOW_DAYS
    from sync.server import monitoring

    assert monitoring.CHECKIN_WINDOW_DAYS == CHECKIN_WINDOW_DAYS
    for programme in DEFAULT_PROGRAMMES:
        rules = monitoring.rules_for({}, programme.id)
        assert rules.guarantee_days == programme.guarantee_days
        assert rules.nazorg_offsets == programme.nazorg_checkin_offsets_days
        assert rules.checkin_offsets == programme.checkin_offsets_days


# --- the demo caseload, synced: what a fresh team leader sees -----------------------------


def team_total(report):  # type: ignore[no-untyped-def]
    (total,) = [g for g in report.groups if g.worker is None and g.programme_id is None]
    return total


def test_the_demo_caseload_and_a_real_intake_give_waiting_days(
    server: LiveServer, tmp_path: Path
) -> None:
    """The demo caseload (app/synthetic.py) and a case as the window makes it (an aanmelding
    through the intake, started later) both have an aanmelding date, so the server finds
    the waiting days from aanmelding to start of the cases that started in the period."""
    admin.add_team(server.engine, "Demo")
    server.add_user("demo", "worker", "Demo")
    server.add_user("lotte", "teamleider", "Demo")
    world = World(server, tmp_path)
    work = Casework(world.laptop("demo"))
    populate(work, 30, seed=7)
    assert sync_now(work.vault).rejected == []
    lotte = world.laptop("lotte")
    sync_now(lotte)
    demo = team_total(transport_for(lotte).monitoring(Q3.start, Q3.end))
    assert demo.started > 0 and demo.waiting_days_median is not None
    # Every started demo case has its aanmelding on or before its start.
    cases = Casework(lotte).cases(include_closed=True)
    assert all(c.registered_on is not None for c in cases)
    assert all(c.start_date is None or c.registered_on <= c.start_date for c in cases)  # type: ignore[operator]

    # The window's way: an aanmelding on 01-08, started on 15-08 (14 days), nothing else.
    admin.add_team(server.engine, "Echt")
    server.add_user("wim", "worker", "Echt")
    server.add_user("tara", "teamleider", "Echt")
    wim = Casework(world.laptop("wim"))
    new = Case(
        id=new_id(), display_name="Cliënt Verzonnen", initials="C.V.", programme_id="ambulant",
        phase_id="begeleiding", start_date=None, registered_on=D(2026, 8, 1), worker="wim",
        status=CaseStatus.AANMELDING,
    )  # fmt: skip
    case_id = register_case(wim, Intake(new))
    wim.update_case(replace(wim.get_case(case_id), start_date=D(2026, 8, 15)))
    sync_now(wim.vault)
    tara = world.laptop("tara")
    sync_now(tara)
    echt = team_total(transport_for(tara).monitoring(Q3.start, Q3.end))
    assert (echt.aanmeldingen, echt.started, echt.waiting_days_median) == (1, 1, 14.0)


def test_a_team_leaders_first_sync_counts_the_cases_it_received(
    server: LiveServer, tmp_path: Path
) -> None:
    """A team leader's laptop receives the team's cases with their creation in the pull
    (not as a handover): they are cases received all the same, and a later sync that
    brings no new case says 0."""
    admin.add_team(server.engine, "Noord")
    server.add_user("wendy", "worker", "Noord")
    server.add_user("tessa", "teamleider", "Noord")
    world = World(server, tmp_path)
    wendy = Casework(world.laptop("wendy"))
    for n in range(3):
        case(wendy, "ambulant", "begeleiding", D(2026, 6, 1 + n), D(2026, 5, 25))
    sync_now(wendy.vault)
    tessa = world.laptop("tessa")
    first = sync_now(tessa)
    assert first.pulled > 0 and first.received_cases == 3
    assert sync_now(tessa).received_cases == 0
    case(wendy, "moviera_wijk", "uitproberen", D(2026, 11, 2), D(2026, 10, 30))
    sync_now(wendy.vault)
    assert sync_now(tessa).received_cases == 1  # a new case of the team
    assert sync_now(wendy.vault).received_cases == 0  # her own cases come back to no one


def test_a_team_named_team_is_not_called_team_team(server: LiveServer, tmp_path: Path) -> None:
    """A team named "Team Oost" is printed "Team Oost", not "Team Team Oost"; a team named
    "West" is "Team West": in the totals, a manager's head rows and the ZRM heading."""
    admin.add_team(server.engine, "Team Oost")
    admin.add_team(server.engine, "West")
    for user, role, team in (("otto", "worker", "Team Oost"), ("olga", "teamleider", "Team Oost"),
                             ("wil", "worker", "West"), ("mia", "manager", None)):  # fmt: skip
        server.add_user(user, role, team)
    world = World(server, tmp_path)
    for user in ("otto", "wil"):
        work = Casework(world.laptop(user))
        c = case(work, "ambulant", "begeleiding", D(2026, 7, 10), D(2026, 7, 1))
        zrm(work, c, D(2026, 7, 12), 2, 3)
        zrm(work, c, D(2026, 9, 1), 3, 3)
        sync_now(work.vault)
    olga, mia = world.laptop("olga"), world.laptop("mia")
    for vault in (olga, mia):
        sync_now(vault)
    export_team_overview(olga, tmp_path / "olga.pdf", period=Q3)
    export_team_overview(mia, tmp_path / "mia.pdf", period=Q3)
    export_team_overview(mia, tmp_path / "mia.csv", period=Q3, as_csv=True)
    own, every = flat(tmp_path / "olga.pdf"), flat(tmp_path / "mia.pdf")
    assert "Team Oost (totaal) 1 1 1 9,0" in own
    assert "Resultaten: ZRM, Team Oost" in own
    assert "Team Oost (totaal) 1 1 1 9,0" in every and "Team West (totaal) 1 1 1 9,0" in every
    assert "Team Oost otto 1 1 1 9,0" in every and "Team West wil 1 1 1 9,0" in every  # heads
    for text in (own, every):
        assert "Team Team" not in text
    teams = {row["team"] for row in csv_rows(tmp_path / "mia.csv")}
    assert teams == {"Team Oost", "West", "Alle teams"}  # the CSV keeps the names as they are


def test_a_team_leader_without_a_team_is_refused_not_shown_every_team(
    server: LiveServer, tmp_path: Path
) -> None:
    """A teamleider made without --team monitors no team: the server refuses (403, one
    line) instead of reading "no team" as "all teams", and the overview says why in Dutch
    (and the CLI's note in English) with no other team's or worker's name in it."""
    for team in ("Noord", "Geheim Opvanghuis West"):
        admin.add_team(server.engine, team)
    server.add_user("wendy", "worker", "Noord")
    server.add_user("yara", "worker", "Geheim Opvanghuis West")
    server.add_user("tim", "teamleider", None)
    world = World(server, tmp_path)
    work = Casework(world.laptop("yara"))
    case(work, "ambulant", "begeleiding", D(2026, 7, 10), D(2026, 7, 1))
    sync_now(work.vault)
    tim = world.laptop("tim")
    sync_now(tim)
    answer = httpx.get(
        f"{server.url}/v1/monitoring", params={"from": "2026-07-01", "to": "2026-09-30"},
        headers={"Authorization": f"Bearer {sync_state.get(tim, sync_state.DEVICE_TOKEN)}"},
    )  # fmt: skip
    assert answer.status_code == 403
    assert "without a team" in answer.text and "\n" not in answer.json()["detail"]
    assert "Geheim" not in answer.text and "wendy" not in answer.text
    out = tmp_path / "tim.pdf"
    result = export_team_overview(tim, out, period=Q3)
    text = flat(out)
    assert "geen team" in text and "Geheim" not in text and "yara" not in text
    assert result.note == "this teamleider account has no team; ask the administrator to add one"


def test_the_servers_closing_codes_are_koers_vocabulary_and_other_text_is_other() -> None:
    """The server counts a closing's reason and destination by name only when Koers'
    vocabulary knows it (its own copy, equal to app/vocabulary.py); any other stored text
    (it could be a client's name) is counted under the vocabulary's "other"."""
    from sync.server import monitoring

    assert monitoring.KNOWN_REASONS == {r.value for r in ClosingReason}
    assert monitoring.KNOWN_DESTINATIONS == {d.value for d in Destination}
    assert monitoring.OTHER_REASON == ClosingReason.ANDERE_REDEN.value
    assert monitoring.OTHER_DESTINATION == Destination.ANDERS_BESTEMMING.value
    facts = monitoring.CaseFacts("c", "wendy", "Noord", start_date=D(2026, 7, 1))
    for closed_on, reason, destination in (
        (D(2026, 7, 10), "Naomi Vermaat (Populierendreef 23)", "Naomi" + "x" * 19995),
        (D(2026, 8, 10), "uitval", "eigen_woning"),
        (D(2026, 9, 10), None, ""),
    ):
        facts.closures.append((closed_on, reason, destination, False))
    tally = monitoring._tally(facts, monitoring.ProgrammeRules(), Q3.start, Q3.end, D(2026, 11, 22))
    figures = tally.figures("Noord", None, None)
    assert figures.closed_by_reason == {"andere_reden": 1, "geen_reden": 1, "uitval": 1}
    assert figures.closed_by_destination == {
        "anders_bestemming": 1, "eigen_woning": 1, "onbekend": 1
    }  # fmt: skip
