#!/usr/bin/env python3
"""The test service of the deploy tests: serves `/` with its version and
colour, and `/health` with 200 — or 503 while DIR/unhealthy-VERSION exists,
or once it has served a request to `/` while DIR/fail-after-traffic-VERSION
exists (health that breaks only after the switch sends it traffic); `/`
answers 500 while DIR/errors-VERSION exists.
HTTP/1.1 keep-alive, one thread per connection, loopback only."""
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, version, colour, state_dir = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
served = {"traffic": 0}
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/health":
            unhealthy = os.path.exists(os.path.join(state_dir, "unhealthy-" + version))
            with lock:
                traffic = served["traffic"]
            if traffic > 0 and os.path.exists(os.path.join(state_dir, "fail-after-traffic-" + version)):
                unhealthy = True
            status, body = (503, b"unhealthy\n") if unhealthy else (200, b"ok\n")
        else:
            with lock:
                served["traffic"] += 1
            status, body = 200, ("version %s colour %s\n" % (version, colour)).encode()
            if os.path.exists(os.path.join(state_dir, "errors-" + version)):
                status = 500
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
server.serve_forever()
