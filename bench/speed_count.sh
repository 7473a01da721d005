#!/usr/bin/env bash
# Regression guard for issue 17 that counts work instead of timing it, so a
# noisy, shared machine cannot fool it: the instructions each of
# `blueprint validate`, `generate --target terraform`, `guard` and `cost`
# executes on generated AWS blueprints (bench/gen_blueprint.py), against the
# baseline in bench/speed_counts.txt. Exits 1 when any count grew by more than
# 20 % (this fails the bench, not the test suite: ctest never runs it).
#
#   bench/speed_count.sh DHARMA             compare with the baseline
#   bench/speed_count.sh DHARMA --record    write the baseline (after a deliberate change)
#
# Counter: `perf stat -e instructions:u` where the CPU exposes it; otherwise
# (virtual machines often do not) valgrind's callgrind, which counts the same
# thing by simulation, about 50x slower. Counts of the two differ slightly, so
# the baseline records which one made it and a comparison needs the same one.
# Also reachable as `bench/speed.sh --count DHARMA [--record]`.
set -euo pipefail
dharma=$(realpath "$1")
record=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
baseline=$here/speed_counts.txt
sizes=(50 2000)
limit=1.20
export DHARMA_HOME=${DHARMA_HOME:-$(cd "$here/.." && pwd)} NO_COLOR=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if perf stat -x, -e instructions:u true 2>&1 >/dev/null | grep -q '^[0-9]'; then
  counter=perf
elif command -v valgrind >/dev/null; then
  counter=callgrind
else
  echo "speed_count: neither perf with an instruction counter nor valgrind is available" >&2
  exit 2
fi

# count ARGS... -> instructions of one run of dharma (exit 0 or 1 both count: guard finds things)
count() {
  local status=0
  if [[ $counter == perf ]]; then
    perf stat -x, -e instructions:u -o "$work/count" "$dharma" "$@" >/dev/null 2>&1 || status=$?
    ((status <= 1)) || { echo "failed ($status): dharma $*" >&2; exit 2; }
    awk -F, '/instructions/ {print $1}' "$work/count"
  else
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$dharma" "$@" >/dev/null 2>"$work/count" ||
      status=$?
    ((status <= 1)) || { echo "failed ($status): dharma $*" >&2; exit 2; }
    awk '/Collected :/ {print $NF}' "$work/count"
  fi
}

: >"$work/now"
for n in "${sizes[@]}"; do
  python3 "$here/gen_blueprint.py" "$n" >"$work/bp.yaml"
  for command in validate generate guard cost; do
    case $command in
      validate) args=(blueprint validate "$work/bp.yaml") ;;
      generate) args=(generate "$work/bp.yaml" --target terraform --out "$work/out") ;;
      guard) args=(guard "$work/bp.yaml") ;;
      cost) args=(cost "$work/bp.yaml") ;;
    esac
    echo "$counter $command $n $(count "${args[@]}")" >>"$work/now"
  done
done

if [[ $record == --record ]]; then
  {
    echo "# counter command resources instructions (bench/speed_count.sh DHARMA --record)"
    cat "$work/now"
  } >"$baseline"
  cat "$work/now"
  echo "recorded $baseline"
  exit 0
fi
[[ -f $baseline ]] || { echo "no baseline $baseline: run with --record first" >&2; exit 2; }

failed=0
printf '%-9s %-9s %-9s %15s %15s %7s\n' counter command resources baseline now ratio
while read -r method command n now; do
  old=$(awk -v m="$method" -v c="$command" -v n="$n" '$1 == m && $2 == c && $3 == n {print $4}' "$baseline")
  if [[ -z $old ]]; then
    echo "no baseline for $method $command $n (recorded with another counter? run --record)" >&2
    failed=2
    continue
  fi
  ratio=$(awk -v a="$now" -v b="$old" 'BEGIN { printf "%.3f", a / b }')
  verdict=ok
  if awk -v r="$ratio" -v l="$limit" 'BEGIN { exit !(r > l) }'; then
    verdict="GREW more than 20 %"
    ((failed == 2)) || failed=1
  fi
  printf '%-9s %-9s %-9s %15s %15s %7s %s\n' "$method" "$command" "$n" "$old" "$now" "$ratio" "$verdict"
done <"$work/now"
exit "$failed"
