# `dharma drift --recorded` against the real stack: the version the store
# says runs in prod (the last successful deployments row) against the
# blueprint, alone and with --state for the three-way verdict; the report
# stored in drift_reports with first-seen times ("drifted since"); the
# latest pushed version when nothing is deployed; another tenant sees
# nothing; an unreachable store is exit 3.
#
# The deploy of version 1 is recorded by inserting the environments and
# deployments rows with SQL (V005's columns only, which the deploy journal of
# V014 keeps), so this test needs no load balancer; test_deploy_haproxy.sh
# runs `drift --recorded` after a real `dharma deploy blue-green`.
source "$(dirname "$0")/lib.sh"
new_database driftrec
run migrate db migrate
expect_status 0 migrate
owner_sql "INSERT INTO tenants (slug, name) VALUES ('alpha', 'Alpha'), ('beta', 'Beta')" >/dev/null
export DHARMA_TENANT=alpha
alpha=$(owner_sql "SELECT id FROM tenants WHERE slug = 'alpha'")
beta=$(owner_sql "SELECT id FROM tenants WHERE slug = 'beta'")
as_tenant() {  # as_tenant TENANT_ID SQL — one transaction with the tenant set (row-level security)
  psql -X -q -v ON_ERROR_STOP=1 -tA "$DIRECT_URL" -c "BEGIN; SET LOCAL dharma.tenant_id = '$1'; $2; COMMIT;" ||
    fail "SQL as tenant $1 failed: $2"
}

write_blueprint() {  # write_blueprint FILE EXTRA_INGRESS
  cat >"$1" <<YAML
apiVersion: dharma/v1
kind: Blueprint
metadata: {name: shop, owner: team-web}
provider: aws
region: us-east-1
resources:
  - name: vpc
    type: network.vpc
    properties: {cidr: 10.0.0.0/16}
  - name: web
    type: network.security_group
    properties:
      vpc: "\${vpc.id}"
      ingress:
        - {port: 443, cidrs: [0.0.0.0/0], description: https}$2
  - name: assets
    type: storage.bucket
    properties: {name: shop-assets}
environments:
  prod:
    parameters: {}
YAML
}
mkdir v1 v2
write_blueprint v1/shop.yaml ""
write_blueprint v2/shop.yaml $'\n        - {port: 80, cidrs: [0.0.0.0/0], description: http}'

run push1 blueprint push v1/shop.yaml --project web
expect_status 0 push1
expect_in push1.out "version 1"
as_tenant "$alpha" "INSERT INTO environments (tenant_id, project_id, name) SELECT tenant_id, id, 'prod' FROM projects;
           INSERT INTO deployments (tenant_id, environment_id, blueprint_version_id, color, status, started_by,
                                    finished_at)
           SELECT e.tenant_id, e.id, v.id, 'blue', 'succeeded', 'test', now() - interval '1 day'
             FROM environments e, blueprint_versions v WHERE v.version = 1" >/dev/null

# What runs is exactly version 1: a state built from its rendering.
run gen1 generate v1/shop.yaml --env prod --target terraform --tf-format json --out gen1
expect_status 0 gen1
python3 "$repo/tests/drift/state_from_rendered.py" gen1/terraform/main.tf.json gen1/terraform/variables.tf.json \
  >v1.tfstate || fail "state_from_rendered.py"

run same drift v1/shop.yaml --env prod --recorded --state v1.tfstate
expect_status 0 same
expect_in same.out "recorded: prod runs version 1 (sha256 "
expect_in same.out "the blueprint is version 1: 0 resources changed, 0 added, 0 removed since"

# Version 2 adds an ingress rule; prod still runs version 1.
run push2 blueprint push v2/shop.yaml --project web
expect_status 0 push2
expect_in push2.out "version 2"
run moved drift v2/shop.yaml --env prod --recorded
expect_status 1 moved
expect_in moved.out "changed    aws_security_group.web  [medium]  not applied yet"
expect_in moved.out "the blueprint is version 2: 1 resource changed, 0 added, 0 removed since"
grep -q "aws_s3_bucket" moved.out && fail "an untouched resource is reported: $(cat moved.out)"

run pending drift v2/shop.yaml --env prod --recorded --state v1.tfstate
expect_status 1 pending
expect_in pending.out "aws_security_group.web  [critical]  not applied yet"
expect_eq "$(grep -c '^changed' pending.out)" 1 "findings with the state of version 1"

# Someone tags the bucket by hand and opens SSH on the security group.
python3 - v1.tfstate >hand.tfstate <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
for resource in state["resources"]:
    attributes = resource["instances"][0]["attributes"]
    if resource["type"] == "aws_s3_bucket":
        attributes["tags"] = dict(attributes.get("tags") or {}, owner="someone-at-2am")
    if resource["type"] == "aws_security_group":
        attributes["ingress"].append({"cidr_blocks": ["0.0.0.0/0"], "description": "ssh", "from_port": 22,
                                      "protocol": "tcp", "to_port": 22})
json.dump(state, sys.stdout)
PY
run outside drift v2/shop.yaml --env prod --recorded --state hand.tfstate
expect_status 1 outside
expect_in outside.out "aws_s3_bucket.assets  [low]  changed outside IaC  "
expect_in outside.out "aws_security_group.web  [critical]  changed outside IaC and not applied yet"
grep -q "drifted since" outside.out && fail "a first run says drifted since: $(cat outside.out)"

# The same findings again: first seen by the run before (today, in UTC).
today=$(owner_sql "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')")
run again drift v2/shop.yaml --env prod --recorded --state hand.tfstate --format json
expect_status 1 again
python3 - again.out "$today" <<'PY' || fail "repeat run: $(cat again.out)"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["recorded"].startswith("prod runs version 1"), report["recorded"]
since = {f["address"]: (f["verdict"], f["drifted_since"]) for f in report["findings"]}
assert since["aws_s3_bucket.assets"] == ("changed outside IaC", sys.argv[2]), since
assert since["aws_security_group.web"] == ("changed outside IaC and not applied yet", sys.argv[2]), since
PY
run again_text drift v2/shop.yaml --env prod --recorded --state hand.tfstate
expect_in again_text.out "changed outside IaC  drifted since $today"
expect_eq "$(as_tenant "$alpha" "SELECT count(*) FROM drift_reports WHERE source = 'recorded' AND drifted")" 5 \
  "alpha's stored drifted reports"
expect_eq "$(as_tenant "$beta" "SELECT count(*) FROM drift_reports")" 0 "beta's stored reports"

# Version 2 deployed: the bucket tag is still drift, the rule is applied.
as_tenant "$alpha" "INSERT INTO deployments (tenant_id, environment_id, blueprint_version_id, color, status, started_by, finished_at)
           SELECT e.tenant_id, e.id, v.id, 'green', 'succeeded', 'test', now()
             FROM environments e, blueprint_versions v WHERE v.version = 2" >/dev/null
run deployed drift v2/shop.yaml --env prod --recorded
expect_status 0 deployed
expect_in deployed.out "prod runs version 2"

# No deploy recorded for the blueprint without an environment: the latest pushed version.
run latest drift v1/shop.yaml --recorded
expect_status 1 latest
expect_in latest.out "no successful deploy of this blueprint is recorded; the latest pushed version is 2 (sha256 "
expect_in latest.out "the blueprint is version 1: 1 resource changed"

# Another tenant sees nothing of alpha's.
run other drift v2/shop.yaml --env prod --recorded --tenant beta
expect_status 2 other
expect_in other.err "no stored blueprint 'shop'"
run other_project drift v2/shop.yaml --env prod --recorded --tenant beta --project web
expect_status 2 other_project
expect_in other_project.err "web/shop has no stored version for this tenant"

# The store unreachable: exit 3.
DHARMA_DATABASE_URL="postgresql://dharma_app@127.0.0.1:1/none?connect_timeout=2" run down drift v2/shop.yaml --env prod --recorded --no-cache
expect_status 3 down
no_password_in ./*.out ./*.err
echo "ok: recorded version, not applied yet, changed outside IaC, drifted since, latest pushed, tenant isolation, store down"
