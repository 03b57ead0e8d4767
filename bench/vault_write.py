"""Vault write throughput (record + journal + access log, SQLCipher) against plain sqlite-utils
on an unencrypted file: same records, same batches, same run. Goal: ratio >= 0.4.

    python -m bench.vault_write [--records N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from app import codec
from app.contact import Contact
from app.vocabulary import LifeDomain
from bench.timing import report, timed
from storage.keys import TEST_KDF
from storage.repository import RecordStore
from storage.vault import Vault

BATCH = 50


def synthetic_contacts(n: int) -> list[tuple[str, dict]]:
    start = datetime(2026, 1, 1, 9, tzinfo=UTC)
    records = []
    for i in range(n):
        contact = Contact(
            str(uuid.uuid4()),
            f"case-{i % 100}",
            start + timedelta(hours=i),
            present=("cliënt",),
            domains=(LifeDomain.FINANCIEN, LifeDomain.HUISVESTING),
            report="Gesprek over dagstructuur en veiligheidsafspraken. " * 3,
            location="Bij cliënt thuis",
            safety_check_done=True,
        )
        records.append((contact.id, codec.to_fields(contact)))
    return records


def write_vault(path: Path, records: list[tuple[str, dict]]) -> float:
    vault = Vault.create(path, "bench-passphrase", owner="bench", kdf=TEST_KDF)
    store = RecordStore(vault, "bench")

    def run() -> None:
        for i in range(0, len(records), BATCH):
            with vault.transaction():
                for record_id, fields in records[i : i + BATCH]:
                    store.insert("contact", record_id, fields)

    seconds = timed(run)
    vault.lock()
    return seconds


def write_plain(path: Path, records: list[tuple[str, dict]]) -> float:
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    table = db["contacts"]

    def run() -> None:
        for i in range(0, len(records), BATCH):
            with db.atomic():
                for record_id, fields in records[i : i + BATCH]:
                    table.insert({"id": record_id, **fields}, pk="id")

    seconds = timed(run)
    db.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    records = synthetic_contacts(args.records)
    # fsync latency on a shared disk varies from second to second: alternate the two writers
    # over several rounds and compare medians.
    plain_times, vault_times = [], []
    for round_no in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            plain_times.append(write_plain(Path(tmp) / f"plain{round_no}.db", records))
            vault_times.append(write_vault(Path(tmp) / f"vault{round_no}.koers", records))
    plain, vault = statistics.median(plain_times), statistics.median(vault_times)
    ratios = sorted(p / v for p, v in zip(plain_times, vault_times, strict=True))
    report("vault writes (record+journal+log), records/s", f"{args.records / vault:,.0f}")
    report("plain sqlite-utils writes, records/s", f"{args.records / plain:,.0f}")
    report(
        f"vault/plain throughput ratio, median of {args.rounds}",
        f"{plain / vault:.2f}",
        f"goal >= 0.40 (rounds: {ratios[0]:.2f}..{ratios[-1]:.2f})",
    )


if __name__ == "__main__":
    main()
