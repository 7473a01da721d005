#!/usr/bin/env bash
# Every example blueprint, in every environment, prices every portable
# resource: the only "not priced" lines allowed are provider-native types,
# which have no price mapping by design. Keeps pricing/ in step with examples/.
# usage: examples_priced.sh DHARMA EXAMPLES_DIR VALUES_DIR
set -u
dharma=$1 examples=$2 values=$3
status=0
for blueprint in "$examples"/*.yaml; do
  name=$(basename "$blueprint" .yaml)
  for env in "" dev staging prod; do
    args=(cost "$blueprint")
    [[ -f $values/$name.values.yaml ]] && args+=(--values "$values/$name.values.yaml")
    [[ -n $env ]] && args+=(--env "$env")
    if ! output=$("$dharma" "${args[@]}" 2>&1); then
      echo "FAIL: dharma ${args[*]} exited non-zero:"; echo "$output"; status=1; continue
    fi
    unpriced=$(grep "not priced:" <<<"$output" | grep -v "has no price mapping")
    if [[ -n $unpriced ]]; then
      echo "FAIL: $name ${env:-default}: portable resources not priced:"; echo "$unpriced"; status=1
    fi
  done
done
((status == 0)) && echo "ok: every example prices every portable resource in every environment"
exit $status
