"""What a push stores as text is what the rest of the server and the laptops read it as:
each change's fields as json.dumps writes them (ASCII, every other character escaped: a
pull sends the stored text as it is, pulling.change_json), a record's winners as compact
JSON with its fields in order, a losing value as json.dumps writes it. The push writes
these texts with an encoder of its own (service._json_writer), so here they are compared
byte for byte with json.dumps on text a Dutch report holds (diacritics, quotes,
backslashes, line breaks, emoji), numbers and nulls, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.hlc import Hlc
from sync.server import admin, service, store
from sync.server.app import push_answer
from tests.sync.server_harness import database
from tests.sync.wire_records import created_fields

PASSWORD = "een-lang-wachtwoord-voor-de-test"
CLOCK = "clock-anna"
OTHER = "clock-anna-2"
REPORT = 'Cliënt zei: "nee" \\ één ☂ 😀\nregel 2\ttab \u2028 <b>&amp;</b>'
OLDER_REPORT = "Eerder: café, naïef, ’s avonds 🚲"


def _push(engine: object, token: str, changes: list[dict[str, object]]) -> dict[str, object]:
    body = json.dumps({"changes": changes}, ensure_ascii=False).encode("utf-8")
    answer = push_answer(engine, service.Bearer(token), body, "application/json")  # type: ignore[arg-type]
    assert answer.status_code == 200
    return dict(json.loads(answer.body))


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_stored_texts_are_json_dumps_texts(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as url:
        engine = store.connect(url)
        try:
            admin.add_user(engine, "anna", PASSWORD, "worker", None)
            token = service.enroll(engine, "anna", PASSWORD, "laptop", clock_id=CLOCK).token
            # Her other laptop: its older edit loses to another clock, kept as a conflict.
            other = service.enroll(engine, "anna", PASSWORD, "laptop 2", clock_id=OTHER).token
            base = int(time.time() * 1000) - 3_600_000
            case_id, contact_id = f"case-{uuid.uuid4()}", f"contact-{uuid.uuid4()}"
            contact = created_fields(
                "contact",
                case_id,
                report=REPORT,
                location="Straße 1, Zwolle",
                duration_minutes=-(2**63),
                next_appointment=None,
            )
            sent = [
                {
                    "change_id": str(uuid.uuid4()),
                    "record_type": "case",
                    "record_id": case_id,
                    "fields": created_fields("case", initials="É."),
                    "hlc": Hlc(base, 0, CLOCK).encode(),
                    "created": True,
                },
                {
                    "change_id": str(uuid.uuid4()),
                    "record_type": "contact",
                    "record_id": contact_id,
                    "fields": contact,
                    "hlc": Hlc(base + 2, 0, CLOCK).encode(),
                    "created": True,
                },
            ]
            assert _push(engine, token, sent)["rejected"] == []
            older = {
                "change_id": str(uuid.uuid4()),
                "record_type": "contact",
                "record_id": contact_id,
                "fields": {"report": OLDER_REPORT},
                "hlc": Hlc(base + 1, 0, OTHER).encode(),
                "created": False,
            }
            assert _push(engine, other, [older])["rejected"] == []
            with engine.connect() as conn:
                stored = {
                    row.change_id: row.fields
                    for row in conn.execute(
                        select(store.changes.c.change_id, store.changes.c.fields)
                    )
                }
                winners = {
                    row.record_id: row.winners
                    for row in conn.execute(
                        select(store.records.c.record_id, store.records.c.winners)
                    )
                }
                losers = conn.execute(
                    select(store.conflicts.c.field, store.conflicts.c.losing_value)
                ).all()
        finally:
            engine.dispose()
    for change in [*sent, older]:
        text = stored[str(change["change_id"])]
        assert text == json.dumps(change["fields"])
        assert text.isascii()
    for record_id in (case_id, contact_id):
        refs = json.loads(winners[record_id])
        assert winners[record_id] == json.dumps(refs, separators=(",", ":"), sort_keys=True)
    assert [tuple(row) for row in losers] == [("report", json.dumps(OLDER_REPORT))]
