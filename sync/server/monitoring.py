"""Outcome figures for monitoring (seed 004: uitstroom, nazorg, terugval, results), counted
by the server, which holds every case of the organisation also after the laptops let closed
cases go.

Computed from stored fields alone (the merged view in records.py, the assignment tables): the
server imports nothing from app/. Where a figure follows a rule of the laptop's domain (the
nazorg check-ins and their windows, which contact counts, the guarantee period) the rule is
restated here in a few lines, and tests/sync/test_monitoring_sync.py checks that it counts
what the laptop's rules count on the same cases.

Counts only leave this module: no name but the workers' and teams', no case id, no date of a
client. Who may ask: a teamleider (the cases the access rules give a teamleider: the own
team's) and a manager (every team). Everyone else is refused, a teamleider without a team
too.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection, Engine

from sync.protocol import MonitoringFigures, MonitoringReport, ZrmDomainChange
from sync.server import access, clock
from sync.server import records as held_records
from sync.server.access import Principal
from sync.server.errors import Forbidden, ServerError
from sync.server.store import (
    assignments,
    previous_assignments,
    teams,
    users,
)

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
MONITORING_ROLES = ("teamleider", "manager")
EARLIEST = date(2000, 1, 1)
NO_TEAM = "Zonder team"
# The programmes' defaults (app/programmes.py), for programmes the organisation never
# changed (a laptop seeds them without syncing them): a stored programme record wins.
DEFAULT_GUARANTEE_DAYS = 365
DEFAULT_NAZORG_OFFSETS = (30, 91, 182)
DEFAULT_CHECKIN_PROGRAMMES = {"nazorg": (30, 91, 182)}
# The closing reasons and destinations Koers knows (app/vocabulary.py ClosingReason and
# Destination): any other text a client stored is counted under the vocabulary's "other"
# (a reason or destination may not leave the server as a name: it could be a client's).
KNOWN_REASONS = frozenset(
    ("doelen_bereikt", "uitval", "verhuisd", "doorverwezen", "overleden", "andere_reden")
)
KNOWN_DESTINATIONS = frozenset(
    ("eigen_woning", "buurtteam_wijkteam", "ggz_zorg", "andere_opvang", "eigen_netwerk",
     "onbekend", "anders_bestemming")
)  # fmt: skip
OTHER_REASON, OTHER_DESTINATION = "andere_reden", "anders_bestemming"
NO_REASON, UNKNOWN_DESTINATION = "geen_reden", "onbekend"
CHECKIN_WINDOW_DAYS = 14  # app/rules.py: a contact this long before a check-in counts
CHUNK = 500  # ids per IN (...) list
TEAMLESS = "a teamleider without a team monitors no team; an administrator gives the account one"


class BadPeriod(ServerError):
    status = 400


@dataclass(frozen=True)
class ProgrammeRules:
    guarantee_days: int = DEFAULT_GUARANTEE_DAYS
    nazorg_offsets: tuple[int, ...] = DEFAULT_NAZORG_OFFSETS
    checkin_offsets: tuple[int, ...] = ()


@dataclass
class CaseFacts:
    """What the figures need of one case, read from its stored fields."""

    case_id: str
    worker: str
    team: str
    programme_id: str = ""
    status: str = ""
    registered_on: date | None = None
    start_date: date | None = None
    closed_on: date | None = None
    closures: list[tuple[date, str | None, str, bool]] = field(default_factory=list)
    reopenings: list[date] = field(default_factory=list)
    contact_days: list[date] = field(default_factory=list)
    zrm: list[tuple[date, dict[str, Any]]] = field(default_factory=list)
    goal_statuses: list[str] = field(default_factory=list)
    handed_over: list[date] = field(default_factory=list)


@dataclass
class Tally:
    """Figures of one case, or summed over a group (the median needs the waiting days)."""

    in_care: int = 0
    aanmeldingen: int = 0
    started: int = 0
    waiting_days: list[int] = field(default_factory=list)
    closed: int = 0
    closed_with_nazorg: int = 0
    by_reason: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_destination: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    checkins_planned: int = 0
    checkins_done: int = 0
    checkins_missed: int = 0
    reopened: int = 0
    within_guarantee: int = 0
    within_6_months: int = 0
    within_12_months: int = 0
    zrm: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    goals_achieved: int = 0
    goals_dropped: int = 0
    goals_open: int = 0
    changed_worker: int = 0

    def add(self, other: Tally) -> None:
        for name in (
            "in_care aanmeldingen started closed closed_with_nazorg checkins_planned "
            "checkins_done checkins_missed reopened within_guarantee within_6_months "
            "within_12_months goals_achieved goals_dropped goals_open changed_worker"
        ).split():
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.waiting_days += other.waiting_days
        for mine, theirs in ((self.by_reason, other.by_reason),
                             (self.by_destination, other.by_destination)):  # fmt: skip
            for key, count in theirs.items():
                mine[key] += count
        for domain, changes in other.zrm.items():
            self.zrm[domain] += changes

    @property
    def anything(self) -> bool:
        return any(
            (self.in_care, self.aanmeldingen, self.closed, self.checkins_planned, self.reopened,
             self.changed_worker, self.zrm)
        )  # fmt: skip

    def figures(self, team: str | None, worker: str | None, programme: str | None):  # type: ignore[no-untyped-def]
        """The wire model of these figures for group (team, worker, programme)."""
        return MonitoringFigures(
            team=team,
            worker=worker,
            programme_id=programme,
            in_care=self.in_care,
            aanmeldingen=self.aanmeldingen,
            started=self.started,
            waiting_days_median=(
                float(statistics.median(self.waiting_days)) if self.waiting_days else None
            ),
            closed=self.closed,
            closed_with_nazorg=self.closed_with_nazorg,
            closed_by_reason=dict(sorted(self.by_reason.items())),
            closed_by_destination=dict(sorted(self.by_destination.items())),
            checkins_planned=self.checkins_planned,
            checkins_done=self.checkins_done,
            checkins_missed=self.checkins_missed,
            reopened=self.reopened,
            reopened_within_guarantee=self.within_guarantee,
            reopened_within_6_months=self.within_6_months,
            reopened_within_12_months=self.within_12_months,
            zrm={
                domain: ZrmDomainChange(
                    measured=len(changes),
                    improved=sum(1 for c in changes if c > 0),
                    same=sum(1 for c in changes if c == 0),
                    worsened=sum(1 for c in changes if c < 0),
                    total_change=sum(changes),
                )
                for domain, changes in sorted(self.zrm.items())
            },
            goals_achieved=self.goals_achieved,
            goals_dropped=self.goals_dropped,
            goals_open=self.goals_open,
            changed_worker=self.changed_worker,
        )


def server_today() -> date:
    """The server's calendar day in Europe/Amsterdam."""
    return datetime.fromtimestamp(clock.now_ms() / 1000, UTC).astimezone(LOCAL_TZ).date()


def check_period(start: date, end: date, today: date) -> None:
    """Raises BadPeriod (400) for a period that ends before it starts, ends after `today`
    or starts before 2000."""
    if end < start:
        raise BadPeriod("the period ends before it starts")
    if end > today:
        raise BadPeriod("the period lies (partly) in the future")
    if start < EARLIEST:
        raise BadPeriod("the period starts before 2000")


def monitoring_report(
    engine: Engine, who: Principal, start: date, end: date, today: date | None = None
) -> MonitoringReport:
    """The outcome counts of [start, end] (both days included) for the teams `who` may
    monitor, per worker and programme, per worker, per programme and per team (and over
    all teams when there are several). Raises Forbidden (403) for any role but teamleider
    and manager and for a teamleider without a team (only a manager sees every team),
    BadPeriod (400) for a period `check_period` refuses."""
    if who.role not in MONITORING_ROLES:
        raise Forbidden("outcome figures are for teamleiders and managers")
    if who.role != "manager" and who.team_id is None:  # no team is not every team
        raise Forbidden(TEAMLESS)
    today = server_today() if today is None else today
    check_period(start, end, today)
    with engine.connect() as conn:
        facts, team_workers, rules = _read(conn, who)
    tallies = {
        case_id: _tally(case, rules_for(rules, case.programme_id), start, end, today)
        for case_id, case in facts.items()
    }
    return _report(facts, tallies, team_workers, start, end, today)


# --- reading the stored fields -----------------------------------------------------------


def _read(
    conn: Connection, who: Principal
) -> tuple[dict[str, CaseFacts], dict[str, set[str]], dict[str, ProgrammeRules]]:
    """Per visible case its facts; per visible team the names of its active workers; the
    stored programmes' rules."""
    holders = conn.execute(
        select(assignments.c.case_id, users.c.name, teams.c.name.label("team"))
        .join(users, users.c.id == assignments.c.user_id)
        .join(teams, teams.c.id == users.c.team_id, isouter=True)
    ).all()
    if who.role == "manager":
        visible = {row.case_id for row in holders}
        team_filter = None
    else:  # the access rules' cases of a teamleider: the own team's
        visible = access.readable_cases(conn, who)
        team_filter = who.team_id
    facts = {
        row.case_id: CaseFacts(row.case_id, row.name, row.team or NO_TEAM)
        for row in holders
        if row.case_id in visible
    }
    team_workers: dict[str, set[str]] = defaultdict(set)
    members = select(users.c.name, teams.c.name.label("team"), users.c.team_id).join(
        teams, teams.c.id == users.c.team_id
    )
    members = members.where(and_(users.c.role == "worker", users.c.disabled.is_(False)))
    for member in conn.execute(members):
        if team_filter is None or member.team_id == team_filter:
            team_workers[member.team].add(member.name)
    rules = _programme_rules(conn)
    if not facts:
        return facts, team_workers, rules
    live = dict(_case_fields(conn, sorted(facts)))
    facts = {case_id: case for case_id, case in facts.items() if case_id in live}
    ids = sorted(facts)
    for case_id, values in live.items():
        case = facts[case_id]
        case.programme_id = _text(values.get("programme_id"))
        case.status = _text(values.get("status"))
        case.registered_on = _day(values.get("registered_on"))
        case.start_date = _day(values.get("start_date"))
        case.closed_on = _day(values.get("closed_on"))
    for case_id, _record_id, values in _records(conn, "closure", ids):
        closed_on = _day(values.get("closed_on"))
        if closed_on is not None:
            reason = values.get("reason")
            facts[case_id].closures.append(
                (
                    closed_on,
                    reason if isinstance(reason, str) else None,
                    _text(values.get("destination")) or "onbekend",
                    bool(values.get("nazorg")),
                )
            )
    for case_id, _record_id, values in _records(conn, "reopening", ids):
        reopened_on = _day(values.get("reopened_on"))
        if reopened_on is not None:
            facts[case_id].reopenings.append(reopened_on)
    for case_id, _record_id, values in _records(conn, "zrm_assessment", ids):
        assessed_on = _day(values.get("assessed_on"))
        scores = _json(values.get("scores"))
        if assessed_on is not None and isinstance(scores, dict):
            facts[case_id].zrm.append((assessed_on, scores))
    for case_id, _record_id, values in _records(conn, "goal", ids):
        facts[case_id].goal_statuses.append(_text(values.get("status")))
    with_checkins = [
        case_id
        for case_id, case in facts.items()
        if any(c[3] for c in case.closures) or rules_for(rules, case.programme_id).checkin_offsets
    ]
    for case_id, days in _counting_contact_days(conn, with_checkins):
        facts[case_id].contact_days = days
    for start in range(0, len(ids), CHUNK):
        for handover in conn.execute(
            select(previous_assignments.c.case_id, previous_assignments.c.until).where(
                previous_assignments.c.case_id.in_(ids[start : start + CHUNK])
            )
        ):
            facts[handover.case_id].handed_over.append(_local_day(handover.until))
    return facts, team_workers, rules


def _case_fields(conn: Connection, ids: Sequence[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    names = ("programme_id", "status", "registered_on", "start_date", "closed_on", "deleted")
    values: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        held = held_records.by_ids(conn, ids[start : start + CHUNK], "case")
        for (_, case_id), found in held_records.winners_of(conn, held, names).items():
            if found:
                values[case_id] = {field: _json(w.value) for field, w in found.items()}
    for case_id, fields in values.items():
        if not fields.get("deleted"):
            yield case_id, fields


def _records(
    conn: Connection, record_type: str, case_ids: Sequence[str]
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(case id, record id, fields) of every live record of `record_type` in the cases."""
    values: dict[tuple[str, str], dict[str, Any]] = {}
    for start in range(0, len(case_ids), CHUNK):
        held = held_records.of_cases(conn, case_ids[start : start + CHUNK], record_type)
        case_of = {r.record_id: r.case_id for r in held}
        for (_, record_id), found in held_records.winners_of(conn, held).items():
            case_id = case_of[record_id]
            if found and case_id is not None:
                values[(case_id, record_id)] = {f: _json(w.value) for f, w in found.items()}
    for (case_id, record_id), fields in values.items():
        if not fields.get("deleted"):
            yield case_id, record_id, fields


def _counting_contact_days(
    conn: Connection, case_ids: Sequence[str]
) -> Iterator[tuple[str, list[date]]]:
    """Per case the local days of the contacts that reached the client: done, not a
    no-show, not deleted, not replaced by a correction (app/caseload.COUNTING_CONTACT)."""
    contacts = list(_records(conn, "contact", case_ids))
    replaced = {_text(fields.get("supersedes")) for _, _, fields in contacts}
    days: dict[str, list[date]] = defaultdict(list)
    for case_id, record_id, fields in contacts:
        if (
            fields.get("status") == "gedaan"
            and fields.get("kind") != "niet_verschenen"
            and record_id not in replaced
        ):
            moment = _moment(fields.get("starts_at"))
            if moment is not None:
                days[case_id].append(moment.astimezone(LOCAL_TZ).date())
    for case_id, found in days.items():
        yield case_id, sorted(found)


def _programme_rules(conn: Connection) -> dict[str, ProgrammeRules]:
    """The guarantee period and check-in offsets of every programme the organisation
    stored; the defaults for the others (`rules_for`)."""
    found: dict[str, ProgrammeRules] = {}
    for record_id, won in held_records.field_of_type(conn, "programme", "definition"):
        definition = _json(_json(won.value))  # a JSON text field holding the definition
        if not isinstance(definition, dict):
            continue
        default = rules_for({}, record_id)
        found[record_id] = ProgrammeRules(
            guarantee_days=_int(definition.get("guarantee_days"), default.guarantee_days),
            nazorg_offsets=_offsets(
                definition.get("nazorg_checkin_offsets_days"), default.nazorg_offsets
            ),
            checkin_offsets=_offsets(
                definition.get("checkin_offsets_days"), default.checkin_offsets
            ),
        )
    return found


def rules_for(rules: dict[str, ProgrammeRules], programme_id: str) -> ProgrammeRules:
    """A programme's rules: stored, else the defaults Koers ships."""
    if programme_id in rules:
        return rules[programme_id]
    return ProgrammeRules(checkin_offsets=DEFAULT_CHECKIN_PROGRAMMES.get(programme_id, ()))


# --- one case's figures ------------------------------------------------------------------


def _tally(case: CaseFacts, rules: ProgrammeRules, start: date, end: date, today: date) -> Tally:
    tally = Tally()
    period = (start, end)
    begins_on = case.start_date or case.registered_on
    tally.in_care = int(
        begins_on is not None
        and begins_on <= end
        and not (case.status == "afgesloten" and case.closed_on is not None
                 and case.closed_on < start)
    )  # fmt: skip
    registered = case.registered_on or case.start_date
    tally.aanmeldingen = int(_within(registered, period))
    if case.start_date is not None and _within(case.start_date, period):
        tally.started = 1
        if case.registered_on is not None and case.registered_on <= case.start_date:
            tally.waiting_days.append((case.start_date - case.registered_on).days)
    events = _events(case)
    _count_outflow(tally, events, period)
    _count_terugval(tally, events, rules, period)
    _count_checkins(tally, events, case.contact_days, rules, period, today)
    _count_zrm(tally, case, period)
    if tally.in_care:
        for status in case.goal_statuses:
            if status == "behaald":
                tally.goals_achieved += 1
            elif status == "gestopt":
                tally.goals_dropped += 1
            elif status in ("open", "bezig"):
                tally.goals_open += 1
    tally.changed_worker = int(any(_within(day, period) for day in case.handed_over))
    return tally


# An event of a case's history: (day, order, kind, closure); on one day a start comes first,
# then a closure with nazorg, then one that ends a nazorg, then a reopening.
Event = tuple[date, int, str, tuple[date, str | None, str, bool] | None]


def _events(case: CaseFacts) -> list[Event]:
    events: list[Event] = []
    if case.start_date is not None:
        events.append((case.start_date, 0, "start", None))
    for closure in case.closures:
        events.append((closure[0], 1 if closure[3] else 2, "closure", closure))
    for day in case.reopenings:
        events.append((day, 3, "reopening", None))
    return sorted(events, key=lambda e: (e[0], e[1]))


def _count_outflow(tally: Tally, events: list[Event], period: tuple[date, date]) -> None:
    """Uitstroom: closings in the period, but not the closing that ends a nazorg (the
    client left care when the nazorg began)."""
    previous: Event | None = None
    for event in events:
        closure = event[3]
        ends_nazorg = (
            previous is not None
            and previous[2] == "closure"
            and bool(previous[3] and previous[3][3])
        )
        if closure is not None and not ends_nazorg and _within(event[0], period):
            _closed_on, reason, destination, nazorg = closure
            tally.closed += 1
            tally.closed_with_nazorg += int(nazorg)
            tally.by_reason[_known(reason, KNOWN_REASONS, OTHER_REASON, NO_REASON)] += 1
            tally.by_destination[
                _known(destination, KNOWN_DESTINATIONS, OTHER_DESTINATION, UNKNOWN_DESTINATION)
            ] += 1
        if event[2] != "start":
            previous = event


def _count_terugval(
    tally: Tally, events: list[Event], rules: ProgrammeRules, period: tuple[date, date]
) -> None:
    """Terugval: reopenings in the period, and of those the ones within the programme's
    guarantee period after the closing before it (the rule the laptop applies when it
    reopens) and within 6 and 12 months after the client left care (uitstroom)."""
    latest_closing: date | None = None
    left_care: date | None = None
    previous: Event | None = None
    for event in events:
        day, _order, kind, closure = event
        if kind == "closure":
            ends_nazorg = previous is not None and previous[3] is not None and previous[3][3]
            if not ends_nazorg:
                left_care = day
            latest_closing = day
            assert closure is not None
        elif kind == "reopening" and _within(day, period):
            tally.reopened += 1
            if latest_closing is not None and (day - latest_closing).days <= rules.guarantee_days:
                tally.within_guarantee += 1
            if left_care is not None:
                tally.within_6_months += int(day <= _add_months(left_care, 6))
                tally.within_12_months += int(day <= _add_months(left_care, 12))
        if kind != "start":
            previous = event


def _count_checkins(
    tally: Tally,
    events: list[Event],
    contact_days: list[date],
    rules: ProgrammeRules,
    period: tuple[date, date],
    today: date,
) -> None:
    """Nazorg check-ins due in the period: after a closing with nazorg (the programme's
    nazorg offsets from the closing day) and in a check-in programme (its offsets from the
    start or a reopening), each until the next closing or reopening. A check-in is done
    when a contact reached the client in its window (app/rules.checkin_windows: from 14
    days before it until the next one's window opens), missed when its day has passed
    without one."""
    for spell_start, offsets, spell_end in _checkin_spells(events, rules):
        dues = [spell_start + timedelta(days=offset) for offset in offsets]
        opens = [due - timedelta(days=CHECKIN_WINDOW_DAYS) for due in dues]
        for number, due in enumerate(dues):
            if spell_end is not None and due > spell_end:
                break  # cancelled by the closing or reopening that ended the spell
            if not _within(due, period):
                continue
            closes = opens[number + 1] if number + 1 < len(dues) else None
            done = any(
                opens[number] <= day
                and (closes is None or day < closes)
                and (spell_end is None or day <= spell_end)
                for day in contact_days
            )
            tally.checkins_planned += 1
            if done:
                tally.checkins_done += 1
            elif today > due:
                tally.checkins_missed += 1


def _checkin_spells(
    events: list[Event], rules: ProgrammeRules
) -> Iterator[tuple[date, tuple[int, ...], date | None]]:
    """(start, offsets, last day or None) of each stretch with planned check-ins."""
    for i, (day, _order, kind, closure) in enumerate(events):
        offsets: tuple[int, ...] = ()
        if kind == "closure" and closure is not None and closure[3]:
            offsets = rules.nazorg_offsets
        elif kind in ("start", "reopening"):
            offsets = rules.checkin_offsets
        if not offsets:
            continue
        following = next((e for e in events[i + 1 :] if e[2] != "start"), None)
        yield day, offsets, None if following is None else following[0]


def _count_zrm(tally: Tally, case: CaseFacts, period: tuple[date, date]) -> None:
    """Per life domain, the change from the first to the latest score up to the period's
    end, for a client scored at least twice on it with the latest score in the period."""
    assessments = sorted((a for a in case.zrm if a[0] <= period[1]), key=lambda a: a[0])
    domains = {d for _, scores in assessments for d in scores}
    for domain in domains:
        points = [
            (day, score)
            for day, scores in assessments
            if isinstance(score := scores.get(domain), int) and 1 <= score <= 5
        ]
        if len(points) >= 2 and _within(points[-1][0], period):
            tally.zrm[domain].append(points[-1][1] - points[0][1])


# --- the report ----------------------------------------------------------------------------


def _report(
    facts: dict[str, CaseFacts],
    tallies: dict[str, Tally],
    team_workers: dict[str, set[str]],
    start: date,
    end: date,
    today: date,
) -> MonitoringReport:
    groups: dict[tuple[str | None, str | None, str | None], Tally] = defaultdict(Tally)
    for team, workers in team_workers.items():
        groups[(team, None, None)]  # a team without cases still shows
        for worker in workers:
            groups[(team, worker, None)]  # so does a worker without cases
    names = sorted(team_workers, key=str.casefold)
    for case_id, tally in tallies.items():
        case = facts[case_id]
        keys = [
            (case.team, case.worker, case.programme_id),
            (case.team, case.worker, None),
            (case.team, None, case.programme_id),
            (case.team, None, None),
        ]
        if not tally.anything:  # a case long closed: no line of its own
            keys = keys[1:2] + keys[3:]
        for key in keys:
            groups[key].add(tally)
        if case.team not in names:
            names.append(case.team)
    if len(names) > 1:
        overall = Tally()
        for team_key in [k for k in groups if k[1] is None and k[2] is None]:
            overall.add(groups[team_key])
        groups[(None, None, None)] = overall

    def order(key: tuple[str | None, str | None, str | None]) -> tuple:
        team, worker, programme = key
        return (
            team is None, (team or "").casefold(), worker is None, (worker or "").casefold(),
            programme is None, programme or "",
        )  # fmt: skip

    return MonitoringReport(
        period_from=start,
        period_to=end,
        computed_on=today,
        teams=sorted(names, key=str.casefold),
        groups=[groups[key].figures(*key) for key in sorted(groups, key=order)],
    )


# --- small pieces ----------------------------------------------------------------------------


def _within(day: date | None, period: tuple[date, date]) -> bool:
    return day is not None and period[0] <= day <= period[1]


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _json(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return None


def _known(value: str | None, known: frozenset[str], other: str, missing: str) -> str:
    """`value` when the vocabulary knows it, `missing` when empty, else `other`."""
    if not value:
        return missing
    return value if value in known else other


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _offsets(value: Any, default: tuple[int, ...]) -> tuple[int, ...]:
    if isinstance(value, list) and all(isinstance(v, int) for v in value):
        return tuple(value)
    return default


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _moment(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return moment if moment is None or moment.tzinfo is not None else None


def _local_day(epoch_seconds: float) -> date:
    return datetime.fromtimestamp(epoch_seconds, UTC).astimezone(LOCAL_TZ).date()
