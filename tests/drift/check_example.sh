#!/usr/bin/env bash
# Drift on one example in one environment, through the binary:
#   1. generate --tf-format json, turn main.tf.json into a v4 state with
#      state_from_rendered.py -> drift says in sync, exit 0;
#   2. one attribute changed in the state -> exactly one `changed` finding
#      with that path, exit 1;
#   3. one resource deleted -> exactly one `missing`; one added -> exactly
#      one `unmanaged` (and none with --only-managed);
#   4. an ignore entry for the changed path hides exactly it (exit 0, one
#      ignored); the same entry expired hides nothing and says so;
#   5. a reference (`vpc_id = aws_vpc.vpc.id`) holding another object's id
#      is exactly one finding; JSON documents in strings re-indented with
#      sorted keys (as providers return policies) are still in sync.
#
# Usage: check_example.sh DHARMA EXAMPLE.yaml ENV|- VALUES.yaml SCRATCH
set -u
dharma=$1 example=$2 env=$3 values=$4 scratch=$5
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 2
args=(--values "$values")
if [[ $env != - ]]; then args+=(--env "$env"); fi
failed=0
fail() { echo "FAIL: $*"; failed=1; }

"$dharma" generate "$example" "${args[@]}" --target terraform --tf-format json --out gen >generate.out 2>&1 ||
  { cat generate.out; echo "FAIL: generate"; exit 1; }
python3 "$here/state_from_rendered.py" gen/terraform/main.tf.json gen/terraform/variables.tf.json >state.tfstate ||
  { echo "FAIL: state_from_rendered.py"; exit 1; }

# drift_json NAME STATE [FLAGS...]: runs drift --format json into NAME.json; echoes the exit code.
drift_json() {
  local name=$1 state=$2; shift 2
  "$dharma" drift "$example" "${args[@]}" --state "$state" --format json "$@" >"$name.json" 2>"$name.err"
  echo $?
}
# summary NAME: "changed missing unmanaged ignored" from NAME.json
summary() {
  python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["changed"], s["missing"], s["unmanaged"], s["ignored"])' "$1.json"
}

status=$(drift_json in-sync state.tfstate)
[[ $status == 0 ]] || { fail "in sync: exit $status"; cat in-sync.err; python3 -m json.tool in-sync.json | head -60; }
[[ $(summary in-sync) == "0 0 0 0" ]] || fail "in sync: summary $(summary in-sync)"
"$dharma" drift "$example" "${args[@]}" --state state.tfstate >in-sync.txt 2>&1
grep -q "^drift: in sync: 0 changed, 0 missing, 0 unmanaged; [0-9]* in sync; 0 ignored$" in-sync.txt ||
  { fail "in sync: text report"; cat in-sync.txt; }

# The first resource's first literal scalar the blueprint states (not a template, not computed).
python3 - gen/terraform/main.tf.json state.tfstate <<'PY' >changed.meta
import json, sys
rendered = json.load(open(sys.argv[1]))["resource"]
state = json.load(open(sys.argv[2]))
for resource in state["resources"]:
    if resource["mode"] != "managed":
        continue
    body = rendered[resource["type"]][resource["name"]]
    for key, value in body.items():
        if key in ("count", "depends_on", "name", "name_prefix") or not isinstance(value, (str, int)) or isinstance(value, bool):
            continue
        if isinstance(value, str) and "${" in value:
            continue
        resource["instances"][0]["attributes"][key] = "changed-by-hand" if isinstance(value, str) else value + 7
        address = resource["type"] + "." + resource["name"] + ("[0]" if "index_key" in resource["instances"][0] else "")
        json.dump(state, open("changed.tfstate", "w"))
        print(address, key)
        sys.exit(0)
sys.exit("no literal attribute found")
PY
read -r changed_address changed_path <changed.meta
status=$(drift_json changed changed.tfstate)
[[ $status == 1 ]] || fail "changed: exit $status"
[[ $(summary changed) == "1 0 0 0" ]] || fail "changed: summary $(summary changed)"
python3 -c 'import json,sys; f=json.load(open("changed.json"))["findings"]; assert len(f)==1 and f[0]["address"]==sys.argv[1] and [c["path"] for c in f[0]["changes"]]==[sys.argv[2]], f' \
  "$changed_address" "$changed_path" || fail "changed: not exactly $changed_address $changed_path"

python3 - state.tfstate <<'PY' >edited.meta
import json, sys, copy
state = json.load(open(sys.argv[1]))
managed = [r for r in state["resources"] if r["mode"] == "managed"]
last = managed[-1]
deleted = copy.deepcopy(state)
deleted["resources"] = [r for r in state["resources"] if r is not last]
json.dump(deleted, open("deleted.tfstate", "w"))
added = copy.deepcopy(state)
extra = copy.deepcopy(managed[0])
extra["name"] = "made_by_hand"
added["resources"].append(extra)
json.dump(added, open("added.tfstate", "w"))
print(last["type"] + "." + last["name"] + ("[0]" if "index_key" in last["instances"][0] else ""), len(last["instances"]))
print(extra["type"] + ".made_by_hand" + ("[0]" if "index_key" in extra["instances"][0] else ""), len(extra["instances"]))
PY
{ read -r deleted_address deleted_count; read -r added_address added_count; } <edited.meta
status=$(drift_json deleted deleted.tfstate)
[[ $status == 1 && $(summary deleted) == "0 $deleted_count 0 0" ]] || fail "deleted: exit $status, summary $(summary deleted)"
python3 -c 'import json,sys; f=json.load(open("deleted.json"))["findings"]; assert f[0]["address"]==sys.argv[1] and f[0]["status"]=="missing", f' \
  "$deleted_address" || fail "deleted: $deleted_address not missing"
status=$(drift_json added added.tfstate)
[[ $status == 1 && $(summary added) == "0 0 $added_count 0" ]] || fail "added: exit $status, summary $(summary added)"
python3 -c 'import json,sys; f=json.load(open("added.json"))["findings"]; assert f[0]["address"]==sys.argv[1] and f[0]["status"]=="unmanaged", f' \
  "$added_address" || fail "added: $added_address not unmanaged"
status=$(drift_json added-managed added.tfstate --only-managed)
[[ $status == 0 ]] || fail "--only-managed: exit $status"

cat >ignore.yaml <<IGN
ignore:
  - address: '$changed_address'
    path: $changed_path
    reason: changed by hand on purpose in this test
    expires: 2999-12-31
IGN
status=$(drift_json ignored changed.tfstate --ignore ignore.yaml)
[[ $status == 0 && $(summary ignored) == "0 0 0 1" ]] || fail "ignored: exit $status, summary $(summary ignored)"
sed -i 's/2999-12-31/2001-01-01/' ignore.yaml
status=$(drift_json expired changed.tfstate --ignore ignore.yaml)
[[ $status == 1 && $(summary expired) == "1 0 0 0" ]] || fail "expired: exit $status, summary $(summary expired)"
grep -q "expired on 2001-01-01 and no longer hides drift" expired.json || fail "expired: no note"

# A reference pointing at another object is drift; policies reformatted by the provider are not.
python3 - state.tfstate <<'PY' >reference.meta
import json, re, sys
state = json.load(open(sys.argv[1]))
rendered = json.load(open("gen/terraform/main.tf.json"))["resource"]
reformatted, found = json.loads(json.dumps(state)), None
for resource in reformatted["resources"]:
    for instance in resource["instances"]:
        for key, value in instance["attributes"].items():
            if isinstance(value, str) and value.startswith("{"):
                try:
                    instance["attributes"][key] = json.dumps(json.loads(value), indent=2, sort_keys=True)
                except ValueError:
                    pass
json.dump(reformatted, open("reformatted.tfstate", "w"))
for resource in state["resources"]:
    if resource["mode"] != "managed" or found:
        continue
    body = rendered[resource["type"]][resource["name"]]
    for key, value in body.items():
        if isinstance(value, str) and re.fullmatch(r"\$\{[a-z0-9_]+\.[a-z0-9_]+\.id\}", value):
            resource["instances"][0]["attributes"][key] = "id-of-another-object"
            found = (resource["type"] + "." + resource["name"] + ("[0]" if "index_key" in resource["instances"][0] else ""), key)
            break
json.dump(state, open("reference.tfstate", "w"))
print(*found)
PY
read -r reference_address reference_path <reference.meta
status=$(drift_json reference reference.tfstate)
[[ $status == 1 && $(summary reference) == "1 0 0 0" ]] || fail "reference: exit $status, summary $(summary reference)"
python3 -c 'import json,sys; f=json.load(open("reference.json"))["findings"]; assert f[0]["address"]==sys.argv[1] and [c["path"] for c in f[0]["changes"]]==[sys.argv[2]], f' \
  "$reference_address" "$reference_path" || fail "reference: not exactly $reference_address $reference_path"
status=$(drift_json reformatted reformatted.tfstate)
[[ $status == 0 ]] || fail "JSON documents reformatted: exit $status, summary $(summary reformatted)"

if ((failed)); then exit 1; fi
echo "ok: in sync; $changed_address $changed_path changed; $reference_address $reference_path points elsewhere;" \
  "$deleted_address missing; $added_address unmanaged; ignore rules; reformatted JSON in sync"
