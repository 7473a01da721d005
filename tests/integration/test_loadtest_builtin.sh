# `dharma loadtest prepare` and every built-in scenario, shortened (5 s, a
# few VUs), against the real stack: each reports non-zero throughput, no
# errors, its threshold passed and exit 0; the text summary has a line per
# request kind; prepare is idempotent and --cleanup removes the tenants.
source "$(dirname "$0")/lib.sh"
new_database loadtest_builtin
run migrate db migrate
expect_status 0 migrate

run prepare loadtest prepare --tenants 3
expect_status 0 prepare
expect_in prepare.out "prepared 3 load-test tenants"
run prepare_again loadtest prepare --tenants 3
expect_status 0 prepare_again

for scenario in baseline:8 stress:12 spike:20 soak:6; do
  name=${scenario%%:*} vus=${scenario##*:}
  run "$name" loadtest "$name" --vus "$vus" --duration 5s --tenants 3 --format json
  expect_status 0 "$name"
  requests=$(jq -r '.tags.all.requests' "$name.out")
  errors=$(jq -r '.tags.all.errors' "$name.out")
  [[ $requests =~ ^[0-9]+$ && $requests -gt 0 ]] || fail "$name: no requests ($requests)"
  expect_eq "$errors" 0 "$name errors"
  expect_eq "$(jq -r '.thresholds[0].passed' "$name.out")" true "$name threshold"
  expect_eq "$(jq -r '.scenario' "$name.out")" "$name" "$name scenario name"
  for kind in pull pull_uncached list quota api_calls push; do
    [[ $(jq -r --arg k "kind:$kind" '.tags[$k].requests // 0' "$name.out") -gt 0 ]] || fail "$name: no $kind requests"
  done
done

run text loadtest baseline --vus 4 --duration 2s --tenants 3
expect_status 0 text
for line in "kind:pull " "kind:push " "cache hit rate" "pgbouncer peaks"; do
  expect_in text.out "$line"
done
grep -qE '^rate\(errors\) < 0\.01 +0\.000 +passed$' text.out || { cat text.out >&2; fail "threshold line"; }

run unprepared loadtest baseline --vus 2 --duration 1s --tenants 5
expect_status 2 unprepared
expect_in unprepared.err "tenant loadtest-04 is not prepared; run \`dharma loadtest prepare --tenants 5\` first"

run cleanup loadtest prepare --cleanup
expect_status 0 cleanup
expect_in cleanup.out "removed 3 load-test tenants"
run after_cleanup loadtest baseline --vus 2 --duration 1s --tenants 1
expect_status 2 after_cleanup
echo "ok"
