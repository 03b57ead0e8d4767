"""Where the de-identification library's lookup cache lives, and building it.

`deduce` turns its name, street and place lists into lookup structures (a ~77 MB pickle) on
first use: 60-200 s, written by default into its own install folder, which a packaged app may
not write. Koers points it elsewhere, first match wins:

1. `$KOERS_DEDUCE_CACHE` (tests and CI: one cache for the whole test session, built once);
2. the cache bundled with the packaged app (`resources/deduce-cache`, built by
   ./scripts/package with `python -m app.exports.deduce_cache build DIR`);
3. the user data folder (`<user data>/deduce-cache`), built there on first use, or copied
   from the install folder when the library's own cache there is up to date.

This module does not import the library (the window imports it to warm the worker up).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

from app.paths import resource_path, user_data_dir

ENV = "KOERS_DEDUCE_CACHE"
CACHE_FILE = Path("cache") / "lookup_structs.pickle"  # inside a cache folder, as deduce reads


def cache_dir() -> Path:
    """The folder to hand the library as its `cache_path` (see the module's order)."""
    configured = os.environ.get(ENV)
    if configured:
        return Path(configured).expanduser()
    bundled = resource_path("deduce-cache")
    if (bundled / CACHE_FILE).is_file():
        return bundled
    return user_data_dir() / "deduce-cache"


def has_cache(directory: Path) -> bool:
    return (directory / CACHE_FILE).is_file()


def library_lookup_folder() -> Path | None:
    """The library's own lookup folder in its install folder (its lists in src/, maybe its
    cache in cache/), found without importing the library; None when it is not installed."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup"


def install_cache() -> Path | None:
    """The library's own cache in its install folder when it is newer than every source list
    (the check the library itself makes), else None."""
    lookup = library_lookup_folder()
    if lookup is None:
        return None
    source = lookup / CACHE_FILE
    if not source.is_file():
        return None
    built = source.stat().st_mtime
    if any(f.stat().st_mtime > built for f in (lookup / "src").glob("**/*") if f.is_file()):
        return None
    return source


def will_build(directory: Path | None = None) -> bool:
    """Whether loading the library next builds its cache (minutes, the first sheet on a new
    install): none in `directory` (default `cache_dir()`) and none to copy from the install
    folder. Cheap: reads no list."""
    return not has_cache(Path(directory or cache_dir())) and install_cache() is None


def seed_from_install(directory: Path) -> bool:
    """Copy the library's own cache from its install folder into `directory` when there is
    one newer than every source list (`install_cache`). Returns whether it copied. Never
    writes into the install folder."""
    source = install_cache()
    if source is None:
        return False
    target = directory / CACHE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".lookup-", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    return True


def build(directory: Path) -> None:
    """Make sure `directory` holds a cache the library loads without rebuilding: copied from
    `$KOERS_DEDUCE_CACHE` or the install folder when one is there, else built (atomically: a
    half-built cache is never read); then loaded once, which rebuilds a stale one."""
    from app.exports.deduce_engine import load_library  # noqa: PLC0415

    configured = os.environ.get(ENV)
    if not has_cache(directory) and configured and has_cache(Path(configured)):
        (directory / CACHE_FILE).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(configured) / CACHE_FILE, directory / CACHE_FILE)
    load_library(directory)


def main(argv: list[str] | None = None) -> int:
    """`python -m app.exports.deduce_cache build DIR`: build the cache into DIR."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] != "build":
        print("usage: python -m app.exports.deduce_cache build DIR", file=sys.stderr)
        return 2
    directory = Path(args[1])
    build(directory)
    size = (directory / CACHE_FILE).stat().st_size // 2**20
    print(f"deduce cache: {directory / CACHE_FILE} ({size} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
