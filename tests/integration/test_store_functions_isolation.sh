# The one-statement store functions (V011, V012) keep row-level security:
# called for tenant A they neither read nor write tenant B's rows (list,
# version read, push, tenant row, usage, API-call count), a quota overrun in
# push rolls the whole push back, the CLI's commands go through these
# functions (with EXECUTE revoked they fail), and the tenant a function sets
# does not outlive the call — not even inside the caller's own transaction
# (V012 replaced V011's read so that it too restores the caller's tenant).
source "$(dirname "$0")/lib.sh"
new_database store_functions
run migrate db migrate
expect_status 0 migrate

A=$(owner_sql "INSERT INTO tenants (slug, name) VALUES ('alpha', 'Alpha') RETURNING id" | head -1)
B=$(owner_sql "INSERT INTO tenants (slug, name) VALUES ('beta', 'Beta') RETURNING id" | head -1)
as_tenant() {  # as_tenant TENANT SQL — one transaction through PgBouncer as dharma_app
  psql -X -q -v ON_ERROR_STOP=1 -tA "$APP_URL" -c "BEGIN; SET LOCAL dharma.tenant_id = '$1'; $2; COMMIT;" 2>&1
}
push() {  # push TENANT PROJECT NAME SOURCE — version|hash|created
  app_sql "SELECT version || '|' || created FROM dharma_blueprint_push('$1', '$2', '$3', '$4', '{}', 'tester')"
}
day=$(date -u +%F)

# Both tenants push web/site; only B has web/secret.
expect_eq "$(push "$A" web site 'a: 1')" "1|true" "A's first push"
expect_eq "$(push "$B" web site 'b: 1')" "1|true" "B's first push"
expect_eq "$(push "$B" web secret 'b: secret')" "1|true" "B's secret"
expect_eq "$(push "$A" web site 'a: 1')" "1|false" "A's unchanged push"

# Reads for A see A's rows only.
expect_eq "$(app_sql "SELECT string_agg(project || '/' || name, ',') FROM dharma_blueprint_list('$A', '')")" "web/site" "A's list"
expect_eq "$(app_sql "SELECT count(*) FROM dharma_blueprint_version('$A', 'web', 'secret', NULL, true)")" 0 "A pulls B's blueprint"
expect_eq "$(app_sql "SELECT source_yaml FROM dharma_blueprint_version('$A', 'web', 'site', 1, false)")" "a: 1" "A pulls its own"
expect_eq "$(app_sql "SELECT slug FROM dharma_tenant('$A')")" alpha "A's tenant row"
expect_eq "$(app_sql "SELECT projects || '/' || blueprints FROM dharma_tenant_usage('$A')")" "1/1" "A's usage counts B's rows"

# A push for A to B's blueprint name creates A's own; B's stays as it was.
expect_eq "$(push "$A" web secret 'a: mine')" "1|true" "A's push of the name B uses"
expect_eq "$(as_tenant "$B" "SELECT latest_version || '|' || (SELECT source_yaml FROM blueprint_versions v WHERE v.blueprint_id = b.id) FROM blueprints b WHERE name = 'secret'" | head -1)" "1|b: secret" "B's blueprint after A's push"
expect_eq "$(as_tenant "$B" "SELECT count(*) FROM audit_log WHERE action = 'blueprint.push'" | head -1)" 2 "B's audit rows"
expect_eq "$(as_tenant "$A" "SELECT count(*) FROM audit_log WHERE action = 'blueprint.push'" | head -1)" 2 "A's audit rows"

# API calls: A's count goes up, B's is untouched.
app_sql "SELECT dharma_api_calls('$A', '$day', true)" >/dev/null
expect_eq "$(app_sql "SELECT dharma_api_calls('$A', '$day', true)")" 2 "A's count"
expect_eq "$(app_sql "SELECT dharma_api_calls('$B', '$day', false)")" 0 "B's count after A's calls"

# A quota overrun fails with DQ001 and rolls back the project it would have made.
owner_sql "UPDATE tenants SET max_blueprints = 2 WHERE id = '$A'" >/dev/null
out=$(psql -X -q -tA "$APP_URL" -v VERBOSITY=verbose -c "SELECT * FROM dharma_blueprint_push('$A', 'new', 'third', 'x', '{}', 't')" 2>&1)
grep -q "DQ001" <<<"$out" && grep -q "quota exceeded (2/2 blueprints)" <<<"$out" || fail "quota overrun: $out"
expect_eq "$(as_tenant "$A" "SELECT count(*) FROM projects" | head -1)" 1 "projects after a refused push"

# The tenant set by a function ends with the call, even inside the caller's transaction.
for fn in "dharma_blueprint_list('$A', '')" "dharma_tenant('$A')" "dharma_tenant_usage('$A')" \
          "dharma_api_calls('$A', '$day', false)" "dharma_blueprint_version('$A', 'web', 'site', NULL, true)" \
          "dharma_blueprint_push('$A', 'web', 'site', 'a: 1', '{}', 't')"; do
  out=$(psql -X -q -v ON_ERROR_STOP=1 -tA "$APP_URL" -c "BEGIN; SELECT count(*) FROM $fn; SELECT count(*) FROM projects; SELECT '[' || coalesce(current_setting('dharma.tenant_id', true), '') || ']'; COMMIT;" 2>&1)
  expect_eq "$(sed -n 2,3p <<<"$out" | tr '\n' ' ')" "0 [] " "tenant left set after $fn"
done
# In autocommit (as dharma calls them) the next transaction on the pool sees no tenant.
for _ in 1 2 3; do
  app_sql "SELECT count(*) FROM dharma_blueprint_version('$A', 'web', 'site', 1, false)" >/dev/null
  expect_eq "$(app_sql "SELECT count(*) FROM projects")" 0 "tenant left set after dharma_blueprint_version"
done
# The commands run these functions: with the app role's EXECUTE revoked, each fails.
owner_sql "UPDATE tenants SET max_blueprints = 100 WHERE id = '$A'" >/dev/null
cp "$repo/examples/aws-web-app.yaml" web.yaml
cli_push() { run "$1" blueprint push web.yaml --project cli --tenant alpha --no-cache --set db_password=x --set cache_auth_token=test-token-0123456789; }
cli_push push_ok
expect_status 0 push_ok
run list_ok blueprint list --tenant alpha --no-cache
expect_status 0 list_ok
run usage_ok tenant usage alpha --no-cache
expect_status 0 usage_ok
owner_sql "REVOKE EXECUTE ON FUNCTION dharma_blueprint_push(uuid, text, text, text, jsonb, text), dharma_blueprint_list(uuid, text), dharma_tenant_usage(uuid) FROM dharma_app" >/dev/null
echo "# changed" >>web.yaml
cli_push push_revoked
[[ $status != 0 ]] && grep -q "dharma_blueprint_push" push_revoked.err || fail "push ran without dharma_blueprint_push: $(cat push_revoked.err)"
run list_revoked blueprint list --tenant alpha --no-cache
[[ $status != 0 ]] && grep -q "dharma_blueprint_list" list_revoked.err || fail "list ran without dharma_blueprint_list: $(cat list_revoked.err)"
run usage_revoked tenant usage alpha --no-cache
[[ $status != 0 ]] && grep -q "dharma_tenant_usage" usage_revoked.err || fail "usage ran without dharma_tenant_usage: $(cat usage_revoked.err)"
echo "ok"
