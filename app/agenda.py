"""The agenda: the planned contacts of a week, Monday to Sunday, as the week view shows them.

Weeks follow the Dutch calendar (they start on Monday); days are local days
(Europe/Amsterdam). Secret addresses are masked here already, as on Vandaag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.dashboard import PlannedVisit, planned_between

DAYS_IN_WEEK = 7


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of the week that holds `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=DAYS_IN_WEEK - 1)


def planned_in_week(db, monday: date) -> list[PlannedVisit]:
    """The planned contacts from `monday` through the Sunday after it, earliest first.
    Raises ValueError when `monday` is not a Monday."""
    if monday.weekday() != 0:
        raise ValueError("a week starts on a Monday")
    return planned_between(db, monday, monday + timedelta(days=DAYS_IN_WEEK))


@dataclass(frozen=True)
class WeekAgenda:
    """One week of planned contacts: `monday`, the `today` it was read on (to mark that day)
    and the `visits` of the week, earliest first."""

    monday: date
    today: date
    visits: tuple[PlannedVisit, ...]

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=DAYS_IN_WEEK - 1)

    @property
    def days(self) -> list[date]:
        """Monday through Sunday."""
        return [self.monday + timedelta(days=n) for n in range(DAYS_IN_WEEK)]

    def on(self, day: date) -> list[PlannedVisit]:
        """The visits of one day of this week, earliest first (empty on a free day)."""
        return [v for v in self.visits if v.starts_at.date() == day]

    @property
    def holds_today(self) -> bool:
        return self.monday <= self.today <= self.sunday


def week_agenda(db, monday: date, today: date) -> WeekAgenda:
    """The week that starts on `monday` (any day is moved back to its Monday)."""
    monday = week_of(monday)[0]
    return WeekAgenda(monday, today, tuple(planned_in_week(db, monday)))
