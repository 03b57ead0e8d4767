"""The goals tab: goals and actions per life domain (the ondersteuningsplan)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from app.casework import CaseFile
from app.vocabulary import LifeDomain
from ui.case_file import html
from ui.formatting import day

translate = QCoreApplication.translate


def goals_html(file: CaseFile) -> str:
    if not file.goals:
        return html.empty(translate("CaseSections", "No goals yet."))
    parts = []
    for domain in LifeDomain:
        goals = [g for g in file.goals if g.domain is domain]
        if not goals:
            continue
        parts.append(html.heading(domain.label))
        for g in goals:
            child = f" ({escape(g.child)})" if g.child else ""
            due = (
                " · " + escape(translate("CaseSections", "due")) + f" {day(g.due_date)}"
                if g.due_date
                else ""
            )
            parts.append(
                f"<p><b>{escape(g.goal)}</b>{child} · {escape(g.status.label)}{due}</p><ul>"
            )
            for a in (a for a in file.actions if a.goal_id == g.id):
                who = f" – {escape(a.who)}" if a.who else ""
                parts.append(
                    f"<li>{escape(a.description)}{who} · {escape(a.status.label)}"
                    + (f" · {day(a.due_date)}" if a.due_date else "")
                    + "</li>"
                )
            parts.append("</ul>")
    return "".join(parts)
