"""Schemathesis over the server's own OpenAPI description, against the real server on
127.0.0.1: whatever a signed-in worker (or nobody) sends, no 5xx and no byte of another
worker's case comes back."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from sync.server import admin
from tests.security.test_access_and_tokens import create_case, enroll, hlc_of
from tests.sync.server_harness import LiveServer

# Invented; would show up in any response that leaked Zoe's case.
FOREIGN_MARKERS = ("Xanthippe Geheimhouder", "Zwijgpad 13", "06-99887766")


@dataclass(frozen=True)
class World:
    server: LiveServer
    token: str  # anna's device
    foreign_case: str  # zoe's case, in another team


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from sync.server import passwords

    folder: Path = tmp_path_factory.mktemp("fuzz")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "MEMORY_KIB", 1024)
        patch.setattr(passwords, "ITERATIONS", 1)
        live = LiveServer(f"sqlite:///{folder / 'server.db'}", docs=True).start()
        try:
            admin.add_team(live.engine, "Noord")
            admin.add_team(live.engine, "Zuid")
            live.add_user("anna", team="Noord")
            live.add_user("zoe", team="Zuid")
            _, anna = enroll(live, "anna")
            _, zoe = enroll(live, "zoe")
            create_case(live, anna)
            foreign = create_case(live, zoe)
            _write_markers(live, zoe, foreign)
            yield World(live, anna, foreign)
        finally:
            live.stop()


def _write_markers(live: LiveServer, token: str, case_id: str) -> None:
    change = {
        "change_id": str(uuid.uuid4()),
        "record_type": "case",
        "record_id": case_id,
        "fields": {"display_name": FOREIGN_MARKERS[0], "phone": FOREIGN_MARKERS[2],
                   "address": json.dumps({"street": FOREIGN_MARKERS[1], "house_number": "1",
                                          "postcode": "1234 AB", "town": "Beekhoven"})},
        "hlc": hlc_of(token, 1795385898999),  # after the case's creation
        "device_id": "dev",
    }  # fmt: skip
    answer = httpx.post(
        f"{live.url}/v1/push",
        json={"changes": [change]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200 and answer.json()["rejected"] == []


def test_no_server_error_and_no_foreign_case_in_any_answer(world: World) -> None:
    api = schemathesis.openapi.from_url(f"{world.server.url}/openapi.json")
    checked = []
    for result in api.get_all_operations():
        operation = result.ok()
        foreign = {"case_id": world.foreign_case}
        _fuzz(operation.as_strategy(GenerationMode.POSITIVE), world)
        if "{case_id}" in operation.path:  # aim straight at the other worker's case too
            _fuzz(operation.as_strategy(path_parameters=foreign), world)
        try:  # invalid input; an operation with only a header or nothing has none to give
            _fuzz(operation.as_strategy(GenerationMode.NEGATIVE), world)
        except Unsatisfiable:
            assert operation.label in (
                "GET /healthz",
                "GET /v1/me",
                "GET /v1/team/workers",
                "GET /v1/cases/{case_id}/late",  # any text is a case id; only a header
            ), operation.label
        checked.append(operation.label)
    assert {"POST /v1/push", "POST /v1/pull", "POST /v1/enroll"} <= set(checked)


def _fuzz(strategy, world: World) -> None:  # type: ignore[no-untyped-def]
    @given(case=strategy)
    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case) -> None:  # type: ignore[no-untyped-def]
        for headers in ({"Authorization": f"Bearer {world.token}"}, {}):
            response = case.call(base_url=world.server.url, headers=headers)
            assert response.status_code < 500, (case.method, case.path, response.status_code)
            for marker in (*FOREIGN_MARKERS, world.foreign_case):
                assert marker not in response.text, (case.method, case.path, marker)

    check()
