"""The server answers the same pulls whatever its storage looks like inside.

A fixed scenario (fixed server times, change ids and clock stamps) is pushed through the
server's own functions: several accounts in two teams, cases made and edited on two laptops
of one worker with the same field edited on both (the loser kept as a conflict), a case
named after the wrong worker (the server's own `worker` change), a handover (the server's
holder change), an edit kept as a late arrival and accepted by the operator, organisation
records, a retention purge. Then every account pulls from several cursors with several
limits. What the server answered (push answers, pulled changes in order, cursors, `more`,
visible cases), the conflicts it kept and its merged view (per record: field -> value,
stamp, arrival time) must equal tests/sync/pull_answers_golden.json, recorded with the
storage of before issue 17 (field_state and record_cases). Changes the server makes itself
get random ids: those are numbered in order of first appearance.

Regenerate (only when the answers are meant to change): KOERS_REGENERATE_GOLDEN=1 pytest
tests/sync/test_pull_answers_unchanged.py.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from storage.hlc import Hlc
from sync.protocol import Change
from sync.server import admin, late, records, service, store
from sync.server.access import Principal
from tests.sync.server_harness import database
from tests.sync.wire_records import created_fields

GOLDEN = Path(__file__).with_name("pull_answers_golden.json")
DAY = 86400.0
NOW = 1_800_000_000.0  # the server's time at the end of the scenario
T0 = NOW - 40 * DAY
PASSWORD = "een-lang-wachtwoord-voor-de-test"
CLOCKS = {
    "anna-1": "clock-anna-1",
    "anna-2": "clock-anna-2",
    "bram": "clock-bram",
    "tess": "clock-tess",
    "cas": "clock-cas",
    "dirk": "clock-dirk",
}
USERS = {  # laptop -> (account, role, team)
    "anna-1": ("anna", "worker", "Noord"),
    "anna-2": ("anna", "worker", "Noord"),
    "bram": ("bram", "worker", "Noord"),
    "tess": ("tess", "teamleider", "Noord"),
    "cas": ("cas", "worker", "Zuid"),
    "dirk": ("dirk", "worker", "Zuid"),
}


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as made:
        yield made


class Scenario:
    """The fixed pushes, each answer recorded."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.answers: list[dict[str, Any]] = []
        self.who: dict[str, Principal] = {}
        self.counter = 0

    def enrol(self) -> None:
        admin.add_team(self.engine, "Noord", True)
        admin.add_team(self.engine, "Zuid", False)
        for name, role, team in sorted({v for v in USERS.values()}):
            admin.add_user(self.engine, name, PASSWORD, role, team)
        for laptop, (name, _, _) in USERS.items():
            made = service.enroll(
                self.engine, name, PASSWORD, laptop, now=T0, clock_id=CLOCKS[laptop]
            )
            self.who[laptop] = service.authenticate(self.engine, made.token, now=T0)

    def change(
        self,
        laptop: str,
        at: float,
        record_type: str,
        record_id: str,
        fields: dict[str, Any],
        *,
        created: bool = False,
        counter: int = 0,
    ) -> Change:
        self.counter += 1
        return Change(
            change_id=f"ch-{self.counter:03d}",
            record_type=record_type,
            record_id=record_id,
            fields=fields,
            hlc=Hlc(int(at * 1000), counter, CLOCKS[laptop]).encode(),
            device_id=CLOCKS[laptop],
            created=created,
        )

    def push(self, laptop: str, now: float, batch: list[Change]) -> None:
        answer = service.push(self.engine, self.who[laptop], batch, now=now)
        self.answers.append({"laptop": laptop, **answer.model_dump(mode="json")})


def _at(monkeypatch: pytest.MonkeyPatch, when: float) -> None:
    """The server's clock for the operator's commands (they read time.time())."""
    monkeypatch.setattr(time, "time", lambda: when)


def run_scenario(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Scenario:
    s = Scenario(engine)
    s.enrol()
    day = lambda n: T0 + n * DAY  # noqa: E731
    case = created_fields("case")
    # Day 1: anna makes two cases with a contact each; cas makes a case naming the wrong
    # worker (the server names its holder); organisation records.
    s.push(
        "anna-1",
        day(1),
        [
            s.change("anna-1", day(1) - 60, "case", "case-a1", case, created=True),
            s.change("anna-1", day(1) - 50, "case", "case-a2", case, created=True),
            s.change(
                "anna-1",
                day(1) - 40,
                "contact",
                "contact-a1",
                created_fields("contact", "case-a1"),
                created=True,
            ),
            s.change(
                "anna-1",
                day(1) - 30,
                "social_map_entry",
                "smap-1",
                created_fields("social_map_entry"),
                created=True,
            ),
        ],
    )
    s.push(
        "cas",
        day(1) + 10,
        [
            s.change("cas", day(1), "case", "case-c1", case, created=True),
            s.change(
                "cas",
                day(1) + 1,
                "household_member",
                "member-c1",
                created_fields("household_member", "case-c1"),
                created=True,
            ),
            s.change(
                "cas",
                day(1) + 2,
                "contact",
                "contact-c1",
                created_fields("contact", "case-c1"),
                created=True,
            ),
        ],
    )
    s.push(
        "bram",
        day(1) + 20,
        [
            s.change(
                "bram", day(1) + 5, "case", "case-b1", {**case, "worker": "bram"}, created=True
            ),
            s.change("bram", day(1) + 6, "social_map_entry", "smap-1", {"phone": "020-1"}),
        ],
    )
    s.push(
        "tess",
        day(1) + 30,
        [
            s.change(
                "tess",
                day(1) + 25,
                "programme",
                "prog-1",
                created_fields("programme"),
                created=True,
            )
        ],
    )
    s.push(
        "dirk",
        day(1) + 40,
        [
            s.change(
                "dirk", day(1) + 35, "case", "case-d1", {**case, "worker": "dirk"}, created=True
            )
        ],
    )
    # Day 2-3: the same fields on anna's two laptops, offline. anna-2 wins the phone (later
    # stamp) and arrives first, so anna-1's phone is the loser arriving later; anna-1 wins
    # the language and arrives first, anna-2's older language arrives later; both set the
    # same initials (equal values: no conflict).
    a1_phone = s.change(
        "anna-1", day(2), "case", "case-a1", {"phone": "06-11111111", "initials": "A.B."}
    )
    a2_phone = s.change(
        "anna-2", day(2) + 5, "case", "case-a1", {"phone": "06-22222222", "initials": "A.B."}
    )
    a1_lang = s.change("anna-1", day(3), "case", "case-a1", {"language": "ar"})
    a2_lang = s.change("anna-2", day(2) + 600, "case", "case-a1", {"language": "tr"})
    report_1 = s.change(
        "anna-1", day(2) + 700, "contact", "contact-a1", {"report": "Eerste versie."}
    )
    report_2 = s.change(
        "anna-2", day(2) + 800, "contact", "contact-a1", {"report": "Tweede versie."}
    )
    s.push("anna-2", day(3) + 100, [a2_phone, report_2])
    s.push("anna-1", day(3) + 200, [a1_phone, a1_lang, report_1])
    s.push("anna-2", day(3) + 300, [a2_lang, a2_phone])  # a2_phone again: a resend
    # Refusals answered as before: a record id of another type, another worker's case, a
    # server-held field, a change id known with other content.
    s.push(
        "bram",
        day(3) + 400,
        [
            s.change(
                "bram",
                day(3) + 390,
                "contact",
                "case-b1",
                created_fields("contact", "case-b1"),
                created=True,
            ),
            s.change("bram", day(3) + 391, "case", "case-c1", {"phone": "06-9"}),
            s.change("bram", day(3) + 392, "case", "case-b1", {"worker": "anna"}),
            Change(**{**a1_lang.model_dump(), "fields": {"language": "nl"}}),
            s.change("bram", day(3) + 393, "case", "case-a2", {"phone": "06-33333333"}),
        ],
    )
    # Day 5: case-a2 handed from anna to bram with tess as back-up (the server's change).
    _at(monkeypatch, day(5))
    admin.assign(engine, "case-a2", "bram", backup="tess", by_name="operator")
    admin.assign(engine, "case-d1", "cas", by_name="operator")  # team Zuid shares nothing
    # Day 6: cas closes case-c1; bram closes case-b1 on day 20 (too recent to purge).
    s.push(
        "cas", day(6), [s.change("cas", day(6) - 5, "case", "case-c1", {"status": "afgesloten"})]
    )
    s.push(
        "bram", day(6) + 10, [s.change("bram", day(6), "case", "case-a2", {"phone": "06-44444444"})]
    )
    s.push(
        "bram",
        day(20),
        [s.change("bram", day(20) - 5, "case", "case-b1", {"status": "afgesloten"})],
    )
    # Day 25: dirk sends an edit of case-d1 made on day 4, past the handover's grace: kept
    # as a late arrival; the operator accepts it on day 26. anna edits her own case.
    s.push(
        "dirk",
        day(25),
        [s.change("dirk", day(4), "case", "case-d1", {"phone": "06-66666666"})],
    )
    s.push(
        "anna-1",
        day(25) + 5,
        [s.change("anna-1", day(25) - 10, "case", "case-a1", {"phone": "06-55555555"})],
    )
    _at(monkeypatch, day(26))
    late_id = late.list_all(engine)[0].id
    late.accept_by_operator(engine, late_id)
    # Day 27: a new case of dirk and an edit of the social map entry; then the purge.
    s.push(
        "dirk",
        day(27),
        [
            s.change(
                "dirk", day(27) - 5, "case", "case-d2", {**case, "worker": "dirk"}, created=True
            ),
            s.change("dirk", day(27) - 4, "social_map_entry", "smap-1", {"area": "Zuid"}),
        ],
    )
    purged = admin.purge_closed_cases(engine, 30, now=NOW)
    s.answers.append({"purged": purged})
    s.push(
        "anna-2", NOW - 100, [s.change("anna-2", NOW - 200, "case", "case-a1", {"language": "fa"})]
    )
    monkeypatch.undo()
    return s


def merged_view(engine: Engine) -> dict[str, dict[str, list[Any]]]:
    """The server's merged view: per record (type/id), field -> [value as JSON text, the
    winning stamp, the server time it arrived]."""
    view: dict[str, dict[str, list[Any]]] = {}
    with engine.connect() as conn:
        for record_type, record_id, field, won in records.merged_view(conn):
            view.setdefault(f"{record_type}/{record_id}", {})[field] = [
                won.value,
                won.hlc,
                won.received_at,
            ]
    return {k: dict(sorted(v.items())) for k, v in sorted(view.items())}


def kept_conflicts(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(select(store.conflicts)).mappings().all()
    found = [{k: v for k, v in r.items() if k != "id"} for r in rows]
    return sorted(
        found, key=lambda r: (r["record_type"], r["record_id"], r["field"], r["losing_hlc"])
    )


def pulls(engine: Engine, s: Scenario) -> dict[str, Any]:
    """Every laptop pulls from several cursors with several limits; and pages through."""
    with engine.connect() as conn:
        top = (
            conn.execute(select(store.changes.c.seq).order_by(store.changes.c.seq.desc())).scalar()
            or 0
        )
    cursors = sorted({0, 1, 5, top // 3, top // 2, top - 2, top})
    answers: dict[str, Any] = {}
    for laptop in ("anna-1", "bram", "tess", "cas", "dirk"):
        who = s.who[laptop]
        mine: dict[str, Any] = {}
        for cursor in cursors:
            for limit in (1, 3, 1000):
                got = service.pull(engine, who, cursor, limit, now=NOW)
                mine[f"{cursor}/{limit}"] = got.model_dump(mode="json")
        pages, cursor, more = [], 0, True
        while more:
            got = service.pull(engine, who, cursor, 4, now=NOW)
            pages.append(got.model_dump(mode="json"))
            cursor, more = got.cursor, got.more
        mine["pages"] = pages
        answers[laptop] = mine
    return answers


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normalised(found: Any) -> Any:
    """`found` with each random id (the server's own changes) replaced by `server-N`, N in
    order of first appearance."""
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        return names.setdefault(match.group(0), f"server-{len(names) + 1}")

    return json.loads(_UUID.sub(rename, json.dumps(found)))


def test_the_server_answers_the_same_pulls_as_before(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = store.connect(url)
    try:
        s = run_scenario(engine, monkeypatch)
        found = normalised(
            {
                "pushes": s.answers,
                "pulls": pulls(engine, s),
                "conflicts": kept_conflicts(engine),
                "merged": merged_view(engine),
            }
        )
    finally:
        engine.dispose()
    if os.environ.get("KOERS_REGENERATE_GOLDEN") and url.startswith("sqlite"):
        GOLDEN.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    expected = json.loads(GOLDEN.read_text())
    assert found["pushes"] == expected["pushes"]
    assert found["conflicts"] == expected["conflicts"]
    assert found["merged"] == expected["merged"]
    for laptop, answers in expected["pulls"].items():
        for key, answer in answers.items():
            assert found["pulls"][laptop][key] == answer, (laptop, key)
    assert found == expected
