"""`koers cases --on DATE`: the caseload's due dates and overdue days as on a given day (a
script planning ahead, or a test on a fixed clock comparing the command with the window)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.cli.test_cli import assert_clean_error, filled_vault, koers

__all__ = ["filled_vault"]  # the fixture, shared with test_cli


def test_overdue_days_count_to_the_day_given_in_either_date_form(filled_vault: Path) -> None:
    on = date(2027, 1, 15)
    dutch = koers("cases", "--vault", str(filled_vault), "--json", "--on", "15-01-2027")
    iso = koers("cases", "--vault", str(filled_vault), "--json", "--on", on.isoformat())
    assert dutch.returncode == 0, dutch.stderr
    rows = json.loads(dutch.stdout)
    assert rows == json.loads(iso.stdout)
    due = [r for r in rows if r["next_due"]]
    assert due
    for row in due:
        assert row["overdue_days"] == max(0, (on - date.fromisoformat(row["next_due"])).days)


def test_a_day_that_is_no_date_is_one_line(filled_vault: Path) -> None:
    result = koers("cases", "--vault", str(filled_vault), "--on", "31-02-2027")
    assert_clean_error(result, "--on needs a date like 27-11-2026 or 2026-11-27")
