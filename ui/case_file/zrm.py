"""The ZRM tab: the scores per assessment as a table, and their trend as a chart."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTableWidget, QTableWidgetItem, QWidget

from app.casework import CaseFile
from app.vocabulary import LifeDomain
from app.zrm import zrm_trend
from ui.case_file.tab import CaseTab
from ui.formatting import day
from ui.zrm_chart import ZrmChart

translate = QCoreApplication.translate


class ZrmTab(CaseTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget()
        self.table.setAccessibleName(translate("CaseFileView", "ZRM scores"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chart = ZrmChart()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        self.set_content(split)

    def show_file(self, file: CaseFile) -> None:
        assessments = sorted(file.zrm, key=lambda a: a.assessed_on)
        domains = [d for d in LifeDomain if any(d in a.scores for a in assessments)]
        self.table.clear()
        self.table.setColumnCount(len(assessments))
        self.table.setRowCount(len(domains))
        self.table.setHorizontalHeaderLabels([day(a.assessed_on) for a in assessments])
        self.table.setVerticalHeaderLabels([d.label for d in domains])
        for column, assessment in enumerate(assessments):
            for row, domain in enumerate(domains):
                score = assessment.scores.get(domain)
                item = QTableWidgetItem(str(score) if score else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.chart.set_trend(zrm_trend(assessments))

    def clear(self) -> None:
        self.table.clear()
        self.table.setRowCount(0)
        self.chart.set_trend({})
