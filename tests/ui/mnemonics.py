"""Walk a form's visible controls and find Alt-key (mnemonic) clashes."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic_of(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _pages(widget: QWidget, root: QWidget) -> dict[int, int]:
    """The tab pages `widget` sits on: id of each QTabWidget above it -> page index."""
    pages: dict[int, int] = {}
    child: QWidget | None = widget
    while child is not None and child is not root:
        stack = child.parentWidget()
        tabs = stack.parentWidget() if stack is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            pages[id(tabs)] = tabs.indexOf(child)
        child = stack
    return pages


def _seen_together(a: dict[int, int], b: dict[int, int]) -> bool:
    """Two controls can be on screen at once unless they sit on different pages of one
    tab widget (Qt fires the Alt-key of the visible one only)."""
    return all(a[tabs] == b[tabs] for tabs in a.keys() & b.keys())


def mnemonic_clashes(root: QWidget) -> dict[str, list[str]]:
    """Mnemonic letter -> the texts that share it, for every letter used more than once
    among the labels (with a buddy), buttons, group boxes and tabs under `root` that can be
    on screen together (controls on different pages of a tab widget may share a letter)."""
    found: list[tuple[str, QWidget]] = []
    for label in root.findChildren(QLabel):
        if label.buddy() is not None:
            found.append((label.text(), label))
    found += [(b.text(), b) for b in root.findChildren(QAbstractButton)]
    found += [(g.title(), g) for g in root.findChildren(QGroupBox)]
    for tabs in root.findChildren(QTabWidget):
        found += [(tabs.tabText(i), tabs) for i in range(tabs.count())]
    used: dict[str, list[tuple[str, dict[int, int]]]] = defaultdict(list)
    for text, widget in found:
        key = mnemonic_of(text)
        if key:
            used[key].append((text, _pages(widget, root)))
    clashes: dict[str, list[str]] = {}
    for key, controls in used.items():
        clashing = [
            text
            for i, (text, pages) in enumerate(controls)
            if any(_seen_together(pages, p) for j, (_t, p) in enumerate(controls) if j != i)
        ]
        if clashing:
            clashes[key] = clashing
    return clashes
