"""A misbehaving or newer server cannot crash the client or slip unknown data into the vault."""

from __future__ import annotations

import httpx
import pytest

from storage.remote import RemoteChange, apply_remote_changes
from storage.vault import Vault
from sync.client import DeviceRevoked, HttpTransport, ServerUnreachable, SyncError


def transport_answering(response: httpx.Response) -> HttpTransport:
    client = httpx.Client(transport=httpx.MockTransport(lambda request: response))
    return HttpTransport("http://server.invalid", "token", client=client)


def test_garbled_answer_is_a_clear_error() -> None:
    with pytest.raises(SyncError, match="does not understand"):
        transport_answering(httpx.Response(200, json={"nonsense": 1})).pull(0, 10)


def test_truncated_answer_counts_as_unreachable() -> None:
    with pytest.raises(ServerUnreachable):
        transport_answering(httpx.Response(200, content=b'{"changes": [')).pull(0, 10)


def test_revocation_is_recognised() -> None:
    answer = httpx.Response(410, json={"detail": "revoked", "wipe": True})
    with pytest.raises(DeviceRevoked):
        transport_answering(answer).pull(0, 10)


def test_unknown_record_types_and_columns_are_not_stored(vault: Vault) -> None:
    changes = [
        RemoteChange(
            "c1", "future_thing", "x1", {"a": 1}, "001795385898792:00000:other", "o", created=True
        ),
        RemoteChange(
            "c2",
            "case",
            "case-1",
            {"display_name": "Synthetisch", "evil; DROP": 1},
            "001795385898792:00001:other",
            "o",
            created=True,
        ),
    ]
    report = apply_remote_changes(vault, changes)
    # Neither fits the wire schema (an unknown record type; a case with an unknown field and
    # without its required fields): both are set aside, kept whole, nothing of them stored.
    assert report.skipped == report.set_aside == 2 and report.applied == 0
    assert vault.db.execute("SELECT count(*) FROM cases").fetchone() == (0,)
    kept = vault.db.execute("SELECT change_id, reason FROM sync_set_aside ORDER BY change_id")
    assert [row[0] for row in kept] == ["c1", "c2"]


def test_protocol_and_vault_know_the_same_record_types() -> None:
    from storage.record_types import RECORD_TYPES as VAULT_TYPES
    from sync.protocol import ORGANISATION_RECORD_TYPES, RECORD_TYPES

    assert set(RECORD_TYPES) == set(VAULT_TYPES)
    assert {VAULT_TYPES[t].table for t in ORGANISATION_RECORD_TYPES} == {"social_map", "programmes"}
