#!/usr/bin/env bash
# Writing to stdout can fail. A full disk or a closed descriptor loses the
# output: that is exit 3 with a message, never a silent 0. A reader that
# closes the pipe early (`| head`) is a normal end: no message, the exit
# code the command would have had, never death by SIGPIPE (141, which fails
# a `set -o pipefail` script).
source "$(dirname "$0")/lib.sh"

cp "$examples/aws-web-app.yaml" web.yaml
secrets="--set db_password=example-only --set cache_auth_token=example-only-token"

# A blueprint whose `show` writes more than 2 MB: far beyond a pipe's buffer.
python3 - <<'PY'
big = "x" * (2 * 1024 * 1024)
open("big.yaml", "w").write(f"""apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: big
  owner: team-qa
  description: {big}
provider: aws
region: us-east-1
resources:
  - name: logs
    type: storage.bucket
    properties: {{name: big-logs}}
""")
PY

full_cases=(
  "blueprint show web.yaml $secrets"
  "blueprint show web.yaml $secrets --format json"
  "blueprint validate web.yaml $secrets"
  "blueprint graph web.yaml $secrets"
  "blueprint types"
  "guard web.yaml $secrets"
  "guard web.yaml $secrets --format sarif"
  "guard policies list"
  "cost web.yaml $secrets"
  "version"
  "--help"
)
for args in "${full_cases[@]}"; do
  case_begin "dharma $args > /dev/full: exit 3 with a message"
  run_sh full "\"\$DHARMA\" $args >/dev/full"
  expect_status 3 full
  expect_in full.err "dharma: error: cannot write standard output: No space left on device"
done

case_begin "stdout closed (>&-): exit 3 with a message"
run_sh closed "\"\$DHARMA\" blueprint validate web.yaml $secrets >&-"
expect_status 3 closed
expect_in closed.err "dharma: error: cannot write standard output: Bad file descriptor"

case_begin "generate with stdout on a full disk: the files are written, the lost message is exit 3"
run_sh generate-full "\"\$DHARMA\" generate web.yaml $secrets --target terraform --out gen >/dev/full"
expect_status 3 generate-full
expect_in generate-full.err "cannot write standard output"
[[ -f gen/terraform/main.tf ]] || fail "generate did not write gen/terraform/main.tf"

case_begin "an error stays exit 2 when stdout is full too"
run_sh invalid-full '"$DHARMA" blueprint validate missing.yaml >/dev/full'
expect_status 2 invalid-full
expect_in invalid-full.err "missing.yaml"

case_begin "stderr on a full disk does not change the exit code"
run_sh stderr-full '"$DHARMA" blueprint validate missing.yaml 2>/dev/full'
expect_status 2 stderr-full

for format in yaml json; do
  case_begin "a reader closing the pipe early ends show quietly ($format, > 2 MB)"
  run_sh epipe-$format "set -o pipefail; \"\$DHARMA\" blueprint show big.yaml --format $format | head -c 100 >/dev/null"
  expect_status 0 epipe-$format
  [[ ! -s epipe-$format.err ]] || { cat epipe-$format.err >&2; fail "a closed pipe printed a message"; }
done

case_begin "a closed pipe keeps the exit code the command would have had (guard findings: 1)"
python3 - <<'PY'
buckets = "".join(f"  - name: b{i}\n    type: storage.bucket\n    properties: {{name: bucket-{i}}}\n" for i in range(1500))
open("many.yaml", "w").write("apiVersion: dharma/v1\nkind: Blueprint\nmetadata:\n  name: many\n  owner: team-qa\n"
                             "provider: aws\nregion: us-east-1\nresources:\n" + buckets)
PY
run guard-many guard many.yaml --fail-on low
expect_status 1 guard-many
(( $(wc -c <guard-many.out) > 1000000 )) || fail "the guard report is too small to fill a pipe"
run_sh guard-pipe '"$DHARMA" guard many.yaml --fail-on low | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}'
expect_status 1 guard-pipe
[[ ! -s guard-pipe.err ]] || { cat guard-pipe.err >&2; fail "a closed pipe printed a message"; }
echo "all output stream cases held"
