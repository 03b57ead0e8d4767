"""The window's own settings (idle lock, language, last vault): not case data, so they live
in Qt's settings store rather than the vault."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES

DEFAULT_IDLE_MINUTES = 5
IDLE_MINUTES_RANGE = (1, 60)


class UiSettings:
    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings("Koers", "Koers")

    @property
    def idle_minutes(self) -> int:
        low, high = IDLE_MINUTES_RANGE
        try:
            value = int(str(self._store.value("lock/idle_minutes", DEFAULT_IDLE_MINUTES)))
        except (TypeError, ValueError):
            value = DEFAULT_IDLE_MINUTES
        return min(max(value, low), high)

    @idle_minutes.setter
    def idle_minutes(self, minutes: int) -> None:
        self._store.setValue("lock/idle_minutes", int(minutes))

    @property
    def language(self) -> str:
        value = str(self._store.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, language: str) -> None:
        self._store.setValue("ui/language", language if language in LANGUAGES else DEFAULT_LANGUAGE)

    def sync(self) -> None:
        self._store.sync()
