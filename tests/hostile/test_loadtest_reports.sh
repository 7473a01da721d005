# Hostile load-test reports given to `loadtest report` and `loadtest merge`:
# JSON nested a million levels, counts and seconds at the edge of 64 bits,
# control bytes in names, and an --out that cannot be written. Each is exit
# 2 (or 3 for the output) with a message, never a crash, and a failed
# command leaves the previous output file untouched.
source "$(dirname "$0")/lib.sh"
generate() { python3 "$repo/tests/loadtest/make_report.py" "$@" || fail "make_report.py $*"; }
generate good.json --seconds 2 --rate 20

case_begin "JSON nested a million levels is exit 2, not a stack overflow"
python3 -c 'import sys; sys.stdout.write("[" * 1000000 + "]" * 1000000)' >deep.json
run deep loadtest report deep.json
expect_status 2 deep
expect_in deep.err "deep.json: error: not a load-test report"

case_begin "a count near 2^64 and seconds past the year 36812 are refused, not wrapped"
python3 - <<'PY'
import json
d = json.load(open("good.json"))
d["tags"]["all"]["requests"] = 2**64 - 1
json.dump(d, open("huge_count.json", "w"))
d = json.load(open("good.json"))
d["timeline"][0]["second"] = -2**63
json.dump(d, open("negative_second.json", "w"))
d = json.load(open("good.json"))
d["duration_ms"] = 2**63 - 1
json.dump(d, open("long_run.json", "w"))
d = json.load(open("good.json"))
d["timeline"][0]["active_vus"] = 2**62
json.dump(d, open("many_vus.json", "w"))
d = json.load(open("good.json"))
d["tags"]["all"]["latency_us"]["count"] = 2**64 + 5
json.dump(d, open("bigger_than_64_bits.json", "w"))
PY
run huge_count loadtest report huge_count.json
expect_status 2 huge_count
expect_in huge_count.err "at /tags/all/latency_us: the histogram does not hold one sample per request"
run negative_second loadtest merge negative_second.json good.json
expect_status 2 negative_second
expect_in negative_second.err "at /timeline/0/second: must be from 0 to 1099511627776, not -9223372036854775808"
run long_run loadtest report long_run.json
expect_status 2 long_run
expect_in long_run.err "at /duration_ms: must be from 0 to"
run many_vus loadtest merge many_vus.json many_vus.json
expect_status 2 many_vus
expect_in many_vus.err "at /timeline/0/active_vus: must be from 0 to 1000000000"
run bigger loadtest report bigger_than_64_bits.json
expect_status 2 bigger
expect_in bigger.err "bigger_than_64_bits.json: error: not a load-test report"

case_begin "control bytes in a scenario name are escaped on the terminal, exact in JSON"
python3 - <<'PY'
import json
d = json.load(open("good.json"))
d["scenario"] = "evil\x1b]0;pwned\x07\x1b[2J"
d["tags"]["kind:\x1b[31mred"] = d["tags"].pop("kind:pull")
json.dump(d, open("control.json", "w"))
PY
run control loadtest report control.json
expect_status 0 control
expect_no_control_bytes control.out
expect_in control.out 'scenario evil\x1b]0;pwned\x07\x1b[2J against store'
run control_json loadtest report control.json --format json
expect_status 0 control_json
python3 -c 'import json; d = json.load(open("control_json.out")); assert d["scenario"] == "evil\x1b]0;pwned\x07\x1b[2J"' ||
  fail "JSON does not keep the exact name"

case_begin "an --out or --prometheus that cannot be written is exit 3 and keeps the old file"
echo "previous page" >page.html
chmod a-w .
run readonly loadtest report good.json --out page.html --prometheus metrics.prom
chmod u+w .
if [[ $(id -u) != 0 ]]; then
  expect_status 3 readonly
  [[ $(cat page.html) == "previous page" ]] || fail "the previous page was replaced"
fi
run missing_dir loadtest report good.json --out no/such/dir/page.html
expect_status 3 missing_dir
expect_in missing_dir.err "cannot write no/such/dir/"
echo "ok"
