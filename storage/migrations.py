"""Schema versions and forward migrations. A migration is frozen once released: never edit one,
add the next. `PRAGMA user_version` holds the version; each step runs in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from storage.errors import SchemaTooNew

COMMON_COLUMNS: dict[str, type] = {"id": str, "deleted": int, "updated_hlc": str}


def _record_table(db: sqlite_utils.Database, table: str, columns: dict[str, type]) -> None:
    db[table].create(  # type: ignore[union-attr]
        {**COMMON_COLUMNS, **columns},
        pk="id",
        not_null={"deleted"},
        defaults={"deleted": 0},
    )
    if "case_id" in columns:
        db[table].create_index(["case_id"], index_name=f"{table}_case_idx")  # type: ignore[union-attr]


def _v1_initial(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")  # type: ignore[union-attr]
    _record_table(db, "cases", {
        "display_name": str, "initials": str, "birth_year": int, "household": str,
        "address": str, "secret_address": int, "phone": str, "safe_contact": str,
        "language": str, "interpreter_needed": int, "programme_id": str, "phase_id": str,
        "phase_history": str, "start_date": str, "planned_end_date": str, "status": str,
        "worker": str, "backup_worker": str, "partners": str, "frequency_override": str,
    })
    _record_table(db, "screenings", {
        "case_id": str, "screened_on": str, "screened_by": str, "situation": int,
        "location_code": str, "notes": str,
    })
    _record_table(db, "contacts", {
        "case_id": str, "starts_at": str, "duration_minutes": int, "kind": str, "status": str,
        "location": str, "address": str, "present": str, "domains": str, "report": str,
        "safety_check_done": int, "safety_changes": str, "agreements_made": str,
        "next_appointment": str, "supersedes": str,
    })
    # The dashboard asks "latest counting contact per case": one index seek per case.
    db.execute(
        "CREATE INDEX contacts_counting_idx ON contacts(case_id, starts_at) "
        "WHERE status = 'gedaan' AND kind != 'niet_verschenen' AND deleted = 0"
    )
    db.execute("CREATE INDEX contacts_supersedes_idx ON contacts(supersedes) "
               "WHERE supersedes IS NOT NULL")
    db.execute("CREATE INDEX contacts_planned_idx ON contacts(starts_at) WHERE status = 'gepland'")
    _record_table(db, "safety_plans", {
        "case_id": str, "version": int, "made_on": str, "made_by": str,
        "warning_signals": str, "client_actions": str, "safe_people": str, "safe_places": str,
        "emergency_numbers": str, "escape_plan": str, "children_safety": str, "timeout": str,
        "review_date": str,
    })
    _record_table(db, "agreements", {
        "case_id": str, "who": str, "agreement": str, "made_with": str, "start_date": str,
        "review_date": str, "status": str,
    })
    _record_table(db, "breaches", {
        "case_id": str, "agreement_id": str, "occurred_on": str, "description": str,
        "follow_up": str,
    })
    _record_table(db, "goals", {
        "case_id": str, "domain": str, "goal": str, "who": str, "due_date": str,
        "status": str, "child": str,
    })
    _record_table(db, "actions", {
        "case_id": str, "goal_id": str, "description": str, "who": str, "due_date": str,
        "status": str,
    })
    _record_table(db, "zrm_assessments", {
        "case_id": str, "assessed_on": str, "assessed_by": str, "scores": str, "notes": str,
    })
    _record_table(db, "handover_notes", {
        "case_id": str, "to_whom": str, "to_kind": str, "summary": str, "what_works": str,
        "risks_and_agreements": str, "open_actions": str, "client_consent": int,
        "with_client": int, "handover_date": str, "written_by": str,
    })
    _record_table(db, "case_discussions", {
        "case_id": str, "held_on": str, "question": str, "timeline": str, "strengths": str,
        "risks": str, "tried": str, "outcome": str, "next_steps": str,
    })
    _record_table(db, "social_map", {
        "organisation": str, "contact_person": str, "phone": str, "offers": str, "area": str,
    })
    _record_table(db, "programmes", {"name": str, "definition": str})
    db.execute(
        "CREATE TABLE journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, change_id TEXT NOT NULL "
        "UNIQUE, record_type TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL, "
        "value TEXT, hlc TEXT NOT NULL, device_id TEXT NOT NULL, sent INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute("CREATE INDEX journal_unsent_idx ON journal(seq) WHERE sent = 0")
    db.execute(
        "CREATE TABLE access_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
        "actor TEXT NOT NULL, device_id TEXT NOT NULL, record_type TEXT NOT NULL, "
        "record_id TEXT, action TEXT NOT NULL, detail TEXT)"
    )


def _v2_drafts_conflicts_sync(db: sqlite_utils.Database) -> None:
    # Drafts keep half-typed forms across crashes; conflicts keep every losing value of a
    # same-field merge so it can be seen and restored; sync_state holds cursors and tokens.
    db["drafts"].create(  # type: ignore[union-attr]
        {"id": str, "form": str, "record_id": str, "payload": str, "updated_at": str}, pk="id"
    )
    db["conflicts"].create(  # type: ignore[union-attr]
        {"id": str, "record_type": str, "record_id": str, "field": str, "losing_value": str,
         "losing_hlc": str, "winning_hlc": str, "detected_at": str, "resolved": int},
        pk="id", not_null={"resolved"}, defaults={"resolved": 0},
    )
    db["conflicts"].create_index(["record_type", "record_id"])  # type: ignore[union-attr]
    db["sync_state"].create({"key": str, "value": str}, pk="key")  # type: ignore[union-attr]


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_initial,
    _v2_drafts_conflicts_sync,
]
LATEST_VERSION = len(MIGRATIONS)


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database, target: int = LATEST_VERSION) -> int:
    """Bring the schema forward to `target`; returns the version reached."""
    current = schema_version(db)
    if current > LATEST_VERSION:
        raise SchemaTooNew(current, LATEST_VERSION)
    for version in range(current + 1, target + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return max(current, target)
