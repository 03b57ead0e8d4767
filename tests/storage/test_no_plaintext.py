"""An attacker with the laptop's disk finds no personal data in any byte Koers wrote."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from app.case import Address, Case
from app.casework import Casework, new_id
from app.contact import Contact
from app.handover import HandoverNote
from app.people import HouseholdMember
from app.vocabulary import Consent, HandoverTarget
from storage.clock import FixedClock
from storage.keys import TEST_KDF
from storage.vault import Vault


def _marker(kind: str) -> str:
    return f"MRK{kind}{uuid.uuid4().hex[:12]}"


def _write_marked_records(casework: Casework, today: date) -> list[str]:
    markers = {k: _marker(k) for k in ("name", "street", "child", "report", "handover")}
    case = Case(
        id=new_id(),
        display_name=f"Naam {markers['name']}",
        initials="X.Y.",
        programme_id="ambulant",
        phase_id="begeleiding",
        start_date=today - timedelta(days=30),
        worker="tester",
        address=Address(markers["street"], "12", "1234 AB", "Zanddorp"),
        secret_address=True,
    )
    casework.add_case(case)
    casework._insert(HouseholdMember(new_id(), case.id, markers["child"], True, 2018))
    casework.record_contact(
        Contact(
            new_id(),
            case.id,
            casework.vault.now() - timedelta(days=1),
            report=f"Verslag {markers['report']}",
        )
    )
    casework.add_handover_note(
        HandoverNote(
            new_id(),
            case.id,
            "Buurtteam",
            HandoverTarget.BUURTTEAM,
            markers["handover"],
            today,
            "tester",
            Consent.JA,
        )
    )
    return list(markers.values())


def leaks(folder: Path, markers: list[str]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for marker in markers:
                for encoded in (marker.encode("utf-8"), marker.encode("utf-16-le")):
                    if encoded in data:
                        found.append(f"{path.name}: {marker}")
    return found


def test_no_marker_in_vault_wal_or_key_file(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "werk.koers"
    vault = Vault.create(path, "veilig-wachtwoord-42", owner="tester", kdf=TEST_KDF, clock=clock)
    casework = Casework(vault)
    casework.seed_default_programmes()
    markers = _write_marked_records(casework, casework.today())
    # While unlocked, the committed pages sit in the WAL: that file must be ciphertext too.
    assert path.with_name(path.name + "-wal").exists()
    assert leaks(tmp_path, markers) == []
    vault.lock()
    assert leaks(tmp_path, markers) == []
    # The markers are really there once unlocked: the scan is not vacuous.
    with Vault.open(path, "veilig-wachtwoord-42", clock=clock) as reopened:
        dump = "\n".join(str(row) for row in reopened.db.execute("SELECT * FROM journal"))
        assert all(m in dump for m in markers)
