# HTTP targets: a scenario file's requests (method, path joined to the
# target, headers, body, expected status) against a small HTTP/1.1 server
# that counts the TCP connections it accepted: 4 VUs sending hundreds of
# requests open a handful of connections (keep-alive). A wrong status counts as an
# error and fails `rate(errors) < 0.01` (exit 1). With fewer file
# descriptors than VUs the run warns, counts errors and still ends.
# `--target URL` points a built-in scenario at the service. No stack needed.
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/loadtest_lib.sh"
TEST_DB=none ADMIN_URL=""
drop_database() { :; }
command -v python3 >/dev/null || { echo "SKIPPED: python3 is missing" >&2; exit 77; }
cat >server.py <<'PY'
import http.server, sys, threading
connections = 0
lock = threading.Lock()
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def setup(self):
        global connections
        with lock:
            connections += 1
        super().setup()
    def reply(self, status, body=b"ok"):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        if self.path == "/connections":
            return self.reply(200, str(connections).encode())
        self.reply(200 if self.path == "/health" else 404)
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        ok = self.headers.get("X-Token") == "t0k3n" and body == b'{"a":1}'
        self.reply(201 if ok else 400)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
trap stop_private EXIT
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  python3 server.py "$port" 2>>server.log &
  private_pids+=($!)
  started $! "$port" && break
  ((attempt < 5)) || fail "the test server did not start: $(tail -3 server.log)"
done

cat >http.yaml <<YAML
name: http-mix
target: http://127.0.0.1:$port
executor:
  type: constant-vus
  vus: 4
  duration: 2s
requests:
  - kind: http
    name: health
    url: /health
    weight: 3
  - kind: http
    name: create
    method: POST
    url: /items
    headers:
      X-Token: t0k3n
      Content-Type: application/json
    body: '{"a":1}'
    expect_status: 201
    tags:
      api: write
thresholds:
  - rate(errors) < 0.01
  - latency{kind:health} p(95) < 1s
YAML
run http loadtest run http.yaml --format json
expect_status 0 http
[[ $(json http.out '.tags["kind:health"].requests') -gt 50 ]] || fail "too few health requests"
[[ $(json http.out '.tags["kind:create"].requests') -gt 10 ]] || fail "too few create requests"
[[ $(json http.out '.tags["api:write"].requests') == $(json http.out '.tags["kind:create"].requests') ]] || fail "user tag"
expect_eq "$(json http.out '.tags.all.errors')" 0 "errors"
connections=$(python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]).read().decode())" \
  "http://127.0.0.1:$port/connections")
# Without keep-alive every request would open one; with it a handful serve
# them all (4 VUs, curl's shared connection cache, this query's own).
requests=$(json http.out '.tags.all.requests')
[[ $requests -gt 100 && $connections -le 10 ]] || fail "$connections TCP connections for $requests requests: no keep-alive"

cat >wrong.yaml <<YAML
target: http://127.0.0.1:$port
executor: {type: constant-vus, vus: 2, duration: 1s}
requests:
  - kind: http
    url: /missing
thresholds:
  - rate(errors) < 0.01
YAML
run wrong loadtest run wrong.yaml
expect_status 1 wrong
grep -qE '^rate\(errors\) < 0\.01 +1\.000 +FAILED$' wrong.out || { cat wrong.out >&2; fail "threshold line"; }
expect_in wrong.err "status 404, expected 200"

# Fewer file descriptors than VUs: a warning, requests that get no socket
# fail, and the run still ends by itself (it used to spin in libuv's timer
# phase forever once every request failed at once).
# Release build only: the sanitizers need a free file descriptor themselves.
# UBSan's vptr check tests whether memory is readable through a pipe, so with
# every descriptor in use it reports valid objects as "invalid vptr" (a
# 12-line program with one virtual call after using up its descriptors gets
# the same report), and LeakSanitizer cannot read /proc at exit.
if LC_ALL=C grep -qa -e '__asan_init' -e '__ubsan_handle' "$dharma"; then
  echo "NOTE: the fewer-file-descriptors case runs in the Release build only (the sanitizers need free descriptors)" >&2
else
cat >few_files.yaml <<YAML
target: http://127.0.0.1:$port
executor: {type: constant-vus, vus: 200, duration: 1s}
requests:
  - kind: http
    url: /health
timeout: 5s
thresholds:
  - rate(errors) < 0.01
YAML
timeout 60 bash -c 'ulimit -n 64 && exec "$0" "$@"' "$dharma" loadtest run few_files.yaml >few_files.out 2>few_files.err
status=$?
expect_status 1 few_files
expect_in few_files.err "dharma: warning: the open-file limit is 64 (hard limit 64), below the 456 that 200 VUs need"
grep -qE '^rate\(errors\) < 0\.01 +[0-9.]+ +FAILED$' few_files.out || { cat few_files.out >&2; fail "threshold line"; }
fi

run builtin loadtest baseline --target "http://127.0.0.1:$port/health" --vus 3 --duration 2s --format json
expect_status 0 builtin
[[ $(json builtin.out '.tags.all.requests') -gt 0 ]] || fail "no requests"
expect_eq "$(json builtin.out '.target')" "http://127.0.0.1:$port/health" "target"
echo "ok"
