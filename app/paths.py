"""Where Koers keeps the worker's vault by default, and where it finds its resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from storage import xdg


def user_data_dir() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "Koers"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Koers"
    return xdg.data_home() / "koers"


def default_vault_path() -> Path:
    return user_data_dir() / "werk.koers"


def resource_path(*parts: str) -> Path:
    # PyInstaller unpacks data next to the executable (sys._MEIPASS); from source the
    # resources folder sits at the repository root.
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resources", *parts)
