"""The read-only sections of the case file, rendered as small HTML documents.

Every value is escaped; a secret address never reaches this module unless revealed.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from app.casework import CaseFile
from app.safety import SafetyPlan
from app.vocabulary import LifeDomain
from ui.formatting import day, risk_text

translate = QCoreApplication.translate


def _rows(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><th align='left' valign='top' style='padding-right:14px'>{escape(k)}</th>"
        f"<td>{escape(v) if v else '–'}</td></tr>"
        for k, v in pairs
    )
    return f"<table cellspacing='4'>{cells}</table>"


def _empty(message: str) -> str:
    return f"<p>{escape(message)}</p>"


def _yes_no(flag: bool) -> str:
    return translate("CaseSections", "yes") if flag else translate("CaseSections", "no")


def _h(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def _multiline(text: str) -> str:
    return escape(text).replace("\n", "<br>") if text else "–"


def overview_html(file: CaseFile, address_text: str) -> str:
    case = file.case
    screening = file.latest_screening
    people = [
        f"{p.name}"
        + (f" ({p.birth_year})" if p.birth_year else "")
        + (f", {p.role}" if p.role else "")
        for p in file.household.adults
    ]
    children = [
        f"{c.name} ({c.birth_year})" + (f", {c.school}" if c.school else "")
        for c in file.household.children
    ]
    safe = case.safe_contact
    parts = [
        _h(translate("CaseSections", "Client and household")),
        _rows(
            [
                (translate("CaseSections", "Name"), case.display_name),
                (translate("CaseSections", "Initials"), case.initials),
                (translate("CaseSections", "Birth year"), str(case.birth_year or "")),
                (translate("CaseSections", "Adults"), "; ".join(people)),
                (translate("CaseSections", "Children"), "; ".join(children)),
                (translate("CaseSections", "Address"), address_text),
                (translate("CaseSections", "Phone"), case.phone),
                (
                    translate("CaseSections", "May we call?"),
                    _yes_no(safe.may_call),
                ),
                (translate("CaseSections", "Safe times"), safe.safe_times),
                (
                    translate("CaseSections", "If someone else answers"),
                    safe.if_someone_else_answers,
                ),
                (translate("CaseSections", "Code word"), safe.code_word),
                (
                    translate("CaseSections", "Language"),
                    case.language
                    + (
                        " · " + translate("CaseSections", "interpreter needed")
                        if case.interpreter_needed
                        else ""
                    ),
                ),
            ]
        ),
        _h(translate("CaseSections", "Programme")),
        _rows(
            [
                (translate("CaseSections", "Status"), case.status.label),
                (translate("CaseSections", "Start"), day(case.start_date)),
                (translate("CaseSections", "Planned end"), day(case.planned_end_date)),
                (translate("CaseSections", "Worker"), case.worker),
                (translate("CaseSections", "Back-up worker"), case.backup_worker),
                (
                    translate("CaseSections", "Latest screening"),
                    risk_text(screening.situation) + f" ({day(screening.screened_on)})"
                    if screening
                    else "",
                ),
                (
                    translate("CaseSections", "Own contact frequency"),
                    f"{case.frequency_override.frequency.label} – {case.frequency_override.reason}"
                    if case.frequency_override
                    else "",
                ),
            ]
        ),
        _h(translate("CaseSections", "Involved partners")),
    ]
    if file.partners:
        parts.append(
            _rows(
                [
                    (
                        p.kind.label,
                        ", ".join(x for x in (p.organisation, p.contact_person, p.phone) if x),
                    )
                    for p in file.partners
                ]
            )
        )
    else:
        parts.append(_empty(translate("CaseSections", "No partners recorded.")))
    return "".join(parts)


def safety_plan_html(plan: SafetyPlan | None, versions: int) -> str:
    if plan is None:
        return _empty(translate("CaseSections", "No safety plan yet."))
    rows = [
        (translate("CaseSections", "Version"), f"{plan.version} / {versions}"),
        (translate("CaseSections", "Made on"), f"{day(plan.made_on)} · {plan.made_by}"),
        (translate("CaseSections", "Review date"), day(plan.review_date)),
    ]
    body = [
        (translate("CaseSections", "Warning signals"), plan.warning_signals),
        (translate("CaseSections", "What the client does"), plan.client_actions),
        (translate("CaseSections", "Safe people"), plan.safe_people),
        (translate("CaseSections", "Safe places"), plan.safe_places),
        (translate("CaseSections", "Emergency numbers"), plan.emergency_numbers),
        (translate("CaseSections", "Escape plan"), plan.escape_plan),
        (translate("CaseSections", "Children's safety"), plan.children_safety),
    ]
    html = [_rows(rows)]
    for title, text in body:
        html.append(_h(title) + f"<p>{_multiline(text)}</p>")
    if plan.timeout:
        t = plan.timeout
        html.append(
            _h(translate("CaseSections", "Time-out"))
            + _rows(
                [
                    (translate("CaseSections", "Who leaves"), t.who_leaves),
                    (translate("CaseSections", "Stays at"), t.stays_at),
                    (translate("CaseSections", "From"), day(t.from_date)),
                    (translate("CaseSections", "Until"), day(t.to_date)),
                ]
            )
        )
    return "".join(html)


def agreements_html(file: CaseFile) -> str:
    if not file.agreements:
        return _empty(translate("CaseSections", "No safety agreements yet."))
    html = []
    for a in file.agreements:
        html.append(
            f"<h3>{escape(a.agreement)}</h3>"
            + _rows(
                [
                    (translate("CaseSections", "Who"), a.who),
                    (translate("CaseSections", "Made with"), a.made_with),
                    (translate("CaseSections", "Start"), day(a.start_date)),
                    (translate("CaseSections", "Review date"), day(a.review_date)),
                    (translate("CaseSections", "Status"), a.status.label),
                ]
            )
        )
        breaches = [b for b in file.breaches if b.agreement_id == a.id]
        for b in breaches:
            html.append(
                "<p style='margin-left:16px; color:#8f1010'><b>"
                + escape(translate("CaseSections", "Breach"))
                + " "
                f"{day(b.occurred_on)}</b>: {escape(b.description)}"
                + (
                    "<br>"
                    + escape(translate("CaseSections", "Follow-up"))
                    + f": {escape(b.follow_up)}"
                    if b.follow_up
                    else ""
                )
                + "</p>"
            )
    return "".join(html)


def goals_html(file: CaseFile) -> str:
    if not file.goals:
        return _empty(translate("CaseSections", "No goals yet."))
    html = []
    for domain in LifeDomain:
        goals = [g for g in file.goals if g.domain is domain]
        if not goals:
            continue
        html.append(_h(domain.label))
        for g in goals:
            child = f" ({escape(g.child)})" if g.child else ""
            html.append(
                f"<p><b>{escape(g.goal)}</b>{child} · {escape(g.status.label)}"
                + (
                    " · " + escape(translate("CaseSections", "due")) + f" {day(g.due_date)}"
                    if g.due_date
                    else ""
                )
                + "</p><ul>"
            )
            for a in (a for a in file.actions if a.goal_id == g.id):
                who = f" – {escape(a.who)}" if a.who else ""
                html.append(
                    f"<li>{escape(a.description)}{who} · {escape(a.status.label)}"
                    + (f" · {day(a.due_date)}" if a.due_date else "")
                    + "</li>"
                )
            html.append("</ul>")
    return "".join(html)


def handovers_html(file: CaseFile) -> str:
    if not file.handover_notes:
        return _empty(translate("CaseSections", "No handover notes yet."))
    html = []
    for n in reversed(file.handover_notes):
        html.append(
            _h(f"{day(n.handover_date)} · {n.to_whom} ({n.to_kind.label})")
            + _rows(
                [
                    (translate("CaseSections", "Written by"), n.written_by),
                    (translate("CaseSections", "Summary"), n.summary),
                    (translate("CaseSections", "What works"), n.what_works),
                    (translate("CaseSections", "Risks and agreements"), n.risks_and_agreements),
                    (translate("CaseSections", "Open actions"), n.open_actions),
                    (
                        translate("CaseSections", "Client consents"),
                        _yes_no(n.client_consent),
                    ),
                    (
                        translate("CaseSections", "Together with the client"),
                        _yes_no(n.with_client),
                    ),
                ]
            )
        )
    return "".join(html)


def discussions_html(file: CaseFile) -> str:
    if not file.discussions:
        return _empty(translate("CaseSections", "No case discussions yet."))
    html = []
    for d in reversed(file.discussions):
        html.append(
            _h(f"{day(d.held_on)} · {d.question}")
            + _rows(
                [
                    (translate("CaseSections", "Timeline"), d.timeline),
                    (translate("CaseSections", "Strengths"), d.strengths),
                    (translate("CaseSections", "Risks"), d.risks),
                    (translate("CaseSections", "Tried"), d.tried),
                    (translate("CaseSections", "Outcome"), d.outcome),
                    (translate("CaseSections", "Next steps"), d.next_steps),
                ]
            )
        )
    return "".join(html)
