#!/usr/bin/env bash
# Keys from a blueprint must never become structure in generated files:
# values were always escaped, keys were written as they were. A key is quoted
# where the format has a quoted form (HCL object keys, YAML and JSON keys) and
# refused, with its file:line:col, where it has none (a Terraform resource's
# own arguments and nested block names).
source "$(dirname "$0")/lib.sh"

# A key that closes the resource block and adds a terraform_data resource
# running a command at apply time.
evil_key='"x\" = 1\n}\nresource \"terraform_data\" \"pwn\" {\n  provisioner \"local-exec\" {\n    command = \"touch /tmp/pwned\"\n  }\n}\nresource \"aws_ssm_parameter\" \"y\" {\n  z"'

header() {
  cat <<EOF
apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: inject
  owner: team-qa
provider: aws
region: us-east-1
resources:
EOF
}

header >argument.yaml
cat >>argument.yaml <<EOF
  - name: notes
    type: aws_ssm_parameter
    properties:
      name: /notes
      type: String
      value: v
      $evil_key: "1"
EOF

header >block.yaml
cat >>block.yaml <<EOF
  - name: web
    type: aws_security_group
    properties:
      name: web
      ingress:
        - from_port: 443
          to_port: 443
          $evil_key: tcp
EOF

header >objects.yaml
cat >>objects.yaml <<EOF
  - name: notes
    type: aws_ssm_parameter
    properties:
      name: /notes
      type: String
      value: v
      tags:
        $evil_key: "1"
        "dollar \${file(\"/etc/passwd\")}": "2"
        "percent %{ if true }x%{ endif }": "3"
  - name: logs
    type: storage.bucket
    properties: {name: hostile-logs}
    tags:
      $evil_key: "4"
EOF

header >type.yaml
cat >>type.yaml <<'EOF'
  - name: notes
    type: "aws_x\" \"y\" {}\nresource \"terraform_data\" \"pwn\" {\n  input = 1\n}\nresource \"aws_ssm_parameter"
    properties: {name: /notes}
EOF

for format in hcl json; do
  case_begin "a resource argument that is not an identifier is refused where it was written ($format)"
  snap=$(snapshot .)
  run argument-$format generate argument.yaml --target terraform --tf-format $format --out out-argument
  expect_status 2 argument-$format
  expect_in argument-$format.err 'argument.yaml:15:7: error: property "x\" = 1\n}'
  expect_in argument-$format.err "cannot be written as a Terraform argument or block name"
  [[ ! -e out-argument ]] || fail "a refused generate wrote out-argument/"
  rm -f argument-$format.out argument-$format.err
  expect_unchanged . "$snap"

  case_begin "a nested block's argument that is not an identifier is refused where it was written ($format)"
  run block-$format generate block.yaml --target terraform --tf-format $format --out out-block
  expect_status 2 block-$format
  expect_in block-$format.err 'block.yaml:16:11: error: property "x\" = 1\n}'
  [[ ! -e out-block ]] || fail "a refused generate wrote out-block/"
done

case_begin "object keys are quoted in HCL: no block is added, the keys stay strings"
run objects generate objects.yaml --target terraform --out out-hcl
expect_status 0 objects
expect_not_in out-hcl/terraform/main.tf 'resource "terraform_data"'
expect_in out-hcl/terraform/main.tf '"x\" = 1\n}\nresource \"terraform_data\" \"pwn\" {\n  provisioner'
expect_in out-hcl/terraform/main.tf '"dollar $${file(\"/etc/passwd\")}"'
expect_in out-hcl/terraform/main.tf '"percent %%{ if true }x%%{ endif }"'

case_begin "object keys in .tf.json are data, and template sequences in them are escaped"
run objects-json generate objects.yaml --target terraform --tf-format json --out out-json
expect_status 0 objects-json
python3 - out-json/terraform/main.tf.json out-hcl/terraform/main.tf <<'EOF' || fail "main.tf.json holds injected structure"
import json, re, sys
doc = json.load(open(sys.argv[1]))
resources = doc["resource"]
assert "terraform_data" not in resources, resources.keys()
# The native file holds exactly the resource blocks of the JSON rendering.
blocks = sorted(re.findall(r'^resource "([^"]+)" "([^"]+)"', open(sys.argv[2]).read(), re.M))
assert blocks == sorted((t, n) for t in resources for n in resources[t]), blocks
tags = resources["aws_ssm_parameter"]["notes"]["tags"]
keys = sorted(tags)
assert any(k.startswith('x" = 1\n}\nresource "terraform_data"') for k in keys), keys
assert 'dollar $${file("/etc/passwd")}' in keys, keys
assert "percent %%{ if true }x%%{ endif }" in keys, keys
EOF

case_begin "a provider-native type that is not a Terraform type name is refused by validate"
run type blueprint validate type.yaml
expect_status 2 type
expect_in type.err "type.yaml:10:11: error: provider-native type"
expect_in type.err "is not a Terraform type name"
run type-generate generate type.yaml --target terraform --out out-type
expect_status 2 type-generate
[[ ! -e out-type ]] || fail "a refused generate wrote out-type/"

# Names that become HCL labels, addresses or `var.` references are held to
# identifier rules when the blueprint is read, so generate never sees them.
header >names.yaml
cat >>names.yaml <<'EOF'
  - name: "web\" {}\nresource \"terraform_data\" \"pwn\" {"
    type: storage.bucket
    properties: {name: web-logs}
parameters:
  "p\" {}\nresource \"terraform_data\" \"pwn\" {": {type: string, default: x}
outputs:
  "o\" {}\nresource \"terraform_data\" \"pwn\" {": {value: x}
EOF
case_begin "resource, parameter and output names that are not identifiers are refused where they were written"
run names blueprint validate names.yaml
expect_status 2 names
expect_in names.err "names.yaml:9:11: error: invalid resource name"
expect_in names.err "names.yaml:13:3: error: invalid parameter name"
expect_in names.err "names.yaml:15:3: error: invalid output name"
run names-generate generate names.yaml --target terraform --out out-names
expect_status 2 names-generate
[[ ! -e out-names ]] || fail "a refused generate wrote out-names/"

cat >k8s.yaml <<'EOF'
apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: inject-k8s
  owner: team-qa
provider: kubernetes
resources:
  - name: config
    type: k8s.configmap
    tags:
      "evil\"\nkind: Secret\n": "x"
    properties:
      data:
        "key\n---\nkind: Secret\nmetadata:\n  name: pwn\n#": "v"
        "\u2028kind: Secret": "w"
        "\u0085next: line": "x"
        "<<": "merge"
  - name: web
    type: k8s.deployment
    properties:
      image: nginx:1.27
      pod_annotations:
        "nginx\n  injected: true": "1"
EOF

case_begin "keys of labels, annotations and ConfigMap data stay keys in the manifests"
run k8s generate k8s.yaml --target kubernetes --out out-k8s
expect_status 0 k8s
python3 - out-k8s/kubernetes <<'EOF' || fail "a manifest holds injected structure"
import glob, sys, yaml
for path in sorted(glob.glob(sys.argv[1] + "/*.yaml")):
    docs = list(yaml.safe_load_all(open(path)))
    assert len(docs) == 1, (path, len(docs))
    assert docs[0]["kind"] != "Secret", path
config = yaml.safe_load(open(sys.argv[1] + "/01-configmap-config.yaml"))
assert sorted(config["data"]) == sorted(["key\n---\nkind: Secret\nmetadata:\n  name: pwn\n#",
                                         "\u2028kind: Secret", "\u0085next: line", "<<"]), config["data"]
for key in config["metadata"]["labels"]:
    assert "\n" not in key and '"' not in key, key
web = yaml.safe_load(open(sys.argv[1] + "/02-deployment-web.yaml"))
annotations = web["spec"]["template"]["metadata"]["annotations"]
assert annotations == {"nginx\n  injected: true": "1"}, annotations
EOF

case_begin "blueprint show: keys with Unicode line breaks and the merge key stay keys in YAML as in JSON"
run show-yaml blueprint show k8s.yaml
expect_status 0 show-yaml
run show-json blueprint show k8s.yaml --format json
expect_status 0 show-json
python3 - show-yaml.out show-json.out <<'EOF' || fail "show's YAML differs from its JSON"
import json, sys, yaml
assert yaml.safe_load(open(sys.argv[1])) == json.load(open(sys.argv[2]))
EOF
echo "all key injection cases held"
