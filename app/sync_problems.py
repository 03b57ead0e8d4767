"""Changes that did not go through sync, as the worker sees them: incoming ones this laptop set
aside (they do not fit the wire format's schema) and outgoing ones the server refused. Each
names its case where this laptop holds it, the kind of record and the reason in Dutch; none
of them shows a value. The command line (`koers sync --problems`) prints ids, record type and
reason only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from storage import set_aside
from storage.set_aside import INCOMING, OUTGOING, Problem
from storage.vault import Vault

__all__ = [
    "INCOMING",
    "OUTGOING",
    "SyncProblem",
    "count_set_aside",
    "one_line_reason",
    "kind_nl",
    "reason_nl",
    "sync_problem_count",
    "sync_problems",
]

# The kind of record, in the case file's words.
KINDS_NL = {
    "case": "Casus",
    "screening": "Screening",
    "contact": "Contact",
    "safety_plan": "Veiligheidsplan",
    "agreement": "Veiligheidsafspraak",
    "breach": "Schending",
    "breach_follow_up": "Opvolging van een schending",
    "goal": "Doel",
    "action": "Actie",
    "zrm_assessment": "ZRM-meting",
    "handover_note": "Overdrachtsnotitie",
    "case_discussion": "Casusbespreking",
    "social_map_entry": "Sociale kaart",
    "programme": "Programma",
    "household_member": "Lid van het huishouden",
    "danger_person": "Persoon (dreiging)",
    "case_partner": "Ketenpartner",
    "closure": "Afsluiting",
    "reopening": "Heropening",
}

# The reasons both ends give (sync/schema.py, the server's push, storage/remote.py), in
# Dutch: (pattern on the English reason, Dutch text). Numbers are carried over.
_REASONS_NL: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), dutch)
    for pattern, dutch in (
        (r"^unknown record type$", "Een soort gegeven dat deze versie van Koers niet kent."),
        (
            r"^a field name that is not in the schema",
            "Bevat een veld dat deze versie van Koers niet kent.",
        ),
        (
            r"^field \w+ holds (\d+) characters; at most (\d+) are allowed$",
            "Een veld is te lang: {0} tekens, hier passen er hoogstens {1}.",
        ),
        (
            r"^field \w+ holds (a null byte|a lone UTF-16 surrogate)",
            "Een veld bevat een teken dat niet kan worden bewaard.",
        ),
        (
            r"^field \w+ (holds a nested value|must be|may not be null|does not hold its JSON"
            r"|holds a number)",
            "Een veld bevat een waarde van de verkeerde soort.",
        ),
        (
            r"^a created \w+ lacks required fields",
            "Onvolledig: er ontbreken velden die bij het aanmaken horen.",
        ),
        (r"^the change sets no field$", "Een lege wijziging."),
        (r"^the (change|record) id ", "De code van de wijziging is onleesbaar."),
        (
            r"^a change of a record whose creation was set aside$",
            "Hoort bij een gegeven dat hier zelf apart is gezet.",
        ),
        (
            r"^a change of a case this laptop does not hold",
            "Hoort bij een casus die niet op deze laptop staat.",
        ),
        (
            r"^no access to this case$",
            "Geen toegang tot deze casus (overgedragen of niet aan jou toegewezen).",
        ),
        (
            r"^the change is stamped by another device",
            "De wijziging draagt het kenmerk van een ander apparaat.",
        ),
        (
            r"^the change is stamped (\d+) s ahead",
            "De klok van deze laptop liep {0} seconden voor op die van de server.",
        ),
        (
            r"^the case was handed over",
            "De casus is overgedragen; de server bewaart deze wijziging voor de nieuwe begeleider.",
        ),
        (
            r"^the server keeps this change as a late arrival",
            "De server bewaart deze wijziging voor de nieuwe begeleider van de casus.",
        ),
        (
            r"^this change id is known with other content$",
            "De server kent deze wijziging al, met een andere inhoud.",
        ),
        (r"^record names no case$", "Het gegeven hoort bij geen enkele casus."),
        (
            r"^a record cannot move to another case$",
            "Een gegeven kan niet naar een andere casus.",
        ),
        (
            r"^field \w+ is set by the server's assignment",
            "Wie de casus heeft, legt de server vast bij de toewijzing.",
        ),
        (
            r"^no permission for organisation records",
            "Geen recht om dit gegeven van de organisatie te wijzigen.",
        ),
    )
)
# Said when a reason has no Dutch text of its own, by answer code.
_CODES_NL = {
    set_aside.SET_ASIDE: "Kon op deze laptop niet worden verwerkt",
    "invalid": "Past niet in het gegevensformaat van Koers",
    "refused": "Geweigerd door de server",
    "clock_ahead": "De klok van deze laptop liep voor",
    "kept_late": "De server bewaart deze wijziging voor de nieuwe begeleider",
}


def kind_nl(record_type: str) -> str:
    """A record type in Dutch (the type's own name when this Koers does not know it)."""
    return KINDS_NL.get(record_type, record_type)


def reason_nl(code: str, reason: str) -> str:
    """A reason in Dutch: its own text where this Koers knows it, else what the code means
    with the English reason after it (reasons name no values)."""
    for pattern, dutch in _REASONS_NL:
        found = pattern.search(reason)
        if found is not None:
            return dutch.format(*(_dutch_number(g) for g in found.groups()))
    general = _CODES_NL.get(code, "Niet gesynchroniseerd")
    return f"{general} ({reason})."


def _dutch_number(text: str) -> str:
    return f"{int(text):,}".replace(",", ".") if text.isdigit() else text


@dataclass(frozen=True)
class SyncProblem:
    """One change that did not go through, for the window. `direction`: INCOMING (set aside
    on this laptop) or OUTGOING (refused by the server); `case_name`: the case's name where
    this laptop holds it, else None; `kind` and `reason` in Dutch; `reason_en` and the ids
    as recorded; `code`: "set_aside" or the server's answer code."""

    direction: str
    code: str
    change_id: str
    record_type: str
    record_id: str
    case_id: str | None
    case_name: str | None
    kind: str
    reason: str
    reason_en: str
    at: datetime | None


def sync_problems(vault: Vault) -> list[SyncProblem]:
    """Every set-aside incoming and refused outgoing change, newest first."""
    problems = set_aside.problems(vault.db)
    names = _case_names(vault, {p.case_id for p in problems if p.case_id is not None})
    return [_shown(p, names) for p in problems]


def sync_problem_count(vault: Vault) -> int:
    """How many changes `sync_problems` lists (for the status line)."""
    return set_aside.problem_count(vault.db)


def count_set_aside(vault: Vault) -> int:
    """How many received changes this laptop set aside."""
    return int(vault.db.execute("SELECT count(*) FROM sync_set_aside").fetchone()[0])


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def one_line_reason(text: str) -> str:
    """`text` for one line of a terminal: control characters shown as '?', at most 300
    characters (a reason or an id as recorded; reasons name no values)."""
    return _CONTROL.sub("?", text)[:300]


def _shown(problem: Problem, names: dict[str, str]) -> SyncProblem:
    return SyncProblem(
        direction=problem.direction,
        code=problem.code,
        change_id=problem.change_id,
        record_type=problem.record_type,
        record_id=problem.record_id,
        case_id=problem.case_id,
        case_name=names.get(problem.case_id) if problem.case_id is not None else None,
        kind=kind_nl(problem.record_type),
        reason=reason_nl(problem.code, problem.reason),
        reason_en=problem.reason,
        at=_moment(problem.at),
    )


def _case_names(vault: Vault, case_ids: set[str]) -> dict[str, str]:
    ids = sorted(case_ids)
    names: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for case_id, name in vault.db.execute(
            f"SELECT id, display_name FROM cases WHERE deleted = 0 AND id IN ({marks})", chunk
        ):
            if isinstance(name, str) and name.strip():
                names[case_id] = name
    return names


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
