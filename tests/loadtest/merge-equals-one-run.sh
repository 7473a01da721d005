#!/usr/bin/env bash
# `dharma loadtest merge A B` equals `dharma loadtest report ALL`, where ALL
# is one run over the samples of A and B (two machines whose runs overlap by
# three seconds); and its percentiles are within 1/128 of an exact sort of
# the samples. usage: merge-equals-one-run.sh DHARMA TEST_DIR SCRATCH
set -u
dharma=$1 here=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
make_report() { python3 "$here/make_report.py" "$@" || fail "make_report.py $*"; }

make_report a.json --seed 11 --start 1796190000 --seconds 6 --rate 300 --errors-every 101 --samples-out a.samples
make_report b.json --seed 12 --start 1796190003 --seconds 6 --rate 250 --latency-scale 3 --samples-out b.samples
make_report all.json --combine a.samples b.samples

"$dharma" loadtest merge a.json b.json --format json >merged.json 2>merge.err || fail "merge exited $?: $(cat merge.err)"
"$dharma" loadtest report all.json --format json >one.json 2>report.err || fail "report exited $?: $(cat report.err)"
"$dharma" loadtest merge a.json b.json >merged.txt 2>/dev/null || fail "merge --format text exited $?"
"$dharma" loadtest report all.json >one.txt 2>/dev/null || fail "report --format text exited $?"
diff -u one.txt merged.txt || fail "merged text summary differs from the one-run summary"

python3 - a.samples b.samples <<'PY' || fail "merged report differs from one run over all samples"
import json, math, sys
merged = json.load(open("merged.json"))
one = json.load(open("one.json"))
for key in ("started_at", "duration_ms", "counters", "tags"):
    if merged[key] != one[key]:
        sys.exit(f"{key} differs")
# Active VUs add up across machines (10 each; both ran seconds 3 to 5); the rest is the one run's.
assert [s.pop("active_vus") for s in merged["timeline"]] == [10, 10, 10, 20, 20, 20, 10, 10, 10]
for s in one["timeline"]:
    s.pop("active_vus")
if merged["timeline"] != one["timeline"]:
    sys.exit("timeline differs")
samples = []
for path in sys.argv[1:]:
    samples += json.load(open(path))
values = sorted(s["latency"] for s in samples)
summary = merged["tags"]["all"]["summary"]
assert summary["requests"] == len(values) == 3300, summary
assert summary["errors"] == sum(s["error"] for s in samples) > 0, summary
assert abs(summary["ops_per_second"] - 3300 / 9.0) < 1e-9, summary
for name, p in (("p50", 50), ("p90", 90), ("p95", 95), ("p99", 99), ("p99.9", 99.9)):
    exact = values[max(1, math.ceil(p / 100 * len(values))) - 1]
    got = summary[name + "_us"]
    assert abs(got - exact) <= exact / 128, (name, got, exact)
assert summary["max_us"] == values[-1] and summary["min_us"] == values[0], summary
print("merged == one run; percentiles within 1/128 of the exact sort")
PY
echo "ok"
