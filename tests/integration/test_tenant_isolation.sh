# Cross-tenant isolation through the CLI and the cache: two tenants each push
# a blueprint named `web` in a project named `shop` with different bytes;
# each pull (uncached, then cached) returns the tenant's own bytes; the
# cache keys carry the tenant id; flushing one tenant leaves the other's
# keys; and a session for one tenant cannot read or change the other's rows
# by id.
source "$(dirname "$0")/lib.sh"
new_database tiso
[[ -n ${DHARMA_REDIS_URL:-} ]] || fail "DHARMA_REDIS_URL not set"
run migrate db migrate
expect_status 0 migrate
for t in alpha beta; do
  run create_$t tenant create $t --name "$t"
  expect_status 0 create_$t
  { sed -E "0,/^  name: .*/s//  name: web/" "$repo/examples/aws-web-app.yaml"; echo "# owned by $t"; } >"$t.yaml"
  run push_$t blueprint push "$t.yaml" --project shop --tenant $t --set db_password=x --set cache_auth_token=test-token-0123456789
  expect_status 0 push_$t
  expect_in push_$t.out "pushed shop/web version 1"
done
A=$(owner_sql "SELECT id FROM tenants WHERE slug = 'alpha'")
B=$(owner_sql "SELECT id FROM tenants WHERE slug = 'beta'")
for round in uncached cached; do
  for t in alpha beta; do
    run pull_${t}_$round blueprint pull web@1 --project shop --tenant $t
    expect_status 0 pull_${t}_$round
    cmp -s pull_${t}_$round.out "$t.yaml" || fail "$t's $round pull returned other bytes"
  done
done
redis_port=$(sed -E 's#.*:([0-9]+)(/.*)?$#\1#' <<<"$DHARMA_REDIS_URL")
rcli() { redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }
(($(rcli --scan --pattern "dharma:v1:t:*.$A:*" | wc -l) >= 2)) || fail "alpha's cache keys"
(($(rcli --scan --pattern "dharma:v1:t:*.$B:*" | wc -l) >= 2)) || fail "beta's cache keys"
run flush cache flush --tenant alpha
expect_status 0 flush
expect_eq "$(rcli --scan --pattern "dharma:v1:t:*.$A:*" | wc -l)" 0 "alpha's keys after the flush"
(($(rcli --scan --pattern "dharma:v1:t:*.$B:*" | wc -l) >= 2)) || fail "beta's keys were flushed with alpha's"

# By id: a transaction for alpha sees and changes none of beta's rows.
beta_blueprint=$(psql -X -q -tA "$DIRECT_URL" -c "BEGIN" -c "SET LOCAL dharma.tenant_id = '$B'" -c "SELECT id FROM blueprints" -c "COMMIT" | grep -E '^[0-9a-f-]{36}$')
[[ -n $beta_blueprint ]] || fail "beta's blueprint id"
as_alpha() { psql -X -q -tA "$APP_URL" -c "BEGIN" -c "SET LOCAL dharma.tenant_id = '$A'" -c "$1" -c "COMMIT" 2>&1; }
expect_eq "$(as_alpha "SELECT count(*) FROM blueprints WHERE id = '$beta_blueprint'" | grep -E '^[0-9]+$')" 0 "beta's blueprint seen by alpha"
expect_eq "$(as_alpha "SELECT count(*) FROM tenants WHERE id = '$B'" | grep -E '^[0-9]+$')" 0 "beta's tenant row seen by alpha"
as_alpha "UPDATE blueprints SET name = 'stolen' WHERE id = '$beta_blueprint'" >/dev/null
as_alpha "UPDATE tenants SET max_blueprints = 0 WHERE id = '$B'" >/dev/null
run beta_show tenant show beta --format json
python3 -c 'import json; assert json.load(open("beta_show.out"))["quotas"]["blueprints"] == 100' || fail "alpha changed beta's quota"
run beta_pull blueprint pull web --project shop --tenant beta
cmp -s beta_pull.out beta.yaml || fail "alpha changed beta's blueprint"

# Lists are cached per tenant and invalidated by a push.
run list1 blueprint list --tenant beta --format json
(($(rcli --scan --pattern "dharma:v1:t:*.$B:bplist:*" | wc -l) >= 1)) || fail "beta's list is not cached"
(($(rcli --scan --pattern "dharma:v1:t:*.$A:bplist:*" | wc -l) == 0)) || fail "alpha has a list key it never asked for"
{ sed -E "0,/^  name: .*/s//  name: api/" "$repo/examples/aws-web-app.yaml"; } >api.yaml
run push_api blueprint push api.yaml --project shop --tenant beta --set db_password=x --set cache_auth_token=test-token-0123456789
expect_status 0 push_api
run list2 blueprint list --tenant beta --format json
python3 -c 'import json; assert sorted(b["name"] for b in json.load(open("list2.out"))) == ["api", "web"]' || fail "stale cached list after a push"
run list3 blueprint list --tenant alpha --format json
python3 -c 'import json; assert [b["name"] for b in json.load(open("list3.out"))] == ["web"]' || fail "alpha's list"
echo "ok"
