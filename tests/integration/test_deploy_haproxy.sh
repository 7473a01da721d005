# `dharma deploy blue-green` through a real HAProxy (runtime API `set map`)
# with the real stack, watched by an independent keep-alive client and wrk:
# blue -> green with zero failed requests and one flip of the answers'
# version; HAProxy reloaded after the switch keeps green; green unhealthy
# before promotion -> no switch, green stopped, blue untouched, exit 1 and
# the reason recorded; unhealthy after promotion -> switched back with zero
# failed requests, exit 1; two deploys at once -> one exits 4 naming the
# holder; status, history, rollback --to N; abort with nothing in progress
# changes nothing; a start command that hangs is killed with its process
# group at start_timeout (exit 1, reason recorded, old colour untouched),
# and gets SIGTERM when dharma is terminated while waiting on it;
# drift --recorded compares with the version the deploy recorded;
# status and history without --env list every environment (text and json).
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/deploy/lib.sh"
deploy_setup deployhap 27064 27065 27200

# 0. Nothing recorded yet: status and history without --env say so (exit 2).
run none_status deploy status
expect_status 2 none_status
expect_in none_status.err "no deployments recorded"
run none_history deploy history --format json
expect_status 2 none_history
expect_in none_history.err "no deployments recorded"

# 1. The first deployment goes to blue.
run d1 deploy blue-green app.yaml --env prod --version v1
expect_status 0 d1
expect_in d1.out "deployment #1 of v1 to blue in prod succeeded"
expect_eq "$(map_entry)" shop_blue "map after #1"
expect_eq "$(answers_version)" v1 "answer after #1"

# 2. blue -> green under load: no failed request, exactly one flip.
start_witnesses
run d2 deploy blue-green app.yaml --env prod --version v2
expect_status 0 d2
stop_witnesses
expect_no_failures
expect_eq "$(version_flips)" 1 "version flips seen by the client"
expect_eq "$(awk '{print $3}' client.log | uniq | tr '\n' ' ')" "v1 v2 " "versions seen in order"
grep -q "answers v2 " wrk.out || fail "wrk saw no answer from v2"
expect_eq "$(map_entry)" shop_green "map after #2"
grep -q "^shop shop_green$" colour.map || fail "the map file on disk was not rewritten"
port_open "$blue_port" && fail "blue still runs after the scale-down"
expect_eq "$(deployment_field 2 status)" succeeded "status of #2"
expect_eq "$(step_status 2 scale_down)" succeeded "scale_down of #2"
grep -q "stop $blue_port" commands.log || fail "blue's stop command did not run"

# 2b. drift --recorded reads what the deploy recorded: the deployed version,
#     with the time of its deployments row, and the blueprint unchanged since.
run drift_recorded drift app.yaml --env prod --recorded
expect_status 0 drift_recorded
expect_in drift_recorded.out "prod runs version 1 (sha256 "
expect_in drift_recorded.out ", deployed $(deployment_field 2 "to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"))"
expect_in drift_recorded.out "the blueprint is version 1"

# 3. A reload of HAProxy reads the map file: traffic stays on green.
haproxy_reload
expect_eq "$(answers_version)" v2 "answer after the reload"
expect_eq "$(map_entry)" shop_green "map after the reload"

# 4. The new colour (blue, v3) never gets healthy: no switch, blue stopped, green untouched.
touch unhealthy-v3
run d3 deploy blue-green app.yaml --env prod --version v3
expect_status 1 d3
expect_in d3.err "health_gate of blue (v3) failed"
expect_in d3.err "answered 503 (expected 200)"
expect_eq "$(map_entry)" shop_green "map after #3"
expect_eq "$(answers_version)" v2 "answer after #3"
port_open "$blue_port" && fail "blue (v3) still runs after its failed health gate"
expect_eq "$(deployment_field 3 status)" failed "status of #3"
expect_in <(deployment_field 3 rollback_reason) "answered 503"
expect_eq "$(step_status 3 switch)" pending "switch of #3"
expect_eq "$(step_status 3 stop_new)" succeeded "stop_new of #3"

# 5. Blue (v4) fails after promotion: switched back, zero failed requests.
touch fail-after-traffic-v4
start_witnesses
run d4 deploy blue-green app.yaml --env prod --version v4
expect_status 1 d4
stop_witnesses
expect_no_failures
expect_in d4.err "post_promotion of blue (v4) failed"
expect_in d4.out "rolled back: traffic is back on green"
expect_eq "$(map_entry)" shop_green "map after #4"
expect_eq "$(answers_version)" v2 "answer after #4"
expect_eq "$(deployment_field 4 status)" rolled_back "status of #4"
expect_eq "$(deployment_field 4 switched)" f "switched flag of #4"
expect_eq "$(step_status 4 switch_back)" succeeded "switch_back of #4"
expect_eq "$(tail -1 client.log | awk '{print $3}')" v2 "the client's last answer"

# 6. Two deploys at once: the second exits 4 naming the holder and since when.
touch slow-start
"$dharma" deploy blue-green app.yaml --env prod --version v5 >d5.out 2>d5.err &
dharma_pid=$!
for _ in $(seq 1 100); do
  [[ $(journal_sql "SELECT count(*) FROM deploy_leases WHERE deployment_id IS NOT NULL") == 1 ]] && break
  sleep 0.1
done
run d6 deploy blue-green app.yaml --env prod --version v6
expect_status 4 d6
expect_in d6.err "environment prod is being deployed by"
expect_in d6.err " pid $dharma_pid since "
rm -f slow-start
wait "$dharma_pid"
expect_eq "$?" 0 "exit of the deploy that held the lease"
dharma_pid=''
expect_eq "$(answers_version)" v5 "answer after #5"
expect_eq "$(journal_sql "SELECT count(*) FROM deployments")" 5 "deployments recorded (the refused one is not)"

# 7. status, history, rollback --to 2 (v2 again, on green).
run status deploy status --env prod
expect_status 0 status
expect_in status.out "active: blue runs v5 (deployment #5)"
expect_in status.out "in progress: none"
expect_in status.out "lease: free"
run history deploy history --env prod
expect_status 0 history
expect_in history.out "4     v4       blue    rolled_back"
expect_in history.out "post_promotion of blue (v4) failed"
run rollback deploy rollback --env prod --to 2
expect_status 0 rollback
expect_in rollback.out "deployment #6 of v2 to green in prod succeeded"
expect_eq "$(answers_version)" v2 "answer after the rollback"
expect_eq "$(deployment_field 6 rollback_of)" 2 "rollback_of of #6"
run history_json deploy history --env prod --format json
expect_status 0 history_json
python3 -c "import json,sys; d=json.load(open('history_json.out')); assert [x['number'] for x in d]==[6,5,4,3,2,1], d; assert d[0]['rollback_of']==2" \
  || fail "history json"

# 8. Abort with nothing in progress changes nothing.
before=$(journal_sql "SELECT md5(string_agg(d::text, '|' ORDER BY number)) FROM deployments d")
run abort deploy abort --env prod
expect_status 0 abort
expect_in abort.out "nothing to abort in prod"
expect_eq "$(journal_sql "SELECT md5(string_agg(d::text, '|' ORDER BY number)) FROM deployments d")" "$before" "journal after abort"
expect_eq "$(answers_version)" v2 "answer after abort"

# 9. SIGTERM to dharma while a start command hangs (no timeout yet): exit 130, the command's
#    process group gets SIGTERM too (it does not outlive dharma); abort then restores.
touch hang-start-v7
rm -f hang-child.pid
"$dharma" deploy blue-green app.yaml --env prod --version v7 >d7.out 2>d7.err &
dharma_pid=$!
for _ in $(seq 1 200); do [[ -s hang-child.pid ]] && break; sleep 0.05; done
[[ -s hang-child.pid ]] || fail "the start command of #7 never ran"
kill -TERM "$dharma_pid"
wait "$dharma_pid"
expect_eq "$?" 130 "exit of the deploy terminated during its start"
dharma_pid=''
hang_child=$(cat hang-child.pid)
for _ in $(seq 1 50); do
  [[ -e /proc/$hang_child && $(awk '{print $3}' "/proc/$hang_child/stat") != Z ]] || break
  sleep 0.1
done
[[ -e /proc/$hang_child && $(awk '{print $3}' "/proc/$hang_child/stat") != Z ]] \
  && fail "the hanging start command's child outlived the terminated dharma"
expect_eq "$(step_status 7 start)" running "start of #7 after SIGTERM"
run abort7 deploy abort --env prod
expect_status 0 abort7
expect_eq "$(deployment_field 7 status)" rolled_back "status of #7 after abort"
expect_eq "$(answers_version)" v2 "answer after aborting #7"

# 10. A start command that never returns: killed with its child at start_timeout, the normal failure path.
write_blueprint app.yaml "  start_timeout: 1s"
run push2 blueprint push app.yaml --project shop
expect_status 0 push2
touch hang-start-v8
run d8 deploy blue-green app.yaml --env prod --version v8
expect_status 1 d8
expect_in d8.err "start failed: start command for blue instance on port $blue_port did not finish within 1s (start_timeout); its process group was killed"
expect_in d8.out "deployment #8 of v8 to blue in prod failed"
expect_eq "$(deployment_field 8 status)" failed "status of #8"
expect_in <(deployment_field 8 rollback_reason) "did not finish within 1s (start_timeout)"
expect_eq "$(step_status 8 start)" failed "start of #8"
expect_eq "$(step_status 8 stop_new)" succeeded "stop_new of #8"
hang_child=$(cat hang-child.pid)  # killed: gone, or a zombie until its new parent reaps it
[[ -e /proc/$hang_child && $(awk '{print $3}' "/proc/$hang_child/stat") != Z ]] \
  && fail "the hanging start command's child survived the timeout"
expect_eq "$(map_entry)" shop_green "map after #8"
expect_eq "$(answers_version)" v2 "answer after #8"

# 11. Every environment: a second one (staging: its own service key and ports), then status and history without --env.
staging_blue=$(free_port $((blue_port + 1)) $((blue_port + 9)))
staging_green=$(free_port $((green_port + 1)) $((green_port + 9)))
write_blueprint app.yaml "  environments: {staging: {service: shop-staging, ports: {blue: $staging_blue, green: $staging_green}}}"
run push3 blueprint push app.yaml --project shop
expect_status 0 push3
run s1 deploy blue-green app.yaml --env staging --version s1
expect_status 0 s1
expect_in s1.out "deployment #1 of s1 to blue in staging succeeded"
run status_all deploy status
expect_status 0 status_all
grep -Eq "^PROJECT +ENVIRONMENT +ACTIVE +VERSION +DEPLOYMENT +LEASE$" status_all.out || { cat status_all.out >&2; fail "status header"; }
grep -Eq "^shop +prod +green +v2 +#8 v8 to blue failed +free$" status_all.out || { cat status_all.out >&2; fail "status row of prod"; }
grep -Eq "^shop +staging +blue +s1 +#1 s1 to blue succeeded +free$" status_all.out || { cat status_all.out >&2; fail "status row of staging"; }
run status_all_json deploy status --format json
expect_status 0 status_all_json
python3 -c "
import json; d=json.load(open('status_all_json.out'))['environments']
assert [(e['project'], e['environment']) for e in d]==[('shop','prod'),('shop','staging')], d
assert d[0]['active']['colour']=='green' and d[0]['active']['version']=='v2' and d[0]['latest']['number']==8, d[0]
assert d[1]['active']['version']=='s1' and d[1]['in_progress'] is None and d[1]['lease'] is None, d[1]" \
  || fail "status json without --env"
run history_all deploy history
expect_status 0 history_all
grep -Eq "^ENVIRONMENT +# +VERSION +COLOUR +STATUS +STARTED +REASON$" history_all.out || { cat history_all.out >&2; fail "history header"; }
grep -Eq "^staging +1 +s1 +blue +succeeded " history_all.out || { cat history_all.out >&2; fail "history row of staging"; }
grep -Eq "^prod +8 +v8 +blue +failed .*did not finish within 1s" history_all.out || { cat history_all.out >&2; fail "history row of prod #8"; }
expect_eq "$(grep -c "^prod " history_all.out)" 8 "prod rows in history"
run history_all_json deploy history --format json --limit 3
expect_status 0 history_all_json
python3 -c "
import json; d=json.load(open('history_all_json.out'))
assert len(d)==3, d
assert {(x['environment'], x['number']) for x in d}=={('staging',1),('prod',8),('prod',7)}, d" \
  || fail "history json without --env"
echo "PASS"
