# 50 concurrent `dharma blueprint push` of new blueprints against a quota of
# 10 set with `dharma tenant quota set`: exactly 10 succeed, 40 exit 4 with
# "quota exceeded (10/10 blueprints)", and both `blueprint list` and
# `tenant usage` see exactly 10.
source "$(dirname "$0")/lib.sh"
new_database tquota
run migrate db migrate
expect_status 0 migrate
run create tenant create race --name Race
expect_status 0 create
run quota tenant quota set race --blueprints 10
expect_status 0 quota
for i in $(seq 1 50); do
  sed -E "0,/^  name: .*/s//  name: bp-$i/" "$repo/examples/aws-web-app.yaml" >"bp$i.yaml"
done
grep -q "^  name: bp-7$" bp7.yaml || fail "could not rename the example"
pids=()
for i in $(seq 1 50); do
  "$dharma" blueprint push "bp$i.yaml" --project shop --tenant race --set db_password=x --set cache_auth_token=test-token-0123456789 >"p$i.out" 2>"p$i.err" &
  pids+=($!)
done
ok=0 refused=0
for i in $(seq 1 50); do
  wait "${pids[$((i - 1))]}"
  case $? in
    0) ok=$((ok + 1)) ;;
    4) refused=$((refused + 1)); expect_in "p$i.err" "quota exceeded (10/10 blueprints)" ;;
    *) cat "p$i.err" >&2; fail "push $i exited unexpectedly" ;;
  esac
done
expect_eq "$ok" 10 "pushes stored"
expect_eq "$refused" 40 "pushes refused"
run list blueprint list --tenant race --format json
python3 -c 'import json; assert len(json.load(open("list.out"))) == 10' || fail "stored blueprints"
run usage tenant usage race --format json
python3 -c 'import json; d={r["quota"]: r for r in json.load(open("usage.out"))}; assert d["blueprints"]["used"] == 10 and d["blueprints"]["percent"] == 100, d' \
  || fail "usage after the race"
echo "ok"
