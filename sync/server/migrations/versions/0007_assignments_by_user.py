"""The cases of an account found by index: `assignments.user_id` indexed.

Every pull reads the cases its account may read (access.readable_case_ids_sql): its own
assignments by user id, and for a team-wide reader those of each colleague. Without an index
each pull read the whole table (at 20,000 assignments some 9 ms of database time per pull).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEX = "ix_assignments_user_id"  # store.NAMING_CONVENTION's name for it


def upgrade() -> None:
    op.create_index(INDEX, "assignments", ["user_id"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="assignments")
