"""Kind 1 of issue 14: no laptop's clock is the authority. The server refuses stamps ahead of
its own time, laptops stamp on the server's time and never adopt a stamp from the future,
work stamped while a laptop's clock ran ahead is re-stamped and arrives, decisions with
consequences (grace, retention) use the server's times, and a passphrase wait is never
longer than its step. Against the real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.casework import Casework
from app.retention import closed_cases_due
from app.session import unlock_wait_seconds
from app.sync_service import enroll_device, sync_now
from app.vocabulary import CaseStatus
from storage import journal, sync_state
from storage.clock import FixedClock
from storage.errors import BackoffActive, WrongPassphrase
from storage.hlc import Hlc
from storage.keyfile import key_path_for, read_key_file
from storage.keys import TEST_KDF
from storage.vault import HLC_LAST, Vault, backoff_seconds
from sync.protocol import CLOCK_AHEAD, KEPT_LATE, Change
from sync.server import admin, service
from sync.server import records as held_records
from sync.server.store import late_arrivals, records
from tests.app.test_casework import new_case
from tests.app.test_social_map import entry as partner
from tests.conftest import NOW, PASSPHRASE
from tests.sync.server_harness import PASSWORD, LiveServer

YEAR_2300 = datetime(2300, 1, 1, 12, 0, tzinfo=UTC)
HIGHEST = "999999999999999:99999"
LAPTOP_PASSPHRASE = "laptop-wachtwoord"


class SkewedClock:
    """The laptop's own clock: the real time, `ahead` off (a laptop whose clock is wrong)."""

    def __init__(self, ahead: timedelta) -> None:
        self.ahead = ahead

    def now(self) -> datetime:
        return datetime.now(UTC) + self.ahead


class SkewedLaptop:
    """A worker's laptop with a real vault whose clock is `ahead` of the server's."""

    def __init__(self, folder: Path, server: LiveServer, user: str, ahead: timedelta) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.clock = SkewedClock(ahead)
        self.vault = Vault.create(
            folder / "werk.koers", LAPTOP_PASSPHRASE, owner=user, kdf=TEST_KDF, clock=self.clock
        )
        self.casework = Casework(self.vault)
        self.casework.seed_default_programmes()
        self.device_id = enroll_device(self.vault, server.url, user, PASSWORD)


@pytest.fixture
def skewed(tmp_path: Path, server: LiveServer) -> Iterator:  # type: ignore[type-arg]
    made: list[SkewedLaptop] = []

    def make(user: str, ahead: timedelta) -> SkewedLaptop:
        machine = SkewedLaptop(tmp_path / f"skewed-{user}-{len(made)}", server, user, ahead)
        made.append(machine)
        return machine

    yield make
    for machine in made:
        machine.vault.lock()


def now_ms() -> int:
    return int(time.time() * 1000)


def raw_push(server: LiveServer, vault: Vault, *changes: dict) -> dict:
    """A push of our own making with the laptop's real device token (what a hostile worker
    can send with the laptop they were given)."""
    token = sync_state.get(vault, sync_state.DEVICE_TOKEN)
    response = httpx.post(
        f"{server.url}/v1/push",
        headers={"Authorization": f"Bearer {token}"},
        json={"changes": list(changes)},
    )
    assert response.status_code == 200, response.text
    return response.json()


def change(
    vault: Vault, record_type: str, record_id: str, fields: dict, stamp: str, **extra: object
) -> dict:
    """A change stamped `stamp` (wall:counter) by the laptop's own clock id."""
    return {
        "change_id": str(uuid.uuid4()),
        "record_type": record_type,
        "record_id": record_id,
        "fields": fields,
        "hlc": f"{stamp}:{vault.device_id}",
        **extra,
    }


def server_field(server: LiveServer, record_type: str, record_id: str, field: str) -> object:
    with server.engine.connect() as conn:
        held = held_records.current_fields(conn, record_type, [record_id], [field])
    return held.get(record_id, {}).get(field)


def next_stamp(vault: Vault) -> Hlc:
    with vault.transaction():
        return Hlc.decode(vault.next_hlc())


def assert_on_server_time(stamp: Hlc, slack_ms: int = 60_000) -> None:
    assert abs(stamp.wall_ms - now_ms()) < slack_ms, stamp


def stamp_of(wall: datetime) -> str:
    return f"{int(wall.timestamp() * 1000):015d}:00000"


def rejected_codes(answer: dict) -> list[str]:
    return [r["code"] for r in answer["rejected"]]


# --- a stamp in the year 2300 -------------------------------------------------------------


def test_a_change_stamped_2300_is_refused_and_later_honest_edits_win(server, laptop) -> None:
    for name in ("anna", "bert", "mallory"):
        server.add_user(name)
    anna, bert, mallory = laptop("anna"), laptop("bert"), laptop("mallory")
    entry = partner()
    anna.casework.add_social_map_entry(entry)
    sync_now(anna.vault)

    answer = raw_push(
        server,
        mallory.vault,
        change(
            mallory.vault,
            "social_map_entry",
            entry.id,
            {"phone": "0900-0000000"},
            stamp_of(YEAR_2300),
        ),
    )
    assert answer["accepted"] == [] and rejected_codes(answer) == [CLOCK_AHEAD]
    reason = answer["rejected"][0]["reason"]
    assert "ahead of the server's time" in reason and "0900" not in reason
    assert server_field(server, "social_map_entry", entry.id, "phone") == "030-1234567"

    sync_now(bert.vault)
    bert.casework.update_social_map_entry(replace(entry, phone="030-7654321"), ["phone"])
    assert not sync_now(bert.vault).rejected
    sync_now(anna.vault)
    for machine in (anna, bert):
        (kept,) = machine.casework.social_map()
        assert kept.phone == "030-7654321"
        assert_on_server_time(next_stamp(machine.vault))
    assert server_field(server, "social_map_entry", entry.id, "phone") == "030-7654321"


def test_a_laptop_once_set_to_2300_loses_nothing_and_its_clock_comes_back(
    server, laptop, skewed
) -> None:
    """Its clock ran in 2300 by mistake, then was put right; every edit stamped meanwhile
    (and after, by a clock still standing in 2300) reaches the server re-stamped, none is
    shown as refused, and its stamps follow the server's time from then on."""
    server.add_user("anna")
    server.add_user("bert")
    wrong = skewed("anna", YEAR_2300 - datetime.now(UTC))
    bert = laptop("bert")
    first = partner(organisation="Buurtteam Oost")
    wrong.casework.add_social_map_entry(first)
    wrong.casework.update_social_map_entry(replace(first, area="Oost en Centrum"), ["area"])
    wrong.clock.ahead = timedelta(0)  # the clock is put right ...
    second = partner(organisation="Veilig Thuis")  # ... but the vault's clock stands in 2300
    wrong.casework.add_social_map_entry(second)
    assert wrong.vault.meta(HLC_LAST) >= stamp_of(YEAR_2300)
    order = [e.hlc for e in journal.entries(wrong.vault.db)]

    report = sync_now(wrong.vault)
    assert report.rejected == [] and sync_state.pending_changes(wrong.vault) == 0
    assert wrong.vault.db.execute("SELECT count(*) FROM sync_rejections").fetchone()[0] == 0
    restamped = [e.hlc for e in journal.entries(wrong.vault.db)]
    assert len(restamped) == len(order) == 3
    assert restamped == sorted(restamped)  # the edits keep their order
    for text in restamped:
        assert_on_server_time(Hlc.decode(text))
    # The records carry the new stamps, so a later edit elsewhere is compared with them.
    rows = wrong.vault.db.execute("SELECT updated_hlc, field_hlcs FROM social_map").fetchall()
    assert all(updated in restamped for updated, _ in rows)
    assert all(stamp_of(YEAR_2300)[:4] not in (clocks or "") for _, clocks in rows)
    assert_on_server_time(Hlc.decode(wrong.vault.meta(HLC_LAST)))
    assert_on_server_time(next_stamp(wrong.vault))

    sync_now(bert.vault)
    assert {e.organisation for e in bert.casework.social_map()} == {
        "Buurtteam Oost",
        "Veilig Thuis",
    }
    bert.casework.update_social_map_entry(replace(first, area="Heel de stad"), ["area"])
    sync_now(bert.vault)
    sync_now(wrong.vault)
    assert {e.area for e in wrong.casework.social_map() if e.id == first.id} == {"Heel de stad"}


def test_a_laptop_whose_clock_stays_in_2300_keeps_syncing_on_server_time(
    server, laptop, skewed
) -> None:
    server.add_user("anna")
    server.add_user("bert")
    wrong = skewed("anna", YEAR_2300 - datetime.now(UTC))
    bert = laptop("bert")
    entry = partner()
    wrong.casework.add_social_map_entry(entry)
    assert sync_now(wrong.vault).rejected == []
    # From now on its edits are stamped on the server's time, without a refusal.
    wrong.casework.update_social_map_entry(replace(entry, phone="030-1111111"), ["phone"])
    (latest,) = journal.entries(
        wrong.vault.db, after_seq=sync_state.get_int(wrong.vault, sync_state.PUSHED_SEQ)
    )
    assert_on_server_time(Hlc.decode(latest.hlc))
    assert sync_now(wrong.vault).rejected == []
    sync_now(bert.vault)
    assert [e.phone for e in bert.casework.social_map()] == ["030-1111111"]
    assert_on_server_time(next_stamp(bert.vault))


# --- the highest possible stamp -------------------------------------------------------------


def test_the_highest_possible_stamp_is_refused_at_the_door(server, laptop) -> None:
    server.add_user("anna")
    server.add_user("mallory")
    anna, mallory = laptop("anna"), laptop("mallory")
    entry = partner()
    anna.casework.add_social_map_entry(entry)
    sync_now(anna.vault)
    answer = raw_push(
        server,
        mallory.vault,
        change(mallory.vault, "social_map_entry", entry.id, {"phone": "0900-0000000"}, HIGHEST),
    )
    assert rejected_codes(answer) == [CLOCK_AHEAD]
    assert server_field(server, "social_map_entry", entry.id, "phone") == "030-1234567"
    anna.casework.update_social_map_entry(replace(entry, phone="030-7654321"), ["phone"])
    assert sync_now(anna.vault).rejected == []
    assert server_field(server, "social_map_entry", entry.id, "phone") == "030-7654321"
    assert_on_server_time(next_stamp(anna.vault))


def test_laptops_that_receive_the_highest_stamp_keep_syncing_and_a_revoked_one_is_wiped(
    server, laptop
) -> None:
    """A server from before this fix may hold such a stamp already: a laptop that pulls it
    does not adopt it (its next stamps would outgrow the wire format), so it keeps syncing,
    and a laptop revoked afterwards still receives its wipe."""
    for name in ("anna", "bert", "carl", "mallory"):
        server.add_user(name)
    anna, bert, carl, mallory = (laptop(n) for n in ("anna", "bert", "carl", "mallory"))
    entry = partner()
    anna.casework.add_social_map_entry(entry)
    sync_now(anna.vault)
    poisoned = Change(
        change_id=str(uuid.uuid4()),
        record_type="social_map_entry",
        record_id=entry.id,
        fields={"organisation": "Nep"},
        hlc=f"{HIGHEST}:{mallory.vault.device_id}",
    )
    who = service.authenticate(
        server.engine, sync_state.get(mallory.vault, sync_state.DEVICE_TOKEN)
    )
    # As a server without the stamp check stored it (its "now" at the end of the format).
    stored = service.push(server.engine, who, [poisoned], now=10**12)
    assert stored.accepted == [poisoned.change_id]

    for machine in (anna, bert, carl):
        assert sync_now(machine.vault).rejected == []
        assert any(e.organisation == "Nep" for e in machine.casework.social_map())
        assert_on_server_time(next_stamp(machine.vault))
    anna.casework.add_social_map_entry(partner(organisation="Veilig Thuis"))
    carl.casework.add_social_map_entry(partner(organisation="Wijkteam Zuid"))
    assert sync_now(anna.vault).rejected == []
    sync_now(bert.vault)
    assert "Veilig Thuis" in {e.organisation for e in bert.casework.social_map()}

    (carl_device,) = admin.list_devices(server.engine, "carl")
    admin.revoke_device(server.engine, carl_device.id)
    path = carl.vault.path
    assert sync_now(carl.vault).wiped
    assert not path.exists() and not key_path_for(path).exists()


# --- a laptop 2 hours ahead, and the handover grace ------------------------------------------


def test_a_laptop_two_hours_ahead_stamps_on_server_time_after_one_sync(server, skewed) -> None:
    server.add_user("anna")
    anna = skewed("anna", timedelta(hours=2))
    case = new_case(anna.casework)
    assert Hlc.decode(journal.entries(anna.vault.db)[0].hlc).wall_ms > now_ms() + 3_600_000
    report = sync_now(anna.vault)
    assert report.rejected == [] and report.pushed >= 1
    assert abs(anna.vault.clock_offset_ms + 2 * 3_600_000) < 60_000
    # The case reached the server on the server's time.
    with server.engine.connect() as conn:
        stamp = max(
            won.hlc
            for record_type, record_id, _, won in held_records.merged_view(conn)
            if record_id == case.id
        )
    assert_on_server_time(Hlc.decode(stamp))
    # Later offline edits: on the server's time too.
    anna.casework.update_case(replace(anna.casework.get_case(case.id), phone="06-12345678"))
    (edit,) = journal.entries(
        anna.vault.db, after_seq=sync_state.get_int(anna.vault, sync_state.PUSHED_SEQ)
    )
    assert_on_server_time(Hlc.decode(edit.hlc))


def test_an_offline_edit_made_before_a_handover_is_accepted_within_the_grace(
    server, laptop, skewed
) -> None:
    server.add_user("anna")
    server.add_user("bert")
    anna = skewed("anna", timedelta(hours=2))
    bert = laptop("bert")
    case = new_case(anna.casework)
    sync_now(anna.vault)  # synced once, 2 hours ahead
    anna.casework.update_case(replace(anna.casework.get_case(case.id), phone="06-12345678"))
    assert admin.assign(server.engine, case.id, "bert") == "anna"  # then the handover

    report = sync_now(anna.vault)
    assert report.rejected == [] and report.kept_late == 0
    assert server_field(server, "case", case.id, "phone") == "06-12345678"
    sync_now(bert.vault)
    assert bert.casework.get_case(case.id).phone == "06-12345678"


def test_an_edit_made_after_the_handover_stamped_1970_becomes_a_late_arrival(
    server, laptop
) -> None:
    server.add_user("anna")
    server.add_user("bert")
    anna, bert = laptop("anna"), laptop("bert")
    case = new_case(anna.casework, phone="06-11111111")
    sync_now(anna.vault)
    admin.assign(server.engine, case.id, "bert")
    sync_now(anna.vault)  # the old holder's laptop pulls after the handover
    answer = raw_push(
        server,
        anna.vault,
        change(anna.vault, "case", case.id, {"phone": "06-99999999"}, "000000000000001:00000"),
    )
    assert answer["accepted"] == [] and rejected_codes(answer) == [KEPT_LATE]
    assert server_field(server, "case", case.id, "phone") == "06-11111111"
    with server.engine.connect() as conn:
        kept = conn.execute(
            select(late_arrivals.c.case_id).where(late_arrivals.c.case_id == case.id)
        ).all()
    assert len(kept) == 1
    sync_now(bert.vault)
    assert bert.casework.get_case(case.id).phone == "06-11111111"


# --- retention --------------------------------------------------------------------------


def close(casework: Casework, case_id: str) -> None:
    casework.update_case(replace(casework.get_case(case_id), status=CaseStatus.AFGESLOTEN))


def test_retention_of_one_skewed_laptop_does_not_delay_the_others(server, laptop, skewed) -> None:
    server.add_user("anna")
    server.add_user("bert")
    ahead = skewed("anna", timedelta(days=40))  # its cases would stay 40 days too long
    second = laptop("anna")
    honest = laptop("bert")
    late, usual = new_case(ahead.casework), new_case(honest.casework)
    close(ahead.casework, late.id)
    close(honest.casework, usual.id)
    for machine in (ahead, honest, second):
        assert sync_now(machine.vault).rejected == []

    # The server counts from when it received the closing, whoever's clock stamped it.
    soon, later = time.time() + 29 * 86400, time.time() + 31 * 86400
    assert admin.purge_closed_cases(server.engine, 30, now=soon, dry_run=True) == []
    assert admin.purge_closed_cases(server.engine, 30, now=later, dry_run=True) == sorted(
        [late.id, usual.id]
    )
    # So do the laptops: anna's other one, which received the case from the skewed one, and
    # the skewed one itself, whose own clock says the case closed 40 days ago.
    for machine in (second, ahead):
        programme = machine.casework.programme("ambulant")
        machine.casework.save_programme(replace(programme, guarantee_days=0))
        assert closed_cases_due(machine.vault) == []
        assert closed_cases_due(machine.vault, datetime.now(UTC) + timedelta(days=29)) == []
        assert closed_cases_due(machine.vault, datetime.now(UTC) + timedelta(days=31)) == [late.id]


def test_server_retention_reads_the_receive_time_not_the_stamp(server) -> None:
    """Stored stamps decide nothing: a closing stamped in 2300 that arrived 31 days ago is
    due, one stamped 31 days back (a laptop behind) that arrived today is not; rows stored
    before the server kept receive times fall back to their stamp."""
    now = time.time()
    rows = {
        "ahead-arrived-long-ago": (stamp_of(YEAR_2300), now - 31 * 86400),
        "behind-arrived-today": (stamp_of(datetime.now(UTC) - timedelta(days=31)), now),
        "old-row-without-receive-time": (stamp_of(datetime.now(UTC) - timedelta(days=31)), None),
        "old-row-recent": (stamp_of(datetime.now(UTC) - timedelta(days=2)), None),
    }
    with server.engine.begin() as conn:
        for case_id, (stamp, received_at) in rows.items():
            # As an older server kept them (revision 0005 keeps a value inline when no
            # stored change carries it): value, stamp, receive time or null.
            conn.execute(
                records.insert().values(
                    record_type="case",
                    record_id=case_id,
                    case_id=case_id,
                    winners=json.dumps(
                        {"status": [json.dumps("afgesloten"), f"{stamp}:laptop", received_at]}
                    ),
                )
            )
    assert admin.purge_closed_cases(server.engine, 30, dry_run=True) == [
        "ahead-arrived-long-ago",
        "old-row-without-receive-time",
    ]


# --- the wrong-passphrase backoff -----------------------------------------------------------


def test_a_typo_while_the_clock_ran_ahead_does_not_lock_the_worker_out(tmp_path: Path) -> None:
    """One typo while the clock was 2 hours ahead, then the clock is corrected: the right
    passphrase opens (it was refused for 7,140 s)."""
    path = tmp_path / "werk.koers"
    clock = FixedClock(NOW + timedelta(hours=2))
    Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock).lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "fout-fout-fout", clock=clock)
    clock.set(NOW + timedelta(seconds=60))
    assert unlock_wait_seconds(path, clock.now()) == 0
    with Vault.open(path, PASSPHRASE, clock=clock):
        pass


def test_a_wait_is_never_longer_than_the_backoff_step(tmp_path: Path) -> None:
    path = tmp_path / "werk.koers"
    clock = FixedClock(NOW + timedelta(hours=2))
    Vault.create(path, PASSPHRASE, owner="tester", kdf=TEST_KDF, clock=clock).lock()
    for _ in range(5):
        with pytest.raises((WrongPassphrase, BackoffActive)):
            Vault.open(path, "fout-fout-fout", clock=clock)
        clock.advance(seconds=300)
    failures = read_key_file(key_path_for(path)).failed_attempts
    step = backoff_seconds(failures)
    assert step > 0
    clock.set(NOW)  # the clock is corrected: the failures now lie hours in the future
    assert 0 < unlock_wait_seconds(path, clock.now()) <= step
    with pytest.raises(BackoffActive) as info:
        Vault.open(path, PASSPHRASE, clock=clock)
    assert info.value.wait_seconds <= step
    clock.advance(seconds=step + 1)
    with Vault.open(path, PASSPHRASE, clock=clock):
        pass
