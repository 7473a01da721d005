#!/usr/bin/env bash
# Store read benchmarks (issue 7), side by side in one run on the local stack:
#   1. one client pulling one version: cached (Redis) against uncached (cache
#      bypassed) — the latency ratio;
#   2. 16 concurrent clients: dharma's store reads per second against
#      `pgbench -S` (select-only) through the same PgBouncer — the rate ratio.
# Usage: scripts/stack up; eval "$(scripts/stack env)"; bench/store.sh [BUILD_DIR] [SECONDS]
# Builds bench/store_bench.cpp (-DDHARMA_BENCH=ON) when needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
seconds=${2:-5}
: "${DHARMA_DATABASE_URL:?run scripts/stack up and eval \"\$(scripts/stack env)\" first}"
cmake -S "$root" -B "$build" -DDHARMA_BENCH=ON >/dev/null
cmake --build "$build" --target dharma dharma_store_bench >/dev/null
dharma=$build/cli/dharma
bench=$build/bench/dharma_store_bench
export DHARMA_HOME=$root

"$dharma" db migrate >/dev/null
"$dharma" tenant show bench-store >/dev/null 2>&1 || "$dharma" tenant create bench-store --name "Store benchmark" >/dev/null
"$dharma" blueprint push "$root/examples/k8s-platform.yaml" --project bench --tenant bench-store >/dev/null

field() { sed -E "s/.*$1=([0-9.e+]+).*/\1/"; }
run() { "$bench" bench-store bench platform 1 "$seconds" "$1" "$2"; }

echo "== 1 client, ${seconds}s each"
cached1=$(run 1 cached); uncached1=$(run 1 uncached)
echo "cached:   $cached1"; echo "uncached: $uncached1"

echo "== 16 clients, ${seconds}s each"
cached16=$(run 16 cached); uncached16=$(run 16 uncached)
echo "cached:   $cached16"; echo "uncached: $uncached16"

echo "== pgbench -S -c 16 through the same PgBouncer, ${seconds}s"
direct=$DHARMA_DATABASE_DIRECT_URL
pooled=$DHARMA_DATABASE_MIGRATION_URL
psql -X -q "$direct" -c "DROP DATABASE IF EXISTS dharma_pgbench WITH (FORCE)" -c "CREATE DATABASE dharma_pgbench" >/dev/null
pgbench -i -s 1 -q "${direct%/*}/dharma_pgbench" >/dev/null 2>&1
pgbench_out=$(pgbench -S -c 16 -j 2 -T "$seconds" -n "${pooled%/*}/dharma_pgbench" 2>&1)
pgbench_tps=$(grep -E "^tps" <<<"$pgbench_out" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
echo "pgbench:  tps=$pgbench_tps"
psql -X -q "$direct" -c "DROP DATABASE IF EXISTS dharma_pgbench WITH (FORCE)" >/dev/null

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "cached vs uncached latency (1 client): $(ratio "$(field mean_ms <<<"$uncached1")" "$(field mean_ms <<<"$cached1")")x faster"
echo "cached vs uncached rate (16 clients):  $(ratio "$(field reads_per_second <<<"$cached16")" "$(field reads_per_second <<<"$uncached16")")x"
echo "store (uncached) / pgbench -S rate:     $(ratio "$(field reads_per_second <<<"$uncached16")" "$pgbench_tps")"
echo "store (cached) / pgbench -S rate:       $(ratio "$(field reads_per_second <<<"$cached16")" "$pgbench_tps")"
