"""The caseload: one row per case with programme, phase, risk, next contact due and overdue.

One SQL query reads each case with its summary (latest counting contact, latest screening) and
the facts the rules need, already picked out of the JSON columns; one more finds the first
contact in each open nazorg check-in window. What holds per programme (phase names and
intervals, check-in offsets, limits) is worked out once per refresh, not once per case, and
each case then costs a few dictionary lookups and some date arithmetic: linear in the cases.
A case the quick reading does not fit (a phase dated ahead, a value it does not recognise)
goes through the rules of app/rules.py exactly as written; both give the same answers
(tests/app/test_caseload_fast.py). Bench: bench/dashboard_query.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from app import codec
from app.case import CaseSchedule, FrequencyOverride, PhaseEntry
from app.programmes import Programme
from app.rules import (
    NOT_DUE,
    CheckinWindow,
    ContactDue,
    EndState,
    ProgrammeEnd,
    checkin_plan,
    checkin_windows,
    checkin_windows_from,
    local_date,
    local_date_of_epoch,
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
# Columns 0-15 are what the rules read (the cache key of a row, too); 16-21 are the same
# facts picked out for the quick path: the last contact in seconds since 1970 and the
# frequency override's parts.
CASELOAD_SQL = """
    SELECT c.id, c.display_name, c.initials, c.programme_id, c.phase_id, c.phase_history,
           COALESCE(c.start_date, c.registered_on), c.planned_end_date, c.status, c.worker,
           c.frequency_override, s.last_contact_at, s.risk,
           json_extract(c.phase_history, '$[#-1].since') AS phase_since,
           c.nazorg_start, c.reopened_on,
           CAST(strftime('%s', s.last_contact_at) AS INTEGER),
           json_extract(c.frequency_override, '$.frequency.count'),
           json_extract(c.frequency_override, '$.frequency.per_days'),
           json_extract(c.frequency_override, '$.since'),
           json_extract(c.frequency_override, '$.until'),
           json_extract(c.frequency_override, '$.reason')
    FROM cases c LEFT JOIN case_summary s ON s.case_id = c.id
    WHERE c.deleted = 0 AND (? OR c.status != 'afgesloten')
"""
STATUSES = {status.value: status for status in CaseStatus}
RISKS = {int(risk): risk for risk in RiskSituation}


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


class _ProgrammeFacts(NamedTuple):
    """What the rules ask of a programme, looked up once per refresh instead of per case."""

    programme: Programme
    phase_names: dict[str, str]
    phase_intervals: dict[str, int]  # days between contacts in each phase


def _programme_facts(programmes: dict[str, Programme]) -> dict[str, _ProgrammeFacts]:
    return {
        programme_id: _ProgrammeFacts(
            programme,
            {phase.id: phase.name for phase in programme.phases},
            {phase.id: phase.frequency.interval_days for phase in programme.phases},
        )
        for programme_id, programme in programmes.items()
    }


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
        cached = self._rows
        fresh = [row for row in rows if row not in cached]
        for row, made in zip(fresh, _compute(db, fresh, programmes, today), strict=True):
            cached[row] = made
        result = [cached[row] for row in rows]
        if len(cached) > 2 * len(rows) + 100:  # forget rows of edited or closed cases
            self._rows = {row: cached[row] for row in rows}
        return result

    def clear(self) -> None:
        self._rows.clear()


def caseload(
    db, programmes: dict[str, Programme], today: date, *, include_closed: bool = False
) -> list[CaseloadRow]:
    """The caseload computed afresh (one-off callers: the CLI, exports, each unlock)."""
    rows = db.execute(CASELOAD_SQL, [include_closed]).fetchall()
    return _compute(db, rows, programmes, today)


def caseload_by_the_rules(
    db, programmes: dict[str, Programme], today: date, *, include_closed: bool = False
) -> list[CaseloadRow]:
    """The caseload with every case read into a CaseSchedule and put through the rules of
    app/rules.py one by one: the reference the quick path is tested (and benched) against."""
    rows = db.execute(CASELOAD_SQL, [include_closed]).fetchall()
    return _by_the_rules(db, rows, programmes, today)


def _by_the_rules(
    db, rows: list[tuple], programmes: dict[str, Programme], today: date
) -> list[CaseloadRow]:
    schedules = [_decode_schedule(r, today) for r in rows]
    windows = [
        (row[0], checkin_windows(case, programmes[row[3]]))
        for row, case in zip(rows, schedules, strict=True)
    ]
    checkin_days = _checkin_contact_days(db, windows, today)
    return [
        _caseload_row(row, case, programmes, today, checkin_days.get(row[0], []))
        for row, case in zip(rows, schedules, strict=True)
    ]


def _compute(
    db, rows: list[tuple], programmes: dict[str, Programme], today: date
) -> list[CaseloadRow]:
    """The rows of `rows` (CASELOAD_SQL results), each through the quick path or the rules."""
    facts = _programme_facts(programmes)
    iso_today = today.isoformat()
    made: list[CaseloadRow | None] = []
    slow: list[int] = []  # positions of rows the quick path leaves to the rules
    waiting: list[tuple[CaseloadRow, tuple[CheckinWindow, ...]]] = []  # due: first open check-in
    for row in rows:
        quick = _quick_row(row, facts, today, iso_today)
        if quick is None:
            slow.append(len(made))
            made.append(None)
            continue
        line, windows = quick
        if windows is not None:
            waiting.append((line, windows))
        made.append(line)
    schedules = {i: _decode_schedule(rows[i], today) for i in slow}
    asked = [(line.case_id, windows) for line, windows in waiting]
    asked += [
        (rows[i][0], checkin_windows(case, programmes[rows[i][3]])) for i, case in schedules.items()
    ]
    checkin_days = _checkin_contact_days(db, asked, today)
    for line, windows in waiting:
        line.due = _first_open_checkin(windows, checkin_days.get(line.case_id, ()), today)
        line.is_due = line.due.due_on is not None and line.due.due_on <= today
    for i, case in schedules.items():
        row = rows[i]
        made[i] = _caseload_row(row, case, programmes, today, checkin_days.get(row[0], []))
    return made  # type: ignore[return-value]  # every None was filled in


def _quick_row(
    row: tuple, facts: dict[str, _ProgrammeFacts], today: date, iso_today: str
) -> tuple[CaseloadRow, tuple[CheckinWindow, ...] | None] | None:
    """The row by the same rules as `next_contact_due` and `programme_end`, for a case whose
    latest phase has begun in its current programme; None for any other case (the rules then
    decide). With check-ins to look up, the row's due is filled in later from the windows."""
    (case_id, name, initials, programme_id, phase_id, _history, start_text, planned_text,
     status_text, worker, override, _last_at, risk_value, since, nazorg_text, reopened_text,
     last_epoch, ov_count, ov_per_days, ov_since, ov_until, ov_reason) = row  # fmt: skip
    programme_facts = facts.get(programme_id)
    status = STATUSES.get(status_text)
    if (
        programme_facts is None
        or status is None
        or since is None
        or since > iso_today
        or phase_id not in programme_facts.phase_names
        or (_last_at is not None and last_epoch is None)
        or (risk_value is not None and risk_value not in RISKS)
    ):
        return None
    date.fromisoformat(since)  # a value the rules would refuse is refused here too
    programme = programme_facts.programme
    start = date.fromisoformat(start_text)
    counting_from = start
    if reopened_text:
        counting_from = max(start, date.fromisoformat(reopened_text))
    override_interval = 0
    if override:
        frequency = _override_interval_today(
            ov_count, ov_per_days, ov_since, ov_until, ov_reason, today
        )
        if frequency is None:
            return None
        override_interval = frequency
    # checkin_plan: the nazorg after closing, or a programme of check-ins (Nazorg).
    plan: tuple[date, tuple[int, ...]] | None = None
    if status is CaseStatus.NAZORG and nazorg_text:
        plan = (date.fromisoformat(nazorg_text), programme.nazorg_checkin_offsets_days)
    elif programme.checkin_offsets_days:
        plan = (counting_from, programme.checkin_offsets_days)
    last_on = local_date_of_epoch(last_epoch) if last_epoch is not None else None
    windows = None
    if status is CaseStatus.AFGESLOTEN:
        due = NOT_DUE
    elif override_interval <= 0 and plan is not None:
        windows = checkin_windows_from(*plan)
        due = NOT_DUE  # until the check-in contacts are read
    else:
        anchor = counting_from if last_on is None or last_on < counting_from else last_on
        interval = override_interval or programme_facts.phase_intervals[phase_id]
        due_on = anchor + timedelta(days=interval)
        due = ContactDue(due_on, (today - due_on).days if due_on < today else 0)
    end = None
    planned_end = date.fromisoformat(planned_text) if planned_text else None
    limit = programme.max_duration_days
    if status is CaseStatus.ACTIEF and (limit is not None or planned_end is not None):
        ends_on = planned_end
        if limit is not None:
            by_limit = counting_from + timedelta(days=limit)
            ends_on = by_limit if planned_end is None or by_limit < planned_end else planned_end
        assert ends_on is not None
        days_left = (ends_on - today).days
        if days_left < 0:
            state = EndState.OVERSCHREDEN
        elif days_left <= programme.end_warning_days:
            state = EndState.EINDE_NADERT
        else:
            state = EndState.LOOPT
        end = ProgrammeEnd(ends_on, days_left, state)
    next_on = due.due_on
    line = CaseloadRow(
        case_id,
        name,
        initials,
        programme_id,
        programme.name,
        programme_facts.phase_names[phase_id],
        status,
        worker,
        RISKS[risk_value] if risk_value is not None else None,
        last_on,
        due,
        next_on is not None and next_on <= today,
        end,
        plan is not None,
    )
    return line, windows


def _override_interval_today(
    count: object, per_days: object, since: object, until: object, reason: object, today: date
) -> int | None:
    """The override's days between contacts when it applies today, 0 when it does not, None
    when the stored override is not one the rules would read (they then decide)."""
    if not (
        type(count) is int
        and type(per_days) is int
        and count >= 1
        and 1 <= per_days <= 366
        and isinstance(since, str)
        and (until is None or isinstance(until, str))
        and isinstance(reason, str)
        and reason.strip()
    ):
        return None
    try:
        starts = date.fromisoformat(since)
        ends = date.fromisoformat(until) if until is not None else None
    except ValueError:
        return None
    if ends is not None and ends < starts:
        return None
    if starts <= today and (ends is None or today <= ends):
        return max(1, math.ceil(per_days / count))
    return 0


def _first_open_checkin(
    windows: tuple[CheckinWindow, ...], contact_days, today: date
) -> ContactDue:
    """The due of the first check-in no counting contact met (`nazorg_checkins`' rule)."""
    for w in windows:
        if not any(w.opens <= day and (w.closes is None or day < w.closes) for day in contact_days):
            return ContactDue(w.due_on, max(0, (today - w.due_on).days))
    return NOT_DUE


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
    db, windows_by_case: list[tuple[str, tuple[CheckinWindow, ...]]], today: date
) -> dict[str, list[date]]:
    """For cases with planned check-ins (nazorg): the first counting contact in each window.

    That is all `nazorg_checkins` needs, and one indexed MIN per window is far cheaper than
    reading every contact of every nazorg case.
    """
    windows = []
    for case_id, case_windows in windows_by_case:
        # A window that has not opened yet cannot hold a contact.
        for w in case_windows:
            if w.opens <= today:
                closes = local_day_start_utc(w.closes) if w.closes else "9999"
                windows.append((case_id, local_day_start_utc(w.opens), closes))
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
