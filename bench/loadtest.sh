#!/usr/bin/env bash
# `dharma loadtest` at scale on the local stack (issue 18): VUS VUs of the
# default store mix for SECONDS (the baseline scenario's shape scaled:
# ramp over the first tenth, then hold), with the CPU seconds each process
# used during the run — dharma itself (/usr/bin/time), PgBouncer, PostgreSQL
# (postmaster and its children) and Redis — so the bottleneck can be named.
# Prints ops/s, p50/p95/p99 of all requests and per kind.
# Usage: scripts/stack up; eval "$(scripts/stack env)"; bench/loadtest.sh [BUILD_DIR] [VUS] [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
vus=${2:-1000}
seconds=${3:-30}
dharma=$build/cli/dharma
: "${DHARMA_DATABASE_URL:?run scripts/stack up and eval \"\$(scripts/stack env)\" first}"
stack_dir=${DHARMA_STACK_DIR:-$root/.dharma/stack}
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ticks_of() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}
server_ticks() {
  local postmaster
  postmaster=$(head -1 "$stack_dir/postgres/data/postmaster.pid")
  echo "$(ticks_of "$(cat "$stack_dir/pgbouncer/pgbouncer.pid")") $(ticks_of "$(cat "$stack_dir/redis/redis.pid")")" \
       "$(ticks_of "$postmaster" $(pgrep -P "$postmaster" | tr '\n' ' '))"
}

"$dharma" loadtest prepare --tenants 10 >/dev/null
before=$(server_ticks)
/usr/bin/time -f '%U %S %M' -o "$work/time" "$dharma" loadtest baseline --vus "$vus" --duration "${seconds}s" \
  --tenants 10 --format json >"$work/report.json" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
after=$(server_ticks)
read -r user system peak_kb <"$work/time"
awk -v hz="$hz" -v a="$before" -v b="$after" -v u="$user" -v s="$system" -v t="$seconds" -v kb="$peak_kb" 'BEGIN {
  split(a, x, " "); split(b, y, " ");
  printf "CPU seconds over the %ss run: dharma %.1f (user %.1f + system %.1f, peak RSS %.0f MB), pgbouncer %.1f, postgres %.1f, redis %.1f\n",
    t, u + s, u, s, kb / 1024, (y[1] - x[1]) / hz, (y[3] - x[3]) / hz, (y[2] - x[2]) / hz }'
jq -r '"all: \(.tags.all.summary.requests) requests, \(.tags.all.summary.errors) errors, \(.tags.all.summary.ops_per_second | floor) ops/s over the whole run (ramp included), p50 \(.tags.all.summary.p50_us / 1000) ms, p95 \(.tags.all.summary.p95_us / 1000) ms, p99 \(.tags.all.summary.p99_us / 1000) ms",
  "ops/s in the held part (median second): \([.timeline[] | .ops] | sort | .[length / 2 | floor])",
  (.tags | to_entries[] | select(.key | startswith("kind:")) | "  \(.key): \(.value.summary.ops_per_second | floor) ops/s, p95 \(.value.summary.p95_us / 1000) ms"),
  "cache hit rate \(.counters.cache_hits / ((.counters.cache_hits + .counters.cache_misses) | if . == 0 then 1 else . end) * 100 | floor)%",
  "pgbouncer peak cl_waiting \([.server[] | .pgbouncer.cl_waiting // 0] | max), sv_active \([.server[] | .pgbouncer.sv_active // 0] | max)"' "$work/report.json"
