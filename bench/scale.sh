#!/usr/bin/env bash
# Peak memory and CPU time of `dharma blueprint graph` and `dharma generate
# --target all` on large generated AWS blueprints (bench/gen_blueprint.py),
# one run each, through /usr/bin/time -v (docs/PERFORMANCE.md, "Scale").
# Linear commands take about 5x the CPU and memory at 5x the resources.
# Usage: bench/scale.sh DHARMA [N...]   (default N: 10000 50000)
set -euo pipefail
dharma=$(realpath "$1"); shift
sizes=("${@:-10000 50000}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DHARMA_HOME=${DHARMA_HOME:-$(cd "$here/.." && pwd)}

printf "%-9s %-9s %10s %10s %12s %10s\n" command resources "input MB" "output MB" "peak RSS MB" "CPU s"
for n in ${sizes[*]}; do
  python3 "$here/gen_blueprint.py" "$n" >"$work/bp.yaml"
  input=$(stat -c %s "$work/bp.yaml")
  for command in graph generate; do
    rm -rf "$work/out"
    if [[ $command == graph ]]; then
      args=(blueprint graph "$work/bp.yaml")
    else
      args=(generate "$work/bp.yaml" --target all --out "$work/out")
    fi
    /usr/bin/time -v "$dharma" "${args[@]}" >"$work/stdout" 2>"$work/time"
    output=$(if [[ $command == graph ]]; then stat -c %s "$work/stdout"; else du -sb "$work/out" | cut -f1; fi)
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time")
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u + s}' "$work/time")
    printf "%-9s %-9s %10.1f %10.1f %12.0f %10.2f\n" "$command" "$n" "$(bc -l <<<"$input/1048576")" \
      "$(bc -l <<<"$output/1048576")" "$(bc -l <<<"$rss/1024")" "$cpu"
  done
done
