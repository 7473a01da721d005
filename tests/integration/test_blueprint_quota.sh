# 20 concurrent `dharma blueprint push` of new blueprints against a quota of
# 5: exactly 5 succeed, 15 exit 4 with "quota exceeded (5/5 blueprints)".
source "$(dirname "$0")/lib.sh"
new_database bpquota
run migrate db migrate
expect_status 0 migrate
owner_sql "INSERT INTO tenants (slug, name, max_blueprints) VALUES ('alpha', 'Alpha', 5)" >/dev/null
for i in $(seq 1 20); do
  sed -E "0,/^  name: .*/s//  name: bp-$i/" "$repo/examples/aws-web-app.yaml" >"bp$i.yaml"
done
grep -q "^  name: bp-7$" bp7.yaml || fail "could not rename the example"
pids=()
for i in $(seq 1 20); do
  "$dharma" blueprint push "bp$i.yaml" --project shop --tenant alpha --set db_password=x --set cache_auth_token=test-token-0123456789 >"p$i.out" 2>"p$i.err" &
  pids+=($!)
done
ok=0 refused=0
for i in $(seq 1 20); do
  wait "${pids[$((i - 1))]}"
  case $? in
    0) ok=$((ok + 1)) ;;
    4) refused=$((refused + 1)); expect_in "p$i.err" "quota exceeded (5/5 blueprints)" ;;
    *) cat "p$i.err" >&2; fail "push $i exited unexpectedly" ;;
  esac
done
expect_eq "$ok" 5 "pushes stored"
expect_eq "$refused" 15 "pushes refused"
run list blueprint list --tenant alpha --format json
python3 -c 'import json; assert len(json.load(open("list.out"))) == 5' || fail "stored blueprints"
echo "ok"
