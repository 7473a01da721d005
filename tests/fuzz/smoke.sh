#!/usr/bin/env bash
# Fuzz smoke (TESTING.md): runs each libFuzzer target for SECONDS on a seed
# corpus built from examples/ and tests/cli/bad/, and fails on any crash,
# sanitizer report, broken property, timeout or out-of-memory.
#
#   scripts/build build-fuzz -DDHARMA_FUZZ=ON -DDHARMA_TESTS=OFF \
#       -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo
#   tests/fuzz/smoke.sh build-fuzz 60
#
# The corpus that grows while fuzzing stays in BUILD_DIR/fuzz/<target>/corpus
# (so later runs start further along); a crashing input is written to
# BUILD_DIR/fuzz/<target>/crash-* — reproduce it with `TARGET FILE`.
set -uo pipefail
if (($# != 2)) || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: tests/fuzz/smoke.sh BUILD_DIR SECONDS" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd) || exit 2
seconds=$2

# Seeds: whole files for the loader; every scalar holding "${" for the
# expression parser (one file each), plus a few hand-written edge cases.
seed_blueprints() {
  local out=$1
  mkdir -p "$out"
  cp "$root"/examples/*.yaml "$root"/templates/init/*.yaml "$out"/
  for f in "$root"/tests/cli/bad/*.yaml "$root"/tests/cli/cases/*/*.yaml; do
    local size; size=$(stat -c %s "$f")
    ((size < 65536)) && cp "$f" "$out/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
}
seed_expressions() {
  local out=$1 n=0
  mkdir -p "$out"
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" >"$out/expr-$n"
  done < <(grep -ho '"\?[^"]*\${[^}]*}[^"]*"\?' "$root"/examples/*.yaml "$root"/tests/cli/bad/*.yaml \
             "$root"/tests/cli/cases/*/*.yaml | sed 's/^"//; s/"$//' | sort -u)
  printf '%s' 'web-${lower(format("%s-%d", param.name, param.count))}' >"$out/hand-1"
  printf '%s' '${join(",", concat(param.zones, ["c"]))}' >"$out/hand-2"
  printf '%s' '$${literal} ${web[1].id} ${web[*].private_ip} ${env}' >"$out/hand-3"
  printf '%s' '${default(replace(trimspace(param.name), " ", "-"), "x")} ${length(param.labels)}' >"$out/hand-4"
}

# Seeds for the state reader: the drift tests' state files and Kubernetes lists.
seed_states() {
  local out=$1
  mkdir -p "$out"
  for f in "$root"/tests/drift/states/* "$root"/tests/drift/*/*.json; do
    [[ -f $f ]] || continue
    local size; size=$(stat -c %s "$f")
    ((size < 65536)) && cp "$f" "$out/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  printf '%s' '{"a": "\ud83d\ude00", "b": [1, -2, 3.5e-400, 18446744073709551616], "a": null}' >"$out/hand-1"
}

status=0
for target in fuzz_blueprint fuzz_expression fuzz_yaml_fast fuzz_state_reader; do
  binary=$build/tests/fuzz/$target
  if [[ ! -x $binary ]]; then
    echo "fuzz smoke: $binary is missing (build with -DDHARMA_FUZZ=ON)" >&2
    status=1
    continue
  fi
  work=$build/fuzz/$target
  mkdir -p "$work/corpus"
  rm -rf "$work/seeds"
  if [[ $target == fuzz_expression ]]; then
    seed_expressions "$work/seeds"
  elif [[ $target == fuzz_state_reader ]]; then
    seed_states "$work/seeds"
  else
    seed_blueprints "$work/seeds"
  fi
  echo "==> $target for ${seconds}s ($(ls "$work/seeds" | wc -l) seeds, $(ls "$work/corpus" | wc -l) in corpus)"
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$work/seeds" >"$work/log" 2>&1
  result=$?
  grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$work/log" | sed 's/^/    /'
  if ((result != 0)); then
    echo "fuzz smoke: $target FAILED (exit $result); log: $work/log" >&2
    grep -E "ERROR|SUMMARY|fuzz_(blueprint|expression|yaml_fast|state_reader):|Test unit written" "$work/log" | head -20 >&2
    status=1
  fi
done
((status == 0)) && echo "fuzz smoke: no crash"
exit "$status"
