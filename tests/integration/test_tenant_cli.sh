# `dharma tenant create|list|show|update|delete|quota show|set|usage`: CRUD
# with audit rows written with each change, documented default quotas, the
# usage table with percentages, soft delete refused while a deployment is
# live (then --force), and bad input (exit 2 / 4).
source "$(dirname "$0")/lib.sh"
new_database tenant
run migrate db migrate
expect_status 0 migrate
as_tenant() {  # as_tenant ID SQL — SQL as the owner inside the tenant (RLS is forced on the owner too)
  psql -X -q -v ON_ERROR_STOP=1 -tA "$DIRECT_URL" -c "BEGIN" -c "SET LOCAL dharma.tenant_id = '$1'" -c "$2" -c "COMMIT"
}

export DHARMA_ACTOR=tester
run create tenant create acme --name "Acme Corp" --region eu-west-1
expect_status 0 create
expect_in create.out "created tenant acme"
run create_again tenant create acme --name "Other"
expect_status 4 create_again
expect_in create_again.err "tenant 'acme' already exists"
run bad_slug tenant create "Not_A_Slug" --name X
expect_status 2 bad_slug
run no_name tenant create beta
expect_status 2 no_name
run create_b tenant create beta --name Beta
expect_status 0 create_b

run show tenant show acme --format json
expect_status 0 show
python3 - <<'PY' || fail "show JSON"
import json
d = json.load(open("show.out"))
assert d["slug"] == "acme" and d["name"] == "Acme Corp" and d["region"] == "eu-west-1" and d["status"] == "active", d
assert d["quotas"] == {"projects": 20, "blueprints": 100, "deployments": 1000, "users": 50,
                       "storage_gb": 100, "api_calls_per_day": 100000}, d["quotas"]
PY
run update tenant update acme --name "Acme Inc"
expect_status 0 update
expect_in update.out "Acme Inc"
expect_in update.out "eu-west-1"
run update_nothing tenant update acme
expect_status 2 update_nothing

run quota_set tenant quota set acme --blueprints 3 --projects 2
expect_status 0 quota_set
run quota_show tenant quota show acme --format json
python3 -c 'import json; d=json.load(open("quota_show.out")); assert d["blueprints"] == 3 and d["projects"] == 2 and d["users"] == 50, d' \
  || fail "quota show"
run quota_negative tenant quota set acme --blueprints -1
expect_status 2 quota_negative
run quota_none tenant quota set acme
expect_status 2 quota_none

# Usage: one project, two blueprints of three → 67%.
for i in 1 2; do
  sed -E "0,/^  name: .*/s//  name: u-$i/" "$repo/examples/aws-web-app.yaml" >"u$i.yaml"
  run push$i blueprint push "u$i.yaml" --project shop --tenant acme --set db_password=x --set cache_auth_token=test-token-0123456789
  expect_status 0 push$i
done
run usage tenant usage acme
expect_status 0 usage
grep -qE '^blueprints +2 +3 +66\.7%$' usage.out || { cat usage.out; fail "usage row for blueprints"; }
grep -qE '^projects +1 +2 +50\.0%$' usage.out || { cat usage.out; fail "usage row for projects"; }
run usage_json tenant usage beta --format json
python3 -c 'import json; d=json.load(open("usage_json.out")); assert all(r["used"] == 0 for r in d) and len(d) == 6, d' \
  || fail "beta's usage"

run list tenant list --format json
python3 -c 'import json; d=json.load(open("list.out")); assert [t["slug"] for t in d] == ["acme", "beta"], d' || fail "list"

# A live deployment blocks the delete; --force overrides it.
A=$(owner_sql "SELECT id FROM tenants WHERE slug = 'acme'")
as_tenant "$A" "INSERT INTO environments (tenant_id, project_id, name) SELECT tenant_id, id, 'prod' FROM projects;
  INSERT INTO deployments (tenant_id, environment_id, blueprint_version_id, color, status, started_by)
  SELECT e.tenant_id, e.id, v.id, 'blue', 'deploying', 'tester' FROM environments e, blueprint_versions v LIMIT 1" >/dev/null \
  || fail "could not add a live deployment"
run delete tenant delete acme
expect_status 4 delete
expect_in delete.err "has 1 live deployment(s)"
expect_eq "$(owner_sql "SELECT status FROM tenants WHERE slug = 'acme'")" active "status after the refused delete"
run delete_force tenant delete acme --force
expect_status 0 delete_force
expect_eq "$(owner_sql "SELECT status, deleted_at IS NOT NULL FROM tenants WHERE slug = 'acme'")" "deleted|t" "soft delete"
run show_deleted tenant show acme
expect_status 2 show_deleted
expect_in show_deleted.err "unknown tenant 'acme'"
run push_deleted blueprint push u1.yaml --project shop --tenant acme --set db_password=x --set cache_auth_token=test-token-0123456789
expect_status 2 push_deleted
run recreate tenant create acme --name Again
expect_status 4 recreate
run list2 tenant list
expect_in list2.out "deleted"

# Every mutation left its audit row, by the actor, in the tenant.
expect_eq "$(as_tenant "$A" "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE actor = 'tester'" | grep -v '^$')" \
  "tenant.create,tenant.update,tenant.quota.set,blueprint.push,blueprint.push,tenant.delete" "audit rows"
expect_eq "$(as_tenant "$A" "SELECT detail->>'forced' FROM audit_log WHERE action = 'tenant.delete'" | grep -v '^$')" true "forced flag"
no_password_in ./*.out ./*.err
echo "ok"
