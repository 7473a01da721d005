# `dharma blueprint push|pull` through the store: byte-identical round trip,
# idempotent push, versions, tenant isolation, and Redis down (one warning,
# the command still works against PostgreSQL), and no secrets needed to push.
source "$(dirname "$0")/lib.sh"
new_database bppush
run migrate db migrate
expect_status 0 migrate
owner_sql "INSERT INTO tenants (slug, name) VALUES ('alpha', 'Alpha'), ('beta', 'Beta')" >/dev/null
cp "$repo/examples/aws-web-app.yaml" web.yaml
name=$(sed -nE 's/^  name: *([a-z0-9._-]+).*/\1/p' web.yaml | head -1)
[[ -n $name ]] || fail "no metadata.name in the example"

run push1 blueprint push web.yaml --project shop --tenant alpha --set db_password=not-stored --set cache_auth_token=test-token-0123456789
expect_status 0 push1
expect_in push1.out "pushed shop/$name version 1"
run push2 blueprint push web.yaml --project shop --tenant alpha --set db_password=not-stored --set cache_auth_token=test-token-0123456789
expect_status 0 push2
expect_in push2.out "shop/$name is unchanged at version 1"

run pull1 blueprint pull "$name" --project shop --tenant alpha
expect_status 0 pull1
cmp -s pull1.out web.yaml || fail "pull is not byte-identical"

# A CRLF copy is different bytes: a new version; version 1 stays as it was.
sed 's/$/\r/' web.yaml >web-crlf.yaml
DHARMA_TENANT=alpha run push3 blueprint push web-crlf.yaml --project shop --set db_password=not-stored --set cache_auth_token=test-token-0123456789
expect_status 0 push3
expect_in push3.out "version 2"
run pull2 blueprint pull "$name@1" --project shop --tenant alpha --out v1.yaml
expect_status 0 pull2
cmp -s v1.yaml web.yaml || fail "version 1 changed"
run pull3 blueprint pull "$name" --project shop --tenant alpha --out latest.yaml
cmp -s latest.yaml web-crlf.yaml || fail "latest is not the CRLF copy"

run list blueprint list --tenant alpha
expect_status 0 list
expect_in list.out "shop/$name"
expect_in list.out "v2"
run history blueprint history "$name" --project shop --tenant alpha --format json
expect_status 0 history
python3 -c 'import json; d=json.load(open("history.out")); assert [v["version"] for v in d] == [1, 2], d' || fail "history JSON"
run beta_list blueprint list --tenant beta --format json
expect_status 0 beta_list
expect_eq "$(tr -d ' \n' <beta_list.out)" "[]" "beta's list"

# Another tenant sees nothing of alpha's.
run beta blueprint pull "$name" --project shop --tenant beta
expect_status 2 beta
expect_in beta.err "no blueprint shop/$name"
run notenant blueprint pull "$name" --project shop
expect_status 2 notenant
expect_in notenant.err "pass --tenant SLUG or set DHARMA_TENANT"
run badref blueprint pull "$name@x" --project shop --tenant alpha
expect_status 2 badref

# Redis down: one warning, the push still lands in PostgreSQL.
echo "# v3" >>web.yaml
DHARMA_REDIS_URL=redis://127.0.0.1:1/0 run noredis blueprint push web.yaml --project shop --tenant alpha --set db_password=not-stored --set cache_auth_token=test-token-0123456789
expect_status 0 noredis
expect_in noredis.out "version 3"
DHARMA_REDIS_URL=redis://127.0.0.1:1/0 run noredis_pull blueprint pull "$name@3" --project shop --tenant alpha
expect_status 0 noredis_pull
cmp -s noredis_pull.out web.yaml || fail "pull without Redis"
expect_eq "$(grep -c 'warning: Redis' noredis_pull.err)" 1 "Redis warnings"
no_password_in push1.out push1.err noredis.err
# The resolved form in the store keeps sensitive values masked.
expect_eq "$(psql -X -tA "$DIRECT_URL" -c "BEGIN; SET LOCAL dharma.tenant_id = '$(owner_sql "SELECT id FROM tenants WHERE slug = 'alpha'")'; SELECT count(*) FROM blueprint_versions WHERE resolved_json::text LIKE '%not-stored%'; COMMIT" | grep -E '^[0-9]+$')" 0 "secret in the stored resolved form"

# No secrets needed to push: the store keeps the source, and the resolved
# form masks an unset secret as it would a given one.
echo "# v4" >>web.yaml
run nosecrets blueprint push web.yaml --project shop --tenant alpha
expect_status 0 nosecrets
expect_in nosecrets.out "version 4"
expect_in nosecrets.err "note: sensitive parameter 'cache_auth_token' has no value, so its pattern was not checked"
expect_eq "$(psql -X -tA "$DIRECT_URL" -c "BEGIN; SET LOCAL dharma.tenant_id = '$(owner_sql "SELECT id FROM tenants WHERE slug = 'alpha'")'; SELECT count(*) FROM blueprint_versions WHERE resolved_json::text LIKE '%placeholder%'; COMMIT" | grep -E '^[0-9]+$')" 0 "placeholder in the stored resolved form"
echo "ok"
