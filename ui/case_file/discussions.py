"""The case-discussions tab: teamkracht discussions in a list (date, voorbereid or besproken,
the question), the chosen one in full below it, and its actions: prepare a new one, change
the preparation, write the outcome after the meeting, and make the teamkracht sheet from
it. A field that lost a same-field merge shows the other value with one click to take it
(ui/case_file/conflict_marks.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHeaderView,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.casework import CaseFile
from app.discussion import CaseDiscussion, sheet_discussion
from ui.case_file import html
from ui.case_file.conflict_marks import ConflictMarks, conflict_id_of
from ui.case_file.tab import CaseTab, browser
from ui.formatting import day, one_line

translate = QCoreApplication.translate
DISCUSSION_ID_ROLE = Qt.ItemDataRole.UserRole
# The fields of a discussion, in the order the tab shows them below its question.
SHOWN_FIELDS = ("tried", "timeline", "strengths", "risks", "outcome", "next_steps")


class DiscussionsTab(CaseTab):
    """List, detail and actions (see the module docstring). Every request carries the
    chosen discussion (a CaseDiscussion) except `prepare_requested`.

    Signals: prepare_requested(); change_requested(discussion); outcome_requested(discussion);
    sheet_requested(discussion); restore_requested(conflict_id)."""

    prepare_requested = Signal()
    change_requested = Signal(object)
    outcome_requested = Signal(object)
    sheet_requested = Signal(object)
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: CaseFile | None = None
        self.prepare = self.add_action(QPushButton(translate("CaseFileView", "&New discussion…")))
        self.prepare.setToolTip(
            translate(
                "CaseFileView", "Prepare a teamkracht case discussion: the question, what was tried"
            )
        )
        self.change = self.add_action(
            QPushButton(translate("CaseFileView", "Change p&reparation…"))
        )
        self.outcome = self.add_action(QPushButton(translate("CaseFileView", "Record o&utcome…")))
        self.outcome.setToolTip(
            translate("CaseFileView", "After the meeting: its outcome and the agreed next steps")
        )
        self.sheet = self.add_action(QPushButton(translate("CaseFileView", "Tea&mkracht sheet…")))
        self.sheet.setToolTip(
            translate(
                "CaseFileView",
                "A de-identified sheet with the chosen discussion's question and what was tried",
            )
        )
        self.list = QTreeWidget()
        self.list.setAccessibleName(translate("CaseFileView", "Case discussions"))
        self.list.setHeaderLabels(
            [
                translate("CaseFileView", "Date"),
                translate("CaseFileView", "State"),
                translate("CaseFileView", "Question for the team"),
            ]
        )
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        self.browser = browser(translate("CaseFileView", "Case discussion"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.browser)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        self.set_content(split)

        self.prepare.clicked.connect(self.prepare_requested)
        self.change.clicked.connect(lambda: self._emit_chosen(self.change_requested))
        self.outcome.clicked.connect(lambda: self._emit_chosen(self.outcome_requested))
        self.sheet.clicked.connect(lambda: self._emit_chosen(self.sheet_requested))
        self.list.currentItemChanged.connect(lambda *_: self._show_chosen())
        self.list.itemActivated.connect(lambda *_: self._emit_chosen(self.outcome_requested))
        self.browser.anchorClicked.connect(self._link)
        self._update_actions()

    # --- showing ---------------------------------------------------------------------------

    def show_file(self, file: CaseFile) -> None:
        """Show the case's discussions, newest first; one just added is chosen, else the one
        chosen before stays chosen, else the one a teamkracht sheet would be made from."""
        before = self.chosen()
        same_case = self.file is not None and self.file.case.id == file.case.id
        known = {d.id for d in self.file.discussions} if same_case and self.file else set()
        added = [d for d in file.discussions if d.id not in known] if same_case else []
        self.file = file
        self.list.blockSignals(True)
        self.list.clear()
        items = []
        marked = {c.record_id for c in file.conflicts}
        for d in sorted(file.discussions, key=lambda d: d.held_on, reverse=True):
            question = one_line(d.question)
            state = f"⚠ {d.state}" if d.id in marked else d.state  # a value lost a merge
            item = QTreeWidgetItem([day(d.held_on), state, question])
            item.setData(0, DISCUSSION_ID_ROLE, d.id)
            item.setToolTip(2, d.question[:2000])
            items.append(item)
        self.list.addTopLevelItems(items)
        self.list.blockSignals(False)
        # A discussion just prepared here (or arrived by sync) is the one to work on next.
        wanted = added[0].id if len(added) == 1 else before.id if before else None
        if not any(d.id == wanted for d in file.discussions):
            latest = sheet_discussion(file.discussions)
            wanted = latest.id if latest else None
        for item in items:
            if item.data(0, DISCUSSION_ID_ROLE) == wanted:
                self.list.setCurrentItem(item)
        self._show_chosen()

    def clear(self) -> None:
        self.file = None
        self.list.clear()
        self.browser.clear()
        self._update_actions()

    def chosen(self) -> CaseDiscussion | None:
        """The discussion on the current line of the list, or None."""
        item = self.list.currentItem()
        if item is None or self.file is None:
            return None
        wanted = item.data(0, DISCUSSION_ID_ROLE)
        return next((d for d in self.file.discussions if d.id == wanted), None)

    def _show_chosen(self) -> None:
        if self.file is None:
            return
        chosen = self.chosen()
        if chosen is None:
            self.browser.setHtml(html.empty(translate("CaseSections", "No case discussions yet.")))
        else:
            self.browser.setHtml(discussion_html(chosen, self.file))
        self._update_actions()

    def _update_actions(self) -> None:
        chosen = self.chosen()
        for button in (self.change, self.outcome, self.sheet):
            button.setEnabled(chosen is not None)
        if chosen is not None and chosen.discussed:
            self.outcome.setText(translate("CaseFileView", "Change o&utcome…"))
        else:
            self.outcome.setText(translate("CaseFileView", "Record o&utcome…"))

    def _emit_chosen(self, signal: SignalInstance) -> None:
        chosen = self.chosen()
        if chosen is not None:
            signal.emit(chosen)

    def _link(self, url: QUrl) -> None:
        conflict_id = conflict_id_of(url.toString())
        if conflict_id:
            self.restore_requested.emit(conflict_id)


def discussion_html(d: CaseDiscussion, file: CaseFile) -> str:
    """One discussion in full: its state and date, the question, the preparation and (once
    held) the outcome, with a mark on every field that lost a same-field merge."""
    marks = ConflictMarks(
        [c for c in file.conflicts if c.record_id == d.id], mask_address=file.case.secret_address
    )
    labels = {
        "tried": translate("CaseSections", "Tried"),
        "timeline": translate("CaseSections", "Timeline"),
        "strengths": translate("CaseSections", "Strengths"),
        "risks": translate("CaseSections", "Risks"),
        "outcome": translate("CaseSections", "Outcome"),
        "next_steps": translate("CaseSections", "Next steps"),
    }
    rows: list[html.Row] = [
        (translate("CaseSections", "Date"), day(d.held_on), marks.mark(d.id, "held_on")),
        (translate("CaseSections", "State"), d.state),
        (
            translate("CaseSections", "Question for the team"),
            d.question,
            marks.mark(d.id, "question"),
        ),
    ]
    rows += [(labels[f], getattr(d, f), marks.mark(d.id, f)) for f in SHOWN_FIELDS]
    return html.heading(translate("CaseSections", "Case discussion")) + html.rows(rows)
