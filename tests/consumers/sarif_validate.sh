#!/usr/bin/env bash
# Consumer test: the SARIF that `dharma guard --format sarif` (and `dharma
# drift --format sarif`) writes must pass
# Microsoft's SARIF Multitool (`Sarif.Multitool validate`: the SARIF 2.1.0
# JSON schema plus its best-practice rules) with no errors and no warnings,
# for reports with findings, suppressions, expired suppressions and a
# baseline, for a blueprint named by an absolute path (a file:// URI) and for
# file names that need percent-encoding (space, '#', '%', ':', non-ASCII).
#
# Usage: sarif_validate.sh DHARMA_BINARY SOURCE_DIR SCRATCH_DIR
# DHARMA_SARIF_ALLOWED_WARNINGS names rule ids whose warnings are accepted
# (comma-separated; none by default).
# The Multitool comes from `npm ci` in tests/consumers. When it is missing the
# test fails under DHARMA_TEST_STRICT=1 (CI) and is skipped loudly otherwise.
set -uo pipefail
dharma=$1 source=$2 scratch=$3
tool_dir=$source/tests/consumers/node_modules/@microsoft/sarif-multitool-linux
tool=$tool_dir/Sarif.Multitool
allowed_warnings="${DHARMA_SARIF_ALLOWED_WARNINGS-}"

if [[ ! -x $tool ]]; then
  echo "SARIF Multitool not found at $tool (run 'npm ci' in tests/consumers)"
  if [[ ${DHARMA_TEST_STRICT:-} == 1 ]]; then
    echo "FAIL: DHARMA_TEST_STRICT=1 and the tool is missing"
    exit 1
  fi
  echo "SKIPPED: sarif consumer test (tool missing)"
  exit 77
fi

rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 2
cp "$source/tests/cli/cases/guard-text/shop.yaml" shop.yaml
cp "$source/examples/aws-web-app.yaml" aws-web-app.yaml
cp "$source/tests/examples/aws-web-app.values.yaml" aws-values.yaml
cp "$source/examples/k8s-platform.yaml" k8s-platform.yaml
mkdir -p "odd dir #1"
cp shop.yaml "odd dir #1/shop 100%:é.yaml"

status=0
generate() {  # generate NAME ARGS... — write NAME.sarif; guard exits 0 or 1 here
  local name=$1; shift
  "$dharma" guard "$@" --format sarif --out "$name.sarif"
  local rc=$?
  if (( rc > 1 )); then
    echo "FAIL: dharma guard $* exited $rc"
    status=1
  fi
}
generate findings shop.yaml
generate example aws-web-app.yaml --values aws-values.yaml --env prod
"$dharma" guard shop.yaml --baseline-create baseline.json --format json --out /dev/null 2>/dev/null
generate baselined shop.yaml --baseline baseline.json
generate two-files shop.yaml k8s-platform.yaml
generate absolute "$PWD/shop.yaml"
generate odd-names "odd dir #1/shop 100%:é.yaml" "$PWD/odd dir #1/shop 100%:é.yaml"
# dharma drift's SARIF: changed, missing and unmanaged findings (the golden case's inputs).
cp "$source/tests/cli/cases/drift-text/shop.yaml" drift-shop.yaml
"$dharma" drift drift-shop.yaml --state "$source/tests/cli/cases/drift-text/terraform.tfstate" --format sarif \
  --out drift.sarif
(( $? == 1 )) || { echo "FAIL: dharma drift did not find the drift of tests/cli/cases/drift-text"; status=1; }

for report in findings example baselined two-files absolute odd-names drift; do
  [[ -f $report.sarif ]] || { echo "FAIL: $report.sarif was not written"; status=1; continue; }
  "$tool" validate "$report.sarif" --output "$report.validation.sarif" --log ForceOverwrite >"$report.log" 2>&1
  # The validation log is itself SARIF: count errors and unexpected warnings.
  verdict=$(node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const allowed = new Set(process.argv[2].split(","));
    const problems = [];
    for (const run of log.runs || []) {
      for (const n of (run.invocations || []).flatMap(i => i.toolExecutionNotifications || [])) {
        if (n.level === "error") problems.push("tool error: " + n.message.text);
      }
      for (const r of run.results || []) {
        const level = r.level || "warning";
        if (level === "error" || (level === "warning" && !allowed.has(r.ruleId))) {
          problems.push(`${level} ${r.ruleId}: ${r.message.text || JSON.stringify(r.message)}`);
        }
      }
    }
    console.log(problems.length ? problems.join("\n") : "ok");
  ' "$report.validation.sarif" "$allowed_warnings")
  if [[ $verdict != ok ]]; then
    echo "FAIL: $report.sarif:"
    echo "$verdict"
    cat "$report.log"
    status=1
  else
    echo "ok: $report.sarif passes Sarif.Multitool validate"
  fi
done
exit $status
