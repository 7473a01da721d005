#!/usr/bin/env bash
# Text meant for a person never carries raw control characters from input:
# ESC, BEL or NUL in a blueprint key, a property value or a file name could
# retitle the reader's terminal, clear it or hide lines. Human output shows
# them escaped (\x1b, \x07, \x00; C1 controls as \u009b); JSON and SARIF keep
# the exact values under their own escaping.
source "$(dirname "$0")/lib.sh"

no_c1() {  # no_c1 FILE — no raw C1 control (U+0080..U+009F) either
  if LC_ALL=C grep -qP '\xc2[\x80-\x9f]' "$1"; then od -c "$1" | head -20 >&2; fail "$1 holds C1 control characters"; fi
}
json_holds() {  # json_holds FILE PYTHON-STRING-LITERAL — some string in the JSON document contains it
  python3 - "$1" "$2" <<'PY' || fail "$1 lost the exact value $2"
import ast, json, sys
wanted = ast.literal_eval(sys.argv[2])
def strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)
    elif isinstance(node, str):
        yield node
assert any(wanted in s for s in strings(json.load(open(sys.argv[1]))))
PY
}
human() {  # human NAME — both streams of NAME free of control bytes
  expect_no_control_bytes "$1.out"; expect_no_control_bytes "$1.err"; no_c1 "$1.out"; no_c1 "$1.err"
}

cat >aws.yaml <<'YAML'
apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: control
  owner: "team\e]0;pwned\a"
  description: "clears \e[2J\e[H the screen \x7f \u009b31m"
provider: aws
region: us-east-1
resources:
  - name: web
    type: compute.instance
    properties:
      size: "t3.micro\e]0;pwned\a\e[2J"
YAML
sed '/size:/a\      "bad\\e]0;pwned\\a\\0key": 1' aws.yaml >bad-key.yaml

cat >k8s.yaml <<'YAML'
apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: control-k8s
  owner: team-qa
provider: kubernetes
resources:
  - name: web
    type: k8s.deployment
    properties:
      image: "nginx:latest\e]0;pwned\a\e[2J\0\u009b"
YAML

case_begin "validate: a key with control bytes is escaped in the error"
run bad-key blueprint validate bad-key.yaml
expect_status 2 bad-key
human bad-key
expect_in bad-key.err "unknown property 'bad\x1b]0;pwned\x07\x00key'"

case_begin "validate --format json keeps the exact key"
run bad-key-json blueprint validate bad-key.yaml --format json
expect_status 2 bad-key-json
json_holds bad-key-json.out '"bad\x1b]0;pwned\x07\x00key"'

case_begin "a file name with control bytes is escaped in errors"
name=$'evil\e]0;pwned\a\e[2J.yaml'
run missing-file blueprint validate "$name"
expect_status 2 missing-file
human missing-file
expect_in missing-file.err 'evil\x1b]0;pwned\x07\x1b[2J.yaml'
cp bad-key.yaml "$name"
run named-file blueprint validate "$name"
expect_status 2 named-file
human named-file

case_begin "a command-line argument with control bytes is escaped in the usage error"
run bad-command $'\e]0;pwned\a'
expect_status 2 bad-command
human bad-command
run bad-env blueprint validate aws.yaml --env $'\e[2Jprod'
expect_status 2 bad-env
human bad-env

case_begin "show (YAML) escapes control characters and stays exact"
run show blueprint show aws.yaml
expect_status 0 show
human show
run show-json blueprint show aws.yaml --format json
expect_status 0 show-json
python3 -c 'import json,sys,yaml; assert yaml.safe_load(open(sys.argv[1])) == json.load(open(sys.argv[2]))' \
  show.out show-json.out || fail "show's YAML and JSON differ"

case_begin "graph text escapes control characters"
run graph blueprint graph aws.yaml
expect_status 0 graph
human graph

case_begin "cost table escapes control characters (an unpriced size is named in a note)"
run cost cost aws.yaml
expect_status 0 cost
human cost
expect_in cost.out 't3.micro\x1b]0;pwned\x07\x1b[2J'
run cost-md cost aws.yaml --format markdown
expect_status 0 cost-md
human cost-md

for format in text markdown; do
  case_begin "guard $format escapes control characters in findings"
  run guard-$format guard k8s.yaml --format $format
  expect_status 0 guard-$format
  human guard-$format
  expect_in guard-$format.out 'nginx:latest\x1b]0;pwned\x07\x1b[2J\x00\u009b'
done

case_begin "guard json and sarif keep the exact value"
for format in json sarif; do
  run guard-$format guard k8s.yaml --format $format
  expect_status 0 guard-$format
  json_holds guard-$format.out '"nginx:latest\x1b]0;pwned\x07\x1b[2J\x00\x9b"'
done
cat >param.yaml <<'YAML'
apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: params
  owner: team-qa
provider: aws
region: us-east-1
parameters:
  note: {type: string, default: hi}
resources:
  - name: notes
    type: aws_ssm_parameter
    properties: {name: /n, type: String, value: "${param.note}"}
YAML
cp param.yaml $'param\xff.yaml'
not_utf8_cases=(
  "blueprint show param.yaml --set note=\$'\\xff\\xfe\\e[2J' --format json"
  "blueprint show param.yaml --set note=\$'\\xff\\xfe\\e[2J'"
  "blueprint validate \$'param\\xff.yaml' --format json"
  "guard \$'param\\xff.yaml' --format sarif"
  "cost \$'param\\xff.yaml' --format json"
  "blueprint show param.yaml --set note=\$'secret-value\\xff'"
)
for args in "${not_utf8_cases[@]}"; do
  case_begin "an argument that is not UTF-8 is refused before it reaches any output: $args"
  run_sh not-utf8 "\"\$DHARMA\" $args"
  expect_status 2 not-utf8
  human not-utf8
  expect_in not-utf8.err "is not valid UTF-8"
  [[ ! -s not-utf8.out ]] || fail "something was written to stdout"
  expect_not_in not-utf8.err "secret-value"
done
echo "all control byte cases held"
