#!/usr/bin/env python3
"""A witness independent of dharma: GET / over one keep-alive connection in a
loop until STOPFILE exists (at most 300 s), writing one line per answer to
OUT: "<unix time ns> <status> <version>", or "<unix time ns> error <why>"
when a request fails (then it reconnects)."""
import http.client
import os
import sys
import time

host, port, out_path, stop_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
deadline = time.monotonic() + 300
connection = None
with open(out_path, "w", buffering=1) as out:
    while not os.path.exists(stop_file) and time.monotonic() < deadline:
        try:
            if connection is None:
                connection = http.client.HTTPConnection(host, port, timeout=5)
            connection.request("GET", "/")
            response = connection.getresponse()
            body = response.read().decode()
            version = body.split()[1] if body.startswith("version ") else "-"
            out.write("%d %d %s\n" % (time.time_ns(), response.status, version))
        except Exception as error:  # noqa: BLE001 - every failure is recorded
            out.write("%d error %s\n" % (time.time_ns(), type(error).__name__))
            if connection is not None:
                connection.close()
            connection = None
            time.sleep(0.01)
        time.sleep(0.002)
