# API calls per day: every store command of a tenant counts one call (in
# Redis; in PostgreSQL while Redis is unreachable), `tenant usage` shows the
# sum, a call over max_api_calls_per_day exits 4, and `dharma cache flush`
# leaves the day's count alone.
source "$(dirname "$0")/lib.sh"
new_database apicalls
[[ -n ${DHARMA_REDIS_URL:-} ]] || fail "DHARMA_REDIS_URL not set"
# A Redis database of its own, so the whole-cache flush below touches no other test's keys.
export DHARMA_REDIS_URL="${DHARMA_REDIS_URL%/*}/7"
run migrate db migrate
expect_status 0 migrate
run create tenant create acme --name Acme
run create_b tenant create beta --name Beta
run quota tenant quota set acme --api_calls_per_day 4  # the old spelling, kept as a hidden alias of --api-calls-per-day
expect_status 0 quota
for i in 1 2; do
  run list$i blueprint list --tenant acme
  expect_status 0 list$i
done
DHARMA_REDIS_URL=redis://127.0.0.1:1/0 run noredis blueprint list --tenant acme
expect_status 0 noredis
A=$(owner_sql "SELECT id FROM tenants WHERE slug = 'acme'")
expect_eq "$(psql -X -q -tA "$DIRECT_URL" -c "BEGIN" -c "SET LOCAL dharma.tenant_id = '$A'" -c "SELECT calls FROM api_call_counts" -c "COMMIT" | grep -E '^[0-9]+$')" 1 "call counted in PostgreSQL while Redis was down"
# usage reads PostgreSQL's count fresh (and refreshes the copy the quota
# check caches, which would otherwise be up to 30 s old after an outage).
run usage tenant usage acme --format json
python3 -c 'import json; d={r["quota"]: r for r in json.load(open("usage.out"))}; assert d["api_calls_per_day"]["used"] == 3 and d["api_calls_per_day"]["percent"] == 75, d' \
  || fail "usage counts Redis and PostgreSQL"
# `cache flush` empties the cache but must not reset the day's count.
run flush cache flush
expect_status 0 flush
expect_in flush.out "removed"
run list4 blueprint list --tenant acme
expect_status 0 list4
run list5 blueprint list --tenant acme
expect_status 4 list5
expect_in list5.err "API call quota exceeded (4/4 calls today)"
run beta blueprint list --tenant beta
expect_status 0 beta
echo "ok"
