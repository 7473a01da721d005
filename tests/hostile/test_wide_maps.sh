#!/usr/bin/env bash
# Wide maps: one blueprint map of 40,000 keys (metadata.labels) and one
# resource with 40,000 tags. Three passes were quadratic in a map's width —
# the loader's duplicate-key check, merging a resource's tags over the
# labels for rendering, and again for guard — so a 2 MB file kept
# `generate` and `guard` busy for minutes. Each command must finish with its
# normal result; the limit below (`timeout 120`) only turns such a hang into
# a failure: the work takes about a second. Also: a duplicate key far into
# a wide map is still reported against its first line.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

python3 - "$repo" <<'PY' >wide.yaml || fail "generating the blueprint"
import subprocess, sys
text = subprocess.run([sys.executable, sys.argv[1] + "/bench/gen_blueprint.py", "6"],
                      capture_output=True, text=True, check=True).stdout
labels = "".join(f"    k{i}: v{i}\n" for i in range(40000))
tags = "".join(f"      t{i}: v{i}\n" for i in range(40000))
text = text.replace('  labels: {project: bench, environment: "${env}"}\n', "  labels:\n" + labels)
text = text.replace('    tags: {tier: web, index: "0"}\n', "    tags:\n" + tags)
sys.stdout.write(text)
PY
grep -q '^      t39999: v39999$' wide.yaml || fail "the generator did not write the wide tags"

run_bounded() {  # run_bounded NAME ARGS... — like run, killed after 120 s
  local name=$1; shift
  timeout 120 "$dharma" "$@" >"$name.out" 2>"$name.err" </dev/null
  status=$?
  ((status != 124)) || fail "$name: still running after 120 s (quadratic in a map's width?)"
  if ((status > 4 && status != 130)); then
    cat "$name.out" "$name.err" >&2
    fail "$name: exit $status (crash or internal error)"
  fi
}

case_begin "validate of a blueprint with 40,000 labels and 40,000 tags finishes"
run_bounded validate blueprint validate wide.yaml
expect_status 0 validate

case_begin "generate renders all 40,000 tags"
run_bounded generate generate wide.yaml --target terraform --out out
expect_status 0 generate
grep -q 't39999 *= "v39999"' out/terraform/main.tf || fail "main.tf lacks the last tag"

case_begin "guard evaluates the wide blueprint"
run_bounded guard guard wide.yaml --format json
((status == 0 || status == 1)) || fail "guard: exit $status"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' guard.out || fail "guard wrote no JSON"

case_begin "cost prices the wide blueprint"
run_bounded cost cost wide.yaml
expect_status 0 cost

case_begin "a duplicate key deep in a wide map names its first line"
sed 's/^    k39999: v39999$/    k39999: v39999\n    k7: again/' wide.yaml >duplicate.yaml
line=$(grep -n '^    k7: again$' duplicate.yaml | cut -d: -f1)
first=$(grep -n '^    k7: v7$' duplicate.yaml | cut -d: -f1)
run_bounded duplicate blueprint validate duplicate.yaml
expect_status 2 duplicate
expect_in duplicate.err "duplicate.yaml:$line:5: error: duplicate key 'k7' (first defined at line $first)"
echo "ok"
