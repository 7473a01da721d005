#!/usr/bin/env bash
# Store read benchmarks (issue 7), side by side on the local stack, in rounds
# that interleave the contenders so a noisy machine hurts them alike:
#   1. one client pulling one version, in process: cached (Redis) against
#      uncached (cache bypassed: NullCache), alternating every 50 pulls in
#      one run — the latency ratio;
#   2. whole processes: `dharma blueprint pull NAME@1` against the same with
#      --no-cache, each run PULLS times in a row — the per-command ratio;
#   3. 16 concurrent clients: dharma's store reads per second (uncached and
#      cached) against `pgbench -S` (select-only) through the same PgBouncer,
#      and against pgbench running the store's own read (the V011 function
#      for the same version, as dharma_app): PostgreSQL's ceiling for it.
# Each ratio is reported per round and as the median of the rounds.
# Usage: scripts/stack up; eval "$(scripts/stack env)"; bench/store.sh [BUILD_DIR] [SECONDS] [ROUNDS] [PULLS]
# Builds bench/store_bench.cpp (-DDHARMA_BENCH=ON) when needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
seconds=${2:-5}
rounds=${3:-3}
pulls=${4:-200}
: "${DHARMA_DATABASE_URL:?run scripts/stack up and eval \"\$(scripts/stack env)\" first}"
cmake -S "$root" -B "$build" -DDHARMA_BENCH=ON >/dev/null
cmake --build "$build" --target dharma dharma_store_bench >/dev/null
dharma=$build/cli/dharma
bench=$build/bench/dharma_store_bench
export DHARMA_HOME=$root

"$dharma" db migrate >/dev/null
"$dharma" tenant show bench-store >/dev/null 2>&1 || "$dharma" tenant create bench-store --name "Store benchmark" >/dev/null
"$dharma" tenant quota set bench-store --api_calls_per_day 100000000 >/dev/null
"$dharma" blueprint push "$root/examples/k8s-platform.yaml" --project bench --tenant bench-store >/dev/null
name=$(sed -nE 's/^  name: *([a-z0-9._-]+).*/\1/p' "$root/examples/k8s-platform.yaml" | head -1)
bytes=$(wc -c <"$root/examples/k8s-platform.yaml")

direct=$DHARMA_DATABASE_DIRECT_URL
pooled=$DHARMA_DATABASE_MIGRATION_URL
psql -X -q "$direct" -c "DROP DATABASE IF EXISTS dharma_pgbench WITH (FORCE)" -c "CREATE DATABASE dharma_pgbench" >/dev/null 2>&1
pgbench -i -s 1 -q "${direct%/*}/dharma_pgbench" >/dev/null 2>&1
trap 'psql -X -q "$direct" -c "DROP DATABASE IF EXISTS dharma_pgbench WITH (FORCE)" >/dev/null 2>&1' EXIT

field() { sed -E "s/(^|.* )$1=([0-9.e+]+).*/\2/"; }
in_process() { "$bench" bench-store bench "$name" 1 "$seconds" "$1" "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Seconds for PULLS whole-process pulls (extra flags in "$@").
processes() {
  local start end
  start=$(date +%s.%N)
  for ((i = 0; i < pulls; i++)); do
    "$dharma" blueprint pull "$name@1" --project bench --tenant bench-store "$@" >/dev/null
  done
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }'
}
tps_of() { grep -E "^tps" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/'; }
pgbench_tps() { pgbench -S -c 16 -j 2 -T "$seconds" -n "${pooled%/*}/dharma_pgbench" 2>&1 | tps_of; }
tenant_id=$("$dharma" tenant show bench-store --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "SELECT * FROM dharma_blueprint_version('$tenant_id', 'bench', '$name', 1, false);" >"${TMPDIR:-/tmp}/dharma_store_read.sql"
same_read_tps() {
  pgbench -f "${TMPDIR:-/tmp}/dharma_store_read.sql" -M extended -c 16 -j 2 -T "$seconds" -n "$DHARMA_DATABASE_URL" 2>&1 | tps_of
}

"$dharma" blueprint pull "$name@1" --project bench --tenant bench-store >/dev/null  # warm the cache
echo "blueprint: examples/k8s-platform.yaml ($bytes bytes); ${seconds}s per rate run; $pulls pulls per process run"
latency=() process=() uncached_share=() cached_share=() ceiling_share=()
for ((round = 1; round <= rounds; round++)); do
  alt=$(in_process 1 alternate)
  pc=$(processes); pu=$(processes --no-cache)
  u16=$(in_process 16 uncached); c16=$(in_process 16 cached); tps=$(pgbench_tps); same=$(same_read_tps)
  latency+=("$(awk -v r="$(field ratio <<<"$alt")" 'BEGIN { printf "%.2f", r }')")
  process+=("$(ratio "$pu" "$pc")")
  uncached_share+=("$(ratio "$(field reads_per_second <<<"$u16")" "$tps")")
  cached_share+=("$(ratio "$(field reads_per_second <<<"$c16")" "$tps")")
  ceiling_share+=("$(ratio "$(field reads_per_second <<<"$u16")" "$same")")
  echo "== round $round"
  echo "  1 client in process: cached mean $(field cached_mean_ms <<<"$alt") ms, uncached $(field uncached_mean_ms <<<"$alt") ms"
  echo "  $pulls processes:    cached ${pc}s, --no-cache ${pu}s"
  echo "  16 clients:          uncached $(field reads_per_second <<<"$u16")/s, cached $(field reads_per_second <<<"$c16")/s, pgbench -S ${tps}/s, pgbench of the store's read ${same}/s"
done
echo
echo "medians of $rounds rounds:"
echo "  cached vs uncached pull, in process (1 client):    $(printf '%s\n' "${latency[@]}" | median)x faster   [${latency[*]}]"
echo "  cached vs --no-cache pull, whole process:          $(printf '%s\n' "${process[@]}" | median)x faster   [${process[*]}]"
echo "  store reads / pgbench -S, 16 clients, uncached:    $(printf '%s\n' "${uncached_share[@]}" | median)   [${uncached_share[*]}]"
echo "  store reads / pgbench -S, 16 clients, cached:      $(printf '%s\n' "${cached_share[@]}" | median)   [${cached_share[*]}]"
echo "  store reads uncached / pgbench of the same read:   $(printf '%s\n' "${ceiling_share[@]}" | median)   [${ceiling_share[*]}]"
