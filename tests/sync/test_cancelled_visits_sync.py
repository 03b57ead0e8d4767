"""A visit cancelled on one laptop, or taken away by closing its case, leaves the agenda of
the worker's other laptop too (a tombstone through the real server)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from app.casework import new_id
from app.closing import close_case
from app.contact import Contact
from app.dashboard import planned_between
from app.rules import LOCAL_TZ
from app.vocabulary import ContactStatus
from tests.app.test_closing import closure
from tests.app.test_programme_rules import started_case
from tests.sync.test_people_sync import in_step


def test_a_cancelled_visit_leaves_every_laptop(server, laptop) -> None:
    server.add_user("anna")
    first, second = laptop("anna"), laptop("anna")
    work = first.casework
    today = work.today()
    kept_case = started_case(work, display_name="Bea Bezig")
    closed_case = started_case(work, display_name="Cora Klaar")

    def plan(case_id: str, days: int) -> str:
        when = datetime.combine(today + timedelta(days=days), time(11), tzinfo=LOCAL_TZ)
        return work.plan_contact(Contact(new_id(), case_id, when, status=ContactStatus.GEPLAND))

    cancelled = plan(kept_case.id, 1)
    kept = plan(kept_case.id, 2)
    plan(closed_case.id, 3)
    in_step(first, second)
    week = (today, today + timedelta(days=7))
    assert len(planned_between(second.vault.db, *week)) == 3

    work.cancel_planned_contact(cancelled)
    close_case(work, closure(closed_case.id, today))
    in_step(first, second)
    for machine in (first, second):
        assert [v.contact_id for v in planned_between(machine.vault.db, *week)] == [kept]
