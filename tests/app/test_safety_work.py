"""Safety work as the services do it, on a real vault: plan versions and what changed between
them, "Geëvalueerd", agreements and their status, breaches that stay as written and open until
a follow-up names them, open breaches on Vandaag; bad input refused in Dutch, nothing
written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from app.casework import Casework, new_id
from app.dashboard import build_dashboard, open_breaches
from app.errors import ValidationError
from app.safety import (
    Breach,
    BreachFollowUp,
    SafetyAgreement,
    SafetyPlan,
    TimeOut,
    plan_changes,
)
from app.vocabulary import AgreementStatus
from storage.errors import AppendOnlyViolation, RecordNotFound
from tests.app.test_casework import new_case
from tests.app.test_intake import table_counts


def refused(casework: Casework, write: Any) -> ValidationError:
    """`write` raises ValidationError with a Dutch text, and no row of any table changed in
    number (journal and access log included)."""
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as caught:
        write()
    assert table_counts(casework.vault) == before
    assert caught.value.message_nl and caught.value.message_nl != str(caught.value)
    return caught.value


def plan(casework: Casework, case_id: str, made_days_ago: int = 0, **fields: Any) -> SafetyPlan:
    today = casework.today()
    made = today - timedelta(days=made_days_ago)
    return SafetyPlan(
        new_id(),
        case_id,
        1,
        fields.pop("made_on", made),
        "tester",
        fields.pop("review_date", today + timedelta(days=28)),
        **{"warning_signals": "Partner drinkt in het weekend.", **fields},
    )


def agreement(casework: Casework, case_id: str, **fields: Any) -> SafetyAgreement:
    today = casework.today()
    values: dict[str, Any] = {
        "id": new_id(),
        "case_id": case_id,
        "who": "partner",
        "agreement": "Partner komt niet zonder afspraak naar de woning.",
        "made_with": "cliënt en wijkagent",
        "start_date": today - timedelta(days=20),
        "review_date": today + timedelta(days=20),
        **fields,
    }
    return SafetyAgreement(**values)


def breach(casework: Casework, made: SafetyAgreement, days_ago: int = 2) -> Breach:
    return Breach(
        new_id(),
        made.case_id,
        made.id,
        casework.today() - timedelta(days=days_ago),
        "Partner stond onaangekondigd voor de deur.",
    )


def follow_up(casework: Casework, broken: Breach, text: str = "Besproken met wijkagent.") -> Any:
    return BreachFollowUp(new_id(), broken.case_id, broken.id, casework.today(), text, "tester")


# --- the plan ------------------------------------------------------------------------------


def test_plan_changes_names_each_field_that_differs_with_its_time_out_parts(
    casework: Casework,
) -> None:
    case = new_case(casework)
    today = casework.today()
    first = plan(casework, case.id, 10, safe_people="Zus")
    second = replace(
        first,
        made_on=today,
        safe_people="Zus, buurvrouw op nummer 12",
        timeout=TimeOut("partner", "broer", today, today + timedelta(days=14)),
    )
    assert plan_changes(first, second) == [
        ("made_on", first.made_on.strftime("%d-%m-%Y"), today.strftime("%d-%m-%Y")),
        ("safe_people", "Zus", "Zus, buurvrouw op nummer 12"),
        ("timeout.who_leaves", "", "partner"),
        ("timeout.stays_at", "", "broer"),
        ("timeout.from_date", "", today.strftime("%d-%m-%Y")),
        ("timeout.to_date", "", (today + timedelta(days=14)).strftime("%d-%m-%Y")),
    ]
    # Only the place changes: one line, not the whole time-out.
    third = replace(second, timeout=replace(second.timeout, stays_at="opvang"))  # type: ignore[arg-type]
    assert plan_changes(second, third) == [("timeout.stays_at", "broer", "opvang")]
    assert plan_changes(third, third) == []


def test_a_new_plan_version_keeps_the_old_one_and_says_what_changed(casework: Casework) -> None:
    case = new_case(casework)
    first = casework.save_safety_plan(plan(casework, case.id, 7, escape_plan="Tas bij de zus."))
    second = casework.save_safety_plan(
        replace(first, id=new_id(), made_on=casework.today(), escape_plan="Tas bij de buren.")
    )
    assert (first.version, second.version) == (1, 2)
    stored = casework.case_file(case.id).safety_plans
    assert [p.escape_plan for p in stored] == ["Tas bij de zus.", "Tas bij de buren."]
    assert casework.current_safety_plan(case.id) == second
    changed = {field for field, _old, _new in plan_changes(stored[0], stored[1])}
    assert changed == {"made_on", "escape_plan"}


def test_evaluated_saves_a_version_identical_but_for_the_two_dates(casework: Casework) -> None:
    case = new_case(casework)
    today = casework.today()
    timeout = TimeOut("partner", "eigen netwerk", today - timedelta(days=20))
    first = casework.save_safety_plan(plan(casework, case.id, 20, timeout=timeout))
    evaluated = casework.evaluate_safety_plan(case.id, today, today + timedelta(days=42))
    assert evaluated.version == 2 and evaluated.id != first.id
    assert evaluated.evaluated_on == today and evaluated.review_date == today + timedelta(days=42)
    assert plan_changes(first, evaluated) == [
        ("review_date", first.review_date.strftime("%d-%m-%Y"), "03-01-2027"),
        ("evaluated_on", "", today.strftime("%d-%m-%Y")),
    ]
    assert casework.case_file(case.id).safety_plans == [first, evaluated]
    # The version before stays as it was (append-only on every laptop).
    with pytest.raises(AppendOnlyViolation):
        casework.store.update("safety_plan", first.id, {"escape_plan": "anders"})


@pytest.mark.parametrize(
    ("evaluated", "review", "dutch"),
    [
        (0, -1, "De volgende evaluatiedatum ligt vóór de evaluatie."),
        (-30, 10, "De evaluatie ligt vóór de datum van het plan."),
        (2, 30, "Een veiligheidsplan kan niet in de toekomst liggen."),
        (0, 400, "De datum ligt meer dan een jaar vooruit."),
    ],
    ids=["review-before-evaluation", "before-the-plan", "in-the-future", "too-far-ahead"],
)
def test_a_wrong_evaluation_is_refused(
    casework: Casework, evaluated: int, review: int, dutch: str
) -> None:
    case = new_case(casework)
    today = casework.today()
    casework.save_safety_plan(plan(casework, case.id, 10))
    on = today + timedelta(days=evaluated)
    error = refused(
        casework,
        lambda: casework.evaluate_safety_plan(case.id, on, on + timedelta(days=review)),
    )
    assert error.message_nl == dutch


def test_no_plan_to_evaluate_is_refused(casework: Casework) -> None:
    case = new_case(casework)
    today = casework.today()
    error = refused(casework, lambda: casework.evaluate_safety_plan(case.id, today, today))
    assert error.message_nl == "Deze casus heeft nog geen veiligheidsplan om te evalueren."


def test_a_review_date_before_the_plan_date_is_refused(casework: Casework) -> None:
    case = new_case(casework)
    today = casework.today()
    with pytest.raises(ValidationError) as caught:
        plan(casework, case.id, review_date=today - timedelta(days=1))
    assert caught.value.message_nl == "De evaluatiedatum ligt vóór de datum van het plan."
    error = refused(
        casework,
        lambda: casework.save_safety_plan(plan(casework, case.id, made_on=date(1999, 1, 1))),
    )
    assert "controleer het jaartal" in error.message_nl
    assert casework.case_file(case.id).safety_plans == []


@pytest.mark.parametrize(
    ("text", "dutch"),
    [
        ("Bel\x00 112", "stuurteken"),
        ("Bel\x1b[2J 112", "stuurteken"),
    ],
    ids=["NUL", "escape"],
)
def test_a_plan_with_a_control_character_is_refused(
    casework: Casework, text: str, dutch: str
) -> None:
    case = new_case(casework)
    error = refused(
        casework, lambda: casework.save_safety_plan(plan(casework, case.id, escape_plan=text))
    )
    assert error.field == "escape_plan" and dutch in error.message_nl


def test_a_plan_with_an_emoji_keeps_it_as_typed(casework: Casework) -> None:
    """A client's own words may hold an emoji; every export prints it (app/exports/script.py)."""
    case = new_case(casework)
    saved = plan(casework, case.id, escape_plan="Bel 112 😱, dan de buurvrouw 👩🏽\u200d⚕️")
    casework.save_safety_plan(saved)
    [stored] = casework.case_file(case.id).safety_plans
    assert stored.escape_plan == saved.escape_plan


# --- agreements ----------------------------------------------------------------------------


def test_an_agreement_is_added_changed_and_its_status_set(casework: Casework) -> None:
    case = new_case(casework)
    made = agreement(casework, case.id)
    casework.add_agreement(made)
    changed = replace(made, made_with="cliënt, partner en wijkagent")
    assert casework.update_agreement(changed) == ["made_with"]
    stored = casework.set_agreement_status(made.id, AgreementStatus.NAGEKOMEN)
    assert stored == replace(changed, status=AgreementStatus.NAGEKOMEN)
    assert casework.case_file(case.id).agreements == [stored]
    # Only the status was written by the status change.
    fields = [
        row[0]
        for row in casework.vault.db.execute(
            "SELECT field FROM journal WHERE record_id = ? ORDER BY rowid", [made.id]
        )
    ]
    assert fields[-2:] == ["made_with", "status"]


@pytest.mark.parametrize(
    ("fields", "dutch"),
    [
        ({"who": " "}, "Vul wie de afspraak maakt in."),
        ({"agreement": ""}, "Vul de afspraak in."),
    ],
    ids=["no-who", "no-what"],
)
def test_an_agreement_without_who_or_what_cannot_be_made(
    casework: Casework, fields: dict[str, str], dutch: str
) -> None:
    case = new_case(casework)
    with pytest.raises(ValidationError) as caught:
        agreement(casework, case.id, **fields)
    assert caught.value.message_nl == dutch


def test_a_bad_agreement_or_status_is_refused_and_nothing_written(casework: Casework) -> None:
    case = new_case(casework)
    other = new_case(casework)
    made = agreement(casework, case.id)
    casework.add_agreement(made)
    error = refused(casework, lambda: casework.set_agreement_status(made.id, "kwijt"))
    assert error.message_nl == "Kies een waarde uit de lijst."
    error = refused(casework, lambda: casework.update_agreement(replace(made, case_id=other.id)))
    assert error.message_nl == "Deze afspraak hoort bij een andere casus."
    error = refused(
        casework,
        lambda: casework.add_agreement(
            agreement(casework, case.id, start_date=date(1026, 1, 1), review_date=date(2026, 1, 1))
        ),
    )
    assert "jaartal" in error.message_nl
    with pytest.raises(RecordNotFound):
        casework.set_agreement_status("bestaat-niet", AgreementStatus.VERVALLEN)
    assert casework.case_file(case.id).agreements == [made]


# --- breaches and follow-ups ---------------------------------------------------------------


def test_a_breach_stays_open_until_a_follow_up_names_it(casework: Casework) -> None:
    case = new_case(casework)
    made = agreement(casework, case.id)
    casework.add_agreement(made)
    first, second = breach(casework, made, 5), breach(casework, made, 1)
    casework.log_breach(first)
    casework.log_breach(second)
    assert [b.id for b in casework.case_file(case.id).open_breaches] == [first.id, second.id]
    answered = follow_up(casework, first)
    casework.add_breach_follow_up(answered)
    file = casework.case_file(case.id)
    assert [b.id for b in file.open_breaches] == [second.id]
    assert file.follow_ups == [answered]
    # The breach itself is never rewritten.
    assert file.breaches == [first, second]
    with pytest.raises(AppendOnlyViolation):
        casework.store.update("breach", first.id, {"description": "toch niet"})
    with pytest.raises(AppendOnlyViolation):
        casework.store.update("breach_follow_up", answered.id, {"follow_up": "anders"})


def test_a_breach_may_set_an_actief_agreement_geschonden_when_asked(casework: Casework) -> None:
    case = new_case(casework)
    kept_in_force, broken = agreement(casework, case.id), agreement(casework, case.id)
    casework.add_agreement(kept_in_force)
    casework.add_agreement(broken)
    casework.log_breach(breach(casework, kept_in_force))
    casework.log_breach(breach(casework, broken), mark_broken=True)
    status = {a.id: a.status for a in casework.case_file(case.id).agreements}
    assert status == {
        kept_in_force.id: AgreementStatus.ACTIEF,
        broken.id: AgreementStatus.GESCHONDEN,
    }
    # A nagekomen agreement keeps its status: only an actief one becomes geschonden.
    casework.set_agreement_status(kept_in_force.id, AgreementStatus.NAGEKOMEN)
    casework.log_breach(breach(casework, kept_in_force), mark_broken=True)
    assert casework.get(SafetyAgreement, kept_in_force.id).status is AgreementStatus.NAGEKOMEN


def test_a_breach_on_a_vervallen_agreement_or_before_its_start_is_refused(
    casework: Casework,
) -> None:
    case = new_case(casework)
    made = agreement(casework, case.id)
    casework.add_agreement(made)
    error = refused(casework, lambda: casework.log_breach(breach(casework, made, days_ago=21)))
    assert error.message_nl.startswith("De schending ligt vóór de startdatum van de afspraak")
    error = refused(casework, lambda: casework.log_breach(breach(casework, made, days_ago=-1)))
    assert error.message_nl == "Een schending kan niet in de toekomst liggen."
    casework.set_agreement_status(made.id, AgreementStatus.VERVALLEN)
    error = refused(casework, lambda: casework.log_breach(breach(casework, made)))
    assert error.message_nl == (
        "Deze afspraak is vervallen: er kan geen schending meer bij worden vastgelegd."
    )
    assert casework.case_file(case.id).breaches == []


def test_a_follow_up_of_another_case_before_the_breach_or_in_the_future_is_refused(
    casework: Casework,
) -> None:
    case, other = new_case(casework), new_case(casework)
    made = agreement(casework, case.id)
    casework.add_agreement(made)
    broken = breach(casework, made, days_ago=3)
    casework.log_breach(broken)
    today = casework.today()
    cases = [
        (replace(follow_up(casework, broken), case_id=other.id), "hoort bij een andere casus"),
        (
            replace(follow_up(casework, broken), written_on=today - timedelta(days=4)),
            "De opvolging ligt vóór de datum van de schending.",
        ),
        (
            replace(follow_up(casework, broken), written_on=today + timedelta(days=1)),
            "Een opvolging kan niet in de toekomst liggen.",
        ),
        (follow_up(casework, broken, "Gebeld\x07 met wijkagent"), "stuurteken"),
    ]
    for wrong, dutch in cases:
        error = refused(casework, lambda wrong=wrong: casework.add_breach_follow_up(wrong))
        assert dutch in error.message_nl
    with pytest.raises(ValidationError) as caught:
        follow_up(casework, broken, " ")
    assert caught.value.message_nl == "Vul wat er met de schending is gedaan in."
    with pytest.raises(RecordNotFound):
        casework.add_breach_follow_up(replace(follow_up(casework, broken), breach_id="weg"))
    assert [b.id for b in casework.case_file(case.id).open_breaches] == [broken.id]


# --- Vandaag -------------------------------------------------------------------------------


def test_vandaag_lists_the_open_breaches_of_cases_that_are_not_closed(casework: Casework) -> None:
    from app.closing import Closure, close_case
    from app.vocabulary import ClosingReason

    open_case, closed = new_case(casework), new_case(casework)
    open_case = casework.get_case(open_case.id)
    made, elsewhere = agreement(casework, open_case.id), agreement(casework, closed.id)
    casework.add_agreement(made)
    casework.add_agreement(elsewhere)
    answered, waiting = breach(casework, made, 6), breach(casework, made, 2)
    for b in (answered, waiting, breach(casework, elsewhere)):
        casework.log_breach(b)
    casework.add_breach_follow_up(follow_up(casework, answered))
    close_case(
        casework, Closure(new_id(), closed.id, casework.today(), ClosingReason.DOELEN_BEREIKT)
    )
    found = open_breaches(casework.vault.db)
    assert [(b.case_id, b.breach_id, b.agreement) for b in found] == [
        (open_case.id, waiting.id, made.agreement)
    ]
    board = build_dashboard(casework.vault.db, casework.programmes(), casework.today())
    assert board.open_breaches == found
