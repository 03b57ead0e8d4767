"""Every string on screen has its Dutch translation, and the shipped .qm matches the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "koers_nl.ts"
QM = ROOT / "resources" / "translations" / "koers_nl.qm"
BIN = Path(sys.executable).parent


def test_every_ui_string_is_translated_to_dutch(tmp_path: Path) -> None:
    fresh = tmp_path / "koers_nl.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    untranslated = [
        message.findtext("source")
        for message in ET.parse(fresh).iter("message")
        if message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert untranslated == [], "run ./scripts/translations and translate these"


def test_compiled_translation_matches_its_source(tmp_path: Path) -> None:
    compiled = tmp_path / "koers_nl.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run ./scripts/translations"
