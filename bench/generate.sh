#!/usr/bin/env bash
# Benchmarks `dharma generate` (docs/PERFORMANCE.md, "generate"):
#   1. whole `generate --target all` of a typical 50-resource AWS blueprint,
#      then 1,000 and 10,000 resources (parse + resolve + render + write),
#      to show it stays linear;
#   2. side by side, alternating which goes first: dharma rendering 4,000
#      Kubernetes Deployments from a blueprint, and `kubectl kustomize`
#      building the same 4,000 objects from the plain YAML dharma wrote.
# Prints medians and the ratio. Usage: bench/generate.sh DHARMA [ROUNDS]
set -euo pipefail
dharma=$(realpath "$1") rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DHARMA_HOME=${DHARMA_HOME:-$(cd "$here/.." && pwd)}

ms() {  # ms COMMAND... : wall time of one run in milliseconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "dharma generate --target all, AWS blueprints (median of $rounds):"
for n in 50 1000 10000; do
  python3 "$here/gen_blueprint.py" "$n" >"$work/aws-$n.yaml"
  for ((r = 0; r < rounds; r++)); do
    ms "$dharma" generate "$work/aws-$n.yaml" --target all --out "$work/out-$n"
  done | median | xargs printf "  %6d resources: %6d ms\n" "$n"
done

n=4000
python3 "$here/gen_k8s_blueprint.py" "$n" >"$work/k8s.yaml"
"$dharma" generate "$work/k8s.yaml" --target kubernetes --out "$work/k8s" >/dev/null
echo "$(ls "$work/k8s/kubernetes" | grep -c deployment) Deployments; side by side, $rounds rounds, alternating:"
: >"$work/dharma.times"; : >"$work/kubectl.times"
for ((r = 0; r < rounds; r++)); do
  if ((r % 2 == 0)); then
    ms "$dharma" generate "$work/k8s.yaml" --target kubernetes --out "$work/k8s-run" >>"$work/dharma.times"
    ms kubectl kustomize "$work/k8s/kubernetes" >>"$work/kubectl.times"
  else
    ms kubectl kustomize "$work/k8s/kubernetes" >>"$work/kubectl.times"
    ms "$dharma" generate "$work/k8s.yaml" --target kubernetes --out "$work/k8s-run" >>"$work/dharma.times"
  fi
done
d=$(median <"$work/dharma.times") k=$(median <"$work/kubectl.times")
echo "  dharma generate (parse, resolve, render, write $n objects): $d ms"
echo "  kubectl kustomize (read and build the same $n objects):     $k ms"
awk -v d="$d" -v k="$k" 'BEGIN {printf "  ratio kubectl / dharma: %.1fx\n", (d > 0 ? k / d : 0)}'
