"""Half-typed forms, kept in the vault so a crash or a closed lid loses nothing.

Drafts are local to this laptop (not journaled, never synced) and encrypted like the rest of
the vault. A form saves its draft on every edit and deletes it when the record is saved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from storage.vault import Vault

# Set in the payload of a draft whose stored text could not be read (not JSON, not an
# object): the form opens for its case as new and says part of the draft was lost.
DAMAGED = "__damaged__"


@dataclass(frozen=True)
class Draft:
    id: str
    form: str
    record_id: str  # the case (or record) the form is about
    payload: dict[str, Any]
    updated_at: str


def save_draft(vault: Vault, draft_id: str, form: str, record_id: str, payload: dict) -> None:
    with vault.transaction() as db:
        db.execute(
            "INSERT INTO drafts(id, form, record_id, payload, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET payload = excluded.payload, "
            "updated_at = excluded.updated_at",
            [draft_id, form, record_id, json.dumps(payload), vault.now().isoformat()],
        )


def drafts(vault: Vault, form: str | None = None) -> list[Draft]:
    sql = "SELECT id, form, record_id, payload, updated_at FROM drafts"
    params: list[str] = []
    if form is not None:
        sql += " WHERE form = ?"
        params.append(form)
    return [
        Draft(row[0], row[1], row[2], _payload(row[3]), row[4])
        for row in vault.db.execute(sql + " ORDER BY updated_at", params)
    ]


def _payload(text: str) -> dict[str, Any]:
    """A stored payload; one that is damaged reads as {DAMAGED: True}, so one bad draft
    never keeps the others (or the window) from opening."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return {DAMAGED: True}
    return value if isinstance(value, dict) else {DAMAGED: True}


def discard_draft(vault: Vault, draft_id: str) -> None:
    with vault.transaction() as db:
        db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
