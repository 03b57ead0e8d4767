"""Several laptops, one server, random offline work, random sync orders and interrupted syncs,
laptop clocks set wrong (hours ahead or behind, the year 2300, jumping back and forth),
hostile pushes (a spoofed device, a reused change id, oversized and malformed values) and
handovers while laptops hold unsent or refused changes.

Afterwards, once every laptop has synced twice: no laptop stopped syncing; every laptop holds
exactly what the server holds for the cases its worker may see (and keeps a case it may no
longer see only while it holds work of it the server refused); every value that was
overwritten can be found as a conflict (or, superseded by its own laptop, in the server's
changes); and every edit a worker made is on the server (as a value, a conflict or a late
arrival for the case's new holder) or listed as refused on their laptop. Examples:
KOERS_STATEFUL_EXAMPLES (CI default 15; bench/sync_stateful.py runs many more).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import httpx
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule
from sqlalchemy import select

from app.casework import new_id
from app.contact import Contact
from app.errors import ValidationError
from app.sync_service import SyncReport, pull_changes, push_journal, sync_now, transport_for
from storage import journal, sync_state
from storage.clock import SystemClock
from sync.client import ServerUnreachable
from sync.server import access, admin
from sync.server import records as held_records
from sync.server.access import Principal
from sync.server.store import changes, conflicts, late_arrivals, records, users
from tests.app.test_casework import new_case
from tests.sync.conftest import Laptop
from tests.sync.server_harness import LiveServer

EXAMPLES = int(os.environ.get("KOERS_STATEFUL_EXAMPLES", "15"))
USERS = ("anna", "bram")
DEVICES = (("anna", 0), ("anna", 1), ("bram", 0))
FIELDS = ("phone", "language", "initials")
VALUES = ("a", "b", "c", "d")
# How wrong a laptop's clock may be set: none, hours, a year 2300, decades back.
SKEWS = (
    timedelta(0),
    timedelta(hours=2),
    timedelta(hours=-2),
    datetime(2300, 1, 1) - datetime(2026, 11, 30),
    timedelta(days=-365 * 30),
)
HOSTILE = ("spoofed_device", "reused_change_id", "oversized", "nested", "unknown_field")


class SkewedClock(SystemClock):
    """The real time, set wrong by `skew` (a laptop whose clock is off)."""

    def __init__(self, skew: timedelta) -> None:
        self.skew = skew

    def now(self) -> datetime:
        return super().now() + self.skew


class LosesAnswers:
    """A transport whose k-th call reaches the server but whose answer is lost on the way."""

    def __init__(self, real, fail_at: int) -> None:  # type: ignore[no-untyped-def]
        self.real, self.calls, self.fail_at = real, 0, fail_at

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        method = getattr(self.real, name)

        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.calls += 1
            answer = method(*args, **kwargs)
            if self.calls == self.fail_at:
                raise ServerUnreachable("connection dropped")
            return answer

        return call


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="koers-stateful-"))
        self.server = LiveServer(f"sqlite:///{self.folder / 'server.db'}").start()
        for user in USERS:
            self.server.add_user(user)
        self.laptops = [Laptop(self.folder / f"{u}{i}", self.server, u) for u, i in DEVICES]
        self.cases: list[str] = []
        # (case id, field, value, change id) of every edit
        self.written: list[tuple[str, str, object, str]] = []

    def teardown(self) -> None:
        try:
            self.check_convergence()
        finally:
            for machine in self.laptops:
                machine.vault.lock()
            self.server.stop()
            shutil.rmtree(self.folder, ignore_errors=True)

    # --- random work -----------------------------------------------------------------

    @rule(device=st.integers(0, len(DEVICES) - 1))
    def create_case(self, device: int) -> None:
        # A clock decades off makes the app refuse the dates it is given: nothing written.
        with contextlib.suppress(ValidationError):
            case = new_case(self.laptops[device].casework)
            self.cases.append(case.id)

    @precondition(lambda self: self.cases)
    @rule(
        device=st.integers(0, len(DEVICES) - 1),
        pick=st.integers(0, 50),
        field=st.sampled_from(FIELDS),
        value=st.sampled_from(VALUES),
    )
    def edit(self, device: int, pick: int, field: str, value: str) -> None:
        work = self.laptops[device].casework
        case_id = self.cases[pick % len(self.cases)]
        if work.store.get("case", case_id) is None:
            return
        try:
            changed = work.update_case(replace(work.get_case(case_id), **{field: value}))
        except ValidationError:
            return
        if changed:
            change_id = journal.entries(work.vault.db, record_id=case_id)[-1].change_id
            self.written.append((case_id, field, value, change_id))

    @precondition(lambda self: self.cases)
    @rule(device=st.integers(0, len(DEVICES) - 1), pick=st.integers(0, 50))
    def record_contact(self, device: int, pick: int) -> None:
        machine = self.laptops[device]
        case_id = self.cases[pick % len(self.cases)]
        if machine.casework.store.get("case", case_id) is not None:
            with contextlib.suppress(ValidationError):
                machine.casework.record_contact(
                    Contact(new_id(), case_id, machine.vault.now(), brief=True)
                )

    @precondition(lambda self: self.cases)
    @rule(device=st.integers(0, len(DEVICES) - 1), pick=st.integers(0, 50))
    def delete_case(self, device: int, pick: int) -> None:
        store = self.laptops[device].casework.store
        case_id = self.cases[pick % len(self.cases)]
        if store.get("case", case_id) is not None:
            store.delete("case", case_id)

    @rule(device=st.integers(0, len(DEVICES) - 1))
    def sync(self, device: int) -> None:
        sync_now(self.laptops[device].vault)

    @rule(device=st.integers(0, len(DEVICES) - 1), skew=st.sampled_from(SKEWS))
    def set_clock(self, device: int, skew: timedelta) -> None:
        """The laptop's clock is set wrong (or right again): ahead, behind, or jumping."""
        self.laptops[device].vault.clock = SkewedClock(skew)

    @precondition(lambda self: self.cases)
    @rule(
        device=st.integers(0, len(DEVICES) - 1),
        pick=st.integers(0, 50),
        kind=st.sampled_from(HOSTILE),
    )
    def hostile_push(self, device: int, pick: int, kind: str) -> None:
        """A raw push with a real device token: refused with a reason, never a server error,
        and it changes nothing another laptop receives."""
        machine = self.laptops[device]
        case_id = self.cases[pick % len(self.cases)]
        other = self.laptops[(device + 1) % len(self.laptops)]
        wall, counter, _ = machine.vault.next_hlc().split(":", 2)
        change = {
            "change_id": str(uuid.uuid4()),
            "record_type": "case",
            "record_id": case_id,
            "fields": {"phone": "vijandig"},
            "hlc": f"{wall}:{counter}:{machine.vault.device_id}",
        }
        if kind == "spoofed_device":
            change["hlc"] = f"{wall}:{counter}:{other.vault.device_id}"
        elif kind == "reused_change_id":
            sent = sync_state.get_int(machine.vault, sync_state.PUSHED_SEQ)
            pushed = [e for e in journal.entries(machine.vault.db, limit=1) if e.seq <= sent]
            if not pushed:
                return
            change["change_id"] = pushed[0].change_id
        elif kind == "oversized":
            change["fields"] = {"phone": "9" * 1_000_001}
        elif kind == "nested":
            change["fields"] = {"phone": {"nummer": "06"}}
        else:
            change["fields"] = {"x" * 10_000: "vijandig"}
        response = httpx.post(
            f"{self.server.url}/v1/push",
            headers={"Authorization": f"Bearer {sync_state.get(machine.vault, 'device_token')}"},
            json={"changes": [change]},
            timeout=60,
        )
        assert response.status_code < 500, response.status_code
        if response.status_code == 200:
            assert response.json()["accepted"] == [], kind

    @rule(device=st.integers(0, len(DEVICES) - 1), fail_at=st.integers(1, 4))
    def interrupted_sync(self, device: int, fail_at: int) -> None:
        vault = self.laptops[device].vault
        transport = LosesAnswers(transport_for(vault), fail_at)
        try:
            report = SyncReport()
            push_journal(vault, transport, report)
            pull_changes(vault, transport, report)
        except ServerUnreachable:
            pass

    @precondition(lambda self: self.cases)
    @rule(pick=st.integers(0, 50), user=st.sampled_from(USERS))
    def reassign(self, pick: int, user: str) -> None:
        case_id = self.cases[pick % len(self.cases)]
        with self.server.engine.connect() as conn:
            known = conn.execute(
                select(records.c.record_id).where(records.c.record_id == case_id)
            ).first()
        if known:  # only cases the server has
            admin.assign(self.server.engine, case_id, user)

    # --- the promise -------------------------------------------------------------------

    def check_convergence(self) -> None:
        for _ in range(2):
            for machine in self.laptops:
                report = sync_now(machine.vault)  # no laptop stops syncing
                assert not report.wiped
        for machine in self.laptops:
            # A wrong clock's edits were re-stamped and sent, never left refused.
            ahead = machine.vault.db.execute(
                "SELECT count(*) FROM sync_rejections WHERE code = 'clock_ahead'"
            ).fetchone()[0]
            assert ahead == 0
        with self.server.engine.connect() as conn:
            state = list(held_records.merged_view(conn))
            server_losers = {
                (r.record_id, r.field, r.losing_value) for r in conn.execute(select(conflicts))
            }
            kept_late = {
                (r.record_id, field, json.dumps(value))
                for r in conn.execute(select(late_arrivals))
                for field, value in json.loads(r.fields).items()
            }
            # A value its own laptop superseded is no conflict (docs/architecture.md, sync
            # rules): it stays in the server's changes, below that clock's later stamp.
            by_clock: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
            for r in conn.execute(select(changes.c.record_id, changes.c.fields, changes.c.hlc)):
                for field, value in json.loads(r.fields).items():
                    key = (r.record_id, field, r.hlc.rpartition(":")[2])
                    by_clock.setdefault(key, []).append((r.hlc, json.dumps(value)))
            superseded = {
                (record_id, field, value)
                for (record_id, field, _), stamped in by_clock.items()
                for hlc, value in stamped
                if hlc < max(stamped)[0]
            }
        by_record: dict[tuple[str, str], dict[str, object]] = {}
        for record_type, record_id, field, won in state:
            by_record.setdefault((record_type, record_id), {})[field] = json.loads(won.value)
        for (user, _), machine in zip(DEVICES, self.laptops, strict=True):
            visible = self._visible(user)
            local_cases = {r[0] for r in machine.vault.db.execute("SELECT id FROM cases")}
            holding_refused = {
                case_id
                for case_id in local_cases
                if sync_state.case_has_unsent_changes(machine.vault, case_id, refused_count=True)
            }
            assert visible <= local_cases, (user, visible - local_cases)
            assert local_cases - visible <= holding_refused, (user, local_cases - visible)
            for (record_type, record_id), fields in by_record.items():
                case_id = record_id if record_type == "case" else fields.get("case_id")
                if case_id not in visible or case_id in holding_refused:
                    continue
                local = machine.casework.store.get(record_type, record_id, include_deleted=True)
                assert local is not None, (user, record_type)
                for field, value in fields.items():
                    assert local[field] == value, (user, record_type, field)
        # Every value ever written is the final value or findable as a conflict.
        local_losers = {
            (row[0], row[1], row[2])
            for machine in self.laptops
            for row in machine.vault.db.execute(
                "SELECT record_id, field, losing_value FROM conflicts"
            )
        }
        losers = local_losers | server_losers | superseded
        refused = {
            row[0]
            for machine in self.laptops
            for row in machine.vault.db.execute("SELECT change_id FROM sync_rejections")
        }
        for case_id, field, value, change_id in self.written:
            final = by_record.get(("case", case_id), {}).get(field)
            assert (
                final == value
                or (case_id, field, json.dumps(value)) in losers
                or (case_id, field, json.dumps(value)) in kept_late  # for the new holder
                or change_id in refused  # refused with a reason, listed on the laptop
            ), (field, value)

    def _visible(self, user: str) -> set[str]:
        with self.server.engine.connect() as conn:
            user_id = conn.execute(select(users.c.id).where(users.c.name == user)).scalar_one()
            return access.readable_cases(conn, Principal(user_id, user, "worker", None, "-"))


SyncMachine.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    # Each example runs a server and three vaults, so shrinking a failure is slow; it can be
    # switched off while debugging (KOERS_STATEFUL_SHRINK=0).
    phases=[
        p
        for p in Phase
        if p is not Phase.shrink or os.environ.get("KOERS_STATEFUL_SHRINK", "1") == "1"
    ],
)
TestSync = SyncMachine.TestCase
