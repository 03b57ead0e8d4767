"""How exports write dates, risks and yes/no in Dutch."""

from __future__ import annotations

from datetime import date, datetime

from app.rules import LOCAL_TZ
from app.screening import RiskScreening

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def moment(value: datetime) -> str:
    return value.astimezone(LOCAL_TZ).strftime("%d-%m-%Y %H:%M")


def month(year: int, month_number: int) -> str:
    return f"{MONTHS[month_number - 1]} {year}"


def phase_words(name: str) -> str:
    """ "fase Analyse", but a phase named "Fase 3: overdracht van zorg" as it is (not
    "fase Fase 3")."""
    return name if name.casefold().startswith("fase") else f"fase {name}"


def phase_title(name: str) -> str:
    """ "Fase Analyse" for a line of its own, but a phase named "Fase 1: transitie" as it is
    (not "Fase Fase 1: transitie")."""
    return name if name.casefold().startswith("fase") else f"Fase {name}"


def yes_no(value: bool) -> str:
    return "ja" if value else "nee"


def risk(screening: RiskScreening | None) -> str:
    if screening is None:
        return "geen screening"
    text = f"situatie {int(screening.situation)} ({screening.situation.label})"
    if screening.location_code is not None:
        text += f", locatiecode {screening.location_code.label.lower()}"
    return text
