# `dharma blueprint diff NAME@A NAME@B`: a unified diff of the two stored
# sources and the resources added, removed and changed between their
# resolved forms; unknown versions exit 2; another tenant sees nothing.
source "$(dirname "$0")/lib.sh"
new_database bpdiff
run migrate db migrate
expect_status 0 migrate
run create tenant create alpha --name Alpha
run create_b tenant create beta --name Beta
cp "$repo/examples/aws-web-app.yaml" web.yaml
name=$(sed -nE 's/^  name: *([a-z0-9._-]+).*/\1/p' web.yaml | head -1)
set_args=(--set db_password=x --set cache_auth_token=test-token-0123456789)
run push1 blueprint push web.yaml --project shop --tenant alpha "${set_args[@]}"
expect_status 0 push1
# Version 2: one resource renamed (one removed, one added) and a comment line.
# db_cpu_alarm is the last resource and nothing refers to it.
first=db_cpu_alarm
grep -q "^  - name: $first$" web.yaml || fail "the example has no $first"
sed -E "s/^  - name: ${first}$/  - name: ${first}x/" web.yaml >v2.yaml
echo "# second version" >>v2.yaml
cp v2.yaml web.yaml
run push2 blueprint push web.yaml --project shop --tenant alpha "${set_args[@]}"
expect_status 0 push2
expect_in push2.out "version 2"
run diff blueprint diff "$name@1" "$name@2" --project shop --tenant alpha
expect_status 0 diff
expect_in diff.out "--- shop/$name@1"
expect_in diff.out "+++ shop/$name@2"
expect_in diff.out "+# second version"
grep -qE "^resources: [1-9][0-9]* added, [1-9][0-9]* removed" diff.out || { cat diff.out; fail "resource summary"; }
expect_in diff.out "${first}x"
run same blueprint diff "$name@2" "$name@2" --project shop --tenant alpha
expect_status 0 same
expect_in same.out "resources: 0 added, 0 removed, 0 changed"
run missing blueprint diff "$name@1" "$name@9" --project shop --tenant alpha
expect_status 2 missing
expect_in missing.err "no blueprint shop/$name@9"
run other blueprint diff "$name@1" "$name@2" --project shop --tenant beta
expect_status 2 other
echo "ok"
