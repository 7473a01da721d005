# pgbench runs the store's own statements: dharma_pgbench_script writes each
# hot operation (pull, list, usage, api-calls, push) from store_statements.hpp
# as a pgbench script, and pgbench runs it through PgBouncer as the
# application role without a failed transaction, with the effect dharma's
# command has (the pull returns the pushed bytes; each push a new version;
# each API call counted). The pgbench side of issue 18's cross-check.
source "$(dirname "$0")/lib.sh"
script_tool=${DHARMA_PGBENCH_SCRIPT:?set by tests.cmake}
command -v pgbench >/dev/null || fail "pgbench is not installed (it comes with the postgresql packages scripts/bootstrap installs)"
new_database statements_pgbench
run migrate db migrate
expect_status 0 migrate
run create tenant create bench --name Bench
expect_status 0 create
tenant_id=$(app_sql "SELECT dharma_tenant_id('bench')")
printf 'name: web\r\n# café' >web.yaml  # no final newline: $(cat) keeps every byte
app_sql "SELECT created FROM dharma_blueprint_push('$tenant_id', 'shop', 'web', '$(cat web.yaml)', '{}', 't')" >/dev/null

bench() {  # bench OPERATION TRANSACTIONS — pgbench's output in OPERATION.out
  local defines
  defines=$("$script_tool" "$1" "$tenant_id" shop web 1 "$1.sql") || fail "no script for $1"
  # shellcheck disable=SC2046 # one -D per line, no spaces in the values
  timeout 60 pgbench -n -M extended -c 2 -j 1 -t "$2" -f "$1.sql" $(sed 's/^/-D /' <<<"$defines") "$APP_URL" >"$1.out" 2>&1 \
    || { cat "$1.sql" "$1.out" >&2; fail "pgbench $1 failed"; }
  grep -q "number of transactions actually processed: $((2 * $2))/$((2 * $2))" "$1.out" \
    || { cat "$1.out" >&2; fail "pgbench $1 did not complete every transaction"; }
}
for op in pull list usage; do bench "$op" 20; done
bench api-calls 10
bench push 10
expect_eq "$(app_sql "SELECT dharma_api_calls('$tenant_id', '$(date -u +%F)', false)")" 20 "API calls counted by pgbench"
expect_eq "$(app_sql "SELECT version FROM dharma_blueprint_version('$tenant_id', 'shop', 'web', NULL, false)")" 21 "versions after 20 pushes of random sources"
# The pull script reads exactly what dharma pulls.
grep -q "dharma_blueprint_version(:p1, :p2, :p3, :p4, :p5)" pull.sql || fail "pull script: $(cat pull.sql)"
run pull blueprint pull web@1 --project shop --tenant bench --no-cache
expect_status 0 pull
cmp -s pull.out web.yaml || fail "pull is not the pushed bytes"
echo "ok"
