#!/usr/bin/env bash
# Runs one golden CLI case and compares it with the expected output.
#
# A case is a folder under tests/cli/cases/ holding:
#   cmd       the arguments after `dharma`, one shell line (paths relative to the folder)
#   setup.sh  optional: run first in the scratch copy (to create large or odd inputs)
#   expected  `exit: N`, then `--- stdout`, the output, `--- stderr`, the diagnostics
#   any input files the command reads
# The case runs in a scratch copy of the folder, kept for inspection on failure.
# DHARMA_REGENERATE=1 rewrites `expected` from the actual run; review it as a diff.
set -u
dharma=$1 case_dir=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch" && cp -R "$case_dir"/. "$scratch"/
cd "$scratch" || exit 2
if [[ -f setup.sh ]]; then bash setup.sh || { echo "setup.sh failed"; exit 2; }; fi
DHARMA="$dharma"
export DHARMA
set +e
eval "\"\$DHARMA\" $(cat cmd)" >actual.stdout 2>actual.stderr
status=$?
set -e
{
  echo "exit: $status"
  echo "--- stdout"
  cat actual.stdout
  echo "--- stderr"
  cat actual.stderr
} >actual
if [[ "${DHARMA_REGENERATE:-}" == 1 ]]; then
  cp actual "$case_dir/expected"
  echo "regenerated $case_dir/expected"
  exit 0
fi
if ! diff -u "$case_dir/expected" actual; then
  echo "golden case $(basename "$case_dir") differs (scratch kept in $scratch)"
  exit 1
fi
