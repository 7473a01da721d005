#!/usr/bin/env bash
# Where one store request kind's time goes, dharma loadtest against pgbench
# running the same statement (as bench/store_loadtest.sh pairs them), read
# from PgBouncer's SHOW STATS over each run: transactions, statements per
# transaction, bytes received per transaction, PgBouncer's server time per
# transaction (query sent to the server until its answer), client wait for
# a server connection, and the rest of each client's cycle (VUs / rate minus
# the server time: the client, PgBouncer's client side and loopback).
# ROUNDS rounds, dharma and pgbench back to back, alternating which goes
# first. Runs in a database of its own on the stack (created and dropped).
# Usage: scripts/stack up; eval "$(scripts/stack env)"
#        bench/store_pgbouncer_stats.sh [BUILD_DIR] [KIND:STATEMENT] [VUS] [ROUNDS] [SECONDS]
#        (KIND:STATEMENT as in store_loadtest.sh, e.g. quota:usage, the default)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
pair=${2:-quota:usage}
vus=${3:-16}
rounds=${4:-6}
seconds=${5:-5}
kind=${pair%%:*} statement=${pair##*:}
: "${DHARMA_PGBOUNCER_ADMIN_URL:?run scripts/stack up and eval \"\$(scripts/stack env)\" first}"
cmake --build "$build" --target dharma dharma_pgbench_script >/dev/null || exit 2
dharma=$build/cli/dharma
export DHARMA_HOME=$root NO_COLOR=1
db=dharma_pgbouncer_stats_$$  # a new name each run: cached tenant rows of an earlier, dropped one never match
admin=${DHARMA_DATABASE_DIRECT_URL%/*}/postgres
psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null 2>&1
work=$(mktemp -d)
trap 'psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
export DHARMA_DATABASE_URL=${DHARMA_DATABASE_URL%/*}/$db
export DHARMA_DATABASE_MIGRATION_URL=${DHARMA_DATABASE_MIGRATION_URL%/*}/$db
export DHARMA_DATABASE_DIRECT_URL=${DHARMA_DATABASE_DIRECT_URL%/*}/$db
"$dharma" db migrate >/dev/null 2>&1 || { echo "db migrate failed" >&2; exit 3; }
"$dharma" loadtest prepare --tenants 1 >/dev/null || exit 3
psql -X -q "$DHARMA_DATABASE_DIRECT_URL" -c "ANALYZE" >/dev/null 2>&1
tenant=$(psql -X -tA "$DHARMA_DATABASE_URL" -c "SELECT dharma_tenant_id('loadtest-01')")
defines=$("$build/tests/dharma_pgbench_script" "$statement" "$tenant" loadtest web 1 "$work/s.sql" | sed 's/^/-D /' | tr '\n' ' ')
printf 'executor: {type: constant-vus, vus: %s, duration: %ss}\nrequests:\n  - kind: %s\ntenants: 1\n' \
  "$vus" "$seconds" "$kind" >"$work/s.yaml"
# SHOW STATS of this database: xacts, queries, received bytes, xact time, wait time (µs)
stats() { psql -X -tA -F' ' "$DHARMA_PGBOUNCER_ADMIN_URL" -c "SHOW STATS" | awk -v db="$db" '$1 == db { print $2, $3, $4, $6, $8 }'; }
# line WHO RATE BEFORE AFTER
line() {
  awk -v who="$1" -v rate="$2" -v vus="$vus" -v a="$3" -v b="$4" 'BEGIN { split(a, x, " "); split(b, y, " ");
    n = y[1] - x[1]; cycle = vus * 1e6 / rate; server = (y[4] - x[4]) / n
    printf "%-8s %6d/s  statements/xact %.2f  bytes in/xact %.0f  server %5.0f us  wait %4.0f us  cycle %5.0f us  outside the server %4.0f us\n",
      who, rate, (y[2] - x[2]) / n, (y[3] - x[3]) / n, server, (y[5] - x[5]) / n, cycle, cycle - server }'
}
dharma_round() {
  local before after
  before=$(stats)
  "$dharma" loadtest run "$work/s.yaml" --format json >"$work/r.json" 2>/dev/null
  after=$(stats)
  line dharma "$(jq -r '.tags.all.summary | if .errors == 0 then (.ops_per_second | floor) else 0 end' "$work/r.json")" "$before" "$after"
}
pgbench_round() {
  local before after out
  before=$(stats)
  # shellcheck disable=SC2086 # the -D arguments hold no spaces
  out=$(pgbench -n -M extended -c "$vus" -j 2 -T "$seconds" -f "$work/s.sql" $defines "$DHARMA_DATABASE_URL" 2>&1)
  after=$(stats)
  line pgbench "$(sed -nE 's/^tps = ([0-9]+).*/\1/p' <<<"$out")" "$before" "$after"
}
echo "$kind against pgbench's $statement statement, $vus clients, ${seconds}s per run"
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then dharma_round; pgbench_round; else pgbench_round; dharma_round; fi
done
