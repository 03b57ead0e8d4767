"""Vandaag's columns fit their widest text, also where thousands of lines are sized over a
few of them (ui/today_page.py `_fit_columns`): a short name of wide letters is not cut."""

from __future__ import annotations

from ui.today_page import CELL_PADDING, MEASURED, Line, TodayPage


def test_a_short_wide_name_among_many_longer_narrow_ones_fits(qtbot) -> None:
    page = TodayPage()
    qtbot.addWidget(page)
    panel = page.ending  # columns: ends, client, programme (the programme stretches)
    narrow = [f"Ilja Lieftink-{n}" for n in range(10, 10 + MEASURED + 12)]
    wide = "MW Mommers-Wouw"  # fewer characters than every other name, wider than each
    metrics = panel.list.fontMetrics()
    assert len(wide) < min(map(len, narrow))
    assert metrics.horizontalAdvance(wide) > max(map(metrics.horizontalAdvance, narrow))
    lines = [Line(f"c{i}", ["01-12", name, "Take a Break"]) for i, name in enumerate(narrow)]
    panel.set_lines([*lines, Line("w", ["01-12", wide, "Take a Break"])])
    assert panel.list.columnWidth(1) >= metrics.horizontalAdvance(wide) + CELL_PADDING
