# Values that would be silently wrong: every one is refused with its place
# (file:line:col) or the flag it came from, exit 2, and nothing is written.
source "$(dirname "$0")/lib.sh"

mkdir in && cat >in/bp.yaml <<'YAML'
apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: tiny
  owner: team-x
provider: aws
region: us-east-1
parameters:
  p: {type: string, default: x}
  zones: {type: list, default: [a]}
  n: {type: number, default: 1}
  external_id: {type: integer, default: 1}
environments:
  dev:
    parameters: {p: dev}
resources:
  - name: alarm
    type: aws_cloudwatch_metric_alarm
    properties:
      alarm_name: a-${param.p}
      threshold: ${param.n}
      period: 300
      external_id: ${param.external_id}
YAML
cp in/bp.yaml bp.yaml
before=$(snapshot in)

case_begin "an unclosed double quote in a values file is a located error, not 'abc '"
printf 'p: "abc\n' >unclosed.yaml
run unclosed blueprint show bp.yaml --values unclosed.yaml
expect_status 2 unclosed
expect_in unclosed.err 'unclosed.yaml:1:4: error: a quoted string is not closed: the closing " is missing'
expect_not_in unclosed.out 'abc'

case_begin "an unclosed single quote is a located error too"
printf "p: 'it''s\n" >unclosed1.yaml
run unclosed1 blueprint show bp.yaml --values unclosed1.yaml
expect_status 2 unclosed1
expect_in unclosed1.err "unclosed1.yaml:1:4: error: a quoted string is not closed: the closing ' is missing"

case_begin "an unclosed quote after a byte-order mark and non-ASCII text is found too"
printf '\xef\xbb\xbf# caf\xc3\xa9\nzones: ["\xe2\x82\xac"]\np: "abc\n' >unclosed_bom.yaml
run unclosed_bom blueprint show bp.yaml --values unclosed_bom.yaml
expect_status 2 unclosed_bom
expect_in unclosed_bom.err 'unclosed_bom.yaml:3:4: error: a quoted string is not closed'

case_begin "quotes that close, across lines and with escapes, still load"
printf '\xef\xbb\xbfp: "\xc3\xa9\\"x"\nzones: ["\xe2\x82\xac", '"'it''s'"']\n' >closed_utf8.yaml
run closed_utf8 blueprint show bp.yaml --values closed_utf8.yaml
expect_status 0 closed_utf8
expect_in closed_utf8.out 'alarm_name: a-é"x'
expect_in closed_utf8.out "it's"
printf 'p: "a \\" b\n  c"\nn: 2\n' >closed.yaml
run closed blueprint show bp.yaml --values closed.yaml
expect_status 0 closed
expect_in closed.out 'alarm_name: a-a " b c'

case_begin "an integer beyond 64 bits is a located error, not rounded"
printf 'external_id: 12345678901234567890\n' >huge_int.yaml
run huge_int generate bp.yaml --values huge_int.yaml --out out_huge_int
expect_status 2 huge_int
expect_in huge_int.err 'huge_int.yaml:1:14: error: integer 12345678901234567890 is out of range'
[[ ! -e out_huge_int ]] || fail "generate wrote output for a refused value"

case_begin "an integer beyond 2^53 but within 64 bits is written exactly"
printf 'external_id: 9007199254740993\n' >big_int.yaml
run big_int generate bp.yaml --values big_int.yaml --out out_big_int --target terraform --tf-format json
expect_status 0 big_int
grep -rq '9007199254740993' out_big_int/terraform || fail "9007199254740993 was not written exactly"

case_begin "a number beyond a double is a located error, not the text '1e400'"
printf 'n: 1e400\n' >huge_float.yaml
run huge_float blueprint show bp.yaml --values huge_float.yaml
expect_status 2 huge_float
expect_in huge_float.err 'huge_float.yaml:1:4: error: number 1e400 is out of range'

case_begin "subnormal numbers reach the Terraform JSON writer intact"
for tiny in 1e-310:1e-310 4.9e-324:5e-324; do
  rm -rf out_tiny
  run subnormal generate bp.yaml --set "n=${tiny%%:*}" --out out_tiny --target terraform --tf-format json
  expect_status 0 subnormal
  expect_in out_tiny/terraform/variables.tf.json "\"default\": ${tiny#*:}"
done

case_begin "--env '' is refused, not the base values"
run env_empty blueprint show bp.yaml --env ''
expect_status 2 env_empty
expect_in env_empty.err "--env: empty environment name"
expect_no_control_bytes env_empty.err

case_begin "cost --compare-env '' is refused"
run compare_empty cost bp.yaml --compare-env ''
expect_status 2 compare_empty
expect_in compare_empty.err "empty environment name"

case_begin "other empty flags that would fall back to a default are refused"
run_sh tenant_empty 'DHARMA_TENANT=acme "$DHARMA" blueprint list --tenant ""'
expect_status 2 tenant_empty
expect_in tenant_empty.err "--tenant: empty tenant slug"
run config_empty guard bp.yaml --config ''
expect_status 2 config_empty
expect_in config_empty.err "--config: empty file name"
run usage_empty cost bp.yaml --usage ''
expect_status 2 usage_empty
expect_in usage_empty.err "--usage: empty file name"

case_begin "a NUL byte is reported where it is"
printf 'p: 0123456789abcdefgh\0x\n' >nul.yaml
run nul blueprint show bp.yaml --values nul.yaml
expect_status 2 nul
expect_in nul.err 'nul.yaml:1:22: error: a NUL byte is not allowed in YAML'
printf 'p: "abc\\\0"\n' >nul_escape.yaml
run nul_escape blueprint show bp.yaml --values nul_escape.yaml
expect_status 2 nul_escape
expect_in nul_escape.err 'nul_escape.yaml:1:9: error: a NUL byte is not allowed in YAML'

case_begin "--set with an unknown alias says so"
run alias blueprint show bp.yaml --set 'zones=[a, *b]'
expect_status 2 alias
expect_in alias.err "expects a list, got '[a, *b]': invalid YAML: unknown alias: its anchor is not defined"

expect_unchanged in "$before"
