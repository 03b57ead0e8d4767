"""Contact intensity and review rules, on fixed dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.case import Case, CaseSchedule, FrequencyOverride, PhaseEntry
from app.programmes import DEFAULT_PROGRAMMES, ContactFrequency
from app.rules import (
    CheckinState,
    EndState,
    agreements_due_for_review,
    contact_compliance,
    current_safety_plan,
    local_date,
    nazorg_checkins,
    next_contact_due,
    programme_end,
    safety_plan_past_review,
)
from app.safety import SafetyAgreement, SafetyPlan
from app.vocabulary import AgreementStatus, CaseStatus

PROGRAMMES = {p.id: p for p in DEFAULT_PROGRAMMES}
MOVIERA, TAB, AMBULANT, NAZORG = (
    PROGRAMMES[i] for i in ("moviera_wijk", "take_a_break", "ambulant", "nazorg")
)


def schedule(
    programme_id: str,
    start: date,
    *history: tuple[str, date],
    override: FrequencyOverride | None = None,
    status: CaseStatus = CaseStatus.ACTIEF,
    planned_end: date | None = None,
) -> CaseSchedule:
    phases = history or ((PROGRAMMES[programme_id].phases[0].id, start),)
    return CaseSchedule(
        status=status,
        start_date=start,
        phase_history=tuple(PhaseEntry(p, d) for p, d in phases),
        planned_end_date=planned_end,
        frequency_override=override,
    )


def at(day: date, hour: int = 10) -> date:
    """The local day of a contact at 10:00 Amsterdam time in November (UTC+1)."""
    return local_date(datetime(day.year, day.month, day.day, hour - 1, tzinfo=UTC))


def test_weekly_contact_is_due_seven_days_after_the_last() -> None:
    case = schedule("ambulant", date(2026, 10, 1))
    due = next_contact_due(case, AMBULANT, at(date(2026, 11, 10)), today=date(2026, 11, 17))
    assert due.due_on == date(2026, 11, 17) and due.overdue_days == 0
    later = next_contact_due(case, AMBULANT, at(date(2026, 11, 10)), today=date(2026, 11, 22))
    assert later.overdue_days == 5 and later.overdue_since == date(2026, 11, 18)


def test_twice_a_week_is_due_within_four_days() -> None:
    case = schedule("moviera_wijk", date(2026, 11, 1), ("transitie", date(2026, 11, 1)))
    due = next_contact_due(case, MOVIERA, at(date(2026, 11, 16)), today=date(2026, 11, 22))
    assert due.due_on == date(2026, 11, 20) and due.overdue_days == 2


def test_no_contact_yet_counts_from_the_start() -> None:
    case = schedule("ambulant", date(2026, 11, 10))
    assert next_contact_due(case, AMBULANT, None, date(2026, 11, 22)).overdue_days == 5


def test_overdue_after_phase_taper_uses_the_new_frequency() -> None:
    # Moviera: transitie (2/week) -> overdracht (1 per 2 weeks): the same gap is no longer overdue.
    start = date(2026, 9, 1)
    last = at(date(2026, 11, 12))
    intensive = schedule("moviera_wijk", start, ("transitie", start))
    tapered = schedule(
        "moviera_wijk", start, ("transitie", start), ("overdracht", date(2026, 11, 15))
    )
    assert next_contact_due(intensive, MOVIERA, last, date(2026, 11, 22)).overdue_days == 6
    tapered_due = next_contact_due(tapered, MOVIERA, last, date(2026, 11, 22))
    assert tapered_due.due_on == date(2026, 11, 26) and tapered_due.overdue_days == 0


def test_override_with_reason_raises_the_frequency_while_it_applies() -> None:
    start = date(2026, 10, 1)
    override = FrequencyOverride(
        ContactFrequency(3, 7),
        "Dreiging na incident",
        since=date(2026, 11, 1),
        until=date(2026, 11, 30),
    )
    case = schedule("ambulant", start, override=override)
    due = next_contact_due(case, AMBULANT, at(date(2026, 11, 17)), date(2026, 11, 22))
    assert due.due_on == date(2026, 11, 20) and due.overdue_days == 2
    after = next_contact_due(case, AMBULANT, at(date(2026, 12, 1)), date(2026, 12, 5))
    assert after.due_on == date(2026, 12, 8)  # back to weekly once the override ended


def test_override_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="reden|empty"):
        FrequencyOverride(ContactFrequency(2, 7), "  ", since=date(2026, 11, 1))


def test_contact_frequency_of_zero_is_refused() -> None:
    with pytest.raises(ValueError) as info:
        ContactFrequency(0, 7)
    assert "minstens 1" in info.value.message_nl
    with pytest.raises(ValueError):
        ContactFrequency(1, 0)


def test_dst_start_night_contact_belongs_to_the_local_day() -> None:
    # 29 March 2026, 01:30 CET is 00:30 UTC; on 25 October 2026, 02:30 CEST/CET ambiguity.
    spring = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert local_date(spring) == date(2026, 3, 29)
    late_evening = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # 00:30 local, 29 March
    assert local_date(late_evening) == date(2026, 3, 29)
    case = schedule("ambulant", date(2026, 3, 1))
    due = next_contact_due(case, AMBULANT, local_date(late_evening), today=date(2026, 4, 5))
    assert due.due_on == date(2026, 4, 5) and due.overdue_days == 0


def test_dst_end_keeps_whole_days() -> None:
    # Clocks go back on 25 October 2026: that day lasts 25 hours, still one day.
    last = datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # 00:30 CEST on 25 October
    assert local_date(last) == date(2026, 10, 25)
    case = schedule("ambulant", date(2026, 10, 1))
    assert next_contact_due(case, AMBULANT, local_date(last), date(2026, 11, 1)).due_on == date(
        2026, 11, 1
    )


def test_fast_local_date_matches_zoneinfo_around_every_transition() -> None:
    from app.rules import LOCAL_TZ

    start = datetime(2024, 1, 1, tzinfo=UTC)
    for quarter in range(0, 3 * 365 * 96, 7):  # every 105 minutes over three years
        moment = start + timedelta(minutes=15 * quarter)
        assert local_date(moment) == moment.astimezone(LOCAL_TZ).date(), moment
    for transition in (datetime(2026, 3, 29, 1, tzinfo=UTC), datetime(2026, 10, 25, 1, tzinfo=UTC)):
        for seconds in (-3601, -1, 0, 1, 3599, 3600, 82799, 82800, 86399):
            moment = transition + timedelta(seconds=seconds)
            assert local_date(moment) == moment.astimezone(LOCAL_TZ).date(), moment


def test_closed_case_is_never_due() -> None:
    case = schedule("ambulant", date(2026, 1, 1), status=CaseStatus.AFGESLOTEN)
    assert next_contact_due(case, AMBULANT, None, date(2026, 11, 22)).due_on is None


def test_compliance_weighs_phases_by_their_days() -> None:
    start = date(2026, 10, 26)
    case = schedule("moviera_wijk", start, ("transitie", start), ("uitproberen", date(2026, 11, 9)))
    days = [date(2026, 10, 27), date(2026, 10, 30), date(2026, 11, 3), date(2026, 11, 12)]
    result = contact_compliance(case, MOVIERA, days, date(2026, 10, 26), date(2026, 11, 22))
    # 14 days at 2/week + 14 days at 1/week = 4 + 2 = 6 expected contacts.
    assert result.expected == pytest.approx(6.0)
    assert result.actual == 4 and result.ratio == pytest.approx(4 / 6)


def test_compliance_counts_nothing_before_the_case_started() -> None:
    case = schedule("ambulant", date(2026, 11, 8))
    result = contact_compliance(case, AMBULANT, [], date(2026, 10, 26), date(2026, 11, 21))
    assert result.expected == pytest.approx(2.0)


def test_take_a_break_past_six_weeks_is_exceeded() -> None:
    start = date(2026, 10, 1)
    case = schedule("take_a_break", start)
    assert programme_end(case, TAB, date(2026, 11, 2)).state is EndState.LOOPT
    nearing = programme_end(case, TAB, date(2026, 11, 6))
    assert nearing.state is EndState.EINDE_NADERT and nearing.ends_on == date(2026, 11, 12)
    assert programme_end(case, TAB, date(2026, 11, 13)).state is EndState.OVERSCHREDEN


def test_planned_end_applies_to_moviera() -> None:
    case = schedule("moviera_wijk", date(2026, 5, 1), planned_end=date(2026, 11, 25))
    assert programme_end(case, MOVIERA, date(2026, 11, 22)).days_left == 3
    assert (
        programme_end(schedule("ambulant", date(2026, 5, 1)), AMBULANT, date(2026, 11, 22)) is None
    )


def test_nazorg_checkins_after_one_three_and_six_months() -> None:
    start = date(2026, 6, 1)
    case = schedule("nazorg", start)
    checkins = nazorg_checkins(case, NAZORG, [date(2026, 6, 28)], today=date(2026, 8, 28))
    assert [c.due_on for c in checkins] == [date(2026, 7, 1), date(2026, 8, 31), date(2026, 11, 30)]
    assert [c.state for c in checkins] == [
        CheckinState.GEDAAN,
        CheckinState.BINNENKORT,
        CheckinState.GEPLAND,
    ]
    due = next_contact_due(case, NAZORG, None, date(2026, 9, 5), [date(2026, 6, 28)])
    assert due.due_on == date(2026, 8, 31) and due.overdue_days == 5


def test_no_show_does_not_meet_a_checkin() -> None:
    # The caller passes only contacts that reached the client: a no-show is simply absent.
    case = schedule("nazorg", date(2026, 6, 1))
    checkins = nazorg_checkins(case, NAZORG, [], today=date(2026, 7, 5))
    assert checkins[0].state is CheckinState.TE_LAAT


def test_safety_plan_review_uses_the_current_version() -> None:
    old = SafetyPlan("p1", "c", 1, date(2026, 9, 1), "w", review_date=date(2026, 10, 1))
    new = SafetyPlan("p2", "c", 2, date(2026, 10, 1), "w", review_date=date(2026, 12, 1))
    assert current_safety_plan([old, new]) is new
    assert not safety_plan_past_review(new, date(2026, 11, 22))
    assert safety_plan_past_review(old, date(2026, 11, 22))


def test_agreements_due_for_review_within_a_week_and_only_active() -> None:
    def agreement(i: str, review: date, status=AgreementStatus.ACTIEF) -> SafetyAgreement:
        return SafetyAgreement(
            i,
            "c",
            "partner",
            "Komt niet onaangekondigd.",
            "wijkagent",
            date(2026, 10, 1),
            review,
            status,
        )

    items = [
        agreement("a", date(2026, 11, 25)),
        agreement("b", date(2026, 12, 20)),
        agreement("c", date(2026, 11, 1), AgreementStatus.NAGEKOMEN),
        agreement("d", date(2026, 11, 10)),
    ]
    assert [a.id for a in agreements_due_for_review(items, date(2026, 11, 22))] == ["d", "a"]


def test_case_phase_history_must_end_in_current_phase() -> None:
    with pytest.raises(ValueError):
        Case(
            id="c",
            display_name="X",
            initials="X.",
            programme_id="moviera_wijk",
            phase_id="transitie",
            start_date=date(2026, 1, 1),
            worker="w",
            phase_history=(PhaseEntry("analyse", date(2026, 1, 1)),),
        )


def test_phase_on_follows_history() -> None:
    case = schedule(
        "moviera_wijk",
        date(2026, 1, 1),
        ("analyse", date(2026, 1, 1)),
        ("transitie", date(2026, 2, 1)),
    )
    assert case.phase_on(date(2026, 1, 31)) == "analyse"
    assert case.phase_on(date(2026, 2, 1)) == "transitie"
    assert case.phase_on(date(2025, 12, 1)) == "analyse"
