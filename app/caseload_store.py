"""The caseload's stored lines: each case's caseload line as last computed, kept in the vault
(columns of `case_summary`, schema v9), so that an unlock reads one narrow table instead of
working out thousands of cases.

What a line shows that does not change from day to day (names, programme and phase, status,
worker, risk, last contact, the date the next contact is due, the programme's end date) is
packed into one text, `row`; what does (overdue days, whether it is due, days left) is worked
out from those dates when the line is read. A stored line is used only while it is fresh:

- no write changed its case since: the vault's triggers set `row` to NULL on every write of a
  case, and on every contact or screening write through the triggers that keep the last
  contact and the risk (one column more in the statement they run anyway);
- it was computed under the same programmes and the same rules (`fp`: `fingerprint`);
- the day asked for lies in [valid_from, valid_until]: a line changes with the day only where
  a phase dated ahead begins, an override starts or ends, or the next check-in window opens
  (`valid_until` is the day before the first of these).

Every other line is computed by app/caseload.py (its quick path, or the rules) and written
back, in a write transaction taken only if the vault's write lock is free at once (the
computing runs under it, so no other write can come between); if it is not free (a sync is
writing), the line is computed again at the next reading. Vaults from before v9 get their
lines so, at their first caseload. tests/app/test_caseload_store.py compares the lines read
with the rules after random edits, pulls and days.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from types import CodeType, FunctionType, ModuleType
from typing import TYPE_CHECKING, Any

from app import codec
from app.programmes import Programme
from app.rules import NOT_DUE, ContactDue, EndState, ProgrammeEnd, checkin_windows_from
from app.vocabulary import CaseStatus, RiskSituation

if TYPE_CHECKING:
    from app.caseload import CaseloadRow

try:  # hashlib's blake2b is CPython's _blake2 one; hashlib would also load OpenSSL's library
    from _blake2 import blake2b  # (about 2 ms at every `koers cases`) for this one hash
except ImportError:  # another interpreter: the public module
    from hashlib import blake2b

SEP = "\x1f"  # between the fields of a packed line (a field holding it is not stored)
KIND_SEP = "\x1e"  # between the parts of its kind
LAST_DAY = date.max.isoformat()
# shown: which lists a stored line belongs in (a caseload asks for >= 2, or >= 1 with the
# closed cases); 3: the line cannot be packed (a field holds SEP), computed at every reading.
NOT_LISTED, CLOSED, OPEN, UNSTORABLE = 0, 1, 2, 3

_FRESH = "row IS NOT NULL AND fp = :fp AND valid_from <= :today AND :today <= valid_until"
# The packed line of each fresh case in the lists asked for, in case id order; NULL for each
# line to compute (its id is then asked with STALE_SQL).
READ_SQL = (
    f"SELECT CASE WHEN shown < {UNSTORABLE} AND {_FRESH} THEN row END FROM case_summary "
    f"WHERE NOT ({_FRESH} AND shown < :level) ORDER BY case_id"
)
# The lines to compute, and whether each is to be stored (not when only unstorable).
STALE_SQL = (
    f"SELECT case_id, NOT ({_FRESH}) FROM case_summary WHERE NOT ({_FRESH}) OR shown = {UNSTORABLE}"
)
WRITE_SQL = (
    "UPDATE case_summary SET row = ?, shown = ?, fp = ?, valid_from = ?, valid_until = ? "
    "WHERE case_id = ?"
)

# The modules whose code decides a line: a Koers whose code differs computes every line anew.
_RULE_MODULES = ("app.rules", "app.case", "app.programmes", "app.caseload", __name__)
_code_print: str | None = None  # made once per process (about 2 ms)


def fingerprint(programmes: dict[str, Programme]) -> str:
    """What a stored line was computed under: the programmes (their definitions) and the code
    of the rules (`_RULE_MODULES`). 32 hex characters; about 0.15 ms (made at every reading,
    not kept per dict: a dict changed in place must not keep its old fingerprint)."""
    global _code_print
    if _code_print is None:
        _code_print = _code_fingerprint()
    text = json.dumps(
        [_code_print, sorted((key, codec.encode_value(p)) for key, p in programmes.items())]
    )
    return blake2b(text.encode(), digest_size=16).hexdigest()


def _code_fingerprint() -> str:
    """A digest of the functions, methods and simple constants of `_RULE_MODULES`: their
    byte code, constants and names (not line numbers or file names)."""
    digest = blake2b(digest_size=16)
    for name in _RULE_MODULES:
        module = sys.modules.get(name)
        if module is None:
            __import__(name)
            module = sys.modules[name]
        _digest_namespace(digest, module, vars(module), name)
    return digest.hexdigest()


def _digest_namespace(digest: Any, owner: ModuleType | type, names: dict, module: str) -> None:
    for key in sorted(names):
        value = names[key]
        if isinstance(value, staticmethod | classmethod):
            value = value.__func__
        elif isinstance(value, property):
            value = value.fget
        elif hasattr(value, "func") and isinstance(value.func, FunctionType):  # cached_property
            value = value.func
        if isinstance(value, FunctionType) and value.__module__ == module:
            digest.update(key.encode() + _code_text(value.__code__))
        elif isinstance(value, type) and value.__module__ == module and value is not owner:
            digest.update(key.encode())
            _digest_namespace(digest, value, dict(vars(value)), module)
        elif isinstance(value, int | str | float | tuple) and not key.startswith("__"):
            digest.update(f"{key}={_const_text(value)}".encode())


def _code_text(code: CodeType) -> bytes:
    consts = b"".join(
        _code_text(c) if isinstance(c, CodeType) else _const_text(c).encode() + b"\0"
        for c in code.co_consts
    )
    return code.co_code + consts + repr(code.co_names).encode()


def _const_text(value: object) -> str:
    if isinstance(value, frozenset):  # its repr's order follows the string hash's seed
        return "frozenset(" + repr(sorted(map(_const_text, value))) + ")"
    if isinstance(value, tuple):
        return "(" + ",".join(map(_const_text, value)) + ")"
    return repr(value)


def pack(row: CaseloadRow, programmes: dict[str, Programme]) -> str | None:
    """`row` as one text (`unpacker` makes the row again from it), or None when a text field
    is not a string or holds SEP or KIND_SEP (such a line is computed at every reading).

    Eight fields: case id, name, initials, worker, last contact, due date, end ("<date>
    <warning days>") and the line's kind: programme id and name, phase, status, risk and
    whether it has check-ins, which thousands of lines share (made once per reading)."""
    texts = (row.case_id, row.display_name, row.initials, row.worker, row.programme_id,
             row.programme, row.phase)  # fmt: skip
    if not all(type(text) is str and SEP not in text and KIND_SEP not in text for text in texts):
        return None
    end = ""
    if row.end is not None:
        end = f"{row.end.ends_on.isoformat()} {programmes[row.programme_id].end_warning_days}"
    kind = KIND_SEP.join(
        (
            row.programme_id,
            row.programme,
            row.phase,
            row.status.value,
            "" if row.risk is None else str(int(row.risk)),
            "1" if row.has_checkins else "",
        )
    )
    return SEP.join(
        (
            *texts[:4],
            "" if row.last_contact_on is None else row.last_contact_on.isoformat(),
            "" if row.due.due_on is None else row.due.due_on.isoformat(),
            end,
            kind,
        )
    )


class _Days(dict):
    """ISO date -> date ('' -> None), each parsed once per reading."""

    def __missing__(self, text: str) -> date | None:
        day = self[text] = date.fromisoformat(text) if text else None
        return day


class _Dues(dict):
    """ISO due date -> (ContactDue, due today or before) on one day."""

    def __init__(self, today: date) -> None:
        super().__init__({"": (NOT_DUE, False)})
        self.today = today

    def __missing__(self, text: str) -> tuple[ContactDue, bool]:
        due_on = date.fromisoformat(text)
        late = (self.today - due_on).days
        made = self[text] = (ContactDue(due_on, max(0, late)), late >= 0)
        return made


class _Ends(dict):
    """'<ISO end date> <warning days>' -> programme_end's answer on one day ('' -> None)."""

    def __init__(self, today: date) -> None:
        super().__init__({"": None})
        self.today = today

    def __missing__(self, text: str) -> ProgrammeEnd:
        day, warning = text.split(" ")
        ends_on = date.fromisoformat(day)
        days_left = (ends_on - self.today).days
        if days_left < 0:
            state = EndState.OVERSCHREDEN
        elif days_left <= int(warning):
            state = EndState.EINDE_NADERT
        else:
            state = EndState.LOOPT
        made = self[text] = ProgrammeEnd(ends_on, days_left, state)
        return made


STATUSES = {status.value: status for status in CaseStatus}
RISKS: dict[str, RiskSituation | None] = {str(int(r)): r for r in RiskSituation}
RISKS[""] = None
CHECKINS = {"1": True, "": False}


class _Kinds(dict):
    """A line's kind (see `pack`) -> (programme id, programme, phase, status, risk, has
    check-ins)."""

    def __missing__(self, text: str) -> tuple:
        programme_id, programme, phase, status, risk, checkins = text.split(KIND_SEP)
        made = self[text] = (
            programme_id,
            programme,
            phase,
            STATUSES[status],
            RISKS[risk],
            CHECKINS[checkins],
        )
        return made


def unpacker(row_class: type, today: date) -> Callable[[list[tuple]], list[CaseloadRow]]:
    """A function from READ_SQL's rows (a packed line each, or None: left out) to the
    CaseloadRows they stand for on `today`. Raises ValueError or KeyError on a text `pack`
    did not make."""
    days, dues, ends, kinds = _Days(), _Dues(today), _Ends(today), _Kinds()
    new_row = tuple.__new__  # a CaseloadRow from its fields, without Python code

    def unpack(lines: list[tuple]) -> list[CaseloadRow]:
        made: list[CaseloadRow] = []
        add = made.append  # looked up once: 20,000 lines at the bench's largest caseload
        for (text,) in lines:
            if text is None:
                continue
            case_id, name, initials, worker, last, due_text, end, kind = text.split(SEP)
            programme_id, programme, phase, status, risk, checkins = kinds[kind]
            due, is_due = dues[due_text]
            add(
                new_row(
                    row_class,
                    (
                        case_id,
                        name,
                        initials,
                        programme_id,
                        programme,
                        phase,
                        status,
                        worker,
                        risk,
                        days[last],
                        due,
                        is_due,
                        ends[end],
                        checkins,
                    ),
                )  # fmt: skip
            )
        return made

    return unpack


def valid_until(quick_row: tuple, programmes: dict[str, Programme], today: date) -> date:
    """The last day the line of a case computed on `today` through the quick path stays as
    it is, from its QUICK_SQL columns (app/caseload.py): the day before an override begins,
    the day it ends, the day before the next check-in window opens (of either plan the case
    may have: conservative). Its latest phase has begun (else the rules computed it)."""
    until = date.max
    programme_id, start_text, nazorg_text, reopened_text, override = (
        quick_row[3],
        quick_row[7],
        quick_row[9],
        quick_row[10],
        quick_row[11],
    )
    if override:
        value = json.loads(override)
        since = date.fromisoformat(value["since"])
        ends = value.get("until")
        if today < since:
            until = since - timedelta(days=1)
        elif ends is not None and today <= date.fromisoformat(ends):
            until = date.fromisoformat(ends)
    programme = programmes.get(programme_id)
    if programme is not None:
        start = date.fromisoformat(start_text)
        if reopened_text:
            start = max(start, date.fromisoformat(reopened_text))
        plans = [(start, programme.checkin_offsets_days)]
        if nazorg_text:
            plans.append((date.fromisoformat(nazorg_text), programme.nazorg_checkin_offsets_days))
        for plan_start, offsets in plans:
            for window in checkin_windows_from(plan_start, offsets):
                if window.opens > today:
                    until = min(until, window.opens - timedelta(days=1))
                    break
    return until


@contextmanager
def write_lock(conn: Any) -> Iterator[bool]:
    """A write transaction if the vault's write lock can be had at once (yields True; it
    commits at the end, rolls back on an error), else none (yields False). Only outside a
    transaction. The commit does not wait for the disk (synchronous NORMAL): the lines are
    derived data, and one lost in a power cut is computed again."""
    if conn.in_transaction:
        yield False
        return
    timeout = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    synchronous = conn.execute("PRAGMA synchronous").fetchone()[0]
    conn.execute("PRAGMA busy_timeout = 0")
    conn.execute("PRAGMA synchronous = NORMAL")  # not to be changed within a transaction
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
            locked = True
        except Exception:  # noqa: BLE001 - busy, read-only, disk full: the lines wait
            locked = False
        try:
            yield locked
        except BaseException:
            if locked and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if locked:
            try:
                conn.execute("COMMIT")
            except Exception:  # noqa: BLE001 - not written: computed again next time
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
        conn.execute(f"PRAGMA synchronous = {int(synchronous)}")
