"""sqlite-utils, imported without numpy and pandas: `from storage.sqlite_import import
sqlite_utils` in the storage modules instead of `import sqlite_utils`.

sqlite-utils imports numpy and pandas when they are installed, only to map their scalar types
to column types on insert. Koers stores no numpy or pandas values, but numpy is installed
(the de-identification library needs it) and importing it cost more than everything else a
`koers cases` start does besides the key derivation (bench/cli_start.py). Whichever storage
module comes first imports sqlite-utils this way; numpy itself stays importable for the code
that needs it later. (A program start runs imports on one thread; were another thread to
import numpy during these few milliseconds, it would see it missing.)
"""

from __future__ import annotations

import sys

HIDDEN = ("numpy", "pandas")

_hidden = [
    name for name in HIDDEN if name not in sys.modules and "sqlite_utils.db" not in sys.modules
]
for _name in _hidden:
    sys.modules[_name] = None  # type: ignore[assignment]  # `import numpy` now fails
try:
    import sqlite_utils  # noqa: E402
finally:
    for _name in _hidden:
        if _name in sys.modules and sys.modules[_name] is None:
            del sys.modules[_name]

__all__ = ["sqlite_utils"]
