# `dharma tenant export|import`: export, hard-remove the tenant, import: a
# second export is byte-identical to the first; importing again changes
# nothing; a document whose rows name another tenant is refused by RLS; a
# slug taken by another tenant is refused; a malformed file is exit 2.
source "$(dirname "$0")/lib.sh"
new_database texport
run migrate db migrate
expect_status 0 migrate
run create tenant create acme --name "Acme" --region ap-south-1
expect_status 0 create
run quota tenant quota set acme --users 7 --storage-gb 3
expect_status 0 quota
cp "$repo/examples/aws-web-app.yaml" web.yaml
run push1 blueprint push web.yaml --project shop --tenant acme --set db_password=x --set cache_auth_token=test-token-0123456789
expect_status 0 push1
echo "# two" >>web.yaml
run push2 blueprint push web.yaml --project shop --tenant acme --set db_password=x --set cache_auth_token=test-token-0123456789
run push3 blueprint push web.yaml --project edge --tenant acme --set db_password=x --set cache_auth_token=test-token-0123456789
expect_status 0 push3

run export1 tenant export acme --out first.json
expect_status 0 export1
python3 -c 'import json; d=json.load(open("first.json")); assert len(d["projects"]) == 2 and len(d["blueprint_versions"]) == 3 and d["tenant"]["max_users"] == 7, d.keys()' \
  || fail "export content"
run export_again tenant export acme
cmp -s export_again.out first.json || fail "two exports of the same data differ"

# Remove the tenant entirely (owner, cascade), then import it back.
A=$(owner_sql "SELECT id FROM tenants WHERE slug = 'acme'")
owner_sql "DELETE FROM tenants WHERE slug = 'acme'" >/dev/null
# Rows changed behind dharma's back: the cached tenant would live on for up
# to 30 s (docs/state.md, "Caching"). An operator runs `dharma cache flush`;
# this test removes just acme's keys, so tests running beside it keep theirs.
redis_port=$(sed -E 's#.*:([0-9]+)(/.*)?$#\1#' <<<"$DHARMA_REDIS_URL")
for pattern in "dharma:v1:t:*.$A:*" "dharma:v1:g:tenant-id:*/acme"; do
  redis-cli -h 127.0.0.1 -p "$redis_port" --scan --pattern "$pattern" |
    xargs -r redis-cli -h 127.0.0.1 -p "$redis_port" DEL >/dev/null
done
run gone tenant show acme
expect_status 2 gone
run import1 tenant import first.json
expect_status 0 import1
expect_in import1.out "imported tenant acme: created, 7 new row(s)"
run export2 tenant export acme --out second.json
expect_status 0 export2
cmp -s first.json second.json || { diff first.json second.json | head -20 >&2; fail "import did not reproduce the tenant"; }
run pull blueprint pull "$(sed -nE 's/^  name: *([a-z0-9._-]+).*/\1/p' web.yaml | head -1)" --project shop --tenant acme
cmp -s pull.out web.yaml || fail "pull after import"

run import2 tenant import first.json
expect_status 0 import2
expect_in import2.out "already present, 0 new row(s)"
run export3 tenant export acme --out third.json
cmp -s first.json third.json || fail "a second import changed the tenant"

# A row smuggled in for another tenant is refused, and nothing of the document lands.
run create_b tenant create beta --name Beta
B=$(owner_sql "SELECT id FROM tenants WHERE slug = 'beta'")
python3 - "$B" <<'PY' || fail "could not build the forged document"
import json, sys, uuid
d = json.load(open("first.json"))
d["tenant"]["id"] = str(uuid.uuid4()); d["tenant"]["slug"] = "forged"
d["projects"] = [dict(d["projects"][0], id=str(uuid.uuid4()), tenant_id=sys.argv[1], name="evil")]
for k in ("environments", "users", "blueprints", "blueprint_versions"): d[k] = []
json.dump(d, open("forged.json", "w"))
PY
run forged tenant import forged.json
expect_status 4 forged
expect_in forged.err "row-level security"
expect_eq "$(owner_sql "SELECT count(*) FROM tenants WHERE slug = 'forged'")" 0 "forged tenant"

python3 -c 'import json, uuid; d=json.load(open("first.json")); d["tenant"]["id"]=str(uuid.uuid4()); json.dump(d, open("taken.json","w"))'
run taken tenant import taken.json
expect_status 4 taken
echo '{"format": "something-else"}' >bad.json
run bad tenant import bad.json
expect_status 2 bad
expect_in bad.err "not a dharma tenant export"
run missing tenant import nope.json
expect_status 2 missing

# A document that breaks what an export promises is refused as a whole
# (exit 2, nothing written): a source that does not match its content hash
# (pull would return content that history vouches for with another hash),
# version numbers with a gap, a latest_version that is not the last version,
# an id used twice, a name the store would refuse.
forge() {  # forge NAME PYTHON — first.json as a new tenant NAME, edited by PYTHON (d is the document)
  python3 - "$1" "$2" <<'PY' || fail "could not build $1.json"
import json, sys, uuid
name, edit = sys.argv[1], sys.argv[2]
d = json.load(open("first.json"))
tenant = str(uuid.uuid4())
d["tenant"]["id"] = tenant; d["tenant"]["slug"] = name
ids = {}
def fresh(old):
    return ids.setdefault(old, str(uuid.uuid4()))
for table in ("projects", "environments", "users", "blueprints", "blueprint_versions"):
    for row in d[table]:
        row["id"] = fresh(row["id"]); row["tenant_id"] = tenant
        for key in ("project_id", "blueprint_id", "environment_id"):
            if key in row and row[key]: row[key] = fresh(row[key])
exec(edit)
json.dump(d, open(name + ".json", "w"))
PY
}
expect_refused() {  # expect_refused NAME TEXT — importing NAME.json is exit 2 saying TEXT, and writes nothing
  run "$1" tenant import "$1.json"
  expect_status 2 "$1"
  expect_in "$1.err" "refusing to import tenant '$1'"
  expect_in "$1.err" "nothing was imported"
  expect_in "$1.err" "$2"
  expect_eq "$(owner_sql "SELECT count(*) FROM tenants WHERE slug = '$1'")" 0 "$1: tenant rows"
  expect_eq "$(owner_sql "SELECT count(*) FROM blueprint_versions v JOIN tenants t ON t.id = v.tenant_id WHERE t.slug = '$1'")" 0 "$1: versions"
}
forge honest 'pass'
run honest tenant import honest.json
expect_status 0 honest
forge tampered 'd["blueprint_versions"][0]["source_yaml"] += "# injected\n"'
expect_refused tampered "the source does not match its content_hash"
forge tampered-size 'd["blueprint_versions"][0]["size_bytes"] += 1'
expect_refused tampered-size "size_bytes is not the size of the source"
forge gap 'v = [r for r in d["blueprint_versions"] if r["version"] == 2][0]; v["version"] = 3
for b in d["blueprints"]:
    if b["id"] == v["blueprint_id"]: b["latest_version"] = 3'
expect_refused gap "has versions with gaps"
forge latest 'd["blueprints"][0]["latest_version"] += 5'
expect_refused latest "says its latest_version is"
forge twice 'd["blueprint_versions"].append(dict(d["blueprint_versions"][0]))'
expect_refused twice "repeats id"
forge orphan 'd["blueprint_versions"][0]["blueprint_id"] = "00000000-0000-0000-0000-000000000000"'
expect_refused orphan "belongs to no blueprint in the document"
forge bad-name 'd["projects"][0]["name"] = "../../etc/passwd"'
expect_refused bad-name "is not a valid name"
echo "ok"
