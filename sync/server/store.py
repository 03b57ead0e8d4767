"""The server's store: SQLAlchemy Core over a SQLite file (default) or PostgreSQL.

Nothing lives in process memory between requests, so several server processes may share
one PostgreSQL database.
"""

from __future__ import annotations

import os
import select
import threading
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError

# Constraint names as PostgreSQL gives unnamed ones (so databases made by create_all before
# migrations already carry them there), and the same on SQLite: migrations can name what they
# alter or drop. sync/server/migrations holds the schema's history; a table or column added
# here needs a revision there (tests/sync/test_server_migrations.py fails without one).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "ck": "%(table_name)s_%(constraint_name)s_check",
    "fk": "%(table_name)s_%(column_0_N_name)s_fkey",
    "pk": "%(table_name)s_pkey",
}
metadata = MetaData(naming_convention=NAMING_CONVENTION)

teams = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("shares_caseload", Boolean, nullable=False, default=False),
)
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(40), nullable=False),
    Column("team_id", Integer, nullable=True),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", Float, nullable=False, default=0.0),
)
devices = Table(
    "devices",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("revoked_at", Float, nullable=True),
    Column("wipe_sent_at", Float, nullable=True),
    Column("last_seen", Float, nullable=True),
    # The device id this laptop's HLC stamps carry (registered at enrolment, or learnt from
    # its first push when it enrolled before the server asked): a stamp naming another is
    # refused.
    Column("clock_id", String(64), nullable=True),
)
assignments = Table(
    "assignments",
    metadata,
    Column("case_id", String(64), primary_key=True),
    # Indexed (revision 0007): every pull reads its account's cases by it.
    Column("user_id", Integer, nullable=False, index=True),
    Column("assigned_at", Float, nullable=False),
)
# Who held a case before a handover, and until when: edits they made offline before the
# handover still arrive (see service.HANDOVER_GRACE_DAYS).
previous_assignments = Table(
    "previous_assignments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(64), nullable=False, index=True),
    Column("user_id", Integer, nullable=False),
    Column("until", Float, nullable=False),
)
changes = Table(
    "changes",
    metadata,
    # 64-bit on PostgreSQL; SQLite's INTEGER PRIMARY KEY is 64-bit already.
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("change_id", String(64), nullable=False, unique=True),
    Column("record_type", String(40), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("case_id", String(64), nullable=True, index=True),
    Column("fields", Text, nullable=False),
    Column("hlc", String(100), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("user_id", Integer, nullable=False),
    Column("created", Boolean, nullable=False, default=False),
    Column("received_at", Float, nullable=False),
    # SQLite: a number is never given twice, even after the newest changes were purged
    # (revision 0006); a pull cursor past it would skip the change that got it again.
    sqlite_autoincrement=True,
)
# One row per record the server holds (issue 17): its case (the case's own id for a case,
# null for an organisation record) and, per field, where the value that wins is: the `seq`
# of the change that carries it (values live only in `changes`; the arrival time the
# retention counts from is that change's received_at), or, for a value no stored change
# carries (kept by an older server), [value as JSON text, stamp, received_at or null].
# Keyed by id first: a push looks its records up by id. sync/server/records.py reads it.
records = Table(
    "records",
    metadata,
    Column("record_id", String(64), primary_key=True),
    Column("record_type", String(40), primary_key=True),
    Column("case_id", String(64), nullable=True, index=True),
    Column("winners", Text, nullable=False),
)
conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("record_type", String(40), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("field", String(64), nullable=False),
    Column("losing_value", Text, nullable=True),
    Column("losing_hlc", String(100), nullable=False),
    Column("winning_hlc", String(100), nullable=False),
    UniqueConstraint("record_type", "record_id", "field", "losing_hlc"),
)

# Changes refused because their case had moved to another worker: not applied, not lost.
# The new holder or a teamleider accepts one into the case (a new change, stamped now).
late_arrivals = Table(
    "late_arrivals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("change_id", String(64), nullable=False, unique=True),
    Column("case_id", String(64), nullable=False, index=True),
    Column("record_type", String(40), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("fields", Text, nullable=False),
    Column("hlc", String(100), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("user_id", Integer, nullable=False),
    Column("created", Boolean, nullable=False, default=False),
    Column("received_at", Float, nullable=False),
    Column("accepted_at", Float, nullable=True),
    Column("accepted_by", Integer, nullable=True),
)
# The central access log (NEN 7513): the lines every laptop wrote (source "laptop", sent at
# sync, keyed by the device and its own sequence number so a resend is a no-op) and the
# server's own lines for what it serves (source "server"). Insert-only: no API changes or
# deletes a line. Ids and action names only, never a record's content or a file path.
audit_log = Table(
    "audit_log",
    metadata,
    Column(
        "id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("source", String(10), nullable=False),
    # The server's device id (from the token), null for a line of the server's shell.
    Column("device_id", String(64), nullable=True, index=True),
    # The laptop's own sequence number of the line; null for the server's lines.
    Column("device_seq", BigInteger, nullable=True),
    Column("user_id", Integer, nullable=True),
    # The account's name when the line was written (lines outlive renamed accounts).
    Column("user_name", String(100), nullable=True, index=True),
    Column("record_type", String(40), nullable=False),
    # A record's id, or a name for the server's lines about accounts and devices.
    Column("record_id", String(100), nullable=True),
    # The case the record belongs to, when the server knows it.
    Column("case_id", String(64), nullable=True, index=True),
    Column("action", String(40), nullable=False),
    # When it happened by the laptop's clock (epoch s); null for the server's lines.
    Column("laptop_at", Float, nullable=True),
    # When the server received (or wrote) the line, by the server's clock (epoch s).
    Column("received_at", Float, nullable=False, index=True),
    Column("detail", Text, nullable=True),
    UniqueConstraint("device_id", "device_seq"),
)
# Attempts per key (an address or an account) in the current window, shared by every server
# process through the database: enrolment is rate-limited here.
rate_limits = Table(
    "rate_limits",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("window_start", Float, nullable=False),
    Column("attempts", Integer, nullable=False),
)
# The beheer console (sync/server/console): its sessions (the SHA-256 of the cookie's id,
# never the id; each with its CSRF token), each beheerder's TOTP secret, and the time steps
# of TOTP codes already used (a code is accepted once). In the database, so several server
# processes serve one console.
console_sessions = Table(
    "console_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("stage", String(10), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("last_seen", Float, nullable=False),
)
console_totp = Table(
    "console_totp",
    metadata,
    Column("user_id", Integer, primary_key=True, autoincrement=False),
    Column("secret", String(64), nullable=False),
    Column("confirmed_at", Float, nullable=True),
    Column("created_at", Float, nullable=False),
)
console_totp_used = Table(
    "console_totp_used",
    metadata,
    Column("user_id", Integer, primary_key=True, autoincrement=False),
    Column("step", BigInteger, primary_key=True, autoincrement=False),
    Column("used_at", Float, nullable=False),
)


def _switch_to_wal(dbapi_conn: Any) -> None:
    """WAL mode, retried: SQLite's busy timeout does not cover the switch, so several server
    processes opening a new file at once could fail with "database is locked"."""
    for attempt in range(50):
        try:
            dbapi_conn.execute("PRAGMA journal_mode = WAL")
            return
        except Exception as exc:  # sqlite3.OperationalError: the file is busy
            if "locked" not in str(exc) or attempt == 49:
                raise
            threading.Event().wait(0.05 * (attempt + 1))


def connect(url: str, *, migrate: bool = True) -> Engine:
    """An engine for `url` (sqlite:///path or postgresql://...), with the schema at head.

    migrate=False leaves the schema as found (`koers-server db current`, Alembic's env.py).
    Raises migrations.MigrationError when the database is at a revision this server does not
    know.
    """
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("sqlite"):
        _create_private_file(url)
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            hide_parameters=True,  # no pushed value in an error text or log
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _: Any) -> None:
            _switch_to_wal(dbapi_conn)
            dbapi_conn.execute("PRAGMA synchronous = FULL")
            dbapi_conn.isolation_level = None  # let SQLAlchemy's begin() issue BEGIN

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # writers queue up instead of failing
    else:
        engine = create_engine(
            url,
            pool_size=10,
            max_overflow=40,
            # No ping before each use (a round trip per request): a connection the server
            # closed is found at checkout without one (_closed_by_server); one that died
            # silently (a dropped network) is found by TCP keepalives, and none is kept
            # longer than pool_recycle.
            pool_recycle=PG_RECYCLE_S,
            hide_parameters=True,  # no pushed value in an error text or log
            # ... nor in PostgreSQL's own log, whatever the cluster's settings say.
            connect_args={"options": PG_SESSION_OPTIONS, **PG_KEEPALIVES},
        )
        event.listen(engine, "checkout", _closed_by_server)
    if migrate:
        from sync.server.migrations import upgrade

        upgrade(engine)
    return engine


# Every server session keeps bound values out of PostgreSQL's error log (a failed statement
# would print a push's values there, an address among them).
PG_SESSION_OPTIONS = "-c log_parameter_max_length_on_error=0"
# A pooled connection is replaced after this long (seconds), and the kernel tells a silent
# peer (no answer to keepalive probes for about a minute and a half) as a closed socket.
PG_RECYCLE_S = 1800
PG_KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 60,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


def driver_broken(driver: Any) -> bool:
    """Whether a driver connection says it is closed or broken (psycopg's flags; sqlite3's
    connection has neither and is never reported so)."""
    return bool(getattr(driver, "closed", False) or getattr(driver, "broken", False))


def _closed_by_server(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
    """Pool checkout (in place of a ping): an idle PostgreSQL connection has nothing to
    read, so a readable (or failed) socket means the server ended it (pg_terminate_backend,
    a restart: PostgreSQL says so and closes) or the network did. Raises DisconnectionError,
    and the pool takes a fresh connection instead. No round trip: one poll of the socket."""
    if driver_broken(dbapi_conn):
        raise DisconnectionError("the database connection is closed")
    poller = select.poll()
    poller.register(dbapi_conn.fileno(), select.POLLIN | select.POLLERR | select.POLLHUP)
    if poller.poll(0):
        raise DisconnectionError("the database closed this connection")


def _create_private_file(url: str) -> None:
    """Create a SQLite database file that does not exist yet as 0600 (SQLite gives its WAL
    and SHM files the database file's mode), whatever the process's umask."""
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except (FileExistsError, FileNotFoundError):
        pass  # an existing database keeps its mode; a missing folder fails in SQLite's words


def insert_ignoring_duplicates(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT each of `rows` (one statement, executed for all) unless its unique key exists."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


def serialise_writers(conn: Connection) -> None:
    """Push transactions commit in sequence order, so a pull never skips a late commit.

    SQLite already serialises writers (BEGIN IMMEDIATE); PostgreSQL takes an advisory lock
    (sent straight on the driver in the caller's transaction: on_driver).
    """
    if conn.dialect.name == "postgresql":
        on_driver(conn, _WRITERS_LOCK, None)


_WRITERS_LOCK = "SELECT pg_advisory_xact_lock(4242)"
_TUPLES_OK = 2  # psycopg.pq.ExecStatus.TUPLES_OK: a statement that returned rows (maybe none)


class Prepared:
    """A SQLAlchemy statement run with `run(conn, values)`: in a PostgreSQL transaction
    compiled once and sent straight on the driver (on_driver: prepared, errors as
    SQLAlchemy's), rows as named tuples (by place and by column name); elsewhere (SQLite,
    no transaction) conn.execute's result. Iterate either the same way."""

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        self._compiled: tuple[str, dict[str, Any], Any] | None = None

    def run(self, conn: Connection, values: dict[str, Any]) -> Any:
        if conn.dialect.name != "postgresql" or not conn.in_transaction():
            return conn.execute(self.statement, values)
        if self._compiled is None:
            from collections import namedtuple

            compiled = self.statement.compile(dialect=conn.dialect)
            names = [
                str(getattr(column, "key", None) or f"column_{i}")
                for i, column in enumerate(self.statement.selected_columns)
            ]
            row = namedtuple("Row", names, rename=True)  # type: ignore[misc]
            self._compiled = (compiled.string, dict(compiled.params), row)
        sql, constants, made = self._compiled
        return [made._make(r) for r in on_driver(conn, sql, {**constants, **values})]


def on_driver(conn: Connection, sql: str, params: Any, *, prepare: bool = True) -> list[Any]:
    """PostgreSQL: the rows (tuples) of `sql` (the driver's paramstyle: %s or %(name)s) with
    `params`, sent straight on the driver's connection of `conn`, in the transaction `conn`
    holds (SQLAlchemy began it; its commit or rollback ends what the driver began), as a
    prepared statement. SQLAlchemy's execution costs more CPU per statement than a push's
    small statements cost the database.

    Raises the driver's error as conn.execute would raise it (sqlalchemy.exc.DBAPIError's
    subclass for the driver's class: DataError, IntegrityError, OperationalError...,
    parameters hidden): callers and the app's handlers (a DataError answers 422) see no
    difference. A connection the error broke is thrown away by the pool (the rollback fails
    and SQLAlchemy invalidates it; at checkout _closed_by_server refuses a closed one).
    Only inside a transaction (conn.in_transaction()), never outside one: the statement
    would begin a transaction no one ends."""
    cursor = kept_cursor(conn.connection)
    try:
        cursor.execute(sql, params, prepare=prepare)
        # Whether it returned rows, from the result's status: cursor.description would
        # make a Column object per column first (a tenth of a push's CPU in the driver).
        result = cursor.pgresult
        return cursor.fetchall() if result is not None and result.status == _TUPLES_OK else []
    except Exception as exc:
        import psycopg  # only PostgreSQL comes here

        if not isinstance(exc, psycopg.Error):
            raise
        raise DBAPIError.instance(
            sql, params, exc, psycopg.Error, hide_parameters=True, dialect=conn.dialect
        ) from exc


def kept_cursor(pooled: Any) -> Any:
    """A cursor of the driver connection of `pooled` (a pool's connection: SQLAlchemy's
    Connection.connection or Engine.raw_connection()), one per driver connection, kept with
    the pool's record of it: a cursor made per statement sets up its adapters each time.
    The pool clears it with a new connection, and one of another connection is never
    given."""
    driver = pooled.driver_connection
    cursor = pooled.info.get(_CURSOR)
    if cursor is None or cursor.connection is not driver or cursor.closed:
        cursor = pooled.info[_CURSOR] = driver.cursor()
    return cursor


_CURSOR = "koers.on_driver.cursor"
