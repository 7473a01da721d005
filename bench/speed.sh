#!/usr/bin/env bash
# Side by side, in one run: two dharma binaries (before / after a change) on
# `blueprint validate`, `generate --target terraform`, `guard` and `cost` of
# generated AWS blueprints (bench/gen_blueprint.py), alternating which goes
# first each round. Prints the median CPU time (user + sys), wall time and
# peak RSS of each, and the before/after ratio of CPU time
# (docs/PERFORMANCE.md, "YAML event source").
#
#   bench/speed.sh BEFORE AFTER [ROUNDS] [SIZES]     (default 5 rounds, "1000 10000")
#
# Keep a copy of the old binary (cp build/cli/dharma /tmp/dharma-before)
# before rebuilding. Nothing here is pass/fail.
#
#   bench/speed.sh --count DHARMA [--record]   instruction counts against
#       bench/speed_counts.txt; exits 1 when one grew > 20 % (bench/speed_count.sh)
#   bench/speed.sh --linear DHARMA [ROUNDS]    CPU per resource at 1,000 to
#       20,000 resources, flat within +-20 %? (bench/linearity.py; fresh memory
#       made hot before each run, --prewarm-mb 0 for none; 40 rounds by default)
#
# Every row of issue 17's table (these four, start-up, the Kubernetes layouts
# against kubectl kustomize, peak memory) in one run: bench/speed_rows.py
# BEFORE AFTER.
set -euo pipefail
case ${1:-} in
  --count) exec "$(dirname "$0")/speed_count.sh" "${@:2}" ;;
  --linear) exec python3 "$(dirname "$0")/linearity.py" "${@:2}" ;;
esac
before=$(realpath "$1") after=$(realpath "$2") rounds=${3:-5} sizes=${4:-1000 10000}
here=$(cd "$(dirname "$0")" && pwd)
export DHARMA_HOME=${DHARMA_HOME:-$(cd "$here/.." && pwd)} NO_COLOR=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# one BINARY ARGS... -> "cpu_ms wall_ms rss_kb" of one run (exit 0 or 1 both count: guard finds things)
one() {
  local status=0
  /usr/bin/time -f '%U %S %e %M' -o "$work/time" "$@" >/dev/null 2>&1 || status=$?
  ((status <= 1)) || { echo "failed ($status): $*" >&2; exit 1; }
  awk '{printf "%d %d %d\n", ($1 + $2) * 1000, $3 * 1000, $4}' "$work/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds, medians"
printf '%-10s %-9s | %8s %8s %7s | %8s %8s %7s | %9s\n' command resources \
  "cpu ms" "wall ms" "RSS MB" "cpu ms" "wall ms" "RSS MB" "cpu b/a"
printf '%-10s %-9s | %-25s | %-25s |\n' "" "" "before" "after"
for n in $sizes; do
  python3 "$here/gen_blueprint.py" "$n" >"$work/bp.yaml"
  for command in validate generate guard cost; do
    case $command in
      validate) args=(blueprint validate "$work/bp.yaml") ;;
      generate) args=(generate "$work/bp.yaml" --target terraform --out "$work/out") ;;
      guard) args=(guard "$work/bp.yaml") ;;
      cost) args=(cost "$work/bp.yaml") ;;
    esac
    : >"$work/b"; : >"$work/a"
    for ((r = 0; r < rounds; r++)); do
      if ((r % 2 == 0)); then
        one "$before" "${args[@]}" >>"$work/b"; one "$after" "${args[@]}" >>"$work/a"
      else
        one "$after" "${args[@]}" >>"$work/a"; one "$before" "${args[@]}" >>"$work/b"
      fi
    done
    read -r bc bw br < <(echo "$(cut -d' ' -f1 "$work/b" | median) $(cut -d' ' -f2 "$work/b" | median) $(cut -d' ' -f3 "$work/b" | median)")
    read -r ac aw ar < <(echo "$(cut -d' ' -f1 "$work/a" | median) $(cut -d' ' -f2 "$work/a" | median) $(cut -d' ' -f3 "$work/a" | median)")
    printf '%-10s %-9s | %8d %8d %7d | %8d %8d %7d | %9s\n' "$command" "$n" "$bc" "$bw" $((br / 1024)) \
      "$ac" "$aw" $((ar / 1024)) "$(awk -v b="$bc" -v a="$ac" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')"
  done
done
