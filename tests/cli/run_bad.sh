#!/usr/bin/env bash
# Runs one entry of the bad-input corpus: `dharma blueprint validate NAME.yaml`
# (or the arguments in NAME.cmd when present) must print exactly NAME.expected
# (same format as golden cases) — the right message, file:line:col and exit
# code, and never a crash. NAME.setup.sh, when present, creates the input first
# (for inputs too large or too odd to commit). DHARMA_REGENERATE=1 rewrites it.
set -u
dharma=$1 dir=$2 name=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch"
for f in "$dir/$name".*; do cp -R "$f" "$scratch/"; done
cd "$scratch" || exit 2
if [[ -f "$name.setup.sh" ]]; then bash "$name.setup.sh" || { echo "setup failed"; exit 2; }; fi
args="blueprint validate $name.yaml"
if [[ -f "$name.cmd" ]]; then args=$(cat "$name.cmd"); fi
DHARMA="$dharma"
set +e
eval "\"\$DHARMA\" $args" >actual.stdout 2>actual.stderr
status=$?
set -e
{
  echo "exit: $status"
  echo "--- stdout"
  cat actual.stdout
  echo "--- stderr"
  cat actual.stderr
} >actual
if (( status > 4 && status != 130 )); then
  echo "exit code $status: crash or internal error"
  cat actual
  exit 1
fi
if [[ "${DHARMA_REGENERATE:-}" == 1 ]]; then
  cp actual "$dir/$name.expected"
  echo "regenerated $dir/$name.expected"
  exit 0
fi
if ! diff -u "$dir/$name.expected" actual; then
  echo "bad input $name differs (scratch kept in $scratch)"
  exit 1
fi
