"""A change's sequence number is never given twice (SQLite): `changes` rebuilt with
AUTOINCREMENT.

SQLite gives a new row of an INTEGER PRIMARY KEY table one more than the largest key present;
when a retention purge deleted the newest changes, the next push took their numbers again, and a
laptop whose pull cursor had passed them never received those changes. With AUTOINCREMENT,
SQLite keeps the largest number ever used (sqlite_sequence). PostgreSQL's sequence never goes
back, so nothing changes there.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

from sync.server.store import NAMING_CONVENTION

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _rebuild_changes(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # Copying the rows with their numbers sets sqlite_sequence to the largest kept: a number
    # lost to a purge before this revision cannot be known any more.
    with op.batch_alter_table(
        "changes",
        recreate="always",
        naming_convention=NAMING_CONVENTION,
        table_kwargs={"sqlite_autoincrement": autoincrement},
    ):
        pass


def upgrade() -> None:
    _rebuild_changes(True)


def downgrade() -> None:
    _rebuild_changes(False)
