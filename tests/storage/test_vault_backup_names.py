"""Backup names are read by hand at each unlock (no strptime): the same times as strptime
reads from every name Koers writes, and nothing from names it does not."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import backup


def test_every_stamp_koers_writes_reads_back_as_strptime_reads_it() -> None:
    rng = random.Random(17)
    start = datetime(2000, 1, 1, tzinfo=UTC)
    moments = [start + timedelta(seconds=rng.randrange(60 * 365 * 24 * 3600)) for _ in range(500)]
    moments += [datetime(2028, 2, 29, 23, 59, 59, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)]
    for moment in moments:
        stamp = moment.strftime(backup.STAMP)
        expected = datetime.strptime(stamp, backup.STAMP).replace(tzinfo=UTC)
        assert backup.parse_stamp(stamp) == expected == moment


@pytest.mark.parametrize(
    "stamp",
    [
        "",
        "20261122T090000",
        "20261122 090000Z",
        "20261122T090000Zx",
        "2026112T0900000Z",
        "20261322T090000Z",  # month 13
        "20260230T090000Z",  # 30 February
        "20261122T250000Z",
        "20261122T096000Z",
        "2026-11-22T09000",
        "2026١١22T090000Z",  # digits of another script
        "+0261122T090000Z",
    ],
)
def test_a_name_koers_does_not_write_is_no_backup(stamp: str) -> None:
    assert backup.parse_stamp(stamp) is None


def test_listing_keeps_only_this_vaults_backups_newest_first(tmp_path: Path) -> None:
    vault = tmp_path / "werk.koers"
    folder = backup.backup_folder(vault)
    folder.mkdir()
    for name in (
        "werk-20261122T090000Z.koers",
        "werk-20261123T090000Z.koers",
        "werk-20261131T090000Z.koers",  # no such day
        "werk-notes.koers",
        "ander-20261124T090000Z.koers",
        ".werk-20261125T090000Z.koers.tmp",
    ):
        (folder / name).write_bytes(b"")
    assert [b.path.name for b in backup.backups(vault)] == [
        "werk-20261123T090000Z.koers",
        "werk-20261122T090000Z.koers",
    ]
