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
dharma=$(realpath "$1") rounds=${2:-5} k8s_rounds=${K8S_ROUNDS:-1}  # kustomize of 4,000 objects takes minutes
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DHARMA_HOME=${DHARMA_HOME:-$(cd "$here/.." && pwd)}

# ms COMMAND... : "WALL CPU" of one run in milliseconds. CPU is user + system
# time of the process and its children (all threads): on a shared, loaded
# machine it is the steadier measure, so the ratio is computed from it.
ms() {
  local out
  out=$({ TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1)
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
# medians COLUMN-FILE : "median-wall median-cpu"
medians() { echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f2 "$1" | median)"; }

echo "dharma generate --target all, AWS blueprints (median of $rounds):"
for n in 50 1000 10000; do
  python3 "$here/gen_blueprint.py" "$n" >"$work/aws-$n.yaml"
  for ((r = 0; r < rounds; r++)); do
    ms "$dharma" generate "$work/aws-$n.yaml" --target all --out "$work/out-$n"
  done >"$work/aws-$n.times"
  read -r wall cpu < <(medians "$work/aws-$n.times")
  printf "  %6d resources: %6d ms wall, %6d ms CPU\n" "$n" "$wall" "$cpu"
done

n=4000
python3 "$here/gen_k8s_blueprint.py" "$n" >"$work/k8s.yaml"
"$dharma" generate "$work/k8s.yaml" --target kubernetes --out "$work/k8s" >/dev/null
echo "$(ls "$work/k8s/kubernetes" | grep -c deployment) Deployments; side by side, $k8s_rounds round(s), alternating:"
: >"$work/dharma.times"; : >"$work/kubectl.times"
for ((r = 0; r < k8s_rounds; r++)); do
  if ((r % 2 == 0)); then
    ms "$dharma" generate "$work/k8s.yaml" --target kubernetes --out "$work/k8s-run" >>"$work/dharma.times"
    ms kubectl kustomize "$work/k8s/kubernetes" >>"$work/kubectl.times"
  else
    ms kubectl kustomize "$work/k8s/kubernetes" >>"$work/kubectl.times"
    ms "$dharma" generate "$work/k8s.yaml" --target kubernetes --out "$work/k8s-run" >>"$work/dharma.times"
  fi
done
read -r dw dc < <(medians "$work/dharma.times")
read -r kw kc < <(medians "$work/kubectl.times")
echo "  dharma generate (parse, resolve, render, write $n objects): $dw ms wall, $dc ms CPU"
echo "  kubectl kustomize (read and build the same $n objects):     $kw ms wall, $kc ms CPU"
awk -v dw="$dw" -v dc="$dc" -v kw="$kw" -v kc="$kc" \
  'BEGIN {printf "  ratio kubectl / dharma: %.1fx CPU, %.1fx wall\n", (dc > 0 ? kc / dc : 0), (dw > 0 ? kw / dw : 0)}'
