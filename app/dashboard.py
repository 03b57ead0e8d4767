"""The "Vandaag" dashboard: what needs the worker today, each item pointing at its case."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.caseload import CaseloadRow, CaseloadView, ending_soon, sort_most_overdue
from app.programmes import Programme
from app.rules import CHECKIN_NOTICE_DAYS, LOCAL_TZ, REVIEW_NOTICE_DAYS, local_day_start_utc
from app.vocabulary import CaseStatus, ContactKind

SECRET_ADDRESS_MASK = "Geheim adres"


@dataclass(frozen=True)
class PlannedVisit:
    """One planned contact as the agenda screens show it (Vandaag, the week view).

    `starts_at` is local time (Europe/Amsterdam). `address` and `location` are masked with
    SECRET_ADDRESS_MASK when the case's address is secret (the location only where it names
    that address). `present` is who the worker meets ("met wie")."""

    case_id: str
    display_name: str
    starts_at: datetime
    kind: str
    address: str  # masked when the case's address is secret
    location: str = ""
    present: tuple[str, ...] = ()
    contact_id: str = ""

    @property
    def kind_label(self) -> str:
        """The kind in the profession's words ("Huisbezoek"); an unknown value as stored."""
        try:
            return ContactKind(self.kind).label
        except ValueError:
            return self.kind


@dataclass(frozen=True)
class ReviewItem:
    case_id: str
    display_name: str
    what: str  # "veiligheidsplan" or "veiligheidsafspraak"
    review_date: date


@dataclass(frozen=True)
class OpenBreach:
    """A breach of a safety agreement that no follow-up names yet (Vandaag lists them)."""

    case_id: str
    display_name: str
    occurred_on: date
    agreement: str  # the agreement's text ('' when the agreement is gone)
    breach_id: str


@dataclass(frozen=True)
class Dashboard:
    today: date
    planned_today: list[PlannedVisit]
    overdue: list[CaseloadRow]
    reviews_due: list[ReviewItem]
    ending: list[CaseloadRow]
    checkins_due: list[CaseloadRow]
    caseload: list[CaseloadRow]
    # Closed cases (status afgesloten), only when asked for: the caseload page shows them
    # on request (to reopen one after a terugval); Vandaag and `caseload` never hold them.
    closed: list[CaseloadRow] = field(default_factory=list)
    # Breaches without a follow-up, of cases that are not closed, oldest first.
    open_breaches: list[OpenBreach] = field(default_factory=list)


def planned_visits(db, day: date) -> list[PlannedVisit]:
    """The planned contacts of one local day, earliest first."""
    return planned_between(db, day, day + timedelta(days=1))


def planned_between(db, first: date, until: date) -> list[PlannedVisit]:
    """The planned contacts from local day `first` up to (not including) `until`, earliest
    first, with secret addresses masked. Deleted contacts and cases are left out."""
    start, end = local_day_start_utc(first), local_day_start_utc(until)
    rows = db.execute(
        "SELECT k.id, k.case_id, c.display_name, k.starts_at, k.kind, k.address, k.location, "
        "k.present, c.secret_address, c.address "
        "FROM contacts k JOIN cases c ON c.id = k.case_id "
        "WHERE k.status = 'gepland' AND k.deleted = 0 AND c.deleted = 0 "
        "AND k.starts_at >= ? AND k.starts_at < ? ORDER BY k.starts_at, c.display_name",
        [start, end],
    )
    visits = []
    for row in rows:
        contact_id, case_id, name, starts_at, kind, address, location, present, secret, home = row
        location = location or ""
        if secret:
            if _names_address(location, home, address):
                location = SECRET_ADDRESS_MASK
            address = SECRET_ADDRESS_MASK
        visits.append(
            PlannedVisit(
                case_id=case_id,
                display_name=name,
                starts_at=datetime.fromisoformat(starts_at).astimezone(LOCAL_TZ),
                kind=kind,
                address=address or "",
                location=location,
                present=tuple(json.loads(present)) if present else (),
                contact_id=contact_id,
            )
        )
    return visits


def _names_address(location: str, case_address: str | None, visit_address: str | None) -> bool:
    """Whether a location text gives away a secret address: it holds the visit's address,
    or the case's street, postcode or house number with street."""
    text = location.casefold().strip()
    if not text:
        return False
    clues = [visit_address or ""]
    if case_address:
        home = json.loads(case_address) if case_address.startswith("{") else {}
        clues += [home.get("street", ""), home.get("postcode", "")]
    return any(clue.strip() and clue.casefold().strip() in text for clue in clues)


def reviews_due(db, today: date, notice_days: int = REVIEW_NOTICE_DAYS) -> list[ReviewItem]:
    """Current safety plans past their review date; active agreements due within the notice."""
    horizon = (today + timedelta(days=notice_days)).isoformat()
    plans = db.execute(
        "SELECT p.case_id, c.display_name, p.review_date FROM safety_plans p "
        "JOIN cases c ON c.id = p.case_id "
        "WHERE p.deleted = 0 AND c.deleted = 0 AND c.status != 'afgesloten' "
        "AND p.version = (SELECT MAX(q.version) FROM safety_plans q "
        "                 WHERE q.case_id = p.case_id AND q.deleted = 0) "
        "AND p.review_date < ?",
        [today.isoformat()],
    )
    agreements = db.execute(
        "SELECT a.case_id, c.display_name, a.review_date FROM agreements a "
        "JOIN cases c ON c.id = a.case_id "
        "WHERE a.deleted = 0 AND c.deleted = 0 AND c.status != 'afgesloten' "
        "AND a.status = 'actief' AND a.review_date <= ?",
        [horizon],
    )
    items = [
        ReviewItem(cid, name, "veiligheidsplan", day)
        for cid, name, d in plans
        if (day := readable_day(d)) is not None
    ]
    items += [
        ReviewItem(cid, name, "veiligheidsafspraak", day)
        for cid, name, d in agreements
        if (day := readable_day(d)) is not None
    ]
    return sorted(items, key=lambda i: (i.review_date, i.display_name))


def readable_day(value: object) -> date | None:
    """A stored ISO date, or None for a value that is none (sent by another laptop: an
    older or a tampered Koers). Vandaag leaves such a line out; the case file names the
    record it cannot read (CaseFile.unreadable)."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def open_breaches(db) -> list[OpenBreach]:
    """The breaches no follow-up names yet, of cases that are not closed, oldest first. One
    query that reads the breaches (far fewer than the cases: CROSS JOIN keeps SQLite from
    walking every case first); each breach's follow-ups are found through their case's
    index."""
    rows = db.execute(
        "SELECT b.case_id, c.display_name, b.occurred_on, COALESCE(a.agreement, ''), b.id "
        "FROM breaches b CROSS JOIN cases c ON c.id = b.case_id "
        "LEFT JOIN agreements a ON a.id = b.agreement_id AND a.deleted = 0 "
        "WHERE b.deleted = 0 AND c.deleted = 0 AND c.status != 'afgesloten' "
        "AND NOT EXISTS (SELECT 1 FROM breach_follow_ups f WHERE f.case_id = b.case_id "
        "AND f.breach_id = b.id AND f.deleted = 0) "
        "ORDER BY b.occurred_on, c.display_name",
    )
    return [
        OpenBreach(case_id, name, day, agreement, breach_id)
        for case_id, name, on, agreement, breach_id in rows
        if (day := readable_day(on)) is not None
    ]


def build_dashboard(
    db,
    programmes: dict[str, Programme],
    today: date,
    view: CaseloadView | None = None,
    *,
    include_closed: bool = False,
) -> Dashboard:
    """Everything "Vandaag" shows; pass the session's CaseloadView to refresh cheaply.
    With `include_closed` the closed cases come along in `Dashboard.closed` (one query);
    what Vandaag shows stays the same."""
    every = (view or CaseloadView()).refresh(db, programmes, today, include_closed=include_closed)
    rows = [r for r in every if r.status is not CaseStatus.AFGESLOTEN]
    notice = today + timedelta(days=CHECKIN_NOTICE_DAYS)
    checkins = [
        r for r in rows if r.has_checkins and r.due.due_on is not None and r.due.due_on <= notice
    ]
    return Dashboard(
        today=today,
        planned_today=planned_visits(db, today),
        overdue=sort_most_overdue([r for r in rows if r.overdue_days > 0]),
        reviews_due=reviews_due(db, today),
        ending=sorted(ending_soon(rows), key=lambda r: r.end.days_left if r.end else 0),
        checkins_due=sorted(checkins, key=lambda r: r.due.due_on or today),
        caseload=rows,
        closed=[r for r in every if r.status is CaseStatus.AFGESLOTEN],
        open_breaches=open_breaches(db),
    )
