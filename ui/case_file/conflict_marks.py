"""Marks for values that lost a same-field merge (CaseFile.conflicts).

Sync keeps the losing value of a field that two devices changed at once; the case file shows
it next to the field with one click to take it ("conflict:<id>" links, handled by the view).
Values arrive as vault column values and are shown as a worker reads them; an address of a
case with a secret address stays masked unless it was revealed.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections import defaultdict
from datetime import date
from enum import Enum
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from app import codec
from app.case import Address, FrequencyOverride, PhaseEntry, SafeContact
from app.casework import RECORD_TYPES, Conflict
from app.dashboard import SECRET_ADDRESS_MASK
from ui.formatting import day

translate = QCoreApplication.translate

CONFLICT_SCHEME = "conflict:"
MAX_VALUE_CHARS = 200
# Fields whose text may give a secret address away.
ADDRESS_FIELDS = frozenset({"address", "location"})
_CLASSES = {name: cls for cls, name in RECORD_TYPES.items()}


class ConflictMarks:
    """The open conflicts of one case, looked up by record and field; remembers which were
    shown so the rest can be listed at the end of the overview."""

    def __init__(self, conflicts: list[Conflict], *, mask_address: bool) -> None:
        self.mask_address = mask_address
        self._by_field: dict[tuple[str, str], list[Conflict]] = defaultdict(list)
        for conflict in conflicts:
            self._by_field[(conflict.record_id, conflict.field)].append(conflict)
        self._shown: set[str] = set()
        self._all = conflicts

    def mark(self, record_id: str, *fields: str, name_field: bool = False) -> str:
        """The marks (HTML) of these fields of one record; '' when none lost a merge."""
        html = []
        for field in fields:
            for conflict in self._by_field.get((record_id, field), []):
                self._shown.add(conflict.id)
                html.append(self.mark_html(conflict, name_field=name_field))
        return "".join(html)

    def mark_record(self, record_id: str) -> str:
        """The marks of every field of one record (a person on one line)."""
        fields = sorted({f for (rid, f) in self._by_field if rid == record_id})
        return self.mark(record_id, *fields, name_field=True)

    def unshown(self) -> list[Conflict]:
        return [c for c in self._all if c.id not in self._shown]

    def mark_html(self, conflict: Conflict, *, name_field: bool = False) -> str:
        """One mark: the other value and the link that takes it."""
        value = value_text(conflict, mask_address=self.mask_address)
        what = f"{field_label(conflict.field)}: " if name_field else ""
        text = translate("CaseSections", "⚠ Other value from a sync merge: %1").replace(
            "%1", f"{what}«{value}»"
        )
        take = translate("CaseSections", "Take this value")
        return (
            "<br><span style='color:#8a3c00; font-weight:bold'>"
            f"{escape(text)}</span> <a href='{CONFLICT_SCHEME}{escape(conflict.id)}'>"
            f"{escape(take)}</a>"
        )


def conflict_id_of(link: str) -> str | None:
    """The conflict id a mark's link names, or None for another link."""
    return link[len(CONFLICT_SCHEME) :] if link.startswith(CONFLICT_SCHEME) else None


def decoded(record_type: str, field: str, value: Any) -> Any:
    """A column value as the domain type of that field (the column value if unknown)."""
    cls = _CLASSES.get(record_type)
    if cls is None or value is None:
        return value
    hint = typing.get_type_hints(cls).get(field)
    if hint is None:
        return value
    base = hint
    if typing.get_origin(hint) in (typing.Union, types.UnionType):  # X | None
        base = next(a for a in typing.get_args(hint) if a is not type(None))
    structured = typing.get_origin(base) in (tuple, list, dict) or dataclasses.is_dataclass(base)
    try:
        text = value if structured and isinstance(value, str) else json.dumps(value)
        return codec.decode_json(hint, text)
    except (TypeError, ValueError, KeyError):
        return value


def value_text(conflict: Conflict, *, mask_address: bool) -> str:
    """The losing value as a worker reads it, masked where it may name a secret address."""
    if mask_address and conflict.field in ADDRESS_FIELDS and conflict.losing_value:
        return SECRET_ADDRESS_MASK
    text = readable(decoded(conflict.record_type, conflict.field, conflict.losing_value))
    if len(text) > MAX_VALUE_CHARS:
        text = text[:MAX_VALUE_CHARS] + "…"
    return text or "–"


def readable(value: Any) -> str:
    """A decoded value in words: dates as dd-mm-yyyy, vocabulary by its Dutch label."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return translate("CaseSections", "yes") if value else translate("CaseSections", "no")
    if isinstance(value, Enum):
        label = getattr(value, "label", None)
        return str(label if label is not None else value.value)
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Address):
        return value.one_line()
    if isinstance(value, FrequencyOverride):
        return f"{value.frequency.label} – {value.reason}"
    if isinstance(value, SafeContact):
        return "; ".join(
            x
            for x in (
                translate("CaseSections", "May we call?") + " " + readable(value.may_call),
                value.safe_times,
                value.if_someone_else_answers,
            )
            if x
        )
    if isinstance(value, tuple | list):
        if value and isinstance(value[-1], PhaseEntry):
            return f"{value[-1].phase_id} ({day(value[-1].since)})"
        return ", ".join(readable(v) for v in value)
    if dataclasses.is_dataclass(value):
        return ", ".join(
            readable(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "id"
        )
    return str(value)


def field_label(field: str) -> str:
    """A field's name in the case file's words (the stored name for a field not listed)."""
    labels = {
        "name": translate("CaseSections", "Name"),
        "birth_year": translate("CaseSections", "Birth year"),
        "role": translate("CaseSections", "Role"),
        "school": translate("CaseSections", "School"),
        "involved": translate("CaseSections", "Also involved"),
        "safety_concerns": translate("CaseSections", "Own safety concerns"),
        "contact_with_father": translate("CaseSections", "Contact with father"),
        "relation": translate("CaseSections", "Relation"),
        "omgangsregeling": "omgangsregeling",
        "notes": translate("CaseSections", "Notes"),
        "kind": translate("CaseSections", "Kind"),
        "organisation": translate("CaseSections", "Organisation"),
        "contact_person": translate("CaseSections", "Contact person"),
        "phone": translate("CaseSections", "Phone"),
        "is_child": translate("CaseSections", "Child"),
    }
    for order in ("huisverbod", "contactverbod", "straatverbod"):
        labels[f"{order}_from"] = translate("CaseSections", "%1 from").replace("%1", order)
        labels[f"{order}_until"] = translate("CaseSections", "%1 until").replace("%1", order)
    return labels.get(field, field)


def record_label(record_type: str) -> str:
    """A record type in the case file's words."""
    labels = {
        "case": translate("CaseSections", "Case"),
        "screening": translate("CaseSections", "Screening"),
        "contact": translate("CaseSections", "Contact"),
        "safety_plan": translate("CaseSections", "Safety plan"),
        "agreement": translate("CaseSections", "Safety agreement"),
        "breach": translate("CaseSections", "Breach"),
        "goal": translate("CaseSections", "Goal"),
        "action": translate("CaseSections", "Action"),
        "zrm_assessment": "ZRM",
        "handover_note": translate("CaseSections", "Handover note"),
        "case_discussion": translate("CaseSections", "Case discussion"),
        "household_member": translate("CaseSections", "Household member"),
        "danger_person": translate("CaseSections", "Danger person"),
        "case_partner": translate("CaseSections", "Partner"),
        "closure": translate("CaseSections", "Closure"),
        "reopening": translate("CaseSections", "Reopening"),
    }
    return labels.get(record_type, record_type)
