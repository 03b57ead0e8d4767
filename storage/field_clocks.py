"""Per-field hybrid logical clocks of a record, kept in its row.

A new record's fields all carry the HLC it was created with (`updated_hlc`). When a field
changes, `field_hlcs` (JSON) records that field's own HLC, with "*" keeping the creation HLC
for the fields that never changed. "" sorts below every real HLC: never written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

BASE = "*"


def clocks_of(row: Mapping[str, Any]) -> dict[str, str]:
    text = row.get("field_hlcs")
    if text:
        return dict(json.loads(text))
    return {BASE: row.get("updated_hlc") or ""}


def field_hlc(clocks: Mapping[str, str], field: str) -> str:
    return clocks.get(field, clocks.get(BASE, ""))


def stamped(row: Mapping[str, Any], fields: Iterable[str], hlc: str) -> str:
    """The field_hlcs text after `fields` of `row` were written at `hlc`."""
    clocks = clocks_of(row)
    for field in fields:
        clocks[field] = hlc
    return json.dumps(clocks, sort_keys=True)
