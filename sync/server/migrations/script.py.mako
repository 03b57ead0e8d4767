"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

Name every constraint and index explicitly (store.NAMING_CONVENTION gives the names), so the
names are the same on SQLite and PostgreSQL. Alter tables with op.batch_alter_table(name,
naming_convention=NAMING_CONVENTION): on SQLite it copies the table, and the convention names
the unnamed constraints of databases made before migrations.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}
from sync.server.store import NAMING_CONVENTION  # noqa: F401

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
