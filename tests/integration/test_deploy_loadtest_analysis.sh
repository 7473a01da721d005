# A deploy's pre-promotion analysis by load test: the scenario file's HTTP
# requests sent by the load-test engine to the new colour (its target
# replaced by the colour's address), judged by the scenario's thresholds,
# with real HAProxy and the stack. Thresholds pass -> switched; the new
# version answers errors -> the threshold fails with its observed value, no
# switch, exit 1. A store scenario is refused before anything starts (exit 2).
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/deploy/lib.sh"
cat >"$scratch/scenario.yaml" <<'YAML'
name: smoke
target: http://127.0.0.1:9
executor: {type: constant-vus, vus: 2, duration: 1s}
requests:
  - kind: http
    name: home
    url: /
thresholds:
  - rate(errors) < 0.01
YAML
pre_promotion='{loadtest: scenario.yaml}'
deploy_setup deployload 27064 27069 27290

run d1 deploy blue-green app.yaml --env prod --version v1
expect_status 0 d1
expect_in <(journal_sql "SELECT s.detail->>'observed' FROM deployment_steps s JOIN deployments d ON d.id = s.deployment_id WHERE d.number = 1 AND s.name = 'pre_promotion'") \
  "load test smoke against http://127.0.0.1:$blue_port: rate(errors) < 0.01 observed 0.000 ok"
expect_eq "$(answers_version)" v1 "answer after #1"

touch errors-v2
run d2 deploy blue-green app.yaml --env prod --version v2
expect_status 1 d2
expect_in d2.err "pre_promotion of green (v2) failed: load test smoke against http://127.0.0.1:$green_port: rate(errors) < 0.01 observed 1.000 FAILED"
expect_eq "$(map_entry)" shop_blue "map after #2"
expect_eq "$(answers_version)" v1 "answer after #2"
expect_eq "$(deployment_field 2 status)" failed "status of #2"
port_open "$green_port" && fail "green still runs after its failed analysis"

cat >scenario.yaml <<'YAML'
name: store
target: store
executor: {type: constant-vus, vus: 1, duration: 1s}
requests:
  - kind: pull
YAML
run d3 deploy blue-green app.yaml --env prod --version v3
expect_status 2 d3
expect_in d3.err "a deploy analysis sends HTTP to the new colour"
expect_eq "$(journal_sql "SELECT count(*) FROM deployments")" 2 "deployments after the refused scenario"
echo "PASS"
