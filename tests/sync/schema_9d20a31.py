"""The server's tables exactly as sync/server/store.py defined them at 9d20a31, the last
schema made by `create_all` before migrations: a frozen copy, for tests that start from a
database an existing server made. Never change it.
"""

from __future__ import annotations

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
)

metadata = MetaData()

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
)
assignments = Table(
    "assignments",
    metadata,
    Column("case_id", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False),
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
)
record_cases = Table(
    "record_cases",
    metadata,
    Column("record_type", String(40), primary_key=True),
    Column("record_id", String(64), primary_key=True),
    Column("case_id", String(64), nullable=True),
)
field_state = Table(
    "field_state",
    metadata,
    Column("record_type", String(40), primary_key=True),
    Column("record_id", String(64), primary_key=True),
    Column("field", String(64), primary_key=True),
    Column("value", Text, nullable=True),
    Column("hlc", String(100), nullable=False),
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
