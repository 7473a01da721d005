# `dharma deploy blue-green --driver nginx` through a real nginx (upstream
# include file swapped, `nginx -t`, `nginx -s reload`) with the stack,
# watched by an independent keep-alive client and wrk: blue -> green with no
# error answer and one flip; green unhealthy before promotion -> no switch,
# green stopped, blue untouched, exit 1 with the reason.
#
# Unlike HAProxy's `set map`, an nginx reload retires the old workers, and
# they close their keep-alive client connections: a client that sends its
# next request on such a connection at that moment sees the connection
# closed (wrk: a read error; Python: RemoteDisconnected), and must retry on
# a new one as browsers do for idempotent requests. So this test allows
# those closes, at most one per client connection, and nothing else.
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/deploy/lib.sh"
require_tool nginx
deploy_setup deploynginx 27068 27069 27240 nginx

run d1 deploy blue-green app.yaml --env prod --version v1
expect_status 0 d1
expect_in d1.out "deployment #1 of v1 to blue in prod succeeded"
expect_in nginx/upstream.conf "server 127.0.0.1:$blue_port;"
expect_eq "$(answers_version)" v1 "answer after #1"

start_witnesses
run d2 deploy blue-green app.yaml --env prod --version v2
expect_status 0 d2
stop_witnesses
grep -q "Non-2xx" wrk.out && { cat wrk.out >&2; fail "wrk saw error answers"; }
if grep -q "Socket errors" wrk.out; then
  grep -qE "Socket errors: connect 0, read [0-4], write 0, timeout 0" wrk.out || { cat wrk.out >&2; fail "wrk saw more than closed connections"; }
fi
grep -v " 200 v" client.log | grep -v " error RemoteDisconnected$" && fail "the client saw failures other than a closed connection"
[[ $(grep -c " error " client.log) -le 1 ]] || fail "the client saw more than one closed connection"
expect_eq "$(grep " 200 " client.log | awk '{print $3}' | uniq | wc -l)" 2 "versions in order seen by the client (one flip)"
expect_in nginx/upstream.conf "server 127.0.0.1:$green_port;"
expect_eq "$(answers_version)" v2 "answer after #2"
expect_in <(deployment_field 2 "(SELECT detail->>'observed' FROM deployment_steps s WHERE s.deployment_id = deployments.id AND s.name = 'switch')") "nginx -t passed, reloaded"

touch unhealthy-v3
run d3 deploy blue-green app.yaml --env prod --version v3 --driver nginx
expect_status 1 d3
expect_in d3.err "health_gate of blue (v3) failed"
expect_in nginx/upstream.conf "server 127.0.0.1:$green_port;"
expect_eq "$(answers_version)" v2 "answer after #3"
port_open "$blue_port" && fail "blue (v3) still runs after its failed health gate"
expect_eq "$(deployment_field 3 status)" failed "status of #3"
echo "PASS"
