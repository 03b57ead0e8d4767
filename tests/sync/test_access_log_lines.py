"""The access log's lines made cheaply, with the same results as the models: the laptop's time
read without a datetime per line (`laptop_time`), and the laptop's lines made without
validating each again when every value is checked to fit (`lines_of`). Hostile input is
compared against the reference (datetime.fromisoformat; AccessLine's own validation)."""

from __future__ import annotations

import itertools
import json
import random
from datetime import datetime

import pytest
from pydantic import ValidationError

from app.access_log_sync import lines_of
from sync.audit_lines import AT_PATTERN, AccessLine, laptop_time

CASE = "0b4f3c1e-1111-4222-8333-444455556666"


def reference_time(at: object) -> float | None:
    """laptop_time as it was: the pattern, then datetime's own reading of the calendar."""
    import re

    if not isinstance(at, str) or not re.match(AT_PATTERN, at):
        return None
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp()
    except (ValueError, OverflowError):
        return None


FRACTIONS = ("", ".0", ".1", ".12", ".123", ".1234", ".12345", ".999999", ".1234567")


def hostile_times() -> list[object]:
    rnd = random.Random(17)
    base = "2026-11-30T10:00:00.123456Z"
    times: list[object] = [None, 5, b"2026-11-30T10:00:00Z", "", base, base + "\n", base[:-1]]
    for year, month, day in itertools.product(
        ("0000", "0001", "1970", "1969", "2000", "2023", "2024", "2100", "9999"),
        ("00", "01", "02", "12", "13"),
        ("00", "01", "28", "29", "30", "31", "32"),
    ):
        for clock in ("00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60", "12:34:56"):
            for fraction in (
                "",
                ".0",
                ".1",
                ".12",
                ".123",
                ".1234",
                ".12345",
                ".999999",
                ".1234567",
            ):
                times.append(f"{year}-{month}-{day}T{clock}{fraction}Z")
    alphabet = "0123456789Z.T-: \n\u0661+x"
    for _ in range(20_000):
        chars = list(base)
        for _ in range(rnd.randint(1, 3)):
            chars[rnd.randrange(len(chars))] = rnd.choice(alphabet)
        times.append("".join(chars)[: rnd.randint(18, len(chars) + 1)])
    for _ in range(5_000):
        moment = rnd.uniform(-62135596800, 253402300799)
        text = datetime.fromtimestamp(moment, tz=None).isoformat()  # noqa: DTZ006
        times.append(text[:26] + "Z")
    return times


def test_the_laptop_time_is_read_as_datetime_reads_it_on_hostile_input() -> None:
    for at in hostile_times():
        expected = reference_time(at)
        got = laptop_time(at)  # type: ignore[arg-type]
        assert got == expected, at
        assert type(got) is type(expected)


def hostile_rows() -> list[tuple[object, ...]]:
    rnd = random.Random(16)
    seqs = [0, 1, -1, 7, 2**63 - 1, 2**63, True, 5.0, "5"]
    ats = ["2026-11-30T10:00:00.123456Z", "2026-13-30T10:00:00Z", "2026-11-30T10:00:00Z\n", ""]
    types = ["case", "contact", "programme", "case\n", "Case", "", None, "a" * 41, "é"]
    ids = [CASE, CASE + "\n", CASE.upper(), "moviera_wijk", "moviera_wijk\n", "x", None]
    actions = ["read", "sync", "export", "update", "list", "read\n", None, "drop_table", "x" * 41]
    details = [
        None,
        "received",
        "received\n",
        "3 cases",
        json.dumps({"export": "overdracht", "case_ids": [CASE], "target": "/home/x"}),
        "first_name,risk_level,\ud800",
        "\ud800",
        "x" * 9000,
    ]
    rows = [
        (seq, at, rtype, rid, action, detail)
        for seq, at, rtype, rid, action, detail in itertools.product(
            seqs[:2], ats, types, ids, actions, details
        )
    ]
    for _ in range(3000):
        rows.append(
            (
                rnd.choice(seqs),
                rnd.choice(ats),
                rnd.choice(types),
                rnd.choice(ids),
                rnd.choice(actions),
                rnd.choice(details),
            )
        )
    return rows


def test_every_line_made_without_the_model_is_one_the_model_takes_unchanged() -> None:
    made = refused = 0
    for row in hostile_rows():
        try:
            (line,) = lines_of([row])
        except ValidationError:
            refused += 1
            # Only a sequence number the model refuses stops a line (all else is made to fit).
            assert not (type(row[0]) is int and 1 <= row[0] < 2**63), row
            continue
        made += 1
        again = AccessLine.model_validate(line.model_dump())
        assert again == line, row
        assert again.model_dump_json() == line.model_dump_json()
        assert again.model_fields_set == line.model_fields_set
        assert again.__pydantic_extra__ == line.__pydantic_extra__
        assert again.__pydantic_private__ == line.__pydantic_private__
    assert made > 1000 and refused > 0


def test_a_line_a_vault_cannot_have_made_still_goes_up_in_a_shape_the_server_takes() -> None:
    """A newline after a record type, action or id (a damaged vault): the old reading took
    `case\\n` as a record type, which the model then refused, and the line stopped every
    later one. Now each such value is named "unknown" or left out."""
    (line,) = lines_of([(3, "2026-11-30T10:00:00Z", "case\n", CASE + "\n", "read\n", None)])
    assert (line.record_type, line.record_id, line.action) == ("unknown", None, "unknown")


@pytest.mark.parametrize("seq", [0, -1, 2**63])
def test_a_sequence_number_the_model_refuses_is_refused_as_before(seq: int) -> None:
    with pytest.raises(ValidationError):
        lines_of([(seq, "2026-11-30T10:00:00Z", "case", CASE, "read", None)])


def test_a_batch_is_made_as_its_lines_one_by_one() -> None:
    """The times read once per batch: lines of one batch with times of every kind come out as
    each does alone."""
    rows = [row for row in hostile_rows() if type(row[0]) is int and 1 <= row[0] < 2**63]
    alone = [lines_of([row])[0] for row in rows]
    assert lines_of(rows) == alone
    assert len({line.at for line in alone}) > 1
