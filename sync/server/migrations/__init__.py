"""The server's schema migrations (Alembic): `upgrade(engine)` brings a database to head.

store.connect() calls it at every start, so an operator never runs a step by hand; `koers-server
db upgrade` and `db current` do the same and report. Three kinds of database meet it:

- new and empty: every revision runs, from nothing to head;
- made before migrations (a server up to 9d20a31 ran `create_all`: its tables exist, there is
  no alembic_version): revision 0001 is that schema and creates only the tables missing from
  it, as `create_all` would have, so the database is recorded at 0001 and upgraded from there;
- at head already: left alone.

One transaction holds the whole upgrade. On PostgreSQL it first takes an advisory lock, so
server processes starting at once upgrade one after the other (the later ones find head); on
SQLite the transaction's BEGIN IMMEDIATE (see store.connect) serialises them the same way.

Alembic is configured here, in code: no alembic.ini is read at run time. Developers write a
new revision with the `alembic` command and the alembic.ini at the repository root
(docs/architecture.md, "Server storage").
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from sync.server.errors import AdminError

SCRIPTS = Path(__file__).resolve().parent
# pg_advisory_xact_lock key of the upgrade ("koers" in ASCII, 0x6b6f657273); store's
# serialise_writers uses 4242, so a push never waits on a start or the other way round.
LOCK_KEY = 0x6B6F657273
# The tables of revision 0001: a database holding any of them but no alembic_version was made
# by `create_all` before migrations.
SHIPPED_TABLES = frozenset(
    {
        "teams",
        "users",
        "devices",
        "assignments",
        "previous_assignments",
        "changes",
        "record_cases",
        "field_state",
        "conflicts",
    }
)


# Alembic's `context` and `op` are module globals: one migration run at a time per process
# (several engines in one process, as tests make, would otherwise share them).
_ALEMBIC = threading.Lock()


class MigrationError(AdminError):
    """The database's schema cannot be brought to head; the text says why (no data in it)."""


@dataclass(frozen=True)
class SchemaState:
    """Where a database stands.

    revision: the revision recorded in alembic_version, or None when there is none.
    made_before_migrations: no revision, but tables of revision 0001 exist.
    head: the newest revision this server knows.
    """

    revision: str | None
    made_before_migrations: bool
    head: str

    @property
    def at_head(self) -> bool:
        return self.revision == self.head

    @property
    def empty(self) -> bool:
        return self.revision is None and not self.made_before_migrations


@dataclass(frozen=True)
class Upgrade:
    """What `upgrade` did: the state found, and the revision the database is at now."""

    before: SchemaState
    after: str

    @property
    def changed(self) -> bool:
        return self.before.revision != self.after


def config() -> Config:
    """Alembic's configuration for the server's scripts, built in code (no ini file read)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.set_main_option("path_separator", "os")
    return cfg


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest revision this server knows (one head: the history is a straight line)."""
    heads = _scripts().get_heads()
    if len(heads) != 1:
        raise MigrationError(f"the migration scripts have {len(heads)} heads instead of one")
    return heads[0]


def _known(revision: str | None) -> bool:
    if revision is None:
        return True
    return revision in {script.revision for script in _scripts().walk_revisions()}


def current(engine: Engine) -> SchemaState:
    """Where the database stands, without changing it.

    Raises MigrationError for a revision this server does not know.
    """
    with engine.connect() as conn:
        found = _state(conn)
        conn.rollback()
    return found


def _state(conn: Connection) -> SchemaState:
    revisions = MigrationContext.configure(conn).get_current_heads()
    if len(revisions) > 1:
        raise MigrationError(f"the database records {len(revisions)} schema revisions at once")
    revision = revisions[0] if revisions else None
    if not _known(revision):
        raise MigrationError(
            f"the database is at schema revision {revision}, which this server does not know "
            f"(its newest is {head()}): a newer Koers server upgraded it; run that version"
        )
    old_tables = revision is None and bool(SHIPPED_TABLES & set(inspect(conn).get_table_names()))
    return SchemaState(revision=revision, made_before_migrations=old_tables, head=head())


def upgrade(engine: Engine) -> Upgrade:
    """Bring the database to head in one transaction; a database at head is left alone.

    Raises MigrationError for a revision this server does not know; a failing revision rolls
    the whole upgrade back (the database stays where it was) and its error propagates.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")
        before = _state(conn)
        if before.at_head:
            return Upgrade(before=before, after=before.head)
        cfg = config()
        cfg.attributes["connection"] = conn
        with _ALEMBIC:
            command.upgrade(cfg, "head")
    return Upgrade(before=before, after=before.head)
