"""Warm handover notes, case discussions and corrected contacts through the services, on a
real vault: what is stored, and bad input refused in Dutch with nothing written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.casework import Casework, new_id
from app.contact import Contact
from app.discussion import (
    CaseDiscussion,
    DiscussionOutcome,
    prepare_discussion,
    record_outcome,
    sheet_discussion,
)
from app.errors import ValidationError
from app.exports.service import export_teamkracht_sheet
from app.handover import HandoverNote
from app.social_map import SocialMapEntry
from app.vocabulary import Consent, HandoverTarget
from storage.errors import RecordNotFound
from tests.app.test_casework import new_case


def sheet_text(path: Path) -> str:
    """Every page's text of an (unprotected) PDF, as one string."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def journal_size(work: Casework) -> int:
    return work.vault.db.execute("SELECT count(*) FROM journal").fetchone()[0]


def note(case_id: str, today: date, **fields) -> HandoverNote:
    values = {
        "id": new_id(),
        "case_id": case_id,
        "to_whom": "Buurtteam Oost – Ahmed Bakker",
        "to_kind": HandoverTarget.BUURTTEAM,
        "summary": "Veiligheid is stabiel; schulden in beeld.",
        "handover_date": today,
        "written_by": "tester",
        "consent": Consent.JA,
        **fields,
    }
    return HandoverNote(**values)


def refused(work: Casework, write, field: str) -> str:  # type: ignore[no-untyped-def]
    """Run `write`; it must raise ValidationError on `field` and leave the journal as it
    was. Returns the Dutch message."""
    before = journal_size(work)
    with pytest.raises(ValidationError) as caught:
        write()
    assert caught.value.field == field
    assert journal_size(work) == before
    return caught.value.message_nl


# --- warm handover ---------------------------------------------------------------------------


def test_a_handover_note_keeps_every_field(casework: Casework) -> None:
    case = new_case(casework)
    today = casework.today()
    entry = SocialMapEntry(new_id(), "Buurtteam Oost", "schuldhulp", "Ahmed Bakker")
    casework.add_social_map_entry(entry)
    written = note(
        case.id,
        today,
        reason="Doelen bereikt; vervolg in de wijk.",
        next_step="Kennismaking buurtteam",
        next_step_on=today + timedelta(days=7),
        with_client=True,
        with_client_on=today,
        consent=Consent.NIET_GEVRAAGD,
        social_map_id=entry.id,
    )
    casework.add_handover_note(written)
    assert casework.case_file(case.id).handover_notes == [written]


def test_a_handover_without_consent_chosen_is_refused(casework: Casework) -> None:
    case = new_case(casework)
    with pytest.raises(ValidationError) as caught:
        note(case.id, casework.today(), consent=None)
    assert caught.value.field == "consent"
    assert "ja, nee of niet gevraagd" in caught.value.message_nl
    with pytest.raises(ValidationError):
        note(case.id, casework.today(), consent="misschien")
    assert casework.case_file(case.id).handover_notes == []


@pytest.mark.parametrize(
    ("fields", "field", "dutch"),
    [
        ({"handover_date": "tomorrow"}, "handover_date", "in de toekomst"),
        (
            {"next_step": "Huisbezoek", "next_step_on": "before"},
            "next_step_on",
            "vóór de overdracht",
        ),
        ({"next_step_on": "later"}, "next_step", "volgende stap"),
        ({"with_client": True}, "with_client_on", "samen met de cliënt"),
        ({"with_client": True, "with_client_on": "tomorrow"}, "with_client_on", "toekomst"),
        ({"with_client_on": "today"}, "with_client_on", "samen met de cliënt"),
        ({"social_map_id": "not-on-the-map"}, "social_map_id", "sociale kaart"),
        ({"summary": "Samen\x00vatting"}, "summary", "stuurteken"),
        ({"what_works": "Appen \x1b[31mvooraf"}, "what_works", "stuurteken"),
    ],
)
def test_bad_handover_notes_are_refused_in_dutch(
    casework: Casework, fields: dict, field: str, dutch: str
) -> None:
    case = new_case(casework)
    today = casework.today()
    days = {
        "tomorrow": today + timedelta(days=1),
        "today": today,
        "before": today - timedelta(days=1),
        "later": today + timedelta(days=3),
    }
    values = {k: days.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    message = refused(
        casework, lambda: casework.add_handover_note(note(case.id, today, **values)), field
    )
    assert dutch in message
    assert casework.case_file(case.id).handover_notes == []


def test_a_handover_note_is_append_only(casework: Casework) -> None:
    case = new_case(casework)
    written = note(case.id, casework.today())
    casework.add_handover_note(written)
    with pytest.raises(Exception):  # noqa: B017 - the store refuses any overwrite
        casework._update(replace(written, summary="Anders"))
    assert casework.case_file(case.id).handover_notes == [written]


# --- case discussions ------------------------------------------------------------------------


def discussion(case_id: str, held_on: date, **fields) -> CaseDiscussion:
    values = {"question": "Hoe houden we de veiligheid vast na de time-out?", **fields}
    return CaseDiscussion(new_id(), case_id, held_on, **values)


def test_prepared_in_advance_then_discussed(casework: Casework) -> None:
    case = new_case(casework)
    today = casework.today()
    prepared = discussion(case.id, today + timedelta(days=10), tried="Time-out bij zus.")
    prepare_discussion(casework, prepared)
    stored = casework.case_file(case.id).discussions[0]
    assert stored.state == "voorbereid" and stored.tried == "Time-out bij zus."
    # The meeting came earlier than planned; the outcome is written after it.
    done = record_outcome(
        casework, DiscussionOutcome(prepared.id, case.id, today, "Netwerkberaad.", "Plannen")
    )
    assert done.state == "besproken" and done.held_on == today
    assert casework.case_file(case.id).discussions == [done]
    # Changing the preparation later keeps the outcome.
    prepare_discussion(casework, replace(prepared, held_on=today, question="Nieuwe vraag?"))
    again = casework.case_file(case.id).discussions[0]
    assert (again.question, again.outcome) == ("Nieuwe vraag?", "Netwerkberaad.")


def test_bad_discussions_are_refused_in_dutch(casework: Casework) -> None:
    case = new_case(casework)
    today = casework.today()
    with pytest.raises(ValidationError) as caught:
        discussion(case.id, today, question="  ")
    assert caught.value.message_nl == "Vul de vraag aan het team in."
    far = discussion(case.id, today + timedelta(days=400))
    assert "jaar vooruit" in refused(casework, lambda: prepare_discussion(casework, far), "held_on")
    typo = discussion(case.id, date(202, 5, 1))
    assert "jaartal" in refused(casework, lambda: prepare_discussion(casework, typo), "held_on")
    early = discussion(case.id, today, outcome="Al besproken")
    refused(casework, lambda: prepare_discussion(casework, early), "outcome")
    dirty = discussion(case.id, today, tried="Gesprek\x07 met school")
    assert "stuurteken" in refused(casework, lambda: prepare_discussion(casework, dirty), "tried")

    planned = discussion(case.id, today + timedelta(days=5))
    prepare_discussion(casework, planned)
    ahead = DiscussionOutcome(planned.id, case.id, today + timedelta(days=5), "Advies")
    assert "nog niet gehouden" in refused(
        casework, lambda: record_outcome(casework, ahead), "held_on"
    )
    with pytest.raises(ValidationError) as caught:
        DiscussionOutcome(planned.id, case.id, today, "   ")
    assert caught.value.field == "outcome"
    with pytest.raises(RecordNotFound):
        record_outcome(casework, DiscussionOutcome("nope", case.id, today, "Advies"))
    other = new_case(casework)
    stolen = DiscussionOutcome(planned.id, other.id, today, "Advies")
    refused(casework, lambda: record_outcome(casework, stolen), "case_id")
    assert casework.case_file(case.id).discussions == [planned]


def test_the_sheet_takes_the_chosen_or_latest_prepared_discussion(
    casework: Casework, tmp_path: Path
) -> None:
    case = new_case(casework)
    today = casework.today()
    held = discussion(case.id, today - timedelta(days=30), question="Oude vraag over school?")
    prepare_discussion(casework, held)
    record_outcome(casework, DiscussionOutcome(held.id, case.id, held.held_on, "Besproken."))
    coming = discussion(
        case.id, today + timedelta(days=3), question="Mag de time-out stoppen?", tried="Mediation"
    )
    prepare_discussion(casework, coming)
    found = casework.case_file(case.id).discussions
    assert sheet_discussion(found) == coming
    assert sheet_discussion(found, held.id).question == held.question  # type: ignore[union-attr]

    latest = sheet_text(export_teamkracht_sheet(casework.vault, tmp_path / "a.pdf", case.id).path)
    assert "Mag de time-out stoppen?" in latest and "Mediation" in latest
    chosen = export_teamkracht_sheet(
        casework.vault, tmp_path / "b.pdf", case.id, discussion_id=held.id
    )
    assert "Oude vraag over school?" in sheet_text(chosen.path)


# --- corrected contacts ----------------------------------------------------------------------


def test_a_correction_supersedes_and_keeps_the_earlier_text(casework: Casework) -> None:
    case = new_case(casework)
    first = Contact(new_id(), case.id, casework.vault.now() - timedelta(days=1), report="Eerst.")
    casework.record_contact(first)
    second = casework.correct_contact(first.id, report="Gecorrigeerd.")
    file = casework.case_file(case.id)
    assert [c.report for c in file.done_contacts] == ["Gecorrigeerd."]
    assert {c.report for c in file.contacts} == {"Eerst.", "Gecorrigeerd."}
    assert second.supersedes == first.id
    assert "stuurteken" in refused(
        casework, lambda: casework.correct_contact(second.id, report="Nul\x00teken"), "report"
    )
    assert casework.get(Contact, first.id).report == "Eerst."
