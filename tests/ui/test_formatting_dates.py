"""The window writes dates and times by hand (ui/formatting.py: strftime is slow under
PySide6); they read exactly as strftime's "%d-%m-%Y", "%d-%m" and "%H:%M" would."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from ui.formatting import clock_time, day, short_day


@given(st.dates(min_value=date(1900, 1, 1)))
def test_days_read_as_strftime_writes_them(value: date) -> None:
    assert day(value) == value.strftime("%d-%m-%Y")
    assert short_day(value) == value.strftime("%d-%m")


@given(st.datetimes())
def test_times_read_as_strftime_writes_them(value: datetime) -> None:
    assert clock_time(value) == value.strftime("%H:%M")


def test_no_date_is_a_dash() -> None:
    assert day(None) == short_day(None) == "–"
