# `dharma loadtest run FILE.yaml` with the open model's ramping executor
# (ramping-arrival-rate, 20 → 100 iterations/s over 2 s, then 100/s for 2 s:
# 320 scheduled iterations) against the stack: every scheduled iteration is
# a request or a dropped one; the weighted mix (pull 3 : quota 1 :
# api_calls 1 : price 1) is what was sent; a request's tags and the file's
# tags are counted; a per-tag threshold is judged; API calls are counted on
# the same Redis counter `dharma tenant usage` reads. Run on a terminal
# (`script`), a run prints one progress line a second with every field
# docs/loadtest.md names.
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/loadtest_lib.sh"
command -v script >/dev/null || fail "script (util-linux) is not installed"
new_database loadtest_file
run migrate db migrate
expect_status 0 migrate
run prepare loadtest prepare --tenants 2
expect_status 0 prepare

cat >open.yaml <<'YAML'
name: file-open
executor:
  type: ramping-arrival-rate
  start_rate: 20
  time_unit: 1s
  stages:
    - {duration: 2s, target: 100}
    - {duration: 2s, target: 100}
  pre_allocated_vus: 100
  max_vus: 300
requests:
  - kind: pull
    weight: 3
    tags: {team: ci}
  - kind: quota
    weight: 1
  - kind: api_calls
    weight: 1
  - kind: price
    weight: 1
thresholds:
  - rate(errors) < 0.01
  - latency{kind:pull} p(99) < 30s
  - rate(errors){team:ci} < 1%
tags: {env: audit}
tenants: 2
timeout: 30s
YAML
# Connections are made before the clock starts; a generous connect timeout
# for the VUs a busy machine makes the pool add.
run open loadtest run open.yaml --connect-timeout 30s --format json
expect_status 0 open
requests=$(json open.out '.tags.all.requests')
dropped=$(json open.out '.counters.dropped_iterations')
expect_eq "$((requests + dropped))" 320 "requests + dropped iterations (20 → 100/s over 2 s, 100/s for 2 s)"
expect_eq "$(json open.out '.tags.all.errors')" 0 "errors"
expect_eq "$(json open.out '.scenario')" file-open "scenario name"
# The mix: each kind's share of the requests within 0.1 of its weight's
# share (3/6, 1/6, 1/6, 1/6; about five standard deviations at 320 requests).
for kind_share in pull:0.5 quota:0.1667 api_calls:0.1667 price:0.1667; do
  kind=${kind_share%%:*} share=${kind_share##*:}
  count=$(json open.out ".tags[\"kind:$kind\"].requests // 0")
  awk -v c="$count" -v n="$requests" -v s="$share" 'BEGIN { d = c / n - s; exit !(d < 0.1 && d > -0.1) }' \
    || fail "kind:$kind made $count of $requests requests, not about $share of them"
done
expect_eq "$(json open.out '.tags["env:audit"].requests')" "$requests" "the file's tag on every request"
expect_eq "$(json open.out '.tags["team:ci"].requests')" "$(json open.out '.tags["kind:pull"].requests')" \
  "the pull request's own tag"
expect_eq "$(json open.out '[.thresholds[].passed] | all')" true "thresholds"
expect_eq "$(json open.out '.thresholds[2].text')" "rate(errors){team:ci} < 1%" "the per-tag threshold"

# api_calls counted on the counter the CLI's quota reads: the day's calls of
# the two tenants add up to the api_calls requests.
api_requests=$(json open.out '.tags["kind:api_calls"].requests')
calls=0
for tenant in loadtest-01 loadtest-02; do
  run "usage_$tenant" tenant usage "$tenant" --format json
  expect_status 0 "usage_$tenant"
  calls=$((calls + $(jq -r '[.. | objects | select(.quota? == "api_calls_per_day") | .used] | first // empty' \
    "usage_$tenant.out")))
done
expect_eq "$calls" "$api_requests" "API calls counted for the load-test tenants"

# On a terminal: one progress line a second with elapsed time, VUs, ops/s,
# p95, cache hit rate, errors and PgBouncer's waiting clients.
cat >terminal.yaml <<'YAML'
executor: {type: constant-vus, vus: 4, duration: 4s}
requests:
  - kind: pull
tenants: 2
YAML
script -qec "$(printf '%q ' "$dharma" loadtest run terminal.yaml --connect-timeout 30s)" /dev/null >terminal.out 2>&1 </dev/null
tr -d '\r' <terminal.out >terminal.txt
lines=$(grep -cE '^[0-9]+s  vus [0-9]+  ' terminal.txt)
# Every field once PgBouncer's first sample is in (the first second may lack "waiting").
complete=$(grep -cE '^[0-9]+s  vus 4  ops/s [0-9]+  p95 [0-9.]+ ms  cache [0-9]+%  errors 0  waiting [0-9]+$' terminal.txt)
[[ $lines -ge 3 && $complete -ge 1 ]] ||
  { cat terminal.txt >&2; fail "$lines progress lines, $complete with every field: expected one a second"; }
expect_in terminal.txt "kind:pull "
run cleanup loadtest prepare --cleanup
expect_status 0 cleanup
echo "ok"
