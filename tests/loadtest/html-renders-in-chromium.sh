#!/usr/bin/env bash
# `--out report.html` renders in headless Chromium with every network request
# refused (so an external asset would be missing): the rendered DOM holds the
# summary figures the text output prints, the threshold table, a throughput
# and a latency line per second of the run, the histogram's bars adding up
# to the request count, and the server-signal charts; a screenshot comes out.
# usage: html-renders-in-chromium.sh DHARMA TEST_DIR SCRATCH
set -u
dharma=$1 here=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $browser ]]; then
  if [[ ${DHARMA_TEST_STRICT:-} == 1 ]]; then
    fail "chromium is not installed (scripts/bootstrap --test installs it)"
  fi
  echo "SKIPPED: chromium is not installed; run scripts/bootstrap --test to run this test"
  exit 77
fi
python3 "$here/make_report.py" run.json --seed 9 --seconds 8 --rate 150 --errors-every 70 \
  --scenario '<script>alert(1)</script>' --threshold 'p(95) < 10ms:3.9:true' \
  --threshold 'pgbouncer.cl_waiting max < 1:2:false' || fail "make_report.py"
"$dharma" loadtest report run.json --out report.html >summary.txt 2>report.err
[[ $? == 1 ]] || fail "a failed threshold should exit 1: $(cat report.err)"
grep -q "http" <(grep -o 'src="[^"]*"\|href="[^"]*"' report.html) && fail "the page loads an external asset"
python3 -c 'import xml.dom.minidom; xml.dom.minidom.parse("report.html")' || fail "the page is not well-formed markup"

chrome=("$browser" --headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions
        --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$scratch/profile")
timeout 120 "${chrome[@]}" --dump-dom "file://$scratch/report.html" >dom.html 2>chromium.log ||
  fail "chromium --dump-dom failed (see $scratch/chromium.log)"

python3 - <<'PY' || fail "the rendered page does not show the report (see $scratch/dom.html)"
import html.parser, json, re
dom = open("dom.html").read()
report = json.load(open("run.json"))
summary = open("summary.txt").read()

class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements, self.rows, self.cells, self.in_cell = [], {}, None, False
        self.scripts = 0
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "script":
            self.scripts += 1
        if tag == "tr":
            self.cells = []
            self.row_key = attrs.get("data-tag") or attrs.get("data-passed")
        if tag in ("td", "th") and self.cells is not None:
            self.in_cell = True
            self.cells.append("")
    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.in_cell = False
        if tag == "tr" and self.cells is not None:
            self.rows.setdefault(self.cells[0], self.cells)
            self.cells = None
    def handle_data(self, data):
        if self.in_cell and self.cells:
            self.cells[-1] += data

page = Page()
page.feed(dom)
assert page.scripts == 0, "the scenario name became a script"
assert "<h1>Load test: &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in dom, "the scenario name is not shown escaped"
# Every summary row holds the figures the text summary prints for that tag.
for line in summary.splitlines():
    fields = line.split()
    if fields and fields[0] in ("all", "kind:pull", "kind:push"):
        row = page.rows[fields[0]]
        requests, errors, ops, mean, *latencies = fields[1:]
        assert row[1] == requests and row[2] == errors and row[4] == ops and row[5] == mean, (row, fields)
        assert row[6:] == latencies, (row[6:], latencies)
assert page.rows["all"][1] == str(report["tags"]["all"]["requests"]) == "1200"
# Thresholds with their observed values and results.
assert page.rows["p(95) < 10ms"][1:] == ["3.900", "passed"], page.rows["p(95) < 10ms"]
assert page.rows["pgbouncer.cl_waiting max < 1"][1:] == ["2.000", "failed"]

def svg(id_):
    found = [a for t, a in page.elements if t == "svg" and a.get("id") == id_]
    assert len(found) == 1, id_
    return found[0]
def polylines():
    return {a["data-series"]: a for t, a in page.elements if t == "polyline"}
for chart in ("throughput", "latency", "vus", "histogram", "pgbouncer", "redis", "postgres"):
    svg(chart)
lines = polylines()
assert lines["ops/s"]["data-points"] == "8" and float(lines["ops/s"]["data-max"]) == 150, lines["ops/s"]
assert len(lines["ops/s"]["points"].split()) == 8
for name in ("p50", "p95", "p99"):
    assert lines[name]["data-points"] == "8", name
assert float(lines["cl_waiting"]["data-max"]) == 2
bars = [a for t, a in page.elements if t == "rect" and "data-count" in a]
assert sum(float(a["data-count"]) for a in bars) == 1200, "histogram bars do not add up to the requests"
assert dom.count("Aborted") == 0
print("page shows the summary, thresholds, 7 charts and", len(bars), "histogram bars")
PY

timeout 120 "${chrome[@]}" --window-size=1280,2400 --screenshot="$scratch/report.png" "file://$scratch/report.html" \
  >>chromium.log 2>&1 || fail "chromium --screenshot failed (see $scratch/chromium.log)"
[[ $(head -c 8 report.png | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "screenshot is not a PNG"
(( $(stat -c %s report.png) > 20000 )) || fail "screenshot is suspiciously small (blank page?)"
echo "ok: rendered in chromium; screenshot $scratch/report.png"
