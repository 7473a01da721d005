# `dharma cache stats|flush` against the stack's Redis: stats as JSON, flush
# of one tenant's keys only (the tenant resolved through the store), unknown
# tenant (exit 2), unreachable Redis (exit 3).
source "$(dirname "$0")/lib.sh"
new_database cache
[[ -n ${DHARMA_REDIS_URL:-} ]] || fail "DHARMA_REDIS_URL not set"
run migrate db migrate
expect_status 0 migrate
A=$(owner_sql "INSERT INTO tenants (slug, name) VALUES ('alpha', 'Alpha') RETURNING id" | head -1)
redis_port=$(sed -E 's#.*:([0-9]+)(/.*)?$#\1#' <<<"$DHARMA_REDIS_URL")
rcli() { redis-cli -h 127.0.0.1 -p "$redis_port" "$@"; }
# Keys of alpha's, written by reads through the cache (the row, usage, the API-call count).
run show tenant show alpha
expect_status 0 show
run usage tenant usage alpha
expect_status 0 usage
alpha_keys=$(rcli --scan --pattern "dharma:v1:t:*.$A:*" | wc -l)
((alpha_keys >= 2)) || fail "alpha's reads cached nothing ($alpha_keys keys)"
rcli SET "dharma:v1:t:other-$$:blueprint:web" three >/dev/null

run stats cache stats --format json
expect_status 0 stats
python3 -c 'import json; d=json.load(open("stats.out")); assert d["keys"] >= 3 and 0 <= d["hit_rate"] <= 1, d' || fail "stats JSON"

run flush cache flush --tenant alpha
expect_status 0 flush
expect_in flush.out "removed $alpha_keys key(s) of tenant alpha"
expect_eq "$(rcli --scan --pattern "dharma:v1:t:*.$A:*" | wc -l)" 0 "alpha's keys after the flush"
expect_eq "$(rcli EXISTS "dharma:v1:t:other-$$:blueprint:web")" 1 "another tenant's key survived"
rcli DEL "dharma:v1:t:other-$$:blueprint:web" >/dev/null

run unknown cache flush --tenant nobody
expect_status 2 unknown
expect_in unknown.err "unknown tenant 'nobody'"

DHARMA_REDIS_URL=redis://:s3cretpw@127.0.0.1:1/0 run down cache stats
expect_status 3 down
expect_in down.err "cannot reach redis://:****@127.0.0.1:1/0"
grep -q s3cretpw down.err && fail "password printed"
echo "ok"
