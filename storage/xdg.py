"""The XDG base directory for user data (freedesktop.org's XDG Base Directory Specification),
shared by the laptop's default vault folder (app/paths.py) and the server's default database
(sync/server_cli.py)."""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    """$XDG_DATA_HOME when it is an absolute path, else ~/.local/share. The specification
    says an empty or relative value is to be ignored: taken as given, an empty one put the
    data in the current folder."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"
