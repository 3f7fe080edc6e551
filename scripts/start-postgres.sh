#!/usr/bin/env bash
# Starts a local PostgreSQL server for the variant suite (Debian/Ubuntu): installs
# Debian's `postgresql` package when missing, creates and starts its cluster, and creates
# a superuser role for the tests. Prints the admin URL on stdout, everything else on
# stderr, so:
#
#   export GOLDEN_PATH_POSTGRES_URL="$(scripts/start-postgres.sh)"
#
# Role, password and port can be changed with GOLDEN_PATH_POSTGRES_ROLE,
# GOLDEN_PATH_POSTGRES_PASSWORD. Safe to run again: every step checks first.
set -euo pipefail

ROLE=${GOLDEN_PATH_POSTGRES_ROLE:-golden_path}
PASSWORD=${GOLDEN_PATH_POSTGRES_PASSWORD:-golden_path}
log() { echo "start-postgres: $*" >&2; }

as_root() {
  if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi
}
as_postgres() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! command -v pg_lsclusters >/dev/null || [[ -z $(ls /usr/lib/postgresql 2>/dev/null) ]]; then
  log "installing PostgreSQL (apt-get install -y postgresql)"
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
CLUSTER=main
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
  log "creating cluster $VERSION/$CLUSTER"
  as_root pg_createcluster "$VERSION" "$CLUSTER" >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}' | grep -q online; then
  log "starting cluster $VERSION/$CLUSTER on port $PORT"
  as_root pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2

# The tests create and drop a database per variant: a superuser role, password login.
as_postgres psql -q -p "$PORT" -v ON_ERROR_STOP=1 -v role="$ROLE" -v password="$PASSWORD" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN SUPERUSER', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN SUPERUSER PASSWORD %L', :'role', :'password') \gexec
SQL

URL="postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/postgres"
log "PostgreSQL $VERSION is up; export GOLDEN_PATH_POSTGRES_URL=$URL"
echo "$URL"
