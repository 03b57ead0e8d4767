"""Warm handover notes, case discussions and corrected contacts travel between laptops through
the real server: a note picked from the sociale kaart, a discussion prepared on one laptop and
discussed on the other, a contact corrected with its earlier version kept; edits of different
fields of a discussion merge, and a same-field edit shows as a conflict that the worker takes
back with one click in the discussions tab, after which it wins everywhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtWidgets import QApplication

from app.casework import Casework, new_id
from app.contact import Contact
from app.discussion import CaseDiscussion, DiscussionOutcome, prepare_discussion, record_outcome
from app.handover import HandoverNote
from app.social_map import SocialMapEntry
from app.vocabulary import Consent, HandoverTarget
from tests.sync.test_people_sync import in_step
from tests.sync.test_safety_sync import started_case
from tests.ui.test_case_file_actions import _click_link
from ui.case_file import CaseFileView


def a_discussion(casework: Casework, case_id: str, days_ahead: int = 7) -> CaseDiscussion:
    prepared = CaseDiscussion(
        new_id(),
        case_id,
        casework.today() + timedelta(days=days_ahead),
        "Hoe houden we de time-out veilig?",
        tried="Netwerkberaad met zus.",
    )
    prepare_discussion(casework, prepared)
    return prepared


def test_a_handover_a_discussion_and_a_corrected_contact_arrive(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    work = first.casework
    today = work.today()
    case_id = started_case(work)
    entry = SocialMapEntry(new_id(), "Buurtteam Oost", "schuldhulp", "Ahmed Bakker")
    work.add_social_map_entry(entry)
    note = HandoverNote(
        new_id(),
        case_id,
        "Buurtteam Oost – Ahmed Bakker",
        HandoverTarget.BUURTTEAM,
        "Veiligheid stabiel.",
        today,
        "anna",
        consent=Consent.NIET_GEVRAAGD,
        reason="Doelen bereikt",
        next_step="Kennismaking",
        next_step_on=today + timedelta(days=7),
        with_client=True,
        with_client_on=today,
        social_map_id=entry.id,
    )
    work.add_handover_note(note)
    prepared = a_discussion(work, case_id)
    contact = Contact(new_id(), case_id, first.vault.now() - timedelta(days=1), report="Eerst.")
    work.record_contact(contact)
    corrected = work.correct_contact(contact.id, report="Gecorrigeerd.")
    in_step(first, second)

    theirs = second.casework.case_file(case_id)
    assert theirs.handover_notes == [note]
    assert second.casework.social_map() == [entry]
    assert theirs.discussions == [prepared] and theirs.discussions[0].state == "voorbereid"
    assert {c.id: c.report for c in theirs.contacts} == {
        contact.id: "Eerst.",
        corrected.id: "Gecorrigeerd.",
    }
    assert [c.id for c in theirs.done_contacts] == [corrected.id]

    # The meeting is written up on the other laptop; the first sees it besproken.
    record_outcome(
        second.casework,
        DiscussionOutcome(prepared.id, case_id, today, "Time-out verlengen.", "Zus bellen."),
    )
    in_step(second, first)
    mine = first.casework.case_file(case_id).discussions[0]
    assert (mine.state, mine.outcome, mine.held_on) == ("besproken", "Time-out verlengen.", today)
    assert mine.tried == "Netwerkberaad met zus."


def test_the_preparation_and_the_outcome_written_apart_both_stay(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case_id = started_case(first.casework)
    prepared = a_discussion(first.casework, case_id, days_ahead=0)
    in_step(first, second)
    prepare_discussion(first.casework, replace(prepared, risks="Ex-partner zoekt contact."))
    record_outcome(
        second.casework,
        DiscussionOutcome(prepared.id, case_id, prepared.held_on, "Melding Veilig Thuis."),
    )
    in_step(first, second)
    for machine in (first, second):
        stored = machine.casework.get(CaseDiscussion, prepared.id)
        assert (stored.risks, stored.outcome) == (
            "Ex-partner zoekt contact.",
            "Melding Veilig Thuis.",
        )
        assert machine.casework.case_conflicts(case_id) == []


def test_a_same_field_discussion_edit_is_resolved_in_the_discussions_tab(
    server, laptop, qtbot, qapp: QApplication
) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    case_id = started_case(first.casework)
    prepared = a_discussion(first.casework, case_id)
    in_step(first, second)
    ours, theirs = "Mag de time-out stoppen?", "Is een huisverbod nodig?"
    prepare_discussion(first.casework, replace(prepared, question=ours))
    prepare_discussion(second.casework, replace(prepared, question=theirs))
    in_step(first, second)
    values = {m.casework.get(CaseDiscussion, prepared.id).question for m in (first, second)}
    assert len(values) == 1  # the later one won on both
    winner = values.pop()
    loser = ({ours, theirs} - {winner}).pop()

    # The laptop whose question lost shows it in the discussions tab, one click to take it.
    losing = first if loser == ours else second
    view = CaseFileView()
    qtbot.addWidget(view)
    view.resize(1024, 700)
    view.show()
    view.show_case(losing.casework.open_case(case_id), None, losing.casework.today())
    view.tabs.setCurrentWidget(view.discussions_tab)
    tab = view.discussions_tab
    text = tab.browser.toPlainText()
    assert f"«{loser}»" in text and winner in text
    assert tab.list.topLevelItem(0).text(1).startswith("⚠")
    taken: list[str] = []
    view.restore_conflict_requested.connect(taken.append)
    _click_link(qtbot, tab.browser, f"«{loser}»")
    qtbot.waitUntil(lambda: bool(taken), timeout=5000)
    losing.casework.restore_conflict(taken[0])  # what the window does on that click
    view.show_case(losing.casework.open_case(case_id), None, losing.casework.today())
    assert "⚠" not in tab.browser.toPlainText()
    assert tab.list.topLevelItem(0).text(2) == loser

    winning = first if losing is second else second
    in_step(losing, winning)
    for machine in (first, second):
        assert machine.casework.get(CaseDiscussion, prepared.id).question == loser
    assert losing.casework.case_conflicts(case_id) == []
    # The other laptop's own question now lost: it stays there to be seen and taken back.
    assert [c.losing_value for c in winning.casework.case_conflicts(case_id)] == [winner]
