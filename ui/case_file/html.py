"""The small HTML pieces every read-only tab of the case file is built from.

Every value is escaped here; callers pass plain text (and, for a conflict mark, the mark's
own HTML from ui/case_file/conflict_marks.py). Texts use the "CaseSections" translation
context, so the Dutch words of the case file stay one set.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

# One row of a table: a label, its value as plain text, and optional trusted HTML after it.
Row = tuple[str, str] | tuple[str, str, str]


def rows(pairs: list[Row]) -> str:
    """A two-column table: bold labels left, escaped values right ("–" for an empty one)."""
    cells = []
    for pair in pairs:
        label, value = pair[0], pair[1]
        extra = pair[2] if len(pair) > 2 else ""  # type: ignore[misc]
        cells.append(
            f"<tr><th align='left' valign='top' style='padding-right:14px'>{escape(label)}</th>"
            f"<td>{escape(value) if value else '–'}{extra}</td></tr>"
        )
    return f"<table cellspacing='4'>{''.join(cells)}</table>"


def empty(message: str) -> str:
    return f"<p>{escape(message)}</p>"


def yes_no(flag: bool) -> str:
    return translate("CaseSections", "yes") if flag else translate("CaseSections", "no")


def heading(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def multiline(text: str) -> str:
    return escape(text).replace("\n", "<br>") if text else "–"
