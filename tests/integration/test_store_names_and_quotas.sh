# Names and numbers the CLI passes to the state store are checked against the
# store's own rules first: a project or blueprint name, a tenant slug or
# name, or a quota that a check constraint (or the integer column) would
# refuse is invalid input (exit 2) whose message states the rule, never a
# database error, and nothing is written.
source "$(dirname "$0")/lib.sh"
new_database tnames
run migrate db migrate
expect_status 0 migrate
run create tenant create acme --name Acme
expect_status 0 create
cp "$repo/examples/aws-web-app.yaml" web.yaml
secrets=(--set db_password=x --set cache_auth_token=test-token-0123456789)
rows() { owner_sql "SELECT (SELECT count(*) FROM projects) || '/' || (SELECT count(*) FROM blueprints) || '/' || (SELECT count(*) FROM tenants)"; }
before=$(rows)

for project in "'; DROP TABLE tenants; --" "../../etc/passwd" "Shop" "" "-shop" "$(printf 'a%.0s' {1..64})"; do
  run push_bad blueprint push web.yaml --project "$project" --tenant acme "${secrets[@]}"
  expect_status 2 push_bad
  if [[ -n $project ]]; then
    expect_in push_bad.err "--project: "
    expect_in push_bad.err "is not a valid name: use 1 to 63 characters of a-z, 0-9, '.', '_' and '-'"
  fi
  if grep -qE "violates|constraint|SQL|pqxx" push_bad.err; then cat push_bad.err >&2; fail "a database error reached the user"; fi
done
expect_eq "$(rows)" "$before" "rows after refused pushes"

sed 's/^  name: shop-web/  name: Shop Web/' web.yaml >bad_name.yaml
run push_bad_name blueprint push bad_name.yaml --project shop --tenant acme "${secrets[@]}"
expect_status 2 push_bad_name
expect_in push_bad_name.err "invalid blueprint name 'Shop Web'"
expect_eq "$(rows)" "$before" "rows after a refused blueprint name"

run pull_bad blueprint pull "../x@1" --project shop --tenant acme
expect_status 2 pull_bad
expect_in pull_bad.err "project: '..' is not a valid name"  # PROJECT/NAME: the project part is '..'
run pull_bad_name blueprint pull "x';DROP TABLE blueprints;--@1" --project shop --tenant acme
expect_status 2 pull_bad_name
expect_in pull_bad_name.err "blueprint name: 'x';DROP TABLE blueprints;--' is not a valid name"

run tenant_bad tenant create "Evil Corp" --name Evil
expect_status 2 tenant_bad
expect_in tenant_bad.err "is not a valid tenant slug: use 1 to 63 characters of a-z, 0-9 and '-'"
run tenant_long_name tenant create longname --name "$(printf 'n%.0s' {1..201})"
expect_status 2 tenant_long_name
expect_in tenant_long_name.err "--name: a tenant name must be 1 to 200 characters (got 201)"
run tenant_flag_bad blueprint list --tenant "'; DROP TABLE tenants; --"
expect_status 2 tenant_flag_bad
expect_in tenant_flag_bad.err "is not a valid tenant slug"
expect_eq "$(rows)" "$before" "rows after refused tenants"

for flag in --projects --blueprints --deployments --users --storage_gb --api_calls_per_day; do
  run quota_big tenant quota set acme "$flag" 2147483648
  expect_status 2 quota_big
  expect_in quota_big.err "$flag: a quota must be from 0 to 2147483647 (got 2147483648)"
done
run quota_max tenant quota set acme --blueprints 2147483647
expect_status 0 quota_max
expect_eq "$(owner_sql "SELECT max_blueprints FROM tenants WHERE slug = 'acme'")" 2147483647 "the largest quota"
run quota_huge tenant quota set acme --users 99999999999999999999999
expect_status 2 quota_huge
if grep -qE "violates|out of range for type|SQL|pqxx" quota_big.err quota_huge.err; then fail "a database error reached the user"; fi
