#!/usr/bin/env bash
# Checks one example blueprint in one environment, end to end through the
# binary: `blueprint validate --strict` must succeed with no diagnostics at all
# (not even warnings), and `blueprint show` (yaml and json) must succeed
# without printing the sensitive values given in the example's values file.
#
# Usage: check_example.sh DHARMA EXAMPLE.yaml ENV|- VALUES.yaml|- SCRATCH
# ENV "-" means no --env; VALUES "-" means no --values. Every value in the
# values file is a sensitive parameter, so none of them may appear in output.
# `cost` and `guard` must also run without the values file (they bind an
# unset secret to a placeholder) and print no placeholder text anywhere.
set -u
dharma=$1 example=$2 env=$3 values=$4 scratch=$5
rm -rf "$scratch" && mkdir -p "$scratch"
args=()
if [[ $env != - ]]; then args+=(--env "$env"); fi
if [[ $values != - ]]; then args+=(--values "$values"); fi
failed=0
fail() { echo "FAIL: $*"; failed=1; }

"$dharma" blueprint validate --strict "${args[@]}" "$example" >"$scratch/validate.out" 2>"$scratch/validate.err"
status=$?
if ((status != 0)); then fail "validate exited $status"; fi
if [[ -s $scratch/validate.err ]]; then fail "validate printed diagnostics:"; cat "$scratch/validate.err"; fi

for format in yaml json; do
  "$dharma" blueprint show --format "$format" "${args[@]}" "$example" >"$scratch/show.$format" 2>"$scratch/show.$format.err"
  status=$?
  if ((status != 0)); then fail "show --format $format exited $status"; cat "$scratch/show.$format.err"; fi
  if [[ ! -s $scratch/show.$format ]]; then fail "show --format $format printed nothing"; fi
  if [[ -s $scratch/show.$format.err ]]; then fail "show --format $format printed diagnostics:"; cat "$scratch/show.$format.err"; fi
  if [[ $values != - ]]; then
    # Values file lines are `name: secret`; none of the secrets may leak.
    while IFS= read -r secret; do
      if grep -qF -- "$secret" "$scratch/show.$format" "$scratch/show.$format.err"; then
        fail "show --format $format leaked a sensitive value"
      fi
    done < <(sed -nE 's/^[a-z_]+: *"?([^"]+)"?$/\1/p' "$values")
  fi
done
env_args=()
if [[ $env != - ]]; then env_args+=(--env "$env"); fi
for command in cost guard; do
  "$dharma" "$command" "${env_args[@]}" "$example" >"$scratch/$command.out" 2>"$scratch/$command.err"
  status=$?
  # guard may find something (exit 1); nothing may be invalid input or a crash.
  if ((status != 0 && !(status == 1 && $command == guard))); then
    fail "$command without --values exited $status"; cat "$scratch/$command.err"
  fi
  if grep -q -- "<placeholder" "$scratch/$command.out" "$scratch/$command.err"; then
    fail "$command without --values printed a placeholder"
  fi
done
if ((failed)); then echo "(outputs kept in $scratch)"; exit 1; fi
echo "ok: $(basename "$example") env=$env"
