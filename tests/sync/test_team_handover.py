"""A teamleider hands cases over from the app layer (what the window's "Overdragen aan..."
calls), against the real server: the new holder receives the case with a warm handover note
naming the reason, the old worker's laptop purges it at its next sync without losing the
contact it had not sent yet, and every bad handover (another team's teamleider, a disabled
or other-team recipient, a case that moved meanwhile, several cases of which one is wrong)
is refused with nothing moved. Late changes of the previous worker are listed for the new
holder and accepted with one call."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from app import team
from app.casework import new_id
from app.contact import Contact
from app.errors import ValidationError
from app.sync_service import sync_now
from app.vocabulary import Consent, HandoverTarget
from storage import sync_state
from sync.server import admin
from sync.server.store import assignments, audit_log, changes, previous_assignments, users
from tests.app.test_casework import new_case

REASON = "Anna gaat drie maanden met verlof."


def holder(server, case_id: str) -> str:  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return str(
            conn.execute(
                select(users.c.name)
                .join(assignments, assignments.c.user_id == users.c.id)
                .where(assignments.c.case_id == case_id)
            ).scalar_one()
        )


def server_change_count(server) -> int:  # type: ignore[no-untyped-def]
    with server.engine.connect() as conn:
        return len(conn.execute(select(changes.c.change_id)).all())


@pytest.fixture
def oost(server, laptop):  # type: ignore[no-untyped-def]
    """Team Oost (teamleider tl, workers anna, bram, noor; dirk disabled) and team West
    (teamleider tlwest, worker wim); anna holds two synced cases; tl's laptop holds them."""
    admin.add_team(server.engine, "Oost")
    admin.add_team(server.engine, "West")
    server.add_user("tl", "teamleider", "Oost")
    for name in ("anna", "bram", "noor", "dirk"):
        server.add_user(name, "worker", "Oost")
    admin.disable_user(server.engine, "dirk")
    server.add_user("tlwest", "teamleider", "West")
    server.add_user("wim", "worker", "West")
    anna = laptop("anna")
    cases = [new_case(anna.casework).id, new_case(anna.casework).id]
    sync_now(anna.vault)
    lead = laptop("tl")
    sync_now(lead.vault)
    return anna, lead, cases


def test_the_teamleider_hands_a_case_over_and_the_old_laptop_keeps_nothing_it_had_not_sent(
    server, laptop, oost
) -> None:
    anna, lead, (case_id, other_id) = oost
    # Offline at the client's: a home visit anna has not synced yet.
    visit = Contact(new_id(), case_id, anna.vault.now() - timedelta(hours=1), report="Bezoek.")
    anna.casework.record_contact(visit)
    assert team.account(lead.vault) == team.Account("tl", "teamleider", "Oost")
    assert team.account(anna.vault) == team.Account("anna", "worker", "Oost")

    result = team.hand_over(lead.vault, [case_id], "bram", "noor", REASON)
    assert result.worker == "bram" and set(result.notes) == {case_id}
    assert holder(server, case_id) == "bram" and holder(server, other_id) == "anna"
    # Logged centrally: who handed which case over, from which device; no reason text.
    with server.engine.connect() as conn:
        lines = conn.execute(
            select(audit_log.c.user_name, audit_log.c.device_id, audit_log.c.detail).where(
                audit_log.c.action == "assign", audit_log.c.record_id == case_id
            )
        ).all()
    assert [(u, d) for u, d, _ in lines] == [("tl", lead.device_id)]
    assert REASON not in (lines[0].detail or "")

    # The old laptop sends the visit first, then lets the case go.
    report = sync_now(anna.vault)
    assert report.purged_cases == 1 and report.rejected == [] and report.kept_late == 0
    assert anna.casework.store.get("case", case_id) is None
    assert anna.casework.store.get("case", other_id) is not None

    bram = laptop("bram")
    sync_now(bram.vault)
    file = bram.casework.case_file(case_id)
    assert file.case.worker == "bram" and file.case.backup_worker == "noor"
    assert [c.report for c in file.contacts] == ["Bezoek."]
    (note,) = file.handover_notes
    assert note.reason == REASON and note.to_kind is HandoverTarget.COLLEGA
    assert note.to_whom.startswith("bram") and note.written_by == "tl"
    assert note.consent is Consent.NIET_GEVRAAGD

    # The teamleider's own vault shows the new holder after a sync (the team view reads it).
    sync_now(lead.vault)
    view = team.team_view(lead.vault.db, lead.casework.programmes(), lead.casework.today())
    by_case = {r.case_id: (r.worker, r.backup_worker) for r in view.rows}
    assert by_case[case_id] == ("bram", "noor") and by_case[other_id][0] == "anna"
    assert {(w.worker, w.cases) for w in view.loads} == {("anna", 1), ("bram", 1)}


def test_another_teams_teamleider_and_a_worker_are_refused(server, laptop, oost) -> None:
    anna, lead, (case_id, _) = oost
    west = laptop("tlwest")
    sync_now(west.vault)
    cases = [{"case_id": case_id, "expected_worker": "anna"}]
    body = {"cases": cases, "worker": "wim", "reason": REASON}
    for machine in (west, anna):
        token = sync_state.get(machine.vault, sync_state.DEVICE_TOKEN)
        answer = httpx.post(
            f"{server.url}/v1/cases/handover",
            headers={"Authorization": f"Bearer {token}"},
            json=body,
        )
        assert answer.status_code == 403, answer.text
        assert answer.json()["detail"]
    # Through the app layer the refusal is Dutch; the case did not move.
    with pytest.raises(team.HandoverFailed) as refused:
        team.send_handover(
            team.server_link(west.vault),
            [team.HandoverCase(case_id=case_id, expected_worker="anna")],
            "wim",
            None,
            REASON,
        )
    assert refused.value.status == 403 and "team" in refused.value.message_nl
    assert holder(server, case_id) == "anna"
    # Only a teamleider gets the team's workers.
    with pytest.raises(team.HandoverFailed):
        team.team_workers(team.server_link(anna.vault))
    workers = team.team_workers(team.server_link(lead.vault))
    assert workers.team == "Oost"
    assert {(w.name, w.cases) for w in workers.workers} == {("anna", 2), ("bram", 0), ("noor", 0)}


@pytest.mark.parametrize(
    ("worker", "backup", "dutch"),
    [
        ("dirk", None, "geen actieve medewerker"),  # disabled
        ("wim", None, "geen actieve medewerker"),  # another team
        ("tlwest", None, "geen actieve medewerker"),  # a teamleider, of another team
        ("bram", "wim", "vervanger is geen actieve"),
        ("nobody", None, "geen actieve medewerker"),
    ],
)
def test_a_recipient_who_may_not_receive_is_refused(server, oost, worker, backup, dutch) -> None:
    _, lead, (case_id, _) = oost
    before = server_change_count(server)
    with pytest.raises(team.HandoverFailed) as refused:
        team.hand_over(lead.vault, [case_id], worker, backup, REASON)
    assert refused.value.status == 422 and dutch in refused.value.message_nl
    assert holder(server, case_id) == "anna" and server_change_count(server) == before


def test_a_case_that_moved_meanwhile_is_refused_with_409(server, oost) -> None:
    _, lead, (case_id, _) = oost
    admin.assign(server.engine, case_id, "noor")  # elsewhere, after the teamleider's sync
    before = server_change_count(server)
    with pytest.raises(team.HandoverFailed) as refused:
        team.hand_over(lead.vault, [case_id], "bram", None, REASON)
    assert refused.value.status == 409 and "intussen" in refused.value.message_nl
    assert holder(server, case_id) == "noor" and server_change_count(server) == before


def test_several_cases_with_one_wrong_move_nothing(server, laptop, oost) -> None:
    anna, lead, (first, second) = oost
    wim = laptop("wim")
    foreign = new_case(wim.casework).id
    sync_now(wim.vault)
    before = server_change_count(server)
    # One case of another team among the teamleider's two: nothing moves.
    cases = team.handover_cases(lead.vault, [first, second])
    cases.append(team.HandoverCase(case_id=foreign, expected_worker="wim"))
    with pytest.raises(team.HandoverFailed) as refused:
        team.send_handover(team.server_link(lead.vault), cases, "bram", None, REASON)
    assert refused.value.status == 403
    assert [holder(server, c) for c in (first, second, foreign)] == ["anna", "anna", "wim"]
    # One case that moved meanwhile among two: nothing moves either.
    admin.assign(server.engine, second, "noor")
    with pytest.raises(team.HandoverFailed):
        team.hand_over(lead.vault, [first, second], "bram", None, REASON)
    assert [holder(server, c) for c in (first, second)] == ["anna", "noor"]
    assert server_change_count(server) == before + 1  # only the assign's own change
    # The same two, right: both move, each with its note.
    sync_now(lead.vault)
    result = team.hand_over(lead.vault, [first, second], "bram", None, REASON)
    assert set(result.notes) == {first, second}
    assert [holder(server, c) for c in (first, second)] == ["bram", "bram"]


def test_the_app_checks_the_choice_before_asking_the_server(server, oost) -> None:
    _, lead, (case_id, _) = oost
    for worker, backup, reason in (
        ("", None, REASON),
        ("bram", "bram", REASON),
        ("bram", None, " "),
    ):
        with pytest.raises(ValidationError) as bad:
            team.hand_over(lead.vault, [case_id], worker, backup, reason)
        assert bad.value.message_nl
    with pytest.raises(ValidationError):
        team.hand_over(lead.vault, [], "bram", None, REASON)
    with pytest.raises(ValidationError):
        team.hand_over(lead.vault, ["no-such-case"], "bram", None, REASON)
    assert holder(server, case_id) == "anna"


def test_offline_the_handover_says_it_needs_a_connection(server, oost) -> None:
    _, lead, (case_id, _) = oost
    gone = team.ServerLink("http://127.0.0.1:9", "token")  # nothing listens on port 9
    cases = team.handover_cases(lead.vault, [case_id])
    with pytest.raises(team.NeedsConnection) as offline:
        team.send_handover(gone, cases, "bram", None, REASON)
    assert "verbinding" in offline.value.message_nl
    with pytest.raises(team.NeedsConnection):
        team.send_handover(None, cases, "bram", None, REASON)


def test_late_changes_of_the_previous_worker_are_accepted_with_one_action(
    server, laptop, oost
) -> None:
    anna, lead, (case_id, _) = oost
    visit = Contact(new_id(), case_id, anna.vault.now(), report="Laat verslag.")
    anna.casework.record_contact(visit)
    team.hand_over(lead.vault, [case_id], "bram", None, REASON)
    with server.engine.begin() as conn:  # the handover was 15 days ago: past the grace
        conn.execute(
            update(previous_assignments)
            .where(previous_assignments.c.case_id == case_id)
            .values(until=previous_assignments.c.until - 15 * 86400)
        )
    assert sync_now(anna.vault).kept_late == 1
    bram = laptop("bram")
    sync_now(bram.vault)
    assert bram.casework.case_file(case_id).contacts == []

    # The new holder and the teamleider both see it: kind, fields, from whom; no values.
    for machine in (bram, lead):
        (waiting,) = team.late_changes(team.server_link(machine.vault), case_id)
        assert waiting.kind_nl == "Contact" and waiting.new_record
        assert "report" in waiting.fields and waiting.from_user == "anna"
        assert waiting.received_at is not None
    # The old worker sees none.
    assert team.late_changes(team.server_link(anna.vault), case_id) == []

    assert team.accept_late_changes(team.server_link(bram.vault), [waiting.id]) == 1
    assert team.accept_late_changes(team.server_link(lead.vault), [waiting.id]) == 0
    assert team.late_changes(team.server_link(lead.vault), case_id) == []
    sync_now(bram.vault)
    assert [c.report for c in bram.casework.case_file(case_id).contacts] == ["Laat verslag."]


def test_the_command_line_lists_the_team_and_hands_over(
    server, oost, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import run

    _, lead, (case_id, other_id) = oost
    path = lead.vault.path
    lead.vault.lock()
    monkeypatch.setenv("KOERS_PASSPHRASE", "laptop-wachtwoord")
    capsys.readouterr()
    assert run(["team", "--vault", str(path)]) == 0
    listed = capsys.readouterr().out
    assert "anna\t2\t" in listed and f"{case_id}\tanna\t" in listed
    # Another team's worker: one English line, nothing moved.
    handover = ["handover", "--vault", str(path), case_id, other_id, "--to", "wim"]
    assert run([*handover, "--reason", REASON]) == 1
    error = capsys.readouterr().err
    assert error.startswith("koers: error:") and "active worker of your team" in error
    assert len(error.strip().splitlines()) == 1
    assert run([*handover, "--reason", " "]) == 1  # no reason: refused before the server
    assert "reason" in capsys.readouterr().err
    assert holder(server, case_id) == "anna"
    handover[-1] = "bram"
    assert run([*handover, "--backup", "noor", "--reason", REASON]) == 0
    assert "2 case(s) to bram (back-up noor)" in capsys.readouterr().out
    assert [holder(server, c) for c in (case_id, other_id)] == ["bram", "bram"]
    assert run(["late", "--vault", str(path), case_id]) == 0
    assert "No late changes" in capsys.readouterr().out


# --- the reason keeps the laptop's text rules (server and app) -----------------------------

# What a laptop refuses in any free text (app/text.py): a reading-direction override that
# shows "112" as "211", escape, bell, vertical tab, form feed, a line separator, a null byte.
UNCLEAN_REASONS = [
    "Bel \u202e211\u202c bij nood.",
    "Verlof.\x1b[31m",
    "Verlof.\x07",
    "Verlof.\x0b",
    "Verlof.\x0c",
    "Verlof.\u2028Terug in maart.",
    "Verlof.\x00",
]


def token(machine) -> str:  # type: ignore[no-untyped-def]
    return str(sync_state.get(machine.vault, sync_state.DEVICE_TOKEN))


@pytest.mark.parametrize("reason", UNCLEAN_REASONS)
def test_the_server_refuses_a_reason_a_laptop_would_refuse(server, oost, reason: str) -> None:
    _, lead, (case_id, _) = oost
    before = server_change_count(server)
    answer = httpx.post(
        f"{server.url}/v1/cases/handover",
        headers={"Authorization": f"Bearer {token(lead)}"},
        json={
            "cases": [{"case_id": case_id, "expected_worker": "anna"}],
            "worker": "bram",
            "reason": reason,
        },
    )
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert detail.startswith("the reason holds") and "remove it" in detail
    assert detail.isascii() and reason not in detail
    assert holder(server, case_id) == "anna" and server_change_count(server) == before


@pytest.mark.parametrize("reason", UNCLEAN_REASONS[:-1])
def test_the_app_refuses_such_a_reason_in_dutch_and_sends_nothing(
    server, oost, reason: str
) -> None:
    _, lead, (case_id, _) = oost
    before = server_change_count(server)
    with pytest.raises(ValidationError) as bad:
        team.hand_over(lead.vault, [case_id], "bram", None, reason)
    assert bad.value.field == "reason" and "onzichtbaar" in bad.value.message_nl
    assert holder(server, case_id) == "anna" and server_change_count(server) == before


def test_a_reason_with_line_breaks_tabs_and_emoji_is_free_text_and_kept(server, oost) -> None:
    _, lead, (case_id, _) = oost
    reason = "Verlof.\n\tTerug in maart 🙂 (zij/haar: 'Tot dan!')"
    team.hand_over(lead.vault, [case_id], "bram", None, reason)
    sync_now(lead.vault)
    assert [n.reason for n in lead.casework.case_file(case_id).handover_notes] == [reason]


def test_the_servers_text_rule_is_the_laptops() -> None:
    """sync/schema.unclean_text mirrors app/text.py (the server imports nothing from app/):
    the same verdict for every character of the Basic Multilingual Plane."""
    from app.text import bidi_control, control_character
    from sync.schema import unclean_text

    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        for multiline in (True, False):
            laptop_ok = (
                control_character(char, multiline=multiline) is None and bidi_control(char) is None
            )
            assert laptop_ok == (unclean_text(char, multiline=multiline) is None), hex(code)


# --- who holds the case after a handover ----------------------------------------------------


def _held(machine, case_id: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    case = machine.casework.get_case(case_id)
    return case.worker, case.backup_worker or ""


def test_a_handover_without_a_backup_clears_the_old_backup(server, laptop, oost) -> None:
    _, lead, (case_id, other_id) = oost
    team.hand_over(lead.vault, [case_id], "bram", "noor", REASON)
    sync_now(lead.vault)
    assert _held(lead, case_id) == ("bram", "noor")
    # To the old back-up, without a back-up: noor holds it, and is not her own back-up.
    team.hand_over(lead.vault, [case_id], "noor", None, "Bram gaat weg.")
    sync_now(lead.vault)
    noor = laptop("noor")
    sync_now(noor.vault)
    for machine in (lead, noor):
        assert _held(machine, case_id) == ("noor", "")
    # koers-server assign: the assignment names both too (without --backup: none).
    admin.assign(server.engine, other_id, "bram", backup="noor")
    admin.assign(server.engine, other_id, "noor")
    sync_now(lead.vault)
    assert _held(lead, other_id) == ("noor", "")


def test_a_handover_to_the_current_holder_is_refused_unless_the_backup_changes(
    server, oost
) -> None:
    _, lead, (case_id, _) = oost
    before = server_change_count(server)
    with pytest.raises(team.HandoverFailed) as refused:
        team.hand_over(lead.vault, [case_id], "anna", None, "Niets verandert.")
    assert refused.value.status == 422 and "ligt al bij" in refused.value.message_nl
    assert "already" in str(refused.value)
    assert server_change_count(server) == before
    # The case's own worker with a new back-up: only the back-up changes, and the note
    # does not claim a handover.
    team.hand_over(lead.vault, [case_id], "anna", "noor", "Noor vervangt tijdens verlof.")
    sync_now(lead.vault)
    assert _held(lead, case_id) == ("anna", "noor")
    (note,) = lead.casework.case_file(case_id).handover_notes
    assert "Overgedragen" not in note.summary and "Vervanger gewijzigd" in note.summary
    assert "anna blijft de begeleider" in note.summary
    # The same again: nothing would change, refused.
    with pytest.raises(team.HandoverFailed):
        team.hand_over(lead.vault, [case_id], "anna", "noor", "Nog eens.")


def test_an_account_name_made_in_a_shell_with_hidden_characters_writes_no_note(
    server, oost
) -> None:
    """Names in the note come from accounts; one made with `koers-server user add` that
    holds an escape or an override is refused as a recipient, nothing half done."""
    _, lead, (case_id, _) = oost
    server.add_user("bo\u202eb", "worker", "Oost")
    before = server_change_count(server)
    with pytest.raises(team.HandoverFailed) as refused:
        team.hand_over(lead.vault, [case_id], "bo\u202eb", None, REASON)
    assert refused.value.status == 422 and "account name" in str(refused.value)
    assert "accountnaam" in refused.value.message_nl
    assert holder(server, case_id) == "anna" and server_change_count(server) == before
