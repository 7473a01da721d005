#!/usr/bin/env bash
# The CI recipes of docs/ci.md run: every line starting with `dharma ` in a
# code block marked `<!-- ci-recipe: NAME -->` is run in a scratch project
# laid out as the recipes assume (infra/shop.yaml = examples/aws-web-app.yaml,
# its generated files committed under infra/generated/, base.yaml = the
# main branch's copy, terraform.tfstate = a state file), with the exit codes
# the recipe expects, and each `--out FILE` it names must then hold a report,
# as must every file the recipe's other steps upload or show.
# Each recipe must hold the four jobs, the nightly drift check included.
# Usage: ci_recipes.sh DHARMA SOURCE_DIR SCRATCH
set -u
dharma=$1 source_dir=$2 scratch=$3
doc=$source_dir/docs/ci.md
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# recipe NAME: the dharma command lines of that recipe, YAML list dashes removed.
recipe() {
  awk -v marker="<!-- ci-recipe: $1 -->" '
    $0 == marker { armed = 1; next }
    armed && /^```/ { if (inside) { exit } inside = 1; next }
    inside { line = $0; sub(/^[ \t]*(- )?/, "", line); if (line ~ /^dharma /) print line }' "$doc"
}
# reports NAME: the files the recipe's other steps upload or show (sarif_file:,
# junit:, artifacts paths: [...], `cat FILE >>`), one a line.
reports() {
  awk -v marker="<!-- ci-recipe: $1 -->" '
    $0 == marker { armed = 1; next }
    armed && /^```/ { if (inside) { exit } inside = 1; next }
    inside' "$doc" | sed -n -e 's/.*\(sarif_file\|junit\): *\([^ #]*\).*/\2/p' \
    -e 's/.*paths: *\[\([^]]*\)\].*/\1/p' -e 's/.* cat \([^ ]*\) >>.*/\1/p' | tr ',' '\n' | tr -d ' ' | sort -u
}
names=$(sed -n 's/^<!-- ci-recipe: \(.*\) -->$/\1/p' "$doc")
[[ -n $names ]] || { echo "FAIL: no <!-- ci-recipe: NAME --> marker in $doc"; exit 1; }

for name in $names; do
  commands=$(recipe "$name")
  for job in "dharma generate .*--check" "dharma guard .*--format sarif" "dharma cost diff .*--fail-above-percent" "dharma drift "; do
    grep -q -- "$job" <<<"$commands" || fail "recipe $name has no '$job' command"
  done
  work=$scratch/$name
  rm -rf "$work" && mkdir -p "$work/infra" && cd "$work" || exit 2
  cp "$source_dir/examples/aws-web-app.yaml" infra/shop.yaml
  cp infra/shop.yaml base.yaml
  printf '{"version": 4, "terraform_version": "1.9.0", "serial": 1, "lineage": "ci-recipes", "outputs": {}, "resources": []}\n' >terraform.tfstate
  "$dharma" generate infra/shop.yaml --env prod --target all --out infra/generated >/dev/null 2>&1 || fail "setup: generate failed"
  while IFS= read -r line; do
    [[ -z $line ]] && continue
    allowed="0"
    case $line in
      "dharma guard "*) allowed="0 1" ;;   # 1: findings at the threshold; the recipe uploads them anyway
      "dharma drift "*) allowed="0 1" ;;  # 1: drift found (the empty state lacks every resource)
    esac
    out=''   # the report file a reporting command names (generate --check writes nothing)
    [[ $line != *" --check"* ]] && out=$(sed -n 's/.* --out \([^ ]*\).*/\1/p' <<<"$line")
    [[ -n $out ]] && rm -f "$out"
    eval "\"\$dharma\" ${line#dharma }" >out.log 2>err.log
    status=$?
    if [[ " $allowed " != *" $status "* ]]; then
      fail "$name: '$line' exited $status (expected $allowed): $(head -c 600 err.log)"
    elif [[ -n $out && ! -s $out ]]; then
      fail "$name: '$line' wrote no report to $out"
    else
      echo "ok ($name, exit $status): $line"
    fi
  done <<<"$commands"
  # What the job uploads or shows afterwards is what its dharma lines wrote.
  for report in $(reports "$name"); do
    [[ -s $report ]] || fail "$name: the recipe uploads or shows $report, which no dharma line wrote"
  done
  # The generate --check line fails once the blueprint changes and the files are not regenerated.
  sed -i 's/      web_max: 12/      web_max: 16/' infra/shop.yaml
  check=$(grep -m1 -- "dharma generate .*--check" <<<"$commands")
  eval "\"\$dharma\" ${check#dharma }" >/dev/null 2>&1
  status=$?
  ((status == 1)) || fail "$name: '$check' on a stale infra/generated exited $status, expected 1"
done

if ((failures)); then echo "$failures failure(s)"; exit 1; fi
echo "ci recipes: ok"
