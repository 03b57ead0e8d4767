"""The server owns time and identity (issue 14): devices.clock_id, field_state.received_at,
late_arrivals, rate_limits.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Both new columns are nullable: a device enrolled before registers its clock id at its first
push, and a value stored before has no server arrival time.

A SQLite database made before migrations holds its primary keys and unique constraints
unnamed (create_all left them so): its tables are copied once under the names of
store.NAMING_CONVENTION, the names a new database and PostgreSQL have, so every later
revision can name what it alters whichever way the database came about.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.store import NAMING_CONVENTION

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# Revision 0001's tables.
SHIPPED = (
    "teams",
    "users",
    "devices",
    "assignments",
    "previous_assignments",
    "changes",
    "record_cases",
    "field_state",
    "conflicts",
)


def _name_unnamed_sqlite_constraints() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    # Revision 0001 names every primary key (and with it every constraint of the table);
    # create_all named none. One look at the tables' SQL tells which made a table.
    found = bind.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    made: dict[str, str] = {name: sql for name, sql in found}
    for table in SHIPPED:
        if f"CONSTRAINT {table}_pkey PRIMARY KEY" not in made[table]:
            with op.batch_alter_table(
                table, recreate="always", naming_convention=NAMING_CONVENTION
            ):
                pass


def upgrade() -> None:
    _name_unnamed_sqlite_constraints()
    with op.batch_alter_table("devices", naming_convention=NAMING_CONVENTION) as batch:
        batch.add_column(sa.Column("clock_id", sa.String(64), nullable=True))
    with op.batch_alter_table("field_state", naming_convention=NAMING_CONVENTION) as batch:
        batch.add_column(sa.Column("received_at", sa.Float(), nullable=True))
    op.create_table(
        "late_arrivals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("change_id", sa.String(64), nullable=False),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("hlc", sa.String(100), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created", sa.Boolean(), nullable=False),
        sa.Column("received_at", sa.Float(), nullable=False),
        sa.Column("accepted_at", sa.Float(), nullable=True),
        sa.Column("accepted_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="late_arrivals_pkey"),
        sa.UniqueConstraint("change_id", name="late_arrivals_change_id_key"),
    )
    op.create_index("ix_late_arrivals_case_id", "late_arrivals", ["case_id"])
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("window_start", sa.Float(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="rate_limits_pkey"),
    )


def downgrade() -> None:
    op.drop_table("rate_limits")
    op.drop_index("ix_late_arrivals_case_id", table_name="late_arrivals")
    op.drop_table("late_arrivals")
    with op.batch_alter_table("field_state", naming_convention=NAMING_CONVENTION) as batch:
        batch.drop_column("received_at")
    with op.batch_alter_table("devices", naming_convention=NAMING_CONVENTION) as batch:
        batch.drop_column("clock_id")
