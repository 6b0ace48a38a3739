#!/bin/sh
# Applies db/migrations to a PostgreSQL database with the same rules as build.ps1. Each NNNN_name.sql file
# that the table schema_migrations does not list yet is applied in ordinal file-name order. psql runs the
# file and the INSERT that records it in one transaction, so a failing file leaves no trace. Running the
# script again applies nothing.
#
# The connection comes from the standard libpq variables PGHOST, PGPORT, PGDATABASE and PGUSER, and the
# password from PGPASSWORD or from the file that PGPASSWORD_FILE names. MIGRATIONS_DIR is the folder of the
# .sql files (default: the migrations folder beside this script). WAIT_SECONDS is how long to wait for the
# server to accept connections (default 60).
set -eu

migrations_dir="${MIGRATIONS_DIR:-$(dirname "$0")/migrations}"
wait_seconds="${WAIT_SECONDS:-60}"

log() {
    echo "migrate: $*" >&2
}

if [ -n "${PGPASSWORD_FILE:-}" ]; then
    if [ ! -r "$PGPASSWORD_FILE" ]; then
        log "PGPASSWORD_FILE '$PGPASSWORD_FILE' is missing or not readable; mount the secret or unset PGPASSWORD_FILE."
        exit 64
    fi
    PGPASSWORD="$(cat "$PGPASSWORD_FILE")"
    export PGPASSWORD
fi

run_psql() {
    psql --no-psqlrc --quiet --tuples-only --no-align --set ON_ERROR_STOP=1 "$@"
}

waited=0
until pg_isready --quiet --timeout=5; do
    if [ "$waited" -ge "$wait_seconds" ]; then
        log "PostgreSQL at ${PGHOST:-localhost}:${PGPORT:-5432} did not accept connections within ${wait_seconds} s."
        exit 69
    fi
    sleep 2
    waited=$((waited + 2))
done

names="$(cd "$migrations_dir" && find . -maxdepth 1 -type f -name '*.sql' | sed 's|^\./||' | LC_ALL=C sort)"
if [ -z "$names" ]; then
    log "$migrations_dir has no .sql files."
    exit 66
fi
for name in $names; do
    if ! echo "$name" | grep -Eq '^[0-9]{4}_[a-z0-9_]+\.sql$'; then
        log "The migration file name '$name' is invalid: expected four digits, '_', lower-case words and '.sql'."
        exit 65
    fi
done

run_psql --command 'SET client_min_messages = warning; CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())'
applied="$(run_psql --command 'SELECT name FROM schema_migrations ORDER BY name')"

for recorded in $applied; do
    if ! echo "$names" | grep -qxF "$recorded"; then
        log "warning: schema_migrations lists $recorded, but $migrations_dir has no such file."
    fi
done

pending=0
for name in $names; do
    if echo "$applied" | grep -qxF "$name"; then
        continue
    fi
    log "Applying migration $name"
    run_psql --single-transaction --file "$migrations_dir/$name" \
        --command "INSERT INTO schema_migrations (name) VALUES ('$name')" > /dev/null
    pending=$((pending + 1))
done

if [ "$pending" -eq 0 ]; then
    log "Database ${PGDATABASE:-} is up to date ($(echo "$names" | wc -l) migrations)."
else
    log "Applied $pending migration(s) to ${PGDATABASE:-}."
fi
