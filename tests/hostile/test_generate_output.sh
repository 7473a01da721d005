#!/usr/bin/env bash
# Attacks on generate's output folder (issue 15, "Losing data"): files dharma
# did not write there (Terraform state, .terraform/, the provider lock file,
# a user's notes) must survive every run; files an earlier run wrote and this
# one does not are removed; a run stopped by SIGTERM and two runs writing one
# --out at the same time leave every generated file from one run, never a
# mix; --check compares only generated files.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# mixed_blueprint N : an AWS + Kubernetes blueprint with N buckets and N
# deployments whose files carry the environment (dev or prod) in their labels.
mixed_blueprint() {
  python3 - "$1" <<'EOF'
import sys
n = int(sys.argv[1])
print("""apiVersion: dharma/v1
kind: Blueprint
metadata:
  name: mixed
  owner: team-hostile
  labels: {project: mixed, environment: "${env}"}
provider: aws
region: us-east-1
environments:
  dev: {}
  prod: {}
resources:
  - name: ns
    type: k8s.namespace
    properties: {name: mixed}""")
for i in range(n):
    print(f"""  - name: bucket_{i}
    type: storage.bucket
    properties: {{name: mixed-bucket-{i}}}
  - name: svc_{i}
    type: k8s.deployment
    properties:
      namespace: ${{ns.name}}
      image: ghcr.io/acme/service:1.0.{i}
      ports: [{{name: http, container_port: 8080}}]""")
EOF
}

# generated_tree DIR : every file dharma wrote under DIR with its hash (not the foreign ones).
generated_tree() {
  (cd "$1" && for folder in terraform kubernetes; do
    [[ -f $folder/.dharma-generated ]] || continue
    echo "$folder/.dharma-generated $(sha256sum <"$folder/.dharma-generated")"
    grep -v '^#' "$folder/.dharma-generated" | while read -r name; do
      echo "$folder/$name $(sha256sum <"$folder/$name" 2>/dev/null || echo MISSING)"
    done
  done)
}

# expect_one_run DIR : DIR's generated files are exactly those of the dev
# reference or of the prod reference, and no staging folder or journal is left.
expect_one_run() {
  local now; now=$(generated_tree "$1")
  [[ $now == "$ref_dev" || $now == "$ref_prod" ]] || {
    diff <(echo "$ref_prod") <(echo "$now") | head -20 >&2
    fail "$1 holds a mix of two runs"
  }
  if ls -a "$1" | grep -q '^\.dharma-s'; then ls -a "$1" >&2; fail "$1 holds a leftover staging folder or journal"; fi
}

add_foreign_files() {  # add_foreign_files DIR
  mkdir -p "$1/terraform/.terraform/providers"
  echo '{"version": 4, "serial": 7}' >"$1/terraform/terraform.tfstate"
  echo 'provider binary' >"$1/terraform/.terraform/providers/aws"
  echo '# provider lock' >"$1/terraform/.terraform.lock.hcl"
  echo 'my notes' >"$1/terraform/NOTES.md"
  echo 'kept' >"$1/kubernetes/zz-user-patch.yaml"
}
foreign_snapshot() {  # foreign_snapshot DIR
  (cd "$1" && sha256sum terraform/terraform.tfstate terraform/.terraform/providers/aws terraform/.terraform.lock.hcl \
    terraform/NOTES.md kubernetes/zz-user-patch.yaml)
}

mixed_blueprint 3 >small.yaml
"$dharma" generate small.yaml --env dev --out ref-dev >/dev/null || fail "reference run (dev)"
"$dharma" generate small.yaml --env prod --out ref-prod >/dev/null || fail "reference run (prod)"
ref_dev=$(generated_tree ref-dev) ref_prod=$(generated_tree ref-prod)
[[ $ref_dev != "$ref_prod" ]] || fail "the dev and prod references should differ"

case_begin "generate keeps Terraform state, .terraform/, the lock file and user files"
"$dharma" generate small.yaml --env dev --out out >/dev/null || fail "first run"
add_foreign_files out
foreign=$(foreign_snapshot out)
run second generate small.yaml --env prod --out out
expect_status 0 second
expect_in second.out "wrote out/terraform/ (3 files)"
[[ $(foreign_snapshot out) == "$foreign" ]] || fail "a foreign file changed"
expect_one_run out
[[ $(generated_tree out) == "$ref_prod" ]] || fail "out does not hold the prod files"
expect_not_in second.err "note:"

case_begin "a folder without a manifest (an older dharma's output) keeps its foreign files and says so"
mkdir -p legacy/terraform legacy/kubernetes
add_foreign_files legacy
echo 'resource "old" "x" {}' >legacy/terraform/main.tf
foreign=$(foreign_snapshot legacy)
run legacy generate small.yaml --env dev --out legacy
expect_status 0 legacy
[[ $(foreign_snapshot legacy) == "$foreign" ]] || fail "a foreign file changed"
[[ $(generated_tree legacy) == "$ref_dev" ]] || fail "legacy does not hold the dev files"
expect_in legacy.err "kept 4 entries in legacy/terraform/ that dharma did not write: .terraform.lock.hcl, .terraform/, NOTES.md, terraform.tfstate"
expect_in legacy.err "kept 1 entry in legacy/kubernetes/ that dharma did not write: zz-user-patch.yaml"

case_begin "files an earlier run wrote and this one does not are removed; foreign ones stay"
mixed_blueprint 1 >one.yaml
run fewer generate one.yaml --env dev --out out
expect_status 0 fewer
[[ $(ls out/kubernetes | grep -c deployment) == 1 ]] || { ls out/kubernetes >&2; fail "stale deployments were kept"; }
expect_in out/kubernetes/.dharma-generated "kustomization.yaml"
expect_not_in out/kubernetes/.dharma-generated "svc-2"
[[ -f out/kubernetes/zz-user-patch.yaml && -f out/terraform/.terraform/providers/aws ]] || fail "foreign files were removed"

case_begin "a manifest naming paths outside its folder removes nothing there"
mkdir -p victim && echo precious >victim/file
printf '../../victim/file\n/etc/hostname\n..\n' >>out/terraform/.dharma-generated
run escape generate one.yaml --env dev --out out
expect_status 0 escape
[[ $(cat victim/file) == precious ]] || fail "a file outside the output folder was removed"

case_begin "generate --check ignores foreign files and still finds stale generated ones"
"$dharma" generate small.yaml --env dev --out chk >/dev/null || fail "setup"
add_foreign_files chk
run check generate small.yaml --env dev --out chk --check
expect_status 0 check
expect_in check.err "are up to date"
before=$(snapshot chk)
sed -i 's/mixed-bucket-1/edited-by-hand/' chk/terraform/main.tf
run stale generate small.yaml --env dev --out chk --check
expect_status 1 stale
expect_in stale.out "+++ b/terraform/main.tf"
expect_not_in stale.out "tfstate"
expect_not_in stale.out "NOTES.md"

case_begin "a second writer of one --out waits, then gives up with exit 4 after DHARMA_GENERATE_LOCK_WAIT"
before=$(snapshot chk)
flock chk sleep 4 &
holder=$!
sleep 0.5
DHARMA_GENERATE_LOCK_WAIT=1 run locked generate small.yaml --env prod --out chk
wait "$holder"
expect_status 4 locked
expect_in locked.err "another dharma process is writing chk"
expect_unchanged chk "$before"

case_begin "leftover staging folders of stopped runs are removed by the next run"
mkdir -p out/.dharma-staging.dead.1/terraform && echo x >out/.dharma-staging.dead.1/terraform/main.tf
run cleanup generate small.yaml --env prod --out out
expect_status 0 cleanup
expect_one_run out

case_begin "a journal dharma did not write is refused (exit 4), nothing changes"
echo 'rm -rf /' >out/.dharma-switch
before=$(snapshot out)
run journal generate small.yaml --env dev --out out
expect_status 4 journal
expect_in journal.err "is not a journal this dharma wrote"
expect_unchanged out "$before"
run pending generate small.yaml --env dev --out out --check
expect_status 4 pending
expect_in pending.err "was killed while switching the files in out"
expect_unchanged out "$before"
rm out/.dharma-switch

# A blueprint large enough that a run takes a while, so signals land mid-run.
mixed_blueprint 1000 >large.yaml
"$dharma" generate large.yaml --env dev --out big-dev >/dev/null || fail "reference run (large dev)"
"$dharma" generate large.yaml --env prod --out big-prod >/dev/null || fail "reference run (large prod)"
ref_dev=$(generated_tree big-dev) ref_prod=$(generated_tree big-prod)

case_begin "SIGTERM at any point of a run leaves all old or all new generated files"
rm -rf big && "$dharma" generate large.yaml --env dev --out big >/dev/null && add_foreign_files big
foreign=$(foreign_snapshot big)
interrupted=0
for delay in 0.05 0.3 0.8 1.5 2.5; do
  env=prod; [[ $(generated_tree big) == "$ref_prod" ]] && env=dev
  "$dharma" generate large.yaml --env "$env" --out big >term.out 2>term.err &
  pid=$!
  sleep "$delay"
  kill -TERM "$pid" 2>/dev/null
  wait "$pid"
  status=$?
  # 143: the signal came before main() installed dharma's handlers (the
  # dynamic loader, or sanitizer start-up, can take longer than the delay);
  # nothing was touched yet, which expect_one_run below checks.
  [[ $status == 0 || $status == 130 || $status == 143 ]] || { cat term.err >&2; fail "SIGTERM after ${delay}s: exit $status"; }
  ((status == 130)) && interrupted=$((interrupted + 1))
  expect_one_run big
  [[ $(foreign_snapshot big) == "$foreign" ]] || fail "a foreign file changed"
done
((interrupted > 0)) || fail "no round was interrupted: the blueprint is too small for this machine"

case_begin "kill -9 at any point of a run is finished or undone by the next run"
for delay in 0.3 1.2; do
  "$dharma" generate large.yaml --env prod --out big >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid"
  run after-kill generate large.yaml --env dev --out big
  expect_status 0 after-kill
  [[ $(generated_tree big) == "$ref_dev" ]] || fail "the run after kill -9 did not leave the dev files"
  expect_one_run big
done

case_begin "ten rounds of two concurrent generates into one --out leave one run's files"
mixed_blueprint 100 >medium.yaml
"$dharma" generate medium.yaml --env dev --out mid-dev >/dev/null || fail "reference run (medium dev)"
"$dharma" generate medium.yaml --env prod --out mid-prod >/dev/null || fail "reference run (medium prod)"
ref_dev=$(generated_tree mid-dev) ref_prod=$(generated_tree mid-prod)
rm -rf race
for round in 1 2 3 4 5 6 7 8 9 10; do
  "$dharma" generate medium.yaml --env dev --out race >race-dev.out 2>race-dev.err &
  first=$!
  "$dharma" generate medium.yaml --env prod --out race >race-prod.out 2>race-prod.err &
  second=$!
  wait "$first"; s1=$?
  wait "$second"; s2=$?
  [[ $s1 == 0 && $s2 == 0 ]] || { cat race-dev.err race-prod.err >&2; fail "round $round: exit $s1 and $s2"; }
  expect_one_run race
done
echo "ok"
