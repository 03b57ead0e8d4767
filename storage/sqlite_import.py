"""sqlite-utils, imported without numpy and pandas and without loading click or dateutil:
`from storage.sqlite_import import sqlite_utils` in the storage modules instead of
`import sqlite_utils`.

sqlite-utils imports numpy and pandas when they are installed, only to map their scalar types
to column types on insert. Koers stores no numpy or pandas values, but numpy is installed
(the de-identification library needs it) and importing it cost more than everything else a
`koers cases` start does besides the key derivation (bench/cli_start.py). Whichever storage
module comes first imports sqlite-utils this way; numpy itself stays importable for the code
that needs it later. (A program start runs imports on one thread; were another thread to
import numpy during these few milliseconds, it would see it missing.)

sqlite-utils also imports click (for its command line's progress bars and a plugin hook's
annotation) and dateutil's parser (for its `parsedate` recipe) at load time; Koers calls
neither, and the two cost a `koers` start about as much again. While sqlite-utils loads they
are stand-ins (`_Deferred`) that load the real module at the first attribute read after that,
so a sqlite-utils function that does use them still works; every other `import click` gets
the real module (the stand-ins never stay in sys.modules).
"""

from __future__ import annotations

import importlib
import sys
import types

HIDDEN = ("numpy", "pandas")
DEFERRED = ("click", "dateutil.parser")


class _Deferred(types.ModuleType):
    """Stands in for module `name` while sqlite-utils loads. A class read during that load
    (click.Group in an annotation) gets a placeholder class, any other name is missing (so
    pluggy, scanning the hook module, finds no hook in it); a read afterwards gets the real
    module's attribute, importing the real module first."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.loading = True

    def __getattr__(self, attribute: str) -> object:
        if attribute.startswith("__"):  # the import system's questions (__path__, ...)
            raise AttributeError(attribute)
        if self.loading:
            if not attribute[:1].isupper():
                raise AttributeError(attribute)
            return type(attribute, (), {"__module__": self.__name__})
        return getattr(importlib.import_module(self.__name__), attribute)


_hidden = [
    name for name in HIDDEN if name not in sys.modules and "sqlite_utils.db" not in sys.modules
]
_deferred = [
    _Deferred(name)
    for name in DEFERRED
    if name not in sys.modules and "sqlite_utils.db" not in sys.modules
]
for _name in _hidden:
    sys.modules[_name] = None  # type: ignore[assignment]  # `import numpy` now fails
for _module in _deferred:
    sys.modules[_module.__name__] = _module
try:
    import sqlite_utils  # noqa: E402
finally:
    for _name in _hidden:
        if _name in sys.modules and sys.modules[_name] is None:
            del sys.modules[_name]
    for _module in _deferred:
        _module.loading = False
        if sys.modules.get(_module.__name__) is _module:
            del sys.modules[_module.__name__]

__all__ = ["sqlite_utils"]
