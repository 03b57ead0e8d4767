"""The overview tab: the client, the people of the case, the trajectory and its partners,
with a mark on every field that lost a same-field merge (one click takes the other value)."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from app.casework import CaseFile
from app.closing import reopen_deadline
from app.people import DangerPerson, HouseholdMember
from app.programmes import Programme
from ui.case_file import html
from ui.case_file.conflict_marks import ConflictMarks, conflict_id_of, field_label, record_label
from ui.case_file.tab import CaseTab, browser
from ui.formatting import COUNTED, day, risk_text

translate = QCoreApplication.translate


def _t(text: str) -> str:
    return translate("CaseSections", text)


class OverviewTab(CaseTab):
    """The overview with the secret-address reveal in its action bar.

    Signals: reveal_requested(); restore_requested(conflict_id)."""

    reveal_requested = Signal()
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reveal = QPushButton(translate("CaseFileView", "Show address"))
        self.reveal.setToolTip(
            translate("CaseFileView", "Shows the secret address; this is written to the access log")
        )
        self.add_action(self.reveal)
        self.browser = browser(translate("CaseFileView", "Overview"))
        self.set_content(self.browser)
        self.reveal.clicked.connect(self.reveal_requested)
        self.browser.anchorClicked.connect(self._link)

    def show_file(
        self,
        file: CaseFile,
        address_text: str,
        revealed: bool,
        today: date,
        programmes: dict[str, Programme],
    ) -> None:
        self.reveal.setVisible(file.case.secret_address and not revealed)
        self.reveal.setEnabled(True)
        self.browser.setHtml(overview_html(file, address_text, revealed, today, programmes))

    def clear(self) -> None:
        self.browser.clear()

    def _link(self, url: QUrl) -> None:
        conflict_id = conflict_id_of(url.toString())
        if conflict_id:
            self.restore_requested.emit(conflict_id)


def overview_html(
    file: CaseFile,
    address_text: str,
    revealed: bool,
    today: date,
    programmes: dict[str, Programme],
) -> str:
    """The overview as HTML. `address_text` is what the address row shows (masked unless
    revealed); `programmes` gives names (ids are shown when it lacks one)."""
    case = file.case
    marks = ConflictMarks(file.conflicts, mask_address=case.secret_address and not revealed)
    own = case.id

    def m(*fields: str) -> str:
        return marks.mark(own, *fields)

    safe = case.safe_contact
    language = case.language + (" · " + _t("interpreter needed") if case.interpreter_needed else "")
    parts = [
        html.heading(_t("Client")),
        html.rows(
            [
                (_t("Name"), case.display_name, m("display_name")),
                (_t("Initials"), case.initials, m("initials")),
                (_t("Birth year"), str(case.birth_year or ""), m("birth_year")),
                (_t("Address"), address_text, m("address", "secret_address")),
                (_t("Phone"), case.phone, m("phone")),
                (_t("May we call?"), html.yes_no(safe.may_call), m("safe_contact")),
                (_t("Safe times"), safe.safe_times),
                (_t("If someone else answers"), safe.if_someone_else_answers),
                (_t("Code word"), safe.code_word),
                (_t("Language"), language, m("language", "interpreter_needed")),
            ]
        ),
        html.heading(_t("Household")),
        _household(file, marks),
        html.heading(_t("Danger (dreiging)")),
        _danger(file.danger_persons, marks, today),
        html.heading(_t("Trajectory")),
        _trajectory(file, marks, today, programmes),
        html.heading(_t("Involved partners")),
    ]
    if file.partners:
        parts.append(
            html.rows(
                [
                    (
                        p.kind.label,
                        ", ".join(x for x in (p.organisation, p.contact_person, p.phone) if x),
                        marks.mark_record(p.id),
                    )
                    for p in file.partners
                ]
            )
        )
    else:
        parts.append(html.empty(_t("No partners recorded.")))
    if file.conflicts:  # said first: a mark far down the page is easy to miss
        summary = COUNTED.lost_merges(len(file.conflicts))
        parts.insert(0, f"<p style='color:#8a3c00; font-weight:bold'>{escape(summary)}</p>")
    if file.unreadable:  # records left out of the tabs (CaseFile.unreadable): said first too
        left_out = COUNTED.unreadable(len(file.unreadable))
        parts.insert(0, f"<p style='color:#8a3c00; font-weight:bold'>{escape(left_out)}</p>")
    rest = marks.unshown()
    if rest:
        parts.append(html.heading(_t("Other values from a sync merge")))
        parts.append(
            html.rows(
                [
                    (
                        f"{record_label(c.record_type)} · {field_label(c.field)}",
                        "",
                        marks.mark_html(c),
                    )
                    for c in rest
                ]
            )
        )
    return "".join(parts)


def _household(file: CaseFile, marks: ConflictMarks) -> str:
    household = file.household
    if not household.adults and not household.children:
        return html.empty(_t("No household members recorded."))
    pairs: list[html.Row] = []
    for adult in household.adults:
        pairs.append((_t("Adult"), _adult_text(adult), marks.mark_record(adult.id)))
    for child in household.children:
        pairs.append((_t("Child"), _child_text(child), marks.mark_record(child.id)))
    return html.rows(pairs)


def _adult_text(person: HouseholdMember) -> str:
    text = person.name + (f" ({person.birth_year})" if person.birth_year else "")
    return text + (f", {person.role}" if person.role else "")


def _child_text(child: HouseholdMember) -> str:
    details = [f"{child.name} ({child.birth_year})"]
    if child.school:
        details.append(_t("school: %1").replace("%1", child.school))
    if child.involved:
        details.append(_t("also involved: %1").replace("%1", child.involved))
    if child.safety_concerns:
        details.append(_t("own concerns: %1").replace("%1", child.safety_concerns))
    if child.contact_with_father:
        details.append(_t("contact with father: %1").replace("%1", child.contact_with_father))
    return " · ".join(details)


def _danger(people: list[DangerPerson], marks: ConflictMarks, today: date) -> str:
    if not people:
        return html.empty(_t("No danger person recorded."))
    pairs: list[html.Row] = []
    for person in people:
        details = [person.relation.label]
        orders = person.orders_in_force(today)
        if orders:
            details.append(
                _t("in force: %1").replace(
                    "%1", ", ".join(_order_text(person, order) for order in orders)
                )
            )
        else:
            details.append(_t("no order in force"))
        if person.omgangsregeling:
            details.append(f"omgangsregeling: {person.omgangsregeling}")
        if person.notes:
            details.append(person.notes)
        pairs.append((person.name, " · ".join(details), marks.mark_record(person.id)))
    return html.rows(pairs)


def _order_text(person: DangerPerson, order: str) -> str:
    until = getattr(person, f"{order}_until")
    return order + (" " + _t("until %1").replace("%1", day(until)) if until else "")


def _trajectory(
    file: CaseFile, marks: ConflictMarks, today: date, programmes: dict[str, Programme]
) -> str:
    case = file.case
    own = case.id
    programme = programmes.get(case.programme_id)
    phase_name = case.phase_id
    if programme is not None:
        phase_name = next((p.name for p in programme.phases if p.id == case.phase_id), phase_name)
    screening = file.latest_screening
    screening_text = ""
    if screening:
        screening_text = f"{risk_text(screening.situation)} ({day(screening.screened_on)})"
        if screening.contra_indications:
            screening_text += " · " + " ".join(c.message_nl for c in screening.contra_indications)
    override = case.frequency_override
    override_text = ""
    if override:
        override_text = f"{override.frequency.label} – {override.reason} ({day(override.since)}"
        override_text += f" – {day(override.until)})" if override.until else ")"
    pairs: list[html.Row] = [
        (
            _t("Programme"),
            programme.name if programme else case.programme_id,
            marks.mark(own, "programme_id"),
        ),
        (_t("Phase"), phase_name, marks.mark(own, "phase_id")),
        (_t("Phase since"), day(case.phase_history[-1].since), marks.mark(own, "phase_history")),
        (_t("Status"), case.status.label, marks.mark(own, "status")),
        (_t("Aanmelding"), day(case.registered_on), marks.mark(own, "registered_on")),
        (_t("Start"), day(case.start_date), marks.mark(own, "start_date")),
        (_t("Planned end"), day(case.planned_end_date), marks.mark(own, "planned_end_date")),
    ]
    if case.nazorg_start or marks.mark(own, "nazorg_start"):
        pairs.append((_t("Nazorg start"), day(case.nazorg_start), marks.mark(own, "nazorg_start")))
    if case.closed_on or marks.mark(own, "closed_on"):
        pairs.append((_t("Closed on"), day(case.closed_on), marks.mark(own, "closed_on")))
        if programme is not None:
            deadline = reopen_deadline(case, programme)
            pairs.append((_t("Reopen until"), day(deadline)))
    if case.reopened_on or marks.mark(own, "reopened_on"):
        pairs.append((_t("Reopened on"), day(case.reopened_on), marks.mark(own, "reopened_on")))
    pairs += [
        (_t("Worker"), case.worker, marks.mark(own, "worker")),
        (_t("Back-up worker"), case.backup_worker, marks.mark(own, "backup_worker")),
        (_t("Latest screening"), screening_text),
        (_t("Own contact frequency"), override_text, marks.mark(own, "frequency_override")),
    ]
    if file.closures:
        latest = max(file.closures, key=lambda c: c.closed_on)
        text = f"{day(latest.closed_on)} · {latest.reason.label if latest.reason else ''}"
        text += f" · {latest.destination.label}"
        text += " · " + (_t("with nazorg") if latest.nazorg else _t("without nazorg"))
        if latest.notes:
            text += f" · {latest.notes}"
        pairs.append((_t("Latest closure"), text, marks.mark_record(latest.id)))
    if file.reopenings:
        latest_reopening = max(file.reopenings, key=lambda r: r.reopened_on)
        pairs.append(
            (
                _t("Latest reopening (terugval)"),
                f"{day(latest_reopening.reopened_on)} · {latest_reopening.reason}",
                marks.mark_record(latest_reopening.id),
            )
        )
    if len(file.reopenings) > 1:
        count = COUNTED.reopened(len(file.reopenings))
        return html.rows(pairs) + f"<p>{escape(count)}</p>"
    return html.rows(pairs)
