"""Schema versions and forward migrations. A migration is frozen once released: never edit one,
add the next. `PRAGMA user_version` holds the version; each step runs in its own transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from storage.errors import SchemaTooNew

if TYPE_CHECKING:  # loaded only where the vault wraps its connection (storage/vault.py)
    import sqlite_utils

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
    _record_table(
        db,
        "cases",
        {
            "display_name": str,
            "initials": str,
            "birth_year": int,
            "household": str,
            "address": str,
            "secret_address": int,
            "phone": str,
            "safe_contact": str,
            "language": str,
            "interpreter_needed": int,
            "programme_id": str,
            "phase_id": str,
            "phase_history": str,
            "start_date": str,
            "planned_end_date": str,
            "status": str,
            "worker": str,
            "backup_worker": str,
            "partners": str,
            "frequency_override": str,
        },
    )
    _record_table(
        db,
        "screenings",
        {
            "case_id": str,
            "screened_on": str,
            "screened_by": str,
            "situation": int,
            "location_code": str,
            "notes": str,
        },
    )
    _record_table(
        db,
        "contacts",
        {
            "case_id": str,
            "starts_at": str,
            "duration_minutes": int,
            "kind": str,
            "status": str,
            "location": str,
            "address": str,
            "present": str,
            "domains": str,
            "report": str,
            "safety_check_done": int,
            "safety_changes": str,
            "agreements_made": str,
            "next_appointment": str,
            "supersedes": str,
        },
    )
    # The dashboard asks "latest counting contact per case": one index seek per case.
    db.execute(
        "CREATE INDEX contacts_counting_idx ON contacts(case_id, starts_at) "
        "WHERE status = 'gedaan' AND kind != 'niet_verschenen' AND deleted = 0"
    )
    db.execute(
        "CREATE INDEX contacts_supersedes_idx ON contacts(supersedes) WHERE supersedes IS NOT NULL"
    )
    db.execute("CREATE INDEX contacts_planned_idx ON contacts(starts_at) WHERE status = 'gepland'")
    _record_table(
        db,
        "safety_plans",
        {
            "case_id": str,
            "version": int,
            "made_on": str,
            "made_by": str,
            "warning_signals": str,
            "client_actions": str,
            "safe_people": str,
            "safe_places": str,
            "emergency_numbers": str,
            "escape_plan": str,
            "children_safety": str,
            "timeout": str,
            "review_date": str,
        },
    )
    _record_table(
        db,
        "agreements",
        {
            "case_id": str,
            "who": str,
            "agreement": str,
            "made_with": str,
            "start_date": str,
            "review_date": str,
            "status": str,
        },
    )
    _record_table(
        db,
        "breaches",
        {
            "case_id": str,
            "agreement_id": str,
            "occurred_on": str,
            "description": str,
            "follow_up": str,
        },
    )
    _record_table(
        db,
        "goals",
        {
            "case_id": str,
            "domain": str,
            "goal": str,
            "who": str,
            "due_date": str,
            "status": str,
            "child": str,
        },
    )
    _record_table(
        db,
        "actions",
        {
            "case_id": str,
            "goal_id": str,
            "description": str,
            "who": str,
            "due_date": str,
            "status": str,
        },
    )
    _record_table(
        db,
        "zrm_assessments",
        {
            "case_id": str,
            "assessed_on": str,
            "assessed_by": str,
            "scores": str,
            "notes": str,
        },
    )
    _record_table(
        db,
        "handover_notes",
        {
            "case_id": str,
            "to_whom": str,
            "to_kind": str,
            "summary": str,
            "what_works": str,
            "risks_and_agreements": str,
            "open_actions": str,
            "client_consent": int,
            "with_client": int,
            "handover_date": str,
            "written_by": str,
        },
    )
    _record_table(
        db,
        "case_discussions",
        {
            "case_id": str,
            "held_on": str,
            "question": str,
            "timeline": str,
            "strengths": str,
            "risks": str,
            "tried": str,
            "outcome": str,
            "next_steps": str,
        },
    )
    _record_table(
        db,
        "social_map",
        {
            "organisation": str,
            "contact_person": str,
            "phone": str,
            "offers": str,
            "area": str,
        },
    )
    _record_table(db, "programmes", {"name": str, "definition": str})
    # Append-only; AUTOINCREMENT so a seq is never reused, which lets sync keep a high-water
    # mark of what was pushed instead of a per-row flag and its index. Change ids are made
    # here (UUIDv7) and made unique by the server; no local index slows every write.
    db.execute(
        "CREATE TABLE journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, change_id TEXT NOT NULL, "
        "record_type TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL, "
        "value TEXT, hlc TEXT NOT NULL, device_id TEXT NOT NULL)"
    )
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
        {
            "id": str,
            "record_type": str,
            "record_id": str,
            "field": str,
            "losing_value": str,
            "losing_hlc": str,
            "winning_hlc": str,
            "detected_at": str,
            "resolved": int,
        },
        pk="id",
        not_null={"resolved"},
        defaults={"resolved": 0},
    )
    db["conflicts"].create_index(["record_type", "record_id"])  # type: ignore[union-attr]
    db["sync_state"].create({"key": str, "value": str}, pk="key")  # type: ignore[union-attr]


# The latest contact that reached the client (done, not a no-show, not deleted, not replaced by
# a correction) and the latest screening's situation, for the case `{case}`.
_LAST_COUNTING_CONTACT = (
    "(SELECT k.starts_at FROM contacts k WHERE k.case_id = {case} AND k.status = 'gedaan' "
    "AND k.kind != 'niet_verschenen' AND k.deleted = 0 AND NOT EXISTS (SELECT 1 FROM contacts s "
    "WHERE s.supersedes = k.id AND s.deleted = 0) ORDER BY k.starts_at DESC LIMIT 1)"
)
_LATEST_RISK = (
    "(SELECT r.situation FROM screenings r WHERE r.case_id = {case} AND r.deleted = 0 "
    "ORDER BY r.screened_on DESC, r.updated_hlc DESC LIMIT 1)"
)


_COUNTING = "NEW.status = 'gedaan' AND NEW.kind != 'niet_verschenen' AND NEW.deleted = 0"


def _refresh(column: str, value_sql: str, case: str, stale: str = "") -> str:
    """Recompute one summary column of one case from the records."""
    return (
        f"INSERT INTO case_summary(case_id, {column}) VALUES ({case}, "
        f"{value_sql.format(case=case)}) "
        f"ON CONFLICT(case_id) DO UPDATE SET {column} = excluded.{column}{stale};"
    )


def _trigger(name: str, on: str, when: str, body: str) -> str:
    return f"CREATE TRIGGER {name} AFTER {on} WHEN {when} BEGIN {body} END"


def _summary_triggers(stale: str = "") -> list[str]:
    """The triggers that keep case_summary; `stale` is added to each update they make (v9:
    the stored caseload line is to be computed again)."""
    contact_fields = "case_id, starts_at, status, kind, deleted, supersedes"
    screening_fields = "case_id, screened_on, situation, deleted"
    return [
        # The common write, a new contact, can only move the latest contact forward: no query.
        _trigger(
            "contacts_summary_append",
            "INSERT ON contacts",
            f"NEW.case_id IS NOT NULL AND NEW.supersedes IS NULL AND {_COUNTING}",
            "INSERT INTO case_summary(case_id, last_contact_at) VALUES (NEW.case_id, "
            "NEW.starts_at) ON CONFLICT(case_id) DO UPDATE SET last_contact_at = "
            "MAX(COALESCE(last_contact_at, ''), excluded.last_contact_at)" + stale + ";",
        ),
        # A correction replaces an earlier contact: recompute.
        _trigger(
            "contacts_summary_correction",
            "INSERT ON contacts",
            "NEW.case_id IS NOT NULL AND NEW.supersedes IS NOT NULL",
            _refresh("last_contact_at", _LAST_COUNTING_CONTACT, "NEW.case_id", stale),
        ),
        _trigger(
            "contacts_summary_update",
            f"UPDATE OF {contact_fields} ON contacts",
            "NEW.case_id IS NOT NULL",
            _refresh("last_contact_at", _LAST_COUNTING_CONTACT, "NEW.case_id", stale),
        ),
        _trigger(
            "contacts_summary_moved",
            "UPDATE OF case_id ON contacts",
            "OLD.case_id IS NOT NULL AND OLD.case_id IS NOT NEW.case_id",
            _refresh("last_contact_at", _LAST_COUNTING_CONTACT, "OLD.case_id", stale),
        ),
        _trigger(
            "screenings_summary_insert",
            "INSERT ON screenings",
            "NEW.case_id IS NOT NULL",
            _refresh("risk", _LATEST_RISK, "NEW.case_id", stale),
        ),
        _trigger(
            "screenings_summary_update",
            f"UPDATE OF {screening_fields} ON screenings",
            "NEW.case_id IS NOT NULL",
            _refresh("risk", _LATEST_RISK, "NEW.case_id", stale),
        ),
        _trigger(
            "screenings_summary_moved",
            "UPDATE OF case_id ON screenings",
            "OLD.case_id IS NOT NULL AND OLD.case_id IS NOT NEW.case_id",
            _refresh("risk", _LATEST_RISK, "OLD.case_id", stale),
        ),
    ]


def _v3_case_summary(db: sqlite_utils.Database) -> None:
    # The dashboard needs, per case, the latest counting contact and the latest risk. Kept by
    # triggers in the same transaction as every write (local or synced), so it cannot drift;
    # derived data, never journaled.
    db.execute(
        "CREATE TABLE case_summary (case_id TEXT PRIMARY KEY, last_contact_at TEXT, "
        "risk INTEGER) WITHOUT ROWID"
    )
    # The caseload reads these columns of every open case: an index-only scan reads a fraction
    # of the pages that the wide case rows (household, partners) fill.
    db.execute(
        "CREATE INDEX cases_caseload_idx ON cases(deleted, id, status, display_name, initials, "
        "programme_id, phase_id, phase_history, start_date, planned_end_date, worker, "
        "frequency_override)"
    )
    # Reviews due: the current version of each safety plan, and active agreements by date.
    db.execute(
        "CREATE INDEX safety_plans_current_idx ON safety_plans(case_id, version, "
        "review_date) WHERE deleted = 0"
    )
    db.execute(
        "CREATE INDEX agreements_review_idx ON agreements(review_date, case_id) "
        "WHERE deleted = 0 AND status = 'actief'"
    )
    db.execute("DROP INDEX contacts_counting_idx")
    db.execute(
        "CREATE INDEX contacts_counting_idx ON contacts(case_id, starts_at, id) "
        "WHERE status = 'gedaan' AND kind != 'niet_verschenen' AND deleted = 0"
    )
    for trigger in _summary_triggers():
        db.execute(trigger)
    db.execute(
        "INSERT INTO case_summary(case_id, last_contact_at, risk) SELECT c.id, "
        f"{_LAST_COUNTING_CONTACT.format(case='c.id')}, {_LATEST_RISK.format(case='c.id')} "
        "FROM cases c"
    )


RECORD_TABLES = (
    "cases",
    "screenings",
    "contacts",
    "safety_plans",
    "agreements",
    "breaches",
    "goals",
    "actions",
    "zrm_assessments",
    "handover_notes",
    "case_discussions",
    "social_map",
    "programmes",
)


def _v4_field_clocks_and_rejections(db: sqlite_utils.Database) -> None:
    # Sync merges per field on the hybrid logical clock. A record's fields share the HLC of
    # its creation (updated_hlc) until one changes; field_hlcs then maps each changed field
    # to its own HLC ("*": the creation HLC). Kept in the row: no extra row per write.
    for table in RECORD_TABLES:
        db.execute(f"ALTER TABLE {table} ADD COLUMN field_hlcs TEXT")
    # Changes the server refused (e.g. a case handed over meanwhile), with its reason.
    db.execute(
        "CREATE TABLE sync_rejections (change_id TEXT PRIMARY KEY, record_type TEXT NOT NULL, "
        "record_id TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL)"
    )


def _v5_retired_and_stale_cases(db: sqlite_utils.Database) -> None:
    # Closed cases this laptop dropped after the retention period (ids only): not fetched
    # again while the server still lists them, unless they are reopened.
    db.execute("CREATE TABLE retired_cases (case_id TEXT PRIMARY KEY, at TEXT NOT NULL)")
    # Cases held here while a pull said this worker may not see them: the server left their
    # changes out of that pull, so if they become visible again they are fetched whole.
    db.execute("CREATE TABLE stale_cases (case_id TEXT PRIMARY KEY)")


# uuid is imported where an id is made: every unlock loads this module (LATEST_VERSION).
PEOPLE_NAMESPACE = "6f1d3c52-7a0e-4a8f-9a53-2f6c1d0b9e41"  # uuid5 namespace of migrated ids


def _people_table(db: sqlite_utils.Database, table: str, columns: dict[str, type]) -> None:
    _record_table(db, table, columns)
    db.execute(f"ALTER TABLE {table} ADD COLUMN field_hlcs TEXT")


def _migrated_id(case_id: str, kind: str, index: int) -> str:
    """The same id on every laptop that migrates the same case: two laptops create the same
    records, and sync merges them instead of doubling the household."""
    import uuid

    return str(uuid.uuid5(uuid.UUID(PEOPLE_NAMESPACE), f"{case_id}/{kind}/{index}"))


def _v6_people_closing_intake(db: sqlite_utils.Database) -> None:
    # People become records of their own (household members, danger persons, partners), so
    # two laptops editing different children merge per person and per field.
    _people_table(
        db,
        "household_members",
        {
            "case_id": str,
            "name": str,
            "is_child": int,
            "birth_year": int,
            "role": str,
            "school": str,
            "involved": str,
            "safety_concerns": str,
            "contact_with_father": str,
        },
    )
    _people_table(
        db,
        "danger_persons",
        {
            "case_id": str,
            "name": str,
            "relation": str,
            "huisverbod_from": str,
            "huisverbod_until": str,
            "contactverbod_from": str,
            "contactverbod_until": str,
            "straatverbod_from": str,
            "straatverbod_until": str,
            "omgangsregeling": str,
            "notes": str,
        },
    )
    _people_table(
        db,
        "case_partners",
        {
            "case_id": str,
            "kind": str,
            "organisation": str,
            "contact_person": str,
            "phone": str,
            "social_map_id": str,
        },
    )
    # Closing and reopening (terugval) are append-only records of their own.
    _people_table(
        db,
        "closures",
        {
            "case_id": str,
            "closed_on": str,
            "reason": str,
            "destination": str,
            "nazorg": int,
            "notes": str,
            "closed_by": str,
        },
    )
    _people_table(
        db,
        "reopenings",
        {"case_id": str, "reopened_on": str, "reason": str, "reopened_by": str},
    )
    for column in ("registered_on", "nazorg_start", "closed_on", "reopened_on"):
        db.execute(f"ALTER TABLE cases ADD COLUMN {column} TEXT")
    for column, kind in (
        ("human_trafficking", "INTEGER"),
        ("honour_based", "INTEGER"),
        ("contra_indications", "TEXT"),
        ("contra_reason", "TEXT"),
    ):
        db.execute(f"ALTER TABLE screenings ADD COLUMN {column} {kind}")
    db.execute("ALTER TABLE contacts ADD COLUMN brief INTEGER")
    # The caseload reads these too: keep its scan index-only.
    db.execute("DROP INDEX cases_caseload_idx")
    db.execute(
        "CREATE INDEX cases_caseload_idx ON cases(deleted, id, status, display_name, initials, "
        "programme_id, phase_id, phase_history, start_date, registered_on, planned_end_date, "
        "worker, frequency_override, nazorg_start, reopened_on)"
    )
    _move_people_out_of_cases(db)
    _date_earlier_closings(db)
    # The people now live in their own records only; no second copy of their names.
    db.execute("ALTER TABLE cases DROP COLUMN household")
    db.execute("ALTER TABLE cases DROP COLUMN partners")


def _move_people_out_of_cases(db: sqlite_utils.Database) -> None:
    """Copy each case's household and partners JSON into records, journaled so they sync.

    Each record carries the HLC of the field it came from, so every laptop that migrates the
    same case writes the same records with the same clocks."""
    found = db.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    device_id = found[0] if found else "migration"
    rows = db.execute(
        "SELECT id, household, partners, updated_hlc, field_hlcs FROM cases WHERE deleted = 0"
    ).fetchall()
    for case_id, household, partners, updated_hlc, field_hlcs in rows:
        clocks = json.loads(field_hlcs) if field_hlcs else {"*": updated_hlc}
        people = json.loads(household) if household else {}
        members = [(a, False) for a in people.get("adults", [])]
        members += [(c, True) for c in people.get("children", [])]
        hlc = clocks.get("household", clocks.get("*", "")) or updated_hlc
        for index, (person, is_child) in enumerate(members):
            fields = {
                "case_id": case_id,
                "name": person.get("name", ""),
                "is_child": int(is_child),
                "birth_year": person.get("birth_year"),
                "role": person.get("role", ""),
                "school": person.get("school", ""),
                "involved": person.get("involved", ""),
                "safety_concerns": person.get("safety_concerns", ""),
                "contact_with_father": person.get("contact_with_father", ""),
            }
            record_id = _migrated_id(case_id, "household", index)
            _insert_migrated(
                db, "household_members", "household_member", record_id, fields, hlc, device_id
            )
        hlc = clocks.get("partners", clocks.get("*", "")) or updated_hlc
        for index, partner in enumerate(json.loads(partners) if partners else []):
            fields = {
                "case_id": case_id,
                "kind": partner.get("kind", "anders"),
                "organisation": partner.get("organisation", ""),
                "contact_person": partner.get("contact_person", ""),
                "phone": partner.get("phone", ""),
            }
            record_id = _migrated_id(case_id, "partner", index)
            _insert_migrated(db, "case_partners", "case_partner", record_id, fields, hlc, device_id)


def _date_earlier_closings(db: sqlite_utils.Database) -> None:
    """A case closed before closing dates were kept gets the day its status became
    afgesloten (the wall time of that field's HLC, Amsterdam day), so its terugval guarantee
    has an end. Journaled under that same HLC: every laptop writes the same value."""
    import uuid

    found = db.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    device_id = found[0] if found else "migration"
    amsterdam = ZoneInfo("Europe/Amsterdam")
    rows = db.execute(
        "SELECT id, updated_hlc, field_hlcs FROM cases "
        "WHERE deleted = 0 AND status = 'afgesloten' AND closed_on IS NULL"
    ).fetchall()
    for case_id, updated_hlc, field_hlcs in rows:
        clocks = json.loads(field_hlcs) if field_hlcs else {"*": updated_hlc}
        status_hlc = clocks.get("status", clocks.get("*", "")) or updated_hlc
        hlc = _own_stamp(status_hlc, device_id)
        wall_ms = int(hlc.split(":", 1)[0])
        closed_on = datetime.fromtimestamp(wall_ms / 1000, amsterdam).date().isoformat()
        clocks["closed_on"] = hlc
        db.execute(
            "UPDATE cases SET closed_on = ?, field_hlcs = ? WHERE id = ?",
            [closed_on, json.dumps(clocks, sort_keys=True), case_id],
        )
        db.execute(
            "INSERT INTO journal(change_id, record_type, record_id, field, value, hlc, device_id) "
            "VALUES (?, 'case', ?, 'closed_on', ?, ?, ?)",
            [str(uuid.uuid4()), case_id, json.dumps(closed_on), hlc, device_id],
        )


def _v7_safety_progress_handover(db: sqlite_utils.Database) -> None:
    # The safety plan's "Geëvalueerd" version records the evaluation day.
    db.execute("ALTER TABLE safety_plans ADD COLUMN evaluated_on TEXT")
    # A breach stays as written; what was done about it is a record of its own.
    _people_table(
        db,
        "breach_follow_ups",
        {
            "case_id": str,
            "breach_id": str,
            "written_on": str,
            "follow_up": str,
            "written_by": str,
        },
    )
    _move_follow_ups_out_of_breaches(db)
    db.execute("ALTER TABLE breaches DROP COLUMN follow_up")
    # A goal says when it was made with the client (unknown for goals made before).
    db.execute("ALTER TABLE goals ADD COLUMN made_on TEXT")
    for column in (
        "consent",
        "reason",
        "next_step",
        "next_step_on",
        "with_client_on",
        "social_map_id",
    ):
        db.execute(f"ALTER TABLE handover_notes ADD COLUMN {column} TEXT")
    _consent_from_yes_no(db)
    db.execute("ALTER TABLE handover_notes DROP COLUMN client_consent")


def _sign_unsent_migrated_changes(db: sqlite_utils.Database) -> None:
    """Earlier migrations journaled under the stamp of the field a value came from, which may
    name another laptop; such a change not yet sent is signed with this laptop's device id
    (its time kept), in the journal and in the record's clocks, so the server accepts it."""
    device_id = _device_id(db)
    found = db.execute("SELECT value FROM sync_state WHERE key = 'pushed_seq'").fetchone()
    pushed = int(found[0]) if found and found[0] else 0
    rows = db.execute(
        "SELECT seq, record_type, record_id, field, hlc FROM journal "
        "WHERE seq > ? AND hlc NOT LIKE ?",
        [pushed, f"%:{device_id}"],
    ).fetchall()
    tables = {
        "case": "cases",
        "household_member": "household_members",
        "case_partner": "case_partners",
        "breach_follow_up": "breach_follow_ups",
        "handover_note": "handover_notes",
    }
    for seq, record_type, record_id, field, hlc in rows:
        own = _own_stamp(hlc, device_id)
        db.execute("UPDATE journal SET hlc = ?, device_id = ? WHERE seq = ?", [own, device_id, seq])
        table = tables.get(record_type)
        found_row = (
            db.execute(
                f"SELECT updated_hlc, field_hlcs FROM {table} WHERE id = ?", [record_id]
            ).fetchone()
            if table
            else None
        )
        if found_row is None:
            continue
        updated_hlc, field_hlcs = found_row
        clocks = json.loads(field_hlcs) if field_hlcs else {"*": updated_hlc}
        signed = [k for k, v in clocks.items() if v == hlc and (field == "*" or k == field)]
        for key in signed:
            clocks[key] = own
        if field == "*" and updated_hlc == hlc:
            updated_hlc = own
        db.execute(
            f"UPDATE {table} SET updated_hlc = ?, field_hlcs = ? WHERE id = ?",
            [updated_hlc, json.dumps(clocks, sort_keys=True), record_id],
        )


def _v8_sync_trust(db: sqlite_utils.Database) -> None:
    # A pull recognises this laptop's own changes by change id (not by a device id anyone
    # can claim): the lookup needs an index.
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS journal_change_id ON journal(change_id)")
    # The server's answer kind (sync/protocol: refused, invalid, clock_ahead, kept_late).
    db.execute("ALTER TABLE sync_rejections ADD COLUMN code TEXT NOT NULL DEFAULT 'refused'")
    # Changes from the server this Koers could not apply (not in its schema): kept whole,
    # shown to the worker, the rest of the pull applied.
    _sign_unsent_migrated_changes(db)
    db.execute(
        "CREATE TABLE sync_set_aside (change_id TEXT PRIMARY KEY, record_type TEXT NOT NULL, "
        "record_id TEXT NOT NULL, change TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL)"
    )


def _v9_stored_caseload_rows(db: sqlite_utils.Database) -> None:
    # Each case's caseload line as last computed (app/caseload_store.py), so that an unlock
    # reads one narrow table: `row` (the line packed; NULL: to be computed), `shown` (2 open,
    # 1 closed, 0 not listed, 3 not storable), the fingerprint of the programmes and rules
    # it was computed under, and the days it holds for. Derived data, never journaled.
    for column in ("row TEXT", "shown INTEGER", "fp TEXT", "valid_from TEXT", "valid_until TEXT"):
        db.execute(f"ALTER TABLE case_summary ADD COLUMN {column}")
    # Every write that can change a line sets its `row` to NULL: the summary's triggers (one
    # more column in the statement they run anyway: nothing more per contact) ...
    for name in (
        "contacts_summary_append",
        "contacts_summary_correction",
        "contacts_summary_update",
        "contacts_summary_moved",
        "screenings_summary_insert",
        "screenings_summary_update",
        "screenings_summary_moved",
    ):
        db.execute(f"DROP TRIGGER {name}")
    for trigger in _summary_triggers(stale=", row = NULL"):
        db.execute(trigger)
    # ... and any write of a case (each case has its summary row from its first insert on).
    db.execute(
        "CREATE TRIGGER cases_caseload_insert AFTER INSERT ON cases BEGIN "
        "INSERT INTO case_summary(case_id) VALUES (NEW.id) "
        "ON CONFLICT(case_id) DO UPDATE SET row = NULL; END"
    )
    db.execute(
        "CREATE TRIGGER cases_caseload_update AFTER UPDATE ON cases BEGIN "
        "INSERT INTO case_summary(case_id) VALUES (NEW.id) "
        "ON CONFLICT(case_id) DO UPDATE SET row = NULL; "
        "UPDATE case_summary SET row = NULL WHERE case_id = OLD.id AND OLD.id IS NOT NEW.id; END"
    )
    db.execute("INSERT OR IGNORE INTO case_summary(case_id) SELECT id FROM cases")
    db.execute("UPDATE case_summary SET row = NULL")


def _field_hlc(updated_hlc: str, field_hlcs: str | None, field: str) -> str:
    """The HLC a field of a row was last written under (its own, else the creation's)."""
    clocks = json.loads(field_hlcs) if field_hlcs else {}
    return clocks.get(field) or clocks.get("*") or updated_hlc


def _hlc_day(hlc: str) -> str:
    """The Amsterdam day of an HLC's wall time, ISO text."""
    wall_ms = int(hlc.split(":", 1)[0])
    return datetime.fromtimestamp(wall_ms / 1000, ZoneInfo("Europe/Amsterdam")).date().isoformat()


def _device_id(db: sqlite_utils.Database) -> str:
    found = db.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    return found[0] if found else "migration"


def _own_stamp(hlc: str, device_id: str) -> str:
    """`hlc`'s time under this laptop's own device id: a migration dates what it writes by
    the field it came from, but signs it itself (the server refuses a change stamped by
    another device). Laptops that migrate the same case write the same values a device id
    apart, which merge without a conflict."""
    wall, counter, _ = hlc.split(":", 2)
    return f"{wall}:{counter}:{device_id}"


def _move_follow_ups_out_of_breaches(db: sqlite_utils.Database) -> None:
    """Each breach's follow-up text becomes a BreachFollowUp record, dated the day the text
    was written (its field's HLC) and journaled under that HLC with an id derived from the
    breach: every laptop that migrates writes the same record."""
    import uuid

    device_id = _device_id(db)
    rows = db.execute(
        "SELECT id, case_id, follow_up, updated_hlc, field_hlcs FROM breaches "
        "WHERE deleted = 0 AND follow_up IS NOT NULL AND trim(follow_up) != ''"
    ).fetchall()
    for breach_id, case_id, follow_up, updated_hlc, field_hlcs in rows:
        hlc = _field_hlc(updated_hlc, field_hlcs, "follow_up")
        fields = {
            "case_id": case_id,
            "breach_id": breach_id,
            "written_on": _hlc_day(hlc),
            "follow_up": follow_up,
            "written_by": "",
        }
        record_id = str(uuid.uuid5(uuid.UUID(PEOPLE_NAMESPACE), f"{breach_id}/follow_up"))
        _insert_migrated(
            db, "breach_follow_ups", "breach_follow_up", record_id, fields, hlc, device_id
        )


def _consent_from_yes_no(db: sqlite_utils.Database) -> None:
    """The old yes/no defaulted to no, so a no never meant the client was asked: 1 becomes
    "ja", anything else "niet gevraagd". Journaled under the old field's HLC, so every
    laptop writes the same value."""
    import uuid

    device_id = _device_id(db)
    rows = db.execute(
        "SELECT id, client_consent, updated_hlc, field_hlcs FROM handover_notes"
    ).fetchall()
    for note_id, old, updated_hlc, field_hlcs in rows:
        consent = "ja" if old == 1 else "niet_gevraagd"
        hlc = _own_stamp(_field_hlc(updated_hlc, field_hlcs, "client_consent"), device_id)
        db.execute("UPDATE handover_notes SET consent = ? WHERE id = ?", [consent, note_id])
        db.execute(
            "INSERT INTO journal(change_id, record_type, record_id, field, value, hlc, device_id) "
            "VALUES (?, 'handover_note', ?, 'consent', ?, ?, ?)",
            [str(uuid.uuid4()), note_id, json.dumps(consent), hlc, device_id],
        )


def _insert_migrated(
    db: sqlite_utils.Database,
    table: str,
    record_type: str,
    record_id: str,
    fields: dict,
    hlc: str,
    device_id: str,
) -> None:
    import uuid

    # The journal is written here directly (a migration runs before the vault object
    # exists); same row shape as storage/journal.append_created.
    hlc = _own_stamp(hlc, device_id)
    columns = ["id", *fields, "deleted", "updated_hlc"]
    db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [record_id, *fields.values(), 0, hlc],
    )
    set_fields = {k: v for k, v in fields.items() if v is not None}
    db.execute(
        "INSERT INTO journal(change_id, record_type, record_id, field, value, hlc, device_id) "
        "VALUES (?, ?, ?, '*', ?, ?, ?)",
        [str(uuid.uuid4()), record_type, record_id, json.dumps(set_fields), hlc, device_id],
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_initial,
    _v2_drafts_conflicts_sync,
    _v3_case_summary,
    _v4_field_clocks_and_rejections,
    _v5_retired_and_stale_cases,
    _v6_people_closing_intake,
    _v7_safety_progress_handover,
    _v8_sync_trust,
    _v9_stored_caseload_rows,
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
