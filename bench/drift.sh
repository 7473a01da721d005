#!/usr/bin/env bash
# Benchmarks `dharma drift` against `dharma generate` (docs/PERFORMANCE.md,
# "drift"): a 10,000-resource AWS blueprint (bench/gen_blueprint.py), its
# Terraform rendered once as JSON and turned into the v4 state Terraform would
# hold (tests/drift/state_from_rendered.py), then side by side in one run,
# alternating which goes first: `generate --target terraform` (parse,
# resolve, render, write) and `drift --state` (parse, resolve, render, read
# and compare the state). Prints medians and the ratio drift / generate.
# With a fourth argument, another dharma binary (an earlier build), its
# `drift --state` is timed in the same rounds too, and both drift ratios are
# printed: before and after a change, side by side in one run. Also the
# median of the per-round ratios (drift and generate of one round run next
# to each other). Last, where
# the time goes: each phase's median CPU time and fresh (anonymous) memory
# over ROUNDS more runs of each with -v (api/phase_timer.hpp).
# Usage: bench/drift.sh DHARMA [RESOURCES] [ROUNDS] [DHARMA_BEFORE]
set -euo pipefail
dharma=$(realpath "$1") n=${2:-10000} rounds=${3:-3} before=${4:+$(realpath "$4")}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DHARMA_HOME=${DHARMA_HOME:-$(cd "$here/.." && pwd)}

ms() {  # "WALL CPU" in ms of one run; CPU = user + system, the steadier measure on a shared machine
  local out
  out=$({ TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1)
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
medians() { echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f2 "$1" | median)"; }

python3 "$here/gen_blueprint.py" "$n" >"$work/bp.yaml"
"$dharma" generate "$work/bp.yaml" --target terraform --tf-format json --out "$work/json" >/dev/null
python3 "$here/../tests/drift/state_from_rendered.py" "$work/json/terraform/main.tf.json" \
  "$work/json/terraform/variables.tf.json" >"$work/terraform.tfstate"
instances=$(python3 -c 'import json,sys; print(sum(len(r["instances"]) for r in json.load(open(sys.argv[1]))["resources"] if r["mode"] == "managed"))' "$work/terraform.tfstate")
set +e
"$dharma" drift "$work/bp.yaml" --state "$work/terraform.tfstate" >"$work/check.out" 2>&1
status=$?
set -e
echo "$n blueprint resources, a state of $instances Terraform instances ($(du -m "$work/terraform.tfstate" | cut -f1) MB); drift exit $status: $(tail -1 "$work/check.out")"

: >"$work/generate.times"; : >"$work/drift.times"; : >"$work/before.times"
time_before() {
  if [[ -n $before ]]; then
    ms "$before" drift "$work/bp.yaml" --state "$work/terraform.tfstate" >>"$work/before.times"
  fi
}
for ((r = 0; r < rounds; r++)); do
  if ((r % 2 == 0)); then
    ms "$dharma" generate "$work/bp.yaml" --target terraform --out "$work/out" >>"$work/generate.times"
    time_before
    ms "$dharma" drift "$work/bp.yaml" --state "$work/terraform.tfstate" >>"$work/drift.times"
  else
    ms "$dharma" drift "$work/bp.yaml" --state "$work/terraform.tfstate" >>"$work/drift.times"
    time_before
    ms "$dharma" generate "$work/bp.yaml" --target terraform --out "$work/out" >>"$work/generate.times"
  fi
done
read -r gw gc < <(medians "$work/generate.times")
read -r dw dc < <(medians "$work/drift.times")
echo "side by side, median of $rounds, alternating:"
echo "  dharma generate --target terraform: $gw ms wall, $gc ms CPU"
echo "  dharma drift --state:               $dw ms wall, $dc ms CPU"
if [[ -n $before ]]; then
  read -r bw bc < <(medians "$work/before.times")
  echo "  drift --state of $4: $bw ms wall, $bc ms CPU"
  awk -v gc="$gc" -v bc="$bc" -v bw="$bw" -v gw="$gw" \
    'BEGIN {printf "  ratio before / generate: %.2fx CPU, %.2fx wall\n", (gc > 0 ? bc / gc : 0), (gw > 0 ? bw / gw : 0)}'
fi
awk -v gw="$gw" -v gc="$gc" -v dw="$dw" -v dc="$dc" \
  'BEGIN {printf "  ratio drift / generate: %.2fx CPU, %.2fx wall\n", (gc > 0 ? dc / gc : 0), (gw > 0 ? dw / gw : 0)}'
# The least CPU of each: other work on a shared machine only ever adds to a run.
least() { cut -d' ' -f2 "$1" | sort -n | head -1; }
awk -v g="$(least "$work/generate.times")" -v d="$(least "$work/drift.times")" \
  'BEGIN {printf "  least CPU of %d: generate %d ms, drift %d ms, ratio %.2fx\n", '"$rounds"', g, d, (g > 0 ? d / g : 0)}'
if [[ -n $before ]]; then
  awk -v g="$(least "$work/generate.times")" -v b="$(least "$work/before.times")" \
    'BEGIN {printf "  least CPU of drift before: %d ms, ratio %.2fx\n", b, (g > 0 ? b / g : 0)}'
fi
# Paired: each round's drift CPU over the same round's generate CPU (run next
# to each other, so a burst of other work more often falls on both), the
# median and quartiles of those ratios.
paired() {  # TIMES-FILE LABEL
  paste -d' ' "$work/generate.times" "$1" | awk '$2 > 0 {print $4 / $2}' | sort -g |
    awk -v label="$2" '{r[NR] = $1} END {if (NR > 0) printf "  paired %s / generate, per round: median %.2fx, quartiles %.2fx-%.2fx\n", label, (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2), r[int((NR + 3) / 4)], r[int((3 * NR + 3) / 4)]}'
}
paired "$work/drift.times" drift
if [[ -n $before ]]; then
  paired "$work/before.times" "drift before"
fi

# Where the time goes: the phases `-v` reports (load, render, read, compare,
# report for drift; load, render and write for generate), median CPU and
# the anonymous resident memory each phase added, over `rounds` runs each.
phases() {  # COMMAND-LABEL then the dharma arguments; prints one line per phase
  local label=$1 log="$work/phases.$1"
  shift
  : >"$log"
  for ((r = 0; r < rounds; r++)); do
    "$dharma" -v "$@" 2>&1 >/dev/null | sed -n "s/^dharma: $label: //p" >>"$log"
  done
  # "PHASE: +M MB anonymous resident, H MB heap in use, W ms wall, C ms cpu" -> median C and M per phase,
  # in first-seen order
  awk -F': ' '{
      split($NF, f, ", "); phase = $1; for (i = 2; i < NF; i++) phase = phase ": " $i
      if (!(phase in n)) order[++count] = phase
      n[phase]++; cpu[phase, n[phase]] = f[4] + 0; mem[phase, n[phase]] = f[1] + 0
    }
    function median(arr, phase, k,   i, j, t, v) {
      for (i = 1; i <= k; i++) v[i] = arr[phase, i]
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
    }
    END {
      for (i = 1; i <= count; i++)
        printf "  %-9s %-40s %8.1f ms CPU  %+6.1f MB fresh\n", "'"$label"'", order[i], median(cpu, order[i], n[order[i]]), median(mem, order[i], n[order[i]])
    }' "$log"
}
echo "phases, median of $rounds runs each with -v:"
phases generate generate "$work/bp.yaml" --target terraform --out "$work/out"
phases drift drift "$work/bp.yaml" --state "$work/terraform.tfstate"
