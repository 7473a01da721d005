# Read-through caching of tenant data and blueprint versions (issue 7):
#  * quota and usage are served from the cache — a row changed behind
#    dharma's back stays hidden until --no-cache or the TTL — and every write
#    through dharma (quota set, update, push, delete) is seen at once;
#  * a pinned pull is served from Redis, byte-identical, and --no-cache reads
#    PostgreSQL; --no-cache writes still invalidate;
#  * two databases sharing one Redis never share keys, even for one tenant
#    imported into both with the same id and different content.
source "$(dirname "$0")/lib.sh"
new_database cachert
[[ -n ${DHARMA_REDIS_URL:-} ]] || fail "DHARMA_REDIS_URL not set"
redis_port=$(sed -E 's#.*:([0-9]+)(/.*)?$#\1#' <<<"$DHARMA_REDIS_URL")
rcli() { redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
usage_of() { python3 -c 'import json,sys; print(int({r["quota"]: r for r in json.load(open(sys.argv[1]))}[sys.argv[2]]["used"]))' "$1" "$2"; }
as_tenant() { psql -X -q -v ON_ERROR_STOP=1 -tA "$DIRECT_URL" -c "BEGIN" -c "SET LOCAL dharma.tenant_id = '$1'" -c "$2" -c "COMMIT" >/dev/null; }

run migrate db migrate
expect_status 0 migrate
run create tenant create acme --name Acme
expect_status 0 create
A=$(owner_sql "SELECT id FROM tenants WHERE slug = 'acme'")

# Quotas: cached on first read, stale to a change behind dharma's back,
# fresh with --no-cache, and fresh at once after `quota set`.
run q1 tenant quota show acme --format json
expect_eq "$(json_field q1.out blueprints)" 100 "default blueprint quota"
(($(rcli --scan --pattern "dharma:v1:t:*.$A:tenant:row" | wc -l) == 1)) || fail "the tenant row is not cached"
owner_sql "UPDATE tenants SET max_blueprints = 55 WHERE id = '$A'" >/dev/null
run q2 tenant quota show acme --format json
expect_eq "$(json_field q2.out blueprints)" 100 "cached quota (changed behind dharma's back)"
run q3 tenant quota show acme --format json --no-cache
expect_eq "$(json_field q3.out blueprints)" 55 "--no-cache reads PostgreSQL"
run set tenant quota set acme --blueprints 7
expect_status 0 set
run q4 tenant quota show acme --format json
expect_eq "$(json_field q4.out blueprints)" 7 "quota right after quota set"
run rename tenant update acme --name "Acme Two"
run show tenant show acme --format json
expect_eq "$(json_field show.out name)" "Acme Two" "name right after update"

# Usage: cached, and a push that stores new rows removes it.
blueprint_named() {  # blueprint_named NAME — the smallest valid blueprint
  printf 'apiVersion: dharma/v1\nkind: Blueprint\nmetadata:\n  name: %s\n  owner: team-a\nprovider: kubernetes\nresources: []\n' "$1"
}
blueprint_named web >web.yaml
run u1 tenant usage acme --format json
expect_eq "$(usage_of u1.out blueprints)" 0 "blueprints before the push"
as_tenant "$A" "INSERT INTO projects (tenant_id, name, created_by) VALUES ('$A', 'hidden', 'sql')"
run u2 tenant usage acme --format json
expect_eq "$(usage_of u2.out projects)" 0 "cached usage (a row added behind dharma's back)"
run push blueprint push web.yaml --project shop --tenant acme
expect_status 0 push
run u3 tenant usage acme --format json
expect_eq "$(usage_of u3.out blueprints)" 1 "blueprints right after the push"
expect_eq "$(usage_of u3.out projects)" 2 "projects after the push (the push dropped the cached usage)"

# Pinned pulls: the second is served from Redis, both byte-identical; with
# --no-cache the version is read from PostgreSQL even when the cache holds it.
run pull1 blueprint pull web@1 --project shop --tenant acme
expect_status 0 pull1
cmp -s pull1.out web.yaml || fail "first pull differs from the file pushed"
(($(rcli --scan --pattern "dharma:v1:t:*.$A:bpsrc:*" | wc -l) == 1)) || fail "the content is not cached by hash"
key=$(rcli --scan --pattern "dharma:v1:t:*.$A:bpsrc:*")
rcli SET "$key" "poisoned" >/dev/null  # proves which path served the read
run pull2 blueprint pull web@1 --project shop --tenant acme
expect_eq "$(cat pull2.out)" "poisoned" "the second pull came from the cache"
run pull3 blueprint pull web@1 --project shop --tenant acme --no-cache
cmp -s pull3.out web.yaml || fail "--no-cache pull did not read PostgreSQL"
rcli DEL "$key" >/dev/null
run pull4 blueprint pull web@1 --project shop --tenant acme
cmp -s pull4.out web.yaml || fail "a pull after the key was removed"

# --no-cache writes still invalidate: a list cached before a --no-cache push is gone after it.
run list1 blueprint list --tenant acme --format json
(($(rcli --scan --pattern "dharma:v1:t:*.$A:bplist:*" | wc -l) >= 1)) || fail "the list is not cached"
blueprint_named api >api.yaml
run push_nc blueprint push api.yaml --project shop --tenant acme --no-cache
expect_status 0 push_nc
run list2 blueprint list --tenant acme --format json
python3 -c 'import json,sys; assert sorted(b["name"] for b in json.load(open("list2.out"))) == ["api", "web"]' \
  || fail "the list after a --no-cache push is stale"

# Delete: the slug stops resolving at once, though it was cached.
run del tenant delete acme
expect_status 0 del
run gone tenant show acme
expect_status 2 gone

# Two databases, one Redis, one tenant id: each database's pull returns its own bytes.
run create_b tenant create beta --name Beta
run push_b blueprint push web.yaml --project shop --tenant beta
run export tenant export beta --out beta.json
expect_status 0 export
run pull_b blueprint pull web@1 --project shop --tenant beta
first_db_url=$DHARMA_DATABASE_URL first_migration=$DHARMA_DATABASE_MIGRATION_URL first_direct=$DHARMA_DATABASE_DIRECT_URL
SECOND_DB="${TEST_DB}_b"
psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" -c "CREATE DATABASE $SECOND_DB" >/dev/null || fail "second database"
trap 'drop_database; psql -X -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $SECOND_DB WITH (FORCE)" >/dev/null 2>&1' EXIT
export DHARMA_DATABASE_URL=$(url_for "$first_db_url" "$SECOND_DB")
export DHARMA_DATABASE_MIGRATION_URL=$(url_for "$first_migration" "$SECOND_DB")
export DHARMA_DATABASE_DIRECT_URL=$(url_for "$first_direct" "$SECOND_DB")
run migrate_b db migrate
expect_status 0 migrate_b
python3 - beta.json <<'PY' || fail "editing the export"
import json, sys
doc = json.load(open(sys.argv[1]))
# The same tenant id and version number, other bytes: only the database tells them apart.
for version in doc["blueprint_versions"]:
    version["source_yaml"] = version["source_yaml"] + "# second database\n"
    version["content_hash"] = __import__("hashlib").sha256(version["source_yaml"].encode()).hexdigest()
    version["size_bytes"] = len(version["source_yaml"].encode())
json.dump(doc, open(sys.argv[1], "w"))
PY
run import_b tenant import beta.json
expect_status 0 import_b
run pull_b2 blueprint pull web@1 --project shop --tenant beta
expect_status 0 pull_b2
expect_in pull_b2.out "# second database"
cmp -s pull_b2.out pull_b.out && fail "the second database's pull was served the first database's cache"
echo "ok"
