# `dharma deploy blue-green` refuses (exit 4, nothing started, nothing
# recorded) while dharma's schema has pending migrations, when the file's
# content is not pushed, while another live process holds the environment's
# lease (named, with since when), and when guard finds open hard findings
# (unless --force REASON, which is recorded). A lease whose holder died
# (expired) is taken over.
source "$(dirname "$0")/lib.sh"
source "$repo/tests/integration/deploy/lib.sh"
require_tool haproxy
new_database deployrefuse
trap deploy_cleanup EXIT
fe_port=$(free_port 27068 27069) blue_port=$(free_port 27260 27269) green_port=$(free_port 27270 27279) driver=haproxy
run migrate13 db migrate --to 13
expect_status 0 migrate13
owner_sql "INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme')" >/dev/null
write_blueprint app.yaml
run push blueprint push app.yaml --project shop
expect_status 0 push
haproxy_up

no_start() { [[ ! -e commands.log ]] || { cat commands.log >&2; fail "$1: a start or stop command ran"; }; }

run pending deploy blue-green app.yaml --env prod --version v1
expect_status 4 pending
expect_in pending.err "pending migration"
expect_in pending.err "V014__deploy_journal.sql"
expect_in pending.err "run \`dharma db migrate\` first"
no_start pending
run migrate db migrate
expect_status 0 migrate

cp app.yaml changed.yaml && echo "# changed" >>changed.yaml
run unpushed deploy blue-green changed.yaml --env prod --version v1
expect_status 4 unpushed
expect_in unpushed.err "changed.yaml is not pushed"
expect_in unpushed.err "dharma blueprint push changed.yaml"
no_start unpushed
expect_eq "$(journal_sql "SELECT count(*) FROM deployments")" 0 "deployments after the refusals"

run d1 deploy blue-green app.yaml --env prod --version v1
expect_status 0 d1

# A live holder elsewhere: refused, named. Once its lease has expired: taken over.
journal_sql "INSERT INTO deploy_leases (environment_id, tenant_id, holder, holder_host, holder_pid, acquired_at, expires_at)
  SELECT id, tenant_id, 'ci@build-7 pid 4242', 'build-7', 4242, '2026-01-02 03:04:05+00', now() + interval '1 hour' FROM environments" >/dev/null
run held deploy blue-green app.yaml --env prod --version v2
expect_status 4 held
expect_in held.err "environment prod is being deployed by ci@build-7 pid 4242 since 2026-01-02T03:04:05.000Z"
run status deploy status --env prod
expect_in status.out "lease: held by ci@build-7 pid 4242"
journal_sql "UPDATE deploy_leases SET expires_at = now() - interval '1 second'" >/dev/null
run expired deploy blue-green app.yaml --env prod --version v2
expect_status 0 expired
expect_eq "$(journal_sql "SELECT count(*) FROM deploy_leases")" 0 "leases after the deploy"

# Guard: a public, unencrypted bucket is a hard finding.
python3 - app.yaml guarded.yaml <<'PY'
import sys
text = open(sys.argv[1]).read()
text = text.replace("provider: kubernetes\n", "provider: aws\nregion: us-east-1\n")
text = text.replace("  - name: ns\n    type: k8s.namespace\n    properties: {name: shop}\n",
                    "  - name: files\n    type: storage.bucket\n    properties: {name: shop-files, public: true}\n")
open(sys.argv[2], "w").write(text)
PY
run push_guarded blueprint push guarded.yaml --project shop
expect_status 0 push_guarded
run guarded deploy blue-green guarded.yaml --env prod --version v3
expect_status 4 guarded
expect_in guarded.err "CRITICAL sec-002 [hard]"
expect_in guarded.err "guard finds open hard findings in guarded.yaml for prod"
expect_eq "$(journal_sql "SELECT count(*) FROM deployments")" 2 "deployments after the guard refusal"
run forced deploy blue-green guarded.yaml --env prod --version v3 --force "bucket is made private by ticket OPS-12"
expect_status 0 forced
expect_in forced.err "deploying despite guard findings"
expect_eq "$(deployment_field 3 force_reason)" "bucket is made private by ticket OPS-12" "force_reason of #3"
run history deploy history --env prod --format json
python3 -c "import json; d=json.load(open('history.out')); assert d[0]['force_reason']=='bucket is made private by ticket OPS-12', d[0]" || fail "force reason in history"
echo "PASS"
