# `kill -9` of `dharma deploy blue-green` at each slow step in turn (start,
# health_gate, pre_promotion, post_promotion, scale_down), each followed by
# `deploy resume` (finishes) or `deploy abort` (restores the old colour),
# with real HAProxy and the stack; after each, the journal is consistent:
# a final status, no step left running, the traffic where it says. Also the
# approval stop (exit 4, then `resume --approve`). A kill inside the switch
# step, between HAProxy's runtime `set map` and the journal's "done" record,
# is made exact with the fault-injection pause DHARMA_DEPLOY_PAUSE=
# switch:after-runtime (docs/deploy.md, Tests): resume finishes it, abort
# restores the old colour, and the independent client sees no failed request.
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/deploy/lib.sh"
pre_checks=10 post_checks=10
deploy_setup deploykill 27066 27067 27220

launch() {  # launch VERSION — a deploy in the background (paused at $pause when set)
  DHARMA_DEPLOY_PAUSE=${pause:-} "$dharma" deploy blue-green app.yaml --env prod --version "$1" >"launch-$1.out" 2>"launch-$1.err" &
  dharma_pid=$! launched=$1
}

kill_at() {  # kill_at STEP — once the running deploy journals STEP, kill -9 it and its child processes
  local step=''
  for _ in $(seq 1 400); do
    step=$(journal_sql "SELECT current_step FROM deployments WHERE version = '$launched'")
    [[ $step == "$1" ]] && break
    sleep 0.05
  done
  [[ $step == "$1" ]] || fail "the deploy never reached step $1 (at '$step')"
  local children grandchildren
  children=$(pgrep -P "$dharma_pid" | tr '\n' ' ')
  grandchildren=$(for c in $children; do pgrep -P "$c"; done | tr '\n' ' ')
  # shellcheck disable=SC2086
  kill -KILL "$dharma_pid" $children $grandchildren 2>/dev/null
  wait "$dharma_pid" 2>/dev/null
  dharma_pid=''
}

kill_in_switch() {  # kill_in_switch BACKEND — once the paused deploy has set the map to BACKEND, kill -9 it
  local step='' entry=''
  for _ in $(seq 1 400); do
    step=$(journal_sql "SELECT current_step FROM deployments WHERE version = '$launched'")
    [[ $step == switch ]] && entry=$(map_entry)
    [[ $entry == "$1" ]] && break
    sleep 0.05
  done
  [[ $entry == "$1" ]] || fail "the deploy never set the map to $1 (step '$step', map '$entry')"
  sleep 0.3  # it is in the pause now: nothing after `set map` has run
  expect_eq "$(journal_sql "SELECT s.status FROM deployment_steps s JOIN deployments d ON d.id = s.deployment_id WHERE d.version = '$launched' AND s.name = 'switch'")" running "switch step when killed"
  expect_eq "$(journal_sql "SELECT switched FROM deployments WHERE version = '$launched'")" f "switched flag when killed"
  kill -KILL "$dharma_pid" 2>/dev/null
  wait "$dharma_pid" 2>/dev/null
  dharma_pid=''
}

consistent() {  # consistent N STATUS — deployment N ended STATUS with no step left running
  expect_eq "$(deployment_field "$1" status)" "$2" "status of #$1"
  expect_eq "$(journal_sql "SELECT count(*) FROM deployment_steps s JOIN deployments d ON d.id = s.deployment_id WHERE d.number = $1 AND s.status = 'running'")" 0 "steps left running in #$1"
  expect_eq "$(journal_sql "SELECT count(*) FROM deploy_leases")" 0 "leases left after #$1"
}

run d1 deploy blue-green app.yaml --env prod --version v1
expect_status 0 d1

# start: abort, then resume.
touch slow-start; launch v2; kill_at start; rm -f slow-start
run abort2 deploy abort --env prod
expect_status 0 abort2
expect_in abort2.out "deployment #2 of v2 to green in prod aborted"
consistent 2 rolled_back
expect_eq "$(map_entry)" shop_blue "map after aborting #2"
expect_eq "$(answers_version)" v1 "answer after aborting #2"
port_open "$green_port" && fail "green runs after aborting #2"
run abort2b deploy abort --env prod
expect_status 0 abort2b
expect_in abort2b.out "nothing to abort"

touch slow-start; launch v3; kill_at start; rm -f slow-start
run resume3 deploy resume --env prod
expect_status 0 resume3
expect_in resume3.out "deployment #3 of v3 to green in prod succeeded"
consistent 3 succeeded
expect_eq "$(answers_version)" v3 "answer after resuming #3"
port_open "$blue_port" && fail "blue runs after #3"

# health_gate: abort, then resume.
touch unhealthy-v4; launch v4; kill_at health_gate
run abort4 deploy abort --env prod
expect_status 0 abort4
consistent 4 rolled_back
expect_eq "$(answers_version)" v3 "answer after aborting #4"
port_open "$blue_port" && fail "blue runs after aborting #4"

touch unhealthy-v5; launch v5; kill_at health_gate; rm -f unhealthy-v5
run resume5 deploy resume --env prod
expect_status 0 resume5
consistent 5 succeeded
expect_eq "$(answers_version)" v5 "answer after resuming #5"

# pre_promotion: resume.
launch v6; kill_at pre_promotion
run resume6 deploy resume --env prod
expect_status 0 resume6
consistent 6 succeeded
expect_eq "$(answers_version)" v6 "answer after resuming #6"

# post_promotion (traffic already switched): abort switches back, then resume finishes.
launch v7; kill_at post_promotion
expect_eq "$(answers_version)" v7 "answer while #7 is killed after its switch"
run abort7 deploy abort --env prod
expect_status 0 abort7
consistent 7 rolled_back
expect_eq "$(map_entry)" shop_green "map after aborting #7"
expect_eq "$(answers_version)" v6 "answer after aborting #7"
port_open "$blue_port" && fail "blue runs after aborting #7"

launch v8; kill_at post_promotion
run resume8 deploy resume --env prod
expect_status 0 resume8
consistent 8 succeeded
expect_eq "$(answers_version)" v8 "answer after resuming #8"

# scale_down (already succeeded): abort has nothing to undo and says to resume; resume stops the old colour.
touch slow-stop; launch v9; kill_at scale_down; rm -f slow-stop
expect_eq "$(deployment_field 9 status)" succeeded "status of #9 while its scale-down is cut"
run abort9 deploy abort --env prod
expect_status 0 abort9
expect_in abort9.out "nothing to abort"
expect_in abort9.out "run \`dharma deploy resume --env prod\`"
run new10 deploy blue-green app.yaml --env prod --version v10
expect_status 4 new10
expect_in new10.err "deployment #9 (v9 to green) of prod is unfinished"
run resume9 deploy resume --env prod
expect_status 0 resume9
consistent 9 succeeded
expect_eq "$(step_status 9 scale_down)" succeeded "scale_down of #9"
port_open "$blue_port" && fail "blue runs after resuming #9"
expect_eq "$(answers_version)" v9 "answer after resuming #9"

# Inside switch (map set at runtime, journal not yet done): resume finishes, under the witnesses.
start_witnesses
pause=switch:after-runtime launch v10; kill_in_switch shop_blue
expect_eq "$(answers_version)" v10 "answer while #10 is killed inside its switch"
run resume10 deploy resume --env prod
expect_status 0 resume10
expect_in resume10.err "switch (again, after an interruption)"
stop_witnesses
expect_no_failures
expect_eq "$(awk '{print $3}' client.log | uniq | tr '\n' ' ')" "v9 v10 " "versions the client saw around #10"
consistent 10 succeeded
expect_eq "$(deployment_field 10 switched)" t "switched flag of #10"
expect_eq "$(map_entry)" shop_blue "map after resuming #10"
grep -q "^shop shop_blue$" colour.map || fail "the map file does not name shop_blue after resuming #10"
port_open "$green_port" && fail "green runs after resuming #10"

# Inside switch again: abort switches back to the old colour and stops the new one.
start_witnesses
pause=switch:after-runtime launch v11; kill_in_switch shop_green
run abort11 deploy abort --env prod
expect_status 0 abort11
expect_in abort11.out "deployment #11 of v11 to green in prod aborted: traffic is back on blue"
stop_witnesses
expect_no_failures
expect_eq "$(awk '{print $3}' client.log | uniq | tr '\n' ' ')" "v10 v11 v10 " "versions the client saw around #11"
consistent 11 rolled_back
expect_eq "$(step_status 11 switch)" failed "switch of #11 (interrupted)"
expect_eq "$(step_status 11 switch_back)" succeeded "switch_back of #11"
expect_eq "$(map_entry)" shop_blue "map after aborting #11"
grep -q "^shop shop_blue$" colour.map || fail "the map file does not name shop_blue after aborting #11"
expect_eq "$(answers_version)" v10 "answer after aborting #11"
port_open "$green_port" && fail "green (v11) runs after aborting #11"

# Approval: the deploy stops before the switch (exit 4), resume --approve switches.
write_blueprint app.yaml "  environments: {prod: {approval: true}}"
run push2 blueprint push app.yaml --project shop
expect_status 0 push2
run d12 deploy blue-green app.yaml --env prod --version v12
expect_status 4 d12
expect_in d12.err "prod requires approval: run \`dharma deploy resume --env prod --approve\`"
expect_eq "$(deployment_field 12 status)" awaiting_approval "status of #12"
expect_eq "$(answers_version)" v10 "answer while #12 awaits approval"
run resume12 deploy resume --env prod --approve
expect_status 0 resume12
consistent 12 succeeded
expect_eq "$(answers_version)" v12 "answer after approving #12"
expect_eq "$(journal_sql "SELECT decision FROM approvals a JOIN deployments d ON d.id = a.deployment_id WHERE d.number = 12")" approved "approval of #12"
echo "PASS"
