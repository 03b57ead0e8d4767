"""The ZRM tab: "New ZRM…" in its action bar, the trend as small multiples (one small chart
per scored life domain, all visible without scrolling sideways), and the scores per
assessment as a table below it ("niet gescoord" where a domain was not scored)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.casework import CaseFile
from app.vocabulary import CaseStatus, LifeDomain
from app.zrm import NOT_SCORED_NL, zrm_trend
from ui.case_file.tab import CaseTab
from ui.formatting import day
from ui.zrm_chart import ZrmChart

translate = QCoreApplication.translate


class ZrmTab(CaseTab):
    """Signal: new_zrm_requested(case_id) when the worker asks for a new assessment."""

    new_zrm_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id: str | None = None
        self.new_zrm = self.add_action(QPushButton(self.tr("New &ZRM…")))
        self.new_zrm.setToolTip(self.tr("Score the life domains of the Zelfredzaamheid-Matrix"))
        self.table = QTableWidget()
        self.table.setAccessibleName(translate("CaseFileView", "ZRM scores"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chart = ZrmChart()
        # The panels wrap into rows; only up and down ever scrolls.
        self.chart_area = QScrollArea()
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_area.setWidget(self.chart)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.chart_area)
        self.split.addWidget(self.table)
        self.split.setStretchFactor(0, 4)
        self.split.setStretchFactor(1, 1)
        self.split.setCollapsible(0, False)
        self.set_content(self.split)
        self.new_zrm.clicked.connect(self._request)

    def _request(self) -> None:
        if self.case_id:
            self.new_zrm_requested.emit(self.case_id)

    def show_file(self, file: CaseFile) -> None:
        self.case_id = file.case.id
        self.new_zrm.setEnabled(file.case.status is not CaseStatus.AFGESLOTEN)
        assessments = sorted(file.zrm, key=lambda a: a.assessed_on)
        domains = [d for d in LifeDomain if any(d in a.scores for a in assessments)]
        self.table.clear()
        self.table.setColumnCount(len(assessments))
        self.table.setRowCount(len(domains))
        self.table.setHorizontalHeaderLabels([day(a.assessed_on) for a in assessments])
        self.table.setVerticalHeaderLabels([d.label for d in domains])
        for column, assessment in enumerate(assessments):
            for row, domain in enumerate(domains):
                if domain not in assessment.scores:
                    text = ""  # an assessment from before every domain was named
                else:
                    score = assessment.scores[domain]
                    text = str(score) if score is not None else NOT_SCORED_NL
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        newest = self.table.item(0, len(assessments) - 1) if domains and assessments else None
        if newest is not None:  # the latest assessment in view
            self.table.scrollToItem(newest, QAbstractItemView.ScrollHint.PositionAtTop)
        self.chart.set_trend(zrm_trend(assessments))
        self.table.setVisible(bool(assessments))  # no empty frame under "Nog geen ZRM."

    def clear(self) -> None:
        self.case_id = None
        self.table.clear()
        self.table.setRowCount(0)
        self.chart.set_trend({})
