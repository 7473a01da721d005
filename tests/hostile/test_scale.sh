#!/usr/bin/env bash
# A large blueprint (issue 15, "Scale"): `blueprint graph` and `generate` on
# 20,000 resources finish and stay within a memory bound proportional to the
# input (64 bytes of peak RSS per byte of YAML; generate held every rendered
# file and the model of all of main.tf at once, 89 bytes per byte). No time
# is asserted: the machine running the tests may be loaded. Skipped under
# sanitizers, whose shadow memory makes RSS meaningless.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if LC_ALL=C grep -qa -e '__asan_init' -e '__ubsan_handle' "$dharma"; then
  echo "SKIPPED: sanitizer build" >&2
  exit 77
fi
[[ -x /usr/bin/time ]] || { echo "SKIPPED: /usr/bin/time is missing" >&2; exit 77; }

python3 "$repo/bench/gen_blueprint.py" 20000 >large.yaml || fail "generating the blueprint"
input=$(stat -c %s large.yaml)
bound_kb=$((input * 64 / 1024))

# peak_kb NAME : peak RSS in KiB recorded by /usr/bin/time for run NAME
peak_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1.time"; }

case_begin "graph of 20,000 resources stays within 64x the input in memory"
/usr/bin/time -v -o graph.time "$dharma" blueprint graph large.yaml >graph.out 2>graph.err
status=$?
expect_status 0 graph
expect_in graph.out "20000 resources in"
(($(peak_kb graph) < bound_kb)) || fail "graph peaked at $(peak_kb graph) KiB, bound $bound_kb KiB"

case_begin "generate of 20,000 resources stays within 64x the input in memory"
/usr/bin/time -v -o generate.time "$dharma" generate large.yaml --target all --out out >generate.out 2>generate.err
status=$?
expect_status 0 generate
expect_in generate.out "wrote out/terraform/ (5 files)"
(($(peak_kb generate) < bound_kb)) || fail "generate peaked at $(peak_kb generate) KiB, bound $bound_kb KiB"
echo "ok"
