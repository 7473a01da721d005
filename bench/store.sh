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
#   4. every hot store operation (uncached pull, list, quota check, API-call
#      count, push) at 16 and 100 clients, driven two ways — a thread per
#      client running the Store (pqxx), and one thread with non-blocking
#      libpq sending the same statement objects (`async:`, as the loadtest
#      engine does) — against pgbench running the same
#      statement (written by tests' dharma_pgbench_script from
#      store_statements.hpp) through the same PgBouncer, uncached and cached
#      pulls against `pgbench -S`, each run with the CPU seconds of the client
#      process, PgBouncer, PostgreSQL (postmaster and its children) and Redis.
#      Pushes go last and to their own tenant (bench-push), so the versions
#      they add never slow the reads measured before them.
# Each ratio of 1-3 is reported per round and as the median of the rounds;
# section 4 runs once after them (SKIP_ROUNDS=1 runs only section 4).
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
cmake --build "$build" --target dharma dharma_store_bench dharma_pgbench_script >/dev/null
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
[[ ${SKIP_ROUNDS:-} == 1 ]] && rounds=0
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
if ((rounds > 0)); then
echo
echo "medians of $rounds rounds:"
echo "  cached vs uncached pull, in process (1 client):    $(printf '%s\n' "${latency[@]}" | median)x faster   [${latency[*]}]"
echo "  cached vs --no-cache pull, whole process:          $(printf '%s\n' "${process[@]}" | median)x faster   [${process[*]}]"
echo "  store reads / pgbench -S, 16 clients, uncached:    $(printf '%s\n' "${uncached_share[@]}" | median)   [${uncached_share[*]}]"
echo "  store reads / pgbench -S, 16 clients, cached:      $(printf '%s\n' "${cached_share[@]}" | median)   [${cached_share[*]}]"
echo "  store reads uncached / pgbench of the same read:   $(printf '%s\n' "${ceiling_share[@]}" | median)   [${ceiling_share[*]}]"
fi

# --- 4. each operation against pgbench running the same statement ---------
stack_dir=${DHARMA_STACK_DIR:-$root/.dharma/stack}
hz=$(getconf CLK_TCK)
ticks_of() {  # ticks_of PID... — user+system CPU ticks of those processes
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}
server_pids() {
  local postmaster
  postmaster=$(head -1 "$stack_dir/postgres/data/postmaster.pid")
  echo "$(cat "$stack_dir/pgbouncer/pgbouncer.pid") $(cat "$stack_dir/redis/redis.pid") $postmaster $(pgrep -P "$postmaster" | tr '\n' ' ')"
}
# server_cpu BEFORE AFTER — "pgbouncer Xs postgres Ys redis Zs" from two `server_ticks` samples
server_ticks() {
  local pids=($(server_pids))
  echo "$(ticks_of "${pids[0]}") $(ticks_of "${pids[1]}") $(ticks_of "${pids[@]:2}")"
}
server_cpu() {
  awk -v hz="$hz" -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ");
    printf "pgbouncer %.1fs, postgres %.1fs, redis %.1fs", (y[1] - x[1]) / hz, (y[3] - x[3]) / hz, (y[2] - x[2]) / hz }'
}
# dharma_run OPERATION CLIENTS [TENANT] — "RATE CLIENT_CPU SERVER_CPU..."
dharma_run() {
  local before after out
  before=$(server_ticks)
  out=$("$bench" "${3:-bench-store}" bench "$name" 1 "$seconds" "$2" "$1")
  after=$(server_ticks)
  printf '%.0f|%.1f|%s\n' "$(field reads_per_second <<<"$out")" "$(field cpu_seconds <<<"$out")" "$(server_cpu "$before" "$after")"
}
# pgbench_run CLIENTS ARGS... — "RATE CLIENT_CPU SERVER_CPU..."
pgbench_run() {
  local clients=$1 before after out
  shift
  before=$(server_ticks)
  out=$( { TIMEFORMAT='cpu_seconds=%U+%S'; time pgbench -c "$clients" -j 2 -T "$seconds" -n "$@" 2>/dev/null; } 2>&1 )
  after=$(server_ticks)
  printf '%.0f|%.1f|%s\n' "$(tps_of <<<"$out")" "$(grep -o 'cpu_seconds=[0-9.+]*' <<<"$out" | cut -d= -f2 | awk -F+ '{ print $1 + $2 }')" \
    "$(server_cpu "$before" "$after")"
}
script_dir=$(mktemp -d)
trap 'rm -rf "$script_dir"; psql -X -q "$direct" -c "DROP DATABASE IF EXISTS dharma_pgbench WITH (FORCE)" >/dev/null 2>&1' EXIT
"$dharma" tenant show bench-push >/dev/null 2>&1 || "$dharma" tenant create bench-push --name "Push benchmark" >/dev/null
push_tenant_id=$("$dharma" tenant show bench-push --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
psql -X -q "$direct" -c "ANALYZE" >/dev/null 2>&1  # fresh statistics for the seeded rows (system catalogs are skipped)
declare -A defines
for op in uncached list usage api-calls push; do
  target=$tenant_id
  [[ $op == push ]] && target=$push_tenant_id
  defines[$op]=$("$build/tests/dharma_pgbench_script" "${op/uncached/pull}" "$target" bench "$name" 1 "$script_dir/$op.sql" | sed 's/^/-D /' | tr '\n' ' ')
done
row() { IFS='|' read -r rate cpu servers <<<"$2"; printf '  %-34s %8s/s  client cpu %5ss  %s\n' "$1" "$rate" "$cpu" "$servers"; }
compare() {  # compare OPERATION CLIENTS [TENANT] — the two drivers against pgbench
  local op=$1 clients=$2 mine async theirs
  mine=$(dharma_run "$op" "$clients" "${3:-}")
  async=$(dharma_run "async:$op" "$clients" "${3:-}")
  # shellcheck disable=SC2086 # the -D arguments hold no spaces
  theirs=$(pgbench_run "$clients" -f "$script_dir/$op.sql" -M extended ${defines[$op]} "$DHARMA_DATABASE_URL")
  echo "$op, $clients clients: dharma/pgbench: threads+Store $(ratio "${mine%%|*}" "${theirs%%|*}"), one loop+libpq $(ratio "${async%%|*}" "${theirs%%|*}")"
  row "threads, Store (pqxx)" "$mine"
  row "one loop, libpq, same statements" "$async"
  row "pgbench, same statement" "$theirs"
}
echo
echo "== each operation against pgbench running the same statement (${seconds}s per run, CPU seconds per process)"
for clients in 16 100; do
  for op in uncached list usage api-calls; do
    compare "$op" "$clients"
  done
  cached=$(dharma_run cached "$clients"); uncached=$(dharma_run uncached "$clients")
  async=$(dharma_run async:uncached "$clients")
  select_only=$(pgbench_run "$clients" -S "${pooled%/*}/dharma_pgbench")
  echo "pull, $clients clients: uncached/pgbench -S: threads+Store $(ratio "${uncached%%|*}" "${select_only%%|*}"), one loop+libpq $(ratio "${async%%|*}" "${select_only%%|*}"); cached/uncached (threads+Store) $(ratio "${cached%%|*}" "${uncached%%|*}")"
  row "threads, Store, cached" "$cached"
  row "threads, Store, uncached" "$uncached"
  row "one loop, libpq, uncached" "$async"
  row "pgbench -S" "$select_only"
done
for clients in 16 100; do
  compare push "$clients" bench-push
done
