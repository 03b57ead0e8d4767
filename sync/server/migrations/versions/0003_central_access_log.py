"""The central access log (issue 16): audit_log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

One insert-only table: the access-log lines every laptop sends at sync (unique per device
and the laptop's own sequence number, so a resend is a no-op) and the server's own lines for
what it serves. A new table: nothing existing is touched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("device_seq", sa.BigInteger(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(100), nullable=True),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(100), nullable=True),
        sa.Column("case_id", sa.String(64), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("laptop_at", sa.Float(), nullable=True),
        sa.Column("received_at", sa.Float(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="audit_log_pkey"),
        sa.UniqueConstraint("device_id", "device_seq", name="audit_log_device_id_device_seq_key"),
    )
    op.create_index("ix_audit_log_device_id", "audit_log", ["device_id"])
    op.create_index("ix_audit_log_user_name", "audit_log", ["user_name"])
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])
    op.create_index("ix_audit_log_received_at", "audit_log", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_received_at", table_name="audit_log")
    op.drop_index("ix_audit_log_case_id", table_name="audit_log")
    op.drop_index("ix_audit_log_user_name", table_name="audit_log")
    op.drop_index("ix_audit_log_device_id", table_name="audit_log")
    op.drop_table("audit_log")
