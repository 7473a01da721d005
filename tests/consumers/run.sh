#!/usr/bin/env bash
# Runs one real-consumer check over what `dharma generate` writes for every
# example blueprint and for fixtures/hostile.yaml (strings that try to inject
# HCL or YAML structure):
#   roundtrip      HashiCorp's HCL parser (@cdktf/hcl2json) reads every .tf as
#                  dharma's --tf-format json says, and hostile strings intact
#   schemas        every attribute and block exists in the provider schemas
#                  (@cdktf/provider-aws, -google, -azurerm)
#   kubernetes     every manifest validates against kubernetes-models
#   kustomize      `kubectl kustomize` builds every kubernetes/ folder, in
#                  each --k8s-layout: per-kind builds the same objects as
#                  per-object, and stream is per-object's files in order
#   terraform_fmt  `terraform fmt -check` changes nothing (only where terraform
#                  is installed; scripts/test does not install it)
# Usage: run.sh CHECK DHARMA SCRATCH. Exit 77 = skipped (CTest SKIP_RETURN_CODE).
set -u
check=$1 dharma=$2 scratch=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

missing() {
  echo "consumer check '$check' needs $1"
  # terraform is not a Debian package, so scripts/test cannot install it: its
  # check skips (loudly) even in CI. kubectl is (kubernetes-client, installed
  # by scripts/bootstrap --test); its check still skips loudly where it is missing.
  if [[ "${DHARMA_TEST_STRICT:-}" == 1 && "$check" != terraform_fmt && "$check" != kustomize ]]; then
    echo "FAILED: missing in CI (DHARMA_TEST_STRICT=1); scripts/test installs it"
    exit 1
  fi
  echo "SKIPPED: $1 is not installed (run scripts/test, or 'npm ci' in tests/consumers)"
  exit 77
}
case $check in
  kustomize) command -v kubectl >/dev/null || missing kubectl ;;
  terraform_fmt) command -v terraform >/dev/null || missing terraform ;;
  *) { command -v node >/dev/null && [[ -d "$here/node_modules/@cdktf/hcl2json" ]]; } ||
       missing "node and the npm packages of tests/consumers" ;;
esac

# Required secrets of the examples: placeholders, never real values.
secrets_of() {
  case $1 in
    aws-web-app) echo "--set db_password=example-only --set cache_auth_token=example-only-token" ;;
    azure-app) echo "--set mysql_password=example-only" ;;
    gcp-data-platform) echo "--set metadata_db_password=example-only" ;;
  esac
}

rm -rf "$scratch" && mkdir -p "$scratch"
status=0
inputs=("$root"/examples/*.yaml "$here/fixtures/hostile.yaml")
for input in "${inputs[@]}"; do
  name=$(basename "$input" .yaml)
  out="$scratch/$name"
  # shellcheck disable=SC2046
  if ! "$dharma" generate "$input" $(secrets_of "$name") --target all --out "$out/hcl" >/dev/null ||
     ! "$dharma" generate "$input" $(secrets_of "$name") --target all --tf-format json --out "$out/json" >/dev/null; then
    echo "FAIL: dharma generate $input"
    status=1
    continue
  fi
  expected=""
  [[ -f "${input%.yaml}.expected.json" ]] && expected="${input%.yaml}.expected.json"
  tf="$out/hcl/terraform" k8s="$out/hcl/kubernetes"
  case $check in
    roundtrip) [[ -d $tf ]] && { node "$here/check_terraform.mjs" roundtrip "$tf" "$out/json/terraform" $expected || status=1; } ;;
    schemas) [[ -d $tf ]] && { node "$here/check_terraform.mjs" schemas "$tf" || status=1; } ;;
    kubernetes) [[ -d $k8s ]] && { node "$here/check_kubernetes.mjs" "$k8s" $expected || status=1; } ;;
    kustomize)
      if [[ -d $k8s ]]; then
        if kubectl kustomize "$k8s" >"$out/kustomize.out" 2>"$out/kustomize.err"; then
          echo "kubectl kustomize $k8s: ok ($(grep -c '^kind:' "$out/kustomize.out") objects)"
        else
          echo "FAIL: kubectl kustomize $k8s"; cat "$out/kustomize.err"; status=1
        fi
        # The other layouts of the same objects.
        # shellcheck disable=SC2046
        if ! "$dharma" generate "$input" $(secrets_of "$name") --target kubernetes --k8s-layout per-kind \
               --out "$out/per-kind" >/dev/null ||
           ! "$dharma" generate "$input" $(secrets_of "$name") --target kubernetes --k8s-layout stream \
               >"$out/stream.yaml"; then
          echo "FAIL: dharma generate $input --k8s-layout per-kind / stream"; status=1; continue
        fi
        if kubectl kustomize "$out/per-kind/kubernetes" >"$out/kustomize-per-kind.out" 2>"$out/kustomize.err" &&
           cmp -s "$out/kustomize.out" "$out/kustomize-per-kind.out"; then
          echo "kubectl kustomize $out/per-kind/kubernetes: ok, the same objects as per-object"
        else
          echo "FAIL: kubectl kustomize of the per-kind layout differs or fails"; cat "$out/kustomize.err"
          diff "$out/kustomize.out" "$out/kustomize-per-kind.out" | head -20; status=1
        fi
        # per-object's files in kustomization order, `---` between them
        sed -n 's/^ *- "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$k8s/kustomization.yaml" | while read -r file; do
          [[ -n ${first:-} ]] && echo "---"; first=1; cat "$k8s/$file"
        done >"$out/per-object.stream"
        if cmp -s "$out/per-object.stream" "$out/stream.yaml"; then
          echo "--k8s-layout stream of $name: ok, per-object's documents in order"
        else
          echo "FAIL: --k8s-layout stream of $name differs from the per-object files"
          diff "$out/per-object.stream" "$out/stream.yaml" | head -20; status=1
        fi
      fi ;;
    terraform_fmt)
      if [[ -d $tf ]]; then
        if terraform fmt -check -diff "$tf" 2>/dev/null; then echo "terraform fmt -check $tf: ok"
        else echo "FAIL: terraform fmt would change $tf"; status=1; fi
      fi ;;
    *) echo "unknown check $check"; exit 2 ;;
  esac
done
exit $status
