"""Pulled changes applied in bulk (storage/remote.py: rows read ahead, merged in memory,
written back per table) leave the vault as applying them one by one does, whatever the
batches: 80 random change streams of creations, edits, replays, ties, conflicts with this
laptop's own edits, changes that do not fit the schema and changes of records whose creation
was set aside, applied (a) change by change, (b) as one batch and (c) in random batches in
one transaction with the schema's verdicts made beforehand (as a pull does); half of them
leaving out what belongs to no case held (as a pull does), half not (a case's history)."""

from __future__ import annotations

import random
import uuid
from pathlib import Path
from typing import Any

import pytest

from storage.keys import TEST_KDF
from storage.remote import (
    RemoteBatch,
    RemoteChange,
    apply_remote_batches,
    apply_remote_changes,
    schema_verdicts,
)
from storage.vault import Vault
from tests.sync.wire_records import a_text_field, created_fields

OWN = "OWNCLOCK"  # stands for the vault's own clock id in a stream
DEVICES = (OWN, "bclock", "cclock")
STREAMS = 80


def _stream(rng: random.Random, base_ms: int) -> list[RemoteChange]:
    cases = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(2)]
    contacts = [(str(uuid.UUID(int=rng.getrandbits(128))), rng.choice(cases)) for _ in range(3)]
    case_text, contact_text = a_text_field("case"), a_text_field("contact")
    made: list[RemoteChange] = []
    counter = 0

    def change(type_name: str, record_id: str, fields: dict[str, Any], created: bool) -> None:
        nonlocal counter
        counter += 1
        device = rng.choice(DEVICES)
        stamp = f"{base_ms + rng.randrange(0, 40):015d}:{counter:05d}:{device}"
        made.append(
            RemoteChange(str(uuid.uuid4()), type_name, record_id, fields, stamp, device, created)
        )

    for case_id in cases:
        change("case", case_id, created_fields("case"), True)
    for contact_id, case_id in contacts:
        if rng.random() < 0.15:  # does not fit: its later edits are set aside with it
            change("contact", contact_id, {"case_id": case_id, "no_such_field": 1}, True)
        else:
            change("contact", contact_id, created_fields("contact", case_id), True)
    for _ in range(rng.randrange(5, 30)):
        roll = rng.random()
        if roll < 0.35:
            change("case", rng.choice(cases), {case_text: rng.choice("abcd")}, False)
        elif roll < 0.7:
            contact_id, _case = rng.choice(contacts)
            change("contact", contact_id, {contact_text: rng.choice("abcd")}, False)
        elif roll < 0.8 and made:
            made.append(rng.choice(made))  # the same change again
        elif roll < 0.9:
            change("case", rng.choice(cases), {"no_such_field": "x"}, False)
        else:  # a contact of a case that never came
            change("contact", str(uuid.uuid4()), {contact_text: "x"}, False)
    rng.shuffle(made) if rng.random() < 0.3 else None  # creations after edits, sometimes
    return made


def _own(changes: list[RemoteChange], vault: Vault) -> list[RemoteChange]:
    """The stream as `vault` sees it: OWN is its own clock id."""
    mine = vault.device_id
    return [
        c._replace(hlc=c.hlc.replace(OWN, mine), device_id=c.device_id.replace(OWN, mine))
        for c in changes
    ]


def _state(vault: Vault) -> dict[str, list]:
    mine = vault.device_id
    out: dict[str, list] = {}
    for table, skip in (
        ("cases", ()),
        ("contacts", ()),
        ("case_summary", ()),
        ("conflicts", ("detected_at",)),
        ("sync_set_aside", ("at",)),
    ):
        columns = [c for c in vault.db[table].columns_dict if c not in skip]
        rows = vault.db.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        out[table] = sorted(repr(row).replace(mine, OWN) for row in rows)
    received = "SELECT DISTINCT record_type, record_id FROM access_log WHERE action = 'sync'"
    out["received"] = sorted(vault.db.execute(received).fetchall())
    return out


def _apply(
    mode: str, vault: Vault, changes: list[RemoteChange], rng: random.Random, held: bool
) -> None:
    """Apply `changes` in `mode`; `held`: as a pull does (changes of cases not held left out)."""
    if mode == "batches together":  # the random batches, merged by apply_remote_batches
        batches, start = [], 0
        while start < len(changes):
            end = start + rng.randrange(1, 12)
            batches.append(RemoteBatch(changes[start:end], schema_verdicts(changes[start:end])))
            start = end
        called: list[int] = []
        apply_remote_batches(vault, batches, held_cases_only=held, before_each=called.append)
        assert called == list(range(len(batches)))
    elif mode == "one by one":
        for change in changes:
            apply_remote_changes(vault, [change], held_cases_only=held)
    elif mode == "one batch":
        apply_remote_changes(vault, changes, held_cases_only=held)
    else:
        with vault.transaction():
            start = 0
            while start < len(changes):
                end = start + rng.randrange(1, 12)
                batch = changes[start:end]
                verdicts = schema_verdicts(batch)
                apply_remote_changes(vault, batch, held_cases_only=held, verdicts=verdicts)
                start = end


@pytest.mark.parametrize("seed", range(STREAMS))
def test_bulk_apply_equals_one_by_one(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    base_ms = 1_795_385_898_000 + rng.randrange(0, 10_000)
    stream = _stream(rng, base_ms)
    states = {}
    lines = {}
    for mode in ("one by one", "one batch", "random batches", "batches together"):
        folder = tmp_path / mode.replace(" ", "-")
        folder.mkdir()
        with Vault.create(folder / "werk.koers", "wachtwoord", owner="anna", kdf=TEST_KDF) as vault:
            _apply(mode, vault, _own(stream, vault), random.Random(seed), seed % 2 == 1)
            states[mode] = _state(vault)
            lines[mode] = _lines(vault)
    assert states["one batch"] == states["one by one"]
    assert states["random batches"] == states["one by one"]
    # Batches merged by apply_remote_batches: each batch's own lines, in order.
    assert states["batches together"] == states["one by one"]
    assert lines["batches together"] == lines["random batches"]


def _lines(vault: Vault) -> list[tuple]:
    """The access log's lines of received records, in the order they were written."""
    return vault.db.execute(
        "SELECT record_type, record_id FROM access_log WHERE action = 'sync' ORDER BY seq"
    ).fetchall()


def test_verdicts_must_match_the_changes(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "werk.koers", "wachtwoord", owner="anna", kdf=TEST_KDF) as v:
        change = RemoteChange("c", "case", "r", {"x": 1}, "001795385898000:00000:b", "b", True)
        with pytest.raises(ValueError):
            apply_remote_changes(v, [change], verdicts=[])


def _many_rows(rng: random.Random, base_ms: int) -> list[RemoteChange]:
    """A first pull's shape: a few cases and a few hundred contacts and screenings created in
    one stream (more rows than one INSERT statement takes, in runs of different column
    sets and orders: optional fields left out, fields in another order), with corrections
    superseding contacts created just before them, some deleted or not counting, and edits
    after the creations. What the case summary shows depends on the order of the rows."""
    made: list[RemoteChange] = []

    def change(type_name: str, record_id: str, fields: dict[str, Any], created: bool) -> None:
        stamp = f"{base_ms + len(made):015d}:{len(made) % 100_000:05d}:{rng.choice(DEVICES)}"
        made.append(
            RemoteChange(str(uuid.uuid4()), type_name, record_id, fields, stamp, "bclock", created)
        )

    cases = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(12)]
    for case_id in cases:
        change("case", case_id, created_fields("case"), True)
    contacts: list[tuple[str, str]] = []
    for n in range(rng.randrange(150, 260)):
        case_id = rng.choice(cases)
        contact_id = str(uuid.UUID(int=rng.getrandbits(128)))
        fields = created_fields(
            "contact",
            case_id,
            # Each contact later than the ones before: the latest of its case so far.
            starts_at=f"2026-{1 + n // 27 % 12:02d}-{1 + n % 27:02d}T{9 + n // 324:02d}:00:00Z",
            status=rng.choice(("gedaan", "gedaan", "gedaan", "gepland")),
            kind=rng.choice(("huisbezoek", "huisbezoek", "huisbezoek", "niet_verschenen")),
            deleted=int(rng.random() < 0.05),
            supersedes=None,
        )
        same = [c for c, of in contacts if of == case_id]
        if same and rng.random() < 0.25:  # corrects its case's latest contact, dated earlier
            fields["supersedes"] = same[-1]
            fields["starts_at"] = "2026-01-01T08:00:00Z"
        if n < 120 and n // 40 % 3 == 1:
            fields.pop("next_appointment", None)  # another column set
        if n < 120 and n // 40 % 3 == 2:
            fields = dict(reversed(list(fields.items())))  # the same columns, another order
        change("contact", contact_id, fields, True)
        contacts.append((contact_id, case_id))
    for case_id in cases[1:]:  # the latest contact of most cases corrected last
        same = [c for c, of in contacts if of == case_id]
        if same and rng.random() < 0.7:
            fields = created_fields(
                "contact", case_id, status="gedaan", kind="huisbezoek", deleted=0
            )
            fields.update(supersedes=same[-1], starts_at="2026-01-01T08:00:00Z")
            change("contact", str(uuid.UUID(int=rng.getrandbits(128))), fields, True)
    for _ in range(rng.randrange(10, 40)):
        change(
            "screening",
            str(uuid.UUID(int=rng.getrandbits(128))),
            created_fields(
                "screening",
                rng.choice(cases),
                screened_on=f"2026-{rng.randrange(1, 12):02d}-01",
                situation=rng.randrange(1, 5),
            ),
            True,
        )
    # Edits of one case's contacts (an edit computes its case's summary again: the other
    # cases' summaries are what the order of the inserts made them).
    edited = [contact for contact in contacts if contact[1] == cases[0]] or contacts
    for _ in range(rng.randrange(5, 30)):
        contact_id, _case = rng.choice(edited)
        edit = rng.choice(({"status": "gedaan"}, {"deleted": 1}, {"report": "Nagekomen."}))
        change("contact", contact_id, edit, False)
    return made


@pytest.mark.parametrize("seed", range(6))
def test_many_rows_in_one_batch_equal_one_by_one(tmp_path: Path, seed: int) -> None:
    """Hundreds of new rows in one batch (many rows to an INSERT statement) leave the vault,
    the case summary and the records the access log names as applying them one by one
    does."""
    rng = random.Random(seed)
    stream = _many_rows(rng, 1_795_385_898_000)
    states = {}
    cuts = []
    start = 0
    while start < len(stream):
        cuts.append((start, start := start + rng.randrange(1, 150)))
    for mode in ("one by one", "one batch", "random batches", "batches together"):
        folder = tmp_path / mode.replace(" ", "-")
        folder.mkdir()
        with Vault.create(folder / "werk.koers", "wachtwoord", owner="anna", kdf=TEST_KDF) as vault:
            changes = _own(stream, vault)
            if mode == "random batches":
                with vault.transaction():
                    for start, end in cuts:
                        apply_remote_changes(vault, changes[start:end], held_cases_only=True)
            elif mode == "batches together":  # their rows written together
                batches = [RemoteBatch(changes[start:end]) for start, end in cuts]
                apply_remote_batches(vault, batches, held_cases_only=True)
            else:
                _apply(mode, vault, changes, rng, True)
            states[mode] = _state(vault)
    assert states["one by one"]["contacts"]
    assert states["one batch"] == states["one by one"]
    assert states["random batches"] == states["one by one"]
    assert states["batches together"] == states["one by one"]


@pytest.mark.parametrize("held", [True, False])
def test_a_lone_surrogate_in_a_case_id_is_set_aside(tmp_path: Path, held: bool) -> None:
    """A created contact whose case id holds a lone surrogate (JSON can carry one; no vault
    can store it) is set aside like any change that does not fit, and the rest applies:
    reading the rows ahead never stops the batch (it once raised UnicodeEncodeError, and
    each pull stopped at the same change)."""
    with Vault.create(tmp_path / "werk.koers", "wachtwoord", owner="anna", kdf=TEST_KDF) as v:
        case_id = str(uuid.uuid4())
        stamp = "001795385898000:00000:bclock"
        changes = [
            RemoteChange("c1", "case", case_id, created_fields("case"), stamp, "bclock", True),
            RemoteChange(
                "c2", "contact", "k1", created_fields("contact", "a\ud800"), stamp, "bclock", True
            ),
            RemoteChange(
                "c3", "contact", "k2", created_fields("contact", case_id), stamp, "bclock", True
            ),
        ]
        report = apply_remote_changes(v, changes, held_cases_only=held)
        assert (report.applied, report.set_aside) == (2, 1)
        assert v.db.execute("SELECT id FROM contacts").fetchall() == [("k2",)]
