"""Translations: source strings are English; Dutch (the default) and English are selectable.

The .ts sources and compiled .qm files live in resources/translations (see its README).
Domain words (huisbezoek, veiligheidsplan, ...) come from app.vocabulary in Dutch in both
languages: they are the profession's own terms.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.paths import resource_path

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LANGUAGE = "nl"


def translations_dir() -> Path:
    return resource_path("translations")


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load Koers' translation for `language` (English needs none: it is the source)."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    QLocale.setDefault(
        QLocale(QLocale.Language.Dutch if language == "nl" else QLocale.Language.English)
    )
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(str(translations_dir() / f"koers_{language}.qm")):
        return None
    app.installTranslator(translator)
    return translator
