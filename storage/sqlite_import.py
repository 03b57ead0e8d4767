"""sqlite-utils, imported without numpy and pandas: `from storage.sqlite_import import
sqlite_utils` where Koers needs it at run time (storage/vault.py, when a writer first asks for
`Vault.db`) instead of `import sqlite_utils`; elsewhere it is imported for type checking only.

sqlite-utils imports numpy and pandas when they are installed, only to map their scalar types
to column types on insert. Koers stores no numpy or pandas values, but numpy is installed
(the de-identification library needs it) and importing it costs more than sqlite-utils
itself. While sqlite-utils loads, the two are marked missing; numpy itself stays importable
for the code that needs it later. (A program imports on one thread at a time here; were
another thread to import numpy during these few milliseconds, it would see it missing.)

Readers never load sqlite-utils: opening the vault and `koers cases` run their SQL on the raw
connection (tests/cli/test_start_imports.py).
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
