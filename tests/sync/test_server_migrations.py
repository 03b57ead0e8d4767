"""The server's schema migrations (Alembic) on SQLite and PostgreSQL.

A server upgraded in place meets the database the previous version made: the schema that
shipped before migrations (9d20a31, made by `create_all`), with an organisation's data in
it. Every row must survive, the new columns and tables must work, and laptops enrolled
before the upgrade must go on syncing. A table or column added to sync/server/store.py
without a revision fails `test_store_and_migrated_database_agree`.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, MetaData, String, Table, inspect, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from app.casework import new_id
from app.contact import Contact
from app.sync_service import sync_now
from storage import sync_state
from sync import server_cli
from sync.server import admin, migrations, records, service, store
from sync.server.migrations import MigrationError
from tests import commands
from tests.app.test_casework import new_case
from tests.sync import schema_9d20a31 as shipped
from tests.sync.conftest import Laptop
from tests.sync.server_harness import LiveServer, database

DAY = 86400.0


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as made:
        yield made


def differences(engine: Engine, metadata: MetaData = store.metadata) -> list[Any]:
    """What Alembic's autogenerate would write to bring the database to `metadata`."""
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def made_before_migrations(url: str) -> Engine:
    """A database as the server of 9d20a31 made it: create_all, no alembic_version."""
    engine = store.connect(url, migrate=False)
    shipped.metadata.create_all(engine)
    return engine


def upgrade_to(engine: Engine, revision: str, page: int | None = None) -> None:
    """Upgrade to `revision`; `page`: records per page of a revision that streams them."""
    with engine.begin() as conn:
        config = migrations.config()
        config.attributes["connection"] = conn
        if page is not None:
            config.attributes["koers_page"] = page
        command.upgrade(config, revision)


def downgrade_to(engine: Engine, revision: str, page: int | None = None) -> None:
    with engine.begin() as conn:
        config = migrations.config()
        config.attributes["connection"] = conn
        if page is not None:
            config.attributes["koers_page"] = page
        command.downgrade(config, revision)


def merged(engine: Engine) -> dict[tuple[str, str, str], tuple[str, str, float | None]]:
    """The server's merged view at head: (type, id, field) -> (value, stamp, arrival)."""
    with engine.connect() as conn:
        return {
            (t, i, f): (w.value, w.hlc, w.received_at) for t, i, f, w in records.merged_view(conn)
        }


def names(engine: Engine) -> dict[str, Any]:
    """Per table: primary key name, unique constraints and indexes (name, columns), columns."""
    with engine.connect() as conn:
        found = inspect(conn)
        return {
            table: (
                found.get_pk_constraint(table)["name"],
                sorted(
                    (u["name"], tuple(u["column_names"]))
                    for u in found.get_unique_constraints(table)
                ),
                sorted(
                    (i["name"], tuple(i["column_names"]))
                    for i in found.get_indexes(table)
                    if not i.get("duplicates_constraint")
                ),
                [(c["name"], c["nullable"]) for c in found.get_columns(table)],
            )
            for table in sorted(found.get_table_names())
        }


def rows(engine: Engine, table: Table) -> list[dict[str, Any]]:
    """Every row of `table` (only the columns `table` names), in primary key order."""
    with engine.connect() as conn:
        result = conn.execute(select(table).order_by(*table.primary_key.columns))
        return [dict(row) for row in result.mappings()]


# --- the schema ---------------------------------------------------------------------------


def test_store_and_migrated_database_agree(url: str) -> None:
    engine = store.connect(url)
    try:
        assert differences(engine) == []
        assert migrations.current(engine).at_head
    finally:
        engine.dispose()


def test_the_comparison_sees_a_column_added_without_a_revision(url: str) -> None:
    engine = store.connect(url)
    try:
        ahead = MetaData(naming_convention=store.NAMING_CONVENTION)
        for table in store.metadata.tables.values():
            table.to_metadata(ahead)
        ahead.tables["devices"].append_column(Column("colour", String(20), nullable=True))
        found = differences(engine, ahead)
        assert [(op[0], op[2], op[3].name) for op in found] == [("add_column", "devices", "colour")]
    finally:
        engine.dispose()


def test_revision_0001_is_the_schema_that_shipped(url: str) -> None:
    engine = store.connect(url, migrate=False)
    try:
        upgrade_to(engine, "0001")
        assert differences(engine, shipped.metadata) == []
        assert migrations.current(engine).revision == "0001"
    finally:
        engine.dispose()


def test_every_database_ends_with_the_same_names_on_sqlite_and_postgresql(
    tmp_path: Path,
) -> None:
    """New or made before migrations, SQLite or PostgreSQL: the same tables, columns,
    constraint and index names, so a later revision can name what it alters."""
    found = {}
    for kind in ("sqlite", "postgresql"):
        for origin in ("new", "old"):
            folder = tmp_path / f"{kind}-{origin}"
            folder.mkdir()
            with database(kind, folder) as made:
                if origin == "old":
                    made_before_migrations(made).dispose()
                engine = store.connect(made)
                found[kind, origin] = names(engine)
                engine.dispose()
    for (kind, _), schema in found.items():
        if kind == "sqlite":
            # SQLite writes an AUTOINCREMENT key inline, where it has no name (revision 0006).
            assert schema["changes"][0] is None
            schema["changes"] = ("changes_pkey", *schema["changes"][1:])
    new = found["sqlite", "new"]
    assert new["devices"][0] == "devices_pkey"
    assert new["conflicts"][1] == [
        (
            "conflicts_record_type_record_id_field_losing_hlc_key",
            ("record_type", "record_id", "field", "losing_hlc"),
        )
    ]
    assert all(schema == new for schema in found.values())


def test_a_database_at_head_is_left_alone(url: str) -> None:
    engine = store.connect(url)
    try:
        again = migrations.upgrade(engine)
        assert not again.changed and again.after == migrations.head()
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        assert versions == [(migrations.head(),)]
    finally:
        engine.dispose()


# A server process: imports done, it waits until every other one is ready, then connects.
STARTER = """
import pathlib, sys, time
from sync.server import migrations, store
folder, count = pathlib.Path(sys.argv[2]), int(sys.argv[4])
(folder / sys.argv[3]).touch()
while len(list(folder.iterdir())) < count:
    time.sleep(0.002)
store.connect(sys.argv[1]).dispose()
"""


def test_server_processes_starting_at_once_upgrade_once(url: str, tmp_path: Path) -> None:
    """Several server processes start together on one new database: every one starts,
    the schema is made once."""
    count = 4
    ready = tmp_path / "ready"
    ready.mkdir()
    if url.startswith("sqlite"):
        # The file exists already, in WAL mode: store.connect's switch of a brand-new file
        # to WAL is not covered by SQLite's busy timeout, so processes opening one new file
        # at the same instant may fail there, before any migration (that is not this test's).
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as made:
            made.execute("PRAGMA journal_mode = WAL")
    starters = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER, url, str(ready), str(number), str(count)],
            cwd=commands.ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(count)
    ]
    failures = [err.strip().splitlines()[-1:] for _, err in (s.communicate(180) for s in starters)]
    assert failures == [[]] * count
    assert [starter.returncode for starter in starters] == [0] * count
    engine = store.connect(url, migrate=False)
    try:
        assert differences(engine) == []
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        assert versions == [(migrations.head(),)]
    finally:
        engine.dispose()


def test_an_upgrade_that_fails_halfway_changes_nothing(url: str) -> None:
    """One transaction: a revision failing leaves the database as the old server left it
    (here a table of the new name is in the way)."""
    engine = made_before_migrations(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE rate_limits (something VARCHAR(10))"))
    before = names(engine)
    engine.dispose()
    with pytest.raises(Exception, match="rate_limits"):
        store.connect(url)
    engine = store.connect(url, migrate=False)
    try:
        assert names(engine) == before
        assert migrations.current(engine).made_before_migrations
    finally:
        engine.dispose()


def test_downgrade_to_the_shipped_schema_and_up_again_keeps_the_rows(url: str) -> None:
    engine = made_before_migrations(url)
    with engine.begin() as conn:
        conn.execute(
            shipped.teams.insert().values(id=1, name="Noord", shares_caseload=True),
        )
    engine.dispose()
    engine = store.connect(url)
    try:
        with engine.begin() as conn:
            # A value no stored change carries (revision 0005 keeps it inline).
            conn.execute(
                store.records.insert().values(
                    record_type="case",
                    record_id="c-1",
                    case_id="c-1",
                    winners=json.dumps({"phone": ['"06"', "1:0:d", None]}),
                )
            )
        downgrade_to(engine, "0001")
        assert differences(engine, shipped.metadata) == []
        assert rows(engine, shipped.teams) == [{"id": 1, "name": "Noord", "shares_caseload": True}]
        assert [r["record_id"] for r in rows(engine, shipped.field_state)] == ["c-1"]
        assert migrations.upgrade(engine).after == migrations.head()
        assert differences(engine) == []
        downgrade_to(engine, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()


def test_a_revision_from_a_newer_server_is_refused_with_a_clear_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    engine = store.connect(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    with pytest.raises(MigrationError, match="revision 0999, which this server does not know"):
        store.connect(url)
    for args in (("db", "current"), ("user", "list")):
        result = commands.run("koers-server", "--database", url, *args)
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "0999" in result.stderr
        assert "Traceback" not in result.stderr


# --- an organisation's data, upgraded in place --------------------------------------------


def _organisation(tmp_path: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Rows an organisation's server holds, made by real laptops against a real server
    (today's code, on a scratch database), as they stood in the 9d20a31 columns; and the
    laptops, which know their device tokens."""
    tmp_path.mkdir()
    live = LiveServer(f"sqlite:///{tmp_path / 'scratch.db'}").start()
    try:
        admin.add_team(live.engine, "Noord", False)
        live.add_user("anna", team="Noord")
        live.add_user("bram", team="Noord")
        live.add_user("beheer", role="beheerder")
        anna1 = Laptop(tmp_path / "anna-1", live, "anna")
        anna2 = Laptop(tmp_path / "anna-2", live, "anna")
        bram = Laptop(tmp_path / "bram", live, "bram")
        kept = new_case(anna1.casework)
        moved = new_case(anna1.casework, phone="06-10000000")
        anna1.casework.record_contact(Contact(new_id(), kept.id, anna1.vault.now(), brief=True))
        sync_now(anna1.vault)
        sync_now(anna2.vault)
        # The same field offline on both of anna's laptops: the server keeps a conflict.
        anna1.casework.update_case(replace(anna1.casework.get_case(kept.id), language="ar"))
        anna2.casework.update_case(replace(anna2.casework.get_case(kept.id), language="tr"))
        for machine in (anna1, anna2, anna1):
            sync_now(machine.vault)
        new_case(bram.casework, language="nl")
        sync_now(bram.vault)
        data = {
            name: rows(live.engine, table)
            for name, table in shipped.metadata.tables.items()
            if name not in ("field_state", "record_cases")
        }
        # What the shipped server kept in field_state and record_cases: today's merged view.
        with live.engine.connect() as conn:
            data["field_state"] = [
                {"record_type": t, "record_id": i, "field": f, "value": w.value, "hlc": w.hlc}
                for t, i, f, w in records.merged_view(conn)
            ]
            data["record_cases"] = [
                {"record_type": r.record_type, "record_id": r.record_id, "case_id": r.case_id}
                for r in conn.execute(select(store.records))
                if r.record_type != "case" and r.case_id is not None
            ]
    finally:
        live.stop()
    for machine in (anna1, anna2, bram):
        machine.vault.lock()
    assert data["conflicts"], "the scratch server kept no conflict"
    # Handed over from anna to bram 20 days ago (past the grace) while anna was offline.
    now = time.time()
    anna_id = next(u["id"] for u in data["users"] if u["name"] == "anna")
    bram_id = next(u["id"] for u in data["users"] if u["name"] == "bram")
    for row in data["assignments"]:
        if row["case_id"] == moved.id:
            row.update(user_id=bram_id, assigned_at=now - 20 * DAY)
    data["previous_assignments"].append(
        {"id": 1, "case_id": moved.id, "user_id": anna_id, "until": now - 20 * DAY}
    )
    for row in data["devices"]:
        if row["user_id"] == anna_id:
            row["last_seen"] = now - 21 * DAY
    folders = {
        "anna1": tmp_path / "anna-1",
        "anna2": tmp_path / "anna-2",
        "bram": tmp_path / "bram",
    }
    return data, {"folders": folders, "kept": kept.id, "moved": moved.id}


def _fill(engine: Engine, data: dict[str, list[dict[str, Any]]]) -> None:
    with engine.begin() as conn:
        for name, table in shipped.metadata.tables.items():
            if data[name]:
                conn.execute(table.insert(), data[name])
        if conn.dialect.name == "postgresql":  # ids came from the sequences on a real server
            for table, column in (
                ("teams", "id"),
                ("users", "id"),
                ("previous_assignments", "id"),
                ("changes", "seq"),
                ("conflicts", "id"),
            ):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                        f"(SELECT coalesce(max({column}), 1) FROM {table}))"
                    )
                )


def _reopen(folder: Path, server_url: str) -> Any:
    from app.casework import Casework
    from storage.vault import Vault

    vault = Vault.open(folder / "werk.koers", "laptop-wachtwoord")
    with vault.transaction():
        sync_state.put(vault, sync_state.SERVER_URL, server_url)
    return vault, Casework(vault)


def test_a_shipped_database_with_data_is_upgraded_in_place_and_keeps_working(
    url: str, tmp_path: Path
) -> None:
    data, laptops = _organisation(tmp_path / "made")
    old = made_before_migrations(url)
    _fill(old, data)
    before = {name: rows(old, table) for name, table in shipped.metadata.tables.items()}
    old.dispose()
    assert all(before[name] for name in ("users", "devices", "assignments", "changes"))
    assert all(before[name] for name in ("field_state", "conflicts", "teams", "record_cases")), {
        n: len(r) for n, r in before.items()
    }

    live = LiveServer(url).start()  # create_app connects: the upgrade runs at start
    opened = []
    try:
        engine = live.engine
        assert migrations.current(engine).at_head
        assert differences(engine) == []
        # Every row survived, column for column; the new columns are empty, the new tables too.
        # field_state and record_cases live on in `records` (revision 0005): every value with
        # its stamp, arriving when its change arrived; every record with its case.
        kept = {"field_state", "record_cases"}
        assert {
            name: rows(engine, table)
            for name, table in shipped.metadata.tables.items()
            if name not in kept
        } == {name: found for name, found in before.items() if name not in kept}
        arrival = {
            (c["record_type"], c["record_id"], c["hlc"]): c["received_at"]
            for c in before["changes"]
        }
        view = merged(engine)
        assert view == {
            (r["record_type"], r["record_id"], r["field"]): (
                r["value"],
                r["hlc"],
                arrival[(r["record_type"], r["record_id"], r["hlc"])],
            )
            for r in before["field_state"]
        }
        with engine.connect() as conn:
            held = {
                (r.record_type, r.record_id): r.case_id for r in conn.execute(select(store.records))
            }
        assert {
            (r["record_type"], r["record_id"]): r["case_id"] for r in before["record_cases"]
        }.items() <= held.items()
        assert all(held[("case", r[1])] == r[1] for r in held if r[0] == "case")
        assert {row["clock_id"] for row in rows(engine, store.devices)} == {None}
        assert rows(engine, store.late_arrivals) == rows(engine, store.rate_limits) == []

        # anna's laptop, enrolled before the upgrade, edits a case she holds and one that
        # was handed over while she was offline.
        vault, casework = _reopen(laptops["folders"]["anna1"], live.url)
        opened.append(vault)
        casework.update_case(replace(casework.get_case(laptops["kept"]), phone="06-12345678"))
        casework.update_case(replace(casework.get_case(laptops["moved"]), phone="06-87654321"))
        report = sync_now(vault)
        assert report.rejected == [] and report.pushed == 1 and report.kept_late == 1
        device = next(r for r in rows(engine, store.devices) if r["clock_id"] is not None)
        assert device["clock_id"] == vault.device_id  # learnt from its first push
        late = rows(engine, store.late_arrivals)
        assert [(r["case_id"], r["device_id"]) for r in late] == [
            (laptops["moved"], vault.device_id)
        ]
        arrived = {k: v for k, v in merged(engine).items() if view.get(k) != v}
        assert [(k[1], k[2]) for k in arrived] == [(laptops["kept"], "phone")]
        assert next(iter(arrived.values()))[2] == pytest.approx(time.time(), abs=600)

        # Her other laptop, also enrolled before, pulls the edit.
        other, other_casework = _reopen(laptops["folders"]["anna2"], live.url)
        opened.append(other)
        sync_now(other)
        assert other_casework.get_case(laptops["kept"]).phone == "06-12345678"

        # A laptop enrolled after the upgrade registers its clock id at enrolment.
        fresh = Laptop(tmp_path / "bram-2", live, "bram")
        opened.append(fresh.vault)
        registered = {r["id"]: r["clock_id"] for r in rows(engine, store.devices)}
        assert registered[fresh.device_id] == fresh.vault.device_id

        # The rate-limit table (enrolment counts its attempts there) keeps one row per key.
        key = store.rate_limits.c.key
        with engine.begin() as conn:
            conn.execute(
                store.rate_limits.insert().values(key="test:k", window_start=1.0, attempts=1)
            )
            conn.execute(update(store.rate_limits).where(key == "test:k").values(attempts=2))
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                store.rate_limits.insert().values(key="test:k", window_start=2.0, attempts=1)
            )
        with engine.connect() as conn:
            kept = conn.execute(select(store.rate_limits).where(key == "test:k")).mappings().all()
        assert [dict(row) for row in kept] == [
            {"key": "test:k", "window_start": 1.0, "attempts": 2}
        ]
    finally:
        for vault in opened:
            vault.lock()
        live.stop()


# --- koers-server db ----------------------------------------------------------------------


def test_operator_commands_report_and_upgrade(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    def db(command_name: str) -> str:
        capsys.readouterr()
        assert server_cli.run(["--database", url, "db", command_name]) == 0
        return capsys.readouterr().out.strip()

    head = migrations.head()
    made_before_migrations(url).dispose()
    assert "made before schema migrations" in db("current")
    assert db("upgrade") == (
        "The database was made before schema migrations: recorded it at revision 0001 "
        f"and upgraded it to {head}."
    )
    assert db("current") == f"Schema revision {head}: up to date."
    engine = store.connect(url, migrate=False)
    downgrade_to(engine, "0001")
    engine.dispose()
    assert db("current").startswith(f"Schema revision 0001; this server's newest is {head}")
    assert db("upgrade") == f"Upgraded the schema from revision 0001 to {head}."
    assert db("upgrade") == f"Schema revision {head}: up to date, nothing to do."


def test_db_upgrade_creates_a_new_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    first = commands.run("koers-server", "--database", url, "db", "current")
    assert "The database is empty" in first.stdout
    made = commands.run("koers-server", "--database", url, "db", "upgrade")
    assert made.stdout.strip() == f"Created the schema at revision {migrations.head()}."


# --- revision 0005: records replace field_state and record_cases ---------------------------


def test_revision_0005_converts_the_merged_view_both_ways_and_pulls_stay_the_same(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An organisation's server (the fixed scenario of test_pull_answers_unchanged: cases,
    conflicts, a handover, a late arrival, a purge) goes down to 0004 (field_state and
    record_cases written back from records) and up again, in pages of 2 records: the merged
    view, the conflicts and every pull answer are as before, a value no stored change carries
    survives both ways, and a further push with a conflict is merged as before."""
    from tests.sync import test_pull_answers_unchanged as golden

    engine = store.connect(url)
    try:
        scenario = golden.run_scenario(engine, monkeypatch)
        view, pulled = merged(engine), golden.pulls(engine, scenario)
        kept = golden.kept_conflicts(engine)
        downgrade_to(engine, "0004", page=2)
        old_meta = MetaData()
        field_state = Table("field_state", old_meta, autoload_with=engine)
        record_cases = Table("record_cases", old_meta, autoload_with=engine)
        old = {
            (r["record_type"], r["record_id"], r["field"]): (r["value"], r["hlc"], r["received_at"])
            for r in rows(engine, field_state)
        }
        assert old == view
        with engine.connect() as conn:
            cases = {
                (r.record_type, r.record_id): r.case_id for r in conn.execute(select(record_cases))
            }
        assert cases[("contact", "contact-a1")] == "case-a1"
        assert ("case", "case-a1") not in cases and ("social_map_entry", "smap-1") not in cases
        assert "records" not in inspect(engine).get_table_names()
        # A value an older server kept without the change that carried it.
        with engine.begin() as conn:
            conn.execute(
                update(field_state)
                .where(
                    field_state.c.record_type == "case",
                    field_state.c.record_id == "case-a1",
                    field_state.c.field == "interpreter_needed",
                )
                .values(value="1", hlc="001799999999999:00000:clock-old", received_at=None)
            )
        upgrade_to(engine, "head", page=2)
        assert differences(engine) == []
        orphan = ("case", "case-a1", "interpreter_needed")
        after = merged(engine)
        assert after.pop(orphan) == ("1", "001799999999999:00000:clock-old", None)
        assert after == {k: v for k, v in view.items() if k != orphan}
        assert golden.kept_conflicts(engine) == kept
        assert golden.pulls(engine, scenario) == pulled
        # Further pushes: an older stamp of another laptop than the winner's loses (kept as
        # a conflict), a newer one wins.
        older = scenario.change("anna-1", golden.NOW - 300, "case", "case-a1", {"language": "so"})
        answer = service.push(engine, scenario.who["anna-1"], [older], now=golden.NOW)
        assert answer.rejected == [] and len(answer.accepted) == 1
        newer = scenario.change("anna-2", golden.NOW - 50, "case", "case-a1", {"phone": "06-7"})
        answer = service.push(engine, scenario.who["anna-2"], [newer], now=golden.NOW)
        assert answer.rejected == [] and len(answer.accepted) == 1
        now_view = merged(engine)
        assert now_view[("case", "case-a1", "language")] == view[("case", "case-a1", "language")]
        assert now_view[("case", "case-a1", "phone")] == ('"06-7"', newer.hlc, golden.NOW)
        losers = {(c["field"], c["losing_value"]) for c in golden.kept_conflicts(engine)}
        assert {("language", '"so"'), ("phone", view[("case", "case-a1", "phone")][0])} <= losers
        downgrade_to(engine, "0004", page=2)
        back = {
            (r["record_type"], r["record_id"], r["field"]): (r["value"], r["hlc"], r["received_at"])
            for r in rows(engine, field_state)
        }
        assert back[orphan] == ("1", "001799999999999:00000:clock-old", None)
    finally:
        engine.dispose()


# --- revision 0006: a change's number is never given twice ---------------------------------


def test_revision_0006_keeps_changes_and_never_gives_a_purged_number_again(url: str) -> None:
    """A server upgraded with changes in it keeps them (numbers and all); after the newest are
    deleted (a retention purge), a new change gets a number above every number given before,
    so a laptop whose cursor passed the purged ones still pulls it."""
    engine = store.connect(url, migrate=False)
    try:
        upgrade_to(engine, "0005")

        def change(n: int) -> dict[str, Any]:
            return {
                "change_id": f"ch-{n}",
                "record_type": "case",
                "record_id": f"c-{n}",
                "case_id": f"c-{n}",
                "fields": "{}",
                "hlc": f"{1_700_000_000_000 + n}:0:dev",
                "device_id": "dev",
                "user_id": 1,
                "created": True,
                "received_at": 1_700_000_000.0,
            }

        with engine.begin() as conn:
            conn.execute(store.changes.insert(), [change(n) for n in range(1, 6)])
        before = rows(engine, store.changes)
        upgrade_to(engine, "head")
        assert rows(engine, store.changes) == before
        with engine.begin() as conn:
            conn.execute(store.changes.delete().where(store.changes.c.seq > 3))
            conn.execute(store.changes.insert(), [change(6)])
            newest = conn.execute(
                select(store.changes.c.seq).where(store.changes.c.change_id == "ch-6")
            ).scalar_one()
        assert newest > max(r["seq"] for r in before)
    finally:
        engine.dispose()


# --- revision 0007: an account's cases found by index ----------------------------------------


def test_revision_0007_indexes_assignments_by_account_and_keeps_them(url: str) -> None:
    """A server upgraded with assignments in it keeps every one, finds an account's cases by
    the new index, and a downgrade drops the index and keeps the rows."""
    engine = store.connect(url, migrate=False)
    try:
        upgrade_to(engine, "0006")
        assigned = [
            {"case_id": f"c-{n}", "user_id": n % 3 + 1, "assigned_at": 1_700_000_000.0 + n}
            for n in range(30)
        ]
        with engine.begin() as conn:
            conn.execute(store.assignments.insert(), assigned)

        def indexes() -> list[tuple[str, tuple[str, ...]]]:
            with engine.connect() as conn:
                return [
                    (i["name"], tuple(i["column_names"]))
                    for i in inspect(conn).get_indexes("assignments")
                ]

        assert ("ix_assignments_user_id", ("user_id",)) not in indexes()
        upgrade_to(engine, "head")
        assert ("ix_assignments_user_id", ("user_id",)) in indexes()
        assert rows(engine, store.assignments) == sorted(assigned, key=lambda r: r["case_id"])
        assert differences(engine) == []
        with engine.connect() as conn:
            own = conn.execute(
                select(store.assignments.c.case_id).where(store.assignments.c.user_id == 2)
            ).scalars()
            assert sorted(own) == sorted(r["case_id"] for r in assigned if r["user_id"] == 2)
        downgrade_to(engine, "0006")
        assert ("ix_assignments_user_id", ("user_id",)) not in indexes()
        assert rows(engine, store.assignments) == sorted(assigned, key=lambda r: r["case_id"])
    finally:
        engine.dispose()
