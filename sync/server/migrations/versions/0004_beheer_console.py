"""The beheer console (issue 16): console_sessions, console_totp, console_totp_used.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Three new tables, nothing existing touched: the console's sessions (the SHA-256 of each
session id, its CSRF token, stage and times), each beheerder's TOTP secret, and the time
steps of TOTP codes already used (a code is accepted once).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_sessions",
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("stage", sa.String(10), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("last_seen", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name="console_sessions_pkey"),
    )
    op.create_index("ix_console_sessions_user_id", "console_sessions", ["user_id"])
    op.create_table(
        "console_totp",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("confirmed_at", sa.Float(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="console_totp_pkey"),
    )
    op.create_table(
        "console_totp_used",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("step", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("used_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "step", name="console_totp_used_pkey"),
    )


def downgrade() -> None:
    op.drop_table("console_totp_used")
    op.drop_table("console_totp")
    op.drop_index("ix_console_sessions_user_id", table_name="console_sessions")
    op.drop_table("console_sessions")
