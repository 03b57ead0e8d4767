"""Goals, actions and ZRM assessments as the services keep them, on a real vault: what a
worker may write, what is refused in Dutch with nothing written, and how the scores read."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app import codec
from app.case import Case
from app.casework import Casework, new_id
from app.errors import ValidationError
from app.goals import Action, Goal
from app.vocabulary import GoalStatus, LifeDomain
from app.zrm import ZrmAssessment, previous_scores, require_every_domain, zrm_trend
from storage.errors import AppendOnlyViolation


def new_case(casework: Casework) -> Case:
    case = Case(
        id=new_id(),
        display_name="Noor Vlasbloem",
        initials="N.V.",
        programme_id="ambulant",
        phase_id="begeleiding",
        start_date=casework.today() - timedelta(days=90),
        worker="tester",
    )
    casework.add_case(case)
    return case


def journal_size(casework: Casework) -> int:
    return casework.vault.db.execute("SELECT count(*) FROM journal").fetchone()[0]


def all_domains(score: int | None = None, **scores: int | None) -> dict[LifeDomain, int | None]:
    """Every life domain at `score` (None: niet gescoord), some set by name."""
    return {d: scores.get(d.name.lower(), score) for d in LifeDomain}


def zrm(case: Case, on: date, scores: dict) -> ZrmAssessment:
    return ZrmAssessment(new_id(), case.id, on, "tester", scores)


# --- ZRM ---------------------------------------------------------------------------------------


def test_niet_gescoord_is_stored_as_null_and_reads_back(casework: Casework) -> None:
    case = new_case(casework)
    scores = all_domains(None, financien=2, huisvesting=4)
    casework.add_zrm(zrm(case, casework.today(), scores))
    row = casework.vault.db.execute(
        "SELECT scores FROM zrm_assessments WHERE case_id = ?", [case.id]
    ).fetchone()
    stored = codec.decode_json(dict[str, int | None], row[0])
    assert len(stored) == 13 and stored["justitie"] is None and stored["financien"] == 2
    back = casework.open_case(case.id).zrm[0]
    assert back.scores == scores
    assert back.scored == {LifeDomain.FINANCIEN: 2, LifeDomain.HUISVESTING: 4}


@pytest.mark.parametrize("bad", [0, 6, -1, 2.5, "3", True])
def test_score_outside_one_to_five_is_refused_in_dutch(casework: Casework, bad: object) -> None:
    case = new_case(casework)
    before = journal_size(casework)
    with pytest.raises(ValidationError) as info:
        casework.add_zrm(zrm(case, casework.today(), all_domains(3) | {LifeDomain.JUSTITIE: bad}))
    assert "tussen 1 en 5" in info.value.message_nl and "Justitie" in info.value.message_nl
    assert journal_size(casework) == before


def test_a_domain_left_empty_without_niet_gescoord_is_refused(casework: Casework) -> None:
    case = new_case(casework)
    before = journal_size(casework)
    scores = all_domains(3)
    del scores[LifeDomain.MIDDELENGEBRUIK], scores[LifeDomain.JUSTITIE]
    with pytest.raises(ValidationError) as info:
        casework.add_zrm(zrm(case, casework.today(), scores))
    message = info.value.message_nl
    assert "niet gescoord" in message and "Middelengebruik" in message and "Justitie" in message
    assert "Financiën" not in message
    assert journal_size(casework) == before
    assert casework.open_case(case.id).zrm == []


def test_an_assessment_with_nothing_scored_is_refused(casework: Casework) -> None:
    case = new_case(casework)
    with pytest.raises(ValidationError) as info:
        casework.add_zrm(zrm(case, casework.today(), all_domains(None)))
    assert info.value.message_nl == "Scoor minstens één leefgebied."


def test_an_assessment_in_the_future_or_far_past_is_refused(casework: Casework) -> None:
    case = new_case(casework)
    before = journal_size(casework)
    for day in (casework.today() + timedelta(days=1), date(1999, 12, 31)):
        with pytest.raises(ValidationError):
            casework.add_zrm(zrm(case, day, all_domains(3)))
    assert journal_size(casework) == before


def test_an_old_assessment_naming_fewer_domains_still_loads(casework: Casework) -> None:
    """Written before every domain had to be named (as the generator of old did)."""
    case = new_case(casework)
    old = zrm(case, casework.today() - timedelta(days=60), {LifeDomain.HUISVESTING: 2})
    with casework.vault.transaction():
        casework._insert(old)  # the way it was stored then, past today's rule
    casework.add_zrm(zrm(case, casework.today(), all_domains(None, huisvesting=3)))
    file = casework.open_case(case.id)
    assert [a.scores.get(LifeDomain.HUISVESTING) for a in file.zrm] == [2, 3]
    assert LifeDomain.FINANCIEN not in file.zrm[0].scores
    with pytest.raises(ValidationError):
        require_every_domain(file.zrm[0].scores)


def test_trend_skips_niet_gescoord_and_previous_scores_keep_the_last_real_one(
    casework: Casework,
) -> None:
    case = new_case(casework)
    today = casework.today()
    casework.add_zrm(zrm(case, today - timedelta(days=60), all_domains(2, justitie=None)))
    casework.add_zrm(zrm(case, today - timedelta(days=30), all_domains(None, financien=3)))
    casework.add_zrm(zrm(case, today, all_domains(4, financien=None)))
    assessments = casework.open_case(case.id).zrm
    trend = zrm_trend(assessments)
    assert [s for _, s in trend[LifeDomain.FINANCIEN]] == [2, 3]
    assert [s for _, s in trend[LifeDomain.HUISVESTING]] == [2, 4]
    assert [s for _, s in trend[LifeDomain.JUSTITIE]] == [4]

    previous = previous_scores(assessments, today)
    assert previous[LifeDomain.FINANCIEN] == (today - timedelta(days=30), 3)
    # Niet gescoord 30 days ago: the score of 60 days ago is still the last one known.
    assert previous[LifeDomain.HUISVESTING] == (today - timedelta(days=60), 2)
    assert LifeDomain.JUSTITIE not in previous  # never scored before today
    assert previous_scores(assessments, today - timedelta(days=60)) == {}


def test_an_assessment_is_append_only(casework: Casework) -> None:
    case = new_case(casework)
    assessment = zrm(case, casework.today(), all_domains(3))
    casework.add_zrm(assessment)
    with pytest.raises(AppendOnlyViolation):
        casework._update(replace(assessment, notes="later veranderd"))


# --- goals and actions -------------------------------------------------------------------------


def goal(case: Case, words: str = "Ik wil weer rust in huis.", **extra) -> Goal:
    return Goal(new_id(), case.id, LifeDomain.HUISELIJKE_RELATIES, words, **extra)


def test_a_new_goal_is_made_today_unless_said_otherwise(casework: Casework) -> None:
    case = new_case(casework)
    first = casework.add_goal(goal(case))
    earlier = casework.today() - timedelta(days=10)
    second = casework.add_goal(goal(case, "Ik wil mijn eigen geld beheren.", made_on=earlier))
    assert casework.get(Goal, first).made_on == casework.today()
    assert casework.get(Goal, second).made_on == earlier


@pytest.mark.parametrize("words", ["", "   ", "\n\t"])
def test_a_goal_without_words_is_refused(casework: Casework, words: str) -> None:
    case = new_case(casework)
    before = journal_size(casework)
    with pytest.raises(ValidationError) as info:
        casework.add_goal(goal(case, words))
    assert info.value.message_nl == "Vul het doel in de woorden van de cliënt in."
    assert journal_size(casework) == before


def test_a_goal_made_in_the_future_or_due_before_it_was_made_is_refused(
    casework: Casework,
) -> None:
    case = new_case(casework)
    today = casework.today()
    before = journal_size(casework)
    with pytest.raises(ValidationError) as info:
        casework.add_goal(goal(case, made_on=today + timedelta(days=1)))
    assert "toekomst" in info.value.message_nl
    with pytest.raises(ValidationError) as info:
        casework.add_goal(goal(case, made_on=today, due_date=today - timedelta(days=1)))
    assert "eerder af moeten zijn dan het gemaakt is" in info.value.message_nl
    with pytest.raises(ValidationError):
        casework.add_goal(goal(case, status="misschien"))  # type: ignore[arg-type]
    assert journal_size(casework) == before


def test_an_action_due_before_its_goal_was_made_is_refused(casework: Casework) -> None:
    case = new_case(casework)
    made = casework.today() - timedelta(days=5)
    goal_id = casework.add_goal(goal(case, made_on=made))
    before = journal_size(casework)
    late = Action(
        new_id(), case.id, goal_id, "Bellen met schuldhulp", "cliënt", made - timedelta(1)
    )
    with pytest.raises(ValidationError) as info:
        casework.add_action(late)
    assert info.value.message_nl == (
        f"Een actie kan niet eerder af moeten zijn dan het doel gemaakt is ({made:%d-%m-%Y})."
    )
    assert journal_size(casework) == before
    # Due on the day the goal was made is fine.
    casework.add_action(replace(late, due_date=made))
    action_id = casework.add_action(replace(late, id=new_id(), due_date=None))
    with pytest.raises(ValidationError):
        casework.update_action(
            replace(casework.get(Action, action_id), due_date=made - timedelta(3))
        )


def test_an_action_without_words_or_of_another_case_is_refused(casework: Casework) -> None:
    case, other = new_case(casework), new_case(casework)
    goal_id = casework.add_goal(goal(case))
    before = journal_size(casework)
    with pytest.raises(ValidationError) as info:
        casework.add_action(Action(new_id(), case.id, goal_id, "  "))
    assert info.value.message_nl == "Vul de actie in."
    with pytest.raises(ValidationError):
        casework.add_action(Action(new_id(), other.id, goal_id, "Iets doen"))
    assert journal_size(casework) == before


def test_an_open_action_past_its_due_date_is_overdue(casework: Casework) -> None:
    today = casework.today()
    action = Action("a", "c", "g", "Aanvraag bijzondere bijstand", due_date=today)
    assert not action.is_overdue(today)
    assert action.is_overdue(today + timedelta(days=1))
    assert action.overdue_days(today + timedelta(days=3)) == 3
    assert not replace(action, status=GoalStatus.BEHAALD).is_overdue(today + timedelta(days=9))
    assert not replace(action, status=GoalStatus.GESTOPT).is_overdue(today + timedelta(days=9))
    assert replace(action, status=GoalStatus.BEZIG).is_overdue(today + timedelta(days=9))
    assert not replace(action, due_date=None).is_overdue(today + timedelta(days=9))


def test_changing_status_writes_only_the_fields_named(casework: Casework) -> None:
    case = new_case(casework)
    goal_id = casework.add_goal(goal(case, who="cliënt"))
    action_id = casework.add_action(Action(new_id(), case.id, goal_id, "Afspraak maken"))
    # A colleague's change arrives meanwhile (as sync writes it): "who" changes.
    stored = casework.get(Goal, goal_id)
    casework.update_goal(replace(stored, who="cliënt en zus"))
    # This laptop's form, opened before, marks the goal behaald: only the status goes.
    written = casework.update_goal(replace(stored, status=GoalStatus.BEHAALD), fields=["status"])
    assert written == ["status"]
    now = casework.get(Goal, goal_id)
    assert now.status is GoalStatus.BEHAALD and now.who == "cliënt en zus" and not now.is_open
    changed = casework.update_action(
        replace(casework.get(Action, action_id), status=GoalStatus.GESTOPT), fields=["status"]
    )
    assert changed == ["status"] and not casework.get(Action, action_id).is_open


def test_a_goal_cannot_be_moved_to_after_its_actions_are_due(casework: Casework) -> None:
    case = new_case(casework)
    today = casework.today()
    goal_id = casework.add_goal(goal(case, made_on=today - timedelta(days=20)))
    casework.add_action(
        Action(new_id(), case.id, goal_id, "Huisarts bellen", due_date=today - timedelta(days=15))
    )
    before = journal_size(casework)
    with pytest.raises(ValidationError) as info:
        casework.update_goal(
            replace(casework.get(Goal, goal_id), made_on=today - timedelta(days=10)),
            fields=["made_on"],
        )
    assert "Een actie kan niet eerder af moeten zijn" in info.value.message_nl
    assert journal_size(casework) == before
