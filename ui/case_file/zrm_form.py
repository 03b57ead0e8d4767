"""A new ZRM assessment: the date, who filled it in, one row per life domain with the
previous score beside it, and notes.

Each row's score is a ScoreBox: typing 1-5 picks that score, 0 or "-" picks "niet
gescoord", and the cursor moves on to the next domain, so thirteen digits score the matrix.
A row left empty is refused on save with a Dutch message naming it (app/zrm.py); the rows
scroll, so the form fits a 1024x768 screen.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from app.errors import ValidationError
from app.session import CaseContext
from app.vocabulary import LifeDomain
from app.zrm import (
    MAX_SCORE,
    MIN_SCORE,
    NOT_SCORED_NL,
    SCORE_LABELS_NL,
    ZrmAssessment,
    previous_scores,
    require_every_domain,
)
from ui.case_file.record_form import CaseRecordForm, notes_field, required_date
from ui.formatting import day

NOT_SCORED = "niet_gescoord"  # a row's payload value for "niet gescoord"
NOT_SCORED_KEYS = frozenset({Qt.Key.Key_0, Qt.Key.Key_Minus, Qt.Key.Key_N})
CLEAR_KEYS = frozenset({Qt.Key.Key_Backspace, Qt.Key.Key_Delete})
# Letters the form's own rows take (Date, Filled in by, Notes: English and Dutch), so the
# life domains get other Alt-keys.
RESERVED_KEYS = frozenset("dlno")


def field_name(domain: LifeDomain) -> str:
    """The payload name of a domain's row."""
    return f"score_{domain.value}"


def domain_mnemonics(labels: list[str], reserved: frozenset[str] = RESERVED_KEYS) -> list[str]:
    """Each label with a unique Alt-key marked (&): a word's first letter where free, else
    the first free letter; "&" in a label is doubled so it shows as itself."""
    used = set(reserved)
    marked = []
    for label in labels:
        initials = [
            i for i, ch in enumerate(label) if ch.isalpha() and (i == 0 or label[i - 1] == " ")
        ]
        others = [i for i, ch in enumerate(label) if ch.isalpha() and i not in initials]
        pick = next((i for i in initials + others if label[i].casefold() not in used), None)
        escaped = [ch.replace("&", "&&") for ch in label]
        if pick is not None:
            used.add(label[pick].casefold())
            escaped[pick] = "&" + escaped[pick]
        marked.append("".join(escaped))
    return marked


class ScoreBox(QComboBox):
    """A ZRM score: 1-5 or niet gescoord, nothing chosen at first. Digits 1-5, 0 or "-"
    pick and move the focus on; Backspace or Delete empties it. `value()` is 1-5,
    NOT_SCORED or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for score in range(MIN_SCORE, MAX_SCORE + 1):
            self.addItem(f"{score} – {SCORE_LABELS_NL[score]}", score)
        self.addItem(f"– {NOT_SCORED_NL} (0)", NOT_SCORED)
        self.setPlaceholderText(self.tr("type 1-5, or 0 for niet gescoord"))
        self.setCurrentIndex(-1)

    def value(self) -> int | str | None:
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        """Show `value` (1-5, NOT_SCORED, or None/"" for nothing); raises ValueError for
        anything else (a damaged draft)."""
        if value is None or value == "":
            self.setCurrentIndex(-1)
            return
        index = next(
            (
                i
                for i in range(self.count())
                if self.itemData(i) == value and type(value) is type(self.itemData(i))
            ),
            -1,
        )
        if index < 0:
            raise ValueError("not a ZRM score")
        self.setCurrentIndex(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.set_value(int(key) - int(Qt.Key.Key_0))
            self.focusNextChild()
        elif plain and key in NOT_SCORED_KEYS:
            self.set_value(NOT_SCORED)
            self.focusNextChild()
        elif plain and key in CLEAR_KEYS:
            self.set_value(None)
        else:
            super().keyPressEvent(event)


class ZrmForm(CaseRecordForm):
    """Date, who filled it in, a score per life domain (previous score beside it), notes.
    `assessments` are the case's earlier ones (read on the vault thread: ZrmForm.load)."""

    FORM = "zrm_assessment"
    WIDTH = 640

    def __init__(
        self,
        context: CaseContext,
        draft_id: str,
        payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        assessments: list[ZrmAssessment] | None = None,
    ) -> None:
        self.assessments = list(assessments or [])
        super().__init__(context, draft_id, payload, parent)
        # Thirteen rows and the notes do not fit 768 pixels with the taskbar: the rows
        # scroll, the date, notes and buttons stay in view.
        self.setMinimumHeight(min(self.sizeHint().height(), 640))

    @staticmethod
    def load(session: Any, case_id: str) -> dict[str, Any]:
        """The case's earlier assessments (runs on the vault thread)."""
        return {"assessments": session.casework.for_case(ZrmAssessment, case_id, "assessed_on")}

    def build(self) -> QWidget:
        self.set_title(self.tr("New ZRM"), self.tr("ZRM assessment"))
        self.assessed_on = self.add_date_row(self.tr("&Date"), "assessed_on")
        self.assessed_by = QLineEdit()
        self.add_row(self.tr("Fi&lled in by"), self.assessed_by, "assessed_by")
        self.add_hint(
            self.tr(
                "Type a score 1-5 for each life domain, or 0 for niet gescoord; the cursor "
                "moves on to the next domain."
            )
        )
        self.scores: dict[LifeDomain, ScoreBox] = {}
        self.previous: dict[LifeDomain, QLabel] = {}
        self.add_row("", self._score_rows())
        self.notes = notes_field()
        self.add_row(self.tr("&Notes"), self.notes, "notes")
        self.assessed_on.dateChanged.connect(self._show_previous)
        return self.scores[LifeDomain.FINANCIEN]

    def _score_rows(self) -> QScrollArea:
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setVerticalSpacing(3)
        head_domain = QLabel(self.tr("Life domain"))
        head_previous = QLabel(self.tr("Previous"))
        head_score = QLabel(self.tr("Score"))
        for column, head in enumerate((head_domain, head_previous, head_score)):
            head.setObjectName("hintText")
            grid.addWidget(head, 0, column)
        domains = list(LifeDomain)
        for row, (domain, label_text) in enumerate(
            zip(domains, domain_mnemonics([d.label for d in domains]), strict=True), start=1
        ):
            box = ScoreBox()
            box.setAccessibleName(domain.label)
            label = QLabel(label_text)
            label.setBuddy(box)
            previous = QLabel()
            previous.setObjectName("hintText")
            previous.setAccessibleName(self.tr("Previous score %1").replace("%1", domain.label))
            grid.addWidget(label, row, 0)
            grid.addWidget(previous, row, 1)
            grid.addWidget(box, row, 2)
            self.scores[domain] = box
            self.previous[domain] = previous
            self.bind_custom(field_name(domain), box.value, box.set_value, box.currentIndexChanged)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(grid_widget)
        scroll.setMinimumHeight(min(grid_widget.sizeHint().height(), 300))
        scroll.setAccessibleName(self.tr("Scores per life domain"))
        self.rows = scroll
        return scroll

    def start(self, payload: dict[str, Any] | None, focus: QWidget | None = None) -> None:
        super().start(payload, focus)
        self._show_previous()

    def _show_previous(self) -> None:
        """Beside each domain its latest score before (or on) the assessment's date."""
        picked = self.payload().get("assessed_on")
        on = required_date(picked, "assessed_on") if picked else self.context.today
        previous = previous_scores(self.assessments, on + timedelta(days=1))
        for domain, label in self.previous.items():
            found = previous.get(domain)
            label.setText(f"{found[1]} ({day(found[0])})" if found else "–")

    def default_payload(self) -> dict[str, Any]:
        return {
            "assessed_on": self.today,
            "assessed_by": self.context.worker,
            "notes": "",
            **{field_name(d): None for d in LifeDomain},
        }

    def record(self) -> ZrmAssessment:
        p = self.payload()
        scores: dict[LifeDomain, int | None] = {}
        for domain in LifeDomain:
            value = p[field_name(domain)]
            if value == NOT_SCORED:
                scores[domain] = None
            elif value is not None:
                scores[domain] = value
        try:
            require_every_domain(scores)
        except ValidationError:
            first_empty = next(d for d in LifeDomain if d not in scores)
            self.scores[first_empty].setFocus()
            self.rows.ensureWidgetVisible(self.scores[first_empty])
            raise
        return ZrmAssessment(
            id=self.draft_id,
            case_id=self.context.case.id,
            assessed_on=required_date(p["assessed_on"], "assessed_on"),
            assessed_by=(p["assessed_by"] or "").strip(),
            scores=scores,
            notes=(p["notes"] or "").strip(),
        )

    @staticmethod
    def persist(session: Any, record: ZrmAssessment) -> str:
        return session.casework.add_zrm(record)
