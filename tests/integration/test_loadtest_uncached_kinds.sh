#!/usr/bin/env bash
# The cache-bypassing kinds list_uncached and api_calls_uncached (the ones
# bench/store_loadtest.sh compares with pgbench) against the stack: every
# request reaches PostgreSQL and none touches Redis — each
# api_calls_uncached request is one API call counted up in PostgreSQL (the
# day's count `dharma tenant usage` reads, PostgreSQL's plus Redis's, equals
# the requests: none was counted twice), and the report counts no cache hits or
# misses.
source "$(dirname "$0")/lib.sh"
json() { jq -r "$2" "$1"; }
new_database loadtest_uncached
run migrate db migrate
expect_status 0 migrate
run prepare loadtest prepare --tenants 1
expect_status 0 prepare

cat >uncached.yaml <<'YAML'
name: uncached-kinds
executor: {type: constant-vus, vus: 4, duration: 2s}
requests:
  - kind: list_uncached
  - kind: api_calls_uncached
tenants: 1
YAML
run uncached loadtest run uncached.yaml --format json
expect_status 0 uncached
expect_eq "$(json uncached.out '.tags.all.errors')" 0 "errors"
for kind in list_uncached api_calls_uncached; do
  [[ $(json uncached.out ".tags[\"kind:$kind\"].requests // 0") -gt 0 ]] || fail "no $kind requests"
done
expect_eq "$(json uncached.out '.counters.cache_hits + .counters.cache_misses')" 0 "cache hits and misses reported"

run usage tenant usage loadtest-01 --format json
expect_status 0 usage
calls=$(jq -r '[.. | objects | select(.quota? == "api_calls_per_day") | .used] | first // empty' usage.out)
expect_eq "$calls" "$(json uncached.out '.tags["kind:api_calls_uncached"].requests')" \
  "API calls counted in PostgreSQL"
