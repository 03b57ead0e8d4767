"""Alembic's environment for the server's migrations.

At run time sync.server.migrations.upgrade() hands in its open connection (inside the one
transaction of the upgrade) as config.attributes["connection"]. A developer's `alembic`
command (alembic.ini at the repository root) names the database with `-x url=...` (sqlite:///path
or postgresql://...), e.g. `alembic -x url=sqlite:///dev.db revision --autogenerate
--rev-id 0003 -m "what changes"` against a database at head.

render_as_batch: on SQLite an ALTER that SQLite cannot do (drop or alter a column, a
constraint) copies the table; on PostgreSQL batch operations are plain ALTERs.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from sync.server.store import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    given = context.config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("give the database: alembic -x url=sqlite:///path ...")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    from sync.server.store import connect

    engine = connect(url, migrate=False)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


_main()
