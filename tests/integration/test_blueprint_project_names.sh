# Stored blueprints are named as `blueprint list` prints them: PROJECT/NAME
# (with @VERSION where a version is meant) works for pull, history and diff;
# without a project, the one holding the name, or the tenant's only project,
# is used; a name in several projects is exit 2 listing the candidates.
source "$(dirname "$0")/lib.sh"
new_database bpnames
run migrate db migrate
expect_status 0 migrate
owner_sql "INSERT INTO tenants (slug, name) VALUES ('alpha', 'Alpha')" >/dev/null
export DHARMA_TENANT=alpha
cp "$repo/examples/k8s-platform.yaml" platform.yaml
name=$(sed -nE 's/^  name: *([a-z0-9._-]+).*/\1/p' platform.yaml | head -1)
[[ -n $name ]] || fail "no metadata.name in the example"

# One project: --project may be left out everywhere, also on the first push's successors.
run push1 blueprint push platform.yaml --project p1
expect_status 0 push1
sed 's/api_replicas: 3/api_replicas: 4/' platform.yaml >platform2.yaml
cmp -s platform.yaml platform2.yaml && fail "the edit changed nothing"
run push2 blueprint push platform2.yaml
expect_status 0 push2
expect_in push2.out "pushed p1/$name version 2"

run list blueprint list
expect_status 0 list
expect_in list.out "p1/$name"
run pull_listed blueprint pull "p1/$name"
expect_status 0 pull_listed
cmp -s pull_listed.out platform2.yaml || fail "pull p1/$name is not the latest version"
run pull_version blueprint pull "p1/$name@1"
expect_status 0 pull_version
cmp -s pull_version.out platform.yaml || fail "pull p1/$name@1 is not version 1"
run pull_bare blueprint pull "$name@1"
expect_status 0 pull_bare
cmp -s pull_bare.out platform.yaml || fail "pull $name@1 (one project) is not version 1"
run history blueprint history "p1/$name"
expect_status 0 history
expect_in history.out "v2"
run diff blueprint diff "p1/$name@1" "$name@2"
expect_status 0 diff
expect_in diff.out "p1/$name@1"
expect_in diff.out "p1/$name@2"

# The project in the name and --project must agree.
run conflict blueprint pull "p1/$name" --project p2
expect_status 2 conflict
expect_in conflict.err "--project says 'p2'"

# The same name in a second project: a bare name is ambiguous (exit 2, candidates listed) ...
run push_p2 blueprint push platform.yaml --project p2
expect_status 0 push_p2
run ambiguous blueprint pull "$name"
expect_status 2 ambiguous
expect_in ambiguous.err "is in 2 projects: p1/$name, p2/$name"
run ambiguous_push blueprint push platform.yaml
expect_status 2 ambiguous_push
# ... and PROJECT/NAME or --project picks one.
run pull_p2 blueprint pull "p2/$name"
expect_status 0 pull_p2
cmp -s pull_p2.out platform.yaml || fail "pull p2/$name"
run pull_flag blueprint pull "$name@2" --project p1
expect_status 0 pull_flag
cmp -s pull_flag.out platform2.yaml || fail "pull $name@2 --project p1"
run malformed blueprint pull "a/b/c"
expect_status 2 malformed
echo "ok: PROJECT/NAME references"
