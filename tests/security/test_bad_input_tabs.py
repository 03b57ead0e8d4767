"""Bad input to the case file's new records (safety plan, agreements, breaches and their
follow-ups, goals and actions, ZRM, handover notes, case discussions, contact corrections,
the sociale kaart), as a careless user, a tampered laptop or a hostile file gives it.

Each is refused with a clear English one-line error for the command line and Python and a
Dutch one for the window, and nothing is written; a record never moves to another case; a
bad value that reaches a laptop through sync anyway leaves the case file readable; and no
message repeats what a field holds."""

from __future__ import annotations

import dataclasses
import json
import typing
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from app.casework import RECORD_TYPES, Casework, new_id
from app.contact import Contact
from app.discussion import CaseDiscussion, DiscussionOutcome, prepare_discussion, record_outcome
from app.errors import ValidationError
from app.goals import Action, Goal
from app.handover import HandoverNote
from app.imports import ImportRefused
from app.safety import Breach, BreachFollowUp, SafetyAgreement, SafetyPlan, TimeOut
from app.social_map import SocialMapEntry, search
from app.social_map_import import plan_social_map_rows
from app.sync_service import sync_now, transport_for
from app.vocabulary import AgreementStatus, Consent, HandoverTarget, LifeDomain
from app.zrm import ZrmAssessment
from storage.errors import KoersError
from storage.field_limits import LINE, max_length
from storage.record_types import RECORD_TYPES as VAULT_RECORD_TYPES
from storage.remote import RemoteChange, apply_remote_changes
from sync.protocol import Change
from tests.app.test_intake import table_counts
from tests.app.test_programme_rules import started_case
from tests.conftest import NOW

RLO = "\u202e"  # right-to-left override: "Jansen" shows reversed, the stored text differs
BAD_CHARACTERS = {"NUL": "\x00", "ESC": "\x1b[2J", "U+202E": RLO}


def refused(casework: Casework, write: Callable[[], Any]) -> ValidationError:
    """`write` raises ValidationError with an English one-liner and a Dutch text, and
    leaves every table of the vault (journal and access log too) as it was."""
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as caught:
        write()
    assert table_counts(casework.vault) == before
    error = caught.value
    assert error.message_nl and error.message_nl != error.message_en
    assert "\n" not in str(error) and len(str(error)) < 300
    return error


# --- a case with one record of every kind ---------------------------------------------------


@dataclasses.dataclass
class Casefile:
    """A started case with a plan, an agreement (its breach and follow-up), a goal (its
    action), a ZRM, a handover note, a discussion and a done contact."""

    work: Casework
    case_id: str
    plan: SafetyPlan
    agreement: SafetyAgreement
    lapsed: SafetyAgreement
    breach: Breach
    goal: Goal
    action: Action
    discussion: CaseDiscussion
    contact: Contact

    @property
    def today(self) -> date:
        return self.work.today()


def fill(work: Casework) -> Casefile:
    case_id = started_case(work).id
    today = work.today()
    plan = work.save_safety_plan(
        SafetyPlan(new_id(), case_id, 1, today, "tester", today + timedelta(weeks=6), "Drank")
    )
    agreement = SafetyAgreement(
        new_id(), case_id, "partner", "Komt niet langs.", "cliënt", today - timedelta(days=9),
        today + timedelta(weeks=6),
    )  # fmt: skip
    lapsed = replace(agreement, id=new_id(), status=AgreementStatus.VERVALLEN)
    work.add_agreement(agreement)
    work.add_agreement(lapsed)
    breach = Breach(
        new_id(), case_id, agreement.id, today - timedelta(days=2), "Stond voor de deur."
    )
    work.log_breach(breach)
    goal = Goal(new_id(), case_id, LifeDomain.FINANCIEN, "Ik wil mijn geld beheren.", made_on=today)
    work.add_goal(goal)
    action = Action(new_id(), case_id, goal.id, "Schuldhulp bellen", "cliënt")
    work.add_action(action)
    discussion = CaseDiscussion(new_id(), case_id, today, "Wat werkt nog?")
    work.add_case_discussion(discussion)
    contact = Contact(new_id(), case_id, NOW - timedelta(days=1), report="Huisbezoek gedaan.")
    work.record_contact(contact)
    return Casefile(
        work, case_id, plan, agreement, lapsed, breach, goal, action, discussion, contact
    )


@pytest.fixture
def mine(casework: Casework) -> Casefile:
    return fill(casework)


@pytest.fixture
def theirs(casework: Casework, mine: Casefile) -> Casefile:
    """Another case in the same vault, with records of its own."""
    return fill(casework)


# --- the issue's examples ---------------------------------------------------------------------


def test_the_issues_examples_are_refused_in_english_and_dutch(
    mine: Casefile, theirs: Casefile
) -> None:
    work, today, case_id = mine.work, mine.today, mine.case_id
    scores = {d: 3 for d in LifeDomain}
    examples: dict[str, Callable[[], Any]] = {
        "review date before the plan's date": lambda: work.save_safety_plan(
            SafetyPlan(new_id(), case_id, 1, today, "t", today - timedelta(days=1), "Drank")
        ),
        "agreement without who": lambda: work.add_agreement(
            replace(mine.agreement, id=new_id(), who="  ")
        ),
        "agreement without what": lambda: work.add_agreement(
            replace(mine.agreement, id=new_id(), agreement="")
        ),
        "breach on a vervallen agreement": lambda: work.log_breach(
            replace(mine.breach, id=new_id(), agreement_id=mine.lapsed.id)
        ),
        "follow-up on a breach of another case": lambda: work.add_breach_follow_up(
            BreachFollowUp(new_id(), case_id, theirs.breach.id, today, "Gebeld.", "tester")
        ),
        "ZRM score 0": lambda: work.add_zrm(
            ZrmAssessment(new_id(), case_id, today, "t", {**scores, LifeDomain.HUISVESTING: 0})
        ),
        "ZRM score 6": lambda: work.add_zrm(
            ZrmAssessment(new_id(), case_id, today, "t", {**scores, LifeDomain.HUISVESTING: 6})
        ),
        "ZRM score '3'": lambda: work.add_zrm(
            ZrmAssessment(new_id(), case_id, today, "t", {**scores, LifeDomain.HUISVESTING: "3"})
        ),
        "ZRM score True": lambda: work.add_zrm(
            ZrmAssessment(new_id(), case_id, today, "t", {**scores, LifeDomain.HUISVESTING: True})
        ),
        "ZRM domain missing": lambda: work.add_zrm(
            ZrmAssessment(
                new_id(),
                case_id,
                today,
                "t",
                {d: 3 for d in LifeDomain if d != LifeDomain.HUISVESTING},
            )
        ),
        "ZRM unknown domain key": lambda: work.add_zrm(
            ZrmAssessment(new_id(), case_id, today, "t", {**scores, "sterrenkunde": 3})
        ),
        "goal without words": lambda: work.add_goal(replace(mine.goal, id=new_id(), goal=" ")),
        "action due before the goal was made": lambda: work.add_action(
            replace(mine.action, id=new_id(), due_date=today - timedelta(days=1))
        ),
        "action on a goal of another case": lambda: work.add_action(
            replace(mine.action, id=new_id(), goal_id=theirs.goal.id)
        ),
        "handover without consent": lambda: work.add_handover_note(
            HandoverNote(
                new_id(),
                case_id,
                "Buurtteam Oost",
                HandoverTarget.BUURTTEAM,
                "Gaat goed.",
                today,
                "tester",
                None,  # type: ignore[arg-type]
            )
        ),  # fmt: skip
    }
    for what, write in examples.items():
        try:
            refused(work, write)
        except AssertionError as failed:
            raise AssertionError(what) from failed


# --- a record stays in its case ---------------------------------------------------------------


MOVES: dict[str, Callable[[Casefile, Casefile], Any]] = {
    "agreement": lambda m, t: m.work.update_agreement(replace(t.agreement, case_id=m.case_id)),
    "goal": lambda m, t: m.work.update_goal(replace(t.goal, case_id=m.case_id)),
    "goal, one field": lambda m, t: m.work.update_goal(
        replace(t.goal, case_id=m.case_id), ["case_id"]
    ),
    "action": lambda m, t: m.work.update_action(
        replace(t.action, case_id=m.case_id, goal_id=m.goal.id)
    ),
    "action, two fields": lambda m, t: m.work.update_action(
        replace(t.action, case_id=m.case_id, goal_id=m.goal.id), ["case_id", "goal_id"]
    ),
    "discussion": lambda m, t: m.work.update_case_discussion(
        replace(t.discussion, case_id=m.case_id)
    ),
    "discussion outcome": lambda m, t: record_outcome(
        m.work, DiscussionOutcome(t.discussion.id, m.case_id, m.today, "Advies: door.")
    ),
    "discussion preparation": lambda m, t: prepare_discussion(
        m.work, replace(t.discussion, case_id=m.case_id, question="Nieuwe vraag?")
    ),
    "contact correction": lambda m, t: m.work.correct_contact(
        t.contact.id, case_id=m.case_id, report="Gecorrigeerd."
    ),
}


@pytest.mark.parametrize("kind", MOVES)
def test_a_record_of_another_case_cannot_be_moved_into_this_one(
    mine: Casefile, theirs: Casefile, kind: str
) -> None:
    error = refused(mine.work, lambda: MOVES[kind](mine, theirs))
    assert "andere casus" in error.message_nl
    for table in ("agreements", "goals", "actions", "case_discussions", "contacts"):
        cases = {r[0] for r in mine.work.vault.db.execute(f"SELECT DISTINCT case_id FROM {table}")}
        assert cases == {mine.case_id, theirs.case_id}
    assert mine.work.get(CaseDiscussion, theirs.discussion.id) == theirs.discussion


# --- text: control characters, a right-to-left override and emoji in every field ------------


def text_fields(record: Any) -> list[str]:
    """The typed text fields of a record: fields of type str that are no id or link."""
    hints = typing.get_type_hints(type(record))
    return [
        f.name
        for f in dataclasses.fields(record)
        if hints[f.name] is str and f.name != "id" and not f.name.endswith("_id")
    ]


def writes(m: Casefile) -> dict[str, tuple[Any, Callable[[Any], Any]]]:
    """Per kind of record: a good new record and how the window's form writes it."""
    work, today, case_id = m.work, m.today, m.case_id
    scores: dict[LifeDomain, int | None] = {d: 3 for d in LifeDomain}
    entry = SocialMapEntry(new_id(), "Inloophuis De Brug", "Inloop en maaltijden", "Piet")
    return {
        "safety plan": (replace(m.plan, id=new_id()), work.save_safety_plan),
        "time-out": (
            TimeOut("partner", "broer", today),
            lambda t: work.save_safety_plan(replace(m.plan, id=new_id(), timeout=t)),
        ),
        "agreement": (replace(m.agreement, id=new_id()), work.add_agreement),
        "agreement change": (replace(m.agreement), work.update_agreement),
        "breach": (replace(m.breach, id=new_id()), work.log_breach),
        "follow-up": (
            BreachFollowUp(new_id(), case_id, m.breach.id, today, "Gebeld.", "tester"),
            work.add_breach_follow_up,
        ),
        "goal": (replace(m.goal, id=new_id(), child="Sem"), work.add_goal),
        "goal change": (replace(m.goal), work.update_goal),
        "action": (replace(m.action, id=new_id()), work.add_action),
        "zrm": (ZrmAssessment(new_id(), case_id, today, "tester", scores), work.add_zrm),
        "handover note": (
            HandoverNote(
                new_id(),
                case_id,
                "Buurtteam Oost",
                HandoverTarget.BUURTTEAM,
                "Gaat goed.",
                today,
                "tester",
                Consent.JA,
                "Rust.",
                "Geen.",
                "Bellen.",
                "Verhuizing.",
                "Kennismaking",
            ),
            work.add_handover_note,
        ),  # fmt: skip
        "discussion": (
            replace(
                m.discussion,
                id=new_id(),
                tried="Veel.",
                timeline="2025",
                strengths="Zus",
                risks="Drank",
                outcome="Door.",
                next_steps="Bellen.",
            ),
            work.add_case_discussion,
        ),  # fmt: skip
        "discussion change": (replace(m.discussion), work.update_case_discussion),
        "contact correction": (
            replace(m.contact, location="thuis", safety_changes="Geen.", agreements_made="Geen."),
            lambda c: work.correct_contact(
                m.contact.id,
                case_id=case_id,
                **{name: getattr(c, name) for name in text_fields(c)},
            ),
        ),  # fmt: skip
        "sociale kaart": (entry, work.add_social_map_entry),
    }


@pytest.mark.parametrize("character", BAD_CHARACTERS)
def test_a_bad_character_in_any_text_of_any_record_is_refused(
    mine: Casefile, character: str
) -> None:
    bad = BAD_CHARACTERS[character]
    accepted = []
    for kind, (record, write) in writes(mine).items():
        for name in text_fields(record):
            value = f"{getattr(record, name) or 'tekst'} {bad} 06-1234"
            changed = replace(record, **{name: value})
            try:
                refused(mine.work, lambda w=write, r=changed: w(r))  # type: ignore[misc]
            except AssertionError:
                accepted.append(f"{kind}.{name}")
    assert accepted == []


def test_an_emoji_in_any_text_of_any_record_but_a_name_is_kept(mine: Casefile) -> None:
    """Every export prints emoji (app/exports/script.py): free text keeps them as typed."""
    refused_fields = []
    for kind, (record, write) in writes(mine).items():
        for name in text_fields(record):
            value = f"{getattr(record, name) or 'tekst'} \U0001f600"
            # A new record goes in under a new id each time; a change keeps its record's.
            new = not kind.endswith("change") and hasattr(record, "id")
            fresh = {"id": new_id()} if new else {}
            try:
                write(replace(record, **{name: value}, **fresh))
            except ValidationError as error:
                refused_fields.append(f"{kind}.{name}: {error.message_nl}")
    # A name, and a phone number (digits only), refuse it for reasons of their own.
    own_rules = ("Een naam bevat geen emoji", "Een telefoonnummer bevat alleen cijfers")
    assert [line for line in refused_fields if not any(r in line for r in own_rules)] == []


def test_a_right_to_left_override_is_named_in_dutch(mine: Casefile) -> None:
    plan = replace(mine.plan, id=new_id(), emergency_numbers=f"Politie 112{RLO} 0900-8844")
    error = refused(mine.work, lambda: mine.work.save_safety_plan(plan))
    assert error.field == "emergency_numbers"
    assert "leesrichting" in error.message_nl


def test_a_line_break_in_a_one_line_field_is_refused(mine: Casefile) -> None:
    accepted = []
    for kind, (record, write) in writes(mine).items():
        if isinstance(record, TimeOut):
            continue
        record_type = RECORD_TYPES[type(record)]
        for name in text_fields(record):
            if max_length(record_type, name) > LINE:
                continue
            changed = replace(record, **{name: "eerste\ntweede"})
            try:
                refused(mine.work, lambda w=write, r=changed: w(r))  # type: ignore[misc]
            except AssertionError:
                accepted.append(f"{kind}.{name}")
    assert accepted == []


def test_free_text_keeps_its_line_breaks_tabs_and_other_scripts(mine: Casefile) -> None:
    text = "Eerste regel\n\tTweede regel: مرحبا بالعالم\u200f en שלום (zus)"
    mine.work.save_safety_plan(replace(mine.plan, id=new_id(), escape_plan=text))
    assert mine.work.current_safety_plan(mine.case_id).escape_plan == text  # type: ignore[union-attr]


# --- dates: 1900 and 9999 ---------------------------------------------------------------------


def date_writes(m: Casefile, day: date) -> dict[str, Callable[[], Any]]:
    """Every date a worker enters in the new forms, set to `day`."""
    work, today = m.work, m.today
    later = today + timedelta(weeks=4)
    return {
        "plan made_on": lambda: work.save_safety_plan(replace(m.plan, id=new_id(), made_on=day)),
        "plan review_date": lambda: work.save_safety_plan(
            replace(m.plan, id=new_id(), review_date=day)
        ),
        "plan evaluated_on": lambda: work.save_safety_plan(
            replace(m.plan, id=new_id(), evaluated_on=day)
        ),
        "time-out from": lambda: work.save_safety_plan(
            replace(m.plan, id=new_id(), timeout=TimeOut("partner", "broer", day))
        ),
        "time-out until": lambda: work.save_safety_plan(
            replace(m.plan, id=new_id(), timeout=TimeOut("partner", "broer", today, day))
            if day >= today
            else replace(m.plan, id=new_id(), timeout=TimeOut("partner", "broer", day, day))
        ),
        "evaluation": lambda: work.evaluate_safety_plan(m.case_id, day, later),
        "next review": lambda: work.evaluate_safety_plan(m.case_id, today, day),
        "agreement start": lambda: work.add_agreement(
            replace(m.agreement, id=new_id(), start_date=day, review_date=max(day, later))
        ),
        "agreement review": lambda: work.add_agreement(
            replace(m.agreement, id=new_id(), start_date=min(day, today), review_date=day)
        ),
        "breach": lambda: work.log_breach(replace(m.breach, id=new_id(), occurred_on=day)),
        "follow-up": lambda: work.add_breach_follow_up(
            BreachFollowUp(new_id(), m.case_id, m.breach.id, day, "Gebeld.")
        ),
        "goal made_on": lambda: work.add_goal(replace(m.goal, id=new_id(), made_on=day)),
        "goal due": lambda: work.add_goal(replace(m.goal, id=new_id(), due_date=day)),
        "action due": lambda: work.add_action(replace(m.action, id=new_id(), due_date=day)),
        "zrm": lambda: work.add_zrm(
            ZrmAssessment(new_id(), m.case_id, day, "t", {d: 3 for d in LifeDomain})
        ),
        "handover": lambda: work.add_handover_note(
            HandoverNote(
                new_id(),
                m.case_id,
                "Buurtteam",
                HandoverTarget.BUURTTEAM,
                "Goed.",
                day,
                "tester",
                Consent.JA,
            )
        ),  # fmt: skip
        "handover next step": lambda: work.add_handover_note(
            HandoverNote(
                new_id(),
                m.case_id,
                "Buurtteam",
                HandoverTarget.BUURTTEAM,
                "Goed.",
                today,
                "tester",
                Consent.JA,
                next_step="Bellen",
                next_step_on=day,
            )
        ),  # fmt: skip
        "discussion": lambda: work.add_case_discussion(
            replace(m.discussion, id=new_id(), held_on=day)
        ),
        "discussion outcome": lambda: record_outcome(
            work, DiscussionOutcome(m.discussion.id, m.case_id, day, "Door.")
        ),
    }


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(9999, 12, 31)], ids=["1900", "9999"])
def test_a_date_in_1900_or_9999_is_refused_everywhere(mine: Casefile, day: date) -> None:
    accepted = []
    for what, write in date_writes(mine, day).items():
        try:
            error = refused(mine.work, write)
        except AssertionError:
            accepted.append(what)
            continue
        assert "9999" not in error.message_nl or "jaartal" in error.message_nl
    assert accepted == []


def test_an_action_of_an_old_goal_is_not_due_in_1900(mine: Casefile) -> None:
    """Goals from before schema v7 have no day they were made: an action's due date is
    still a plausible date."""
    mine.work.vault.db.execute("UPDATE goals SET made_on = NULL WHERE id = ?", [mine.goal.id])
    action = replace(mine.action, id=new_id(), due_date=date(1900, 1, 1))
    refused(mine.work, lambda: mine.work.add_action(action))


# --- wrong types from Python: a clear error, not a crash --------------------------------------


def test_wrong_types_from_python_give_a_validation_error(mine: Casefile) -> None:
    work, today = mine.work, mine.today
    text = "2026-11-01"
    wrong: dict[str, Callable[[], Any]] = {
        "plan date as text": lambda: work.save_safety_plan(
            SafetyPlan(new_id(), mine.case_id, 1, text, "t", today, "x")  # type: ignore[arg-type]
        ),
        "plan review as text": lambda: work.save_safety_plan(
            SafetyPlan(new_id(), mine.case_id, 1, today, "t", text, "x")  # type: ignore[arg-type]
        ),
        "agreement start as text": lambda: work.add_agreement(
            replace(mine.agreement, id=new_id(), start_date=text)
        ),
        "time-out from as text": lambda: TimeOut("partner", "broer", text),  # type: ignore[arg-type]
        "plan text as a number": lambda: work.save_safety_plan(
            replace(mine.plan, id=new_id(), escape_plan=112)
        ),
        "agreement who as a number": lambda: work.add_agreement(
            replace(mine.agreement, id=new_id(), made_with=7)
        ),
        "phone as a number": lambda: work.add_social_map_entry(
            SocialMapEntry(new_id(), "Org", "Inloop", phone=112)  # type: ignore[arg-type]
        ),
        "phone as None": lambda: work.add_social_map_entry(
            SocialMapEntry(new_id(), "Org", "Inloop", phone=None)  # type: ignore[arg-type]
        ),
        "goal change of a field that does not exist": lambda: work.update_goal(
            mine.goal, ["bestaat_niet"]
        ),
        "action change of a field that does not exist": lambda: work.update_action(
            mine.action, ["bestaat_niet"]
        ),
        "sociale kaart change of a field that does not exist": lambda: work.update_social_map_entry(
            work.social_map()[0], ["bestaat_niet"]
        ),
        "correction of a field that does not exist": lambda: work.correct_contact(
            mine.contact.id, case_id=mine.case_id, bestaat_niet="x"
        ),
    }
    work.add_social_map_entry(SocialMapEntry(new_id(), "Buurtteam Oost", "Opvoeden"))
    crashed = {}
    for what, write in wrong.items():
        try:
            refused(work, write)
        except (AssertionError, TypeError, AttributeError) as error:
            crashed[what] = type(error).__name__
    assert crashed == {}


# --- sync: what a tampered laptop sends -------------------------------------------------------


def test_the_server_refuses_a_nested_value_and_takes_the_rest(server: Any, laptop: Any) -> None:
    """A field's value on the wire is a column value (text, number, null); a laptop that
    sends a nested one would stop every other laptop's pull at that change."""
    server.add_user("anna")
    first = laptop("anna")
    case = fill(first.casework)
    assert not sync_now(first.vault).rejected

    def change(value: Any) -> Change:
        return Change(
            change_id=str(uuid.uuid4()),
            record_type="goal",
            record_id=case.goal.id,
            fields={"who": value},
            hlc=f"{int(NOW.timestamp() * 1000) + 60_000:015d}:00000:{first.vault.device_id}",
            device_id=first.device_id,
        )

    nested, listed, fine = change({"a": 1}), change(["x"]), change("cliënt en zus")
    transport = transport_for(first.vault)
    try:
        answer = transport.push([nested, listed, fine])
    finally:
        transport.close()
    assert answer.accepted == [fine.change_id]
    assert {r.change_id: r.reason for r in answer.rejected} == {
        nested.change_id: "field who holds a nested value; a field holds text, a number or null",
        listed.change_id: "field who holds a nested value; a field holds text, a number or null",
    }


def remote(
    record_type: str, record_id: str, fields: dict[str, Any], minute: int = 1
) -> RemoteChange:
    hlc = f"{int(NOW.timestamp() * 1000) + minute * 60_000:015d}:00000:andere-laptop"
    return RemoteChange(new_id(), record_type, record_id, fields, hlc, "andere-laptop")


def test_a_nested_value_from_the_server_is_set_aside_and_the_rest_applied(
    mine: Casefile,
) -> None:
    work = mine.work
    report = apply_remote_changes(
        work.vault,
        [
            remote("goal", mine.goal.id, {"who": {"a": 1}, "status": "bezig"}),
            remote("action", mine.action.id, {"who": "zus"}, minute=2),
        ],
    )
    assert report.skipped == 1
    assert work.get(Goal, mine.goal.id).who == "" and work.get(Action, mine.action.id).who == "zus"
    assert work.get(Goal, mine.goal.id).status.value == "open"  # the change set aside whole


# What a tampered (or newer) laptop may have written, field by field, in each kind of record.
BAD_STORED: dict[str, Callable[[Casefile], tuple[str, str, dict[str, Any]]]] = {
    "agreement status": lambda m: ("agreement", m.agreement.id, {"status": "kapot"}),
    "agreement without who": lambda m: ("agreement", m.agreement.id, {"who": ""}),
    "agreement date": lambda m: ("agreement", m.agreement.id, {"start_date": "9999-99-99"}),
    "goal domain": lambda m: ("goal", m.goal.id, {"domain": "sterrenkunde"}),
    "goal without words": lambda m: ("goal", m.goal.id, {"goal": ""}),
    "action status": lambda m: ("action", m.action.id, {"status": 5}),
    "zrm score": lambda m: (
        "zrm_assessment",
        new_id(),
        {
            "case_id": m.case_id,
            "assessed_on": "2026-11-01",
            "assessed_by": "x",
            "scores": json.dumps({"financien": 9}),
        },
    ),  # fmt: skip
    "zrm scores": lambda m: (
        "zrm_assessment",
        new_id(),
        {"case_id": m.case_id, "assessed_on": "2026-11-01", "assessed_by": "x", "scores": "{"},
    ),
    "plan without review date": lambda m: (
        "safety_plan",
        new_id(),
        {"case_id": m.case_id, "version": 2, "made_on": "2026-11-01", "made_by": "x"},
    ),
    "plan time-out": lambda m: ("safety_plan", m.plan.id, {"timeout": "{}"}),
    "handover consent": lambda m: (
        "handover_note",
        new_id(),
        {
            "case_id": m.case_id,
            "to_whom": "x",
            "to_kind": "buurtteam",
            "summary": "s",
            "handover_date": "2026-11-01",
            "written_by": "w",
            "consent": "misschien",
        },
    ),  # fmt: skip
    "discussion without question": lambda m: ("case_discussion", m.discussion.id, {"question": ""}),
    "breach date": lambda m: ("breach", m.breach.id, {"occurred_on": "gisteren"}),
}


# Values of the wrong kind or shape for their field (sync/schema.py): the laptop sets such a
# change aside instead of storing it. The rest fit the wire format but break a domain rule.
SET_ASIDE_BY_SCHEMA = {
    "agreement date",
    "action status",
    "zrm scores",
    "plan time-out",
    "breach date",
}


@pytest.mark.parametrize("what", BAD_STORED)
def test_a_bad_synced_value_leaves_the_case_file_readable(mine: Casefile, what: str) -> None:
    """The client applying a pulled change with a value this Koers cannot read (a
    tampered laptop, a newer version) still opens the case file and its forms: the record
    is left out, and the case file says how many were; a value the wire schema refuses is
    set aside and the record stays as it was."""
    record_type, record_id, fields = BAD_STORED[what](mine)
    report = apply_remote_changes(mine.work.vault, [remote(record_type, record_id, fields)])
    work = mine.work
    case_file = work.open_case(mine.case_id)
    set_aside = what in SET_ASIDE_BY_SCHEMA
    assert report.set_aside == int(set_aside)
    assert case_file.unreadable == ([] if set_aside else [(record_type, record_id)])
    assert case_file.contacts and case_file.discussions is not None
    context_records = work.safety_records(mine.case_id)
    assert context_records is not None
    # A write that needs the record says so in Dutch instead of failing.
    cls = {"agreement": SafetyAgreement, "goal": Goal, "action": Action}.get(record_type)
    if cls is not None and set_aside:
        assert work.get(cls, record_id).id == record_id  # as it was
    elif cls is not None:
        with pytest.raises(KoersError) as caught:
            work.get(cls, record_id)
        assert "kan niet worden gelezen" in caught.value.message_nl
        assert "kapot" not in str(caught.value) and "sterrenkunde" not in str(caught.value)


def test_a_bad_value_from_another_laptop_arrives_but_the_case_file_opens(
    server: Any, laptop: Any
) -> None:
    """Through the real server: a laptop that skipped the app's checks (an old or tampered
    Koers) writes values the rules refuse; the second laptop pulls them and still opens
    the case and its forms."""
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case = fill(first.casework)
    store = first.casework.store
    store.update("agreement", case.agreement.id, {"status": "kapot"})
    store.update("goal", case.goal.id, {"goal": ""})
    for machine in (first, second):
        assert not sync_now(machine.vault).rejected
    work = second.casework
    case_file = work.open_case(case.case_id)
    assert sorted(case_file.unreadable) == sorted(
        [("agreement", case.agreement.id), ("goal", case.goal.id)]
    )
    assert [a.id for a in case_file.agreements] == [case.lapsed.id]
    assert case_file.actions and case_file.contacts


def test_restoring_a_bad_value_that_lost_a_merge_is_refused(mine: Casefile) -> None:
    """A value that lost a same-field merge comes from another laptop: taking it back
    goes through the same checks as typing it."""
    work = mine.work
    work.set_agreement_status(mine.agreement.id, AgreementStatus.NAGEKOMEN)  # written here
    apply_remote_changes(
        work.vault, [remote("agreement", mine.agreement.id, {"status": "kapot"}, minute=-60 * 24)]
    )
    conflicts = work.conflicts(mine.agreement.id)
    assert [c.losing_value for c in conflicts] == ["kapot"]
    refused(work, lambda: work.restore_conflict(conflicts[0].id))
    assert work.get(SafetyAgreement, mine.agreement.id).status is AgreementStatus.NAGEKOMEN


# --- the sociale kaart: its import and its search ---------------------------------------------


def test_a_file_without_a_header_row_does_not_repeat_its_first_row(casework: Casework) -> None:
    data = b"Buurtteam Oost;Opvoeden;Jan de Boer;030-1234567;Oost\r\nGGD;Jeugd;;;\r\n"
    with pytest.raises(ImportRefused) as caught:
        plan_social_map_rows(casework, data)
    text = " ".join(f"{p.message_en} {p.message_nl}" for p in caught.value.problems)
    assert "Jan de Boer" not in text and "Buurtteam Oost" not in text
    assert "header" in text


def test_a_header_of_many_unknown_columns_is_named_in_a_short_message(
    casework: Casework,
) -> None:
    header = ";".join(["organisatie", "aanbod"] + [f"kolom{i}" for i in range(5000)])
    with pytest.raises(ImportRefused) as caught:
        plan_social_map_rows(casework, f"{header}\r\nOrg;Inloop\r\n".encode())
    assert all(len(p.message_en) < 400 for p in caught.value.problems)
    assert "kolom0" in caught.value.problems[0].message_en


@pytest.mark.parametrize("query", ["c++", "(ggz", "[", "*", ".*", "\\", "a|b", "?", "$^", "%_"])
def test_a_search_with_regex_signs_finds_them_as_typed(casework: Casework, query: str) -> None:
    entries = [
        SocialMapEntry("1", "C++ cursus (GGZ) [oost]", "Cursus * en .* \\ a|b ? $^ %_"),
        SocialMapEntry("2", "Buurtteam", "Opvoeden"),
    ]
    assert [e.id for e in search(entries, query)] == ["1"]


# --- no personal data in messages -------------------------------------------------------------


def test_no_message_repeats_what_a_field_holds(mine: Casefile) -> None:
    secret = "Noor Verstopt woont Schuilhof 3"
    attempts: list[Callable[[], Any]] = [
        lambda: mine.work.add_agreement(
            replace(mine.agreement, id=new_id(), who=secret + RLO, review_date=date(1900, 1, 1))
        ),
        lambda: mine.work.save_safety_plan(
            replace(mine.plan, id=new_id(), escape_plan=secret * 900)
        ),
        lambda: mine.work.add_goal(replace(mine.goal, id=new_id(), who=secret + "\n")),
        lambda: mine.work.add_handover_note(
            HandoverNote(
                new_id(),
                mine.case_id,
                secret,
                HandoverTarget.BUURTTEAM,
                secret,
                mine.today,
                "t",
                "misschien",  # type: ignore[arg-type]
            )
        ),  # fmt: skip
    ]
    for attempt in attempts:
        with pytest.raises(KoersError) as caught:
            attempt()
        assert "Noor" not in str(caught.value) and "Noor" not in caught.value.message_nl


@pytest.mark.parametrize(
    "what",
    ["breach date", "plan review date", "agreement review date"],
)
def test_a_bad_synced_date_leaves_vandaag_readable(mine: Casefile, what: str) -> None:
    """Vandaag counts open breaches and lists reviews due straight from the vault: a date
    another laptop sent that is no date leaves that line out instead of the whole page."""
    from app.session import WorkSession

    record_type, record_id, name = {
        "breach date": ("breach", mine.breach.id, "occurred_on"),
        "plan review date": ("safety_plan", mine.plan.id, "review_date"),
        "agreement review date": ("agreement", mine.agreement.id, "review_date"),
    }[what]
    vault = mine.work.vault
    report = apply_remote_changes(vault, [remote(record_type, record_id, {name: "1 mei"})])
    assert report.set_aside == 1  # the wire schema refuses it; an older Koers stored it:
    with vault.transaction() as db:
        table = VAULT_RECORD_TYPES[record_type].table
        db.execute(f"UPDATE {table} SET {name} = '1 mei' WHERE id = ?", [record_id])
    board = WorkSession(vault).dashboard()
    assert record_id not in {b.breach_id for b in board.open_breaches}
