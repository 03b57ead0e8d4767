"""Walk a form's visible controls and find Alt-key (mnemonic) clashes."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic_of(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def mnemonic_clashes(root: QWidget) -> dict[str, list[str]]:
    """Mnemonic letter -> the texts that share it, for every letter used more than once
    among the labels (with a buddy), buttons, group boxes and tabs under `root`."""
    texts: list[str] = []
    for label in root.findChildren(QLabel):
        if label.buddy() is not None:
            texts.append(label.text())
    texts += [b.text() for b in root.findChildren(QAbstractButton)]
    texts += [g.title() for g in root.findChildren(QGroupBox)]
    for tabs in root.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    used: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        key = mnemonic_of(text)
        if key:
            used[key].append(text)
    return {key: found for key, found in used.items() if len(found) > 1}
