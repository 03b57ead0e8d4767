"""The `koers` command: the command line of app.cli, with the desktop client plugged in."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from app.cli import WindowRequest, run


def open_window(request: WindowRequest) -> int:
    from ui.app import offscreen_if_headless  # Qt is loaded only when a window is wanted

    if request.screenshot is not None:
        offscreen_if_headless()
    from app.session import WorkSession
    from ui.app import run_window

    session = WorkSession(request.vault) if request.vault is not None else None
    return run_window(request.vault_path, session=session, screenshot=request.screenshot)


def main(argv: Sequence[str] | None = None) -> None:
    # Every file Koers makes (vault, WAL, SHM, key file, backups, exports, settings) is the
    # worker's only; the storage layer also creates its files 0600 itself.
    os.umask(0o077)
    sys.exit(run(sys.argv[1:] if argv is None else argv, open_window=open_window))
