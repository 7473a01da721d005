#!/usr/bin/env bash
# The store's request kinds through `dharma loadtest` (the event-loop engine,
# one connection per VU through PgBouncer) against pgbench running the same
# statement (tests' dharma_pgbench_script writes it from
# store_statements.hpp) through the same PgBouncer with as many clients as
# VUs: pull_uncached, quota, cached pull, then push (last: the versions it
# adds never slow the reads), each at 16 and 100 VUs, closed model, with the
# CPU seconds of the client process (rss too for dharma), PgBouncer,
# PostgreSQL (postmaster and children) and Redis over each run.
# Runs in a database of its own on the stack (created and dropped here).
# Needs `dharma loadtest` (issue 18's engine) in BUILD_DIR.
# Usage: scripts/stack up; eval "$(scripts/stack env)"; bench/store_loadtest.sh [BUILD_DIR] [SECONDS]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
seconds=${2:-5}
: "${DHARMA_DATABASE_URL:?run scripts/stack up and eval \"\$(scripts/stack env)\" first}"
cmake --build "$build" --target dharma dharma_pgbench_script >/dev/null || exit 2
dharma=$build/cli/dharma
tool=$build/tests/dharma_pgbench_script
export DHARMA_HOME=$root NO_COLOR=1
stack=${DHARMA_STACK_DIR:-$root/.dharma/stack}
db=dharma_loadtest_bench
admin=${DHARMA_DATABASE_DIRECT_URL%/*}/postgres
psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null 2>&1
trap 'psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
work=$(mktemp -d)
export DHARMA_DATABASE_URL=${DHARMA_DATABASE_URL%/*}/$db
export DHARMA_DATABASE_MIGRATION_URL=${DHARMA_DATABASE_MIGRATION_URL%/*}/$db
export DHARMA_DATABASE_DIRECT_URL=${DHARMA_DATABASE_DIRECT_URL%/*}/$db
"$dharma" db migrate >/dev/null 2>&1 || { echo "db migrate failed" >&2; exit 3; }
"$dharma" loadtest prepare --tenants 1 >/dev/null || exit 3
tenant=$(psql -X -tA "$DHARMA_DATABASE_URL" -c "SELECT dharma_tenant_id('loadtest-01')")
hz=$(getconf CLK_TCK)
postmaster=$(head -1 "$stack/postgres/data/postmaster.pid")
ticks() { local t=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }
# shellcheck disable=SC2046 # pid lists
sample() { echo "$(ticks $(cat "$stack/pgbouncer/pgbouncer.pid")) $(ticks "$postmaster" $(pgrep -P "$postmaster")) $(ticks $(cat "$stack/redis/redis.pid"))"; }
servers() {
  awk -v hz="$hz" -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ");
    printf "pgbouncer %.1fs, postgres %.1fs, redis %.1fs", (y[1] - x[1]) / hz, (y[2] - x[2]) / hz, (y[3] - x[3]) / hz }'
}
echo "${seconds}s per run; CPU seconds per process"
# kind:statement:blueprint — the loadtest kind, the statement pgbench runs, the blueprint it names
for triple in pull_uncached:pull:web quota:usage:web pull:pull:web push:push:pushed; do
  IFS=: read -r kind statement blueprint <<<"$triple"
  defines=$("$tool" "$statement" "$tenant" loadtest "$blueprint" 1 "$work/$kind.sql" | sed 's/^/-D /' | tr '\n' ' ')
  for vus in 16 100; do
    printf 'name: bench\ntarget: store\nexecutor: {type: constant-vus, vus: %s, duration: %ss}\nrequests:\n  - kind: %s\n    weight: 1\ntenants: 1\n' \
      "$vus" "$seconds" "$kind" >"$work/scenario.yaml"
    before=$(sample)
    /usr/bin/time -f "%U %S %M" -o "$work/time" "$dharma" loadtest run "$work/scenario.yaml" --format json >"$work/report.json" 2>"$work/err"
    after=$(sample)
    read -r user system rss <"$work/time"
    mine=$(jq -r --arg k "kind:$kind" '.tags[$k].summary | "\(.ops_per_second | floor)/s, p50 \(.p50_us) us, p95 \(.p95_us) us, errors \(.errors)"' "$work/report.json")
    echo "$kind, $vus VUs"
    echo "  dharma loadtest: $mine; client cpu $(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.1f", u + s }')s, rss $((rss / 1024)) MB; $(servers "$before" "$after")"
    before=$(sample)
    # shellcheck disable=SC2086 # the -D arguments hold no spaces
    out=$( { TIMEFORMAT='cpu=%U+%S'; time pgbench -n -M extended -c "$vus" -j 2 -T "$seconds" -f "$work/$kind.sql" $defines "$DHARMA_DATABASE_URL" 2>&1; } 2>&1 )
    after=$(sample)
    tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$out" | head -1)
    echo "  pgbench ($statement statement): ${tps%.*}/s, mean $(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' <<<"$out") ms; client cpu $(grep -o 'cpu=[0-9.+]*' <<<"$out" | cut -d= -f2 | awk -F+ '{ printf "%.1f", $1 + $2 }')s; $(servers "$before" "$after")"
  done
done
