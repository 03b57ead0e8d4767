"""One rule answers "next contact due / overdue" for every screen and command: the same cases
fed to the caseload, Vandaag, `koers cases --json` and the team overview agree on every date.

`koers` runs as a process on the real clock, so the vault is written at today's real time."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.case import Case, FrequencyOverride
from app.caseload import caseload
from app.casework import Casework, new_id
from app.closing import Reopening, close_case, reopen_case
from app.dashboard import build_dashboard
from app.intake import Intake, register_case
from app.programmes import ContactFrequency
from app.rules import local_date, next_contact_due
from app.team_overview import team_overview
from app.vocabulary import CaseStatus
from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.vault import Vault
from tests.app.test_closing import closure
from tests.app.test_programme_rules import started_case, visit
from tests.cli.test_cli import koers
from tests.conftest import PASSPHRASE

INCIDENT = "Incident: ex-partner stond voor de deur."


@dataclass(frozen=True)
class Due:
    due_on: date | None
    overdue_days: int


def build_cases(casework: Casework) -> dict[str, str]:
    """The mix of cases of issue 12; returns case id -> what it is."""
    t = casework.today()
    made: dict[str, str] = {}

    aanmelding = Case(
        new_id(), "Aanmelding Amber", "", "moviera_wijk", "analyse", None, "tester",
        CaseStatus.AANMELDING, registered_on=t - timedelta(days=3),
    )  # fmt: skip
    made[register_case(casework, Intake(aanmelding))] = "aanmelding"

    actief = started_case(casework, "ambulant", "begeleiding", 60, display_name="Actief Bo")
    visit(casework, actief, t - timedelta(days=5))
    casework.set_frequency_override(
        actief.id, FrequencyOverride(ContactFrequency(3, 7), INCIDENT, t - timedelta(days=10))
    )
    made[actief.id] = "actief met override"

    nazorg = started_case(casework, "moviera_wijk", "overdracht", 200, display_name="Nazorg Cas")
    visit(casework, nazorg, t - timedelta(days=30))
    close_case(casework, closure(nazorg.id, t - timedelta(days=20), nazorg=True))
    casework.set_frequency_override(
        nazorg.id, FrequencyOverride(ContactFrequency(3, 7), INCIDENT, t - timedelta(days=4))
    )
    made[nazorg.id] = "nazorg met override"

    quiet = started_case(casework, "moviera_wijk", "overdracht", 200, display_name="Nazorg Dewi")
    close_case(casework, closure(quiet.id, t - timedelta(days=25), nazorg=True))
    made[quiet.id] = "nazorg"

    closed = started_case(casework, "ambulant", "begeleiding", 90, display_name="Gesloten Eva")
    close_case(casework, closure(closed.id, t - timedelta(days=10)))
    made[closed.id] = "afgesloten"

    back = started_case(casework, "ambulant", "begeleiding", 300, display_name="Terug Fenna")
    close_case(casework, closure(back.id, t - timedelta(days=100)))
    reopen_case(casework, Reopening(new_id(), back.id, t - timedelta(days=3), "Terugval."))
    made[back.id] = "heropend"

    switched = started_case(casework, "moviera_wijk", "transitie", 60, display_name="Wissel Gijs")
    for days_ago in (20, 16, 12, 2):
        visit(casework, switched, t - timedelta(days=days_ago))
    casework.switch_programme(switched.id, "ambulant", t - timedelta(days=10))
    made[switched.id] = "ander programma"

    ahead = started_case(casework, "moviera_wijk", "transitie", 30, display_name="Straks Hans")
    visit(casework, ahead, t - timedelta(days=5))
    casework.switch_programme(ahead.id, "ambulant", t + timedelta(days=7))
    made[ahead.id] = "wissel gepland"
    return made


def by_the_rule(casework: Casework, case_id: str) -> Due:
    """The one rule applied to the case file as read (not to the caseload's SQL shortcuts)."""
    case_file = casework.case_file(case_id)
    case = case_file.case
    days = sorted(local_date(c.starts_at) for c in case_file.done_contacts if c.counts_as_contact)
    programmes = casework.programmes()
    due = next_contact_due(
        case.schedule, programmes[case.programme_id], days[-1] if days else None,
        casework.today(), days, programmes,
    )  # fmt: skip
    return Due(due.due_on, due.overdue_days)


def test_a_nazorg_case_with_an_override_is_due_by_the_override(casework: Casework) -> None:
    today = casework.today()
    case = started_case(casework, "moviera_wijk", "overdracht", 200)
    visit(casework, case, today - timedelta(days=12))
    close_case(casework, closure(case.id, today - timedelta(days=10), nazorg=True))
    rows = caseload(casework.vault.db, casework.programmes(), today)
    assert rows[0].due.due_on == today + timedelta(days=20) and rows[0].overdue_days == 0
    casework.set_frequency_override(
        case.id, FrequencyOverride(ContactFrequency(3, 7), INCIDENT, today - timedelta(days=2))
    )
    (row,) = caseload(casework.vault.db, casework.programmes(), today)
    assert row.due.due_on == today - timedelta(days=9)  # 3 days after the last contact
    assert row.overdue_days == 9 and row.is_due
    (line,) = [line for line in team_overview(casework).lines if line.active]
    assert line.overdue == 1
    assert [r.case_id for r in build_dashboard(casework.vault.db, casework.programmes(),
                                                today).overdue] == [case.id]  # fmt: skip
    # Once the override has ended, the check-ins are what is due again.
    casework.end_frequency_override(case.id)
    later = today + timedelta(days=1)
    (row,) = caseload(casework.vault.db, casework.programmes(), later)
    assert row.due.due_on == today + timedelta(days=20) and row.overdue_days == 0


def _compare(path: Path) -> date:
    """Write the mix at today's real time, then compare every view; returns the day used."""
    clock = FixedClock(datetime.now(UTC))
    with Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock) as vault:
        casework = Casework(vault)
        casework.seed_default_programmes()
        made = build_cases(casework)
        today, programmes = casework.today(), casework.programmes()

        rule = {case_id: by_the_rule(casework, case_id) for case_id in made}
        rows = {r.case_id: r for r in caseload(vault.db, programmes, today, include_closed=True)}
        dashboard = build_dashboard(vault.db, programmes, today)
        overview = team_overview(casework)
        workers_programmes = {r.case_id: (r.worker, r.programme) for r in rows.values()}

    expected = {
        "aanmelding": Due(today + timedelta(days=1), 0),
        "actief met override": Due(today - timedelta(days=2), 2),
        "nazorg met override": Due(today - timedelta(days=27), 27),
        "nazorg": Due(today + timedelta(days=5), 0),
        "afgesloten": Due(None, 0),
        "heropend": Due(today + timedelta(days=4), 0),
        "ander programma": Due(today + timedelta(days=5), 0),
        "wissel gepland": Due(today - timedelta(days=1), 1),
    }
    assert {made[c]: due for c, due in rule.items()} == expected

    # The caseload (the window's list and Vandaag read it).
    assert {c: Due(r.due.due_on, r.overdue_days) for c, r in rows.items()} == rule
    assert {c for c, r in rows.items() if r.is_due} == {
        c for c, d in rule.items() if d.due_on is not None and d.due_on <= today
    }
    # Vandaag: the running cases, the overdue list, the nazorg check-ins coming up.
    running = {c for c in made if made[c] != "afgesloten"}
    assert {r.case_id: Due(r.due.due_on, r.overdue_days) for r in dashboard.caseload} == {
        c: rule[c] for c in running
    }
    assert {r.case_id for r in dashboard.overdue} == {c for c, d in rule.items() if d.overdue_days}
    assert {made[r.case_id] for r in dashboard.checkins_due} == {"nazorg", "nazorg met override"}
    # The team overview counts the same overdue cases per worker and programme.
    overdue_lines = Counter(
        workers_programmes[c] for c, d in rule.items() if d.overdue_days and c in running
    )
    assert {
        (line.worker, line.programme): line.overdue for line in overview.lines if line.overdue
    } == dict(overdue_lines)
    assert sum(line.active for line in overview.lines) == len(running)

    # `koers cases --json` (all cases, closed too) and `--due`.
    result = koers("cases", "--vault", str(path), "--json", "--all")
    assert result.returncode == 0, result.stderr
    listed = {
        r["case_id"]: Due(date.fromisoformat(r["next_due"]) if r["next_due"] else None,
                          r["overdue_days"])
        for r in json.loads(result.stdout)
    }  # fmt: skip
    assert listed == rule
    due_only = json.loads(koers("cases", "--vault", str(path), "--json", "--due").stdout)
    assert {r["case_id"] for r in due_only} == {c for c, r in rows.items() if r.is_due}
    return today


def test_every_view_agrees_on_every_due_date(tmp_path: Path) -> None:
    for attempt in range(2):  # the CLI reads the real clock: retry if midnight passed
        today = _compare(tmp_path / f"werk-{attempt}.koers")
        if local_date(datetime.now(UTC)) == today:
            return
    raise AssertionError("the day changed twice during the test")
