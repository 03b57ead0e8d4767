"""First full sync of a 500-case caseload (about 50,000 records) and an empty incremental sync,
against the real server on loopback (SQLite store).

    python -m bench.sync_first [--cases 500] [--records-per-case 100]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from app.casework import Casework, new_id
from app.contact import Contact
from app.sync_service import enroll_device, sync_now
from app.synthetic import SyntheticCaseload, write_case
from bench.timing import report
from storage.keys import TEST_KDF
from storage.vault import Vault
from sync.server import admin
from tests.sync.server_harness import PASSWORD, LiveServer


def laptop(folder: Path, url: str) -> Vault:
    folder.mkdir()
    vault = Vault.create(folder / "werk.koers", "bench-passphrase", owner="anna", kdf=TEST_KDF)
    Casework(vault).seed_default_programmes()
    enroll_device(vault, url, "anna", PASSWORD)
    return vault


def fill(vault: Vault, cases: int, per_case: int) -> int:
    casework = Casework(vault)
    generator = SyntheticCaseload(casework.programmes(), casework.today(), seed=21)
    now = vault.now()
    for start in range(0, cases, 50):
        with vault.transaction():
            for _ in range(min(50, cases - start)):
                generated = generator.case()
                write_case(casework, generated)
                for n in range(max(0, per_case - len(generated.records) - 1)):
                    casework.record_contact(
                        Contact(
                            new_id(),
                            generated.case.id,
                            now - timedelta(hours=n + 1),
                            report="Synthetisch verslag.",
                        )
                    )
    return int(vault.db.execute("SELECT count(*) FROM journal").fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--records-per-case", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = LiveServer(f"sqlite:///{folder / 'server.db'}").start()
        admin.add_user(server.engine, "anna", PASSWORD, "worker", None)
        source = laptop(folder / "source", server.url)
        records = fill(source, args.cases, args.records_per_case)
        start = time.perf_counter()
        sync_now(source)
        pushed = time.perf_counter() - start
        target = laptop(folder / "target", server.url)
        start = time.perf_counter()
        first = sync_now(target)
        pulled = time.perf_counter() - start
        start = time.perf_counter()
        sync_now(target)
        empty = time.perf_counter() - start
        report(f"records in the caseload ({args.cases} cases)", f"{records:,}")
        report("push of the whole caseload", f"{pushed:.1f} s", f"{records / pushed:,.0f} rec/s")
        report(
            "first full sync on a new laptop",
            f"{pulled:.1f} s",
            f"{first.pulled / pulled:,.0f} rec/s",
        )
        report("empty incremental sync", f"{empty * 1000:.0f} ms")
        source.lock()
        target.lock()
        server.stop()


if __name__ == "__main__":
    main()
