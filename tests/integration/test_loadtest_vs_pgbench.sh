# Issue 18's cross-check against a tool nobody here wrote: the SQL dharma's
# uncached pull runs (written from store_statements.hpp by
# dharma_pgbench_script) in pgbench through the same PgBouncer with the same
# 16 clients, against `dharma loadtest` sending pull_uncached with 16 VUs,
# in up to three alternating rounds so a busy machine hurts both alike
# (ctest runs it alone: RUN_SERIAL). dharma's throughput must be within 15%
# of pgbench's in one round (a noisy round on a shared machine is not a
# verdict either way), and its p50 of the same order as pgbench's mean
# latency in every round (within 4×: pgbench reports no percentiles).
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/loadtest_lib.sh"
script_tool=${DHARMA_PGBENCH_SCRIPT:?set by tests.cmake}
command -v pgbench >/dev/null || fail "pgbench is not installed (it comes with the postgresql packages scripts/bootstrap installs)"
seconds=5
new_database loadtest_pgbench
run migrate db migrate
expect_status 0 migrate
run prepare loadtest prepare --tenants 1
expect_status 0 prepare
tenant_id=$(app_sql "SELECT dharma_tenant_id('loadtest-01')")
defines=$("$script_tool" pull "$tenant_id" loadtest web 1 pull.sql) || fail "no pgbench script"
cat >pull.yaml <<YAML
executor: {type: constant-vus, vus: 16, duration: ${seconds}s}
requests:
  - kind: pull_uncached
tenants: 1
YAML

within=""
for round in 1 2 3; do
  # shellcheck disable=SC2046 # one -D per line, no spaces in the values
  timeout 60 pgbench -n -M extended -c 16 -j 2 -T "$seconds" -f pull.sql $(sed 's/^/-D /' <<<"$defines") "$APP_URL" \
    >"pgbench$round.out" 2>&1 || { cat "pgbench$round.out" >&2; fail "pgbench failed"; }
  pgbench_tps=$(awk '/^tps = / { print int($3) }' "pgbench$round.out")
  pgbench_ms=$(awk '/^latency average = / { print $4 }' "pgbench$round.out")
  run "dharma$round" loadtest run pull.yaml --format json
  expect_status 0 "dharma$round"
  expect_eq "$(json "dharma$round.out" '.tags.all.errors')" 0 "dharma errors"
  dharma_ops=$(json "dharma$round.out" '.tags.all.summary.ops_per_second | floor')
  dharma_p50_ms=$(json "dharma$round.out" '.tags.all.summary.p50_us / 1000')
  ratio=$(awk -v a="$dharma_ops" -v b="$pgbench_tps" 'BEGIN { printf "%.2f", a / b }')
  echo "round $round: dharma $dharma_ops/s (p50 $dharma_p50_ms ms), pgbench $pgbench_tps/s (mean $pgbench_ms ms): $ratio"
  awk -v p="$dharma_p50_ms" -v m="$pgbench_ms" 'BEGIN { exit !(p <= 4 * m && m <= 4 * p) }' \
    || fail "round $round: dharma's p50 $dharma_p50_ms ms and pgbench's mean $pgbench_ms ms are not of the same order"
  if awk -v r="$ratio" 'BEGIN { exit !(r >= 0.85 && r <= 1.15) }'; then
    within=$ratio
    break
  fi
done
[[ -n $within ]] || fail "dharma / pgbench throughput was not within 15% in any of three rounds"
echo "ok"
