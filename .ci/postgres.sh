# Sourced by .ci/run: install (if needed) and start a local PostgreSQL for the server tests,
# then export KOERS_PG_URL. Debian/Ubuntu, run as root (as CI does).
# Strict while it runs; the sourcing shell's own options come back at the end (a developer's
# shell that sourced it must not end at its next failing command).
_koers_caller_opts="$(set +o)"
case $- in *e*) _koers_caller_opts="$_koers_caller_opts; set -e" ;; esac  # $(...) drops -e
set -euo pipefail
if [ ! -d /usr/lib/postgresql ] || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$pg_version main"; then
    pg_createcluster "$pg_version" main >/dev/null
fi
pg_ctlcluster "$pg_version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 1
done
pg_isready -h 127.0.0.1
as_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
[ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = 'koers'")" = "1" ] ||
    as_postgres "CREATE ROLE koers LOGIN PASSWORD 'koers' CREATEDB"
[ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = 'koers'")" = "1" ] ||
    as_postgres "CREATE DATABASE koers OWNER koers"
export KOERS_PG_URL="postgresql://koers:koers@127.0.0.1:5432/koers"
# The cluster's log: tests/security/test_server_hardening.py reads it after hostile pushes.
KOERS_PG_LOG="$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" {print $7}')"
export KOERS_PG_LOG
eval "$_koers_caller_opts"
unset _koers_caller_opts
