"""A laptop's stored caseload lines (app/caseload_store.py) stay the rules' answer when a pull
through the real server brings the other laptop's edits: new cases, contacts, corrections,
deleted contacts, phases, overrides, closings and reopenings, renamed and deleted cases."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from app.case import FrequencyOverride
from app.casework import Casework, new_id
from app.closing import Reopening, close_case, reopen_case
from app.contact import Contact
from app.errors import ValidationError
from app.programmes import ContactFrequency
from app.screening import ContraIndicated
from app.synthetic import populate
from tests.app.test_caseload_store import assert_same, stale_lines
from tests.app.test_closing import closure
from tests.app.test_programme_rules import at
from tests.sync.test_people_sync import in_step


def random_edits(work: Casework, rng: random.Random, count: int) -> None:
    today = work.today()
    for _ in range(count):
        cases = work.cases(include_closed=True)
        case = rng.choice(cases)
        roll = rng.randrange(9)
        try:
            if roll <= 2:
                when = at(today - timedelta(days=rng.randrange(0, 120)))
                work.record_contact(Contact(new_id(), case.id, when, brief=True))
            elif roll == 3:
                since = today + timedelta(days=rng.randrange(-10, 20))
                override = FrequencyOverride(ContactFrequency(2, 7), "Na incident.", since)
                work.set_frequency_override(case.id, override)
            elif roll == 4:
                close_case(work, closure(case.id, today, nazorg=rng.random() < 0.5))
            elif roll == 5:
                reopen_case(work, Reopening(new_id(), case.id, today, "Terugval."))
            elif roll == 6:
                work.update_case(replace(case, display_name="Andere Naam"))
            elif roll == 7:
                done = work.open_case(case.id).contacts
                if done:
                    work.store.delete("contact", rng.choice(done).id)
            else:
                populate(work, 1, seed=rng.randrange(1000))
        except (ValidationError, ContraIndicated):
            pass  # an edit the services refuse changes nothing


def test_stored_lines_follow_each_pull(server, laptop) -> None:  # type: ignore[no-untyped-def]
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    populate(first.casework, 25, seed=8)
    in_step(first, second)
    today = second.casework.today()
    assert stale_lines(second.casework, today) > 0
    assert_same(second.casework, today)
    assert stale_lines(second.casework, today) == 0
    rng = random.Random(17)
    for _ in range(4):
        random_edits(first.casework, rng, 12)
        in_step(first, second)
        assert stale_lines(second.casework, today) > 0  # the pull left lines to compute
        assert_same(second.casework, today)
        assert_same(second.casework, today + timedelta(days=30))
        assert_same(first.casework, today)
    first.casework.store.delete("case", first.casework.cases()[0].id)
    in_step(first, second)
    assert_same(second.casework, today)
