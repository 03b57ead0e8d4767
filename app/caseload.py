"""The caseload: one row per case with programme, phase, risk, next contact due and overdue.

One SQL query with indexed per-case lookups (latest counting contact, latest screening), one
for the nazorg check-in windows, then the contact rules in Python. Bench: bench/dashboard_query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app import codec
from app.case import CaseSchedule, FrequencyOverride, PhaseEntry
from app.programmes import Programme
from app.rules import (
    ContactDue,
    EndState,
    ProgrammeEnd,
    checkin_plan,
    checkin_windows,
    local_date,
    local_day_start_utc,
    next_contact_due,
    programme_end,
)
from app.vocabulary import CaseStatus, RiskSituation

# A contact counts when it reached the client: done, not a no-show, not deleted, and not
# replaced by a correction (the same test the vault's case_summary triggers apply).
COUNTING_CONTACT = (
    "k.status = 'gedaan' AND k.kind != 'niet_verschenen' AND k.deleted = 0 "
    "AND NOT EXISTS (SELECT 1 FROM contacts s WHERE s.supersedes = k.id AND s.deleted = 0)"
)
CASELOAD_SQL = """
    SELECT c.id, c.display_name, c.initials, c.programme_id, c.phase_id, c.phase_history,
           COALESCE(c.start_date, c.registered_on), c.planned_end_date, c.status, c.worker,
           c.frequency_override, s.last_contact_at, s.risk,
           json_extract(c.phase_history, '$[#-1].since') AS phase_since,
           c.nazorg_start, c.reopened_on
    FROM cases c LEFT JOIN case_summary s ON s.case_id = c.id
    WHERE c.deleted = 0 AND (? OR c.status != 'afgesloten')
"""


@dataclass(slots=True)
class CaseloadRow:
    """One line of the caseload: a view, rebuilt on every refresh (not a domain record)."""

    case_id: str
    display_name: str
    initials: str
    programme_id: str
    programme: str
    phase: str
    status: CaseStatus
    worker: str
    risk: RiskSituation | None
    last_contact_on: date | None
    due: ContactDue
    is_due: bool  # due today or overdue
    end: ProgrammeEnd | None
    has_checkins: bool = False  # nazorg: the due date is the next open check-in

    @property
    def overdue_days(self) -> int:
        return self.due.overdue_days


def _decode_schedule(row: tuple, today: date) -> CaseSchedule:
    """The schedule facts the caseload needs. It asks only which phase is in force today, so
    when the latest phase has begun (nearly always) the history is not decoded: the latest
    entry, read by SQLite, is enough."""
    phase_id, phase_history, start_date, planned_end, status, override = (
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        row[10],
    )
    since, nazorg_start, reopened_on = row[13], row[14], row[15]
    if since is not None and since <= today.isoformat():
        history: tuple[PhaseEntry, ...] = (PhaseEntry(phase_id, date.fromisoformat(since)),)
    else:
        history = codec.decode_json(tuple[PhaseEntry, ...], phase_history)
    return CaseSchedule(
        status=CaseStatus(status),
        start_date=date.fromisoformat(start_date),
        phase_history=history,
        planned_end_date=date.fromisoformat(planned_end) if planned_end else None,
        frequency_override=codec.from_json(FrequencyOverride, override) if override else None,
        nazorg_start=date.fromisoformat(nazorg_start) if nazorg_start else None,
        restarted_on=date.fromisoformat(reopened_on) if reopened_on else None,
    )


class CaseloadView:
    """The caseload of one unlocked session, refreshed cheaply.

    A row depends only on its case's columns, its check-in contacts, the programmes and today;
    rows whose inputs did not change since the last refresh are reused. The cache holds case
    data, so it lives exactly as long as the session: drop the view when the vault locks.
    """

    def __init__(self) -> None:
        self._rows: dict[tuple, CaseloadRow] = {}
        self._key: tuple = ()

    def refresh(
        self, db, programmes: dict[str, Programme], today: date, *, include_closed: bool = False
    ) -> list[CaseloadRow]:
        if self._key != (id(programmes), today):
            self._rows.clear()
            self._key = (id(programmes), today)
        rows = db.execute(CASELOAD_SQL, [include_closed]).fetchall()
        fresh = [row for row in rows if row not in self._rows]
        schedules = [_decode_schedule(r, today) for r in fresh]
        checkin_days = _checkin_contact_days(db, fresh, schedules, programmes, today)
        for row, case in zip(fresh, schedules, strict=True):
            self._rows[row] = _caseload_row(
                row, case, programmes, today, checkin_days.get(row[0], [])
            )
        result = [self._rows[row] for row in rows]
        if len(self._rows) > 2 * len(rows) + 100:  # forget rows of edited or closed cases
            self._rows = {row: self._rows[row] for row in rows}
        return result

    def clear(self) -> None:
        self._rows.clear()


def caseload(
    db, programmes: dict[str, Programme], today: date, *, include_closed: bool = False
) -> list[CaseloadRow]:
    """The caseload computed afresh (one-off callers: the CLI, exports)."""
    return CaseloadView().refresh(db, programmes, today, include_closed=include_closed)


def _caseload_row(
    row: tuple,
    case: CaseSchedule,
    programmes: dict[str, Programme],
    today: date,
    checkin_days: list[date],
) -> CaseloadRow:
    case_id, name, initials, programme_id, phase_id = row[:5]
    worker, last_at, risk = row[9], row[11], row[12]
    programme = programmes[programme_id]
    last_on = local_date(datetime.fromisoformat(last_at)) if last_at else None
    due = next_contact_due(case, programme, last_on, today, checkin_days, programmes)
    return CaseloadRow(
        case_id=case_id,
        display_name=name,
        initials=initials,
        programme_id=programme_id,
        programme=programme.name,
        phase=programme.phase(phase_id).name,
        status=case.status,
        worker=worker,
        risk=RiskSituation(risk) if risk else None,
        last_contact_on=last_on,
        due=due,
        is_due=due.due_on is not None and due.due_on <= today,
        end=programme_end(case, programme, today),
        has_checkins=checkin_plan(case, programme) is not None,
    )


def _checkin_contact_days(
    db,
    rows: list[tuple],
    schedules: list[CaseSchedule],
    programmes: dict[str, Programme],
    today: date,
) -> dict[str, list[date]]:
    """For cases with planned check-ins (nazorg): the first counting contact in each window.

    That is all `nazorg_checkins` needs, and one indexed MIN per window is far cheaper than
    reading every contact of every nazorg case.
    """
    windows = []
    for row, case in zip(rows, schedules, strict=True):
        programme = programmes[row[3]]
        # A window that has not opened yet cannot hold a contact.
        for w in (w for w in checkin_windows(case, programme) if w.opens <= today):
            closes = local_day_start_utc(w.closes) if w.closes else "9999"
            windows.append((row[0], local_day_start_utc(w.opens), closes))
    days: dict[str, list[date]] = {}
    for start in range(0, len(windows), 5000):  # stay below SQLite's bound-variable limit
        chunk = windows[start : start + 5000]
        values = ",".join("(?, ?, ?)" for _ in chunk)
        params = [value for window in chunk for value in window]
        for case_id, first in db.execute(
            f"WITH w(case_id, opens, closes) AS (VALUES {values}) "
            f"SELECT w.case_id, (SELECT MIN(k.starts_at) FROM contacts k "
            f"  WHERE k.case_id = w.case_id AND k.starts_at >= w.opens AND k.starts_at < w.closes "
            f"  AND {COUNTING_CONTACT}) FROM w",
            params,
        ):
            if first is not None:
                days.setdefault(case_id, []).append(local_date(datetime.fromisoformat(first)))
    return days


def sort_most_overdue(rows: list[CaseloadRow]) -> list[CaseloadRow]:
    return sorted(rows, key=lambda r: (-r.overdue_days, r.due.due_on or date.max, r.display_name))


def ending_soon(rows: list[CaseloadRow]) -> list[CaseloadRow]:
    return [r for r in rows if r.end is not None and r.end.state is not EndState.LOOPT]
