"""One length limit per field (storage/field_limits.py), applied by the app's services and by
the sync server alike; emoji pictures and control characters are refused by the services with
a Dutch reason. Every refusal writes nothing."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from app.casework import Casework, new_id
from app.contact import Contact
from app.errors import ValidationError
from app.safety import SafetyAgreement, SafetyPlan
from storage.field_limits import NAME, REPORT, TEXT, max_length
from tests.app.test_intake import table_counts
from tests.app.test_programme_rules import started_case
from tests.conftest import NOW
from tests.security.test_access_and_tokens import create_case, enroll, hlc_of
from tests.security.test_bad_input_caseload import push, reasons
from tests.sync.wire_records import created_fields


def a_contact(casework: Casework, case_id: str, report: str) -> Contact:
    return Contact(new_id(), case_id, NOW - timedelta(days=1), report=report)


def refused(casework: Casework, write: Any) -> ValidationError:
    before = table_counts(casework.vault)
    with pytest.raises(ValidationError) as caught:
        write()
    assert table_counts(casework.vault) == before
    return caught.value


def test_a_report_may_be_as_long_as_its_limit_and_not_one_character_more(
    casework: Casework,
) -> None:
    case = started_case(casework)
    assert max_length("contact", "report") == REPORT == 100_000
    casework.record_contact(a_contact(casework, case.id, "x" * REPORT))
    error = refused(
        casework, lambda: casework.record_contact(a_contact(casework, case.id, "x" * (REPORT + 1)))
    )
    assert error.field == "report"
    assert (
        error.message_nl == "De tekst is te lang: 100.001 tekens, hier passen er hoogstens 100.000."
    )


def test_a_safety_plan_field_and_an_agreement_name_have_their_own_limits(
    casework: Casework,
) -> None:
    case = started_case(casework)
    today = casework.today()
    plan = SafetyPlan(new_id(), case.id, 1, today, "tester", today, escape_plan="y" * (TEXT + 1))
    assert refused(casework, lambda: casework.save_safety_plan(plan)).field == "escape_plan"
    agreement = SafetyAgreement(
        new_id(), case.id, "z" * 1_001, "Komt niet aan de deur", "wijkagent", today, today
    )
    assert refused(casework, lambda: casework.add_agreement(agreement)).field == "who"


def test_a_change_to_a_long_text_is_checked_too(casework: Casework) -> None:
    case = started_case(casework)
    today = casework.today()
    agreement = SafetyAgreement(
        new_id(), case.id, "partner", "Komt niet aan de deur", "wijkagent", today, today
    )
    casework.add_agreement(agreement)
    longer = SafetyAgreement(**{**agreement.__dict__, "agreement": "a" * (TEXT + 1)})
    assert refused(casework, lambda: casework.update_agreement(longer)).field == "agreement"
    assert casework.get(SafetyAgreement, agreement.id) == agreement


@pytest.mark.parametrize(
    "text",
    ["Bang 😱 voor hem", "Stuurde ❤️", "Zij 👩🏽\u200d⚕️ belde"],
    ids=["face", "heart-with-selector", "zwj-sequence"],
)
def test_an_emoji_picture_in_a_report_is_kept_as_typed(casework: Casework, text: str) -> None:
    """Every export prints emoji (app/exports/script.py), so a report keeps them."""
    case = started_case(casework)
    contact = a_contact(casework, case.id, text)
    casework.record_contact(contact)
    assert casework.get(Contact, contact.id).report == text


def test_an_emoji_in_a_name_is_refused_with_a_reason(casework: Casework) -> None:
    case = started_case(casework)
    error = refused(casework, lambda: casework.update_case(replace(case, display_name="Fleur 🌻")))
    assert error.field == "display_name"
    assert "Een naam bevat geen emoji" in error.message_nl


def test_text_symbols_a_document_prints_stay(casework: Casework) -> None:
    case = started_case(casework)
    text = "Afspraak ✔ · ☎ 0800-2000 · © school"
    contact = a_contact(casework, case.id, text)
    casework.record_contact(contact)
    assert casework.get(Contact, contact.id).report == text


def test_a_control_character_in_an_agreement_is_refused(casework: Casework) -> None:
    case = started_case(casework)
    today = casework.today()
    agreement = SafetyAgreement(
        new_id(), case.id, "partner", "Komt niet\x1b[2J aan de deur", "wijkagent", today, today
    )
    error = refused(casework, lambda: casework.add_agreement(agreement))
    assert error.field == "agreement" and "stuurteken" in error.message_nl


# --- the server applies the same limits to what a laptop pushes ----------------------------


def test_the_server_refuses_a_pushed_value_longer_than_its_field(server: Any) -> None:
    server.add_user("anna")
    token = enroll(server, "anna")[1]
    case_id = create_case(server, token)

    def contact(report: str) -> dict[str, Any]:
        return {
            "change_id": str(uuid.uuid4()),
            "record_type": "contact",
            "record_id": str(uuid.uuid4()),
            "fields": created_fields("contact", case_id, report=report),
            "hlc": hlc_of(token),
            "device_id": "dev",
            "created": True,
        }

    fits, too_long = contact("x" * REPORT), contact("x" * (REPORT + 1))
    name = {**contact(""), "record_type": "household_member"}
    name["fields"] = created_fields("household_member", case_id, name="n" * (NAME + 1))
    answer = push(server, token, fits, too_long, name)
    assert answer["accepted"] == [fits["change_id"]]
    assert reasons(answer) == {
        too_long["change_id"]: "field report holds 100001 characters; at most 100000 are allowed",
        name["change_id"]: "field name holds 201 characters; at most 200 are allowed",
    }
