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


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseSections", text)


def _rows(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><th align='left' valign='top' style='padding-right:14px'>{escape(k)}</th>"
        f"<td>{escape(v) if v else '–'}</td></tr>"
        for k, v in pairs
    )
    return f"<table cellspacing='4'>{cells}</table>"


def _h(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def _multiline(text: str) -> str:
    return escape(text).replace("\n", "<br>") if text else "–"


def overview_html(file: CaseFile, address_text: str) -> str:
    case = file.case
    screening = file.latest_screening
    people = [
        f"{p.name}" + (f" ({p.birth_year})" if p.birth_year else "") + (f", {p.role}" if p.role else "")
        for p in case.household.adults
    ]
    children = [
        f"{c.name} ({c.birth_year})" + (f", {c.school}" if c.school else "")
        for c in case.household.children
    ]
    safe = case.safe_contact
    parts = [
        _h(tr("Client and household")),
        _rows(
            [
                (tr("Name"), case.display_name),
                (tr("Initials"), case.initials),
                (tr("Birth year"), str(case.birth_year or "")),
                (tr("Adults"), "; ".join(people)),
                (tr("Children"), "; ".join(children)),
                (tr("Address"), address_text),
                (tr("Phone"), case.phone),
                (tr("May we call?"), tr("yes") if safe.may_call else tr("no")),
                (tr("Safe times"), safe.safe_times),
                (tr("If someone else answers"), safe.if_someone_else_answers),
                (tr("Code word"), safe.code_word),
                (tr("Language"), case.language + (" · " + tr("interpreter needed") if case.interpreter_needed else "")),
            ]
        ),
        _h(tr("Programme")),
        _rows(
            [
                (tr("Status"), case.status.label),
                (tr("Start"), day(case.start_date)),
                (tr("Planned end"), day(case.planned_end_date)),
                (tr("Worker"), case.worker),
                (tr("Back-up worker"), case.backup_worker),
                (tr("Latest screening"), risk_text(screening.situation) + f" ({day(screening.screened_on)})" if screening else ""),
                (
                    tr("Own contact frequency"),
                    f"{case.frequency_override.frequency.label} – {case.frequency_override.reason}"
                    if case.frequency_override
                    else "",
                ),
            ]
        ),
        _h(tr("Involved partners")),
    ]
    if case.partners:
        parts.append(
            _rows(
                [
                    (p.kind.label, ", ".join(x for x in (p.organisation, p.contact_person, p.phone) if x))
                    for p in case.partners
                ]
            )
        )
    else:
        parts.append(f"<p>{escape(tr('No partners recorded.'))}</p>")
    return "".join(parts)


def safety_plan_html(plan: SafetyPlan | None, versions: int) -> str:
    if plan is None:
        return f"<p>{escape(tr('No safety plan yet.'))}</p>"
    rows = [
        (tr("Version"), f"{plan.version} / {versions}"),
        (tr("Made on"), f"{day(plan.made_on)} · {plan.made_by}"),
        (tr("Review date"), day(plan.review_date)),
    ]
    body = [
        (tr("Warning signals"), plan.warning_signals),
        (tr("What the client does"), plan.client_actions),
        (tr("Safe people"), plan.safe_people),
        (tr("Safe places"), plan.safe_places),
        (tr("Emergency numbers"), plan.emergency_numbers),
        (tr("Escape plan"), plan.escape_plan),
        (tr("Children's safety"), plan.children_safety),
    ]
    html = [_rows(rows)]
    for title, text in body:
        html.append(_h(title) + f"<p>{_multiline(text)}</p>")
    if plan.timeout:
        t = plan.timeout
        html.append(
            _h(tr("Time-out"))
            + _rows(
                [
                    (tr("Who leaves"), t.who_leaves),
                    (tr("Stays at"), t.stays_at),
                    (tr("From"), day(t.from_date)),
                    (tr("Until"), day(t.to_date)),
                ]
            )
        )
    return "".join(html)


def agreements_html(file: CaseFile) -> str:
    if not file.agreements:
        return f"<p>{escape(tr('No safety agreements yet.'))}</p>"
    html = []
    for a in file.agreements:
        html.append(
            f"<h3>{escape(a.agreement)}</h3>"
            + _rows(
                [
                    (tr("Who"), a.who),
                    (tr("Made with"), a.made_with),
                    (tr("Start"), day(a.start_date)),
                    (tr("Review date"), day(a.review_date)),
                    (tr("Status"), a.status.label),
                ]
            )
        )
        breaches = [b for b in file.breaches if b.agreement_id == a.id]
        for b in breaches:
            html.append(
                f"<p style='margin-left:16px; color:#8f1010'><b>{escape(tr('Breach'))} "
                f"{day(b.occurred_on)}</b>: {escape(b.description)}"
                + (f"<br>{escape(tr('Follow-up'))}: {escape(b.follow_up)}" if b.follow_up else "")
                + "</p>"
            )
    return "".join(html)


def goals_html(file: CaseFile) -> str:
    if not file.goals:
        return f"<p>{escape(tr('No goals yet.'))}</p>"
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
                + (f" · {escape(tr('due'))} {day(g.due_date)}" if g.due_date else "")
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
        return f"<p>{escape(tr('No handover notes yet.'))}</p>"
    html = []
    for n in reversed(file.handover_notes):
        html.append(
            _h(f"{day(n.handover_date)} · {n.to_whom} ({n.to_kind.label})")
            + _rows(
                [
                    (tr("Written by"), n.written_by),
                    (tr("Summary"), n.summary),
                    (tr("What works"), n.what_works),
                    (tr("Risks and agreements"), n.risks_and_agreements),
                    (tr("Open actions"), n.open_actions),
                    (tr("Client consents"), tr("yes") if n.client_consent else tr("no")),
                    (tr("Together with the client"), tr("yes") if n.with_client else tr("no")),
                ]
            )
        )
    return "".join(html)


def discussions_html(file: CaseFile) -> str:
    if not file.discussions:
        return f"<p>{escape(tr('No case discussions yet.'))}</p>"
    html = []
    for d in reversed(file.discussions):
        html.append(
            _h(f"{day(d.held_on)} · {d.question}")
            + _rows(
                [
                    (tr("Timeline"), d.timeline),
                    (tr("Strengths"), d.strengths),
                    (tr("Risks"), d.risks),
                    (tr("Tried"), d.tried),
                    (tr("Outcome"), d.outcome),
                    (tr("Next steps"), d.next_steps),
                ]
            )
        )
    return "".join(html)
