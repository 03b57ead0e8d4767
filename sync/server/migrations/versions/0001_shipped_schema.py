"""The schema as shipped before migrations (sync/server/store.py at 9d20a31).

Revision ID: 0001
Revises:
Create Date: 2026-12-01

A database made by that server's `create_all` has these tables (or, made by an older one,
some of them) and no alembic_version: this revision creates only the tables missing, as
`create_all` did, so such a database ends where a new one does. Constraint names are
PostgreSQL's own for unnamed constraints (what create_all left there); on SQLite a database
made before migrations keeps its constraints unnamed (batch operations name them through
store.NAMING_CONVENTION).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _tables() -> list[tuple[str, list[sa.schema.SchemaItem]]]:
    return [
        (
            "teams",
            [
                sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
                sa.Column("name", sa.String(100), nullable=False),
                sa.Column("shares_caseload", sa.Boolean(), nullable=False),
                sa.PrimaryKeyConstraint("id", name="teams_pkey"),
                sa.UniqueConstraint("name", name="teams_name_key"),
            ],
        ),
        (
            "users",
            [
                sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
                sa.Column("name", sa.String(100), nullable=False),
                sa.Column("password_hash", sa.String(300), nullable=False),
                sa.Column("role", sa.String(40), nullable=False),
                sa.Column("team_id", sa.Integer(), nullable=True),
                sa.Column("disabled", sa.Boolean(), nullable=False),
                sa.Column("failed_logins", sa.Integer(), nullable=False),
                sa.Column("locked_until", sa.Float(), nullable=False),
                sa.PrimaryKeyConstraint("id", name="users_pkey"),
                sa.UniqueConstraint("name", name="users_name_key"),
            ],
        ),
        (
            "devices",
            [
                sa.Column("id", sa.String(64), nullable=False),
                sa.Column("user_id", sa.Integer(), nullable=False),
                sa.Column("name", sa.String(100), nullable=False),
                sa.Column("token_hash", sa.String(64), nullable=False),
                sa.Column("created_at", sa.Float(), nullable=False),
                sa.Column("expires_at", sa.Float(), nullable=False),
                sa.Column("revoked_at", sa.Float(), nullable=True),
                sa.Column("wipe_sent_at", sa.Float(), nullable=True),
                sa.Column("last_seen", sa.Float(), nullable=True),
                sa.PrimaryKeyConstraint("id", name="devices_pkey"),
                sa.UniqueConstraint("token_hash", name="devices_token_hash_key"),
            ],
        ),
        (
            "assignments",
            [
                sa.Column("case_id", sa.String(64), nullable=False),
                sa.Column("user_id", sa.Integer(), nullable=False),
                sa.Column("assigned_at", sa.Float(), nullable=False),
                sa.PrimaryKeyConstraint("case_id", name="assignments_pkey"),
            ],
        ),
        (
            "previous_assignments",
            [
                sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
                sa.Column("case_id", sa.String(64), nullable=False),
                sa.Column("user_id", sa.Integer(), nullable=False),
                sa.Column("until", sa.Float(), nullable=False),
                sa.PrimaryKeyConstraint("id", name="previous_assignments_pkey"),
                sa.Index("ix_previous_assignments_case_id", "case_id"),
            ],
        ),
        (
            "changes",
            [
                # 64-bit on PostgreSQL; SQLite's INTEGER PRIMARY KEY is 64-bit already.
                sa.Column(
                    "seq",
                    sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                    autoincrement=True,
                    nullable=False,
                ),
                sa.Column("change_id", sa.String(64), nullable=False),
                sa.Column("record_type", sa.String(40), nullable=False),
                sa.Column("record_id", sa.String(64), nullable=False),
                sa.Column("case_id", sa.String(64), nullable=True),
                sa.Column("fields", sa.Text(), nullable=False),
                sa.Column("hlc", sa.String(100), nullable=False),
                sa.Column("device_id", sa.String(64), nullable=False),
                sa.Column("user_id", sa.Integer(), nullable=False),
                sa.Column("created", sa.Boolean(), nullable=False),
                sa.Column("received_at", sa.Float(), nullable=False),
                sa.PrimaryKeyConstraint("seq", name="changes_pkey"),
                sa.UniqueConstraint("change_id", name="changes_change_id_key"),
                sa.Index("ix_changes_case_id", "case_id"),
            ],
        ),
        (
            "record_cases",
            [
                sa.Column("record_type", sa.String(40), nullable=False),
                sa.Column("record_id", sa.String(64), nullable=False),
                sa.Column("case_id", sa.String(64), nullable=True),
                sa.PrimaryKeyConstraint("record_type", "record_id", name="record_cases_pkey"),
            ],
        ),
        (
            "field_state",
            [
                sa.Column("record_type", sa.String(40), nullable=False),
                sa.Column("record_id", sa.String(64), nullable=False),
                sa.Column("field", sa.String(64), nullable=False),
                sa.Column("value", sa.Text(), nullable=True),
                sa.Column("hlc", sa.String(100), nullable=False),
                sa.PrimaryKeyConstraint(
                    "record_type", "record_id", "field", name="field_state_pkey"
                ),
            ],
        ),
        (
            "conflicts",
            [
                sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
                sa.Column("record_type", sa.String(40), nullable=False),
                sa.Column("record_id", sa.String(64), nullable=False),
                sa.Column("field", sa.String(64), nullable=False),
                sa.Column("losing_value", sa.Text(), nullable=True),
                sa.Column("losing_hlc", sa.String(100), nullable=False),
                sa.Column("winning_hlc", sa.String(100), nullable=False),
                sa.PrimaryKeyConstraint("id", name="conflicts_pkey"),
                sa.UniqueConstraint(
                    "record_type",
                    "record_id",
                    "field",
                    "losing_hlc",
                    name="conflicts_record_type_record_id_field_losing_hlc_key",
                ),
            ],
        ),
    ]


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, items in _tables():
        if name in existing:
            continue
        indexes = [item for item in items if isinstance(item, sa.Index)]
        op.create_table(name, *[item for item in items if not isinstance(item, sa.Index)])
        for index in indexes:
            op.create_index(index.name, name, [column for column in index.expressions])


def downgrade() -> None:
    for name, _ in reversed(_tables()):
        op.drop_table(name)
