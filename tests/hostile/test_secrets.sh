# Secrets: commands that run without them never write a placeholder or a
# value anywhere; --include-secrets writes an owner-only file whatever the
# umask, and --check never prints it.
source "$(dirname "$0")/lib.sh"
secret='s3cr3t-Value-0123456789'

case_begin "every command runs without secrets and prints neither value nor placeholder"
cp "$examples/aws-web-app.yaml" app.yaml
for command in "blueprint validate app.yaml" "blueprint show app.yaml --format json" "blueprint graph app.yaml" \
               "generate app.yaml --out out --target terraform" "guard app.yaml" "cost app.yaml"; do
  # shellcheck disable=SC2086
  run each $command --env prod
  ((status <= 1)) || { cat each.out each.err >&2; fail "$command: exit $status"; }
  expect_not_in each.out "placeholder"
  expect_not_in each.err "placeholder"
done
if grep -rqF "placeholder" out; then fail "a placeholder reached the generated files"; fi

case_begin "--include-secrets writes mode 0600 even under umask 000"
run_sh include "umask 000; \"\$DHARMA\" generate app.yaml --out out --target terraform --set db_password=$secret --set cache_auth_token=$secret --include-secrets"
expect_status 0 include
[[ $(stat -c %a out/terraform/secrets.auto.tfvars.json) == 600 ]] || fail "secrets file mode $(stat -c %a out/terraform/secrets.auto.tfvars.json)"
expect_in out/terraform/secrets.auto.tfvars.json "$secret"
if grep -rlF "$secret" out --exclude=secrets.auto.tfvars.json; then fail "the secret reached another generated file"; fi
expect_not_in include.out "$secret"
expect_not_in include.err "$secret"

case_begin "--check never prints the secrets file, and refuses --include-secrets"
run check generate app.yaml --out out --target terraform --check
expect_status 0 check
expect_not_in check.out "$secret"
run check_include generate app.yaml --out out --target terraform --check --include-secrets --set db_password=$secret --set cache_auth_token=$secret
expect_status 2 check_include
expect_not_in check_include.err "$secret"

echo "ok"
