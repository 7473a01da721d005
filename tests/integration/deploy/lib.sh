# Shared by tests/integration/test_deploy_*.sh, sourced after ../lib.sh:
# a database with dharma's schema, a tenant and a pushed blueprint whose
# deploy section runs deploy/start.sh and deploy/stop.sh; a real HAProxy (or
# nginx) on loopback ports given by the test; the test service; an
# independent client (client.py) and wrk for load. Everything started here
# is stopped on exit, whatever the exit path.
deploy_dir=$repo/tests/integration/deploy
export DHARMA_TENANT=acme

deploy_cleanup() {
  [[ -n ${client_pid:-} ]] && kill "$client_pid" 2>/dev/null
  [[ -n ${wrk_pid:-} ]] && kill -KILL "$wrk_pid" 2>/dev/null
  [[ -n ${dharma_pid:-} ]] && kill -KILL "$dharma_pid" 2>/dev/null
  local pid
  for pidfile in "$scratch/haproxy.pid" "$scratch/nginx/nginx.pid"; do
    [[ -e $pidfile ]] || continue
    for pid in $(cat "$pidfile"); do
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null
    done
  done
  for pidfile in "$scratch"/service-*.pid; do
    [[ -e $pidfile ]] && kill -KILL "$(cat "$pidfile")" 2>/dev/null
  done
  drop_database
}

require_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  [[ ${DHARMA_TEST_STRICT:-} == 1 ]] && fail "$1 is not installed (scripts/bootstrap --test installs it)"
  echo "SKIPPED: $1 is not installed" >&2
  exit 77
}

# free_port FIRST LAST — the first port in FIRST..LAST that no socket on this
# machine uses. Every test range sits below 32768, outside the kernel's
# ephemeral range (32768-60999), so the outgoing connections of a load test
# running beside this one can never take a port between this check and the
# bind: CI once lost two deploy tests that way.
free_port() {
  local port used
  used=$(ss -Htan | awk '{print $4}' | sed 's/.*://' | sort -u)
  for port in $(seq "$1" "$2"); do
    grep -qx "$port" <<<"$used" || { echo "$port"; return 0; }
  done
  fail "no free port in $1..$2"
}

# deploy_setup NAME FRONTEND_FIRST FRONTEND_LAST COLOUR_FIRST [DRIVER] — ports
# picked from the test's own ranges: the frontend in FRONTEND_FIRST..LAST, blue
# in COLOUR_FIRST..+9, green in COLOUR_FIRST+10..+19.
deploy_setup() {
  require_tool haproxy
  require_tool wrk
  new_database "$1"
  trap deploy_cleanup EXIT
  fe_port=$(free_port "$2" "$3")
  blue_port=$(free_port "$4" $(($4 + 9)))
  green_port=$(free_port $(($4 + 10)) $(($4 + 19)))
  driver=${5:-haproxy}
  run migrate db migrate
  expect_status 0 migrate
  owner_sql "INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme')" >/dev/null
  write_blueprint app.yaml
  run push blueprint push app.yaml --project shop
  expect_status 0 push
  if [[ $driver == haproxy ]]; then haproxy_up; else nginx_up; fi
}

# write_blueprint FILE [EXTRA DEPLOY LINES] — the test blueprint with its deploy section.
write_blueprint() {
  cat >"$1" <<YAML
apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: shop
  version: 1.0.0
  owner: team-shop
provider: kubernetes
environments:
  prod: {}
  staging: {}
resources:
  - name: ns
    type: k8s.namespace
    properties: {name: shop}
deploy:
  service: shop
  driver: $driver
  ports: {blue: $blue_port, green: $green_port}
  start: "$deploy_dir/start.sh $scratch {port} {version} {colour}"
  stop: "$deploy_dir/stop.sh $scratch {port}"
  health: {path: /health, interval: 100ms, timeout: 1s, successes: 3, deadline: ${health_deadline:-15s}}
  pre_promotion: ${pre_promotion:-{checks: ${pre_checks:-3}, interval: 100ms\}}
  post_promotion: {checks: ${post_checks:-5}, interval: 100ms}
  scale_down_delay: 3s
  lease_ttl: 5s
  haproxy:
    socket: $scratch/haproxy.sock
    map: $scratch/colour.map
    backends: {blue: shop_blue, green: shop_green}
  nginx:
    upstream_file: $scratch/nginx/upstream.conf
    upstream: shop
    command: [/usr/sbin/nginx, -p, $scratch/nginx, -c, $scratch/nginx/nginx.conf]
${2:-}
YAML
}

haproxy_up() {
  cat >haproxy.cfg <<CFG
global
  stats socket $scratch/haproxy.sock mode 600 level admin
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend shop
  bind 127.0.0.1:$fe_port
  use_backend %[str(shop),map($scratch/colour.map,shop_blue)]
backend shop_blue
  server blue0 127.0.0.1:$blue_port
backend shop_green
  server green0 127.0.0.1:$green_port
CFG
  touch colour.map
  local started=0
  for _ in $(seq 1 20); do  # a port of an earlier run may still be closing
    haproxy -f haproxy.cfg -D -p "$scratch/haproxy.pid" 2>haproxy.err && { started=1; break; }
    sleep 0.2
  done
  ((started)) || { cat haproxy.err >&2; fail "haproxy does not start"; }
  for _ in $(seq 1 50); do [[ -S haproxy.sock ]] && return 0; sleep 0.1; done
  fail "haproxy's stats socket did not appear"
}

haproxy_reload() {  # a reload as systemd does it: new process reads the files, old one finishes
  haproxy -f haproxy.cfg -D -p "$scratch/haproxy.pid" -sf "$(cat "$scratch/haproxy.pid")" || fail "haproxy reload"
  sleep 0.5
}

nginx_up() {
  mkdir -p nginx
  cat >nginx/nginx.conf <<CFG
worker_processes 1;
pid $scratch/nginx/nginx.pid;
error_log $scratch/nginx/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $scratch/nginx/tmp;
  proxy_temp_path $scratch/nginx/tmp;
  fastcgi_temp_path $scratch/nginx/tmp;
  uwsgi_temp_path $scratch/nginx/tmp;
  scgi_temp_path $scratch/nginx/tmp;
  include $scratch/nginx/upstream.conf;
  server {
    listen 127.0.0.1:$fe_port;
    location / {
      proxy_pass http://shop;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CFG
  mkdir -p nginx/tmp
  printf 'upstream shop {\n    server 127.0.0.1:%s;\n}\n' "$blue_port" >nginx/upstream.conf
  /usr/sbin/nginx -p "$scratch/nginx" -c "$scratch/nginx/nginx.conf" || fail "nginx does not start"
}

map_entry() { echo "show map $scratch/colour.map" | python3 -c "
import socket,sys
s=socket.socket(socket.AF_UNIX); s.connect('$scratch/haproxy.sock'); s.sendall(sys.stdin.read().encode())
data=b''
while True:
    chunk=s.recv(4096)
    if not chunk: break
    data+=chunk
print(data.decode())" | awk '$2 == "shop" {print $3}'; }

answers_version() { curl -s --max-time 2 "http://127.0.0.1:$fe_port/" | awk '{print $2}'; }
port_open() { curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$1/health"; }

# Journal queries, as the tenant (row-level security binds every role).
journal_sql() {
  owner_sql "BEGIN; SELECT set_config('dharma.tenant_id', (SELECT id::text FROM tenants WHERE slug = 'acme'), true) IS NULL; $1; COMMIT;" | tail -n +2
}
deployment_field() { journal_sql "SELECT $2 FROM deployments WHERE number = $1"; }
step_status() { journal_sql "SELECT s.status FROM deployment_steps s JOIN deployments d ON d.id = s.deployment_id WHERE d.number = $1 AND s.name = '$2'"; }

start_witnesses() {  # the independent client and wrk, both on the frontend, until stop_witnesses
  rm -f stop-client
  python3 "$deploy_dir/client.py" 127.0.0.1 "$fe_port" client.log stop-client &
  client_pid=$!
  wrk -t1 -c4 -d120s -s "$deploy_dir/count.lua" "http://127.0.0.1:$fe_port/" >wrk.out 2>&1 &
  wrk_pid=$!
  sleep 1
}

stop_witnesses() {
  sleep 0.5
  touch stop-client
  kill -INT "$wrk_pid" 2>/dev/null
  wait "$client_pid" "$wrk_pid" 2>/dev/null
  client_pid='' wrk_pid=''
}

# No failed request from either witness; the client saw exactly FLIPS changes of version.
expect_no_failures() {
  grep -q "Socket errors\|Non-2xx" wrk.out && { cat wrk.out >&2; fail "wrk saw failed requests"; }
  grep -q "requests in" wrk.out || { cat wrk.out >&2; fail "wrk reported nothing"; }
  grep -q " error \| [^2][0-9][0-9] " client.log && { grep " error \| [^2][0-9][0-9] " client.log | head >&2; fail "the client saw failed requests"; }
  [[ $(wc -l <client.log) -gt 20 ]] || fail "the client made too few requests ($(wc -l <client.log))"
}
version_flips() { awk '{print $3}' client.log | uniq | wc -l | awk '{print $1 - 1}'; }
