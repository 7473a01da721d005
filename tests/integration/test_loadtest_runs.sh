# Stored load-test runs (V013 loadtest_runs): `loadtest report --store` keeps
# a run per tenant; `--compare last` compares with the last stored run of the
# same scenario and target and `--fail-on-regression` turns a regression into
# exit 1; another tenant sees none of them (row-level security, forced like
# every tenant table); a stored report reads back exactly; a stopped stack is
# exit 3.
source "$(dirname "$0")/lib.sh"
new_database ltruns
run migrate db migrate
expect_status 0 migrate
export DHARMA_ACTOR=tester
run create_a tenant create alpha --name Alpha
expect_status 0 create_a
run create_b tenant create beta --name Beta
expect_status 0 create_b

generate() { python3 "$repo/tests/loadtest/make_report.py" "$@" || fail "make_report.py $*"; }
generate fast.json --seed 21 --seconds 3 --rate 50
generate slow.json --seed 21 --start 1796190100 --seconds 3 --rate 50 --latency-scale 1.5
generate other.json --seed 22 --start 1796190200 --seconds 2 --rate 20 --scenario spike

# Nothing stored yet: --compare last says so and compares nothing.
run first loadtest report fast.json --tenant alpha --compare last --store
expect_status 0 first
expect_in first.err "no earlier run of baseline against store is stored; nothing to compare with"
expect_in first.err "stored run "
run other loadtest report other.json --tenant alpha --store
expect_status 0 other

# A slower run of the same scenario regresses against the last stored one.
run slower loadtest report slow.json --tenant alpha --compare last --fail-on-regression 10% --store
expect_status 1 slower
expect_in slower.out "compared with the run started 2026-12-02T05:40:00Z, failing on a regression above 10.0 %"
grep -Eq '^all +p95 .*REGRESSION$' slower.out || fail "p95 is not a regression: $(cat slower.out)"
# Now slow.json is the last run: the same report again compares equal.
run again loadtest report slow.json --tenant alpha --compare last --fail-on-regression 10% --format json
expect_status 0 again
python3 - <<'PY' || fail "comparison against the stored run"
import json
d = json.load(open("again.out"))
c = d["comparison"]
assert c["previous_started_at"] == "2026-12-02T05:41:40Z", c
assert not c["regressed"] and all(f["change_percent"] in (0, None) for f in c["figures"]), c
PY

run list loadtest runs --tenant alpha --format json
expect_status 0 list
python3 - <<'PY' || fail "runs list"
import json
runs = json.load(open("list.out"))
assert [(r["scenario"], r["started_at"]) for r in runs] == [
    ("spike", "2026-12-02T05:43:20Z"), ("baseline", "2026-12-02T05:41:40Z"), ("baseline", "2026-12-02T05:40:00Z")], runs
assert all(r["passed"] and not r["aborted"] and r["duration_ms"] in (2000, 3000) for r in runs), runs
PY
run list_text loadtest runs --tenant alpha
expect_status 0 list_text
expect_in list_text.out "spike"

# The stored report is the report: read back from PostgreSQL, it renders the same summary.
A=$(owner_sql "SELECT id FROM tenants WHERE slug = 'alpha'")
B=$(owner_sql "SELECT id FROM tenants WHERE slug = 'beta'")
psql -X -q -v ON_ERROR_STOP=1 -tA "$DIRECT_URL" -c "BEGIN" -c "SET LOCAL dharma.tenant_id = '$A'" \
  -c "SELECT report FROM loadtest_runs WHERE scenario = 'spike'" -c "COMMIT" >stored.json || fail "reading the stored report"
run stored_summary loadtest report stored.json
run file_summary loadtest report other.json
diff stored_summary.out file_summary.out || fail "the stored report differs from the file"

# Tenant isolation: beta sees no runs and has nothing to compare with; the
# application role cannot read alpha's rows without alpha's tenant.
run beta_list loadtest runs --tenant beta --format json
expect_status 0 beta_list
expect_eq "$(tr -d ' \n' <beta_list.out)" "[]" "beta's runs"
run beta_compare loadtest report slow.json --tenant beta --compare last
expect_status 0 beta_compare
expect_in beta_compare.err "nothing to compare with"
expect_eq "$(app_sql "SELECT count(*) FROM loadtest_runs")" 0 "runs visible without a tenant"
out=$(psql -X -q -tA "$APP_URL" -c "BEGIN; SET LOCAL dharma.tenant_id = '$B'; SELECT count(*) FROM loadtest_runs; COMMIT;" 2>&1)
expect_eq "$out" 0 "beta reads alpha's runs"
out=$(psql -X -q -tA "$APP_URL" -c "BEGIN; SET LOCAL dharma.tenant_id = '$B'; INSERT INTO loadtest_runs (tenant_id, scenario, target, started_at, duration_ms, passed, aborted, report, recorded_by) VALUES ('$A', 'x', 'store', now(), 1, true, false, '{\"format\": \"dharma-loadtest-report/1\"}', 'evil'); COMMIT;" 2>&1)
grep -q "violates row-level security policy" <<<"$out" || fail "beta wrote a run for alpha: $out"
expect_eq "$(owner_sql "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = 'loadtest_runs'")" t "forced RLS"

# No tenant: exit 2; the state store unreachable: exit 3.
run no_tenant env -u DHARMA_TENANT "$dharma" loadtest report fast.json --store
expect_status 2 no_tenant
DHARMA_DATABASE_URL="postgresql://dharma_app:x@127.0.0.1:1/$TEST_DB?connect_timeout=2" run down loadtest report fast.json --tenant alpha --store
expect_status 3 down
no_password_in *.out *.err
echo "ok"
