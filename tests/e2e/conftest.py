"""End-to-end tests: the real window on a real vault, as in tests/ui (its fixtures: the
window factory, its settings file and the Dutch translation)."""

from tests.ui.conftest import dutch, make_window, settings

__all__ = ["dutch", "make_window", "settings"]
