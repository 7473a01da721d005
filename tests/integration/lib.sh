# Shared by tests/integration/test_*.sh: source it after setting nothing.
# Usage of a test: bash test_x.sh DHARMA_BINARY SCRATCH_DIR
#
# Gives each test its own database on the stack's server (created by the
# schema-owner role, dropped on exit even when the test fails), URLs for it
# ($MIGRATION_URL through PgBouncer as the owner, $DIRECT_URL straight to
# PostgreSQL, $APP_URL through PgBouncer as the application role), and small
# assertion helpers. The scratch directory is kept for inspection.
set -uo pipefail
dharma=$1 scratch=$2
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 2

fail() { echo "FAIL: $*" >&2; exit 1; }

require_stack() {
  local missing=()
  for var in DHARMA_DATABASE_URL DHARMA_DATABASE_MIGRATION_URL DHARMA_DATABASE_DIRECT_URL; do
    [[ -n ${!var:-} ]] || missing+=("$var")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ ${DHARMA_TEST_STRICT:-} == 1 ]]; then
    fail "${missing[*]} not set: the integration tests need the stack (scripts/stack up; eval \"\$(scripts/stack env)\")"
  fi
  echo "SKIPPED: ${missing[*]} not set; start the stack (scripts/stack up) and eval \"\$(scripts/stack env)\"" >&2
  exit 77
}

url_for() {  # url_for URL DATABASE — URL with its database replaced
  local base=${1%%\?*}
  echo "${base%/*}/$2"
}

new_database() {  # new_database NAME — creates dt_NAME_PID and exports the URLs
  require_stack
  TEST_DB="dt_${1}_$$"
  ADMIN_URL=$(url_for "$DHARMA_DATABASE_DIRECT_URL" postgres)
  psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "CREATE DATABASE $TEST_DB" >/dev/null || fail "cannot create $TEST_DB"
  trap drop_database EXIT
  MIGRATION_URL=$(url_for "$DHARMA_DATABASE_MIGRATION_URL" "$TEST_DB")
  DIRECT_URL=$(url_for "$DHARMA_DATABASE_DIRECT_URL" "$TEST_DB")
  APP_URL=$(url_for "$DHARMA_DATABASE_URL" "$TEST_DB")
  export DHARMA_DATABASE_MIGRATION_URL=$MIGRATION_URL DHARMA_DATABASE_DIRECT_URL=$DIRECT_URL DHARMA_DATABASE_URL=$APP_URL
}

drop_database() {
  psql -X -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $TEST_DB WITH (FORCE)" >/dev/null 2>&1 || true
}

owner_sql() { psql -X -q -v ON_ERROR_STOP=1 -tA "$DIRECT_URL" -c "$1"; }
app_sql() { psql -X -q -v ON_ERROR_STOP=1 -tA "$APP_URL" -c "$1"; }

run() {  # run NAME ARGS... — dharma ARGS, output in NAME.out / NAME.err, status in $status
  local name=$1; shift
  "$dharma" "$@" >"$name.out" 2>"$name.err"
  status=$?
}

expect_status() {  # expect_status CODE NAME — after run NAME ...
  [[ $status == "$1" ]] || { cat "$2.out" "$2.err" >&2; fail "$2: exit $status, expected $1"; }
}

expect_in() {  # expect_in FILE TEXT
  grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 does not contain: $2"; }
}

expect_eq() {  # expect_eq ACTUAL EXPECTED WHAT
  [[ $1 == "$2" ]] || fail "$3: got '$1', expected '$2'"
}

no_password_in() {  # no_password_in FILE... — none of the stack's passwords appear
  local url password
  for url in "$DHARMA_DATABASE_URL" "$DHARMA_DATABASE_MIGRATION_URL" "$DHARMA_DATABASE_DIRECT_URL"; do
    password=$(sed -E 's#^[a-z]+://[^:/@]+:([^@]+)@.*#\1#' <<<"$url")
    [[ $password == "$url" || -z $password ]] && continue
    if grep -qF -- "$password" "$@"; then fail "a password appears in $*"; fi
  done
}

migrations_copy() {  # migrations_copy DIR — dharma's own migrations copied to DIR
  mkdir -p "$1" && cp "$repo"/migrations/V*.sql "$1"/
}

# How many migrations dharma ships, and the newest version among them (a
# branch may lack a number another branch takes, so they can differ).
migration_count=$(find "$repo/migrations" -maxdepth 1 -name 'V*.sql' | wc -l)
latest_version=$(find "$repo/migrations" -maxdepth 1 -name 'V*.sql' -printf '%f\n' | sed -E 's/^V0*([0-9]+)__.*/\1/' | sort -n | tail -1)

running_statements() {  # running_statements LIKE-PATTERN — how many other sessions run a matching statement
  owner_sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '$1' AND state = 'active' AND pid <> pg_backend_pid()"
}
wait_for_statement() {  # wait_for_statement LIKE-PATTERN — until one runs (at most 20 s); 1 if none did
  for _ in $(seq 1 200); do
    [[ $(running_statements "$1") != 0 ]] && return 0
    sleep 0.1
  done
  return 1
}
wait_for_no_statement() {  # wait_for_no_statement LIKE-PATTERN — until none runs (at most 10 s)
  for _ in $(seq 1 50); do
    [[ $(running_statements "$1") == 0 ]] && return 0
    sleep 0.2
  done
  return 1
}
