"""Changes this laptop could not take part in: incoming ones it set aside (they did not fit the
wire format's schema, sync/schema.py) and outgoing ones the server refused. Both are kept in
the vault and shown to the worker; nothing of them is applied or lost.

`sync_set_aside` (vault v8) keeps an incoming change whole, as JSON text with every non-ASCII
character escaped, so any text the server sent (a lone surrogate, a null byte) can be kept.
`sync_rejections` (vault v4, `code` since v8) names refused journal rows; their content stays
in the journal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from storage.record_types import CASE_CONTENT_TABLES, RECORD_TYPES
from sync.schema import unstorable

# What an incoming change is called in `Problem.code` (outgoing ones carry the server's code).
SET_ASIDE = "set_aside"
INCOMING = "incoming"
OUTGOING = "outgoing"


@dataclass(frozen=True)
class Problem:
    """One change that did not go through: `direction` INCOMING (set aside here) or OUTGOING
    (refused by the server); `code` SET_ASIDE or the server's answer code (sync/protocol:
    refused, invalid, clock_ahead, kept_late); `reason` English, no values in it; `case_id`
    the case the change belongs to where it can be told (None: organisation records, or a
    change that names no case it could be read from); `at` ISO 8601 UTC text."""

    direction: str
    code: str
    change_id: str
    record_type: str
    record_id: str
    case_id: str | None
    reason: str
    at: str


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def keepable(text: str) -> str:
    """`text` as the vault can store it: a null byte or a lone surrogate becomes U+FFFD."""
    return _UNSTORABLE.sub("\ufffd", text)


def set_aside(
    db: Any,
    *,
    change_id: str,
    record_type: str,
    record_id: str,
    change: Mapping[str, Any],
    reason: str,
    at: str,
) -> None:
    """Keep an incoming change that was not applied, with why (once per change id)."""
    db.execute(
        "INSERT INTO sync_set_aside(change_id, record_type, record_id, change, reason, at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(change_id) DO NOTHING",
        [
            keepable(str(change_id))[:200],
            keepable(str(record_type))[:200],
            keepable(str(record_id))[:200],
            json.dumps(change, ensure_ascii=True, sort_keys=True, default=repr),
            keepable(reason),
            at,
        ],
    )


def set_aside_creations(db: Any) -> set[str]:
    """Record ids whose creation was set aside: a later change of such a record is set aside
    too (applied alone it would make a record of a few fields)."""
    return {
        row[0]
        for row in db.execute(
            "SELECT record_id FROM sync_set_aside WHERE json_extract(change, '$.created') = 1"
        )
    }


def forget_cases(db: Any, case_ids: Iterable[str], record_ids: Iterable[str]) -> None:
    """Remove what was set aside of cases that leave this laptop (a handover purge): the
    server keeps those changes, and this laptop may no longer hold them. `record_ids`: the
    records of those cases this vault held; records whose creation was set aside are found
    by the case their creation names."""
    cases = sorted(set(case_ids))
    records = set(record_ids) | set(cases)
    for chunk in _chunks(cases):
        marks = ", ".join("?" for _ in chunk)
        records.update(
            row[0]
            for row in db.execute(
                "SELECT record_id FROM sync_set_aside "
                f"WHERE json_extract(change, '$.fields.case_id') IN ({marks})",
                chunk,
            )
        )
    for chunk in _chunks(sorted(records)):
        marks = ", ".join("?" for _ in chunk)
        db.execute(f"DELETE FROM sync_set_aside WHERE record_id IN ({marks})", chunk)


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), 500):
        yield ids[start : start + 500]


def problems(db: Any) -> list[Problem]:
    """Every set-aside incoming change and every refused outgoing one, newest first."""
    found: list[Problem] = []
    for change_id, record_type, record_id, text, reason, at in db.execute(
        "SELECT change_id, record_type, record_id, change, reason, at FROM sync_set_aside"
    ):
        found.append(
            Problem(
                INCOMING,
                SET_ASIDE,
                change_id,
                record_type,
                record_id,
                _case_of(db, record_type, record_id, _fields_of(text)),
                reason,
                at,
            )
        )
    for change_id, record_type, record_id, reason, code, at, value, field in db.execute(
        "SELECT r.change_id, r.record_type, r.record_id, r.reason, r.code, r.at, j.value, "
        "j.field FROM sync_rejections r LEFT JOIN journal j ON j.change_id = r.change_id"
    ):
        fields = _created_fields(value) if field == "*" else {}
        found.append(
            Problem(
                OUTGOING,
                code,
                change_id,
                record_type,
                record_id,
                _case_of(db, record_type, record_id, fields),
                reason,
                at,
            )
        )
    found.sort(key=lambda p: (p.at, p.change_id), reverse=True)
    return found


def problem_count(db: Any) -> int:
    """How many changes `problems` lists (cheap: for the window's status line)."""
    return int(
        db.execute(
            "SELECT (SELECT count(*) FROM sync_set_aside) + (SELECT count(*) FROM sync_rejections)"
        ).fetchone()[0]
    )


def _fields_of(text: str) -> dict[str, Any]:
    try:
        fields = json.loads(text).get("fields")
    except (ValueError, AttributeError):
        return {}
    return fields if isinstance(fields, dict) else {}


def _created_fields(value: str | None) -> dict[str, Any]:
    try:
        fields = json.loads(value) if value else {}
    except ValueError:
        return {}
    return fields if isinstance(fields, dict) else {}


def _case_of(db: Any, record_type: str, record_id: str, fields: Mapping[str, Any]) -> str | None:
    """The case a change belongs to: the case itself, the stored record's case, or the
    case_id the change carries."""
    if record_type == "case":
        return record_id
    known = RECORD_TYPES.get(record_type)
    if known is not None and known.table in CASE_CONTENT_TABLES:
        row = db.execute(f"SELECT case_id FROM {known.table} WHERE id = ?", [record_id]).fetchone()
        if row is not None and isinstance(row[0], str):
            return row[0]
    case_id = fields.get("case_id")
    return case_id if isinstance(case_id, str) and unstorable(case_id) is None else None
