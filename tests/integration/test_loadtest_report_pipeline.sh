# The report side end to end on real runs: two short baseline runs against
# the stack (the engine's `loadtest baseline --format json`), each read by
# `loadtest report` with --out, --prometheus, --store and --compare last;
# then `loadtest merge` of both. Skips (77) where the engine's command is
# not built in (a branch without it).
source "$(dirname "$0")/lib.sh"
new_database ltpipeline
run migrate db migrate
expect_status 0 migrate
export DHARMA_ACTOR=tester
"$dharma" loadtest --help 2>/dev/null | grep -q "^ *baseline" || { echo "SKIPPED: this dharma has no loadtest baseline" >&2; exit 77; }
run prepare loadtest prepare --tenants 2
expect_status 0 prepare
run tenant tenant create reports --name Reports
expect_status 0 tenant

for n in 1 2; do
  run "run$n" loadtest baseline --vus 4 --duration 3s --tenants 2 --format json
  expect_status 0 "run$n"
  cp "run$n.out" "run$n.json"
done
python3 - <<'PY' || fail "the engine's reports"
import json
for n in (1, 2):
    d = json.load(open(f"run{n}.json"))
    assert d["format"] == "dharma-loadtest-report/1" and d["tags"]["all"]["requests"] > 0, d["tags"]["all"]
PY

run first loadtest report run1.json --tenant reports --store --compare last --out run1.html --prometheus run1.prom
expect_status 0 first
expect_in first.err "nothing to compare with"
expect_in first.out "scenario baseline against store"
expect_in run1.html "<svg"
expect_in run1.prom 'dharma_loadtest_requests_total{scenario="baseline",target="store",tag="all"}'
run second loadtest report run2.json --tenant reports --store --compare last --format json
expect_status 0 second
python3 - <<'PY' || fail "second run against the first"
import json
d = json.load(open("second.out"))
one = json.load(open("run1.json"))
c = d["comparison"]
assert c["previous_started_at"] == one["started_at"], c
figures = {(f["tag"], f["figure"]) for f in c["figures"]}
assert ("all", "p95") in figures and ("kind:pull", "ops/s") in figures, figures
PY
run runs loadtest runs --tenant reports --format json
expect_status 0 runs
expect_eq "$(python3 -c 'import json; print(len(json.load(open("runs.out"))))')" 2 "stored runs"

run merged loadtest merge run1.json run2.json --format json
expect_status 0 merged
python3 - <<'PY' || fail "merge of the two runs"
import json
m = json.load(open("merged.out"))
runs = [json.load(open(f"run{n}.json")) for n in (1, 2)]
assert m["tags"]["all"]["requests"] == sum(r["tags"]["all"]["requests"] for r in runs)
assert m["tags"]["all"]["latency_us"]["max"] == max(r["tags"]["all"]["latency_us"]["max"] for r in runs)
PY
run cleanup loadtest prepare --cleanup
expect_status 0 cleanup
echo "ok"
