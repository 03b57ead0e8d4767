"""The caseload: one row per case with programme, phase, risk, next contact due and overdue.

One SQL query reads each case with its summary (latest counting contact, latest screening) and
the facts the rules need, already picked out of the JSON columns; one more finds the first
contact in each open nazorg check-in window. What holds per programme (phase names and
intervals, check-in offsets, limits) is worked out once per refresh, not once per case, and
each case then costs a few dictionary lookups and some date arithmetic: linear in the cases.
A case the quick reading does not fit (a phase dated ahead, a value it does not recognise)
goes through the rules of app/rules.py exactly as written; both give the same answers
(tests/app/test_caseload_fast.py).

That computing is for the lines the vault does not hold fresh: `caseload` and CaseloadView
read each case's stored line (app/caseload_store.py) and compute, and store, only the others
(edited cases, a new day's check-ins). Bench: bench/dashboard_query.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from typing import NamedTuple

from app import caseload_store as store
from app import codec, collector
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
# What the rules read of each case (`caseload_by_the_rules`, and the cases the quick path
# leaves to the rules).
CASELOAD_SQL = """
    SELECT c.id, c.display_name, c.initials, c.programme_id, c.phase_id, c.phase_history,
           COALESCE(c.start_date, c.registered_on), c.planned_end_date, c.status, c.worker,
           c.frequency_override, s.last_contact_at, s.risk,
           json_extract(c.phase_history, '$[#-1].since') AS phase_since,
           c.nazorg_start, c.reopened_on
    FROM cases c LEFT JOIN case_summary s ON s.case_id = c.id
    WHERE c.deleted = 0 AND (:closed OR c.status != 'afgesloten')
"""
# What the quick path reads: no JSON is parsed. The last contact comes as seconds since 1970
# ('' for a value SQLite cannot read). Of the phase history only its end is looked at: the
# codec writes it with sorted keys, so the latest entry ends in `"since": "2026-05-01"}]`
# (a history that ends otherwise, or a phase that starts after today, goes to the rules).
QUICK_SQL = """
    SELECT c.id, c.display_name, c.initials, c.programme_id, c.phase_id, c.status, c.worker,
           COALESCE(c.start_date, c.registered_on), c.planned_end_date, c.nazorg_start,
           c.reopened_on, c.frequency_override, s.risk,
           CASE WHEN s.last_contact_at IS NOT NULL
                THEN coalesce(unixepoch(s.last_contact_at), '') END,
           c.phase_history
    FROM cases c LEFT JOIN case_summary s ON s.case_id = c.id
    WHERE c.deleted = 0 AND (:closed OR c.status != 'afgesloten')
"""
TAIL_HEAD, TAIL_END = '"since": "', '"}]'
STATUSES = {status.value: status for status in CaseStatus}
RISKS = {int(risk): risk for risk in RiskSituation}


class CaseloadRow(NamedTuple):
    """One line of the caseload: a view, rebuilt on every refresh (not a domain record).
    A tuple: thousands are made on every unlock, and a tuple is made without Python code."""

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
    name: str
    phases: dict[str, tuple[str, timedelta]]  # phase id -> its name, time between contacts
    checkins: tuple[int, ...]  # the programme's own check-in offsets (days)
    nazorg: tuple[int, ...]  # the check-in offsets after closing with nazorg
    limit: timedelta | None  # the longest a case may run (Take a Break)
    ends: dict[date, ProgrammeEnd]  # filled during one refresh: each end date's answer


def _programme_facts(programmes: dict[str, Programme]) -> dict[str, _ProgrammeFacts]:
    """The facts of each programme the quick path can take, for one refresh. A programme
    whose check-ins do not follow each other in time (overlapping windows) is left out: its
    cases go through the rules."""
    facts = {}
    for programme_id, programme in programmes.items():
        if not (
            _increasing(programme.checkin_offsets_days)
            and _increasing(programme.nazorg_checkin_offsets_days)
        ):
            continue
        limit = programme.max_duration_days
        facts[programme_id] = _ProgrammeFacts(
            programme,
            programme.name,
            {
                phase.id: (phase.name, timedelta(days=phase.frequency.interval_days))
                for phase in programme.phases
            },
            programme.checkin_offsets_days,
            programme.nazorg_checkin_offsets_days,
            timedelta(days=limit) if limit is not None else None,
            {},
        )
    return facts


def _increasing(offsets: tuple[int, ...]) -> bool:
    return all(a < b for a, b in zip(offsets, offsets[1:], strict=False))


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

    A stored line (app/caseload_store.py) is turned into its CaseloadRow once per day and
    programmes; later refreshes look the text up. The cache holds case data, so it lives
    exactly as long as the session: drop the view when the vault locks.
    """

    def __init__(self) -> None:
        self._rows: dict[str, CaseloadRow] = {}
        self._key: tuple = ()

    def refresh(
        self, db, programmes: dict[str, Programme], today: date, *, include_closed: bool = False
    ) -> list[CaseloadRow]:
        """The caseload as `caseload` gives it (rows in case id order)."""
        if self._key != (id(programmes), today):
            self._rows.clear()
            self._key = (id(programmes), today)
        with collector.paused():
            result = _read(db, programmes, today, include_closed, self._rows)
        if len(self._rows) > 2 * len(result) + 100:  # forget lines of edited or closed cases
            self._rows.clear()
        return result

    def clear(self) -> None:
        self._rows.clear()


def caseload(
    db, programmes: dict[str, Programme], today: date, *, include_closed: bool = False
) -> list[CaseloadRow]:
    """The caseload on `today`, one row per case not deleted (closed cases only with
    `include_closed`), in case id order: the stored lines where they are fresh, the others
    computed (and stored when the vault's write lock is free). For one-off callers: the CLI,
    exports, each unlock."""
    with collector.paused():
        return _read(db, programmes, today, include_closed, None)


def _read(
    db,
    programmes: dict[str, Programme],
    today: date,
    include_closed: bool,
    cache: dict[str, CaseloadRow] | None,
) -> list[CaseloadRow]:
    """The stored lines that are fresh, and the others computed and stored (see
    app/caseload_store.py); `cache` maps a stored line's text to its CaseloadRow on `today`."""
    level = store.CLOSED if include_closed else store.OPEN
    params = {"fp": store.fingerprint(programmes), "today": today.isoformat(), "level": level}
    texts = db.execute(store.READ_SQL, params).fetchall()
    unpack = store.unpacker(CaseloadRow, today)
    try:
        if cache is None:
            result = unpack(texts)
        else:
            result = _cached(texts, cache, unpack)
    except (ValueError, KeyError):  # a stored text `pack` did not make: compute them all
        made, _slow = _compute(db, _quick_sql_rows(db, today, include_closed), programmes, today)
        return sorted(made, key=_case_id)
    if len(result) < len(texts):  # lines to compute
        fresh = _refresh_stale(db, programmes, today, params)
        result += [row for row, shown in fresh if shown >= level]
        result.sort(key=_case_id)
    return result


def _cached(texts: list[tuple], cache: dict[str, CaseloadRow], unpack) -> list[CaseloadRow]:
    """READ_SQL's lines as rows, each text unpacked once while `cache` lives."""
    result: list = []
    missing = []
    for (text,) in texts:
        row = cache.get(text)
        if row is not None:
            result.append(row)
        elif text is not None:
            missing.append(len(result))
            result.append(text)
    if missing:
        for i, row in zip(missing, unpack([(result[i],) for i in missing]), strict=True):
            cache[result[i]] = row
            result[i] = row
    return result


def _case_id(row: CaseloadRow) -> str:
    return row.case_id


def _refresh_stale(
    db, programmes: dict[str, Programme], today: date, params: dict[str, object]
) -> list[tuple[CaseloadRow, int]]:
    """The lines that are not fresh, computed (each with the list it belongs in), and stored
    when the write lock is free at once: then they are computed under it, so that no write
    comes between what they were computed from and their storing."""
    stale = db.execute(store.STALE_SQL, params).fetchall()
    conn = getattr(db, "conn", db)  # sqlite-utils' Database, or the raw connection
    with store.write_lock(conn) as writing:
        case_ids = [case_id for case_id, _store in stale]
        if len(case_ids) > 1000:  # most of them: one scan
            wanted = set(case_ids)
            rows = [r for r in _quick_sql_rows(db, today, True) if r[0] in wanted]
        else:
            rows = []
            for start in range(0, len(case_ids), 500):  # below SQLite's bound-variable limit
                chunk = case_ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows += db.execute(
                    QUICK_SQL.replace(":closed", "1") + f" AND c.id IN ({marks})", chunk
                ).fetchall()
        made, slow = _compute(db, rows, programmes, today)
        lines: dict[str, tuple[CaseloadRow, int, date]] = {}
        for i, (row, line) in enumerate(zip(rows, made, strict=True)):
            until = today
            if i not in slow:
                try:
                    until = store.valid_until(row, programmes, today)
                except (ValueError, TypeError, KeyError):
                    until = today
            shown = store.CLOSED if line.status is CaseStatus.AFGESLOTEN else store.OPEN
            lines[line.case_id] = (line, shown, until)
        if writing:
            fp, day = params["fp"], params["today"]
            written = []
            for case_id, to_store in stale:
                if not to_store:
                    continue
                if case_id not in lines:  # deleted, or no such case
                    written.append(("", store.NOT_LISTED, fp, day, store.LAST_DAY, case_id))
                    continue
                line, shown, until = lines[case_id]
                text = store.pack(line, programmes)
                if text is None:
                    written.append(("", store.UNSTORABLE, fp, day, until.isoformat(), case_id))
                else:
                    written.append((text, shown, fp, day, until.isoformat(), case_id))
            conn.executemany(store.WRITE_SQL, written)
    return [(line, shown) for line, shown, _until in lines.values()]


def caseload_by_the_rules(
    db, programmes: dict[str, Programme], today: date, *, include_closed: bool = False
) -> list[CaseloadRow]:
    """The caseload with every case read into a CaseSchedule and put through the rules of
    app/rules.py one by one: the reference the quick path is tested (and benched) against."""
    rows = db.execute(CASELOAD_SQL + " ORDER BY c.id", {"closed": include_closed}).fetchall()
    return _by_the_rules(db, rows, programmes, today)


def _quick_sql_rows(db, today: date, include_closed: bool) -> list[tuple]:
    return db.execute(QUICK_SQL, {"closed": include_closed, "today": today.isoformat()}).fetchall()


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
) -> tuple[list[CaseloadRow], set[int]]:
    """The CaseloadRows of `rows` (QUICK_SQL results, in their order): through the quick
    path, and the cases it leaves through the rules (their positions: the second value)."""
    made, slow, waiting = _quick_rows(rows, _programme_facts(programmes), today)
    if waiting:
        unmet = _unmet_checkins(db, waiting, today)
        for i, fields, windows, opened in waiting:
            due = _first_open_checkin(windows, opened, unmet.get(fields[0], ()), today)
            fields[10] = due
            fields[11] = due.due_on is not None and due.due_on <= today
            made[i] = CaseloadRow._make(fields)
    if slow:
        by_rules = _rows_by_the_rules(db, [rows[i][0] for i in slow], programmes, today)
        for i in slow:
            made[i] = by_rules[rows[i][0]]
    return made, set(slow)  # type: ignore[return-value]  # every None was filled in


def _rows_by_the_rules(
    db, case_ids: list[str], programmes: dict[str, Programme], today: date
) -> dict[str, CaseloadRow]:
    rows = []
    for start in range(0, len(case_ids), 500):  # below SQLite's bound-variable limit
        chunk = case_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows += db.execute(
            CASELOAD_SQL.replace(":closed", "1") + f" AND c.id IN ({marks})", chunk
        ).fetchall()
    return {line.case_id: line for line in _by_the_rules(db, rows, programmes, today)}


# A row whose due is its first open check-in: its position, its fields (due to be filled
# in), its check-in windows and how many of them have opened.
Waiting = tuple[int, list, tuple[CheckinWindow, ...], int]


def _quick_rows(
    rows: list[tuple], facts: dict[str, _ProgrammeFacts], today: date
) -> tuple[list[CaseloadRow | None], list[int], list[Waiting]]:
    """Each row by the same rules as `next_contact_due` and `programme_end`, for a case whose
    latest phase has begun; None in its place (and its position in the second list) for a
    case the rules must decide (a phase dated ahead, a value the quick reading does not
    know). The third list holds the rows whose due is the first open check-in, to be filled
    in once the check-in contacts are read (with how many of their windows have opened).

    Thousands of cases share a few hundred dates: each date is parsed once, and each due
    date's ContactDue and each end's ProgrammeEnd (immutable tuples) made once, per call."""
    iso_today = today.isoformat()
    days: dict[str, date] = {}  # ISO date -> date
    last_days: dict[int, date] = {}  # quarter hour since 1970 -> its local day
    dues: dict[date, tuple[ContactDue, bool]] = {}  # due date -> (ContactDue, due today or before)
    made: list[CaseloadRow | None] = []
    slow: list[int] = []
    waiting: list[Waiting] = []
    statuses, risks = STATUSES, RISKS
    actief, nazorg, afgesloten = CaseStatus.ACTIEF, CaseStatus.NAZORG, CaseStatus.AFGESLOTEN
    not_due = (NOT_DUE, False)
    new_row = tuple.__new__  # a CaseloadRow from its fields, without Python code
    tail_head, tail_end = TAIL_HEAD, TAIL_END
    for row in rows:
        (case_id, name, initials, programme_id, phase_id, status_text, worker, start_text,
         planned_text, nazorg_text, reopened_text, override, risk_value, last_epoch,
         history) = row  # fmt: skip
        programme_facts = facts.get(programme_id)
        status = statuses.get(status_text)
        if (
            programme_facts is None
            or status is None
            or not history
            or history[-23:-13] != tail_head
            or not history.endswith(tail_end)
            or history[-13:-3] > iso_today
        ):
            slow.append(len(made))
            made.append(None)
            continue
        _programme, programme_name, phases, checkins, nazorg_offsets, limit, ends = programme_facts
        phase = phases.get(phase_id)
        if phase is None:
            slow.append(len(made))
            made.append(None)
            continue
        try:  # any value read otherwise than the rules would read it: the rules decide
            since = history[-13:-3]
            if since not in days:
                days[since] = date.fromisoformat(since)  # what the rules refuse fails here too
            start = days.get(start_text) or _parsed(days, start_text)
            counting_from = start
            if reopened_text:
                reopened = days.get(reopened_text) or _parsed(days, reopened_text)
                if reopened > start:
                    counting_from = reopened
            interval = _override_interval_today(override, today) if override else 0
            risk = risks[risk_value] if risk_value is not None else None
            last_on = None
            if last_epoch is not None:
                quarter = last_epoch // 900  # local days begin on a quarter hour
                last_on = last_days.get(quarter)
                if last_on is None:
                    last_on = last_days[quarter] = local_date_of_epoch(last_epoch)
        except (KeyError, TypeError, ValueError):
            interval = -1
        if interval < 0:
            slow.append(len(made))
            made.append(None)
            continue
        # checkin_plan: the nazorg after closing, or a programme of check-ins (Nazorg).
        plan: tuple[date, tuple[int, ...]] | None = None
        if status is nazorg and nazorg_text:
            plan = (days.get(nazorg_text) or _parsed(days, nazorg_text), nazorg_offsets)
        elif checkins:
            plan = (counting_from, checkins)
        windows = None
        if status is afgesloten:
            due, is_due = not_due
        elif interval == 0 and plan is not None:
            windows = checkin_windows_from(*plan)
            due, is_due = not_due  # until the check-in contacts are read
        else:
            anchor = counting_from if last_on is None or last_on < counting_from else last_on
            due_on = anchor + (timedelta(days=interval) if interval else phase[1])
            known = dues.get(due_on)
            if known is None:
                late = (today - due_on).days
                known = dues[due_on] = (ContactDue(due_on, max(0, late)), late >= 0)
            due, is_due = known
        end = None
        if status is actief and (limit is not None or planned_text):
            ends_on = None
            if planned_text:
                ends_on = days.get(planned_text) or _parsed(days, planned_text)
            if limit is not None:
                by_limit = counting_from + limit
                ends_on = by_limit if ends_on is None or by_limit < ends_on else ends_on
            assert ends_on is not None
            end = ends.get(ends_on) or _programme_end(programme_facts, ends_on, today)
        fields = (
            case_id,
            name,
            initials,
            programme_id,
            programme_name,
            phase[0],
            status,
            worker,
            risk,
            last_on,
            due,
            is_due,
            end,
            plan is not None,
        )
        if windows is not None:
            opened = 0
            while opened < len(windows) and windows[opened].opens <= today:
                opened += 1
            waiting.append((len(made), list(fields), windows, opened))
            made.append(None)
        else:
            made.append(new_row(CaseloadRow, fields))
    return made, slow, waiting


def _programme_end(facts: _ProgrammeFacts, ends_on: date, today: date) -> ProgrammeEnd:
    """`programme_end`'s answer for a running case that ends on `ends_on` (kept per date)."""
    days_left = (ends_on - today).days
    if days_left < 0:
        state = EndState.OVERSCHREDEN
    elif days_left <= facts.programme.end_warning_days:
        state = EndState.EINDE_NADERT
    else:
        state = EndState.LOOPT
    end = facts.ends[ends_on] = ProgrammeEnd(ends_on, days_left, state)
    return end


def _parsed(days: dict[str, date], text: str) -> date:
    day = days[text] = date.fromisoformat(text)
    return day


def _override_interval_today(override: str, today: date) -> int:
    """The override's days between contacts when it applies today, 0 when it does not, -1
    when the stored override is not one the rules would read the same (they then decide)."""
    try:
        value = json.loads(override)
        frequency, since, until, reason = (
            value["frequency"],
            value["since"],
            value.get("until"),
            value["reason"],
        )
        count, per_days = frequency["count"], frequency["per_days"]
    except (ValueError, TypeError, KeyError):
        return -1
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
        return -1
    try:
        starts = date.fromisoformat(since)
        ends = date.fromisoformat(until) if until is not None else None
    except ValueError:
        return -1
    if ends is not None and ends < starts:
        return -1
    if starts <= today and (ends is None or today <= ends):
        return max(1, math.ceil(per_days / count))
    return 0


CHECKIN_CHUNK = 256  # windows asked per statement: one statement text, prepared once


def _unmet_checkins(db, waiting: list[Waiting], today: date) -> dict[str, set[int]]:
    """Per case, the positions of its opened check-in windows that no counting contact met.
    The quick path takes only programmes whose check-ins follow each other, so the windows
    are disjoint and those that opened come first: a contact counts for its own window only,
    and "met" is whether one exists. The windows go in chunks of one size (the last padded
    with a repeat), so SQLite prepares the statement once and the connection keeps it."""
    asked = []
    for _i, fields, windows, opened in waiting:
        for n in range(opened):
            w = windows[n]
            closes = local_day_start_utc(w.closes) if w.closes else "9999"
            asked.append((fields[0], n, local_day_start_utc(w.opens), closes))
    unmet: dict[str, set[int]] = {}
    if not asked:
        return unmet
    asked += [asked[-1]] * (-len(asked) % CHECKIN_CHUNK)
    values = ",".join("(?, ?, ?, ?)" for _ in range(CHECKIN_CHUNK))
    sql = (
        f"WITH w(case_id, n, opens, closes) AS (VALUES {values}) "
        f"SELECT w.case_id, w.n FROM w WHERE NOT EXISTS (SELECT 1 FROM contacts k "
        f"  WHERE k.case_id = w.case_id AND k.starts_at >= w.opens AND k.starts_at < w.closes "
        f"  AND {COUNTING_CONTACT})"
    )
    for start in range(0, len(asked), CHECKIN_CHUNK):
        params = [value for window in asked[start : start + CHECKIN_CHUNK] for value in window]
        for case_id, n in db.execute(sql, params):
            unmet.setdefault(case_id, set()).add(n)
    return unmet


def _first_open_checkin(
    windows: tuple[CheckinWindow, ...], opened: int, unmet: set[int] | tuple, today: date
) -> ContactDue:
    """The due of the first check-in no counting contact met (`nazorg_checkins`' rule): the
    first opened window without a contact, else the first window not opened yet."""
    for n, w in enumerate(windows):
        if n >= opened or n in unmet:
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
