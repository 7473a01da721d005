# `dharma cost` reading price catalogs through Redis (docs/cost.md, "Caching
# the price catalogs"), against the stack's Redis and a redis-server of its own:
#   * no Redis URL configured: no cache, no warning, nothing stored;
#   * first run with DHARMA_REDIS_URL stores the catalog's key (7-day TTL),
#     the second is a hit (the -v line), output byte-identical each time, also
#     through --redis-url and dharma.yaml `redis.url`, for diffs and
#     --compare-env, and with --no-cache;
#   * a corrupted value is a miss and is overwritten; an edited catalog is a
#     new key and its new prices are used, never the stale ones; an invalid
#     catalog is reported as without the cache and never stored;
#   * its own Redis stopped: same output, exit 0, exactly one warning (password
#     masked); started again: caching resumes;
#   * a malformed Redis URL is exit 2 naming where it came from.
# The catalogs are copies with a line unique to this run appended, so their
# keys are this test's own; they are deleted at the end.
source "$(dirname "$0")/lib.sh"
if [[ -z ${DHARMA_REDIS_URL:-} ]]; then
  [[ ${DHARMA_TEST_STRICT:-} == 1 ]] && fail "DHARMA_REDIS_URL not set: this test needs the stack (scripts/stack up)"
  echo "SKIPPED: DHARMA_REDIS_URL not set; start the stack (scripts/stack up) and eval \"\$(scripts/stack env)\"" >&2
  exit 77
fi
for tool in redis-server redis-cli sha256sum; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/bootstrap --test)"
done
stack_url=$DHARMA_REDIS_URL
unset DHARMA_REDIS_URL

# A data directory whose catalogs hash to keys nobody else uses.
home=$scratch/home
mkdir -p "$home/pricing"
for entry in "$repo"/*; do [[ $(basename "$entry") == pricing ]] || ln -s "$entry" "$home/"; done
for file in "$repo"/pricing/*.yaml; do
  cp "$file" "$home/pricing/" && echo "# test_cost_price_cache $$ $RANDOM$RANDOM" >>"$home/pricing/$(basename "$file")"
done
export DHARMA_HOME=$home
key_of() { echo "dharma:v1:g:prices:$1:$(sha256sum "$home/pricing/$1.yaml" | cut -d' ' -f1)"; }

own_pid=""
keys=()
cleanup() {
  ((${#keys[@]})) && redis-cli -u "$stack_url" DEL "${keys[@]}" >/dev/null 2>&1
  [[ -n $own_pid ]] && kill "$own_pid" 2>/dev/null && wait "$own_pid" 2>/dev/null
}
trap cleanup EXIT
for provider in aws azure gcp kubernetes; do keys+=("$(key_of "$provider")"); done
srcli() { redis-cli -u "$stack_url" "$@"; }

# name provider arguments...
cases=(
  "aws aws cost $repo/examples/aws-web-app.yaml --values $repo/tests/examples/aws-web-app.values.yaml --env prod --recommend --format json"
  "azure azure cost $repo/examples/azure-app.yaml --values $repo/tests/examples/azure-app.values.yaml --env dev --recommend"
  "gcp gcp cost $repo/examples/gcp-data-platform.yaml --values $repo/tests/examples/gcp-data-platform.values.yaml --env prod --format markdown"
  "k8s kubernetes cost $repo/examples/k8s-platform.yaml --env staging --format json"
  "cmp aws cost $repo/examples/aws-web-app.yaml --values $repo/tests/examples/aws-web-app.values.yaml --compare-env dev --env prod"
  "diff gcp cost diff $repo/examples/gcp-data-platform.yaml $repo/examples/gcp-data-platform.yaml --values $repo/tests/examples/gcp-data-platform.values.yaml --env prod"
)

same_output() {  # same_output NAME — stdout equals the uncached baseline
  cmp -s "$1.out" "base-$2.out" || { diff "base-$2.out" "$1.out" | head -20 >&2; fail "$1: output differs from the uncached run"; }
}
lookups() { grep -cE "cache (hit|miss)|unreadable" "$1.err"; }

for entry in "${cases[@]}"; do
  read -r name provider args <<<"$entry"
  # shellcheck disable=SC2086
  run "base-$name" $args
  expect_status 0 "base-$name"
  [[ -s base-$name.err ]] && { cat "base-$name.err" >&2; fail "$name: output on stderr without a cache"; }
  [[ $(srcli EXISTS "$(key_of "$provider")") == 0 ]] || [[ $name == cmp || $name == diff ]] ||
    fail "$name: a key was stored with no Redis URL configured"

  # shellcheck disable=SC2086
  DHARMA_REDIS_URL=$stack_url run "first-$name" -v $args
  expect_status 0 "first-$name"
  same_output "first-$name" "$name"
  # shellcheck disable=SC2086
  DHARMA_REDIS_URL=$stack_url run "second-$name" -v $args
  expect_status 0 "second-$name"
  same_output "second-$name" "$name"
  expect_in "second-$name.err" "cache hit ($(key_of "$provider"))"
  expect_eq "$(lookups "second-$name")" 1 "$name: catalog lookups in one run"
  # shellcheck disable=SC2086
  DHARMA_REDIS_URL=$stack_url run "nocache-$name" -v $args --no-cache
  expect_status 0 "nocache-$name"
  same_output "nocache-$name" "$name"
  expect_eq "$(lookups "nocache-$name")" 0 "$name: lookups with --no-cache"
  expect_in "nocache-$name.err" "dharma: price catalogs are not cached (--no-cache)"
done
expect_in first-aws.err "cache miss, parsed the file and cached it ($(key_of aws))"
ttl=$(srcli TTL "$(key_of aws)")
((ttl > 6 * 86400 && ttl <= 7 * 86400)) || fail "TTL of the aws catalog is $ttl s, expected about 7 days"
srcli GET "$(key_of aws)" | python3 -c 'import json, sys; assert json.load(sys.stdin)["format"] == 1' ||
  fail "the stored value is not the catalog's JSON"

# Through --redis-url and dharma.yaml instead of the environment.
read -r _ _ aws_args <<<"${cases[0]}"
# shellcheck disable=SC2086
run unconfigured -v $aws_args
expect_status 0 unconfigured && same_output unconfigured aws
expect_in unconfigured.err "price catalogs are not cached (no Redis URL configured"
# shellcheck disable=SC2086
run flag -v $aws_args --redis-url "$stack_url"
expect_status 0 flag && same_output flag aws && expect_in flag.err "cache hit"
printf 'redis:\n  url: %s\n' "$stack_url" >dharma.yaml
# shellcheck disable=SC2086
run config -v $aws_args
expect_status 0 config && same_output config aws && expect_in config.err "cache hit"
rm dharma.yaml

# A corrupted value is a miss, and is replaced by a good one.
srcli SET "$(key_of aws)" '{"format":1,"truncated' >/dev/null
# shellcheck disable=SC2086
DHARMA_REDIS_URL=$stack_url run corrupt -v $aws_args
expect_status 0 corrupt && same_output corrupt aws && expect_in corrupt.err "cached value unreadable"
# shellcheck disable=SC2086
DHARMA_REDIS_URL=$stack_url run repaired -v $aws_args
expect_status 0 repaired && same_output repaired aws && expect_in repaired.err "cache hit"

# An edited catalog is a new key: its new prices are used, never the cached ones.
old_key=$(key_of gcp)
sed -i '0,/n2-standard-8: [0-9.]*/s//n2-standard-8: 987.65/' "$home/pricing/gcp.yaml"  # us-central1, the prod nodes
keys+=("$(key_of gcp)")
[[ $(key_of gcp) != "$old_key" ]] || fail "editing the catalog did not change its key"
read -r _ _ gcp_args <<<"${cases[2]}"
# shellcheck disable=SC2086
run edited-uncached $gcp_args --no-cache
# shellcheck disable=SC2086
DHARMA_REDIS_URL=$stack_url run edited -v $gcp_args
expect_status 0 edited
expect_in edited.err "cache miss"
cmp -s edited.out edited-uncached.out || fail "the edited catalog priced differently with the cache"
cmp -s edited.out base-gcp.out && fail "the edited price did not change the gcp report (test setup)"
expect_eq "$(srcli EXISTS "$(key_of gcp)")" 1 "the edited catalog's key"

# An invalid catalog is reported from the file, exactly as without the cache, and never stored.
echo "bogus_key: 1" >>"$home/pricing/kubernetes.yaml"
keys+=("$(key_of kubernetes)")
read -r _ _ k8s_args <<<"${cases[3]}"
# shellcheck disable=SC2086
run invalid-uncached $k8s_args --no-cache
expect_status 2 invalid-uncached
expect_in invalid-uncached.err "unknown key 'bogus_key'"
# shellcheck disable=SC2086
DHARMA_REDIS_URL=$stack_url run invalid $k8s_args
expect_status 2 invalid
cmp -s invalid.err invalid-uncached.err || fail "an invalid catalog is reported differently with the cache"
expect_eq "$(srcli EXISTS "$(key_of kubernetes)")" 0 "an invalid catalog was stored"

# Redis down: the same output, exit 0, exactly one warning; back up: caching resumes.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_own() {
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --loglevel warning >/dev/null 2>&1 &
  own_pid=$!
  for _ in $(seq 100); do [[ $(redis-cli -p "$port" PING 2>/dev/null) == PONG ]] && return; sleep 0.05; done
  fail "redis-server on port $port did not start"
}
stop_own() { kill "$own_pid" && wait "$own_pid" 2>/dev/null; own_pid=""; }
own_url="redis://:s3cretpw@127.0.0.1:$port/0"
start_own
redis-cli -p "$port" CONFIG SET requirepass s3cretpw >/dev/null
# shellcheck disable=SC2086
DHARMA_REDIS_URL=$own_url run own-first $aws_args
expect_status 0 own-first && same_output own-first aws
expect_eq "$(redis-cli -p "$port" --no-auth-warning -a s3cretpw EXISTS "$(key_of aws)")" 1 "key in our own Redis"
stop_own
for name in aws cmp; do
  read -r _ _ args <<<"$(printf '%s\n' "${cases[@]}" | grep "^$name ")"
  # shellcheck disable=SC2086
  DHARMA_REDIS_URL=$own_url run "down-$name" $args
  expect_status 0 "down-$name"
  same_output "down-$name" "$name"
  expect_eq "$(wc -l <"down-$name.err")" 1 "$name: lines on stderr with Redis down"
  expect_in "down-$name.err" "dharma: warning: Redis at redis://:****@127.0.0.1:$port/0 is unavailable"
  grep -q s3cretpw "down-$name.err" && fail "the Redis password was printed"
done
start_own
redis-cli -p "$port" CONFIG SET requirepass s3cretpw >/dev/null
# shellcheck disable=SC2086
DHARMA_REDIS_URL=$own_url run back -v $aws_args
expect_status 0 back && same_output back aws && expect_in back.err "cache miss"
[[ $(grep -c warning back.err) == 0 ]] || fail "a warning with Redis back"
# shellcheck disable=SC2086
DHARMA_REDIS_URL=$own_url run back-again -v $aws_args
expect_status 0 back-again && same_output back-again aws && expect_in back-again.err "cache hit"
stop_own

# A malformed URL is invalid input naming its source; --no-cache does not read it.
# shellcheck disable=SC2086
DHARMA_REDIS_URL=http://cache:6379 run badurl $aws_args
expect_status 2 badurl
expect_in badurl.err "must start with redis:// (from DHARMA_REDIS_URL); fix it, or run with --no-cache"
[[ -s badurl.out ]] && fail "output written despite a malformed Redis URL"
# shellcheck disable=SC2086
DHARMA_REDIS_URL=http://cache:6379 run badurl-nocache $aws_args --no-cache
expect_status 0 badurl-nocache && same_output badurl-nocache aws
echo "ok"
