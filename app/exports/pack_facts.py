"""What a receiving worker must see first about a case, and in which order a pack of many
cases is triaged. Pure: computed from a CaseFile, the programmes and today, by the same rule
functions the caseload uses (app/rules.py), so the pack never disagrees with the screen.
No reportlab here: app/exports/overdracht.py prints these facts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.casework import CaseFile
from app.contact import Contact
from app.goals import Action, Goal
from app.handover import HandoverNote
from app.programmes import Programme
from app.rules import (
    Checkin,
    ContactDue,
    ProgrammeEnd,
    checkin_plan,
    counting_from,
    current_safety_plan,
    local_date,
    nazorg_checkins,
    next_contact_due,
    programme_end,
    safety_plan_past_review,
)
from app.safety import SafetyPlan
from app.screening import RiskScreening
from app.vocabulary import ContactKind, ContactStatus, GoalStatus, LocationCode, RiskSituation

# Urgency of a risk screening, most urgent first. A case without a screening sits between
# ernstige dreiging and geringe dreiging: an unknown risk is not a low one.
RISK_RANK: dict[RiskSituation | None, int] = {
    RiskSituation.ACUUT_GEVAAR: 0,
    RiskSituation.ERNSTIGE_DREIGING: 1,
    None: 2,
    RiskSituation.GERINGE_DREIGING: 3,
    RiskSituation.GEEN_DREIGING: 4,
}
LOCATION_RANK: dict[LocationCode | None, int] = {
    LocationCode.ROOD: 0,
    LocationCode.ORANJE: 1,
    LocationCode.GROEN: 2,
    None: 3,
}


@dataclass(frozen=True)
class ProgrammeDay:
    """Where a case with a programme limit stands: day `day` of `of` (Take a Break: of 42).
    Day 0 is the start (or the latest reopening), so day `of` is the last day the programme
    rule (`rules.programme_end`) allows; a day past it means the limit is exceeded."""

    day: int
    of: int


@dataclass(frozen=True)
class CaseFacts:
    """The facts a pack prints at the top of a case and in the triage table.

    `due` is the next contact due (rules.next_contact_due: the one answer every screen
    gives); `checkins` the planned nazorg check-ins (empty when the case has none);
    `end` the programme end (None when nothing ends: not running, no limit, no planned end);
    `next_appointment` the first planned contact from today on; `overdue_actions` open
    actions past their due date, most overdue first; `achieved_goals` goals with status
    behaald; `latest_handover` the handover note of the latest date (of two on one day, the
    one written last)."""

    case_id: str
    display_name: str
    initials: str
    screening: RiskScreening | None
    due: ContactDue
    has_checkins: bool
    checkins: tuple[Checkin, ...]
    end: ProgrammeEnd | None
    programme_day: ProgrammeDay | None
    next_appointment: Contact | None
    open_breaches: int
    plan: SafetyPlan | None
    plan_past_review: bool
    overdue_actions: tuple[Action, ...]
    achieved_goals: tuple[Goal, ...]
    dropped_goals: int
    latest_handover: HandoverNote | None

    @property
    def risk(self) -> RiskSituation | None:
        return self.screening.situation if self.screening else None

    @property
    def location_code(self) -> LocationCode | None:
        return self.screening.location_code if self.screening else None


def counting_contact_days(file: CaseFile) -> list[date]:
    """Local days of the contacts that reached the client (done, not a no-show, not replaced
    by a correction): the contacts the due rules count, as the caseload's SQL does."""
    return [
        local_date(c.starts_at)
        for c in file.done_contacts
        if c.kind is not ContactKind.NIET_VERSCHENEN
    ]


def case_facts(
    file: CaseFile, programmes: Mapping[str, Programme], today: date, now: datetime
) -> CaseFacts:
    """The facts of one case on `today` (`now`: the moment from which a planned contact is
    still ahead). Raises KeyError when the case's programme is not in `programmes`."""
    case = file.case
    programme = programmes[case.programme_id]
    schedule = case.schedule
    days = counting_contact_days(file)
    due = next_contact_due(
        schedule, programme, max(days, default=None), today, days, dict(programmes)
    )
    has_checkins = checkin_plan(schedule, programme) is not None
    checkins = tuple(nazorg_checkins(schedule, programme, days, today)) if has_checkins else ()
    end = programme_end(schedule, programme, today)
    programme_day = None
    if end is not None and programme.max_duration_days is not None:
        programme_day = ProgrammeDay(
            (today - counting_from(schedule)).days, programme.max_duration_days
        )
    planned = sorted(
        (c for c in file.contacts if c.status is ContactStatus.GEPLAND and c.starts_at >= now),
        key=lambda c: c.starts_at,
    )
    plan = current_safety_plan(file.safety_plans)
    overdue = sorted(
        (a for a in file.actions if a.is_overdue(today)),
        key=lambda a: (a.due_date or date.max, a.description),
    )
    notes = sorted(
        enumerate(file.handover_notes), key=lambda pair: (pair[1].handover_date, pair[0])
    )
    return CaseFacts(
        case_id=case.id,
        display_name=case.display_name,
        initials=case.initials,
        screening=file.latest_screening,
        due=due,
        has_checkins=has_checkins,
        checkins=checkins,
        end=end,
        programme_day=programme_day,
        next_appointment=planned[0] if planned else None,
        open_breaches=len(file.open_breaches),
        plan=plan,
        plan_past_review=safety_plan_past_review(plan, today),
        overdue_actions=tuple(overdue),
        achieved_goals=tuple(g for g in file.goals if g.status is GoalStatus.BEHAALD),
        dropped_goals=sum(g.status is GoalStatus.GESTOPT for g in file.goals),
        latest_handover=notes[-1][1] if notes else None,
    )


def urgency_key(facts: CaseFacts) -> tuple:
    """The triage order of a pack, most urgent case first. Compared in this order:

    1. the latest risk screening: situatie 4 (acuut gevaar), then 3 (ernstige dreiging),
       then a case not yet screened (an unknown risk is not a low one), then 2, then 1;
    2. within one situation the location code: rood, oranje, groen, none;
    3. more open breaches of safety agreements (no follow-up yet) first;
    4. more days past the next contact due first;
    5. more overdue actions first;
    6. a safety plan past its review date, or no plan at all, before a current one;
    7. the sooner next appointment first (none last);
    8. then by name, and by case id, so the order is the same every time.
    """
    appointment = facts.next_appointment
    return (
        RISK_RANK[facts.risk],
        LOCATION_RANK[facts.location_code],
        -facts.open_breaches,
        -facts.due.overdue_days,
        -len(facts.overdue_actions),
        0 if facts.plan is None or facts.plan_past_review else 1,
        appointment.starts_at.timestamp() if appointment else math.inf,
        facts.display_name.casefold(),
        facts.case_id,
    )


def triage_order(facts: Sequence[CaseFacts]) -> list[CaseFacts]:
    """The cases most urgent first (see `urgency_key`)."""
    return sorted(facts, key=urgency_key)
