#!/usr/bin/env bash
# Benchmarks `dharma blueprint validate` (docs/PERFORMANCE.md, "blueprint").
#
#   bench/blueprint.sh [BUILD_DIR]      (default build/, a Release build)
#
# 1. A typical 50-resource blueprint, whole process, with hyperfine: dharma
#    beside two programs that only parse the same file (yq and Python's
#    libyaml-backed yaml.CSafeLoader), so the ratios hold on any machine.
# 2. Generated blueprints of 1,000 / 10,000 / 50,000 resources through
#    validate (parse + read + resolve + schema + graph): wall and CPU time and
#    peak RSS from /usr/bin/time -v, beside python's parse of the same file,
#    and the growth ratios between sizes (linear growth gives ~10x and ~5x).
# Nothing here is pass/fail; numbers go to docs/PERFORMANCE.md by hand.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
dharma=$build/cli/dharma
[[ -x $dharma ]] || { echo "no $dharma: build first (scripts/build)" >&2; exit 2; }
export DHARMA_HOME=$root NO_COLOR=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Parse only, with PyYAML's libyaml (C) loader: the floor for reading the file.
printf '%s\n' 'import sys, yaml' 'yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)' >"$work/parse.py"

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)"
echo "== dharma: $("$dharma" --version)"

python3 "$root/bench/gen_blueprint.py" 50 >"$work/b50.yaml"
"$dharma" blueprint validate "$work/b50.yaml" >/dev/null
echo
echo "== 1. validate a 50-resource blueprint, whole process (hyperfine)"
hyperfine --warmup 3 --min-runs 20 --style basic --export-json "$work/h50.json" \
  -n dharma-validate "$dharma blueprint validate $work/b50.yaml" \
  -n yq-parse "yq . $work/b50.yaml" \
  -n python-libyaml-parse "python3 $work/parse.py $work/b50.yaml" >/dev/null
python3 - "$work/h50.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]["mean"]
for r in results:
    cpu = (r["user"] + r["system"]) * 1000
    print(f"  {r['command']:<22} wall mean {r['mean'] * 1000:7.1f} ms ± {r['stddev'] * 1000:5.1f}, "
          f"min {r['min'] * 1000:6.1f} ms; cpu (user+sys) mean {cpu:6.1f} ms; "
          f"wall ratio to dharma {r['mean'] / base:5.2f}")
PY

echo
echo "== 2. validate N resources: time and peak memory (/usr/bin/time -v)"
measure() {  # measure NAME COMMAND... -> "wall cpu rss_mb"
  local log=$work/time.log
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  local wall user sys rss
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{print ($1 * 60) + $2}')
  user=$(grep "User time" "$log" | awk '{print $NF}')
  sys=$(grep "System time" "$log" | awk '{print $NF}')
  rss=$(grep "Maximum resident" "$log" | awk '{print $NF}')
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $((rss / 1024))"
}
printf '  %-8s %9s %10s %9s %8s   %s\n' resources "file MB" "wall s" "cpu s" "RSS MB" "python parse cpu s (ratio dharma/python)"
prev_cpu=""
declare -A cpu_of
for n in 1000 10000 50000; do
  python3 "$root/bench/gen_blueprint.py" "$n" >"$work/b$n.yaml"
  size=$(awk -v b="$(stat -c %s "$work/b$n.yaml")" 'BEGIN { printf "%.1f", b / 1048576 }')
  read -r wall cpu rss < <(measure "$dharma" blueprint validate "$work/b$n.yaml")
  read -r _ pcpu _ < <(measure python3 "$work/parse.py" "$work/b$n.yaml")
  cpu_of[$n]=$cpu
  printf '  %-8s %9s %10s %9s %8s   %s (%s)\n' "$n" "$size" "$wall" "$cpu" "$rss" "$pcpu" \
    "$(awk -v a="$cpu" -v b="$pcpu" 'BEGIN { printf "%.2f", a / b }')"
done
echo
growth() { awk -v a="$1" -v b="$2" 'BEGIN { printf "x%.1f", b / a }'; }
echo "  growth (cpu): 1,000 -> 10,000: $(growth "${cpu_of[1000]}" "${cpu_of[10000]}")," \
  "10,000 -> 50,000: $(growth "${cpu_of[10000]}" "${cpu_of[50000]}")  (linear: x10, x5)"
