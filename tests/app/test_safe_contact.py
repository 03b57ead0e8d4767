""" "Mogen we bellen" defaults to no: a call at the wrong moment can endanger a client who
hides from a violent partner, so only a worker's explicit yes lets Koers say "may call".
Cases stored before this default changed keep what they hold."""

from __future__ import annotations

import json
from datetime import date

from app.case import Case, SafeContact
from app.casework import Casework, new_id
from app.synthetic import populate


def a_case(**changes) -> Case:
    values = dict(
        id=new_id(),
        display_name="Fleur van Zanddorp",
        initials="",
        programme_id="ambulant",
        phase_id="begeleiding",
        start_date=date(2026, 9, 1),
        worker="tester",
    )
    values.update(changes)
    return Case(**values)


def test_may_call_is_no_unless_said_otherwise() -> None:
    assert SafeContact().may_call is False
    assert a_case().safe_contact.may_call is False


def test_stored_cases_keep_their_answer(casework: Casework) -> None:
    yes = a_case(safe_contact=SafeContact(may_call=True, code_word="zonnebloem"))
    no = a_case(display_name="Iris Bakkerveld", safe_contact=SafeContact(may_call=False))
    casework.add_case(yes)
    casework.add_case(no)
    assert casework.get_case(yes.id).safe_contact.may_call is True
    assert casework.get_case(no.id).safe_contact.may_call is False
    # A value written by an older Koers (when the default was yes) reads as it was stored.
    older = json.dumps(
        {"code_word": "", "if_someone_else_answers": "", "may_call": True, "safe_times": ""}
    )
    with casework.vault.transaction():
        casework.vault.db.execute("UPDATE cases SET safe_contact = ? WHERE id = ?", [older, no.id])
    assert casework.get_case(no.id).safe_contact.may_call is True


def test_synthetic_caseload_still_holds_both_answers(casework: Casework) -> None:
    populate(casework, 30, seed=5)
    answers = [case.safe_contact.may_call for case in casework.cases()]
    assert True in answers and False in answers
