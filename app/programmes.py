"""Programmes, their phases and default contact frequencies: data an organisation may change.

The defaults follow DOMAIN.md: Moviera in de wijk (CTI-style taper), Take a Break (at most six
weeks), regular ambulant support, and nazorg with planned check-ins after 1, 3 and 6 months.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from app.errors import ValidationError, require, require_text


@dataclass(frozen=True)
class ContactFrequency:
    """`count` contacts every `per_days` days, e.g. 2 per 7 days."""

    count: int
    per_days: int

    def __post_init__(self) -> None:
        require(
            isinstance(self.count, int) and self.count >= 1,
            "frequency",
            "the number of contacts must be at least 1",
            "Het aantal contacten moet minstens 1 zijn.",
        )
        require(
            isinstance(self.per_days, int) and 1 <= self.per_days <= 366,
            "frequency",
            "the period must be between 1 and 366 days",
            "De periode moet tussen 1 en 366 dagen liggen.",
        )

    @cached_property
    def interval_days(self) -> int:
        """Days until the next contact is due after one took place."""
        return max(1, math.ceil(self.per_days / self.count))

    @property
    def per_day(self) -> float:
        return self.count / self.per_days

    @property
    def label(self) -> str:
        if self.per_days == 7:
            return f"{self.count} per week"
        if self.per_days % 7 == 0:
            return f"{self.count} per {self.per_days // 7} weken"
        return f"{self.count} per {self.per_days} dagen"


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    frequency: ContactFrequency
    typical_weeks: int | None = None


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    phases: tuple[Phase, ...]
    max_duration_days: int | None = None
    # Nazorg: check-ins due this many days after the programme's start.
    checkin_offsets_days: tuple[int, ...] = ()
    end_warning_days: int = 7
    # After closing with nazorg: check-ins due this many days after the nazorg start
    # (1, 3 and 6 months by default, DOMAIN.md "Nazorg and terugval").
    nazorg_checkin_offsets_days: tuple[int, ...] = (30, 91, 182)
    # Terugvalgarantie: a closed case may be reopened this many days after closing; the
    # laptop keeps it at least this long. After it, a returning client is a new aanmelding.
    guarantee_days: int = 365

    def __post_init__(self) -> None:
        require_text(self.id, "id", "een code voor het programma")
        require_text(self.name, "name", "een naam voor het programma")
        require(bool(self.phases), "phases", "a programme needs a phase", "Geef minstens één fase.")
        require(
            isinstance(self.guarantee_days, int) and 0 <= self.guarantee_days <= 3660,
            "guarantee_days",
            "the guarantee period must be between 0 and 3660 days",
            "De terugvalgarantie moet tussen 0 en 3660 dagen liggen.",
        )
        ids = [p.id for p in self.phases]
        require(
            len(set(ids)) == len(ids),
            "phases",
            "phase ids must be unique",
            "Elke fase heeft een eigen code nodig.",
        )

    @cached_property
    def _phases_by_id(self) -> dict[str, Phase]:
        return {phase.id: phase for phase in self.phases}

    @property
    def first_phase(self) -> Phase:
        return self.phases[0]

    def phase(self, phase_id: str) -> Phase:
        phase = self._phases_by_id.get(phase_id)
        if phase is not None:
            return phase
        raise ValidationError(
            "phase_id",
            f"programme {self.id} has no phase {phase_id}",
            "Deze fase hoort niet bij het programma.",
        )


def _weekly(count: int) -> ContactFrequency:
    return ContactFrequency(count, 7)


DEFAULT_PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        id="moviera_wijk",
        name="Moviera in de wijk",
        phases=(
            Phase("analyse", "Analysefase", _weekly(2), typical_weeks=4),
            Phase("transitie", "Fase 1: transitie", _weekly(2), typical_weeks=8),
            Phase("uitproberen", "Fase 2: uitproberen", _weekly(1), typical_weeks=8),
            Phase(
                "overdracht",
                "Fase 3: overdracht van zorg",
                ContactFrequency(1, 14),
                typical_weeks=8,
            ),
            Phase("nazorg", "Nazorg", ContactFrequency(1, 30)),
        ),
    ),
    Programme(
        id="take_a_break",
        name="Take a Break",
        phases=(
            Phase("veiligheid", "Veiligheid en time-out", _weekly(3), typical_weeks=1),
            Phase(
                "analyse", "Analyse risico- en beschermende factoren", _weekly(2), typical_weeks=3
            ),
            Phase(
                "plan_van_aanpak",
                "Plan van aanpak en warme overdracht",
                _weekly(2),
                typical_weeks=2,
            ),
        ),
        max_duration_days=42,
    ),
    Programme(
        id="ambulant",
        name="Ambulante begeleiding",
        phases=(Phase("begeleiding", "Begeleiding", _weekly(1)),),
    ),
    Programme(
        id="nazorg",
        name="Nazorg",
        phases=(Phase("nazorg", "Nazorg", ContactFrequency(1, 30)),),
        checkin_offsets_days=(30, 91, 182),
    ),
)
