"""How dates, risks and due states read on screen (shared by every view)."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject
from PySide6.QtGui import QColor, QFont

from app.vocabulary import RiskSituation

# Colour of the risk badge per screening situation (background, text).
RISK_COLOURS = {
    RiskSituation.GEEN_DREIGING: ("#dff3e4", "#1d5e2f"),
    RiskSituation.GERINGE_DREIGING: ("#fff4cc", "#6b5200"),
    RiskSituation.ERNSTIGE_DREIGING: ("#ffe0c2", "#8a3c00"),
    RiskSituation.ACUUT_GEVAAR: ("#ffd6d6", "#8f1010"),
}

translate = QCoreApplication.translate


class Counted(QObject):
    """Texts with a count ("%n day(s)"), through self.tr: the pyside6-lupdate of PySide6 6.11
    reads the count of tr(text, "", n) but drops it from translate(context, text, None, n)
    unless n is a literal, and then the Dutch plural ("dagen") would never be used."""

    def days_overdue(self, days: int) -> str:
        return self.tr("%n day(s) overdue", "", days)

    def in_days(self, days: int) -> str:
        return self.tr("in %n day(s)", "", days)

    def reopened(self, times: int) -> str:
        return self.tr("Reopened %n time(s).", "", times)

    def lost_merges(self, values: int) -> str:
        return self.tr(
            "⚠ %n value(s) of this case lost a sync merge; each is marked below, with the "
            "link that takes it back.",
            "",
            values,
        )

    def unreadable(self, records: int) -> str:
        return self.tr(
            "⚠ %n record(s) of this case cannot be shown: they hold a value from another "
            "laptop that this version of Koers does not accept. They are kept as they are.",
            "",
            records,
        )


COUNTED = Counted()


def one_line(text: str, limit: int | None = None) -> str:
    """`text` on one line (line breaks and runs of spaces become one space); with `limit`,
    cut to that many characters, the last one "…"."""
    line = " ".join(text.split())
    return line if limit is None or len(line) <= limit else line[: limit - 1] + "…"


# Dates and times by hand, not strftime: with PySide6 loaded every strftime call imports the
# time module through shiboken's import hook (Python code), about 20 us a call here, and a
# dashboard of 5,000 cases formats thousands (bench.desktop).


def day(value: date | None) -> str:
    """A date as 27-11-2026; "–" without one."""
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}" if value else "–"


def short_day(value: date | None) -> str:
    """A date as 27-11; "–" without one."""
    return f"{value.day:02d}-{value.month:02d}" if value else "–"


def clock_time(value: datetime) -> str:
    """A time as 09:05, as `value` holds it (convert to local time first)."""
    return f"{value.hour:02d}:{value.minute:02d}"


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
    return COUNTED.days_overdue(days) if days > 0 else ""


def due_text(due_on: date | None, today: date) -> str:
    """The next contact in a line: "3 days overdue", "today" or its date."""
    if due_on is None:
        return translate("Formatting", "no contact due")
    if due_on < today:
        return overdue_text((today - due_on).days)
    if due_on == today:
        return translate("Formatting", "today")
    return day(due_on)


class DueState(Enum):
    """How a dated item stands against today; each state has its own words and colour."""

    OVERDUE = "overdue"
    TODAY = "today"
    LATER = "later"


# Text colour per state (None: the palette's own). Red and amber read on white and on the
# alternating row colour alike.
DUE_COLOURS = {DueState.OVERDUE: "#b00020", DueState.TODAY: "#8a5300", DueState.LATER: None}


def due_state(due_on: date | None, today: date) -> DueState | None:
    """OVERDUE before today, TODAY on it, LATER after it; None without a date."""
    if due_on is None:
        return None
    if due_on < today:
        return DueState.OVERDUE
    return DueState.TODAY if due_on == today else DueState.LATER


def due_words(due_on: date | None, today: date) -> str:
    """A date relative to today in words: "3 days overdue", "today", "in 2 days"."""
    if due_on is None:
        return ""
    days = (due_on - today).days
    if days < 0:
        return overdue_text(-days)
    if days == 0:
        return translate("Formatting", "today")
    return COUNTED.in_days(days)


def dated_words(due_on: date | None, today: date) -> str:
    """A short date with its words, for a narrow column: "27-10 · 34 days overdue"."""
    if due_on is None:
        return "–"
    return f"{short_day(due_on)} · {due_words(due_on, today)}"


def due_colour(state: DueState | None) -> QColor | None:
    """The text colour that marks a state (red overdue, amber today), or None."""
    colour = DUE_COLOURS.get(state) if state else None
    return QColor(colour) if colour else None


def due_font(state: DueState | None, base: QFont) -> QFont | None:
    """Due today and overdue are bold (so they differ without colour too), or None."""
    if state not in (DueState.OVERDUE, DueState.TODAY):
        return None
    font = QFont(base)
    font.setBold(True)
    return font


def weekday_day(value: date) -> str:
    """A day with its weekday name in the interface language: "maandag 23-11"."""
    name = QLocale().dayName(value.isoweekday(), QLocale.FormatType.LongFormat)
    return f"{name} {short_day(value)}"


def long_day(value: date, with_year: bool = True) -> str:
    """A date as people write it, in the interface language: "30 november 2026"."""
    return QLocale().toString(
        QDate(value.year, value.month, value.day), "d MMMM yyyy" if with_year else "d MMMM"
    )
