"""The client that bench/sync_soak.py kills: a random mix of writes and syncs on one vault.

It runs in a process forked from a forkserver that imported Koers once (`preload`), so a kill
round costs a fork, not an interpreter start. It writes what it committed to a side log
outside the vault (one JSON object a line, fsync'ed before the next step), so the parent knows
what must survive:

    {"step": "open"}                               vault unlocked
    {"step": "begin", "what": "case"|"contact"|"edit"|"sync"}  (a sync's also names
                                                   "progress": [pushed seq, pull cursor])
    {"step": "commit", "what": ..., "edits": [[record_type, record_id, field, value], ...]}
    {"step": "synced", "pushed": n, "pulled": n, "rejected": [...], "unsent": n}
    {"step": "failed", "what": ..., "error": "ExceptionType"}

An edit is one journal row of the committed transaction: field "*" (value null) for a created
record, otherwise the field and its new value (as JSON), unique within a run (phones and
texts carry the round and step number), so the parent can count it on the server.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.case import SafeContact
from app.casework import Casework, new_id
from app.contact import Contact
from app.sync_service import sync_now
from app.synthetic import SyntheticCaseload, write_case
from app.vocabulary import ContactKind
from storage import sync_state
from storage.journal import ALL_FIELDS
from storage.vault import Vault

# What the client does next, with its weight: a new case (one transaction of tens of
# records), a contact with a report, an edit of a case's phone or safe times, a sync.
STEPS = (("case", 2), ("contact", 4), ("edit", 4), ("sync", 2))
# A client that was not killed stops by itself after this many steps (the parent is gone).
MAX_STEPS = 2_000

Edit = tuple[str, str, str, Any]


class SideLog:
    """Append-only JSON lines, each fsync'ed before the client goes on."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def write(self, **entry: Any) -> None:
        os.write(self.fd, (json.dumps(entry) + "\n").encode())
        os.fsync(self.fd)


def read_side_log(path: Path, offset: int) -> tuple[list[dict[str, Any]], int]:
    """The complete lines of the side log from byte `offset`, and the offset after them (a
    line cut by the kill is left for no one: the client that wrote it is dead)."""
    try:
        data = path.read_bytes()[offset:]
    except FileNotFoundError:
        return [], offset
    end = data.rfind(b"\n") + 1
    lines = [json.loads(line) for line in data[:end].splitlines() if line.strip()]
    return lines, offset + end


def sync_progress(vault: Vault) -> list[int]:
    """How far this vault has pushed (journal seq) and pulled (server cursor)."""
    return [
        sync_state.get_int(vault, sync_state.PUSHED_SEQ),
        sync_state.get_int(vault, sync_state.PULL_CURSOR),
    ]


def edit_key(record_type: str, record_id: str, field: str, value: Any) -> tuple[str, ...]:
    """How an edit is recognised on the laptop's journal and on the server: a created record
    by its type and id, a field change by its value too (canonical JSON)."""
    if field == ALL_FIELDS:
        return (record_type, record_id, ALL_FIELDS)
    return (record_type, record_id, field, json.dumps(value, sort_keys=True))


class Client:
    """One run of the client: `round_no` and a step counter make its texts unique."""

    def __init__(self, vault: Vault, log: SideLog, round_no: int, seed: int) -> None:
        self.vault = vault
        self.casework = Casework(vault)
        self.log = log
        self.round_no = round_no
        self.rng = random.Random(seed)
        self.generator = SyntheticCaseload(
            self.casework.programmes(), self.casework.today(), seed=seed
        )
        self.step_no = 0

    def token(self) -> str:
        return f"{self.round_no:04d}{self.step_no:04d}"

    def _open_case_ids(self) -> list[str]:
        return [
            row[0]
            for row in self.vault.db.execute(
                "SELECT id FROM cases WHERE status NOT IN ('afgesloten', 'aanmelding') "
                "AND deleted = 0 ORDER BY id"
            )
        ]

    def _committed(self, what: str, write: Any) -> None:
        """Run `write` in one transaction; log the journal rows it committed."""
        before = self.vault.db.execute("SELECT COALESCE(MAX(seq), 0) FROM journal").fetchone()[0]
        with self.vault.transaction():
            write()
        rows = self.vault.db.execute(
            "SELECT record_type, record_id, field, value FROM journal WHERE seq > ? ORDER BY seq",
            [before],
        ).fetchall()
        edits = [
            [rt, rid, field, None if field == ALL_FIELDS else json.loads(value)]
            for rt, rid, field, value in rows
        ]
        self.log.write(step="commit", what=what, edits=edits)

    def new_case(self) -> None:
        generated = self.generator.case()
        self._committed("case", lambda: write_case(self.casework, generated))

    def contact(self, case_id: str) -> None:
        contact = Contact(
            id=new_id(),
            case_id=case_id,
            starts_at=self.vault.now() - timedelta(minutes=self.rng.randint(60, 60 * 24 * 20)),
            kind=self.rng.choice((ContactKind.HUISBEZOEK, ContactKind.TELEFOON)),
            duration_minutes=self.rng.choice((15, 30, 60)),
            report=f"Verslag {self.token()}: gesprek over veiligheid en dagritme. "
            + "Afspraken besproken en vastgelegd. " * self.rng.randint(1, 20),
            safety_check_done=self.rng.random() < 0.7,
        )
        self._committed("contact", lambda: self.casework.record_contact(contact))

    def edit(self, case_id: str) -> None:
        case = self.casework.get_case(case_id)
        if self.rng.random() < 0.5:
            changed = replace(case, phone=f"06-{self.token()}")
        else:
            changed = replace(
                case,
                safe_contact=SafeContact(
                    may_call=True, safe_times=f"Op werkdagen, afspraak {self.token()}"
                ),
            )
        self._committed("edit", lambda: self.casework.update_case(changed))

    def sync(self) -> None:
        report = sync_now(self.vault)
        self.log.write(
            step="synced",
            pushed=report.pushed,
            pulled=report.pulled,
            rejected=report.rejected,
            unsent=sync_state.pending_changes(self.vault),
        )

    def run(self) -> None:
        """Sync first (as the window does after unlock), then random steps until killed."""
        names = [name for name, _ in STEPS]
        weights = [weight for _, weight in STEPS]
        what = "sync"
        for self.step_no in range(MAX_STEPS):
            if what == "sync":
                self.log.write(step="begin", what=what, progress=sync_progress(self.vault))
            else:
                self.log.write(step="begin", what=what)
            try:
                cases = self._open_case_ids()
                if what == "sync":
                    self.sync()
                elif what == "case" or not cases:
                    self.new_case()
                elif what == "contact":
                    self.contact(self.rng.choice(cases))
                else:
                    self.edit(self.rng.choice(cases))
            except Exception as exc:  # a failed step is a finding: logged, then go on
                self.log.write(step="failed", what=what, error=type(exc).__name__)
            what = self.rng.choices(names, weights)[0]


def run_client(vault_path: str, passphrase: str, side_log: str, round_no: int, seed: int) -> None:
    """The forked client's whole life: open the vault, then write and sync until killed."""
    log = SideLog(Path(side_log))
    log.write(step="begin", what="open")
    vault = Vault.open(vault_path, passphrase)
    log.write(step="open")
    Client(vault, log, round_no, seed).run()
    vault.lock()
