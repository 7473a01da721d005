# Fresh migrate of dharma's schema, dry run first, then an idempotent re-run,
# --to, status/verify, and what the application role may do.
source "$(dirname "$0")/lib.sh"
new_database fresh

run dry db migrate --dry-run
expect_status 0 dry
expect_in dry.out "$migration_count migration(s) would be applied, nothing was changed"
expect_in dry.out "CREATE TABLE tenants ("
expect_in dry.out "V009__concurrent_indexes.sql (no transaction"
expect_eq "$(owner_sql "SELECT to_regclass('dharma_schema_history') IS NULL")" t "dry run created the history table"

run to3 db migrate --to 3
expect_status 0 to3
expect_in to3.out "applied 3 migration(s); database at version 3"

run all db migrate
expect_status 0 all
expect_in all.out "applied $((migration_count - 3)) migration(s); database at version $latest_version"
expect_in all.err "applied V009__concurrent_indexes.sql"
no_password_in all.out all.err

run again db migrate
expect_status 0 again
expect_in again.out "database is up to date at version $latest_version"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_schema_history")" "$migration_count" "history rows after the re-run"
expect_eq "$(owner_sql "SELECT count(DISTINCT checksum) FROM dharma_schema_history WHERE success AND length(checksum) = 64")" "$migration_count" "checksums"

run status db status --format json
expect_status 0 status
expect_in status.out "\"applied\": $migration_count"
expect_in status.out '"pending": 0'
python3 -c 'import json,sys; d=json.load(open("status.out")); assert d["version"] == int(sys.argv[1]) and all(m["state"] == "applied" for m in d["migrations"])' "$latest_version" \
  || fail "status JSON"
no_password_in status.out

run verify db verify
expect_status 0 verify

# Every table dharma's commands use exists; every index is valid.
for table in tenants users projects environments blueprints blueprint_versions deployments deployment_steps \
  deployment_logs approvals guard_runs guard_findings guard_suppressions cost_estimates drift_reports audit_log \
  api_call_counts; do
  expect_eq "$(owner_sql "SELECT to_regclass('$table') IS NOT NULL")" t "table $table"
done
expect_eq "$(owner_sql "SELECT count(*) FROM pg_index WHERE NOT indisvalid")" 0 "invalid indexes"
expect_eq "$(owner_sql "SELECT count(*) FROM pg_indexes WHERE indexname = 'audit_log_tenant_occurred'")" 1 "CIC index"
expect_eq "$(owner_sql "SELECT count(*) FROM dharma_migration_lease")" 0 "leftover lease"
echo "ok"
