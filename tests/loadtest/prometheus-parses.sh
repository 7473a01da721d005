#!/usr/bin/env bash
# `--prometheus FILE` is valid text exposition: the Prometheus project's
# parser (python3-prometheus-client) reads every family back with the
# figures of the JSON report, and strict line checks hold (HELP and TYPE once
# per family before its samples, valid names, escaped label values, one
# sample per label set). usage: prometheus-parses.sh DHARMA TEST_DIR SCRATCH
set -u
dharma=$1 here=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
python=/usr/bin/python3
if ! "$python" -c "import prometheus_client.parser" 2>/dev/null; then
  if [[ ${DHARMA_TEST_STRICT:-} == 1 ]]; then
    fail "python3-prometheus-client is not installed (scripts/bootstrap --test installs it)"
  fi
  echo "SKIPPED: python3-prometheus-client is not installed; run scripts/bootstrap --test"
  exit 77
fi
# A scenario name holding a quote, a backslash and a newline must come out escaped.
python3 "$here/make_report.py" run.json --seed 5 --seconds 4 --rate 100 --errors-every 50 \
  --scenario $'odd "name"\\ with\nnewline' --threshold 'p(95) < 10ms:3.2:true' \
  --threshold 'rate(errors) < 0.01:0.02:false' || fail "make_report.py"
"$dharma" loadtest report run.json --prometheus run.prom --format json >run.out 2>run.err
status=$?
[[ $status == 1 ]] || fail "a failed threshold should exit 1, not $status: $(cat run.err)"
[[ -s run.prom ]] || fail "no exposition written"

"$python" - <<'PY' || fail "the exposition does not parse or does not match the report"
import json, re
from prometheus_client.parser import text_string_to_metric_families
text = open("run.prom").read()
report = json.load(open("run.out"))
families = {f.name: f for f in text_string_to_metric_families(text)}
def value(family, **labels):
    found = [s.value for f in families.values() for s in f.samples
             if s.name == family and all(s.labels.get(k) == v for k, v in labels.items())]
    assert len(found) == 1, (family, labels, found)
    return found[0]
scenario = 'odd "name"\\ with\nnewline'
all_tag = report["tags"]["all"]
assert value("dharma_loadtest_requests_total", tag="all", scenario=scenario) == all_tag["requests"] == 400
assert value("dharma_loadtest_errors_total", tag="all") == all_tag["errors"] == 8
assert families["dharma_loadtest_latency_seconds"].type == "summary"
assert abs(value("dharma_loadtest_latency_seconds", tag="all", quantile="0.95") - all_tag["summary"]["p95_us"] / 1e6) < 1e-12
assert value("dharma_loadtest_latency_seconds_count", tag="kind:pull") == report["tags"]["kind:pull"]["requests"]
assert value("dharma_loadtest_threshold_passed", threshold="rate(errors) < 0.01") == 0
assert value("dharma_loadtest_threshold_passed", threshold="p(95) < 10ms") == 1
assert value("dharma_loadtest_duration_seconds") == 4
assert value("dharma_loadtest_pgbouncer_cl_waiting_max") == 2

# Strict checks the parser does not make.
name = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
seen_type, seen_series, current = {}, set(), None
for line in text.splitlines():
    assert line == line.strip() and line, repr(line)
    if line.startswith("# HELP ") or line.startswith("# TYPE "):
        parts = line.split(" ", 3)
        assert name.match(parts[2]), line
        if parts[1] == "TYPE":
            assert parts[2] not in seen_type, "TYPE twice: " + line
            assert parts[3] in ("counter", "gauge", "summary", "histogram", "untyped"), line
            seen_type[parts[2]] = parts[3]
            current = parts[2]
        continue
    assert not line.startswith("#"), line
    m = re.match(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\} (\S+)$', line)
    assert m, "bad sample line: " + line
    metric = m.group(1)
    assert metric == current or metric in (current + "_sum", current + "_count"), (metric, current)
    assert (metric, m.group(2)) not in seen_series, "duplicate series: " + line
    seen_series.add((metric, m.group(2)))
    float(m.group(3).replace("+Inf", "inf"))
assert text.endswith("\n")
print(f"{len(families)} families, {len(seen_series)} series parse")
PY
echo "ok"
