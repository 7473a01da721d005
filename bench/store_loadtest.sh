#!/usr/bin/env bash
# The store's request kinds through `dharma loadtest` (the event-loop engine,
# one connection per VU through PgBouncer) against pgbench running the same
# statement (tests' dharma_pgbench_script writes it from
# store_statements.hpp) through the same PgBouncer with as many clients as
# VUs, closed model, at 16 and 100 VUs:
#   pull_uncached       against pgbench's pull statement
#   list_uncached       against the list statement
#   quota               against the tenant usage statement
#   api_calls_uncached  against the API-call count (counted up in PostgreSQL)
#   pull (cached)       against the uncached pull statement, and the
#                       engine's own pull_uncached of the same round
#   push                last (the versions it adds never slow the reads)
# Each row runs ROUNDS times, dharma and pgbench back to back, alternating
# which goes first, so a noisy machine hurts both alike; the summary gives
# medians of the rates, of the per-round ratios and of the CPU seconds of the
# client process, PgBouncer, PostgreSQL (postmaster and children) and Redis
# over each run. A pgbench run that prints no tps is shown with its errors;
# pgbench's -T is lengthened by its clients' connection time (see pgbench_run).
# Runs in a database of its own on the stack (created and dropped here).
# Usage: scripts/stack up; eval "$(scripts/stack env)"; bench/store_loadtest.sh [BUILD_DIR] [SECONDS] [ROUNDS]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
seconds=${2:-5}
rounds=${3:-3}
: "${DHARMA_DATABASE_URL:?run scripts/stack up and eval \"\$(scripts/stack env)\" first}"
cmake --build "$build" --target dharma dharma_pgbench_script >/dev/null || exit 2
dharma=$build/cli/dharma
tool=$build/tests/dharma_pgbench_script
export DHARMA_HOME=$root NO_COLOR=1
stack=${DHARMA_STACK_DIR:-$root/.dharma/stack}
db=dharma_loadtest_bench
admin=${DHARMA_DATABASE_DIRECT_URL%/*}/postgres
psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null 2>&1
work=$(mktemp -d)
trap 'psql -X -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
export DHARMA_DATABASE_URL=${DHARMA_DATABASE_URL%/*}/$db
export DHARMA_DATABASE_MIGRATION_URL=${DHARMA_DATABASE_MIGRATION_URL%/*}/$db
export DHARMA_DATABASE_DIRECT_URL=${DHARMA_DATABASE_DIRECT_URL%/*}/$db
"$dharma" db migrate >/dev/null 2>&1 || { echo "db migrate failed" >&2; exit 3; }
"$dharma" loadtest prepare --tenants 1 >/dev/null || exit 3
tenant=$(psql -X -tA "$DHARMA_DATABASE_URL" -c "SELECT dharma_tenant_id('loadtest-01')")
psql -X -q "$DHARMA_DATABASE_DIRECT_URL" -c "ANALYZE" >/dev/null 2>&1
hz=$(getconf CLK_TCK)
postmaster=$(head -1 "$stack/postgres/data/postmaster.pid")
ticks() { local t=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }
# shellcheck disable=SC2046 # pid lists
sample() { echo "$(ticks $(cat "$stack/pgbouncer/pgbouncer.pid")) $(ticks "$postmaster" $(pgrep -P "$postmaster")) $(ticks $(cat "$stack/redis/redis.pid"))"; }
# servers BEFORE AFTER — "PGBOUNCER POSTGRES REDIS" CPU seconds
servers() {
  awk -v hz="$hz" -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ");
    printf "%.2f %.2f %.2f", (y[1] - x[1]) / hz, (y[2] - x[2]) / hz, (y[3] - x[3]) / hz }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# dharma_run KIND VUS — "OPS CLIENT_CPU PGBOUNCER POSTGRES REDIS P50_MS" (OPS "-" on errors)
dharma_run() {
  local before after user system ops p50
  printf 'name: bench\ntarget: store\nexecutor: {type: constant-vus, vus: %s, duration: %ss}\nrequests:\n  - kind: %s\ntenants: 1\n' \
    "$2" "$seconds" "$1" >"$work/scenario.yaml"
  before=$(sample)
  /usr/bin/time -f "%U %S" -o "$work/time" "$dharma" loadtest run "$work/scenario.yaml" --format json >"$work/report.json" 2>"$work/err"
  after=$(sample)
  read -r user system _ <"$work/time"
  ops=$(jq -r --arg k "kind:$1" '.tags[$k].summary | if .errors == 0 then (.ops_per_second | floor) else "-" end' "$work/report.json" 2>/dev/null)
  [[ $ops =~ ^[0-9]+$ ]] || { echo "  dharma $1 $2 VUs failed: $(head -c 300 "$work/err")" >&2; ops=-; }
  p50=$(jq -r --arg k "kind:$1" '.tags[$k].summary.p50_us / 1000' "$work/report.json" 2>/dev/null)
  echo "$ops $(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }') $(servers "$before" "$after") ${p50:--}"
}
# pgbench_run SCRIPT CLIENTS DEFINES — "TPS CLIENT_CPU PGBOUNCER POSTGRES REDIS MEAN_MS" (TPS "-" when none printed)
# pgbench's -T clock includes its clients' connections (SCRAM through
# PgBouncer, one after another: about 1 s for 100 clients here, more on a
# loaded machine), while dharma connects its VUs before its clock starts;
# when the connections ate the whole run, pgbench processed nothing and
# printed no tps. -T is therefore lengthened by the whole seconds the
# previous run with as many clients spent connecting (its tps excludes that
# time, so the rate is comparable; its CPU then covers the connections and
# those seconds too); if it still processed nothing, it runs once more
# with 2 s more. Kept in a file per client count: each run is in a subshell.
pgbench_run() {
  local before after out tps mean connect_allowance attempt
  connect_allowance=$(cat "$work/allowance.$2" 2>/dev/null || echo $(($2 / 100)))
  for attempt in 1 2; do  # a second try, 2 s longer, when the connections still ate the run
    before=$(sample)
    # shellcheck disable=SC2086 # the -D arguments hold no spaces
    out=$( { TIMEFORMAT='cpu=%U+%S'; time pgbench -n -M extended -c "$2" -j 2 -T "$((seconds + connect_allowance))" -f "$1" $3 "$DHARMA_DATABASE_URL" 2>&1; } 2>&1)
    after=$(sample)
    grep -q '^tps = ' <<<"$out" && break
    echo "  pgbench $(basename "$1") $2 clients, -T $((seconds + connect_allowance)), attempt $attempt: $(grep -E 'processed|connection time' <<<"$out" | tr '\n' ' ')" >&2
    connect_allowance=$((connect_allowance + 2))
  done
  sed -nE 's/^initial connection time = ([0-9]+).*/\1/p' <<<"$out" | awk '{ print int($1 / 1000) }' >"$work/allowance.$2"
  [[ -s $work/allowance.$2 ]] || echo $(($2 / 100)) >"$work/allowance.$2"
  tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$out" | head -1)
  [[ -n $tps ]] || { echo "  pgbench $(basename "$1") $2 clients printed no tps: $(grep -iE 'error|abort|processed|connection time' <<<"$out" | head -3 | tr '\n' ' ')" >&2; tps=-; }
  mean=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' <<<"$out")
  echo "${tps%.*} $(grep -o 'cpu=[0-9.+]*' <<<"$out" | cut -d= -f2 | awk -F+ '{ printf "%.2f", $1 + $2 }') $(servers "$before" "$after") ${mean:--}"
}

echo "${seconds}s per run, $rounds rounds per row (dharma and pgbench back to back, alternating which goes first)"
echo "per run: ops/s, CPU seconds client/pgbouncer/postgres/redis, dharma p50 or pgbench mean latency (ms)"
summary=()
# row KIND STATEMENT BLUEPRINT VUS — the rounds of one row, then its medians
row() {
  local kind=$1 statement=$2 blueprint=$3 vus=$4 round defines mine theirs label=$1
  [[ $kind == pull ]] && label="pull (cached)"
  defines=$("$tool" "$statement" "$tenant" loadtest "$blueprint" 1 "$work/$statement.sql" | sed 's/^/-D /' | tr '\n' ' ')
  : >"$work/rows"
  for ((round = 1; round <= rounds; round++)); do
    if ((round % 2)); then
      mine=$(dharma_run "$kind" "$vus"); theirs=$(pgbench_run "$work/$statement.sql" "$vus" "$defines")
    else
      theirs=$(pgbench_run "$work/$statement.sql" "$vus" "$defines"); mine=$(dharma_run "$kind" "$vus")
    fi
    [[ $kind == pull ]] && uncached=$(dharma_run pull_uncached "$vus") || uncached="- - - - - -"
    echo "$mine | $theirs | $uncached" >>"$work/rows"
    echo "$label, $vus VUs, round $round: dharma $mine | pgbench ($statement) $theirs$([[ $kind == pull ]] && echo " | dharma pull_uncached $uncached")"
  done
  # columns: 1-6 dharma, 8-13 pgbench, 15-20 the engine's uncached pull (cached rows)
  local d p r c u
  d=$(awk '$1 != "-" { print $1 }' "$work/rows" | median)
  p=$(awk '$8 != "-" { print $8 }' "$work/rows" | median)
  r=$(awk '$1 != "-" && $8 != "-" && $8 > 0 { printf "%.2f\n", $1 / $8 }' "$work/rows" | median)
  cpu() { local f; for f in "$@"; do awk -v f="$f" '{ print $f }' "$work/rows" | median; done | paste -sd/; }
  c="$(cpu 2 3 4 5) against $(cpu 9 10 11 12)"
  u=""
  [[ $kind == pull ]] && u="; cached / the engine's uncached pull $(awk '$15 != "-" && $15 > 0 && $1 != "-" { printf "%.2f\n", $1 / $15 }' "$work/rows" | median)"
  summary+=("$(printf '%-20s %3s VUs  dharma %6s/s  pgbench %6s/s  ratio %s [%s]  CPU %s%s' "$label" "$vus" "$d" "$p" "$r" \
    "$(awk '$1 != "-" && $8 != "-" && $8 > 0 { printf "%.2f ", $1 / $8 }' "$work/rows" | sed 's/ $//')" "$c" "$u")")
}
for triple in pull_uncached:pull:web list_uncached:list:web quota:usage:web api_calls_uncached:api-calls:web \
  pull:pull:web push:push:pushed; do
  IFS=: read -r kind statement blueprint <<<"$triple"
  for vus in 16 100; do
    row "$kind" "$statement" "$blueprint" "$vus"
  done
done
echo
echo "medians of $rounds rounds (ratio = dharma / pgbench per round; CPU s client/pgbouncer/postgres/redis, dharma against pgbench):"
printf '%s\n' "${summary[@]}"
