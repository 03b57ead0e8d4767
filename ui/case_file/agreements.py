"""The agreements tab (veiligheidsafspraken): the case's safety agreements with their
breaches (schendingen) and the follow-ups written later. A worker adds an agreement,
changes it or its status, records a breach and writes a follow-up; a breach stays open
until a follow-up names it, and open ones are marked. A field of an agreement that lost a
same-field merge is marked with one click to take the other value."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QWidget,
)

from app.casework import CaseFile
from app.safety import Breach, BreachFollowUp, SafetyAgreement
from app.vocabulary import AgreementStatus
from ui.case_file import html
from ui.case_file.conflict_marks import ConflictMarks, conflict_id_of
from ui.case_file.tab import CaseTab, browser, record_tree
from ui.formatting import day, one_line

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "agreement" or "breach"
OPEN_COLOUR = "#8f1010"
ENDED = (AgreementStatus.NAGEKOMEN, AgreementStatus.VERVALLEN)
# Agreements in force first (a broken one among them), ended ones after, each by start.
STATUS_ORDER = {
    AgreementStatus.ACTIEF: 0,
    AgreementStatus.GESCHONDEN: 0,
    AgreementStatus.NAGEKOMEN: 1,
    AgreementStatus.VERVALLEN: 2,
}
AGREEMENT_FIELDS = ("who", "agreement", "made_with", "start_date", "review_date", "status")


class AgreementsTab(CaseTab):
    """A list to pick an agreement or breach (Enter changes the agreement or follows up the
    breach), the four actions, and every agreement in full below with its marks.

    Signals: add_requested(); change_requested(agreement_id); breach_requested(agreement_id
    or ''); follow_up_requested(breach_id or ''); restore_requested(conflict_id)."""

    add_requested = Signal()
    change_requested = Signal(str)
    breach_requested = Signal(str)
    follow_up_requested = Signal(str)
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: CaseFile | None = None
        self._stale = False  # the file changed while the tab was hidden
        self.add = self.add_action(QPushButton(translate("AgreementsTab", "Add a&greement…")))
        self.add.setToolTip(
            translate("AgreementsTab", "Add a safety agreement: who agrees to what, with whom")
        )
        self.change = self.add_action(QPushButton(translate("AgreementsTab", "Change stat&us…")))
        self.change.setToolTip(
            translate(
                "AgreementsTab",
                "Change the chosen agreement: its status (nagekomen, geschonden, vervallen) "
                "or its text",
            )
        )
        self.breach = self.add_action(QPushButton(translate("AgreementsTab", "Record &breach…")))
        self.breach.setToolTip(
            translate("AgreementsTab", "Record a breach of an agreement: when and what happened")
        )
        self.follow_up = self.add_action(
            QPushButton(translate("AgreementsTab", "Write &follow-up…"))
        )
        self.follow_up.setToolTip(
            translate(
                "AgreementsTab",
                "Write what was done about a breach; until then the breach stays open",
            )
        )

        self.list_label = QLabel(translate("AgreementsTab", "Agree&ments"))
        self.tree = record_tree(
            translate("CaseFileView", "Safety agreements"),
            [
                translate("AgreementsTab", "Agreement"),
                translate("AgreementsTab", "Who"),
                translate("AgreementsTab", "Status"),
                translate("AgreementsTab", "Review date"),
                translate("AgreementsTab", "Breaches"),
            ],
        )
        self.tree.setUniformRowHeights(True)
        self.browser = browser(translate("CaseFileView", "Safety agreements"))
        self.splitter = self.set_list_and_details(self.list_label, self.tree, self.browser, (2, 3))

        self.add.clicked.connect(self.add_requested)
        self.change.clicked.connect(self._change)
        self.breach.clicked.connect(self._breach)
        self.follow_up.clicked.connect(self._follow_up)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._activated)
        self.browser.anchorClicked.connect(self._link)
        self._update_buttons()

    # --- showing ---------------------------------------------------------------------------

    def show_file(self, file: CaseFile) -> None:
        """Show `file`; while the tab is hidden (opening a case shows the overview) the list
        and the page are made when it is shown: a long case's page takes tens of ms."""
        self.file = file
        self._stale = not self.isVisible()
        if self._stale:
            self._update_buttons()
        else:
            self._render()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._stale and self.file is not None:
            self._render()
        super().showEvent(event)

    def _render(self) -> None:
        file = self.file
        assert file is not None
        self._stale = False
        current = self.current_ids()
        self.tree.clear()
        answered = _answered(file.follow_ups)
        marks = ConflictMarks(file.conflicts, mask_address=False)
        items: list[QTreeWidgetItem] = []
        for agreement in in_order(file.agreements):
            breaches = [b for b in file.breaches if b.agreement_id == agreement.id]
            open_count = sum(1 for b in breaches if b.id not in answered)
            conflicted = bool(marks.mark(agreement.id, *AGREEMENT_FIELDS))
            item = QTreeWidgetItem(
                [
                    ("⚠ " if conflicted else "") + one_line(agreement.agreement),
                    agreement.who,
                    agreement.status.label,
                    day(agreement.review_date),
                    _breach_count(len(breaches), open_count),
                ]
            )
            item.setData(0, ID_ROLE, agreement.id)
            item.setData(0, KIND_ROLE, "agreement")
            item.setToolTip(0, agreement.agreement)
            if agreement.status in ENDED:
                for column in range(5):
                    item.setForeground(column, QBrush(QColor("#6b6b6b")))
            if open_count:
                _mark_open(item, 4, self.tree.font())
            for breach in breaches:
                is_open = breach.id not in answered
                child = QTreeWidgetItem(
                    [
                        translate("AgreementsTab", "Breach %1: %2")
                        .replace("%1", day(breach.occurred_on))
                        .replace("%2", one_line(breach.description)),
                        "",
                        translate("AgreementsTab", "⚠ open")
                        if is_open
                        else translate("AgreementsTab", "followed up"),
                        "",
                        "",
                    ]
                )
                child.setData(0, ID_ROLE, breach.id)
                child.setData(0, KIND_ROLE, "breach")
                child.setToolTip(0, breach.description)
                if is_open:
                    _mark_open(child, 2, self.tree.font())
                item.addChild(child)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.tree.expandAll()
        self._restore_current(current)
        self.browser.setHtml(agreements_html(file, marks))
        self._update_buttons()

    def clear(self) -> None:
        self.file = None
        self._stale = False
        self.tree.clear()
        self.browser.clear()
        self._update_buttons()

    # --- the chosen line -------------------------------------------------------------------

    def current_ids(self) -> tuple[str, str]:
        """(agreement id, breach id) of the chosen line; '' where none."""
        item = self.tree.currentItem()
        if item is None:
            return "", ""
        if item.data(0, KIND_ROLE) == "breach":
            parent = item.parent()
            return (parent.data(0, ID_ROLE) if parent else ""), item.data(0, ID_ROLE)
        return item.data(0, ID_ROLE), ""

    def _restore_current(self, ids: tuple[str, str]) -> None:
        wanted = ids[1] or ids[0]
        found = None
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            assert top is not None
            lines = [top] + [top.child(j) for j in range(top.childCount())]
            found = next(
                (x for x in lines if x is not None and x.data(0, ID_ROLE) == wanted), found
            )
        if found is None and self.tree.topLevelItemCount():
            found = self.tree.topLevelItem(0)
        if found is not None:
            self.tree.setCurrentItem(found)

    def _agreement(self, agreement_id: str) -> SafetyAgreement | None:
        if self.file is None:
            return None
        return next((a for a in self.file.agreements if a.id == agreement_id), None)

    def _update_buttons(self) -> None:
        file = self.file
        agreement_id, _breach = self.current_ids()
        self.add.setEnabled(file is not None)
        self.change.setEnabled(bool(agreement_id))
        self.breach.setEnabled(
            file is not None
            and any(a.status is not AgreementStatus.VERVALLEN for a in file.agreements)
        )
        self.follow_up.setEnabled(file is not None and bool(file.breaches))

    def _current_changed(self, *_args: object) -> None:
        self._update_buttons()
        agreement_id, _breach = self.current_ids()
        if agreement_id:
            self.browser.scrollToAnchor(f"agreement-{agreement_id}")

    # --- requests --------------------------------------------------------------------------

    def _change(self) -> None:
        agreement_id, _breach = self.current_ids()
        if agreement_id:
            self.change_requested.emit(agreement_id)

    def _breach(self) -> None:
        agreement_id, _breach = self.current_ids()
        agreement = self._agreement(agreement_id)
        usable = agreement is not None and agreement.status is not AgreementStatus.VERVALLEN
        self.breach_requested.emit(agreement_id if usable else "")

    def _follow_up(self) -> None:
        agreement_id, breach_id = self.current_ids()
        if not breach_id and self.file is not None:
            # The chosen agreement's first open breach, else the form picks one.
            breach_id = next(
                (b.id for b in self.file.open_breaches if b.agreement_id == agreement_id), ""
            )
        self.follow_up_requested.emit(breach_id)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, KIND_ROLE) == "breach":
            self.follow_up_requested.emit(item.data(0, ID_ROLE))
        else:
            self.change_requested.emit(item.data(0, ID_ROLE))

    def _link(self, url: QUrl) -> None:
        conflict_id = conflict_id_of(url.toString())
        if conflict_id:
            self.restore_requested.emit(conflict_id)


def in_order(agreements: list[SafetyAgreement]) -> list[SafetyAgreement]:
    """In force first, then nagekomen, then vervallen; each by start date."""
    return sorted(agreements, key=lambda a: (STATUS_ORDER.get(a.status, 3), a.start_date))


def _answered(follow_ups: list[BreachFollowUp]) -> dict[str, list[BreachFollowUp]]:
    found: dict[str, list[BreachFollowUp]] = {}
    for follow_up in sorted(follow_ups, key=lambda f: f.written_on):
        found.setdefault(follow_up.breach_id, []).append(follow_up)
    return found


def _breach_count(count: int, open_count: int) -> str:
    if not count:
        return ""
    if not open_count:
        return str(count)
    return (
        translate("AgreementsTab", "%1 · %2 open")
        .replace("%1", str(count))
        .replace("%2", str(open_count))
    )


def _mark_open(item: QTreeWidgetItem, column: int, base: QFont) -> None:
    font = QFont(base)
    font.setBold(True)
    item.setFont(column, font)
    item.setForeground(column, QBrush(QColor(OPEN_COLOUR)))


def agreements_html(file: CaseFile, marks: ConflictMarks | None = None) -> str:
    """Every agreement with its fields (and their conflict marks), breaches and follow-ups."""
    if not file.agreements:
        return html.empty(translate("CaseSections", "No safety agreements yet."))
    marks = marks or ConflictMarks(file.conflicts, mask_address=False)
    answered = _answered(file.follow_ups)
    parts = []
    for a in in_order(file.agreements):
        parts.append(
            f"<a name='agreement-{escape(a.id)}'></a><h3>{html.multiline(a.agreement)}</h3>"
            + marks.mark(a.id, "agreement")
            + html.rows(
                [
                    (translate("CaseSections", "Who"), a.who, marks.mark(a.id, "who")),
                    (
                        translate("CaseSections", "Made with"),
                        a.made_with,
                        marks.mark(a.id, "made_with"),
                    ),
                    (
                        translate("CaseSections", "Start"),
                        day(a.start_date),
                        marks.mark(a.id, "start_date"),
                    ),
                    (
                        translate("CaseSections", "Review date"),
                        day(a.review_date),
                        marks.mark(a.id, "review_date"),
                    ),
                    (
                        translate("CaseSections", "Status"),
                        a.status.label,
                        marks.mark(a.id, "status"),
                    ),
                ]
            )
        )
        for b in (b for b in file.breaches if b.agreement_id == a.id):
            parts.append(_breach_html(b, answered.get(b.id, [])))
    return "".join(parts)


def _breach_html(breach: Breach, follow_ups: list[BreachFollowUp]) -> str:
    head = (
        f"<p style='margin-left:16px; color:{OPEN_COLOUR}'><b>"
        + escape(translate("CaseSections", "Breach"))
        + f" {day(breach.occurred_on)}</b>: {html.multiline(breach.description)}"
    )
    if not follow_ups:
        return (
            head
            + " <b>"
            + escape(translate("CaseSections", "⚠ open: no follow-up yet"))
            + "</b></p>"
        )
    lines = "".join(
        "<br><span style='color:#1d1d1d'>"
        + escape(translate("CaseSections", "Follow-up %1").replace("%1", day(f.written_on)))
        + (f" · {escape(f.written_by)}" if f.written_by else "")
        + f": {html.multiline(f.follow_up)}</span>"
        for f in follow_ups
    )
    return head + lines + "</p>"
