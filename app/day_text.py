"""A day as people type it: Dutch (dd-mm-yyyy, d-m-yyyy, with -, / or .) or ISO (yyyy-mm-dd).

Its own small module so that `koers cases --on` and `koers export overzicht --from` read a
day without loading the CSV imports (app/imports.py re-exports it; they load Casework).
"""

from __future__ import annotations

import re
from datetime import date

DUTCH_DATE = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: str) -> date | None:
    """A Dutch date (dd-mm-yyyy, d-m-yyyy; also with / or .) or an ISO one (yyyy-mm-dd);
    None when `value` is not a real date."""
    value = value.strip()
    dutch = DUTCH_DATE.match(value)
    iso = ISO_DATE.match(value)
    try:
        if dutch is not None:
            return date(int(dutch[4]), int(dutch[3]), int(dutch[1]))
        if iso is not None:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError:  # 31-02-2026 and the like
        return None
    return None
