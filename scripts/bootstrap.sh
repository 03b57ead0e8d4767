# Sourced by scripts/demo and scripts/test: make .venv with Python 3.11+ and install Koers.
# Usage: . scripts/bootstrap.sh EXTRAS   (EXTRAS: "" for the app, "dev" for the tests too)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Koers needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)." >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
stamp=".venv/.koers-installed-${1:-app}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    # Quiet unless something fails: build-backend notices are not for the user.
    echo "Installing Koers and what it needs into .venv (a few minutes the first time)..." >&2
    if ! { .venv/bin/python -m pip install --quiet --upgrade pip &&
           .venv/bin/python -m pip install --quiet -e ".${1:+[$1]}"; } 2>.venv/install.log; then
        cat .venv/install.log >&2
        exit 1
    fi
    touch "$stamp"
fi
