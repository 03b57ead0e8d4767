"""Where Koers finds its resources and keeps its files, from source and when frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    # PyInstaller unpacks data next to the executable (sys._MEIPASS); from source the
    # resources folder sits at the repository root.
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resources", *parts)
