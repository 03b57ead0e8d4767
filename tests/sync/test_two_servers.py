"""Two server processes on one PostgreSQL: laptops syncing through either stay correct."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from app.sync_service import sync_now
from app.synthetic import populate
from tests.sync.conftest import Laptop
from tests.sync.server_harness import LiveServer, database
from tests.sync.test_faults import snapshot


def test_two_servers_share_one_database(tmp_path: Path) -> None:
    with database("postgresql", tmp_path) as url:
        first, second = LiveServer(url).start(), LiveServer(url).start()
        try:
            first.add_user("anna")
            a = Laptop(tmp_path / "a", first, "anna")
            b = Laptop(tmp_path / "b", second, "anna")
            populate(a.casework, 15, seed=1)
            populate(b.casework, 15, seed=2)
            workers = [threading.Thread(target=sync_now, args=(m.vault,)) for m in (a, b)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            case_id = a.casework.store.rows("case")[0]["id"]
            for machine, value in ((a, "ar"), (b, "tr")):
                if machine.casework.store.get("case", case_id) is not None:
                    case = machine.casework.get_case(case_id)
                    machine.casework.update_case(replace(case, language=value))
            for _ in range(2):
                for machine in (a, b):
                    sync_now(machine.vault)
            assert snapshot(a) == snapshot(b)
            assert len(a.casework.store.rows("case")) == 30
        finally:
            first.stop()
            second.stop()
