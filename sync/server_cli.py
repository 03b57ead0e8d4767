"""`koers-server`: the central sync server. Built in the sync issue; a stub until then."""

from __future__ import annotations

import sys


def main() -> None:
    print("koers-server: not built yet (see the sync issue)", file=sys.stderr)
    sys.exit(1)
