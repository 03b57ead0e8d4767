"""How dates, risks and due states read on screen (shared by every view)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.vocabulary import RiskSituation

# Colour of the risk badge per screening situation (background, text).
RISK_COLOURS = {
    RiskSituation.GEEN_DREIGING: ("#dff3e4", "#1d5e2f"),
    RiskSituation.GERINGE_DREIGING: ("#fff4cc", "#6b5200"),
    RiskSituation.ERNSTIGE_DREIGING: ("#ffe0c2", "#8a3c00"),
    RiskSituation.ACUUT_GEVAAR: ("#ffd6d6", "#8f1010"),
}

translate = QCoreApplication.translate


def day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "–"


def short_day(value: date | None) -> str:
    return value.strftime("%d-%m") if value else "–"


def clock_time(value: datetime) -> str:
    return value.strftime("%H:%M")


def risk_text(risk: RiskSituation | None) -> str:
    if risk is None:
        return translate("Formatting", "no screening")
    return f"{int(risk)} · {risk.label}"


def risk_colours(risk: RiskSituation | None) -> tuple[QColor, QColor] | None:
    if risk is None:
        return None
    background, text = RISK_COLOURS[risk]
    return QColor(background), QColor(text)


def overdue_text(days: int) -> str:
    return translate("Formatting", "%n day(s) overdue", None, days) if days > 0 else ""


def due_text(due_on: date | None, today: date) -> str:
    if due_on is None:
        return translate("Formatting", "no contact due")
    if due_on < today:
        return overdue_text((today - due_on).days)
    if due_on == today:
        return translate("Formatting", "today")
    return day(due_on)
