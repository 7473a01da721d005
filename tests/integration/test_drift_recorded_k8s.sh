# `dharma drift --recorded --k8s` against the real stack: the three-way
# verdict for Kubernetes objects. Version 1 of the blueprint is recorded as
# deployed in prod, its objects as the API server returns them
# (tests/cli/cases/drift-k8s-in-sync/objects.json: managedFields, status,
# defaults) are in sync; version 2 moves the image on → "not applied yet";
# a label added by hand → "changed outside IaC"; an image edited by hand on
# top of version 2's change → both. The deploy is recorded with SQL, as in
# test_drift_recorded.sh.
source "$(dirname "$0")/lib.sh"
new_database driftk8s
run migrate db migrate
expect_status 0 migrate
owner_sql "INSERT INTO tenants (slug, name) VALUES ('alpha', 'Alpha')" >/dev/null
export DHARMA_TENANT=alpha
alpha=$(owner_sql "SELECT id FROM tenants WHERE slug = 'alpha'")
as_tenant() {  # as_tenant TENANT_ID SQL — one transaction with the tenant set (row-level security)
  psql -X -q -v ON_ERROR_STOP=1 -tA "$DIRECT_URL" -c "BEGIN; SET LOCAL dharma.tenant_id = '$1'; $2; COMMIT;" ||
    fail "SQL as tenant $1 failed: $2"
}

cases=$repo/tests/cli/cases/drift-k8s-in-sync
mkdir v1 v2
{ cat "$cases/app.yaml"; printf 'environments:\n  prod:\n    parameters: {}\n'; } >v1/app.yaml
sed 's|image: ghcr.io/acme/web:1.4.2|image: ghcr.io/acme/web:1.5.0|' v1/app.yaml >v2/app.yaml
cmp -s v1/app.yaml v2/app.yaml && fail "version 2 does not differ from version 1"
cp "$cases/objects.json" v1-objects.json

run push1 blueprint push v1/app.yaml --project web
expect_status 0 push1
as_tenant "$alpha" "INSERT INTO environments (tenant_id, project_id, name) SELECT tenant_id, id, 'prod' FROM projects;
           INSERT INTO deployments (tenant_id, environment_id, blueprint_version_id, color, status, started_by,
                                    finished_at)
           SELECT e.tenant_id, e.id, v.id, 'blue', 'succeeded', 'test', now() - interval '1 day'
             FROM environments e, blueprint_versions v WHERE v.version = 1" >/dev/null

run same drift v1/app.yaml --env prod --recorded --k8s v1-objects.json
expect_status 0 same
expect_in same.out "recorded: prod runs version 1 (sha256 "
expect_in same.out "the blueprint is version 1: 0 resources changed, 0 added, 0 removed since"

# Version 2 moves the image on; prod still runs version 1's objects.
run push2 blueprint push v2/app.yaml --project web
expect_status 0 push2
run pending drift v2/app.yaml --env prod --recorded --k8s v1-objects.json
expect_status 1 pending
expect_in pending.out "changed    Deployment/shop/web  [high]  not applied yet"
expect_in pending.out "the blueprint is version 2: 1 resource changed, 0 added, 0 removed since"
expect_eq "$(grep -c '^changed' pending.out)" 1 "findings with version 1's objects"

# By hand: a label on the Service, and the Deployment's image edited.
python3 - v1-objects.json >hand.json <<'PY'
import json, sys
objects = json.load(open(sys.argv[1]))
for item in objects["items"]:
    if item["kind"] == "Service":
        item["metadata"].setdefault("labels", {})["edited-by"] = "kubectl-edit"
    if item["kind"] == "Deployment":
        item["spec"]["template"]["spec"]["containers"][0]["image"] = "ghcr.io/acme/web:1.4.3-hotfix"
json.dump(objects, sys.stdout)
PY
run outside drift v2/app.yaml --env prod --recorded --k8s hand.json
expect_status 1 outside
expect_in outside.out "Service/shop/web  [low]  changed outside IaC  "
expect_in outside.out "Deployment/shop/web  [high]  changed outside IaC and not applied yet"
expect_eq "$(as_tenant "$alpha" "SELECT count(*) FROM drift_reports WHERE source = 'recorded' AND drifted")" 2 \
  "stored drifted reports"

# --k8s and --state together stay refused.
run both drift v2/app.yaml --env prod --recorded --k8s hand.json --state none.tfstate
expect_status 2 both
expect_in both.err "give --state or --k8s, not both"
no_password_in ./*.out ./*.err
echo "ok: --recorded --k8s: in sync, not applied yet, changed outside IaC, both"
