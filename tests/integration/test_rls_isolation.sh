# Row-level security: a transaction for tenant A cannot read or write tenant
# B's rows, not even by id; the application role owns nothing and cannot
# bypass RLS; FORCE binds the owner as well; SET LOCAL does not leak across
# PgBouncer's pooled connections.
source "$(dirname "$0")/lib.sh"
new_database rls
run migrate db migrate
expect_status 0 migrate

A=$(owner_sql "INSERT INTO tenants (slug, name) VALUES ('alpha', 'Alpha') RETURNING id" | head -1)
B=$(owner_sql "INSERT INTO tenants (slug, name) VALUES ('beta', 'Beta') RETURNING id" | head -1)
as_tenant() {  # as_tenant TENANT SQL — one transaction through PgBouncer as dharma_app
  psql -X -q -v ON_ERROR_STOP=1 -tA "$APP_URL" -c "BEGIN; SET LOCAL dharma.tenant_id = '$1'; $2; COMMIT;" 2>&1
}
# Both tenants create a project with the same name: names are per tenant.
PA=$(as_tenant "$A" "INSERT INTO projects (tenant_id, name, created_by) VALUES ('$A', 'web', 'a') RETURNING id" | head -1)
PB=$(as_tenant "$B" "INSERT INTO projects (tenant_id, name, created_by) VALUES ('$B', 'web', 'b') RETURNING id" | head -1)
[[ $PA =~ ^[0-9a-f-]{36}$ && $PB =~ ^[0-9a-f-]{36}$ ]] || fail "project ids: '$PA' '$PB'"

expect_eq "$(as_tenant "$A" "SELECT string_agg(id::text, ',') FROM projects" | head -1)" "$PA" "A sees only its project"
expect_eq "$(as_tenant "$A" "SELECT count(*) FROM projects WHERE id = '$PB'" | head -1)" 0 "A reads B's project by id"
expect_eq "$(as_tenant "$A" "SELECT count(*) FROM tenants" | head -1)" 1 "A sees only its tenant row"
out=$(as_tenant "$A" "UPDATE projects SET description = 'pwned' WHERE id = '$PB'")
expect_eq "$(owner_sql "SELECT count(*) FROM projects WHERE description = 'pwned'" 2>/dev/null || echo x)" 0 "A updated B's project"
out=$(as_tenant "$A" "DELETE FROM projects WHERE id = '$PB'")
out=$(as_tenant "$B" "SELECT count(*) FROM projects WHERE id = '$PB'" | head -1)
expect_eq "$out" 1 "B's project survives A's delete"
out=$(as_tenant "$A" "INSERT INTO projects (tenant_id, name, created_by) VALUES ('$B', 'evil', 'a')")
grep -q "violates row-level security policy" <<<"$out" || fail "A inserted a row for B: $out"
out=$(as_tenant "$A" "UPDATE projects SET tenant_id = '$B' WHERE id = '$PA'")
grep -q "violates row-level security policy" <<<"$out" || fail "A moved its row to B: $out"
out=$(as_tenant "$A" "INSERT INTO environments (tenant_id, project_id, name) VALUES ('$A', '$PB', 'prod')")
grep -qE "violates (foreign key|row-level security)" <<<"$out" || fail "A referenced B's project: $out"

# No tenant set: nothing visible, nothing writable.
expect_eq "$(app_sql "SELECT count(*) FROM projects")" 0 "no tenant"
# SET LOCAL ends with its transaction; the pooled server connection keeps nothing.
for _ in 1 2 3 4 5; do
  as_tenant "$A" "SELECT 1" >/dev/null
  expect_eq "$(app_sql "SELECT coalesce(current_setting('dharma.tenant_id', true), '')")" "" "tenant leaked across pooled connections"
done

# The application role is not the owner and cannot bypass RLS; FORCE binds the owner too.
expect_eq "$(app_sql "SELECT current_user")" dharma_app "application role"
expect_eq "$(app_sql "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")" f "app role bypass"
expect_eq "$(owner_sql "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'dharma_app'")" 0 "tables owned by the app role"
expect_eq "$(owner_sql "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN ('tenants', 'dharma_schema_history', 'dharma_migration_lease') AND NOT (c.relrowsecurity AND c.relforcerowsecurity)")" 0 "tables without forced RLS"
expect_eq "$(owner_sql "SELECT count(*) FROM projects")" 0 "owner without a tenant (FORCE)"

# Append-only tables and migration bookkeeping are out of the app role's reach.
out=$(as_tenant "$A" "UPDATE audit_log SET actor = 'x'")
grep -q "permission denied" <<<"$out" || fail "app updated audit_log: $out"
out=$(app_sql "SELECT count(*) FROM dharma_schema_history" 2>&1)
grep -q "permission denied" <<<"$out" || fail "app read the migration history: $out"
# The app role resolves a slug to an id before it knows its tenant.
expect_eq "$(app_sql "SELECT dharma_tenant_id('beta')")" "$B" "dharma_tenant_id"
echo "ok"
